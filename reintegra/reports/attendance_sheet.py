"""The monthly attendance sheet of one workshop (lista obecności), A4 landscape: a row per person,
a column per day with the status letter, their totals and a column to sign; weekends and public
holidays shaded; signature lines for the instructor and the director.

The numbers are those of ``month_grid`` — and so of ``attendance.month_rows`` and the attendance
CSV/XLSX: working days of the person's placement counted up to today, the rate present ÷ working
days rounded half up as the CSV rounds it. Twenty people fit on one page; more continue on the next
with the header repeated.

Need-to-know: an instructor (``actor``) gets the sheet of their own workshops only
(``access.require_workshop``), and on it only the people they still reach
(``access.reachable_ids``): someone whose placement ended before the grace period is left out,
rows and totals alike, so the sheet of a past month may be shorter than the director's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from babel import dates as babel_dates
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph
from sqlalchemy.orm import Session

from reintegra.db.enums import MONTH_TOTAL_STATUSES, PRESENT_STATUSES, STATUSES, AttendanceStatus
from reintegra.i18n import _, format_date, format_month, format_number, format_percent, locale_name, ngettext, \
    pgettext
from reintegra.reports import layout
from reintegra.reports.layout import CONDENSED, CONDENSED_BOLD, GREY, INK, RULE, SHADE
from reintegra.db.models import User, Workshop
from reintegra.services import access, labels, month_grid, workshops
from reintegra.services.attendance import MonthRow
from reintegra.services.month_grid import GridDay, GridPerson, MonthGrid

BODY_SIZE = 7
DAY_SIZE = 6.5
HEADER_SIZE = 6.5
NAME_MIN_SIZE = 5.2
NOT_PLACED = "–"
PEOPLE_PER_PAGE = 20
_COUNT_COLUMNS = MONTH_TOTAL_STATUSES

_HEADER_STYLE = ParagraphStyle("sheet-header", fontName=CONDENSED_BOLD, fontSize=HEADER_SIZE,
                               leading=HEADER_SIZE * 1.15, alignment=TA_CENTER, textColor=INK)
_LONG_NAME_STYLE = ParagraphStyle("sheet-long-name", fontName=CONDENSED, fontSize=NAME_MIN_SIZE,
                                  leading=NAME_MIN_SIZE * 1.1, textColor=INK)

# Column widths in mm; the day columns share what the others leave, the signature column keeps ~26 mm.
_NUMBER_W, _NAME_W, _COUNT_W, _DAYS_W, _HOURS_W, _RATE_W, _SIGNATURE_W = 7, 37, 6, 7.5, 10, 11, 26


def workshop_month(session: Session, workshop_id: int, year: int, month: int, *, today: date,
                   actor: User | None) -> tuple[Workshop, MonthGrid]:
    """The workshop and its month grid as ``actor`` may see them (an instructor: their workshops,
    the people they reach on ``today``): what the sheet and the day log print."""
    access.require_workshop(session, actor, workshop_id)
    workshop = workshops.get_workshop(session, workshop_id)
    grid = month_grid.month_grid(session, workshop_id, year, month, as_of=today)
    reachable = access.reachable_ids(session, actor, today)
    if reachable is not None:
        grid.people = [person for person in grid.people if person.participant_id in reachable]
    return workshop, grid


def attendance_sheet(session: Session, workshop_id: int, year: int, month: int, *,
                     today: date | None = None, actor: User | None = None) -> bytes:
    """The sheet as PDF bytes; counts up to ``today`` (default: the real today) like the month grid."""
    today = today or date.today()
    workshop, grid = workshop_month(session, workshop_id, year, month, today=today, actor=actor)
    heading = _("Attendance sheet — {workshop} — {month}").format(
        workshop=workshop.name, month=format_month(year, month))
    width = layout.content_width(is_landscape=True)
    instructors = [user.full_name for user in workshop.instructors]
    story = [layout.title(heading), layout.text(_info_line(grid, instructors, today), "small"), layout.spacer(2)]
    if not grid.people:
        story.append(layout.text(_("Nobody was placed in this workshop in {month}.").format(
            month=format_month(year, month))))
    else:
        story += [
            *_sheet_tables(grid, today),
            layout.spacer(1.5),
            layout.text(_legend(grid), "small"),
            layout.signatures([_("instructor's signature"), _("director's signature")], width),
        ]
    return layout.render(story, header=layout.facility_header(session), title=heading, is_landscape=True)


def _info_line(grid: MonthGrid, instructors: list[str], today: date) -> str:
    working = sum(1 for day in grid.days if day.working)
    parts = [ngettext("{count} working day in the month", "{count} working days in the month", working).format(
        count=working)]
    if instructors:
        parts.append(ngettext("instructor: {names}", "instructors: {names}", len(instructors)).format(
            names=", ".join(instructors)))
    if today < grid.days[-1].day:
        parts.append(_("working days and the rate counted up to {date}").format(date=format_date(today)))
    not_entered = month_grid.grid_totals(grid).not_entered_days
    if not_entered:  # the blank working days on the sheet: said, and out of the rate
        parts.append(ngettext("{count} working day not entered yet, left out of the rate",
                              "{count} working days not entered yet, left out of the rate", not_entered).format(
            count=not_entered))
    return " · ".join(parts)


def _legend(grid: MonthGrid) -> str:
    codes = "; ".join(_("{letter} – {status}").format(letter=status.letter, status=labels.label(status).lower())
                      for status in STATUSES)
    holidays = ", ".join(f"{format_date(day.day)} {day.holiday}" for day in grid.days if day.holiday)
    shading = (_("Shaded: Saturdays, Sundays and public holidays ({holidays}).").format(holidays=holidays)
               if holidays else _("Shaded: Saturdays and Sundays."))
    return " ".join([
        _("Codes: {codes}; “{dash}” – not placed in the workshop that day.").format(codes=codes, dash=NOT_PLACED),
        shading,
        _("Rate: days present ÷ working days of the placement in the month with an entry; a working day left blank "
          "is not entered yet and is left out of the rate."),
    ])


def _widths(day_count: int) -> list[float]:
    fixed = (_NUMBER_W + _NAME_W + len(_COUNT_COLUMNS) * _COUNT_W + _DAYS_W + _HOURS_W + _RATE_W + _SIGNATURE_W)
    day_w = (layout.content_width(is_landscape=True) / mm - fixed) / day_count
    return [w * mm for w in (_NUMBER_W, _NAME_W, *[day_w] * day_count, *[_COUNT_W] * len(_COUNT_COLUMNS),
                             _DAYS_W, _HOURS_W, _RATE_W, _SIGNATURE_W)]


def _sheet_tables(grid: MonthGrid, today: date) -> list[Flowable]:
    """Twenty people a page, each page's table under its own header; the totals row closes the last."""
    widths = _widths(len(grid.days))
    chunks = [grid.people[i:i + PEOPLE_PER_PAGE] for i in range(0, len(grid.people), PEOPLE_PER_PAGE)]
    flowables: list[Flowable] = []
    for index, chunk in enumerate(chunks):
        is_last = index == len(chunks) - 1
        rows, extra = _header_rows(grid.days), _style(len(grid.days))
        for number, person in enumerate(chunk, index * PEOPLE_PER_PAGE + 1):
            row_index = len(rows)
            name, size = _fitted_name(person, widths[1] - 3)
            if size != BODY_SIZE:
                extra.append(("FONTSIZE", (1, row_index), (1, row_index), size))
            rows.append([str(number), name, *_day_cells(person, grid.days, row_index, extra),
                         *_total_cells(person.totals), ""])
        if is_last:
            rows.append(_total_row(grid, today))
            extra += [
                ("SPAN", (0, -1), (1, -1)),
                ("ALIGN", (0, -1), (1, -1), "LEFT"),
                ("FONT", (2, -1), (1 + len(grid.days), -1), CONDENSED_BOLD, DAY_SIZE),
            ]
        for column, day in enumerate(grid.days, 2):
            if not day.working:
                extra.append(("BACKGROUND", (column, 0), (column, -1), SHADE))
        flowables.append(layout.table(rows, widths, header_rows=2, total_row=is_last, font=CONDENSED,
                                      font_size=BODY_SIZE, extra=extra))
        if not is_last:
            flowables.append(PageBreak())
    return flowables


