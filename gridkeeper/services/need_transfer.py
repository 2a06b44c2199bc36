"""Hotline tickets in and needs out: ``gridkeeper import needs FILE`` / ``export needs FILE``.

The 12345 hotline hands a community its tickets (工单) in batches, as a sheet with the columns
工单号, 来源, 受理时间, 诉求人, 联系电话, 地址, 诉求内容, 类别, 办理时限 (English keys ticket_no,
channel, received_at, person, phone, address, content, category, deadline). Each row
becomes a need, found again by its 工单号 and channel when the sheet comes a second time: a
re-import updates the ticket's details and never makes a duplicate (its handling, handler
and history stay). The household is matched by address, then phone
(gridkeeper/services/need_matching.py); a row matching none or several households is
imported unlinked and listed for a person to link, never guessed.

As the other imports: the whole sheet is read and checked first, every problem is reported
by sheet row and column, and nothing is written when a row is malformed (unless
``only_good``); then one transaction writes it all. A 类别 the office does not have is not a
problem: the need becomes 其他 and keeps the hotline's text, with a warning.

The export writes the same nine columns first (a full export imports back), then how each
need went; phones masked unless ``full``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import NeedChannel, NeedEventKind, NeedStatus, Satisfaction
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T, counted, language
from gridkeeper.domain.needs import NeedDraft, add_working_days
from gridkeeper.domain.periods import Span
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.io import cells
from gridkeeper.io.tables import Column, open_table
from gridkeeper.io.workbook import SheetData
from gridkeeper.services import audit_trail
from gridkeeper.services.grid_names import grid_labels
from gridkeeper.services.importer import (
    COLON,
    COMMA,
    LIST_SEPARATOR,
    MORE,
    MissingColumns,
    Problem,
)
from gridkeeper.services.need_matching import EstateNames, match_household, phone_text
from gridkeeper.services.needs import check_draft, record_event, visible_needs, write_need
from gridkeeper.services.outputs import publish
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Grid,
    Household,
    Need,
    NeedCategory,
    NeedHelper,
    Worker,
)

NEED_COLUMNS: tuple[Column, ...] = (
    Column("ticket_no", "工单号", "ticket_no", ("工单编号", "编号", "ticket"), required=True),
    Column("channel", "来源", "channel", ("渠道", "来源渠道", "诉求来源")),
    Column("received_at", "受理时间", "received_at", ("来电时间", "登记时间", "受理日期"),
           required=True),
    Column("person", "诉求人", "person", ("来电人", "反映人", "姓名", "联系人")),
    Column("phone", "联系电话", "phone", ("电话", "来电号码", "手机", "手机号")),
    Column("address", "地址", "address", ("诉求地址", "事发地址", "详细地址", "住址")),
    Column("content", "诉求内容", "content", ("内容", "反映内容", "问题描述", "工单内容"),
           required=True),
    Column("category", "类别", "category", ("诉求类别", "问题类别", "分类")),
    Column("deadline", "办理时限", "deadline", ("时限", "截止时间", "办结时限")),
)
EXPORT_EXTRA = ("台账编号", "状态", "户编号", "网格", "主办人", "协办人", "派往单位", "响应时间",
                "解决时间", "处理结果", "回访时间", "满意度", "重新办理次数", "吹哨理由")
NEED_TITLES = [c.zh for c in NEED_COLUMNS] + list(EXPORT_EXTRA)
NEED_TEXT_COLUMNS = frozenset({0, 4, 9, 11})  # 工单号, 联系电话, 台账编号, 户编号: always text

# 来源 as hotline sheets and offices write it -> channel
CHANNELS: dict[str, NeedChannel] = {
    "12345": NeedChannel.HOTLINE, "12345热线": NeedChannel.HOTLINE, "hotline": NeedChannel.HOTLINE,
    "热线": NeedChannel.HOTLINE, "市民热线": NeedChannel.HOTLINE,
    "来电": NeedChannel.PHONE, "phone": NeedChannel.PHONE, "电话": NeedChannel.PHONE,
    "来访": NeedChannel.WALK_IN, "walk-in": NeedChannel.WALK_IN, "walkin": NeedChannel.WALK_IN,
    "走访": NeedChannel.VISIT, "visit": NeedChannel.VISIT, "入户": NeedChannel.VISIT,
    "部门转办": NeedChannel.REFERRED, "referral": NeedChannel.REFERRED, "转办": NeedChannel.REFERRED,
}
_WORKING_DAYS = re.compile(r"^(\d{1,3})\s*(?:个)?(?:工作日|天|日)?$")
_OTHER = "other"


def parse_channel(value: object) -> NeedChannel:
    """来源 as written (12345, 来访, referral, walk_in, ...); empty means the hotline."""
    raw = cells.text(value)
    if not raw:
        return NeedChannel.HOTLINE
    key = raw.lower().replace(" ", "")
    if key in CHANNELS:
        return CHANNELS[key]
    try:
        return NeedChannel.parse(raw)  # type: ignore[return-value]
    except ValueError:
        raise ValidationError(T("来源", "channel"), raw, T(
            "应为 12345、来电、来访、走访 或 部门转办", "should be 12345, phone, walk-in, visit or referral"
        )) from None


@dataclass(frozen=True)
class Unlinked:
    """An imported ticket that names no single household: for a person to link."""

    row: int
    ticket_no: str
    why: str  # "none" or "several"
    address: str
    phone: str | None

    def message(self, lang: str | None = None) -> str:
        zh = (self.why == "none")
        if (lang or language()) == "zh":
            why = "找不到对应住户" if zh else "对应多户，无法确定"
            return f"第{self.row}行 工单{self.ticket_no}：{why}（{self.address or '无地址'}）"
        why = "no household found" if zh else "several households match"
        return f"row {self.row}, ticket {self.ticket_no}: {why} ({self.address or 'no address'})"


@dataclass
class NeedImportResult:
    """The outcome (or, for a dry run, the plan) of a hotline import."""

    path: Path
    dry_run: bool
    only_good: bool
    header_row: int = 0
    rows_read: int = 0
    added: list[str] = field(default_factory=list)  # ticket numbers
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unlinked: list[Unlinked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def summary(result: NeedImportResult) -> str:
    """What was (or would be) done, one line per kind of change, then the tickets to link."""
    if result.dry_run:
        lines = [str(T("试导入（未写入）：", "dry run (nothing written):"))]
    elif result.written:
        lines = [str(T("已导入：", "imported:"))]
    else:
        lines = [str(T("有错误，未导入任何工单（可用 --only-good 只导入无误的行）：",
                       "problems found, nothing imported (--only-good imports the rest):"))]
    for label, items in ((T("新增工单", "tickets added"), result.added),
                         (T("更新工单", "tickets updated"), result.changed),
                         (T("无变化", "unchanged"), result.unchanged),
                         (T("拒绝", "refused"), result.refused)):
        if items:
            listed = f"{LIST_SEPARATOR}".join(items[:20]) + (f"{MORE}" if len(items) > 20 else "")
            lines.append(f"  {label} {len(items)}{COLON}{listed}")
    if result.unlinked:
        lines.append(f"  {T('未关联住户，请人工关联', 'not linked to a household, to link by hand')} "
                     f"{len(result.unlinked)}{COLON}")
        lines += [f"    {u.message()}" for u in result.unlinked]
    lines.append(f"  {T('读取行数', 'rows read')} {result.rows_read}{COMMA}"
                  f"{T('问题', 'problems')} {len(result.problems)}{COMMA}"
                  f"{T('提醒', 'warnings')} {len(result.warnings)}")
    return "\n".join(lines)


@dataclass
class _Ticket:
    row: int
    draft: NeedDraft
    problems: list[Problem]
    warnings: list[Problem]


class NeedImportService:
    """``import needs``: hotline tickets from a sheet (see the module docstring)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def import_needs(self, path: str | Path, *, dry_run: bool = False, only_good: bool = False,
                     progress: Progress = no_progress, now: datetime | None = None
                     ) -> NeedImportResult:
        self.actor.require(Permission.IMPORT)
        self.actor.require(Permission.MANAGE_NEEDS)
        now = now or datetime.now().replace(microsecond=0)
        table = open_table(path, NEED_COLUMNS)
        if table.missing:
            raise MissingColumns(str(path), "、".join(table.missing), table.header_row)
        result = NeedImportResult(Path(path), dry_run, only_good, table.header_row)
        titles = {k: table.titles[i] for k, i in table.mapping.items()}
        progress(0.0, "读取 / reading")
        scope = self.db.reading() if dry_run else self.db.transaction()
        with scope as session:
            categories = _Categories(session)
            tickets: list[_Ticket] = []
            seen: dict[tuple[str, str], int] = {}
            rows = list(table.rows())
            result.rows_read = len(rows)
            for i, (number, values) in enumerate(rows):
                ticket = _read_row(session, table, titles, number, values, categories, now)
                key = (str(ticket.draft.channel), ticket.draft.ticket_no or "")
                if not ticket.problems and key in seen:
                    ticket.problems.append(Problem(number, titles["ticket_no"], key[1], T(
                        f"与第{seen[key]}行的工单号重复", f"repeats the ticket of row {seen[key]}")))
                seen.setdefault(key, number)
                if not ticket.problems and ticket.draft.ticket_no:
                    self._check_owner(session, ticket, titles)
                tickets.append(ticket)
                if i % 200 == 0:
                    progress(0.4 * i / max(1, len(rows)), "核对 / checking")
            for ticket in tickets:
                result.problems.extend(ticket.problems)
                result.warnings.extend(ticket.warnings)
                if ticket.problems:
                    result.refused.append(ticket.draft.ticket_no or str(ticket.row))
            good = [t for t in tickets if not t.problems]
            if result.problems and not only_good:
                progress(1.0, "")
                return result
            if not dry_run and good:
                from gridkeeper.services.backup import BackupService

                BackupService(self.db, self.actor).safety_copy("before-import")
            estates = EstateNames(session)
            for i, ticket in enumerate(good):
                self._write(session, ticket, estates, result, now, dry_run)
                if i % 100 == 0:
                    progress(0.4 + 0.6 * i / max(1, len(good)), "写入 / writing")
            if not dry_run:
                audit_trail.record(session, self.actor, "import", table="need", detail=(
                    f"needs {result.path.name}: added {len(result.added)}, changed "
                    f"{len(result.changed)}, unlinked {len(result.unlinked)}, "
                    f"refused {len(result.refused)}"))
                result.written = True
        progress(1.0, "")
        return result

    def save_error_report(self, result: NeedImportResult, target: str | Path) -> Path:
        """An Excel copy of the sheet with an added 错误 column on the bad rows."""
        table = open_table(result.path, NEED_COLUMNS)
        by_row: dict[int, list[str]] = {}
        for problem in result.problems:
            by_row.setdefault(problem.row, []).append(problem.message())
        width = len(table.raw_header)
        rows = [[number, *(list(values) + [None] * width)[:width], "；".join(by_row.get(number, []))]
                for number, values in table.rows()]
        titles = ["行号", *(t or f"列{i + 1}" for i, t in enumerate(table.titles)), "错误"]
        text = frozenset(i + 1 for k, i in table.mapping.items() if k in ("ticket_no", "phone"))
        # the sheet's own data, errors beside it: written whole and recorded like an export
        return publish(self.db, self.actor, target, SheetData("错误报告", titles, rows, text), table="need",
                       detail=lambda path: f"need import error report -> {path.name}: "
                                           f"{counted(len(rows), 'row')}")

    def _check_owner(self, session: Session, ticket: _Ticket, titles: dict[str, str]) -> None:
        """A ticket already held by a need the user does not see (another community's or
        grid's) is refused, never changed, and the refusal noted."""
        if self.actor.grid_ids is None:
            return
        draft = ticket.draft
        found = session.execute(
            select(Need.id, visible_needs(self.actor).label("seen"))
            .outerjoin(Household, Household.id == Need.household_id)
            .outerjoin(Building, Building.id == Household.building_id)
            .outerjoin(Grid, Grid.id == Building.grid_id)
            .where(Need.channel == str(draft.channel), Need.ticket_no == draft.ticket_no)).first()
        if found is None or found.seen:
            return
        self.actor.note_refusal(f"another community: need {found.id} (ticket {draft.ticket_no})")
        ticket.problems.append(Problem(ticket.row, titles["ticket_no"], draft.ticket_no or "", T(
            "该工单已由其他社区或网格登记，无权修改",
            "is held by another community or grid: not yours to change")))

    def _write(self, session: Session, ticket: _Ticket, estates: EstateNames,
               result: NeedImportResult, now: datetime, dry_run: bool) -> None:
        draft = ticket.draft
        existing = session.scalars(select(Need).where(
            Need.channel == str(draft.channel), Need.ticket_no == draft.ticket_no)).first()
        linked = existing.household_id if existing is not None else None
        match = None
        if linked is None:
            match = match_household(session, draft.address, draft.contact_phone, estates,
                                    self.actor.grid_ids)
        if existing is None:
            result.added.append(draft.ticket_no or "")
            if match is not None and match.household_id is None:
                result.unlinked.append(Unlinked(ticket.row, draft.ticket_no or "", match.unlinked or "none",
                                                draft.address or "", draft.contact_phone))
            if not dry_run:
                write_need(session, self.actor, draft,
                           household_id=match.household_id if match else None, now=now,
                           unlinked=match.unlinked if match else None)
            return
        changes = _changes(session, existing, draft)
        if match is not None and match.household_id is not None:
            changes["household_id"] = match.household_id
        elif match is not None and existing.unlinked is not None:
            result.unlinked.append(Unlinked(ticket.row, draft.ticket_no or "", match.unlinked or "none",
                                            draft.address or "", draft.contact_phone))
        if not changes:
            result.unchanged.append(draft.ticket_no or "")
            return
        result.changed.append(draft.ticket_no or "")
        if dry_run:
            return
        before = audit_trail.snapshot(existing)
        for key, value in changes.items():
            setattr(existing, key, value)
        if "household_id" in changes:
            existing.unlinked = None
            household = session.get(Household, changes["household_id"])
            if household is not None:
                existing.community_id = household.community_id
        session.flush()
        record_event(session, self.actor, existing, NeedEventKind.UPDATED, now,
                     text="、".join(_FIELD_NAMES.get(k, k) for k in changes))
        audit_trail.record(session, self.actor, "update", table="need", row_id=existing.id,
                           before=before, after=audit_trail.snapshot(existing))


