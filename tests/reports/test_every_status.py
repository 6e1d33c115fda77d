"""Every attendance status in every output that lists statuses: the attendance CSV and XLSX, the
attendance sheet, the CIS benefit list (service, PDF, CSV, XLSX), the participant report and the
importer's codes. Parametrised over ``AttendanceStatus``, so a status added to ``db.enums.STATUSES``
is checked everywhere at once.

One CIS participant placed on Monday 2 March 2026; the status is recorded on Tuesday 3 March and
nothing else that month (22 working days, counted as of 31 March).
"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook

from factories import placed, workshop
from pdf_fragments import fragments, line, line_of, page_text
from reintegra.db.enums import MONTH_TOTAL_STATUSES, STATUSES, AttendanceStatus, Programme
from reintegra.i18n import format_month
from reintegra.reports import export
from reintegra.reports.attendance_sheet import attendance_sheet
from reintegra.reports.benefit import benefit_report
from reintegra.reports.participant import participant_report
from reintegra.services import attendance, benefit, importing, labels

YEAR, MONTH = 2026, 3
DAY = date(2026, 3, 3)
AS_OF = date(2026, 3, 31)
WORKSHOP = "Pracownia krawiecka"
LAST, FIRST = "Ślęzak", "Józef"

EVERY_STATUS = pytest.mark.parametrize("status", list(AttendanceStatus))


@pytest.fixture
def recorded(session, status):
    """(participant, workshop id) with ``status`` on DAY."""
    crafts = workshop(session, WORKSHOP)
    person = placed(session, FIRST, LAST, date(2026, 3, 2), crafts.id, programme=Programme.CIS)
    attendance.set_attendance(session, person.id, crafts.id, DAY, status)
    return person, crafts.id


def _expected_counts(status: AttendanceStatus) -> list[str]:
    """The month-total columns: 1 under the status's own column, 0 elsewhere."""
    return ["1" if other is status else "0" for other in MONTH_TOTAL_STATUSES]


def _rows(session, workshop_id):
    return attendance.month_rows(session, workshop_id, YEAR, MONTH, as_of=AS_OF)


def test_the_table_describes_every_status_once():
    assert list(STATUSES) == list(AttendanceStatus)
    letters = [info.letter for info in STATUSES.values()]
    assert len(set(letters)) == len(letters)
    codes = [code.lower() for info in STATUSES.values() for code in info.codes]
    assert len(set(codes)) == len(codes)
    single_keys = [keys for info in STATUSES.values() for keys in info.keys if len(keys) == 1]
    assert len(set(single_keys)) == len(single_keys)


@EVERY_STATUS
def test_every_status_has_a_label_letter_codes_and_keys(status):
    info = STATUSES[status]
    assert labels.label(status) and labels.short_label(status) and info.letter
    assert {status.value, info.letter.lower()} <= {code.lower() for code in info.codes}
    assert info.keys and all(1 <= len(keys) <= 2 for keys in info.keys)
    first_letters = {keys for other in STATUSES.values() for keys in other.keys if len(keys) == 1}
    assert all(keys[0] in first_letters for keys in info.keys if len(keys) == 2)  # U of UW is a status itself
    assert all(colour.startswith("#") and len(colour) == 7 for colour in info.colour)


@EVERY_STATUS
def test_the_importer_reads_every_code(session, recorded, status, tmp_path):
    person, workshop_id = recorded
    for code in STATUSES[status].codes:
        assert labels.parse_status(code) is status
        assert labels.parse_status(f" {code.swapcase()} ") is status
    # One day per code, from Wednesday 4 March on, imported from a file as a facility would.
    days = [date(2026, 3, 4 + index) for index in range(len(STATUSES[status].codes))]
    path = tmp_path / "obecność.csv"
    with open(path, "w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["pesel", "date", "status", "hours"],
                                    *[[person.pesel, day.isoformat(), code, ""]
                                      for day, code in zip(days, STATUSES[status].codes)]])
    importing.import_attendance(session, path, today=AS_OF)
    stored = _rows(session, workshop_id)[0].by_day
    assert stored == {day: status for day in [DAY, *days]}


