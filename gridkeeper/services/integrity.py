"""Checking a database: SQLite's own checks and the register's rules; repairs only on request.

``check`` runs ``quick_check``, ``foreign_key_check``, the app-level rules (one head per
household, no visit after the household's death) and looks at the audit log's guards (the
triggers that make it append-only: dropped, disabled or hollowed out), and reports what it
found; on PostgreSQL it also advises when the login role owns the audit log (it could drop
the guards; the README shows the set-up where it does not). With
``fix=True`` it repairs what can be repaired safely (a backup is taken first); the rest is
reported for a person to decide.

``startup_check`` runs before anything writes to the database at start: a database that
fails ``quick_check`` is left untouched and the newest backup that passes is offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services.backup import (
    BackupInfo,
    BackupService,
    check_file,
    first_page_error,
    opens,
    unreachable,
)
from gridkeeper.storage.cipher import (
    NotEncrypted,
    WrongKey,
    connect_file,
    is_plain_sqlite,
    passphrase_of,
)
from gridkeeper.storage.database import Database
from gridkeeper.storage.models.security import AUDIT_GUARD_POSTGRESQL, AUDIT_GUARD_SQLITE


class DatabaseDamaged(GridKeeperError):
    """The database failed the start-up check; nothing was written to it."""

    zh = "数据库“{path}”已损坏（{detail}），未作任何写入。{offer}"
    en = "Database “{path}” is damaged ({detail}); nothing was written to it. {offer_en}"

    def __init__(self, path: str, detail: str, backup: Path | None) -> None:
        offer, offer_en = _offer(backup)
        if backup is None:
            offer, offer_en = "没有可用的备份。", "No usable backup was found."
        super().__init__(path=path, detail=detail, offer=offer, offer_en=offer_en)
        self.backup = backup


@dataclass(frozen=True)
class Finding:
    """One problem: what kind, a message for people, where, and whether ``--fix`` repairs it."""

    kind: str  # quick_check / foreign_key / household_head / visit_after_death / audit_guard
    message: T
    table: str | None = None
    row_id: int | None = None
    fixable: bool = False


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    backup: BackupInfo | None = None  # taken before fixing
    # not wrong, but weakening (PostgreSQL: the login role owns the audit log)
    advice: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def remaining(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f not in self.fixed)


class DatabaseUnreachable(GridKeeperError):
    """The database file could not be got at (the disk full, access refused, a failing disk):
    not called damaged, and no backup offered in its place."""

    zh = ("无法读写数据库“{path}”（{detail}）：磁盘可能已满、没有权限或磁盘出错。文件本身未必损坏，"
          "未作任何写入；请腾出磁盘空间或排除故障后再打开。")
    en = ("Database “{path}” could not be read or written ({detail}): the disk may be full, access "
          "refused or the disk failing. The file itself is not necessarily damaged and nothing was "
          "written to it; free some disk space or fix the fault, then open it again.")


class NotARegister(DatabaseDamaged):
    """A SQLite database that is not a GridKeeper register: never migrated into (at the
    register's path it is damage like any other, and the newest good backup is offered)."""

    zh = "“{path}”不是 GridKeeper 数据库（{detail}），未作任何写入。{offer}"
    en = "“{path}” is not a GridKeeper database ({detail}); nothing was written to it. {offer_en}"

    def __init__(self, path: str, detail: str, backup: Path | None) -> None:
        offer, offer_en = _offer(backup)
        GridKeeperError.__init__(self, path=path, detail=detail, offer=offer, offer_en=offer_en)
        self.backup = backup


def _offer(backup: Path | None) -> tuple[str, str]:
    if backup is None:
        return "", ""
    return (f"可用最新的完好备份恢复：gridkeeper restore \"{backup}\"",
            f"Restore the newest good backup: gridkeeper restore \"{backup}\"")


@dataclass(frozen=True)
class StartupCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    offer: BackupInfo | None = None
    # damaged / wrong_key / not_encrypted / not_a_register / unreachable
    verdict: str = "damaged"

    def raise_if_damaged(self, path: Path) -> None:
        if self.ok:
            return
        if self.verdict == "wrong_key":
            raise WrongKey(path=str(path))
        if self.verdict == "not_encrypted":
            raise NotEncrypted(path=str(path))
        if self.verdict == "unreachable":
            raise DatabaseUnreachable(path=str(path), detail="; ".join(self.problems[:3]))
        backup = self.offer.path if self.offer else None
        if self.verdict == "not_a_register":
            raise NotARegister(path=str(path), detail="; ".join(self.problems[:3]), backup=backup)
        raise DatabaseDamaged(path=str(path), detail="; ".join(self.problems[:3]), backup=backup)


def startup_check(db: Database, backups: BackupService | None = None, full: bool = True) -> StartupCheck:
    """Look at the file before the program writes to it; offer a backup when it is damaged.

    A missing file is a new register. A write cut off half-way is undone first (its rollback
    journal played back). Anything else must be a sound GridKeeper database:
    an empty (0-byte) file, a file that is not SQLite, one that fails quick_check or a SQLite
    database of another program is never written to. A passphrase that does not open the
    file is told apart from damage by the backups: when the newest one opens with it, the
    passphrase is right and the file is damaged.

    ``full=False`` leaves out quick_check (which reads the whole file): what is left takes a
    moment and is always done before anything opens the file for work.
    """
    path = db.path
    if path is None or not path.exists():
        return StartupCheck(ok=True)
    service = backups or BackupService(db)
    passphrase = passphrase_of(db.url)
    if path.stat().st_size == 0:
        return StartupCheck(ok=False, problems=["文件为空（0 字节） / the file is empty (0 bytes)"],
                            offer=service.newest_good())
    plain = is_plain_sqlite(path)
    _undo_interrupted_write(path, passphrase)
    if passphrase is not None and plain:
        return StartupCheck(ok=False, verdict="not_encrypted")
    if passphrase is None and not plain:
        offer = service.newest_good()
        return StartupCheck(ok=False, offer=offer, problems=[
            "不是 SQLite 数据库（若是加密数据库，请设置 GRIDKEEPER_DB_KEY） / not a SQLite "
            "database (an encrypted one needs GRIDKEEPER_DB_KEY)"])
    if not full:
        problems = [] if opens(path, passphrase) else ["无法读取 / cannot be read"]
    else:
        problems = check_file(path, passphrase, quick=True)
    if problems:
        blocked = unreachable(path, passphrase)
        if blocked is not None:
            return StartupCheck(ok=False, problems=[blocked], verdict="unreachable")
        offer = service.newest_good()
        if passphrase is not None and offer is None and not opens(path, passphrase):
            # neither the file nor any backup opens with this passphrase: it is the passphrase
            return StartupCheck(ok=False, verdict="wrong_key")
        return StartupCheck(ok=False, problems=problems, offer=offer)
    foreign = _foreign_database(path, passphrase)
    if foreign:
        return StartupCheck(ok=False, problems=[foreign], offer=service.newest_good(),
                            verdict="not_a_register")
    return StartupCheck(ok=True)


def _undo_interrupted_write(path: Path, passphrase: str | None) -> None:
    """A rollback journal left beside the register (a write cut off half-way, such as a demo
    filling a new register) is played back as SQLite does at the next opening, putting the
    file back as it was before that write. The looks that follow open the file read-only,
    which cannot play it back: they would take the unfinished write for damage."""
    journal = Path(f"{path}-journal")
    if journal.exists() and journal.stat().st_size > 0:
        first_page_error(path, passphrase, read_only=False)  # what is wrong, the looks that follow say


def _foreign_database(path: Path, passphrase: str | None) -> str | None:
    """Why a sound SQLite file is not a GridKeeper register, or None (ours, or still empty)."""
    try:
        connection = connect_file(path, passphrase, read_only=True)
        try:
            tables = {str(r[0]) for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        finally:
            connection.close()
    except Exception as error:  # noqa: BLE001 - unreadable: quick_check said otherwise, report it
        return str(error)
    if not tables:
        return None
    if "alembic_version" not in tables:
        return "没有 GridKeeper 的结构版本 / no GridKeeper schema version"
    return None


class IntegrityService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def check(self, fix: bool = False) -> CheckReport:
        self.actor.require(Permission.BACKUP)
        if fix:
            self.actor.require(Permission.EDIT_REGISTER)
        with self.db.reading() as session:
            findings = (self._sqlite(session) + self._foreign_keys(session) + self._heads(session)
                        + self._visits_after_death(session) + self._audit_guards(session))
            advice = self._advice(session)
        fixable = [f for f in findings if f.fixable]
        if not fix or not fixable or any(f.kind == "quick_check" for f in findings):
            # a damaged file is restored, not patched
            return CheckReport(findings=tuple(findings), advice=tuple(advice))
        backup = BackupService(self.db, self.actor).take("before-fix") if self.db.path else None
        with self.db.transaction() as session:
            fixed = [f for f in fixable if f.kind != "audit_guard" and self._fix_head(session, f)]
            guards = [f for f in fixable if f.kind == "audit_guard"]
            if guards and self._fix_guards(session):
                fixed += guards
        return CheckReport(findings=tuple(findings), fixed=tuple(fixed), backup=backup,
                           advice=tuple(advice))

    # -- SQLite ---------------------------------------------------------------------------

    def _sqlite(self, session: Session) -> list[Finding]:
        if not self.db.is_sqlite:
            return []
        rows = [str(r[0]) for r in session.execute(text("PRAGMA quick_check")).all()]
        if rows == ["ok"]:
            return []
        return [Finding("quick_check", T(f"SQLite 检查发现损坏：{r}", f"SQLite found damage: {r}"))
                for r in rows[:20]]

    def _foreign_keys(self, session: Session) -> list[Finding]:
        if not self.db.is_sqlite:
            return []  # PostgreSQL enforces foreign keys always
        return [
            Finding("foreign_key",
                    T(f"{table} 第 {rowid} 行引用了不存在的 {parent} 记录",
                      f"{table} row {rowid} refers to a missing {parent} row"),
                    table=str(table), row_id=rowid)
            for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")).all()
        ]

    # -- the register's rules -------------------------------------------------------------

    def _heads(self, session: Session) -> list[Finding]:
        rows = session.execute(text(
            "SELECT h.id, h.code, "
            "  sum(CASE WHEN r.is_head THEN 1 ELSE 0 END) AS heads "
            "FROM household h JOIN resident r ON r.household_id = h.id AND r.status = 'active' "
            "WHERE h.status = 'active' "
            "GROUP BY h.id, h.code HAVING sum(CASE WHEN r.is_head THEN 1 ELSE 0 END) <> 1 "
            "ORDER BY h.id")).all()
        return [
            Finding("household_head",
                    T(f"户 {code} 有 {heads} 位户主（应为 1 位）",
                      f"household {code} has {heads} heads (should be 1)"),
                    table="household", row_id=hid, fixable=True)
            for hid, code, heads in rows
        ]

    def _visits_after_death(self, session: Session) -> list[Finding]:
        rows = session.execute(text(
            "SELECT v.id, h.code, v.visit_date, h.status_since FROM visit v "
            "JOIN household h ON h.id = v.household_id "
            "WHERE h.status = 'deceased' AND h.status_since IS NOT NULL "
            "AND v.visit_date > h.status_since AND v.outcome <> 'deceased' ORDER BY v.id")).all()
        return [
            Finding("visit_after_death",
                    T(f"户 {code} 已于 {since} 故去，但有 {day} 的走访记录（请人工核对）",
                      f"household {code} died out on {since} but has a visit on {day} (check by hand)"),
                    table="visit", row_id=vid)
            for vid, code, day, since in rows
        ]

    # -- the audit log's guards -----------------------------------------------------------

    def _audit_guards(self, session: Session) -> list[Finding]:
        """The triggers that make the audit log append-only: present, unaltered, enabled."""
        dialect = session.get_bind().dialect.name
        if dialect == "sqlite":
            return _sqlite_guards(session)
        if dialect == "postgresql":
            return _postgres_guards(session)
        return []

    def _advice(self, session: Session) -> list[Finding]:
        """What is not wrong yet, but lets the audit log be changed (PostgreSQL's roles)."""
        if session.get_bind().dialect.name != "postgresql":
            return []
        owner, superuser = session.execute(text(
            "SELECT pg_get_userbyid(c.relowner) = current_user, r.rolsuper FROM pg_class c "
            "JOIN pg_roles r ON r.rolname = current_user "
            "WHERE c.relname = 'audit_log' AND c.relnamespace = current_schema()::regnamespace")).one()
        if not owner and not superuser:
            return []
        return [Finding("audit_owner", T(
            "本程序登录数据库所用的角色拥有审计日志表（或是超级用户），可以删除或停用它的保护触发器："
            "请按 README 的 PostgreSQL 设置，让登录角色不拥有 audit_log",
            "The role this program logs in as owns the audit log table (or is a superuser) and can "
            "drop or disable its guards: set PostgreSQL up as the README shows, with a login role "
            "that does not own audit_log"))]

    def _fix_guards(self, session: Session) -> bool:
        """Put the guards back (SQLite always; PostgreSQL when the login role owns the table)."""
        dialect = session.get_bind().dialect.name
        try:
            with session.begin_nested():
                if dialect == "sqlite":
                    for name in _GUARD_NAMES_SQLITE:
                        session.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))
                    for statement in AUDIT_GUARD_SQLITE:
                        session.execute(text(statement))
                elif dialect == "postgresql":
                    for statement in AUDIT_GUARD_POSTGRESQL:
                        session.execute(text(statement))
                    session.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change"))
                    session.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate"))
                else:
                    return False
        except Exception:  # noqa: BLE001 - not the table's owner: a person must do it
            return False
        audit_trail.record(session, self.actor, "update", table="audit_log",
                           detail="gridkeeper check --fix: audit log guards restored")
        return True

    def _fix_head(self, session: Session, finding: Finding) -> bool:
        """Make one active resident the head: the one recorded as 户主, else the eldest."""
        if finding.kind != "household_head" or finding.row_id is None:
            return False
        residents = session.execute(text(
            "SELECT id, is_head FROM resident WHERE household_id = :h AND status = 'active' "
            "ORDER BY CASE WHEN is_head THEN 0 ELSE 1 END, CASE WHEN relation = '户主' THEN 0 ELSE 1 END, "
            "birth_date IS NULL, birth_date, id"), {"h": finding.row_id}).all()
        if not residents:
            return False
        head = residents[0][0]
        for rid, is_head in residents:
            wanted = rid == head
            if bool(is_head) == wanted:
                continue
            # clear the extra heads before naming the new one: the one-head index checks each row
            session.execute(text("UPDATE resident SET is_head = :v, version = version + 1 WHERE id = :r"),
                            {"v": wanted, "r": rid})
            audit_trail.record(session, self.actor, "update", table="resident", row_id=rid,
                         before={"is_head": bool(is_head)}, after={"is_head": wanted},
                         detail="gridkeeper check --fix: one head per household")
        return True


