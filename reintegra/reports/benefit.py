"""The CIS benefit list as PDF (A4 landscape): the month's payment list — for each CIS participant the
days present and absent by kind, the working days of their placements, the sick days and days off on
request used in the stay against their limits, the benefit, the premium and the total — with a totals
row, the warnings under the person they concern, the rules the amounts follow, and the signatures
of the person who prepared it and the director.

The numbers and amounts come from ``services.benefit.benefit_list``. A month with no CIS
participant is refused with one sentence, as the XLSX and CSV files are.

Need-to-know: the list (and its XLSX and CSV, ``outputs.save_benefit``) is the basis of a payment
for the whole centre, prepared by the office and signed by the director, so an instructor is
refused it (``access.require_whole_facility``), for one workshop as for all of them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from sqlalchemy.orm import Session

from reintegra.db.models import BenefitRule, User
from reintegra.i18n import _, format_date, format_month, format_number, ngettext
from reintegra.reports import layout
from reintegra.reports.layout import CONDENSED, CONDENSED_BOLD
from reintegra.services import access, calendar, workshops
from reintegra.services.benefit import BenefitRow, benefit_list, count_headers, format_money, is_provisional, \
    list_title, money_headers, money_totals, month_rule, nobody_error, totals

# A double name breaks at its hyphen, never inside a word.
_CELL = ParagraphStyle("benefit-cell", parent=layout.STYLES["cell"], fontName=CONDENSED, fontSize=8, leading=10,
                       embeddedHyphenation=1)
_HEADER_SIZE = 6.5
_HEADER = ParagraphStyle("benefit-header", parent=layout.STYLES["cell-bold"], fontName=CONDENSED_BOLD,
                         fontSize=_HEADER_SIZE, leading=8)
_HEADER_RIGHT = ParagraphStyle("benefit-header-right", parent=_HEADER, alignment=TA_RIGHT)
_WARNING = ParagraphStyle("benefit-warning", parent=layout.STYLES["cell"], fontName=CONDENSED, fontSize=7.5,
                          leading=9, textColor=colors.HexColor("#a1261b"))
_PADDING = 6  # a cell's left and right padding together (points, layout.table)


def benefit_report(session: Session, year: int, month: int, *, workshop_id: int | None = None,
                   today: date | None = None, actor: User | None = None) -> bytes:
    """The list as PDF bytes; working days counted up to ``today`` (default: the real today)."""
    access.require_whole_facility(actor)
    today = today or date.today()
    workshop = workshops.get_workshop(session, workshop_id).name if workshop_id is not None else None
    rows = benefit_list(session, year, month, workshop_id=workshop_id, today=today)
    if not rows:
        raise nobody_error(year, month, workshop)
    heading = list_title(year, month)
    width = layout.content_width(is_landscape=True)
    story = [
        layout.title(heading),
        layout.subtitle(_scope(workshop, len(rows))),
        _table(rows, width),
        layout.spacer(2),
        layout.text(_basis(year, month, today), "small"),
        layout.spacer(1),
        layout.text(rules_text(month_rule(session, year, month), year, month), "small"),
        layout.signatures([_("signature of the person preparing the list"), _("director's signature")], width),
    ]
    return layout.render(story, header=layout.facility_header(session), title=heading, is_landscape=True)


def _scope(workshop: str | None, count: int) -> str:
    people = ngettext("{count} participant", "{count} participants", count).format(count=count)
    if workshop:
        return f"{workshop} · {people}"
    return _("All workshops · {people}").format(people=people)


def _basis(year: int, month: int, today: date) -> str:
    lines = [_("The days are counted from the attendance records of every workshop the participant was placed in "
               "during the month; working days are Monday to Friday except public holidays, within the placement.")]
    if today < calendar.month_bounds(year, month)[1]:
        lines.append(_("Working days are counted up to {date}.").format(date=format_date(today)))
    if is_provisional(year, month, today):
        lines.append(_("The month is not over: the amounts are provisional, with only the absences recorded so far "
                       "deducted."))
    return " ".join(lines)


def rules_text(rule: BenefitRule | None, year: int, month: int) -> str:
    """The rules the month's amounts follow, in one paragraph (the list and the refund request)."""
    if rule is None:
        return _("No CIS benefit rules are in force for {month}: the amounts are not worked out; the director "
                 "enters the rules in Settings.").format(month=format_month(year, month))
    parts = [_("Amounts under the rules in force from {date}: the benefit {amount} a month, prorated by the "
               "working days placed; deducted per day: unexcused absence {unexcused}, sick leave {sick}, excused "
               "absence {excused} of the amount.").format(
        date=format_date(rule.valid_from), amount=format_money(rule.amount), unexcused=_fraction(
            rule.unexcused_day_deduction), sick=_fraction(rule.sick_day_deduction),
        excused=_fraction(rule.excused_day_deduction))]
    if rule.sick_days_limit is not None:
        parts.append(ngettext(
            "Sick leave beyond {count} day in the stay: {deduction} a day.",
            "Sick leave beyond {count} days in the stay: {deduction} a day.", rule.sick_days_limit).format(
            count=rule.sick_days_limit, deduction=_fraction(rule.sick_over_limit_deduction)))
    if rule.free_days_limit is not None:
        parts.append(ngettext(
            "Days off on request: {count} day in the stay paid in full, each further one as an excused absence.",
            "Days off on request: {count} days in the stay paid in full, each further one as an excused absence.",
            rule.free_days_limit).format(count=rule.free_days_limit))
    if rule.unexcused_days_forfeit is not None:
        parts.append(ngettext(
            "More than {count} unexcused day in the month: no benefit.",
            "More than {count} unexcused days in the month: no benefit.", rule.unexcused_days_forfeit).format(
            count=rule.unexcused_days_forfeit))
    parts.append(_("The premium is at most the benefit of the month."))
    return " ".join(parts)


