"""`reintegra report annual` from the command line: the WTZ report as JSON, PDF and XLSX, refusals that
write nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from factories import admit, workshop
from reintegra.cli import main
from reintegra.db.enums import AuditAction, DisabilityDegree, ExitReason, Programme
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.models import AuditEntry
from reintegra.services import attendance, facility, participants, placements
from reintegra.services.facility import FacilityFields

REQUIRED = {"year", "programme", "participants", "admitted", "exited", "exits_by_reason", "monthly_attendance",
            "by_degree", "by_cause", "progressed", "council_decisions", "forms_and_methods", "definitions"}


@pytest.fixture
def small_facility(session):
    """Łucja: admitted 2025-03-03, present 3 and 4 March, sick 5 March; Józef: admitted 2024-05-06,
    exited 2025-02-28 for employment. 2025: 2 participants, 1 admitted, 1 exited; March 2 of 3 = 66.7."""
    crafts = workshop(session, "Pracownia rękodzieła")
    lucja = admit(session, "Łucja", "Żółkiewska", date(2025, 3, 3), disability_degree=DisabilityDegree.MODERATE,
                  disability_causes=["01-U"])
    placements.place(session, lucja.id, crafts.id, date(2025, 3, 3))
    for day, status in ((3, S.PRESENT), (4, S.PRESENT), (5, S.SICK)):
        attendance.set_attendance(session, lucja.id, crafts.id, date(2025, 3, day), status)
    jozef = admit(session, "Józef", "Ślęzak", date(2024, 5, 6), serial=2)
    placements.place(session, jozef.id, crafts.id, date(2024, 5, 6))
    participants.exit_participant(session, jozef.id, jozef.version, date(2025, 2, 28), ExitReason.EMPLOYMENT)
    session.commit()


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def _exports(session) -> list[AuditEntry]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)))


def test_writes_the_wtz_report_as_json_and_audits_it(database_path, small_facility, session, tmp_path, capsys):
    out = tmp_path / "roczne-2025.json"
    assert _run(database_path, "report", "annual", "--year", "2025", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert REQUIRED <= set(data)
    assert (data["year"], data["programme"]) == (2025, "WTZ")
    assert (data["participants"], data["admitted"], data["exited"]) == (2, 1, 1)
    assert data["exits_by_reason"]["employment"] == 1
    assert data["by_degree"] == {"moderate": 1, "none": 1}
    assert data["by_cause"] == {"01-U": 1}
    assert len(data["monthly_attendance"]) == 12
    assert data["monthly_attendance"][2] == {"month": "2025-03", "present": 2, "working_days": 3, "rate": 66.7}
    assert data["forms_and_methods"]["workshops"] == ["Pracownia rękodzieła"]
    [entry] = _exports(session)
    assert entry.changes == {"what": "annual_report", "file": str(out)}


@pytest.mark.parametrize("name", ["roczne-2025.pdf", "roczne-2025.XLSX"])
def test_writes_the_wtz_report_as_pdf_and_xlsx(database_path, small_facility, session, tmp_path, capsys, name):
    """The same figures as the JSON's: 2 participants, March 2 of 3 = 66.7%."""
    out = tmp_path / name
    assert _run(database_path, "report", "annual", "--year", "2025", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    if name.endswith(".pdf"):
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
        assert "Report on the activity of the occupational therapy workshop for 2025" in text
        assert "Participants in the year 2" in text and "March 2 3 66.7%" in text
        assert "Łucja" not in text  # no decision of the council names her
    else:
        rows = {row[0]: row[1:] for row in load_workbook(out).active.iter_rows(values_only=True)}
        assert rows["Participants in the year"][0] == 2
        assert rows["March"][:3] == (2, 3, 66.7)
    [entry] = _exports(session)
    assert entry.changes == {"what": "annual_report", "file": str(out)}


def test_programme_wtz_is_accepted(database_path, small_facility, tmp_path):
    out = tmp_path / "a.json"
    assert _run(database_path, "report", "annual", "--year", "2025", "--programme", "wtz", "-o", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["programme"] == "WTZ"


@pytest.mark.parametrize("args, message", [
    (["--year", "2025", "-o", "{dir}/a.csv"],
     "The annual report can be saved as a .pdf, .xlsx or .json file, not as a.csv.\n"),
    (["--year", "1999", "-o", "{dir}/a.json"],
     "The annual report can be made for a year from 2000 to {this_year}, not 1999.\n"),
    (["--year", "2999", "-o", "{dir}/a.json"],
     "The annual report can be made for a year from 2000 to {this_year}, not 2999.\n"),
])
def test_refusals_are_one_sentence_and_write_nothing(database_path, small_facility, session, tmp_path, capsys,
                                                     args, message):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = [arg.format(dir=out_dir) for arg in args]
    assert _run(database_path, "report", "annual", *args) == 1
    assert capsys.readouterr().err == message.format(this_year=date.today().year)
    assert list(out_dir.iterdir()) == []
    assert _exports(session) == []


def test_a_zaz_facility_is_told_it_has_no_annual_report(database_path, session, tmp_path, capsys):
    facility.update_facility(session, FacilityFields(name="ZAZ „Nowy Start”", kind=Programme.ZAZ))
    session.commit()
    out = tmp_path / "a.json"
    assert _run(database_path, "report", "annual", "--year", "2025", "-o", str(out)) == 1
    assert capsys.readouterr().err == "There is no annual report for a ZAZ: it is made for a WTZ, a CIS or a KIS.\n"
    assert not out.exists()


@pytest.mark.parametrize("year", ["25", "20x5", "abcd"])
def test_a_malformed_year_is_a_usage_error(database_path, tmp_path, capsys, year):
    out = tmp_path / "a.json"
    with pytest.raises(SystemExit) as exit_:
        _run(database_path, "report", "annual", "--year", year, "-o", str(out))
    assert exit_.value.code == 2
    assert f"“{year}” is not a year in the form YYYY" in capsys.readouterr().err
    assert not out.exists()
