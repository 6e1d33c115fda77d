"""Typing into widgets as a person does, Polish letters included.

QTest's keyClicks handles only Latin-1 in PySide6, so other letters are sent as text key events.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(qtbot, editor, text: str) -> None:
    for char in text:
        if char.isascii():
            qtbot.keyClick(editor, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key_unknown, char, Qt.NoModifier)


def type_into(qtbot, editor, text: str) -> None:
    """Replaces what the editor holds, as select-all and typing does."""
    qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(editor, Qt.Key_Delete)
    type_text(qtbot, editor, text)
