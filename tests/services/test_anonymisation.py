"""Anonymisation after the retention period: who is due on which day, every trace of their identity
gone from every column, the summaries of past periods unchanged, one audit entry each, and no
change to them afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import admit, make_pesel, workshop
from reintegra.db.enums import (
    AttendanceStatus,
    AuditAction,
    DisabilityDegree,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    NoteCategory,
    Role,
    Sex,
    SkillGroup,
)
from reintegra.db.models import AttendanceDay, AuditEntry, Base, Facility, FollowUp, Participant, ProgressNote
from reintegra.i18n import _, pgettext
from reintegra.services import (
    anonymisation,
    audit_log,
    attendance,
    follow_ups,
    notes,
    participants,
    placements,
    plans,
    statistics,
    users,
)
from reintegra.services.anonymised import AnonymisedError
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.participants import ParticipantFields

TODAY = date(2026, 6, 10)


def _person(session, first, last, serial, admission, exit_date, *, workshop_id):
    """A person with every kind of record; every text of theirs names them, so that a search finds it."""
    person = admit(session, first, last, admission, birth=_birth(serial), serial=serial, sex=Sex.MALE,
                   address=f"ul. {last}a 5", postal_code="18-400", city="Łomża", phone=f"600 100 20{serial}",
                   email=f"{first.lower()}@example.pl", guardian_name=f"Genowefa {last}",
                   guardian_phone=f"600 300 40{serial}", emergency_name=f"Bożena {last}",
                   emergency_phone=f"600 500 60{serial}", referral_institution=f"MOPS, pani {first}",
                   disability_degree=DisabilityDegree.MODERATE, disability_causes=[CAUSES[serial]],
                   certificate_valid_until=date(2030, 1, 1), therapy_indication=True,
                   notes=f"{first} lubi śpiewać przy pracy")
    placements.place(session, person.id, workshop_id, admission, note=f"Przeniesiony, {last}")
    attendance.set_attendance(session, person.id, workshop_id, admission, AttendanceStatus.PRESENT,
                              remark=f"Spóźnił się {first}")
    attendance.set_attendance(session, person.id, workshop_id, date.fromordinal(admission.toordinal() + 1),
                              AttendanceStatus.SICK)
    notes.add_note(session, person.id, admission, NoteCategory.SOCIAL, f"{first} rozmawiał o rodzinie w Zambrowie")
    plan = plans.create_plan(session, person.id, plans.PlanFields(
        start=admission, forms_and_scope=f"Trening kulinarny: {first}", methods=f"Małe kroki, {first}",
        family_cooperation=f"Spotkania z siostrą, {last}", responsible=f"Opiekun {first}"))
    plans.add_goal(session, plan.id, plans.GoalFields(SkillGroup.SOCIAL, f"{first} dojeżdża sam",
                                                      status=GoalStatus.ACHIEVED))
    plans.add_review(session, plan.id, admission, plans.ReviewKind.PERIODIC, f"Postępy: {first}",
                     f"Kontynuować, {last}")
    current = session.get(Participant, person.id)
    participants.exit_participant(session, person.id, current.version, exit_date, ExitReason.EMPLOYMENT,
                                  destination=f"Piekarnia {last}", notes=f"{first} zatrudniony u wujka",
                                  today=TODAY)
    three_months = session.scalars(select(FollowUp).where(FollowUp.participant_id == person.id,
                                                          FollowUp.months_after == 3)).one()
    follow_ups.record_contact(session, three_months.id, three_months.version, exit_date,
                              EmploymentStatus.EMPLOYED, f"Piekarnia {last}", f"Dzwonił {first}", today=TODAY)
    session.flush()
    return person


CAUSES = {1: "02-P", 2: "05-R"}


def _birth(serial: int) -> date:
    return date(1972, 11, 20 + serial)


@pytest.fixture
def people(session):
    gastronomy = workshop(session)
    old = _person(session, "Zenon", "Żurawski", 1, date(2017, 3, 6), date(2019, 3, 29), workshop_id=gastronomy.id)
    recent = _person(session, "Halina", "Hołownia", 2, date(2019, 9, 2), date(2021, 6, 30),
                     workshop_id=gastronomy.id)
    active = admit(session, "Anna", "Kowalska", date(2025, 9, 1), serial=3)
    placements.place(session, active.id, gastronomy.id, date(2025, 9, 1))
    session.flush()
    return {"old": old, "recent": recent, "active": active}


def _set_retention(session, years: int) -> None:
    facility = session.scalar(select(Facility))
    if facility is None:
        session.add(Facility(name="WTZ", retention_years=years))
    else:
        facility.retention_years = years
    session.flush()


def _due(session, day):
    return [row.participant_id for row in anonymisation.due(session, day)]


def test_the_due_list_depends_on_the_day_and_the_retention_period(session, people):
    assert _due(session, TODAY) == [people["old"].id]
    assert _due(session, date(2024, 3, 29)) == []  # exactly five years: not yet "more than"
    assert _due(session, date(2024, 3, 30)) == [people["old"].id]
    assert _due(session, date(2026, 7, 1)) == [people["old"].id, people["recent"].id]
    row = anonymisation.due(session, TODAY)[0]
    assert (row.name, row.exit_date, row.due_since) == ("Zenon Żurawski", date(2019, 3, 29), date(2024, 3, 30))
    _set_retention(session, 10)
    assert _due(session, TODAY) == []


def _texts_in_database(session: Session) -> str:
    """Every value of every row of every table, as one text to search."""
    parts = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)):
            parts.extend(f"{table.name}: {value}" for value in row)
    return "\n".join(parts)


# Every text of Zenon's names him; his phones, causes and day of birth are his alone.
IDENTIFYING = ("Zenon", "zenon", "Żurawski", "600 100 201", "600 300 401", "600 500 601", "02-P", "1972-11-21")


def test_anonymising_removes_every_trace_and_keeps_what_is_counted(session, people):
    old = people["old"]
    pesel = make_pesel(_birth(1), 1)
    everything = _texts_in_database(session)
    assert pesel in everything and all(text in everything for text in IDENTIFYING)
    days_before = session.scalar(select(func.count()).select_from(AttendanceDay)
                                 .where(AttendanceDay.participant_id == old.id))

    assert anonymisation.anonymise(session, [old.id], today=TODAY) == 1
    session.flush()
    session.expire_all()

    everything = _texts_in_database(session)
    assert pesel not in everything
    assert [line for line in everything.splitlines() if any(text in line for text in IDENTIFYING)] == []
    assert "Hołownia" in everything  # the one not yet due keeps everything
    person = session.get(Participant, old.id)
    assert person.full_name == _("Anonymised person") and person.pesel is None
    assert person.birth_date == date(1972, 7, 1)
    assert person.anonymised_at is not None
    assert (person.sex, person.programme, person.admission_date, person.exit_date, person.exit_reason,
            person.disability_degree) == (Sex.MALE, old.programme, date(2017, 3, 6), date(2019, 3, 29),
                                          ExitReason.EMPLOYMENT, DisabilityDegree.MODERATE)
    assert session.scalar(select(func.count()).select_from(AttendanceDay)
                          .where(AttendanceDay.participant_id == old.id)) == days_before
    assert session.scalar(select(FollowUp.employment_status).where(
        FollowUp.participant_id == old.id, FollowUp.months_after == 3)) is EmploymentStatus.EMPLOYED
    assert plans.plans_for(session, old.id)[0].goals[0].status is GoalStatus.ACHIEVED
    assert session.scalar(select(func.count()).select_from(ProgressNote)
                          .where(ProgressNote.participant_id == old.id)) == 0


def _summaries(session) -> list[dict]:
    result = []
    for year in range(2017, 2027):
        figures = statistics.facility_summary(session, date(year, 1, 1), date(year, 12, 31), as_of=TODAY)
        result.append({key: value for key, value in figures.to_json_dict().items() if key != "generated"})
    return result


def test_past_summaries_are_the_same_after_anonymising(session, people):
    before = _summaries(session)
    assert sum(year["exited"] for year in before) == 2
    anonymisation.anonymise(session, _due(session, TODAY), today=TODAY)
    _set_retention(session, 1)
    anonymisation.anonymise(session, _due(session, TODAY), today=TODAY)
    session.flush()
    assert session.scalar(select(func.count()).select_from(Participant)
                          .where(Participant.anonymised_at.is_not(None))) == 2
    assert _summaries(session) == before


def test_one_audit_entry_each_without_the_removed_data(session, people):
    director = users.create_user(session, "kierownik", "bezpieczne-haslo", Role.DIRECTOR, "Zofia Wójcik")
    old = people["old"]
    anonymisation.anonymise(session, [old.id], actor=director, today=TODAY)
    session.flush()
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.ANONYMISE)).all()
    assert [(e.participant_id, e.entity, e.entity_id, e.username) for e in entries] == [
        (old.id, "participant", old.id, "kierownik")]
    assert "pesel" in entries[0].changes["emptied"]
    written = str([e.changes for e in session.scalars(select(AuditEntry))])
    assert "Żurawski" not in written and make_pesel(_birth(1), 1) not in written
    [shown] = audit_log.entries(session, director, audit_log.AuditQuery(action=AuditAction.ANONYMISE)).rows
    assert shown.person == "Osoba zanonimizowana"
    assert shown.description.startswith("Zofia Wójcik (kierownik): zanonimizowano dane osobowe — Osoba zanonimizowana (")
    assert "emptied" not in shown.description and "wyczyszczone pola: " in shown.description


def test_an_anonymised_person_can_no_longer_be_changed(session, people):
    old = people["old"]
    anonymisation.anonymise(session, [old.id], today=TODAY)
    session.flush()
    person = session.get(Participant, old.id)
    message = _("This person's data were anonymised after the retention period, so their records can no longer "
                "be changed.")
    attempts = [
        lambda: participants.update(session, old.id, person.version, ParticipantFields(
            first_name="Zenon", last_name="Żurawski", admission_date=date(2017, 3, 6))),
        lambda: participants.reopen(session, old.id, person.version),
        lambda: participants.update_exit_details(session, old.id, person.version, destination="Piekarnia"),
        lambda: notes.add_note(session, old.id, date(2018, 1, 8), NoteCategory.SOCIAL, "Nowa notatka"),
        lambda: plans.add_goal(session, plans.plans_for(session, old.id)[0].id,
                               plans.GoalFields(SkillGroup.VOCATIONAL, "Nowy cel")),
    ]
    for attempt in attempts:
        with pytest.raises(AnonymisedError) as refused:
            with session.begin_nested():
                attempt()
                session.flush()
        assert str(refused.value) == message
    session.expire_all()
    assert session.get(Participant, old.id).full_name == _("Anonymised person")
    assert session.scalar(select(func.count()).select_from(ProgressNote)
                          .where(ProgressNote.participant_id == old.id)) == 0
    # The others stay editable.
    notes.add_note(session, people["recent"].id, date(2020, 1, 8), NoteCategory.SOCIAL, "Nadal można")
    session.flush()


def test_only_the_due_only_by_a_director_and_never_before_the_day(session, people):
    instructor = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Aleksandra Żak")
    old, recent = people["old"], people["recent"]
    with pytest.raises(PermissionDenied):
        anonymisation.anonymise(session, [old.id], actor=instructor, today=TODAY)
    with pytest.raises(PermissionDenied):  # the preview names people the instructor may not know of
        anonymisation.due(session, TODAY, actor=instructor)
    with pytest.raises(ValidationError) as refused:
        anonymisation.anonymise(session, [old.id, recent.id], today=TODAY)
    assert refused.value.message == _("{name} is not due for anonymisation on {date}.").format(
        name="Halina Hołownia", date="10.06.2026")
    with pytest.raises(ValidationError) as refused:
        anonymisation.anonymise(session, [old.id], today=date(2099, 1, 1))
    assert "01.01.2099" in refused.value.message
    session.flush()
    assert session.scalar(select(func.count()).select_from(Participant)
                          .where(Participant.anonymised_at.is_not(None))) == 0
    assert session.get(Participant, old.id).last_name == "Żurawski"


def test_the_log_still_says_in_words_what_left_the_program_about_an_anonymised_person(session, people, tmp_path):
    """A report saved under the person's name, a print and an export of all their data: after the
    anonymisation the file's name is gone, yet each entry reads as a sentence that says what was disclosed."""
    from pathlib import Path

    from reintegra.services import audit, audit_log, person_data
    from reintegra.services.audit_log import AuditQuery

    director = users.create_user(session, "kierownik", "bezpieczne-haslo", Role.DIRECTOR, "Zofia Wójcik")
    old = people["old"]
    audit.record_disclosure(session, director, old.id, "participant_report", Path(tmp_path / "Zenon Żurawski.pdf"))
    audit.record_disclosure(session, director, old.id, "participant_report", "Drukarka w biurze")
    person_data.record_export(session, director, old.id, "json")
    before = [row.description for row in audit_log.all_entries(session, director, AuditQuery(participant_id=old.id))]
    assert any(pgettext("audit object", "all data about the person") in text for text in before)

    anonymisation.anonymise(session, [old.id], actor=director, today=TODAY)
    session.flush()
    rows = audit_log.all_entries(session, director, AuditQuery(participant_id=old.id))
    texts = [row.description for row in rows if row.action in (AuditAction.EXPORT, AuditAction.PRINT)]
    assert len(texts) == 3
    assert not [text for text in texts if "Zenon" in text or "None" in text or "person_data" in text]
    assert sum(pgettext("audit object", "the participant reintegration report") in text for text in texts) == 2
    assert sum(pgettext("audit object", "all data about the person") in text for text in texts) == 1


