"""Importing participants and attendance from CSV and XLSX: formats, counts, errors with
line numbers, all or nothing, and a second import of the same file changing nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import days, make_pesel, workshop
from reintegra import i18n
from reintegra.db.enums import AttendanceStatus, AuditAction, DisabilityDegree, ExitReason, Programme, Sex
from reintegra.db.models import AttendanceDay, AuditEntry, FollowUp, Participant, Workshop
from reintegra.services import attendance, importing, participants, placements
from reintegra.services.importing import ImportRefused
from reintegra.services.participants import ParticipantFields
from spreadsheets import polish_excel_csv, table_counts, utf8_csv, xlsx

TODAY = date(2026, 11, 23)
LUCJA = make_pesel(date(1985, 4, 12), 101, female=True)
JOZEF = make_pesel(date(2003, 1, 9), 102)  # born in 2003: the PESEL starts with 0
ADAM = make_pesel(date(1979, 8, 30), 103)
EWA = make_pesel(date(1992, 11, 2), 104, female=True)
MAREK = make_pesel(date(1966, 6, 6), 105)
POLISH_HEADER = ["Imię", "Nazwisko", "PESEL", "Data urodzenia", "Program", "Data przyjęcia", "Pracownia",
                 "Data zakończenia", "Przyczyna zakończenia"]


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


@pytest.fixture
def carpentry(session):
    made = workshop(session, "Pracownia stolarska")
    session.commit()
    return made


def _import_participants(session, path, **options):
    report = importing.import_participants(session, path, today=TODAY, **options)
    session.commit()
    return report


def _import_attendance(session, path, **options):
    report = importing.import_attendance(session, path, today=TODAY, **options)
    session.commit()
    return report


def _and_the_import_recorded(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` with the one audit entry every import adds, even one that changed nothing."""
    return {**counts, "audit_log": counts["audit_log"] + 1}


def _polish_sheet(tmp_path):
    """Three people as a WTZ keeps them; Józef's PESEL lost its leading zero in Excel."""
    return polish_excel_csv(tmp_path / "uczestnicy.csv", [
        POLISH_HEADER,
        ["Łucja", "Żółkiewska", LUCJA, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Józef", "Ślęzak", JOZEF.lstrip("0"), "", "wtz", "02.03.2026", "pracownia STOLARSKA", "13.03.2026",
         "zatrudnienie"],
        ["Zdzisława", "Gęślą", "", "17.05.1968", "", "09.03.2026", "Ceramika", "", ""],
    ])


def _people(session) -> dict[str, Participant]:
    return {p.last_name: p for p in session.scalars(select(Participant))}


def test_polish_excel_csv_is_imported(session, carpentry, tmp_path):
    path = _polish_sheet(tmp_path)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert b"\r\n" in path.read_bytes()

    report = _import_participants(session, path)

    assert report.summary_lines() == ["Participants added: 3", "Already present, unchanged: 0",
                                      "Workshops created: 1 (Ceramika)"]
    assert report.errors == []
    people = _people(session)
    assert set(people) == {"Żółkiewska", "Ślęzak", "Gęślą"}
    lucja, jozef, zdzislawa = people["Żółkiewska"], people["Ślęzak"], people["Gęślą"]
    assert (lucja.first_name, lucja.birth_date, lucja.sex) == ("Łucja", date(1985, 4, 12), Sex.FEMALE)
    assert jozef.pesel == JOZEF and jozef.birth_date == date(2003, 1, 9)
    assert (jozef.exit_date, jozef.exit_reason) == (date(2026, 3, 13), ExitReason.EMPLOYMENT)
    assert session.scalar(select(FollowUp.due_date).where(FollowUp.participant_id == jozef.id,
                                                          FollowUp.months_after == 3)) == date(2026, 6, 13)
    assert (zdzislawa.first_name, zdzislawa.pesel, zdzislawa.birth_date) == ("Zdzisława", None, date(1968, 5, 17))
    # No programme column value: the facility's own (a WTZ by default).
    assert {p.programme for p in people.values()} == {Programme.WTZ}

    ceramics = session.scalar(select(Workshop).where(Workshop.name == "Ceramika"))
    assert [(p.workshop.name, p.start_date, p.end_date) for p in placements.placements_of(session, jozef.id)] == [
        ("Pracownia stolarska", date(2026, 3, 2), date(2026, 3, 13))]
    assert [(p.workshop_id, p.start_date, p.end_date) for p in placements.placements_of(session, lucja.id)] == [
        (ceramics.id, date(2026, 3, 2), None)]
    assert [p.last_name for p in placements.placed_participants(session, ceramics.id, date(2026, 3, 9))] == [
        "Gęślą", "Żółkiewska"]


