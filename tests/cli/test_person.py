"""`reintegra person export|anonymise` on the demo facility: files, exit codes, messages, and the
summaries of past years identical before and after anonymising."""

from __future__ import annotations

import io
import json
import os
import stat
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reintegra.cli import main
from reintegra.db.enums import AuditAction
from reintegra.db.engine import make_engine
from reintegra.db.models import AttendanceDay, AuditEntry, Base, Facility, Participant, ProgressNote

DEMO_TODAY = "2026-05-15"  # demo_data.TODAY


def _run(database_path, *args: str) -> int:
    return main(["--database", database_path, "--language", "en", *args])


@pytest.fixture
def db(database_path, demo):
    engine = make_engine(database_path)
    yield engine
    engine.dispose()


def _first_exited(db) -> Participant:
    with Session(db) as session:
        return session.scalars(select(Participant).where(Participant.exit_date.is_not(None))
                               .order_by(Participant.exit_date)).first()


def test_export_by_pesel_to_json_and_by_id_to_pdf(database_path, db, tmp_path, capsys):
    person = _first_exited(db)
    out = tmp_path / "dane.json"
    assert _run(database_path, "person", "export", person.pesel, "-o", str(out)) == 0
    assert capsys.readouterr().out == f"The personal data were written to {out}.\n"
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    with Session(db) as session:
        days = session.scalar(select(func.count()).select_from(AttendanceDay)
                              .where(AttendanceDay.participant_id == person.id))
        notes = session.scalar(select(func.count()).select_from(ProgressNote)
                               .where(ProgressNote.participant_id == person.id))
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert (data["person"]["pesel"], len(data["attendance"]), len(data["notes"])) == (person.pesel, days, notes)
    assert [(entry.participant_id, entry.changes["format"]) for entry in audited] == [(person.id, "json")]

    pdf = tmp_path / "dane.pdf"
    assert _run(database_path, "person", "export", str(person.id), "-o", str(pdf)) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"{person.first_name} {person.last_name}" in text and person.pesel in text


def test_an_unknown_person_or_file_kind_is_one_sentence(database_path, db, tmp_path, capsys):
    tmp_path = tmp_path / "wyniki"
    tmp_path.mkdir()
    assert _run(database_path, "person", "export", "99999", "-o", str(tmp_path / "x.json")) == 1
    assert capsys.readouterr().err == "No participant with the id or PESEL 99999.\n"
    assert _run(database_path, "person", "export", "1", "-o", str(tmp_path / "x.docx")) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "x.docx" in error
    assert list(tmp_path.iterdir()) == []


def _summaries(database_path, folder) -> list[dict]:
    result = []
    for year in (2024, 2025, 2026):
        out = folder / f"summary-{year}.json"
        assert _run(database_path, "report", "summary", "--from", f"{year}-01-01", "--to", f"{year}-12-31",
                    "-o", str(out)) == 0
        figures = json.loads(out.read_text(encoding="utf-8"))
        figures.pop("generated")
        result.append(figures)
    return result


def _due_people(db) -> list[Participant]:
    with Session(db) as session:
        return list(session.scalars(select(Participant).where(Participant.exit_date < date(2025, 5, 15))))


def _database_text(db) -> str:
    with Session(db) as session:
        return "\n".join(str(value) for table in Base.metadata.sorted_tables
                         for row in session.execute(select(table)) for value in row)


def test_anonymise_due_keeps_every_past_summary(database_path, db, tmp_path, capsys, monkeypatch):
    with Session(db) as session, session.begin():
        session.execute(update(Facility).values(retention_years=1))
    due = _due_people(db)
    assert len(due) >= 2
    before = _summaries(database_path, tmp_path)
    capsys.readouterr()

    assert _run(database_path, "person", "anonymise", "--due", "--today", DEMO_TODAY, "--dry-run") == 0
    listed = capsys.readouterr().out
    assert all(person.full_name in listed for person in due)
    assert f"{len(due)} people would be anonymised on 15/05/2026; nothing was changed (dry run)." in listed

    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal: only --yes confirms
    assert _run(database_path, "person", "anonymise", "--due", "--today", DEMO_TODAY) == 1
    assert capsys.readouterr().err.endswith(
        "Anonymisation cannot be undone: confirm it at a terminal, or add --yes.\n")
    assert all(person.pesel in _database_text(db) for person in due)

    assert _run(database_path, "person", "anonymise", "--due", "--today", DEMO_TODAY, "--yes") == 0
    assert capsys.readouterr().out.endswith(f"{len(due)} people were anonymised.\n")
    everything = _database_text(db)
    for person in due:
        assert person.pesel not in everything
        assert f"{person.first_name} {person.last_name}" not in everything
    assert _summaries(database_path, tmp_path) == before
    capsys.readouterr()
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == AuditAction.ANONYMISE)) == len(due)

    assert _run(database_path, "person", "anonymise", "--due", "--today", DEMO_TODAY, "--yes") == 0
    assert capsys.readouterr().out == "Nobody is due for anonymisation on 15/05/2026 (retention period: 1 year).\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code", "anonymised"), [("yes\n", 0, True), ("no\n", 1, False)])
def test_the_terminal_asks_before_anonymising(database_path, db, capsys, monkeypatch, answer, code, anonymised):
    with Session(db) as session, session.begin():
        session.execute(update(Facility).values(retention_years=1))
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    assert _run(database_path, "person", "anonymise", "--due", "--today", DEMO_TODAY) == code
    out = capsys.readouterr().out
    assert "Type “yes” to go on:" in out
    with Session(db) as session:
        count = session.scalar(select(func.count()).select_from(Participant)
                               .where(Participant.anonymised_at.is_not(None)))
    assert (count > 0) is anonymised
    if not anonymised:
        assert out.endswith("Nothing was anonymised.\n")


def test_a_bad_or_later_day_is_refused_in_one_sentence(database_path, db, capsys):
    with pytest.raises(SystemExit) as exited:
        _run(database_path, "person", "anonymise", "--due", "--today", "2026-02-30")
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: argument --today: “2026-02-30” is not a date in the form YYYY-MM-DD")
    assert _run(database_path, "person", "anonymise", "--due", "--today", "2099-01-01", "--yes") == 1
    assert capsys.readouterr().err == ("Nobody is anonymised before their retention period has passed: a later day "
                                       "(01/01/2099) can only be previewed.\n")
    assert _run(database_path, "person", "anonymise", "--due", "--today", "2099-01-01", "--dry-run") == 0
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Participant)
                              .where(Participant.anonymised_at.is_not(None))) == 0
