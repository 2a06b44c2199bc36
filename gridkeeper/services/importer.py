"""Import the household register and visits from Excel or CSV (导入台账 / 导入走访).

One import is one user action: the whole file is read and checked first, every problem is
reported by sheet row and column with the bad value and why, and then everything is written
in ONE transaction (all or nothing: a killed process leaves the register as before). With
``only_good`` the households without problems are written and the others refused whole.

Households go through the one household rule: each row's resident through
:func:`check_resident`, each household through :func:`check_household`, and the write
through :func:`gridkeeper.services.register.save_household`, given lookups fetched once for
the whole file so that 50,000 residents import in seconds rather than minutes.

The GUI's import wizard uses :meth:`ImportService.preview` (first rows and the column
mapping found), the result's ``problems`` list, :meth:`ImportService.save_error_report` and
the ``progress`` callback (raise :class:`~gridkeeper.domain.progress.Cancelled` to cancel).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Gender, ResidentStatus, VisitOutcome
from gridkeeper.domain.errors import GridKeeperError, ValidationError
from gridkeeper.domain.i18n import T, counted, language
from gridkeeper.domain.paper_dates import typed_day
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.register import (
    HEAD,
    AssignmentDraft,
    HouseholdDraft,
    ResidentDraft,
    check_household,
    check_resident,
)
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.domain.text import looks_like_formula
from gridkeeper.io import cells
from gridkeeper.io.tables import Column, Table, open_table
from gridkeeper.io.workbook import SheetData
from gridkeeper.services import audit_trail
from gridkeeper.services.collector import collector_paused
from gridkeeper.services.outputs import publish
from gridkeeper.services.register import RegisterCache, save_households
from gridkeeper.services.roster_sheets import households_on_sheets, normalise_number
from gridkeeper.services.visits import DISPROVED_BY_SPOT_CHECK, prefetch_households
from gridkeeper.storage.bulk import indexes_rebuilt_after
from gridkeeper.storage.chunks import chunked
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Resident,
    Worker,
)

WRITE_BATCH = 500  # households per save_households call: one flush per stage and batch
REGISTER_TABLES = ("household", "resident", "category_assignment")  # what an import fills

HOUSEHOLD_COLUMNS: tuple[Column, ...] = (
    Column("household_code", "户编号", "household_code", ("户号", "户编码", "code"), required=True),
    Column("grid", "网格", "grid", ("所属网格", "网格名称"), required=True),
    Column("estate", "小区", "estate", ("小区名称",), required=True),
    Column("building", "楼号", "building", ("楼栋", "楼栋号", "楼"), required=True),
    Column("unit", "单元", "unit", ("单元号",), required=True),
    Column("floor", "楼层", "floor", ("层",), required=True),
    Column("room", "门牌号", "room", ("房号", "房间号", "室")),
    Column("name", "姓名", "name", ("居民姓名", "成员姓名"), required=True),
    Column("gender", "性别", "gender", ("sex",)),
    Column("id_number", "身份证号", "id_number", ("身份证号码", "身份证", "公民身份号码", "id")),
    Column("birth_date", "出生日期", "birth_date", ("出生年月日", "birthday")),
    Column("phone", "联系电话", "phone", ("手机", "电话", "手机号", "手机号码", "mobile")),
    Column("relation", "与户主关系", "relation", ("关系", "与户主的关系")),
    Column("categories", "人员类别", "categories", ("类别", "人员分类", "category")),
    Column("registered_on", "登记日期", "registered_on", ("登记时间",)),
    Column("notes", "备注", "notes", ("说明", "note")),
    # added later, after the columns offices already script against
    Column("worker", "责任人", "worker", ("责任网格员", "包户人", "负责人", "worker")),
    Column("community", "社区", "community", ("所属社区", "社区名称", "community")),
    Column("resident_status", "人员状态", "resident_status", ("成员状态", "居民状态")),
)

VISIT_COLUMNS: tuple[Column, ...] = (
    # 户编号, or 花名册编号 with 序号 (a roster sheet typed back): one of them on every row
    Column("household_code", "户编号", "household_code", ("户号", "户编码", "code")),
    Column("roster_no", "花名册编号", "roster_no", ("roster number", "roster_number")),
    Column("seq", "序号", "seq"),
    Column("visit_date", "走访日期", "visit_date", ("日期", "走访时间", "date"), required=True),
    Column("method", "走访方式", "method", ("方式",)),
    # required: a row whose result is blank is not a visit, so a sheet without the column
    # would record nothing (it used to record every row as met)
    Column("outcome", "走访结果", "outcome", ("结果", "result"), required=True),
    Column("workers", "走访人", "workers", ("走访人员", "visitors", "worker")),
    Column("notes", "情况记录", "notes", ("走访情况", "记录", "notes")),
    Column("need", "诉求", "need", ("居民诉求", "诉求内容", "needs")),
    Column("follow_up_on", "跟进日期", "follow_up_on", ("跟进", "下次跟进", "follow-up date")),
    # household codes repeat across a street's communities: the community tells them apart
    Column("community", "社区", "community", ("所属社区", "社区名称", "community")),
)

_TITLES = {c.key: T(c.zh, c.en) for c in (*HOUSEHOLD_COLUMNS, *VISIT_COLUMNS)}


def field_title(key: str) -> T:
    """The register's name of an import field (``household_code`` -> 户编号)."""
    return _TITLES.get(key, T(key, key))

_ADDRESS = ("community", "grid", "estate", "building", "unit", "floor", "room")
_HOUSEHOLD_FIELDS = (*_ADDRESS, "registered_on", "notes", "worker")
# field names used by check_resident / check_household errors -> our column keys
_FIELD_COLUMNS = {
    "户编号": "household_code", "网格": "grid", "小区": "estate", "楼号": "building",
    "单元": "unit", "楼层": "floor", "门牌号": "room", "姓名": "name", "性别": "gender",
    "身份证号": "id_number", "出生日期": "birth_date", "联系电话": "phone",
    "登记日期": "registered_on", "人员类别": "categories", "类别有效期": "categories",
    "户主": "relation", "与户主关系": "relation", "备注": "notes",
}


