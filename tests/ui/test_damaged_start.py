"""The start with a damaged database file: said before the sign-in, the latest good backup offered and
restored (the damaged file kept aside), or go on at one's own risk, or quit; the temporary copies of a
killed program removed; and the daily backup made after the window is shown, its outcome in the status bar."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow
from sqlalchemy import func, select

from factories import admit
from reintegra.db.engine import make_engine
from reintegra.db.models import Participant
from reintegra.services import backup, temporary
from reintegra.services.integrity import file_damage
from reintegra.ui import app as app_module
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs import damaged_database
from reintegra.ui.dialogs.damaged_database import DamagedDatabaseDialog
from reintegra.ui.scheduled_backup import start_daily_backup


@pytest.fixture(autouse=True)
def application_as_it_was(qapp):
    """run_app styles the application and sets Qt's language and locale; put back afterwards (as in test_app)."""
    from PySide6.QtCore import QLocale

    style, locale = qapp.styleSheet(), QLocale()
    yield
    if app_module._qt_translator is not None:
        qapp.removeTranslator(app_module._qt_translator)
        app_module._qt_translator = None
    QLocale.setDefault(locale)
    qapp.setStyleSheet(style)


@pytest.fixture
def path(database_path) -> Path:
    if "://" in database_path:
        pytest.skip("a SQLite file")
    return Path(database_path)


def fill(path: Path, count: int) -> None:
    engine = make_engine(path)
    with AppContext(engine, str(path)).unit() as session:
        for number in range(count):
            admit(session, f"Zdzisław{number}", f"Gęślą {number}", date(2024, 1, 8), serial=100 + number,
                  notes="Lubi pierogi; uczulony na orzechy. " * 60)
    engine.dispose()


def damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = b"\x42" * third
    path.write_bytes(bytes(data))
    assert file_damage(path) is not None
    return bytes(data)


def answering(monkeypatch, button: str, seen: list) -> None:
    """The dialog's exec(): shown, the person clicks ``button``."""
    def exec_(dialog):
        seen.append(dialog)
        dialog.show()
        getattr(dialog, button).click()
        return dialog.result()

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", exec_)


def people(path: Path) -> int:
    engine = make_engine(path)
    try:
        with AppContext(engine, str(path)).read() as session:
            return session.scalar(select(func.count()).select_from(Participant))
    finally:
        engine.dispose()


def test_a_good_database_starts_without_a_question(qtbot, path, monkeypatch):
    seen = []
    answering(monkeypatch, "quit_button", seen)
    assert app_module.check_at_start(str(path)) is True
    assert seen == []


def test_the_latest_good_backup_is_offered_and_restored(qtbot, path, monkeypatch, said):
    fill(path, 30)
    engine = make_engine(path)
    made = datetime(2026, 12, 4, 7, 55)
    good = backup.automatic_backup(engine, "daily", moment=made)
    engine.dispose()
    fill(path, 0)
    damaged = damage(path)
    seen = []
    answering(monkeypatch, "restore_button", seen)

    assert app_module.check_at_start(str(path)) is True

    [dialog] = seen
    assert "04.12.2026, 07:55" in dialog.restore_button.text() and "dzienna" in dialog.offer.text()
    assert str(path) in dialog.found.text()
    assert dialog.choice == damaged_database.RESTORED
    assert file_damage(path) is None and people(path) == 30
    [aside] = path.parent.glob(f"{path.stem}-damaged-*.db")
    assert aside.read_bytes() == damaged
    assert good.exists()
    assert len(said.infos) == 1 and str(aside) in said.infos[0]


def test_quit_ends_the_program_before_the_sign_in(qtbot, path, monkeypatch):
    fill(path, 30)
    damage(path)
    seen = []
    answering(monkeypatch, "quit_button", seen)

    assert app_module.run_app(str(path)) == 0

    assert len(seen) == 1 and seen[0].choice == damaged_database.QUIT
    assert file_damage(path) is not None  # nothing was touched


