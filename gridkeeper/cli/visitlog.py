"""``visitlog``: the visit log (民情日志) of a household or a grid for a period, as a PDF."""

from __future__ import annotations

import argparse
import sys

from gridkeeper.cli.progress import TerminalProgress
from gridkeeper.cli.session import open_for_cli


def add_parser(commands: argparse._SubParsersAction) -> None:
    log = commands.add_parser("visitlog", help="visit log (民情日志) of a household or a grid, as PDF")
    who = log.add_mutually_exclusive_group(required=True)
    who.add_argument("--household", metavar="CODE", help="one household by its code (户编号)")
    who.add_argument("--grid", metavar="NAME", help="every visit in one grid, in date order")
    log.add_argument("--period", required=True, help="2026-11, 2026Q3, 2026-W48, 2026H2 or 2026")
    log.add_argument("--pdf", metavar="FILE", required=True, help="the PDF to write")
    log.add_argument("--unmasked", action="store_true",
                     help="print ID numbers and phones in full (recorded in the audit log)")
    log.set_defaults(run=run_visitlog)


def run_visitlog(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    with TerminalProgress() as progress:
        result = gk.printing.visit_log(args.period, args.pdf, household=args.household, grid=args.grid,
                                       unmasked=args.unmasked or None, progress=progress)
    print(result.files[0])
    print(f"{result.pages} 页 / pages", file=sys.stderr)
    return 0
