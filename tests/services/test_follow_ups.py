"""Follow-up contacts: planned at 3, 6 and 12 months after an exit, read back per exit; what a
contact found recorded, corrected and cleared by a director; and correcting where the person
went (participants.update_exit_details), which the exit tab offers beside the contacts."""

from datetime import date

import pytest
from sqlalchemy import select

from factories import admit
from reintegra import i18n
from reintegra.db.enums import ContractType, EmploymentStatus, ExitReason, Role
from reintegra.db.models import AuditEntry, FollowUp
from reintegra.services import follow_ups, participants, users
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
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


def test_exiting_again_on_the_same_day_keeps_the_contact_made(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2025, 6, 30), ExitReason.MOVED,
                                  today=TODAY)
    first = session.get(FollowUp, follow_ups.follow_ups_of(session, person.id)[0].id)
    first.contact_date, first.employment_status = date(2025, 10, 1), EmploymentStatus.EMPLOYED
    session.flush()
    participants.reopen(session, person.id, person.version)  # the reason was wrong
    participants.exit_participant(session, person.id, person.version, date(2025, 6, 30), ExitReason.EMPLOYMENT,
                                  today=TODAY)
    rows = follow_ups.follow_ups_of(session, person.id)
    assert [(r.months_after, r.employment_status) for r in rows] == [
        (3, EmploymentStatus.EMPLOYED), (6, None), (12, None)]


# --- recording what a contact found ---------------------------------------------------------------


@pytest.fixture
def exited(session):
    """Jan, who left for a job on 31 Aug 2025; his 3-month contact is due on 30 Nov 2025."""
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2025, 8, 31), ExitReason.EMPLOYMENT,
                                  today=TODAY)
    return person


def _first(session, person):
    return follow_ups.follow_ups_of(session, person.id)[0]


def _audit(session):
    return session.scalars(select(AuditEntry).where(AuditEntry.entity == "follow_up").order_by(AuditEntry.id)).all()


def test_record_a_contact(session, exited):
    row = _first(session, exited)
    director = users.create_user(session, "kierownik", "Hasło-123456", Role.DIRECTOR, "Kierownik")
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 2), EmploymentStatus.EMPLOYED,
                              "  Piekarnia   „Pod Kłosem” ", "Rozmowa telefoniczna. ", actor=director, today=TODAY)
    done = _first(session, exited)
    assert (done.contact_date, done.employment_status, done.employer, done.note) == (
        date(2025, 12, 2), EmploymentStatus.EMPLOYED, "Piekarnia „Pod Kłosem”", "Rozmowa telefoniczna.")
    assert done.state(TODAY) is FollowUpState.DONE and done.version == row.version + 1
    assert session.get(FollowUp, row.id).recorded_by_id == director.id
    entry = _audit(session)[-1]
    assert entry.username == "kierownik" and entry.changes["employment_status"] == [None, "employed"]
    assert entry.changes["participant_id"] == exited.id and entry.changes["months_after"] == 3


def test_a_contact_may_be_made_before_its_due_date_even_on_the_exit_day(session, exited):
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 8, 31), EmploymentStatus.EMPLOYED,
                              today=TODAY)
    assert _first(session, exited).contact_date == date(2025, 8, 31)


@pytest.mark.parametrize("contact_date, status, field", [
    (date(2026, 11, 24), EmploymentStatus.EMPLOYED, "contact_date"),  # tomorrow
    (date(2025, 8, 30), EmploymentStatus.EMPLOYED, "contact_date"),  # before the exit
    (None, EmploymentStatus.EMPLOYED, "contact_date"),
    (date(2025, 12, 1), None, "employment_status"),
])
def test_bad_contacts_are_refused_and_nothing_is_written(session, exited, contact_date, status, field):
    row = _first(session, exited)
    with pytest.raises(ValidationError) as error:
        follow_ups.record_contact(session, row.id, row.version, contact_date, status, today=TODAY)
    assert error.value.field == field and str(error.value)
    assert _first(session, exited) == row
    assert _audit(session) == []


def test_the_messages_name_the_exit_date(session, exited):
    i18n.set_language("en")
    row = _first(session, exited)
    with pytest.raises(ValidationError) as error:
        follow_ups.record_contact(session, row.id, row.version, date(2025, 8, 1), EmploymentStatus.EMPLOYED,
                                  today=TODAY)
    assert str(error.value) == "The contact cannot be dated before the exit (31/08/2025)."
    with pytest.raises(ValidationError) as error:
        follow_ups.record_contact(session, row.id, row.version, date(2027, 1, 1), EmploymentStatus.EMPLOYED,
                                  today=TODAY)
    assert str(error.value) == "The contact cannot be dated in the future."


def test_the_employer_is_kept_only_for_work(session, exited):
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.UNEMPLOYED,
                              "Piekarnia", today=TODAY)
    assert _first(session, exited).employer == ""
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.SOCIAL_COOPERATIVE,
                              "Spółdzielnia „Razem”", today=TODAY)
    assert _first(session, exited).employer == "Spółdzielnia „Razem”"
    row = _first(session, exited)
    with pytest.raises(ValidationError) as error:
        follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                                  "x" * 201, today=TODAY)
    assert error.value.field == "employer"


