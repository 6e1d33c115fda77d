"""Participants: admission, validation, edit with conflicts, exit, reopen, search."""

from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit, make_pesel, placed, workshop
from reintegra.db.enums import ExitReason, Programme, Sex
from reintegra.db.models import AuditEntry, FollowUp, Participant
from reintegra.services import attendance, participants, placements
from reintegra.services.errors import ConflictError, ValidationError
from reintegra.services.participants import Filter, ParticipantFields

TODAY = date(2026, 11, 23)


def fields(**values):
    base = dict(first_name="Łucja", last_name="Żółkiewska", pesel=make_pesel(date(1985, 3, 4), 456, female=True),
                admission_date=date(2024, 2, 1))
    base.update(values)
    return ParticipantFields(**base)


def test_admit_derives_birth_date_and_sex_from_pesel(session):
    person = participants.admit(session, fields(), today=TODAY)
    assert person.birth_date == date(1985, 3, 4)
    assert person.sex is Sex.FEMALE
    assert person.programme is Programme.WTZ
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_names_are_trimmed(session):
    person = participants.admit(session, fields(first_name="  Anna  Maria ", last_name=" Nowak "), today=TODAY)
    assert (person.first_name, person.last_name) == ("Anna Maria", "Nowak")


@pytest.mark.parametrize("pesel, message", [
    ("85030445679", "cyfrę kontrolną"),
    ("8503044567", "11 cyfr"),
    ("85133112347", "daty urodzenia"),  # 31 November, with a right check digit
])
def test_bad_pesel_is_refused_with_a_polish_sentence(session, pesel, message):
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(pesel=pesel), today=TODAY)
    assert error.value.field == "pesel"
    assert message in error.value.message
    assert session.scalar(select(func.count()).select_from(Participant)) == 0


def test_birth_date_must_agree_with_pesel(session):
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(birth_date=date(1985, 3, 5)), today=TODAY)
    assert error.value.field == "birth_date"


def test_birth_date_required_without_pesel(session):
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(pesel=None), today=TODAY)
    assert error.value.field == "birth_date"
    person = participants.admit(session, fields(pesel="", birth_date=date(1970, 1, 1)), today=TODAY)
    assert person.pesel is None


def test_missing_surname_and_admission(session):
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(last_name="  "), today=TODAY)
    assert error.value.field == "last_name"
    assert error.value.message == "Nazwisko jest wymagane."
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(admission_date=None), today=TODAY)
    assert error.value.field == "admission_date"


def test_pesel_is_unique(session):
    participants.admit(session, fields(), today=TODAY)
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(first_name="Inna"), today=TODAY)
    assert error.value.field == "pesel"
    assert "Łucja Żółkiewska" in error.value.message


def test_cis_participation_is_at_most_24_months(session):
    with pytest.raises(ValidationError) as error:
        participants.admit(session, fields(programme=Programme.CIS, planned_end_date=date(2026, 2, 2)), today=TODAY)
    assert error.value.field == "planned_end_date"
    person = participants.admit(session, fields(programme=Programme.CIS, planned_end_date=date(2025, 1, 31)),
                                today=TODAY)
    assert person.planned_end_date == date(2025, 1, 31)


def test_disability_causes_are_normalised_and_limited(session):
    person = participants.admit(session, fields(disability_causes=["01u", "02-P", "01-U"]), today=TODAY)
    assert person.disability_causes == ["01-U", "02-P"]
    with pytest.raises(ValidationError):
        participants.admit(session, fields(pesel=make_pesel(date(1980, 1, 1)), disability_causes=["13-X"]),
                           today=TODAY)
    with pytest.raises(ValidationError):
        participants.admit(session, fields(pesel=make_pesel(date(1980, 1, 1)),
                                           disability_causes=["01-U", "02-P", "03-L", "04-O"]), today=TODAY)


def test_update_detects_a_stale_version(session):
    person = participants.admit(session, fields(), today=TODAY)
    version = person.version
    participants.update(session, person.id, version, fields(phone="600 100 200"), today=TODAY)
    assert person.version == version + 1
    with pytest.raises(ConflictError):
        participants.update(session, person.id, version, fields(phone="600 000 000"), today=TODAY)
    assert person.phone == "600 100 200"


def test_concurrent_edit_from_another_session_is_a_conflict(engine, session):
    from sqlalchemy.orm import Session

    person = participants.admit(session, fields(), today=TODAY)
    session.commit()
    seen_version = person.version
    with Session(engine) as other:
        participants.update(other, person.id, seen_version, fields(city="Kraków"), today=TODAY)
        other.commit()
    session.expire_all()
    with pytest.raises(ConflictError):
        participants.update(session, person.id, seen_version, fields(city="Łódź"), today=TODAY)


