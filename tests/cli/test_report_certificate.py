"""`reintegra report certificate`: issues the first certificate of a stay, prints the latest again on
the next run (no new number), issues another with --new; refusals in one sentence with nothing issued
or written; the disclosure in the audit log."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from certificate_data import make_cis
from reintegra.cli import main
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, Certificate


@pytest.fixture
def cis(session):
    made = make_cis(session)
    session.commit()
    return made


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def _count(session) -> int:
    session.rollback()  # a new snapshot: the command wrote through its own connection
    return session.scalar(select(func.count()).select_from(Certificate))


def test_issues_then_reprints_then_issues_another(database_path, cis, session, tmp_path, capsys):
    first = tmp_path / "first.pdf"
    assert _run(database_path, "report", "certificate", cis.lucja.pesel, "-o", str(first),
                "--date", "2026-04-02") == 0
    assert capsys.readouterr().out == f"Certificate 1/2026 was issued and written to {first}.\n"
    text = _text(first)
    assert "Certificate No. 1/2026" in text and "Łucja Źdźbło-Gęś" in text and "38.5" in text
    assert "Samodzielnie przygotowuje posiłek dla grupy" in text  # the skills prefilled

    again = tmp_path / "again.pdf"
    assert _run(database_path, "report", "certificate", str(cis.lucja.id), "-o", str(again)) == 0
    assert capsys.readouterr().out == f"Certificate 1/2026 was printed again to {again}.\n"
    assert "Certificate No. 1/2026" in _text(again) and _count(session) == 1

    other = tmp_path / "other.pdf"
    assert _run(database_path, "report", "certificate", str(cis.lucja.id), "-o", str(other), "--new",
                "--date", "2026-04-03") == 0
    assert "Certificate No. 2/2026" in _text(other) and _count(session) == 2
    session.rollback()
    exports = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert [(entry.participant_id, entry.changes["what"]) for entry in exports] == [(cis.lucja.id, "certificate")] * 3


def test_today_is_the_default_date(database_path, cis, session, tmp_path, capsys):
    out = tmp_path / "z.pdf"
    assert _run(database_path, "report", "certificate", str(cis.lucja.id), "-o", str(out)) == 0
    session.rollback()
    assert session.scalar(select(Certificate.issued_on)) == date.today()


@pytest.mark.parametrize("who, extra, words", [
    ("waldek", (), "CIS or KIS"),
    ("olek", (), "no exit recorded"),
    ("lucja", ("--date", "2026-03-01"), "on or after the last day of the participation"),
    ("lucja", ("-o", "z.xlsx"), "not as z.xlsx"),
])
def test_refusals_say_why_and_issue_nothing(database_path, cis, session, tmp_path, capsys, monkeypatch,
                                            who, extra, words):
    monkeypatch.chdir(tmp_path)
    code = _run(database_path, "report", "certificate", str(getattr(cis, who).id), "-o", "z.pdf", *extra)
    assert code == 1
    error = capsys.readouterr().err
    assert words in error and error.count("\n") == 1
    assert _count(session) == 0 and not list(tmp_path.glob("z.*"))


def test_a_date_with_a_reprint_is_refused(database_path, cis, session, tmp_path, capsys):
    out = tmp_path / "z.pdf"
    assert _run(database_path, "report", "certificate", str(cis.lucja.id), "-o", str(out)) == 0
    capsys.readouterr()
    again = tmp_path / "again.pdf"
    assert _run(database_path, "report", "certificate", str(cis.lucja.id), "-o", str(again),
                "--date", "2026-04-02") == 1
    assert "--new" in capsys.readouterr().err
    assert not again.exists() and _count(session) == 1
