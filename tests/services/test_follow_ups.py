"""Follow-up contacts: planned at 3, 6 and 12 months after an exit, read back per exit."""

from datetime import date

from factories import admit
from reintegra.db.enums import EmploymentStatus, ExitReason
from reintegra.services import follow_ups, participants
from reintegra.services.follow_ups import FollowUpState

TODAY = date(2026, 11, 23)


def test_three_contacts_planned_after_an_exit(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2025, 8, 31), ExitReason.EMPLOYMENT,
                                  today=TODAY)
    rows = follow_ups.follow_ups_of(session, person.id)
    assert [(r.months_after, r.due_date) for r in rows] == [
        (3, date(2025, 11, 30)), (6, date(2026, 2, 28)), (12, date(2026, 8, 31))]
    assert all(r.exit_date == date(2025, 8, 31) and r.contact_date is None for r in rows)
    assert [r.state(date(2026, 1, 1)) for r in rows] == [FollowUpState.DUE, FollowUpState.PLANNED,
                                                         FollowUpState.PLANNED]


def test_none_after_death_and_none_for_others(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8), serial=1)
    other = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=2)
    participants.exit_participant(session, person.id, person.version, date(2025, 3, 3), ExitReason.DEATH,
                                  today=TODAY)
    participants.exit_participant(session, other.id, other.version, date(2025, 3, 3), ExitReason.MOVED,
                                  today=TODAY)
    assert follow_ups.follow_ups_of(session, person.id) == []
    assert len(follow_ups.follow_ups_of(session, other.id)) == 3


def test_a_contact_made_survives_reopening_and_each_exit_has_its_own(session):
    from reintegra.db.models import FollowUp

    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2024, 6, 28), ExitReason.DROPPED_OUT,
                                  today=TODAY)
    first = session.get(FollowUp, follow_ups.follow_ups_of(session, person.id)[0].id)
    first.contact_date, first.employment_status = date(2024, 10, 1), EmploymentStatus.UNEMPLOYED
    session.flush()
    participants.reopen(session, person.id, person.version)
    kept = follow_ups.follow_ups_of(session, person.id)
    assert [(r.months_after, r.state(TODAY), r.employment_status) for r in kept] == [
        (3, FollowUpState.DONE, EmploymentStatus.UNEMPLOYED)]
    participants.exit_participant(session, person.id, person.version, date(2025, 5, 30), ExitReason.EMPLOYMENT,
                                  today=TODAY)
    assert len(follow_ups.follow_ups_of(session, person.id)) == 4
    latest = follow_ups.follow_ups_of(session, person.id, exit_date=date(2025, 5, 30))
    assert [r.months_after for r in latest] == [3, 6, 12]
