"""The start page's reminders on the hand-made facility of ``reminders_data`` (its docstring works
out the right answers)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from reminders_data import GAP_ANN, GAP_BOTH, TODAY, assessed, build, plan
from reintegra.db.enums import ReviewKind, Role
from reintegra.db.models import FollowUp, IndividualPlan, Placement, Workshop
from reintegra.services import assessments, attendance, plans, reminders, users
from reintegra.services.reminders import ReminderKind as K


@pytest.fixture
def facility(session):
    return build(session)


def _lines(found, kind):
    return [(item.participant_id or item.workshop_id, item.due) for item in found.of(kind)]


def test_a_director_sees_everything_due_in_order(session, facility):
    found = reminders.reminders_for(session, None, TODAY)
    f = facility
    assert [(item.workshop_id, item.days) for item in found.of(K.ATTENDANCE)] == [(f["kitchen"], (GAP_ANN, GAP_BOTH))]
    assert _lines(found, K.PLAN_MISSING) == [(f["bob"], date(2025, 10, 1))]
    assert [(item.participant_id, item.due, item.review_kind) for item in found.of(K.PLAN_REVIEW)] == [
        (f["fay"], date(2025, 6, 1), ReviewKind.COUNCIL), (f["ann"], date(2025, 12, 1), ReviewKind.PERIODIC)]
    assert _lines(found, K.ASSESSMENT) == [(f["bob"], date(2025, 10, 1)), (f["ann"], date(2025, 11, 12))]
    assert _lines(found, K.CERTIFICATE) == [(f["fay"], date(2025, 11, 1)), (f["ann"], date(2026, 1, 10))]
    assert [(item.participant_id, item.months_after) for item in found.of(K.FOLLOW_UP)] == [
        (f["eve"], 6), (f["dan"], 3)]
    assert _lines(found, K.PARTICIPATION_END) == [(f["cid"], date(2025, 12, 15))]
    assert _lines(found, K.NO_WORKSHOP) == [(f["cid"], date(2025, 1, 13))]
    assert len(found) == 12
    assert list(found.items) == [K.ATTENDANCE, K.PLAN_MISSING, K.PLAN_REVIEW, K.ASSESSMENT, K.CERTIFICATE,
                                 K.FOLLOW_UP, K.PARTICIPATION_END, K.NO_WORKSHOP]


def test_overdue_against_due_soon(session, facility):
    found = reminders.reminders_for(session, None, TODAY)
    overdue = {(kind, item.participant_id or item.workshop_id): item.is_overdue(TODAY)
               for kind, items in found.items.items() for item in items}
    f = facility
    assert overdue[(K.PLAN_REVIEW, f["ann"])] is False  # in 7 days
    assert overdue[(K.PLAN_REVIEW, f["fay"])] is True
    assert overdue[(K.ASSESSMENT, f["ann"])] is True
    assert overdue[(K.CERTIFICATE, f["ann"])] is False
    assert overdue[(K.CERTIFICATE, f["fay"])] is True
    assert overdue[(K.PARTICIPATION_END, f["cid"])] is False
    assert overdue[(K.FOLLOW_UP, f["dan"])] is True


def test_doing_what_is_due_removes_the_line(session, facility):
    f = facility
    attendance.mark_all_present(session, f["kitchen"], GAP_ANN)
    attendance.mark_all_present(session, f["kitchen"], GAP_BOTH)
    assessed(session, f["ann"], TODAY)
    plan(session, f["bob"], date(2025, 11, 1), date(2026, 10, 31), next_review=date(2026, 5, 1))
    session.scalars(select(FollowUp).filter_by(participant_id=f["dan"], months_after=3)).one().contact_date = TODAY
    session.flush()
    found = reminders.reminders_for(session, None, TODAY)
    assert found.of(K.ATTENDANCE) == []
    assert [item.participant_id for item in found.of(K.ASSESSMENT)] == [f["bob"]]
    assert found.of(K.PLAN_MISSING) == []
    assert [item.participant_id for item in found.of(K.FOLLOW_UP)] == [f["eve"]]  # Dan's next is in 2026


def test_an_instructor_sees_their_workshop_only(session, facility):
    instructor = users.create_user(session, "k.kucharz", "haslo1234", Role.INSTRUCTOR, "Kasia Kucharz")
    instructor.workshops.append(session.get(Workshop, facility["kitchen"]))
    session.flush()
    found = reminders.reminders_for(session, instructor, TODAY)
    assert list(found.items) == [K.ATTENDANCE, K.ASSESSMENT]
    assert [item.participant_id for item in found.of(K.ASSESSMENT)] == [facility["bob"], facility["ann"]]


def test_the_day_itself_is_not_yet_missing(session, facility):
    found = reminders.reminders_for(session, None, TODAY + timedelta(days=1))
    # Monday 24.11 counts from Tuesday on; Friday's and the weekend's days are still entered.
    assert found.of(K.ATTENDANCE)[0].days == (GAP_ANN, GAP_BOTH, TODAY)


def test_a_placement_ending_leaves_a_person_without_a_workshop(session, facility):
    placement = session.scalars(select(Placement).filter_by(participant_id=facility["bob"])).one()
    placement.end_date = date(2025, 11, 21)
    session.flush()
    found = reminders.reminders_for(session, None, TODAY)
    assert (facility["bob"], date(2025, 11, 22)) in _lines(found, K.NO_WORKSHOP)


def test_the_council_reviews_a_current_plan_only(session, facility):
    fay_plans = session.scalars(select(IndividualPlan).where(IndividualPlan.participant_id == facility["fay"])
                                .order_by(IndividualPlan.start_date)).all()
    session.delete(fay_plans[-1])  # her plan of 2025–26 goes: a plan is missing, nothing to review
    session.flush()
    found = reminders.reminders_for(session, None, TODAY)
    assert facility["fay"] not in [item.participant_id for item in found.of(K.PLAN_REVIEW)]
    assert facility["fay"] in [item.participant_id for item in found.of(K.PLAN_MISSING)]


def test_due_dates_agree_with_the_participants_tabs(session, facility):
    found = reminders.reminders_for(session, None, TODAY)
    for item in found.of(K.ASSESSMENT):
        assert assessments.due_for(session, item.participant_id) == item.due
    for item in found.of(K.PLAN_REVIEW):
        rows = plans.plans_for(session, item.participant_id)
        if item.review_kind is ReviewKind.COUNCIL:
            assert plans.council_review_due(rows) == item.due
        else:
            assert plans.current_plan(rows, TODAY).next_review_date == item.due
