"""The status keys shared by the daily log and the month grid, from the keys in ``db.enums.STATUSES``.

Today: O present, U excused, N unexcused, C or L sick leave (L4), W day off; Delete or Backspace
clears. A status keyed by two letters (leave: UW, its paper symbol) is typed as the first letter
and then the second within one second, both on the same person: the first letter's status is
recorded and then amended. The caller passes the person each key goes to (``target``); a second
letter for another person is that letter's own status (U for one person, then W for the next: a day
off for the next, not leave for the first). ``amends_previous`` tells the caller to apply the amended
status to the cell the first letter went to (the month grid has moved on to the next day).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from reintegra.db.enums import STATUSES, AttendanceStatus
from reintegra.i18n import _
from reintegra.services.labels import label, or_list

CLEAR: Literal["clear"] = "clear"
LEAVE_WINDOW_SECONDS = 1.0  # how soon the second letter of a two-letter key must follow the first


def _key(letter: str) -> Qt.Key:
    return Qt.Key(ord(letter.upper()))  # Qt's letter keys are their upper-case character codes


_BY_KEY = {_key(keys): status for status, info in STATUSES.items() for keys in info.keys if len(keys) == 1}
# (first letter, second letter) → the status the second letter turns the first one's into (U, W → leave)
_AMENDED = {(_key(keys[0]), _key(keys[1])): status
            for status, info in STATUSES.items() for keys in info.keys if len(keys) == 2}
_FIRST_LETTERS = {first for first, _second in _AMENDED}
_CLEAR_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
# Shift and the keypad do not change a letter's meaning; Ctrl, Alt and Meta make it a shortcut.
_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.MetaModifier)


class StatusKeys:
    """Turns key presses into statuses; remembers the last first letter of a two-letter key (U of UW)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.amends_previous = False
        self._pending: tuple[Qt.Key, float, object] | None = None  # a first letter just typed, when, for whom

    @property
    def waiting(self) -> bool:
        """A first letter (U) was just typed: its second letter may follow, on the same person."""
        return self._pending is not None

    def status_for(self, event: QKeyEvent, target: object = None) -> AttendanceStatus | Literal["clear"] | None:
        """The status the key stands for, CLEAR, or None when the key is not a status key.

        ``target`` is who the key goes to (a participant's id): a second letter amends the first only
        when both go to the same one."""
        self.amends_previous = False
        if event.modifiers() & _SHORTCUT_MODIFIERS:
            self._pending = None
            return None
        key = Qt.Key(event.key())
        if key in _CLEAR_KEYS:
            self._pending = None
            return CLEAR
        pending, self._pending = self._pending, None
        if pending is not None and (pending[0], key) in _AMENDED and pending[2] == target \
                and self.clock() - pending[1] <= LEAVE_WINDOW_SECONDS:
            self.amends_previous = True
            return _AMENDED[(pending[0], key)]
        status = _BY_KEY.get(key)
        if status is not None and key in _FIRST_LETTERS:
            self._pending = (key, self.clock(), target)
        return status

    def forget(self) -> None:
        """Forgets a pending first letter (U), e.g. after a click elsewhere, so that a later W is a day off."""
        self._pending = None
        self.amends_previous = False


def keys_text() -> str:
    """'O – present, U – excused absence, …, C or L – sick leave, U then W – leave, W – day off'."""
    return ", ".join(_("{keys} – {status}").format(keys=or_list([_typed(keys) for keys in info.keys]),
                                                   status=label(status).lower())
                     for status, info in STATUSES.items())


def keys_short_text() -> str:
    """'O, U, N, C or L, U then W (UW), W': the keys alone, for a screen that shows the legend beside them."""
    parts = []
    for info in STATUSES.values():
        typed = or_list([_typed(keys) for keys in info.keys])
        chord = any(len(keys) > 1 for keys in info.keys)  # typed as two letters: say what they make
        parts.append(_("{keys} ({letter})").format(keys=typed, letter=info.letter) if chord else typed)
    return ", ".join(parts)


def status_letters() -> str:
    """'O, U, N, C, UW or W': the letters the grids show."""
    return or_list([info.letter for info in STATUSES.values()])


def _typed(keys: str) -> str:
    return keys if len(keys) == 1 else _("{first} then {second}").format(first=keys[0], second=keys[1])
