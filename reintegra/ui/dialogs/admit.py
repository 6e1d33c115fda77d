"""Admitting a participant: the personal data form and, optionally, the first workshop.

A PESEL of a person whose stays have all ended is not admitted again but readmitted (a new stay of
the same person): the dialog offers it. Opened with ``readmit_from`` (a stay of the person), it is
the readmission itself, pre-filled with the person's data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout

from reintegra.i18n import _
from reintegra.services import facility, participants, placements, waiting_list, workshops
from reintegra.services.errors import ValidationError, ValidationErrors, every_error
from reintegra.services.participants import ParticipantFields, ReadmissionOffered
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.placement import OverCapacity, check_capacity_confirmed, workshop_text
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.participant_form import ParticipantForm

PREFERRED_SIZE = (1100, 900)


class AdmitDialog(QDialog):
    """A new participant admitted today (or on the date typed); ``saved_id`` after accept().

    Admission and first placement are written in one unit of work: either both or nothing.
    ``warnings`` holds what the placement service warned about (capacity).
    """

    def __init__(self, context: AppContext, parent=None, *, today: date | None = None,
                 readmit_from: int | None = None, applicant_id: int | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.warnings: list[str] = []
        self.readmit_from = readmit_from
        self._readmit_known = False
        self._offered: ReadmissionOffered | OverCapacity | None = None
        self._capacity_confirmed: list[str] = []
        # Admitting someone from the waiting list: their data filled in, the same row admitted.
        self.applicant_id = applicant_id
        self.conflict = False
        self.setWindowTitle(_("Readmit participant") if readmit_from else _("Admit participant")
                            if applicant_id is None else _("Admit from the waiting list"))
        with context.read() as session:
            values = ParticipantFields(programme=facility.get_facility(session).kind)
            if applicant_id is not None:
                applicant = participants.get_participant(session, applicant_id, actor=context.actor(session))
                values, self.version = ParticipantFields.of(applicant), applicant.version
            choices = workshops.list_workshops(session, on=today or date.today(), include_inactive=False)
            if readmit_from is not None:
                last = participants.get_participant(session, readmit_from, actor=context.actor(session))
                values = replace(ParticipantFields.of(last), application_date=None, planned_end_date=None, notes="")

        self.form = ParticipantForm()
        self.form.set_values(replace(values, admission_date=today or date.today()))
        self.workshop = QComboBox()
        self.workshop.addItem(_("Place later"), None)
        for row in choices:
            self.workshop.addItem(workshop_text(row), row.id)
        self.workshop.setToolTip(_("The participant is placed in this workshop from the admission date."))
        self.form.add_row("participation", "workshop", _("First &workshop:"), self.workshop)
        # The places taken are those on the admission date, as it is typed.
        self.form.editors["admission_date"].textChanged.connect(self._show_occupancy)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.form)
        accessible.name(scroll, _("Personal data"))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Readmit") if readmit_from else _("Admit"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self._fit_screen(scroll)
        self.form.editors["first_name"].setFocus()
        self.form.live(self.check)

    def check(self, values: ParticipantFields) -> None:
        """What saving would refuse in ``values`` (the service's own check, writing nothing)."""
        with self.context.read() as session:
            participants.check_fields(session, values, participant_id=self.readmit_from or self.applicant_id,
                                      required=self.required, readmitting=self.readmit_from is not None,
                                      actor=self.context.actor(session))

    required = ("admission_date",)  # the dates this dialog's save needs

    def _show_every_error(self) -> None:
        """A date that is not one is refused before anything is saved, together with the rest."""
        try:
            self.form.check(self.check)
        except ValidationError as error:
            if not self.form.show_error(error):
                messages.error(self, error.message)

    def _fit_screen(self, scroll: QScrollArea) -> None:
        """As large as the form needs, but never beyond the screen (1366×768 laptops)."""
        screen = (self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen())
        available = screen.availableGeometry()
        needed = self.form.sizeHint()
        width = min(max(PREFERRED_SIZE[0], needed.width() + 60), available.width() - 40)
        height = min(needed.height() + 110, PREFERRED_SIZE[1], available.height() - 60)
        self.resize(width, height)

    def _admission_date(self) -> date | None:
        try:
            return self.form.editors["admission_date"].date("admission_date")
        except ValidationError:
            return None

    def _show_occupancy(self, *_args) -> None:
        on = self._admission_date()
        if on is None:
            return
        with self.context.read() as session:
            rows = {row.id: row for row in workshops.list_workshops(session, on=on, include_inactive=False)}
        for index in range(self.workshop.count()):
            row = rows.get(self.workshop.itemData(index))
            if row is not None:
                self.workshop.setItemText(index, workshop_text(row))

    def _closed_for_reload(self) -> None:
        """The applicant was changed or removed on another computer: the list reloads."""
        self.conflict = True
        self.reject()

    def chosen_workshop(self) -> int | None:
        return self.workshop.currentData()

    def save(self) -> None:
        self.form.clear_errors()
        self.saved_id, self.warnings = None, []
        values, wrong_dates = self.form.read()
        if wrong_dates:
            self._show_every_error()
            return
        workshop_id = self.chosen_workshop()
        confirmed = self._capacity_confirmed

        def write(session, actor) -> tuple[int, list[str]]:
            if self.readmit_from is not None:
                person = participants.readmit(session, values, participant_id=self.readmit_from, actor=actor)
            elif self.applicant_id is not None:
                person = waiting_list.admit_from_list(session, self.applicant_id, self.version, values, actor=actor)
            else:
                person = participants.admit(session, values, actor=actor, readmit_known=self._readmit_known)
            if workshop_id is None:
                return person.id, []
            warnings = placements.place(session, person.id, workshop_id, values.admission_date,
                                        actor=actor).warnings
            check_capacity_confirmed(warnings, confirmed)  # asked below, after a rollback
            return person.id, list(warnings)

        def show_error(error: ValidationError) -> bool:
            if isinstance(error, (ReadmissionOffered, OverCapacity)):
                self._offered = error  # asked below, once the unit of work is over
                return True
            # The placement starts on the admission date: what is wrong with its start is wrong with that date.
            error = ValidationErrors([ValidationError("admission_date", one.message)
                                      if one.field in ("start_date", "end_date") else one
                                      for one in every_error(error)])
            if not self.form.show_error(error):
                messages.error(self, error.message)
            return True

        self._offered = None
        result = save(self, write, show_error=show_error,
                      reload=self._closed_for_reload if self.applicant_id is not None else None)
        if isinstance(self._offered, OverCapacity):
            if messages.confirm(self, "\n\n".join([*self._offered.warnings, _("Place anyway?")]),
                                yes=_("Place anyway")):
                self._capacity_confirmed = self._offered.warnings
                self.save()
            return
        if self._offered is not None and not self._readmit_known:
            if messages.confirm(self, self._offered.message, yes=_("Readmit")):
                self._readmit_known = True
                self.save()
            return
        if not saved(result):
            return
        self.saved_id, warnings = result
        self.warnings = [text for text in warnings if text not in confirmed]
        self.accept()

