"""Gaps: working days on which someone placed in a workshop has no attendance recorded."""

from datetime import date

import pytest

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import Role
from reintegra.services import attendance, placements, users
from reintegra.services.attendance_gaps import attendance_gaps, count_gaps, gaps_by_workshop
from reintegra.services.errors import PermissionDenied

# 2–13 March 2026: two weeks, no public holidays.
WEEK_1 = [date(2026, 3, day) for day in (2, 3, 4, 5, 6)]
WEEK_2 = [date(2026, 3, day) for day in (9, 10, 11, 12, 13)]


@pytest.fixture
def kitchen(session):
    return workshop(session)


def record(session, person, workshop_id, days, status=S.PRESENT):
    for day in days:
        attendance.set_attendance(session, person.id, workshop_id, day, status)


def test_a_day_is_a_gap_until_everyone_placed_has_a_record(session, kitchen):
    anna = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id, serial=1)
    jan = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id, serial=2)
    record(session, anna, kitchen.id, WEEK_1)
    record(session, jan, kitchen.id, [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 6)], S.SICK)
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 1), date(2026, 3, 8)) == [
        date(2026, 3, 4), date(2026, 3, 5)]
    attendance.mark_all_present(session, kitchen.id, date(2026, 3, 4))
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 1), date(2026, 3, 8)) == [date(2026, 3, 5)]


def test_weekends_and_holidays_are_never_gaps(session, kitchen):
    placed(session, "Anna", "Nowak", date(2026, 10, 26), kitchen.id)
    # 31 Oct – 11 Nov 2026: Saturdays, Sundays, All Saints' Day (Sunday 1st) and Independence Day (Wednesday 11th).
    gaps = attendance_gaps(session, kitchen.id, date(2026, 10, 31), date(2026, 11, 11))
    assert gaps == [date(2026, 11, day) for day in (2, 3, 4, 5, 6, 9, 10)]


def test_only_days_someone_was_placed_count(session, kitchen):
    anna = placed(session, "Anna", "Nowak", date(2026, 3, 4), kitchen.id, serial=1)
    placements.end_placement(session, placements.current_placement(session, anna.id, date(2026, 3, 4)).id,
                             1, date(2026, 3, 10))
    record(session, anna, kitchen.id, [date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 9)])
    # Placed 4–10 March: the 2nd and 3rd before, the 11th onwards after, are nobody's.
    assert attendance_gaps(session, kitchen.id, WEEK_1[0], WEEK_2[-1]) == [date(2026, 3, 6), date(2026, 3, 10)]


def test_a_move_between_workshops_is_counted_in_each(session, kitchen):
    tailoring = workshop(session, "Pracownia krawiecka")
    anna = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id)
    placements.move(session, anna.id, tailoring.id, date(2026, 3, 9))
    record(session, anna, kitchen.id, WEEK_1)
    record(session, anna, tailoring.id, WEEK_2[:3])
    assert gaps_by_workshop(session, WEEK_1[0], WEEK_2[-1]) == {tailoring.id: [date(2026, 3, 12), date(2026, 3, 13)]}
    assert attendance_gaps(session, kitchen.id, WEEK_1[0], WEEK_2[-1]) == []


def test_count_gaps_over_the_facility_and_chosen_workshops(session, kitchen):
    tailoring = workshop(session, "Pracownia krawiecka")
    empty = workshop(session, "Pracownia ogrodnicza")
    anna = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id, serial=1)
    placed(session, "Jan", "Kowalski", date(2026, 3, 2), tailoring.id, serial=2)
    record(session, anna, kitchen.id, WEEK_1[:4])
    assert count_gaps(session, until=date(2026, 3, 6), since=date(2026, 3, 2)) == 1 + 5
    assert count_gaps(session, until=date(2026, 3, 6), since=date(2026, 3, 2), workshop_ids=[kitchen.id]) == 1
    assert count_gaps(session, until=date(2026, 3, 6), since=date(2026, 3, 2), workshop_ids=[empty.id]) == 0
    assert count_gaps(session, until=date(2026, 3, 6), since=date(2026, 3, 2), workshop_ids=[]) == 0
    # Without ``since``: the 30 days up to ``until`` (6 Feb – 7 Mar), i.e. both workshops' first week.
    assert count_gaps(session, until=date(2026, 3, 7)) == 1 + 5


def test_a_stray_record_does_not_fill_someone_elses_day(session, kitchen):
    anna = placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id, serial=1)
    jan = placed(session, "Jan", "Kowalski", date(2026, 3, 2), kitchen.id, serial=2)
    record(session, anna, kitchen.id, [date(2026, 3, 2)])
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 2), date(2026, 3, 2)) == [date(2026, 3, 2)]
    record(session, jan, kitchen.id, [date(2026, 3, 2)], S.EXCUSED)
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 2), date(2026, 3, 2)) == []


def test_an_empty_period_or_workshop_has_no_gaps(session, kitchen):
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 2), date(2026, 3, 13)) == []
    placed(session, "Anna", "Nowak", date(2026, 3, 2), kitchen.id)
    assert attendance_gaps(session, kitchen.id, date(2026, 3, 13), date(2026, 3, 2)) == []


def test_an_instructor_sees_only_the_gaps_of_their_workshops(session, kitchen):
    other = workshop(session, "Pracownia krawiecka")
    placed(session, "Anna", "Nowak", date(2026, 3, 2), other.id)
    instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
    instructor.workshops = [kitchen]
    with pytest.raises(PermissionDenied):
        attendance_gaps(session, other.id, WEEK_1[0], WEEK_1[-1], actor=instructor)
    assert attendance_gaps(session, kitchen.id, WEEK_1[0], WEEK_1[-1], actor=instructor) == []
