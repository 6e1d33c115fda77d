"""Need-to-know, as each role meets it: every service that returns or changes one person's data is called
by ``ola`` (instructor of gastronomy), ``jan`` (instructor of tailoring), the director and the
administrator, on people inside and outside each instructor's reach (tests/staff_data.py).

``anna`` is ola's (placed, open-ended), ``bartek`` is jan's, ``dawid`` left ola's workshop long ago
(past the grace period), ``ewa`` was never placed. The records below are dated before staff_data's
TODAY, so the tests hold on any later day.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    NoteCategory,
    Programme,
    ReviewKind,
    SkillGroup,
)
from reintegra.db.models import (
    Assessment,
    BenefitPremium,
    BenefitRule,
    FollowUp,
    IndividualPlan,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
)
from reintegra.i18n import _
from reintegra.services import (
    assessments,
    attendance,
    attendance_gaps,
    benefit,
    follow_ups,
    month_grid,
    notes,
    participant_record,
    participants,
    placements,
    plans,
    skill_areas,
    users,
    waiting_list,
)
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.month_grid import Cell
from reintegra.services.participants import Filter, ParticipantFields
from reintegra.services.plans import GoalFields, PlanFields
from staff_data import TODAY, make_staff

ROLES = ("ola", "jan", "director", "admin")
PEOPLE = ("anna", "bartek", "dawid", "ewa")
INSTRUCTORS_REACH = {"ola": {"anna"}, "jan": {"bartek"}}
WORKSHOP_OF = {"ola": "gastronomy", "jan": "tailoring"}
DAY = date(2026, 3, 10)  # a Tuesday: everyone placed was placed then (dawid until 31 March)
LATER = date(2026, 5, 12)
SKIP = object()  # the call makes no sense for this person (e.g. no placement to end)


def reaches(role: str, person: str) -> bool:
    return role not in INSTRUCTORS_REACH or person in INSTRUCTORS_REACH[role]


def directs(role: str) -> bool:
    return role not in INSTRUCTORS_REACH


def expect(call, allowed: bool) -> None:
    """``call()`` goes through when ``allowed``, else is refused (unless it does not apply to the person)."""
    if allowed:
        call()
        return
    try:
        result = call()
    except PermissionDenied:
        return
    assert result is SKIP, "not refused"


@dataclass
class World:
    staff: object
    area_id: int

    def person(self, name):
        return getattr(self.staff, name)

    def workshop_of(self, name):
        """The workshop ``name`` was placed in on DAY (None for ewa)."""
        return {"anna": self.staff.gastronomy, "bartek": self.staff.tailoring,
                "dawid": self.staff.gastronomy}.get(name)


@pytest.fixture(autouse=True)
def _quick_passwords(monkeypatch):
    """Four accounts per test: hashing their passwords properly is not what is tested here."""
    monkeypatch.setattr(users, "hash_password", lambda password: "not-a-hash:" + str(len(password)), raising=False)


@pytest.fixture
def world(session):
    staff = make_staff(session)
    skill_areas.ensure_defaults(session)
    area_id = skill_areas.list_areas(session)[0].id
    for name in PEOPLE:
        person = getattr(staff, name)
        notes.add_note(session, person.id, DAY, NoteCategory.SOCIAL, "Pracuje sumiennie.", today=TODAY)
        plan = plans.create_plan(session, person.id, PlanFields(start=date(2026, 3, 2), end=date(2026, 4, 30)))
        plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Samodzielne zakupy"))
        plans.add_review(session, plan.id, date(2026, 4, 20), ReviewKind.PERIODIC, "Postępy widoczne.", today=TODAY)
        assessments.record_assessment(session, person.id, date(2026, 4, 1), AssessorKind.COUNCIL, {area_id: 3},
                                      today=TODAY)
    for name in ("anna", "bartek", "dawid"):
        workshop = {"anna": staff.gastronomy, "bartek": staff.tailoring, "dawid": staff.gastronomy}[name]
        attendance.set_attendance(session, getattr(staff, name).id, workshop.id, DAY, AttendanceStatus.PRESENT)
    session.flush()
    return World(staff, area_id)


def _first(session, model, **where):
    query = select(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return session.scalars(query.order_by(model.id)).first()


def _plan(session, pid):
    return _first(session, IndividualPlan, participant_id=pid)


def _own_note(session, pid, actor):
    note = _first(session, ProgressNote, participant_id=pid)
    note.author_id = actor.id if actor else None  # the author rule apart: only need-to-know decides here
    return note


def _own_assessment(session, pid, actor):
    assessment = _first(session, Assessment, participant_id=pid)
    if actor is not None:
        assessment.assessor_kind, assessment.assessor_id = AssessorKind.INSTRUCTOR, actor.id
    return assessment


def _exited(session, pid):
    """Exits the person (as the command line), unless they have left already; a planned follow-up."""
    person = participants.get_participant(session, pid)
    if person.exit_date is None:
        participants.exit_participant(session, pid, person.version, LATER, ExitReason.EMPLOYMENT, today=TODAY)
    return _first(session, FollowUp, participant_id=pid)


def _kind(actor):
    return AssessorKind.COUNCIL if actor is None or actor.role.value != "instructor" else AssessorKind.INSTRUCTOR


# -- one person's data: read ----------------------------------------------------------------------

READS = {
    "participants.get_participant": lambda s, w, p, a: participants.get_participant(s, p.id, actor=a),
    "participants.find_participant": lambda s, w, p, a: participants.find_participant(s, p.pesel, actor=a),
    "notes.notes_of": lambda s, w, p, a: notes.notes_of(s, p.id, actor=a),
    "plans.plans_for": lambda s, w, p, a: plans.plans_for(s, p.id, actor=a),
    "plans.get_plan": lambda s, w, p, a: plans.get_plan(s, _plan(s, p.id).id, actor=a),
    "assessments.assessments_for": lambda s, w, p, a: assessments.assessments_for(s, p.id, actor=a),
    "assessments.score_series": lambda s, w, p, a: assessments.score_series(s, p.id, actor=a),
    "assessments.first_and_latest": lambda s, w, p, a: assessments.first_and_latest(s, p.id, actor=a),
    "assessments.due_for": lambda s, w, p, a: assessments.due_for(s, p.id, actor=a),
    "placements.placements_of": lambda s, w, p, a: placements.placements_of(s, p.id, actor=a),
    "placements.current_placement": lambda s, w, p, a: placements.current_placement(s, p.id, DAY, actor=a),
    "follow_ups.follow_ups_of": lambda s, w, p, a: follow_ups.follow_ups_of(s, p.id, actor=a),
    "participant_record.placement_history": lambda s, w, p, a: participant_record.placement_history(s, p.id, actor=a),
    "participant_record.attendance_months": lambda s, w, p, a: participant_record.attendance_months(
        s, p, participant_record.placement_history(s, p.id), TODAY, actor=a),
    "participant_record.plans_of": lambda s, w, p, a: participant_record.plans_of(s, p.id, actor=a),
    "participant_record.assessments_of": lambda s, w, p, a: participant_record.assessments_of(s, p.id, actor=a),
    "attendance.participant_months": lambda s, w, p, a: attendance.participant_months(
        s, p.id, date(2026, 3, 1), date(2026, 3, 31), actor=a),
    "participants.stays_of": lambda s, w, p, a: participants.stays_of(s, p.id, actor=a, today=TODAY),
    # a form's check as the user types: it reads the stay, so only those who reach it may run it
    "participants.check_fields": lambda s, w, p, a: _refusal_aside(lambda: participants.check_fields(
        s, ParticipantFields.of(p), participant_id=p.id, actor=a, today=TODAY)),
    "notes.check_note": lambda s, w, p, a: _refusal_aside(lambda: notes.check_note(
        s, p.id, LATER, "Nowa notatka.", actor=a, today=TODAY)),
    "plans.check_plan": lambda s, w, p, a: _refusal_aside(lambda: plans.check_plan(
        s, p.id, PlanFields(start=date(2026, 5, 1)), actor=a)),
    "plans.check_goal": lambda s, w, p, a: _refusal_aside(lambda: plans.check_goal(
        s, _plan(s, p.id).id, GoalFields(SkillGroup.SOCIAL, "Cel"), actor=a)),
    "plans.check_review": lambda s, w, p, a: _refusal_aside(lambda: plans.check_review(
        s, _plan(s, p.id).id, date(2026, 4, 21), "Wniosek.", actor=a, today=TODAY)),
    "placements.check_placement": lambda s, w, p, a: _refusal_aside(lambda: placements.check_placement(
        s, p.id, w.staff.tailoring.id, LATER, actor=a)),
    "placements.check_move": lambda s, w, p, a: _refusal_aside(lambda: placements.check_move(
        s, p.id, w.staff.tailoring.id, LATER, actor=a)),
    "placements.check_end": lambda s, w, p, a: SKIP if (placement := _first(s, Placement, participant_id=p.id)) is None
    else _refusal_aside(lambda: placements.check_end(s, placement.id, LATER, actor=a)),
    "follow_ups.check_contact": lambda s, w, p, a: _refusal_aside(lambda: follow_ups.check_contact(
        s, _exited(s, p.id).id, TODAY, EmploymentStatus.EMPLOYED, actor=a, today=TODAY)),
    "assessments.check_assessment": lambda s, w, p, a: _refusal_aside(lambda: assessments.check_assessment(
        s, p.id, date(2026, 4, 2), {w.area_id: 3}, actor=a, today=TODAY)),
    "participants.check_update": lambda s, w, p, a: _refusal_aside(lambda: participants.check_update(
        s, p.id, ParticipantFields.of(p), actor=a, today=TODAY)),
    "participants.check_exit": lambda s, w, p, a: _refusal_aside(lambda: participants.check_exit(
        s, p.id, LATER, ExitReason.EMPLOYMENT, actor=a, today=TODAY)),
}


def _refusal_aside(check):
    """A check that finds the input wrong went through; only PermissionDenied is a refusal here."""
    try:
        check()
    except ValidationError:
        pass


@pytest.mark.parametrize("read", sorted(READS))
def test_reading_one_person(session, world, read):
    for role in ROLES:
        for name in PEOPLE:
            expect(lambda: READS[read](session, world, world.person(name), world.staff.role(role)),
                   reaches(role, name))


# -- one person's data: change --------------------------------------------------------------------

def _add_note(s, w, p, a):
    return notes.add_note(s, p.id, LATER, NoteCategory.VOCATIONAL, "Nowa notatka.", actor=a, today=TODAY)


def _edit_note(s, w, p, a):
    note = _own_note(s, p.id, a)
    return notes.edit_note(s, note.id, note.version, NoteCategory.SOCIAL, "Poprawiona.", actor=a)


def _record_assessment(s, w, p, a):
    return assessments.record_assessment(s, p.id, LATER, _kind(a), {w.area_id: 4}, actor=a, today=TODAY)


def _edit_assessment(s, w, p, a):
    found = _own_assessment(s, p.id, a)
    return assessments.edit_assessment(s, found.id, found.version, found.day, found.assessor_kind, {w.area_id: 2},
                                       actor=a, today=TODAY)


def _delete_assessment(s, w, p, a):
    found = _own_assessment(s, p.id, a)
    return assessments.delete_assessment(s, found.id, found.version, actor=a)


def _attendance_args(w, name):
    workshop = w.workshop_of(name)
    return None if workshop is None else workshop.id


def _record_attendance(s, w, p, a):
    workshop_id = _attendance_args(w, p.first_name.lower())
    if workshop_id is None:
        return SKIP
    return attendance.record_attendance(s, p.id, workshop_id, DAY, AttendanceStatus.SICK, actor=a)


def _set_attendance(s, w, p, a):
    workshop_id = _attendance_args(w, p.first_name.lower())
    if workshop_id is None:
        return SKIP
    return attendance.set_attendance(s, p.id, workshop_id, DAY, AttendanceStatus.EXCUSED, hours=Decimal("0"),
                                     actor=a)


def _clear_attendance(s, w, p, a):
    if _attendance_args(w, p.first_name.lower()) is None:
        return SKIP
    return attendance.clear_attendance(s, p.id, DAY, actor=a)


def _set_cell(s, w, p, a):
    workshop_id = _attendance_args(w, p.first_name.lower())
    if workshop_id is None:
        return SKIP
    return month_grid.set_cell(s, p.id, workshop_id, DAY, AttendanceStatus.SICK, actor=a)


def _clear_cell(s, w, p, a):
    if _attendance_args(w, p.first_name.lower()) is None:
        return SKIP
    return month_grid.clear_cell(s, p.id, DAY, actor=a)


def _restore_cell(s, w, p, a):
    workshop_id = _attendance_args(w, p.first_name.lower())
    if workshop_id is None:
        return SKIP
    cell = Cell(AttendanceStatus.PRESENT, Decimal("5"), "")
    return month_grid.restore_cell(s, p.id, workshop_id, DAY, cell, actor=a)


INSTRUCTOR_WRITES = {
    "notes.add_note": _add_note,
    "notes.edit_note": _edit_note,
    "assessments.record_assessment": _record_assessment,
    "assessments.edit_assessment": _edit_assessment,
    "assessments.delete_assessment": _delete_assessment,
    "attendance.record_attendance": _record_attendance,
    "attendance.set_attendance": _set_attendance,
    "attendance.clear_attendance": _clear_attendance,
    "month_grid.set_cell": _set_cell,
    "month_grid.clear_cell": _clear_cell,
    "month_grid.restore_cell": _restore_cell,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", sorted(INSTRUCTOR_WRITES))
def test_changing_one_person_as_instructors_may(session, world, write, role):
    """What instructors may do for their own people: refused for anyone else."""
    actor = world.staff.role(role)
    for name in PEOPLE:
        expect(lambda: INSTRUCTOR_WRITES[write](session, world, world.person(name), actor), reaches(role, name))


def _update(s, w, p, a):
    return participants.update(s, p.id, p.version, ParticipantFields.of(p), actor=a, today=TODAY)


def _exit(s, w, p, a):
    return participants.exit_participant(s, p.id, p.version, LATER, ExitReason.EMPLOYMENT, actor=a, today=TODAY)


def _update_exit_details(s, w, p, a):
    _exited(s, p.id)
    return participants.update_exit_details(s, p.id, p.version, destination="Hotel Polonia", actor=a)


def _reopen(s, w, p, a):
    _exited(s, p.id)
    return participants.reopen(s, p.id, p.version, actor=a)


def _readmit(s, w, p, a):
    if p.admission_date is None:
        return SKIP  # an applicant has no stay to come back from
    _exited(s, p.id)
    return participants.readmit(s, replace(ParticipantFields.of(p), admission_date=LATER + timedelta(days=1)),
                                participant_id=p.id, actor=a, today=TODAY)


def _record_contact(s, w, p, a):
    follow_up = _exited(s, p.id)
    return follow_ups.record_contact(s, follow_up.id, follow_up.version, date(2026, 6, 1),
                                     EmploymentStatus.EMPLOYED, "Hotel", actor=a, today=TODAY)


def _clear_contact(s, w, p, a):
    follow_up = _exited(s, p.id)
    follow_ups.record_contact(s, follow_up.id, follow_up.version, date(2026, 6, 1), EmploymentStatus.EMPLOYED,
                              today=TODAY)
    return follow_ups.clear_contact(s, follow_up.id, follow_up.version, actor=a)


def _create_plan(s, w, p, a):
    return plans.create_plan(s, p.id, PlanFields(start=date(2026, 5, 4)), actor=a)


def _update_plan(s, w, p, a):
    plan = _plan(s, p.id)
    return plans.update_plan(s, plan.id, plan.version, PlanFields(start=plan.start_date, end=date(2026, 5, 31)),
                             actor=a)


def _delete_plan(s, w, p, a):
    plan = _plan(s, p.id)
    return plans.delete_plan(s, plan.id, plan.version, actor=a)


def _add_goal(s, w, p, a):
    return plans.add_goal(s, _plan(s, p.id).id, GoalFields(SkillGroup.VOCATIONAL, "Praca w zespole"), actor=a)


def _goal(s, pid):
    return _first(s, PlanGoal, plan_id=_plan(s, pid).id)


def _update_goal(s, w, p, a):
    goal = _goal(s, p.id)
    return plans.update_goal(s, goal.id, goal.version, GoalFields(SkillGroup.SOCIAL, "Zakupy z opiekunem"), actor=a)


def _set_goal_status(s, w, p, a):
    goal = _goal(s, p.id)
    return plans.set_goal_status(s, goal.id, goal.version, GoalStatus.ACHIEVED, actor=a)


def _remove_goal(s, w, p, a):
    goal = _goal(s, p.id)
    return plans.remove_goal(s, goal.id, goal.version, actor=a)


def _add_review(s, w, p, a):
    return plans.add_review(s, _plan(s, p.id).id, date(2026, 4, 28), ReviewKind.PERIODIC, "Dobrze.", actor=a,
                            today=TODAY)


def _review(s, pid):
    return _first(s, PlanReview, plan_id=_plan(s, pid).id)


def _edit_review(s, w, p, a):
    review = _review(s, p.id)
    return plans.edit_review(s, review.id, review.version, review.day, ReviewKind.COUNCIL, "Rada: dobrze.",
                             actor=a, today=TODAY)


def _delete_review(s, w, p, a):
    review = _review(s, p.id)
    return plans.delete_review(s, review.id, review.version, actor=a)


def _without_open_placement(s, pid):
    for placement in s.scalars(select(Placement).where(Placement.participant_id == pid)):
        if placement.end_date is None:
            placement.end_date = date(2026, 5, 31)
    s.flush()


def _place(s, w, p, a):
    _without_open_placement(s, p.id)
    return placements.place(s, p.id, w.staff.tailoring.id, date(2026, 6, 1), actor=a)


def _move(s, w, p, a):
    current = placements.current_placement(s, p.id, date(2026, 6, 1))
    target = w.staff.tailoring if current is None or current.workshop_id != w.staff.tailoring.id \
        else w.staff.gastronomy
    return placements.move(s, p.id, target.id, date(2026, 6, 1), actor=a)


def _end_placement(s, w, p, a):
    placement = _first(s, Placement, participant_id=p.id)
    if placement is None:
        return SKIP
    return placements.end_placement(s, placement.id, placement.version, date(2026, 3, 31), actor=a)


def _delete_placement(s, w, p, a):
    _without_open_placement(s, p.id)
    placement = placements.place(s, p.id, w.staff.tailoring.id, date(2026, 6, 1)).placement
    return placements.delete_placement(s, placement.id, placement.version, actor=a)


def _as_cis_in_march(s, p):
    """The person as a CIS participant with a rule set for March 2026; False when never placed."""
    if _first(s, Placement, participant_id=p.id) is None:
        return False
    p.programme = Programme.CIS
    if s.scalars(select(BenefitRule)).first() is None:
        s.add(BenefitRule(valid_from=date(2026, 1, 1), amount=Decimal("1000.00")))
    s.flush()
    return True


def _set_premium(s, w, p, a):
    if not _as_cis_in_march(s, p):
        return SKIP
    premium = _first(s, BenefitPremium, participant_id=p.id)
    return benefit.set_premium(s, p.id, 2026, 3, Decimal("10.00") if premium is None else None,
                               version=premium.version if premium is not None else None, actor=a, today=TODAY)


def _check_premium(s, w, p, a):
    if not _as_cis_in_march(s, p):
        return SKIP
    return benefit.check_premium(s, p.id, 2026, 3, Decimal("10.00"), actor=a, today=TODAY)


DIRECTOR_WRITES = {
    "benefit.set_premium": _set_premium,
    "benefit.check_premium": _check_premium,
    "participants.update": _update,
    "participants.exit_participant": _exit,
    "participants.update_exit_details": _update_exit_details,
    "participants.reopen": _reopen,
    "participants.readmit": _readmit,
    "follow_ups.record_contact": _record_contact,
    "follow_ups.clear_contact": _clear_contact,
    "plans.create_plan": _create_plan,
    "plans.update_plan": _update_plan,
    "plans.delete_plan": _delete_plan,
    "plans.add_goal": _add_goal,
    "plans.update_goal": _update_goal,
    "plans.set_goal_status": _set_goal_status,
    "plans.remove_goal": _remove_goal,
    "plans.add_review": _add_review,
    "plans.edit_review": _edit_review,
    "plans.delete_review": _delete_review,
    "placements.place": _place,
    "placements.move": _move,
    "placements.end_placement": _end_placement,
    "placements.delete_placement": _delete_placement,
}


@pytest.mark.parametrize("role", ("director", "admin"))
@pytest.mark.parametrize("write", sorted(DIRECTOR_WRITES))
def test_changing_what_only_a_director_changes(session, world, write, role):
    """Directors and administrators change anyone; an instructor is refused even for their own people
    (tried first: a refusal changes nothing)."""
    for who in ("ola", "jan", role):
        for name in PEOPLE:
            expect(lambda: DIRECTOR_WRITES[write](session, world, world.person(name), world.staff.role(who)),
                   directs(who))


@pytest.mark.parametrize("role", ROLES)
def test_admitting_an_applicant(session, world, role):
    actor = world.staff.role(role)
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Fryderyk", last_name="Ćwik", birth_date=date(1988, 2, 3), application_date=date(2026, 5, 4)))
    expect(lambda: participants.admit_applicant(session, applicant.id, applicant.version, date(2026, 6, 1),
                                                actor=actor, today=TODAY), directs(role))


@pytest.mark.parametrize("role", ROLES)
def test_admitting_someone_new(session, world, role):
    actor = world.staff.role(role)
    values = ParticipantFields(first_name="Gabriela", last_name="Sęk", birth_date=date(1991, 4, 5),
                               admission_date=date(2026, 6, 1), application_date=date(2026, 5, 4))
    expect(lambda: participants.admit(session, values, actor=actor, today=TODAY), directs(role))
    expect(lambda: participants.add_applicant(session, values, actor=actor, today=TODAY), directs(role))


WAITING_LIST_CALLS = {
    "waiting_list.waiting_list": lambda session, applicant, actor: waiting_list.waiting_list(
        session, TODAY, actor=actor),
    "waiting_list.waiting_figures": lambda session, applicant, actor: waiting_list.waiting_figures(
        session, TODAY, actor=actor),
    "waiting_list.median_wait_admitted": lambda session, applicant, actor: waiting_list.median_wait_admitted(
        session, DAY, TODAY, actor=actor),
    "waiting_list.admit_from_list": lambda session, applicant, actor: waiting_list.admit_from_list(
        session, applicant.id, applicant.version,
        replace(ParticipantFields.of(applicant), admission_date=TODAY), actor=actor, today=TODAY),
    "waiting_list.check_closing": lambda session, applicant, actor: waiting_list.check_closing(
        session, applicant.id, TODAY, ExitReason.WITHDRAWN, actor=actor, today=TODAY),
    "waiting_list.close_application": lambda session, applicant, actor: waiting_list.close_application(
        session, applicant.id, applicant.version, TODAY, ExitReason.WITHDRAWN, actor=actor, today=TODAY),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("call", sorted(WAITING_LIST_CALLS))
def test_the_waiting_list_is_the_whole_facilitys(session, world, role, call):
    """Applicants are placed nowhere: the list, its figures and its actions are a director's or an
    administrator's, never an instructor's."""
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Halina", last_name="Żuraw", birth_date=date(1987, 6, 5), application_date=DAY))
    expect(lambda: WAITING_LIST_CALLS[call](session, applicant, world.staff.role(role)), directs(role))


# -- lists: nobody out of reach in them -----------------------------------------------------------

def _ids(rows, attribute="id"):
    return {getattr(row, attribute) for row in rows}


def _reached_ids(world, role):
    return {world.person(name).id for name in PEOPLE if reaches(role, name)}


@pytest.mark.parametrize("role", ROLES)
def test_the_participants_list_and_search(session, world, role):
    actor = world.staff.role(role)
    reached = _reached_ids(world, role)
    assert _ids(participants.search(session, actor=actor)) <= _visible(world, role)
    assert _ids(participants.search(session, status=Filter.ALL, actor=actor)) & _ids_of_all(world) == reached
    for name in PEOPLE:  # searching by a name or a PESEL finds only someone in reach
        person = world.person(name)
        for text in (person.first_name, person.pesel):
            found = _ids(participants.search(session, text, status=Filter.ALL, actor=actor))
            assert found == ({person.id} if reaches(role, name) else set())


def _visible(world, role):
    """Whom ``role`` may find in a list on any later day: celina is out of ola's grace period by then."""
    return _reached_ids(world, role) | ({world.staff.celina.id} if directs(role) else set())