class MissingColumns(GridKeeperError):
    zh = "“{path}”缺少必需的列：{columns}（表头在第{row}行）"
    en = "“{path}” lacks required columns: {columns} (header found in row {row})"

    def __init__(self, path: str, columns: str, row: int) -> None:
        super().__init__(path=path, columns=columns, row=row)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: sheet row, column title, the value and why."""

    row: int
    column: str
    value: str
    reason: T
    household: str | None = None

    def message(self, lang: str | None = None) -> str:
        lang = lang or language()
        if lang == "zh":
            where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
            return f"{where}：“{self.value}” {self.reason.get('zh')}"
        where = f"row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: “{self.value}” {self.reason.get('en')}"

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class Preview:
    """What the wizard shows before importing: the header found and the first rows."""

    sheet: str
    header_row: int
    titles: list[str]
    mapping: dict[str, str]  # field key -> column title as written in the file
    unknown: list[str]  # column titles that will be ignored
    missing: list[str]  # required columns not found
    rows: list[tuple[int, list[str]]]  # (sheet row, cell texts)
    total_rows: int


@dataclass
class ImportResult:
    """The outcome (or, for a dry run, the plan) of an import."""

    kind: str  # "households" / "visits"
    path: Path
    dry_run: bool
    only_good: bool
    header_row: int = 0
    rows_read: int = 0
    added: list[str] = field(default_factory=list)  # household codes (or visits' rows)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    new_grids: list[str] = field(default_factory=list)
    new_estates: list[str] = field(default_factory=list)
    new_buildings: list[str] = field(default_factory=list)  # "estate 楼号"
    new_workers: list[str] = field(default_factory=list)
    new_communities: list[str] = field(default_factory=list)
    # residents whose ID number the register knows under another household code: they move
    # (the same record); "姓名（旧户编号 → 新户编号）"
    moved: list[str] = field(default_factory=list)
    needs_opened: int = 0
    not_entered: list[str] = field(default_factory=list)  # visits' rows with no result
    problems: list[Problem] = field(default_factory=list)
    # values that look like spreadsheet formulas: imported as text, said so (never refused)
    warnings: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


# the punctuation of a summary line, in the language of the words around it
COLON, COMMA, LIST_SEPARATOR, MORE = T("：", ": "), T("，", ", "), T("、", ", "), T("……", " ...")


def summary(result: ImportResult) -> str:
    """What was (or would be) done, one line per kind of change."""
    lines = []
    if result.dry_run:
        lines.append(str(T("试导入（未写入）：", "dry run (nothing written):")))
    elif result.written:
        lines.append(str(T("已导入：", "imported:")))
    else:
        lines.append(str(T("有错误，未导入任何数据（可用 --only-good 只导入无误的户）：",
                           "problems found, nothing imported (--only-good imports the rest):")))
    unit = T("户", "households") if result.kind == "households" else T("条", "visits")

    def line(label: T, items: list[str], show: bool = True) -> None:
        if items:
            listed = f"{LIST_SEPARATOR}".join(items[:20]) + (f"{MORE}" if len(items) > 20 else "")
            lines.append(f"  {label} {len(items)}" + (f"{COLON}{listed}" if show else ""))

    line(T(f"新增{unit.zh}", f"added {unit.en}"), result.added, show=len(result.added) <= 20)
    line(T(f"修改{unit.zh}", f"changed {unit.en}"), result.changed)
    line(T(f"无变化{unit.zh}", f"unchanged {unit.en}"), result.unchanged, show=False)
    line(T(f"拒绝{unit.zh}", f"refused {unit.en}"), result.refused)
    line(T("迁移成员", "residents moving"), result.moved)
    line(T("新建社区", "new communities"), result.new_communities)
    line(T("新建网格", "new grids"), result.new_grids)
    line(T("新建小区", "new estates"), result.new_estates)
    line(T("新建楼栋", "new buildings"), result.new_buildings)
    line(T("新建走访人", "new workers"), result.new_workers)
    if result.needs_opened:
        lines.append(f"  {T('新建诉求', 'needs opened')} {result.needs_opened}")
    line(T("未录入（走访结果为空，不算走访）", "not entered (no result: not a visit)"),
         result.not_entered, show=len(result.not_entered) <= 20)
    lines.append(f"  {T('读取行数', 'rows read')} {result.rows_read}{COMMA}"
                 f"{T('问题', 'problems')} {len(result.problems)}")
    return "\n".join(lines)


@dataclass
class _Row:
    number: int
    values: list[Any]
    code: str
    fields: dict[str, Any]
    resident: ResidentDraft | None
    categories: list[str]  # codes of manual categories
    problems: list[Problem]


class ImportService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _safety_copy(self) -> None:
        """A backup of an SQLite database just before an import writes: taken
        here, where the command line and the wizard both pass, once the file has been
        checked and something is about to be written. Our write transaction has written
        nothing yet, so the copy (another connection) is the register as it was."""
        from gridkeeper.services.backup import BackupService

        BackupService(self.db, self.actor).safety_copy("before-import")

    # ---------------------------------------------------------------- preview

    def preview(self, path: str | Path, kind: str = "households", rows: int = 10) -> Preview:
        """The header found, its mapping and the first ``rows`` data rows (nothing checked)."""
        self.actor.require(Permission.IMPORT)
        table = open_table(path, _columns(kind))
        first: list[tuple[int, list[str]]] = []
        for number, values in table.rows():
            first.append((number, [cells.text(v) for v in values]))
            if len(first) >= rows:
                break
        return Preview(
            sheet=table.sheet, header_row=table.header_row, titles=table.titles,
            mapping={k: table.titles[i] for k, i in table.mapping.items()},
            unknown=table.unknown, missing=table.missing, rows=first,
            total_rows=table.total_rows,
        )

    # ---------------------------------------------------------------- households

    def import_households(
        self, path: str | Path, *, dry_run: bool = False, only_good: bool = False,
        progress: Progress = no_progress, today: date | None = None,
    ) -> ImportResult:
        """Check the file and (unless ``dry_run``) write it in one transaction.

        Nothing is written when any row has a problem, unless ``only_good``: then every
        household without problems is written and the others are refused whole.
        """
        self.actor.require(Permission.IMPORT)
        self.actor.require(Permission.EDIT_REGISTER)
        today = today or date.today()
        table = _open(path, HOUSEHOLD_COLUMNS)
        result = ImportResult("households", Path(path), dry_run, only_good, table.header_row)
        progress(0.0, "读取 / reading")
        session_scope = self.db.reading() if dry_run else self.db.transaction()
        with collector_paused(), session_scope as session:
            lookup = _CategoryLookup(session)
            parsed = _read_household_rows(table, lookup, today, progress)
            result.rows_read = len(parsed)
            result.warnings = formula_warnings(table, ((r.number, r.values) for r in parsed))
            progress(0.35, "核对 / checking")
            titles = {k: table.titles[i] for k, i in table.mapping.items()}
            plans = _plan_households(session, parsed, today, titles, self.actor.community_id)
            if self.actor.community_id is not None:
                _keep_to_community(session, self.actor, plans, titles)
            for plan in plans:
                result.problems.extend(plan.problems)
            result.problems.sort(key=lambda p: p.row)
            good = [p for p in plans if not p.problems]
            result.refused = [p.code for p in plans if p.problems]
            result.added = [p.code for p in good if p.draft is not None and p.draft.id is None]
            result.changed = [p.code for p in good if p.changed and p.draft is not None
                              and p.draft.id is not None]
            result.unchanged = [p.code for p in good if not p.changed]
            result.moved = [move for p in good for move in p.moves]
            writing = [p for p in good if p.changed and p.draft is not None]
            _new_places(session, [p.draft for p in writing if p.draft is not None], result)
            if dry_run or (result.problems and not only_good):
                progress(1.0, "")
                return result
            self._safety_copy()
            # ID numbers were checked against the register above, in one query per chunk
            cache = RegisterCache.prefetch(session, ids_checked=True)
            cache.planned = {p.draft.id for p in writing if p.draft is not None and p.draft.id}
            drafts = [p.draft for p in writing if p.draft is not None]
            # a register loaded from its first workbook (or one no bigger than the sheet): the
            # indexes are built once at the end instead of updated row by row
            present = session.scalar(select(func.count()).select_from(Household)) or 0
            rebuilt = REGISTER_TABLES if len(drafts) >= present else ()
            with indexes_rebuilt_after(session.connection(), rebuilt):
                for start in range(0, len(drafts), WRITE_BATCH):
                    progress(0.45 + 0.5 * start / len(drafts),
                             f"写入 / writing {start}/{len(drafts)}")
                    save_households(session, self.actor, drafts[start:start + WRITE_BATCH],
                                    cache, today)
                progress(0.95, "建立索引 / indexing")
            audit_trail.record(session, self.actor, "import", table="household", detail=(
                f"households {result.path.name}: added {len(result.added)}, changed "
                f"{len(result.changed)}, refused {len(result.refused)}"))
            result.written = True
        progress(1.0, "")
        return result

    # ---------------------------------------------------------------- visits

    def import_visits(
        self, path: str | Path, *, dry_run: bool = False, only_good: bool = False,
        progress: Progress = no_progress, today: date | None = None,
    ) -> ImportResult:
        """Check a visit sheet and (unless ``dry_run``) write it in one transaction.

        A row repeating a visit already recorded (same household, date, method and notes)
        is counted as unchanged, so importing the same sheet twice adds nothing.
        """
        self.actor.require(Permission.IMPORT)
        self.actor.require(Permission.RECORD_VISIT)
        today = today or date.today()
        table = _open(path, VISIT_COLUMNS)
        if "household_code" not in table.mapping and not {"roster_no", "seq"} <= set(table.mapping):
            raise MissingColumns(str(path), "户编号（或 花名册编号 和 序号）", table.header_row)
        result = ImportResult("visits", Path(path), dry_run, only_good, table.header_row)
        progress(0.0, "读取 / reading")
        session_scope = self.db.reading() if dry_run else self.db.transaction()
        with collector_paused(), session_scope as session:
            rows = list(table.rows())
            result.rows_read = len(rows)
            result.warnings = formula_warnings(table, rows)
            sheets = households_on_sheets(session, [
                text for _, v in rows if (text := cells.text(table.value(v, "roster_no")))])
            codes = list(dict.fromkeys(cells.text(table.value(v, "household_code")) for _, v in rows))
            on_sheets = sorted({hid for _grid, lines in sheets.values() for hid in lines.values()})
            households: dict[str, tuple[int, int, int]] = {}  # code -> (id, community, grid)
            # codes repeat across communities: a sheet's lines name households by id, a 社区
            # column names the community, and a code alone that names households in two
            # communities the user sees names neither
            by_id: dict[int, tuple[str, int, int]] = {}  # id -> (code, community, grid)
            places: dict[tuple[int, str], int] = {}  # (community, code) -> id
            shared: dict[str, set[int]] = {}  # code -> the communities the user sees it in
            for column, keys in ((Household.code, codes), (Household.id, on_sheets)):
                for chunk in chunked(keys):
                    for hid, code, community_id, grid_id in session.execute(
                        select(Household.id, Household.code, Household.community_id, Building.grid_id)
                        .join(Building, Building.id == Household.building_id)
                        .where(column.in_(chunk))
                    ):
                        by_id[hid] = (code, community_id, grid_id)
                        if column is not Household.code:
                            continue
                        places[community_id, code] = hid
                        if self.actor.sees_grid(grid_id):
                            shared.setdefault(code, set()).add(community_id)
                        held = households.get(code)
                        if held is None or not self.actor.sees_grid(held[2]):
                            households[code] = (hid, community_id, grid_id)
            community_names: dict[int, str] = dict(
                session.execute(select(Community.id, Community.name)).all())
            lookup = _Places(places, {name: cid for cid, name in community_names.items()}, {
                code: sorted(community_names[c] for c in found)
                for code, found in shared.items() if len(found) > 1})
            # each sheet the user may see: its 序号 -> household id, and code -> id for rows
            # that give the 户编号 without the 序号
            sheets_seen = {number: (lines, {by_id[hid][0]: hid for hid in lines.values() if hid in by_id})
                           for number, (grid, lines) in sheets.items() if self.actor.sees_grid(grid)}
            others = [code for code, found in households.items() if not self.actor.sees_grid(found[2])]
            if others:  # refused row by row below; in the audit log once for the file
                self.actor.note_refusal(f"visit import {Path(path).name}: "
                                        f"{counted(len(others), 'household')} "
                                        f"of another grid ({', '.join(others[:5])})")
            recorded = _recorded_visits(session, list(by_id))
            workers = {(w.community_id, w.name): w.id for w in session.scalars(select(Worker))}
            good: list[_VisitRow] = []
            # loaded once and held here, so the visit rules' per-row household lookups are free
            held = prefetch_households(session, list(by_id))  # noqa: F841
            for number, values in rows:
                if not cells.text(table.value(values, "outcome")):
                    # a roster line nobody filled in: not a visit, whatever else it says
                    result.not_entered.append(str(number))
                    continue
                row = _read_visit_row(table, number, values, households, by_id, today, self.actor,
                                      sheets_seen, lookup)
                if not row.problems and row.outcome == VisitOutcome.DISPROVED.value:
                    if (row.household_id, row.day, row.method, row.notes or "") in recorded:
                        result.unchanged.append(str(number))  # a spot check's finding, exported
                        continue
                    row.problems.append(_problem(table, number, "outcome", VisitOutcome.DISPROVED.label.zh,
                                                 DISPROVED_BY_SPOT_CHECK, by_id[row.household_id][0]))
                if not row.problems:
                    _check_visit_row(session, self.actor, table, row, today)
                if row.problems:
                    result.problems.extend(row.problems)
                    result.refused.append(str(number))
                    continue
                key = (row.household_id, row.day, row.method, row.notes or "")
                if key in recorded:
                    result.unchanged.append(str(number))
                    continue
                recorded.add(key)
                good.append(row)
                result.added.append(str(number))
                for name in row.workers:
                    if (row.community_id, name) not in workers and name not in result.new_workers:
                        result.new_workers.append(name)
                result.needs_opened += 1 if row.need else 0
            progress(0.4, "核对 / checking")
            if dry_run or (result.problems and not only_good):
                progress(1.0, "")
                return result
            self._safety_copy()
            record_imported_visits(session, self.actor, good, workers, progress, today)
            audit_trail.record(session, self.actor, "import", table="visit", detail=(
                f"visits {result.path.name}: added {len(result.added)}, "
                f"refused {len(result.refused)}, needs {result.needs_opened}"))
            result.written = True
        progress(1.0, "")
        return result

    # ---------------------------------------------------------------- error report

    def save_error_report(self, result: ImportResult, target: str | Path) -> Path:
        """An Excel copy of the imported sheet with an added 错误 column on the bad rows."""
        columns = HOUSEHOLD_COLUMNS if result.kind == "households" else VISIT_COLUMNS
        table = open_table(result.path, columns)
        by_row: dict[int, list[str]] = {}
        for problem in result.problems:
            by_row.setdefault(problem.row, []).append(problem.message())
        width = len(table.raw_header)
        rows: list[list[Any]] = []
        for number, values in table.rows():
            values = list(values) + [None] * (width - len(values))
            rows.append([number, *values[:width], "；".join(by_row.get(number, []))])
        titles = ["行号", *(t or f"列{i + 1}" for i, t in enumerate(table.titles)), "错误"]
        text_columns = frozenset(i + 1 for k, i in table.mapping.items()
                                 if k in ("id_number", "phone", "household_code", "room"))
        # the sheet's own data, errors beside it: written whole and recorded like an export
        return publish(self.db, self.actor, target, SheetData("错误报告", titles, rows, text_columns),
                       table="household" if result.kind == "households" else "visit",
                       detail=lambda path: f"import error report -> {path.name}: {counted(len(rows), 'row')}")


# -------------------------------------------------------------------- reading rows


def _columns(kind: str) -> tuple[Column, ...]:
    if kind == "households":
        return HOUSEHOLD_COLUMNS
    if kind == "visits":
        return VISIT_COLUMNS
    raise ValueError(kind)


def _open(path: str | Path, columns: Sequence[Column]) -> Table:
    table = open_table(path, columns)
    if table.missing:
        raise MissingColumns(str(path), "、".join(table.missing), table.header_row)
    return table


class _CategoryLookup:
    """Category names as found in cells -> code, with the derived ones set apart."""

    def __init__(self, session: Session) -> None:
        self.manual: dict[str, str] = {}
        self.computed: set[str] = set()
        for c in session.scalars(select(Category)):
            names = {c.code.lower(), c.name_zh, c.name_en.lower(),
                     *(a.strip() for a in cells.split_list(c.aliases, "、,，;；"))}
            for name in names:
                if c.kind == "manual":
                    self.manual[name] = c.code
                else:
                    self.computed.add(name)

    def codes(self, raw: object) -> tuple[list[str], list[str]]:
        """(manual category codes, names not known)."""
        found, unknown = [], []
        for name in cells.split_list(raw):
            key = name if name in self.manual or name in self.computed else name.lower()
            if key in self.manual:
                if self.manual[key] not in found:
                    found.append(self.manual[key])
            elif key not in self.computed:  # derived / universal ones are computed: ignore
                unknown.append(name)
        return found, unknown


def _problem(table: Table, number: int, key: str, value: object, reason: T,
             code: str | None = None) -> Problem:
    index = table.mapping.get(key)
    column = table.titles[index] if index is not None else _TITLES.get(key, T(key, key)).zh
    return Problem(number, column, cells.text(value), reason, code)


def _problem_from(table: Table, number: int, error: ValidationError, default_key: str,
                  code: str | None) -> Problem:
    key = _FIELD_COLUMNS.get(error.field.zh, default_key)
    reason = error.reason
    if error.params.get("other_household") is not None:  # a DuplicateIdNumber: say where
        reason = T(f"已登记在户 {error.params['other_household']}（{error.params['other_name']}）",
                   f"is already registered in household {error.params['other_household']} "
                   f"({error.params['other_name']})")
    return _problem(table, number, key, error.params.get("value", ""), reason, code)


class _Remembered:
    """A cell parser that remembers what each distinct value gave (the result, or the
    problem): a register repeats its grids, estates, buildings, relations, categories and
    registration dates thousands of times, and each is read and checked once."""

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        self.parse = parse
        self.seen: dict[tuple[type, Any], tuple[Any, ValidationError | None]] = {}

    def __call__(self, value: Any) -> tuple[Any, ValidationError | None]:
        key = (value.__class__, value)  # 1, 1.0 and True are equal but read differently
        found = self.seen.get(key)
        if found is None:
            try:
                found = (self.parse(value), None)
            except ValidationError as error:
                found = (None, error)
            self.seen[key] = found
        return found


def _read_household_rows(table: Table, lookup: _CategoryLookup, today: date,
                         progress: Progress) -> list[_Row]:
    parsed: list[_Row] = []
    total = max(table.total_rows, 1)
    text = _Remembered(cells.text)
    number_of = {key: _Remembered(lambda v, key=key: cells.parse_int(v, _TITLES[key]))
                 for key in ("unit", "floor")}
    date_of = {key: _Remembered(lambda v, key=key: cells.parse_date(v, _TITLES[key]))
               for key in ("registered_on", "birth_date")}
    gender_of: dict[str, str | None] = {}
    categories_of: dict[tuple[type, Any], tuple[list[str], list[str]]] = {}
    # the mapped cells of a row picked in one step, by field key
    keys = list(table.mapping)
    pick = itemgetter(*table.mapping.values()) if len(keys) > 1 else \
        (lambda v: (v[next(iter(table.mapping.values()))],))
    width = max(table.mapping.values(), default=-1) + 1

    for number, values in table.rows():
        cell = dict(zip(keys, pick(values if len(values) >= width
                                   else values + [None] * (width - len(values))),
                        strict=True)).get
        problems: list[Problem] = []
        code = text(cell("household_code"))[0]

        def bad(key: str, error: ValidationError, problems: list[Problem] = problems,
                number: int = number, code: str = code) -> None:
            problems.append(_problem_from(table, number, error, key, code or None))

        fields: dict[str, Any] = {}
        for key in ("grid", "estate", "building", "room", "notes", "name", "relation", "worker",
                    "community"):
            fields[key] = text(cell(key))[0]
        status_text = text(cell("resident_status"))[0]
        fields["resident_status"] = None  # not given: as the register has it
        if status_text:
            try:
                fields["resident_status"] = ResidentStatus.parse(status_text).value
            except ValueError:
                allowed = "、".join(s.label.zh for s in ResidentStatus)
                problems.append(_problem(table, number, "resident_status", status_text,
                                         T(f"应为{allowed}之一", f"must be one of {allowed}"), code))
        for key in ("unit", "floor"):
            fields[key], error = number_of[key](cell(key))
            if error is not None:
                del fields[key]
                bad(key, error)
        for key in ("registered_on", "birth_date"):
            fields[key], error = date_of[key](cell(key))
            if error is not None:
                del fields[key]
                bad(key, error)
        id_number = None
        try:
            id_number = cells.id_number_text(cell("id_number"), _TITLES["id_number"])
        except ValidationError as error:
            bad("id_number", error)
        gender = None
        gender_text = text(cell("gender"))[0]
        if gender_text:
            if gender_text not in gender_of:
                try:
                    gender_of[gender_text] = Gender.parse(gender_text).value
                except ValueError:
                    gender_of[gender_text] = None
            gender = gender_of[gender_text]
            if gender is None:
                problems.append(_problem(table, number, "gender", gender_text,
                                         T("应为男或女", "must be 男 or 女 (M or F)"), code))
        raw_categories = cell("categories")
        key = (raw_categories.__class__, raw_categories)
        if key not in categories_of:
            categories_of[key] = lookup.codes(raw_categories)
        codes, unknown = categories_of[key]
        for name in unknown:
            problems.append(_problem(table, number, "categories", name,
                                     T("没有这个人员类别", "is not a known category"), code))
        if not code:
            problems.append(_problem(table, number, "household_code", "",
                                     T("不能为空", "is required")))
        resident = None
        if not problems:
            try:
                resident = check_resident(ResidentDraft(
                    name=fields["name"], id_number=id_number, gender=gender,
                    birth_date=fields.get("birth_date"),
                    phone=cells.text(cell("phone")) or None,
                    relation=fields["relation"] or HEAD,
                ))
            except ValidationError as error:
                bad("name", error)
        parsed.append(_Row(number, values, code, fields, resident, list(codes), problems))
        if len(parsed) % 1000 == 0:
            progress(0.35 * min(len(parsed) / total, 1.0), f"读取 / reading {len(parsed)}")
    return parsed


# -------------------------------------------------------------------- planning


@dataclass
class _Plan:
    code: str
    rows: list[_Row]
    draft: HouseholdDraft | None = None
    changed: bool = True
    problems: list[Problem] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)  # residents moving in from other households


def _plan_households(session: Session, parsed: list[_Row], today: date, titles: dict[str, str],
                     community_id: int | None = None) -> list[_Plan]:
    """Group rows into households, find clashes, and build each good household's draft.

    ``titles``: field key -> the column's title as written in the sheet (for messages).
    ``community_id``: the households of the register a code names are that community's
    (an account of one community imports); None: any.
    """
    plans: dict[str, _Plan] = {}
    loose: list[_Plan] = []  # rows without a code: refused on their own
    for row in parsed:
        if not row.code:
            loose.append(_Plan("", [row], problems=list(row.problems)))
            continue
        plans.setdefault(row.code, _Plan(row.code, [])).rows.append(row)
    existing = _existing_drafts(session, list(plans), community_id)
    # ID numbers: twice in the file, or already registered in another household
    first_seen: dict[str, _Row] = {}
    for plan in plans.values():
        for row in plan.rows:
            number = row.resident.id_number if row.resident else None
            if not number:
                continue
            earlier = first_seen.setdefault(number, row)
            if earlier is not row:
                row.problems.append(Problem(
                    row.number, _title(titles, "id_number"), number,
                    T(f"与第{earlier.number}行重复", f"repeats row {earlier.number}"), row.code))
    # an ID number registered under another household code: that person moves here (the same
    # record, with their categories and history), never a copy and never an error
    registered = _registered_ids(session, list(first_seen))
    moving_ids = {resident_id for number, (code, _n, resident_id) in registered.items()
                  if code != first_seen[number].code}
    movers = _resident_drafts(session, sorted(moving_ids))
    moving: dict[str, tuple[str, ResidentDraft]] = {
        number: (code, movers[resident_id]) for number, (code, _n, resident_id) in registered.items()
        if resident_id in moving_ids}
    for plan in plans.values():
        for row in plan.rows:
            plan.problems.extend(row.problems)
        if plan.problems:
            # the household is refused whole: say so on its rows that were fine
            bad_rows = {p.row for p in plan.problems}
            for row in plan.rows:
                if row.number not in bad_rows:
                    plan.problems.append(Problem(
                        row.number, "", row.code,
                        T("本户其他行有错误，整户未导入", "not imported: another row of this "
                          "household has a problem"), row.code))
            continue
        _build_draft(plan, existing.get(plan.code), today, titles, moving, moving_ids)
    return loose + list(plans.values())


def _title(titles: dict[str, str], key: str) -> str:
    return titles.get(key) or _TITLES[key].zh


def _build_draft(plan: _Plan, before: HouseholdDraft | None, today: date,
                 titles: dict[str, str], moving: dict[str, tuple[str, ResidentDraft]],
                 moving_ids: set[int]) -> None:
    """The household's draft from its rows and what the register holds. ``moving``: ID
    number -> (the code of the household they are registered in, their record) of the
    residents this file moves; ``moving_ids`` their ids, left out of the households they leave."""
    first = plan.rows[0]
    values: dict[str, Any] = {}
    for key in _HOUSEHOLD_FIELDS:
        for row in plan.rows:
            value = row.fields.get(key)
            if value in (None, ""):
                continue
            if key not in values:
                values[key] = value
            elif values[key] != value and key in _ADDRESS:
                plan.problems.append(Problem(
                    row.number, _title(titles, key), cells.text(value),
                    T(f"与本户第{first.number}行的“{cells.text(values[key])}”不一致",
                      f"differs from “{cells.text(values[key])}” in row {first.number} "
                      "of this household"), plan.code))
    if plan.problems:
        return
    # blank on a new household: on the register before records began (see save_households)
    registered = values.get("registered_on") or (before.registered_on if before else None)
    residents = [r.resident for r in plan.rows if r.resident is not None]
    head_index = next((i for i, r in enumerate(residents) if r.relation == HEAD), 0)
    old = {r.id_number: r for r in before.residents if r.id_number} if before else {}
    old_names = {r.name: r for r in before.residents if not r.id_number} if before else {}
    matched: set[int] = set()
    drafts: list[ResidentDraft] = []
    for i, (row, resident) in enumerate(zip(plan.rows, residents, strict=True)):
        previous = old.get(resident.id_number) if resident.id_number else None
        status = row.fields.get("resident_status")
        if previous is None and resident.id_number in moving:
            source, previous = moving[resident.id_number]  # type: ignore[index]
            status = status or ResidentStatus.ACTIVE.value  # living here now
            plan.moves.append(f"{resident.name}（{source} → {plan.code}）")
        elif previous is None and before is not None:
            previous = old_names.get(resident.name) or next(
                (r for r in before.residents if r.name == resident.name and r.id not in matched
                 and not r.id_number), None)
        if previous is not None and previous.id in matched:
            previous = None
        if previous is not None:
            matched.add(previous.id)  # type: ignore[arg-type]
        drafts.append(replace(
            resident, is_head=(i == head_index),
            id=previous.id if previous else None, version=previous.version if previous else None,
            status=status or (previous.status if previous else resident.status),
            categories=_assignments(row.categories, previous, registered or today, today),
        ))
    # residents missing from the sheet stay in the register (moving out is recorded there),
    # but not those the file moves to another household
    kept = [replace(r, is_head=False) for r in before.residents
            if r.id not in matched and r.id not in moving_ids] if before is not None else []
    draft = HouseholdDraft(
        code=plan.code, grid=values.get("grid", ""), estate=values.get("estate", ""),
        building=values.get("building", ""), unit=values.get("unit"),  # type: ignore[arg-type]
        floor=values.get("floor"), room=values.get("room", ""),  # type: ignore[arg-type]
        registered_on=registered, notes=values.get("notes"),
        community=values.get("community") or (before.community if before else None),
        phone=before.phone if before else None,
        worker=values.get("worker") or (before.worker if before else None),
        status=before.status if before else "active",
        status_until=before.status_until if before else None,
        status_since=before.status_since if before else None,
        residents=(*drafts, *kept), id=before.id if before else None,
        version=before.version if before else None,
    )
    try:
        # the sheet's residents were checked row by row as they were read
        plan.draft = check_household(draft, today, checked_residents=len(drafts))
    except ValidationError as error:
        key = _FIELD_COLUMNS.get(error.field.zh, "household_code")
        plan.problems.append(Problem(first.number, _title(titles, key),
                                     cells.text(error.params.get("value", "")), error.reason,
                                     plan.code))
        return
    plan.changed = before is None or _comparable(plan.draft) != _comparable(before)


FORMULA_WARNING = T("像公式：按文字导入；导出时前面会加撇号，不会被当作公式执行",
                    "looks like a formula: imported as text; exports prefix it so it never runs")


def formula_warnings(table: Table, rows: Iterable[tuple[int, Sequence[Any]]]) -> list[Problem]:
    """Text cells that a spreadsheet would run as formulas (=, +, -, @ first): imported as
    text, and listed so that whoever imports can look at them."""
    found = []
    indexes = sorted(table.mapping.values())
    for number, values in rows:
        width = len(values)
        for index in indexes:
            raw = values[index] if index < width else None
            # only text holding one of = + - @ (or a negative number) can read as a formula:
            # the rest is passed by without trimming it (a register has some 900,000 cells)
            if raw is None:
                continue
            kind = raw.__class__
            if kind is str:
                if not _FORMULA_CHARACTERS.search(raw):
                    continue
            elif kind is bool or (kind is int or kind is float) and raw >= 0:
                continue
            value = cells.text(raw)
            # "-1" (a floor) or "+86 139..." (a phone) would be numbers, not formulas
            if looks_like_formula(value) and not _NUMBER_LIKE.fullmatch(value):
                found.append(Problem(number, table.titles[index], value[:60], FORMULA_WARNING))
    return found


_NUMBER_LIKE = re.compile(r"[+-]?[\d\s().-]+")
_FORMULA_CHARACTERS = re.compile("[=+@-]")


def _assignments(codes: list[str], previous: ResidentDraft | None, registered: date, today: date
                 ) -> tuple[AssignmentDraft, ...]:
    """The categories named in the sheet, keeping the register's history for the rest.

    A category still held keeps its dates; one no longer named is closed (not deleted, the
    history counts in past completion figures); a new one starts on the registration date.
    """
    if previous is None:
        return tuple(AssignmentDraft(category=c, valid_from=min(registered, today)) for c in codes)
    result: list[AssignmentDraft] = []
    open_codes: set[str] = set()
    for a in previous.categories:
        is_open = a.valid_to is None or a.valid_to >= today
        if is_open and a.category not in codes:
            result.append(replace(a, valid_to=max(a.valid_from, today - timedelta(days=1))))
        else:
            result.append(a)
            if is_open:
                open_codes.add(a.category)
    result += [AssignmentDraft(category=c, valid_from=min(registered, today))
               for c in codes if c not in open_codes]
    return tuple(result)


def _comparable(draft: HouseholdDraft) -> tuple[Any, ...]:
    residents = tuple(sorted(
        (r.id or 0, r.name, r.id_number, r.gender, r.birth_date, r.phone, r.relation, r.is_head,
         r.status, tuple(sorted((a.category, a.valid_from, a.valid_to) for a in r.categories)))
        for r in draft.residents))
    return (draft.code, draft.community, draft.grid, draft.estate, draft.building, draft.unit,
            draft.floor, draft.room, draft.registered_on, draft.notes, draft.worker, residents)


def _existing_drafts(session: Session, codes: list[str], community_id: int | None = None
                     ) -> dict[str, HouseholdDraft]:
    """The households of the register (of ``community_id`` when given) with these codes, as
    drafts with ids and versions."""
    households: dict[int, dict[str, Any]] = {}
    for chunk in chunked(codes):
        query = (
            select(Household, Building.number, Estate.name, Grid.name, Worker.name, Community.name)
            .join(Community, Community.id == Household.community_id)
            .join(Building, Building.id == Household.building_id)
            .join(Estate, Estate.id == Building.estate_id)
            .join(Grid, Grid.id == Building.grid_id)
            .outerjoin(Worker, Worker.id == Household.worker_id)
            .where(Household.code.in_(chunk)))
        if community_id is not None:
            query = query.where(Household.community_id == community_id)
        for hh, building, estate, grid, worker, community in session.execute(query):
            households[hh.id] = dict(
                id=hh.id, version=hh.version, code=hh.code, community=community, grid=grid,
                estate=estate,
                building=building, unit=hh.unit, floor=hh.floor, room=hh.room,
                registered_on=None if hh.before_records else hh.registered_on, phone=hh.phone,
                notes=hh.notes, worker=worker,
                status=hh.status, status_until=hh.status_until, status_since=hh.status_since,
                residents=[],
            )
    if not households:
        return {}
    residents: dict[int, tuple[int, dict[str, Any]]] = {}
    ids = list(households)
    for chunk in chunked(ids):
        for r in session.scalars(select(Resident).where(Resident.household_id.in_(chunk))
                                 .order_by(Resident.id)):
            residents[r.id] = (r.household_id, dict(
                id=r.id, version=r.version, name=r.name, id_number=r.id_number, gender=r.gender,
                birth_date=r.birth_date, phone=r.phone, relation=r.relation, is_head=r.is_head,
                status=r.status, categories=[]))
    resident_ids = list(residents)
    for chunk in chunked(resident_ids):
        for a, code in session.execute(
            select(CategoryAssignment, Category.code)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(CategoryAssignment.resident_id.in_(chunk)).order_by(CategoryAssignment.id)
        ):
            residents[a.resident_id][1]["categories"].append(AssignmentDraft(
                id=a.id, category=code, valid_from=a.valid_from, valid_to=a.valid_to,
                disability_kind=a.disability_kind, disability_grade=a.disability_grade))
    for household_id, values in residents.values():
        values["categories"] = tuple(values["categories"])
        households[household_id]["residents"].append(ResidentDraft(**values))
    drafts = {}
    for values in households.values():
        values["residents"] = tuple(values["residents"])
        drafts[values["code"]] = HouseholdDraft(**values)
    return drafts


def _keep_to_community(session: Session, actor: Actor, plans: list[_Plan],
                       titles: dict[str, str]) -> None:
    """An account of one community imports into its own community only. A household naming
    another community or a grid its community does not have, or taking in a person
    registered in another community's household (a move between communities is the street
    office's to make), is refused whole and the refusal noted; a household naming no
    community is the account's."""
    home = session.scalar(select(Community.name).where(Community.id == actor.community_id))
    grids = set(session.scalars(select(Grid.name).where(Grid.community_id == actor.community_id)))
    resident_ids = [r.id for p in plans if p.draft is not None for r in p.draft.residents if r.id]
    elsewhere: set[int] = set()
    for chunk in chunked(resident_ids):
        elsewhere.update(session.scalars(
            select(Resident.id).join(Household, Household.id == Resident.household_id)
            .where(Resident.id.in_(chunk), Household.community_id != actor.community_id)))
    refused = 0
    for plan in plans:
        if plan.draft is None or plan.problems:
            continue
        first = plan.rows[0]
        if plan.draft.community and plan.draft.community != home:
            plan.problems.append(Problem(first.number, _title(titles, "community"), plan.draft.community, T(
                f"不是本账户的社区（{home}），无权导入", f"is not this account's community ({home})"),
                plan.code))
        elif plan.draft.grid not in grids:
            plan.problems.append(Problem(first.number, _title(titles, "grid"), plan.draft.grid, T(
                f"{home}没有这个网格：新网格由街道账户在设置中添加",
                f"is not a grid of {home}: new grids are added by a street office account"), plan.code))
        else:
            numbers = {r.id_number for r in plan.draft.residents if r.id in elsewhere}
            rows = [row for row in plan.rows if row.resident and row.resident.id_number in numbers]
            if not rows:
                plan.draft = replace(plan.draft, community=home)
                continue
            plan.problems.extend(Problem(row.number, _title(titles, "id_number"),
                                         row.resident.id_number or "", T(
                "已在其他社区登记：跨社区迁入需由街道账户办理",
                "is registered in another community: a move between communities is the street "
                "office's to make"), plan.code) for row in rows if row.resident)
        plan.draft = None
        refused += 1
    if refused:
        actor.note_refusal(f"another community: {counted(refused, 'household')} of a household import")


