"""Workshops: names, capacity, instructors, deactivation, occupancy."""

from datetime import date

import pytest

from factories import placed, workshop
from reintegra.db.enums import Role, WorkshopKind
from reintegra.services import users, workshops
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError


def test_create_and_list_with_occupancy_and_instructors(session):
    instructor = users.create_user(session, "kwiatek", "haslo1234", Role.INSTRUCTOR, "Krystyna Kwiatkowska")
    flowers = workshops.create_workshop(session, "  Pracownia   florystyczna ", WorkshopKind.FLORISTRY, 5,
                                        instructor_ids=[instructor.id])
    placed(session, "Jan", "Kowalski", date(2026, 1, 5), flowers.id)
    rows = workshops.list_workshops(session, on=date(2026, 2, 2))
    assert [(r.name, r.kind, r.capacity, r.placed, r.instructors) for r in rows] == [
        ("Pracownia florystyczna", WorkshopKind.FLORISTRY, 5, 1, ("Krystyna Kwiatkowska",))]


@pytest.mark.parametrize("name, capacity, field", [
    ("", 5, "name"), ("Pracownia X", 0, "capacity"), ("Pracownia X", 101, "capacity"),
])
def test_bad_input(session, name, capacity, field):
    with pytest.raises(ValidationError) as error:
        workshops.create_workshop(session, name, WorkshopKind.OTHER, capacity)
    assert error.value.field == field
    assert workshops.list_workshops(session) == []


def test_names_are_unique_regardless_of_case(session):
    workshop(session, "Pracownia Gastronomiczna")
    with pytest.raises(ValidationError):
        workshop(session, "pracownia gastronomiczna")
    assert workshops.find_by_name(session, "PRACOWNIA  gastronomiczna").name == "Pracownia Gastronomiczna"


def test_update_with_version(session):
    kitchen = workshop(session)
    version = kitchen.version
    workshops.update_workshop(session, kitchen.id, version, name="Kuchnia", kind=WorkshopKind.GASTRONOMY,
                              capacity=8, instructor_ids=[])
    assert (kitchen.name, kitchen.capacity) == ("Kuchnia", 8)
    with pytest.raises(ConflictError):
        workshops.update_workshop(session, kitchen.id, version, name="Inna", kind=WorkshopKind.OTHER, capacity=8,
                                  instructor_ids=[])


def test_deactivate_only_when_empty(session):
    kitchen = workshop(session)
    person = placed(session, "Jan", "Kowalski", date(2026, 1, 5), kitchen.id)
    with pytest.raises(ValidationError) as error:
        workshops.set_active(session, kitchen.id, kitchen.version, False, on=date(2026, 2, 2))
    assert "1" in error.value.message
    from reintegra.services import placements

    placement = person.placements[0]
    placements.end_placement(session, placement.id, placement.version, date(2026, 1, 31))
    workshops.set_active(session, kitchen.id, kitchen.version, False, on=date(2026, 2, 2))
    assert [r.name for r in workshops.list_workshops(session, include_inactive=False)] == []


def test_instructor_cannot_create_workshops(session):
    instructor = users.create_user(session, "kwiatek", "haslo1234", Role.INSTRUCTOR, "Kwiatek")
    with pytest.raises(PermissionDenied):
        workshops.create_workshop(session, "Pracownia", WorkshopKind.OTHER, 5, actor=instructor)
