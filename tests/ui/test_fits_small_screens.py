"""Every page, tab and dialog fits a 1024×768 screen, also at 125% scaling: the main window, given the
screen less 48 px for a title bar (1024×720, or 819×566 at 125%), keeps that size while each page and
tab is shown with the navigation's titles and as icons; each dialog is no larger than that; every
button lies inside its window, the status bar's user is whole, and no form scrolls sideways.

How the small screen is made: the offscreen platform reads the size of its screen from a file
(``QT_QPA_PLATFORM=offscreen:configfile=…``, a JSON list of screens), and QT_SCALE_FACTOR must be set
before the QApplication exists. Both are fixed for the life of a process and the test session's
QApplication already exists, so each screen is checked in a pytest run of its own: the outer test starts
``pytest`` on the inner one with that platform and scale, and fails with its output. Qt itself then sees
the small screen (1024×768 logical pixels, or 819×614 at 125%): its own placing and sizing of windows
and our code asking for the available geometry meet the same screen a user's PC shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
    QWizard,
)

from tests.ui.screens import administrator_context, demo_ids, every_dialog, every_page, open_main_window, opened

INNER = "REINTEGRA_SMALL_SCREEN_TEST"
FRAME_ALLOWANCE = 48  # a title bar and borders, and a task bar: what a window may take of the screen's height
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)  # a pytest of its own: starting it and the demo facility take their time
@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_page_and_dialog_fits_a_1024x768_screen(tmp_path, scale):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 1024, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    environment = {**os.environ, INNER: "1", "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
                   "QT_SCALE_FACTOR": scale}
    environment.pop("DISPLAY", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider", "--no-qt-log",
         "--tb=short", f"{Path(__file__).relative_to(ROOT)}::test_inner_on_the_small_screen"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout, run.stdout[-2000:]


def _outside(widget: QWidget, window: QWidget) -> bool:
    """A visible widget that is not wholly inside ``window`` (scrolled parts are reached by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return not window.rect().contains(place)


def _scrolling_sideways(window: QWidget) -> list[str]:
    """Forms in scroll areas that need a sideways scroll bar: they should reflow to one column."""
    return [f"{type(area.widget()).__name__} scrolls sideways" for area in window.findChildren(QScrollArea)
            if area.isVisible() and area.widget() is not None and area.horizontalScrollBar().maximum() > 0]


def _buttons_outside(window: QWidget) -> list[str]:
    return [f"{type(button).__name__} {button.text()!r}"
            for button in window.findChildren(QPushButton) + window.findChildren(QToolButton)
            if button.isVisible() and button.window() is window and _outside(button, window)]


def _steps(dialog: QWidget):
    """Shows each page of a wizard in turn (yielding its number), or the dialog once."""
    if not isinstance(dialog, QWizard):
        yield ""
        return
    for page in dialog.pageIds():
        dialog.setStartId(page)
        dialog.restart()
        QApplication.processEvents()
        yield f", page {page}"


def _walk_pages(window, ids, width: int, height: int) -> list[str]:
    problems = []
    look = "icons" if window.navigation_collapsed else "titles"
    for name, page in every_page(window, ids):
        name = f"{name} ({look})"
        QApplication.processEvents()
        needed = window.minimumSizeHint().expandedTo(window.minimumSize())
        if needed.width() > width or needed.height() > height:
            problems.append(f"{name}: the window needs {needed.width()}×{needed.height()}")
        if (window.width(), window.height()) != (width, height):
            problems.append(f"{name}: the window grew to {window.width()}×{window.height()}")
            window.resize(width, height)
            QApplication.processEvents()
        problems += [f"{name}: {button} off the window" for button in _buttons_outside(window)]
        problems += [f"{name}: {form}" for form in _scrolling_sideways(window)]
        user = window.findChild(QLabel, "status-user")
        if _outside(user, window) or user.width() < user.sizeHint().width():
            problems.append(f"{name}: the signed-in user off the status bar or cut")
    return problems


@pytest.mark.skipif(not os.environ.get(INNER), reason="run by the test above with a small screen")
def test_inner_on_the_small_screen(qtbot, engine, database_path, demo, said):
    screen = QApplication.primaryScreen().availableGeometry()
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    assert (screen.width(), screen.height()) == (round(1024 / scale), round(768 / scale)), screen
    width, height = screen.width(), screen.height() - FRAME_ALLOWANCE

    context = administrator_context(engine, database_path)
    ids = demo_ids(context)
    window = open_main_window(qtbot, context)
    # The first start on this screen: the window as large as the screen, no larger.
    assert window.width() <= screen.width() and window.height() <= screen.height(), window.size()
    window.showNormal()
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    problems = []
    for collapsed in (False, True):  # the navigation with its titles, and as icons
        window.set_navigation_collapsed(collapsed)
        problems += _walk_pages(window, ids, width, height)

    for name, make in every_dialog(context, ids, window):
        with opened(make) as dialog:
            QApplication.processEvents()
            for step in _steps(dialog):  # a wizard's every page
                step = f"dialog {name}{step}"
                if dialog.width() > width or dialog.height() > height:
                    problems.append(f"{step}: {dialog.width()}×{dialog.height()}")
                needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
                if needed.width() > width or needed.height() > height:
                    problems.append(f"{step}: needs at least {needed.width()}×{needed.height()}")
                problems += [f"{step}: {button} off the dialog" for button in _buttons_outside(dialog)]
                problems += [f"{step}: {form}" for form in _scrolling_sideways(dialog)]
    assert not problems, f"on {screen.width()}×{screen.height()}:\n" + "\n".join(problems)
    assert not said.errors, said.errors


def test_the_navigation_collapses_to_icons_and_is_remembered(qtbot, context, monkeypatch):
    from reintegra import config
    from reintegra.i18n import _
    from reintegra.ui import main_window

    monkeypatch.setattr(main_window, "NARROW_SCREEN", 0)  # the offscreen screen counts as wide
    window = open_main_window(qtbot, context)
    assert not window.navigation_collapsed and window.navigation.width() == main_window.NAVIGATION_WIDTH
    button = window.collapse_button
    assert button.accessibleName() and "Ctrl+B" in button.toolTip()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key_B, Qt.ControlModifier)
    assert window.navigation_collapsed and window.navigation.width() == main_window.COLLAPSED_WIDTH
    # The titles stay with the items, in their tooltips and for screen readers; Ctrl+1..6 still work.
    assert window.navigation.item(2).text() == _("Participants")
    assert window.navigation.item(2).toolTip() == _("{page} (Ctrl+{number})").format(page=_("Participants"), number=3)
    assert config.load_settings()["navigation_collapsed"] is True
    window.close()
    again = open_main_window(qtbot, context)
    assert again.navigation_collapsed and again.navigation.width() == main_window.COLLAPSED_WIDTH
    qtbot.mouseClick(again.collapse_button, Qt.LeftButton)
    assert not again.navigation_collapsed and again.navigation.width() == main_window.NAVIGATION_WIDTH
    assert config.load_settings()["navigation_collapsed"] is False