def test_utf8_csv_with_english_headers_and_codes(session, tmp_path):
    path = utf8_csv(tmp_path / "participants.csv", [
        ["First_Name", " LAST_NAME ", "pesel", "Birth date", "Programme", "admission_date", "Workshop",
         "exit_date", "exit_reason", "notes we keep elsewhere"],
        ["Łucja", "Żółkiewska", LUCJA, "1985-04-12", "CIS", "2025-09-01", "", "2026-02-27", "dropped_out", "x"],
        ["Józef", "Ślęzak", JOZEF, "", "KIS", "2025-10-06", "", "", "", ""],
    ])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = _import_participants(session, path)

    assert report.added == 2 and report.workshops_created == []
    people = _people(session)
    assert people["Żółkiewska"].programme is Programme.CIS
    assert people["Żółkiewska"].exit_reason is ExitReason.DROPPED_OUT
    assert people["Ślęzak"].programme is Programme.KIS and people["Ślęzak"].exit_date is None


def test_utf8_without_bom_with_semicolons_and_a_line_break_in_a_cell(session, tmp_path):
    # Excel shows a quoted cell with a line break on one row: line numbers count rows, not text lines.
    path = tmp_path / "u.csv"
    path.write_bytes((
        "imię;nazwisko;pesel;data przyjęcia;przyczyna zakończenia\n"
        f'Łucja;"Żółkiewska\nz domu Nowak";{LUCJA};2026-03-02;\n'
        f"Józef;Ślęzak;{JOZEF};2026-02-31;\n"
    ).encode("utf-8"))

    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)

    assert [e.line for e in refused.value.errors] == [3]
    report = _import_participants(session, path, only_valid=True)
    assert [p.last_name for p in _people(session).values()] == ["Żółkiewska z domu Nowak"]
    assert report.added == 1


def test_xlsx_with_pesel_as_a_number_and_date_cells(session, tmp_path):
    path = xlsx(tmp_path / "uczestnicy.xlsx", [
        ["imie", "nazwisko", "pesel", "data urodzenia", "program", "data przyjecia", "pracownia",
         "data zakończenia", "przyczyna zakończenia"],
        ["Józef", "Ślęzak", int(JOZEF), None, "WTZ", date(2026, 3, 2), "Ogrodnicza", date(2026, 4, 30),
         "skreślenie z listy"],
        [],
        ["Łucja", "Żółkiewska", int(LUCJA), date(1985, 4, 12), "WTZ", date(2026, 3, 2), "Ogrodnicza", None, None],
    ])

    report = _import_participants(session, path)

    assert report.summary_lines() == ["Participants added: 2", "Already present, unchanged: 0",
                                      "Workshops created: 1 (Ogrodnicza)"]
    people = _people(session)
    assert people["Ślęzak"].pesel == JOZEF and people["Ślęzak"].exit_reason is ExitReason.REMOVED
    assert people["Żółkiewska"].pesel == LUCJA


def test_the_same_file_twice_changes_nothing(session, carpentry, tmp_path):
    path = _polish_sheet(tmp_path)
    _import_participants(session, path)
    before = table_counts(session)
    versions = {p.last_name: p.version for p in _people(session).values()}

    again = _import_participants(session, path)

    assert again.summary_lines() == ["Participants added: 0", "Already present, unchanged: 3",
                                     "Workshops created: 0"]
    assert table_counts(session) == _and_the_import_recorded(before)
    assert {p.last_name: p.version for p in _people(session).values()} == versions


def _sheet_with_three_bad_rows(tmp_path):
    wrong_check_digit = ADAM[:-1] + str((int(ADAM[-1]) + 1) % 10)
    return polish_excel_csv(tmp_path / "błędy.csv", [
        POLISH_HEADER,
        ["Łucja", "Żółkiewska", LUCJA, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Adam", "Nowak", wrong_check_digit, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Ewa", "Wiśniewska", EWA, "", "WTZ", "31.02.2026", "Ceramika", "", ""],
        ["", "", "", "", "", "", "", "", ""],
        ["Marek", "", MAREK, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "02.03.2026", "Ceramika", "", ""],
    ]), wrong_check_digit


