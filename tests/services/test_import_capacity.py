"""An import that overfills a workshop says so in its summary: a warning, not a refusal."""

from __future__ import annotations

from datetime import date

from factories import make_pesel, workshop
from reintegra.services import importing, placements
from spreadsheets import utf8_csv

TODAY = date(2026, 11, 23)
HEADER = ["Imię", "Nazwisko", "PESEL", "Data urodzenia", "Program", "Data przyjęcia", "Pracownia",
          "Data zakończenia", "Przyczyna zakończenia"]


def _row(serial: int, admission: str, room: str, exit_on: str = "", reason: str = "") -> list[str]:
    return ["Ewa", f"Nowak{'abcdefghij'[serial]}", make_pesel(date(1980, 1, 1 + serial), 200 + serial, female=True),
            "", "WTZ", admission, room, exit_on, reason]


def test_an_overfilled_workshop_is_named_once_on_its_fullest_day(session, tmp_path):
    small = workshop(session, "Pracownia ceramiczna", capacity=2)
    workshop(session, "Pracownia stolarska", capacity=6)
    session.commit()
    path = utf8_csv(tmp_path / "people.csv", [
        HEADER,
        _row(0, "02.03.2026", "Pracownia ceramiczna"),
        _row(1, "02.03.2026", "Pracownia ceramiczna"),
        _row(2, "02.03.2026", "Pracownia ceramiczna"),
        _row(3, "09.03.2026", "Pracownia ceramiczna"),
        _row(4, "02.03.2026", "Pracownia stolarska"),
        _row(5, "02.03.2026", "Ogród", "", ""),  # created with 6 places: one person is not too many
    ])
    report = importing.import_participants(session, path, today=TODAY)
    session.commit()
    assert report.added == 6  # written all the same
    assert len(placements.placed_participants(session, small.id, date(2026, 3, 9))) == 4
    line = "Ponad liczbę miejsc: Pracownia ceramiczna ma 2 miejsca; przydzielonych w dniu 09.03.2026: 4."
    assert report.over_capacity == [line]
    assert report.summary_lines()[-1] == line
    assert "Pracownia Pracownia" not in line


def test_an_import_within_capacity_says_nothing_of_it(session, tmp_path):
    workshop(session, "Pracownia ceramiczna", capacity=2)
    session.commit()
    path = utf8_csv(tmp_path / "people.csv", [
        HEADER, _row(0, "02.03.2026", "Pracownia ceramiczna"), _row(1, "02.03.2026", "Pracownia ceramiczna")])
    report = importing.import_participants(session, path, today=TODAY)
    assert report.over_capacity == []
    assert not any("Ponad" in line for line in report.summary_lines())


def test_one_place_and_five_places_in_polish(session, tmp_path):
    workshop(session, "Pracownia ceramiczna", capacity=1)
    workshop(session, "Pracownia krawiecka", capacity=5)
    session.commit()
    path = utf8_csv(tmp_path / "people.csv", [
        HEADER, *[_row(n, "02.03.2026", "Pracownia ceramiczna") for n in range(2)],
        *[_row(n, "02.03.2026", "Pracownia krawiecka") for n in range(2, 8)]])
    report = importing.import_participants(session, path, today=TODAY)
    assert report.over_capacity == [
        "Ponad liczbę miejsc: Pracownia ceramiczna ma 1 miejsce; przydzielonych w dniu 02.03.2026: 2.",
        "Ponad liczbę miejsc: Pracownia krawiecka ma 5 miejsc; przydzielonych w dniu 02.03.2026: 6.",
    ]