def _ids_of_all(world):
    return {world.person(name).id for name in PEOPLE}


def _workshops(world):
    return {"gastronomy": world.staff.gastronomy, "tailoring": world.staff.tailoring}


def _nobody(_result) -> set[int]:
    """For what lists no person (a day log, the days with gaps): only the refusal is tested."""
    return set()


def _runs(role, workshop_name):
    return role not in WORKSHOP_OF or WORKSHOP_OF[role] == workshop_name


WORKSHOP_LISTS = {
    "attendance.day_sheet": lambda s, wid, a: _ids(attendance.day_sheet(s, wid, DAY, actor=a).rows, "participant_id"),
    "attendance.month_rows": lambda s, wid, a: _ids(attendance.month_rows(s, wid, 2026, 3, actor=a),
                                                    "participant_id"),
    "attendance.placements_between": lambda s, wid, a: {row[0] for row in attendance.placements_between(
        s, wid, date(2026, 1, 1), date(2026, 6, 30), actor=a)},
    "month_grid.month_grid": lambda s, wid, a: _ids(month_grid.month_grid(s, wid, 2026, 3, actor=a).people,
                                                    "participant_id"),
    "attendance.day_log": lambda s, wid, a: _nobody(attendance.day_log(s, wid, DAY, actor=a)),
    "attendance.day_logs_between": lambda s, wid, a: _nobody(attendance.day_logs_between(
        s, wid, date(2026, 3, 1), date(2026, 3, 31), actor=a)),
    "attendance_gaps.attendance_gaps": lambda s, wid, a: _nobody(attendance_gaps.attendance_gaps(
        s, wid, DAY, DAY, actor=a)),
    "benefit.benefit_list": lambda s, wid, a: _ids(benefit.benefit_list(s, 2026, 3, workshop_id=wid, actor=a),
                                                   "participant_id"),
}