@EVERY_STATUS
def test_the_attendance_csv_and_xlsx_count_it(session, recorded, status, tmp_path):
    person, workshop_id = recorded
    rows = _rows(session, workshop_id)
    count_columns = slice(2, 2 + len(MONTH_TOTAL_STATUSES))

    export.write_attendance(tmp_path / "a.csv", rows, workshop=WORKSHOP, year=YEAR, month=MONTH)
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as file:
        header, line_ = list(csv.reader(file, delimiter=";"))
    assert header[count_columns] == [labels.short_label(s) for s in MONTH_TOTAL_STATUSES]
    assert header[:2] == ["Nazwisko", "Imię"] and header[-3:-1] == ["Dni robocze", "Godziny"]
    assert line_[:2] == [LAST, FIRST] and line_[count_columns] == _expected_counts(status)
    assert (labels.short_label(status) in header) is STATUSES[status].in_month_totals

    export.write_attendance(tmp_path / "a.xlsx", rows, workshop=WORKSHOP, year=YEAR, month=MONTH)
    sheet = load_workbook(tmp_path / "a.xlsx").active
    header, line_, totals = ([cell.value for cell in row] for row in sheet.iter_rows(min_row=3, max_row=5))
    assert header[count_columns] == [labels.short_label(s) for s in MONTH_TOTAL_STATUSES]
    assert [str(value) for value in line_[count_columns]] == _expected_counts(status)
    assert [str(value) for value in totals[count_columns]] == _expected_counts(status)


@EVERY_STATUS
def test_the_attendance_sheet_shows_its_letter_legend_and_count(session, recorded, status):
    _person, workshop_id = recorded
    data = attendance_sheet(session, workshop_id, YEAR, MONTH, today=AS_OF)
    text = page_text(data)
    assert f"{status.letter} – {labels.label(status).lower()}" in text  # the legend
    found = fragments(data)[0]
    row = line_of(found, f"{LAST} {FIRST}")
    # No., name, the one recorded day's letter, the month-total counts, working days, hours, rate
    assert row[:3] == ["1", f"{LAST} {FIRST}", status.letter]
    assert row[3:3 + len(MONTH_TOTAL_STATUSES)] == _expected_counts(status)
    assert row[3 + len(MONTH_TOTAL_STATUSES)] == "22"
    # Each count column is headed by its status's letter, straight above the count.
    person_line = line(found, next(f for f in found if f.text == f"{LAST} {FIRST}").y)
    counts = person_line[3:3 + len(MONTH_TOTAL_STATUSES)]
    for counted, fragment in zip(MONTH_TOTAL_STATUSES, counts):
        assert any(f.text == counted.letter and abs(f.x - fragment.x) < 6 and f.y > fragment.y for f in found)


@EVERY_STATUS
def test_the_benefit_list_counts_it_in_every_format(session, recorded, status, tmp_path):
    _person, workshop_id = recorded
    rows = benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)
    expected = [*("1" if other is status else "0" for other in STATUSES), "22"]
    assert [str(number) for number in rows[0].numbers()] == expected
    headers = benefit.count_headers()
    assert headers[:-1] == [labels.short_label(s) for s in STATUSES]

    export.write_benefit_list(rows, YEAR, MONTH, tmp_path / "b.csv")
    with open(tmp_path / "b.csv", encoding="utf-8-sig", newline="") as file:
        header, line_ = list(csv.reader(file, delimiter=";"))
    counted = slice(4, 4 + len(expected))  # the amounts and the stay's limits follow the counts
    assert header[counted] == headers and line_[counted] == expected

    export.write_benefit_list(rows, YEAR, MONTH, tmp_path / "b.xlsx")
    sheet = load_workbook(tmp_path / "b.xlsx").active
    header, line_, totals = ([cell.value for cell in row] for row in sheet.iter_rows(min_row=3, max_row=5))
    assert header[counted] == headers
    assert [str(value) for value in line_[counted]] == expected == [str(value) for value in totals[counted]]

    data = benefit_report(session, YEAR, MONTH, today=AS_OF)
    # after the counts: sick days and days off in the stay, then benefit, premium, total (no rule set: dashes)
    assert line_of(fragments(data)[0], LAST)[-len(expected) - 5:-5] == expected
    assert labels.short_label(status) in page_text(data)


@EVERY_STATUS
def test_the_participant_report_counts_it(session, recorded, status):
    person, workshop_id = recorded
    data = participant_report(session, person.id, today=AS_OF)
    text = page_text(data)
    found = [f for page in fragments(data) for f in page]
    month = line_of(found, format_month(YEAR, MONTH))
    assert month[1:1 + len(MONTH_TOTAL_STATUSES)] == _expected_counts(status)
    assert month[1 + len(MONTH_TOTAL_STATUSES)] == "22"
    for counted in MONTH_TOTAL_STATUSES:
        assert labels.short_label(counted) in text
