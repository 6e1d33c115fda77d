"""Test data builders: valid PESELs and a small facility made through the services."""

from __future__ import annotations

from datetime import date

from reintegra.db.enums import AttendanceStatus, Programme, WorkshopKind
from reintegra.services import participants, placements, workshops
from reintegra.services.participants import ParticipantFields

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def make_pesel(birth: date, serial: int = 123, female: bool = False) -> str:
    """A valid PESEL for a birth date; the 10th digit is even for women."""
    offset = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[birth.year // 100 * 100]
    sex_digit = (serial % 5) * 2 + (0 if female else 1)
    digits = f"{birth.year % 100:02d}{birth.month + offset:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, _WEIGHTS)) % 10) % 10
    return digits + str(check)


def admit(session, first: str, last: str, admission: date, *, birth: date = date(1990, 5, 17),
          serial: int = 123, programme: Programme = Programme.WTZ, **extra):
    return participants.admit(session, ParticipantFields(
        first_name=first, last_name=last, pesel=make_pesel(birth, serial), programme=programme,
        admission_date=admission, **extra))


def workshop(session, name: str = "Pracownia gastronomiczna", capacity: int = 6,
             kind: WorkshopKind = WorkshopKind.GASTRONOMY):
    return workshops.create_workshop(session, name, kind, capacity)


def placed(session, first: str, last: str, admission: date, workshop_id: int, serial: int = 123, **extra):
    person = admit(session, first, last, admission, serial=serial, **extra)
    placements.place(session, person.id, workshop_id, admission)
    return person


def days(**by_status: int) -> dict[AttendanceStatus, int]:
    """Month counts by status value, e.g. ``days(present=20, excused=1)``; every other status 0."""
    unknown = set(by_status) - {status.value for status in AttendanceStatus}
    assert not unknown, unknown
    return {status: by_status.get(status.value, 0) for status in AttendanceStatus}