def _registered_ids(session: Session, numbers: list[str]) -> dict[str, tuple[str, str, int]]:
    """ID number -> (household code, name, resident id) for those already in the register."""
    found: dict[str, tuple[str, str, int]] = {}
    for chunk in chunked(numbers):
        for number, code, name, resident_id in session.execute(
            select(Resident.id_number, Household.code, Resident.name, Resident.id)
            .join(Household, Household.id == Resident.household_id)
            .where(Resident.id_number.in_(chunk))
        ):
            if number:
                found[number] = (code, name, resident_id)
    return found


def _resident_drafts(session: Session, resident_ids: list[int]) -> dict[int, ResidentDraft]:
    """The residents as drafts with their ids, versions and categories."""
    residents: dict[int, dict[str, Any]] = {}
    for chunk in chunked(resident_ids):
        for r in session.scalars(select(Resident).where(Resident.id.in_(chunk))):
            residents[r.id] = dict(
                id=r.id, version=r.version, name=r.name, id_number=r.id_number, gender=r.gender,
                birth_date=r.birth_date, phone=r.phone, relation=r.relation, is_head=r.is_head,
                status=r.status, categories=[])
        for a, code in session.execute(
            select(CategoryAssignment, Category.code)
            .join(Category, Category.id == CategoryAssignment.category_id)
            .where(CategoryAssignment.resident_id.in_(chunk)).order_by(CategoryAssignment.id)
        ):
            residents[a.resident_id]["categories"].append(AssignmentDraft(
                id=a.id, category=code, valid_from=a.valid_from, valid_to=a.valid_to,
                disability_kind=a.disability_kind, disability_grade=a.disability_grade))
    return {rid: ResidentDraft(**{**values, "categories": tuple(values["categories"])})
            for rid, values in residents.items()}


