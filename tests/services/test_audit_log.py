"""The audit log: every change, import, disclosure, backup and restore recorded; read back by
directors and administrators only, filtered, a page at a time, in Polish sentences; exported to CSV."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from factories import make_pesel
from reintegra.db.enums import AttendanceStatus, AuditAction, EligibilityGroup
from reintegra.db.models import AuditEntry, Placement
from reintegra.reports.audit_log import save_audit_log
from reintegra.services import attendance, audit, audit_log, importing, labels
from reintegra.services.audit_log import AuditQuery
from reintegra.services.backup import backup_database, restore_database
from reintegra.services.errors import PermissionDenied, ValidationError
from spreadsheets import polish_excel_csv
from staff_data import make_staff

DAY = date(2026, 3, 4)  # a Wednesday: Anna (gastronomy) and Bartek (tailoring) are both placed


@pytest.fixture
def staff(session):
    made = make_staff(session)
    session.commit()
    return made


def log(session, **where) -> list[AuditEntry]:
    statement = select(AuditEntry).order_by(AuditEntry.id)
    for name, value in where.items():
        statement = statement.where(getattr(AuditEntry, name) == value)
    return list(session.scalars(statement))


def described(session, actor, **query) -> list[str]:
    return [row.description for row in audit_log.entries(session, actor, AuditQuery(**query)).rows]


# --- the holes filled --------------------------------------------------------------------------


def test_a_day_recorded_changed_saved_unchanged_and_cleared_is_in_the_log(session, staff):
    anna, kitchen, ola = staff.anna, staff.gastronomy, staff.ola
    attendance.set_attendance(session, anna.id, kitchen.id, DAY, AttendanceStatus.PRESENT, actor=ola)
    attendance.set_attendance(session, anna.id, kitchen.id, DAY, AttendanceStatus.SICK, remark="grypa", actor=ola)
    attendance.set_attendance(session, anna.id, kitchen.id, DAY, AttendanceStatus.SICK, remark="grypa", actor=ola)
    attendance.clear_attendance(session, anna.id, DAY, actor=ola)
    session.commit()

    entries = log(session, entity="attendance_day")
    assert [entry.action for entry in entries] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert all(entry.participant_id == anna.id and entry.username == "ola" for entry in entries)
    assert entries[0].changes["status"] == "present" and entries[0].changes["day"] == "2026-03-04"
    assert entries[1].changes["status"] == ["present", "sick"] and entries[1].changes["remark"] == ["", "grypa"]
    assert "hours" in entries[1].changes  # 7 h present, none when sick

    [change] = described(session, staff.director, action=AuditAction.UPDATE, participant_id=anna.id)
    assert change.startswith("Aleksandra Żak (ola): zmieniono wpis obecności — Anna Kowalska")
    assert "status: Obecny → Zwolnienie lekarskie" in change and "dzień: 04.03.2026" in change
    assert "pracownia: Pracownia gastronomiczna" in change


def test_all_present_records_an_entry_for_each_person(session, staff):
    filled = attendance.fill_present(session, staff.gastronomy.id, DAY, actor=staff.director)
    session.commit()
    entries = log(session, entity="attendance_day", action=AuditAction.CREATE)
    assert sorted(entry.participant_id for entry in entries) == sorted(filled.participant_ids)
    assert {staff.anna.id, staff.celina.id, staff.dawid.id} <= {entry.participant_id for entry in entries}
    assert {entry.username for entry in entries} == {"kierownik"}


def test_the_workshop_day_log_written_and_changed_is_in_the_log(session, staff):
    kitchen = staff.gastronomy
    attendance.save_day_log(session, kitchen.id, DAY, "Pieczenie chleba", actor=staff.ola)
    attendance.save_day_log(session, kitchen.id, DAY, "Pieczenie chleba", actor=staff.ola)  # unchanged
    attendance.save_day_log(session, kitchen.id, DAY, "Pieczenie chleba i bułek", actor=staff.ola)
    session.commit()
    entries = log(session, entity="workshop_day_log")
    assert [entry.action for entry in entries] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert entries[1].changes["text"] == ["Pieczenie chleba", "Pieczenie chleba i bułek"]
    newest = described(session, staff.admin, action=AuditAction.UPDATE)[0]
    assert "zmieniono dziennik zajęć pracowni" in newest
    assert "Pieczenie chleba → Pieczenie chleba i bułek" in newest


def test_an_import_is_one_entry_with_its_counts(session, staff, tmp_path):
    pesel = staff.anna.pesel
    path = polish_excel_csv(tmp_path / "obecności.csv", [
        ["PESEL", "Data", "Status"], [pesel, "02.03.2026", "O"], [pesel, "03.03.2026", "C"],
        [pesel, "04.03.2026", "zły"]])
    importing.import_attendance(session, path, only_valid=True, actor=staff.director, today=date(2026, 6, 10))
    session.commit()
    [entry] = log(session, action=AuditAction.IMPORT, participant_id=None)
    assert (entry.entity, entry.username) == ("attendance", "kierownik")
    assert entry.changes == {"file": str(path), "added": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    # Not an entry a row (a year's sheet has 100,000): one for each person whose days changed, with how many.
    assert log(session, entity="attendance_day") == []
    [person] = log(session, action=AuditAction.IMPORT, participant_id=staff.anna.id)
    assert person.changes == {"file": str(path), "added": 2, "updated": 0, "start_date": "2026-03-02",
                              "end_date": "2026-03-03"}
    texts = described(session, staff.director, action=AuditAction.IMPORT)
    [whole] = [text for text in texts if "Anna" not in text]
    [anna] = [text for text in texts if "Anna" in text]
    assert "zaimportowano obecność z pliku" in whole and "dodano: 2" in whole and "pominięte wiersze: 1" in whole
    assert anna.endswith("— Anna Kowalska (dodano: 2; zaktualizowano: 0; początek: 02.03.2026; koniec: 03.03.2026)")


def test_a_refused_import_writes_nothing_not_even_its_entry(session, staff, tmp_path):
    path = polish_excel_csv(tmp_path / "obecności.csv", [["PESEL", "Data", "Status"],
                                                           [make_pesel(date(1950, 1, 1), 999), "02.03.2026", "O"]])
    with pytest.raises(importing.ImportRefused):
        importing.import_attendance(session, path, actor=staff.director)
    assert log(session, action=AuditAction.IMPORT) == []


def test_a_disclosure_to_a_file_is_an_export_and_to_a_printer_a_print(session, staff, tmp_path):
    audit.record_disclosure(session, staff.ola, staff.anna.id, "participant_report", tmp_path / "raport.pdf")
    audit.record_disclosure(session, staff.director, staff.anna.id, "participant_report", "HP LaserJet (pokój 2)")
    session.commit()
    [saved] = log(session, participant_id=staff.anna.id, action=AuditAction.EXPORT)
    [printed] = log(session, participant_id=staff.anna.id, action=AuditAction.PRINT)
    assert (saved.action, saved.changes) == (AuditAction.EXPORT, {"what": "participant_report",
                                                                   "file": str(tmp_path / "raport.pdf")})
    assert (printed.action, printed.changes["printer"]) == (AuditAction.PRINT, "HP LaserJet (pokój 2)")
    texts = described(session, staff.director, participant_id=staff.anna.id)[:2]
    assert texts[0] == ("Zofia Wójcik (kierownik): wydrukowano kartę przebiegu reintegracji uczestnika "
                        "na drukarce HP LaserJet (pokój 2) — Anna Kowalska")
    assert texts[1].startswith("Aleksandra Żak (ola): zapisano kartę przebiegu reintegracji uczestnika w pliku ")


# --- backups and restores ------------------------------------------------------------------------


def test_only_an_administrator_backs_up_and_the_backup_is_recorded(session, staff, engine, tmp_path):
    for who in (staff.ola, staff.director):
        with pytest.raises(PermissionDenied) as refused:
            backup_database(engine, tmp_path / "kopia.db", actor=who)
        assert str(refused.value) == "Może to zrobić tylko administrator."
    assert not (tmp_path / "kopia.db").exists()

    path = backup_database(engine, tmp_path / "kopia.db", actor=staff.admin)
    session.expire_all()
    [entry] = log(session, action=AuditAction.BACKUP)
    assert (entry.username, entry.user_id, entry.changes) == ("admin", staff.admin.id, {"file": str(path)})


def test_a_restore_keeps_the_history_it_replaces_and_records_itself(session, staff, engine, tmp_path):
    path = backup_database(engine, tmp_path / "kopia.db", actor=staff.admin)
    attendance.set_attendance(session, staff.anna.id, staff.gastronomy.id, DAY, AttendanceStatus.PRESENT,
                              actor=staff.ola)
    session.commit()
    history = [(e.at, e.username, e.action, e.entity, e.changes) for e in log(session)]
    with pytest.raises(PermissionDenied):
        restore_database(engine, path, actor=staff.director)

    restore_database(engine, path, actor=staff.admin)

    with Session(engine) as fresh:
        entries = log(fresh)
        assert [(e.at, e.username, e.action, e.entity, e.changes) for e in entries[:-1]] == history
        assert fresh.scalars(select(AuditEntry.participant_id).where(AuditEntry.entity == "attendance_day")).all() \
            == [staff.anna.id]  # the day itself is gone with the restore; its entry stays
        restore = entries[-1]
        assert (restore.action, restore.username, restore.user_id) == (AuditAction.RESTORE, "admin", staff.admin.id)
        assert restore.changes["kept_entries"] == 2  # the backup's own entry and the day recorded after it
        [text] = [row.description
                  for row in audit_log.entries(fresh, None, AuditQuery(action=AuditAction.RESTORE)).rows]
        assert text.startswith("Piotr Ślęzak (admin): przywrócono bazę danych z kopii ")


# --- reading ---------------------------------------------------------------------------------------


def _spread_over_days(session, staff) -> None:
    """Anna's days recorded by Ola, Bartek's by Jan, each entry on a day of its own (9–12 March)."""
    for number, (person, place, who) in enumerate([
            (staff.anna, staff.gastronomy, staff.ola), (staff.bartek, staff.tailoring, staff.jan),
            (staff.anna, staff.gastronomy, staff.ola), (staff.bartek, staff.tailoring, staff.jan)]):
        day = date(2026, 3, 9 + number)
        attendance.set_attendance(session, person.id, place.id, day, AttendanceStatus.PRESENT, actor=who)
        session.flush()
        session.execute(update(AuditEntry).where(AuditEntry.id == log(session)[-1].id)
                        .values(at=datetime(2026, 3, 9 + number, 15, 30)))
    session.commit()


def test_filters_by_person_user_kind_and_period_newest_first(session, staff):
    _spread_over_days(session, staff)
    director = staff.director

    def days(**query) -> list[str]:
        return [row.at.strftime("%d") for row in audit_log.entries(session, director, AuditQuery(**query)).rows
                if row.at.year == 2026 and row.at.month == 3 and row.at.day >= 9]

    assert days() == ["12", "11", "10", "09"]
    assert days(participant_id=staff.anna.id) == ["11", "09"]
    assert days(username="jan") == ["12", "10"]
    assert days(start=date(2026, 3, 10), end=date(2026, 3, 11)) == ["11", "10"]
    assert days(action=AuditAction.CREATE, participant_id=staff.bartek.id, end=date(2026, 3, 10)) == ["10"]
    assert days(action=AuditAction.DELETE) == []
    rows = audit_log.entries(session, director, AuditQuery(participant_id=staff.bartek.id,
                                                            end=date(2026, 3, 31))).rows
    assert rows[0].person == "Bartek Nowak" and rows[0].user == "Jan Łęcki (jan)" and rows[0].kind == "Dodanie"
    with pytest.raises(ValidationError) as refused:
        audit_log.entries(session, director, AuditQuery(start=date(2026, 3, 11), end=date(2026, 3, 10)))
    assert str(refused.value) == "Okres kończy się, zanim się zaczyna."


def test_a_page_at_a_time(session, staff):
    _spread_over_days(session, staff)
    total = audit_log.count(session, staff.admin)
    first = audit_log.entries(session, staff.admin, limit=3)
    second = audit_log.entries(session, staff.admin, offset=3, limit=3)
    assert len(first.rows) == 3 and first.more
    assert [row.id for row in first.rows + second.rows] == [
        row.id for row in audit_log.all_entries(session, staff.admin)][:len(first.rows + second.rows)]
    last = audit_log.entries(session, staff.admin, offset=total - 2, limit=3)
    assert len(last.rows) == 2 and not last.more
    assert audit_log.PAGE_SIZE == 200


@pytest.mark.parametrize("who", ["ola", "jan"])
def test_instructors_cannot_read_the_log(session, staff, who, tmp_path):
    instructor = staff.role(who)
    for read in (lambda: audit_log.entries(session, instructor), lambda: audit_log.all_entries(session, instructor),
                 lambda: audit_log.logins(session, instructor), lambda: audit_log.count(session, instructor),
                 lambda: save_audit_log(session, instructor, AuditQuery(), tmp_path / "log.csv")):
        with pytest.raises(PermissionDenied) as refused:
            read()
        assert str(refused.value) == "Tylko kierownik lub administrator może przeglądać rejestr zdarzeń."
    assert not (tmp_path / "log.csv").exists()


def test_the_user_and_kind_filters_accept_what_is_typed(session, staff):
    assert audit_log.find_login(session, staff.director, " OLA ") == "ola"
    with pytest.raises(ValidationError) as refused:
        audit_log.find_login(session, staff.director, "nikt")
    assert str(refused.value) == "Nie ma użytkownika o loginie nikt."
    assert audit_log.parse_action("update") is AuditAction.UPDATE
    assert audit_log.parse_action("Zmiana") is AuditAction.UPDATE
    with pytest.raises(ValidationError) as refused:
        audit_log.parse_action("kradzież")
    assert "„kradzież” nie jest rodzajem wpisu" in str(refused.value) and "login_failed" in str(refused.value)
    assert [login for login, _name in audit_log.logins(session, staff.admin)] == [
        "ola", "jan", "admin", "kierownik"]  # by full name: Aleksandra, Jan, Piotr, Zofia


def test_every_kind_of_entry_has_a_label_and_a_sentence(session, staff):
    for action in AuditAction:
        audit.record(session, staff.admin, action, "participant", staff.anna.id,
                     {"file": "/tmp/x.db", "what": "participant_report", "printer": "HP"})
    session.commit()
    rows = audit_log.all_entries(session, staff.admin, AuditQuery(username="admin"))
    assert {row.action for row in rows} == set(AuditAction)
    kinds = {labels.label(action) for action in AuditAction}
    assert len(kinds) == len(AuditAction) and all(kind and kind[0].isupper() for kind in kinds)
    for row in rows:
        assert row.description and "{" not in row.description, row.description
        if row.action is not AuditAction.LOGIN_FAILED:
            assert row.description.startswith("Piotr Ślęzak (admin)")


def test_the_csv_export_holds_the_filtered_rows_and_is_itself_recorded(session, staff, tmp_path):
    _spread_over_days(session, staff)
    path = tmp_path / "rejestr – Łódź.csv"
    march = AuditQuery(participant_id=staff.anna.id, start=date(2026, 3, 1), end=date(2026, 3, 31))
    written = save_audit_log(session, staff.director, march, path)
    session.commit()

    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0] == ["Data i godzina", "Użytkownik", "Rodzaj", "Osoba", "Opis"]
    assert len(rows) - 1 == written == 2
    assert {row[3] for row in rows[1:]} == {"Anna Kowalska"}
    assert rows[1][0] == "2026-03-11 15:30:00" and rows[1][1] == "Aleksandra Żak (ola)"
    [export] = log(session, action=AuditAction.EXPORT)
    assert (export.participant_id, export.username) == (staff.anna.id, "kierownik")
    assert export.changes == {"what": "audit_log", "file": str(path)}
    newest = audit_log.entries(session, staff.director, AuditQuery(participant_id=staff.anna.id), limit=1).rows[0]
    assert newest.description.startswith("Zofia Wójcik (kierownik): zapisano rejestr zdarzeń w pliku ")
    with pytest.raises(Exception) as refused:
        save_audit_log(session, staff.director, AuditQuery(), tmp_path / "rejestr.pdf")
    assert str(refused.value) == "Rejestr zdarzeń można zapisać jako plik .csv, a nie jako rejestr.pdf."
    assert not (tmp_path / "rejestr.pdf").exists()
    assert Path(path).stat().st_mode & 0o077 == 0


def test_an_admission_reads_as_a_sentence_with_the_persons_name(session, staff):
    [admitted] = [row for row in audit_log.all_entries(session, staff.director,
                                                       AuditQuery(participant_id=staff.anna.id))
                  if row.action is AuditAction.CREATE and row.description.startswith("wiersz poleceń: dodano dane")]
    assert admitted.description == ("wiersz poleceń: dodano dane uczestnika — Anna Kowalska "
                                    "(imię i nazwisko: Anna Kowalska; program: WTZ – warsztat terapii zajęciowej)")


def test_changes_to_a_persons_note_plan_goal_review_and_placement_are_filed_under_the_person(session, staff):
    """An entry about a record of someone's (not only its creation) names the person: their filter,
    their data export (art. 15) and their anonymisation find it."""
    from reintegra.db.enums import GoalStatus, NoteCategory, ReviewKind, SkillGroup
    from reintegra.services import notes, person_data, placements, plans

    anna, director = staff.anna, staff.director
    note = notes.add_note(session, anna.id, DAY, NoteCategory.OTHER, "Pierwsza notatka", actor=director)
    notes.edit_note(session, note.id, note.version, NoteCategory.OTHER, "Poprawiona notatka", actor=director)
    plan = plans.create_plan(session, anna.id, plans.PlanFields(start=DAY, end=date(2026, 12, 31)), actor=director)
    plans.update_plan(session, plan.id, plan.version, plans.PlanFields(
        start=DAY, end=date(2026, 12, 31), methods="Trening"), actor=director)
    goal = plans.add_goal(session, plan.id, plans.GoalFields(SkillGroup.SOCIAL, "Punktualność"), actor=director)
    plans.set_goal_status(session, goal.id, goal.version, GoalStatus.ACHIEVED, actor=director)
    plans.add_review(session, plan.id, date(2026, 6, 1), ReviewKind.PERIODIC, "Postępy", actor=director,
                     today=date(2026, 6, 10))
    placement = session.scalars(select(Placement).where(Placement.participant_id == anna.id)).one()
    placements.end_placement(session, placement.id, placement.version, date(2026, 6, 5), actor=director)
    session.commit()

    filed = {(entry.action, entry.entity) for entry in log(session, participant_id=anna.id)}
    for expected in [(AuditAction.UPDATE, "progress_note"), (AuditAction.UPDATE, "individual_plan"),
                     (AuditAction.CREATE, "plan_goal"), (AuditAction.UPDATE, "plan_goal"),
                     (AuditAction.CREATE, "plan_review"), (AuditAction.UPDATE, "placement")]:
        assert expected in filed
    assert not [entry for entry in log(session) if entry.entity in (
        "progress_note", "individual_plan", "plan_goal", "plan_review", "placement") and entry.participant_id is None]
    exported = {(row["action"]["value"], row["entity"]) for row in person_data.person_data(session, anna.id)["audit_log"]}
    assert ("update", "plan_goal") in exported and ("update", "progress_note") in exported


def test_every_field_of_a_persons_form_and_a_failed_sign_in_read_in_polish(session, staff):
    """A change of the address, the sex or the eligibility groups, and why a sign-in failed: the field
    names and the values in words, never the column names or codes."""
    from reintegra.services import sign_in

    audit.record(session, staff.director, AuditAction.UPDATE, "participant", staff.anna.id, {
        "postal_code": ["18-400", "18-401"], "sex": [None, "female"],
        "eligibility_groups": [[], ["homeless", "long_term_unemployed"]], "guardian_phone": ["", "600 100 200"]})
    sign_in.sign_in(session, "ola", "zle-haslo-123")
    session.commit()
    changed, failed = [row.description for row in audit_log.entries(session, staff.director).rows[:2]][::-1]
    assert changed == (
        "Zofia Wójcik (kierownik): zmieniono dane uczestnika — Anna Kowalska (kod pocztowy: 18-400 → 18-401; "
        "płeć: – → Kobieta; grupy uprawnionych: – → " + labels.label(EligibilityGroup.HOMELESS) + ", "
        + labels.label(EligibilityGroup.LONG_TERM_UNEMPLOYED) + "; telefon opiekuna: – → 600 100 200)")
    assert failed == "Nieudane logowanie jako „ola” (przyczyna: nieprawidłowe hasło)"


def test_a_failed_sign_in_shows_the_login_typed_in_the_user_column(session, staff):
    from reintegra.services import sign_in
    sign_in.sign_in(session, "nikt-taki", "zle-haslo-123")
    session.commit()
    [row] = audit_log.entries(session, staff.director, audit_log.AuditQuery(action=AuditAction.LOGIN_FAILED)).rows
    assert row.user == "„nikt-taki”"
