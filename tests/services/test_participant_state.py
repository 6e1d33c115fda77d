"""Applicant, admitted from a later day, taking part, exited: one rule (``state_of``), and the
participants list's filters agree with it."""

from __future__ import annotations

from datetime import date

import pytest

from factories import admit, workshop
from reintegra.db.enums import ExitReason, Programme
from reintegra.services import participants, placements, waiting_list
from reintegra.db.models import Participant
from reintegra.services.participants import Filter, ParticipantState, state_of

DAY = date(2026, 3, 4)


def _on_waiting_list(session, serial: int):
    # Nothing in the program adds an applicant yet (the waiting list is a later issue); the model has them.
    applicant = Participant(first_name="Ewa", last_name="Oczekująca", birth_date=date(1990, 1, 1),
                            programme=Programme.WTZ, application_date=date(2025, 6, 1))
    session.add(applicant)
    session.flush()
    return applicant


@pytest.fixture
def people(session):
    """A person in each state on DAY, by the state they should be in."""
    room = workshop(session)
    upcoming = admit(session, "Adam", "Przyszły", date(2026, 3, 9), serial=2)
    placements.place(session, upcoming.id, room.id, date(2026, 3, 9))  # placed ahead of the admission day
    leaving_today = admit(session, "Beata", "Odchodząca", date(2025, 1, 8), serial=3)
    left = admit(session, "Cezary", "Były", date(2024, 1, 8), serial=4)
    later = admit(session, "Dorota", "Obecna", date(2025, 9, 1), serial=5)
    participants.exit_participant(session, leaving_today.id, leaving_today.version, DAY, ExitReason.MOVED,
                                  today=DAY)
    participants.exit_participant(session, left.id, left.version, date(2025, 5, 30), ExitReason.EMPLOYMENT,
                                  today=DAY)
    session.flush()
    return {
        ParticipantState.APPLICANT: [_on_waiting_list(session, 1).id],
        ParticipantState.UPCOMING: [upcoming.id],
        ParticipantState.ACTIVE: [later.id],
        ParticipantState.EXITED: [leaving_today.id, left.id],
        ParticipantState.CLOSED: [_closed(session).id],
    }


def _closed(session):
    """An application closed without an admission: neither waiting nor gone (waiting_list.close_application)."""
    applicant = _on_waiting_list(session, 6)
    waiting_list.close_application(session, applicant.id, applicant.version, date(2026, 1, 5),
                                   ExitReason.WITHDRAWN, today=DAY)
    return applicant


def test_each_person_is_in_the_state_the_rule_gives(session, people):
    for state, ids in people.items():
        for person_id in ids:
            assert state_of(participants.get_participant(session, person_id), DAY) is state


def test_only_the_waiting_list_is_not_admitted():
    assert [s for s in ParticipantState if not s.admitted] == [ParticipantState.APPLICANT, ParticipantState.CLOSED]


@pytest.mark.parametrize("shown, state", [(Filter.ACTIVE, ParticipantState.ACTIVE),
                                          (Filter.EXITED, ParticipantState.EXITED),
                                          (Filter.APPLICANTS, ParticipantState.APPLICANT)])
def test_the_list_filters_say_the_same_as_the_rule(session, people, shown, state):
    found = {row.id for row in participants.search(session, status=shown, on=DAY)}
    assert found == set(people[state])


def test_everyone_is_in_the_whole_list(session, people):
    found = {row.id for row in participants.search(session, status=Filter.ALL, on=DAY)}
    assert found == {person for ids in people.values() for person in ids}
