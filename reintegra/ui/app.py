"""Starting the desktop application: language, database, first run, sign-in, main window."""

from __future__ import annotations

import importlib
import os
import sys
import threading

from reintegra import i18n
from reintegra.config import load_settings, resolve_database
from reintegra.i18n import _
from reintegra.paths import shipped_dir
from reintegra.services.errors import ReintegraError

_qt_translator = None


def create_application():
    """The QApplication with Reintegra's name, icon, style sheet and Qt's own translations. (The
    tabs' correction is set on each tab bar, ui/app_style.py: the first window has none.)"""
    from PySide6.QtWidgets import QApplication

    from reintegra.ui.icons import icon

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Reintegra")
    app.setOrganizationName("Reintegra")
    app.setWindowIcon(icon("app"))
    app.setStyleSheet((shipped_dir("resources") / "style.qss").read_text(encoding="utf-8"))
    _install_qt_translations(app)
    return app


# Loaded while the sign-in is on screen, one module per turn of the event loop, so that the main
# window opens at once after the password; whatever the person types meanwhile is handled between them.
_MAIN_WINDOW_MODULES = (
    "reintegra.ui.main_window",
    "reintegra.ui.pages.start",
    "reintegra.ui.pages.daily_log",
    "reintegra.ui.pages.participants",
    "reintegra.ui.pages.workshops",
    "reintegra.ui.pages.reports",
    "reintegra.ui.pages.settings",
)

# Set (to anything) by benchmarks/bench_startup.py: print "shown" once the first window is on
# screen and stop there, as the bare PySide6 window of the benchmark does.
FIRST_WINDOW_PROBE = "REINTEGRA_FIRST_WINDOW_PROBE"


