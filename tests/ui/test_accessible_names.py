"""Every control a keyboard user can reach has a name a screen reader speaks: each page and
dialog of the app (tests/ui/screens.py) is walked and every visible, enabled widget that Tab
stops on is asked for its accessible name, as a screen reader asks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget, QWizard

from reintegra.ui.pages.settings_skill_areas import SkillAreaDialog  # a page's own dialog
from tests.ui.screens import administrator_context, demo_ids, every_dialog, every_page, open_main_window, opened

# Controls skipped by the class of the control or of a widget holding it: none today. A widget
# named by a change still under way may be listed here for the while, never for good.
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


def _named_elsewhere(widget: QWidget | None) -> bool:
    while widget is not None:
        if type(widget).__name__ in NAMED_ELSEWHERE:
            return True
        widget = widget.parentWidget()
    return False


def nameless(root: QWidget, where: str, found: dict[int, str]) -> None:
    """Adds each reachable control under ``root`` that has no name to ``found``, once."""
    for widget in [root, *root.findChildren(QWidget)]:
        # A button is clicked even where Tab does not stop (a field's calendar or clear button).
        reachable = widget.focusPolicy() & Qt.TabFocus or isinstance(widget, QAbstractButton)
        if not (widget.isVisible() and widget.isEnabled() and reachable):
            continue
        if _named_elsewhere(widget):
            continue
        if not spoken_name(widget):
            found.setdefault(id(widget), f"{where}: {type(widget).__name__} {widget.objectName()!r}")
        elif isinstance(widget, QAbstractButton) and not widget.text() and not widget.toolTip():
            # An icon says nothing to a sighted newcomer either: the name is also shown on hover.
            found.setdefault(id(widget), f"{where}: {type(widget).__name__} {widget.objectName()!r} (no tooltip)")


def test_every_reachable_control_of_every_page_has_a_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    offenders: dict[int, str] = {}
    nameless(window, "main window", offenders)
    for name, page in every_page(window, demo_ids(context)):
        QApplication.processEvents()
        nameless(page, name, offenders)
    window.show_page("daily_log")
    window.page("daily_log").show_month_view()  # the month of a workshop, besides the day
    QApplication.processEvents()
    nameless(window.page("daily_log"), "daily log / month", offenders)
    window.show_page("reports")
    reports = window.page("reports")
    for row in range(reports.kinds.count()):  # each report's own choices
        reports.kinds.setCurrentRow(row)
        QApplication.processEvents()
        nameless(reports, f"reports / {reports.kinds.item(row).text()}", offenders)
    assert not offenders, "controls without an accessible name:\n" + "\n".join(offenders.values())


def test_every_reachable_control_of_every_dialog_has_a_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    offenders: dict[int, str] = {}
    dialogs = [*every_dialog(context, demo_ids(context)), ("skill area", lambda: SkillAreaDialog(context))]
    for name, make in dialogs:
        with opened(make) as dialog:
            QApplication.processEvents()
            nameless(dialog, name, offenders)
            if isinstance(dialog, QWizard):  # each page of the first-run wizard in turn
                for page_id in dialog.pageIds()[1:]:
                    dialog.setStartId(page_id)
                    dialog.restart()
                    QApplication.processEvents()
                    nameless(dialog, f"{name} / {dialog.currentPage().title()}", offenders)
    assert not offenders, "controls without an accessible name:\n" + "\n".join(offenders.values())


def _spoken_children(table, role: QAccessible.Role) -> list[str]:
    """What a screen reader reads for the cells (or the column headers) of ``table``, in order."""
    interface = QAccessible.queryAccessibleInterface(table)
    children = (interface.child(number) for number in range(interface.childCount()))
    return [child.text(QAccessible.Name) for child in children if child.role() == role]


def _spoken_cell(table, row: int, column: int) -> str:
    return _spoken_children(table, QAccessible.Cell)[row * table.model().columnCount() + column]


def test_a_cell_that_shows_a_code_is_read_in_full(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    window.show_page("participants")
    table = window.page("participants").table
    column = next(number for number in range(table.model().columnCount())
                  if table.model().headerData(number, Qt.Horizontal) == "Program")
    shown = table.model().index(0, column).data()
    assert shown in {"WTZ", "CIS", "KIS", "ZAZ"}
    assert _spoken_cell(table, 0, column).startswith(f"{shown} – "), _spoken_cell(table, 0, column)
    assert _spoken_cell(table, 0, 0) == table.model().index(0, 0).data()  # a name is read as shown

    window.show_page("workshops")
    workshops = window.page("workshops").table
    assert workshops.model().index(0, 2).data().count(" / ") == 1
    placed, capacity = workshops.model().index(0, 2).data().split(" / ")
    assert _spoken_cell(workshops, 0, 2).startswith(f"zajęte miejsca: {placed} z {capacity}")


def test_a_column_headed_by_a_short_status_is_read_by_its_full_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    participants = window.page("participants")
    window.show_page("participants")
    participants.open_participant(demo_ids(context).active)
    detail = participants.detail_page()
    detail.tabs.setCurrentWidget(detail.attendance)
    table = detail.attendance.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    shown = [table.model().headerData(column, Qt.Horizontal) for column in range(table.model().columnCount())]
    spoken = _spoken_children(table, QAccessible.ColumnHeader)
    assert "Nieobecność usprawiedliwiona" in spoken, spoken
    assert "Nieobecność usprawiedliwiona" not in shown, shown  # the header itself is short
    assert spoken[0] == shown[0] == "Miesiąc"


def test_the_navigation_and_the_status_bar_are_read_by_name(qtbot, engine, database_path, demo, said):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    navigation = QAccessible.queryAccessibleInterface(window.navigation)
    assert navigation.text(QAccessible.Name) == "Strony programu"
    items = [navigation.child(number).text(QAccessible.Name) for number in range(navigation.childCount())]
    assert items == [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert items[0] == "Dziś", items
    for item in (window.navigation.item(row) for row in range(window.navigation.count())):
        item.setText("")  # a sidebar folded to its icons still says where each entry leads
    assert [navigation.child(number).text(QAccessible.Name) for number in range(navigation.childCount())] == items
    spoken = [QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)
              for widget in window.statusBar().findChildren(QWidget) if widget.isVisible()]
    assert all(spoken), spoken
    assert any(text.startswith("Zalogowano: ") for text in spoken), spoken