def _new_places(session: Session, drafts: list[HouseholdDraft], result: ImportResult) -> None:
    grids = set(session.scalars(select(Grid.name)))
    estates = set(session.scalars(select(Estate.name)))
    buildings: set[tuple[str, str]] = {(e, b) for e, b in session.execute(
        select(Estate.name, Building.number).join(Estate, Estate.id == Building.estate_id))}
    communities = set(session.scalars(select(Community.name)))
    for d in drafts:
        if d.community and d.community not in communities:
            communities.add(d.community)
            result.new_communities.append(d.community)
        if d.grid not in grids:
            grids.add(d.grid)
            result.new_grids.append(d.grid)
        if d.estate not in estates:
            estates.add(d.estate)
            result.new_estates.append(d.estate)
        if (d.estate, d.building) not in buildings:
            buildings.add((d.estate, d.building))
            result.new_buildings.append(f"{d.estate} {d.building}")


# -------------------------------------------------------------------- visits


_METHOD_WORDS = {"上门": "home", "入户": "home", "上门入户": "home", "走访": "home", "家中": "home",
                 "门口": "door", "电话": "phone", "电话视频": "phone", "微信": "video", "视频": "video"}
_OUTCOME_WORDS = {"见面": "met", "已见面": "met", "在家": "met", "正常": "met", "已走访": "met",
                  "未遇": "absent", "不在家": "absent", "无人": "absent", "无人在家": "absent",
                  "拒访": "refused", "拒绝": "refused", "外出": "away", "住院": "away",
                  "死亡": "deceased", "去世": "deceased"}
