"""The household register: community, grids, estates, buildings, households, residents,
categories and their assignments, and the workers who visit."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    literal_column,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridkeeper.storage.models.base import Base, Tracked


class Community(Tracked, Base):
    """A community office (社区居委会); a street office's database holds several."""

    __tablename__ = "community"
    name: Mapped[str] = mapped_column(String(100), unique=True)
    street: Mapped[str | None] = mapped_column(String(100))  # 街道
    # the street office's order of its communities (see gridkeeper.services.levels)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class Worker(Tracked, Base):
    """Somebody who visits: staff, grid leader, police officer, liaison or volunteer."""

    __tablename__ = "worker"
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20))
    # 社工 / 网格员 / 民警 / 楼门长 / 志愿者: free text, as offices name their teams differently
    duty: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("community_id", "name"),)


class Grid(Tracked, Base):
    """A grid (网格): usually one building or a few, with one leader."""

    __tablename__ = "grid"
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    leader: Mapped[Worker | None] = relationship(foreign_keys=[leader_id])
    __table_args__ = (UniqueConstraint("community_id", "name"),)


class Estate(Tracked, Base):
    """A residential estate (小区)."""

    __tablename__ = "estate"
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    __table_args__ = (UniqueConstraint("community_id", "name"),)


class Building(Tracked, Base):
    """A building (楼) of an estate; its number is text because offices write "3", "3号" or "A"."""

    __tablename__ = "building"
    estate_id: Mapped[int] = mapped_column(ForeignKey("estate.id"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    floors: Mapped[int | None] = mapped_column(Integer)
    units: Mapped[int | None] = mapped_column(Integer)
    rooms_per_floor: Mapped[int | None] = mapped_column(Integer)
    # 有无电梯: None = not recorded; without one, elderly from the 4th floor up are 悬空老人
    has_lift: Mapped[bool | None] = mapped_column(Boolean)
    estate: Mapped[Estate] = relationship()
    grid: Mapped[Grid] = relationship()
    __table_args__ = (UniqueConstraint("estate_id", "number"),)


class Household(Tracked, Base):
    """A household (户) at one address; never hard-deleted, only given another status."""

    __tablename__ = "household"
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    code: Mapped[str] = mapped_column(String(40))  # 户编号
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"))
    unit: Mapped[int] = mapped_column(Integer)  # 单元
    floor: Mapped[int] = mapped_column(Integer)  # 楼层
    room: Mapped[str] = mapped_column(String(20))  # 门牌号, e.g. "1201"
    # 登记日期; for a household on the register before records began (a blank 登记日期,
    # ``before_records``) the day it entered GridKeeper: either way the day visits are owed from
    registered_on: Mapped[date] = mapped_column(Date)
    before_records: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    phone: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="active")  # HouseholdStatus
    # suspended: not due until this date; deceased / moved out: the day it happened
    status_until: Mapped[date | None] = mapped_column(Date)
    status_since: Mapped[date | None] = mapped_column(Date)
    building: Mapped[Building] = relationship()
    worker: Mapped[Worker | None] = relationship()
    residents: Mapped[list[Resident]] = relationship(
        back_populates="household", order_by="Resident.id"
    )
    __table_args__ = (
        UniqueConstraint("community_id", "code"),
        # walking order: building, unit, floor, room
        Index("ix_household_walk", "building_id", "unit", "floor", "room"),
        Index("ix_household_phone", "phone"),
    )


# Active residents, written out literally: SQLite uses a partial index only for a query whose
# condition is this very text
ACTIVE_RESIDENT = "status = 'active'"


class Resident(Tracked, Base):
    """A person living in a household; exactly one active head (户主) per household."""

    __tablename__ = "resident"
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    # pinyin for search: full (zhangwei) and initials (zw), filled by the register service
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    name_initials: Mapped[str] = mapped_column(String(50), default="")
    gender: Mapped[str | None] = mapped_column(String(1))  # Gender
    id_number: Mapped[str | None] = mapped_column(String(18))
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    relation: Mapped[str] = mapped_column(String(20), default="户主")  # 与户主关系
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="active")  # ResidentStatus
    household: Mapped[Household] = relationship(back_populates="residents")
    categories: Mapped[list[CategoryAssignment]] = relationship(
        back_populates="resident", order_by="CategoryAssignment.id"
    )
    __table_args__ = (
        Index("uq_resident_id_number", "id_number", unique=True),
        Index(
            "uq_resident_one_head", "household_id", unique=True,
            sqlite_where=text("is_head = 1"), postgresql_where=text("is_head"),
        ),
        Index("ix_resident_birth", "birth_date"),
        # active residents' births by household, read without the rows (the visit engine's
        # compositions, the roster's resident counts)
        Index("ix_resident_active", "household_id", "birth_date",
              sqlite_where=text(ACTIVE_RESIDENT), postgresql_where=text(ACTIVE_RESIDENT)),
        # household_id in the search indexes makes them covering: a search matching 20,000
        # residents reads only the index, not 20,000 scattered rows (the register's search box)
        Index("ix_resident_initials", "name_initials", "household_id"),
        Index("ix_resident_pinyin", "name_pinyin", "household_id"),
        Index("ix_resident_name", "name", "household_id"),
    )


