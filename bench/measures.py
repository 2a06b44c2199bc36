"""The measurements: each a small function that prepares its work and returns what to time.

A measurement raises :class:`NotAvailable` when the piece it measures is not there yet (a
module still being written, LibreOffice not installed), so the table shows a row for it
instead of crashing. Each returns ``(run, extra)``: ``run()`` is timed several times and
``extra`` is a note for the table (rows, pages, ratios).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import databases
from bench.databases import TODAY

WEEK = f"{TODAY.isocalendar().year}-W{TODAY.isocalendar().week:02d}"
YEAR = str(TODAY.year)
ROOT = Path(__file__).resolve().parent.parent


class NotAvailable(Exception):
    """The measured piece does not exist (yet) on this checkout or machine."""


REFERENCE = "reference: every engine fact read (100k)"


@dataclass(frozen=True)
class Measure:
    name: str
    target: float | None  # seconds (median), None = no target, just a figure
    prepare: Callable[[Path], tuple[Callable[[], Any], str]]
    repeat: int = 5
    warm_up: bool = True
    # the target as a share of the reference measured in the same run (a loaded machine
    # slows both alike); decides the status when the reference ran too
    ratio: float | None = None
    # the largest process's peak memory, for measurements run as a process of their own
    peak_target_mb: float | None = None
    # on a server's district (--db URL): whether it runs there, and its target there
    on_server: bool = False
    server_target: float | None = None

    def for_server(self) -> Measure:
        """This measurement as run on the server's district: named so, with its target."""
        return replace(self, name=self.name.replace("(100k)", "(district)"), target=self.server_target,
                       ratio=None)


def _require(module: str, attribute: str | None = None) -> Any:
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as missing:
        if missing.name and module.startswith(missing.name):
            raise NotAvailable(f"{module} not available yet") from None
        raise
    if attribute and not hasattr(found, attribute):
        raise NotAvailable(f"{module}.{attribute} not available yet")
    return found


def _keeper(households: int) -> Any:
    from gridkeeper.services.facade import open_gridkeeper

    return open_gridkeeper(str(databases.ensure(households)))


def _street() -> Any:
    """The register of the street-scale measurements: 100,000 households, or the server's."""
    from gridkeeper.services.facade import open_gridkeeper

    return open_gridkeeper(databases.street())


def _size() -> str:
    return "the server's district" if databases.server() else "100k households"


def _first_grid(keeper: Any) -> str:
    """The first grid, named with its community (a district's communities repeat grid names)."""
    from sqlalchemy import select

    from gridkeeper.storage.models import Community, Grid

    with keeper.db.reading() as session:
        community, grid = session.execute(select(Community.name, Grid.name).join(
            Community, Community.id == Grid.community_id).order_by(Grid.id)).first()
    return f"{community}/{grid}"


class Peak(float):
    """What a run of a process of its own returns: that process's peak memory in MB."""


def _high_water_mb(pid: int) -> float | None:
    """The process's own peak resident memory since it started its program (``VmHWM``), or
    None where there is no /proc or the process has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def _run_counted(command: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> Peak:
    """Run ``command`` as a process of its own; its peak resident memory.

    Read from the process itself while it runs (``VmHWM``, which starting the program resets).
    ``wait4``'s figure alone is wrong here: Python starts the child with ``vfork``, and the
    kernel then counts the bench's own peak (the 100k register it holds) as the child's.

    The process may write its bytecode caches, so the warm-up run leaves every module compiled
    as an installed app ships them: with ``PYTHONDONTWRITEBYTECODE`` set in the shell, each run
    compiled again every module changed since the caches were last written (40 modules and
    about 0.04 s of the desktop app's start-up)."""
    env = {name: value for name, value in (os.environ if env is None else env).items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    peak = 0.0
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _high_water_mb(child.pid) or 0.0)
            if time.monotonic() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                raise RuntimeError(f"{' '.join(command[1:4])} took over {timeout:.0f} s")
            time.sleep(0.002)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command[1:4])} failed: "
                               f"{errors.read().decode(errors='replace')[-300:]}")
    # a process too quick to be read falls back to the kernel's figure
    return Peak(peak or usage.ru_maxrss / 1024)


