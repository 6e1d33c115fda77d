"""Writing a progress note about one participant: the form, and a dialog around it.

The notes tab embeds ``NoteForm``; the daily log opens ``NoteDialog`` for the chosen person.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from reintegra.db.enums import NoteCategory
from reintegra.i18n import _
from reintegra.services import notes, participants, placements
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.validation import Checks
from reintegra.services.labels import choices
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form


class NoteForm(Form):
    """Date, category and text of a new note; ``save`` writes it through the notes service."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id: int | None = None
        self.day = self.add("day", _("&Date:"), DateField(date.today()))
        self.category = self.add("category", _("&Category:"), QComboBox())
        for category, text in choices(NoteCategory):
            self.category.addItem(text, category)
        self.text = self.add("text", _("&Text:"), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("What did you observe? What has changed?"))
        self.text.setMinimumHeight(90)
        self.live(self.check)

    def chosen_category(self) -> NoteCategory:
        return NoteCategory(self.category.currentData())  # Qt hands str-enum data back as plain str

    def reset(self) -> None:
        """Ready for the next note: today, the same category, no text."""
        self.day.set_date(date.today())
        self.text.clear()
        self.clear_errors()

    def check(self) -> None:
        """Raises every error of what is typed: the date as typed, then the notes service's rules."""
        checks = Checks()
        day = None
        with checks.field():
            day = self.day.date("day", required=True)
        if self.participant_id is not None:
            with checks.field():
                with self.context.read() as session:
                    notes.check_note(session, self.participant_id, day, self.text.toPlainText(),
                                     actor=self.context.actor(session))
        checks.raise_any()

    def save(self) -> int | None:
        """Adds the note; returns its id, or None after showing why it could not be added.

        The note belongs to the workshop the participant was placed in on its date, if any.
        """
        self.clear_errors()
        try:
            self.check()
        except ValidationError as error:
            if not self.show_error(error):
                messages.error(self, error.message)
            return None
        except ReintegraError:
            pass  # the save below says it
        day = self.day.date("day", required=True)
        participant_id, category, text = self.participant_id, self.chosen_category(), self.text.toPlainText()

        def add(session, actor) -> int:
            placement = placements.current_placement(session, participant_id, day, actor=actor)
            return notes.add_note(session, participant_id, day, category, text,
                                  workshop_id=placement.workshop_id if placement else None, actor=actor).id

        note_id = save(self, add, show_error=self.show_error)
        return note_id if saved(note_id) else None


class NoteDialog(QDialog):
    """A new progress note about ``participant_id``; ``saved_id`` is the note's id after accept()."""

    def __init__(self, context: AppContext, participant_id: int, *, category: NoteCategory | None = None,
                 parent=None):
        super().__init__(parent)
        self.saved_id: int | None = None
        with context.read() as session:
            name = participants.get_participant(session, participant_id, actor=context.actor(session)).full_name
        self.setWindowTitle(_("Progress note about {name}").format(name=name))
        self.setMinimumWidth(520)
        self.form = NoteForm(context)
        self.form.participant_id = participant_id
        if category is not None:
            self.form.category.setCurrentIndex(max(0, self.form.category.findData(category)))
        self.form.text.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Add note"))
        self.save_button.setToolTip(_("Add the note (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.text.setFocus()

    def save(self) -> None:
        saved = self.form.save()
        if saved is not None:
            self.saved_id = saved
            self.accept()