def test_correct_then_clear_a_contact(session, exited):
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.NO_CONTACT,
                              today=TODAY)
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 3), EmploymentStatus.ZAZ, "ZAZ Łódź",
                              today=TODAY)
    corrected = _first(session, exited)
    assert (corrected.contact_date, corrected.employment_status) == (date(2025, 12, 3), EmploymentStatus.ZAZ)
    follow_ups.clear_contact(session, corrected.id, corrected.version)
    cleared = _first(session, exited)
    assert (cleared.contact_date, cleared.employment_status, cleared.employer, cleared.note) == (None, None, "", "")
    assert cleared.state(TODAY) is FollowUpState.DUE
    assert session.get(FollowUp, row.id).recorded_by_id is None
    assert [entry.changes.get("employment_status") for entry in _audit(session)] == [
        [None, "no_contact"], ["no_contact", "zaz"], ["zaz", None]]


def test_a_stale_version_is_a_conflict_and_a_vanished_contact_not_found(session, exited):
    row = _first(session, exited)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                              today=TODAY)
    with pytest.raises(ConflictError):
        follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 2), EmploymentStatus.UNEMPLOYED,
                                  today=TODAY)
    with pytest.raises(ConflictError):
        follow_ups.clear_contact(session, row.id, row.version)
    later = follow_ups.follow_ups_of(session, exited.id)[1]
    participants.reopen(session, exited.id, exited.version)  # drops the contacts not made
    with pytest.raises(NotFoundError):
        follow_ups.record_contact(session, later.id, later.version, date(2025, 12, 2), EmploymentStatus.EMPLOYED,
                                  today=TODAY)


def test_only_a_director_records_or_clears_a_contact(session, exited):
    instructor = users.create_user(session, "instruktor", "Hasło-123456", Role.INSTRUCTOR, "Instruktor")
    administrator = users.create_user(session, "admin", "Hasło-123456", Role.ADMINISTRATOR, "Admin")
    row = _first(session, exited)
    with pytest.raises(PermissionDenied):
        follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                                  actor=instructor, today=TODAY)
    follow_ups.record_contact(session, row.id, row.version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                              actor=administrator, today=TODAY)
    row = _first(session, exited)
    with pytest.raises(PermissionDenied):
        follow_ups.clear_contact(session, row.id, row.version, actor=instructor)
    assert _first(session, exited).employment_status is EmploymentStatus.EMPLOYED


def test_next_contact(session, exited):
    rows = follow_ups.follow_ups_of(session, exited.id)
    assert follow_ups.next_contact(rows).months_after == 3  # the earliest, due or not
    follow_ups.record_contact(session, rows[0].id, rows[0].version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                              today=TODAY)
    rows = follow_ups.follow_ups_of(session, exited.id)
    assert follow_ups.next_contact(rows).months_after == 6
    for row in rows[1:]:
        follow_ups.record_contact(session, row.id, row.version, date(2026, 9, 1), EmploymentStatus.EMPLOYED,
                                  today=TODAY)
    assert follow_ups.next_contact(follow_ups.follow_ups_of(session, exited.id)) is None


# --- correcting where the person went (participants.update_exit_details) --------------------------


def test_update_exit_details(session, exited):
    participants.update_exit_details(session, exited.id, exited.version, destination="  Spółdzielnia  „Razem” ",
                                     contract_type=ContractType.SOCIAL_COOPERATIVE, notes=" Zmiana. ")
    person = participants.get_participant(session, exited.id)
    assert (person.exit_destination, person.exit_contract_type, person.exit_notes) == (
        "Spółdzielnia „Razem”", ContractType.SOCIAL_COOPERATIVE, "Zmiana.")
    assert (person.exit_date, person.exit_reason) == (date(2025, 8, 31), ExitReason.EMPLOYMENT)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "participant")
                            .order_by(AuditEntry.id.desc())).first()
    assert entry.changes["exit_destination"] == ["", "Spółdzielnia „Razem”"]


def test_exit_details_rules(session, exited):
    with pytest.raises(ValidationError) as error:
        participants.update_exit_details(session, exited.id, exited.version, destination="x" * 201)
    assert error.value.field == "destination"
    with pytest.raises(ConflictError):
        participants.update_exit_details(session, exited.id, exited.version - 1, destination="Piekarnia")
    instructor = users.create_user(session, "instruktor", "Hasło-123456", Role.INSTRUCTOR, "Instruktor")
    with pytest.raises(PermissionDenied):
        participants.update_exit_details(session, exited.id, exited.version, destination="Piekarnia",
                                         actor=instructor)
    active = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=7)
    with pytest.raises(ValidationError):
        participants.update_exit_details(session, active.id, active.version, destination="Piekarnia")
    assert participants.get_participant(session, exited.id).exit_destination == ""


def test_suggested_employer(session, exited):
    rows = follow_ups.follow_ups_of(session, exited.id)
    # Nothing found yet: where the exit into work led; an exit not into work offers nothing.
    assert follow_ups.suggested_employer(rows, rows[0], ExitReason.EMPLOYMENT, "Piekarnia") == "Piekarnia"
    assert follow_ups.suggested_employer(rows, rows[0], ExitReason.MOVED, "Kraków") == ""
    follow_ups.record_contact(session, rows[0].id, rows[0].version, date(2025, 12, 1), EmploymentStatus.EMPLOYED,
                              "Cukiernia „Wuzetka”", today=TODAY)
    rows = follow_ups.follow_ups_of(session, exited.id)
    # Later contacts: what the earlier one found.
    assert follow_ups.suggested_employer(rows, rows[2], ExitReason.EMPLOYMENT, "Piekarnia") == "Cukiernia „Wuzetka”"
    assert follow_ups.suggested_employer(rows, rows[0], ExitReason.EMPLOYMENT, "Piekarnia") == "Piekarnia"