def test_bad_rows_refuse_the_whole_file(session, carpentry, tmp_path, engine):
    path, wrong = _sheet_with_three_bad_rows(tmp_path)
    before = table_counts(session)

    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)

    assert str(refused.value) == "The file was not imported: 3 rows have errors."
    assert [error.describe() for error in refused.value.errors] == [
        f"Line 3: The PESEL {wrong} has a wrong check digit.",
        "Line 4: “31.02.2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD).",
        "Line 6: The surname is required.",
    ]
    assert table_counts(session) == before
    session.commit()
    with Session(engine) as fresh:
        assert table_counts(fresh) == before


def test_only_valid_imports_the_good_rows_and_reports_the_bad(session, carpentry, tmp_path):
    path, _ = _sheet_with_three_bad_rows(tmp_path)

    report = _import_participants(session, path, only_valid=True)

    assert report.summary_lines() == ["Participants added: 2", "Already present, unchanged: 0",
                                      "Workshops created: 1 (Ceramika)", "Rows skipped because of errors: 3"]
    assert [error.line for error in report.errors] == [3, 4, 6]
    assert set(_people(session)) == {"Żółkiewska", "Ślęzak"}


def test_a_bad_row_leaves_nothing_behind_when_only_valid(session, tmp_path):
    # Admitted and placed in a new workshop, then refused at the exit: neither the person
    # nor the workshop may stay.
    path = polish_excel_csv(tmp_path / "u.csv", [
        POLISH_HEADER,
        ["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "Ceramika", "27.02.2026", "rezygnacja"],
    ])
    before = table_counts(session)

    report = _import_participants(session, path, only_valid=True)

    assert [error.describe() for error in report.errors] == [
        f"Line 2: The exit date cannot be before the admission date ({i18n.format_date(date(2026, 3, 2))})."]
    assert report.workshops_created == [] and report.added == 0
    assert table_counts(session) == _and_the_import_recorded(before)


@pytest.mark.parametrize("cells, reason", [
    (["Ewa", "Wiśniewska", EWA, "", "WTP", "02.03.2026", "", "", ""],
     "“WTP” is not a programme (WTZ, CIS, KIS or ZAZ)."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "12.05.2026", "wygrana w lotto"],
     "“wygrana w lotto” is not an exit reason."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "", "zgon"],
     "An exit reason is given without an exit date."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "12.05.2026", ""],
     "Choose the reason for leaving."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "", "", "", ""], "The admission date is required."),
    (["Ewa", "Wiśniewska", "", "", "WTZ", "02.03.2026", "", "", ""],
     "The birth date is required when there is no PESEL."),
    (["Ewa", "Wiśniewska", EWA, "03.11.1992", "WTZ", "02.03.2026", "", "", ""],
     "The birth date does not agree with the PESEL (02/11/1992)."),
    (["Ewa", "Wiśniewska", EWA[:10], "", "WTZ", "02.03.2026", "", "", ""], "A PESEL has exactly 11 digits."),
])
def test_row_errors(session, tmp_path, cells, reason):
    path = polish_excel_csv(tmp_path / "u.csv", [POLISH_HEADER, cells])
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert [e.describe() for e in refused.value.errors] == [f"Line 2: {reason}"]
    assert str(refused.value) == "The file was not imported: 1 row has errors."


def test_the_same_person_twice_in_a_file(session, tmp_path):
    path = polish_excel_csv(tmp_path / "u.csv", [
        POLISH_HEADER,
        ["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "", ""],
        ["Zdzisława", "Gęślą", "", "17.05.1968", "", "09.03.2026", "", "", ""],
        ["Ewa", "Wiśniewska-Nowak", EWA, "", "WTZ", "02.03.2026", "", "", ""],
        ["ZDZISŁAWA", "gęślą", "", "1968-05-17", "", "09.03.2026", "", "", ""],
    ])
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert [e.describe() for e in refused.value.errors] == [
        "Line 4: The same person is already on line 2.", "Line 5: The same person is already on line 3."]


def test_a_registered_person_with_another_admission_date(session, tmp_path):
    first = polish_excel_csv(tmp_path / "a.csv", [
        POLISH_HEADER, ["Zdzisława", "Gęślą", "", "17.05.1968", "", "09.03.2026", "", "", ""]])
    _import_participants(session, first)
    second = polish_excel_csv(tmp_path / "b.csv", [
        POLISH_HEADER, ["zdzisława", "Gęślą", "", "17.05.1968", "", "16.03.2026", "", "", ""]])
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, second, today=TODAY)
    assert refused.value.errors[0].reason == (
        f"Zdzisława Gęślą is already registered with the admission date {i18n.format_date(date(2026, 3, 9))}.")


