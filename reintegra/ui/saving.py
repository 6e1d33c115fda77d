"""Every save and its refusal in one place: one unit of work, and what the user sees when it is refused.

A refused save keeps what the user typed where there is a field for it: a dialog stays open, a form
keeps its text. A database still locked by another program after the wait is one message and
nothing else; a record changed on another computer offers to reload; one deleted meanwhile is said
and the view reloaded.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QDialog
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.services.errors import ConflictError, NotFoundError, ReintegraError, ValidationError
from reintegra.ui import messages

Work = Callable[[Session, User | None], Any]
NOT_SAVED = object()  # what ``save`` returns when the work was refused


def save(owner: Any, work: Work, *, reload: Callable[[], None] | None = None,
         show_error: Callable[[ValidationError], bool] | None = None,
         say: Callable[[str], None] | None = None, ask_reload: bool = True,
         on_conflict: Callable[[ConflictError], Any] | None = None) -> Any:
    """Runs ``work(session, actor)`` in one unit of work of ``owner.context``; its result, or NOT_SAVED.

    - a ValidationError goes to ``show_error`` (True when shown beside its field), else to ``say``
      (a line in the view), else a message box; nothing reloads, so the entry stays;
    - DatabaseBusyError and other refusals: one message (``say``, else a box); the entry stays;
    - ConflictError: ``on_conflict`` when given; else the user is asked whether to reload
      (``ask_reload``) or told it will be (not ``ask_reload``), then ``reload()``;
    - NotFoundError: said, then ``reload()``.
    """
    tell = say or (lambda text: messages.error(owner, text))
    try:
        with owner.context.unit() as session:
            return work(session, owner.context.actor(session))
    except ValidationError as error:
        if show_error is None or not show_error(error):
            tell(error.message)
    except ConflictError as error:
        if on_conflict is not None:
            on_conflict(error)
        elif ask_reload:
            if messages.conflict(owner, error.message) and reload is not None:
                reload()
        else:
            messages.error(owner, error.message)
            if reload is not None:
                reload()
    except NotFoundError as error:
        messages.error(owner, error.message)
        if reload is not None:
            reload()
    except ReintegraError as error:  # DatabaseBusyError among them: nothing was written, the entry stays
        tell(error.message)
    return NOT_SAVED


def saved(result: Any) -> bool:
    return result is not NOT_SAVED


def save_in_dialog(dialog: Any, show_error: Callable[[ValidationError], bool], work: Work, *,
                   close_when_gone: bool = True) -> bool:
    """Runs ``work(session, actor)`` in one unit of work and accepts ``dialog``; True when saved.

    A ValidationError goes to ``show_error`` (True when shown beside a field; else a message box).
    After a conflict the user may reload: the dialog closes with ``dialog.conflict`` set, so that
    its opener reloads. A record deleted elsewhere closes it the same way when ``close_when_gone``;
    any other refusal (a busy database among them) is shown and the dialog stays open with what was typed.
    """
    def close_for_reload() -> None:
        dialog.conflict = True
        dialog.reject()

    result = save(dialog, work, show_error=show_error, reload=close_for_reload if close_when_gone else None)
    if not saved(result):
        return False
    dialog.accept()
    return True


def change_in_tab(tab: Any, work: Work, *, reload: Callable[[], None] | None = None) -> bool:
    """Runs ``work(session, actor)`` in one unit of work for a participant tab (or a list with buttons);
    True when saved.

    A conflict or a record gone is shown and the tab reloaded (``reload``, else ``tab.load`` of its
    participant), so that it shows what is saved now; any other refusal (a busy database among them)
    is one message.
    """
    if reload is None:
        def reload() -> None:
            tab.load(tab.participant_id)

    def conflict(error: ConflictError) -> None:
        messages.conflict(tab, error.message)
        reload()

    return saved(save(tab, work, reload=reload, on_conflict=conflict))


class RunsDialogs:
    """What opens dialogs: ``run_dialog`` is the one place they are shown, and tests replace it on
    the instance to fill a dialog in and press its buttons."""

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows ``dialog`` modally; True when accepted."""
        return dialog.exec() == QDialog.Accepted

    def open_dialog(self, dialog: QDialog, *, after: Callable[[bool], None] | None = None) -> bool:
        """Runs ``dialog``; ``after(saved)`` when it was saved or closed for a reload. True when saved."""
        was_saved = self.run_dialog(dialog)
        conflict = getattr(dialog, "conflict", False)
        dialog.deleteLater()
        if (was_saved or conflict) and after is not None:
            after(was_saved)
        return was_saved
