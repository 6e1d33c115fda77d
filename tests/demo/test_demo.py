"""Demo data: a believable facility that obeys every rule the services enforce."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import (
    AttendanceStatus,
    ExitReason,
    NoteCategory,
    PlanKind,
    Programme,
    Role,
    WorkshopKind,
)
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    AttendanceDay,
    AuditEntry,
    Facility,
    FollowUp,
    IndividualPlan,
    Participant,
    Placement,
    PlanGoal,
    ProgressNote,
    SkillArea,
    User,
    Workshop,
    WorkshopDayLog,
)
from reintegra.i18n import _
from reintegra.services import (
    attendance,
    calendar,
    cis_clock,
    notes,
    participants,
    placements,
    statistics,
    users,
    workshops,
)
from reintegra.services.database import open_database
from reintegra.services.dates import add_months
from reintegra.demo import generate_demo
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.services.validation import clean_pesel, pesel_birth_date, pesel_sex

import demo_data

# The tests that ask for the `demo` fixture share one generated facility (conftest.py).
TODAY, SEED = demo_data.TODAY, demo_data.SEED


def all_of(session, model):
    return list(session.scalars(select(model).order_by(model.id)))


def placements_by_person(session) -> dict[int, list[Placement]]:
    grouped = defaultdict(list)
    for placement in session.scalars(select(Placement).order_by(Placement.participant_id, Placement.start_date)):
        grouped[placement.participant_id].append(placement)
    return grouped


def test_counts_match_the_result_and_the_staff_can_sign_in(session, demo):
    assert session.scalar(select(func.count()).select_from(Participant)) == demo.participants
    assert demo.participants == demo_data.PARTICIPANTS
    assert session.scalar(select(func.count()).select_from(AttendanceDay)) == demo.attendance_days > 1000
    assert 4 <= demo.workshops <= 6
    assert session.scalar(select(func.count()).select_from(Workshop)) == demo.workshops
    active = session.scalar(select(func.count()).select_from(Participant).where(
        Participant.admission_date.is_not(None), Participant.exit_date.is_(None)))
    assert active == demo.active > 0

    place = session.scalar(select(Facility))
    assert place.name.startswith("Warsztat Terapii Zajęciowej „") and place.kind is Programme.WTZ
    assert place.city and place.postal_code and place.address and place.director_name
    assert place.day_length_hours == 7

    assert users.authenticate(session, "admin", "admin123").role is Role.ADMINISTRATOR
    director = session.scalar(select(User).where(User.role == Role.DIRECTOR))
    assert director.full_name == place.director_name
    assert users.authenticate(session, director.username, "demo1234") is not None
    rows = workshops.list_workshops(session, on=TODAY)
    assert [WorkshopKind.GASTRONOMY, WorkshopKind.TAILORING, WorkshopKind.FLORISTRY,
            WorkshopKind.CLEANING_CONSTRUCTION] == [w.kind for w in all_of(session, Workshop)][:4]
    assert all(len(row.instructors) == -(-row.capacity // 5) and row.placed <= row.capacity for row in rows)
    instructor = session.scalar(select(User).where(User.role == Role.INSTRUCTOR))
    assert users.authenticate(session, instructor.username, "demo1234") is not None
    assert session.scalar(select(func.count()).select_from(User)) == demo.users == demo.workshops + 2
    audit_entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "demo"))
    assert audit_entry.changes["participants"] == demo_data.PARTICIPANTS


def test_every_pesel_is_valid_and_agrees_with_birth_date_and_sex(session, demo):
    people = all_of(session, Participant)
    assert len({p.pesel for p in people}) == len(people)
    for person in people:
        assert clean_pesel("pesel", person.pesel) == person.pesel
        assert pesel_birth_date(person.pesel) == person.birth_date
        assert pesel_sex(person.pesel) is person.sex
        assert person.first_name and person.last_name and person.consent_given
        start = person.admission_date or person.application_date
        assert 18 <= (start - person.birth_date).days / 365.25 <= 70
        assert person.application_date <= (person.admission_date or TODAY)
    assert any(not p.last_name.isascii() or not p.first_name.isascii() for p in people)  # Polish letters


def test_placements_lie_inside_the_participation_never_overlap_and_respect_capacity(session, demo):
    by_person = placements_by_person(session)
    for person in all_of(session, Participant):
        own = by_person.get(person.id, [])
        if person.admission_date is None:
            assert own == []  # an applicant on the waiting list
            continue
        assert own and own[0].start_date == person.admission_date
        for placement in own:
            assert placement.start_date >= person.admission_date
            if person.exit_date is None:
                assert placement.end_date is None or placement.end_date < TODAY
            else:
                assert placement.end_date is not None and placement.end_date <= person.exit_date
        for before, after in zip(own, own[1:]):
            assert before.end_date is not None and before.end_date < after.start_date
        assert (own[-1].end_date is None) == (person.exit_date is None)
    for placement in all_of(session, Placement):
        workshop = session.get(Workshop, placement.workshop_id)
        assert workshops.placed_count(session, workshop.id, placement.start_date) <= workshop.capacity


def test_attendance_is_on_working_days_inside_placements(session, demo):
    by_person = placements_by_person(session)
    statuses = Counter()
    for row in all_of(session, AttendanceDay):
        assert calendar.is_working_day(row.day) and row.day < TODAY
        assert any(p.workshop_id == row.workshop_id and p.start_date <= row.day
                   and (p.end_date is None or row.day <= p.end_date) for p in by_person[row.participant_id])
        assert row.hours == (7 if row.status is AttendanceStatus.PRESENT else None)
        assert row.recorded_by_id is not None
        statuses[row.status] += 1
    present_share = statuses[AttendanceStatus.PRESENT] / sum(statuses.values())
    assert 0.78 <= present_share <= 0.93
    for status in (AttendanceStatus.SICK, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED):
        assert statuses[status] > 0
    # Every working day of every placement up to yesterday is recorded.
    expected = sum(calendar.count_working_days(p.start_date, min(p.end_date or TODAY, TODAY - timedelta(days=1)))
                   for p in all_of(session, Placement))
    assert sum(statuses.values()) == expected
    logs = all_of(session, WorkshopDayLog)
    assert logs and all(log.text and calendar.is_working_day(log.day) and log.author_id for log in logs)


def test_exits_have_reasons_and_follow_ups(session, demo):
    exited = [p for p in all_of(session, Participant) if p.exit_date is not None]
    assert exited
    for person in exited:
        assert person.exit_reason is not None and person.exit_notes
        assert person.exit_date < TODAY
        last_day = session.scalar(select(func.max(AttendanceDay.day)).where(AttendanceDay.participant_id == person.id))
        assert last_day is None or last_day <= person.exit_date
        follow_ups = list(session.scalars(select(FollowUp).where(FollowUp.participant_id == person.id)
                                          .order_by(FollowUp.months_after)))
        if person.exit_reason is ExitReason.DEATH:
            assert follow_ups == []
            continue
        assert [f.months_after for f in follow_ups] == [3, 6, 12]
        for follow_up in follow_ups:
            assert follow_up.exit_date == person.exit_date
            assert follow_up.due_date == add_months(person.exit_date, follow_up.months_after)
            if follow_up.due_date <= TODAY:
                assert follow_up.contact_date is not None and follow_up.employment_status is not None
                assert follow_up.due_date <= follow_up.contact_date <= TODAY
            else:
                assert follow_up.contact_date is None and follow_up.employment_status is None


def test_notes_plans_and_assessments_belong_to_the_stay(session, demo):
    people = {p.id: p for p in all_of(session, Participant)}

    def inside(person, day):
        return person.admission_date <= day <= min(person.exit_date or TODAY, TODAY)

    progress = all_of(session, ProgressNote)
    assert {note.category for note in progress} >= {NoteCategory.VOCATIONAL, NoteCategory.SOCIAL}
    assert all(inside(people[n.participant_id], n.day) and n.text and n.author_id for n in progress)
    plans = all_of(session, IndividualPlan)
    assert plans and all(plan.kind is PlanKind.IPR for plan in plans)
    for plan in plans:
        assert inside(people[plan.participant_id], plan.start_date) and plan.start_date <= plan.end_date
        goals = list(session.scalars(select(PlanGoal).where(PlanGoal.plan_id == plan.id)))
        assert 3 <= len(goals) <= 4 and all(goal.description for goal in goals)
    area_count = session.scalar(select(func.count()).select_from(SkillArea))
    assessments = all_of(session, Assessment)
    assert assessments and all(inside(people[a.participant_id], a.day) for a in assessments)
    for assessment in assessments:
        scores = list(session.scalars(select(AssessmentScore.score)
                                      .where(AssessmentScore.assessment_id == assessment.id)))
        assert len(scores) == area_count and all(1 <= score <= 5 for score in scores)


def digest(session) -> str:
    rows = session.execute(select(Participant.first_name, Participant.last_name, Participant.pesel,
                                  Participant.admission_date, Participant.exit_date, Participant.exit_reason)
                           .order_by(Participant.id)).all()
    statuses = session.execute(select(AttendanceDay.status, func.count()).group_by(AttendanceDay.status)
                               .order_by(AttendanceDay.status)).all()
    return hashlib.sha256(repr((rows, statuses)).encode()).hexdigest()


def test_the_same_seed_gives_the_same_data(session, demo, tmp_path):
    def another(seed):
        engine = open_database(str(tmp_path / f"seed-{seed}.db"))
        try:
            with Session(engine) as other, other.begin():
                generate_demo(other, participants=demo_data.PARTICIPANTS, years=demo_data.YEARS, seed=seed,
                              today=TODAY)
                return digest(other)
        finally:
            engine.dispose()

    assert another(SEED) == digest(session)
    assert another(SEED + 1) != digest(session)


def test_a_database_that_holds_data_is_refused(session, demo):
    with pytest.raises(ReintegraError) as refused:
        generate_demo(session, participants=5, years=1, today=TODAY)
    assert str(refused.value) == _("This database already holds data; demo data goes only into an empty database.")
    assert session.scalar(select(func.count()).select_from(Participant)) == demo_data.PARTICIPANTS


def test_even_one_workshop_is_data_enough_to_refuse(session):
    workshops.create_workshop(session, "Pracownia ceramiczna")
    with pytest.raises(ReintegraError):
        generate_demo(session, participants=5, years=1, today=TODAY)


def test_bad_sizes_are_refused_before_anything_is_written(session):
    with pytest.raises(ValidationError):
        generate_demo(session, participants=0, years=1, today=TODAY)
    with pytest.raises(ValidationError):
        generate_demo(session, participants=10, years=0, today=TODAY)
    assert not users.has_users(session)


def test_without_faker_the_demo_asks_for_the_extra(session, monkeypatch):
    monkeypatch.setitem(sys.modules, "faker", None)  # import faker now raises ImportError
    with pytest.raises(ReintegraError) as missing:
        generate_demo(session, participants=5, years=1, today=TODAY)
    assert "Faker" in str(missing.value) and "demo" in str(missing.value)
    assert not users.has_users(session)


def test_the_facility_summary_is_plausible(session, demo):
    start = add_months(TODAY, -24)
    summary = statistics.facility_summary(session, start, TODAY, as_of=TODAY)
    admitted = session.scalar(select(func.count()).select_from(Participant)
                              .where(Participant.admission_date.is_not(None)))
    capacity = session.scalar(select(func.sum(Workshop.capacity)))
    assert summary.participants == admitted >= 20
    assert 0 < summary.active_at_end <= capacity
    assert summary.exited == sum(summary.exits_by_reason.values()) > 0
    assert summary.employed_at_exit <= summary.exited
    assert 0.78 <= summary.attendance_rate <= 0.93
    assert set(summary.by_workshop) == {w.name for w in all_of(session, Workshop)}


def test_the_services_keep_working_on_the_demo(session, demo):
    """New rows after the bulk inserts get fresh ids (on PostgreSQL: the sequences moved on)."""
    room = next(w for w in workshops.list_workshops(session, on=TODAY) if w.placed < w.capacity)
    newcomer = participants.admit(session, ParticipantFields(
        first_name="Zofia", last_name="Źródlana", birth_date=date(1999, 3, 3), admission_date=TODAY), today=TODAY)
    placements.place(session, newcomer.id, room.id, TODAY)
    attendance.set_attendance(session, newcomer.id, room.id, TODAY, AttendanceStatus.PRESENT)
    attendance.save_day_log(session, room.id, TODAY, "Pierwszy dzień nowej uczestniczki.")
    notes.add_note(session, newcomer.id, TODAY, NoteCategory.SOCIAL, "Dobrze przyjęta przez grupę.", today=TODAY)
    leaver = session.scalar(select(Participant).where(Participant.admission_date.is_not(None),
                                                      Participant.exit_date.is_(None), Participant.id != newcomer.id))
    participants.exit_participant(session, leaver.id, leaver.version, TODAY, ExitReason.EMPLOYMENT, today=TODAY)
    session.commit()
    assert newcomer.id == session.scalar(select(func.max(Participant.id)))
    assert len(session.scalars(select(FollowUp).where(FollowUp.participant_id == leaver.id)).all()) == 3
    assert users.create_user(session, "nowy", "haslo12345", Role.INSTRUCTOR, "Nowy").id > 0


def test_a_cis_demo(session):
    result = generate_demo(session, participants=30, years=3, seed=5, programme=Programme.CIS, today=TODAY)
    place = session.scalar(select(Facility))
    assert place.kind is Programme.CIS and place.name.startswith("Centrum Integracji Społecznej")
    assert place.day_length_hours == 6
    people = [p for p in all_of(session, Participant) if p.admission_date is not None]
    assert len(people) <= result.participants
    for person in people:
        assert person.programme is Programme.CIS and person.eligibility_groups
        assert person.disability_degree is None
        assert person.admission_date <= person.planned_end_date <= add_months(person.admission_date, 24)
        assert (person.exit_date or TODAY) <= person.planned_end_date or person.exit_date is not None
        assert (person.exit_date or TODAY) <= add_months(person.admission_date, 24)
        # The CIS clock: a trial month for everyone, decided once ended; an extension past 12 months.
        assert person.trial_end_date == cis_clock.default_trial_end(person.admission_date)
        assert (person.trial_decision is not None) == (person.trial_decision_date is not None)
        extended = person.planned_end_date > cis_clock.default_planned_end(person.admission_date)
        assert (person.extension_date is not None) == extended == bool(person.extension_reason)
    assert any(person.extension_date for person in people) and any(person.trial_decision for person in people)
    assert {plan.kind for plan in all_of(session, IndividualPlan)} == {PlanKind.IPZS}
    summary = statistics.facility_summary(session, add_months(TODAY, -36), TODAY, as_of=TODAY)
    assert summary.exits_by_reason[ExitReason.EMPLOYMENT] > 0


def test_the_smallest_demo_of_the_first_run(session):
    result = generate_demo(session, participants=8, years=1, seed=2024, today=TODAY)
    assert result.participants == 8 and result.workshops == 4
    assert users.authenticate(session, "admin", "admin123") is not None
