"""A person who comes back: readmission is a new stay of the same person; the earlier stay, its exit
and its records are kept; reopening undoes only a mistaken exit of the last stay."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from factories import make_pesel, placed, workshop
from reintegra.db.enums import AttendanceStatus, ExitReason, Programme
from reintegra.db.models import AttendanceDay, AuditEntry, FollowUp, Participant, Person, Placement
from reintegra.services import attendance, participants
from reintegra.services.errors import ValidationError
from reintegra.services.participants import ParticipantFields, ReadmissionOffered

TODAY = date(2026, 11, 23)
PESEL = make_pesel(date(1990, 5, 17), 123)


def first_stay_ended(session):
    """Jan Kowalski: placed in the kitchen from 8 January 2024, one day present, exited to a job on
    30 June 2025."""
    kitchen = workshop(session)
    stay = placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    attendance.set_attendance(session, stay.id, kitchen.id, date(2024, 3, 5), AttendanceStatus.PRESENT)
    participants.exit_participant(session, stay.id, stay.version, date(2025, 6, 30), ExitReason.EMPLOYMENT,
                                  destination="Hotel Pod Różą", today=TODAY)
    return stay, kitchen


def again(**values) -> ParticipantFields:
    base = dict(first_name="Jan", last_name="Kowalski", pesel=PESEL, admission_date=date(2026, 3, 2),
                programme=Programme.WTZ, phone="600 100 200")
    base.update(values)
    return ParticipantFields(**base)


def test_readmission_is_a_second_stay_of_the_same_person_and_keeps_the_first(session):
    first, kitchen = first_stay_ended(session)

    second = participants.readmit(session, again(), participant_id=first.id, today=TODAY)

    assert second.id != first.id and second.person_id == first.person_id
    assert session.scalar(select(func.count()).select_from(Person)) == 1
    assert (second.admission_date, second.exit_date) == (date(2026, 3, 2), None)
    assert (first.exit_date, first.exit_reason, first.exit_destination) == \
        (date(2025, 6, 30), ExitReason.EMPLOYMENT, "Hotel Pod Różą")
    # The first stay's records stay with it; the person's data are shared and updated.
    assert session.scalars(select(Placement.participant_id)).all() == [first.id]
    assert session.scalars(select(AttendanceDay.participant_id)).all() == [first.id]
    assert set(session.scalars(select(FollowUp.participant_id))) == {first.id}
    assert first.phone == second.phone == "600 100 200"
    assert [stay.id for stay in participants.stays_of(session, first.id)] == [second.id, first.id]
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.entity_id, entry.changes["readmission_after"]) == (second.id, first.id)

    # Both exits are kept.
    participants.exit_participant(session, second.id, second.version, date(2026, 10, 30), ExitReason.MOVED,
                                  today=TODAY)
    exits = session.execute(select(Participant.id, Participant.exit_date, Participant.exit_reason)
                            .where(Participant.pesel == PESEL).order_by(Participant.id)).all()
    assert exits == [(first.id, date(2025, 6, 30), ExitReason.EMPLOYMENT),
                     (second.id, date(2026, 10, 30), ExitReason.MOVED)]
    # The person is found by PESEL at their last stay.
    assert participants.find_participant(session, PESEL).id == second.id


def test_readmission_is_refused_while_a_stay_is_open(session):
    first, _kitchen = first_stay_ended(session)
    second = participants.readmit(session, again(), person_id=first.person_id, today=TODAY)

    with pytest.raises(ValidationError) as refused:
        participants.readmit(session, again(admission_date=date(2026, 6, 1)), participant_id=first.id, today=TODAY)

    assert refused.value.message == ("Osoba Jan Kowalski ma pobyt, który się nie zakończył: przed nowym pobytem "
                                     "zapisz zakończenie udziału.")
    assert [stay.id for stay in participants.stays_of(session, first.id)] == [second.id, first.id]


def test_the_new_stay_starts_after_the_last_exit(session):
    first, _kitchen = first_stay_ended(session)
    with pytest.raises(ValidationError) as refused:
        participants.readmit(session, again(admission_date=date(2025, 6, 30)), participant_id=first.id,
                             today=TODAY)
    assert refused.value.field == "admission_date"
    assert "30.06.2025" in refused.value.message
    assert session.scalar(select(func.count()).select_from(Participant)) == 1


def test_admitting_a_known_pesel_after_the_last_exit_offers_readmission(session):
    first, _kitchen = first_stay_ended(session)

    with pytest.raises(ReadmissionOffered) as offered:
        participants.admit(session, again(), today=TODAY)

    assert offered.value.field == "pesel"
    assert (offered.value.person_id, offered.value.last_stay_id) == (first.person_id, first.id)
    assert "30.06.2025" in offered.value.message and PESEL in offered.value.message
    assert session.scalar(select(func.count()).select_from(Participant)) == 1

    second = participants.admit(session, again(), today=TODAY, readmit_known=True)
    assert second.person_id == first.person_id and second.id != first.id


def test_a_known_pesel_with_an_open_stay_is_still_already_registered(session):
    kitchen = workshop(session)
    placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    with pytest.raises(ValidationError) as refused:
        participants.admit(session, again(first_name="Janusz"), today=TODAY)
    assert not isinstance(refused.value, ReadmissionOffered)
    assert refused.value.message == f"Osoba Jan Kowalski jest już zarejestrowana z numerem PESEL {PESEL}."


def test_a_move_to_another_programme_is_a_new_stay(session):
    first, _kitchen = first_stay_ended(session)
    second = participants.readmit(session, again(programme=Programme.ZAZ), participant_id=first.id, today=TODAY)
    assert (first.programme, second.programme) == (Programme.WTZ, Programme.ZAZ)


def test_reopen_undoes_only_the_last_stays_exit(session):
    first, _kitchen = first_stay_ended(session)
    second = participants.readmit(session, again(), participant_id=first.id, today=TODAY)
    participants.exit_participant(session, second.id, second.version, date(2026, 10, 30), ExitReason.MOVED,
                                  today=TODAY)

    with pytest.raises(ValidationError) as refused:
        participants.reopen(session, first.id, first.version)
    assert refused.value.message == ("Osoba Jan Kowalski ma późniejszy pobyt: cofnąć można tylko zakończenie "
                                     "ostatniego pobytu.")
    assert first.exit_date == date(2025, 6, 30)

    participants.reopen(session, second.id, second.version)
    assert second.exit_date is None and first.exit_date == date(2025, 6, 30)


def test_editing_one_stay_changes_the_persons_data_seen_from_every_stay(session):
    first, _kitchen = first_stay_ended(session)
    second = participants.readmit(session, again(), participant_id=first.id, today=TODAY)
    version = second.version
    participants.update(session, second.id, version, replace(ParticipantFields.of(second), city="Kętrzyn"),
                        today=TODAY)
    assert second.version == version + 1  # a form that read the stay notices the change
    session.expire_all()
    assert session.get(Participant, first.id).city == "Kętrzyn"


def test_a_later_stay_cannot_be_moved_back_over_the_earlier_one(session):
    first, _kitchen = first_stay_ended(session)
    second = participants.readmit(session, again(), participant_id=first.id, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        participants.update(session, second.id, second.version,
                            replace(ParticipantFields.of(second), admission_date=date(2025, 6, 1)), today=TODAY)
    assert refused.value.field == "admission_date"
    assert refused.value.message == "Pobyt musi się zacząć po zakończeniu poprzedniego pobytu tej osoby (30.06.2025)."
    assert second.admission_date == date(2026, 3, 2)
