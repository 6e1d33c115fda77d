"""The CIS benefit of a month on the Reports page: the amounts, the stay's limits and the warnings, premia
typed in place (a refused one keeps the saved value and says why), the totals and the refund request.

Hand count for October 2026 of tests/benefit_data.py (22 working days) under the set from 1 June 2026:
1000 zł, per day 0.05 unexcused, 0.025 sick, 0.02 excused; no day off on request is paid in full
(free_days_limit 0: each counts as an excused day); 21 sick days in a stay.

- Gęślińska: placed all month; N 2 × 0.05 + C 2 × 0.025 + U 1 × 0.02 + UW 1 (beyond the limit) × 0.02
  = 0.19 → 810.00 zł; days off 1 in the stay against 0: a warning.
- Żółć: placed all month (moved mid-month); C 5 × 0.025 = 0.125 → 875.00 zł.
- Ćwik: admitted 19 October, placed 10 of the 22 working days: 1000 × 10 / 22 = 454.545… → 454.55 zł.
Together 2139.55 zł.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from sqlalchemy import select

from benefit_data import make_october
from keys import type_text
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, BenefitPremium
from reintegra.services import benefit_rules
from reintegra.services.benefit_rules import RuleFields
from reintegra.ui.models.benefit_month import BENEFIT, LEAVE_IN_STAY, NAME, PREMIUM, SICK_IN_STAY, TOTAL
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage

RULES = RuleFields(date(2026, 6, 1), Decimal("1000"), Decimal("0.05"), None, Decimal("0.025"), Decimal("0.02"),
                   21, Decimal("0.05"), 0)


@pytest.fixture
def october(session):
    people = make_october(session)
    benefit_rules.save_rule(session, RULES)
    session.commit()
    return people


def _page(qtbot, context, monkeypatch, today: date, year: int = 2026, month: int = 10):
    monkeypatch.setattr(reports_page, "today", lambda: today)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    with qtbot.waitActive(page):  # keys go where the focus is: the window must be the active one
        page.show()
        page.activateWindow()
    page.activated()
    form = page.show_form("benefit")
    form.month.set_month(year, month)
    return page, form.view


@pytest.fixture
def view(qtbot, context, monkeypatch, october):
    page, view = _page(qtbot, context, monkeypatch, date(2026, 11, 5))
    yield view  # the page holds it
    page.close()


def _row(view, last_name: str) -> int:
    return next(i for i, row in enumerate(view.model.rows()) if row.last_name == last_name)


def _text(view, last_name: str, column: int) -> str:
    return view.model.data(view.model.index(_row(view, last_name), column))


def _type_premium(qtbot, view, last_name: str, text: str) -> None:
    """On the person's premium cell, types ``text`` (its first key opens the editor, as in a spreadsheet)
    and presses Enter."""
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(_row(view, last_name), PREMIUM))
    qtbot.keyClick(view.table, text[0])
    editor = view.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)  # Qt commits it queued


def _premia(context) -> dict[int, Decimal]:
    with context.read() as session:
        return {premium.participant_id: premium.amount for premium in session.scalars(select(BenefitPremium))}


def test_the_month_shows_the_amounts_the_limits_and_the_warnings(qtbot, view, said):
    assert view.isVisible()
    assert [_text(view, name, NAME) for name in ("Ćwik", "Gęślińska", "Żółć")] == [
        "Ćwik Anna", "Gęślińska Żaneta", "Żółć Łukasz"]
    assert [_text(view, name, BENEFIT) for name in ("Gęślińska", "Żółć", "Ćwik")] == [
        "810,00", "875,00", "454,55"]
    assert _text(view, "Gęślińska", SICK_IN_STAY) == "2/21"
    assert _text(view, "Gęślińska", LEAVE_IN_STAY) == "1/0"
    row = _row(view, "Gęślińska")
    assert view.model.data(view.model.index(row, LEAVE_IN_STAY), Qt.ForegroundRole).color().name() == "#a1261b"
    assert view.model.data(view.model.index(row, NAME), Qt.DecorationRole) is not None
    assert view.model.data(view.model.index(_row(view, "Żółć"), NAME), Qt.DecorationRole) is None
    # The letters of the sheets head the day columns; a screen reader hears the whole name.
    assert view.model.headerData(1, Qt.Horizontal) == "O"
    assert view.model.headerData(1, Qt.Horizontal, Qt.AccessibleTextRole) == "Obecny"
    assert view.model.data(view.model.index(row, BENEFIT), Qt.AccessibleTextRole) == \
        "Żaneta Gęślińska, Świadczenie (zł): 810,00"
    assert view.totals.text() == ("Razem (3 uczestnicy): świadczenia 2\u00a0139,55 zł, premie 0,00 zł, do wypłaty "
                                  "2\u00a0139,55 zł. 1 osoba ma ostrzeżenie (⚠).")
    assert view.rules.text() == ("Zasady obowiązujące od 01.06.2026: świadczenie 1\u00a0000,00 zł miesięcznie "
                                 "(wskaż tutaj, aby zobaczyć potrącenia i limity).")
    assert "potrąca się za każdy dzień" in view.rules.toolTip()

    view.table.setCurrentIndex(view.model.index(row, NAME))
    assert view.warnings.isVisible()
    assert view.warnings.text().startswith("Gęślińska Żaneta: Dni wolne na wniosek: 1 w pobycie, ponad limit 0")
    view.table.setCurrentIndex(view.model.index(_row(view, "Żółć"), NAME))
    assert not view.warnings.isVisible()
    assert said.errors == []


def test_a_premium_typed_in_its_cell_is_saved_and_one_above_the_benefit_refused(qtbot, view, context, october,
                                                                                said):
    _type_premium(qtbot, view, "Gęślińska", "100,5")
    assert _premia(context) == {october.geslinska: Decimal("100.50")}
    assert _text(view, "Gęślińska", PREMIUM) == "100,50"
    assert _text(view, "Gęślińska", TOTAL) == "910,50"
    assert view.status.text() == "Zapisano premię: Żaneta Gęślińska, październik 2026 — 100,50 zł."
    assert "premie 100,50 zł, do wypłaty 2\u00a0240,05 zł" in view.totals.text()
    # The same cell stays chosen, for the next key.
    assert (view.table.currentIndex().row(), view.table.currentIndex().column()) == (
        _row(view, "Gęślińska"), PREMIUM)

    _type_premium(qtbot, view, "Ćwik", "500")
    assert view.status.text() == ("Anna Ćwik: Premia nie może być wyższa niż świadczenie za październik 2026 "
                                  "(454,55 zł).")
    assert _text(view, "Ćwik", PREMIUM) == ""  # the saved value, none
    _type_premium(qtbot, view, "Ćwik", "dużo")
    assert view.status.text() == "Anna Ćwik: „dużo” nie jest liczbą."
    assert _premia(context) == {october.geslinska: Decimal("100.50")}

    _type_premium(qtbot, view, "Ćwik", "454,55")  # exactly 100 % of the benefit
    _type_premium(qtbot, view, "Gęślińska", "0")  # removes it
    assert _premia(context) == {october.cwik: Decimal("454.55")}
    assert _text(view, "Gęślińska", PREMIUM) == ""
    assert said.errors == []


def test_the_refund_request_of_a_month_that_is_over(qtbot, view, context, tmp_path, said):
    target = tmp_path / "wniosek.pdf"
    view.ask_refund_path = lambda suggested: str(target)
    qtbot.mouseClick(view.refund_button, Qt.LeftButton)
    assert view.status.text() == f"Zapisano: {target}"
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "2 139,55" in text.replace("\u00a0", " ")
    with context.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.changes["what"] == "refund_request"


def test_a_month_not_over_is_provisional_and_has_no_refund_yet(qtbot, context, monkeypatch, october, tmp_path,
                                                              said):
    page, view = _page(qtbot, context, monkeypatch, date(2026, 10, 20))
    assert view.rules.text().endswith("Miesiąc jeszcze trwa: kwoty są wstępne, potrącono tylko dotąd zapisane "
                                      "nieobecności.")
    view.ask_refund_path = lambda suggested: str(tmp_path / "wniosek.pdf")
    qtbot.mouseClick(view.refund_button, Qt.LeftButton)
    assert view.status.styleSheet().startswith("color: #b3261e")
    assert not (tmp_path / "wniosek.pdf").exists()


def test_a_month_without_rules_says_so_and_takes_no_premium(qtbot, context, monkeypatch, session, said):
    make_october(session)
    page, view = _page(qtbot, context, monkeypatch, date(2026, 11, 5))
    assert view.rules.text().startswith("Żadne zasady świadczenia CIS nie obowiązują w październiku 2026") or \
        "październik 2026" in view.rules.text()
    assert _text(view, "Żółć", BENEFIT) == "—"
    assert not view.model.flags(view.model.index(0, PREMIUM)) & Qt.ItemIsEditable
    assert not view.refund_button.isEnabled()


def test_f5_reads_the_month_again_and_another_month_is_read_when_chosen(qtbot, context, monkeypatch, october, said):
    page, view = _page(qtbot, context, monkeypatch, date(2026, 11, 5))
    with context.unit() as session:
        benefit_rules.save_rule(session, RuleFields(date(2026, 10, 1), Decimal("2000")))
    page.kinds.setFocus()
    qtbot.keyClick(page.kinds, Qt.Key_F5)
    assert _text(view, "Żółć", BENEFIT) == "2\u00a0000,00"  # the new set deducts nothing
    page.show_form("benefit").month.set_month(2026, 9)
    assert [row.last_name for row in view.model.rows()] == ["Babacka", "Gęślińska"]


def test_printing_and_saving_the_list_take_the_premium_just_typed(qtbot, context, monkeypatch, october, tmp_path,
                                                                  said):
    page, view = _page(qtbot, context, monkeypatch, date(2026, 11, 5))
    _type_premium(qtbot, view, "Żółć", "75")
    printed = []
    monkeypatch.setattr(page.pdf, "print_document", lambda parent: printed.append(page.pdf.page_text(0)) or True)
    page.kinds.setFocus()
    qtbot.keyClick(page.kinds, Qt.Key_P, Qt.ControlModifier)
    assert len(printed) == 1 and "950,00" in printed[0]  # Żółć: 875 + 75
    assert view.isVisible()  # the table stays on screen
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(tmp_path / "lista.csv"))
    qtbot.keyClick(page.kinds, Qt.Key_S, Qt.ControlModifier)
    with open(tmp_path / "lista.csv", encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file, delimiter=";"))
    first = table[0].index("Świadczenie (zł)")
    assert table[0][first:first + 3] == ["Świadczenie (zł)", "Premia (zł)", "Razem (zł)"]
    assert {row[0]: row[first:first + 3] for row in table[1:]}["Żółć"] == ["875,00", "75,00", "950,00"]
