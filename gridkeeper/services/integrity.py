"""Checking a database: SQLite's own checks and the register's rules; repairs only on request.

``check`` runs ``quick_check``, ``foreign_key_check`` and the app-level rules (one head per
household, no visit after the household's death) and reports what it found. With
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
from gridkeeper.services.backup import BackupInfo, BackupService, check_file
from gridkeeper.storage.cipher import passphrase_of
from gridkeeper.storage.database import Database


class DatabaseDamaged(GridKeeperError):
    """The database failed quick_check at start; nothing was written to it."""

    zh = "数据库“{path}”已损坏（{detail}），未作任何写入。{offer}"
    en = "Database “{path}” is damaged ({detail}); nothing was written to it. {offer_en}"

    def __init__(self, path: str, detail: str, backup: Path | None) -> None:
        if backup is None:
            offer, offer_en = "没有可用的备份。", "No usable backup was found."
        else:
            offer = f"可用最新的完好备份恢复：gridkeeper restore \"{backup}\""
            offer_en = f"Restore the newest good backup: gridkeeper restore \"{backup}\""
        super().__init__(path=path, detail=detail, offer=offer, offer_en=offer_en)
        self.backup = backup


@dataclass(frozen=True)
class Finding:
    """One problem: what kind, a message for people, where, and whether ``--fix`` repairs it."""

    kind: str  # quick_check / foreign_key / household_head / visit_after_death
    message: T
    table: str | None = None
    row_id: int | None = None
    fixable: bool = False


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    backup: BackupInfo | None = None  # taken before fixing

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def remaining(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f not in self.fixed)


@dataclass(frozen=True)
class StartupCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    offer: BackupInfo | None = None

    def raise_if_damaged(self, path: Path) -> None:
        if not self.ok:
            raise DatabaseDamaged(path=str(path), detail="; ".join(self.problems[:3]),
                                  backup=self.offer.path if self.offer else None)


def startup_check(db: Database, backups: BackupService | None = None) -> StartupCheck:
    """Quick-check the file before the program writes to it; offer a backup when it fails."""
    path = db.path
    if path is None or not path.exists() or path.stat().st_size == 0:
        return StartupCheck(ok=True)
    problems = check_file(path, passphrase_of(db.url), quick=True)
    if not problems:
        return StartupCheck(ok=True)
    offer = (backups or BackupService(db)).newest_good()
    return StartupCheck(ok=False, problems=problems, offer=offer)


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
                        + self._visits_after_death(session))
        fixable = [f for f in findings if f.fixable]
        if not fix or not fixable or any(f.kind == "quick_check" for f in findings):
            # a damaged file is restored, not patched
            return CheckReport(findings=tuple(findings))
        backup = BackupService(self.db, self.actor).take("before-fix") if self.db.path else None
        with self.db.transaction() as session:
            fixed = [f for f in fixable if self._fix_head(session, f)]
        return CheckReport(findings=tuple(findings), fixed=tuple(fixed), backup=backup)

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
