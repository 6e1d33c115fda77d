"""The daily backup at the first start of a day, made in a thread after the main window is shown, so
that neither the window nor typing waits for it; the status bar says how it went."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.ui.context import AppContext

# After the window is on screen and its first page drawn.
START_DELAY_MS = 1500
SHOWN_MS = 15000


class ScheduledBackup(QObject):
    """Runs services/backup_schedule.scheduled_backup in a thread; ``done(path, problem)`` in the
    window's thread when it ends (path None: none was due, or it failed and ``problem`` says why)."""

    done = Signal(object, str)

    def __init__(self, window: QMainWindow, context: AppContext):
        super().__init__(window)
        self.window = window
        self.context = context
        self.thread: threading.Thread | None = None
        self.warning: QLabel | None = None
        self.done.connect(self._report)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self, self._begin)  # not at all if the window is gone by then

    def _begin(self) -> None:
        self.thread = threading.Thread(target=self._work, name="reintegra-daily-backup", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        from reintegra.services.backup_schedule import scheduled_backup
        from reintegra.services.errors import ReintegraError

        try:
            path = scheduled_backup(self.context.engine)
        except ReintegraError as error:
            self._tell(None, error.message)
        except Exception as error:  # noqa: BLE001  (a thread's failure must reach the window, not vanish)
            self._tell(None, _("The daily backup could not be made: {error}").format(error=error))
        else:
            self._tell(path, "")

    def _tell(self, path, problem: str) -> None:
        try:
            self.done.emit(path, problem)
        except RuntimeError:  # the window was closed meanwhile: there is no one left to tell
            pass

    def _report(self, path, problem: str) -> None:
        bar = self.window.statusBar()
        if problem:
            self.warning = QLabel(_("The daily backup failed"))
            self.warning.setObjectName("backup-failed")
            self.warning.setStyleSheet("color: #b00020; font-weight: 600;")
            self.warning.setToolTip(problem)
            self.warning.setAccessibleName(problem)
            bar.addPermanentWidget(self.warning)
            bar.showMessage(problem, SHOWN_MS)
        elif path is not None:
            bar.showMessage(_("Daily backup written: {path}").format(path=path), SHOWN_MS)


def start_daily_backup(window: QMainWindow, context: AppContext, delay_ms: int = START_DELAY_MS):
    """The daily backup for this window's database, if this PC makes them: always for a database file;
    for a server, only where an administrator signs in (the server's own backups are its keeper's,
    and every workshop PC need not hold a copy of everyone's data)."""
    if not context.is_sqlite and not context.can(Role.ADMINISTRATOR):
        return None
    runner = ScheduledBackup(window, context)
    runner.start(delay_ms)
    return runner
