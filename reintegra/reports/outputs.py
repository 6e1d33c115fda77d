"""Each report to a file, in the format its name asks for: the one place the command line and the
Reports page both save through. A name with a suffix the report does not come in is refused with
one sentence before anything is computed or written.

Need-to-know (``actor``: the signed-in user; None on the command line, which reaches everyone): an
instructor saves the report of a participant they reach and the attendance of their own workshops
with only the people they reach; the facility summary and the CIS benefit list cover the whole
facility and are a director's or an administrator's. A refusal comes before anything is written.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import access
from reintegra.services.errors import ReintegraError

PARTICIPANT_FORMATS = (".pdf",)
ATTENDANCE_FORMATS = (".pdf", ".xlsx", ".csv")
SUMMARY_FORMATS = (".pdf", ".xlsx", ".json", ".csv")
DAY_LOG_FORMATS = (".pdf",)
BENEFIT_FORMATS = (".pdf", ".xlsx", ".csv")
REFUND_FORMATS = (".pdf",)


def _checked(path: str | os.PathLike, formats: tuple[str, ...]) -> tuple[Path, str]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in formats:
        raise ReintegraError(_("This report can be saved as {formats}, not as {name}.").format(
            formats=_or_list(formats), name=path.name))
    if not path.parent.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path, suffix


def _or_list(formats: tuple[str, ...]) -> str:
    if len(formats) == 1:
        return _("a {suffix} file").format(suffix=formats[0])
    return _("a {suffixes} or {last} file").format(suffixes=", ".join(formats[:-1]), last=formats[-1])


def _pdf(path: Path, data: bytes) -> Path:
    from reintegra.reports.layout import write_pdf

    write_pdf(data, path)
    return path


def save_pdf(data: bytes, path: str | os.PathLike) -> Path:
    """A PDF already made (a preview, everyone's reports in one file) to ``path``."""
    path, _suffix = _checked(path, (".pdf",))
    return _pdf(path, data)


def file_name_part(text: str) -> str:
    """Text fit for a file name: letters (Polish ones kept) and digits, joined by single dashes."""
    cleaned = "".join(c if c.isalnum() else "-" for c in text.strip())
    return "-".join(part for part in cleaned.split("-") if part)


def participant_file_name(name: str, participant_id: int) -> str:
    """"Kowalski-Jan-17.pdf": the name and the id, so two Jan Kowalskis differ."""
    return file_name_part(f"{name} {participant_id}") + ".pdf"


def save_participant(session: Session, participant_id: int, path: str | os.PathLike, *,
                     notes_from: date | None = None, notes_to: date | None = None, today: date | None = None,
                     actor: User | None = None) -> Path:
    path, _suffix = _checked(path, PARTICIPANT_FORMATS)
    from reintegra.reports.participant import participant_report

    return _pdf(path, participant_report(session, participant_id, notes_from=notes_from, notes_to=notes_to,
                                         today=today, actor=actor))


def save_attendance(session: Session, workshop_id: int, year: int, month: int, path: str | os.PathLike, *,
                    today: date | None = None, actor: User | None = None) -> Path:
    path, suffix = _checked(path, ATTENDANCE_FORMATS)
    access.require_workshop(session, actor, workshop_id)
    if suffix == ".pdf":
        from reintegra.reports.attendance_sheet import attendance_sheet

        return _pdf(path, attendance_sheet(session, workshop_id, year, month, today=today, actor=actor))
    from reintegra.reports import export
    from reintegra.services import attendance, workshops

    workshop = workshops.get_workshop(session, workshop_id)
    rows = attendance.month_rows(session, workshop_id, year, month, as_of=today)
    reachable = access.reachable_ids(session, actor, today)
    if reachable is not None:
        rows = [row for row in rows if row.participant_id in reachable]
    return export.write_attendance(path, rows, workshop=workshop.name, year=year, month=month)


def save_summary(session: Session, start: date, end: date, path: str | os.PathLike, *,
                 actor: User | None = None) -> Path:
    access.require_whole_facility(actor)
    path, suffix = _checked(path, SUMMARY_FORMATS)
    if end < start:
        raise ReintegraError(_("The period ends before it starts."))
    if suffix == ".pdf":
        from reintegra.reports.summary import summary_report

        return _pdf(path, summary_report(session, start, end, actor=actor))
    from reintegra.reports import export
    from reintegra.services import statistics

    return export.write_summary(path, statistics.facility_summary(session, start, end, actor=actor))


def save_benefit(session: Session, year: int, month: int, path: str | os.PathLike, *,
                 workshop_id: int | None = None, actor: User | None = None) -> Path:
    access.require_whole_facility(actor)
    path, suffix = _checked(path, BENEFIT_FORMATS)
    if suffix == ".pdf":
        from reintegra.reports.benefit import benefit_report

        return _pdf(path, benefit_report(session, year, month, workshop_id=workshop_id, actor=actor))
    from reintegra.reports import export
    from reintegra.services.benefit import benefit_list

    export.write_benefit_list(benefit_list(session, year, month, workshop_id=workshop_id), year, month, path)
    return path


def save_refund(session: Session, year: int, month: int, path: str | os.PathLike, *, today: date | None = None,
                actor: User | None = None) -> Path:
    """The CIS's request for the refund of the month's integration benefits, as PDF."""
    access.require_whole_facility(actor)
    path, _suffix = _checked(path, REFUND_FORMATS)
    from reintegra.reports.refund_request import refund_request

    return _pdf(path, refund_request(session, year, month, today=today, actor=actor))


def save_day_log(session: Session, workshop_id: int, year: int, month: int, path: str | os.PathLike, *,
                 today: date | None = None, actor: User | None = None) -> Path:
    """The workshop's day log of a month (dziennik zajęć) as PDF; an instructor's own workshops only."""
    path, _suffix = _checked(path, DAY_LOG_FORMATS)
    access.require_workshop(session, actor, workshop_id)
    from reintegra.reports.day_log import day_log_report

    return _pdf(path, day_log_report(session, workshop_id, year, month, today=today, actor=actor))


def save_plan(session: Session, plan_id: int, path: str | os.PathLike, *, actor: User | None = None) -> Path:
    """One individual plan (IPR/IPZS) as a PDF to sign; only of someone the actor reaches."""
    path, _suffix = _checked(path, (".pdf",))
    from reintegra.reports.plan import plan_report

    return _pdf(path, plan_report(session, plan_id, actor=actor))