@pytest.mark.parametrize("listing", sorted(WORKSHOP_LISTS))
def test_a_workshops_lists(session, world, listing):
    """An instructor reads only their workshops, and in them only the people they reach."""
    for role in ROLES:
        actor = world.staff.role(role)
        for workshop_name, workshop in _workshops(world).items():
            call = lambda: WORKSHOP_LISTS[listing](session, workshop.id, actor)  # noqa: E731
            if _runs(role, workshop_name):
                assert call() <= _visible(world, role)
            else:
                with pytest.raises(PermissionDenied):
                    call()


def test_the_day_sheet_keeps_dawid_from_ola_but_not_from_the_director(session, world):
    staff = world.staff
    ola_sees = _ids(attendance.day_sheet(session, staff.gastronomy.id, DAY, actor=staff.ola).rows, "participant_id")
    director_sees = _ids(attendance.day_sheet(session, staff.gastronomy.id, DAY, actor=staff.director).rows,
                         "participant_id")
    assert staff.anna.id in ola_sees and staff.dawid.id not in ola_sees
    assert {staff.anna.id, staff.dawid.id} <= director_sees


@pytest.mark.parametrize("role", ROLES)
def test_all_present_and_the_day_log(session, world, role):
    """'All present' fills only the people the instructor reaches; the day log only in their workshops."""
    actor = world.staff.role(role)
    staff = world.staff
    day = date(2026, 3, 11)
    for workshop_name, workshop in _workshops(world).items():
        if _runs(role, workshop_name):
            filled = set(attendance.fill_present(session, workshop.id, day, actor=actor).participant_ids)
            assert filled and filled <= _visible(world, role)
            attendance.save_day_log(session, workshop.id, day, "Pieczenie chleba.", actor=actor)
            assert attendance.mark_all_present(session, workshop.id, day, actor=actor) == 0
        else:
            for call in (lambda: attendance.fill_present(session, workshop.id, day, actor=actor),
                         lambda: attendance.mark_all_present(session, workshop.id, day, actor=actor),
                         lambda: attendance.save_day_log(session, workshop.id, day, "Szycie.", actor=actor)):
                with pytest.raises(PermissionDenied):
                    call()
    recorded = {row.participant_id for row in attendance.day_sheet(session, staff.gastronomy.id, day).rows
                if row.status is not None}
    assert (staff.dawid.id in recorded) is directs(role)  # ola's 'all present' left dawid alone


