"""The office's settings: categories and their visit rules, grids, workers, and the
office-wide options kept in the ``setting`` table (PDF masking default and font, backup
folder and schedule).

Only an administrator changes them (``Permission.MANAGE_SETTINGS``). One :meth:`save` is one
transaction and is audited row by row. Stored rosters and completion figures are forgotten by
database triggers when a category changes, so a rule change shows in the next roster without
anything here knowing about rosters.

What lives where: office-wide choices (everything above) are in the database, because every
PC of the office must print and count alike and backups follow the database file. The
interface language is a per-PC choice and stays in the GUI's QSettings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import CategoryKind, NeedChannel, Period, VisitMethod
from gridkeeper.domain.errors import NotFound, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import SYSTEM, Actor, Permission
from gridkeeper.fonts import SETTING_KEY as FONT_KEY
from gridkeeper.services import audit_trail, levels
from gridkeeper.services.register import default_community
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Category, Community, Grid, NeedCategory, Setting, Worker

MASK_KEY = "pdf_mask_by_default"
BACKUP_FOLDER_KEY = "backup_folder"
BACKUP_INTERVAL_KEY = "backup_interval_minutes"
IDLE_KEY = "security.idle_lock_minutes"
NEED_RESPONSE_KEY = "need_response_working_days"
HOT_SPOT_COUNT_KEY = "needs.hot_spot_count"
HOT_SPOT_DAYS_KEY = "needs.hot_spot_days"
SAMPLE_KEY = "supervision.spot_check_sample"  # visits per worker and month called back (抽查回访)
NEED_CALLBACK_KEY = "needs.callback_working_days"
_CHANNEL_DEADLINE = "needs.deadline_days."


def channel_deadline_key(channel: str) -> str:
    """The setting of a channel's default deadline (working days; empty: no limit of its own)."""
    return _CHANNEL_DEADLINE + channel


OFFICE_DEFAULTS: dict[str, str] = {
    MASK_KEY: "1",  # ID numbers and phones masked on paper unless someone asks otherwise
    FONT_KEY: "",  # empty: the font finder's own choice
    BACKUP_FOLDER_KEY: "",  # empty: the "backups" folder next to the database
    BACKUP_INTERVAL_KEY: "30",
    IDLE_KEY: "10",  # minutes without input before the window locks
    NEED_RESPONSE_KEY: "1",  # working days to respond to a need (docs/three-rates.md)
    # a hot spot: this many needs of one category in one building within this many days
    HOT_SPOT_COUNT_KEY: "3",
    HOT_SPOT_DAYS_KEY: "30",
    SAMPLE_KEY: "5",
    NEED_CALLBACK_KEY: "2",  # working days from resolving a need to calling the resident back
    # a 12345 ticket or a department's referral is due in 7 working days unless it says otherwise
    **{channel_deadline_key(c.value): "7" if c in (NeedChannel.HOTLINE, NeedChannel.REFERRED) else ""
       for c in NeedChannel},
}
# whole numbers with their allowed range
_NUMBERS: dict[str, tuple[int, int]] = {
    IDLE_KEY: (1, 240), BACKUP_INTERVAL_KEY: (5, 24 * 60), NEED_RESPONSE_KEY: (0, 30),
    HOT_SPOT_COUNT_KEY: (2, 100), HOT_SPOT_DAYS_KEY: (1, 366), SAMPLE_KEY: (0, 50),
    NEED_CALLBACK_KEY: (0, 30),
}

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class CategoryDraft:
    """A category as the settings page edits it; ``id`` None for a new one."""

    code: str
    name_zh: str
    name_en: str
    colour: str
    kind: str
    visits: int
    period: str
    methods: str = "home"
    threshold_age: int | None = None
    aliases: str = ""
    active: bool = True
    sort_order: int = 0
    target_rate: int = 100  # percent of the visits due that supervisors expect done
    id: int | None = None


@dataclass(frozen=True)
class GridDraft:
    """A grid; ``community_id`` None: the street's first community. A stored grid stays in
    its community (its community_id is not changed by a save)."""

    name: str
    leader_id: int | None = None
    sort_order: int = 0
    id: int | None = None
    community_id: int | None = None


