"""Placements: one at a time, inside the participation, capacity warnings, moves."""

from datetime import date

import pytest

from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus, ExitReason
from reintegra.services import attendance, participants, placements
from reintegra.services.errors import ConflictError, ValidationError

TODAY = date(2026, 11, 23)


def test_no_overlapping_placements(session):
    kitchen, tailoring = workshop(session), workshop(session, "Pracownia krawiecka")
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    placements.place(session, person.id, kitchen.id, date(2024, 1, 8), end_date=date(2024, 6, 30))
    with pytest.raises(ValidationError) as error:
        placements.place(session, person.id, tailoring.id, date(2024, 6, 30))
    assert "Pracownia gastronomiczna" in error.value.message
    placements.place(session, person.id, tailoring.id, date(2024, 7, 1))
    with pytest.raises(ValidationError):
        placements.place(session, person.id, kitchen.id, date(2025, 1, 1))
    assert [p.workshop.name for p in placements.placements_of(session, person.id)] == [
        "Pracownia gastronomiczna", "Pracownia krawiecka"]


def test_placement_inside_participation(session):
    kitchen = workshop(session)
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    with pytest.raises(ValidationError) as error:
        placements.place(session, person.id, kitchen.id, date(2024, 1, 5))
    assert error.value.field == "start_date"
    with pytest.raises(ValidationError):
        placements.place(session, person.id, kitchen.id, date(2024, 3, 1), end_date=date(2024, 2, 1))
    participants.exit_participant(session, person.id, person.version, date(2024, 12, 31), ExitReason.MOVED,
                                  today=TODAY)
    with pytest.raises(ValidationError):
        placements.place(session, person.id, kitchen.id, date(2024, 2, 1))  # open-ended after the exit
    placements.place(session, person.id, kitchen.id, date(2024, 2, 1), end_date=date(2024, 12, 31))


def test_capacity_is_a_warning_not_a_wall(session):
    small = workshop(session, "Pracownia florystyczna", capacity=1)
    first = admit(session, "Jan", "Kowalski", date(2024, 1, 8), serial=1)
    second = admit(session, "Ewa", "Nowak", date(2024, 1, 8), serial=2)
    assert placements.place(session, first.id, small.id, date(2024, 1, 8)).warnings == []
    result = placements.place(session, second.id, small.id, date(2024, 1, 8))
    assert result.placement.id is not None
    assert "Pracownia florystyczna" in result.warnings[0] and "1" in result.warnings[0]


def test_inactive_workshop_takes_nobody(session):
    from reintegra.services import workshops

    closed = workshop(session, "Pracownia stolarska")
    workshops.set_active(session, closed.id, closed.version, False, on=TODAY)
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    with pytest.raises(ValidationError):
        placements.place(session, person.id, closed.id, date(2024, 1, 8))


def test_move_ends_the_current_placement_the_day_before(session):
    kitchen, tailoring = workshop(session), workshop(session, "Pracownia krawiecka")
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
    placements.move(session, person.id, tailoring.id, date(2024, 9, 2))
    history = placements.placements_of(session, person.id)
    assert [(p.workshop.name, p.start_date, p.end_date) for p in history] == [
        ("Pracownia gastronomiczna", date(2024, 1, 8), date(2024, 9, 1)),
        ("Pracownia krawiecka", date(2024, 9, 2), None),
    ]
    assert placements.current_placement(session, person.id, date(2024, 9, 1)).workshop_id == kitchen.id
    with pytest.raises(ValidationError):
        placements.move(session, person.id, tailoring.id, date(2024, 10, 1))


def test_placement_cannot_shrink_past_recorded_attendance(session):
    kitchen, tailoring = workshop(session), workshop(session, "Pracownia krawiecka")
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    placement = placements.place(session, person.id, kitchen.id, date(2024, 1, 8)).placement
    attendance.set_attendance(session, person.id, kitchen.id, date(2024, 3, 5), AttendanceStatus.PRESENT)
    with pytest.raises(ValidationError) as error:
        placements.end_placement(session, placement.id, placement.version, date(2024, 3, 4))
    assert "05.03.2024" in error.value.message
    with pytest.raises(ValidationError):
        placements.move(session, person.id, tailoring.id, date(2024, 3, 1))
    assert placement.end_date is None
    placements.end_placement(session, placement.id, placement.version, date(2024, 3, 5))
    with pytest.raises(ConflictError):
        placements.end_placement(session, placement.id, placement.version - 1, date(2024, 3, 6))


def test_delete_placement_entered_by_mistake(session):
    kitchen = workshop(session)
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    placement = placements.place(session, person.id, kitchen.id, date(2024, 1, 8)).placement
    placements.delete_placement(session, placement.id, placement.version)
    assert placements.placements_of(session, person.id) == []


def test_placed_participants_in_a_period(session):
    kitchen = workshop(session)
    a = admit(session, "Anna", "Zając", date(2024, 1, 8), serial=1)
    b = admit(session, "Bartosz", "Ąbecki", date(2024, 1, 8), serial=2)
    placements.place(session, a.id, kitchen.id, date(2024, 1, 8), end_date=date(2024, 1, 31))
    placements.place(session, b.id, kitchen.id, date(2024, 2, 1))
    assert [p.first_name for p in placements.placed_participants(session, kitchen.id, date(2024, 1, 15))] == ["Anna"]
    assert [p.first_name for p in placements.placed_participants(
        session, kitchen.id, date(2024, 1, 1), date(2024, 2, 29))] == ["Bartosz", "Anna"]  # Ą before Z
