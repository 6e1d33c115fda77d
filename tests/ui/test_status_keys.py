"""The status keys shared by the daily log and the month grid: one letter per status, Delete clears,
U then W within a second is leave (the clock is moved by hand, nothing waits)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from reintegra.db.enums import AttendanceStatus as S
from reintegra.ui.status_keys import CLEAR, StatusKeys


class Clock:
    def __init__(self):
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


def press(key, modifiers=Qt.NoModifier, text="") -> QKeyEvent:
    return QKeyEvent(QEvent.KeyPress, key, modifiers, text)


@pytest.mark.parametrize(("key", "status"), [
    (Qt.Key_O, S.PRESENT), (Qt.Key_U, S.EXCUSED), (Qt.Key_N, S.UNEXCUSED), (Qt.Key_C, S.SICK),
    (Qt.Key_L, S.SICK), (Qt.Key_W, S.DAY_OFF), (Qt.Key_Delete, CLEAR), (Qt.Key_Backspace, CLEAR),
    (Qt.Key_X, None), (Qt.Key_Down, None),
])
def test_one_key_per_status(key, status):
    keys = StatusKeys(Clock())
    assert keys.status_for(press(key)) == status
    assert keys.status_for(press(key, Qt.ShiftModifier)) == status  # Caps Lock or Shift: the same letter
    assert not keys.amends_previous


def test_shortcuts_are_not_statuses():
    keys = StatusKeys(Clock())
    assert keys.status_for(press(Qt.Key_O, Qt.ControlModifier)) is None
    assert keys.status_for(press(Qt.Key_W, Qt.AltModifier)) is None


def test_u_then_w_within_a_second_amends_the_u():
    clock = Clock()
    keys = StatusKeys(clock)
    assert keys.status_for(press(Qt.Key_U)) is S.EXCUSED
    clock.now += 1.0
    assert keys.status_for(press(Qt.Key_W)) is S.LEAVE
    assert keys.amends_previous
    assert keys.status_for(press(Qt.Key_W)) is S.DAY_OFF  # the U is used up
    assert not keys.amends_previous


@pytest.mark.parametrize("between", [
    lambda keys, clock: setattr(clock, "now", clock.now + 1.01),
    lambda keys, clock: keys.status_for(press(Qt.Key_Down)),
    lambda keys, clock: keys.status_for(press(Qt.Key_O)),
    lambda keys, clock: keys.forget(),
])
def test_anything_between_u_and_w_makes_w_a_day_off(between):
    clock = Clock()
    keys = StatusKeys(clock)
    keys.status_for(press(Qt.Key_U))
    between(keys, clock)
    assert keys.status_for(press(Qt.Key_W)) is S.DAY_OFF
    assert not keys.amends_previous


def test_u_then_w_amends_only_on_the_same_person():
    clock = Clock()
    keys = StatusKeys(clock)
    assert keys.status_for(press(Qt.Key_U), 7) is S.EXCUSED
    assert keys.waiting
    assert keys.status_for(press(Qt.Key_W), 8) is S.DAY_OFF  # the next person's day off, within the second
    assert not keys.amends_previous and not keys.waiting
    keys.status_for(press(Qt.Key_U), 8)
    assert keys.status_for(press(Qt.Key_W), 8) is S.LEAVE and keys.amends_previous
