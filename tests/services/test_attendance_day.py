"""The daily log's side of the attendance service: 'all present' for a group, the stored row
returned for the next change, the staffing warning, and who may see which workshop."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import Programme, Role
from reintegra.db.models import AttendanceDay
from reintegra.services import attendance, facility, users, workshops
from reintegra.services.errors import ConflictError, PermissionDenied

DAY = date(2026, 3, 4)


@pytest.fixture
def kitchen(session):
    return workshop(session, capacity=20)


def group(session, workshop_id, count):
    return [placed(session, f"Osoba{n}", f"Nazwisko{n:02d}", date(2026, 3, 2), workshop_id, serial=n)
            for n in range(count)]


class Statements:
    """Counts the SQL statements sent while it is active."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _seen(self, *_args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)


def test_fill_present_fills_only_the_unrecorded_in_a_few_statements(session, engine, kitchen):
    people = group(session, kitchen.id, 12)
    attendance.set_attendance(session, people[3].id, kitchen.id, DAY, S.SICK)
    session.flush()
    with Statements(engine) as statements:
        filled = attendance.fill_present(session, kitchen.id, DAY)
    assert statements.count <= 8  # the sheet, one insert for the group, the week's hours: not one per person
    assert sorted(filled.participant_ids) == sorted(p.id for p in people if p is not people[3])
    stored = {row.participant_id: row for row in session.scalars(select(AttendanceDay))}
    assert stored[people[3].id].status is S.SICK
    assert all(stored[p.id].status is S.PRESENT and stored[p.id].hours == Decimal("7")
               for p in people if p is not people[3])
    assert attendance.fill_present(session, kitchen.id, DAY).participant_ids == []


def test_fill_present_warns_who_goes_over_the_week(session, kitchen):
    anna, jan = group(session, kitchen.id, 2)
    for day in (2, 3):
        attendance.set_attendance(session, anna.id, kitchen.id, date(2026, 3, day), S.PRESENT, hours="15")
    filled = attendance.fill_present(session, kitchen.id, DAY)
    assert list(filled.warnings) == [anna.id]  # 15 + 15 + 7 = 37 h in the week; Jan has his 7
    assert "37" in filled.warnings[anna.id][0] and "35" in filled.warnings[anna.id][0]


def test_record_attendance_returns_the_row_and_its_new_version(session, kitchen):
    (anna,) = group(session, kitchen.id, 1)
    row, warnings = attendance.record_attendance(session, anna.id, kitchen.id, DAY, S.PRESENT, hours="8",
                                                 day_length=Decimal("6"))
    assert (row.status, row.hours, row.version) == (S.PRESENT, Decimal("8"), 1) and len(warnings) == 1
    again, _ = attendance.record_attendance(session, anna.id, kitchen.id, DAY, S.PRESENT, day_length=Decimal("6"),
                                            expected_version=row.version)
    assert (again.hours, again.version) == (Decimal("6"), 2)  # no hours given: the day length passed in


def test_a_removed_day_is_a_conflict_for_whoever_still_shows_it(session, kitchen):
    (anna,) = group(session, kitchen.id, 1)
    row, _ = attendance.record_attendance(session, anna.id, kitchen.id, DAY, S.PRESENT)
    seen = row.version
    attendance.clear_attendance(session, anna.id, DAY)
    with pytest.raises(ConflictError):
        attendance.set_attendance(session, anna.id, kitchen.id, DAY, S.SICK, expected_version=seen)
    row, _ = attendance.record_attendance(session, anna.id, kitchen.id, DAY, S.PRESENT)
    attendance.set_attendance(session, anna.id, kitchen.id, DAY, S.SICK, expected_version=row.version)
    with pytest.raises(ConflictError):
        attendance.clear_attendance(session, anna.id, DAY, expected_version=seen + 5)
    assert session.scalar(select(AttendanceDay.status)) is S.SICK


