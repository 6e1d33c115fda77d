"""`reintegra import participants` says in Polish when it overfilled a workshop, and still imports."""

from __future__ import annotations

from datetime import date

from factories import make_pesel
from reintegra.cli import main
from spreadsheets import polish_excel_csv

HEADER = ["Imię", "Nazwisko", "PESEL", "Data urodzenia", "Program", "Data przyjęcia", "Pracownia",
          "Data zakończenia", "Przyczyna zakończenia"]


def test_twelve_people_in_a_new_six_place_workshop(capsys, database_path, tmp_path):
    people = polish_excel_csv(tmp_path / "uczestnicy.csv", [HEADER, *[
        ["Ewa", f"Nowak{'abcdefghijkl'[n]}", make_pesel(date(1980, 1, 1 + n), 300 + n, female=True), "", "WTZ",
         "02.03.2026", "Pracownia gastronomiczna", "", ""] for n in range(12)]])
    code = main(["--database", database_path, "--language", "pl", "import", "participants", str(people)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "Dodani uczestnicy: 12"  # imported all the same
    assert out.splitlines()[-1] == (
        "Ponad liczbę miejsc: Pracownia gastronomiczna ma 6 miejsc; przydzielonych w dniu 02.03.2026: 12.")
