"""Tab in the order the eye reads: helpers for the places where building order and looks differ."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


def chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` one after another (the first keeps its place in the chain)."""
    for first, second in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(first, second)


def buttons_as_laid_out(box: QDialogButtonBox) -> None:
    """The buttons of ``box`` in Tab order as the platform lays them out (left to right), not in the
    order they were added: a button added later (e.g. "Sign in" beside a standard Cancel) is placed by
    its role, often before the others. Done each time the box is shown, since putting the box into
    its dialog rebuilds its part of the chain."""
    box.installEventFilter(_ButtonsOnShow(box))


class _ButtonsOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Show:
            layout = watched.layout()
            items = (layout.itemAt(index) for index in range(layout.count()))
            chain([item.widget() for item in items if isinstance(item.widget(), QAbstractButton)])
        return False