def test_the_people_placed_in_a_workshop(session, world):
    for role in ROLES:
        for workshop in _workshops(world).values():
            found = _ids(placements.placed_participants(session, workshop.id, date(2026, 1, 1), date(2026, 6, 30),
                                                        actor=world.staff.role(role)))
            assert found <= _visible(world, role)
    everyone = placements.placed_participants(session, world.staff.gastronomy.id, date(2026, 1, 1), date(2026, 6, 30))
    assert {world.staff.anna.id, world.staff.dawid.id} <= _ids(everyone)


def test_workshops_for_recording(session, world):
    staff = world.staff
    assert [w.id for w in attendance.workshops_for(session, staff.ola)] == [staff.gastronomy.id]
    assert {w.id for w in attendance.workshops_for(session, staff.director)} == {staff.gastronomy.id,
                                                                                 staff.tailoring.id}


# -- users ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_lists_the_users(session, world, role):
    actor = world.staff.role(role)
    if role == "admin":
        assert {user.username for user in users.list_users(session, actor=actor)} >= {"ola", "jan", "admin"}
    else:
        with pytest.raises(PermissionDenied) as refused:
            users.list_users(session, actor=actor)
        # The same sentence as every other refusal about users.
        assert refused.value.message == _("Only an administrator can manage users.")


