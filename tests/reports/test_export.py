"""Attendance and summary files read back: CSV with csv, XLSX with openpyxl, JSON with json."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from factories import days
from reintegra import i18n
from reintegra.db.enums import ExitReason
from reintegra.i18n import _
from reintegra.reports import export
from reintegra.services import labels
from reintegra.services.attendance import MonthRow
from reintegra.services.errors import ReintegraError
from reintegra.services.statistics import FacilitySummary, Figures

POLISH_HEADERS = ["Nazwisko", "Imię", "Obecności", "Nieob. uspraw.", "Nieob. nieuspr.", "Chorobowe", "Urlop",
                  "Dni robocze", "Godziny", "Frekwencja (%)"]
ENGLISH_HEADERS = ["Last name", "First name", "Present", "Excused", "Unexcused", "Sick", "Leave",
                   "Working days", "Hours", "Attendance rate (%)"]
WORKSHOP = "Pracownia rękodzieła"


@pytest.fixture
def rows():
    return [
        # 20 of 21 working days present: 95.238…% → 95.2; 142.5 hours.
        MonthRow(1, "Żółkiewska", "Łucja", days(present=20, excused=1), working_days=21, hours=Decimal("142.50")),
        # 7 of 8: 87.5%; whole hours.
        MonthRow(2, "Ślęzak", "Józef", days(present=7, unexcused=1, sick=2, leave=1), working_days=8,
                 hours=Decimal("49.00")),
        # Placed after the last working day of the month: no rate at all.
        MonthRow(3, "Nowak", "Ćwirek", working_days=0),
    ]


def _read_csv(path, delimiter):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file, delimiter=delimiter))


def test_polish_csv_has_semicolons_and_decimal_commas(tmp_path, rows):
    path = tmp_path / "obecność.csv"
    export.write_attendance(path, rows, workshop=WORKSHOP, year=2026, month=3)
    table = _read_csv(path, ";")
    assert table[0] == POLISH_HEADERS
    assert table[1:] == [
        ["Żółkiewska", "Łucja", "20", "1", "0", "0", "0", "21", "142,5", "95,2"],
        ["Ślęzak", "Józef", "7", "0", "1", "2", "1", "8", "49", "87,5"],
        ["Nowak", "Ćwirek", "0", "0", "0", "0", "0", "0", "0", ""],
    ]
    assert ";" in path.read_text(encoding="utf-8-sig").splitlines()[0]


def test_english_csv_has_commas_and_decimal_points(tmp_path, rows):
    i18n.set_language("en")
    path = tmp_path / "attendance.CSV"  # the suffix in any case
    export.write_attendance(path, rows, workshop=WORKSHOP, year=2026, month=3)
    table = _read_csv(path, ",")
    assert table[0] == ENGLISH_HEADERS
    assert table[1] == ["Żółkiewska", "Łucja", "20", "1", "0", "0", "0", "21", "142.5", "95.2"]
    assert table[2][8:] == ["49", "87.5"]


def test_csv_rate_rounds_half_up(tmp_path):
    # 1 of 16 = 6.25% → 6.3 (banker's rounding would give 6.2).
    path = tmp_path / "a.csv"
    export.write_attendance(path, [MonthRow(1, "Nowak", "Jan", days(present=1), working_days=16)],
                            workshop=WORKSHOP, year=2026, month=3)
    assert _read_csv(path, ";")[1][9] == "6,3"


def test_text_is_never_a_formula(tmp_path):
    row = MonthRow(1, "=HYPERLINK(\"http://x\")", "+48", days(present=1), working_days=1, hours=Decimal("7"))
    export.write_attendance(tmp_path / "a.csv", [row], workshop=WORKSHOP, year=2026, month=3)
    assert _read_csv(tmp_path / "a.csv", ";")[1][:2] == ["'=HYPERLINK(\"http://x\")", "'+48"]
    export.write_attendance(tmp_path / "a.xlsx", [row], workshop="=Zła nazwa", year=2026, month=3)
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert sheet["A4"].value == "=HYPERLINK(\"http://x\")" and sheet["A4"].data_type == "s"
    assert sheet["A1"].data_type == "s" and "=Zła nazwa" in sheet["A1"].value


def test_xlsx_has_title_header_numbers_and_totals(tmp_path, rows):
    path = tmp_path / "obecność.xlsx"
    export.write_attendance(path, rows, workshop=WORKSHOP, year=2026, month=3)
    book = load_workbook(path)
    sheet = book.active
    title = sheet["A1"].value
    assert WORKSHOP in title and i18n.format_month(2026, 3) in title and "marzec 2026" in title
    assert sheet["A1"].font.bold
    header = [cell.value for cell in sheet[3]]
    assert header == POLISH_HEADERS[:9] + ["Frekwencja"]
    assert all(cell.font.bold for cell in sheet[3])
    first = [cell.value for cell in sheet[4]]
    assert first[:2] == ["Żółkiewska", "Łucja"]
    assert first[2:9] == [20, 1, 0, 0, 0, 21, 142.5]
    assert first[9] == pytest.approx(20 / 21)
    assert sheet["J4"].number_format == "0.0%"
    assert [cell.value for cell in sheet[5]][8:] == [49, pytest.approx(7 / 8)]
    assert isinstance(sheet["I5"].value, int)
    assert sheet["J6"].value is None  # no working days, no rate
    totals = [cell.value for cell in sheet[7]]
    assert totals == [_("Total"), None, 27, 1, 1, 2, 1, 29, 191.5, pytest.approx(27 / 29)]
    assert sheet["C7"].font.bold and sheet["J7"].number_format == "0.0%"
    assert sheet.freeze_panes == "C4"
    assert sheet.column_dimensions["A"].width >= len("Żółkiewska")
    assert sheet.max_row == 7


def test_xlsx_with_nobody_placed_still_has_header_and_totals(tmp_path):
    path = tmp_path / "empty.xlsx"
    export.write_attendance(path, [], workshop=WORKSHOP, year=2026, month=3)
    sheet = load_workbook(path).active
    assert sheet["A3"].value == _("Last name")
    assert [cell.value for cell in sheet[4]][:3] == [_("Total"), None, 0]


@pytest.mark.parametrize("name", ["obecność.pdf", "obecność.txt", "obecność", "obecność.xls"])
def test_a_wrong_suffix_is_refused_and_nothing_written(tmp_path, rows, name):
    i18n.set_language("en")
    with pytest.raises(ReintegraError) as error:
        export.write_attendance(tmp_path / name, rows, workshop=WORKSHOP, year=2026, month=3)
    assert str(error.value) == (f"The attendance report can be saved as a .csv or .xlsx file, not as {name}.")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_one_sentence(tmp_path, rows):
    i18n.set_language("en")
    with pytest.raises(ReintegraError) as error:
        export.write_attendance(tmp_path / "nie-ma" / "a.csv", rows, workshop=WORKSHOP, year=2026, month=3)
    assert str(error.value) == f"The folder {tmp_path / 'nie-ma'} does not exist."


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(tmp_path, rows):
    path = tmp_path / "a.csv"
    path.write_text("stary raport", encoding="utf-8")
    broken = [*rows, object()]  # not a MonthRow: the writer fails half way
    with pytest.raises(AttributeError):
        export.write_attendance(path, broken, workshop=WORKSHOP, year=2026, month=3)
    assert path.read_text(encoding="utf-8") == "stary raport"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


# --- summary ----------------------------------------------------------------------------


@pytest.fixture
def summary():
    kitchen = Figures(participants=4, active_at_end=1, admitted=2, exited=2, completed=2, employed_at_exit=1,
                      completed_not_in_education=2, employed_within_90_days=1, retention_base=1, retained_6_months=1,
                      present_days=5, working_days=596, not_entered_days=590,
                      exits_by_reason={**{r: 0 for r in ExitReason}, ExitReason.EMPLOYMENT: 1, ExitReason.HEALTH: 1})
    crafts = Figures(participants=3, exited=1, completed=1, employed_at_exit=1, completed_not_in_education=1,
                     employed_after_6_months=1,
                     exits_by_reason={**{r: 0 for r in ExitReason}, ExitReason.ZAZ: 1})
    return FacilitySummary(
        start=date(2025, 1, 1), end=date(2025, 12, 31), as_of=date(2026, 11, 23),
        generated=datetime(2026, 11, 23, 8, 30, 5),
        participants=7, active_at_end=2, admitted=4, exited=3, completed=3, employed_at_exit=2,
        completed_not_in_education=3, employed_within_90_days=1, retention_base=1, retained_6_months=1,
        employed_after_6_months=1, present_days=5, working_days=596, not_entered_days=590,
        exits_by_reason={**{r: 0 for r in ExitReason}, ExitReason.EMPLOYMENT: 1, ExitReason.HEALTH: 1,
                         ExitReason.ZAZ: 1},
        by_workshop={"Pracownia gastronomiczna": kitchen, WORKSHOP: crafts},
        applicants_waiting=3, median_wait_days=40, longest_wait_days=400, median_wait_admitted_days=12.5,
    )


DESIGN_KEYS = ["participants", "active_at_end", "admitted", "exited", "exits_by_reason", "completed",
               "completion_rate", "employed_at_exit", "employed_within_3_months", "employed_after_6_months",
               "attendance_rate", "employed_within_90_days", "completed_not_in_education", "retained_6_months",
               "retention_rate", "not_entered_days", "stays", "readmitted"]


WAITING_KEYS = ["applicants_waiting", "median_wait_days", "longest_wait_days", "median_wait_admitted_days"]


def test_summary_json_has_the_keys_of_the_design(tmp_path, summary):
    path = tmp_path / "podsumowanie.json"
    export.write_summary(path, summary)
    text = path.read_text(encoding="utf-8")
    assert "rękodzieła" in text  # ensure_ascii=False: the letters themselves, not \u0119
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    data = json.loads(text)
    assert set(data) == {"period", "generated", *DESIGN_KEYS, *WAITING_KEYS, "leavers_after", "by_workshop"}
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert data["generated"] == "2026-11-23T08:30:05"
    assert data["exits_by_reason"] == {
        "employment": 1, "social_cooperative": 0, "own_business": 0, "zaz": 1, "training": 0, "health": 1, "moved": 0,
        "dropped_out": 0, "removed": 0, "death": 0, "other": 0, "withdrawn": 0, "not_eligible": 0}
    assert {key: data[key] for key in WAITING_KEYS} == {
        "applicants_waiting": 3, "median_wait_days": 40, "longest_wait_days": 400, "median_wait_admitted_days": 12.5}
    assert data["attendance_rate"] == 0.8333  # 5 / (596 − 590), four places
    assert data["not_entered_days"] == 590
    # employed_within_3_months is employed_within_90_days under its earlier name
    assert (data["completed"], data["completion_rate"], data["employed_within_3_months"]) == (3, 1.0, 1)
    assert (data["employed_within_90_days"], data["completed_not_in_education"]) == (1, 3)
    assert (data["retained_6_months"], data["retention_rate"]) == (1, 1.0)
    assert list(data["by_workshop"]) == ["Pracownia gastronomiczna", WORKSHOP]
    assert list(data["by_workshop"][WORKSHOP]) == DESIGN_KEYS
    assert data["by_workshop"][WORKSHOP]["attendance_rate"] is None
    assert data["by_workshop"][WORKSHOP]["exits_by_reason"]["zaz"] == 1
    assert text.startswith('{\n  "period"')  # indented by two


def test_summary_xlsx_has_labels_reasons_and_a_table_per_workshop(tmp_path, summary):
    path = tmp_path / "podsumowanie.xlsx"
    export.write_summary(path, summary)
    book = load_workbook(path)
    assert book.sheetnames == [_("Summary")]
    sheet = book.active
    assert "31.12.2025" in sheet["A1"].value and "01.01.2025" in sheet["A1"].value
    values = {row[0]: row[1] for row in sheet.iter_rows(min_col=1, max_col=2, values_only=True) if row[0]}
    assert values[_("Participants in the period")] == 7
    assert values[_("Active at the end of the period")] == 2
    assert values[_("Employed 6 months after exit")] == 1
    assert values[_("Attendance rate")] == pytest.approx(5 / 6)
    assert values[_("Working days not entered")] == 590
    assert values[_("Employed within 90 days of exit")] == 1
    assert values[_("Completed, not gone on to education")] == 3
    assert values[_("Retention rate")] == 1.0
    # The definitions, a line each under the figures.
    texts = [cell.value for cell in sheet["A"] if isinstance(cell.value, str)]
    assert any(text.startswith(_("Retention rate") + ":") for text in texts)
    assert values[_("Waiting for admission at the end of the period")] == 3
    assert values[_("Median wait of those waiting (days)")] == 40
    assert values[_("Longest wait of those waiting (days)")] == 400
    assert values[_("Median wait of those admitted in the period (days)")] == 12.5
    assert values[labels.label(ExitReason.ZAZ)] == 1
    assert values[labels.label(ExitReason.DEATH)] == 0
    table = [row for row in sheet.iter_rows(values_only=True) if row[0] == _("Workshop")]
    assert len(table) == 1
    header = list(table[0])
    assert header[:3] == [_("Workshop"), _("Participants in the period"), _("Active at the end of the period")]
    assert labels.label(ExitReason.SOCIAL_COOPERATIVE) in header
    crafts = next(row for row in sheet.iter_rows(values_only=True) if row[0] == WORKSHOP)
    # participants, active, admitted, exited, completed, completion rate, employed at exit, completed not
    # in education, within 90 days, retained, retention rate, after 6 months, attendance rate, not entered
    assert crafts[1:15] == (3, 0, 0, 1, 1, 1.0, 1, 1, 0, 0, None, 1, None, 0)
    assert crafts[header.index(labels.label(ExitReason.ZAZ))] == 1
    kitchen = next(row for row in sheet.iter_rows() if row[0].value == "Pracownia gastronomiczna")
    assert kitchen[13].value == pytest.approx(5 / 6) and kitchen[13].number_format == "0.0%"
    assert kitchen[11].value == 1.0 and kitchen[11].number_format == "0.0%"  # the retention rate
    assert kitchen[6].value == 1.0 and kitchen[6].number_format == "0.0%"  # the completion rate


def test_summary_xlsx_in_english_says_when_attendance_is_counted_to(tmp_path, summary):
    i18n.set_language("en")
    summary.as_of = date(2025, 6, 30)
    export.write_summary(tmp_path / "s.xlsx", summary)
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert sheet.title == "Summary"
    texts = [cell.value for cell in sheet["A"] if isinstance(cell.value, str)]
    assert any("Attendance is counted up to" in text for text in texts)
    assert "Employed at exit" in texts and labels.label(ExitReason.ZAZ) in texts


@pytest.mark.parametrize("name", ["s.txt", "s.pdf", "s"])
def test_summary_wrong_suffix_is_refused(tmp_path, summary, name):
    i18n.set_language("en")
    with pytest.raises(ReintegraError) as error:
        export.write_summary(tmp_path / name, summary)
    assert str(error.value) == f"The summary can be saved as a .json, .xlsx or .csv file, not as {name}."
    assert list(tmp_path.iterdir()) == []
