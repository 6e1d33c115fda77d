"""`reintegra report annual --programme CIS|KIS` from the command line: the CIS and KIS report as JSON,
PDF and XLSX against the hand count of tests/cis_annual_data.py, each save audited."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from cis_annual_data import make_facility
from reintegra.cli import main
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry

REQUIRED = {"year", "programme", "participants", "admitted", "exited", "exits_by_reason", "monthly_attendance",
            "by_eligibility_group", "economically_independent", "reintegration_services", "benefits_paid",
            "premia_paid", "staff", "definitions"}


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def test_the_cis_report_as_json(database_path, session, tmp_path, capsys):
    make_facility(session)
    out = tmp_path / "cis-2025.json"
    assert _run(database_path, "report", "annual", "--year", "2025", "--programme", "CIS", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Report written to {out}.\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert REQUIRED <= set(data)
    assert (data["programme"], data["participants"], data["admitted"], data["exited"]) == ("CIS", 4, 3, 4)
    assert data["economically_independent"] == 3
    assert data["by_eligibility_group"]["alcohol"] == 2
    assert (data["benefits_paid"], data["premia_paid"]) == (4850.0, 350.0)
    assert "employed_after_leaving" not in data
    session.expire_all()
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert entry.changes == {"what": "annual_report", "file": str(out)}


def test_the_kis_report_as_pdf_and_xlsx(database_path, session, tmp_path):
    make_facility(session)
    pdf, xlsx = tmp_path / "kis.pdf", tmp_path / "kis.xlsx"
    assert _run(database_path, "report", "annual", "--year", "2025", "--programme", "kis", "-o", str(pdf)) == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages).split())
    assert "Report on the activity of the Social Integration Club for 2025" in text
    assert "Employed after leaving 1" in text
    assert _run(database_path, "report", "annual", "--year", "2025", "--programme", "KIS", "-o", str(xlsx)) == 0
    rows = {row[0]: row[1:] for row in load_workbook(xlsx).active.iter_rows(values_only=True) if row[0]}
    assert rows["Participants in the year"][0] == 2
    assert rows["Employed after leaving"][0] == 1