@dataclass(frozen=True)
class WorkerDraft:
    """A worker; ``community_id`` as for :class:`GridDraft`."""

    name: str
    phone: str | None = None
    active: bool = True
    id: int | None = None
    community_id: int | None = None


@dataclass(frozen=True)
class CommunityChoice:
    """A community new grids and workers may be added to."""

    id: int
    name: str


@dataclass(frozen=True)
class NeedCategoryDraft:
    """What needs are about (停车, 水电气暖, ...) with the working days to their default
    deadline (None: no limit of its own); ``id`` None for a new one."""

    code: str
    name_zh: str
    name_en: str
    deadline_days: int | None = None
    sort_order: int = 0
    id: int | None = None


@dataclass(frozen=True)
class SettingsSnapshot:
    categories: tuple[CategoryDraft, ...]
    grids: tuple[GridDraft, ...]
    workers: tuple[WorkerDraft, ...]
    values: dict[str, str] = field(default_factory=dict)
    need_categories: tuple[NeedCategoryDraft, ...] = ()
    # the street's communities in order (one for a community office)
    communities: tuple[CommunityChoice, ...] = ()


class SettingsError(ValidationError):
    """A bad value, with where it was typed: ``section`` ("categories", "grids", "workers",
    "need_categories", "values"), ``row`` (index in that list, or the setting key) and
    ``column`` (attribute)."""

    def __init__(self, section: str, row: int | str, column: str, field: T, value: Any,
                 reason: T) -> None:
        super().__init__(field, value, reason, section=section, row=row, column=column)

    @property
    def where(self) -> tuple[str, int | str, str]:
        return self.params["section"], self.params["row"], self.params["column"]


_FIELDS = {
    "code": T("代码", "code"), "name_zh": T("中文名称", "Chinese name"),
    "name_en": T("英文名称", "English name"), "colour": T("颜色", "colour"),
    "kind": T("类型", "kind"), "visits": T("每期次数", "visits per period"),
    "period": T("周期", "period"), "methods": T("计数方式", "counting methods"),
    "threshold_age": T("年龄条件", "age threshold"), "aliases": T("别名", "aliases"),
    "name": T("名称", "name"), "leader_id": T("网格长", "grid leader"),
    "phone": T("电话", "phone"), "community_id": T("社区", "community"),
    MASK_KEY: T("默认脱敏", "mask by default"),
    FONT_KEY: T("字体", "font"), BACKUP_FOLDER_KEY: T("备份文件夹", "backup folder"),
    BACKUP_INTERVAL_KEY: T("备份间隔（分钟）", "backup interval (minutes)"),
    IDLE_KEY: T("自动锁定时间", "idle lock time"),
    "deadline_days": T("办理时限（工作日）", "deadline (working days)"),
    NEED_RESPONSE_KEY: T("诉求响应时限（工作日）", "need response limit (working days)"),
    HOT_SPOT_COUNT_KEY: T("热点诉求件数", "needs that make a hot spot"),
    HOT_SPOT_DAYS_KEY: T("热点统计天数", "hot spot window (days)"),
    "target_rate": T("目标完成率", "target rate"),
    SAMPLE_KEY: T("每人每月抽查回访", "spot checks per worker a month"),
    NEED_CALLBACK_KEY: T("回访时限（工作日）", "callback within (working days)"),
    **{channel_deadline_key(c.value): T(f"{c.label.zh}办理时限（工作日）",
                                        f"deadline, {c.label.en} (working days)")
       for c in NeedChannel},
}


def _bad(section: str, row: int | str, column: str, value: Any, reason: T) -> SettingsError:
    return SettingsError(section, row, column, _FIELDS[column], value, reason)


_EMPTY = T("不能为空", "must not be empty")
_TAKEN = T("与其他行重复", "repeats another row")


