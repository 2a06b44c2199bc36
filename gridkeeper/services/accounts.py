"""Accounts: users and roles, the first administrator, logins with lockout, grid assignments.

Passwords are hashed with argon2id (argon2-cffi) at RFC 9106's low-memory profile (64 MiB,
3 passes, 4 lanes), stronger than OWASP's minimum (19 MiB, 2 passes, 1 lane). A hash made
with weaker parameters is replaced at the next successful login. Five wrong passwords in a
row lock the account for 15 minutes. This module is the only user of argon2 in the project.

A login yields an :class:`Actor`; a grid leader's actor carries the ids of their grids, an
account of one community (社区) carries that community's grids (the street office's accounts
see all), and every actor made here writes an audit row when a service refuses it something.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import GridKeeperError, NotFound, ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.roles import ACTIONS, COMMUNITY_ROLES, Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services.grid_names import SEPARATOR, find_grid, grid_choices
from gridkeeper.storage.database import Database
from gridkeeper.storage.models import Community, Grid, User, UserGrid

MAX_FAILED_LOGINS = 5
LOCK_TIME = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

# RFC 9106 "second recommended option" = argon2-cffi's default profile; above OWASP's floor.
HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)

Clock = Callable[[], datetime]


class LoginFailed(GridKeeperError):
    """Unknown user or wrong password: deliberately the same message for both."""

    zh = "用户名或密码错误"
    en = "Wrong user name or password"


class AccountLocked(GridKeeperError):
    zh = "账户“{user}”因连续输错密码已锁定，请在 {until} 之后再试，或请管理员解锁"
    en = ("Account “{user}” is locked after too many wrong passwords; "
          "try again after {until} or ask an administrator")

    def __init__(self, user: str, until: datetime) -> None:
        super().__init__(user=user, until=until.strftime("%H:%M"))


class UsersExist(GridKeeperError):
    zh = "已有用户，不能再创建初始管理员"
    en = "Users exist already; the first administrator cannot be created again"


@dataclass(frozen=True)
class UserInfo:
    """A user as screens and the command line list them (never the hash)."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    failed_logins: int
    grids: tuple[str, ...]
    community: str | None = None  # the one community it works for; None: the whole street


@dataclass(frozen=True)
class LoggedInActor(Actor):
    """An :class:`Actor` that writes a "refused" audit row whenever a service refuses it."""

    on_refusal: Callable[[Actor, str], None] | None = field(
        default=None, compare=False, repr=False)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            self.note_refusal(f"{permission.value}: {ACTIONS[permission].en}")
        super().require(permission)

    def note_refusal(self, detail: str) -> None:
        if self.on_refusal is not None:
            try:
                self.on_refusal(self, detail)
            except Exception:  # noqa: BLE001 - the refusal itself must still reach the user
                pass


def hash_password(password: str, hasher: PasswordHasher = HASHER) -> str:
    return hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(T("密码", "password"), "*" * len(password),
                              T(f"至少 {MIN_PASSWORD_LENGTH} 个字符",
                                f"needs at least {MIN_PASSWORD_LENGTH} characters"))


def check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 50 or any(c.isspace() for c in name):
        raise ValidationError(T("用户名", "user name"), username,
                              T("需 1-50 个字符且不含空格", "needs 1-50 characters without spaces"))
    return name


