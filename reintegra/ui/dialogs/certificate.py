"""Issuing a completion certificate to a CIS/KIS leaver: the draft shown (period, workshops with days
and hours), the skills acquired edited, the date of issue; "Issue and save PDF…" or "Issue and
print…" takes the register's next number and hands the certificate to certificate_print.py.

``issued`` holds the register's certificate (id, number) once issued: the dialog is then accepted,
even if the file or the printer failed — the certificate is in the register and the exit tab prints
it again.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from reintegra.db.enums import Sex
from reintegra.i18n import _, format_date, format_number, ngettext, pgettext
from reintegra.services import certificates
from reintegra.services.certificates import CertificateDraft, CertificateFields, WorkshopHours
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.pages.participant_tabs import certificate_print
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form

SKILLS_HEIGHT = 150


class CertificateDialog(QDialog):
    def __init__(self, context: AppContext, draft: CertificateDraft, *, today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.draft = draft
        self.today = today or date.today()
        self.issued: tuple[int, str] | None = None
        self.conflict = False
        self.setWindowTitle(_("Completion certificate for {name}").format(name=draft.holder))
        self.setMinimumWidth(600)
        about = QLabel(_took_part(draft.sex).format(name=draft.holder, start=format_date(draft.period_start),
                                                    end=format_date(draft.period_end)))
        about.setWordWrap(True)
        about.setProperty("role", "hint")

        self.workshops = RowsModel([
            Column(_("Workshop"), lambda row: row.name),
            Column(_("Period"), lambda row: row.start, display=_period),
            Column(_("Days present"), lambda row: row.days, align_right=True),
            Column(_("Hours"), lambda row: row.hours, display=lambda row: format_number(row.hours), align_right=True),
        ], self)
        self.workshops.set_rows(list(draft.workshops))
        self.table = QTableView()
        accessible.name(self.table, _("Workshops and hours"))
        self.table.setModel(self.workshops)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        rows = max(1, len(draft.workshops))
        self.table.setFixedHeight(header.sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize()
                                  + 4)
        self.total = QLabel(_total_text(draft))
        self.total.setObjectName("certificate-total")

        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.issued_on = self.form.add("issued_on", _("Date of &issue:"), DateField(self.today))
        self.skills = self.form.add("skills", _("&Skills acquired:"), QPlainTextEdit())
        self.skills.setTabChangesFocus(True)
        self.skills.setPlainText(draft.skills)
        self.skills.setFixedHeight(SKILLS_HEIGHT)
        self.skills.setToolTip(_("Prefilled from the goals achieved and the latest assessment; edit it as it should "
                                 "be printed."))

        # Made in the order they stand (left to right), so that Tab follows them.
        self.save_button = QPushButton(_("Issue and &save PDF…"))
        self.print_button = QPushButton(_("Issue and &print…"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.issue_and_save)
        self.print_button.clicked.connect(self.issue_and_print)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table)
        layout.addWidget(self.total)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.skills.setFocus()

    def fields(self) -> CertificateFields:
        return CertificateFields(self.skills.toPlainText())

    def check(self) -> date | None:
        """The date typed, once the service would issue with it; None (and the refusal shown) otherwise."""
        self.form.clear_errors()
        try:
            issued_on = self.issued_on.date("issued_on", required=True)
            with self.context.read() as session:
                certificates.check_certificate(session, self.draft.participant_id, self.fields(), issued_on=issued_on,
                                               actor=self.context.actor(session), today=self.today)
        except ValidationError as error:
            if not self.form.show_error(error):
                messages.error(self, error.message)
            return None
        except ReintegraError as error:
            messages.error(self, error.message)
            return None
        return issued_on

    def issue(self, issued_on: date) -> bool:
        """Takes the next number; True when issued (``issued`` set)."""
        fields, participant_id, today = self.fields(), self.draft.participant_id, self.today

        def work(session, actor):
            made = certificates.issue_certificate(session, participant_id, fields, issued_on=issued_on, actor=actor,
                                                  today=today)
            return made.id, certificates.number_of(made.year, made.sequence)

        result = save(self, work, show_error=self.form.show_error)
        if not saved(result):
            return False
        self.issued = result
        return True

    def issue_and_save(self) -> None:
        issued_on = self.check()
        if issued_on is None:
            return
        path = certificate_print.ask_path(self, certificate_print.suggested_name(self.draft.holder))
        if not path or not self.issue(issued_on):
            return
        certificate_id, _number = self.issued
        certificate_print.write_certificate(self, self.context, certificate_id, self.draft.participant_id, path)
        self.accept()

    def issue_and_print(self) -> None:
        issued_on = self.check()
        if issued_on is None or not self.issue(issued_on):
            return
        certificate_id, _number = self.issued
        certificate_print.print_certificate(self, self.context, certificate_id, self.draft.participant_id)
        self.accept()


def _period(row: WorkshopHours) -> str:
    if row.start is None:
        return "—"
    return _("{first} – {last}").format(first=format_date(row.start), last=format_date(row.end))


def _total_text(draft: CertificateDraft) -> str:
    days = sum(row.days for row in draft.workshops)
    return ngettext("In all: {days} day present, {hours} hours", "In all: {days} days present, {hours} hours",
                    days).format(days=format_number(days), hours=format_number(draft.total_hours))


def _took_part(sex: Sex | None) -> str:
    """The hint in the holder's grammatical gender (Polish: uczestniczyła / uczestniczył)."""
    if sex is Sex.FEMALE:
        return pgettext("said of a woman", "{name} took part from {start} to {end}. The certificate gets the register's "
                        "next number when you issue it; print it or save it as PDF then, and print it again later "
                        "from this tab.")
    if sex is Sex.MALE:
        return pgettext("said of a man", "{name} took part from {start} to {end}. The certificate gets the register's "
                        "next number when you issue it; print it or save it as PDF then, and print it again later "
                        "from this tab.")
    return _("{name} took part from {start} to {end}. The certificate gets the register's next number when you issue "
             "it; print it or save it as PDF then, and print it again later from this tab.")
