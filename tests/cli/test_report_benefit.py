"""`reintegra report benefit` with the amounts and `reintegra report refund` from the command line:
files read back, exit codes, one sentence for what is refused, the disclosure in the audit log.

March 2026 has 22 working days; Gęślińska is placed from Monday 2 March, all of them. Under the rule
set from 1 June 2025 (1123.20 zł; 0.05 per unexcused day, 0.025 per sick day): 1 unexcused and 1 sick
day: 1123.20 × (1 − 0.05 − 0.025) = 1038.96 zł; with a premium of 100.00 zł, 1138.96 zł.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from factories import admit, workshop
from reintegra.cli import main
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import AuditAction, Programme
from reintegra.db.models import AuditEntry, BenefitRule
from reintegra.services import attendance, benefit, placements

WORKSHOP = "Pracownia rękodzieła"


@pytest.fixture
def march(session):
    crafts = workshop(session, WORKSHOP)
    person = admit(session, "Żaneta", "Gęślińska", date(2026, 3, 2), programme=Programme.CIS, serial=7)
    placements.place(session, person.id, crafts.id, date(2026, 3, 2))
    for day, status in ((2, S.PRESENT), (3, S.PRESENT), (4, S.UNEXCUSED), (5, S.SICK)):
        attendance.set_attendance(session, person.id, crafts.id, date(2026, 3, day), status)
    session.add(BenefitRule(valid_from=date(2025, 6, 1), amount=Decimal("1123.20"),
                            unexcused_day_deduction=Decimal("0.05"), sick_day_deduction=Decimal("0.025"),
                            sick_days_limit=21, free_days_limit=6))
    benefit.set_premium(session, person.id, 2026, 3, Decimal("100"), today=date(2026, 4, 1))
    session.commit()
    return person


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def test_the_benefit_list_has_the_amounts_in_every_format(database_path, march, tmp_path):
    out = tmp_path / "świadczenie.csv"
    assert _run(database_path, "report", "benefit", "--month", "2026-03", "-o", str(out)) == 0
    with open(out, encoding="utf-8-sig", newline="") as file:
        header, row = list(csv.reader(file))
    assert header[11:14] == ["Benefit (zł)", "Premium (zł)", "Total (zł)"]
    assert row[:2] == ["Gęślińska", "Żaneta"] and row[11:14] == ["1038.96", "100.00", "1138.96"]
    sheet = tmp_path / "świadczenie.xlsx"
    assert _run(database_path, "report", "benefit", "--month", "2026-03", "-o", str(sheet)) == 0
    values = [cell.value for cell in load_workbook(sheet).active[4]]
    assert values[11:14] == [1038.96, 100.0, 1138.96]
    pdf = tmp_path / "świadczenie.pdf"
    assert _run(database_path, "report", "benefit", "--month", "2026-03", "-o", str(pdf)) == 0
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Gęślińska" in text and "1,038.96" in text and "1,138.96" in text


def test_the_refund_request(database_path, march, session, tmp_path, capsys):
    out = tmp_path / "wniosek.pdf"
    assert _run(database_path, "report", "refund", "--month", "2026-03", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Gęślińska Żaneta" in text and march.pesel in text and "1,038.96" in text
    assert "1,138.96" not in text  # the premium is not refunded
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.changes == {"what": "refund_request", "file": str(out)}


def test_a_refund_request_for_a_month_not_over_is_one_sentence(database_path, march, tmp_path, capsys):
    folder = tmp_path / "wnioski"
    folder.mkdir()
    today = date.today()
    month = f"{today.year:04d}-{today.month:02d}"
    assert _run(database_path, "report", "refund", "--month", month, "-o", str(folder / "a.pdf")) == 1
    error = capsys.readouterr().err
    assert error.startswith("The refund request is made for a month that is over:") and error.count("\n") == 1
    assert _run(database_path, "report", "refund", "--month", "2026-03", "-o", str(folder / "a.xlsx")) == 1
    assert capsys.readouterr().err == "This report can be saved as a .pdf file, not as a.xlsx.\n"
    assert list(folder.iterdir()) == []