class AccountService:
    """Users of one database; ``clock`` and ``hasher`` are injectable for tests."""

    def __init__(self, db: Database, actor: Actor, clock: Clock = datetime.now,
                 hasher: PasswordHasher = HASHER, records: bool = True) -> None:
        self.db = db
        self.actor = actor
        self.clock = clock
        self.hasher = hasher
        # False for the accounts of a file that must not be written (a backup about to be
        # restored): logins are checked the same way but neither counted nor logged there
        self.records = records

    # -- first start and login ------------------------------------------------------------

    def has_users(self) -> bool:
        with self.db.reading() as session:
            return bool(session.scalar(select(func.count()).select_from(User)))

    def create_first_admin(self, username: str, password: str, display_name: str = "") -> Actor:
        """The administrator asked for on first start; refused once any user exists."""
        username = check_username(username)
        check_password_strength(password)
        password_hash = self.hasher.hash(password)
        with self.db.transaction() as session:
            if session.scalar(select(func.count()).select_from(User)):
                raise UsersExist()
            user = User(username=username, display_name=display_name or username,
                        role=Role.ADMIN.value, password_hash=password_hash)
            session.add(user)
            session.flush()
            actor = self._actor(session, user)
            audit_trail.record(session, actor, "insert", table="app_user", row_id=user.id,
                         after=_user_snapshot(user), detail="first administrator")
        return actor

    def login(self, username: str, password: str) -> Actor:
        """Check the password; return the user's actor or raise a typed error.

        An unknown user, a wrong password and a disabled account get the same answer
        (:class:`LoginFailed`), whatever the password: the answer tells nothing about
        which names exist or which password is right.
        """
        username = username.strip()
        now = self.clock()
        with self.db.reading() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            snapshot = None if user is None else (
                user.id, user.password_hash, user.active, user.locked_until)
        if snapshot is None:
            self._burn_time(password)
            self._log(username, "login_failed", detail="unknown user")
            raise LoginFailed()
        user_id, stored, active, locked_until = snapshot
        if not active:
            self._burn_time(password)
            self._log(username, "login_failed", detail="account disabled")
            raise LoginFailed()
        if locked_until is not None and now < locked_until:
            self._log(username, "login_failed", detail="account locked")
            raise AccountLocked(user=username, until=locked_until)
        try:
            self.hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            if not self.records:
                raise LoginFailed() from None
            raise self._count_failure(user_id, username, now) from None
        if not self.records:
            with self.db.reading() as session:
                row = session.get(User, user_id)
                assert row is not None
                grid_ids, community_id = _scope(session, row)
                return Actor(username=username, role=Role(row.role), grid_ids=grid_ids,
                             community_id=community_id)
        with self.db.transaction() as session:
            row = session.get(User, user_id)
            assert row is not None
            row.failed_logins = 0
            row.locked_until = None
            detail = None
            if self.hasher.check_needs_rehash(stored):
                # the stored hash was made with weaker parameters: upgrade it now we know the password
                row.password_hash = self.hasher.hash(password)
                detail = "password hash upgraded"
            actor = self._actor(session, row)
            audit_trail.record(session, actor, "login", table="app_user", row_id=user_id, detail=detail)
        return actor

    def _count_failure(self, user_id: int, username: str, now: datetime) -> GridKeeperError:
        """Count a wrong password (locking at the fifth); return the error to raise."""
        with self.db.transaction() as session:
            row = session.get(User, user_id)
            assert row is not None
            row.failed_logins = (row.failed_logins or 0) + 1
            locked = row.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                row.locked_until = now + LOCK_TIME
                row.failed_logins = 0
            audit_trail.record(session, self._actor(session, row),
                         "login_failed", table="app_user", row_id=user_id,
                         detail="wrong password; account locked" if locked else "wrong password")
        if locked:
            return AccountLocked(user=username, until=now + LOCK_TIME)
        return LoginFailed()

    def _burn_time(self, password: str) -> None:
        # hash anyway so an unknown name takes as long as a wrong password
        self.hasher.hash(password)

    def _log(self, username: str, action: str, detail: str) -> None:
        if not self.records:
            return
        with self.db.transaction() as session:
            audit_trail.record(session, Actor(username=username, role=Role.SUPERVISOR), action,
                         table="app_user", detail=detail)

    def actor_for(self, username: str) -> Actor:
        """The actor of a known user without a password (e.g. after the idle lock re-checks)."""
        with self.db.reading() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            if user is None:
                raise NotFound(what="用户", what_en="user", key=username)
            return self._actor(session, user)

    def verify(self, username: str, password: str) -> Actor:
        """Re-check the password of a user (the idle lock): same rules as :meth:`login`."""
        return self.login(username, password)

    def _actor(self, session: Session, user: User) -> Actor:
        db = self.db

        def refused(actor: Actor, detail: str) -> None:
            # refused inside a write transaction: written once that one has rolled back (its
            # own would otherwise wait for the write lock this thread holds)
            db.when_idle(lambda: audit_trail.record_refusal(db, actor, detail))

        grid_ids, community_id = _scope(session, user)
        return LoggedInActor(username=user.username, role=Role(user.role), grid_ids=grid_ids,
                             community_id=community_id, on_refusal=refused)

    # -- the idle lock --------------------------------------------------------------------

    def idle_minutes(self) -> int:
        """Minutes without input before the window locks (an office setting, 设置)."""
        from gridkeeper.services.settings import IDLE_KEY, SettingsService

        return int(SettingsService(self.db, self.actor).value(IDLE_KEY))

    def set_idle_minutes(self, minutes: int) -> None:
        from gridkeeper.services.settings import IDLE_KEY, SettingsService

        SettingsService(self.db, self.actor).save(values={IDLE_KEY: str(minutes)})

    # -- administration -------------------------------------------------------------------

    def list_users(self) -> list[UserInfo]:
        self.actor.require(Permission.MANAGE_USERS)
        with self.db.reading() as session:
            # in the street's order, named as every command finds them ("阳光社区/第1网格"
            # where two communities have a grid of that name)
            choices = grid_choices(session, self.actor)
            rank = {c.id: i for i, c in enumerate(choices)}
            label = {c.id: c.label for c in choices}
            grids: dict[int, list[str]] = {}
            for user_id, grid_id in sorted(
                    session.execute(select(UserGrid.user_id, UserGrid.grid_id)).all(),
                    key=lambda r: rank.get(r[1], len(rank))):
                grids.setdefault(user_id, []).append(label.get(grid_id, ""))
            names: dict[int, str] = {i: n for i, n in session.execute(select(Community.id, Community.name))}
            return [
                UserInfo(id=u.id, username=u.username, display_name=u.display_name,
                         role=Role(u.role), active=u.active, locked_until=u.locked_until,
                         failed_logins=u.failed_logins or 0, grids=tuple(grids.get(u.id, ())),
                         community=names.get(u.community_id) if u.community_id else None)
                for u in session.scalars(select(User).order_by(User.username))
            ]

    def add_user(self, username: str, password: str, role: Role, display_name: str = "",
                 grids: Iterable[str] = (), community: str | None = None) -> int:
        """A new account; ``community`` (a name) limits it to that community, None leaves
        it street-wide."""
        self.actor.require(Permission.MANAGE_USERS)
        username = check_username(username)
        check_password_strength(password)
        password_hash = self.hasher.hash(password)
        with self.db.transaction() as session:
            if session.scalars(select(User.id).where(User.username == username)).first():
                raise ValidationError(T("用户名", "user name"), username,
                                      T("已被使用", "is already taken"))
            community_id = _community_id(session, community)
            _check_community_role(username, Role(role), community_id)
            user = User(username=username, display_name=display_name or username,
                        role=Role(role).value, password_hash=password_hash,
                        community_id=community_id)
            session.add(user)
            session.flush()
            audit_trail.record(session, self.actor, "insert", table="app_user", row_id=user.id,
                         after=_user_snapshot(user))
            self._set_grids(session, user, grids)
            return user.id

    def set_grids(self, username: str, grids: Iterable[str]) -> tuple[str, ...]:
        """Give a user exactly these grids (by name); returns them as stored."""
        self.actor.require(Permission.MANAGE_USERS)
        with self.db.transaction() as session:
            user = _user(session, username)
            return self._set_grids(session, user, grids)

    def set_community(self, username: str, community: str | None) -> str | None:
        """Limit an account to one community (a name), or with None open it to the whole
        street office; returns the community as stored. A grid leader keeps only those of
        their grids that lie in the community."""
        self.actor.require(Permission.MANAGE_USERS)
        with self.db.transaction() as session:
            user = _user(session, username)
            community_id = _community_id(session, community)
            _check_community_role(user.username, Role(user.role), community_id)
            if community_id == user.community_id:
                return _community_name(session, community_id)
            before = _user_snapshot(user)
            user.community_id = community_id
            session.flush()
            audit_trail.record(session, self.actor, "update", table="app_user", row_id=user.id,
                               before=before, after=_user_snapshot(user))
            if community_id is not None:
                outside = list(session.scalars(
                    select(Grid.name).join(UserGrid, UserGrid.grid_id == Grid.id)
                    .where(UserGrid.user_id == user.id, Grid.community_id != community_id)))
                if outside:
                    kept = session.scalars(
                        select(Grid.id).join(UserGrid, UserGrid.grid_id == Grid.id)
                        .where(UserGrid.user_id == user.id, Grid.community_id == community_id))
                    self._replace_grids(session, user, list(kept))
            return _community_name(session, community_id)

    def _set_grids(self, session: Session, user: User, grids: Iterable[str]) -> tuple[str, ...]:
        names = list(dict.fromkeys(g.strip() for g in grids if g.strip()))
        # by name as every command finds a grid: "阳光社区/第1网格" where two communities have one;
        # a bare name of a community's account is a grid of that community
        home = _community_name(session, user.community_id)
        found = {name: find_grid(session, self.actor, name if home is None or SEPARATOR in name
                                 else f"{home}{SEPARATOR}{name}") for name in names}
        if user.community_id is not None:
            elsewhere = [name for name, grid_id in found.items()
                         if session.scalar(select(Grid.community_id).where(Grid.id == grid_id))
                         != user.community_id]
            if elsewhere:
                raise ValidationError(T("网格", "grid"), "、".join(elsewhere), T(
                    f"不在该账户的社区（{_community_name(session, user.community_id)}）",
                    f"is not in the account's community ({_community_name(session, user.community_id)})"))
        old = sorted(session.scalars(
            select(Grid.name).join(UserGrid, UserGrid.grid_id == Grid.id)
            .where(UserGrid.user_id == user.id)))
        if old == sorted(names):
            return tuple(names)
        self._replace_grids(session, user, [found[n] for n in names])
        return tuple(names)

    def _replace_grids(self, session: Session, user: User, grid_ids: list[int]) -> None:
        old = sorted(session.scalars(
            select(Grid.name).join(UserGrid, UserGrid.grid_id == Grid.id)
            .where(UserGrid.user_id == user.id)))
        session.execute(delete(UserGrid).where(UserGrid.user_id == user.id))
        session.add_all(UserGrid(user_id=user.id, grid_id=g) for g in grid_ids)
        session.flush()
        new = sorted(session.scalars(select(Grid.name).where(Grid.id.in_(grid_ids)))) if grid_ids else []
        audit_trail.record(session, self.actor, "update", table="user_grid", row_id=user.id,
                           before={"grids": old}, after={"grids": new})

    def set_role(self, username: str, role: Role) -> None:
        self._change(username, role=Role(role).value)

    def community_names(self) -> list[str]:
        """The street office's communities in its order, for choosing an account's."""
        from gridkeeper.services.levels import communities

        self.actor.require(Permission.MANAGE_USERS)
        with self.db.reading() as session:
            return [c.name for c in communities(session)]

    def set_active(self, username: str, active: bool) -> None:
        self._change(username, active=active)

    def unlock(self, username: str) -> None:
        self._change(username, locked_until=None, failed_logins=0)

    def set_password(self, username: str, new_password: str, old_password: str | None = None) -> None:
        """An administrator sets anyone's password; a user changes their own with the old one."""
        check_password_strength(new_password)
        if username != self.actor.username or old_password is None:
            self.actor.require(Permission.MANAGE_USERS)
        else:
            with self.db.reading() as session:
                stored = _user(session, username).password_hash
            try:
                self.hasher.verify(stored, old_password)
            except (VerificationError, InvalidHashError):
                raise LoginFailed() from None
        with self.db.transaction() as session:
            user = _user(session, username)
            user.password_hash = self.hasher.hash(new_password)
            user.failed_logins, user.locked_until = 0, None
            # the hash never goes into the log, only the fact
            audit_trail.record(session, self.actor, "update", table="app_user", row_id=user.id,
                         detail="password changed")

    def _change(self, username: str, **values: object) -> None:
        self.actor.require(Permission.MANAGE_USERS)
        with self.db.transaction() as session:
            user = _user(session, username)
            before = _user_snapshot(user)
            for key, value in values.items():
                setattr(user, key, value)
            _check_community_role(user.username, Role(user.role), user.community_id)
            self._keep_an_admin(session, user)
            session.flush()
            audit_trail.record(session, self.actor, "update", table="app_user", row_id=user.id,
                         before=before, after=_user_snapshot(user))

    @staticmethod
    def _keep_an_admin(session: Session, user: User) -> None:
        session.flush()
        admins = session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN.value, User.active.is_(True)))
        if not admins:
            raise ValidationError(T("用户", "user"), user.username,
                                  T("至少要保留一个在用的管理员",
                                    "at least one active administrator must remain"))


