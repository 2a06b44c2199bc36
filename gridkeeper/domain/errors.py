"""Typed errors raised by the core, each with a Chinese and an English message.

Every error names the field and the value at fault so that a user can fix the input
without asking anyone. The UI shows ``str(error)``; the CLI prints it and exits non-zero.
"""

from __future__ import annotations

from typing import Any

from gridkeeper.domain.i18n import T, language


class GridKeeperError(Exception):
    """Base class: carries a message in both languages, picked at display time."""

    zh: str = "操作失败：{detail}"
    en: str = "Operation failed: {detail}"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        lang = lang or language()
        template = self.zh if lang == "zh" else self.en
        params = {k: v.get(lang) if isinstance(v, T) else v for k, v in self.params.items()}
        return template.format(**params)

    def __str__(self) -> str:
        return self.message()


class ValidationError(GridKeeperError):
    """A value a user typed or imported is not acceptable.

    ``field`` is the field's display name, ``value`` the bad value, ``reason`` why; field
    and reason are :class:`T` texts so the message follows the interface language.
    """

    zh = "{field}“{value}”无效：{reason}"
    en = "{field} “{value}” is invalid: {reason}"

    def __init__(self, field: T, value: Any, reason: T, **extra: Any) -> None:
        super().__init__(field=field, value=value, reason=reason, **extra)

    @property
    def field(self) -> T:
        return self.params["field"]  # type: ignore[no-any-return]

    @property
    def reason(self) -> T:
        return self.params["reason"]  # type: ignore[no-any-return]


class DuplicateIdNumber(ValidationError):
    """The resident ID number is already registered in another household."""

    zh = "身份证号“{value}”已登记在户 {other_household}（{other_name}）"
    en = "ID number “{value}” is already registered in household {other_household} ({other_name})"

    def __init__(self, value: str, other_household: str, other_name: str,
                 resident_id: int | None = None) -> None:
        GridKeeperError.__init__(
            self, field=T("身份证号", "ID number"), value=value,
            reason=T("重复", "duplicate"),
            other_household=other_household, other_name=other_name,
        )
        # the registered person: an editor may offer to move them into this household
        self.resident_id = resident_id


class NotFound(GridKeeperError):
    zh = "找不到{what}“{key}”"
    en = "No {what_en} “{key}” found"

    def __init__(self, what: str, what_en: str, key: Any) -> None:
        super().__init__(what=what, what_en=what_en, key=key)


class ConcurrentEdit(GridKeeperError):
    """Someone else saved the same record since it was opened (optimistic concurrency)."""

    zh = "{what}“{key}”已被他人修改，请重新打开后再保存"
    en = "{what_en} “{key}” was changed by someone else; reopen it and save again"

    def __init__(self, what: str, what_en: str, key: Any) -> None:
        super().__init__(what=what, what_en=what_en, key=key)


class PermissionDenied(GridKeeperError):
    zh = "用户“{user}”无权{action}"
    en = "User “{user}” may not {action_en}"

    def __init__(self, user: str, action: str, action_en: str) -> None:
        super().__init__(user=user, action=action, action_en=action_en)


class SchemaTooNew(GridKeeperError):
    zh = "数据库“{path}”由更新版本的 GridKeeper 创建（架构版本 {found}），本程序无法打开，请升级程序"
    en = ("Database “{path}” was made by a newer GridKeeper (schema {found}); "
          "this program cannot open it, please upgrade")

    def __init__(self, path: str, found: str) -> None:
        super().__init__(path=path, found=found)


class DatabaseUnavailable(GridKeeperError):
    zh = "无法打开数据库“{path}”：{detail}"
    en = "Cannot open database “{path}”: {detail}"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path=path, detail=detail)


class DatabaseInUse(GridKeeperError):
    """Another GridKeeper is working on this database right now."""

    zh = "数据库“{path}”正在被使用：{user}（{host}，进程 {pid}，自 {since} 起）。请先关闭那边的程序"
    en = ("Database “{path}” is in use by {user} on {host} (process {pid}, since {since}); "
          "close GridKeeper there first")

    def __init__(self, path: str, user: str, host: str, pid: int, since: str) -> None:
        super().__init__(path=path, user=user, host=host, pid=pid, since=since)


class LoginRequired(GridKeeperError):
    """Accounts exist: nothing runs until someone logs in (never as the built-in system)."""

    zh = "此数据库已设用户，请用 --user 用户名 登录"
    en = "This database has user accounts: log in with --user NAME"