# what a problem message offers: the words printed on the roster and their English codes
_ALLOWED = {"method": ("入户", "门口", "电话", "视频", "home", "door", "phone", "video"),
            "outcome": ("见面", "未遇", "拒访", "外出", "met", "absent", "refused", "away")}


@dataclass
class _VisitRow:
    number: int
    household_id: int = 0
    community_id: int = 0
    day: date | None = None
    method: str = "home"
    outcome: str = ""
    workers: list[str] = field(default_factory=list)
    notes: str | None = None
    need: str | None = None
    follow_up_on: date | None = None
    roster_number: str | None = None
    problems: list[Problem] = field(default_factory=list)


def _recorded_visits(session: Session, household_ids: list[int]) -> set[tuple[Any, ...]]:
    from gridkeeper.storage.models import Visit

    seen: set[tuple[Any, ...]] = set()
    for chunk in chunked(household_ids):
        for hid, day, method, notes in session.execute(
            select(Visit.household_id, Visit.visit_date, Visit.method, Visit.notes)
            .where(Visit.household_id.in_(chunk))
        ):
            seen.add((hid, day, method, notes or ""))
    return seen


def _word(raw: str, words: dict[str, str], enum: Any) -> str | None:
    if raw in words:
        return words[raw]
    try:
        return str(enum.parse(raw).value)
    except ValueError:
        return None


