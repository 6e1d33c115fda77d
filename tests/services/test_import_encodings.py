"""Import files in every encoding facilities have: detected, not assumed (UTF-8 with or without a BOM,
UTF-16, Windows-1250 and ISO-8859-2 told apart by the Polish letters), the user asked when it cannot be
told; control characters refused with their line, nothing written."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from factories import make_pesel, workshop
from reintegra import i18n
from reintegra.db.models import Participant
from reintegra.services import import_files, importing
from reintegra.services.errors import ReintegraError
from reintegra.services.import_files import Column, detect_encoding, read_rows
from reintegra.services.importing import ImportRefused
from spreadsheets import table_counts

TODAY = date(2026, 11, 23)
HEADER = ["Imię", "Nazwisko", "PESEL", "Program", "Data przyjęcia", "Pracownia"]
# Every Polish letter, the ones the two one-byte encodings write differently (ą ś ź Ą Ś Ź) among them.
PEOPLE = [
    ["Źdźbło", "Gęślą", make_pesel(date(1980, 1, 2), 11), "WTZ", "02.03.2026", "Ceramika"],
    ["Ślęzak", "Żółć", make_pesel(date(1981, 2, 3), 12), "WTZ", "02.03.2026", "Ceramika"],
    ["Ąbrzy", "Ńćóżź", make_pesel(date(1982, 3, 4), 13), "WTZ", "02.03.2026", "Ceramika"],
]
NAMES = [(first, last) for first, last, *_rest in PEOPLE]


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")


def _csv(path, rows, encoding: str, delimiter: str = ";"):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _names(session) -> list[tuple[str, str]]:
    return [(p.first_name, p.last_name) for p in session.scalars(select(Participant).order_by(Participant.id))]


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("cp1250", "cp1250"),
    ("iso-8859-2", "iso-8859-2"),
])
def test_polish_names_come_back_from_every_encoding(session, tmp_path, encoding, detected):
    path = _csv(tmp_path / f"uczestnicy-{encoding}.csv", [HEADER, *PEOPLE], encoding)

    assert detect_encoding(path).encoding == detected
    report = importing.import_participants(session, path, today=TODAY)
    session.commit()

    assert report.added == 3
    assert report.format.encoding == detected and report.format.encoding_certain
    assert _names(session) == NAMES


def test_zdzblo_from_an_iso_8859_2_file_is_not_read_as_windows_1250(tmp_path):
    """Issue 17: "Źdźbło" was stored as "¬dĽbło" — its Ź and ź are ¬ and Ľ in Windows-1250."""
    path = _csv(tmp_path / "stary.csv", [["Imię", "Nazwisko"], ["Źdźbło", "Kowal"]], "iso-8859-2")
    [row] = read_rows(path, (Column("first_name", "first_name", "imię"), Column("last_name", "last_name",
                                                                                "nazwisko")))
    assert row.values == {"first_name": "Źdźbło", "last_name": "Kowal"}


def test_a_file_either_encoding_reads_alike_is_asked_about(session, tmp_path):
    """0xB9 is ą in Windows-1250 (š in ISO-8859-2) and 0xAC is Ź in ISO-8859-2 (¬ in Windows-1250): one
    Polish letter each way, so the file is not read until the user names its encoding."""
    path = tmp_path / "niejasny.csv"
    path.write_bytes(f"Imie;Nazwisko;PESEL;Data przyjecia\r\nB\xb9k;\xacrebiec;{PEOPLE[0][2]};02.03.2026\r\n"
                     .encode("latin-1"))
    detected = detect_encoding(path)
    assert (detected.encoding, detected.certain, detected.alternatives) == ("cp1250", False, ("iso-8859-2",))
    before = table_counts(session)

    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)

    assert str(refused.value) == (
        "The encoding of niejasny.csv cannot be told for sure (Windows-1250 or ISO-8859-2): check which one shows "
        "the Polish letters right and name it (on the command line: --encoding cp1250 | iso-8859-2).")
    assert table_counts(session) == before

    importing.import_participants(session, path, today=TODAY, encoding="ISO-8859-2")
    assert _names(session) == [("Bšk", "Źrebiec")]


def test_an_encoding_reintegra_does_not_read_is_one_sentence(session, tmp_path):
    path = _csv(tmp_path / "u.csv", [HEADER, *PEOPLE], "utf-8")
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY, encoding="klingon")
    assert str(refused.value) == ("“klingon” is not an encoding Reintegra reads; use utf-8, utf-8-sig, utf-16, "
                                  "cp1250, iso-8859-2.")


def test_a_file_not_in_the_chosen_encoding_names_the_line(session, tmp_path):
    header = ["Imie", "Nazwisko", "PESEL", "Program", "Data przyjecia", "Pracownia"]  # headers without diacritics
    path = _csv(tmp_path / "u.csv", [header, *PEOPLE], "cp1250")
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY, encoding="utf-8")
    assert str(refused.value).startswith("Line 2 of the file cannot be read as UTF-8;")


@pytest.mark.parametrize("char, code", [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F")])
def test_control_characters_are_refused_with_their_line_and_nothing_is_written(session, tmp_path, char, code):
    people = [list(row) for row in PEOPLE]
    people[2][1] = f"Ńć{char}óżź"
    path = _csv(tmp_path / "u.csv", [HEADER, *people], "utf-8")
    before = table_counts(session)

    for only_valid in (False, True):
        with pytest.raises(ImportRefused) as refused:
            importing.import_participants(session, path, today=TODAY, only_valid=only_valid)
        assert str(refused.value) == (
            f"Line 4 contains a control character ({code}) that cannot be imported; the file may be damaged or "
            "saved in another format: remove it or save the sheet again as CSV or XLSX.")
        assert table_counts(session) == before


def test_tabs_and_line_breaks_in_cells_are_not_control_characters(session, tmp_path):
    people = [list(row) for row in PEOPLE]
    people[0][5] = "Ceramika\r\nartystyczna"  # a line break typed in a cell (Alt+Enter)
    path = _csv(tmp_path / "u.csv", [HEADER, *people], "utf-8", delimiter="\t")
    report = importing.import_participants(session, path, today=TODAY)
    assert report.added == 3 and report.format.delimiter == "\t"


def test_a_utf16_file_without_its_mark_is_refused_for_its_nul_bytes(session, tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("Imię;Nazwisko\r\nŹdźbło;Gęślą\r\n".encode("utf-16-le"))
    with pytest.raises(ImportRefused) as refused:
        importing.import_participants(session, path, today=TODAY)
    assert str(refused.value).startswith("Line 1 contains a control character (U+0000)")


def test_the_encoding_by_any_of_its_names():
    assert [import_files.encoding_named(name) for name in ("Windows-1250", "latin2", "UTF8", "ISO-8859-2")] == [
        "cp1250", "iso-8859-2", "utf-8", "iso-8859-2"]
    with pytest.raises(ReintegraError):
        import_files.encoding_named("ebcdic-pl")


def test_read_rows_keeps_its_callers(tmp_path):
    """``read_rows(path, columns, one_of=)`` as other importers (benefit rules …) call it: a list of rows."""
    path = _csv(tmp_path / "u.csv", [HEADER, *PEOPLE], "cp1250")
    rows = read_rows(path, importing.PARTICIPANT_COLUMNS, one_of=importing.PARTICIPANT_DATES)
    assert [row.line for row in rows] == [2, 3, 4]
    assert rows[0].get("first_name") == "Źdźbło" and rows[0].get("workshop") == "Ceramika"


def test_the_workshop_column_in_polish_is_found_whatever_the_encoding(session, tmp_path):
    workshop(session, "Ceramika")
    path = _csv(tmp_path / "u.csv", [HEADER, *PEOPLE], "iso-8859-2")
    with import_files.open_rows(path, importing.PARTICIPANT_COLUMNS, one_of=importing.PARTICIPANT_DATES) as source:
        assert source.headers()["admission_date"] == "Data przyjęcia"
        assert source.format.encoding_shown() == "ISO-8859-2"
        assert [row.get("last_name") for row in source] == ["Gęślą", "Żółć", "Ńćóżź"]
