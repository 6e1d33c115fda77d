"""`reintegra import participants|attendance FILE` as a director moving in from Excel:
summaries, the attendance report agreeing with the sheet, refused files, --only-valid."""

from __future__ import annotations

import csv
from datetime import date

from sqlalchemy.orm import Session

from factories import make_pesel
from reintegra.cli import main
from reintegra.db.engine import make_engine
from spreadsheets import polish_excel_csv, table_counts, utf8_csv

LUCJA = make_pesel(date(1985, 4, 12), 101, female=True)
JOZEF = make_pesel(date(2003, 1, 9), 102)
EWA = make_pesel(date(1992, 11, 2), 104, female=True)
HEADER = ["Imię", "Nazwisko", "PESEL", "Data urodzenia", "Program", "Data przyjęcia", "Pracownia",
          "Data zakończenia", "Przyczyna zakończenia"]
PEOPLE = [
    HEADER,
    ["Łucja", "Żółkiewska", LUCJA, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
    ["Józef", "Ślęzak", JOZEF.lstrip("0"), "", "WTZ", "02.03.2026", "Ceramika", "13.03.2026", "zatrudnienie"],
]
# By hand: Łucja 3 present (7 + 7,5 + 7 h), 1 excused, 1 unexcused, 2 sick, 1 leave;
# Józef 2 present (14 h), 1 unexcused.
ATTENDANCE = [
    ["pesel", "data", "status", "godziny"],
    [LUCJA, "02.03.2026", "O", ""],
    [LUCJA, "03.03.2026", "O", "7,5"],
    [LUCJA, "04.03.2026", "O", ""],
    [LUCJA, "05.03.2026", "U", ""],
    [LUCJA, "06.03.2026", "C", ""],
    [LUCJA, "09.03.2026", "L4", ""],
    [LUCJA, "10.03.2026", "N", ""],
    [LUCJA, "11.03.2026", "UW", ""],
    [JOZEF, "02.03.2026", "O", ""],
    [JOZEF, "03.03.2026", "O", ""],
    [JOZEF, "04.03.2026", "N", ""],
]


def _run(capsys, database_path, *args: str) -> tuple[int, str, str]:
    code = main(["--database", database_path, "--language", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _counts(database_path) -> dict[str, int]:
    engine = make_engine(database_path)
    with Session(engine) as session:
        counts = table_counts(session)
    engine.dispose()
    return counts


def test_import_people_and_attendance_then_report(capsys, database_path, tmp_path):
    people = polish_excel_csv(tmp_path / "uczestnicy.csv", PEOPLE)
    sheet = polish_excel_csv(tmp_path / "obecności marzec.csv", ATTENDANCE)

    code, out, err = _run(capsys, database_path, "import", "participants", str(people))
    assert (code, err) == (0, "")
    assert out == "Participants added: 2\nAlready present, unchanged: 0\nWorkshops created: 1 (Ceramika)\n"

    code, out, err = _run(capsys, database_path, "import", "attendance", str(sheet))
    assert (code, err) == (0, "")
    assert out == "Attendance days added: 11\nAttendance days updated: 0\nAttendance days unchanged: 0\n"

    report = tmp_path / "x.csv"
    code, _, _ = _run(capsys, database_path, "report", "attendance", "--workshop", "Ceramika",
                      "--month", "2026-03", "-o", str(report))
    assert code == 0
    with open(report, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    # March 2026 has 22 working days; Józef was placed 2–13 March: 10 of them. The rate is that of the days
    # imported (Józef 2 of 3, Łucja 3 of 8), not of every working day (it was 20.0 and 13.6): the days the
    # file leaves out are not entered yet, not absences.
    assert table[1:] == [
        ["Ślęzak", "Józef", "2", "0", "1", "0", "0", "10", "14", "66.7"],
        ["Żółkiewska", "Łucja", "3", "1", "1", "2", "1", "22", "21.5", "37.5"],
    ]


def test_the_same_files_twice_change_nothing(capsys, database_path, tmp_path):
    people = polish_excel_csv(tmp_path / "uczestnicy.csv", PEOPLE)
    sheet = polish_excel_csv(tmp_path / "obecności.csv", ATTENDANCE)
    assert _run(capsys, database_path, "import", "participants", str(people))[0] == 0
    assert _run(capsys, database_path, "import", "attendance", str(sheet))[0] == 0
    before = _counts(database_path)

    code, out, _ = _run(capsys, database_path, "import", "participants", str(people))
    assert (code, out) == (0, "Participants added: 0\nAlready present, unchanged: 2\nWorkshops created: 0\n")
    code, out, _ = _run(capsys, database_path, "import", "attendance", str(sheet))
    assert (code, out) == (0, "Attendance days added: 0\nAttendance days updated: 0\nAttendance days unchanged: 11\n")
    # Nothing but the audit log's entry for each import (every import is recorded, even one that changed nothing).
    assert _counts(database_path) == {**before, "audit_log": before["audit_log"] + 2}


def _bad_people(tmp_path):
    wrong = LUCJA[:-1] + str((int(LUCJA[-1]) + 1) % 10)
    return polish_excel_csv(tmp_path / "błędy.csv", [
        HEADER,
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Łucja", "Żółkiewska", wrong, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Ewa", "Wiśniewska", EWA, "", "WTZ", "31.02.2026", "Ceramika", "", ""],
        ["Marek", "", "", "06.06.1966", "WTZ", "02.03.2026", "Ceramika", "", ""],
    ]), wrong


def test_a_file_with_bad_rows_is_refused_whole(capsys, database_path, tmp_path):
    path, wrong = _bad_people(tmp_path)
    before = _counts(database_path)

    code, out, err = _run(capsys, database_path, "import", "participants", str(path))

    assert (code, out) == (1, "")
    assert err == (
        "The file was not imported: 3 rows have errors.\n"
        f"Line 3: The PESEL {wrong} has a wrong check digit.\n"
        "Line 4: “31.02.2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD).\n"
        "Line 5: The surname is required.\n"
    )
    assert "Traceback" not in err
    assert _counts(database_path) == before


def test_only_valid_imports_the_good_rows(capsys, database_path, tmp_path):
    path, wrong = _bad_people(tmp_path)

    code, out, err = _run(capsys, database_path, "import", "participants", "--only-valid", str(path))

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Participants added: 1", "Already present, unchanged: 0", "Workshops created: 1 (Ceramika)",
        "Rows skipped because of errors: 3",
        f"Line 3: The PESEL {wrong} has a wrong check digit.",
        "Line 4: “31.02.2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD).",
        "Line 5: The surname is required.",
    ]
    assert _counts(database_path)["participants"] == 1


def test_an_unknown_status_code_refuses_the_attendance_file(capsys, database_path, tmp_path):
    _run(capsys, database_path, "import", "participants", str(polish_excel_csv(tmp_path / "u.csv", PEOPLE)))
    before = _counts(database_path)
    sheet = utf8_csv(tmp_path / "attendance.csv", [
        ["PESEL", "Date", "Status", "Hours"], [LUCJA, "2026-03-02", "present", "7"], [LUCJA, "2026-03-03", "Z", ""]])

    code, out, err = _run(capsys, database_path, "import", "attendance", str(sheet))

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "The file was not imported: 1 row has errors.",
        "Line 3: “Z” is not an attendance status; use O, U, N, NN, C, L4, ZL, UW, DW or W "
        "(or present, excused, unexcused, sick, leave, day_off).",
    ]
    assert _counts(database_path) == before


def test_a_missing_column_is_one_sentence(capsys, database_path, tmp_path):
    path = polish_excel_csv(tmp_path / "u.csv", [["Nazwisko", "PESEL"], ["Ślęzak", JOZEF]])
    code, out, err = _run(capsys, database_path, "import", "participants", str(path))
    assert (code, out) == (1, "")
    assert err == "The file has no columns imię/first_name, data przyjęcia/admission_date.\n"


def test_a_missing_file_is_one_sentence(capsys, database_path, tmp_path):
    path = tmp_path / "nie ma.csv"
    code, _, err = _run(capsys, database_path, "import", "attendance", str(path))
    assert code == 1
    assert err.startswith(f"Cannot use the file {path}:") and len(err.splitlines()) == 1


def _run_in_polish(capsys, database_path, *args: str) -> tuple[int, str, str]:
    code = main(["--database", database_path, "--language", "pl", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_readmission_and_an_applicant_are_counted_apart_in_polish(capsys, database_path, tmp_path):
    stays_header = HEADER + ["Data wniosku", "Stopień"]
    first = polish_excel_csv(tmp_path / "2025.csv", [
        stays_header,
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "03.03.2025", "Ceramika", "30.09.2025", "zatrudnienie", "", "znaczny"],
    ])
    assert _run(capsys, database_path, "import", "participants", str(first))[0] == 0
    later = polish_excel_csv(tmp_path / "2026.csv", [
        stays_header,
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "03.03.2025", "Ceramika", "30.09.2025", "zatrudnienie", "", "znaczny"],
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "02.03.2026", "Ceramika", "", "", "", "znaczny"],
        ["Ewa", "Wiśniewska", EWA, "", "WTZ", "", "", "", "", "05.10.2026", "umiarkowany"],
    ])

    code, out, err = _run_in_polish(capsys, database_path, "import", "participants", str(later))

    assert (code, err) == (0, "")
    assert out.splitlines() == ["Dodani uczestnicy: 0", "Już w bazie, bez zmian: 1",
                                "Ponownie przyjęci na nowy pobyt: 1", "Dopisani do listy oczekujących: 1",
                                "Utworzone pracownie: 0"]
    assert _counts(database_path)["participants"] == 3

    code, out, _ = _run_in_polish(capsys, database_path, "import", "participants", str(later))
    assert (code, out.splitlines()) == (0, ["Dodani uczestnicy: 0", "Już w bazie, bez zmian: 3",
                                            "Utworzone pracownie: 0"])