def _sheet_household(table: Table, row: _VisitRow, values: list[Any], code: str,
                     by_id: dict[int, tuple[str, int, int]],
                     sheets: dict[str, tuple[dict[int, int], dict[str, int]]]) -> tuple[str, int | None]:
    """Check the row's 花名册编号 and 序号 against the sheet and the 户编号; returns the
    household code they name (the 户编号 itself when there is no number) and, when the sheet
    names it, the household's id (the code alone may be another community's)."""
    raw_number = cells.text(table.value(values, "roster_no"))
    raw_seq = cells.text(table.value(values, "seq"))
    if not raw_number:
        return code, None
    number = normalise_number(raw_number)
    sheet = sheets.get(number)
    if sheet is None:
        row.problems.append(_problem(table, row.number, "roster_no", raw_number,
                                     T("没有这个花名册编号", "is not a roster number"), code or None))
        return code, None
    row.roster_number = number
    if not raw_seq:
        if not code:
            row.problems.append(_problem(table, row.number, "seq", "", T(
                "不能为空（或填写户编号）", "is required (or the household code)")))
            return code, None
        on_sheet = sheet[1].get(code)
        if on_sheet is None:
            row.problems.append(_problem(table, row.number, "household_code", code,
                                         T(f"不在花名册 {number} 上", f"is not on roster {number}"), code))
        return code, on_sheet
    seq = int(raw_seq) if raw_seq.isdigit() else 0
    household_id = sheet[0].get(seq)
    if household_id is None:
        row.problems.append(_problem(
            table, row.number, "seq", raw_seq,
            T(f"花名册 {number} 上没有这个序号", f"is not a line of roster {number}"), code or None))
        return code, None
    on_line = by_id.get(household_id, ("",))[0]
    if code and code != on_line:
        row.problems.append(_problem(
            table, row.number, "seq", raw_seq,
            T(f"在花名册 {number} 上是户 {on_line}，与户编号 {code} 不符",
              f"is household {on_line} on roster {number}, not {code}"), code))
    return on_line, household_id


