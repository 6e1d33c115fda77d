"""Everything about one person (GDPR art. 15 and 20): every record of theirs in the export, the PDF
readable with its Polish letters, the export audited, instructors refused a stranger."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from reintegra.db.enums import AuditAction, NoteCategory
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    AttendanceDay,
    AuditEntry,
    FollowUp,
    IndividualPlan,
    Participant,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
)
from reintegra.i18n import _
from reintegra.reports.person_data import save_person_data
from reintegra.services import notes, person_data
from reintegra.services.errors import PermissionDenied, ReintegraError
from staff_data import TODAY, make_staff


def _count(session, model, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions))


def _busiest(session) -> int:
    """The demo person with the most attendance days who also has notes, a plan and an assessment."""
    return session.scalar(
        select(AttendanceDay.participant_id)
        .where(AttendanceDay.participant_id.in_(select(ProgressNote.participant_id)),
               AttendanceDay.participant_id.in_(select(IndividualPlan.participant_id)),
               AttendanceDay.participant_id.in_(select(Assessment.participant_id)),
               AttendanceDay.participant_id.in_(select(FollowUp.participant_id)))
        .group_by(AttendanceDay.participant_id).order_by(func.count().desc()).limit(1))


def test_the_export_holds_every_record_of_the_person(session, demo):
    pid = _busiest(session)
    assert pid is not None
    notes.add_note(session, pid, date(2026, 5, 14), NoteCategory.SOCIAL, "Rozmowa o pracy w Łomży")
    session.flush()
    data = person_data.person_data(session, pid)
    plans = select(IndividualPlan.id).where(IndividualPlan.participant_id == pid)
    assessments = select(Assessment.id).where(Assessment.participant_id == pid)
    expected = {
        "placements": _count(session, Placement, Placement.participant_id == pid),
        "attendance": _count(session, AttendanceDay, AttendanceDay.participant_id == pid),
        "notes": _count(session, ProgressNote, ProgressNote.participant_id == pid),
        "plans": _count(session, IndividualPlan, IndividualPlan.participant_id == pid),
        "plan_goals": _count(session, PlanGoal, PlanGoal.plan_id.in_(plans)),
        "plan_reviews": _count(session, PlanReview, PlanReview.plan_id.in_(plans)),
        "assessments": _count(session, Assessment, Assessment.participant_id == pid),
        "assessment_scores": _count(session, AssessmentScore, AssessmentScore.assessment_id.in_(assessments)),
        "follow_ups": _count(session, FollowUp, FollowUp.participant_id == pid),
        "audit_log": _count(session, AuditEntry, AuditEntry.participant_id == pid),
    }
    assert person_data.record_counts(data) == expected
    assert min(expected.values()) >= 1
    person = session.get(Participant, pid)
    assert data["person"]["pesel"] == person.pesel
    assert data["person"]["last_name"] == person.last_name
    assert data["stay"]["admission_date"] == person.admission_date.isoformat()
    assert data["stay"]["programme"]["value"] == person.programme.value
    assert "Rozmowa o pracy w Łomży" in [note["text"] for note in data["notes"]]
    assert {row["day"] for row in data["attendance"]} == {
        day.isoformat() for day in session.scalars(select(AttendanceDay.day).where(AttendanceDay.participant_id == pid))}


def test_the_json_file_is_private_utf8_and_the_export_is_audited(session, tmp_path):
    staff = make_staff(session)
    path = tmp_path / "dane.json"
    save_person_data(session, staff.celina.id, path, actor=staff.director, today=TODAY)
    session.flush()
    raw = path.read_text(encoding="utf-8")
    assert "Źrebiec" in raw  # written as letters, not \u escapes
    data = json.loads(raw)
    assert data["person"]["first_name"] == "Celina"
    assert data["placements"][0]["workshop"] == "Pracownia gastronomiczna"
    assert data["placements"][0]["end_date"] == "2026-05-20"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert (entry.participant_id, entry.username, entry.changes) == (
        staff.celina.id, "kierownik", {"what": "person_data", "format": "json"})
    assert [row["action"]["value"] for row in person_data.person_data(session, staff.celina.id)["audit_log"]
            ].count("export") == 1


def test_the_pdf_reads_back_with_polish_letters(session, tmp_path):
    staff = make_staff(session)
    notes.add_note(session, staff.dawid.id, date(2026, 3, 20), NoteCategory.HEALTH, "Zażółć gęślą jaźń")
    path = tmp_path / "dane.pdf"
    save_person_data(session, staff.dawid.id, path, actor=staff.admin, today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Dawid Łoś" in text
    assert staff.dawid.pesel in text
    assert "Zażółć gęślą jaźń" in text
    assert "Pracownia gastronomiczna" in text
    assert _("Personal data of one person") in text


def test_an_instructor_is_refused_a_person_outside_their_workshops(session, tmp_path):
    staff = make_staff(session)
    path = tmp_path / "dane.json"
    with pytest.raises(PermissionDenied):
        save_person_data(session, staff.dawid.id, path, actor=staff.ola, today=TODAY)
    with pytest.raises(PermissionDenied):
        person_data.person_data(session, staff.bartek.id, actor=staff.ola, today=TODAY)
    assert not path.exists()
    assert _count(session, AuditEntry, AuditEntry.action == AuditAction.EXPORT) == 0
    # Within reach (and within the grace period) the instructor may export.
    save_person_data(session, staff.celina.id, path, actor=staff.ola, today=TODAY)
    assert json.loads(path.read_text(encoding="utf-8"))["person"]["last_name"] == "Źrebiec"


def test_another_file_kind_is_refused_with_one_sentence(session, tmp_path):
    staff = make_staff(session)
    folder = tmp_path / "wyniki"
    folder.mkdir()
    with pytest.raises(ReintegraError) as refused:
        save_person_data(session, staff.anna.id, folder / "dane.txt")
    assert "dane.txt" in str(refused.value) and "\n" not in str(refused.value)
    assert list(folder.iterdir()) == []


def test_the_export_of_a_readmitted_person_holds_every_stay(session, tmp_path):
    from dataclasses import replace

    from reintegra.services import participants
    from reintegra.services.participants import ParticipantFields

    from reintegra.db.enums import ExitReason

    staff = make_staff(session)
    dawid = staff.dawid  # left the kitchen on 31 March; his stay ends then too
    notes.add_note(session, dawid.id, date(2026, 3, 20), NoteCategory.HEALTH, "Notatka z pierwszego pobytu")
    participants.exit_participant(session, dawid.id, dawid.version, date(2026, 3, 31), ExitReason.MOVED, today=TODAY)
    again = participants.readmit(session, replace(ParticipantFields.of(dawid), admission_date=TODAY),
                                 participant_id=dawid.id, today=TODAY)
    notes.add_note(session, again.id, TODAY, NoteCategory.SOCIAL, "Notatka z drugiego pobytu", today=TODAY)

    data = person_data.person_data(session, again.id, today=TODAY)

    assert [stay["id"] for stay in data["stays"]] == [dawid.id, again.id]  # oldest first
    assert data["stays"][0]["exit"]["date"] == dawid.exit_date.isoformat() and data["stays"][1]["exit"] is None
    assert data["stay"]["admission_date"] == TODAY.isoformat()  # the stay asked for
    assert {note["text"] for note in data["notes"]} >= {"Notatka z pierwszego pobytu", "Notatka z drugiego pobytu"}
    path = tmp_path / "dane.pdf"
    save_person_data(session, again.id, path, actor=staff.admin, today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert _("Stay {number}").format(number=1) in text and _("Stay {number}").format(number=2) in text
    assert "Notatka z pierwszego pobytu" in text