class SettingsService:
    def __init__(self, db: Database, actor: Actor = SYSTEM) -> None:
        self.db = db
        self.actor = actor

    # -- reading ----------------------------------------------------------------------------

    def snapshot(self) -> SettingsSnapshot:
        with self.db.reading() as session:
            categories = tuple(
                CategoryDraft(code=c.code, name_zh=c.name_zh, name_en=c.name_en, colour=c.colour,
                              kind=c.kind, visits=c.visits, period=c.period, methods=c.methods,
                              threshold_age=c.threshold_age, aliases=c.aliases, active=c.active,
                              sort_order=c.sort_order, target_rate=c.target_rate, id=c.id)
                for c in session.scalars(select(Category).order_by(Category.sort_order, Category.id)))
            # an account of one community reads its own grids and workers only
            grids = tuple(
                GridDraft(name=g.name, leader_id=g.leader_id, sort_order=g.sort_order, id=g.id,
                          community_id=g.community_id)
                for g in session.scalars(select(Grid).order_by(Grid.sort_order, Grid.id))
                if self.actor.sees_grid(g.id))
            workers = tuple(
                WorkerDraft(name=w.name, phone=w.phone, active=w.active, id=w.id,
                            community_id=w.community_id)
                for w in session.scalars(select(Worker).order_by(Worker.name))
                if self.actor.sees_community(w.community_id))
            values = self._values(session)
            need_categories = tuple(
                NeedCategoryDraft(code=c.code, name_zh=c.name_zh, name_en=c.name_en,
                                  deadline_days=c.deadline_days, sort_order=c.sort_order, id=c.id)
                for c in session.scalars(select(NeedCategory)
                                         .order_by(NeedCategory.sort_order, NeedCategory.id)))
            communities = tuple(CommunityChoice(c.id, c.name) for c in levels.communities(session)
                                if self.actor.sees_community(c.id))
        return SettingsSnapshot(categories, grids, workers, values, need_categories, communities)

    def value(self, key: str) -> str:
        with self.db.reading() as session:
            return self._values(session)[key]

    def mask_by_default(self) -> bool:
        return self.value(MASK_KEY) != "0"

    def spot_check_sample(self) -> int:
        """Visits per worker and month drawn for a confirming call (0: none)."""
        return int(self.value(SAMPLE_KEY))

    @staticmethod
    def _values(session: Session) -> dict[str, str]:
        return office_values(session)

    # -- writing ----------------------------------------------------------------------------

    def save(self, categories: list[CategoryDraft] | tuple[CategoryDraft, ...] = (),
             grids: list[GridDraft] | tuple[GridDraft, ...] = (),
             workers: list[WorkerDraft] | tuple[WorkerDraft, ...] = (),
             values: dict[str, str] | None = None,
             need_categories: list[NeedCategoryDraft] | tuple[NeedCategoryDraft, ...] = ()) -> None:
        """Write what changed, all in one transaction; nothing is written if any value is bad.

        Lists hold the rows to add or change (a row with an id changes that row); rows not
        listed stay as they are. Raises :class:`SettingsError` naming the first bad field.
        """
        self.actor.require(Permission.MANAGE_SETTINGS)
        categories = [_clean_category(i, c) for i, c in enumerate(categories)]
        grids = [_clean_grid(i, g) for i, g in enumerate(grids)]
        workers = [_clean_worker(i, w) for i, w in enumerate(workers)]
        values = {k: _clean_value(k, v) for k, v in (values or {}).items()}
        need_categories = [_clean_need_category(i, c) for i, c in enumerate(need_categories)]
        with self.db.transaction() as session:
            # every row in its community: a new one in its draft's (the first community when the
            # draft names none), a stored one where it is
            grids = _placed(session, "grids", grids, Grid)
            workers = _placed(session, "workers", workers, Worker)
            _check_unique(session, Category, "code", categories, "categories")
            # a renamed grid frees its old name; a grid's name is unique within its community (two
            # communities of a street may each have a 第1网格)
            _check_unique(session, Grid, "name", grids, "grids", renaming_frees=True,
                          within=Grid.community_id, new_within=lambda g: g.community_id)
            _check_unique(session, NeedCategory, "code", need_categories, "need_categories")
            for draft in need_categories:
                self._write(session, NeedCategory, draft, "need_category", {})
            for draft in categories:
                self._write(session, Category, draft, "category", {})
            # workers first: a new grid may name a worker added in the same save
            for draft in workers:
                self._write(session, Worker, draft, "worker", {})
            before = _free_renamed_grids(session, grids)
            for i, draft in enumerate(grids):
                _check_leader(session, i, draft)
                self._write(session, Grid, draft, "grid", {}, before.get(draft.id))
            for key, value in values.items():
                row = session.scalars(select(Setting).where(Setting.key == key)).first()
                before = audit_trail.snapshot(row) if row is not None else None
                if row is None and value == OFFICE_DEFAULTS[key]:
                    continue  # the page sends every value: an untouched default is no change
                if row is None:
                    row = Setting(key=key, value=value)
                    session.add(row)
                elif row.value == value:
                    continue
                row.value = value
                session.flush()
                audit_trail.record(session, self.actor, "update" if before else "insert",
                             table="setting", row_id=row.id, before=before, after=audit_trail.snapshot(row))

    def _write(self, session: Session, model: type, draft: Any, what: str,
               extra: dict[str, Any], before: dict[str, Any] | None = None) -> None:
        """Insert or change one row and audit it; ``before`` is the row as it was when the save
        began, for a row the save already touched (a grid whose old name was freed)."""
        data = {k: v for k, v in draft.__dict__.items() if k != "id"}
        if draft.id is None:
            row = model(**extra, **data)
            session.add(row)
            session.flush()
            audit_trail.record(session, self.actor, "insert", table=model.__tablename__, row_id=row.id,
                         after=audit_trail.snapshot(row))
            return
        row = session.get(model, draft.id)
        if row is None:
            raise NotFound(what, what, draft.id)
        data.pop("community_id", None)  # a stored grid or worker stays in its community
        before = before or audit_trail.snapshot(row)
        if all(before.get(k) == v for k, v in data.items()):
            return  # unchanged rows leave no audit entry and keep stored rosters
        for key, value in data.items():
            setattr(row, key, value)
        session.flush()
        audit_trail.record(session, self.actor, "update", table=model.__tablename__, row_id=row.id,
                     before=before, after=audit_trail.snapshot(row))