def test_an_exit_added_to_the_sheet_later_is_recorded(session, carpentry, tmp_path):
    _import_participants(session, _polish_sheet(tmp_path))
    later = polish_excel_csv(tmp_path / "później.csv", [
        POLISH_HEADER,
        ["Łucja", "Żółkiewska", LUCJA, "", "WTZ", "02.03.2026", "Ceramika", "30.09.2026",
         "Spółdzielnia socjalna"],
        ["Józef", "Ślęzak", JOZEF, "", "WTZ", "02.03.2026", "Pracownia stolarska", "13.03.2026", "employment"],
    ])

    report = _import_participants(session, later)

    assert report.summary_lines() == [
        "Participants added: 0", "Already present, unchanged: 1",
        "Exits recorded for participants already present: 1", "Workshops created: 0"]
    lucja = _people(session)["Żółkiewska"]
    assert (lucja.exit_date, lucja.exit_reason) == (date(2026, 9, 30), ExitReason.SOCIAL_COOPERATIVE)
    assert placements.placements_of(session, lucja.id)[0].end_date == date(2026, 9, 30)


def test_a_missing_required_column_is_one_sentence(session, tmp_path):
    path = polish_excel_csv(tmp_path / "u.csv", [
        ["Imię", "PESEL", "Data przyjęcia"], ["Ewa", EWA, "02.03.2026"]])
    before = table_counts(session)
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert str(refused.value) == "The file has no column nazwisko/last_name."
    assert refused.value.errors == []
    assert table_counts(session) == before


