"""Reports on the reference data (demo 300 × 10): one participant's PDF (the ten longest histories)
and the facility summary PDF over the whole ten years; each beside a bare baseline made in the same
run — a plain ReportLab document (built-in font, no database) with a table of as many rows.

Targets (DESIGN.md): participant PDF < 0.5 s; 10-year summary < 1 s."""

from __future__ import annotations

import statistics
import time
from datetime import date

from common import Result, demo_database

PEOPLE = 10
SUMMARY_ROUNDS = 5


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _bare_pdf(rows: int) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    buffer = io.BytesIO()
    data = [[f"{n}", "Nazwisko", "Imię", "12", "1", "0", "0", "0", "21", "84", "95,2%"] for n in range(rows)]
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(data, repeatRows=1)])
    return buffer.getvalue()


def _longest_histories(session, count: int) -> list[tuple[int, int]]:
    """(participant id, months with attendance) of those with the most attendance rows."""
    from sqlalchemy import func, select

    from reintegra.db.models import AttendanceDay

    rows = session.execute(
        select(AttendanceDay.participant_id, func.count()).group_by(AttendanceDay.participant_id)
        .order_by(func.count().desc()).limit(count)).all()
    return [(pid, max(1, days // 20)) for pid, days in rows]


def measure() -> list[Result]:
    from sqlalchemy.orm import Session

    from reintegra.reports.participant import participant_report
    from reintegra.reports.summary import summary_report
    from reintegra.services.database import open_database

    engine = open_database(str(demo_database()))
    today = date.today()
    start = date(today.year - 10, today.month, 1)
    with Session(engine) as session:
        people = _longest_histories(session, PEOPLE)
        participant_report(session, people[0][0])  # warm-up: fonts, mappers, caches
        person = [_timed(lambda pid=pid: participant_report(session, pid)) for pid, _months in people]
        summary = [_timed(lambda: summary_report(session, start, today)) for _ in range(SUMMARY_ROUNDS)]
    engine.dispose()
    bare_person = [_timed(lambda months=months: _bare_pdf(months)) for _pid, months in people]
    bare_summary = [_timed(lambda: _bare_pdf(40)) for _ in range(SUMMARY_ROUNDS)]
    months = statistics.median(m for _pid, m in people)
    return [
        Result("participant PDF (median)", statistics.median(person), 500, statistics.median(bare_person),
               note=f"the {PEOPLE} longest histories, ~{months:.0f} months each"),
        Result("participant PDF (slowest)", max(person), 500, max(bare_person)),
        Result("10-year summary PDF (median)", statistics.median(summary), 1000, statistics.median(bare_summary),
               note=f"{start.isoformat()} – {today.isoformat()}, {SUMMARY_ROUNDS} runs"),
    ]


if __name__ == "__main__":
    for result in measure():
        print(result)
