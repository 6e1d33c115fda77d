"""One key per attendance status, shared by the daily log and the month grid.

O present, U excused, N unexcused, C or L sick leave (L4), W day off, Delete or Backspace
clears. Leave has the two-letter paper symbol UW: typing U and then W within one second
turns the U just typed into leave. The caller has already moved on after the U, so
``amends_previous`` tells it to apply the leave to the cell the U went to, without moving again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from reintegra.db.enums import AttendanceStatus

CLEAR: Literal["clear"] = "clear"
LEAVE_WINDOW_SECONDS = 1.0

_BY_KEY = {
    Qt.Key.Key_O: AttendanceStatus.PRESENT,
    Qt.Key.Key_U: AttendanceStatus.EXCUSED,
    Qt.Key.Key_N: AttendanceStatus.UNEXCUSED,
    Qt.Key.Key_C: AttendanceStatus.SICK,
    Qt.Key.Key_L: AttendanceStatus.SICK,
    Qt.Key.Key_W: AttendanceStatus.DAY_OFF,
}
_CLEAR_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
# Shift and the keypad do not change a letter's meaning; Ctrl, Alt and Meta make it a shortcut.
_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.MetaModifier)


class StatusKeys:
    """Turns key presses into statuses; remembers the last U for the U→W rule."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.amends_previous = False
        self._excused_at: float | None = None

    def status_for(self, event: QKeyEvent) -> AttendanceStatus | Literal["clear"] | None:
        """The status the key stands for, CLEAR, or None when the key is not a status key."""
        self.amends_previous = False
        if event.modifiers() & _SHORTCUT_MODIFIERS:
            self._excused_at = None
            return None
        key = Qt.Key(event.key())
        if key in _CLEAR_KEYS:
            self._excused_at = None
            return CLEAR
        status = _BY_KEY.get(key)
        excused_at, self._excused_at = self._excused_at, None
        if status is AttendanceStatus.DAY_OFF and excused_at is not None \
                and self.clock() - excused_at <= LEAVE_WINDOW_SECONDS:
            self.amends_previous = True
            return AttendanceStatus.LEAVE
        if status is AttendanceStatus.EXCUSED:
            self._excused_at = self.clock()
        return status

    def forget(self) -> None:
        """Forgets a pending U, e.g. after a click elsewhere, so that a later W is a day off."""
        self._excused_at = None
        self.amends_previous = False
