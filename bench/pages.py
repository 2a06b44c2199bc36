"""``python -m bench.pages DB``: the desktop app on register DB (a file or a server's URL),
every page opened in turn in one process as a user clicks down the sidebar, each waited for
until its data is shown (the reports page then at a year, its largest figures). Prints each
page's time and the process's memory after it; the bench reads the whole process's peak.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def resident_mb() -> tuple[int, int]:
    """(now, peak) resident memory of this process in MB (Linux; zeros elsewhere)."""
    found = {"VmRSS": 0, "VmHWM": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in found:
                    found[key] = int(value.split()[0]) // 1024
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings

    from gridkeeper.domain.enums import Period
    from gridkeeper.services.facade import open_gridkeeper
    from ui.app import application
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.pages import PAGES

    app = application("zh")
    gk = open_gridkeeper(argv[0])
    settings = QSettings(os.path.join(tempfile.mkdtemp(prefix="gk-pages-"), "s.ini"),
                         QSettings.Format.IniFormat)
    window = MainWindow(Context(gk, settings, argv[0], "system"))
    window.resize(1440, 860)
    window.show()

    def settle() -> None:
        app.processEvents()
        window.wait_idle()
        app.processEvents()

    settle()
    print(f"{'start':<16} {'':>8} rss {resident_mb()[0]} MB, peak {resident_mb()[1]} MB", flush=True)
    for name in PAGES:
        started = time.perf_counter()
        window.show_page(name)
        settle()
        if name == "reports":
            page = window.page(name)
            page.kind_box.setCurrentIndex(list(Period).index(Period.YEAR))
            settle()
        now, peak = resident_mb()
        print(f"{name:<16} {time.perf_counter() - started:7.1f}s rss {now} MB, peak {peak} MB", flush=True)
    window._close_confirmed = True  # noqa: SLF001 - nothing typed to keep
    window.close()
    gk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
