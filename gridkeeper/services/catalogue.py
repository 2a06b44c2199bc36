"""The office's editable catalogues and their defaults: household categories with visit
rules (from the Shijingshan street office's published rule, see DOMAIN.md) and need kinds.

Defaults are written once when a database is created; afterwards they belong to the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.storage.models import Category, NeedCategory


@dataclass(frozen=True)
class CategoryDefault:
    """A default category; ``visits`` 0 makes it a tag (no visit rule)."""

    code: str
    name_zh: str
    name_en: str
    colour: str
    kind: str
    visits: int
    period: str
    threshold_age: int | None = None
    aliases: str = ""
    methods: str = "home"

    @property
    def target_rate(self) -> int:
        """Monthly rules 100 % (the 2022 national guideline for elderly living alone and the
        like), quarterly 95 %, longer ones 90 %: a start the office adjusts in settings."""
        return {"week": 100, "month": 100, "quarter": 95}.get(self.period, 90)


DEFAULT_CATEGORIES: tuple[CategoryDefault, ...] = (
    CategoryDefault("general", "一般户", "general", "#9E9E9E", "universal", 1, "half_year",
                    aliases="一般、普通户"),
    CategoryDefault("low_income", "低保", "low-income (dibao)", "#388E3C", "manual", 1, "quarter",
                    aliases="低保户、最低生活保障"),
    CategoryDefault("low_income_marginal", "低收入", "low-income marginal", "#00897B", "manual",
                    1, "quarter", aliases="低收入户、低边、低保边缘"),
    CategoryDefault("disabled", "残疾", "disabled", "#1976D2", "manual", 1, "quarter",
                    aliases="残疾人、残障"),
    CategoryDefault("special_hardship", "特困", "special hardship", "#D32F2F", "manual", 2,
                    "month", aliases="鳏寡孤独、特困人员、特困供养"),
    CategoryDefault("elderly_80", "高龄", "aged 80+", "#7B1FA2", "derived", 1, "month",
                    threshold_age=80, aliases="高龄老人、80岁以上"),
    CategoryDefault("living_alone", "独居老人", "elderly living alone", "#F57C00", "derived", 1,
                    "month", threshold_age=60, aliases="独居"),
    CategoryDefault("empty_nest", "空巢", "empty-nest elderly", "#FBC02D", "derived", 1, "month",
                    threshold_age=60, aliases="空巢老人"),
    # tags (0 visits: no rule of their own), for lists, chips and the building chart's layers
    CategoryDefault("stranded_elderly", "悬空老人", "elderly stranded upstairs", "#5D4037",
                    "derived", 0, "year", threshold_age=60, aliases="悬空、无电梯高层老人"),
    CategoryDefault("party_member", "党员", "party member", "#C62828", "manual", 0, "year",
                    aliases="中共党员、党员户"),
    CategoryDefault("unable_self_care", "失能", "unable to care for self", "#6D4C41", "manual", 0,
                    "year", aliases="失能老人、半失能"),
    CategoryDefault("dementia", "失智", "dementia", "#8E24AA", "manual", 0, "year",
                    aliases="失智老人、认知障碍"),
    CategoryDefault("lost_only_child", "失独", "lost their only child", "#455A64", "manual", 0,
                    "year", aliases="失独家庭"),
    CategoryDefault("veteran", "退役军人", "veteran", "#2E7D32", "manual", 0, "year",
                    aliases="军人、复员军人、转业军人"),
)

# code, names, working days to the default deadline (办理时限)
DEFAULT_NEED_CATEGORIES: tuple[tuple[str, str, str, int], ...] = (
    ("housing_repair", "房屋维修", "housing repair", 7),
    ("utilities", "水电气暖", "water / power / gas", 3),
    ("parking", "停车", "parking", 15),
    ("environment", "环境卫生", "environment", 5),
    ("elderly_care", "养老服务", "elderly care", 10),
    ("medical", "医疗健康", "medical", 5),
    ("benefits", "救助补贴", "benefits and subsidies", 15),
    ("safety", "安全隐患", "safety", 2),
    ("dispute", "邻里纠纷", "neighbour dispute", 10),
    ("other", "其他", "other", 15),
)


def seed_defaults(session: Session) -> None:
    """Write the default catalogues into an empty database (idempotent)."""
    have = set(session.scalars(select(Category.code)))
    for order, c in enumerate(DEFAULT_CATEGORIES):
        if c.code not in have:
            session.add(Category(
                code=c.code, name_zh=c.name_zh, name_en=c.name_en, colour=c.colour, kind=c.kind,
                visits=c.visits, period=c.period, methods=c.methods,
                threshold_age=c.threshold_age, aliases=c.aliases, sort_order=order,
                target_rate=c.target_rate,
            ))
    have_needs = set(session.scalars(select(NeedCategory.code)))
    for order, (code, zh, en, days) in enumerate(DEFAULT_NEED_CATEGORIES):
        if code not in have_needs:
            session.add(NeedCategory(code=code, name_zh=zh, name_en=en, sort_order=order,
                                     deadline_days=days))