def office_values(session: Session) -> dict[str, str]:
    """Every office-wide value, the default where none is stored."""
    stored = dict(session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(OFFICE_DEFAULTS))).all())
    return {key: stored.get(key, default) for key, default in OFFICE_DEFAULTS.items()}


def office_number(session: Session, key: str) -> int:
    """A whole-number office value inside the session's transaction; a stored value that is
    not a number in range (written by hand into the database) counts as the default."""
    low, high = _NUMBERS[key]
    value = session.scalars(select(Setting.value).where(Setting.key == key)).first()
    try:
        number = int(value) if value is not None else int(OFFICE_DEFAULTS[key])
    except ValueError:
        number = int(OFFICE_DEFAULTS[key])
    return number if low <= number <= high else int(OFFICE_DEFAULTS[key])


def _clean_category(i: int, c: CategoryDraft) -> CategoryDraft:
    def bad(column: str, reason: T) -> SettingsError:
        return _bad("categories", i, column, getattr(c, column), reason)

    c = replace(c, code=c.code.strip(), name_zh=c.name_zh.strip(), name_en=c.name_en.strip(),
                colour=c.colour.strip().upper(), aliases=_aliases(c.aliases))
    if not _CODE.match(c.code):
        raise bad("code", T("只能用小写英文字母、数字和下划线", "lower-case letters, digits and _ only"))
    if not c.name_zh:
        raise bad("name_zh", _EMPTY)
    if not c.name_en:
        raise bad("name_en", _EMPTY)
    if not _COLOUR.match(c.colour):
        raise bad("colour", T("应为 #RRGGBB 形式", "should look like #RRGGBB"))
    if c.kind not in {k.value for k in CategoryKind}:
        raise bad("kind", T("未知类型", "unknown kind"))
    if c.period not in {p.value for p in Period}:
        raise bad("period", T("未知周期", "unknown period"))
    # 0: a tag (党员, 失能 ...), shown and filtered by but without a visit rule of its own
    if not 0 <= c.visits <= 31:
        raise bad("visits", T("应在 0 到 31 之间（0 = 标签，无走访要求）",
                              "should be between 0 and 31 (0 = a tag, no visit rule)"))
    if c.visits == 0 and c.kind == CategoryKind.UNIVERSAL.value:
        raise bad("visits", T("全体户类别必须有走访要求", "the everyone category needs a visit rule"))
    if not 0 <= c.target_rate <= 100:
        raise bad("target_rate", T("应在 0% 到 100% 之间", "should be between 0 % and 100 %"))
    methods = [m.strip() for m in re.split(r"[;；,，、]", c.methods) if m.strip()]
    known = {m.value for m in VisitMethod}
    if not methods or any(m not in known for m in methods):
        raise bad("methods", T("应为 home、door、phone、video 中的一种或几种",
                               "one or more of home, door, phone, video"))
    # comma-separated: the form the policy engine reads (VisitRule.of)
    c = replace(c, methods=",".join(dict.fromkeys(methods)))
    if c.kind == CategoryKind.DERIVED.value:
        if c.threshold_age is None or not 0 <= c.threshold_age <= 120:
            raise bad("threshold_age", T("自动推算的类别需要 0 到 120 之间的年龄",
                                         "a derived category needs an age from 0 to 120"))
    elif c.threshold_age is not None:
        c = replace(c, threshold_age=None)
    return c