@pytest.mark.parametrize("name, content, message", [
    ("pusty.csv", b"\r\n;;\r\n", "The file pusty.csv is empty."),
    ("stary.xls", b"\xd0\xcf\x11\xe0", "Only .csv and .xlsx files can be imported, not stary.xls."),
    ("zepsuty.xlsx", b"not a zip", "The file zepsuty.xlsx cannot be read as an XLSX workbook."),
])
def test_files_that_cannot_be_read(session, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert str(refused.value) == message


# --- attendance -----------------------------------------------------------------------

ATTENDANCE_HEADER = ["PESEL", "Data", "Status", "Godziny"]
# Łucja: O O O U C L4 N UW W over 2–12 March 2026 (one present day of 7,5 h);
# Józef: O O N. By hand: Łucja 3 present, 1 excused, 1 unexcused, 2 sick, 1 leave, 1 day off,
# 7 + 7,5 + 7 = 21,5 hours; Józef 2 present, 1 unexcused, 14 hours.
ATTENDANCE_ROWS = [
    [LUCJA, "02.03.2026", "O", ""],
    [LUCJA, "03.03.2026", "o", "7,5"],
    [LUCJA, "04.03.2026", "present", ""],
    [LUCJA, "05.03.2026", "U", ""],
    [LUCJA, "06.03.2026", "C", ""],
    [LUCJA, "09.03.2026", "L4", ""],
    [LUCJA, "10.03.2026", "n", ""],
    [LUCJA, "11.03.2026", "UW", ""],
    [LUCJA, "12.03.2026", "W", ""],
    [JOZEF.lstrip("0"), "02.03.2026", "O", ""],
    [JOZEF.lstrip("0"), "2026-03-03", "O", "7"],
    [JOZEF.lstrip("0"), "04.03.2026", "N", ""],
]


@pytest.fixture
def placed_people(session):
    ceramics = workshop(session, "Ceramika")
    people = [participants.admit(session, ParticipantFields(first_name=first, last_name=last, pesel=pesel,
                                                            admission_date=date(2026, 3, 2)))
              for first, last, pesel in (("Łucja", "Żółkiewska", LUCJA), ("Józef", "Ślęzak", JOZEF))]
    for person in people:
        placements.place(session, person.id, ceramics.id, date(2026, 3, 2))
    session.commit()
    return ceramics, *people


def test_attendance_counts_equal_the_hand_count(session, placed_people, tmp_path):
    made, lucja, jozef = placed_people
    path = polish_excel_csv(tmp_path / "obecności.csv", [ATTENDANCE_HEADER, *ATTENDANCE_ROWS])

    report = _import_attendance(session, path)

    assert report.summary_lines() == ["Attendance days added: 12", "Attendance days updated: 0",
                                      "Attendance days unchanged: 0"]
    rows = {row.last_name: row for row in attendance.month_rows(session, made.id, 2026, 3, as_of=TODAY)}
    lucja_row, jozef_row = rows["Żółkiewska"], rows["Ślęzak"]
    assert lucja_row.counts == days(present=3, excused=1, unexcused=1, sick=2, leave=1, day_off=1)
    assert lucja_row.hours == Decimal("21.5")
    assert (jozef_row.counts, jozef_row.hours) == (days(present=2, unexcused=1), Decimal("14"))


def test_the_codes_cis_lists_are_kept_in(session, placed_people, tmp_path):
    """A CIS list (issue 16): NN unexcused, ZL and L4 sick leave, DW a day off on request, which is
    leave; lower case too. By hand for Łucja, 2–6 March: 1 unexcused, 2 sick, 2 leave."""
    made, lucja, jozef = placed_people
    path = polish_excel_csv(tmp_path / "lista CIS.csv", [ATTENDANCE_HEADER,
                                                        [LUCJA, "02.03.2026", "NN", ""],
                                                        [LUCJA, "03.03.2026", "ZL", ""],
                                                        [LUCJA, "04.03.2026", "l4", ""],
                                                        [LUCJA, "05.03.2026", "DW", ""],
                                                        [LUCJA, "06.03.2026", "dw", ""]])

    assert _import_attendance(session, path).added == 5
    rows = {row.last_name: row for row in attendance.month_rows(session, made.id, 2026, 3, as_of=TODAY)}
    assert rows["Żółkiewska"].counts == days(unexcused=1, sick=2, leave=2)


def test_attendance_from_xlsx_by_participant_id_with_date_cells(session, placed_people, tmp_path):
    made, lucja, jozef = placed_people
    path = xlsx(tmp_path / "obecnosci.xlsx", [
        ["participant_id", "date", "status", "hours"],
        [lucja.id, date(2026, 3, 2), "present", 6.5],
        [jozef.id, date(2026, 3, 2), "sick", None],
    ])

    report = _import_attendance(session, path)

    assert report.added == 2
    days = {(d.participant_id, d.status, d.hours) for d in session.scalars(select(AttendanceDay))}
    assert days == {(lucja.id, AttendanceStatus.PRESENT, Decimal("6.5")), (jozef.id, AttendanceStatus.SICK, None)}


def test_attendance_twice_changes_nothing_and_a_new_value_updates(session, placed_people, tmp_path):
    made, lucja, jozef = placed_people
    path = polish_excel_csv(tmp_path / "obecności.csv", [ATTENDANCE_HEADER, *ATTENDANCE_ROWS])
    _import_attendance(session, path)
    attendance.set_attendance(session, lucja.id, made.id, date(2026, 3, 5), AttendanceStatus.EXCUSED,
                              remark="wizyta u lekarza")
    session.commit()
    before = table_counts(session)
    versions = {d.id: d.version for d in session.scalars(select(AttendanceDay))}

    again = _import_attendance(session, path)

    assert again.summary_lines() == ["Attendance days added: 0", "Attendance days updated: 0",
                                     "Attendance days unchanged: 12"]
    assert {d.id: d.version for d in session.scalars(select(AttendanceDay))} == versions
    assert table_counts(session) == _and_the_import_recorded(before)

    changed = [list(row) for row in ATTENDANCE_ROWS]
    changed[3][2] = "N"  # Łucja's excused 5 March was in fact unexcused
    changed[1][3] = "6"
    report = _import_attendance(session, polish_excel_csv(tmp_path / "poprawione.csv",
                                                          [ATTENDANCE_HEADER, *changed]))
    assert (report.added, report.updated, report.unchanged) == (0, 2, 10)
    fifth = session.scalar(select(AttendanceDay).where(AttendanceDay.participant_id == lucja.id,
                                                       AttendanceDay.day == date(2026, 3, 5)))
    assert (fifth.status, fifth.remark) == (AttendanceStatus.UNEXCUSED, "wizyta u lekarza")


def test_attendance_row_errors(session, placed_people, tmp_path):
    made, lucja, jozef = placed_people
    path = polish_excel_csv(tmp_path / "obecności.csv", [
        ATTENDANCE_HEADER,
        [LUCJA, "02.03.2026", "X", ""],
        [EWA, "02.03.2026", "O", ""],
        [LUCJA, "27.02.2026", "O", ""],
        [LUCJA, "31.02.2026", "O", ""],
        [LUCJA, "03.03.2026", "O", "25"],
        [JOZEF, "03.03.2026", "O", ""],
        [JOZEF, "03.03.2026", "U", ""],
        [LUCJA, "", "O", ""],
        ["", "04.03.2026", "O", ""],
        [LUCJA, "04.03.2026", "", ""],
        [LUCJA, "24.11.2026", "O", ""],
    ])
    before = table_counts(session)

    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, path, today=TODAY)

    assert [e.describe() for e in refused.value.errors] == [
        "Line 2: “X” is not an attendance status; use O, U, N, NN, C, L4, ZL, UW, DW or W "
        "(or present, excused, unexcused, sick, leave, day_off).",
        f"Line 3: No participant with the id or PESEL {EWA}.",
        f"Line 4: Łucja Żółkiewska is not placed in any workshop on {i18n.format_date(date(2026, 2, 27))}.",
        "Line 5: “31.02.2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD).",
        "Line 6: The hours must be between 0 and 24.",
        "Line 8: The same person and day are already on line 7.",
        "Line 9: This date is required.",
        "Line 10: The row has neither a PESEL nor a participant id.",
        "Line 11: The attendance status is required.",
        f"Line 12: {i18n.format_date(date(2026, 11, 24))} is in the future; "
        "attendance can be imported only up to today.",
    ]
    assert str(refused.value) == "The file was not imported: 10 rows have errors."
    assert table_counts(session) == before


