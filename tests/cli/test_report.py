"""`reintegra report attendance|summary` from the command line: files, exit codes, messages."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.orm import Session

from factories import admit, workshop
from reintegra.cli import main
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import ExitReason, Programme
from reintegra.db.engine import make_engine
from reintegra.services import attendance, participants, placements

WORKSHOP = "Pracownia rękodzieła"


@pytest.fixture
def facility(session):
    crafts = workshop(session, WORKSHOP)
    person = admit(session, "Łucja", "Żółkiewska", date(2026, 3, 2))
    placements.place(session, person.id, crafts.id, date(2026, 3, 2))
    for day in (2, 3, 4):
        attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, day), S.PRESENT)
    attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, 5), S.SICK)
    other = admit(session, "Józef", "Ślęzak", date(2026, 3, 2), serial=2)
    placements.place(session, other.id, crafts.id, date(2026, 3, 2))
    participants.exit_participant(session, other.id, other.version, date(2026, 3, 13), ExitReason.EMPLOYMENT)
    session.commit()
    return crafts


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def test_attendance_report_as_csv(database_path, facility, tmp_path, capsys):
    out = tmp_path / "marzec.csv"
    code = _run(database_path, "report", "attendance", "--workshop", WORKSHOP, "--month", "2026-03", "-o", str(out))
    assert code == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    with open(out, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0][:3] == ["Last name", "First name", "Present"]
    # March 2026 has 22 working days; Józef was placed 2–13 March: 10 of them, none entered, so no
    # rate (it was 0.0). Łucja: present on 3 of the 4 days entered (it was 3 of 22, 13.6).
    assert table[1:] == [
        ["Ślęzak", "Józef", "0", "0", "0", "0", "0", "10", "0", ""],
        ["Żółkiewska", "Łucja", "3", "0", "0", "1", "0", "22", "21", "75.0"],
    ]


def test_attendance_report_as_xlsx_with_the_name_in_any_case(database_path, facility, tmp_path):
    out = tmp_path / "marzec.xlsx"
    code = main(["--database", database_path, "report", "attendance", "--workshop", "pracownia RĘKODZIEŁA",
                 "--month", "2026-03", "-o", str(out)])
    assert code == 0
    sheet = load_workbook(out).active
    assert WORKSHOP in sheet["A1"].value and "marzec 2026" in sheet["A1"].value
    assert [cell.value for cell in sheet[5]][:3] == ["Żółkiewska", "Łucja", 3]


def test_unknown_workshop_is_one_sentence(database_path, facility, tmp_path, capsys):
    out = tmp_path / "a.csv"
    code = _run(database_path, "report", "attendance", "--workshop", "Pracownia stolarska", "--month", "2026-03",
                "-o", str(out))
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err == "There is no workshop named Pracownia stolarska.\n"
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists()


def test_a_wrong_suffix_is_one_sentence(database_path, facility, tmp_path, capsys):
    folder = tmp_path / "raporty"
    folder.mkdir()
    code = _run(database_path, "report", "attendance", "--workshop", WORKSHOP, "--month", "2026-03",
                "-o", str(folder / "a.ods"))
    assert code == 1
    assert capsys.readouterr().err == "This report can be saved as a .pdf, .xlsx or .csv file, not as a.ods.\n"
    assert list(folder.iterdir()) == []


def test_a_bad_month_is_a_usage_error(database_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        _run(database_path, "report", "attendance", "--workshop", WORKSHOP, "--month", "2026-13",
             "-o", str(tmp_path / "a.csv"))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "2026-13" in err and "usage:" in err and "Traceback" not in err


def test_summary_as_json(database_path, facility, tmp_path, capsys):
    out = tmp_path / "podsumowanie.json"
    code = _run(database_path, "report", "summary", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"period", "generated", "participants", "active_at_end", "admitted", "exited",
                         "exits_by_reason", "completed", "completion_rate", "employed_at_exit",
                         "employed_within_3_months", "employed_after_6_months", "attendance_rate", "by_workshop",
                         "employed_within_90_days", "completed_not_in_education", "retained_6_months",
                         "retention_rate", "not_entered_days", "stays", "readmitted", "applicants_waiting",
                         "median_wait_days", "longest_wait_days", "median_wait_admitted_days", "leavers_after"}
    assert (data["participants"], data["admitted"], data["exited"], data["active_at_end"]) == (2, 2, 1, 1)
    assert (data["stays"], data["readmitted"]) == (2, 0)  # one stay each, nobody came back
    assert (data["applicants_waiting"], data["median_wait_days"]) == (0, None)  # nobody on the waiting list
    assert data["exits_by_reason"]["employment"] == 1 and data["employed_at_exit"] == 1
    # 3 present over the 4 days entered of 22 + 10 working days; the other 28 not entered.
    assert (data["attendance_rate"], data["not_entered_days"]) == (0.75, 28)
    # Józef left for a job on 13 March: completed, employed within 90 days; his six months passed on
    # 13 September 2026, before the report is made (today), and no 6-month contact says he still works.
    assert (data["completed_not_in_education"], data["employed_within_90_days"]) == (1, 1)
    assert (data["retained_6_months"], data["retention_rate"]) == (0, 0.0)
    assert list(data["by_workshop"]) == [WORKSHOP]
    # The path after: Józef, the one leaver, had no 3-month contact (due 13 June 2026, before today).
    assert list(data["leavers_after"]) == ["3", "6", "12"]
    assert data["leavers_after"]["3"] == {"open_market": 0, "social_cooperative": 0, "zaz": 0, "education": 0,
                                          "not_employed": 0, "unknown": 1, "not_yet_due": 0}


def test_summary_as_xlsx(database_path, facility, tmp_path):
    out = tmp_path / "podsumowanie.xlsx"
    code = _run(database_path, "report", "summary", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(out))
    assert code == 0
    sheet = load_workbook(out)["Summary"]
    values = {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}
    assert values["Participants in the period"] == 2


def test_summary_ending_before_it_starts_is_refused(database_path, tmp_path, capsys):
    out = tmp_path / "s.json"
    code = _run(database_path, "report", "summary", "--from", "2026-03-31", "--to", "2026-03-01", "-o", str(out))
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err == "The period ends before it starts.\n" and "Traceback" not in captured.err
    assert not out.exists()


def test_a_bad_date_is_a_usage_error(database_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        _run(database_path, "report", "summary", "--from", "2026-02-30", "--to", "2026-03-01",
             "-o", str(tmp_path / "s.json"))
    assert exit_.value.code == 2
    assert "2026-02-30" in capsys.readouterr().err


# -- PDFs and the CIS benefit list --------------------------------------------------------------


def _pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_participant_report_by_pesel_as_pdf(database_path, facility, tmp_path, capsys):
    with Session(make_engine(database_path)) as session:
        pesel = participants.find_participant(session, "1").pesel
    out = tmp_path / "łucja.pdf"
    assert _run(database_path, "report", "participant", pesel, "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    pages, text = _pdf_text(out)
    assert pages >= 1 and "Żółkiewska" in text and pesel in text


def test_participant_report_of_nobody_or_to_a_wrong_suffix_is_one_sentence(database_path, facility, tmp_path,
                                                                          capsys):
    folder = tmp_path / "raporty"
    folder.mkdir()
    assert _run(database_path, "report", "participant", "999", "-o", str(folder / "x.pdf")) == 1
    assert capsys.readouterr().err == "No participant with the id or PESEL 999.\n"
    assert _run(database_path, "report", "participant", "1", "-o", str(folder / "x.xlsx")) == 1
    assert capsys.readouterr().err == "This report can be saved as a .pdf file, not as x.xlsx.\n"
    assert list(folder.iterdir()) == []


def test_attendance_sheet_and_summary_as_pdf(database_path, facility, tmp_path):
    sheet = tmp_path / "obecności.pdf"
    assert _run(database_path, "report", "attendance", "--workshop", WORKSHOP, "--month", "2026-03",
                "-o", str(sheet)) == 0
    pages, text = _pdf_text(sheet)
    assert pages == 1 and "Żółkiewska" in text and "Ślęzak" in text and WORKSHOP in text
    summary = tmp_path / "zestawienie.pdf"
    assert _run(database_path, "report", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
                "-o", str(summary)) == 0
    pages, text = _pdf_text(summary)
    assert pages >= 1 and WORKSHOP in text


def test_benefit_list_of_cis_participants(database_path, session, tmp_path):
    crafts = workshop(session, WORKSHOP)
    person = admit(session, "Żaneta", "Gęślińska", date(2026, 3, 2), programme=Programme.CIS, serial=7)
    placements.place(session, person.id, crafts.id, date(2026, 3, 2))
    for day, status in ((2, S.PRESENT), (3, S.PRESENT), (4, S.UNEXCUSED), (5, S.SICK)):
        attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, day), status)
    session.commit()
    out = tmp_path / "zasiłek.csv"
    assert _run(database_path, "report", "benefit", "--month", "2026-03", "-o", str(out)) == 0
    with open(out, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[1][:2] == ["Gęślińska", "Żaneta"]
    pdf = tmp_path / "zasiłek.pdf"
    assert _run(database_path, "report", "benefit", "--month", "2026-03", "--workshop", WORKSHOP,
                "-o", str(pdf)) == 0
    assert "Gęślińska" in _pdf_text(pdf)[1]