def _fraction(value) -> str:
    """0.025 → '2,5%'."""
    return format_number(Decimal(value) * 100, None) + "%"


def money(value) -> str:
    """An amount in a table cell: '1 161,60' (no currency: the header says zł); '—' for none."""
    return "—" if value is None else format_number(value, 2)


def stay_days(used: int, limit: int | None) -> str:
    """Days used in the stay against the limit: '24/21', or the days alone when there is no limit."""
    return str(used) if limit is None else f"{used}/{limit}"


def stay_headers() -> list[str]:
    return [_("Sick days in the stay / limit"), _("Days off in the stay / limit")]


def _fit(header: str, values: list[str], least: float = 8 * mm) -> float:
    """A column as wide as its longest header word (they wrap between words) or its longest value."""
    words = max(stringWidth(word, CONDENSED_BOLD, _HEADER_SIZE) for word in header.split())
    figures = max((stringWidth(value, CONDENSED_BOLD, 8) for value in values), default=0)
    return max(least, words + _PADDING + 2, figures + _PADDING + 2)


def _table(rows: list[BenefitRow], width: float):
    counts = count_headers()
    extra_headers = [*stay_headers(), *money_headers()]
    total_counts = totals(rows)
    summed = money_totals(rows)
    body_values = [
        [str(number) for number in row.numbers()]
        + [stay_days(row.sick_days_used, row.sick_days_limit), stay_days(row.days_off_used, row.days_off_limit),
           money(row.benefit), money(row.premium), money(row.total)]
        for row in rows
    ]
    total_values = [str(number) for number in total_counts] + ["", "", money(summed.benefit), money(summed.premium),
                                                               money(summed.total)]
    numbers = [*counts, *extra_headers]
    number_widths = [_fit(header, [values[index] for values in [*body_values, total_values]])
                     for index, header in enumerate(numbers)]
    fixed = [7 * mm, 24 * mm, 20 * mm, 20 * mm]  # No., last name, first name, PESEL
    widths = [*fixed, max(24 * mm, width - sum(fixed) - sum(number_widths)), *number_widths]
    header = [_cell(value, _HEADER) for value in (_("No."), _("Last name"), _("First name"), _("PESEL"),
                                                   _("Workshops"))]
    header += [_cell(value, _HEADER_RIGHT) for value in numbers]
    table_rows = [header]
    extra = [("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    for number, (row, values) in enumerate(zip(rows, body_values), 1):
        table_rows.append([str(number), _cell(row.last_name), _cell(row.first_name), row.pesel or "—",
                           _cell(", ".join(row.workshops)), *values])
        if row.warnings:
            line = len(table_rows)
            table_rows.append(["", _cell(" ".join(row.warnings), _WARNING), *[""] * (len(widths) - 2)])
            extra += [("SPAN", (1, line), (-1, line)), ("LINEBELOW", (0, line - 1), (-1, line - 1), 0, colors.white),
                      ("TOPPADDING", (0, line), (-1, line), 0)]
    table_rows.append([_("Total"), "", "", "", "", *total_values])
    numeric = list(range(5, 5 + len(numbers)))
    return layout.table(table_rows, widths, numeric_columns=[0, *numeric], total_row=True, font=CONDENSED,
                        font_size=8, zebra=False, extra=[
                            *extra,
                            ("SPAN", (0, -1), (4, -1)),
                            ("ALIGN", (0, -1), (4, -1), "LEFT"),
                        ])


def _cell(value: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(value), style)
