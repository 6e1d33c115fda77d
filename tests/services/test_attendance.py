"""Attendance: recording a day, limits, the day sheet, month counts and the rate."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import Programme, Role
from reintegra.db.models import AttendanceDay
from reintegra.services import attendance, calendar, users
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError


@pytest.fixture
def kitchen(session):
    return workshop(session)


def test_present_defaults_to_the_facility_day_length(session, kitchen):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id)
    attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.PRESENT)
    attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 3), S.SICK)
    rows = {r.day: r for r in session.scalars(select(AttendanceDay))}
    assert rows[date(2026, 3, 2)].hours == Decimal("7")
    assert rows[date(2026, 3, 3)].hours is None


def test_one_row_per_person_day_changed_in_place(session, kitchen):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id)
    attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.PRESENT)
    attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.EXCUSED, remark="wizyta u lekarza")
    rows = session.scalars(select(AttendanceDay)).all()
    assert [(r.status, r.remark) for r in rows] == [(S.EXCUSED, "wizyta u lekarza")]


def test_not_placed_that_day_is_refused(session, kitchen):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id)
    with pytest.raises(ValidationError) as error:
        attendance.set_attendance(session, person.id, kitchen.id, date(2026, 2, 27), S.PRESENT)
    assert "27.02.2026" in error.value.message
    other = workshop(session, "Pracownia krawiecka")
    with pytest.raises(ValidationError):
        attendance.set_attendance(session, person.id, other.id, date(2026, 3, 2), S.PRESENT)
    assert session.scalar(select(func.count()).select_from(AttendanceDay)) == 0


@pytest.mark.parametrize("hours", ["-1", "25", "abc", "7.123"])
def test_bad_hours_are_refused(session, kitchen, hours):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id)
    with pytest.raises(ValidationError) as error:
        attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.PRESENT, hours=hours)
    assert error.value.field == "hours"


def test_wtz_limits_are_warnings(session, kitchen):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id)
    warnings = attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.PRESENT, hours="8")
    assert len(warnings) == 1 and "7" in warnings[0]
    for day in (3, 4, 5, 6):
        warnings = attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, day), S.PRESENT,
                                             hours="7,5")
    assert any("38" in w for w in warnings)  # 8 + 4 × 7.5 = 38 h in the week
    assert session.scalar(select(func.count()).select_from(AttendanceDay)) == 5


def test_cis_week_limit(session, kitchen):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id, programme=Programme.CIS)
    warnings = []
    for day in (2, 3, 4, 5, 6):
        warnings = attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, day), S.PRESENT,
                                             hours="8,5")
    assert len(warnings) == 1 and "40" in warnings[0]


def test_day_sheet_shows_unrecorded_people_and_holidays(session, kitchen):
    a = placed(session, "Anna", "Ąbecka", date(2026, 3, 2), kitchen.id, serial=1)
    placed(session, "Bogdan", "Zieliński", date(2026, 3, 2), kitchen.id, serial=2)
    attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.UNEXCUSED)
    attendance.save_day_log(session, kitchen.id, date(2026, 3, 2), "Pieczenie chleba.")
    sheet = attendance.day_sheet(session, kitchen.id, date(2026, 3, 2))
    assert [(r.last_name, r.status) for r in sheet.rows] == [("Ąbecka", S.UNEXCUSED), ("Zieliński", None)]
    assert sheet.log_text == "Pieczenie chleba." and sheet.is_working_day
    easter_monday = attendance.day_sheet(session, kitchen.id, date(2026, 4, 6))
    assert not easter_monday.is_working_day
    assert easter_monday.holiday == "Poniedziałek Wielkanocny"


def test_mark_all_present_leaves_recorded_days_alone(session, kitchen):
    a = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id, serial=1)
    placed(session, "Bogdan", "Zieliński", date(2026, 3, 2), kitchen.id, serial=2)
    attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.SICK)
    assert attendance.mark_all_present(session, kitchen.id, date(2026, 3, 2)) == 1
    sheet = attendance.day_sheet(session, kitchen.id, date(2026, 3, 2))
    assert [r.status for r in sheet.rows] == [S.SICK, S.PRESENT]


def test_clear_returns_a_day_to_not_recorded(session, kitchen):
    a = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id)
    attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.SICK)
    attendance.clear_attendance(session, a.id, date(2026, 3, 2))
    assert attendance.day_sheet(session, kitchen.id, date(2026, 3, 2)).rows[0].status is None


def test_stale_day_is_a_conflict(session, kitchen):
    a = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id)
    attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.SICK)
    seen = attendance.day_sheet(session, kitchen.id, date(2026, 3, 2)).rows[0].version
    attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.PRESENT, expected_version=seen)
    with pytest.raises(ConflictError):
        attendance.set_attendance(session, a.id, kitchen.id, date(2026, 3, 2), S.LEAVE, expected_version=seen)


def test_instructor_records_only_own_workshops(session, kitchen):
    other = workshop(session, "Pracownia krawiecka")
    a = placed(session, "Anna", "Nowak", date(2026, 3, 2), other.id)
    instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
    instructor.workshops = [kitchen]
    with pytest.raises(PermissionDenied):
        attendance.set_attendance(session, a.id, other.id, date(2026, 3, 2), S.PRESENT, actor=instructor)
    instructor.workshops = [kitchen, other]
    attendance.set_attendance(session, a.id, other.id, date(2026, 3, 2), S.PRESENT, actor=instructor)


def test_month_rows_count_by_hand(session, kitchen):
    # March 2026: 22 working days (no public holidays; Easter Monday is 6 April).
    assert calendar.count_working_days(date(2026, 3, 1), date(2026, 3, 31)) == 22
    full = placed(session, "Anna", "Nowak", date(2026, 1, 5), kitchen.id, serial=1)
    # Placed from Monday 16 March: 16–31 March has 12 working days.
    late = placed(session, "Łukasz", "Żak", date(2026, 3, 16), kitchen.id, serial=2)
    for day in (2, 3, 4, 5, 6, 9, 10):
        attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, day), S.PRESENT)
    attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, 11), S.EXCUSED)
    attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, 12), S.UNEXCUSED)
    attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, 13), S.SICK)
    attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, 16), S.LEAVE)
    attendance.set_attendance(session, full.id, kitchen.id, date(2026, 3, 17), S.PRESENT, hours="3,5")
    attendance.set_attendance(session, late.id, kitchen.id, date(2026, 3, 16), S.PRESENT)
    rows = attendance.month_rows(session, kitchen.id, 2026, 3, as_of=date(2026, 11, 23))
    anna, lukasz = rows
    assert anna.counts == {S.PRESENT: 8, S.EXCUSED: 1, S.UNEXCUSED: 1, S.SICK: 1, S.LEAVE: 1, S.DAY_OFF: 0}
    assert anna.working_days == 22 and anna.hours == Decimal("52.5")  # 7 × 7 h + 3.5 h
    # 12 of the 22 working days entered (2–17 March); the 10 left blank are out of the rate.
    assert (anna.not_entered_days, anna.rate) == (10, pytest.approx(8 / 12))
    assert (lukasz.present, lukasz.working_days, lukasz.not_entered_days, lukasz.rate) == (1, 12, 11, 1.0)


def test_working_days_are_counted_up_to_today(session, kitchen):
    person = placed(session, "Anna", "Nowak", date(2026, 11, 2), kitchen.id)
    rows = attendance.month_rows(session, kitchen.id, 2026, 11, as_of=date(2026, 11, 13))
    # 2–13 November 2026: ten weekdays less Independence Day (Wednesday 11th).
    assert rows[0].working_days == 9
    assert rows[0].participant_id == person.id


def test_participant_months_span_workshops(session, kitchen):
    from reintegra.services import placements

    tailoring = workshop(session, "Pracownia krawiecka")
    person = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id)
    placements.move(session, person.id, tailoring.id, date(2026, 3, 16))
    attendance.set_attendance(session, person.id, kitchen.id, date(2026, 3, 2), S.PRESENT)
    attendance.set_attendance(session, person.id, tailoring.id, date(2026, 3, 16), S.PRESENT)
    months = attendance.participant_months(session, person.id, date(2026, 3, 1), date(2026, 4, 30),
                                           as_of=date(2026, 11, 23))
    (y1, m1, march), (y2, m2, april) = months
    assert (y1, m1, march.present, march.working_days) == (2026, 3, 2, 22)
    assert (y2, m2, april.present, april.working_days) == (2026, 4, 0, 21)  # April 2026: 22 weekdays − Easter Monday
    # Both entries, in either workshop, are days entered; nothing in April is: no rate, not 0%.
    assert (march.not_entered_days, march.rate) == (20, 1.0)
    assert (april.not_entered_days, april.rate) == (21, None)
