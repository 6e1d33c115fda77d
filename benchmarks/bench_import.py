"""Importing a facility's attendance from Polish Excel (issue 17): the reference data set's ~115,000
attendance rows written out as a CSV file (Windows-1250, ';', DD.MM.YYYY, the paper sheets' letters) and
imported into the same database with its attendance emptied, beside a bare baseline made in the same
run — the same rows inserted with the sqlite3 module's executemany into the same emptied database;
the same rows from an XLSX workbook (as Excel saves them), beside openpyxl only reading its cells;
then the peak memory (resident set) of a process importing a ~50 MB file (a 1500-people demo's ten
years, ~590,000 rows), beside the same process before it imports, and the peak for the 115,000-row file.

Targets (DESIGN.md): 115,000 attendance rows imported in < 10 s; memory bounded by a batch, not by
the file: < 300 MB for a 50 MB file."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from common import CACHE, PEAK_MB, PYTHON, ROOT, Result, demo_database

BIG_PEOPLE = 1500
BIG_FILE_BYTES = 50 * 1024 * 1024
LETTERS = {"present": "O", "excused": "U", "unexcused": "N", "sick": "C", "leave": "UW", "day_off": "W"}
REMARK = "lista podpisana przez uczestnika"  # what a facility notes beside the day; not imported (and it makes ~50 MB)


def _prepared(database: Path, name: str, *, wide: bool) -> tuple[Path, Path]:
    """(the database with its attendance emptied, the CSV file of its attendance), made once into the cache."""
    emptied, sheet = CACHE / f"{name}-no-attendance.db", CACHE / f"{name}-attendance.csv"
    if emptied.exists() and sheet.exists():
        return emptied, sheet
    partial = emptied.with_suffix(".partial")
    shutil.copyfile(database, partial)
    connection = sqlite3.connect(partial)
    rows = connection.execute(
        "SELECT persons.pesel, persons.last_name, persons.first_name, workshops.name, attendance.day, "
        "attendance.status, attendance.hours FROM attendance JOIN participants ON participants.id = "
        "attendance.participant_id JOIN persons ON persons.id = participants.person_id JOIN workshops ON "
        "workshops.id = attendance.workshop_id ORDER BY attendance.day, persons.last_name")
    with open(sheet.with_suffix(".partial"), "w", encoding="cp1250", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["PESEL", "Nazwisko", "Imię", "Pracownia", "Data", "Status", "Godziny", "Uwagi"] if wide
                        else ["PESEL", "Data", "Status", "Godziny"])
        for pesel, last, first, workshop, day, status, hours in rows:
            shown = date.fromisoformat(day).strftime("%d.%m.%Y")
            hours = "" if hours is None else f"{float(hours):g}".replace(".", ",")
            writer.writerow([pesel, last, first, workshop, shown, LETTERS[status], hours, REMARK] if wide
                            else [pesel, shown, LETTERS[status], hours])
    connection.execute("DELETE FROM attendance")
    connection.commit()
    connection.execute("VACUUM")
    connection.close()
    partial.rename(emptied)
    sheet.with_suffix(".partial").rename(sheet)
    return emptied, sheet


def _workbook(sheet: Path) -> Path:
    """The CSV file's rows as an XLSX workbook, made once: as a sheet typed in Excel holds them, the
    PESEL as text, the day a date cell, the hours a number; with the sheet's size stated, as Excel
    writes it (openpyxl's write-only mode leaves it out, and openpyxl then reads the whole sheet once
    more just to size it). The texts stay inline, where Excel would share them: a little slower to read."""
    from openpyxl import Workbook

    workbook_path = sheet.with_suffix(".xlsx")
    if workbook_path.exists():
        return workbook_path
    workbook = Workbook()
    rows = workbook.active
    rows.title = "Obecność"
    with open(sheet, encoding="cp1250", newline="") as source:
        lines = csv.reader(source, delimiter=";")
        rows.append(next(lines))
        for pesel, day, status, hours in lines:
            rows.append([pesel, datetime.strptime(day, "%d.%m.%Y"), status,
                         float(hours.replace(",", ".")) if hours else None])
    partial = workbook_path.with_suffix(".partial")
    workbook.save(partial)
    partial.rename(workbook_path)
    return workbook_path


def _bare_workbook_read(workbook_path: Path) -> float:
    """Seconds for openpyxl alone to read every cell of the workbook (read-only, values only)."""
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(workbook_path, read_only=True, data_only=True)
    for _ in workbook.active.iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - start


def _bare_executemany(database: Path, emptied: Path, folder: Path) -> tuple[float, int]:
    """Seconds to insert the reference set's attendance rows, read beforehand, into the emptied copy with
    sqlite3's executemany and commit; and how many rows."""
    with sqlite3.connect(database) as source:
        rows = source.execute("SELECT participant_id, workshop_id, day, status, hours, remark, recorded_at, version "
                              "FROM attendance").fetchall()
    target = folder / "bare.db"
    shutil.copyfile(emptied, target)
    connection = sqlite3.connect(target)
    start = time.perf_counter()
    connection.executemany("INSERT INTO attendance (participant_id, workshop_id, day, status, hours, remark, "
                           "recorded_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.commit()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed, len(rows)


_CHILD = PEAK_MB + """
import json, sys, time
from datetime import date, datetime
from pathlib import Path
from sqlalchemy.orm import Session
from reintegra.services import importing, units
from reintegra.services.database import open_database

engine = open_database(sys.argv[1])
with Session(engine) as session:  # everything loaded that an import loads, before the file is read
    importing._AttendanceBatches(session, importing.AttendanceImport(), None, date.today())
before = peak_mb()
start = time.perf_counter()
with units.writing(engine) as session:
    report = importing.import_attendance(session, Path(sys.argv[2]))
elapsed = time.perf_counter() - start
print(json.dumps(dict(seconds=elapsed, rows=report.added, errors=report.error_count, before_mb=before,
                      peak_mb=peak_mb())))
"""


def _import_in_a_process(emptied: Path, sheet: Path, folder: Path) -> dict:
    """The import run in a fresh process (so that its peak memory is its own): seconds, rows, peak MB."""
    target = folder / f"{sheet.stem}.db"
    shutil.copyfile(emptied, target)
    done = subprocess.run([PYTHON, "-c", _CHILD, str(target), str(sheet)], check=True, cwd=ROOT, capture_output=True,
                          text=True)
    target.unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure() -> list[Result]:
    reference = demo_database()
    emptied, sheet = _prepared(reference, "reference", wide=False)
    big_emptied, big_sheet = _prepared(demo_database(BIG_PEOPLE, 10), f"demo-{BIG_PEOPLE}", wide=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        bare_seconds, bare_rows = _bare_executemany(reference, emptied, folder)
        run = _import_in_a_process(emptied, sheet, folder)
        workbook_path = _workbook(sheet)
        bare_workbook_seconds = _bare_workbook_read(workbook_path)
        from_workbook = _import_in_a_process(emptied, workbook_path, folder)
        big = _import_in_a_process(big_emptied, big_sheet, folder)
    assert run["rows"] == bare_rows and not run["errors"], run
    assert from_workbook["rows"] == bare_rows and not from_workbook["errors"], from_workbook
    assert not big["errors"], big
    size_mb = big_sheet.stat().st_size / 1024 / 1024
    return [
        Result(f"import {run['rows']:,} attendance rows", run["seconds"], 10, bare_seconds, unit="s",
               note=f"{run['rows'] / run['seconds']:,.0f} rows/s; baseline: sqlite3 executemany of the same rows"),
        Result(f"import {from_workbook['rows']:,} attendance rows from XLSX", from_workbook["seconds"], 10,
               bare_workbook_seconds, unit="s", note="baseline: openpyxl reading the workbook's cells"),
        Result(f"import a {size_mb:.0f} MB file: peak memory", big["peak_mb"], 300, big["before_mb"], unit="MB",
               note=f"{big['rows']:,} rows in {big['seconds']:.1f} s; the {run['rows']:,}-row file: "
                    f"{run['peak_mb']:.0f} MB; baseline: the same process before the import"),
    ]


if __name__ == "__main__":
    for result in measure():
        print(result)
