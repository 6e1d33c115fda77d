"""The annual reports' typed-in sections (services/annual_sections.py): kept per year and programme,
the WTZ forms and methods prefilled until saved, refusals that write nothing, every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annual_data import YEAR, make_facility
from reintegra.db.enums import AuditAction, Programme
from reintegra.db.models import AnnualReportSection, AuditEntry
from reintegra.services import annual_sections
from reintegra.services.annual_sections import NEVER_SAVED, MAX_SECTION_LENGTH, save_section, section_texts
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError
from staff_data import make_staff


def _rows(session) -> int:
    return session.scalar(select(func.count()).select_from(AnnualReportSection))


def test_every_programme_lists_its_sections():
    keys = {programme: [info.key for info in infos] for programme, infos in annual_sections.SECTIONS.items()}
    assert keys[Programme.WTZ] == ["forms_and_methods", "finances", "income", "other"]
    assert keys[Programme.CIS] == keys[Programme.KIS] == ["services", "staff", "finances", "other"]


def test_forms_and_methods_are_prefilled_until_saved(session):
    """The prefill: the workshop of 2025 (gastronomy), the plans' form "Trening kulinarny" and methods
    "Instruktaż", "Praca w grupie"; once saved (even emptied) the saved text is shown."""
    make_facility(session)
    texts = section_texts(session, YEAR, Programme.WTZ)
    assert list(texts) == ["forms_and_methods", "finances", "income", "other"]
    assert texts["forms_and_methods"] == (
        "Pracownie: Pracownia gastronomiczna.\n\n"
        "Formy i zakres zajęć (z indywidualnych programów):\n– Trening kulinarny\n\n"
        "Metody pracy (z indywidualnych programów):\n– Instruktaż\n– Praca w grupie")
    assert texts["finances"] == texts["income"] == texts["other"] == ""
    assert section_texts(session, 2024, Programme.WTZ)["forms_and_methods"].count("Stare formy") == 1

    save_section(session, YEAR, Programme.WTZ, "forms_and_methods", "")
    assert section_texts(session, YEAR, Programme.WTZ)["forms_and_methods"] == ""


def test_a_saved_text_is_kept_with_its_year_and_programme_and_audited(session):
    staff = make_staff(session)
    save_section(session, 2025, Programme.WTZ, "finances", "  Koszty: 120 000 zł (PFRON 90%). ",
                 actor=staff.director)
    save_section(session, 2025, Programme.CIS, "staff", "Kierownik: 1 etat", actor=staff.admin)
    session.commit()
    assert section_texts(session, 2025, Programme.WTZ, actor=staff.director)["finances"] == \
        "Koszty: 120 000 zł (PFRON 90%)."
    assert section_texts(session, 2024, Programme.WTZ)["finances"] == ""
    assert section_texts(session, 2025, Programme.KIS)["staff"] == ""
    assert section_texts(session, 2025, Programme.CIS)["staff"] == "Kierownik: 1 etat"

    shown = annual_sections.saved_sections(session, 2025, Programme.WTZ)["finances"]
    save_section(session, 2025, Programme.WTZ, "finances", "Koszty: 121 000 zł.", version=shown.version,
                 actor=staff.director)
    save_section(session, 2025, Programme.WTZ, "finances", "Koszty: 121 000 zł.", actor=staff.director)  # unchanged
    session.commit()
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "annual_report_section")
                              .order_by(AuditEntry.id)).all()
    assert [(entry.action, entry.username) for entry in entries] == [
        (AuditAction.CREATE, "kierownik"), (AuditAction.CREATE, "admin"), (AuditAction.UPDATE, "kierownik")]
    assert entries[2].changes["text"] == ["Koszty: 120 000 zł (PFRON 90%).", "Koszty: 121 000 zł."]


def test_an_instructor_is_refused(session):
    staff = make_staff(session)
    with pytest.raises(PermissionDenied):
        save_section(session, 2025, Programme.WTZ, "finances", "x", actor=staff.ola)
    with pytest.raises(PermissionDenied):
        section_texts(session, 2025, Programme.WTZ, actor=staff.ola)
    assert _rows(session) == 0


@pytest.mark.parametrize(("programme", "section", "text", "year", "message"), [
    (Programme.WTZ, "staff", "x", 2025, "Sprawozdanie roczne placówki typu WTZ nie ma części „staff”."),
    (Programme.ZAZ, "other", "x", 2025, "Dla placówki typu ZAZ nie sporządza się sprawozdania rocznego."),
    (Programme.WTZ, "other", "x" * (MAX_SECTION_LENGTH + 1), 2025,
     f"Część „Inne informacje” jest za długa: najwyżej {MAX_SECTION_LENGTH} znaków."),
    (Programme.WTZ, "other", "x", 1999, "Sprawozdanie roczne można sporządzić za rok od 2000"),
])
def test_bad_input_is_refused_with_one_sentence_and_nothing_written(session, programme, section, text, year,
                                                                    message):
    with pytest.raises(ValidationError) as refused:
        save_section(session, year, programme, section, text)
    assert refused.value.message.startswith(message)
    assert _rows(session) == 0


def test_a_section_saved_elsewhere_since_it_was_read_is_refused(session):
    read = annual_sections.saved_sections(session, 2025, Programme.WTZ)["income"]
    assert read.version == NEVER_SAVED
    save_section(session, 2025, Programme.WTZ, "income", "Sprzedaż: 3 000 zł", version=read.version)  # first
    with pytest.raises(ConflictError, match="Przychody ze sprzedaży produktów i usług"):
        save_section(session, 2025, Programme.WTZ, "income", "Sprzedaż: 2 000 zł", version=read.version)
    assert section_texts(session, 2025, Programme.WTZ)["income"] == "Sprzedaż: 3 000 zł"
