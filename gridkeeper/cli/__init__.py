"""The command line over the services: ``gridkeeper [--db F] COMMAND ...`` (also ``python main.py``).

Each command lives in its own module under ``gridkeeper/cli/`` and exposes ``add_parser``;
adding a command means adding its module to ``COMMAND_MODULES`` and its word to ``COMMANDS``
(a run loads only the module of its command: the others' imports would cost every command
its start-up; a word missing from ``COMMANDS`` still works, loading every module). Errors of the domain are
printed in the chosen language and give exit status 1; usage errors give 2. Anything else
(a full disk, a file that cannot be written) is one translated line too: never a traceback,
which could carry register data; the details go, redacted, to the error log in the user's
data folder (gridkeeper/redaction.py).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gridkeeper import __version__
from gridkeeper.domain.errors import GridKeeperError
from gridkeeper.domain.i18n import set_language
from gridkeeper.redaction import user_message

COMMAND_MODULES = (
    "gridkeeper.cli.setup",
    "gridkeeper.cli.roster",
    "gridkeeper.cli.report",
    "gridkeeper.cli.visitlog",
    "gridkeeper.cli.admin",
    "gridkeeper.cli.transfer",
    "gridkeeper.cli.register",
)

# command word -> the module that defines it (tests/cli/test_commands.py checks the two agree)
COMMANDS = {
    "init": "gridkeeper.cli.setup", "demo": "gridkeeper.cli.setup", "info": "gridkeeper.cli.setup",
    "roster": "gridkeeper.cli.roster",
    "report": "gridkeeper.cli.report",
    "visitlog": "gridkeeper.cli.visitlog",
    "backup": "gridkeeper.cli.admin", "restore": "gridkeeper.cli.admin",
    "check": "gridkeeper.cli.admin", "user": "gridkeeper.cli.admin", "audit": "gridkeeper.cli.admin",
    "encrypt": "gridkeeper.cli.admin",
    "import": "gridkeeper.cli.transfer", "export": "gridkeeper.cli.transfer",
    "household": "gridkeeper.cli.register", "handover": "gridkeeper.cli.register",
    "contacts": "gridkeeper.cli.register", "lift": "gridkeeper.cli.register",
    "campaign": "gridkeeper.cli.register",
}
# global options that take a value: the word after them is not the command
GLOBAL_VALUED = ("--db", "--lang", "--user")


def command_word(argv: Sequence[str], valued: Sequence[str] = GLOBAL_VALUED) -> str | None:
    """The first word of ``argv`` that is neither an option nor an option's value."""
    words = iter(argv)
    for word in words:
        if word in valued:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone when its module is known."""
    parser = argparse.ArgumentParser(
        prog="gridkeeper",
        description="GridKeeper 社区网格走访台账 — household visiting register for community offices",
    )
    parser.add_argument("--version", action="version", version=f"GridKeeper {__version__}")
    parser.add_argument("--db", help="database file or SQLAlchemy URL "
                        "(default: $GRIDKEEPER_DB or gridkeeper.db in the user data folder)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of messages (default zh)")
    parser.add_argument("--user", help="log in as this user (password from a prompt or "
                        "$GRIDKEEPER_PASSWORD); needed once accounts exist")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    modules = (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).add_parser(commands)
    return parser


def command_names() -> set[str]:
    """The command words the parser knows (main.py uses this to tell CLI from GUI)."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(command_word(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        return int(args.run(args) or 0)
    except GridKeeperError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("中断 / interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - one line for the user, the rest to the log
        _log_unexpected(error, args.command)
        if isinstance(error, BrokenPipeError):  # a pager closed: nothing more to say
            _silence_stdout()
        print(user_message(error).get(args.lang), file=sys.stderr)
        return 1
    finally:
        from gridkeeper.cli.session import release_locks

        release_locks()


ERROR_LOG = "gridkeeper-cli.log"


def _log_unexpected(error: BaseException, command: str) -> None:
    import logging

    from gridkeeper.redaction import error_log_handler
    from gridkeeper.settings import data_dir

    log = logging.getLogger("gridkeeper.cli")
    try:
        if not log.handlers:
            log.addHandler(error_log_handler(data_dir() / "logs" / ERROR_LOG))
            log.propagate = False
        log.error("command %s failed", command, exc_info=(type(error), error, error.__traceback__))
    except Exception:  # noqa: BLE001 - no log to write to: the user still gets the line
        pass


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
