"""The stored filled databases of every released schema revision, and the script that makes them.

Run once per released revision (``make stored-database``): it writes
``tests/db/stored/<revision>-wtz.db`` and ``<revision>-cis.db``, small seeded demo facilities at
the head revision, which ``tests/db/test_upgrades.py`` then upgrades through every later migration.
A released revision's databases are never made again: the script refuses to replace them.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
from contextlib import closing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import AttendanceStatus, Programme
from reintegra.db.models import Base, BenefitRule
from reintegra.demo import generate_demo

STORED_DIR = Path(__file__).resolve().parent / "db" / "stored"
# Fixed, so that the same revision gives the same rows (bar password salts and creation times).
SEED = 20261204
TODAY = date(2026, 12, 4)
# Small enough to keep in git (1–2 MB each, a few hundred kB compressed), big enough to fill
# every table: a WTZ stays for years, a CIS fills the eligibility groups and the benefit columns.
FACILITIES = {
    "wtz": dict(programme=Programme.WTZ, participants=35, years=3),
    "cis": dict(programme=Programme.CIS, participants=35, years=2),
}


def stored_path(revision: str, facility: str) -> Path:
    return STORED_DIR / f"{revision}-{facility}.db"


def stored_databases() -> list[Path]:
    """Oldest revision first; the last one is of the newest revision."""
    return sorted(STORED_DIR.glob("*.db"))


def revision_of(path: Path) -> str:
    return path.stem.split("-", 1)[0]


def copy_stored(path: Path, folder: Path) -> Path:
    """A working copy: the stored file itself is never opened for writing."""
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def load_into_server(path: Path, url: str) -> None:
    """Replaces the server's schema with the stored database's revision and copies its rows in."""
    from sqlalchemy import MetaData, text

    from reintegra.services.backup import _copy_reflected, _reset_sequences

    server, source = make_engine(url), make_engine(path)
    try:
        with server.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        schema.upgrade(server, revision_of(path))
        with source.connect() as reading, server.begin() as writing:
            _copy_reflected(reading, writing)  # table by table, as a backup of a server is made
            tables = MetaData()
            tables.reflect(writing)
            _reset_sequences(writing, [table for table in tables.sorted_tables if table.name != "alembic_version"])
    finally:
        source.dispose()
        server.dispose()


def make_stored_database(path: Path, **demo) -> None:
    engine = make_engine(path)
    try:
        schema.upgrade(engine)
        with Session(engine) as session, session.begin():
            generate_demo(session, seed=SEED, today=TODAY, **demo)
            if demo["programme"] is Programme.CIS:
                session.add_all(_benefit_rules())
            if "sign_in_attempts" in Base.metadata.tables:
                session.add(_mistyped_sign_in())
            if "persons" in Base.metadata.tables:
                _readmit_someone(session)
            if demo["programme"] is Programme.CIS and "trial_end_date" in Base.metadata.tables["participants"].c:
                _run_the_cis_clock(session)
            if "certificates" in Base.metadata.tables:
                _pay_and_certify(session, demo["programme"])
    finally:
        engine.dispose()
    # One self-contained, compact file: no -wal beside it, no free pages.
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("VACUUM")


def _benefit_rules() -> list[BenefitRule]:
    # The demo leaves the CIS rule sets empty; examples so that the table has rows too, in the
    # shape of the revision being stored (one row per status before 0005, one per date after it).
    if "status" in BenefitRule.__table__.c:
        return [
            BenefitRule(valid_from=date(2022, 1, 1), status=AttendanceStatus.UNEXCUSED,
                        deduction_percent_per_day=Decimal("3.333"), description="Nieobecność nieusprawiedliwiona"),
            BenefitRule(valid_from=date(2022, 1, 1), status=AttendanceStatus.SICK,
                        deduction_percent_per_day=Decimal("1.667"), free_days_per_month=2,
                        description="Zwolnienie lekarskie ponad dwa dni w miesiącu"),
        ]
    return [
        BenefitRule(valid_from=date(2025, 6, 1), amount=Decimal("1123.20"), unexcused_day_deduction=Decimal("0.05"),
                    unexcused_days_forfeit=10, sick_day_deduction=Decimal("0.025"), sick_days_limit=21,
                    sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6,
                    description="Świadczenie od czerwca 2025"),
        BenefitRule(valid_from=date(2026, 6, 1), amount=Decimal("1161.60"), unexcused_day_deduction=Decimal("0.05"),
                    sick_day_deduction=Decimal("0.025"), sick_days_limit=21,
                    sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6,
                    description="Świadczenie od czerwca 2026"),
    ]


def _readmit_someone(session: Session) -> None:
    # The demo gives each person one stay; the first person who left for a job comes back a month
    # later, in a workshop, so that a person with two stays is upgraded by every later migration.
    from dataclasses import replace

    from sqlalchemy import select

    from reintegra.db.enums import ExitReason
    from reintegra.db.models import Participant, Workshop
    from reintegra.services import participants, placements
    from reintegra.services.dates import add_months

    left = session.scalars(select(Participant).where(
        Participant.exit_reason == ExitReason.EMPLOYMENT, Participant.exit_date < add_months(TODAY, -2))
        .order_by(Participant.exit_date, Participant.id)).first()
    if left is None:
        return
    back = add_months(left.exit_date, 1)
    values = replace(participants.ParticipantFields.of(left), application_date=left.exit_date, admission_date=back,
                     planned_end_date=None, notes="Wrócił po utracie pracy.")
    again = participants.readmit(session, values, participant_id=left.id, today=TODAY)
    workshop = session.scalars(select(Workshop).where(Workshop.active.is_(True)).order_by(Workshop.id)).first()
    placements.place(session, again.id, workshop.id, back)


def _run_the_cis_clock(session: Session) -> None:
    # Besides the demo's trial months and extensions, written through the service as the app does:
    # those taking part get their trial month's end again, most a decision (one failed, some cleared),
    # and the first whose participation can still grow is extended, so that every column of the CIS
    # clock has varied values for later migrations to carry.
    from sqlalchemy import select

    from reintegra.db.enums import TrialDecision
    from reintegra.db.models import Participant
    from reintegra.services import cis_clock
    from reintegra.services.participants import taking_part_on

    stays = list(session.scalars(select(Participant).where(taking_part_on(TODAY)).order_by(Participant.id)))
    for number, stay in enumerate(stays):
        trial_end = cis_clock.default_trial_end(stay.admission_date)
        decided = trial_end < TODAY and number % 4 != 3
        decision = TrialDecision.FAILED if number == 0 else TrialDecision.PASSED
        cis_clock.record_trial(session, stay.id, stay.version, trial_end=trial_end,
                               decision=decision if decided else None, decided_on=trial_end if decided else None,
                               today=TODAY)
    for stay in stays:
        end = stay.planned_end_date or cis_clock.default_planned_end(stay.admission_date)
        if end < cis_clock.latest_end(stay.admission_date) and stay.admission_date < TODAY:
            cis_clock.extend(session, stay.id, stay.version, new_end=cis_clock.latest_end(stay.admission_date),
                             decided_on=TODAY, reason="Program zatrudnienia socjalnego wymaga więcej czasu.",
                             today=TODAY)
            break


def _pay_and_certify(session: Session, programme: Programme) -> None:
    # The demo pays no premium, issues no certificate and types no annual report section: a few of
    # each, written as rows (their services came with them), so that later migrations carry them.
    from sqlalchemy import select

    from reintegra.db.models import AnnualReportSection, BenefitPremium, Certificate, Participant

    session.add(AnnualReportSection(year=2025, programme=programme, section="finances",
                                    text="Dotacja: 812 400,00 zł; wkład własny: 90 266,67 zł."))
    if programme is not Programme.CIS:
        return
    stays = list(session.scalars(select(Participant).where(Participant.exit_date.is_(None))
                                 .order_by(Participant.id).limit(3)))
    for number, stay in enumerate(stays):
        session.add(BenefitPremium(participant_id=stay.id, month=date(2026, 11, 1),
                                   amount=Decimal("150.00") + 50 * number, note="Za zaangażowanie w pracowni"))
    leaver = session.scalars(select(Participant).where(Participant.exit_date.is_not(None))
                             .order_by(Participant.exit_date.desc(), Participant.id)).first()
    session.flush()
    session.add(Certificate(year=leaver.exit_date.year, sequence=1, issued_on=leaver.exit_date,
                            participant_id=leaver.id, holder=f"{leaver.first_name} {leaver.last_name}",
                            period_start=leaver.admission_date, period_end=leaver.exit_date,
                            content={"workshops": [{"name": "Pracownia gastronomiczna", "hours": 412}],
                                     "skills": "Przygotowanie posiłków; obsługa klienta; punktualność."}))


def _mistyped_sign_in():
    # The demo signs nobody in; someone who mistyped twice, so that the table has a row.
    from reintegra.db.models import SignInAttempts

    return SignInAttempts(username="admin", failures=2, last_failure_at=datetime(2026, 12, 3, 7, 58, 12))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true",
                        help="replace existing databases (only for a revision not yet released)")
    args = parser.parse_args(argv)
    revision = schema.head_revision()
    paths = {facility: stored_path(revision, facility) for facility in FACILITIES}
    existing = [path for path in paths.values() if path.exists()]
    if existing and not args.force:
        print(f"{', '.join(map(str, existing))} already exist(s); a released revision's stored databases "
              "are never made again (use --force only before the release).", file=sys.stderr)
        return 1
    STORED_DIR.mkdir(parents=True, exist_ok=True)
    for facility, path in paths.items():
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        make_stored_database(path, **FACILITIES[facility])
        print(f"{path}: {path.stat().st_size // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
