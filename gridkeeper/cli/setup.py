"""``init``, ``demo`` and ``info``: create a register, fill it with a demo community, count it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from gridkeeper.cli.progress import TerminalProgress
from gridkeeper.cli.session import open_for_cli


def add_parser(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="create (or migrate) the database")
    init.set_defaults(run=run_init)

    demo = commands.add_parser("demo", help="build a synthetic demo community (replaces nothing)")
    demo.add_argument("--households", type=int, default=2000, help="number of households")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    demo.add_argument("--date", type=date.fromisoformat, default=None,
                      help="the demo's 'today' (YYYY-MM-DD; default the real date): "
                           "visit history covers the year before it")
    demo.add_argument("--if-empty", action="store_true",
                      help="only when the register has no households yet (what main.py --demo does)")
    demo.set_defaults(run=run_demo)

    info = commands.add_parser("info", help="counts of grids, households, visits, needs ...")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(run=run_info)


def run_init(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    print(gk.db.describe())
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from gridkeeper.services.demo import DemoOptions

    gk = open_for_cli(args)
    if args.if_empty and gk.info.counts()["households"]:
        return 0
    options = DemoOptions(households=args.households, seed=args.seed,
                          today=args.date or date.today())
    with TerminalProgress() as progress:
        summary = gk.demo.generate(options, progress=progress)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def run_info(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    counts = gk.info.counts()
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        gk.info.print_counts(counts, sys.stdout)
    return 0