def test_attendance_without_a_person_column(session, tmp_path):
    path = utf8_csv(tmp_path / "a.csv", [["name", "date", "status"], ["Ewa", "2026-03-02", "O"]])
    with pytest.raises(ImportRefused) as refused:
        importing.import_attendance(session, path, today=TODAY)
    assert str(refused.value) == "The file has no column pesel."


# --- stays: readmission, applicants, eligibility groups, the disability degree (issue 14) ---------------

STAY_HEADER = POLISH_HEADER + ["Data wniosku", "Grupa", "Stopień"]


def _stays(session, pesel: str) -> list[Participant]:
    return list(session.scalars(select(Participant).where(Participant.pesel == pesel).order_by(Participant.id)))


def test_a_later_row_of_a_person_who_left_readmits_them_once(session, carpentry, tmp_path):
    first = polish_excel_csv(tmp_path / "2025.csv", [
        STAY_HEADER,
        ["Ewa", "Wiśniewska", EWA, "", "CIS", "03.03.2025", "Pracownia stolarska", "30.09.2025", "zatrudnienie",
         "", "bezdomność", ""],
    ])
    _import_participants(session, first)
    again = polish_excel_csv(tmp_path / "2026.csv", [
        STAY_HEADER,
        ["Ewa", "Wiśniewska", EWA, "", "CIS", "03.03.2025", "Pracownia stolarska", "30.09.2025", "zatrudnienie",
         "", "bezdomność", ""],
        ["Ewa", "Wiśniewska-Nowak", EWA, "", "CIS", "02.03.2026", "Pracownia stolarska", "30.10.2026", "rezygnacja",
         "10.02.2026", "długotrwale bezrobotna, osoba uzależniona od alkoholu", ""],
    ])

    report = _import_participants(session, again)

    assert report.summary_lines() == ["Participants added: 0", "Already present, unchanged: 1",
                                      "Readmitted for a new stay: 1", "Workshops created: 0"]
    first_stay, second_stay = _stays(session, EWA)
    assert first_stay.person_id == second_stay.person_id
    # Both exits are kept, each with its stay; the person's name is the latest row's.
    assert (first_stay.admission_date, first_stay.exit_date, first_stay.exit_reason) == (
        date(2025, 3, 3), date(2025, 9, 30), ExitReason.EMPLOYMENT)
    assert (second_stay.application_date, second_stay.admission_date, second_stay.exit_date,
            second_stay.exit_reason) == (date(2026, 2, 10), date(2026, 3, 2), date(2026, 10, 30),
                                         ExitReason.DROPPED_OUT)
    assert first_stay.eligibility_groups == ["homeless"]
    assert second_stay.eligibility_groups == ["alcohol", "long_term_unemployed"]
    assert second_stay.last_name == first_stay.last_name == "Wiśniewska-Nowak"
    assert [p.start_date for p in placements.placements_of(session, second_stay.id)] == [date(2026, 3, 2)]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)
                            .order_by(AuditEntry.id.desc())).first()
    assert (entry.changes["readmitted"], entry.changes["applicants"], entry.changes["unchanged"]) == (1, 0, 1)

    before = table_counts(session)
    versions = [stay.version for stay in _stays(session, EWA)]
    report = _import_participants(session, again)

    assert report.summary_lines() == ["Participants added: 0", "Already present, unchanged: 2",
                                      "Workshops created: 0"]
    assert table_counts(session) == _and_the_import_recorded(before)
    assert [stay.version for stay in _stays(session, EWA)] == versions


