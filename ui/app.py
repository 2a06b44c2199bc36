"""Starting the desktop app: settings -> database -> services -> QApplication -> MainWindow.

``run_gui(args)`` is what main.py calls with its parsed GUI options (--db, --lang, --user,
--screenshot, --page).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QThreadPool,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from gridkeeper.domain.i18n import language, set_language
from gridkeeper.services.facade import GridKeeper
from ui.collector import install_collector

if TYPE_CHECKING:
    from gridkeeper.domain.errors import GridKeeperError
    from gridkeeper.services.accounts import AccountService
    from gridkeeper.services.startup import BackgroundCheck

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
STYLE = RESOURCES / "styles" / "gridkeeper.qss"
ICON = RESOURCES / "icons" / "gridkeeper.png"
FALLBACK_FAMILY = "WenQuanYi Micro Hei"


def settings() -> QSettings:
    return QSettings("GridKeeper", "GridKeeper")


def application(lang: str) -> QApplication:
    """The QApplication with a CJK font, the style sheet and the chosen language loaded."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("GridKeeper")
    QCoreApplication.setApplicationName("GridKeeper")
    install_collector(app)
    app.setWindowIcon(QIcon(str(ICON)))  # every window and dialog, and the taskbar
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
        # Qt's own words (OK, Cancel, Yes, No in dialogs) in Chinese too
        translator = QTranslator(app)
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", qt_translations):
            app.installTranslator(translator)
            _translators.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def user_label(gk: GridKeeper) -> str:
    """The logged-in user as the status bar names them: with their community when the account
    is limited to one ("sun（阳光社区）")."""
    if gk.actor.community_id is None:
        return gk.actor.username
    names = [c.name for c in gk.browse.communities()]
    if not names:
        return gk.actor.username
    return f"{gk.actor.username}（{names[0]}）" if language() == "zh" else f"{gk.actor.username} ({names[0]})"


def database_label(gk: GridKeeper) -> str:
    path = getattr(gk.db, "path", None)
    return str(path) if path is not None else str(gk.db.engine.url.render_as_string(hide_password=True))


def run_gui(args: Namespace) -> int:
    """Open the database safely, log in, show the window; the exit code when it closes."""
    stored = settings()
    lang = getattr(args, "lang", None) or str(stored.value("ui/language", "zh"))
    if lang not in ("zh", "en"):
        lang = "zh"
    shot = getattr(args, "screenshot", None)
    if shot:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application(lang)
    if getattr(args, "lang", None) and not shot:  # a screenshot leaves this PC's choice alone
        stored.setValue("ui/language", lang)
    from ui.error_log import install_error_log, install_excepthook, show_error_box

    install_error_log()
    # an error nobody handled is logged and shown (on a screenshot run, printed: nobody looks)
    restore_hooks = install_excepthook(_print_error if shot else show_error_box)
    try:
        return _open_and_work(app, stored, args, shot)
    except Exception as error:  # before or after the window: said in a dialog, kept in the log
        from PySide6.QtWidgets import QMessageBox

        from ui.error_log import error_message, format_error, log, log_path

        log.error("start-up: %s", format_error(error))
        text = error_message(error, str(log_path() or ""))
        if shot:
            print(text, file=sys.stderr)
        else:
            QMessageBox(QMessageBox.Icon.Critical, "GridKeeper", text).exec()
        return 1
    finally:
        restore_hooks()


def _print_error(error: BaseException, path: str) -> None:
    from ui.error_log import error_message

    print(error_message(error, path), file=sys.stderr)


def _open_and_work(app: QApplication, stored: QSettings, args: Namespace, shot: str | None) -> int:

    from gridkeeper.domain.roles import SYSTEM
    from gridkeeper.services.accounts import AccountService
    from ui.startup import log_in, open_for_gui, restore_offered

    url = getattr(args, "db", None)  # the door resolves it (and keys it with $GRIDKEEPER_DB_KEY)
    while True:
        opened = open_for_gui(url, interactive=not shot)
        if opened is None:
            return 1
        restore: list[Path] = []  # the backup chosen when the background check finds damage
        try:
            accounts = AccountService(opened.db, SYSTEM)
            remembered = str(stored.value("login/user", ""))
            actor = log_in(accounts, getattr(args, "user", None), remembered, interactive=not shot)
            if actor is None:
                return 1
            if actor is not SYSTEM and not shot:
                stored.setValue("login/user", actor.username)
            code = _work(app, GridKeeper(opened.db, actor), accounts, stored, args, opened.check, restore)
        finally:
            opened.db.dispose()
            if opened.lock is not None:
                opened.lock.release()
        if not restore:
            return code
        restore_offered(url, restore[0])  # then open it again: lock, check, log in


def _work(app: QApplication, gk: GridKeeper, accounts: AccountService, stored: QSettings,
          args: Namespace, check: BackgroundCheck | None, restore: list[Path]) -> int:
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.session_guards import SessionGuards
    from ui.startup import announce_damage

    shot = getattr(args, "screenshot", None)
    if shot:
        # a screenshot shows the default layout, not this PC's remembered page and scope: its
        # settings live in a scratch folder, removed once the picture is taken
        import shutil
        import tempfile

        scratch = Path(tempfile.mkdtemp(prefix="gridkeeper-shot-"))
        stored = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Context(gk, stored, database_label(gk), user_label(gk)))
        try:
            return screenshot(app, window, shot, getattr(args, "page", None), getattr(args, "size", None))
        finally:
            stored.sync()  # what closing the window wrote, so nothing is left to write later
            shutil.rmtree(scratch, ignore_errors=True)
    window = MainWindow(Context(gk, stored, database_label(gk), user_label(gk)))
    window.show()
    guards = SessionGuards(window, gk, accounts, gk.actor, check)

    def damaged(error: GridKeeperError) -> None:
        # nothing was written (writes wait for the check); offer the backup, else say why and quit
        chosen = announce_damage(window, error)
        if chosen is not None:
            restore.append(chosen)
        window.close()

    guards.damaged.connect(damaged)
    code = app.exec()
    guards.stop()
    # background work still running finishes before the database
    # is closed and its lock released
    QThreadPool.globalInstance().waitForDone()
    return code


def screenshot(app: QApplication, window: object, out: str, page: str | None,
               size: str | None = None) -> int:
    """Show ``page`` at ``size`` ("1024x700"), wait for its data (and its ``demo_state``), save
    the window as a PNG."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    width, _, height = (size or "1440x860").lower().partition("x")
    window.resize(int(width), int(height))
    if page:
        window.show_page(page)
    window.show()
    app.processEvents()
    window.wait_idle()
    app.processEvents()
    # a page shows what it is for: the households behind a figure, a visit opened, a month whose
    # missed households are final
    prepare = getattr(window.pages.currentWidget(), "demo_state", None)
    if prepare is not None:
        prepare()
        app.processEvents()
        window.wait_idle()
        app.processEvents()
    if (window.width(), window.height()) != (int(width), int(height)):
        # a page that needs more room than asked is a bug to fix: say so rather than hide it
        print(f"the window needs {window.width()}x{window.height()}, not {width}x{height}", file=sys.stderr)
    # offscreen, the window as painted is in its backing store already (2 ms to copy); grab()
    # would paint every widget again (18 ms at 100k). Qt writes PNG quality 80 with zlib's
    # fastest level: 40 % less time than its default and no bigger for a window's flat colours
    if QGuiApplication.platformName() == "offscreen":
        image = window.screen().grabWindow(window.winId())
    else:
        image = window.grab()
    ok = image.save(out, "PNG", 80)
    window.close()
    return 0 if ok else 1
