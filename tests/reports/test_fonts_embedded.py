"""Every PDF report carries its fonts: a PC without DejaVu (or a print shop) shows the same letters."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import Programme
from reintegra.reports.annual_wtz_pdf import wtz_annual_pdf
from reintegra.reports.attendance_sheet import attendance_sheet
from reintegra.reports.benefit import benefit_report
from reintegra.reports.participant import participant_report
from reintegra.reports.summary import summary_report
from reintegra.services import attendance


def _fonts(data: bytes) -> dict[str, bool]:
    """Each font's name → whether its file is inside the PDF."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


@pytest.fixture
def month_of_work(session):
    room = workshop(session, "Pracownia rękodzieła")
    person = placed(session, "Żaneta", "Gęślińska", date(2026, 3, 2), room.id, programme=Programme.CIS)
    for day, status in ((2, S.PRESENT), (3, S.SICK), (4, S.UNEXCUSED)):
        attendance.set_attendance(session, person.id, room.id, date(2026, 3, day), status)
    session.flush()
    return room.id, person.id


def test_every_report_embeds_all_its_fonts(session, month_of_work):
    workshop_id, person_id = month_of_work
    reports = {
        "participant": participant_report(session, person_id, today=date(2026, 3, 31)),
        "attendance": attendance_sheet(session, workshop_id, 2026, 3, today=date(2026, 3, 31)),
        "summary": summary_report(session, date(2026, 1, 1), date(2026, 12, 31), as_of=date(2026, 3, 31)),
        "benefit": benefit_report(session, 2026, 3, today=date(2026, 3, 31)),
        "annual": wtz_annual_pdf(session, 2026, as_of=date(2026, 3, 31)),
    }
    for name, data in reports.items():
        fonts = _fonts(data)
        assert fonts and all(fonts.values()), f"{name}: {fonts}"
        assert all("DejaVuSans" in font for font in fonts), f"{name}: {fonts}"
