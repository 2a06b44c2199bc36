"""The record of the work: visits (民情日志) with their teams, needs (诉求), roster sheets
(花名册) with their numbered lines, and their prints."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gridkeeper.storage.models.base import Base, Tracked
from gridkeeper.storage.models.register import Household, Worker

# Visits that met nobody, written out literally: SQLite uses a partial index only for a query
# whose condition is this very text (bound parameters would not match it).
FAILED_VISIT = "outcome IN ('absent', 'refused', 'away')"
FOLLOW_UP_SET = "follow_up_on IS NOT NULL"
UNMET_VISIT = "outcome <> 'met'"


class Visit(Tracked, Base):
    """One visit or attempt to a household. Only outcome "met" with a counting method counts."""

    __tablename__ = "visit"
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    visit_date: Mapped[date] = mapped_column(Date)
    visit_time: Mapped[time | None] = mapped_column(Time)
    method: Mapped[str] = mapped_column(String(8))  # VisitMethod
    outcome: Mapped[str] = mapped_column(String(10))  # VisitOutcome
    notes: Mapped[str | None] = mapped_column(Text)  # what was seen and said
    # the field's checklist (健康 / 水电气安全 / 居住 / 家庭支持 / 需求), free text each
    check_health: Mapped[str | None] = mapped_column(Text)
    check_safety: Mapped[str | None] = mapped_column(Text)
    check_living: Mapped[str | None] = mapped_column(Text)
    check_family: Mapped[str | None] = mapped_column(Text)
    check_needs: Mapped[str | None] = mapped_column(Text)
    hazards: Mapped[str | None] = mapped_column(Text)  # 隐患
    # the visit log form's fields (民情日志): who was met, the difficulties found, what was
    # done about them and with what result, and the follow-up plan with its date
    met_with: Mapped[str | None] = mapped_column(String(100))  # 走访对象
    difficulties: Mapped[str | None] = mapped_column(Text)  # 困难
    actions_taken: Mapped[str | None] = mapped_column(Text)  # 处理措施
    action_result: Mapped[str | None] = mapped_column(Text)  # 处理结果
    follow_up_plan: Mapped[str | None] = mapped_column(Text)  # 后续计划
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    roster_number: Mapped[str | None] = mapped_column(String(40), index=True)
    recorded_by: Mapped[str | None] = mapped_column(String(50))
    review_comment: Mapped[str | None] = mapped_column(Text)  # 点评
    reviewed_by: Mapped[str | None] = mapped_column(String(50))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    household: Mapped[Household] = relationship()
    participants: Mapped[list[VisitParticipant]] = relationship(
        back_populates="visit", order_by="VisitParticipant.id", cascade="all, delete-orphan"
    )
    __table_args__ = (
        Index("ix_visit_household_date", "household_id", "visit_date"),
        Index("ix_visit_date", "visit_date"),
        # the roster's counting visits: met visits only, covering date and method
        Index("ix_visit_met", "household_id", "visit_date", "method",
              sqlite_where=text("outcome = 'met'"), postgresql_where=text("outcome = 'met'")),
        # failed attempts of a period (completion figures): a small fraction of all visits
        Index("ix_visit_failed", "visit_date", "household_id",
              sqlite_where=text(FAILED_VISIT), postgresql_where=text(FAILED_VISIT)),
        # promised follow-ups (the roster's reason follow_up): a small fraction of all visits
        Index("ix_visit_follow_up", "follow_up_on", "household_id",
              sqlite_where=text(FOLLOW_UP_SET), postgresql_where=text(FOLLOW_UP_SET)),
        # each household's last visit that met nobody (the roster's "last attempt")
        Index("ix_visit_unmet", "household_id", "visit_date",
              sqlite_where=text(UNMET_VISIT), postgresql_where=text(UNMET_VISIT)),
    )


class VisitParticipant(Tracked, Base):
    """A member of the team that went (组团式服务): a worker, or a named liaison / volunteer."""

    __tablename__ = "visit_participant"
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    duty: Mapped[str | None] = mapped_column(String(30))
    visit: Mapped[Visit] = relationship(back_populates="participants")
    worker: Mapped[Worker | None] = relationship()


class NeedCategory(Tracked, Base):
    """What a need is about (housing repair, parking, ...); editable by the office."""

    __tablename__ = "need_category"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # working days from receipt to the default deadline (办理时限); None: no limit of its own
    deadline_days: Mapped[int | None] = mapped_column(Integer)


class Need(Tracked, Base):
    """A need or complaint (诉求 / 社情民意) followed until it is closed (件件有着落)."""

    __tablename__ = "need"
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    number: Mapped[str] = mapped_column(String(30), unique=True)  # ledger number
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))  # walk-ins without a household
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(16))  # NeedChannel
    category_id: Mapped[int] = mapped_column(ForeignKey("need_category.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    deadline: Mapped[date | None] = mapped_column(Date)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")  # NeedStatus
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[str | None] = mapped_column(String(20))  # Satisfaction, the latest 回访
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)
    ticket_no: Mapped[str | None] = mapped_column(String(40))  # 工单号, unique per channel
    category_text: Mapped[str | None] = mapped_column(String(60))  # the hotline's own 类别
    # why an imported need has no household: "none" matched or "several"; None once settled
    unlinked: Mapped[str | None] = mapped_column(String(10))
    sent_to: Mapped[str | None] = mapped_column(String(100))  # 派单: the department holding it
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)  # 吹哨, the latest
    escalation_reason: Mapped[str | None] = mapped_column(Text)
    callback_due: Mapped[date | None] = mapped_column(Date)  # 回访 by this day once resolved
    called_back_at: Mapped[datetime | None] = mapped_column(DateTime)  # the latest 回访
    reopened: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # after 不满意
    household: Mapped[Household | None] = relationship()
    category: Mapped[NeedCategory] = relationship()
    handler: Mapped[Worker | None] = relationship()
    __table_args__ = (
        Index("ix_need_status", "status", "received_at"),
        Index("ix_need_received", "received_at"),
        Index("uq_need_channel_ticket", "channel", "ticket_no", unique=True),
    )


class SpotCheck(Tracked, Base):
    """A counted visit drawn for a supervisor's confirming phone call (抽查回访).

    Drawn per worker and month (``month`` "2026-11"); ``result`` is None until the call is
    recorded (SpotCheckResult). A visit found not to have happened gets outcome "disproved",
    and ``original_outcome`` keeps what it said, so a later call that confirms it restores it.
    """

    __tablename__ = "spot_check"
    month: Mapped[str] = mapped_column(String(7))
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), unique=True)
    drawn_at: Mapped[datetime] = mapped_column(DateTime)
    drawn_by: Mapped[str | None] = mapped_column(String(50))
    result: Mapped[str | None] = mapped_column(String(16))
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_by: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
    original_outcome: Mapped[str | None] = mapped_column(String(10))
    visit: Mapped[Visit] = relationship()
    worker: Mapped[Worker] = relationship()
    __table_args__ = (Index("ix_spot_check_month", "month", "worker_id"),)


class NeedEvent(Tracked, Base):
    """One step in a need's life (受理, 派单, 退回, 吹哨, 办理进展, 回访, ...): its history."""

    __tablename__ = "need_event"
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16))  # NeedEventKind
    actor: Mapped[str | None] = mapped_column(String(50))  # the user who recorded it
    party: Mapped[str | None] = mapped_column(String(100))  # a worker or a department
    text: Mapped[str | None] = mapped_column(Text)  # reason, note or result
    rating: Mapped[str | None] = mapped_column(String(20))  # Satisfaction, for a 回访


