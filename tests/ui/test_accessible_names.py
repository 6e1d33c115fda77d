"""Every control a keyboard user can reach has a name a screen reader speaks: each page and
dialog of the app (tests/ui/screens.py) is walked and every visible, enabled widget that Tab
stops on is asked for its accessible name, as a screen reader asks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from tests.ui.screens import administrator_context, demo_ids, every_dialog, every_page, open_main_window

# The attendance grids and the day chooser are being named by another change of issue 15
# (reintegra/ui/widgets/month_grid.py, day_grid.py, day_chooser.py); listed here by object name
# or class until that change is merged, then this set is emptied.
NAMED_ELSEWHERE: set[str] = set()


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader reads for ``widget`` (or for the widget it hands focus to)."""
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Name) if interface is not None else ""
    if isinstance(widget, QComboBox) and not widget.accessibleName():
        # On Linux Qt reads a combo box's current text as its name, whatever it asks for; the
        # name must come from the combo box itself or a label set as its buddy.
        name = ""
    return name.strip()


def nameless(root: QWidget, where: str) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.TabFocus):
            continue
        if widget.objectName() in NAMED_ELSEWHERE or type(widget).__name__ in NAMED_ELSEWHERE:
            continue
        if not spoken_name(widget):
            found.append(f"{where}: {type(widget).__name__} {widget.objectName()!r}")
    return found


def test_every_reachable_control_of_every_page_has_a_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    offenders = nameless(window, "main window")
    for name, page in every_page(window, demo_ids(context)):
        QApplication.processEvents()
        offenders += nameless(page, name)
    assert not offenders, "controls without an accessible name:\n" + "\n".join(sorted(set(offenders)))


def test_every_reachable_control_of_every_dialog_has_a_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    offenders = []
    for name, make in every_dialog(context, demo_ids(context)):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        offenders += nameless(dialog, name)
        dialog.close()
    assert not offenders, "controls without an accessible name:\n" + "\n".join(offenders)
