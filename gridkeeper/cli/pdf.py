"""PDF output for the ``roster`` and ``report`` commands (``--pdf FILE``).

The commands compute their data as for CSV and JSON with the GridKeeper of their login;
these writers hand it to that GridKeeper's print service, which checks the user's rights and
grids, records the print (roster numbers, audit) and writes the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from gridkeeper.cli.progress import TerminalProgress
from gridkeeper.services.facade import GridKeeper


def add_pdf_options(group: Any, parser: argparse.ArgumentParser, *, rosters: bool) -> None:
    """``--pdf FILE`` in the command's output group, and the options that go with it."""
    group.add_argument("--pdf", metavar="FILE",
                       help="write a PDF (with --per-grid: a folder, one PDF per grid)" if rosters
                       else "write the PDF report")
    if rosters:
        parser.add_argument("--per-grid", action="store_true",
                            help="with --pdf: one file per grid in the folder FILE")
        parser.add_argument("--unmasked", action="store_true",
                            help="with --pdf or --json: ID numbers and phones in full (needs "
                                 "the unmask permission; recorded in the audit log)")


def write_roster_pdf(gk: GridKeeper, roster: Any, args: argparse.Namespace) -> None:
    with TerminalProgress() as progress:
        result = gk.printing.rosters(roster.week, args.pdf, grid=args.grid, as_of=roster.as_of,
                                     per_grid=args.per_grid, unmasked=args.unmasked or None,
                                     progress=progress, roster=roster,
                                     worker=getattr(args, "worker", None),
                                     community=getattr(args, "community", None))
    for path in result.files:
        print(path)
    print(f"{result.households} 户 / households, {result.pages} 页 / pages, "
          f"编号 / numbers: {number_spans(result.numbers)}", file=sys.stderr)


def number_spans(numbers: Sequence[str]) -> str:
    """Roster numbers as a person reads them: runs of consecutive numbers as first–last, so a
    street's print of 215 grids is one short line, not 215 numbers."""
    spans: list[list[str]] = []
    for number in numbers:
        if spans and _follows(spans[-1][-1], number):
            spans[-1][1:] = [number]
        else:
            spans.append([number])
    return ", ".join("–".join(span) for span in spans)


def _follows(before: str, number: str) -> bool:
    """Whether ``number`` is the one after ``before`` (the same prefix, its serial plus one)."""
    head, _, serial = before.rpartition("-")
    next_head, _, next_serial = number.rpartition("-")
    return (head == next_head and serial.isdigit() and next_serial.isdigit()
            and len(serial) == len(next_serial) and int(next_serial) == int(serial) + 1)


def write_report_pdf(gk: GridKeeper, report: Any, args: argparse.Namespace) -> None:
    """The completion report of ``--by``'s grouping, or with ``--worker`` the evidence pack,
    printed as the logged-in user (their grids only, their name in the audit log)."""
    with TerminalProgress() as progress:
        if getattr(args, "worker", None):
            result = gk.printing.evidence(report.period, args.pdf, worker=args.worker, as_of=report.as_of,
                                          progress=progress)
        else:
            result = gk.printing.completion(report.period, args.pdf, by=args.by, grid=args.grid,
                                            as_of=report.as_of, missed=args.missed, progress=progress)
    for path in result.files:
        print(path)
    print(f"{result.pages} 页 / pages", file=sys.stderr)