class NeedHelper(Tracked, Base):
    """A worker helping the lead handler (协办; the need's handler is the 主办)."""

    __tablename__ = "need_helper"
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    worker: Mapped[Worker] = relationship()
    __table_args__ = (UniqueConstraint("need_id", "worker_id"),)


class RosterSheet(Tracked, Base):
    """A grid's roster for one week under its number (花名册编号): one number per grid and
    week, however often it is printed or exported, so paper typed back always finds it."""

    __tablename__ = "roster_sheet"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    week: Mapped[str] = mapped_column(String(8))  # ISO week, "2026-W48"
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    prints: Mapped[int] = mapped_column(Integer, default=0)  # how often it was printed
    __table_args__ = (Index("ix_roster_sheet_week", "week", "grid_id"),)


class RosterSheetLine(Base):
    """A household on a roster sheet with its 序号 (seq). A line never changes its number:
    every print of the sheet and every entry from it agree on which household is which."""

    __tablename__ = "roster_sheet_line"
    sheet_id: Mapped[int] = mapped_column(ForeignKey("roster_sheet.id", ondelete="CASCADE"),
                                          primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    __table_args__ = (UniqueConstraint("sheet_id", "household_id"),)


class PrintedRoster(Tracked, Base):
    """One print of a roster sheet: who printed it when, the how-manieth print it was
    (``copy``) and the households on that paper, in order."""

    __tablename__ = "printed_roster"
    number: Mapped[str] = mapped_column(String(40), index=True)  # the sheet's number
    copy: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    week: Mapped[str] = mapped_column(String(8))  # ISO week, "2026-W48"
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    printed_by: Mapped[str | None] = mapped_column(String(50))
    households: Mapped[str] = mapped_column(Text, default="")  # comma-separated ids, in order