def _user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(what="用户", what_en="user", key=username)
    return user


def _scope(session: Session, user: User) -> tuple[frozenset[int] | None, int | None]:
    """(grid ids, community id) an account's actor carries: a grid leader's own grids (of its
    community when it has one), every grid of its community, or None for the whole street."""
    community_id = user.community_id if Role(user.role) in COMMUNITY_ROLES else None
    if Role(user.role) is Role.GRID_LEADER:
        query = select(UserGrid.grid_id).where(UserGrid.user_id == user.id)
        if community_id is not None:
            query = query.join(Grid, Grid.id == UserGrid.grid_id).where(
                Grid.community_id == community_id)
        return frozenset(session.scalars(query)), community_id
    if community_id is None:
        return None, None
    return frozenset(session.scalars(select(Grid.id).where(Grid.community_id == community_id))), \
        community_id


def _community_id(session: Session, name: str | None) -> int | None:
    """The id of the community of that name (None for the whole street); never created."""
    if name is None or not name.strip():
        return None
    found = session.scalar(select(Community.id).where(Community.name == name.strip()))
    if found is None:
        raise NotFound(what="社区", what_en="community", key=name.strip())
    return found


def _community_name(session: Session, community_id: int | None) -> str | None:
    if community_id is None:
        return None
    return session.scalar(select(Community.name).where(Community.id == community_id))


def _check_community_role(username: str, role: Role, community_id: int | None) -> None:
    if community_id is not None and role not in COMMUNITY_ROLES:
        raise ValidationError(T("用户", "user"), username, T(
            "管理员管理整个街道，不能限于一个社区",
            "an administrator runs the whole street office and cannot be limited to one community"))


def _user_snapshot(user: User) -> dict[str, object]:
    data = audit_trail.snapshot(user)
    data.pop("password_hash", None)
    return data
