"""Starting the desktop app: settings -> database -> services -> QApplication -> MainWindow.

``run_gui(args)`` is what main.py calls with its parsed GUI options (--db, --lang, --user,
--screenshot, --page).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from gridkeeper.domain.i18n import set_language
from gridkeeper.services.facade import GridKeeper, open_gridkeeper

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
STYLE = RESOURCES / "styles" / "gridkeeper.qss"
FALLBACK_FAMILY = "WenQuanYi Micro Hei"


def settings() -> QSettings:
    return QSettings("GridKeeper", "GridKeeper")


def application(lang: str) -> QApplication:
    """The QApplication with a CJK font, the style sheet and the chosen language loaded."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("GridKeeper")
    QCoreApplication.setApplicationName("GridKeeper")
    install_cjk_font(app)
    install_language(app, lang)
    if STYLE.exists():
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    return app  # type: ignore[return-value]


def install_cjk_font(app: QApplication) -> str:
    """Register a Chinese font so text renders on a bare Linux box (Windows has YaHei)."""
    family = FALLBACK_FAMILY
    try:
        from gridkeeper.fonts import find_cjk_font

        choice = find_cjk_font()
        font_id = QFontDatabase.addApplicationFont(str(choice.path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else choice.family
    except Exception:  # no usable font file: let fontconfig find the fallback by name
        pass
    font = QFont(family)
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return family


_translators: list[QTranslator] = []


def install_language(app: QApplication, lang: str) -> None:
    set_language(lang)
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang == "en":
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / "gridkeeper_en.qm")):
            app.installTranslator(translator)
            _translators.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def database_label(gk: GridKeeper) -> str:
    path = getattr(gk.db, "path", None)
    return str(path) if path is not None else str(gk.db.engine.url.render_as_string(hide_password=True))


def run_gui(args: Namespace) -> int:
    stored = settings()
    lang = getattr(args, "lang", None) or str(stored.value("ui/language", "zh"))
    if lang not in ("zh", "en"):
        lang = "zh"
    if getattr(args, "screenshot", None):
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application(lang)
    gk = open_gridkeeper(getattr(args, "db", None))
    from ui.context import Context
    from ui.main_window import MainWindow

    user = getattr(args, "user", None) or gk.actor.username
    if getattr(args, "screenshot", None):
        # a screenshot shows the default layout, not this PC's remembered page and scope
        import tempfile

        scratch = Path(tempfile.mkdtemp(prefix="gridkeeper-shot-")) / "settings.ini"
        stored = QSettings(str(scratch), QSettings.Format.IniFormat)
    window = MainWindow(Context(gk, stored, database_label(gk), user))
    if getattr(args, "screenshot", None):
        return screenshot(app, window, args.screenshot, getattr(args, "page", None), gk)
    if getattr(args, "lang", None):
        stored.setValue("ui/language", lang)
    window.show()
    code = app.exec()
    gk.close()
    return code


def screenshot(app: QApplication, window: object, out: str, page: str | None, gk: GridKeeper) -> int:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(1440, 860)
    if page:
        window.show_page(page)
    window.show()
    app.processEvents()
    window.wait_idle()
    app.processEvents()
    ok = window.grab().save(out, "PNG")
    window.close()
    gk.close()
    return 0 if ok else 1
