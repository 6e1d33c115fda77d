"""The workshop's day log (what the group did that day), saved as you type.

A second after the last key, when the editor loses focus, and before another day or workshop
is shown (``save_now``), the text goes through ``attendance.save_day_log``: there is no Save
button to forget.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reintegra.i18n import _
from reintegra.services import attendance
from reintegra.ui.saving import save, saved
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.form import ERROR_STYLE

SAVE_AFTER_MS = 1000


class _LogText(QPlainTextEdit):
    left = Signal()
    escaped = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class DayLogEditor(QWidget):
    escaped = Signal()  # Esc in the text: back to the grid

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.workshop_id: int | None = None
        self.day: date | None = None
        self.version: int | None = None
        self.dirty = False
        self._loading = False
        self.title = QLabel(_("What the group did"))
        self.title.setProperty("role", "section-title")
        self.text = _LogText()
        self.text.setObjectName("day-log-text")
        accessible.name(self.text, self.title.text())
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("Activities, topics, outings, anything worth remembering about the day."))
        self.text.setToolTip(_("Saved automatically as you type (Ctrl+L goes here, Esc back to the list)"))
        self.state = QLabel()
        self.state.setObjectName("day-log-state")
        self.state.setProperty("role", "hint")
        self.state.setWordWrap(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save_now)
        self.text.textChanged.connect(self._typed)
        self.text.left.connect(self.save_now)
        self.text.escaped.connect(self.escaped)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.state)

    def load(self, workshop_id: int, day: date, text: str, version: int | None, editable: bool) -> None:
        """Shows the saved log of that workshop and day (save whatever is pending first: ``save_now``)."""
        self.timer.stop()
        self.workshop_id, self.day, self.version, self.dirty = workshop_id, day, version, False
        self._loading = True
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)
        self._loading = False
        self.set_editable(editable)
        self._show_state(_("Saved automatically as you type.") if editable else "")

    def set_editable(self, editable: bool) -> None:
        self.text.setReadOnly(not editable)
        self.text.setPlaceholderText(
            _("Activities, topics, outings, anything worth remembering about the day.") if editable else "")

    def _typed(self) -> None:
        if self._loading or self.workshop_id is None:
            return
        self.dirty = True
        self._show_state(_("Not saved yet…"))
        self.timer.start()

    def save_now(self) -> bool:
        """Writes the text if it changed; False when it could not be saved (the reason is shown)."""
        self.timer.stop()
        if not self.dirty or self.workshop_id is None:
            return True
        workshop_id, day, text, version = self.workshop_id, self.day, self.text.toPlainText(), self.version
        outcome: list[bool] = []
        log = save(self, lambda session, actor: attendance.save_day_log(
            session, workshop_id, day, text, expected_version=version, actor=actor),
            say=lambda reason: self._show_state(_("Not saved: {reason}").format(reason=reason), error=True),
            on_conflict=lambda error: outcome.append(self._conflict(error)))
        if not saved(log):  # the text stays here (and dirty), saved on the next try
            return bool(outcome) and outcome[0]
        self.version = log.version
        self.dirty = False
        self._show_state(_("Saved at {time}.").format(time=datetime.now().strftime("%H:%M")))
        return True

    def _conflict(self, error) -> bool:
        """Someone else saved this day's log meanwhile: take theirs, or keep ours and write it over."""
        with self.context.read() as session:
            saved = attendance.day_log(session, self.workshop_id, self.day, actor=self.context.actor(session))
            theirs, version = (saved.text, saved.version) if saved else ("", None)
        if messages.conflict(self, error.message):
            self.load(self.workshop_id, self.day, theirs, version, not self.text.isReadOnly())
            return True
        self.version = version  # the person saw the other text and chose to keep theirs: it is saved over it
        self._show_state(_("Not saved: the log was changed on another computer. Your text replaces it "
                           "when it is saved next."), error=True)
        return False

    # -- input not saved yet (ui/unsaved.py: asked before signing out) -----------------------

    def has_unsaved_input(self) -> bool:
        return self.dirty and self.workshop_id is not None and not self.text.isReadOnly()

    def save_input(self) -> bool:
        return self.save_now() and not self.dirty

    def discard_input(self) -> None:
        """Drops the text not saved yet and shows the saved log again."""
        with self.context.read() as session:
            log = attendance.day_log(session, self.workshop_id, self.day, actor=self.context.actor(session))
        self.load(self.workshop_id, self.day, log.text if log else "", log.version if log else None,
                  not self.text.isReadOnly())

    def input_name(self) -> str:
        return _("The day log of a workshop")

    def _show_state(self, text: str, *, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(ERROR_STYLE if error else "")
