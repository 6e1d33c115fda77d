"""A big attendance import, read and written a batch at a time: still all or nothing (a bad row, a
control character or a cancel in a later batch undoes the earlier batches), only the valid rows when
asked, duplicates found across batches, the check that writes nothing, who may import."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from reintegra import i18n
from reintegra.db.enums import AttendanceStatus, AuditAction, ExitReason
from reintegra.db.models import AttendanceDay, AuditEntry, Person
from reintegra.services import calendar, importing, participants, placements
from reintegra.services.errors import PermissionDenied
from reintegra.services.importing import ImportCancelled, ImportRefused
from reintegra.services.participants import ParticipantFields
from spreadsheets import polish_excel_csv, table_counts, xlsx
from staff_data import TODAY, make_staff

BATCH = 20
HEADER = ["PESEL", "Data", "Status", "Godziny"]


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Batches of 20 rows, so that a file of a few hundred rows spans many."""
    monkeypatch.setattr(importing, "ATTENDANCE_BATCH", BATCH)


@pytest.fixture
def staff(session):
    made = make_staff(session)
    session.commit()
    return made


def _working_days(start: date, end: date) -> list[date]:
    return [start + timedelta(n) for n in range((end - start).days + 1)
            if calendar.is_working_day(start + timedelta(n))]


def _rows(staff) -> list[list[str]]:
    """Anna (gastronomy from 5 January) and Bartek (tailoring from 2 February), every working day up to
    TODAY: present, every fifth day sick."""
    rows = []
    for person, start in ((staff.anna, date(2026, 1, 5)), (staff.bartek, date(2026, 2, 2))):
        for number, day in enumerate(_working_days(start, TODAY)):
            rows.append([person.pesel, day.strftime("%d.%m.%Y"), "C" if number % 5 == 4 else "O", ""])
    return rows


def _days(session) -> int:
    return session.scalar(select(func.count()).select_from(AttendanceDay))


def test_many_batches_are_counted_as_by_hand(session, staff, tmp_path):
    rows = _rows(staff)
    assert len(rows) > 5 * BATCH
    path = polish_excel_csv(tmp_path / "rok.csv", [HEADER, *rows])

    report = importing.import_attendance(session, path, today=TODAY, actor=staff.director)
    session.commit()

    assert (report.added, report.updated, report.unchanged, report.errors) == (len(rows), 0, 0, [])
    sick = sum(1 for row in rows if row[2] == "C")
    assert session.scalar(select(func.count()).where(AttendanceDay.status == AttendanceStatus.SICK)) == sick
    assert {day.workshop_id for day in session.scalars(select(AttendanceDay).where(
        AttendanceDay.participant_id == staff.bartek.id))} == {staff.tailoring.id}
    # Present with no hours: the facility's day length; sick: none.
    assert {(d.status, d.hours) for d in session.scalars(select(AttendanceDay))} == {
        (AttendanceStatus.PRESENT, staff_day_length(session)), (AttendanceStatus.SICK, None)}
    assert {(d.version, d.recorded_by_id) for d in session.scalars(select(AttendanceDay))} == {(1, staff.director.id)}

    again = importing.import_attendance(session, path, today=TODAY, actor=staff.director)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(rows))


def staff_day_length(session):
    from reintegra.services.facility import get_facility

    return get_facility(session).day_length_hours


def test_a_changed_day_is_updated_and_its_remark_kept(session, staff, tmp_path):
    rows = _rows(staff)
    importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]), today=TODAY)
    session.commit()
    day = session.scalar(select(AttendanceDay).where(AttendanceDay.participant_id == staff.anna.id)
                         .order_by(AttendanceDay.day).limit(1))
    day.remark = "spóźniona"
    session.commit()
    rows[0][2], rows[0][3] = "O", "5,5"
    rows[-1][2] = "N"

    report = importing.import_attendance(session, polish_excel_csv(tmp_path / "b.csv", [HEADER, *rows]), today=TODAY)
    session.commit()

    assert (report.added, report.updated, report.unchanged) == (0, 2, len(rows) - 2)
    session.refresh(day)
    assert (str(day.hours), day.remark, day.version) == ("5.50", "spóźniona", 3)


def test_a_bad_row_in_a_late_batch_undoes_the_earlier_batches(session, staff, tmp_path):
    rows = _rows(staff)
    rows[-3][2] = "X"
    before = table_counts(session)

    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]), today=TODAY)

    assert [error.line for error in refused.value.errors] == [len(rows) - 1]
    assert table_counts(session) == before


def test_only_the_valid_rows_of_every_batch(session, staff, tmp_path):
    rows = _rows(staff)
    bad = {5: "X", BATCH + 7: "", 3 * BATCH + 1: "Q"}
    for index, status in bad.items():
        rows[index][2] = status

    report = importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]),
                                         only_valid=True, today=TODAY)
    session.commit()

    assert [error.line for error in report.errors] == [index + 2 for index in sorted(bad)]
    assert report.errors[1].reason == "The attendance status is required."
    assert report.added == len(rows) - 3 == _days(session)
    assert report.summary_lines()[-1] == "Rows skipped because of errors: 3"


def test_the_same_day_twice_is_found_across_batches(session, staff, tmp_path):
    rows = _rows(staff)
    rows.append(list(rows[1]))  # Anna's second day again, many batches later

    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]), today=TODAY)

    [error] = refused.value.errors
    assert error.describe() == f"Line {len(rows) + 1}: The same person and day are already on line 3."


