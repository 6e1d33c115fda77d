"""reintegra/ui/accessible.py and the pieces that use it: what a screen reader reads for a form's
fields, a date field's calendar button and a month field's parts."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QToolButton, QWidget

from reintegra.ui import accessible
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form
from reintegra.ui.widgets.month_field import MonthField


def spoken(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)


def test_a_label_is_spoken_without_its_mnemonic_and_colon():
    assert accessible.plain("&Birth date:") == "Birth date"
    assert accessible.plain("Se&x:") == "Sex"
    assert accessible.plain("R&&D:") == "R&D"
    assert accessible.plain("Guardian's phone:") == "Guardian's phone"


def test_a_form_field_is_named_by_its_caption(qtbot):
    form = Form()
    qtbot.addWidget(form)
    name = form.add("first_name", "&First name:", QLineEdit())
    kind = form.add("kind", "&Kind:", QComboBox())
    kind.addItems(["One", "Two"])
    ticked = form.add("ticked", "", QLineEdit())
    # Qt reads a buddy label only beside its editor; the form holds each editor with its message.
    assert spoken(name) == "First name"
    assert kind.accessibleName() == "Kind"
    assert ticked.accessibleName() == ""


def test_a_date_field_names_its_calendar_button(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    accessible.name(field, "&Admission date:")
    assert spoken(field) == "Admission date"
    [button] = [child for child in field.findChildren(QToolButton) if not child.icon().isNull()]
    assert spoken(button) == "Wybierz datę z kalendarza"
    assert button.toolTip() == "Wybierz datę z kalendarza (Alt+↓)"


def test_a_month_field_says_whose_month_and_year_they_are(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    rows = QFormLayout(holder)
    month = MonthField(2026, 3)
    rows.addRow("&Month:", month)
    accessible.name_from_labels(holder)
    assert month.month.accessibleName() == "Month: miesiąc"
    assert month.year.accessibleName() == "Month: rok"
    assert spoken(month.year) == "Month: rok"


def test_names_from_labels_keep_a_name_already_given(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    rows = QFormLayout(holder)
    places, other = QSpinBox(), QLineEdit()
    accessible.name(places, "Places in the workshop")
    rows.addRow("&Places:", places)
    rows.addRow("&Other:", other)
    accessible.name_from_labels(holder)
    assert places.accessibleName() == "Places in the workshop"
    assert other.accessibleName() == "Other"


def test_an_icon_button_is_named_and_shows_the_name_on_hover(qtbot):
    button = QToolButton()
    qtbot.addWidget(button)
    assert spoken(button) == ""
    accessible.name_button(button, "Previous working day (Alt+←)")
    assert spoken(button) == "Previous working day (Alt+←)"
    assert button.toolTip() == "Previous working day (Alt+←)"
