"""What was typed and not saved yet: the editors that hold it, found in every open window, and the one
question asked before signing out or handing the computer to someone else (Save / Discard / Cancel).

An editor takes part by having the four methods of ``HoldsInput``; nothing registers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QApplication, QWidget

from reintegra.i18n import _
from reintegra.ui import messages
from reintegra.ui.messages import Unsaved


@runtime_checkable
class HoldsInput(Protocol):
    """An editor whose text is kept until it is saved (a form with a Save button, a text saved as you type)."""

    def has_unsaved_input(self) -> bool:
        """Whether something typed here is not saved yet."""

    def save_input(self) -> bool:
        """Saves it; False when refused (the editor shows why and keeps the text)."""

    def discard_input(self) -> None:
        """Drops it and shows what is saved."""

    def input_name(self) -> str:
        """What the question calls it ("the personal data form"): never the data itself, since the
        question may be read by the next person at the computer."""


def editors_with_input(windows: Iterable[QWidget] | None = None) -> list[HoldsInput]:
    """Every editor in ``windows`` (default: every window shown) holding input not saved yet."""
    if windows is None:
        windows = [window for window in QApplication.topLevelWidgets() if window.isVisible()]
    found: list[HoldsInput] = []
    for window in windows:
        for widget in (window, *window.findChildren(QWidget)):
            if isinstance(widget, HoldsInput) and widget.has_unsaved_input() and widget not in found:
                found.append(widget)
    return found


def settle(parent: QWidget | None, question: str, windows: Iterable[QWidget] | None = None) -> bool:
    """Asks what to do with input not saved yet; True when nothing is left unsaved (saved or discarded),
    False when the person cancels or a save is refused (the editor keeps its text and shows why)."""
    editors = editors_with_input(windows)
    if not editors:
        return True
    names = "\n".join(f"• {editor.input_name()}" for editor in editors)
    text = "\n\n".join((_("Some of what was typed is not saved yet:"), names, question))
    answer = messages.ask_unsaved(parent, text)
    if answer is Unsaved.CANCEL:
        return False
    for editor in editors:
        if answer is Unsaved.DISCARD:
            editor.discard_input()
        elif not editor.save_input():
            return False
    return not editors_with_input(windows)