class Category(Tracked, Base):
    """A household category (人员类别) with its visit rule: k counting visits per period."""

    __tablename__ = "category"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60))
    colour: Mapped[str] = mapped_column(String(9))  # "#RRGGBB"
    kind: Mapped[str] = mapped_column(String(12))  # CategoryKind
    visits: Mapped[int] = mapped_column(Integer)  # k
    period: Mapped[str] = mapped_column(String(12))  # Period
    # comma-separated VisitMethod codes that count toward the rule
    methods: Mapped[str] = mapped_column(String(60), default="home")
    threshold_age: Mapped[int | None] = mapped_column(Integer)  # for derived categories
    aliases: Mapped[str] = mapped_column(String(200), default="")  # 、-separated
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the completion rate (percent) supervisors expect of this category's visits
    target_rate: Mapped[int] = mapped_column(Integer, default=100, server_default="100")


class CategoryAssignment(Tracked, Base):
    """A manual category held by a resident from ``valid_from`` to ``valid_to`` (inclusive)."""

    __tablename__ = "category_assignment"
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    disability_kind: Mapped[int | None] = mapped_column(Integer)  # 1-7, disabled only
    disability_grade: Mapped[int | None] = mapped_column(Integer)  # 1-4, disabled only
    note: Mapped[str | None] = mapped_column(String(200))
    resident: Mapped[Resident] = relationship(back_populates="categories")
    category: Mapped[Category] = relationship()
    __table_args__ = (
        Index("ix_assignment_resident", "resident_id", "category_id"),
        Index("ix_assignment_category", "category_id", "valid_from"),
    )


class StairwellContact(Tracked, Base):
    """A standing contact of a building or one of its stairwells (组团式服务): 楼门长,
    民情联络员, 社区民警, 志愿者, 党员. The person is a :class:`Worker` (name, phone), so a visit's
    team is picked from the same people; ``role`` is a ContactRole code."""

    __tablename__ = "stairwell_contact"
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[int | None] = mapped_column(Integer)  # 单元; None: the whole building
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[Worker] = relationship()
    __table_args__ = (UniqueConstraint("building_id", "unit", "worker_id", "role"),)


class HouseholdEvent(Tracked, Base):
    """One change in a household's life as the register saw it (its history): registered,
    moved to another address, a member joined or left (moved in from or out to another
    household, moved away, died, came back), status changed, handed to another worker.
    ``before`` / ``after`` are what changed, as shown (an address, a household code, a name)."""

    __tablename__ = "household_event"
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # HouseholdChange
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True)
    other_household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    before: Mapped[str | None] = mapped_column(String(200))
    after: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str | None] = mapped_column(String(50))
    __table_args__ = (Index("ix_household_event_household", "household_id", "day"),)


class CampaignList(Tracked, Base):
    """A saved list for a campaign (a storm, a heat wave, the heating season): households
    holding any of ``categories`` in ``buildings`` on floors ``floor_from``..``floor_to``."""

    __tablename__ = "campaign_list"
    name: Mapped[str] = mapped_column(String(60), unique=True)
    categories: Mapped[str] = mapped_column(String(400), default="")  # comma-separated codes
    buildings: Mapped[str] = mapped_column(Text, default="")  # comma-separated ids; "" = all
    floor_from: Mapped[int | None] = mapped_column(Integer)
    floor_to: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(50))


def tail_key(column: Any) -> Any:
    """The last four characters of a phone or ID number (substr + length work the same in
    SQLite and PostgreSQL). The register search writes exactly this expression, literals
    included, so the planners match it to the expression indexes below: an ID or phone tail
    typed into the search box is an index lookup instead of a scan of every resident."""
    return func.substr(column, func.length(column) - literal_column("3"), literal_column("4"))


Index("ix_resident_phone_tail", tail_key(Resident.phone))
Index("ix_resident_id_tail", tail_key(Resident.id_number))
Index("ix_household_phone_tail", tail_key(Household.phone))