def test_day_sheet_reads_the_group_in_a_few_statements(session, engine, kitchen):
    people = group(session, kitchen.id, 15)
    attendance.fill_present(session, kitchen.id, DAY)
    session.flush()
    with Statements(engine) as statements:
        sheet = attendance.day_sheet(session, kitchen.id, DAY)
    assert statements.count <= 3
    assert len(sheet.rows) == 15 and {r.status for r in sheet.rows} == {S.PRESENT}
    assert sheet.rows[0].programme is Programme.WTZ and sheet.day_length == Decimal("7")
    assert [r.participant_id for r in sheet.rows] == [p.id for p in people]


def test_day_sheet_uses_the_facility_day_length(session, kitchen):
    facility.update_facility(session, facility.FacilityFields(name="CIS Przystań", kind=Programme.CIS,
                                                              day_length_hours="6,5"))
    group(session, kitchen.id, 1)
    assert attendance.day_sheet(session, kitchen.id, DAY).day_length == Decimal("6.5")


def test_more_than_five_participants_per_instructor_is_a_warning(session, kitchen):
    instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
    workshops.update_workshop(session, kitchen.id, kitchen.version, name=kitchen.name, kind=kitchen.kind,
                              capacity=kitchen.capacity, instructor_ids=[instructor.id])
    people = group(session, kitchen.id, 5)
    assert attendance.day_sheet(session, kitchen.id, DAY).warnings == ()
    people.append(placed(session, "Ewa", "Zając", date(2026, 3, 2), kitchen.id, serial=50))
    (warning,) = attendance.day_sheet(session, kitchen.id, DAY).warnings
    assert "6" in warning and "5" in warning
    facility.update_facility(session, facility.FacilityFields(name="CIS Przystań", kind=Programme.CIS))
    assert attendance.day_sheet(session, kitchen.id, DAY).warnings == ()  # a WTZ rule


def test_an_instructor_sees_and_chooses_only_their_workshops(session, kitchen):
    other = workshop(session, "Pracownia krawiecka")
    closed = workshop(session, "Pracownia ogrodnicza")
    workshops.set_active(session, closed.id, closed.version, False)
    instructor = users.create_user(session, "mnowak", "tajnehaslo", Role.INSTRUCTOR, "Maria Nowak")
    director = users.create_user(session, "ewa", "tajnehaslo", Role.DIRECTOR, "Ewa Lis")
    instructor.workshops = [other]
    assert [w.name for w in attendance.workshops_for(session, instructor)] == ["Pracownia krawiecka"]
    assert [w.name for w in attendance.workshops_for(session, director)] == [
        "Pracownia gastronomiczna", "Pracownia krawiecka"]
    with pytest.raises(PermissionDenied):
        attendance.day_sheet(session, kitchen.id, DAY, actor=instructor)
    with pytest.raises(PermissionDenied):
        attendance.fill_present(session, kitchen.id, DAY, actor=instructor)
    assert attendance.day_sheet(session, other.id, DAY, actor=instructor).rows == []


def test_presence_waits_for_its_day_but_leave_can_be_recorded_ahead(session, kitchen):
    from datetime import timedelta

    from reintegra.services.errors import ValidationError

    person = group(session, kitchen.id, 1)[0]
    tomorrow = date.today() + timedelta(days=1)
    for status in (S.PRESENT, S.UNEXCUSED):
        with pytest.raises(ValidationError) as refused:
            attendance.set_attendance(session, person.id, kitchen.id, tomorrow, status)
        assert refused.value.field == "day"
    with pytest.raises(ValidationError):
        attendance.fill_present(session, kitchen.id, tomorrow)
    assert session.scalars(select(AttendanceDay)).all() == []
    for status in (S.LEAVE, S.SICK, S.EXCUSED, S.DAY_OFF):
        attendance.set_attendance(session, person.id, kitchen.id, tomorrow, status)
        assert session.scalars(select(AttendanceDay.status)).all() == [status]