def test_a_readmission_keeps_what_the_row_does_not_say(session, tmp_path):
    ewa = participants.admit(session, ParticipantFields(
        first_name="Ewa", last_name="Wiśniewska", pesel=EWA, programme=Programme.WTZ,
        admission_date=date(2024, 1, 8), phone="600 100 200", city="Lublin"), today=TODAY)
    participants.exit_participant(session, ewa.id, ewa.version, date(2025, 6, 30), ExitReason.ZAZ, today=TODAY)
    path = polish_excel_csv(tmp_path / "u.csv", [
        STAY_HEADER, ["Ewa", "Wiśniewska", EWA, "", "WTZ", "01.09.2026", "", "", "", "", "", "umiarkowany"]])

    _import_participants(session, path)

    stay = _stays(session, EWA)[-1]
    assert (stay.phone, stay.city, stay.disability_degree) == ("600 100 200", "Lublin", DisabilityDegree.MODERATE)


def test_two_stays_of_a_person_in_one_file(session, tmp_path):
    path = polish_excel_csv(tmp_path / "historia.csv", [
        STAY_HEADER,
        ["Adam", "Nowak", ADAM, "", "CIS", "02.01.2024", "", "31.12.2024", "zatrudnienie", "", "", ""],
        ["Adam", "Nowak", ADAM, "", "CIS", "01.06.2026", "", "", "", "", "", ""],
    ])

    report = _import_participants(session, path)

    assert (report.added, report.readmitted) == (1, 1)
    assert [(s.admission_date, s.exit_date) for s in _stays(session, ADAM)] == [
        (date(2024, 1, 2), date(2024, 12, 31)), (date(2026, 6, 1), None)]


def test_an_admission_not_after_the_last_exit_is_refused(session, tmp_path, engine):
    _import_participants(session, polish_excel_csv(tmp_path / "a.csv", [
        STAY_HEADER, ["Adam", "Nowak", ADAM, "", "CIS", "02.01.2024", "", "31.12.2024", "zatrudnienie", "", "", ""]]))
    before = table_counts(session)
    path = polish_excel_csv(tmp_path / "b.csv", [
        STAY_HEADER,
        ["Łucja", "Żółkiewska", LUCJA, "", "WTZ", "02.03.2026", "", "", "", "", "", ""],
        ["Adam", "Nowak", ADAM, "", "CIS", "31.12.2024", "", "", "", "", "", ""],
    ])

    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)

    assert [e.describe() for e in refused.value.errors] == [
        f"Line 3: The new stay must start after the last exit ({i18n.format_date(date(2024, 12, 31))})."]
    session.commit()
    with Session(engine) as fresh:
        assert table_counts(fresh) == before


def test_an_applicant_row_adds_a_stay_without_admission_once(session, tmp_path):
    _import_participants(session, polish_excel_csv(tmp_path / "a.csv", [
        STAY_HEADER, ["Adam", "Nowak", ADAM, "", "WTZ", "02.01.2024", "", "31.12.2024", "zatrudnienie", "", "", ""]]))
    path = utf8_csv(tmp_path / "waiting.csv", [
        ["first_name", "last_name", "pesel", "birth_date", "programme", "application_date", "disability_degree"],
        ["Marek", "Zieliński", MAREK, "", "WTZ", "2026-10-05", "significant"],
        ["Adam", "Nowak", ADAM, "", "WTZ", "2026-11-02", "lekki"],
        ["Zdzisława", "Gęślą", "", "1968-05-17", "WTZ", "2026-11-03", "Znaczny"],
    ])

    report = _import_participants(session, path)

    assert report.summary_lines() == ["Participants added: 0", "Already present, unchanged: 0",
                                      "Added to the waiting list: 3", "Workshops created: 0"]
    marek, = _stays(session, MAREK)
    adam_then, adam_waiting = _stays(session, ADAM)
    assert (marek.application_date, marek.admission_date, marek.disability_degree) == (
        date(2026, 10, 5), None, DisabilityDegree.SIGNIFICANT)
    assert (adam_waiting.person_id, adam_waiting.application_date, adam_waiting.admission_date) == (
        adam_then.person_id, date(2026, 11, 2), None)
    assert adam_waiting.disability_degree is DisabilityDegree.LIGHT
    assert _people(session)["Gęślą"].disability_degree is DisabilityDegree.SIGNIFICANT
    assert {row.last_name for row in participants.search(session, status=participants.Filter.APPLICANTS,
                                                         on=TODAY)} == {"Zieliński", "Nowak", "Gęślą"}

    before = table_counts(session)
    again = _import_participants(session, path)
    assert (again.applicants, again.unchanged) == (0, 3)
    assert table_counts(session) == _and_the_import_recorded(before)


