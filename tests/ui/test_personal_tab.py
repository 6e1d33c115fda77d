"""The personal data tab: its limits come from the table, its refusals from the service."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from factories import admit
from reintegra import i18n
from reintegra.services import participants
from reintegra.ui.pages.participant_tabs.personal import PersonalTab


def test_fields_hold_what_their_columns_hold_and_a_bad_postal_code_is_refused_beside_it(qtbot, context, said):
    i18n.set_language("en")
    with context.unit() as session:
        person_id = admit(session, "Jan", "Kowalski", date(2024, 1, 8), serial=1).id
    tab = PersonalTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.load(person_id)
    city, postal_code = tab.form.editors["city"], tab.form.editors["postal_code"]

    QApplication.clipboard().setText("x" * 300)  # pasted from elsewhere
    qtbot.keyClick(city, Qt.Key_V, Qt.ControlModifier)
    assert city.maxLength() == 100 and city.text() == "x" * 100
    qtbot.keyClicks(postal_code, "123")
    qtbot.mouseClick(tab.save_button, Qt.LeftButton)

    assert tab.form.error_text("postal_code") == "“123” is not a postal code (use 00-000)."
    assert postal_code.text() == "123" and city.text() == "x" * 100 and said.errors == []
    with context.unit() as session:
        person = participants.get_participant(session, person_id)
        assert (person.city, person.postal_code) == ("", "")  # nothing written

    postal_code.clear()
    qtbot.keyClicks(postal_code, "00950")
    qtbot.mouseClick(tab.save_button, Qt.LeftButton)
    with context.unit() as session:
        person = participants.get_participant(session, person_id)
        assert (person.city, person.postal_code) == ("x" * 100, "00-950")
    assert postal_code.text() == "00-950" and not tab.is_dirty()
