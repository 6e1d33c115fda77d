"""`reintegra report daylog` and `reintegra report summary -o FILE.csv` from the command line: the file
written and read back, the disclosure in the audit log, bad input refused with one sentence and
nothing written."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from factories import admit, workshop
from reintegra.cli import main
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry
from reintegra.services import attendance, placements

WORKSHOP = "Pracownia rękodzieła"


@pytest.fixture
def facility(session):
    crafts = workshop(session, WORKSHOP)
    person = admit(session, "Łucja", "Żółkiewska", date(2026, 3, 2))
    placements.place(session, person.id, crafts.id, date(2026, 3, 2))
    attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, 2), S.PRESENT)
    attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, 3), S.EXCUSED)
    attendance.save_day_log(session, crafts.id, date(2026, 3, 2), "Wiązanie bukietów z gałązek świerku.")
    session.commit()
    return crafts


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def test_daylog_writes_the_pdf_and_records_where_it_went(database_path, facility, session, tmp_path, capsys):
    out = tmp_path / "dziennik.pdf"
    code = _run(database_path, "report", "daylog", "--workshop", WORKSHOP, "--month", "2026-03", "-o", str(out))
    assert code == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Wiązanie bukietów z gałązek świerku." in text
    assert "Łucja Żółkiewska" in text and "Łucja Żółkiewska (U)" in text
    assert "Monday" in text and "instructor's signature" in text
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.changes == {"what": "day_log", "file": str(out)}


@pytest.mark.parametrize("args, message", [
    (("--workshop", "Pracownia lotnicza", "--month", "2026-03"), "There is no workshop named Pracownia lotnicza."),
    (("--workshop", WORKSHOP, "--month", "2026-13"), "“2026-13” is not a month in the form YYYY-MM"),
])
def test_daylog_refuses_a_bad_workshop_or_month_and_writes_nothing(database_path, facility, tmp_path, capsys,
                                                                   args, message):
    out = tmp_path / "dziennik.pdf"
    try:
        code = _run(database_path, "report", "daylog", *args, "-o", str(out))
    except SystemExit as exit_:  # argparse refuses the month's form before the command runs
        code = exit_.code
    assert code != 0
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error
    assert not out.exists()


def test_daylog_refuses_another_format(database_path, facility, tmp_path, capsys):
    out = tmp_path / "dziennik.xlsx"
    code = _run(database_path, "report", "daylog", "--workshop", WORKSHOP, "--month", "2026-03", "-o", str(out))
    assert code != 0
    assert "This report can be saved as a .pdf file, not as dziennik.xlsx." in capsys.readouterr().err
    assert not out.exists()


def test_summary_as_csv_has_the_figures(database_path, facility, tmp_path):
    out = tmp_path / "summary.csv"
    code = _run(database_path, "report", "summary", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(out))
    assert code == 0
    with open(out, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    header, whole, crafts = table
    assert header[:4] == ["Workshop", "Participants in the period", "Active at the end of the period",
                          "Admitted in the period"]
    assert whole[0] == "Whole facility" and crafts[0] == WORKSHOP
    figures = dict(zip(header, whole))
    # One person, admitted 2 March and still there: present 1 day of the 2 entered → 50.0 %.
    assert figures["Participants in the period"] == "1" and figures["Admitted in the period"] == "1"
    assert figures["Exited in the period"] == "0"
    assert figures["Attendance rate (%)"] == "50.0"
    assert dict(zip(header, crafts))["Attendance rate (%)"] == "50.0"
