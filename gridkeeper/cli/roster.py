"""``roster``: the week's visiting roster (走访名单) as CSV or JSON.

The output options sit in one mutually exclusive group so another format (``--pdf``) is
one more ``add_argument`` there plus a writer in :data:`WRITERS`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from gridkeeper.cli.pdf import add_pdf_options, write_roster_pdf
from gridkeeper.cli.session import open_for_cli
from gridkeeper.domain.phone import mask_phone
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.roster import Roster, RosterRow

# The CSV contract: other tools read these columns by name.
CSV_COLUMNS = ("household_code", "grid", "building", "unit", "floor", "room", "head",
               "categories", "rule", "reason", "due_date", "last_visit", "worker")


def add_parser(commands: argparse._SubParsersAction) -> None:
    roster = commands.add_parser("roster", help="the week's visiting roster (CSV or JSON)")
    roster.add_argument("--week", required=True, help="ISO week, e.g. 2026-W48")
    roster.add_argument("--grid", help="one grid by name, or COMMUNITY/NAME where two communities "
                        "have a grid of that name (default: all grids)")
    roster.add_argument("--date", type=date.fromisoformat, default=None,
                        help="'today' for due computation (YYYY-MM-DD; default the real date); "
                             "visits after it are ignored")
    roster.add_argument("--worker", metavar="NAME",
                        help="one assigned worker's households (the worker column), across grids")
    roster.add_argument("--community", metavar="NAME",
                        help="with --worker: the worker's community, when two have the name")
    output = roster.add_mutually_exclusive_group(required=True)
    output.add_argument("--csv", metavar="FILE", help="write CSV ('-' for standard output)")
    output.add_argument("--json", action="store_true", help="print JSON")
    add_pdf_options(output, roster, rosters=True)
    roster.set_defaults(run=run_roster, output_group=output)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def csv_record(row: RosterRow) -> dict[str, Any]:
    return {
        "household_code": row.household_code, "grid": row.grid, "building": row.building,
        "unit": row.unit, "floor": row.floor, "room": row.room, "head": row.head,
        "categories": ";".join(row.categories), "rule": row.rule, "reason": row.reason.value,
        "due_date": _iso(row.due_date), "last_visit": _iso(row.last_visit),
        "worker": row.worker or "",
    }


def json_record(row: RosterRow, unmasked: bool = False) -> dict[str, Any]:
    """The JSON of one line: the phone masked unless full data was asked for (and allowed)."""
    record = csv_record(row)
    record.update(categories=list(row.categories), household_id=row.household_id,
                  estate=row.estate, governing=row.governing,
                  last_attempt=_iso(row.last_attempt), residents=row.residents,
                  phone=row.phone if unmasked else (mask_phone(row.phone) or None))
    return record


def write_csv(gk: GridKeeper, roster: Roster, target: str) -> None:
    rows = ([csv_record(row)[column] for column in CSV_COLUMNS] for row in roster.rows)
    gk.exporter.command_csv(target, CSV_COLUMNS, rows, table="roster",
                            what=f"roster {roster.week.label}" + (f" {roster.grid}" if roster.grid else ""))


def print_json(roster: Roster, unmasked: bool = False) -> None:
    print(json.dumps({
        "week": roster.week.label, "as_of": roster.as_of.isoformat(), "grid": roster.grid,
        "rows": [json_record(r, unmasked) for r in roster.rows],
    }, ensure_ascii=False, indent=2))


def write_json(gk: GridKeeper, roster: Roster, args: argparse.Namespace) -> None:
    unmasked = bool(getattr(args, "unmasked", False))
    if unmasked:
        gk.exporter.unmask_roster(roster)  # needs the permission (a refusal is audited); audited
    print_json(roster, unmasked)


WRITERS: dict[str, Callable[[GridKeeper, Roster, argparse.Namespace], None]] = {
    "csv": lambda gk, roster, args: write_csv(gk, roster, args.csv),
    "json": write_json,
    "pdf": write_roster_pdf,
}


def run_roster(args: argparse.Namespace) -> int:
    gk = open_for_cli(args)
    if args.community and not args.worker:
        print("--community 只与 --worker 一起用 / --community goes with --worker", file=sys.stderr)
        return 2
    roster = gk.roster.roster(args.week, grid=args.grid, as_of=args.date)
    if args.worker and not args.pdf:
        # the printed sheets keep every household's 序号: printing filters their lines itself
        roster = gk.sheets.for_worker(roster, args.worker, args.community)
    for name, write in WRITERS.items():
        if getattr(args, name, None):
            write(gk, roster, args)
            break
    if args.csv and args.csv != "-":
        print(f"{len(roster.rows)} → {args.csv}", file=sys.stderr)
    return 0
