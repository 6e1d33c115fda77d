"""The WTZ annual report as a PDF to sign (``reports/annual_wtz_pdf.py``, read back with pypdf) and as
XLSX (``reports/annual_wtz_xlsx.py``, read back with openpyxl): every figure agrees with the hand count
of ``annual_data.make_facility`` (see its docstring), the typed-in sections are in, the Polish letters
too; saved through ``save_annual`` only by a director or an administrator, nothing written when refused."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from annual_data import AS_OF, YEAR, make_facility
from pdf_fragments import fragments, line
from reintegra.db.enums import Programme, Role
from reintegra.reports.annual import save_annual
from reintegra.reports.annual_wtz_pdf import wtz_annual_pdf
from reintegra.services import annual_sections, facility, users
from reintegra.services.errors import PermissionDenied, ReintegraError
from reintegra.services.facility import FacilityFields

FINANCES = "Koszty: 412 000 zł, w tym PFRON 90%, powiat 10%."
INCOME = "Sprzedaż wyrobów: 3 150 zł – przeznaczono na wycieczkę integracyjną."


@pytest.fixture
def annual(session):
    """make_facility's 2025, a facility with its director, and two typed-in sections."""
    gastronomy = make_facility(session)
    facility.update_facility(session, FacilityFields(
        name="Warsztat Terapii Zajęciowej „Źródło”", address="ul. Łąkowa 5", postal_code="39-300", city="Mielec",
        director_name="Zofia Wójcik"))
    annual_sections.save_section(session, YEAR, Programme.WTZ, "finances", FINANCES)
    annual_sections.save_section(session, YEAR, Programme.WTZ, "income", INCOME)
    session.commit()
    return gastronomy


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _row(pages, first: str) -> list[str]:
    """The texts on the line that starts with ``first`` (a table row), left to right."""
    for found in pages:
        for fragment in found:
            if fragment.text == first:
                return [piece.text for piece in line(found, fragment.y)]
    raise AssertionError(f"no line starts with {first!r}")


def test_the_pdf_shows_every_figure_of_the_hand_count(session, annual):
    data = wtz_annual_pdf(session, YEAR, as_of=AS_OF)
    pages = fragments(data)
    text = _text(data)
    assert "Sprawozdanie z działalności warsztatu terapii zajęciowej za rok 2025" in text
    assert "§ 21 rozporządzenia" in text
    assert "Warsztat Terapii Zajęciowej „Źródło”" in text and "ul. Łąkowa 5, 39-300 Mielec" in text
    assert "Okres sprawozdawczy: 01.01.2025 – 31.12.2025" in text
    # 1. participants: 4 (Anna, Bartek, Celina, Filip), admitted 2, left 2
    assert _row(pages, "Uczestnicy w roku") == ["Uczestnicy w roku", "4"]
    assert _row(pages, "w tym przyjęci w roku") == ["w tym przyjęci w roku", "2"]
    assert _row(pages, "w tym ci, którzy opuścili warsztat w roku")[-1] == "2"
    assert _row(pages, "Znaczny") == ["Znaczny", "1"]
    assert _row(pages, "Umiarkowany") == ["Umiarkowany", "2"]
    assert _row(pages, "Lekki") == ["Lekki", "0"]
    assert _row(pages, "Stopień nieodnotowany") == ["Stopień nieodnotowany", "1"]
    assert _row(pages, "01-U") == ["01-U", "upośledzenie umysłowe", "2"]
    assert _row(pages, "02-P") == ["02-P", "choroby psychiczne", "2"]
    assert "liczony przy każdym z nich" in text
    # 2. attendance: March 4 of 6 = 66.7%, October 3 of 3, the year 7 of 9 = 77.8%
    assert _row(pages, "marzec") == ["marzec", "4", "6", "66,7%"]
    assert _row(pages, "październik") == ["październik", "3", "3", "100,0%"]
    assert _row(pages, "styczeń") == ["styczeń", "0", "0", "—"]
    assert _row(pages, "Rok 2025") == ["Rok 2025", "7", "9", "77,8%"]
    assert "Frekwencja = dni obecności ÷ dni robocze z wpisem" in text
    # 3. forms and methods: prefilled, never saved
    assert "Pracownie: Pracownia gastronomiczna." in text
    assert "– Instruktaż – Praca w grupie" in text
    # 4. leavers: employment 1, dropped out 1
    assert _row(pages, "Zatrudnienie") == ["Zatrudnienie", "1"]
    assert _row(pages, "Rezygnacja") == ["Rezygnacja", "1"]
    assert "Zgon" not in text
    # 5. progressed: self-reliance Anna, social Celina, vocational nobody; the definition as a footnote
    assert _row(pages, "Samodzielność") == ["Samodzielność", "1"]
    assert _row(pages, "Rehabilitacja społeczna") == ["Rehabilitacja społeczna", "1"]
    assert _row(pages, "Rehabilitacja zawodowa") == ["Rehabilitacja zawodowa", "0"]
    assert "¹ Uczestnik osiągnął postęp" in text
    # 6. the council's decision of 2025-06-16 (not 2024's)
    assert _row(pages, "16.06.2025") == ["16.06.2025", "Anna Kowalska", "Kontynuacja w pracowni"]
    assert "Stara decyzja" not in text
    # the typed-in sections, an empty one, the signature
    assert FINANCES in text and INCOME in text
    assert "9. Inne informacje Nie wypełniono." in text
    assert "miejscowość i data" in text and "Zofia Wójcik podpis i pieczątka kierownika warsztatu" in text
    assert "Rok jeszcze trwa" not in text  # 2025 is over on AS_OF