def run_app(database: str | None = None) -> int:
    """The desktop app from start to exit; the process's exit status.

    The first window is the sign-in, shown before the database is opened and before SQLAlchemy,
    the models and the services are imported (they take most of the start); its button is
    enabled once the database is open. A first start (no facility, no users) then hides it and
    shows the first-run wizard instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from reintegra.ui.dialogs.sign_in import SignInDialog

    i18n.set_language(load_settings().get("language"))
    app = create_application()
    dialog = SignInDialog()
    dialog.show()
    if os.environ.get(FIRST_WINDOW_PROBE):
        return _probe_first_window(app)
    app.processEvents()  # drawn now, before the loading below
    try:
        target = resolve_database(database)
        if not check_at_start(target, dialog):
            return 0
        context = open_context(target, loading=app.processEvents)
        if context is None:  # the person did not give the server's password
            return 0
        if not dialog.isVisible():  # closed while the database was opening
            context.engine.dispose()
            return 0
        context = sign_in(context, dialog)
    except ReintegraError as error:
        dialog.hide()
        QMessageBox.critical(None, _("Reintegra"), error.message)
        return 1
    if context is None:  # the person closed the wizard or the sign-in
        return 0
    from reintegra.ui.main_window import MainWindow

    window = MainWindow(context)
    window.show()
    from reintegra.ui.scheduled_backup import start_daily_backup

    window.daily_backup = start_daily_backup(window, context)  # in a thread, once the window is drawn
    return app.exec()


def check_at_start(target: str, sign_in=None) -> bool:
    """Before the database is opened: the temporary copies a killed backup or restore left are removed,
    and a database file that fails SQLite's quick check is said to be damaged, with the latest good
    backup offered (ui/dialogs/damaged_database.py); False when the person chose to quit."""
    from reintegra.services import temporary
    from reintegra.services.integrity import file_damage

    try:
        temporary.clean_leftovers()
    except OSError:  # no data folder to be had: nothing to clean either
        pass
    if "://" in target:  # a server keeps its own storage whole
        return True
    damage = file_damage(os.path.expanduser(target))
    if damage is None:
        return True
    from reintegra.ui.dialogs.damaged_database import QUIT, DamagedDatabaseDialog

    if sign_in is not None:
        sign_in.hide()
    dialog = DamagedDatabaseDialog(target, damage)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if choice == QUIT:
        return False
    if sign_in is not None:
        sign_in.show()
    return True


def _warm_up() -> None:
    """What the first sign-in and the start page would otherwise wait for, done in a thread while
    the person types (no Qt here): the hash that makes every first try take the same time, and the
    holiday tables (the library imports every country)."""
    from datetime import date, timedelta

    from reintegra.services import calendar, passwords

    passwords.prepare()
    today = date.today()
    calendar.is_working_day(today - timedelta(days=today.weekday()))  # a Monday: the holidays are looked up


def _probe_first_window(app) -> int:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    app.exec()
    return 0


def preload_main_window(modules=_MAIN_WINDOW_MODULES) -> None:
    """Imports the main window's modules one per turn of the event loop (a QTimer), while the
    sign-in waits for the password; one not loaded by then is imported when the window is built."""
    from PySide6.QtCore import QTimer

    pending = [name for name in modules if name not in sys.modules]
    threading.Thread(target=_warm_up, name="reintegra-warm-up", daemon=True).start()

    def next_one() -> None:
        if pending:
            importlib.import_module(pending.pop(0))
            QTimer.singleShot(0, next_one)

    QTimer.singleShot(0, next_one)


# What opening the database needs, imported one by one by open_context(loading=…).
_DATABASE_MODULES = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "reintegra.db.models",
    "reintegra.services.units",
    "reintegra.services.database",
    "reintegra.services.demo_database",
    "reintegra.services.server_password",
    "reintegra.ui.context",
    "reintegra.services.sign_in",
    "reintegra.services.users",
    "reintegra.services.facility",
)


def open_context(target: str, ask_password=None, loading=None):
    """The database ``target`` opened (created or upgraded as needed) as an application context;
    None when a server asked for its password and the person cancelled.

    ``ask_password(target, refused)`` gives ``(password, remember)`` or None (default: the
    server password dialog). ``loading()``, if given, is called between the imports this needs
    (run_app: the shown sign-in keeps taking keys while they load)."""
    if loading is not None:
        for name in _DATABASE_MODULES:
            importlib.import_module(name)
            loading()
    from sqlalchemy.exc import SQLAlchemyError

    from reintegra.services import demo_database, server_password
    from reintegra.services.database import cannot_open_message, open_database
    from reintegra.services.server_password import PasswordNeeded
    from reintegra.ui.context import AppContext

    ask_password = ask_password or _ask_server_password
    password = None
    while True:
        try:
            engine = open_database(target, password=password)
            break
        except PasswordNeeded as needed:
            answer = ask_password(target, needed.refused)
            if answer is None:
                return None
            password, remember = answer
        except OSError as error:  # e.g. a folder that cannot be created
            raise ReintegraError(cannot_open_message(target, error)) from error
    if password is not None:
        server_password.typed_password_worked(target, password, remember=remember)
    try:
        with AppContext(engine, target).read() as session:
            demo = demo_database.is_demo(session)
    except SQLAlchemyError as error:
        engine.dispose()
        raise ReintegraError(cannot_open_message(target, error)) from error
    return AppContext(engine, target, demo=demo)


def _ask_server_password(target: str, refused: bool):
    from PySide6.QtWidgets import QDialog

    from reintegra.ui.dialogs.server_password import ServerPasswordDialog

    dialog = ServerPasswordDialog(target, refused=refused)
    if dialog.exec() != QDialog.Accepted or not dialog.password():
        return None
    return dialog.password(), dialog.remember()


def needs_setup(context) -> bool:
    """Whether this is a first start: no facility data and no users."""
    from reintegra.services import facility, users

    with context.read() as session:
        return not facility.is_configured(session) and not users.has_users(session)


def sign_in(context, dialog=None):
    """The first-run wizard when needed, then the sign-in; the context with its user, or None if cancelled.

    ``dialog``: the sign-in already on screen without a database (run_app); hidden for the wizard."""
    from PySide6.QtWidgets import QDialog

    from reintegra.services import demo_database
    from reintegra.ui.context import AppContext
    from reintegra.ui.dialogs.sign_in import SignInDialog

    if needs_setup(context):
        from reintegra.ui.dialogs.first_run import FirstRunWizard

        if dialog is not None:
            dialog.hide()
        wizard = FirstRunWizard(context.engine, context.database)
        if wizard.exec() != QDialog.Accepted:
            return None
        if wizard.demo_engine is not None:
            context.engine.dispose()
            context = AppContext(wizard.demo_engine, wizard.demo_target)
            with context.read() as session:  # demo.db holding a real database is not shown as a demo
                context.demo = demo_database.is_demo(session)
        elif wizard.created_user is not None:
            # The administrator has just typed their password twice: no need to ask again.
            context.user = wizard.created_user
            return context
    if dialog is None:
        dialog = SignInDialog(context)
    else:
        dialog.set_context(context)
    if dialog.needed():
        preload_main_window()
        if dialog.exec() != QDialog.Accepted:
            return None
        context.user = dialog.signed_in()
    else:
        dialog.hide()
    return context


def _install_qt_translations(app) -> None:
    """Qt's own dialogs and buttons in the UI language (the qtbase catalog in the wheel, with our
    wording over it: reintegra/ui/qt_wording.py), and Qt's locale (calendars, day names) with it."""
    from PySide6.QtCore import QLocale

    from reintegra.ui.qt_wording import QtWording

    language = i18n.current_language()
    QLocale.setDefault(QLocale(i18n.locale_name()))
    global _qt_translator
    if _qt_translator is not None:  # create_application() again (tests): one translator, not a pile
        try:
            app.removeTranslator(_qt_translator)
        except RuntimeError:  # it went with an earlier QApplication
            pass
        _qt_translator = None
    if language == "en":
        return
    translator = QtWording(language, app)
    if not translator.isEmpty():
        app.installTranslator(translator)
        _qt_translator = translator
