"""``python -m bench [--quick] [--only TEXT] [--json FILE] [--db URL]``: run the benchmark suite.

Prints a table (median, min-max spread, target) and the same figures as JSON. The demo
databases are built once into ``bench/cache/`` (the 100,000-household one takes a minute or two).
``--quick`` skips the slow one-off measurements (import, export, demo generation, LibreOffice,
every page of the desktop app in turn).
``--db URL`` runs the register's measurements (start-up, rosters, yearly figures, search) on a
database server instead, against the district's targets; an empty server database gets the
300,000-household demo district first (``.ci/postgres.sh`` starts a server and prints its URL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import databases  # noqa: E402
from bench.measures import MEASURES, REFERENCE, Measure, NotAvailable, Peak, scratch, timed  # noqa: E402

SLOW = ("import", "export", "demo generation", "LibreOffice", "every page")


def run_one(measure: Measure, repeat: int | None) -> dict[str, object]:
    row: dict[str, object] = {"name": measure.name, "target_s": measure.target}
    work = scratch()
    try:
        run, note = measure.prepare(work)
        row["note"] = note
        if measure.warm_up:
            run()
        times, cpus, peaks = [], [], []
        for _ in range(repeat or measure.repeat):
            seconds, cpu, outcome = timed(run)
            times.append(seconds)
            cpus.append(cpu)
            if isinstance(outcome, Peak):
                peaks.append(float(outcome))
    except NotAvailable as missing:
        row.update(status="not available yet", note=str(missing))
        return row
    except Exception as error:  # a broken piece is a row in the table, not the end of the suite
        traceback.print_exc(file=sys.stderr)
        row.update(status="error", note=f"{type(error).__name__}: {error}"[:200])
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(times)
    row.update(runs=len(times), median_s=round(median, 4), min_s=round(min(times), 4),
               max_s=round(max(times), 4), spread_s=round(max(times) - min(times), 4),
               cpu_median_s=round(statistics.median(cpus), 4))
    row["note"] = f"{row['note']}; CPU {statistics.median(cpus):.2f} s"
    row["status"] = "ok" if measure.target is None or median <= measure.target else "MISSED"
    if peaks:  # a process of its own: its peak memory (the largest run's)
        row.update(peak_mb=round(max(peaks), 1), peak_target_mb=measure.peak_target_mb)
        row["note"] = f"{row['note']}; peak memory {max(peaks):.0f} MB" + (
            f" (target {measure.peak_target_mb:g} MB)" if measure.peak_target_mb else "")
        if measure.peak_target_mb and max(peaks) > measure.peak_target_mb:
            row["status"] = "MISSED"
    return row


def add_ratios(rows: list[dict[str, object]]) -> None:
    by_name = {r["name"]: r for r in rows}
    reference = by_name.get(REFERENCE)
    for measure in MEASURES:
        row = by_name.get(measure.name)
        if measure.ratio is None or not row or not reference or "median_s" not in row \
                or "median_s" not in reference:
            continue
        share = row["median_s"] / reference["median_s"]  # type: ignore[operator]
        row["ratio"] = round(share, 3)
        row["note"] = f"{row.get('note', '')}; {share:.2f}x the reference (target {measure.ratio:.2f}x)"
        row["status"] = "ok" if share <= measure.ratio else "MISSED"
    small, large = by_name.get("roster PDF 5k households"), by_name.get("roster PDF 20k households")
    if small and large and "median_s" in small and "median_s" in large:
        ratio = large["median_s"] / small["median_s"]  # type: ignore[operator]
        large["note"] = f"{large.get('note', '')}; 20k/5k = {ratio:.2f} (linear = 4)"
    office = by_name.get("LibreOffice roster xlsx→PDF 20k")
    command = by_name.get("roster PDF command 20k, end to end")
    if office and command and "median_s" in office and "median_s" in command:
        faster = office["median_s"] / command["median_s"]  # type: ignore[operator]
        command["note"] = (f"{command.get('note', '')}; LibreOffice takes {faster:.2f}x its time "
                           "(target: 5x)")
        command["status"] = "MISSED" if faster < 5 or command["status"] == "MISSED" else "ok"


def table(rows: list[dict[str, object]]) -> str:
    lines = [f"{'measurement':<38} {'median':>8} {'min-max':>17} {'target':>7}  {'status':<17} note",
             "-" * 120]
    for r in rows:
        median = f"{r['median_s']:.3f}s" if "median_s" in r else "-"
        spread = f"{r['min_s']:.3f}-{r['max_s']:.3f}" if "min_s" in r else "-"
        target = f"<{r['target_s']:g}s" if r["target_s"] else ""
        lines.append(f"{r['name']:<38} {median:>8} {spread:>17} {target:>7}  {r['status']:<17} "
                     f"{r.get('note', '')}")
    return "\n".join(lines)


def _where(url: str | None) -> str:
    """What the register's measurements read, said without a password."""
    if url is None:
        return "SQLite demo files in bench/cache"
    from sqlalchemy.engine import make_url

    households = databases.households_in(url)
    return f"{make_url(url).render_as_string(hide_password=True)} ({households:,} households)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip import, export, demo, LibreOffice, every page")
    parser.add_argument("--only", action="append", default=[], help="run measurements whose name has TEXT")
    parser.add_argument("--repeat", type=int, default=None, 
                        help="runs per measurement (default: each its own)")
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON to this file")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="a database server's URL (postgresql+psycopg://...): measure the district there")
    args = parser.parse_args(argv)
    measures = list(MEASURES)
    if args.db:
        databases.use_server(args.db)
        measures = [m.for_server() for m in measures if m.on_server]
    chosen = [m for m in measures
              if (not args.only or any(t.lower() in m.name.lower() for t in args.only))
              and not (args.quick and any(s in m.name for s in SLOW))]
    started = datetime.now(UTC).isoformat(timespec="seconds")
    # how busy the machine was (1, 5 and 15 minutes) when the run started
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    rows = []
    for measure in chosen:
        print(f"… {measure.name}", file=sys.stderr, flush=True)
        rows.append(run_one(measure, args.repeat))
    add_ratios(rows)
    report = {
        "date": started,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average": load,
        "database": _where(args.db),
        "results": rows,
    }
    print(f"GridKeeper benchmark {report['date']} on {report['machine']}, Python {report['python']}, "
          f"{report['database']}, load average {report['load_average']}")
    print(table(rows))
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 1 if any(r["status"] in ("error",) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
