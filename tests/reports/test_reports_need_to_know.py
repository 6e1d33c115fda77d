"""Need-to-know in the reports, as each role: an instructor gets the participant report of someone
placed in their workshops and the attendance of their own workshops with only the people they
reach; the summary and the CIS benefit list are refused to them. Outputs read back (pypdf,
openpyxl, csv, json): an unreachable person's name is absent from the instructor's file and present
in the director's.

``staff_data``: ola (gastronomy) reaches anna and celina (in the grace period) on TODAY, not dawid
(gone past the grace period), bartek (tailoring) or ewa (never placed).
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reintegra.db.enums import Programme
from reintegra.reports import outputs
from reintegra.reports.attendance_sheet import attendance_sheet
from reintegra.reports.benefit import benefit_report
from reintegra.reports.participant import participant_report, participants_report
from reintegra.reports.summary import summary_report
from reintegra.services.errors import PermissionDenied
from staff_data import TODAY, make_staff

MARCH = (2026, 3)  # anna, celina and dawid all in gastronomy


@pytest.fixture
def staff(session):
    return make_staff(session)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def xlsx_text(path) -> str:
    book = load_workbook(path)
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


# -- the participant report ----------------------------------------------------------------------


@pytest.mark.parametrize("role, person, allowed", [
    ("ola", "anna", True), ("ola", "celina", True), ("ola", "dawid", False), ("ola", "bartek", False),
    ("ola", "ewa", False), ("jan", "bartek", True), ("jan", "anna", False),
    ("director", "dawid", True), ("director", "ewa", True), ("admin", "ewa", True),
])
def test_a_participant_report_only_of_someone_reached(session, staff, role, person, allowed):
    participant = getattr(staff, person)
    make = lambda: participant_report(session, participant.id, today=TODAY, actor=staff.role(role))  # noqa: E731
    if allowed:
        assert participant.last_name in pdf_text(make())
    else:
        with pytest.raises(PermissionDenied) as refusal:
            make()
        assert "pracowni" in refusal.value.message


def test_the_command_line_prints_anyone(session, staff):
    assert "Łoś" in pdf_text(participant_report(session, staff.dawid.id, today=TODAY))


def test_several_reports_in_one_are_refused_when_anyone_is_out_of_reach(session, staff):
    ids = [staff.anna.id, staff.dawid.id]
    with pytest.raises(PermissionDenied):
        participants_report(session, ids, today=TODAY, actor=staff.ola)
    text = pdf_text(participants_report(session, [staff.anna.id, staff.celina.id], today=TODAY, actor=staff.ola))
    assert "Kowalska" in text and "Źrebiec" in text and "Łoś" not in text
    assert "Łoś" in pdf_text(participants_report(session, ids, today=TODAY, actor=staff.director))


def test_a_participant_report_refused_is_not_saved(session, staff, tmp_path):
    target = tmp_path / "dawid.pdf"
    with pytest.raises(PermissionDenied):
        outputs.save_participant(session, staff.dawid.id, target, today=TODAY, actor=staff.ola)
    assert not target.exists()
    outputs.save_participant(session, staff.anna.id, target, today=TODAY, actor=staff.ola)
    assert "Kowalska" in pdf_text(target.read_bytes())


# -- the attendance sheet and export -----------------------------------------------------------------


def test_an_instructors_attendance_sheet_holds_only_the_people_they_reach(session, staff):
    mine = pdf_text(attendance_sheet(session, staff.gastronomy.id, *MARCH, today=TODAY, actor=staff.ola))
    assert "Kowalska" in mine and "Źrebiec" in mine
    assert "Łoś" not in mine
    everyone = pdf_text(attendance_sheet(session, staff.gastronomy.id, *MARCH, today=TODAY, actor=staff.director))
    assert "Kowalska" in everyone and "Łoś" in everyone


@pytest.mark.parametrize("role", ["jan", "ola"])
def test_the_attendance_of_another_workshop_is_refused(session, staff, role):
    other = staff.tailoring if role == "ola" else staff.gastronomy
    with pytest.raises(PermissionDenied) as refusal:
        attendance_sheet(session, other.id, *MARCH, today=TODAY, actor=staff.role(role))
    assert "pracowni" in refusal.value.message


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_an_attendance_export_of_another_workshop_is_refused_and_not_written(session, staff, tmp_path, suffix):
    target = tmp_path / f"lista{suffix}"
    with pytest.raises(PermissionDenied):
        outputs.save_attendance(session, staff.tailoring.id, *MARCH, target, today=TODAY, actor=staff.ola)
    assert not target.exists()


def test_an_instructors_attendance_xlsx_holds_only_the_people_they_reach(session, staff, tmp_path):
    mine, everyone = tmp_path / "ola.xlsx", tmp_path / "kierownik.xlsx"
    outputs.save_attendance(session, staff.gastronomy.id, *MARCH, mine, today=TODAY, actor=staff.ola)
    outputs.save_attendance(session, staff.gastronomy.id, *MARCH, everyone, today=TODAY, actor=staff.director)
    assert "Kowalska" in xlsx_text(mine) and "Źrebiec" in xlsx_text(mine)
    assert "Łoś" not in xlsx_text(mine)
    assert "Łoś" in xlsx_text(everyone)


def test_an_instructors_attendance_csv_holds_only_the_people_they_reach(session, staff, tmp_path):
    target = tmp_path / "ola.csv"
    outputs.save_attendance(session, staff.gastronomy.id, *MARCH, target, today=TODAY, actor=staff.ola)
    text = target.read_text(encoding="utf-8-sig")
    assert "Kowalska" in text and "Łoś" not in text


def test_the_command_line_exports_everyone_of_a_workshop(session, staff, tmp_path):
    target = tmp_path / "all.xlsx"
    outputs.save_attendance(session, staff.gastronomy.id, *MARCH, target, today=TODAY)
    assert "Łoś" in xlsx_text(target)


# -- the facility summary and the CIS benefit list -------------------------------------------------


START, END = date(2026, 1, 1), date(2026, 6, 30)


@pytest.mark.parametrize("role", ["ola", "jan"])
def test_an_instructor_is_refused_the_facility_summary(session, staff, tmp_path, role):
    actor = staff.role(role)
    with pytest.raises(PermissionDenied) as refusal:
        summary_report(session, START, END, as_of=TODAY, actor=actor)
    assert "placówki" in refusal.value.message
    for suffix in outputs.SUMMARY_FORMATS:
        target = tmp_path / f"summary{suffix}"
        with pytest.raises(PermissionDenied):
            outputs.save_summary(session, START, END, target, actor=actor)
        assert not target.exists()


@pytest.mark.parametrize("role", ["director", "admin", None])
def test_a_director_an_administrator_and_the_command_line_get_the_summary(session, staff, tmp_path, role):
    actor = staff.role(role) if role else None
    assert PdfReader(io.BytesIO(summary_report(session, START, END, as_of=TODAY, actor=actor))).pages
    target = tmp_path / "summary.json"
    outputs.save_summary(session, START, END, target, actor=actor)
    assert json.loads(target.read_text(encoding="utf-8"))["admitted"] == 5


@pytest.mark.parametrize("role", ["ola", "jan"])
def test_an_instructor_is_refused_the_benefit_list(session, staff, tmp_path, role):
    actor = staff.role(role)
    own = staff.gastronomy if role == "ola" else staff.tailoring
    for workshop_id in (None, own.id):
        with pytest.raises(PermissionDenied):
            benefit_report(session, *MARCH, workshop_id=workshop_id, today=TODAY, actor=actor)
        for suffix in outputs.BENEFIT_FORMATS:
            target = tmp_path / f"benefit{suffix}"
            with pytest.raises(PermissionDenied):
                outputs.save_benefit(session, *MARCH, target, workshop_id=workshop_id, actor=actor)
            assert not target.exists()


@pytest.mark.parametrize("role", ["director", "admin"])
def test_a_director_and_an_administrator_get_the_benefit_list(session, staff, tmp_path, role):
    staff.dawid.programme = Programme.CIS
    session.flush()
    assert "Łoś" in pdf_text(benefit_report(session, *MARCH, today=TODAY, actor=staff.role(role)))
    target = tmp_path / "benefit.xlsx"
    outputs.save_benefit(session, *MARCH, target, actor=staff.role(role))
    assert "Łoś" in xlsx_text(target)