def _header_rows(days: list[GridDay]) -> list[list]:
    def header(value: str) -> Paragraph:
        return Paragraph(escape(value), _HEADER_STYLE)

    top = [header(_("No.")), header(_("Last and first name")),
           *[str(day.day.day) for day in days],
           header(pgettext("attendance sheet", "Days")), *[""] * (len(_COUNT_COLUMNS) - 1),
           header(pgettext("short column", "Work days")), header(pgettext("short column", "Hours")),
           header(pgettext("short column", "Rate")), header(_("Participant's signature"))]
    second = ["", "", *[_weekday_letter(day.day) for day in days], *[s.letter for s in _COUNT_COLUMNS],
              "", "", "", ""]
    return [top, second]


def _style(day_count: int) -> list[tuple]:
    """The sheet's table commands on top of the house style: small condensed type, a full grid, spans."""
    first_count = 2 + day_count
    after_counts = first_count + len(_COUNT_COLUMNS)
    return [
        ("FONT", (0, 0), (-1, 1), CONDENSED_BOLD, HEADER_SIZE),
        ("FONT", (2, 2), (first_count - 1, -1), CONDENSED, DAY_SIZE),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3),
        ("LEFTPADDING", (2, 0), (after_counts - 1, -1), 0.3),
        ("RIGHTPADDING", (2, 0), (after_counts - 1, -1), 0.3),
        ("LEFTPADDING", (after_counts, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (after_counts, 0), (-1, -1), 1.5),
        ("ALIGN", (2, 0), (after_counts - 1, -1), "CENTER"),
        ("ALIGN", (0, 2), (0, -1), "RIGHT"),
        ("ALIGN", (after_counts, 2), (-1, -1), "RIGHT"),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (first_count, 0), (after_counts - 1, 0)),
        *[("SPAN", (column, 0), (column, 1)) for column in range(after_counts, after_counts + 4)],
    ]


