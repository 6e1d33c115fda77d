"""``reintegra audit``: the log as a table or a CSV file, filtered by person, user, kind and period;
the participant report, backups and restores from the command line in the log."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.cli import main
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus, AuditAction
from reintegra.db.models import AuditEntry
from reintegra.services import attendance
from staff_data import make_staff


@pytest.fixture
def staff(session):
    made = make_staff(session)
    attendance.set_attendance(session, made.anna.id, made.gastronomy.id, date(2026, 3, 4),
                              AttendanceStatus.SICK, actor=made.ola)
    attendance.set_attendance(session, made.bartek.id, made.tailoring.id, date(2026, 3, 4),
                              AttendanceStatus.PRESENT, actor=made.jan)
    session.commit()
    return made


def run(capsys, database_path, *args: str) -> tuple[int, str, str]:
    code = main(["--database", database_path, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def entries(database_path, **where) -> list[AuditEntry]:
    with Session(make_engine(database_path)) as session:
        statement = select(AuditEntry).order_by(AuditEntry.id)
        for name, value in where.items():
            statement = statement.where(getattr(AuditEntry, name) == value)
        return list(session.scalars(statement))


def test_a_table_of_one_persons_entries_by_one_user(capsys, database_path, staff):
    code, out, err = run(capsys, database_path, "audit", "--person", staff.anna.pesel, "--user", "OLA")
    assert (code, err) == (0, "")
    header, *lines = out.splitlines()
    assert header.split() == ["Kiedy", "Użytkownik", "Rodzaj", "Osoba", "Opis"]
    assert len(lines) == 1
    assert "Aleksandra Żak (ola)" in lines[0] and "Anna Kowalska" in lines[0] and "Zwolnienie lekarskie" in lines[0]


def test_kind_and_period_filter(capsys, database_path, staff):
    code, out, _err = run(capsys, database_path, "audit", "--kind", "zmiana")
    assert code == 0 and out.strip() == "Żaden wpis nie pasuje do tych filtrów."
    today = date.today().isoformat()
    code, out, _err = run(capsys, database_path, "audit", "--kind", "create", "--from", today, "--to", today)
    lines = out.splitlines()[1:]
    assert code == 0 and any("Bartek Nowak" in line for line in lines) and all("Dodanie" in line for line in lines)
    code, out, _err = run(capsys, database_path, "audit", "--to", "2020-01-01")
    assert out.strip() == "Żaden wpis nie pasuje do tych filtrów."


@pytest.mark.parametrize("args, message", [
    (["--kind", "kradzież"], "„kradzież” nie jest rodzajem wpisu"),
    (["--user", "nikt"], "Nie ma użytkownika o loginie nikt."),
    (["--person", "99999"], "Nie ma uczestnika o identyfikatorze lub numerze PESEL 99999."),
    (["--from", "2026-03-10", "--to", "2026-03-01"], "Okres kończy się, zanim się zaczyna."),
    (["-o", "rejestr.xlsx"], "Rejestr zdarzeń można zapisać jako plik .csv, a nie jako rejestr.xlsx."),
])
def test_bad_filters_are_one_sentence_and_write_nothing(capsys, database_path, staff, args, message, tmp_path,
                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = len(entries(database_path))
    code, out, err = run(capsys, database_path, "audit", *args)
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert len(entries(database_path)) == before
    assert not (tmp_path / "rejestr.xlsx").exists()


def test_a_csv_file_with_polish_letters_and_the_export_logged(capsys, database_path, staff, tmp_path):
    path = tmp_path / "rejestr-żółć.csv"
    code, out, err = run(capsys, database_path, "audit", "--person", str(staff.bartek.id), "-o", str(path))
    assert (code, err) == (0, "")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0] == ["Data i godzina", "Użytkownik", "Rodzaj", "Osoba", "Opis"]
    assert {row[3] for row in rows[1:]} == {"Bartek Nowak"}
    assert any(row[1] == "Jan Łęcki (jan)" for row in rows[1:])
    assert len(rows) - 1 == 3  # admitted, placed, a day recorded
    assert out.strip() == f"3 wpisy zapisano w pliku {path}."
    [export] = entries(database_path, action=AuditAction.EXPORT)
    assert (export.username, export.participant_id, export.changes["what"]) == ("", staff.bartek.id, "audit_log")


def test_the_participant_report_a_backup_and_a_restore_from_the_command_line_are_logged(capsys, database_path,
                                                                                         staff, tmp_path):
    report = tmp_path / "anna.pdf"
    assert run(capsys, database_path, "report", "participant", str(staff.anna.id), "-o", str(report))[0] == 0
    [export] = entries(database_path, action=AuditAction.EXPORT)
    assert (export.participant_id, export.changes) == (staff.anna.id, {"what": "participant_report",
                                                                        "file": str(report)})
    sheet = tmp_path / "lista.csv"
    assert run(capsys, database_path, "report", "attendance", "--workshop", "Pracownia krawiecka", "--month",
               "2026-03", "-o", str(sheet))[0] == 0
    assert entries(database_path, action=AuditAction.EXPORT)[-1].changes == {"what": "attendance_sheet",
                                                                              "file": str(sheet)}
    copy = tmp_path / "kopia.db"
    assert run(capsys, database_path, "db", "backup", str(copy))[0] == 0
    assert run(capsys, database_path, "db", "restore", str(copy))[0] == 0
    kinds = [entry.action for entry in entries(database_path)]
    assert kinds[-2:] == [AuditAction.BACKUP, AuditAction.RESTORE]
    code, out, _err = run(capsys, database_path, "audit", "--kind", "restore")
    assert code == 0 and "wiersz poleceń: przywrócono bazę danych z kopii" in out