def test_the_staff_list_has_names_and_roles_but_no_password_hashes(session, world):
    found = users.staff(session)
    assert {member.username for member in found} == {"ola", "jan", "kierownik", "admin"}
    assert "Aleksandra Żak" in {member.display_name for member in found}
    assert not any(hasattr(member, "password_hash") for member in found)


# -- the guard: a new service cannot forget -------------------------------------------------------

PERSONAL_DATA_MODULES = (participants, notes, plans, assessments, placements, follow_ups, participant_record,
                         attendance, month_grid, attendance_gaps, benefit, waiting_list)

# Public functions of those modules that take no ``actor``, each with why it needs none.
NO_ACTOR = {
    # pure computations over rows the caller already read (through a function that checks)
    "plans.plan_kind_for", "plans.default_next_review", "plans.current_plan", "plans.review_state",
    "plans.last_council_review", "plans.council_review_due", "plans.next_plan_start",
    "assessments.next_assessment_due", "assessments.series_of", "assessments.comparison_of",
    "assessments.may_change",  # a yes/no for the screen's buttons
    "follow_ups.next_contact", "follow_ups.suggested_employer",
    "participants.state_of", "participants.taking_part_on", "attendance.no_days", "attendance.month_total",
    "waiting_list.waiting_on",  # an SQL condition, used by the functions that check
    "month_grid.recount", "month_grid.grid_totals",
    "attendance.counted_day", "month_grid.counts_for_rate",  # whether a day read already counts for the rate
    "attendance.not_entered_text",  # a count in words
    "placements.capacity_warnings",  # how many places a workshop has taken on a day: counts, no person named
    "benefit.list_title", "benefit.count_headers", "benefit.totals", "benefit.nobody_error",
    "benefit.money_totals", "benefit.benefit_amount", "benefit.format_money", "benefit.is_provisional",
    "benefit.month_rule",  # the month's rule set: no person in it
    "benefit.money_headers", "benefit.limit_headers",
    # validation shared by the form, the importer and the command line: reads nobody's record back
    "participants.clean_fields", "attendance.clean_hours",
    # counts of workshop-days without a full record, for the start page: no person in them
    "attendance_gaps.count_gaps", "attendance_gaps.gaps_by_workshop",
}


