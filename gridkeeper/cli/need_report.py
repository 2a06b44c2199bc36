"""``report --needs``: the three rates (三率) of the needs received in a period, per grid,
category or handler, as CSV, JSON or PDF.

Contract (people script against it): per group the keys ``received, responded_on_time,
resolved, resolved_on_time, called_back, satisfied, response_rate, resolution_rate,
satisfaction_rate`` (rates 0..1, empty in CSV and null in JSON when there is nothing to
divide by), and a last ``合计`` / total row; docs/three-rates.md defines them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gridkeeper.cli.progress import TerminalProgress
from gridkeeper.domain.i18n import T
from gridkeeper.domain.needs import RateCounts
from gridkeeper.domain.periods import parse_period
from gridkeeper.services.facade import GridKeeper
from gridkeeper.services.needs import GROUPINGS, NeedRates

CSV_COLUMNS = ("group", "received", "responded_on_time", "resolved", "resolved_on_time",
               "called_back", "satisfied", "response_rate", "resolution_rate", "satisfaction_rate",
               "counted_for_resolution")


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _csv_row(group: str, counts: RateCounts) -> dict[str, Any]:
    row: dict[str, Any] = {"group": group, **counts.as_dict(),
                           "counted_for_resolution": counts.counted_for_resolution}
    for key in ("response_rate", "resolution_rate", "satisfaction_rate"):
        row[key] = _rate(row[key])
    return row


def write_csv(gk: GridKeeper, rates: NeedRates, target: str) -> None:
    records = [_csv_row(str(group.label), group.counts) for group in rates.groups]
    records.append(_csv_row(str(T("合计", "total")), rates.total))
    gk.exporter.command_csv(target, CSV_COLUMNS, ([r[c] for c in CSV_COLUMNS] for r in records),
                            table="need", what=f"need rates {rates.period.label} by {rates.by}")


def print_json(rates: NeedRates) -> None:
    print(json.dumps({
        "period": rates.period.label, "start": rates.period.start.isoformat(),
        "end": rates.period.end.isoformat(), "by": rates.by,
        "groups": [{"group": str(g.label), **g.counts.as_dict()} for g in rates.groups],
        "total": rates.total.as_dict(),
    }, ensure_ascii=False, indent=2))


def run_need_report(gk: GridKeeper, args: argparse.Namespace) -> int:
    if args.by not in GROUPINGS:
        print(T(f"诉求统计按 {'、'.join(GROUPINGS)} 分组，不能按 {args.by}",
                f"needs are grouped by {', '.join(GROUPINGS)}, not by {args.by}"), file=sys.stderr)
        return 2
    if args.grid:
        print(T("--grid 不用于 --needs：按网格分组请用 --by grid",
                "--grid does not apply to --needs: use --by grid"), file=sys.stderr)
        return 2
    if args.pdf:
        with TerminalProgress() as progress:
            result = gk.printing.need_rates(args.period, args.pdf, by=args.by, progress=progress)
        for path in result.files:
            print(path)
        print(f"{result.pages} 页 / pages", file=sys.stderr)
        return 0
    rates = gk.needs.rates_by(parse_period(args.period), args.by)
    if args.csv:
        write_csv(gk, rates, args.csv)
    else:
        print_json(rates)
    return 0

