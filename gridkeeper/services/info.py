"""Counts of what the register holds, for ``info`` and the status bar."""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from sqlalchemy import func, select

from gridkeeper.domain.i18n import language
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Grid,
    Household,
    Need,
    Resident,
    Visit,
    Worker,
)


class InfoService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def counts(self) -> dict[str, Any]:
        with self.db.reading() as s:
            def count(model: Any) -> int:
                return int(s.scalar(select(func.count()).select_from(model)) or 0)

            by_status = dict(s.execute(
                select(Household.status, func.count()).group_by(Household.status)).all())
            needs = dict(s.execute(select(Need.status, func.count()).group_by(Need.status)).all())
            outcomes = dict(s.execute(
                select(Visit.outcome, func.count()).group_by(Visit.outcome)).all())
            manual = dict(s.execute(
                select(Category.code, func.count(func.distinct(Resident.household_id)))
                .join(CategoryAssignment, CategoryAssignment.category_id == Category.id)
                .join(Resident, Resident.id == CategoryAssignment.resident_id)
                .join(Household, Household.id == Resident.household_id)
                .where(Household.status == "active", CategoryAssignment.valid_to.is_(None))
                .group_by(Category.code)).all())
            return {
                "database": self.db.describe(),
                "communities": count(Community),
                "grids": count(Grid),
                "buildings": count(Building),
                "households": count(Household),
                "households_by_status": by_status,
                "residents": count(Resident),
                "workers": count(Worker),
                "visits": count(Visit),
                "visits_by_outcome": outcomes,
                "needs": count(Need),
                "needs_by_status": needs,
                "households_per_category": {**manual, **_derived_counts(s, date.today())},
            }

    def print_counts(self, counts: dict[str, Any], out: TextIO) -> None:
        zh = language() == "zh"
        labels = {
            "database": ("数据库", "database"), "communities": ("社区", "communities"),
            "grids": ("网格", "grids"), "buildings": ("楼栋", "buildings"),
            "households": ("住户", "households"), "residents": ("居民", "residents"),
            "workers": ("工作人员", "workers"), "visits": ("走访记录", "visits"),
            "needs": ("诉求", "needs"),
        }
        for key, (z, e) in labels.items():
            print(f"{z if zh else e}: {counts[key]}", file=out)
        for key, (z, e) in {
            "households_by_status": ("住户状态", "households by status"),
            "visits_by_outcome": ("走访结果", "visits by outcome"),
            "needs_by_status": ("诉求状态", "needs by status"),
            "households_per_category": ("各类别户数", "households per category"),
        }.items():
            parts = ", ".join(f"{k} {v}" for k, v in sorted(counts[key].items()))
            print(f"{z if zh else e}: {parts}", file=out)


def _derived_counts(session: Any, today: date) -> dict[str, int]:
    """Active households per derived category (高龄 / 独居 / 空巢) today, by the visit engine."""
    import numpy as np

    from gridkeeper.domain.standings import ACTIVE, Assignments, Rules, categories_on, day_number
    from gridkeeper.services.columns import ColumnLoader
    from gridkeeper.services.roster import load_catalogue, years_before

    catalogue = load_catalogue(session)
    if not catalogue.derived:
        return {}
    rules = Rules(catalogue)
    loader = ColumnLoader(session.connection(), rules, None)
    youngest_threshold = min(c.threshold_age or 60 for c in catalogue.derived)
    h = loader.households(today, date.max, years_before(today, youngest_threshold))
    manual_none = Assignments(*(np.zeros(0, dtype=np.int64),) * 4)  # derived ones only
    mask = categories_on(h, manual_none, rules, day_number(today))[h.status == ACTIVE]
    return {c.code: int(np.count_nonzero(mask >> i & 1)) for i, c in enumerate(catalogue.categories)
            if c in catalogue.derived}
