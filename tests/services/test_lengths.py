"""Lengths and formats checked in services from the table definitions: the same refusal from the
service, the importer and the form, with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from reintegra import i18n
from reintegra.db.models import Facility, Participant, Person, Workshop
from reintegra.services import facility, importing, participants
from reintegra.services.errors import ValidationError
from reintegra.services.importing import ImportRefused
from reintegra.services.participants import ParticipantFields
from reintegra.services.validation import max_length
from spreadsheets import utf8_csv

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


def _fields(**changes) -> ParticipantFields:
    values = dict(first_name="Anna", last_name="Nowak", birth_date=date(1990, 5, 1), admission_date=TODAY)
    values.update(changes)
    return ParticipantFields(**values)


def test_a_city_longer_than_its_column_is_refused_by_the_service_naming_the_field(session):
    with pytest.raises(ValidationError) as refused:
        participants.admit(session, _fields(city="x" * 300), today=TODAY)

    assert refused.value.field == "city"
    assert refused.value.message == "“Town” is too long: at most 100 characters."
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Participant)) == 0


def test_the_facility_refuses_a_long_city_and_a_bad_postal_code(session):
    values = facility.FacilityFields(name="WTZ „Źródło”", city="x" * 300)
    with pytest.raises(ValidationError) as refused:
        facility.update_facility(session, values)
    assert refused.value.field == "city"
    assert refused.value.message == "“Town” is too long: at most 100 characters."

    with pytest.raises(ValidationError) as refused:
        facility.update_facility(session, facility.FacilityFields(name="WTZ", postal_code="123"))
    assert refused.value.field == "postal_code"
    assert refused.value.message == "“123” is not a postal code (use 00-000)."
    session.rollback()
    assert session.scalar(select(Facility.name).limit(1)) in (None, "")


def test_a_postal_code_typed_without_the_dash_is_stored_with_it(session):
    person = participants.admit(session, _fields(postal_code="00 950"), today=TODAY)
    assert person.postal_code == "00-950"


def test_the_importer_refuses_a_too_long_surname_and_workshop_with_the_same_sentence(session, tmp_path):
    path = utf8_csv(tmp_path / "people.csv", [
        ["first_name", "last_name", "birth_date", "admission_date", "workshop"],
        ["Anna", "N" * 300, "1990-05-01", "2026-03-02", ""],
        ["Ewa", "Kowalska", "1991-05-01", "2026-03-02", "W" * 300],
    ])

    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)

    reasons = {error.line: error.reason for error in refused.value.errors}
    assert reasons == {2: "“Surname” is too long: at most 80 characters.",
                       3: "“Name” is too long: at most 120 characters."}
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Participant)) == 0
    assert session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_the_limits_come_from_the_table_definitions():
    assert max_length(Participant, "city") == Person.__table__.c["city"].type.length == 100  # the person's column
    assert max_length(Participant, "notes") is None  # a Text column has no length
