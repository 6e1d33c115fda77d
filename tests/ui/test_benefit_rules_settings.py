"""The "CIS benefits" tab of the settings: add, edit, delete, load from a file; refusals beside the field
as the user types; shown where the facility is a CIS."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from keys import type_into, type_text
from reintegra.db.enums import Programme, Role
from reintegra.services import benefit_rules, facility, users
from reintegra.services.benefit_rules import RuleFields
from reintegra.services.facility import FacilityFields
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.pages import settings_benefit_rules
from reintegra.ui.pages.settings import SettingsPage
from reintegra.ui.pages.settings_benefit_rules import BenefitRulesTab

JUNE = RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), 10, Decimal("0.025"), Decimal("0"),
                  21, Decimal("0.05"), 6, "od czerwca")


@pytest.fixture
def tab(qtbot, context, monkeypatch):
    monkeypatch.setattr(settings_benefit_rules, "today", lambda: date(2026, 7, 10))
    tab = BenefitRulesTab(context)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _answer_dialogs(monkeypatch, tab, fill):
    def run(dialog):
        dialog.show()
        fill(dialog)
        return dialog.result() == QDialog.Accepted
    monkeypatch.setattr(tab, "run_dialog", run)


def _stored(context) -> list[RuleFields]:
    with context.read() as session:
        return [row.fields for row in benefit_rules.list_rules(session)]


def _cell(tab, row: int, column: int) -> str:
    return tab.model.data(tab.model.index(row, column))


def test_add_a_rule_set_with_every_refusal_beside_its_field_until_right(qtbot, monkeypatch, context, said, tab):
    assert tab.empty.isVisible() and not tab.edit_button.isEnabled()
    seen = {}

    def fill(dialog):
        type_text(qtbot, dialog.valid_from, "01.06.2026")
        type_text(qtbot, dialog.editors["amount"], "1711,20")
        type_text(qtbot, dialog.editors["unexcused_day_deduction"], "0,05")
        # What the fraction is in zł, as it is typed.
        seen["per day"] = dialog.per_day["unexcused_day_deduction"].text()
        type_text(qtbot, dialog.editors["sick_day_deduction"], "2,5")
        type_text(qtbot, dialog.editors["sick_days_limit"], "dużo")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["errors"] = {field: dialog.form.error_text(field) for field in dialog.form.showing_errors()}
        seen["open"] = dialog.isVisible()
        # Each message goes as soon as its field is right.
        type_into(qtbot, dialog.editors["sick_day_deduction"], "0,025")
        seen["after one fix"] = dialog.form.showing_errors()
        type_into(qtbot, dialog.editors["sick_days_limit"], "21")
        seen["after both"] = dialog.form.showing_errors()
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    assert seen["per day"] == "= 85,56 zł za dzień"
    assert seen["errors"] == {
        "sick_day_deduction": "Potrącenie za dzień zwolnienia lekarskiego: wpisz ułamek świadczenia od 0 do 1 "
                              "(np. 0,05 dla 5%).",
        "sick_days_limit": "Płatne dni zwolnienia lekarskiego w okresie uczestnictwa: wpisz liczbę całkowitą dni "
                           "od 0 do 9999 albo zostaw puste.",
    }
    assert seen["open"] is True
    assert seen["after one fix"] == ["sick_days_limit"]
    assert seen["after both"] == []
    assert _stored(context) == [RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), None,
                                           Decimal("0.025"), Decimal("0"), 21)]
    assert not tab.empty.isVisible()
    assert [_cell(tab, 0, column) for column in range(4)] == ["01.06.2026", "1\u00a0711,20", "0,05", "–"]
    assert _cell(tab, 0, 9) == "obowiązuje"
    assert tab.model.data(tab.model.index(0, 0), Qt.ToolTipRole) == "01.06.2026; pierwszy miesiąc: czerwiec 2026"
    assert said.errors == []


def test_a_second_set_for_the_same_date_is_refused_beside_the_date(qtbot, monkeypatch, context, said, tab):
    with context.unit() as session:
        benefit_rules.save_rule(session, JUNE)
    tab.load()
    seen = {}

    def fill(dialog):
        type_text(qtbot, dialog.valid_from, "01.06.2026")
        type_text(qtbot, dialog.editors["amount"], "abc")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["errors"] = {field: dialog.form.error_text(field) for field in dialog.form.showing_errors()}
        dialog.reject()

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    assert seen["errors"] == {
        "valid_from": "Zestaw zasad obowiązujący od 01.06.2026 już istnieje; edytuj tamten.",
        "amount": "Świadczenie miesięczne (zł): „abc” nie jest liczbą.",
    }
    assert _stored(context) == [JUNE]


def test_edit_with_enter_and_delete_with_the_key_after_a_question(qtbot, monkeypatch, context, said, tab):
    with context.unit() as session:
        benefit_rules.save_rule(session, RuleFields(date(2025, 6, 1), Decimal("1626.24")))
        benefit_rules.save_rule(session, JUNE)
    tab.load()
    assert tab.selected().valid_from == date(2026, 6, 1)  # the set in force is chosen
    assert _cell(tab, 0, 9) == "wcześniej"
    seen = {}

    def fill(dialog):
        seen["amount"] = dialog.editors["amount"].text()
        seen["limit"] = dialog.editors["sick_days_limit"].text()
        type_into(qtbot, dialog.editors["amount"], "1800")
        dialog.editors["sick_days_limit"].clear()
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert (seen["amount"], seen["limit"]) == ("1 711,20", "21")
    assert _stored(context)[1] == RuleFields(**{**JUNE.values(), "amount": Decimal("1800"), "sick_days_limit": None})
    assert _cell(tab, 1, 6) == "–"

    said.answer_confirm = False
    qtbot.keyClick(tab.table, Qt.Key_Delete)
    assert len(_stored(context)) == 2
    said.answer_confirm = True
    qtbot.keyClick(tab.table, Qt.Key_Delete)
    assert said.questions[-1] == ("Usunąć zestaw zasad obowiązujący od 01.06.2026? W miesiącach, których dotyczył, "
                                  "zastosuje się wcześniejszy zestaw, jeśli taki jest.")
    assert [fields.valid_from for fields in _stored(context)] == [date(2025, 6, 1)]
    assert said.errors == []


def test_load_from_a_file(qtbot, monkeypatch, context, said, tab, tmp_path):
    good = tmp_path / "zasady.csv"
    good.write_text("valid_from;amount;sick_days_limit\n2025-06-01;1626,24;21\n2026-06-01;1711,20;21\n",
                    encoding="utf-8")
    monkeypatch.setattr(tab, "ask_rule_file", lambda: str(good))
    qtbot.mouseClick(tab.load_button, Qt.LeftButton)
    assert said.infos == ["Dodane zestawy zasad: 2\nZestawy zasad bez zmian: 0"]
    assert tab.model.rowCount() == 2

    bad = tmp_path / "złe.csv"
    bad.write_text("valid_from;amount\n2027-06-01;1800\n2027-13-01;-1\n", encoding="utf-8")
    monkeypatch.setattr(tab, "ask_rule_file", lambda: str(bad))
    qtbot.mouseClick(tab.load_button, Qt.LeftButton)
    assert said.errors == ["Plik nie został zaimportowany: 1 wiersz zawiera błędy.\n"
                           "Wiersz 3: „2027-13-01” nie jest poprawną datą (użyj DD.MM.RRRR lub RRRR-MM-DD).\n"
                           "Wiersz 3: Świadczenie miesięczne musi być większe niż 0 zł."]
    assert len(_stored(context)) == 2 and tab.model.rowCount() == 2


def test_an_instructor_is_refused_by_the_service(qtbot, monkeypatch, engine, database_path, said):
    with AppContext(engine, database_path).unit() as session:
        ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Ola Nowak")
        benefit_rules.save_rule(session, JUNE)
    context = AppContext(engine, database_path, SignedIn(ola.id, "ola", "Ola Nowak", Role.INSTRUCTOR))
    tab = BenefitRulesTab(context)
    qtbot.addWidget(tab)
    said.answer_confirm = True
    tab.delete()
    assert said.errors == ["Tylko kierownik lub administrator może zmieniać zasady świadczenia."]
    assert _stored(context) == [JUNE]


def _tab_titles(page) -> list[str]:
    return [page.tabs.tabText(index) for index in range(page.tabs.count())]


def test_the_tab_is_shown_where_the_facility_is_a_cis(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert "Świadczenia CIS" not in _tab_titles(page)  # a WTZ
    with context.unit() as session:
        facility.update_facility(session, FacilityFields(name="CIS w Lesznie", kind=Programme.CIS))
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert "Świadczenia CIS" in _tab_titles(page)


def test_the_tab_and_its_dialog_fit_a_small_screen(qtbot, context, tab):
    """1024×768 less the title bar, the navigation as icons and the page's margins (the whole window is
    walked in test_fits_small_screens on a WTZ, which has no such tab)."""
    needed = tab.minimumSizeHint()
    assert needed.width() <= 900 and needed.height() <= 600, needed
    from reintegra.ui.dialogs.benefit_rule import BenefitRuleDialog

    dialog = BenefitRuleDialog(context, parent=tab)
    dialog.show()
    assert dialog.width() <= 1024 and dialog.height() <= 720
    dialog.reject()