def _clean_need_category(i: int, c: NeedCategoryDraft) -> NeedCategoryDraft:
    c = replace(c, code=c.code.strip(), name_zh=c.name_zh.strip(), name_en=c.name_en.strip())
    if not _CODE.match(c.code):
        raise _bad("need_categories", i, "code", c.code,
                   T("只能用小写英文字母、数字和下划线", "lower-case letters, digits and _ only"))
    if not c.name_zh:
        raise _bad("need_categories", i, "name_zh", c.name_zh, _EMPTY)
    if not c.name_en:
        raise _bad("need_categories", i, "name_en", c.name_en, _EMPTY)
    if c.deadline_days is not None and not 1 <= c.deadline_days <= 365:
        raise _bad("need_categories", i, "deadline_days", c.deadline_days,
                   T("应为 1 到 365 个工作日，或留空（不限）",
                     "should be 1 to 365 working days, or empty (no limit)"))
    return c


def _placed(session: Session, section: str, drafts: list[Any], model: Any) -> list[Any]:
    """The drafts with the community each is in: a stored row's own, a new row's as its draft
    says (the first community when it says none); a community that does not exist is refused."""
    stored = dict(session.execute(select(model.id, model.community_id).where(
        model.id.in_([d.id for d in drafts if d.id is not None]))).all()) if drafts else {}
    known: set[int] | None = None
    first: int | None = None
    placed = []
    for i, draft in enumerate(drafts):
        if draft.id is not None:
            community = stored.get(draft.id, draft.community_id)
        elif draft.community_id is None:
            first = community = first if first is not None else default_community(session).id
        else:
            if known is None:
                known = set(session.scalars(select(Community.id)))
            if draft.community_id not in known:
                raise _bad(section, i, "community_id", draft.community_id,
                           T("没有这个社区", "no such community"))
            community = draft.community_id
        placed.append(replace(draft, community_id=community))
    return placed


def _check_leader(session: Session, i: int, grid: GridDraft) -> None:
    """A grid's leader is a worker of the grid's own community (checked when the leader is
    chosen: a new grid or a changed leader)."""
    if grid.leader_id is None:
        return
    worker = session.get(Worker, grid.leader_id)
    if worker is None:
        raise _bad("grids", i, "leader_id", grid.leader_id, T("没有这个工作人员", "no such worker"))
    row = session.get(Grid, grid.id) if grid.id is not None else None
    if worker.community_id == grid.community_id or (row is not None and row.leader_id == worker.id):
        return
    theirs = session.get(Community, worker.community_id)
    ours = session.get(Community, grid.community_id)
    raise _bad("grids", i, "leader_id", worker.name, T(
        f"{worker.name}属于{theirs.name if theirs else '其他社区'}，"
        f"网格长应为{ours.name if ours else '本社区'}的工作人员",
        f"{worker.name} works for {theirs.name if theirs else 'another community'}; "
        f"the grid leader must work for {ours.name if ours else 'its community'}"))


