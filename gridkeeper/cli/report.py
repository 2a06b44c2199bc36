"""``report``: completion figures for a period (走访完成情况) as CSV, JSON or PDF; with
``--needs`` the three rates of the period's needs instead (gridkeeper/cli/need_report.py).

``--by`` chooses the grouping, and each grouping is its own document; ``--worker NAME`` narrows
to one worker (with ``--pdf``: their evidence pack for assessment); ``--missed`` lists the
households missed per grid in the PDF. Output options form one mutually exclusive group.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date

from gridkeeper.cli.need_report import run_need_report
from gridkeeper.cli.pdf import add_pdf_options, write_report_pdf
from gridkeeper.cli.session import open_for_cli
from gridkeeper.services.completion import GROUPINGS, CompletionFigures, CompletionReport
from gridkeeper.services.documents import find_workers
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.needs import GROUPINGS as NEED_GROUPINGS

CSV_COLUMNS = ("group", "households_required", "required_visits", "visits_done", "done_on_time",
               "missed", "completion_rate", "on_time_rate", "failed_attempts", "missed_households",
               "community", "standing")


def add_parser(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="visit completion figures for a period; "
                                                "--needs: the three rates of its needs")
    report.add_argument("--period", required=True,
                        help="2026-W48, 2026-11, 2026Q3, 2026H2 or 2026")
    report.add_argument("--needs", action="store_true",
                        help="the needs received in the period (响应率, 解决率, 满意率) instead "
                             "of visit completion; --by grid, category or handler")
    report.add_argument("--by", choices=tuple(dict.fromkeys((*GROUPINGS, *NEED_GROUPINGS))),
                        default="grid",
                        help="grouping (default grid): grid, worker or category; with --needs "
                             "grid, category or handler")
    report.add_argument("--grid", help="one grid by name (default: all grids)")
    report.add_argument("--worker", metavar="NAME",
                        help="one worker (社区/姓名 if two communities have the name): their figures "
                             "per category; with --pdf, their evidence pack for assessment")
    report.add_argument("--missed", action="store_true",
                        help="with --pdf: list the households missed, per grid (many pages for a year)")
    report.add_argument("--date", type=date.fromisoformat, default=None,
                        help="'as of' date (YYYY-MM-DD; default today): later visits are ignored")
    output = report.add_mutually_exclusive_group(required=True)
    output.add_argument("--csv", metavar="FILE", help="write CSV ('-' for standard output)")
    output.add_argument("--json", action="store_true", help="print JSON")
    add_pdf_options(output, report, rosters=False)
    report.set_defaults(run=run_report, output_group=output)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _csv_row(figures: CompletionFigures) -> dict[str, object]:
    return {
        "group": figures.label, "households_required": figures.households_required,
        "required_visits": figures.required_visits, "visits_done": figures.visits_done,
        "done_on_time": figures.done_on_time, "missed": figures.missed,
        "completion_rate": _rate(figures.completion_rate), "on_time_rate": _rate(figures.on_time_rate),
        "failed_attempts": figures.failed_attempts,
        "missed_households": ";".join(figures.missed_households),
        "community": figures.community, "standing": figures.standing.value,
    }


def write_csv(gk: GridKeeper, report: CompletionReport, target: str) -> None:
    rows = ([_csv_row(figures)[column] for column in CSV_COLUMNS]
            for figures in (*report.groups, report.total))
    gk.exporter.command_csv(target, CSV_COLUMNS, rows, table="completion",
                            what=f"completion {report.period.label} by {report.by}")


def print_json(report: CompletionReport) -> None:
    print(json.dumps({
        "period": report.period.label, "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(), "as_of": report.as_of.isoformat(), "by": report.by,
        "groups": [g.as_dict() for g in report.groups], "total": report.total.as_dict(),
    }, ensure_ascii=False, indent=2))


# each writer gets the logged-in GridKeeper too: a PDF is printed as the user who asked
WRITERS: dict[str, Callable[[GridKeeper, CompletionReport, argparse.Namespace], None]] = {
    "csv": lambda gk, report, args: write_csv(gk, report, args.csv),
    "json": lambda gk, report, args: print_json(report),
    "pdf": write_report_pdf,
}


def run_report(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    if args.needs:
        return run_need_report(gk, args)
    if args.by not in GROUPINGS:
        print(f"--by {args.by}: only with --needs", file=sys.stderr)
        return 2
    worker_id = None
    if args.worker:
        with gk.db.reading() as session:
            worker_id = find_workers(session, gk.actor, args.worker)[0][0]
    # one worker: their households per category (the PDF is their evidence pack)
    by = "category" if worker_id is not None else args.by
    report = gk.completion.figures(args.period, by=by, grid=args.grid, as_of=args.date, worker_id=worker_id)
    for name, write in WRITERS.items():
        if getattr(args, name, None):
            write(gk, report, args)
            break
    return 0