def test_a_year_not_over_says_up_to_when_attendance_is_counted(session, annual):
    text = _text(wtz_annual_pdf(session, 2026, as_of=AS_OF))
    assert "Rok jeszcze trwa: obecności policzono do 10.06.2026." in text
    assert "W roku rada programowa nie podjęła decyzji." in text


def test_the_xlsx_holds_the_same_figures_as_numbers(session, annual, tmp_path):
    path = save_annual(session, YEAR, tmp_path / "sprawozdanie.xlsx", as_of=AS_OF)
    sheet = load_workbook(path).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0] is not None}
    assert rows["Sprawozdanie z działalności warsztatu terapii zajęciowej za rok 2025"]
    assert rows["Uczestnicy w roku"][0] == 4
    assert rows["w tym przyjęci w roku"][0] == 2
    assert (rows["Znaczny"][0], rows["Umiarkowany"][0], rows["Lekki"][0], rows["Stopień nieodnotowany"][0]) == (
        1, 2, 0, 1)
    assert rows["01-U"][:2] == ("upośledzenie umysłowe", 2)
    assert rows["marzec"][:3] == (4, 6, 66.7)
    assert rows["październik"][:3] == (3, 3, 100.0)
    assert rows["styczeń"][:3] == (0, 0, None)
    assert rows["Rok 2025"][:3] == (7, 9, 77.8)
    assert (rows["Zatrudnienie"][0], rows["Rezygnacja"][0], rows["Zgon"][0]) == (1, 1, 0)
    assert (rows["Samodzielność"][0], rows["Rehabilitacja społeczna"][0], rows["Rehabilitacja zawodowa"][0]) == (
        1, 1, 0)
    assert rows[FINANCES] == (None, None, None)
    assert INCOME in rows
    decision = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Anna Kowalska")
    assert (decision[0].date().isoformat(), decision[2]) == ("2025-06-16", "Kontynuacja w pracowni")
    assert all(isinstance(value, int) for value in rows["Uczestnicy w roku"][:1])


def test_the_json_has_the_typed_in_sections(session, annual, tmp_path):
    data = json.loads(save_annual(session, YEAR, tmp_path / "a.json", as_of=AS_OF).read_text(encoding="utf-8"))
    assert data["sections"]["finances"] == FINANCES
    assert data["sections"]["other"] == ""
    assert data["sections"]["forms_and_methods"].startswith("Pracownie: Pracownia gastronomiczna.")
    assert data["participants"] == 4


def test_an_instructor_is_refused_and_nothing_is_written(session, annual, tmp_path):
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Ola Żak", workshop_ids=[annual.id])
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.pdf", "a.xlsx", "a.json"):
        with pytest.raises(PermissionDenied):
            save_annual(session, YEAR, out / name, as_of=AS_OF, actor=ola)
    assert list(out.iterdir()) == []


def test_a_zaz_report_is_refused(session, annual, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ReintegraError, match="ZAZ"):
        save_annual(session, YEAR, out / "a.pdf", programme=Programme.ZAZ, as_of=AS_OF)
    assert list(out.iterdir()) == []