def test_a_file_read_backwards_finds_its_duplicates_too(session, staff, tmp_path):
    rows = _rows(staff)[::-1]
    rows.insert(0, list(rows[-1]))  # Anna's first day first, and again at the end
    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]), today=TODAY)
    assert [error.describe() for error in refused.value.errors] == [
        f"Line {len(rows) + 1}: The same person and day are already on line 2."]


def test_a_control_character_late_in_the_file_undoes_everything(session, staff, tmp_path):
    rows = _rows(staff)
    rows[-2][3] = "7\x00"
    before = table_counts(session)
    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows]),
                                    only_valid=True, today=TODAY)
    assert str(refused.value).startswith(f"Line {len(rows)} contains a control character (U+0000)")
    assert table_counts(session) == before


def test_cancelled_midway_writes_nothing(session, staff, tmp_path):
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, *_rows(staff)])
    before = table_counts(session)
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3:
            raise ImportCancelled()

    with pytest.raises(ImportCancelled) as cancelled:
        importing.import_attendance(session, path, only_valid=True, today=TODAY, progress=progress)

    assert str(cancelled.value) == "The import was cancelled; nothing was written."
    assert table_counts(session) == before
    assert seen[-1][1] == path.stat().st_size and 0 < seen[0][0] <= seen[-1][0] <= seen[-1][1]


def test_the_progress_of_a_workbook_counts_its_rows(session, staff, tmp_path):
    rows = _rows(staff)[:3 * BATCH]
    path = xlsx(tmp_path / "a.xlsx", [["pesel", "data", "status"], *[row[:3] for row in rows]])
    seen = []
    importing.import_attendance(session, path, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(rows) + 1, len(rows) + 1)


def test_the_check_counts_and_writes_nothing(session, staff, tmp_path):
    rows = _rows(staff)
    rows[10][2] = "X"
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows])
    before = table_counts(session)

    report = importing.import_attendance(session, path, today=TODAY, dry_run=True)

    assert (report.added, [error.line for error in report.errors]) == (len(rows) - 1, [12])
    assert table_counts(session) == before


def test_a_returning_persons_days_go_to_the_stay_they_belong_to(session, staff, tmp_path):
    """The PESEL names the person; the day picks the stay whose placement it falls in."""
    dawid = staff.dawid  # gastronomy 5 January – 31 March
    participants.exit_participant(session, dawid.id, dawid.version, date(2026, 3, 31), ExitReason.MOVED)
    again = participants.readmit(session, ParticipantFields(first_name="Dawid", last_name="Łoś", pesel=dawid.pesel,
                                                            admission_date=date(2026, 5, 4)),
                                 participant_id=dawid.id, today=TODAY)
    placements.place(session, again.id, staff.tailoring.id, date(2026, 5, 4))
    session.commit()
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, [dawid.pesel, "30.03.2026", "O", ""],
                                                 [dawid.pesel, "05.05.2026", "O", ""],
                                                 [dawid.pesel, "15.04.2026", "O", ""]])

    report = importing.import_attendance(session, path, only_valid=True, today=TODAY)

    assert [(d.participant_id, d.workshop_id, d.day) for d in session.scalars(
        select(AttendanceDay).order_by(AttendanceDay.day))] == [
        (dawid.id, staff.gastronomy.id, date(2026, 3, 30)), (again.id, staff.tailoring.id, date(2026, 5, 5))]
    assert [error.line for error in report.errors] == [4]


def test_an_anonymised_persons_days_are_refused(session, staff, tmp_path):
    placements.place(session, staff.ewa.id, staff.gastronomy.id, date(2026, 3, 2))
    session.execute(update(Person).where(Person.id == staff.ewa.person_id).values(anonymised_at=TODAY))
    session.commit()
    path = polish_excel_csv(tmp_path / "a.csv", [["id", "data", "status"], [str(staff.ewa.id), "02.03.2026", "O"]])
    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, path, today=TODAY)
    assert refused.value.errors[0].reason.startswith("This person's data were anonymised")


def test_an_instructor_may_not_import(session, staff, tmp_path):
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, *_rows(staff)[:2]])
    before = table_counts(session)
    for kind in (importing.import_attendance, importing.import_participants):
        with pytest.raises(PermissionDenied):
            kind(session, path, today=TODAY, actor=staff.ola)
    assert table_counts(session) == before


def test_the_audit_log_has_one_entry_for_the_file_and_one_a_person(session, staff, tmp_path):
    rows = _rows(staff)
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows])
    importing.import_attendance(session, path, today=TODAY, actor=staff.admin)
    session.commit()
    entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)))
    assert sorted((e.participant_id or 0, e.changes["added"]) for e in entries) == sorted([
        (0, len(rows)),
        (staff.anna.id, sum(1 for row in rows if row[0] == staff.anna.pesel)),
        (staff.bartek.id, sum(1 for row in rows if row[0] == staff.bartek.pesel))])
    assert session.scalar(select(func.count()).select_from(AuditEntry)
                          .where(AuditEntry.entity == "attendance_day")) == 0


def test_a_file_of_garbage_keeps_the_first_errors_and_counts_the_rest(session, staff, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ERRORS_KEPT", 3)
    rows = [[staff.anna.pesel, f"{day:02}.03.2026", "X", ""] for day in range(1, 11)]
    path = polish_excel_csv(tmp_path / "a.csv", [HEADER, *rows])

    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, path, today=TODAY)
    assert str(refused.value) == "The file was not imported: 10 rows have errors."
    assert [error.line for error in refused.value.errors] == [2, 3, 4]

    report = importing.import_attendance(session, path, only_valid=True, today=TODAY)
    assert (report.error_count, len(report.errors)) == (10, 3)
    assert report.summary_lines()[-1] == "Rows skipped because of errors: 10"
