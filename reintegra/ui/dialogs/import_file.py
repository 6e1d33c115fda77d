"""File → Import…: moving a facility in from its spreadsheets (issue 17).

Choose what the file holds (participants, attendance, or a kind another issue registers in
``importing.KINDS``) and the file; see how it is read — the encoding (changeable, and asked for when it
was a guess), the separator, the columns found and those ignored — and its first rows; every bad row
is listed with its line and reason by a check that writes nothing. Then import all the rows (refused
while there are bad ones) or only the valid ones, with a progress bar and Cancel: the import runs in
the window's thread in batches, handling events between them, and a cancelled import is rolled
back — nothing is written. The result's counts are shown at the end.

Directors and administrators only: the services refuse anyone else, and the menu does not offer it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.i18n import _, ngettext
from reintegra.services import benefit_rule_file, importing  # benefit_rule_file: its kind in KINDS
from reintegra.services.errors import ReintegraError, file_error_message
from reintegra.services.import_files import ENCODINGS, UTF8_BOM, cell_text
from reintegra.ui import accessible, file_dialogs
from reintegra.ui.context import AppContext
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.screen_fit import fit_to_screen

IMPORT_FOLDER = "import"  # file_dialogs' kind: the folder of the spreadsheets last imported
PROGRESS_STEPS = 1000
ERROR_COLOUR = "color: #a93226;"
# Bad rows listed in the window (the rest counted): a file of garbage may have a million.
ROWS_LISTED = 2000
PREFERRED_SIZE = QSize(900, 680)


class ImportDialog(QDialog):
    """The import wizard on one page: kind and file, how it is read, the preview and bad rows, the import."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, kind: str = "participants",
                 path: str | Path | None = None):
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.preview: importing.FilePreview | None = None
        self.checked: importing._Report | None = None
        self.running = False
        self.cancel_asked = False
        self.setWindowTitle(_("Import from a spreadsheet"))

        self.kind = QComboBox()
        for key, known in importing.KINDS.items():
            self.kind.addItem(_(known.title), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(_("No file chosen"))
        self.choose = QPushButton(_("&Choose file…"))
        self.choose.clicked.connect(self.ask_file)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        self.encoding = QComboBox()
        for name, shown in ENCODINGS.items():
            if name != UTF8_BOM:
                self.encoding.addItem(shown, name)
        self.encoding_note = QLabel()
        self.encoding_note.setWordWrap(True)
        self.encoding_note.setProperty("role", "hint")
        self.separator = QLabel("—")
        self.columns = QLabel("—")
        self.columns.setWordWrap(True)
        self.columns.setTextInteractionFlags(Qt.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(_("&What the file holds:"), self.kind)
        form.addRow(_("&File:"), file_row)
        form.addRow(_("&Encoding:"), self.encoding)
        form.addRow("", self.encoding_note)
        form.addRow(_("Separator:"), self.separator)
        form.addRow(_("Columns:"), self.columns)
        file_label = form.labelForField(file_row)
        if isinstance(file_label, QLabel):
            file_label.setBuddy(self.file)

        self.table_model = RowsModel([])
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        accessible.name(self.table, _("The file's first rows"))
        self.bad_rows = QListWidget()
        self.bad_rows.setMinimumHeight(80)
        self.bad_rows.setWordWrap(True)
        self.bad_rows.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        accessible.name(self.bad_rows, _("Rows with errors"))
        self.status = QLabel(_("Choose the file to import."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(True)
        accessible.name(self.progress, _("Progress of the import"))
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.import_all = self.buttons.addButton(_("&Import all"), QDialogButtonBox.AcceptRole)
        self.import_valid = self.buttons.addButton(_("Import only the &valid rows"), QDialogButtonBox.AcceptRole)
        self.cancel = self.buttons.addButton(_("Cancel import"), QDialogButtonBox.RejectRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.import_all.clicked.connect(lambda: self.run_import(only_valid=False))
        self.import_valid.clicked.connect(lambda: self.run_import(only_valid=True))
        self.cancel.clicked.connect(self.ask_cancel)
        self.close_button.clicked.connect(self.reject)
        for button in (self.import_all, self.import_valid):
            button.setAutoDefault(False)
        self.cancel.hide()

        preview_title = QLabel(_("&Preview:"))
        preview_title.setBuddy(self.table)
        bad_title = QLabel(_("&Rows with errors:"))
        bad_title.setBuddy(self.bad_rows)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(preview_title)
        layout.addWidget(self.table, 3)
        layout.addWidget(bad_title)
        layout.addWidget(self.bad_rows, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        accessible.name_from_labels(self)

        self.kind.currentIndexChanged.connect(lambda _index: self.read_file())
        self.encoding.activated.connect(lambda _index: self.read_file(keep_encoding=True))
        self._update_buttons()
        fit_to_screen(self, PREFERRED_SIZE.expandedTo(self.minimumSizeHint()))
        if path is not None:
            self.set_file(Path(path))
        else:
            self.choose.setFocus()

    # --- the file and how it is read ---

    def ask_file(self) -> None:
        filters = ";;".join([_("Spreadsheets (*.csv *.xlsx *.xlsm *.txt)"), _("All files (*)")])
        chosen = file_dialogs.open_file(self, IMPORT_FOLDER, _("Choose the file to import"), filters)
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        self.read_file()

    def kind_key(self) -> str:
        return self.kind.currentData()

    def chosen_encoding(self) -> str | None:
        if self.preview is None or self.preview.format.kind != "csv":
            return None
        return self.encoding.currentData()

    def read_file(self, *, keep_encoding: bool = False) -> None:
        """Reads the file's look (encoding, separator, columns, first rows), then checks every row."""
        self.preview, self.checked = None, None
        self.table_model.columns = []
        self.table_model.set_rows([])
        self.bad_rows.clear()
        self.separator.setText("—")
        self.columns.setText("—")
        self.encoding_note.setText("")
        if self.path is None:
            self._update_buttons()
            return
        encoding = self.encoding.currentData() if keep_encoding else None
        try:
            # An encoding named here (the user's choice) is certain; a detected one may be a guess.
            self.preview = importing.preview_file(self.path, self.kind_key(), encoding=encoding)
        except ReintegraError as error:
            self._say(error.message, error=True)
        except OSError as error:
            self._say(file_error_message(error, self.path), error=True)
        self._show_preview(keep_encoding)
        if self.preview is not None:
            self.check()
        self._update_buttons()

    def _show_preview(self, keep_encoding: bool) -> None:
        look = self.preview
        is_csv = look is None or look.format.kind == "csv"
        self.encoding.setEnabled(is_csv and self.path is not None)
        if look is None:
            return
        if look.format.kind == "csv":
            if not keep_encoding:
                encoding = look.format.encoding
                index = self.encoding.findData("utf-8" if encoding == UTF8_BOM else encoding)
                self.encoding.setCurrentIndex(max(0, index))
            if not look.format.encoding_certain:
                self.encoding_note.setText(_(
                    "A guess: the file reads as well in {other}. Check the Polish letters (ą, ś, ź) in the preview "
                    "and choose the encoding that shows them right; the import waits for your choice.").format(
                    other=", ".join(ENCODINGS[name] for name in look.alternatives)))
                self.encoding_note.setStyleSheet(ERROR_COLOUR)
            else:
                self.encoding_note.setText(_("Detected from the file.") if not keep_encoding else _("Chosen by you."))
                self.encoding_note.setStyleSheet("")
            self.separator.setText(look.format.delimiter_shown())
        else:
            self.encoding_note.setText(_("An XLSX workbook: its first sheet is read; no encoding to choose."))
            self.encoding_note.setStyleSheet("")
            self.separator.setText(_("— (a workbook)"))
        found = [_("{header} → {column}").format(header=header, column=column.shown())
                 for column, header in look.columns]
        text = ", ".join(found)
        if look.ignored:
            text += " " + _("(not read: {headers})").format(headers=", ".join(look.ignored))
        self.columns.setText(text)
        self.table_model.columns = [Column(header, lambda row, field=column.field: cell_text(row.get(field)))
                                    for column, header in look.columns]
        self.table_model.columns.insert(0, Column(_("Line"), lambda row: row.line, align_right=True))
        self.table_model.set_rows(look.rows)

    def check(self) -> None:
        """Every row checked as the import would do it, nothing written: the bad rows listed."""
        report = self._run(dry_run=True, only_valid=True)
        if report is None:
            return
        self.checked = report
        self._list_bad_rows(report)
        if report.error_count:
            self._say(ngettext("{count} row has errors: import the valid rows only, or correct the file and "
                               "choose it again.",
                               "{count} rows have errors: import the valid rows only, or correct the file and "
                               "choose it again.", report.error_count).format(count=report.error_count),
                      error=True)
        else:
            self._say(_("Every row is valid. {counts}").format(counts="; ".join(report.summary_lines())))

    def _list_bad_rows(self, report) -> None:
        self.bad_rows.clear()
        for error in report.errors[:ROWS_LISTED]:
            self.bad_rows.addItem(error.describe())
        more = report.error_count - min(len(report.errors), ROWS_LISTED)
        if more:
            self.bad_rows.addItem(ngettext("… and {count} more row with errors", "… and {count} more rows with errors",
                                           more).format(count=more))

    # --- importing ---

    def run_import(self, *, only_valid: bool) -> None:
        report = self._run(dry_run=False, only_valid=only_valid)
        if report is None:
            return
        self.checked = None
        self.context.events.participants_changed.emit()
        self.context.events.workshops_changed.emit()
        self._say("\n".join([_("Imported."), *report.summary_lines()]))
        self._list_bad_rows(report)
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)
        self.close_button.setFocus()

    def _run(self, *, dry_run: bool, only_valid: bool):
        """The kind's import (or its check) in one unit of work, with the progress bar and Cancel; the report,
        or None when it was refused or cancelled (said in the status line)."""
        kind = importing.KINDS[self.kind_key()]
        self._set_running(True, _("Checking every row…") if dry_run else _("Importing…"))
        try:
            unit = self.context.read if dry_run and not kind.check_writes else self.context.unit
            with unit() as session:
                return kind.run(session, self.path, only_valid=only_valid, actor=self.context.actor(session),
                                encoding=self.chosen_encoding(), progress=self._progress, dry_run=dry_run)
        except importing.ImportCancelled as cancelled:
            self._say(cancelled.message, error=True)
        except importing.ImportRefused as refused:
            self._list_bad_rows(refused)
            self._say(refused.message, error=True)
        except ReintegraError as error:
            self._say(error.message, error=True)
        except OSError as error:
            self._say(file_error_message(error, self.path), error=True)
        finally:
            self._set_running(False)
        return None

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, PROGRESS_STEPS)
            self.progress.setValue(min(PROGRESS_STEPS, done * PROGRESS_STEPS // total))
        else:
            self.progress.setRange(0, 0)  # a sheet that does not say its size: busy
        QApplication.processEvents()
        if self.cancel_asked:
            raise importing.ImportCancelled()

    def ask_cancel(self) -> None:
        if self.running:
            self.cancel_asked = True
            self.cancel.setEnabled(False)

    def _set_running(self, running: bool, text: str = "") -> None:
        self.running = running
        self.cancel_asked = False
        for widget in (self.kind, self.choose, self.encoding, self.close_button):
            widget.setEnabled(not running)
        self.encoding.setEnabled(not running and self.preview is not None and self.preview.format.kind == "csv")
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        self.cancel.setEnabled(running)
        if running:
            self.progress.setValue(0)
            self.import_all.setEnabled(False)
            self.import_valid.setEnabled(False)
            self._say(text)
            self.cancel.setFocus()
            QApplication.processEvents()
        else:
            self._update_buttons()

    def _update_buttons(self) -> None:
        checked = self.checked
        ready = checked is not None and not self.running and not self.encoding_unconfirmed()
        self.import_all.setEnabled(ready and not checked.error_count)
        whole = importing.KINDS[self.kind_key()].all_or_nothing
        self.import_valid.setEnabled(ready and bool(checked.error_count) and _valid_rows(checked) > 0 and not whole)

    def encoding_unconfirmed(self) -> bool:
        """The encoding was a guess the user has not answered yet (by choosing one in the list)."""
        look = self.preview
        return look is not None and look.format.kind == "csv" and not look.format.encoding_certain

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_COLOUR if error else "")

    # --- closing while it runs cancels ---

    def reject(self) -> None:
        if self.running:
            self.ask_cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.running:
            self.ask_cancel()
            event.ignore()
            return
        super().closeEvent(event)


def _valid_rows(report) -> int:
    """Rows the check found valid (added, updated or unchanged)."""
    counted = ("added", "updated", "unchanged", "exits_recorded", "readmitted", "applicants")
    found = (getattr(report, name, 0) for name in counted)
    return sum(len(value) if isinstance(value, list) else value for value in found)


