"""The names a screen reader speaks for the app's controls: taken from the label that describes a
control, or given where no label stands beside it.

Qt reads a buddy label as a control's name only when the label and the control have the same
parent widget (and, on Linux, reads a combo box's current text instead): a form that wraps its
editor in a holder, or a control with no label, needs its name set. Composite fields (a month
field: month and year) override ``setAccessibleName`` to name their parts."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

_MNEMONIC = re.compile(r"&(.)")


def plain(text: str) -> str:
    """A label's text as it is spoken: without mnemonic marks and the closing colon."""
    return _MNEMONIC.sub(r"\1", text).strip().rstrip(":").strip()


def name(widget: QWidget, text: str, description: str | None = None) -> QWidget:
    """Names ``widget`` (and the widget it hands its focus to) ``text``; returns the widget."""
    spoken = plain(text)
    widget.setAccessibleName(spoken)
    if description is not None:
        widget.setAccessibleDescription(description)
    proxy = widget.focusProxy()
    while proxy is not None and not proxy.accessibleName():
        proxy.setAccessibleName(spoken)
        proxy = proxy.focusProxy()
    return widget


def name_button(button: QAbstractButton, text: str) -> QAbstractButton:
    """An icon-only button: its name and its tooltip are the same words."""
    button.setToolTip(text)
    return name(button, text)


def name_from_labels(root: QWidget) -> None:
    """Names every control under ``root`` that a label names as its buddy and that has no name yet."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName() and plain(label.text()):
            name(buddy, label.text())