@dataclass(frozen=True)
class _Places:
    """Households by community and code, for sheets with a 社区 column (codes repeat
    across a street's communities)."""

    households: dict[tuple[int, str], int]  # (community id, code) -> household id
    communities: dict[str, int]  # name -> id
    shared: dict[str, list[str]]  # a code the user sees in several communities -> their names


def _read_visit_row(table: Table, number: int, values: list[Any],
                    households: dict[str, tuple[int, int, int]],
                    by_id: dict[int, tuple[str, int, int]], today: date, actor: Actor,
                    sheets: dict[str, tuple[dict[int, int], dict[str, int]]] | None = None,
                    places: _Places | None = None) -> _VisitRow:
    from gridkeeper.domain.enums import VisitMethod, VisitOutcome

    row = _VisitRow(number)
    places = places or _Places({}, {}, {})
    code, on_sheet = _sheet_household(table, row, values,
                                      cells.text(table.value(values, "household_code")),
                                      by_id, sheets or {})
    found = households.get(code) if on_sheet is None else (on_sheet, *by_id[on_sheet][1:])
    community = cells.text(table.value(values, "community"))
    community_id = places.communities.get(community) if community else None
    if row.problems:
        pass  # the number and 序号 were wrong: said once, not again for the code
    elif not code:
        row.problems.append(_problem(table, number, "household_code", "", T("不能为空", "is required")))
    elif community and community_id is None:
        row.problems.append(_problem(table, number, "community", community,
                                     T("台账中没有这个社区", "is not a community of the register"), code))
    elif community_id is not None and on_sheet is not None and found[1] != community_id:
        row.problems.append(_problem(table, number, "community", community, T(
            f"与花名册上的户 {code} 所属社区不符", f"is not the community of household {code} on the roster"),
            code))
    elif community_id is not None and on_sheet is None:
        hid = places.households.get((community_id, code))
        if hid is None or not actor.sees_grid(by_id[hid][2]):
            row.problems.append(_problem(table, number, "household_code", code, T(
                f"{community}没有这个户编号", f"is not a household code of {community}"), code))
        else:
            row.household_id, row.community_id = hid, community_id
    elif on_sheet is None and code in places.shared:
        choices = "、".join(places.shared[code])
        row.problems.append(_problem(table, number, "household_code", code, T(
            f"几个社区都有这个户编号（{choices}），分不清是哪一户：请填社区列，或花名册编号和序号",
            f"is a household code in several communities ({choices}): fill in the 社区 column, "
            "or give the roster number and 序号"), code))
    elif found is None or not actor.sees_grid(found[2]):
        row.problems.append(_problem(table, number, "household_code", code,
                                     T("台账中没有这个户编号", "is not a household code in the register"),
                                     code))
    else:
        row.household_id, row.community_id = found[0], found[1]
    try:
        raw_day = table.value(values, "visit_date")
        try:
            row.day = cells.parse_date(raw_day, _TITLES["visit_date"])
        except ValidationError:
            if row.roster_number is None:
                raise
            # a roster sheet's date as the paper has it, 月 日 (12-01, 12月1日): the last such day
            try:
                row.day = typed_day(cells.text(raw_day), today)
            except ValueError:
                try:  # a day still to come: said as such below, not taken for last year's
                    row.day = typed_day(cells.text(raw_day), today, forward=True)
                except ValueError:
                    raise ValidationError(_TITLES["visit_date"], cells.text(raw_day), T(
                        "应写成 2026-12-01，花名册上也可只写月日（12-01）",
                        "should read 2026-12-01 (on a roster sheet 12-01 will do)")) from None
        if row.day is None:
            row.problems.append(_problem(table, number, "visit_date", "", T("不能为空", "is required"),
                                         code))
        elif row.day > today:
            row.problems.append(_problem(table, number, "visit_date", row.day.isoformat(),
                                         T("不能晚于今天", "cannot be in the future"), code))
    except ValidationError as error:
        row.problems.append(_problem_from(table, number, error, "visit_date", code))
    for key, words, enum, default in (("method", _METHOD_WORDS, VisitMethod, "home"),
                                      ("outcome", _OUTCOME_WORDS, VisitOutcome, None)):
        raw = cells.text(table.value(values, key))
        value = _word(raw, words, enum) if raw else default
        if key == "outcome" and value == VisitOutcome.DISPROVED.value:
            # only a spot check finds that a visit did not happen: the export of such a visit
            # imports back as unchanged, anything else is refused (below, by import_visits)
            setattr(row, key, value)
            continue
        if value is None:
            allowed = "、".join(_ALLOWED[key])
            row.problems.append(_problem(table, number, key, raw,
                                         T(f"应为{allowed}之一", f"must be one of {allowed}"), code))
        else:
            setattr(row, key, value)
    try:
        row.follow_up_on = cells.parse_date(table.value(values, "follow_up_on"),
                                            _TITLES["follow_up_on"])
        if row.follow_up_on is not None and row.day is not None and row.follow_up_on < row.day:
            row.problems.append(_problem(
                table, number, "follow_up_on", row.follow_up_on.isoformat(),
                T(f"早于走访日期 {row.day.isoformat()}", f"is before the visit date {row.day.isoformat()}"),
                code))
    except ValidationError as error:
        row.problems.append(_problem_from(table, number, error, "follow_up_on", code))
    row.workers = list(dict.fromkeys(cells.split_list(table.value(values, "workers"), "、,，;；/")))
    row.notes = cells.text(table.value(values, "notes")) or None
    row.need = cells.text(table.value(values, "need")) or None
    return row


