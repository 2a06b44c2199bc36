"""Who may do what: the role matrix, enforced by the services (not only by the screens).

A grid leader's :class:`Actor` carries the grids they may see, an account of one community
(社区) carries that community's grids; everyone else sees all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.i18n import T


class Permission(StrEnum):
    VIEW_REGISTER = "view_register"
    EDIT_REGISTER = "edit_register"
    RECORD_VISIT = "record_visit"
    REVIEW_VISIT = "review_visit"
    MANAGE_NEEDS = "manage_needs"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    UNMASK = "unmask"
    CALL_BACK = "call_back"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    BACKUP = "backup"
    RESTORE = "restore"


ACTIONS: dict[Permission, T] = {
    Permission.VIEW_REGISTER: T("查看台账", "view the register"),
    Permission.EDIT_REGISTER: T("修改台账", "edit the register"),
    Permission.RECORD_VISIT: T("录入走访", "record visits"),
    Permission.REVIEW_VISIT: T("点评走访", "review visits"),
    Permission.MANAGE_NEEDS: T("办理诉求", "handle needs"),
    Permission.PRINT: T("打印", "print"),
    Permission.EXPORT: T("导出", "export"),
    Permission.IMPORT: T("导入", "import"),
    Permission.UNMASK: T("查看完整身份证号和电话", "see full ID numbers and phones"),
    Permission.CALL_BACK: T("查看本网格诉求人的完整电话以便回访",
                            "see the full phone of a resident to call back on a need of one's grids"),
    Permission.VIEW_REPORTS: T("查看统计", "view reports"),
    Permission.VIEW_AUDIT: T("查看审计日志", "view the audit log"),
    Permission.MANAGE_USERS: T("管理用户", "manage users"),
    Permission.MANAGE_SETTINGS: T("修改设置", "change settings"),
    Permission.BACKUP: T("备份和检查", "back up and check"),
    Permission.RESTORE: T("用备份替换数据库", "replace the database with a backup"),
}

_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    # restoring replaces everything, accounts and audit log included: administrators only
    Role.STAFF: frozenset({
        _P.VIEW_REGISTER, _P.EDIT_REGISTER, _P.RECORD_VISIT, _P.MANAGE_NEEDS, _P.PRINT,
        _P.EXPORT, _P.IMPORT, _P.UNMASK, _P.VIEW_REPORTS, _P.BACKUP,
    }),
    # a grid leader calls residents back on their grids' needs: that need's phone only, each
    # look audited (gridkeeper.domain.needs.may_call); every other number stays masked
    Role.GRID_LEADER: frozenset({
        _P.VIEW_REGISTER, _P.RECORD_VISIT, _P.MANAGE_NEEDS, _P.PRINT, _P.VIEW_REPORTS, _P.CALL_BACK,
    }),
    Role.SUPERVISOR: frozenset({
        _P.VIEW_REGISTER, _P.REVIEW_VISIT, _P.PRINT, _P.VIEW_REPORTS, _P.VIEW_AUDIT,
    }),
}

# What only the street office's own accounts may do: each reaches the whole register at once
# (a backup or the audit log holds every community's residents; users and settings are the
# street's), so an account of one community never holds them, whatever its role.
STREET_PERMISSIONS: frozenset[Permission] = frozenset({
    _P.MANAGE_USERS, _P.MANAGE_SETTINGS, _P.BACKUP, _P.RESTORE, _P.VIEW_AUDIT,
})
# the roles an account of one community may have (an administrator runs the whole street)
COMMUNITY_ROLES: frozenset[Role] = frozenset({Role.STAFF, Role.SUPERVISOR, Role.GRID_LEADER})


@dataclass(frozen=True)
class Actor:
    """The person on whose behalf a service acts.

    ``grid_ids`` is None for an actor who sees every grid, else the grids it may see: a grid
    leader's own, or every grid of ``community_id`` for an account of one community (None:
    the whole street office). Services scope by ``grid_ids`` alone.
    """

    username: str
    role: Role
    grid_ids: frozenset[int] | None = None
    community_id: int | None = None

    def can(self, permission: Permission) -> bool:
        if self.community_id is not None and permission in STREET_PERMISSIONS:
            return False
        return permission in ROLE_PERMISSIONS[self.role]

    def sees_community(self, community_id: int | None) -> bool:
        """Whether this actor works for that community (a street account works for all)."""
        return self.community_id is None or community_id == self.community_id

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            action = ACTIONS[permission]
            if self.community_id is not None and permission in STREET_PERMISSIONS:
                action = T(f"{action.zh}（仅限街道账户）", f"{action.en} (street office accounts only)")
            raise PermissionDenied(user=self.username, action=action.zh, action_en=action.en)

    def sees_grid(self, grid_id: int | None) -> bool:
        return self.grid_ids is None or grid_id in self.grid_ids

    def sees(self, grid_id: int | None, what: str) -> bool:
        """Whether this actor may have the record ``what`` of grid ``grid_id`` they asked for.

        Unlike :meth:`sees_grid` (filtering lists), a no here is a refusal: it is noted, so a
        logged-in user's look at another grid's household, visit or need is in the audit log.
        """
        if self.sees_grid(grid_id):
            return True
        whole = self.community_id is not None and self.role is not Role.GRID_LEADER
        self.note_refusal(f"{'another community' if whole else 'another grid'}: {what}")
        return False

    def note_refusal(self, detail: str) -> None:
        """A service refused this actor something. A logged-in user's actor writes it to the
        audit log (services/accounts.py); the built-in system has nowhere to write it."""


# Used by the command line before accounts exist and by tests: the whole register.
SYSTEM = Actor(username="system", role=Role.ADMIN)
