"""The path after in the reports, on the hand-counted facility of tests/pathway_data.py: the summary's
table of where the 2025 leavers are (PDF, XLSX, JSON read back) and the participant report's timeline."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import pathway_data
from reintegra.reports import export
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.reports.participant import participant_report
from reintegra.reports.summary import summary_report
from reintegra.services import pathway, statistics
from reintegra.services.pathway import PLACES, place_label


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def ids(session):
    return pathway_data.build(session)


def test_the_summary_json_has_the_hand_count(session, ids, tmp_path):
    summary = statistics.facility_summary(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF)
    path = tmp_path / "podsumowanie.json"
    export.write_summary(path, summary)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["leavers_after"] == {str(months): counts for months, counts in pathway_data.EXPECTED.items()}


def test_the_summary_pdf_has_the_table_of_the_leavers(session, ids):
    text = _text(summary_report(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF))
    for months in pathway.HORIZONS:
        assert pathway.horizon_label(months) in text
    # Each place with its 3-, 6- and 12-month counts on one row, as counted by hand.
    for place in PLACES:
        counts = [str(pathway_data.EXPECTED[months][place.value]) for months in pathway.HORIZONS]
        row = re.escape(place_label(place)) + " " + " ".join(counts) + r"(?![\d,.])"
        assert re.search(row, text), place
    assert re.search(r"5 5 5(?![\d,.])", text)  # the leavers, at each horizon


def test_the_summary_xlsx_has_the_table_of_the_leavers(session, ids, tmp_path):
    summary = statistics.facility_summary(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF)
    path = tmp_path / "podsumowanie.xlsx"
    export.write_summary(path, summary)
    sheet = load_workbook(path).active
    rows = {row[0]: row[1:4] for row in sheet.iter_rows(values_only=True) if row and row[0] in
            {place_label(place) for place in PLACES}}
    assert rows == {place_label(place): tuple(pathway_data.EXPECTED[months][place.value]
                                              for months in pathway.HORIZONS) for place in PLACES}


def test_the_participant_report_has_the_path_after(session, ids):
    text = _text(participant_report(session, ids["Zofia"], today=pathway_data.AS_OF))
    assert _("Path after") in text
    steps = pathway.timeline(session, ids["Zofia"], today=pathway_data.AS_OF)
    assert " ".join(pathway.timeline_text(steps).split()) in text
    assert " ".join(steps[2].text().split()) in text  # the 3-month contact, with its employer


def test_the_participant_report_shows_an_instructor_only_the_stays_they_reach(session, ids):
    ola = session.get(User, ids["ola"])
    director_text = _text(participant_report(session, ids["Wiktor ZAZ"], today=pathway_data.AS_OF))
    assert "WTZ 2018–2025" in director_text
    text = _text(participant_report(session, ids["Wiktor ZAZ"], today=pathway_data.AS_OF, actor=ola))
    # One stay reached and no contact: no path to show, and the WTZ stay is not named anywhere (the
    # participation's "Other stays" line neither).
    assert "08.01.2018" in director_text
    assert _("Path after") not in text and "WTZ 2018" not in text and "08.01.2018" not in text
    # Adam: one stay, two contacts — a path even without a second stay.
    assert _("Path after") in _text(participant_report(session, ids["Adam"], today=pathway_data.AS_OF))