def test_eligibility_groups_by_code_and_polish_name(session, tmp_path):
    path = utf8_csv(tmp_path / "cis.csv", [
        ["first_name", "last_name", "pesel", "programme", "admission_date", "eligibility_group"],
        ["Łucja", "Żółkiewska", LUCJA, "CIS", "2026-03-02", "refugee; drugs,mental_illness"],
        ["Adam", "Nowak", ADAM, "KIS", "2026-03-02", "Osoba zwolniona z zakładu karnego, OSOBA NIEPELNOSPRAWNA"],
        ["Marek", "Zieliński", MAREK, "CIS", "2026-03-02", "long_term_unemployed, Długotrwale bezrobotny"],
    ])

    _import_participants(session, path)

    people = _people(session)
    assert people["Żółkiewska"].eligibility_groups == ["drugs", "mental_illness", "refugee"]
    assert people["Nowak"].eligibility_groups == ["former_prisoner", "disabled"]
    assert people["Zieliński"].eligibility_groups == ["long_term_unemployed"]


@pytest.mark.parametrize("cells, reason", [
    (["Ewa", "Wiśniewska", EWA, "", "CIS", "02.03.2026", "", "", "", "", "bezdomna, hazard", ""],
     "“hazard” is not an eligibility group; use homeless, alcohol, drugs, mental_illness, long_term_unemployed, "
     "former_prisoner, refugee or disabled or their Polish names."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "", "", "", "bezdomna", ""],
     "Eligibility groups are recorded for CIS and KIS participants only."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "02.03.2026", "", "", "", "", "", "ciężki"],
     "“ciężki” is not a degree of disability; use significant, moderate or light (znaczny, umiarkowany, lekki)."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "", "", "", "", "31.11.2026", "", ""],
     "“31.11.2026” is not a valid date (use DD/MM/YYYY or YYYY-MM-DD)."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "", "Ceramika", "", "", "02.11.2026", "", ""],
     "A workshop or an exit is given without an admission date: an applicant is placed once admitted."),
    (["Ewa", "Wiśniewska", EWA, "", "WTZ", "", "", "", "", "", "", ""], "The admission date is required."),
])
def test_bad_stay_values_refuse_the_file(session, tmp_path, cells, reason):
    path = polish_excel_csv(tmp_path / "u.csv", [
        STAY_HEADER, ["Adam", "Nowak", ADAM, "", "WTZ", "02.03.2026", "", "", "", "", "", ""], cells])
    before = table_counts(session)
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert [e.describe() for e in refused.value.errors] == [f"Line 3: {reason}"]
    assert table_counts(session) == before


def test_a_known_person_still_taking_part_or_waiting(session, tmp_path):
    _import_participants(session, polish_excel_csv(tmp_path / "a.csv", [
        STAY_HEADER,
        ["Adam", "Nowak", ADAM, "", "WTZ", "02.03.2026", "", "", "", "", "", ""],
        ["Marek", "Zieliński", MAREK, "", "WTZ", "", "", "", "", "05.10.2026", "", ""],
    ]))
    path = polish_excel_csv(tmp_path / "b.csv", [
        STAY_HEADER,
        ["Adam", "Nowak", ADAM, "", "WTZ", "", "", "", "", "01.11.2026", "", ""],
        ["Marek", "Zieliński", MAREK, "", "WTZ", "02.11.2026", "", "", "", "", "", ""],
    ])
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert [e.describe() for e in refused.value.errors] == [
        "Line 2: Adam Nowak has a stay that has not ended: record its exit before a new stay.",
        "Line 3: Marek Zieliński is on the waiting list; record the admission in Reintegra instead."]