def test_without_a_good_backup_only_continuing_or_quitting_is_offered(qtbot, path, monkeypatch):
    fill(path, 30)
    damage(path)
    seen = []
    answering(monkeypatch, "continue_button", seen)

    assert app_module.check_at_start(str(path)) is True

    [dialog] = seen
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert "Nie znaleziono dobrej kopii zapasowej" in dialog.offer.text()
    assert dialog.choice == damaged_database.CONTINUE


def test_the_start_removes_what_a_killed_restore_left(qtbot, path):
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True)
    leftover = temporary.temporary_root() / finished.stdout.strip() / "restore-0000" / "backup.db"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"PESEL 90051712345")

    assert app_module.check_at_start(str(path)) is True
    assert not leftover.parent.parent.exists()


# --- the daily backup after the window is shown -------------------------------------------


def window_on(qtbot, path: Path) -> QMainWindow:
    window = QMainWindow()
    window.context = AppContext(make_engine(path), str(path))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_daily_backup_is_made_in_a_thread_and_said_in_the_status_bar(qtbot, path):
    fill(path, 3)
    window = window_on(qtbot, path)

    runner = start_daily_backup(window, window.context, delay_ms=0)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=10000)

    [made] = backup.automatic_backups()
    assert made.name.endswith("-daily.db") and backup.is_good_backup(made)
    assert window.statusBar().currentMessage() == f"Zapisano codzienną kopię zapasową: {made}"
    assert runner.thread is not None and runner.thread.name == "reintegra-daily-backup"
    window.context.engine.dispose()


def test_a_failed_daily_backup_stays_in_the_status_bar(qtbot, path):
    fill(path, 30)
    damage(path)
    window = window_on(qtbot, path)

    start_daily_backup(window, window.context, delay_ms=0)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "backup-failed") is not None, timeout=10000)

    warning = window.findChild(QLabel, "backup-failed")
    assert warning.text() == "Codzienna kopia zapasowa nie powiodła się"
    assert warning.toolTip().startswith("Baza danych jest uszkodzona")
    assert backup.automatic_backups() == []
    window.context.engine.dispose()


def test_a_window_closed_during_the_daily_backup_lets_it_end_quietly(qtbot, path, monkeypatch):
    """The person closes the program while the backup runs: the thread ends without a traceback."""
    import threading

    import shiboken6

    from reintegra.services import backup_schedule

    fill(path, 3)
    window = window_on(qtbot, path)
    running, finish, failures = threading.Event(), threading.Event(), []
    monkeypatch.setattr(threading, "excepthook", failures.append)

    def slow_backup(engine):
        running.set()
        finish.wait(10)
        return None

    monkeypatch.setattr(backup_schedule, "scheduled_backup", slow_backup)
    runner = start_daily_backup(window, window.context, delay_ms=0)
    qtbot.waitUntil(running.is_set, timeout=10000)
    window.context.engine.dispose()
    shiboken6.delete(window)  # the window and, with it, the runner

    finish.set()
    runner.thread.join(10)
    assert not runner.thread.is_alive()
    assert failures == []


def test_a_server_is_backed_up_daily_only_on_an_administrators_pc(qtbot):
    from reintegra.db.enums import Role
    from reintegra.ui.context import SignedIn

    server = "postgresql+psycopg://reintegra@127.0.0.1:1/reintegra"  # never connected to here
    window = QMainWindow()
    qtbot.addWidget(window)
    director = AppContext(make_engine(server), server, SignedIn(2, "kierownik", "Zofia Wójcik", Role.DIRECTOR))
    admin = AppContext(make_engine(server), server, SignedIn(1, "admin", "Adam Nowak", Role.ADMINISTRATOR))

    assert start_daily_backup(window, director, delay_ms=60_000) is None
    assert start_daily_backup(window, admin, delay_ms=60_000) is not None
