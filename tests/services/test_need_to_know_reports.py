"""Need-to-know in the figures and reminders, as each role: the facility summary and the dashboard's
outcomes cover the whole facility and are refused to an instructor; an instructor's reminders name
only the people they reach (``staff_data``: ola reaches anna and celina, jan bartek; dawid and ewa
only the director and the administrator). The benefit list's refusal is in tests/reports."""

from __future__ import annotations

from datetime import date

import pytest

from reintegra.services import access, outcomes, reminders, statistics
from reintegra.services.errors import PermissionDenied
from reintegra.services.reminders import ReminderKind as K
from staff_data import TODAY, make_staff

START, END = date(2026, 1, 1), date(2026, 6, 30)


@pytest.fixture
def staff(session):
    return make_staff(session)


@pytest.mark.parametrize("role", ["ola", "jan"])
def test_an_instructor_is_refused_the_facility_figures(session, staff, role):
    actor = staff.role(role)
    with pytest.raises(PermissionDenied) as refusal:
        statistics.facility_summary(session, START, END, as_of=TODAY, actor=actor)
    assert refusal.value.message == "Dane całej placówki może oglądać tylko kierownik lub administrator."
    with pytest.raises(PermissionDenied):
        outcomes.outcomes_for(session, outcomes.Period.THIS_YEAR, today=TODAY, actor=actor)
    with pytest.raises(PermissionDenied):
        outcomes.outcome_figures(session, START, END, as_of=TODAY, actor=actor)


@pytest.mark.parametrize("role", ["director", "admin", None])
def test_the_director_the_administrator_and_the_command_line_get_them(session, staff, role):
    actor = staff.role(role) if role else None
    summary = statistics.facility_summary(session, START, END, as_of=TODAY, actor=actor)
    assert summary.admitted == 5
    assert outcomes.outcomes_for(session, outcomes.Period.THIS_YEAR, today=TODAY, actor=actor).start == START


def _named(found: reminders.Reminders) -> set[int]:
    return {item.participant_id for items in found.items.values() for item in items if item.participant_id}


@pytest.mark.parametrize("role", ["ola", "jan"])
def test_an_instructors_reminders_name_only_the_people_they_reach(session, staff, role):
    actor = staff.role(role)
    found = reminders.reminders_for(session, actor, TODAY)
    assert _named(found) <= access.reachable_ids(session, actor, TODAY)
    assert set(found.items) <= {K.ATTENDANCE, K.ASSESSMENT}
    own = staff.gastronomy if role == "ola" else staff.tailoring
    assert {item.workshop_id for item in found.of(K.ATTENDANCE)} <= {own.id}


def test_an_instructor_is_reminded_of_their_own_people(session, staff):
    # anna was admitted on 5 January, never assessed: her first assessment is due by now.
    assert staff.anna.id in _named(reminders.reminders_for(session, staff.ola, TODAY))


@pytest.mark.parametrize("role", ["director", "admin"])
def test_the_director_is_reminded_of_everyone(session, staff, role):
    found = reminders.reminders_for(session, staff.role(role), TODAY)
    # dawid's placement ended, ewa was never placed: both are "in no workshop" for the director.
    assert {staff.dawid.id, staff.ewa.id} <= {item.participant_id for item in found.of(K.NO_WORKSHOP)}