def test_an_admission_before_the_last_exit_is_refused_with_its_line(capsys, database_path, tmp_path):
    first = polish_excel_csv(tmp_path / "a.csv", [
        HEADER, ["Józef", "Ślęzak", JOZEF, "", "WTZ", "03.03.2025", "", "30.09.2025", "zatrudnienie"]])
    assert _run(capsys, database_path, "import", "participants", str(first))[0] == 0
    before = _counts(database_path)
    bad = polish_excel_csv(tmp_path / "b.csv", [
        HEADER, ["Józef", "Ślęzak", JOZEF, "", "WTZ", "01.09.2025", "", "", ""]])

    code, out, err = _run(capsys, database_path, "import", "participants", str(bad))

    assert (code, out) == (1, "")
    assert err.splitlines() == ["The file was not imported: 1 row has errors.",
                                "Line 2: The new stay must start after the last exit (30/09/2025)."]
    assert _counts(database_path) == before


def test_an_encoding_that_cannot_be_told_is_named_with_encoding(capsys, database_path, tmp_path):
    """0xB9 is ą in Windows-1250 and 0xAC is Ź in ISO-8859-2: the file reads one Polish letter either way."""
    path = tmp_path / "stary.csv"
    path.write_bytes(f"Imie;Nazwisko;PESEL;Data przyjecia\r\nB\xb9k;\xacrebiec;{EWA};02.03.2026\r\n".encode("latin-1"))
    before = _counts(database_path)

    code, out, err = _run(capsys, database_path, "import", "participants", str(path))

    assert (code, out) == (1, "")
    assert err == ("The encoding of stary.csv cannot be told for sure (Windows-1250 or ISO-8859-2): check which one "
                   "shows the Polish letters right and name it (on the command line: --encoding cp1250 | "
                   "iso-8859-2).\n")
    assert _counts(database_path) == before

    code, out, err = _run(capsys, database_path, "import", "participants", str(path), "--encoding", "ISO-8859-2")
    assert (code, err) == (0, "")
    engine = make_engine(database_path)
    with Session(engine) as session:
        from reintegra.db.models import Participant
        assert [(p.first_name, p.last_name) for p in session.query(Participant)] == [("Bšk", "Źrebiec")]
    engine.dispose()


def test_an_iso_8859_2_file_is_read_as_such_without_being_told(capsys, database_path, tmp_path):
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(f"Imię;Nazwisko;PESEL;Data przyjęcia\r\nŹdźbło;Gęślą;{EWA};02.03.2026\r\n".encode("iso-8859-2"))
    code, out, err = _run(capsys, database_path, "import", "participants", str(path))
    assert (code, err) == (0, "")
    engine = make_engine(database_path)
    with Session(engine) as session:
        from reintegra.db.models import Participant
        assert [(p.first_name, p.last_name) for p in session.query(Participant)] == [("Źdźbło", "Gęślą")]
    engine.dispose()


def test_an_unknown_encoding_is_one_sentence(capsys, database_path, tmp_path):
    path = polish_excel_csv(tmp_path / "u.csv", PEOPLE)
    code, out, err = _run(capsys, database_path, "import", "participants", str(path), "--encoding", "klingon")
    assert (code, out) == (1, "")
    assert err == "“klingon” is not an encoding Reintegra reads; use utf-8, utf-8-sig, utf-16, cp1250, iso-8859-2.\n"