# -- start-up ---------------------------------------------------------------------------

def startup(work: Path) -> tuple[Callable[[], Any], str]:
    """``python main.py --db 100k.db --screenshot`` offscreen: process start to window painted."""
    if not (ROOT / "ui" / "app.py").exists():
        raise NotAvailable("ui/app.py (run_gui) not available yet")
    db = databases.street()
    shot = work / "startup.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def run() -> Peak:
        shot.unlink(missing_ok=True)
        peak = _run_counted([sys.executable, str(ROOT / "main.py"), "--db", db, "--screenshot", str(shot)],
                            env=env, timeout=120)
        if not shot.exists():
            raise RuntimeError("no screenshot written")
        return peak

    return run, f"{_size()}, main window offscreen with its first page's data"


def every_page(work: Path) -> tuple[Callable[[], Any], str]:
    """The desktop app with every page opened in turn in one process (``python -m
    bench.pages``), the reports page at a year: the peak memory of a day's use."""
    if not (ROOT / "ui" / "app.py").exists():
        raise NotAvailable("ui/app.py not available yet")
    command = [sys.executable, "-m", "bench.pages", databases.street()]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return (lambda: _run_counted(command, env=env, timeout=1800)), \
        f"{_size()}, every page in turn, the reports page at a year"


# -- rosters and reports ------------------------------------------------------------------

def reference_read(work: Path) -> tuple[Callable[[], Any], str]:
    """The yardstick: every fact the visit engine needs read into Python, plain rows through
    SQLAlchemy (all visits, all residents, their categories, all households)."""
    from sqlalchemy import select

    from gridkeeper.storage.models import CategoryAssignment, Household, Resident, Visit

    keeper = _street()

    def run() -> int:
        with keeper.db.reading() as session:
            return sum(len(session.execute(query).all()) for query in (
                select(Household.id, Household.building_id, Household.unit, Household.floor,
                       Household.room, Household.registered_on, Household.status,
                       Household.status_since, Household.status_until),
                select(Resident.id, Resident.household_id, Resident.birth_date, Resident.status),
                select(CategoryAssignment.resident_id, CategoryAssignment.category_id,
                       CategoryAssignment.valid_from, CategoryAssignment.valid_to),
                select(Visit.household_id, Visit.visit_date, Visit.method, Visit.outcome)))

    return run, f"{run():,} rows: households, residents, categories, visits"


def _roster(one_grid: bool) -> Callable[[Path], tuple[Callable[[], Any], str]]:
    """The week's roster as a user asks for it: computed from the register each time."""
    def prepare(work: Path) -> tuple[Callable[[], Any], str]:
        _require("gridkeeper.services.roster", "RosterService")
        keeper = _street()
        grid = _first_grid(keeper) if one_grid else None
        rows = len(keeper.roster.roster(WEEK, grid=grid, as_of=TODAY).rows)

        def run() -> Any:
            return keeper.roster.roster(WEEK, grid=grid, as_of=TODAY)
        return run, f"{_size()}, {WEEK}, {rows:,} to visit" + (f" in {grid}" if grid else "")
    return prepare


def _yearly(by: str) -> Callable[[Path], tuple[Callable[[], Any], str]]:
    def prepare(work: Path) -> tuple[Callable[[], Any], str]:
        _require("gridkeeper.services.completion", "CompletionService")
        keeper = _street()

        def run() -> Any:
            return keeper.completion.figures(YEAR, by=by, as_of=TODAY)
        return run, f"{_size()}, {YEAR}"
    return prepare


