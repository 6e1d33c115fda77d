"""The workshop day log of a month (``reports/day_log.py``) read back with pypdf: the days with their
weekdays, what the group did, who was present and who was absent with the status letter, the legend,
the instructor's signature line on every page; an instructor gets only their own workshops' logs."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from reintegra.db.enums import AttendanceStatus as S
from reintegra.i18n import _
from reintegra.reports import outputs
from reintegra.reports.day_log import day_log_report
from reintegra.services import attendance
from reintegra.services.errors import PermissionDenied
from staff_data import TODAY, make_staff


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def staff(session):
    staff = make_staff(session)
    kitchen = staff.gastronomy.id
    attendance.set_attendance(session, staff.anna.id, kitchen, date(2026, 3, 2), S.PRESENT)
    attendance.set_attendance(session, staff.celina.id, kitchen, date(2026, 3, 2), S.SICK)
    attendance.set_attendance(session, staff.anna.id, kitchen, date(2026, 3, 3), S.UNEXCUSED)
    attendance.save_day_log(session, kitchen, date(2026, 3, 2), "Pieczenie żółtych bułeczek; ćwiczenia z krojenia.")
    session.commit()
    return staff


def test_the_month_reads_back_with_days_texts_people_and_statuses(session, staff):
    pages = _text(day_log_report(session, staff.gastronomy.id, 2026, 3, today=TODAY))
    text = "\n".join(pages)
    assert "Pracownia gastronomiczna" in text
    assert "Pieczenie żółtych bułeczek" in text
    assert "02.03.2026" in text and "poniedziałek" in text  # the default language of tests is Polish
    assert "Anna Kowalska" in text
    assert "Celina Źrebiec (C)" in text and "Anna Kowalska (N)" in text
    assert "31.03.2026" in text and "01.03.2026" not in text  # every working day; a Sunday without entries is not
    for page in pages:
        assert _("instructor's signature") in page


def test_an_instructor_prints_their_own_workshop_and_is_refused_another(session, staff, tmp_path):
    text = "\n".join(_text(day_log_report(session, staff.gastronomy.id, 2026, 3, today=TODAY, actor=staff.ola)))
    assert "Pieczenie" in text and "Anna Kowalska" in text
    with pytest.raises(PermissionDenied):
        day_log_report(session, staff.gastronomy.id, 2026, 3, today=TODAY, actor=staff.jan)
    target = tmp_path / "dziennik.pdf"
    with pytest.raises(PermissionDenied):
        outputs.save_day_log(session, staff.gastronomy.id, 2026, 3, target, today=TODAY, actor=staff.jan)
    assert not target.exists()


def test_an_instructor_leaves_out_whom_they_no_longer_reach(session, staff):
    attendance.set_attendance(session, staff.dawid.id, staff.gastronomy.id, date(2026, 3, 2), S.PRESENT)
    session.commit()
    mine = "\n".join(_text(day_log_report(session, staff.gastronomy.id, 2026, 3, today=TODAY, actor=staff.ola)))
    director = "\n".join(_text(day_log_report(session, staff.gastronomy.id, 2026, 3, today=TODAY,
                                              actor=staff.director)))
    assert "Łoś" not in mine and "Łoś" in director