def _readmit(session, stay, admission, exit_date=None):
    """A new stay for the person of ``stay``, whose notes name them; exited to a job on ``exit_date``."""
    from dataclasses import replace

    values = replace(ParticipantFields.of(stay), admission_date=admission, application_date=None,
                     planned_end_date=None, notes=f"{stay.first_name} wrócił do nas")
    again = participants.readmit(session, values, participant_id=stay.id, today=TODAY)
    if exit_date is not None:
        participants.exit_participant(session, again.id, again.version, exit_date, ExitReason.EMPLOYMENT,
                                      notes=f"{stay.first_name} znów pracuje", today=TODAY)
    session.flush()
    return again


def test_a_person_with_an_open_stay_is_not_due_whatever_their_old_exits(session, people):
    _readmit(session, people["old"], date(2025, 1, 6))
    assert _due(session, TODAY) == []


def test_a_readmitted_person_is_due_after_their_last_exit_and_anonymised_in_every_stay(session, people):
    old = people["old"]
    again = _readmit(session, old, date(2019, 9, 2), date(2020, 12, 31))
    assert _due(session, date(2025, 12, 31)) == []  # the first exit is old enough, the last is not
    assert _due(session, TODAY) == [again.id]  # once, by the last stay

    assert anonymisation.anonymise(session, [old.id], today=TODAY) == 1  # chosen by either stay
    session.flush()
    session.expire_all()

    everything = _texts_in_database(session)
    assert [line for line in everything.splitlines() if any(text in line for text in IDENTIFYING)] == []
    for stay_id in (old.id, again.id):
        stay = session.get(Participant, stay_id)
        assert stay.anonymised_at is not None and stay.full_name == _("Anonymised person")
        assert stay.notes == "" and stay.exit_notes == "" and stay.exit_reason is ExitReason.EMPLOYMENT
    assert _due(session, TODAY) == []
    with pytest.raises(AnonymisedError):
        _readmit(session, session.get(Participant, again.id), date(2026, 6, 1))