_FIELD_NAMES = {"received_at": "受理时间", "contact_name": "诉求人", "contact_phone": "联系电话",
                "address": "地址", "description": "诉求内容", "category_id": "类别",
                "category_text": "类别", "deadline": "办理时限", "household_id": "住户"}


def _changes(session: Session, need: Need, draft: NeedDraft) -> dict[str, Any]:
    """The ticket's details that differ from the sheet's (its handling is never touched)."""
    category_id = session.scalars(select(NeedCategory.id)
                                  .where(NeedCategory.code == draft.category)).one()
    wanted = {"received_at": draft.received_at, "contact_name": draft.contact_name,
              "contact_phone": draft.contact_phone, "address": draft.address,
              "description": draft.description, "category_id": category_id,
              "category_text": draft.category_text}
    if draft.deadline is not None:  # a sheet without one keeps the deadline the need has
        wanted["deadline"] = draft.deadline
    return {k: v for k, v in wanted.items() if getattr(need, k) != v}


class _Categories:
    """类别 as the hotline writes it -> the office's category code."""

    def __init__(self, session: Session) -> None:
        self.codes: dict[str, str] = {}
        for code, zh, en in session.execute(select(NeedCategory.code, NeedCategory.name_zh,
                                                   NeedCategory.name_en)):
            for name in (code, zh, en):
                self.codes[name.strip().lower()] = code

    def find(self, text: str) -> str | None:
        return self.codes.get(text.strip().lower())


