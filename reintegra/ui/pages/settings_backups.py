"""Settings → Backups (administrator): where this PC keeps its automatic backups and how many, the list of
backups with date, kind and size, a restore after a backup of the current state, a backup made now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.i18n import _, format_datetime
from reintegra.paths import backups_dir
from reintegra.services import backup, backup_schedule
from reintegra.services.backup_schedule import BackupFile, Schedule
from reintegra.services.errors import ReintegraError
from reintegra.ui import accessible, file_dialogs, messages, unsaved
from reintegra.ui.context import AppContext
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.widgets.form import ERROR_STYLE

HINT_STYLE = "color: #5f6b73;"


class BackupsTab(QWidget):
    """``restored(path)`` after a restore (the main window then asks for the sign-in again)."""

    restored = Signal(object)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self._loaded = False
        intro = QLabel(_("At the first start of each day the program backs up the whole database and checks the "
                         "copy. It keeps the newest backup of each of the last days, weeks and months set below. "
                         "Copy the backup folder to another disk or a USB stick now and then, or choose a folder "
                         "on another disk."))
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.folder = QLineEdit()
        self.folder.setObjectName("backup-folder")
        self.folder.setReadOnly(True)
        accessible.name(self.folder, _("Backup folder"))
        choose = QPushButton(_("C&hoose…"))
        choose.setObjectName("choose-backup-folder")
        choose.clicked.connect(self.choose_folder)
        default = QPushButton(_("De&fault"))
        default.setObjectName("default-backup-folder")
        default.setToolTip(str(backups_dir()))
        default.clicked.connect(lambda: self._save(folder=None))
        self.counts = {}
        folder_row = QHBoxLayout()
        folder_caption = QLabel(_("Folder:"))
        folder_row.addWidget(folder_caption)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(default)
        keep = QLabel(_("Keep the newest backup of each of the last:"))
        keep.setWordWrap(True)
        counts_row = QHBoxLayout()
        captions = {"daily": _("&Days:"), "weekly": _("&Weeks:"), "monthly": _("&Months:")}
        for name, caption in captions.items():
            spin = QSpinBox()
            spin.setObjectName(f"backups-{name}")
            spin.setRange(0, backup_schedule.MAX_KEPT)
            spin.editingFinished.connect(self._counts_changed)
            label = QLabel(caption)
            label.setBuddy(spin)
            accessible.name(spin, caption)
            if self.counts:
                counts_row.addSpacing(12)
            counts_row.addWidget(label)
            counts_row.addWidget(spin)
            self.counts[name] = spin
        counts_row.addStretch(1)
        grid = QVBoxLayout()
        grid.addLayout(folder_row)
        grid.addWidget(keep)
        grid.addLayout(counts_row)
        schedule_box = QGroupBox(_("Automatic backups on this computer"))
        schedule_box.setLayout(grid)

        self.model = RowsModel([
            Column(_("Made"), lambda row: row.made, lambda row: format_datetime(row.made)),
            Column(_("Kind"), lambda row: backup_schedule.kind_name(row.kind, demo=row.demo)),
            Column(_("Size"), lambda row: row.size, lambda row: backup_schedule.size_text(row.size), align_right=True),
            Column(_("File"), lambda row: str(row.path)),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("backups-table")
        accessible.name(self.table, _("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.restore())

        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setObjectName("restore-backup")
        self.restore_button.clicked.connect(self.restore)
        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.setObjectName("backup-now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.open_button = QPushButton(_("&Open folder"))
        self.open_button.setObjectName("open-backup-folder")
        self.open_button.clicked.connect(self.open_folder)
        self.message = QLabel()
        self.message.setObjectName("backups-message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(schedule_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    # -- showing ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._loaded = True
        chosen = backup_schedule.schedule()
        self.folder.setText(str(chosen.folder or backups_dir()))
        self.folder.setCursorPosition(0)
        self.folder.setToolTip(self.folder.text())
        for name, spin in self.counts.items():
            spin.blockSignals(True)
            spin.setValue(getattr(chosen, name))
            spin.blockSignals(False)
        rows = backup_schedule.list_backups(chosen=chosen)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.say(_("The newest backup is of {date}.").format(date=format_datetime(rows[0].made)))
        else:
            self.say(_("There are no backups yet."))
        self._update_buttons()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)

    def chosen(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    # -- the schedule ----------------------------------------------------------------------

    def ask_folder(self) -> str:
        """The folder chosen in the system dialog; tests replace this."""
        return file_dialogs.choose_folder(self, file_dialogs.BACKUP, _("Choose the backup folder"),
                                          start=self.folder.text())

    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder:
            self._save(folder=Path(folder))

    def _counts_changed(self) -> None:
        self._save(folder=backup_schedule.schedule().folder)

    def _save(self, *, folder: Path | None) -> None:
        chosen = Schedule(folder, **{name: spin.value() for name, spin in self.counts.items()})
        try:
            backup_schedule.save_schedule(chosen)
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        except OSError as error:
            self.say(_("The settings cannot be saved: {error}").format(error=error.strerror or error), error=True)
            return
        self.reload()
        self.say(_("Saved: the next automatic backups go to {folder}.").format(folder=self.folder.text()))

    # -- backing up and restoring -----------------------------------------------------------

    def back_up_now(self) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
            path = backup_schedule.manual_backup(self.context.engine, actor=actor)
        except (ReintegraError, OSError) as error:
            QApplication.restoreOverrideCursor()
            self.say(str(error) if isinstance(error, ReintegraError) else _(
                "The backup could not be made: {error}").format(error=error.strerror or error), error=True)
            return
        QApplication.restoreOverrideCursor()
        self.reload()
        self.say(_("The backup was saved to {path}.").format(path=path))

    def restore(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        window = self.window()
        question = _("Restore the backup of {date}? Everything in the database is replaced by what it held "
                     "then; whatever was entered later is lost from it. The current state is backed up first, "
                     "and you sign in again afterwards.").format(date=format_datetime(chosen.made))
        if not messages.confirm(self, question, yes=_("Restore")):
            return
        if hasattr(window, "lock_guard") and not unsaved.settle(window, _("Save it before the restore?")):
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
            saved = backup.restore_database(self.context.engine, chosen.path, actor=actor)
        except (ReintegraError, OSError) as error:
            QApplication.restoreOverrideCursor()
            messages.error(self, str(error) if isinstance(error, ReintegraError) else _(
                "The database could not be restored: {error}").format(error=error.strerror or error))
            return
        QApplication.restoreOverrideCursor()
        messages.info(self, _("The backup of {date} was restored. What the database held before was saved to "
                              "{path}. Sign in again.").format(date=format_datetime(chosen.made), path=saved))
        self.restored.emit(chosen.path)
        if hasattr(window, "lock_guard"):
            window.lock_guard.sign_in_again()  # every page is built again on the restored data
        else:
            self.reload()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))
