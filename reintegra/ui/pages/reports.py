"""The Reports page: choose a report and what it covers, preview it as it will print, print it,
or save it as PDF, XLSX or CSV. "Reports for all active participants" makes one PDF or a file
per person, with a progress dialog that can be cancelled.

Instructors see the monthly attendance sheet of their own workshops; the rest is the director's.
The reports refuse (and leave out) what the signed-in user may not see; the page only chooses
which reports to offer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reintegra.i18n import _, ngettext
from reintegra.services.errors import ReintegraError, ValidationError, file_error_message
from reintegra.ui import accessible, file_dialogs
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.form import ERROR_STYLE
from reintegra.ui.widgets.pdf_preview import PdfPreview
from reintegra.ui.widgets.annual_report_form import AnnualForm
from reintegra.ui.widgets.report_forms import FORMS, BulkForm, ParticipantForm, ReportForm

HINT_STYLE = "color: #5f6b73;"
# Reports of a group holding personal data (names, attendance, PESEL), as the audit log names them.
_GROUP_REPORTS = {"attendance": "attendance_sheet", "benefit": "benefit_list", "day_log": "day_log",
                  "certificates": "certificate_register",
                  "annual": "annual_report"}  # the annual report names the people of the council's decisions
_FORMAT_NAMES = {".pdf": "PDF (*.pdf)", ".xlsx": "Excel (*.xlsx)", ".csv": "CSV (*.csv)", ".json": "JSON (*.json)"}


def today() -> date:
    return date.today()


class Cancelled(Exception):
    pass


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.forms: list[ReportForm] = [form(context, today) for form in (*FORMS, AnnualForm)
                                        if context.can(form.minimum_role)]

        title = QLabel(_("Reports"))
        title.setProperty("role", "page-title")
        self.kinds = QListWidget()
        self.kinds.setObjectName("report-kinds")
        self.stack = QStackedWidget()
        for form in self.forms:
            QListWidgetItem(form.title, self.kinds)
            self.stack.addWidget(form)
        self.kinds.setWordWrap(True)  # long titles wrap rather than widen the page
        self.kinds.setSpacing(4)
        self.kinds.setFixedWidth(self.fontMetrics().horizontalAdvance("M" * 15))
        self._fit_kind_titles()
        self.kinds.currentRowChanged.connect(self._kind_chosen)
        accessible.name(self.kinds, _("Kinds of report"))
        accessible.name_from_labels(self.stack)

        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setToolTip(_("Make the report and show it here (F5)"))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setToolTip(_("Print the report shown (Ctrl+P)"))
        self.save_button = QPushButton(_("Save as…"))
        self.save_button.setToolTip(_("Save as PDF, XLSX or CSV (Ctrl+S)"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("reports-message")
        self.pdf = PdfPreview()

        side = QVBoxLayout()
        side.addWidget(self.kinds, 1)
        main = QVBoxLayout()
        main.addWidget(self.stack)
        main.addLayout(buttons)
        main.addWidget(self.message)
        # A kind with a view of its own (the CIS benefit list) shows it here instead of the PDF preview.
        self.previews = QStackedWidget()
        self.previews.addWidget(self.pdf)
        for form in self.forms:
            if form.view is not None:
                self.previews.addWidget(form.view)
        main.addWidget(self.previews, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addLayout(main, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)

        for keys, action in (("F5", self.preview), ("Ctrl+P", self.print_report), ("Ctrl+S", self.save)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        context.events.participants_changed.connect(self._lists_changed)
        context.events.workshops_changed.connect(self._lists_changed)
        self._loaded = False
        # Whose data the preview holds and what was made last, for the audit log: (person or None, what).
        self._people_shown: list[tuple[int | None, str]] = []
        self._people_made: list[tuple[int | None, str]] = []
        if self.forms:
            self.kinds.setCurrentRow(0)

    def _fit_kind_titles(self) -> None:
        # Qt sizes a wrapped item for the list's width before its frame and scroll bar, so a long title
        # lost its last line ("Raporty wszystkich aktywnych ..."): each item as tall as its lines.
        metrics = self.kinds.fontMetrics()
        width = self.kinds.width() - 2 * self.kinds.frameWidth() - self.kinds.verticalScrollBar().sizeHint().width()
        for row in range(self.kinds.count()):
            item = self.kinds.item(row)
            lines = metrics.boundingRect(QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(width, lines.height() + 6))

    def activated(self) -> None:
        if not self._loaded:
            self._reload_lists()
        self.kinds.setFocus()

    def _lists_changed(self) -> None:
        """People or workshops changed elsewhere: read again now if shown, else when next shown."""
        if self.isVisible():
            self._reload_lists()
        else:
            self._loaded = False

    def _reload_lists(self) -> None:
        self._loaded = True
        for form in self.forms:
            form.reload()

    def form(self) -> ReportForm:
        return self.forms[self.kinds.currentRow()]

    def show_form(self, key: str) -> ReportForm:
        for row, form in enumerate(self.forms):
            if form.key == key:
                self.kinds.setCurrentRow(row)
                return form
        raise KeyError(key)

    def _kind_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        form = self.forms[row]
        # The stack as tall as the chosen form, not the tallest one (the annual report's texts):
        # the room below is the preview's.
        for other in self.forms:
            other.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred if other is form else QSizePolicy.Ignored)
        self.stack.updateGeometry()
        self.save_button.setToolTip(_("Save as {formats} (Ctrl+S)").format(
            formats=", ".join(suffix[1:].upper() for suffix in form.formats)))
        self.pdf.clear()
        self.say("")
        self.previews.setCurrentWidget(form.view or self.pdf)
        if form.view is not None:
            form.show_view()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setVisible(bool(text))

    # -- making ---------------------------------------------------------------------------------

    def _make_pdf(self) -> bytes | None:
        form = self.form()
        if not form.before_making():
            return None
        try:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                with self.context.read() as session:
                    if isinstance(form, BulkForm):
                        return self._bulk_pdf(session, form)
                    self._people_made = self._disclosing(form)
                    return form.pdf(session)
            finally:
                QApplication.restoreOverrideCursor()
        except Cancelled:
            self.say(_("Cancelled; nothing was made."))
        except ReintegraError as error:
            self.say(error.message, error=True)
        return None

    def preview(self) -> None:
        if self.form().view is not None:  # its view is the preview: read it again
            self.form().show_view()
            return
        data = self._make_pdf()
        if data is None:
            return
        self.pdf.show_pdf(data)
        self._people_shown = self._people_made
        pages = self.pdf.page_count()
        self.say(ngettext("{count} page.", "{count} pages.", pages).format(count=pages))

    def print_report(self) -> None:
        if self.form().view is not None:  # printed from the PDF, made now from what is saved
            data = self._make_pdf()
            if data is None:
                return
            self.pdf.show_pdf(data)
            self._people_shown = self._people_made
        elif not self.pdf.page_count():
            self.preview()
        if self.pdf.page_count() and self.pdf.print_document(self):
            self.say(_("Sent to the printer."))
            printer = self.pdf.printed_on or _("printer")
            self._disclosed([(pid, what, printer) for pid, what in self._people_shown])

    # -- saving ---------------------------------------------------------------------------------

    def ask_save_path(self, suggested: str, formats: tuple[str, ...]) -> str | None:
        """The file chosen in the system dialog; tests replace this."""
        filters = ";;".join(_FORMAT_NAMES[suffix] for suffix in formats)
        path, _chosen = file_dialogs.save_file(self, file_dialogs.REPORT, _("Save the report"), suggested, filters)
        if path and not Path(path).suffix:
            path += formats[0]
        return path or None

    def ask_folder(self) -> str | None:
        """The folder chosen in the system dialog; tests replace this."""
        return file_dialogs.choose_folder(self, file_dialogs.REPORT, _("Folder for the reports")) or None

    def save(self) -> None:
        form = self.form()
        if isinstance(form, BulkForm) and form.per_person.isChecked():
            self._save_per_person(form)
            return
        if not form.before_making():
            return
        path = self.ask_save_path(form.suggested_name(), form.formats)
        if not path:
            return
        try:
            if isinstance(form, BulkForm):
                data = self._make_pdf()
                if data is None:
                    return
                from reintegra.reports.outputs import save_pdf

                written = save_pdf(data, path)
            else:
                self._people_made = self._disclosing(form)
                with self.context.read() as session:
                    written = form.save(session, Path(path))
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        except OSError as error:
            self.say(file_error_message(error, path), error=True)
            return
        self.say(_("Saved: {path}").format(path=written))
        self._disclosed([(pid, what, Path(written)) for pid, what in self._people_made])

    @staticmethod
    def _disclosing(form: ReportForm) -> list[tuple[int | None, str]]:
        """Whose data the form's report holds: one person, a group (None), or no one (the summary's counts)."""
        if isinstance(form, ParticipantForm):
            return [(form.participant_id(), "participant_report")]
        return [(None, _GROUP_REPORTS[form.key])] if form.key in _GROUP_REPORTS else []

    def _disclosed(self, reports: list[tuple[int | None, str, Path | str]]) -> None:
        """An audit entry for each report with personal data that left the program: (person, what, file or
        printer)."""
        if not reports:
            return
        from reintegra.services import audit

        try:
            with self.context.unit() as session:
                actor = self.context.actor(session)
                for pid, what, target in reports:
                    audit.record_disclosure(session, actor, pid, what, target)
        except ReintegraError as error:
            self.say(error.message, error=True)

    # -- everyone active ------------------------------------------------------------------------

    def _progress(self, total: int) -> QProgressDialog:
        dialog = QProgressDialog(_("Making the reports…"), _("Cancel"), 0, total, self)
        dialog.setWindowTitle(_("Reports for all active participants"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        return dialog

    def _bulk_pdf(self, session, form: BulkForm) -> bytes:
        from reintegra.reports.participant import Cancelled as ReportCancelled
        from reintegra.reports.participant import participants_report

        notes_from, notes_to = form.notes_period()
        people = form.people(session)
        if not people:
            raise ValidationError("participants", _("Nobody is active today."))
        self._people_made = [(pid, "participant_report") for pid, _name in people]
        dialog = self._progress(len(people))

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            return participants_report(session, [pid for pid, _name in people], notes_from=notes_from,
                                       notes_to=notes_to, progress=progress, actor=self.context.actor(session))
        except ReportCancelled:
            raise Cancelled from None
        finally:
            dialog.close()

    def _save_per_person(self, form: BulkForm) -> None:
        from reintegra.reports import outputs

        try:
            notes_from, notes_to = form.notes_period()
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        folder = self.ask_folder()
        if not folder:
            return
        with self.context.read() as session:
            people = form.people(session)
            if not people:
                self.say(_("Nobody is active today."), error=True)
                return
            actor = self.context.actor(session)
            dialog = self._progress(len(people))
            written, saved_files = 0, []
            try:
                for pid, name in people:
                    dialog.setLabelText(name)
                    QApplication.processEvents()
                    if dialog.wasCanceled():
                        break
                    target = Path(folder) / outputs.participant_file_name(name, pid)
                    outputs.save_participant(session, pid, target, notes_from=notes_from, notes_to=notes_to,
                                             actor=actor)
                    saved_files.append((pid, "participant_report", target))
                    written += 1
                    dialog.setValue(written)
            except (ReintegraError, OSError) as error:
                message = error.message if isinstance(error, ReintegraError) else file_error_message(error)
                self.say(message, error=True)
                return
            finally:
                dialog.close()
                self._disclosed(saved_files)  # the files written, even when a later one failed
        if written < len(people):
            self.say(_("Stopped: {done} of {total} reports saved in {folder}.").format(
                done=written, total=len(people), folder=folder))
        else:
            self.say(ngettext("{count} report saved in {folder}.", "{count} reports saved in {folder}.",
                              written).format(count=written, folder=folder))