def search_keystroke(work: Path) -> tuple[Callable[[], Any], str]:
    """One keystroke in the register search: the id query, then the rows the table shows.

    The register page does exactly this per keystroke (BrowseService.search_ids, then
    BrowseService.rows for the visible rows of the RegisterModel); timed without Qt.
    """
    browse = _require("gridkeeper.services.browse", "RegisterFilter")
    keeper = _street()
    service = getattr(keeper, "browse", None)
    if service is None or not hasattr(service, "search_ids"):
        raise NotAvailable("BrowseService.search_ids not available yet")
    # pinyin initials typed letter by letter, a phone tail, a name
    terms = ["z", "zw", "zwm", "1234", "5678", "张伟"]
    counter = iter(range(10**9))
    visible = 40  # rows on screen

    def run() -> int:
        ids = service.search_ids(browse.RegisterFilter(text=terms[next(counter) % len(terms)]), today=TODAY)
        service.rows(ids[:visible], today=TODAY)
        return len(ids)

    return run, f"{_size()}; " + " / ".join(terms) + " in turn, ids + 40 visible rows"


# -- PDFs -----------------------------------------------------------------------------------

def _roster_pdf(households: int) -> Callable[[Path], tuple[Callable[[], Any], str]]:
    def prepare(work: Path) -> tuple[Callable[[], Any], str]:
        _require("gridkeeper.services.printing", "PrintService")
        keeper = _keeper(households)
        # the roster query is timed above; here only the PDF the office prints
        roster = keeper.roster.roster(WEEK, as_of=TODAY)
        target = work / f"roster-{households}.pdf"
        result = keeper.printing.rosters(WEEK, target, as_of=TODAY, roster=roster)
        pages = getattr(result, "pages", None)
        note = f"{len(roster.rows):,} rows" + (f", {pages:,} pages" if pages else "")
        return (lambda: keeper.printing.rosters(WEEK, target, as_of=TODAY, roster=roster)), note
    return prepare


def roster_pdf_command(work: Path) -> tuple[Callable[[], Any], str]:
    """What an office runs: ``gridkeeper roster --pdf`` for every grid of the 20,000-household
    register, as a process from start to the file written (the roster worked out, numbers
    issued, the print recorded), beside LibreOffice printing the same roster's workbook."""
    _require("gridkeeper.services.printing", "PrintService")
    register = work / "register.db"
    shutil.copyfile(databases.ensure(20_000), register)
    target = work / "roster.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "gridkeeper", "--db", str(register), "roster", "--week", WEEK,
               "--date", TODAY.isoformat(), "--pdf", str(target)]
    return (lambda: _run_counted(command, env=env)), "20k households, every grid, gridkeeper roster --pdf"