_GUARD_NAMES_SQLITE = tuple(s.split()[5] for s in AUDIT_GUARD_SQLITE)  # CREATE TRIGGER IF NOT EXISTS <name>
_POSTGRES_GUARDS = {  # name -> what its definition must say (PostgreSQL orders the events itself)
    "audit_log_no_change": ("before ", " update", " delete", "for each row", "audit_log_append_only()"),
    "audit_log_no_truncate": ("before truncate", "for each statement", "audit_log_append_only()"),
}


def _normal(sql: str) -> str:
    return " ".join(sql.lower().replace("if not exists ", "").split())


def _guard_finding(name: str, what: T) -> Finding:
    return Finding("audit_guard", T(
        f"审计日志的保护触发器 {name} {what.zh}：审计日志可被修改或删除",
        f"the audit log's guard {name} {what.en}: the log can be changed or deleted"),
        table="audit_log", fixable=True)


def _sqlite_guards(session: Session) -> list[Finding]:
    found = {str(name): _normal(str(sql or "")) for name, sql in session.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))}
    findings = []
    for name, statement in zip(_GUARD_NAMES_SQLITE, AUDIT_GUARD_SQLITE, strict=True):
        if name not in found:
            findings.append(_guard_finding(name, T("已被删除", "was dropped")))
        elif found[name] != _normal(statement):
            findings.append(_guard_finding(name, T("已被改动", "was altered")))
    return findings


def _postgres_guards(session: Session) -> list[Finding]:
    found = session.execute(text(
        "SELECT t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relname = 'audit_log' AND c.relnamespace = current_schema()::regnamespace "
        "AND NOT t.tgisinternal"))
    rows = {str(name): (str(enabled), str(definition).lower()) for name, enabled, definition in found}
    findings = []
    for name, parts in _POSTGRES_GUARDS.items():
        if name not in rows:
            findings.append(_guard_finding(name, T("已被删除", "was dropped")))
            continue
        enabled, definition = rows[name]
        if enabled in ("D", "R"):  # disabled, or firing only for replication
            findings.append(_guard_finding(name, T("已被停用", "is disabled")))
        elif not all(part in definition for part in parts):
            findings.append(_guard_finding(name, T("已被改动", "was altered")))
    body = session.scalar(text(
        "SELECT prosrc FROM pg_proc WHERE proname = 'audit_log_append_only' "
        "AND pronamespace = current_schema()::regnamespace"))
    if body is None or "raise exception" not in body.lower():
        findings.append(_guard_finding("audit_log_append_only()",
                                       T("已被改动或删除", "was altered or dropped")))
    return findings
