"""The annual report on the Reports page as a director uses it: the year, the sections typed in (the
forms and methods prefilled), kept with the year when another section or year is chosen or "Save
the text" is pressed, and the report previewed and saved as PDF, XLSX and JSON with those texts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from annual_data import make_facility
from keys import type_into
from reintegra.db.enums import AuditAction, Programme
from reintegra.db.models import AuditEntry
from reintegra.services.annual_sections import MAX_SECTION_LENGTH, section_texts
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage

FINANCES = "Koszty: 412 000 zł (PFRON 90%)."
INCOME = "Sprzedaż wyrobów: 3 150 zł – wycieczka."


@pytest.fixture
def page(qtbot, context, monkeypatch):
    with context.unit() as session:
        make_facility(session)
    monkeypatch.setattr(reports_page, "today", lambda: date(2026, 4, 3))
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.activated()
    return widget


def _texts(context, year=2025):
    with context.read() as session:
        return section_texts(session, year, Programme.WTZ)


def _choose(form, key):
    form.section.setCurrentIndex(form.section.findData(key))


def test_the_sections_are_typed_in_kept_with_the_year_and_printed(qtbot, monkeypatch, page, context, tmp_path):
    form = page.show_form("annual")
    assert page.kinds.currentItem().text() == "Sprawozdanie roczne"
    assert form.year.value() == 2025  # in April: the year just ended
    assert [form.section.itemText(i) for i in range(form.section.count())] == [
        "Formy i metody pracy", "Finanse", "Przychody ze sprzedaży produktów i usług", "Inne informacje"]
    assert form.text.toPlainText().startswith("Pracownie: Pracownia gastronomiczna.")
    assert form.text.accessibleName() == "Formy i metody pracy"

    _choose(form, "finances")
    assert form.text.toPlainText() == "" and "PFRON" in form.hint.text()
    type_into(qtbot, form.text, FINANCES)
    _choose(form, "income")  # the finances are kept on leaving them
    assert _texts(context)["finances"] == FINANCES
    type_into(qtbot, form.text, INCOME)
    qtbot.mouseClick(form.keep_button, Qt.MouseButton.LeftButton)
    assert form.state.text() == "Tekst zapisano w sprawozdaniu za 2025 r."
    assert _texts(context)["income"] == INCOME
    assert _texts(context)["forms_and_methods"].startswith("Pracownie:")  # still the prefill, never saved

    _choose(form, "other")
    type_into(qtbot, form.text, "Uwagi końcowe")
    qtbot.keyClick(page.kinds, Qt.Key_F5)  # previewing keeps the text typed
    assert _texts(context)["other"] == "Uwagi końcowe"
    text = " ".join(page.pdf.page_text(index) for index in range(page.pdf.page_count()))
    assert "Sprawozdanie z działalności warsztatu terapii zajęciowej za rok 2025" in " ".join(text.split())
    assert "Koszty: 412 000 zł" in text and "Uwagi końcowe" in text

    for name in ("roczne.pdf", "roczne.xlsx", "roczne.json"):
        monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats, name=name: str(tmp_path / name))
        page.save()
        assert page.message.text() == f"Zapisano: {tmp_path / name}"
    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "roczne.pdf").pages).split())
    assert "Uczestnicy w roku 4" in pdf_text and INCOME in pdf_text
    rows = {row[0]: row[1:] for row in load_workbook(tmp_path / "roczne.xlsx").active.iter_rows(values_only=True)}
    assert rows["Uczestnicy w roku"][0] == 4 and FINANCES in rows
    data = json.loads((tmp_path / "roczne.json").read_text(encoding="utf-8"))
    assert data["sections"]["income"] == INCOME and data["participants"] == 4
    assert form.suggested_name() == "sprawozdanie-roczne-2025.pdf"
    with context.read() as session:
        exports = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert [entry.changes["what"] for entry in exports] == ["annual_report"] * 3


def test_another_year_shows_its_own_texts(qtbot, page, context):
    form = page.show_form("annual")
    _choose(form, "finances")
    type_into(qtbot, form.text, FINANCES)
    form.year.setValue(2024)  # leaving the year keeps its text
    assert _texts(context, 2025)["finances"] == FINANCES
    assert form.text.toPlainText() == ""
    _choose(form, "forms_and_methods")
    assert "Stare formy" in form.text.toPlainText()
    form.year.setValue(2025)
    _choose(form, "finances")
    assert form.text.toPlainText() == FINANCES


def test_a_text_too_long_is_refused_and_stays_to_correct(qtbot, page, context):
    form = page.show_form("annual")
    _choose(form, "other")
    form.text.setPlainText("x" * (MAX_SECTION_LENGTH + 1))
    _choose(form, "finances")
    message = f"Część „Inne informacje” jest za długa: najwyżej {MAX_SECTION_LENGTH} znaków."
    assert form.state.text() == message
    assert form.section.currentData() == "other" and len(form.text.toPlainText()) == MAX_SECTION_LENGTH + 1
    page.preview()  # nothing made while the text is refused
    assert page.pdf.page_count() == 0
    assert _texts(context)["other"] == ""