def test_exit_closes_placements_and_plans_follow_ups(session):
    kitchen = workshop(session)
    person = placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    participants.exit_participant(session, person.id, person.version, date(2025, 6, 30), ExitReason.EMPLOYMENT,
                                  destination="Hotel Pod Różą", today=TODAY)
    assert person.placements[0].end_date == date(2025, 6, 30)
    due = session.scalars(select(FollowUp.due_date).where(FollowUp.participant_id == person.id)
                          .order_by(FollowUp.months_after)).all()
    assert due == [date(2025, 9, 30), date(2025, 12, 30), date(2026, 6, 30)]


def test_exit_rules(session):
    kitchen = workshop(session)
    person = placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
    with pytest.raises(ValidationError) as error:
        participants.exit_participant(session, person.id, person.version, date(2024, 1, 7), ExitReason.MOVED,
                                      today=TODAY)
    assert error.value.field == "exit_date"
    with pytest.raises(ValidationError):
        participants.exit_participant(session, person.id, person.version, date(2026, 12, 1), ExitReason.MOVED,
                                      today=TODAY)
    attendance.set_attendance(session, person.id, kitchen.id, date(2024, 3, 5), attendance.AttendanceStatus.PRESENT)
    with pytest.raises(ValidationError) as error:
        participants.exit_participant(session, person.id, person.version, date(2024, 3, 1), ExitReason.MOVED,
                                      today=TODAY)
    assert "05.03.2024" in error.value.message
    assert person.exit_date is None and person.placements[0].end_date is None


def test_death_plans_no_follow_up(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2025, 1, 8), ExitReason.DEATH,
                                  today=TODAY)
    assert session.scalar(select(func.count()).select_from(FollowUp)) == 0


def test_reopen_undoes_the_exit_and_drops_unmade_follow_ups(session):
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    participants.exit_participant(session, person.id, person.version, date(2025, 1, 8), ExitReason.MOVED,
                                  today=TODAY)
    made = session.scalars(select(FollowUp).where(FollowUp.months_after == 3)).one()
    made.contact_date = date(2025, 4, 8)
    participants.reopen(session, person.id, person.version)
    assert person.exit_date is None and person.exit_reason is None
    assert session.scalars(select(FollowUp.months_after)).all() == [3]
    with pytest.raises(ValidationError):
        participants.reopen(session, person.id, person.version)


def test_search_by_name_fragment_pesel_status_and_workshop(session):
    kitchen = workshop(session)
    tailoring = workshop(session, "Pracownia krawiecka")
    placed(session, "Łucja", "Żółkiewska", date(2024, 1, 8), kitchen.id, serial=1, birth=date(1985, 3, 4))
    placed(session, "Jan", "Kowalski", date(2024, 1, 8), tailoring.id, serial=2)
    gone = placed(session, "Ewa", "Nowak", date(2023, 1, 9), kitchen.id, serial=3)
    participants.exit_participant(session, gone.id, gone.version, date(2024, 12, 31), ExitReason.HEALTH,
                                  today=TODAY)
    participants.add_applicant(session, fields(first_name="Adam", last_name="Czekający", pesel=None,
                                               birth_date=date(1999, 9, 9), application_date=date(2025, 5, 5)),
                               today=TODAY)

    def names(**kw):
        return [r.last_name for r in participants.search(session, on=TODAY, **kw)]

    assert names() == ["Kowalski", "Żółkiewska"]
    assert names(text="ŻÓŁK") == ["Żółkiewska"]
    assert names(text="850304") == ["Żółkiewska"]
    assert names(text="jan kow") == ["Kowalski"]
    assert names(status=Filter.EXITED) == ["Nowak"]
    assert names(status=Filter.APPLICANTS) == ["Czekający"]
    assert names(status=Filter.ALL) == ["Czekający", "Kowalski", "Nowak", "Żółkiewska"]
    assert names(workshop_id=kitchen.id) == ["Żółkiewska"]
    exited = participants.search(session, status=Filter.EXITED, on=TODAY)[0]
    assert exited.workshop == "Pracownia gastronomiczna"


def test_applicant_is_admitted_later(session):
    applicant = participants.add_applicant(session, fields(admission_date=None, application_date=date(2023, 5, 5)),
                                           today=TODAY)
    assert applicant.admission_date is None
    with pytest.raises(ValidationError):
        placements.place(session, applicant.id, workshop(session).id, date(2024, 1, 1))
    participants.admit_applicant(session, applicant.id, applicant.version, date(2025, 2, 3), today=TODAY)
    assert applicant.admission_date == date(2025, 2, 3)


def test_find_by_id_or_pesel(session):
    person = participants.admit(session, fields(), today=TODAY)
    assert participants.find_participant(session, str(person.id)) is person
    assert participants.find_participant(session, person.pesel) is person
    with pytest.raises(Exception) as error:
        participants.find_participant(session, "99999")
    assert "99999" in str(error.value)
