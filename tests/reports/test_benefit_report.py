"""The CIS benefit list as PDF (pypdf), XLSX (openpyxl) and CSV (csv), against the hand-made
October 2026 of tests/benefit_data.py; an empty month refused in every format."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from benefit_data import AS_OF, CWIK, GESLINSKA, KITCHEN, MONTH, TAILORING, YEAR, ZOLC, make_october, oct_
from factories import days, make_pesel
from pdf_fragments import fragments, line_of, page_text
from reintegra import i18n
from reintegra.i18n import _, pgettext
from reintegra.reports import export
from reintegra.reports.benefit import benefit_report
from reintegra.services import benefit
from reintegra.services.benefit import BenefitRow
from reintegra.services.errors import ReintegraError

PEOPLE = [CWIK, GESLINSKA, ZOLC]  # in Polish order
TOTALS = (24, 1, 2, 7, 1, 1, 54)


@pytest.fixture
def october(session):
    return make_october(session)


@pytest.fixture
def rows(session, october):
    return benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)


def test_pdf_rows_names_pesels_counts_and_totals(session, october, rows):
    data = benefit_report(session, YEAR, MONTH, today=AS_OF)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    [found] = fragments(data)
    for number, ((last, first, _workshops, counts), row) in enumerate(zip(PEOPLE, rows), 1):
        texts = line_of(found, last, tolerance=3)
        assert texts[:4] == [str(number), last, first, row.pesel]
        assert texts[-7:] == [str(count) for count in counts]
    assert line_of(found, _("Total"), tolerance=3)[-7:] == [str(count) for count in TOTALS]
    text = page_text(data)
    assert "Pracownia gastronomiczna, Pracownia krawiecka" in text  # Żółć moved in the month
    assert benefit.list_title(YEAR, MONTH) in text and "październik 2026" in text
    assert "Abacki" not in text and "Babacka" not in text and "Cabacka" not in text
    for caption in (_("signature of the person preparing the list"), _("director's signature")):
        assert caption in text
    for header in benefit.count_headers():
        assert header in text


def test_pdf_of_one_workshop(session, october):
    data = benefit_report(session, YEAR, MONTH, workshop_id=october.tailoring_id, today=AS_OF)
    [found] = fragments(data)
    assert line_of(found, "Żółć", tolerance=3)[-7:] == [str(count) for count in ZOLC[3]]
    text = page_text(data)
    assert "Ćwik" in text and "Gęślińska" not in text
    assert TAILORING in text
    assert line_of(found, _("Total"), tolerance=3)[-7:] == ["14", "0", "0", "5", "0", "0", "32"]


def test_pdf_of_a_month_in_progress_says_up_to_when(session, october):
    text = page_text(benefit_report(session, YEAR, MONTH, today=oct_(16)))
    assert _("Working days are counted up to {date}.").format(date="16.10.2026") in text


def test_an_empty_month_is_one_sentence_in_every_format(session, october, tmp_path):
    with pytest.raises(ReintegraError) as error:
        benefit_report(session, 2026, 5, today=AS_OF)
    assert str(error.value) == str(benefit.nobody_error(2026, 5))
    assert "maj 2026" in str(error.value)
    with pytest.raises(ReintegraError) as error:
        benefit_report(session, 2026, 9, workshop_id=october.tailoring_id, today=AS_OF)
    assert TAILORING in str(error.value)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("lista.csv", "lista.xlsx"):
        with pytest.raises(ReintegraError) as error:
            export.write_benefit_list([], 2026, 5, out / name)
        assert str(error.value) == str(benefit.nobody_error(2026, 5))
    assert list(out.iterdir()) == []


def _read_csv(path, delimiter):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file, delimiter=delimiter))


def test_polish_csv(tmp_path, rows):
    path = tmp_path / "świadczenie.csv"
    export.write_benefit_list(rows, YEAR, MONTH, path)
    table = _read_csv(path, ";")
    assert table[0] == ["Nazwisko", "Imię", "PESEL", _("Workshops"), "Obecności", "Nieob. uspraw.",
                        "Nieob. nieuspr.", "Chorobowe", "Urlop", pgettext("column", "Day off"), "Dni robocze"]
    assert table[1:] == [[last, first, row.pesel, ", ".join(workshops), *map(str, counts)]
                         for (last, first, workshops, counts), row in zip(PEOPLE, rows)]
    assert table[2][:4] == ["Gęślińska", "Żaneta", make_pesel(date(1990, 5, 17), 21), KITCHEN]


def test_english_csv_has_commas(tmp_path, rows):
    i18n.set_language("en")
    path = tmp_path / "benefit.CSV"
    export.write_benefit_list(rows, YEAR, MONTH, path)
    table = _read_csv(path, ",")
    assert table[0] == ["Last name", "First name", "PESEL", "Workshops", "Present", "Excused", "Unexcused", "Sick",
                        "Leave", "Day off", "Working days"]
    assert table[3] == ["Żółć", "Łukasz", rows[2].pesel, f"{KITCHEN}, {TAILORING}", "9", "0", "0", "5", "0", "0",
                        "22"]


def test_csv_and_xlsx_text_is_never_a_formula(tmp_path):
    row = BenefitRow(1, "=HYPERLINK(\"http://x\")", "+48", None, ["@pracownia"], days(present=1), working_days=1)
    export.write_benefit_list([row], YEAR, MONTH, tmp_path / "a.csv")
    assert _read_csv(tmp_path / "a.csv", ";")[1][:4] == ["'=HYPERLINK(\"http://x\")", "'+48", "", "'@pracownia"]
    export.write_benefit_list([row], YEAR, MONTH, tmp_path / "a.xlsx")
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert sheet["A4"].value == "=HYPERLINK(\"http://x\")" and sheet["A4"].data_type == "s"
    assert sheet["C4"].value is None


def test_xlsx_title_header_numbers_totals(tmp_path, rows):
    path = tmp_path / "świadczenie.xlsx"
    export.write_benefit_list(rows, YEAR, MONTH, path)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == benefit.list_title(YEAR, MONTH) and sheet["A1"].font.bold
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["Nazwisko", "Imię", "PESEL", _("Workshops")] and header[4:] == benefit.count_headers()
    assert all(cell.font.bold for cell in sheet[3])
    for line, ((last, first, workshops, counts), row) in enumerate(zip(PEOPLE, rows), 4):
        values = [cell.value for cell in sheet[line]]
        assert values == [last, first, row.pesel, ", ".join(workshops), *counts]
        assert sheet.cell(line, 3).data_type == "s"  # the PESEL as text, a leading zero kept
        assert all(isinstance(value, int) for value in values[4:])
    totals = [cell.value for cell in sheet[7]]
    assert totals == [_("Total"), None, None, None, *TOTALS]
    assert sheet["E7"].font.bold
    assert sheet.max_row == 7
    assert sheet.freeze_panes == "C4"
    assert sheet.column_dimensions["A"].width >= len("Gęślińska")
    assert sheet.column_dimensions["D"].width >= len(f"{KITCHEN}, {TAILORING}")


@pytest.mark.parametrize("name", ["lista.pdf", "lista.txt", "lista"])
def test_a_wrong_suffix_is_refused_and_nothing_written(tmp_path, rows, name):
    i18n.set_language("en")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ReintegraError) as error:
        export.write_benefit_list(rows, YEAR, MONTH, out / name)
    assert str(error.value) == f"The benefit list can be saved as a .csv or .xlsx file, not as {name}."
    assert list(out.iterdir()) == []