def _read_row(session: Session, table: Any, titles: dict[str, str], number: int,
              values: list[Any], categories: _Categories, now: datetime) -> _Ticket:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def cell(key: str) -> Any:
        return table.value(values, key)

    def problem(key: str, value: Any, reason: T) -> None:
        problems.append(Problem(number, titles.get(key, key), cells.text(value), reason))

    def parsed(key: str, parse: Any) -> Any:
        try:
            return parse(cell(key))
        except ValidationError as error:
            problems.append(Problem(number, titles.get(key, key), str(error.params.get("value", "")),
                                    error.reason))
            return None

    ticket_no = cells.text(cell("ticket_no"))
    if not ticket_no:
        problem("ticket_no", "", T("不能为空", "must not be empty"))
    elif len(ticket_no) > 40:
        problem("ticket_no", ticket_no, T("最长40个字符", "is longer than 40 characters"))
    channel = parsed("channel", parse_channel) or NeedChannel.HOTLINE
    received = parsed("received_at", lambda v: cells.parse_datetime(v, T("受理时间", "received at")))
    if received is None and not any(p.column == titles.get("received_at") for p in problems):
        problem("received_at", "", T("不能为空", "must not be empty"))
    person = cells.text(cell("person")) or None
    if person and len(person) > 50:
        problem("person", person, T("最长50个字符", "is longer than 50 characters"))
    raw_phone = cells.text(cell("phone")) or None
    phone = phone_text(raw_phone) or raw_phone
    if raw_phone and phone_text(raw_phone) is None:
        if len(raw_phone) > 20:
            problem("phone", raw_phone, T("最长20个字符", "is longer than 20 characters"))
        else:
            warnings.append(Problem(number, titles.get("phone", "联系电话"), raw_phone, T(
                "不是完整的电话号码，已原样保存，不用于匹配住户",
                "is not a whole phone number: kept as written, not used to find the household")))
    address = cells.text(cell("address")) or None
    if address and len(address) > 200:
        problem("address", address, T("最长200个字符", "is longer than 200 characters"))
    content = cells.text(cell("content"))
    category_text = cells.text(cell("category"))
    category = categories.find(category_text) if category_text else _OTHER
    if category is None:
        warnings.append(Problem(number, titles.get("category", "类别"), category_text, T(
            "不是本社区的诉求类别，已记为“其他”并保留原文",
            "is not one of the office's categories: recorded as 其他 (other), the text kept")))
        category = _OTHER
    deadline = parsed("deadline", lambda v: _deadline(v, received))
    draft = NeedDraft(
        description=content, category=category, channel=channel, address=address,
        received_at=received, deadline=deadline, contact_name=person, contact_phone=phone,
        ticket_no=ticket_no or None,
        category_text=category_text if category_text and categories.find(category_text) is None
        else None)
    if not problems:
        try:
            check_draft(session, draft, now)
        except ValidationError as error:
            key = {"诉求内容": "content", "受理时间": "received_at", "办理时限": "deadline",
                   "工单号": "ticket_no", "地址": "address", "诉求人": "person", "联系电话": "phone",
                   "类别": "category"}.get(error.field.zh, "content")
            problems.append(Problem(number, titles.get(key, key), str(error.params.get("value", "")),
                                    error.reason))
    if not problems and draft.address is None and not draft.contact_phone:
        problem("address", "", T("地址和电话不能都为空", "and the phone must not both be empty"))
    return _Ticket(number, draft, problems, warnings)


