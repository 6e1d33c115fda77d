"""Putting someone on the waiting list: the admit dialog's form without the admission, the planned end and
the first workshop (``participants.add_applicant``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reintegra.i18n import _
from reintegra.services import facility, participants
from reintegra.services.errors import ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.saving import save, saved

# What an applicant does not have yet.
NOT_YET = ("admission_date", "planned_end_date", "workshop")


class ApplicantDialog(AdmitDialog):
    """A new applicant who applied today (or on the date typed); ``saved_id`` after accept()."""

    def __init__(self, context: AppContext, parent=None, *, today: date | None = None):
        super().__init__(context, parent, today=today)
        self.setWindowTitle(_("Add applicant"))
        self.save_button.setText(_("Add to the waiting list"))
        with context.read() as session:
            programme = facility.get_facility(session).kind
        self.form.set_values(ParticipantFields(programme=programme, application_date=today or date.today()))
        layout = self.form.sections["participation"].layout_
        for field in NOT_YET:
            layout.setRowVisible(self.form.editors[field].parentWidget(), False)  # the row's holder (Form.add)
        self.form.editors["first_name"].setFocus()

    required = ("application_date",)

    def check(self, values: ParticipantFields) -> None:
        super().check(replace(values, admission_date=None))

    def save(self) -> None:
        self.form.clear_errors()
        self.saved_id, self.warnings = None, []
        values, wrong_dates = self.form.read()
        if wrong_dates:
            self._show_every_error()
            return

        def show_error(error: ValidationError) -> bool:
            if not self.form.show_error(error):
                messages.error(self, error.message)
            return True

        result = save(self, lambda session, actor: participants.add_applicant(session, values, actor=actor).id,
                      show_error=show_error)
        if saved(result):
            self.saved_id = result
            self.accept()
