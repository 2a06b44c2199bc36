"""``import`` and ``export``: the register and visits to and from Excel / CSV.

Contract (people script against it)::

    gridkeeper --db F import households|visits|needs FILE [--dry-run] [--only-good] [--errors OUT]
    gridkeeper --db F export households|visits|needs FILE [--period P] [--full]
    gridkeeper --db F export roster FILE --week 2026-W48 [--grid NAME] [--date YYYY-MM-DD]
    gridkeeper --db F export completion FILE --period P [--by grid|worker|category] [--grid NAME]

Exit status: 0 when the import was written (or the dry run found no problem), 1 when
problems kept anything from being written. Problems are listed on standard error by row.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from gridkeeper.cli.session import open_for_cli
from gridkeeper.domain.i18n import T, counted
from gridkeeper.services.exporter import ExportService
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.importer import ImportService, summary
from gridkeeper.services.need_transfer import NeedImportService
from gridkeeper.services.need_transfer import summary as need_summary

KINDS = ("households", "visits", "needs")
EXPORTS = (*KINDS, "roster", "completion")
SHOWN_PROBLEMS = 200  # the rest go to the --errors workbook


def add_parser(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser("import", help="import households, visits or hotline tickets (needs) "
                                             "from .xlsx / .csv")
    imp.add_argument("kind", choices=KINDS)
    imp.add_argument("file", help="the .xlsx or .csv file")
    imp.add_argument("--dry-run", action="store_true",
                     help="check and show what would be added, changed and refused; write nothing")
    imp.add_argument("--only-good", action="store_true",
                     help="write the households (tickets) without problems, refuse the others whole")
    imp.add_argument("--errors", metavar="OUT.xlsx",
                     help="save a copy of the sheet with an added error column")
    imp.set_defaults(run=run_import)
    exp = commands.add_parser("export", help="export households, visits, a roster or completion "
                                             "figures to .xlsx / .csv")
    exp.add_argument("kind", choices=EXPORTS)
    exp.add_argument("file", help="the .xlsx or .csv file to write")
    exp.add_argument("--period", help="visits, needs (received) or completion of 2026-W48, 2026-11, "
                                      "2026Q3, 2026H2 or 2026")
    exp.add_argument("--week", help="roster: ISO week, e.g. 2026-W48")
    exp.add_argument("--grid", help="roster or completion: one grid by name, or COMMUNITY/NAME where two "
                     "communities have a grid of that name (default: all you see)")
    exp.add_argument("--date", type=date.fromisoformat, default=None,
                     help="roster or completion: 'today' for due computation (default the real date)")
    exp.add_argument("--by", choices=("grid", "worker", "category"), default="grid",
                     help="completion: grouping (default grid)")
    exp.add_argument("--full", action="store_true",
                     help="full ID numbers and phones (needs the unmask permission; audited)")
    exp.set_defaults(run=run_export)


def _progress(fraction: float, text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{fraction:4.0%} {text:40}", end="" if fraction < 1 else "\n", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    if args.kind == "needs":
        return _import_needs(gk, args)
    service = ImportService(gk.db, gk.actor)
    if args.kind == "households":
        result = service.import_households(args.file, dry_run=args.dry_run,
                                           only_good=args.only_good, progress=_progress)
    else:
        result = service.import_visits(args.file, dry_run=args.dry_run,
                                       only_good=args.only_good, progress=_progress)
    for problem in result.problems[:SHOWN_PROBLEMS]:
        print(problem.message(), file=sys.stderr)
    if len(result.problems) > SHOWN_PROBLEMS:
        print(T(f"……另有{len(result.problems) - SHOWN_PROBLEMS}个问题",
                f"... and {len(result.problems) - SHOWN_PROBLEMS} more problems"), file=sys.stderr)
    for warning in result.warnings[:SHOWN_PROBLEMS]:
        print(f"{T('注意：', 'warning: ')}{warning.message()}", file=sys.stderr)
    if args.errors and result.problems:
        path = service.save_error_report(result, args.errors)
        print(T(f"错误报告已保存：{path}", f"error report saved: {path}"), file=sys.stderr)
    print(summary(result))
    if result.written or (args.dry_run and result.ok):
        return 0
    return 1


def _import_needs(gk: GridKeeper, args: argparse.Namespace) -> int:
    """Hotline tickets: problems on standard error, the summary (with the tickets that need
    a person to link them to a household) on standard output."""
    service = NeedImportService(gk.db, gk.actor)
    result = service.import_needs(args.file, dry_run=args.dry_run, only_good=args.only_good,
                                  progress=_progress)
    for problem in result.problems[:SHOWN_PROBLEMS]:
        print(problem.message(), file=sys.stderr)
    for warning in result.warnings[:SHOWN_PROBLEMS]:
        print(f"{T('提醒：', 'warning: ')}{warning.message()}", file=sys.stderr)
    if args.errors and result.problems:
        path = service.save_error_report(result, args.errors)
        print(T(f"错误报告已保存：{path}", f"error report saved: {path}"), file=sys.stderr)
    print(need_summary(result))
    return 0 if result.written or (args.dry_run and result.ok) else 1


def run_export(args: argparse.Namespace) -> int:
    if args.kind == "roster" and not args.week:
        print(T("导出名单需要 --week，例如 --week 2026-W48", "export roster needs --week, e.g. 2026-W48"),
              file=sys.stderr)
        return 2
    if args.kind == "completion" and not args.period:
        print(T("导出完成情况需要 --period，例如 --period 2026-11", "export completion needs --period"),
              file=sys.stderr)
        return 2
    gk = open_for_cli(args)
    service = ExportService(gk.db, gk.actor)
    if args.kind == "roster":
        result = service.roster(args.file, args.week, grid=args.grid, as_of=args.date)
    elif args.kind == "completion":
        result = service.completion(args.file, args.period, by=args.by, grid=args.grid, as_of=args.date)
    elif args.kind == "households":
        if args.period:
            print(T("--period 只用于导出走访", "--period applies to visits only"), file=sys.stderr)
            return 2
        result = service.households(args.file, full=args.full, progress=_progress)
    elif args.kind == "needs":
        result = service.needs(args.file, args.period, full=args.full)
    else:
        result = service.visits(args.file, args.period, full=args.full, progress=_progress)
    print(T(f"已导出{result.rows}行到 {result.path}",
            f"exported {counted(result.rows, 'row')} to {result.path}"))
    return 0
