"""Placing a participant in a workshop, moving them to another, ending a placement."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from reintegra.db.models import Placement
from reintegra.services.validation import max_length
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import participants, placements, workshops
from reintegra.services.errors import ValidationError, ValidationErrors, every_error
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save, save_in_dialog, saved
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class PlacementDialog(QDialog):
    """Places a participant (``moving`` False) or moves them from their current workshop.

    Below the workshop it shows the places taken on the start date, as the workshop or the date
    changes; a placement that goes over the capacity is asked about (once the rest is valid) and
    written only when confirmed.
    After ``accept()``, ``warnings`` holds what the service warned about that the user was not
    already asked about (e.g. the workshop filled up on another computer meanwhile).
    """

    def __init__(self, context: AppContext, participant_id: int, *, moving: bool = False,
                 current_workshop_id: int | None = None, today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.moving = moving
        self.warnings: list[str] = []
        self._capacity_confirmed: list[str] = []
        self._question: OverCapacity | None = None
        today = today or date.today()
        with context.read() as session:
            name = participants.get_participant(session, participant_id, actor=context.actor(session)).full_name
            choices = [row for row in workshops.list_workshops(session, on=today, include_inactive=False)
                       if row.id != current_workshop_id]
        if moving:
            self.setWindowTitle(_("Move {name} to another workshop").format(name=name))
        else:
            self.setWindowTitle(_("Place {name} in a workshop").format(name=name))
        self.setMinimumWidth(500)

        self.form = Form()
        self.workshop = self.form.add("workshop", _("&Workshop:"), QComboBox())
        for row in choices:
            self.workshop.addItem(workshop_text(row), row.id)
        self.start_date = self.form.add("start_date", _("&From:"), DateField(today))
        self.occupancy = QLabel()
        self.occupancy.setObjectName("placement-occupancy")
        self.occupancy.setProperty("role", "hint")
        self.occupancy.setWordWrap(True)
        self.workshop.parentWidget().layout().addWidget(self.occupancy)  # right below the workshop
        self.end_date = self.form.add("end_date", _("&Until:"), DateField())
        self.end_date.setToolTip(_("Leave empty when the placement has no planned end."))
        self.note = self.form.add("note", _("&Note:"), QLineEdit())
        self.note.setMaxLength(max_length(Placement, "note"))
        self.note.setPlaceholderText(_("Optional, e.g. a trial month"))
        if moving:
            for field in ("end_date", "note"):
                self.form.layout_.setRowVisible(self.form.editor(field).parentWidget(), False)
        explanation = QLabel(_("The current placement ends the day before the new one starts.") if moving else "")
        explanation.setProperty("role", "hint")
        explanation.setWordWrap(True)
        explanation.setVisible(moving)
        self.no_workshops = QLabel(_("There is no other active workshop. Add one on the Workshops page first."))
        self.no_workshops.setProperty("role", "hint")
        self.no_workshops.setWordWrap(True)
        self.no_workshops.setVisible(not choices)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Move") if moving else _("Place"))
        self.save_button.setEnabled(bool(choices))
        self.form.live(self.check)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_workshops)
        layout.addWidget(self.form)
        layout.addWidget(explanation)
        layout.addWidget(buttons)
        self.workshop.currentIndexChanged.connect(self._show_occupancy)
        self.start_date.textChanged.connect(self._show_occupancy)
        self._show_occupancy()

    def _start(self) -> date | None:
        try:
            return self.start_date.date("start_date")
        except ValidationError:
            return None

    def _show_occupancy(self, *_args) -> None:
        """The places taken in each workshop on the start date (in the list and, for the chosen one,
        below it); nothing below while the date is not a date."""
        start, workshop_id = self._start(), self.workshop.currentData()
        if start is None or workshop_id is None:
            self.occupancy.setText("")
            self.occupancy.setVisible(False)
            return
        with self.context.read() as session:
            rows = {row.id: row for row in workshops.list_workshops(session, on=start, include_inactive=False)}
        for index in range(self.workshop.count()):
            row = rows.get(self.workshop.itemData(index))
            if row is not None:
                self.workshop.setItemText(index, workshop_text(row))
        chosen = rows.get(workshop_id)
        if chosen is None:
            self.occupancy.setVisible(False)
            return
        full = chosen.placed >= chosen.capacity
        self.occupancy.setText(occupancy_text(chosen.placed, chosen.capacity, start))
        self.occupancy.setStyleSheet(f"color: {OVER_CAPACITY_COLOR}; font-weight: 600;" if full else "")
        self.occupancy.setVisible(True)

    def check(self) -> None:
        """Raises every error of what is typed: dates that are not dates, then the placement rules
        (the capacity is asked about only after these pass)."""
        typed = Typed()
        start = typed.read(lambda: self.start_date.date("start_date", required=True))
        end = None if self.moving else typed.read(lambda: self.end_date.date("end_date"))
        with self.context.read() as session:
            if self.moving:
                typed.rule(placements.check_move, session, self.participant_id, self.workshop.currentData(), start,
                           actor=self.context.actor(session))
            else:
                typed.rule(placements.check_placement, session, self.participant_id, self.workshop.currentData(),
                           start, end_date=end, note=self.note.text(), actor=self.context.actor(session))
        if self.moving:  # a move has only the one date
            typed.checks.errors = [ValidationError("start_date", error.message) if error.field == "end_date"
                                   else error for error in typed.checks.errors]
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        workshop_id = self.workshop.currentData()
        start = self.start_date.date("start_date", required=True)
        end = None if self.moving else self.end_date.date("end_date")
        participant_id, moving, note = self.participant_id, self.moving, self.note.text()
        confirmed = self._capacity_confirmed

        def write(session, actor):
            if moving:
                result = placements.move(session, participant_id, workshop_id, start, actor=actor)
            else:
                result = placements.place(session, participant_id, workshop_id, start, end_date=end, note=note,
                                          actor=actor)
            check_capacity_confirmed(result.warnings, confirmed)
            return result

        def show_error(error: ValidationError) -> bool:
            if isinstance(error, OverCapacity):
                self._question = error  # asked below, once the unit of work is rolled back
                return True
            # A move has only the one date: whatever the service says about the old placement's end
            # is about that date.
            if moving:
                error = ValidationErrors([ValidationError("start_date", one.message) if one.field == "end_date"
                                          else one for one in every_error(error)])
            if not self.form.show_error(error):
                messages.error(self, error.message)
            return True

        self._question = None
        result = save(self, write, show_error=show_error)
        if self._question is not None:
            if messages.confirm(self, "\n\n".join([*self._question.warnings,
                                                    _("Move anyway?") if moving else _("Place anyway?")]),
                                yes=_("Move anyway") if moving else _("Place anyway")):
                self._capacity_confirmed = self._question.warnings
                self.save()
            return
        if saved(result):
            self.warnings = [text for text in result.warnings if text not in confirmed]
            self.accept()


class OverCapacity(ValidationError):
    """Raised inside a unit of work that would overfill a workshop the user has not confirmed: it is
    rolled back (nothing written), the user is asked, and the save runs again if they confirm. Asked
    after the service took everything else: a question comes only once the input is valid."""

    def __init__(self, warnings: list[str]):
        super().__init__("workshop", "\n".join(warnings))
        self.warnings = warnings


def check_capacity_confirmed(warnings: list[str], confirmed: list[str]) -> None:
    """OverCapacity when the service warned of something the user has not confirmed (the text names
    the places taken: if another computer placed someone meanwhile, it is asked again)."""
    unasked = [text for text in warnings if text not in confirmed]
    if unasked:
        raise OverCapacity(unasked)


def workshop_text(row: workshops.WorkshopRow) -> str:
    return ngettext("{name} ({placed} of {capacity} place taken)", "{name} ({placed} of {capacity} places taken)",
                    row.capacity).format(name=row.name, placed=row.placed, capacity=row.capacity)


OVER_CAPACITY_COLOR = "#b3261e"


def over_capacity_text(over: int) -> str:
    return ngettext("{count} participant over capacity.", "{count} participants over capacity.",
                    over).format(count=over)


def occupancy_text(placed: int, capacity: int, on: date) -> str:
    """"Taken on 08.01.2024: 4 of 6 places" (the places taken in a workshop on a day)."""
    return ngettext("Taken on {date}: {placed} of {capacity} place", "Taken on {date}: {placed} of {capacity} places",
                    capacity).format(date=format_date(on), placed=placed, capacity=capacity)


class EndPlacementDialog(QDialog):
    """Sets the last day of one placement; ``conflict`` is True when another PC changed it first."""

    def __init__(self, context: AppContext, placement_id: int, version: int, workshop: str, start: date,
                 end: date | None = None, *, today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.placement_id = placement_id
        self.version = version
        self.conflict = False
        today = today or date.today()
        self.setWindowTitle(_("End placement"))
        self.setMinimumWidth(440)
        about = QLabel(_("Placement in {workshop} since {date}.").format(workshop=workshop, date=format_date(start)))
        about.setWordWrap(True)
        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.end_date = self.form.add("end_date", _("&Last day:"), DateField(end or max(today, start)))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("End placement"))
        self.form.live(self.check)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def check(self) -> None:
        typed = Typed()
        end = typed.read(lambda: self.end_date.date("end_date", required=True))
        with self.context.read() as session:
            typed.rule(placements.check_end, session, self.placement_id, end, actor=self.context.actor(session))
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        end = self.end_date.date("end_date", required=True)
        placement_id, version = self.placement_id, self.version
        save_in_dialog(self, self.form.show_error, lambda session, actor: placements.end_placement(
            session, placement_id, version, end, actor=actor))
