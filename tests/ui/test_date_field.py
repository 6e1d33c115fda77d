"""A date field shows, expects and parses the one date pattern of the UI language, the one the tables
and reports show (i18n.format_date), and its calendar speaks the UI language (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget

from reintegra import i18n
from reintegra.services.errors import ValidationError
from reintegra.ui.widgets.date_field import DateField

DAY = date(2026, 11, 4)


@pytest.mark.parametrize(("language", "shown", "placeholder"), [
    ("en", "04/11/2026", "DD/MM/YYYY"),
    ("pl", "04.11.2026", "DD.MM.RRRR"),
])
def test_the_field_shows_and_parses_what_format_date_writes(qtbot, language, shown, placeholder):
    i18n.set_language(language)
    field = DateField(DAY)
    qtbot.addWidget(field)

    assert field.text() == shown == i18n.format_date(DAY)
    assert DateField().placeholderText() == placeholder
    field.clear()
    qtbot.keyClicks(field, i18n.format_date(date(2027, 1, 31)))
    assert field.date() == date(2027, 1, 31)


def test_in_english_a_month_first_date_is_refused_in_english_words(qtbot):
    i18n.set_language("en")
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "11/31/2026")  # November 31st does not exist; 31 is no month

    with pytest.raises(ValidationError) as refused:
        field.date()
    assert refused.value.message == "“11/31/2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD)."


def test_polish_spreadsheet_dates_and_iso_dates_are_read_in_either_language(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    for language in ("en", "pl"):
        i18n.set_language(language)
        for text in ("04.11.2026", "2026-11-04"):
            field.setText(text)
            assert field.date() == DAY


@pytest.mark.parametrize(("language", "monday"), [("en", "Monday"), ("pl", "poniedziałek")])
def test_the_calendar_names_the_days_in_the_ui_language(qtbot, language, monday):
    i18n.set_language(language)
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))  # a system in yet another language
    shown = []

    def look_and_close():
        menu = QApplication.activePopupWidget()
        shown.extend(menu.findChildren(QCalendarWidget))
        menu.close()

    try:
        field = DateField(DAY)
        qtbot.addWidget(field)
        QTimer.singleShot(0, look_and_close)
        field._show_calendar()
    finally:
        QLocale.setDefault(before)

    calendar = shown[0]
    assert calendar.locale().standaloneDayName(1) == monday
    assert calendar.selectedDate().toPython() == DAY


def test_alt_down_opens_the_calendar_and_enter_takes_its_day(qtbot):
    i18n.set_language("pl")
    field = DateField(DAY)
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    seen = []

    def in_the_calendar():
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(20, in_the_calendar)
            return
        calendar = popup.findChild(QCalendarWidget)
        seen.append((calendar.accessibleName(), QApplication.focusWidget() is not None
                     and calendar.isAncestorOf(QApplication.focusWidget())))
        calendar.setSelectedDate(calendar.selectedDate().addDays(1))
        calendar.activated.emit(calendar.selectedDate())

    QTimer.singleShot(20, in_the_calendar)
    qtbot.keyClick(field, Qt.Key_Down, Qt.AltModifier)
    assert seen == [("Kalendarz", True)]
    assert field.date() == date(2026, 11, 5)
