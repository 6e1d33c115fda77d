"""Saving from a dialog or a participant tab: one unit of work, and what the user sees when it is refused."""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.services.errors import ConflictError, NotFoundError, ReintegraError, ValidationError
from reintegra.ui import messages

Work = Callable[[Session, User | None], Any]


def save_in_dialog(dialog: Any, show_error: Callable[[ValidationError], bool], work: Work, *,
                   close_when_gone: bool = True) -> bool:
    """Runs ``work(session, actor)`` in one unit of work and accepts ``dialog``; True when saved.

    A ValidationError goes to ``show_error`` (True when shown beside a field; else a message box).
    After a conflict the user may reload: the dialog closes with ``dialog.conflict`` set, so that
    its opener reloads. A record deleted elsewhere closes it the same way when ``close_when_gone``;
    any other refusal is shown and the dialog stays open with what was typed.
    """
    try:
        with dialog.context.unit() as session:
            work(session, dialog.context.actor(session))
    except ValidationError as error:
        if not show_error(error):
            messages.error(dialog, error.message)
        return False
    except ConflictError as error:
        if messages.conflict(dialog, error.message):
            dialog.conflict = True
            dialog.reject()
        return False
    except NotFoundError as error:
        messages.error(dialog, error.message)
        if close_when_gone:
            dialog.conflict = True
            dialog.reject()
        return False
    except ReintegraError as error:
        messages.error(dialog, error.message)
        return False
    dialog.accept()
    return True


def change_in_tab(tab: Any, work: Work) -> bool:
    """Runs ``work(session, actor)`` in one unit of work for a participant tab; True when saved.

    A refusal is shown and the tab reloaded, so that it shows what is saved now.
    """
    try:
        with tab.context.unit() as session:
            work(session, tab.context.actor(session))
    except ConflictError as error:
        messages.conflict(tab, error.message)
    except ReintegraError as error:
        messages.error(tab, error.message)
    else:
        return True
    tab.load(tab.participant_id)
    return False


def dialog_from_tab(tab: Any, dialog: Any) -> bool:
    """Runs ``dialog`` through ``tab.run_dialog`` (tests replace it) and lets the tab show the outcome:
    saved → reloaded and ``changed`` emitted; changed on another PC → reloaded. True when saved."""
    saved = tab.run_dialog(dialog)
    conflict = dialog.conflict
    dialog.deleteLater()
    if saved or conflict:
        tab.load(tab.participant_id)
    if saved:
        tab.changed.emit()
    return saved
