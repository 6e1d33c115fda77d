"""At start, before the sign-in: the database file failed SQLite's quick check. The latest good backup
is offered (the damaged file is set aside first, never lost), or to go on at one's own risk, or to quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from reintegra.i18n import _, format_datetime
from reintegra.services.errors import ReintegraError
from reintegra.ui import accessible, messages

QUIT, CONTINUE, RESTORED = "quit", "continue", "restored"


class DamagedDatabaseDialog(QDialog):
    """What to do with a damaged database file; after ``exec()``, ``choice`` is QUIT, CONTINUE or
    RESTORED (the latest good backup is then in place of the damaged file, which was set aside)."""

    def __init__(self, target: str, damage: str, parent=None, *, latest=None):
        super().__init__(parent)
        from reintegra.services import backup_schedule

        self.target = target
        self.choice = QUIT
        self.latest = latest if latest is not None else backup_schedule.latest_good_backup(database=target)
        self.setWindowTitle(_("Damaged database – Reintegra"))
        self.setMinimumWidth(520)
        self.setMaximumWidth(760)
        title = QLabel(_("The database is damaged"))
        title.setProperty("role", "page-title")
        found = QLabel(_("The check of the database file {path} found: {problem}. Working on in a damaged "
                         "database can lose more data.").format(path=target, problem=damage))
        if self.latest is not None:
            offer = QLabel(_("The latest good backup is of {date} ({kind}). Restoring it first saves the damaged "
                             "file beside the database, as “…-damaged-…”; what was entered after {date} is not in "
                             "the backup.").format(date=format_datetime(self.latest.made),
                                                   kind=backup_schedule.kind_name(self.latest.kind, demo=self.latest.demo)))
        else:
            offer = QLabel(_("No good backup was found in {folder}. If you keep backups elsewhere, quit and "
                             "restore one with “reintegra db restore FILE”, or ask the administrator.").format(
                folder=", ".join(str(folder) for folder in backup_schedule.backup_folders())))
        for label in (found, offer):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.found, self.offer = found, offer
        self.restore_button = QPushButton(
            _("&Restore the backup of {date}").format(date=format_datetime(self.latest.made))
            if self.latest is not None else "")
        self.restore_button.setObjectName("restore-latest")
        self.restore_button.setVisible(self.latest is not None)
        self.restore_button.clicked.connect(self.restore)
        self.continue_button = QPushButton(_("&Continue at my own risk"))
        self.continue_button.setObjectName("continue-damaged")
        self.continue_button.clicked.connect(lambda: self._close_with(CONTINUE))
        self.quit_button = QPushButton(_("&Quit"))
        self.quit_button.setObjectName("quit-damaged")
        self.quit_button.clicked.connect(self.reject)
        (self.restore_button if self.latest is not None else self.quit_button).setDefault(True)
        for button in (self.restore_button, self.continue_button, self.quit_button):
            accessible.name(button, button.text())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(found)
        layout.addWidget(offer)
        layout.addSpacing(8)
        layout.addLayout(buttons)

    def _close_with(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def restore(self) -> None:
        """The latest good backup in place of the damaged file (set aside first); said, then closed."""
        from reintegra.db.engine import make_engine
        from reintegra.services import backup

        engine = make_engine(self.target)
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            aside = backup.restore_over_damaged(engine, Path(self.latest.path), actor=None)
        except (ReintegraError, OSError) as error:
            QApplication.restoreOverrideCursor()
            messages.error(self, str(error))
            return
        finally:
            engine.dispose()
        QApplication.restoreOverrideCursor()
        messages.info(self, _("The backup of {date} was restored. The damaged database was saved as {path}.").format(
            date=format_datetime(self.latest.made), path=aside))
        self._close_with(RESTORED)
