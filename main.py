"""GridKeeper's composition root: ``python main.py`` opens the desktop app, ``python main.py
COMMAND ...`` runs the command line (the same as the ``gridkeeper`` console script).

GUI options: ``--db F`` (file or SQLAlchemy URL), ``--lang zh|en``, ``--demo N`` (fill an
empty register with an N-household demo community first), ``--screenshot out.png [--page
NAME] [--size 1024x700]`` (render the window offscreen at that size, save a PNG and exit).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

# options that take a value, so the word after them is not mistaken for a command
_VALUED = {"--db", "--lang", "--user", "--screenshot", "--page", "--demo", "--size"}


def command_requested(argv: Sequence[str]) -> bool:
    """True when the first word that is not an option (or its value) is a CLI command."""
    from gridkeeper.cli import COMMANDS, command_names, command_word

    word = command_word(argv, tuple(_VALUED))
    return word is not None and (word in COMMANDS or word in command_names())


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="GridKeeper 社区网格走访台账")
    parser.add_argument("--db", help="database file or SQLAlchemy URL")
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="interface language (default: the saved setting, else zh)")
    parser.add_argument("--user", help="log in as this user")
    parser.add_argument("--demo", type=int, metavar="N", default=None,
                        help="fill an empty register with an N-household demo community first")
    parser.add_argument("--screenshot", metavar="PNG", help="render offscreen, save, exit")
    parser.add_argument("--page", default=None, help="page to show (with --screenshot)")
    parser.add_argument("--size", default="1440x860", metavar="WxH",
                        help="window size of the screenshot (default 1440x860; every page fits 1024x700)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # start-up's imports make hundreds of thousands of objects that live as long as the process
    # (modules, classes, SQLAlchemy's mappings, Qt's wrappers); the cyclic collector would walk
    # them again and again while they arrive, a tenth of the desktop app's start-up. The desktop
    # app's own collector (ui/collector.py) takes over once the application exists.
    collecting = gc.isenabled()
    gc.disable()
    if command_requested(argv):
        from gridkeeper.cli import main as cli_main

        if collecting:
            gc.enable()
        return cli_main(argv)
    args = gui_parser().parse_args(argv)
    if args.demo:
        # the command line's demo, through its one door (lock, check, key, login)
        from gridkeeper.cli import main as cli_main

        options = [f"--{name}={value}" for name in ("db", "user", "lang")
                   if (value := getattr(args, name)) is not None]
        code = cli_main([*options, "demo", "--households", str(args.demo), "--if-empty"])
        if code:
            return code
    load_before_qt()
    from ui.app import run_gui

    return run_gui(args)


def load_before_qt() -> None:
    """Load the register's services the first page needs (SQLAlchemy, the mapped tables, the
    door, login, browsing, the rules) before Qt. Once PySide6 is loaded it reads the source of
    every module imported after it, to see whether the module asks for PySide6's optional
    ``__feature__`` syntax: 370 files and 0.04 s of start-up when these came after it."""
    import gridkeeper.services.accounts  # noqa: F401
    import gridkeeper.services.browse  # noqa: F401
    import gridkeeper.services.facade  # noqa: F401
    import gridkeeper.services.held  # noqa: F401
    import gridkeeper.services.startup  # noqa: F401


if __name__ == "__main__":
    sys.exit(main())
