"""What every participant tab shares: ``load(participant_id)``, the ``changed`` signal, running its
dialogs and its changes through ui/saving.py, and reloading after a save or a conflict."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from reintegra.services.errors import ReintegraError
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.saving import RunsDialogs, Work, change_in_tab, save, saved


class ParticipantTab(RunsDialogs, QWidget):
    """A tab of one participant's page; a subclass shows its part of the record in ``load``."""

    changed = Signal()  # the tab saved something: the other tabs and the list reload

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id: int | None = None

    def load(self, participant_id: int) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Shows what is saved now for the same person."""
        if self.participant_id is not None:
            self.load(self.participant_id)

    def after_save(self) -> None:
        self.reload()
        self.changed.emit()

    # -- changing ----------------------------------------------------------------------------

    def make_dialog(self, make: Callable[[], QDialog]) -> QDialog | None:
        """``make()``, or None when what it opens is gone meanwhile (said, and the tab reloaded)."""
        try:
            return make()
        except ReintegraError as error:
            messages.error(self, error.message)
            self.reload()
            return None

    def open_dialog_in_tab(self, dialog: QDialog | None, *,
                           on_saved: Callable[[QDialog], None] | None = None) -> bool:
        """Runs ``dialog``; saved → ``on_saved(dialog)``, reloaded and ``changed``; closed after a conflict →
        reloaded. True when saved."""
        if dialog is None:
            return False

        def after(was_saved: bool) -> None:
            if was_saved and on_saved is not None:
                on_saved(dialog)
            self.reload()
            if was_saved:
                self.changed.emit()

        return self.open_dialog(dialog, after=after)

    def change(self, work: Work) -> bool:
        """A change without a form (delete, reopen …): saved → reloaded and ``changed``."""
        if change_in_tab(self, work):
            self.after_save()
            return True
        return False

    def save_form(self, work: Work, *, show_error: Callable[[Any], bool], reload: Callable[[], None] | None = None
                  ) -> bool:
        """Saves what a form of the tab holds; refused → the form keeps it (a conflict may reload)."""
        if saved(save(self, work, show_error=show_error, reload=reload or self.reload)):
            self.after_save()
            return True
        return False