def _free_renamed_grids(session: Session, grids: list[GridDraft]) -> dict[int, dict[str, Any]]:
    """Give every grid the save renames a passing name of its own before any grid is written,
    and return those grids as they were.

    The check counts a renamed grid's old name as free, so a save may swap two grids' names or
    give a new grid a name another one leaves; the database's unique name within a community would
    refuse the first row written while the other still holds its name."""
    before: dict[int, dict[str, Any]] = {}
    for draft in grids:
        row = session.get(Grid, draft.id) if draft.id is not None else None
        if row is not None and row.name != draft.name:
            before[row.id] = audit_trail.snapshot(row)
            row.name = f"\u2060renaming {row.id}"
    session.flush()
    return before


def _check_unique(session: Session, model: Any, field_name: str, drafts: list[Any], section: str,
                  renaming_frees: bool = False, within: Any = None,
                  new_within: Callable[[Any], Any] | None = None) -> None:
    """Refuse the first draft whose ``field_name`` another stored row or an earlier draft
    already has (a draft with an id may keep its own row's value). ``renaming_frees``: the
    stored values of the rows being edited count as free. ``within``: a column the value is
    unique within only (a grid's name within its community); ``new_within`` gives a new draft's
    place (each new draft is checked within its own)."""
    column = getattr(model, field_name)
    stored = session.execute(select(column, model.id, within if within is not None else literal(None))).all()
    place = {oid: where for _value, oid, where in stored}
    owners = {(where, value): oid for value, oid, where in stored}
    if renaming_frees:
        edited = {d.id for d in drafts if d.id is not None}
        owners = {key: oid for key, oid in owners.items() if oid not in edited}
    for i, draft in enumerate(drafts):
        value = getattr(draft, field_name)
        key = (place.get(draft.id) if draft.id is not None
               else new_within(draft) if new_within is not None else None, value)
        owner = owners.get(key)
        if owner is not None and owner != draft.id:
            raise _bad(section, i, field_name, value, _TAKEN)
        owners[key] = draft.id if draft.id is not None else -1 - i


def _aliases(text: str) -> str:
    parts = [p.strip() for p in re.split(r"[、,，;；]", text or "") if p.strip()]
    return "、".join(dict.fromkeys(parts))


def _clean_grid(i: int, g: GridDraft) -> GridDraft:
    g = replace(g, name=g.name.strip())
    if not g.name:
        raise _bad("grids", i, "name", g.name, _EMPTY)
    return g


def _clean_worker(i: int, w: WorkerDraft) -> WorkerDraft:
    w = replace(w, name=w.name.strip(), phone=(w.phone or "").strip() or None)
    if not w.name:
        raise _bad("workers", i, "name", w.name, _EMPTY)
    return w


def _clean_value(key: str, value: str) -> str:
    if key not in OFFICE_DEFAULTS:
        raise NotFound("设置项", "setting", key)
    value = str(value).strip()
    if key == MASK_KEY:
        if value not in {"0", "1"}:
            raise _bad("values", key, key, value, T("应为 0 或 1", "should be 0 or 1"))
    elif key == BACKUP_FOLDER_KEY:
        if value and not Path(value).is_absolute():
            raise _bad("values", key, key, value,
                       T("应为完整路径，或留空（数据库旁的 backups）",
                         "should be a full path, or empty (backups next to the database)"))
    elif key.startswith(_CHANNEL_DEADLINE):
        if value and (not value.isdigit() or not 1 <= int(value) <= 365):
            raise _bad("values", key, key, value,
                       T("应为 1 到 365 个工作日，或留空（不限）",
                         "should be 1 to 365 working days, or empty (no limit)"))
    elif key in _NUMBERS:
        low, high = _NUMBERS[key]
        if not value.isdigit() or not low <= int(value) <= high:
            raise _bad("values", key, key, value,
                       T(f"应为 {low} 到 {high} 之间的整数",
                         f"should be a whole number from {low} to {high}"))
    return value