def _deadline(value: object, received: datetime | None) -> date | None:
    """办理时限: a date (or date-time), or a number of working days from receipt."""
    raw = cells.text(value)
    days = _WORKING_DAYS.match(raw) if raw and not isinstance(value, date) else None
    if days is not None and received is not None:
        return add_working_days(received.date(), int(days[1]))
    found = cells.parse_datetime(value, T("办理时限", "deadline"))
    return found.date() if found else None


def need_rows(session: Session, actor: Actor, span: Span | None, full: bool) -> list[list[Any]]:
    """Needs received in ``span`` (all when None) that the actor sees, oldest first, in
    NEED_COLUMNS order then EXPORT_EXTRA."""
    query = (
        select(Need, NeedCategory.name_zh, Household.code, Grid.name, Worker.name, Grid.id)
        .join(NeedCategory, NeedCategory.id == Need.category_id)
        .outerjoin(Household, Household.id == Need.household_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .outerjoin(Grid, Grid.id == Building.grid_id)
        .outerjoin(Worker, Worker.id == Need.handler_id)
        .order_by(Need.received_at, Need.id))
    if span is not None:
        query = query.where(Need.received_at >= datetime.combine(span.start, datetime.min.time()),
                            Need.received_at <= datetime.combine(span.end, datetime.max.time()))
    found = session.execute(query.where(visible_needs(actor))).all()
    grids = grid_labels(session, actor.grid_ids)  # two communities may each have a 第1网格
    helpers: dict[int, list[str]] = {}
    for need_id, name in session.execute(
            select(NeedHelper.need_id, Worker.name).join(Worker, Worker.id == NeedHelper.worker_id)
            .order_by(NeedHelper.id)):
        helpers.setdefault(need_id, []).append(name)
    rows = []
    for need, category, code, grid_name, handler, grid_id in found:
        grid = grids.get(grid_id, grid_name) if grid_id is not None else grid_name
        phone = need.contact_phone
        if phone and not full:
            phone = mask_phone(phone) if phone_text(phone) else phone
        rows.append([
            need.ticket_no or "", NeedChannel(need.channel).label.zh, need.received_at,
            need.contact_name or "", phone or "", need.address or "", need.description,
            need.category_text or category, need.deadline,
            need.number, NeedStatus(need.status).label.zh, code or "", grid or "", handler or "",
            "、".join(helpers.get(need.id, [])), need.sent_to or "", need.responded_at,
            need.resolved_at, need.resolution or "", need.called_back_at,
            Satisfaction(need.satisfaction).label.zh if need.satisfaction else "",
            need.reopened or 0, need.escalation_reason or ""])
    return rows

