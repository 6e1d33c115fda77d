"""The participant's personal data tab: the admission form, editable, saved with Ctrl+S."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import participants
from reintegra.services.errors import NotFoundError, PermissionDenied, ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.pages.participant_tabs.base import ParticipantTab
from reintegra.ui.icons import icon
from reintegra.ui.dialogs.cis_clock import ExtendDialog, TrialMonthDialog
from reintegra.ui.widgets.cis_clock_box import CisClockBox
from reintegra.ui.widgets.participant_form import ParticipantForm

FORM_WIDTH = 1100


class PersonalTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.may_edit = context.can(Role.DIRECTOR)
        self._version: int | None = None
        self._saved_state: dict[str, Any] = {}

        self.form = ParticipantForm()
        self.form.setMaximumWidth(FORM_WIDTH)
        self.form.set_read_only(not self.may_edit)
        self.form.edited.connect(self._edited)
        self.form.live(self.check)
        # CIS/KIS: the trial month and the period of participation, changed through their dialogs.
        self.clock = CisClockBox(self.may_edit)
        self.clock.setMaximumWidth(FORM_WIDTH)
        self.clock.trial_asked.connect(self.record_trial)
        self.clock.extend_asked.connect(self.extend)
        # Under the form's two columns, above the remarks (the form ends with a stretch).
        self.form.layout().insertWidget(1, self.clock)
        body = QWidget()
        column = QHBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.form, 1)
        column.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        accessible.name(scroll, _("Personal data"))
        self.scroll = scroll

        self.note = QLabel()
        self.note.setObjectName("personal-note")
        self.note.setProperty("role", "hint")
        self.save_button = QPushButton(icon("save"), _("Save"))
        self.save_button.setShortcut(QKeySequence.Save)
        self.save_button.setToolTip(_("Save the personal data (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.setVisible(self.may_edit)
        self.save_button.clicked.connect(self.save)
        # Under the form's right edge, not at the far side of a wide screen.
        bar = QWidget()
        bar.setMaximumWidth(FORM_WIDTH)
        buttons = QHBoxLayout(bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        bottom = QHBoxLayout()
        bottom.addWidget(bar, 1)
        bottom.addStretch(0)
        if not self.may_edit:
            self.note.setText(_("Only a director can change the personal data."))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        """Shows the saved data; what was typed and not saved for the same person stays."""
        typed = self.form.state() if participant_id == self.participant_id and self.is_dirty() else None
        previous = self._saved_state
        self.participant_id = participant_id
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, participant_id, actor=self.context.actor(session))
                values, version = ParticipantFields.of(person), person.version
                self.clock.show_stay(person)
        except (NotFoundError, PermissionDenied) as error:
            self._version = None
            self._saved_state = {}
            self.setEnabled(False)
            self.note.setText(error.message)
            return
        self.setEnabled(True)
        self._version = version
        self.form.set_values(values)
        self._saved_state = self.form.state()
        if typed is not None:
            # Another tab saved (e.g. the exit): fields typed here win, the others show the new data.
            merged = {field: typed[field] if typed[field] != previous.get(field) else saved
                      for field, saved in self._saved_state.items()}
            self.form.set_state(merged)
        self._edited()

    def focus_field(self, field: str) -> None:
        """Scrolls to a field and puts the cursor in it (the start page sends people here)."""
        editor = self.form.editors.get(field)
        if editor is None:
            return
        self.scroll.ensureWidgetVisible(editor, 50, 80)
        editor.setFocus()
        if hasattr(editor, "selectAll"):
            editor.selectAll()

    # -- the CIS clock -----------------------------------------------------------------------

    def record_trial(self) -> bool:
        """The trial month's dialog (also where the start page's "record the trial decision" leads)."""
        if not self.may_edit or self.participant_id is None:
            return False
        self.scroll.ensureWidgetVisible(self.clock)
        return self.open_dialog_in_tab(self.make_dialog(
            lambda: TrialMonthDialog(self.context, self.participant_id, parent=self)))

    def extend(self) -> bool:
        if not self.may_edit or self.participant_id is None:
            return False
        return self.open_dialog_in_tab(self.make_dialog(
            lambda: ExtendDialog(self.context, self.participant_id, parent=self)))

    def is_dirty(self) -> bool:
        return bool(self._saved_state) and self.form.state() != self._saved_state

    def _edited(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(self.may_edit and dirty)
        if self.may_edit:
            self.note.setText(_("Unsaved changes") if dirty else "")

    # -- changing ----------------------------------------------------------------------------

    def check(self, values: ParticipantFields) -> None:
        """What saving would refuse in ``values`` (the service's own check, writing nothing)."""
        if self.participant_id is None:
            return
        with self.context.read() as session:
            participants.check_update(session, self.participant_id, values, actor=self.context.actor(session))

    def save(self) -> bool:
        if not self.may_edit or self.participant_id is None or not self.is_dirty():
            return False
        self.form.clear_errors()
        try:
            values = self.form.values()
        except ValidationError:  # a date that is not one: beside its field, with the rest, before any saving
            try:
                self.form.check(self.check)
            except ValidationError as error:
                if not self.form.show_error(error):
                    messages.error(self, error.message)
            return False
        version = self._version
        if not self.save_form(lambda session, actor: participants.update(
                session, self.participant_id, version, values, actor=actor),
                show_error=self.form.show_error, reload=self.discard):
            return False
        self.note.setText(_("Saved."))
        return True

    def after_save(self) -> None:
        self.discard()
        self.changed.emit()

    def discard(self) -> None:
        """Drops what was typed and shows the saved data again."""
        self._saved_state = {}
        if self.participant_id is not None:
            self.load(self.participant_id)

    # -- input not saved yet (ui/unsaved.py: asked before signing out) -----------------------

    def has_unsaved_input(self) -> bool:
        return self.may_edit and self.is_dirty()

    def save_input(self) -> bool:
        return self.save()

    def discard_input(self) -> None:
        self.discard()

    def input_name(self) -> str:
        return _("The personal data form of a participant")