def libreoffice_roster(work: Path) -> tuple[Callable[[], Any], str]:
    """The comparison an office makes: the same week's roster in Excel, printed to PDF by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise NotAvailable("LibreOffice not installed (apt-get install libreoffice-calc)")
    _require("gridkeeper.services.roster", "RosterService")
    from openpyxl import Workbook

    keeper = _keeper(20_000)
    roster = keeper.roster.roster(WEEK, as_of=TODAY)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("走访名单")
    sheet.append(["网格", "户编号", "小区", "楼", "单元", "室", "户主", "类别", "应访日期", "上次走访"])
    for r in roster.rows:
        sheet.append([r.grid, r.household_code, r.estate, r.building, r.unit, r.room, r.head,
                      " ".join(r.categories), r.due_date, r.last_visit])
    workbook = work / "roster.xlsx"
    book.save(workbook)
    profile = work / "lo-profile"

    def run() -> None:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work / "lo"), str(workbook)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

    return run, f"{len(roster.rows):,} rows, soffice --headless --convert-to pdf"


# -- import / export -------------------------------------------------------------------------

def _exported_workbook(work: Path) -> tuple[Path, int]:
    """The 20,000-household demo register exported: about 50,000 residents, one row each."""
    _require("gridkeeper.services.exporter", "ExportService")
    cached = databases.CACHE / f"export-20000-v{databases.CACHE_VERSION}.xlsx"
    counted = cached.with_suffix(".rows")  # the resident count, beside the cached workbook
    if not cached.exists() or not counted.exists():
        keeper = _keeper(20_000)
        result = keeper.exporter.households(cached, full=True, today=TODAY)
        keeper.close()
        counted.write_text(str(result.rows))
    return cached, int(counted.read_text())


def export_households(work: Path) -> tuple[Callable[[], Any], str]:
    _, rows = _exported_workbook(work)
    keeper = _keeper(20_000)
    target = work / "export.xlsx"
    return (lambda: keeper.exporter.households(target, full=True, today=TODAY)), \
        f"20k households, {rows:,} residents"


def import_households(work: Path) -> tuple[Callable[[], Any], str]:
    _require("gridkeeper.services.importer", "ImportService")
    from gridkeeper.services.facade import open_gridkeeper

    workbook, rows = _exported_workbook(work)
    counter = iter(range(10**6))

    def run() -> None:
        keeper = open_gridkeeper(str(work / f"import-{next(counter)}.db"))
        try:
            result = keeper.importer.import_households(workbook, today=TODAY)
            if not result.ok or not result.added:
                raise RuntimeError(f"import refused: {result.message('en')[:300]}")
        finally:
            keeper.close()

    return run, f"{rows:,} residents into an empty register"


# -- demo ---------------------------------------------------------------------------------------

def demo_generation(work: Path) -> tuple[Callable[[], Any], str]:
    counter = iter(range(10**6))
    return (lambda: databases.build(100_000, work / f"demo-{next(counter)}.db")), \
        "100,000 households with a year of visits and needs"


MEASURES: tuple[Measure, ...] = (
    Measure("start-up to main window (100k)", 1.0, startup, repeat=3, warm_up=True, on_server=True,
            peak_target_mb=400),
    Measure("desktop app, every page in turn (100k)", None, every_page, repeat=1, warm_up=False,
            on_server=True, peak_target_mb=400),
    Measure(REFERENCE, None, reference_read, on_server=True),
    Measure("roster one week, one grid (100k)", 0.02, _roster(True), ratio=0.02 / 0.75,
            on_server=True, server_target=0.1),
    Measure("roster one week, all grids (100k)", 0.5, _roster(False), ratio=0.5 / 0.75,
            on_server=True, server_target=2.0),
    Measure("completion year by grid (100k)", 1.0, _yearly("grid"), repeat=3, ratio=1.0 / 0.75,
            on_server=True, server_target=3.0),
    Measure("completion year by category (100k)", 1.0, _yearly("category"), repeat=3, ratio=1.0 / 0.75,
            on_server=True, server_target=3.0),
    Measure("search keystroke (100k)", 0.1, search_keystroke, repeat=12, on_server=True),
    Measure("roster PDF 5k households", None, _roster_pdf(5_000), repeat=3),
    Measure("roster PDF 20k households", 0.5, _roster_pdf(20_000), repeat=3, warm_up=False),
    Measure("roster PDF command 20k, end to end", None, roster_pdf_command, repeat=3,
            peak_target_mb=150),
    Measure("LibreOffice roster xlsx→PDF 20k", None, libreoffice_roster, repeat=2),
    # the 54,000 residents of the 20,000-household demo, one row each (the name is kept so
    # that runs compare). No ratio to the reference: load slows these whole jobs far less than
    # it slows the reference's reading (3.5x against 11x), so the README compares them with
    # the code before in the same run, and in CPU seconds.
    Measure("export 50k-resident workbook", 3.0, export_households, repeat=3, warm_up=False),
    Measure("import 50k-resident workbook", 6.0, import_households, repeat=3, warm_up=False),
    Measure("demo generation 100k", 15.0, demo_generation, repeat=1, warm_up=False),
)


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """Seconds ``run()`` took, the CPU seconds it used, and what it returned.

    On a shared machine the wall time follows the load; the CPU time (every thread of this
    process, and the processes it started and waited for) much less so."""
    cpu = _cpu_seconds()
    started = time.perf_counter()
    outcome = run()
    return time.perf_counter() - started, _cpu_seconds() - cpu, outcome


def _cpu_seconds() -> float:
    try:
        import resource
    except ImportError:  # Windows: this process only
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="gk-bench-"))