_VISIT_FIELD_COLUMNS = {"走访日期": "visit_date", "走访人员": "workers", "户编号": "household_code",
                        "情况记录": "notes", "诉求": "need", "诉求内容": "need"}


def _visit_draft(row: _VisitRow) -> Any:
    """The row as the visit service's draft: its 诉求 becomes a need raised on the visit."""
    from gridkeeper.domain.enums import NeedChannel, VisitMethod, VisitOutcome
    from gridkeeper.domain.needs import NeedDraft
    from gridkeeper.domain.visits import VisitDraft

    assert row.day is not None
    needs = (NeedDraft(description=row.need, category="other", channel=NeedChannel.VISIT),) \
        if row.need else ()
    return VisitDraft(household_id=row.household_id, visit_date=row.day,
                      method=VisitMethod(row.method), outcome=VisitOutcome(row.outcome),
                      team=tuple(row.workers), notes=row.notes, check_needs=row.need, needs=needs,
                      follow_up_on=row.follow_up_on, roster_number=row.roster_number)


def _check_visit_row(session: Session, actor: Actor, table: Table, row: _VisitRow, today: date) -> None:
    """The visit service's own refusals (registered later, household deceased, no team) as problems."""
    from gridkeeper.services.visits import check_visit

    try:
        check_visit(session, actor, _visit_draft(row), today)
    except ValidationError as error:
        key = _VISIT_FIELD_COLUMNS.get(error.field.zh, "visit_date")
        row.problems.append(_problem(table, row.number, key, error.params.get("value", ""),
                                     error.reason))


def record_imported_visits(session: Session, actor: Actor, rows: list[_VisitRow],
                           workers: dict[tuple[int, str], int], progress: Progress,
                           today: date | None = None) -> None:
    """Write checked visit rows through the visit service: the visit, its team (new names
    become workers) and its need, numbered and audited as a visit typed in would be."""
    from gridkeeper.services.visits import write_visits

    for start in range(0, len(rows), WRITE_BATCH):
        progress(0.45 + 0.55 * start / max(len(rows), 1), f"写入 / writing {start}/{len(rows)}")
        write_visits(session, actor, [_visit_draft(row) for row in rows[start:start + WRITE_BATCH]],
                     today, workers)
