"""The request to the starosta for the refund of the integration benefits a CIS paid for one month
(wniosek o refundację świadczeń integracyjnych), as PDF (A4): the centre as the applicant, the month,
each participant paid a benefit with their PESEL and the amount, the total to be refunded, place and
date, and the director's signature.

The amounts are those of ``services.benefit.benefit_list`` under the month's rule set; the
motivational premia are the centre's own and are not in the request, nor are those paid nothing.
Refused with one sentence: a month not yet over (its amounts may still change), a month without a
rule set, a month in which nobody was paid a benefit.

Need-to-know: a document of the whole centre signed by the director, so an instructor is refused it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_month, ngettext
from reintegra.reports import layout
from reintegra.reports.benefit import money, rules_text
from reintegra.services import access, calendar
from reintegra.services.benefit import ZERO, benefit_list, format_money, is_provisional, month_rule, nobody_error
from reintegra.services.errors import ReintegraError
from reintegra.services.facility import get_facility


def refund_title(year: int, month: int) -> str:
    return _("Request for the refund of the integration benefits paid for {month}").format(
        month=format_month(year, month))


def refund_request(session: Session, year: int, month: int, *, today: date | None = None,
                   actor: User | None = None) -> bytes:
    """The request as PDF bytes."""
    access.require_whole_facility(actor)
    today = today or date.today()
    if is_provisional(year, month, today):
        raise ReintegraError(_("The refund request is made for a month that is over: {month} ends on {date}.").format(
            month=format_month(year, month), date=format_date(calendar.month_bounds(year, month)[1])))
    rule = month_rule(session, year, month)
    if rule is None:
        raise ReintegraError(_("No CIS benefit rules are in force for {month}: the director enters them in Settings "
                               "before the refund can be requested.").format(month=format_month(year, month)))
    rows = benefit_list(session, year, month, today=today)
    if not rows:
        raise nobody_error(year, month)
    paid = [row for row in rows if row.benefit is not None and row.benefit > 0]
    if not paid:
        raise ReintegraError(_("Nobody was paid an integration benefit for {month}: there is nothing to refund.")
                             .format(month=format_month(year, month)))
    facility = get_facility(session)
    heading = refund_title(year, month)
    width = layout.content_width()
    total = sum((row.benefit for row in paid), ZERO)
    story = [
        _parties(facility, width),
        layout.spacer(6),
        layout.title(heading),
        layout.text(_request(facility.name, year, month, len(paid)), "body"),
        layout.spacer(3),
        _table(paid, total, width),
        layout.spacer(3),
        layout.markup("<b>{}</b>".format(escape(_("Total to be refunded: {amount}.").format(
            amount=format_money(total)))), "body"),
        layout.spacer(2),
        layout.text(rules_text(rule, year, month), "small"),
        layout.spacer(1),
        layout.text(_("Attachment: the CIS attendance list for the integration benefit for {month}.").format(
            month=format_month(year, month)), "small"),
        layout.signatures([_director_caption(facility.director_name)], width),
    ]
    short = _("Refund request, {month}").format(month=format_month(year, month))
    return layout.render(story, header=layout.facility_header(session), title=short)


def _parties(facility, width: float):
    """The applicant on the left, the starosta (to be filled in by hand) on the right."""
    town = " ".join(part for part in (facility.postal_code, facility.city) if part)
    applicant = "<br/>".join(escape(line) for line in (facility.name, facility.address, town) if line)
    addressee = escape(_("The Starosta of")) + "<br/>" + "." * 48
    rows = [[layout.text(_("Applicant"), "small"), layout.text(_("To"), "small")],
            [layout.markup(applicant, "body"), layout.markup(addressee, "body")]]
    result = Table(rows, colWidths=[width * 0.55, width * 0.45])
    result.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), layout.FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return result


def _request(name: str, year: int, month: int, count: int) -> str:
    return ngettext(
        "{facility} requests the refund of the integration benefits paid for {month} to the participants of the "
        "social integration centre listed below ({count} person), under the social employment act (ustawa z dnia "
        "13 czerwca 2003 r. o zatrudnieniu socjalnym).",
        "{facility} requests the refund of the integration benefits paid for {month} to the participants of the "
        "social integration centre listed below ({count} people), under the social employment act (ustawa z dnia "
        "13 czerwca 2003 r. o zatrudnieniu socjalnym).", count).format(
        facility=name or _("The centre"), month=format_month(year, month), count=count)


def _table(rows, total: Decimal, width: float):
    widths = [10 * mm, width - 10 * mm - 32 * mm - 40 * mm, 32 * mm, 40 * mm]
    header = [_("No."), _("Last name and first name"), _("PESEL"), _("Benefit paid (zł)")]
    body = [[str(number), layout.text(f"{row.last_name} {row.first_name}", "cell"), row.pesel or "—",
             money(row.benefit)] for number, row in enumerate(rows, 1)]
    footer = [_("Total to be refunded"), "", "", money(total)]
    return layout.table([header, *body, footer], widths, numeric_columns=[0, 3], total_row=True, extra=[
        ("SPAN", (0, -1), (2, -1)), ("ALIGN", (0, -1), (2, -1), "LEFT")])


def _director_caption(director: str) -> str:
    if director:
        return _("director's signature ({name})").format(name=director)
    return _("director's signature")
