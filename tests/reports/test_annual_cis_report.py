"""The CIS and KIS annual reports as a PDF to sign (``reports/annual_cis.py``, read back with pypdf) and as
XLSX (``reports/annual_cis_xlsx.py``, read back with openpyxl): every figure agrees with the hand count of
``cis_annual_data.make_facility`` (see its docstring), the typed-in sections are in, the Polish letters
too; saved through ``save_annual`` only by a director or an administrator, nothing written when refused."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cis_annual_data import AS_OF, CLEANING, KITCHEN, YEAR, make_facility
from pdf_fragments import fragments, line
from reintegra.db.enums import Programme, Role
from reintegra.reports.annual import annual_pdf, save_annual
from reintegra.reports.annual_cis import cis_annual_pdf
from reintegra.services import annual_sections, facility, users
from reintegra.services.errors import PermissionDenied
from reintegra.services.facility import FacilityFields

STAFF = "Kierownik – 1 etat; instruktorzy zawodu – 2 etaty; pracownik socjalny – ½ etatu."
FINANCES = "Dotacja gminy: 310 000 zł; przychody z usług: 42 500 zł."


@pytest.fixture
def cis(session):
    """make_facility's 2025, a facility with its director, and two typed-in sections of the CIS's."""
    kitchen = make_facility(session)
    facility.update_facility(session, FacilityFields(
        name="Centrum Integracji Społecznej „Źródło”", address="ul. Łąkowa 5", postal_code="39-300", city="Mielec",
        director_name="Zofia Wójcik", kind=Programme.CIS))
    annual_sections.save_section(session, YEAR, Programme.CIS, "staff", STAFF)
    annual_sections.save_section(session, YEAR, Programme.CIS, "finances", FINANCES)
    session.commit()
    return kitchen


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _row(pages, first: str) -> list[str]:
    """The texts on the line that starts with ``first`` (a table row), left to right."""
    for found in pages:
        for fragment in found:
            if fragment.text == first:
                return [piece.text for piece in line(found, fragment.y)]
    raise AssertionError(f"no line starts with {first!r}")


def test_the_cis_pdf_shows_every_figure_of_the_hand_count(session, cis):
    data = cis_annual_pdf(session, YEAR, Programme.CIS, as_of=AS_OF)
    pages = fragments(data)
    text = _text(data)
    assert "Sprawozdanie z działalności Centrum Integracji Społecznej za rok 2025" in text
    assert "art. 5 ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym" in text
    assert "Centrum Integracji Społecznej „Źródło”" in text and "ul. Łąkowa 5, 39-300 Mielec" in text
    assert _row(pages, "Uczestnicy w roku") == ["Uczestnicy w roku", "4"]
    assert _row(pages, "w tym przyjęci w roku")[-1] == "3"
    assert _row(pages, "w tym zakończyli udział w roku")[-1] == "4"
    assert _row(pages, "Osoba uzależniona od alkoholu")[-1] == "2"
    assert _row(pages, "Osoba długotrwale bezrobotna")[-1] == "1"
    assert _row(pages, "Uchodźca")[-1] == "0"
    assert _row(pages, "Nie wpisano grupy")[-1] == "1"
    assert _row(pages, "marzec") == ["marzec", "3", "4", "75,0%"]
    assert _row(pages, "czerwiec") == ["czerwiec", "1", "3", "33,3%"]
    assert _row(pages, "Działalność gospodarcza")[-1] == "1"
    assert _row(pages, "Spółdzielnia socjalna")[-1] == "1"
    assert "Rezygnacja" in text
    assert _row(pages, "Świadczenia integracyjne")[-1] == "4 850,00 zł"
    assert _row(pages, "Premie motywacyjne")[-1] == "350,00 zł"
    assert f"{KITCHEN}: 3" in text and f"{CLEANING}: 1" in text  # the services section, prefilled
    assert STAFF in text and FINANCES in text
    assert "Zatrudnieni po zakończeniu udziału" not in text  # a KIS's figure
    assert "Zofia Wójcik" in text and "kierownik (podpis i pieczątka)" in text and "miejscowość i data" in text
    headings = ["1. Uczestnicy i grupy", "2. Obecność", "3. Uczestnicy, którzy zakończyli udział",
                "4. Uczestnicy, którzy usamodzielnili się", "5. Świadczone usługi reintegracyjne", "6. Wypłacone świadczenia",
                "7. Kadra", "8. Finanse", "9. Inne informacje", "miejscowość i data"]
    places = [text.index(heading) for heading in headings]
    assert places == sorted(places)


def test_the_kis_pdf_has_its_own_title_and_the_employed_after_leaving(session, cis):
    text = _text(cis_annual_pdf(session, YEAR, Programme.KIS, as_of=AS_OF))
    assert "Sprawozdanie z działalności Klubu Integracji Społecznej za rok 2025" in text
    assert "art. 18a ustawy" in text
    assert "Zatrudnieni po zakończeniu udziału 1" in text
    assert "Wypłacone świadczenia" not in text
    assert STAFF not in text  # the CIS's section, not the KIS's


def test_the_xlsx_holds_the_figures_as_numbers(session, cis, tmp_path):
    path = save_annual(session, YEAR, tmp_path / "cis-2025.xlsx", programme=Programme.CIS, as_of=AS_OF)
    sheet = load_workbook(path).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0] is not None}
    assert rows["Sprawozdanie z działalności Centrum Integracji Społecznej za rok 2025"]
    assert rows["Uczestnicy w roku"][0] == 4
    assert rows["Osoba uzależniona od alkoholu"][0] == 2
    assert rows["marzec"][:3] == (3, 4, 75.0)
    assert rows["Działalność gospodarcza"][0] == 1
    assert rows[KITCHEN][0] == 3 and rows[CLEANING][0] == 1
    assert rows["Społeczna"][0] == 2
    assert rows["Świadczenia integracyjne"][0] == 4850.0
    assert rows["Premie motywacyjne"][0] == 350.0
    assert STAFF in rows


def test_the_json_through_save_annual(session, cis, tmp_path):
    path = save_annual(session, YEAR, tmp_path / "kis.json", programme=Programme.KIS, as_of=AS_OF)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["programme"], data["participants"], data["employed_after_leaving"]) == ("KIS", 2, 1)
    # the facility's own programme (a CIS) when none is asked for
    path = save_annual(session, YEAR, tmp_path / "cis.json", as_of=AS_OF)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["programme"], data["benefits_paid"], data["staff"]) == ("CIS", 4850.0, STAFF)


def test_an_instructor_is_refused_and_nothing_written(session, cis, tmp_path):
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Ola Żak", workshop_ids=[cis.id])
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.pdf", "a.xlsx", "a.json"):
        with pytest.raises(PermissionDenied):
            save_annual(session, YEAR, out / name, programme=Programme.CIS, as_of=AS_OF, actor=ola)
    assert list(out.iterdir()) == []


def test_the_preview_pdf_of_the_reports_page(session, cis):
    text = _text(annual_pdf(session, YEAR, as_of=AS_OF))  # the facility is a CIS
    assert "Sprawozdanie z działalności Centrum Integracji Społecznej za rok 2025" in text
    text = _text(annual_pdf(session, YEAR, programme=Programme.KIS, as_of=AS_OF))
    assert "Klubu Integracji Społecznej" in text
