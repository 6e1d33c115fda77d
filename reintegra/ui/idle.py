"""Noticing that nobody has used the application for a while: an application-wide event filter that
remembers the last key press, click, mouse move or wheel turn, and a timer that says ``idle`` once
the set time has passed without any."""

from __future__ import annotations

from time import monotonic

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


class IdleWatch(QObject):
    """Emits ``idle`` after ``interval_ms`` without input anywhere in the application, once per ``start()``."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.running = False
        self._last_input = monotonic()
        # Not restarted on every event (a mouse move is many): when it fires, it checks the time of the
        # last input and waits again for the rest of the interval.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        QApplication.instance().installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        self.interval_ms = interval_ms
        if self.running:
            self._check()

    def start(self) -> None:
        """Counts from now."""
        self.running = True
        self._last_input = monotonic()
        self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self.running = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.running and event.type() in _INPUT:
            self._last_input = monotonic()
        return False

    def _check(self) -> None:
        if not self.running:
            return
        quiet_ms = int((monotonic() - self._last_input) * 1000)
        if quiet_ms < self.interval_ms:
            self._timer.start(self.interval_ms - quiet_ms)
            return
        self.stop()
        self.idle.emit()