def _total_row(grid: MonthGrid, today: date) -> list[str]:
    """Everyone's totals, and under each day how many were present (empty on days off and days to come)."""
    present_each_day = [sum(1 for person in grid.people if _status(person, day.day) in PRESENT_STATUSES)
                        for day in grid.days]
    return [_("Total (present each day)"), "",
            *[str(count) if count or (day.working and day.day <= today) else ""
              for day, count in zip(grid.days, present_each_day)],
            *_total_cells(month_grid.grid_totals(grid)), ""]


def _weekday_letter(day: date) -> str:
    """'P', 'W', 'Ś' … in Polish; 'M', 'T', 'W' … in English (the locale's narrow weekday)."""
    return babel_dates.format_date(day, "EEEEE", locale=locale_name()).upper()


def _status(person: GridPerson, day: date) -> AttendanceStatus | None:
    cell = person.cells.get(day)
    return cell.status if cell is not None else None


def _day_cells(person: GridPerson, days: list[GridDay], row_index: int, extra: list) -> list[str]:
    cells = []
    for column, day in enumerate(days, 2):
        status = _status(person, day.day)
        if status is not None:
            cells.append(status.letter)
        elif day.working and not person.placed_on(day.day):
            cells.append(NOT_PLACED)
            extra.append(("TEXTCOLOR", (column, row_index), (column, row_index), GREY))
        else:
            cells.append("")
    return cells


def _total_cells(totals: MonthRow) -> list[str]:
    return [*(str(totals.counts[status]) for status in _COUNT_COLUMNS), str(totals.working_days),
            format_number(Decimal(totals.hours).normalize()), _rate(totals)]


def _rate(totals: MonthRow) -> str:
    """The rate with one decimal rounded half up, as the attendance CSV writes it (Babel would round half even)."""
    percent = totals.percent
    return "" if percent is None else format_percent(percent / 100)


def _fitted_name(person: GridPerson, width: float) -> tuple[str | Paragraph, float]:
    """'Last First' in the body size, or smaller when a long name would not fit on one line."""
    name = f"{person.last_name} {person.first_name}"
    natural = stringWidth(name, CONDENSED, BODY_SIZE)
    if natural <= width:
        return name, BODY_SIZE
    size = max(NAME_MIN_SIZE, BODY_SIZE * width / natural)
    if stringWidth(name, CONDENSED, size) <= width:
        return name, size
    return Paragraph(escape(name), _LONG_NAME_STYLE), BODY_SIZE  # only the very longest names wrap
