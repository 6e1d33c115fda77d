"""The CIS benefit attendance list as PDF (A4 landscape): for one month, each CIS participant's days
present and absent by kind and the working days of their placements — what the integration benefit
is paid on — with a totals row and the signatures of the person who prepared it and the director.

The numbers come from ``services.benefit.benefit_list``; the amounts are not computed here. A month
with no CIS participant is refused with one sentence, as the XLSX and CSV files are.

Need-to-know: the list (and its XLSX and CSV, ``outputs.save_benefit``) is the basis of a payment
for the whole centre, prepared by the office and signed by the director, so an instructor is
refused it (``access.require_whole_facility``), for one workshop as for all of them.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _, format_date, ngettext
from reintegra.reports import layout
from reintegra.reports.layout import CONDENSED, CONDENSED_BOLD
from reintegra.services import access, calendar, workshops
from reintegra.services.benefit import BenefitRow, benefit_list, count_headers, list_title, nobody_error, \
    totals

# A double name breaks at its hyphen, never inside a word.
_CELL = ParagraphStyle("benefit-cell", parent=layout.STYLES["cell"], fontName=CONDENSED, embeddedHyphenation=1)
_HEADER = ParagraphStyle("benefit-header", parent=layout.STYLES["cell-bold"], fontName=CONDENSED_BOLD, fontSize=7.5,
                         leading=9)
_HEADER_RIGHT = ParagraphStyle("benefit-header-right", parent=_HEADER, alignment=TA_RIGHT)


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
    lines.append(_("The amount of the benefit and any reduction for absences are worked out separately, under the "
                   "rules in force at the centre."))
    return " ".join(lines)


def _table(rows: list[BenefitRow], width: float):
    count_w = 18 * mm  # room for "Chorobowe" in the header
    fixed = [8 * mm, 36 * mm, 30 * mm, 24 * mm]  # No., last name, first name, PESEL
    columns = len(count_headers())
    widths = [*fixed, width - sum(fixed) - count_w * columns, *[count_w] * columns]
    header = [_cell(value, _HEADER) for value in (_("No."), _("Last name"), _("First name"), _("PESEL"),
                                                   _("Workshops"))]
    header += [_cell(value, _HEADER_RIGHT) for value in count_headers()]
    body = [
        [str(number), _cell(row.last_name), _cell(row.first_name), row.pesel or "—", _cell(", ".join(row.workshops)),
         *[str(number) for number in row.numbers()]]
        for number, row in enumerate(rows, 1)
    ]
    total = [_("Total"), "", "", "", "", *[str(number) for number in totals(rows)]]
    numeric = list(range(5, 5 + columns))
    return layout.table([header, *body, total], widths, numeric_columns=[0, *numeric], total_row=True,
                        font=CONDENSED, extra=[
                            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                            ("SPAN", (0, -1), (4, -1)),
                            ("ALIGN", (0, -1), (4, -1), "LEFT"),
                        ])


def _cell(value: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(value), style)
