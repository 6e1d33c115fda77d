"""The CIS benefit list as PDF (pypdf), XLSX (openpyxl) and CSV (csv), against the hand-made
October 2026 of tests/benefit_data.py; an empty month refused in every format.

With the rule set of ``rules`` (from 1 June 2026: 1161.60 zł; per day 0.05 unexcused, 0.025 sick,
0 excused; 21 sick days and 6 days off in a stay) the amounts are, counted by hand:
- Ćwik: placed 19–30 October, 10 of 22 working days, always present: 1161.60 × 10 ÷ 22 = 528.00 zł;
- Gęślińska: 2 unexcused, 2 sick, 1 excused (free), 1 day off on request (the stay's first, free):
  1161.60 × (1 − 0.10 − 0.05) = 987.36 zł, and a premium of 100.00 zł: 1087.36 zł;
- Żółć: placed all month (moved between workshops), 5 sick: 1161.60 × (1 − 0.125) = 1016.40 zł;
benefits 2531.76 zł, premia 100.00 zł, altogether 2631.76 zł.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

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
from reintegra.db.models import BenefitRule
from reintegra.services.errors import ReintegraError

PEOPLE = [CWIK, GESLINSKA, ZOLC]  # in Polish order
TOTALS = (24, 1, 2, 7, 1, 1, 54)
# benefit, premium, total (as in the PDF: the decimal comma, a space between thousands)
AMOUNTS = [("528,00", "0,00", "528,00"), ("987,36", "100,00", "1 087,36"), ("1 016,40", "0,00", "1 016,40")]
STAYS = [("0/21", "0/6"), ("2/21", "1/6"), ("5/21", "0/6")]  # sick days and days off in the stay / limit
MONEY_TOTALS = ("2 531,76", "100,00", "2 631,76")


@pytest.fixture
def october(session):
    return make_october(session)


@pytest.fixture
def rules(session, october):
    session.add(BenefitRule(valid_from=date(2026, 6, 1), amount=Decimal("1161.60"),
                            unexcused_day_deduction=Decimal("0.05"), sick_day_deduction=Decimal("0.025"),
                            excused_day_deduction=Decimal("0"), sick_days_limit=21,
                            sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6))
    benefit.set_premium(session, october.geslinska, YEAR, MONTH, Decimal("100"), today=AS_OF)
    session.commit()


@pytest.fixture
def rows(session, october, rules):
    return benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)


def test_pdf_rows_names_pesels_counts_amounts_and_totals(session, october, rows):
    data = benefit_report(session, YEAR, MONTH, today=AS_OF)
    [found] = fragments(data)[:1]
    for number, ((last, first, _workshops, counts), row, stays, amounts) in enumerate(
            zip(PEOPLE, rows, STAYS, AMOUNTS), 1):
        texts = line_of(found, last, tolerance=3)
        assert texts[:4] == [str(number), last, first, row.pesel]
        assert texts[-12:] == [*(str(count) for count in counts), *stays, *amounts]
    assert line_of(found, _("Total"), tolerance=3)[-10:] == [*(str(count) for count in TOTALS), *MONEY_TOTALS]
    text = page_text(data)
    for header in (_("Benefit (zł)"), _("Premium (zł)"), _("Total (zł)")):
        assert header in text
    assert "1 161,60" in text.replace("\xa0", " ")  # the rules the amounts follow, under the table
    assert "Pracownia gastronomiczna, Pracownia krawiecka" in text  # Żółć moved in the month
    assert benefit.list_title(YEAR, MONTH) in text and "październik 2026" in text
    assert "Abacki" not in text and "Babacka" not in text and "Cabacka" not in text
    for caption in (_("signature of the person preparing the list"), _("director's signature")):
        assert caption in text
    for header in benefit.count_headers():
        assert header in text


def test_pdf_without_rules_has_counts_and_no_amounts(session, october):
    """No rule set is in force for October: the amounts are dashes and the list says why."""
    data = benefit_report(session, YEAR, MONTH, today=AS_OF)
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2
    [found] = fragments(data)[:1]
    for (last, _first, _workshops, counts), (sick, leave) in zip(PEOPLE, [("0", "0"), ("2", "1"), ("5", "0")]):
        assert line_of(found, last, tolerance=3)[-12:] == [*(str(count) for count in counts), sick, leave,
                                                           "—", "0,00", "—"]
    assert "październik 2026" in page_text(data)


def test_pdf_of_one_workshop(session, october, rules):
    data = benefit_report(session, YEAR, MONTH, workshop_id=october.tailoring_id, today=AS_OF)
    [found] = fragments(data)[:1]
    assert line_of(found, "Żółć", tolerance=3)[-12:-5] == [str(count) for count in ZOLC[3]]
    text = page_text(data)
    assert "Ćwik" in text and "Gęślińska" not in text
    assert TAILORING in text
    assert line_of(found, _("Total"), tolerance=3)[-10:] == ["14", "0", "0", "5", "0", "0", "32", "1 544,40",
                                                             "0,00", "1 544,40"]


def test_pdf_warnings_under_the_person(session, october, rules):
    """A stay with a 2-day sick limit: Żółć's 5 sick days in October are the 1st–5th, 3 beyond the limit:
    1161.60 × (1 − 2 × 0.025 − 3 × 0.05) = 929.28 zł, and the warning is printed in the list."""
    session.get(BenefitRule, 1).sick_days_limit = 2
    session.commit()
    [row] = [row for row in benefit.benefit_list(session, YEAR, MONTH, today=AS_OF) if row.last_name == "Żółć"]
    assert row.benefit == Decimal("929.28") and row.warnings
    text = page_text(benefit_report(session, YEAR, MONTH, today=AS_OF))
    assert " ".join(row.warnings[0].split()) in text


def test_pdf_of_a_month_in_progress_says_up_to_when(session, october):
    text = page_text(benefit_report(session, YEAR, MONTH, today=oct_(16)))
    assert _("Working days are counted up to {date}.").format(date="16.10.2026") in text
    assert " ".join(_("The month is not over: the amounts are provisional, with only the absences recorded so far "
                      "deducted.").split()) in text
    finished = page_text(benefit_report(session, YEAR, MONTH, today=date(2026, 11, 2)))
    assert _("The month is not over: the amounts are provisional, with only the absences recorded so far "
             "deducted.")[:25] not in finished


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
                        "Nieob. nieuspr.", "Chorobowe", "Urlop", pgettext("column", "Day off"), "Dni robocze",
                        *benefit.money_headers(), *benefit.limit_headers(), _("Warnings")]
    amounts = [["528,00", "0,00", "528,00"], ["987,36", "100,00", "1087,36"], ["1016,40", "0,00", "1016,40"]]
    limits = [["0", "21", "0", "6"], ["2", "21", "1", "6"], ["5", "21", "0", "6"]]
    assert table[1:] == [[last, first, row.pesel, ", ".join(workshops), *map(str, counts), *money, *limit, ""]
                         for (last, first, workshops, counts), row, money, limit in zip(PEOPLE, rows, amounts, limits)]
    assert table[2][:4] == ["Gęślińska", "Żaneta", make_pesel(date(1990, 5, 17), 21), KITCHEN]


def test_english_csv_has_commas(tmp_path, rows):
    i18n.set_language("en")
    path = tmp_path / "benefit.CSV"
    export.write_benefit_list(rows, YEAR, MONTH, path)
    table = _read_csv(path, ",")
    assert table[0] == ["Last name", "First name", "PESEL", "Workshops", "Present", "Excused", "Unexcused", "Sick",
                        "Leave", "Day off", "Working days", "Benefit (zł)", "Premium (zł)", "Total (zł)",
                        "Sick days in the stay", "Sick days limit", "Days off in the stay", "Days off limit",
                        "Warnings"]
    assert table[3] == ["Żółć", "Łukasz", rows[2].pesel, f"{KITCHEN}, {TAILORING}", "9", "0", "0", "5", "0", "0",
                        "22", "1016.40", "0.00", "1016.40", "5", "21", "0", "6", ""]


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
    assert header[:4] == ["Nazwisko", "Imię", "PESEL", _("Workshops")]
    assert header[4:] == [*benefit.count_headers(), *benefit.money_headers(), *benefit.limit_headers(), _("Warnings")]
    assert all(cell.font.bold for cell in sheet[3])
    amounts = [(528.0, 0, 528.0), (987.36, 100.0, 1087.36), (1016.4, 0, 1016.4)]
    limits = [(0, 21, 0, 6), (2, 21, 1, 6), (5, 21, 0, 6)]
    for line, ((last, first, workshops, counts), row, money, limit) in enumerate(zip(PEOPLE, rows, amounts, limits),
                                                                                  4):
        values = [cell.value for cell in sheet[line]]
        assert values == [last, first, row.pesel, ", ".join(workshops), *counts, *money, *limit, None]
        assert sheet.cell(line, 3).data_type == "s"  # the PESEL as text, a leading zero kept
        assert all(isinstance(value, int) for value in values[4:11])
        assert sheet.cell(line, 12).number_format == "#,##0.00"
    totals = [cell.value for cell in sheet[7]]
    assert totals == [_("Total"), None, None, None, *TOTALS, 2531.76, 100.0, 2631.76, None, None, None, None, None]
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
