"""The workshop day log for a month (dziennik zajęć) as PDF, the register an inspector asks for: a
row for each working day of the month (and any other day with an entry), with the date and its
weekday, what the group did, who was present and who was absent with the status letter (the legend
under the table), and the instructor's signature line at the foot of every page.

The names and statuses are those of ``month_grid`` (the same as the attendance sheet); the texts
are the day logs written in the daily log (``attendance.day_logs_between``).

Need-to-know: an instructor gets the log of their own workshops only (``access.require_workshop``),
and in it only the people they still reach (``access.reachable_ids``), as on the attendance sheet.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from sqlalchemy.orm import Session

from reintegra.db.enums import STATUSES
from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_month, ngettext, pgettext
from reintegra.reports import layout
from reintegra.reports.attendance_sheet import workshop_month
from reintegra.services import attendance, calendar, labels
from reintegra.services.month_grid import GridPerson, MonthGrid


def day_log_report(session: Session, workshop_id: int, year: int, month: int, *,
                   today: date | None = None, actor: User | None = None) -> bytes:
    """The month's day log of the workshop as PDF bytes."""
    today = today or date.today()
    workshop, grid = workshop_month(session, workshop_id, year, month, today=today, actor=actor)
    start, end = calendar.month_bounds(year, month)
    logs = attendance.day_logs_between(session, workshop_id, start, end, actor=actor)
    heading = _("Workshop day log — {workshop} — {month}").format(workshop=workshop.name,
                                                                  month=format_month(year, month))
    width = layout.content_width()
    instructors = [user.full_name for user in workshop.instructors]
    info = [ngettext("{count} participant placed in the month", "{count} participants placed in the month",
                     len(grid.people)).format(count=len(grid.people))]
    if instructors:
        info.append(ngettext("instructor: {names}", "instructors: {names}", len(instructors)).format(
            names=", ".join(instructors)))
    story = [layout.title(heading), layout.text(" · ".join(info), "small"), layout.spacer(2)]
    rows = _rows(grid, logs)
    if not rows:
        story.append(layout.text(_("Nothing was recorded in this workshop in {month}.").format(
            month=format_month(year, month))))
    else:
        story += [_table(rows, width), layout.spacer(1.5), layout.text(_legend(), "small")]
    short = _("Workshop day log — {month}").format(month=format_month(year, month))  # fits beside the facility
    return layout.render(story, header=layout.facility_header(session), title=short,
                         page_signature=_("instructor's signature"))


def _rows(grid: MonthGrid, logs: dict[date, str]) -> list[tuple[date, str, list[str], list[str]]]:
    """(day, what the group did, present, absent) for each working day and each other day with an entry."""
    rows = []
    for grid_day in grid.days:
        day = grid_day.day
        present, absent = [], []
        for person in grid.people:
            cell = person.cells.get(day)
            if cell is None:
                continue
            if STATUSES[cell.status].is_present:
                present.append(_name(person))
            else:
                absent.append(f"{_name(person)} ({cell.status.letter})")
        if grid_day.working or present or absent or day in logs:
            rows.append((day, logs.get(day, ""), present, absent))
    return rows


def _name(person: GridPerson) -> str:
    return f"{person.first_name} {person.last_name}"


def _day_cell(day: date) -> str:
    holiday = calendar.holiday_name(day)
    text = f"{format_date(day)}\n{format_date(day, 'EEEE')}"
    return f"{text}\n{holiday}" if holiday else text


def _table(rows, width: float):
    widths = [24 * mm, 0, 46 * mm, 40 * mm]
    widths[1] = width - sum(widths)
    header = [_("Date"), _("What the group did"), pgettext("day log", "Present"), pgettext("day log", "Absent")]
    body = [
        [layout.text(_day_cell(day), "cell"), layout.text(text or "—", "cell"),
         layout.text(", ".join(present) or "—", "cell"), layout.text(", ".join(absent) or "—", "cell")]
        for day, text, present, absent in rows
    ]
    return layout.table([header, *body], widths, extra=[("VALIGN", (0, 1), (-1, -1), "TOP")])


def _legend() -> str:
    codes = "; ".join(_("{letter} – {status}").format(letter=info.letter, status=labels.label(status).lower())
                      for status, info in STATUSES.items() if not info.is_present)
    return _("Absences: {codes}. Each working day of the month is listed, and any other day with an entry.").format(
        codes=codes)