def test_the_first_start_on_a_narrow_screen_shows_icons_and_a_large_remembered_size_is_clamped(qtbot, context):
    from reintegra import config

    window = open_main_window(qtbot, context)  # the offscreen screen is 800 px wide
    assert window.navigation_collapsed
    assert "navigation_collapsed" not in config.load_settings()  # a guess, not a choice: not remembered
    window.showNormal()
    window.resize(2400, 1600)
    window.close()
    again = open_main_window(qtbot, context)
    screen = again.screen().availableGeometry()
    assert again.width() <= screen.width() and again.height() <= screen.height()


def test_a_long_form_scrolls_under_its_buttons_with_tab_and_focus_as_before(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

    from reintegra.ui.screen_fit import available_size, scroll_body

    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout()
    fields = [QLineEdit() for _number in range(40)]
    for number, field in enumerate(fields):
        form.addRow(f"Field {number}:", field)
    buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    fields[0].setFocus()
    scroll = scroll_body(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = available_size(dialog)
    assert dialog.height() <= room.height() < 40 * fields[0].sizeHint().height()
    assert scroll.isAncestorOf(fields[-1]) and not scroll.isAncestorOf(buttons)
    assert dialog.focusWidget() is fields[0]
    order, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        if widget.focusPolicy() & Qt.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == fields + buttons.buttons()
    assert _buttons_outside(dialog) == []
