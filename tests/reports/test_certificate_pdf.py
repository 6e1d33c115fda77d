"""The completion certificate and the register read back with pypdf: the number, the holder with
Polish letters, the PESEL, the period, the workshops with the hours counted by hand
(tests/certificate_data.py), the skills, the place and the director; only a director prints them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from certificate_data import TODAY, make_cis
from reintegra.reports import outputs
from reintegra.reports.certificate import certificate_report, register_report
from reintegra.services import certificates
from reintegra.services.certificates import CertificateFields
from reintegra.services.errors import PermissionDenied


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def issued(session):
    cis = make_cis(session)
    certificate = certificates.issue_certificate(
        session, cis.lucja.id, CertificateFields("Gotuje obiady dla dwudziestu osób; szyje zasłony."),
        issued_on=date(2026, 4, 2), actor=cis.director, today=TODAY)
    session.flush()
    return cis, certificate


def test_the_certificate_says_who_when_where_and_how_many_hours(session, issued):
    cis, certificate = issued
    text = _text(certificate_report(session, certificate.id, actor=cis.director))
    assert "Zaświadczenie nr 1/2026" in text
    assert "Łucja Źdźbło-Gęś" in text and cis.lucja.pesel in text
    assert "05.01.2026" in text and "31.03.2026" in text
    assert "Pracownia gastronomiczna" in text and "28,5" in text
    assert "Pracownia krawiecka" in text and "38,5" in text
    assert "Gotuje obiady dla dwudziestu osób; szyje zasłony." in text
    assert "Łomża, 02.04.2026" in text and "Zofia Wójcik" in text
    # The facility's name already says it is a social integration centre: not said twice.
    assert "Centrum Integracji Społecznej w Łomży" in text
    assert "Centrum Integracji Społecznej Centrum" not in text


def test_without_a_pesel_the_birth_date_is_printed(session, issued):
    cis, certificate = issued
    certificate.content = {**certificate.content, "pesel": None, "birth_date": "1990-05-17"}
    session.flush()
    text = _text(certificate_report(session, certificate.id))
    assert "17.05.1990" in text and "PESEL" not in text


def test_the_register_lists_number_date_holder_and_period(session, issued):
    cis, _certificate = issued
    text = _text(register_report(session, 2026, actor=cis.director))
    assert "1/2026" in text and "02.04.2026" in text and "Łucja Źdźbło-Gęś" in text
    assert "05.01.2026 – 31.03.2026" in text
    assert "1/2026" not in _text(register_report(session, 2025))


def test_an_instructor_prints_neither(session, issued, tmp_path):
    cis, certificate = issued
    with pytest.raises(PermissionDenied):
        outputs.save_certificate(session, certificate.id, tmp_path / "z.pdf", actor=cis.instructor)
    with pytest.raises(PermissionDenied):
        outputs.save_certificate_register(session, 2026, tmp_path / "r.pdf", actor=cis.instructor)
    assert not (tmp_path / "z.pdf").exists() and not (tmp_path / "r.pdf").exists()


def test_saved_to_a_file(session, issued, tmp_path):
    cis, certificate = issued
    written = outputs.save_certificate(session, certificate.id, tmp_path / "z.pdf", actor=cis.director)
    assert "1/2026" in _text(written.read_bytes())


@pytest.mark.parametrize("sex, words", [("female", "PESEL {pesel}, uczestniczyła w zajęciach"),
                                        ("male", "PESEL {pesel}, uczestniczył w zajęciach"),
                                        (None, "PESEL {pesel}, uczestniczył(a) w zajęciach")])
def test_the_sentence_is_in_the_holders_grammatical_gender(session, sex, words):
    from reintegra.db.enums import Sex

    cis = make_cis(session)
    cis.lucja.sex = Sex(sex) if sex else None
    session.flush()
    certificate = certificates.issue_certificate(session, cis.lucja.id, CertificateFields("Szyje."),
                                                 issued_on=date(2026, 4, 2), actor=cis.director, today=TODAY)
    text = _text(certificate_report(session, certificate.id, actor=cis.director))
    assert words.format(pesel=cis.lucja.pesel) in text
