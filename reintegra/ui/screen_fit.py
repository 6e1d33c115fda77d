"""Dialogs no larger than the screen they open on (1024×768, or 1366×768 at 125%): their form scrolls
while their buttons stay in sight."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout, QWidget

FRAME_ALLOWANCE = 48  # a title bar and borders, and a task bar


def available_size(window: QWidget) -> QSize:
    """What a window may take of the screen it opens on, less its frame."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    return QSize(available.width() - 16, available.height() - FRAME_ALLOWANCE)


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Sizes ``window`` as it prefers but within the screen, and no minimum beyond it."""
    room = available_size(window)
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    wanted = (preferred or window.sizeHint()).expandedTo(window.minimumSizeHint())
    window.resize(wanted.boundedTo(room))


class _Body(QScrollArea):
    """A scroll area that asks for its form's whole size (QScrollArea asks for at most 36×24 lines):
    the dialog opens as large as its form where the screen allows."""

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint() if self.widget() else QSize()
        return inner + QSize(self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth(),
                             2 * self.frameWidth())


def scroll_body(dialog: QWidget) -> QScrollArea:
    """Moves everything of ``dialog`` above its button boxes into a scroll area, keeps the buttons
    under it, and sizes the dialog within the screen. Called once its layout is complete."""
    layout = dialog.layout()
    focused = dialog.focusWidget()
    buttons = []
    while layout.count() and isinstance(layout.itemAt(layout.count() - 1).widget(), QDialogButtonBox):
        box = layout.itemAt(layout.count() - 1).widget()
        layout.removeWidget(box)
        buttons.insert(0, box)
    margins = layout.contentsMargins()
    body = QWidget()
    body.setLayout(layout)  # Qt moves a layout from its widget to another (QWidget::setLayout)
    layout.setContentsMargins(0, margins.top(), 0, 0)
    scroll = _Body()
    scroll.setObjectName("dialog-body")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setFocusPolicy(Qt.NoFocus)  # not a Tab stop of its own: its fields are
    scroll.setWidget(body)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
    outer.addWidget(scroll, 1)
    for box in buttons:
        # Moved too, so that Tab reaches them after the form again (a widget moved to another
        # parent goes to the end of the window's Tab order; QWidget.setTabOrder leaves a button
        # box's buttons where they are).
        box.setParent(None)
        outer.addWidget(box)
    if focused is not None:
        focused.setFocus()
    fit_to_screen(dialog)
    return scroll

