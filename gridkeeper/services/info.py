"""Counts of what the register holds, for ``info`` and the status bar.

A grid leader's counts cover their grids only, like everything else they see.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from sqlalchemy import func, select

from gridkeeper.domain.i18n import counted, language
from gridkeeper.domain.roles import SYSTEM, Actor, Permission
from gridkeeper.services import levels
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    Community,
    Grid,
    Household,
    Need,
    Resident,
    Visit,
    Worker,
)


class InfoService:
    def __init__(self, db: Database, actor: Actor = SYSTEM) -> None:
        self.db = db
        self.actor = actor

    def counts(self) -> dict[str, Any]:
        self.actor.require(Permission.VIEW_REGISTER)
        grid_ids = self.actor.grid_ids
        with self.db.reading() as s:
            if grid_ids is None:
                def scoped(query: Any, _join: str) -> Any:
                    return query
            else:
                households = (select(Household.id).join(Building, Building.id == Household.building_id)
                              .where(Building.grid_id.in_(grid_ids)))
                communities = select(Grid.community_id).where(Grid.id.in_(grid_ids))

                def scoped(query: Any, join: str) -> Any:
                    return {
                        "community": query.where(Community.id.in_(communities)),
                        "grid": query.where(Grid.id.in_(grid_ids)),
                        "building": query.where(Building.grid_id.in_(grid_ids)),
                        "household": query.where(Household.id.in_(households)),
                        "resident": query.where(Resident.household_id.in_(households)),
                        "worker": query.where(Worker.community_id.in_(communities)),
                        "visit": query.where(Visit.household_id.in_(households)),
                        "need": query.where(Need.household_id.in_(households)),
                    }[join]

            def count(model: Any, join: str) -> int:
                return int(s.scalar(scoped(select(func.count()).select_from(model), join)) or 0)

            by_status = dict(s.execute(scoped(
                select(Household.status, func.count()).group_by(Household.status), "household")).all())
            needs = dict(s.execute(scoped(
                select(Need.status, func.count()).group_by(Need.status), "need")).all())
            outcomes = dict(s.execute(scoped(
                select(Visit.outcome, func.count()).group_by(Visit.outcome), "visit")).all())
            from gridkeeper.services.held import households_per_category

            held = households_per_category(s, date.today(), grid_ids)
            # a street office's figures are its communities' added up: each one's, in order
            per_grid = dict(s.execute(scoped(
                select(Building.grid_id, func.count()).join(Household, Household.building_id == Building.id)
                .group_by(Building.grid_id), "building")).all())
            places = levels.communities(s, grid_ids)
            tags = set(s.scalars(select(Category.code).where(Category.visits == 0)))
            return {
                "database": self.db.describe(),
                "communities": count(Community, "community"),
                "grids": count(Grid, "grid"),
                "buildings": count(Building, "building"),
                "households": count(Household, "household"),
                "households_by_status": by_status,
                "residents": count(Resident, "resident"),
                "workers": count(Worker, "worker"),
                "visits": count(Visit, "visit"),
                "visits_by_outcome": outcomes,
                "needs": count(Need, "need"),
                "needs_by_status": needs,
                # active households holding each category today, derived ones included; tags
                # (categories without a visit rule) counted apart
                "households_per_category": {c: n for c, n in held.items() if c not in tags},
                "households_per_tag": {c: n for c, n in held.items() if c in tags},
                "households_per_community": {
                    c.name: sum(per_grid.get(g.id, 0) for g in c.grids) for c in places},
                "grids_per_community": {c.name: len(c.grids) for c in places},
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
            "households_per_tag": ("各标签户数", "households per tag"),
        }.items():
            parts = ", ".join(f"{k} {v}" for k, v in sorted(counts[key].items()))
            print(f"{z if zh else e}: {parts}", file=out)
        if len(counts["households_per_community"]) > 1:  # a street office: in the street's order
            parts = ", ".join(
                (f"{name} {counts['grids_per_community'][name]} 个网格 {n} 户" if zh else
                 f"{name} {counted(counts['grids_per_community'][name], 'grid')} {counted(n, 'household')}")
                for name, n in counts["households_per_community"].items())
            print(f"{'各社区' if zh else 'per community'}: {parts}", file=out)