def _public_functions():
    for module in PERSONAL_DATA_MODULES:
        short = module.__name__.rsplit(".", 1)[1]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield f"{short}.{name}", function


def test_every_service_of_personal_data_takes_the_actor():
    forgot = [name for name, function in _public_functions()
              if "actor" not in inspect.signature(function).parameters and name not in NO_ACTOR]
    assert forgot == [], f"give these an actor= and check access (or explain them in NO_ACTOR): {forgot}"


def test_the_allow_list_names_only_what_exists():
    existing = {name for name, _function in _public_functions()}
    assert NO_ACTOR <= existing, sorted(NO_ACTOR - existing)


def test_every_function_with_an_actor_is_tested_here():
    tested = {*READS, *INSTRUCTOR_WRITES, *DIRECTOR_WRITES, *WORKSHOP_LISTS, "participants.search",
              "participants.admit", "participants.add_applicant", "participants.admit_applicant",
              *WAITING_LIST_CALLS,
              "attendance.fill_present", "attendance.mark_all_present", "attendance.save_day_log",
              "attendance.workshops_for", "placements.placed_participants",
              "assessments.may_change",  # a yes/no for the screen's buttons, tested in test_assessments
              "benefit.paid_in_year"}  # whole-facility sums, refused to an instructor in test_benefit_amounts
    untested = sorted(name for name, function in _public_functions()
                      if "actor" in inspect.signature(function).parameters and name not in tested)
    assert untested == []
