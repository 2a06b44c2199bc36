"""Administration on the command line: backups, restore, checks, users, the audit log, encryption.

``backup [--to DIR]``, ``restore FILE``, ``check [--fix]``, ``user add|list|passwd|grant|role|
community|unlock|disable|enable``, ``audit`` and ``encrypt``. All go through the services, so they obey
the role of the ``--user`` who runs them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from gridkeeper.cli.session import ENV_PASSWORD, open_for_cli, restore_for_cli
from gridkeeper.domain.enums import Role
from gridkeeper.domain.errors import GridKeeperError, PermissionDenied
from gridkeeper.domain.i18n import T, counted, language
from gridkeeper.domain.roles import Permission
from gridkeeper.services.audit_browser import AuditFilter
from gridkeeper.storage.cipher import ENV_PASSPHRASE

ENV_NEW_PASSWORD = "GRIDKEEPER_NEW_PASSWORD"
ENV_NEW_PASSPHRASE = "GRIDKEEPER_NEW_DB_KEY"


class PasswordsDiffer(GridKeeperError):
    zh = "两次输入的密码不一致"
    en = "The two passwords differ"


def add_parser(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="back the database up now")
    backup.add_argument("--to", type=Path, help="folder for the backup (default: backups/ next to the db)")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser("restore", help="replace the database with a backup (all or nothing)")
    restore.add_argument("file", type=Path)
    restore.set_defaults(run=run_restore)

    check = commands.add_parser("check", help="check the database; --fix repairs what is safe")
    check.add_argument("--fix", action="store_true")
    check.set_defaults(run=run_check)

    user = commands.add_parser("user", help="user accounts")
    sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a user (password from a prompt or $GRIDKEEPER_NEW_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--grid", action="append", default=[], help="a grid of a grid leader (repeat)")
    add.add_argument("--community", metavar="NAME",
                     help="limit the account to this community (default: the whole street office)")
    add.set_defaults(run=run_user_add)
    sub.add_parser("list", help="list users").set_defaults(run=run_user_list)
    passwd = sub.add_parser("passwd", help="set a user's password")
    passwd.add_argument("name")
    passwd.set_defaults(run=run_user_passwd)
    grant = sub.add_parser("grant", help="give a grid leader exactly these grids")
    grant.add_argument("name")
    grant.add_argument("grids", nargs="*")
    grant.set_defaults(run=run_user_grant)
    role = sub.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(run=run_user_role)
    community = sub.add_parser("community", help="limit a user to one community, or with --street "
                               "open them to the whole street office")
    community.add_argument("name")
    where = community.add_mutually_exclusive_group(required=True)
    where.add_argument("community", nargs="?", metavar="COMMUNITY")
    where.add_argument("--street", action="store_true", help="the whole street office")
    community.set_defaults(run=run_user_community)
    for action, helptext in (("unlock", "unlock after wrong passwords"), ("disable", "stop a user"),
                             ("enable", "let a stopped user in again")):
        parser = sub.add_parser(action, help=helptext)
        parser.add_argument("name")
        parser.set_defaults(run=run_user_state, state=action)

    auditlog = commands.add_parser("audit", help="show or export the audit log")
    auditlog.add_argument("--since", type=datetime.fromisoformat)
    auditlog.add_argument("--until", type=datetime.fromisoformat)
    auditlog.add_argument("--who", help="user name")
    auditlog.add_argument("--action")
    auditlog.add_argument("--table")
    auditlog.add_argument("--row", type=int)
    auditlog.add_argument("--limit", type=int, default=50)
    auditlog.add_argument("--csv", type=Path, help="export every matching line to this CSV file")
    auditlog.set_defaults(run=run_audit)

    encrypt = commands.add_parser(
        "encrypt", help="write an encrypted copy of the database (passphrase from a prompt or "
        "$GRIDKEEPER_NEW_DB_KEY); open it later with $GRIDKEEPER_DB_KEY")
    encrypt.add_argument("--to", type=Path, required=True, help="the new encrypted database file")
    encrypt.add_argument("--remove-plaintext", action="store_true",
                         help="then delete the plain-text register and its backups (asks on a terminal)")
    encrypt.set_defaults(run=run_encrypt)


def _say(text: T) -> None:
    print(text.get(language()))


# -- backups -----------------------------------------------------------------------------


def run_backup(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    if args.list:
        gk.actor.require(Permission.BACKUP)
        for info in gk.backups.list_backups(args.to):
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason:<17} {info.size:>12,}  {info.path}")
        return 0
    info = gk.backups.backup("manual", to=args.to)
    if args.to is None:
        gk.backups.thin()
    print(info.path)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    # a damaged database must still be restorable: no migration or check before the restore
    safety = restore_for_cli(args)
    _say(T(f"已恢复自 {args.file}", f"restored from {args.file}"))
    if safety is not None:
        _say(T(f"原数据已备份到 {safety.path}", f"previous data saved in {safety.path}"))
    return 0


def run_check(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    report = gk.integrity.check(fix=args.fix)
    if report.backup is not None:
        _say(T(f"修复前已备份到 {report.backup.path}", f"backed up to {report.backup.path} before fixing"))
    for finding in report.findings:
        if finding in report.fixed:
            mark = T("已修复", "fixed")
        elif finding.fixable:
            mark = T("可用 --fix 修复", "--fix repairs this")
        else:
            mark = T("需人工处理", "needs a person")
        print(f"[{finding.kind}] {finding.message} ({mark})")
    for advice in report.advice:
        print(f"[{advice.kind}] {advice.message} ({T('建议', 'advice')})")
    if report.ok:
        _say(T("检查通过，未发现问题", "check passed: no problems found"))
        return 0
    return 0 if not report.remaining else 1


# -- users -------------------------------------------------------------------------------


def _new_password(name: str) -> str:
    password = os.environ.get(ENV_NEW_PASSWORD)
    if password is not None:
        return password
    first = getpass.getpass(f"{name} 的新密码 / new password: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        raise PasswordsDiffer()
    return first


def run_user_add(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    role = Role(args.role)
    password = _new_password(args.name)
    if not gk.accounts.has_users():
        if role is not Role.ADMIN or args.grid or args.community:
            raise PermissionDenied(user=args.name, action="在没有管理员时创建非管理员账户",
                                   action_en="create a non-administrator before the first administrator")
        gk.accounts.create_first_admin(args.name, password, args.display_name)
    else:
        gk.accounts.add_user(args.name, password, role, args.display_name, args.grid,
                             community=args.community)
    where = T(f"，{args.community}", f", {args.community}") if args.community else T("", "")
    _say(T(f"已添加用户 {args.name}（{role.label.zh}{where.zh}）",
           f"added user {args.name} ({role.label.en}{where.en})"))
    return 0


def run_user_list(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    for user in gk.accounts.list_users():
        state = "" if user.active else " [停用/disabled]"
        if user.locked_until and user.locked_until > datetime.now():
            state += f" [锁定至/locked until {user.locked_until:%H:%M}]"
        grids = ",".join(user.grids)
        role = user.role.label.get(language())
        where = user.community or T("全街道", "whole street").get(language())
        print(f"{user.username:<16} {role:<8} {user.display_name:<12} {where:<12} {grids}{state}"
              .rstrip())
    return 0


def run_user_passwd(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    old = None
    if args.name == gk.actor.username and not gk.actor.can(Permission.MANAGE_USERS):
        old = os.environ.get(ENV_PASSWORD) or getpass.getpass("原密码 / current password: ")
    gk.accounts.set_password(args.name, _new_password(args.name), old_password=old)
    _say(T(f"已修改 {args.name} 的密码", f"password of {args.name} changed"))
    return 0


def run_user_grant(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    grids = gk.accounts.set_grids(args.name, args.grids)
    print(f"{args.name}: {', '.join(grids) or '-'}")
    return 0


def run_user_role(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    gk.accounts.set_role(args.name, Role(args.role))
    return 0


def run_user_community(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    stored = gk.accounts.set_community(args.name, None if args.street else args.community)
    _say(T(f"{args.name}：{stored or '全街道'}", f"{args.name}: {stored or 'whole street'}"))
    return 0


def run_user_state(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    if args.state == "unlock":
        gk.accounts.unlock(args.name)
    else:
        gk.accounts.set_active(args.name, args.state == "enable")
    return 0


# -- audit log and encryption ------------------------------------------------------------


def run_audit(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    f = AuditFilter(since=args.since, until=args.until, username=args.who, action=args.action,
                    table=args.table, row_id=args.row)
    if args.csv is not None:
        count = gk.auditlog.export_csv(args.csv, f)
        _say(T(f"已导出 {count} 条到 {args.csv}", f"exported {counted(count, 'line')} to {args.csv}"))
        return 0
    for line in gk.auditlog.browse(f, limit=args.limit):
        change = ""
        if line.before or line.after:
            change = " " + json.dumps({"before": line.before, "after": line.after}, ensure_ascii=False)
        where = f"{line.table}#{line.row_id}" if line.table else ""
        print(f"{line.at:%Y-%m-%d %H:%M:%S} {line.username:<12} {line.action:<12} {where} "
              f"{line.detail or ''}{change}".rstrip())
    return 0


def run_encrypt(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    gk.actor.require(Permission.MANAGE_SETTINGS)
    if gk.db.path is None:
        from gridkeeper.services.backup import NotAFile

        raise NotAFile(where=gk.db.describe())
    passphrase = os.environ.get(ENV_NEW_PASSPHRASE)
    if passphrase is None:
        passphrase = getpass.getpass("新数据库口令 / passphrase: ")
        if getpass.getpass("再输入一次 / again: ") != passphrase:
            raise PasswordsDiffer()
    copy = gk.backups.encrypt_copy(args.to, passphrase)
    _say(T(f"已写入加密数据库 {copy.path}；使用时设置环境变量 {ENV_PASSPHRASE}",
           f"encrypted database written to {copy.path}; set {ENV_PASSPHRASE} to open it"))
    print(str(copy.path), file=sys.stdout)
    if not copy.plaintext:
        return 0
    left = len(copy.plaintext)
    _say(T(f"以下 {left} 个文件仍是明文（含身份证号和电话）：",
           f"{'this file is' if left == 1 else f'these {left} files are'} still in plain text "
           "(ID numbers and phones readable):"))
    for path in copy.plaintext:
        print(f"  {path}")
    if not args.remove_plaintext:
        _say(T("确认加密数据库可用后，用 encrypt --remove-plaintext 删除它们（或自行安全删除）",
               "once the encrypted database works, remove them with encrypt --remove-plaintext "
               "(or delete them securely yourself)"))
        return 0
    if sys.stdin.isatty() and input(str(T("删除以上明文文件？输入 yes 确认：",
                                          "Delete the plain-text files above? Type yes: "))).strip() != "yes":
        _say(T("未删除任何文件", "nothing was deleted"))
        return 0
    removed = gk.backups.remove_plaintext(copy, passphrase)
    _say(T(f"已删除 {len(removed)} 个明文文件；今后请用 --db {copy.path}",
           f"removed {len(removed)} plain-text files; from now on use --db {copy.path}"))
    return 0
