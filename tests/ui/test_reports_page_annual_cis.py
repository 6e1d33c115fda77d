"""The annual report on the Reports page of a CIS: its own sections (the services prefilled from the
workshops and the notes), the CIS report previewed and saved with the director's texts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt

from cis_annual_data import KITCHEN, make_facility
from keys import type_into
from reintegra.db.enums import Programme
from reintegra.services import facility
from reintegra.services.annual_sections import section_texts
from reintegra.services.facility import FacilityFields
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage

STAFF = "Kierownik – 1 etat; instruktorzy – 2 etaty."


@pytest.fixture
def page(qtbot, context, monkeypatch):
    with context.unit() as session:
        facility.update_facility(session, FacilityFields(name="CIS „Źródło”", kind=Programme.CIS))
        make_facility(session)  # commits
    monkeypatch.setattr(reports_page, "today", lambda: date(2026, 4, 3))
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.activated()
    return widget


def test_a_cis_types_its_sections_in_and_previews_and_saves_its_report(qtbot, monkeypatch, page, context, tmp_path):
    form = page.show_form("annual")
    assert [form.section.itemText(i) for i in range(form.section.count())] == [
        "Świadczone usługi reintegracyjne", "Kadra", "Finanse", "Inne informacje"]
    assert form.text.toPlainText().startswith("Pracownie (liczba osób w roku):")
    assert f"– {KITCHEN}: 3" in form.text.toPlainText()
    form.section.setCurrentIndex(form.section.findData("staff"))
    type_into(qtbot, form.text, STAFF)
    qtbot.keyClick(page.kinds, Qt.Key_F5)  # previewing keeps the text typed
    with context.read() as session:
        assert section_texts(session, 2025, Programme.CIS)["staff"] == STAFF
    text = " ".join(" ".join(page.pdf.page_text(index) for index in range(page.pdf.page_count())).split())
    assert "Sprawozdanie z działalności Centrum Integracji Społecznej za rok 2025" in text
    assert STAFF in text
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(tmp_path / "cis.json"))
    page.save()
    data = json.loads((tmp_path / "cis.json").read_text(encoding="utf-8"))
    assert (data["programme"], data["participants"], data["staff"]) == ("CIS", 4, STAFF)
