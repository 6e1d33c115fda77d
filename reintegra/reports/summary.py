"""The facility summary for a period as a PDF: the figures of ``statistics.facility_summary``
(the same numbers as the JSON and XLSX summary), the same per workshop, a bar chart (admissions
and exits by month or year, or for a single month each workshop's attendance rate), how the
figures are counted, and a line for the director's signature. The whole facility's figures, so a
director's or an administrator's: an instructor is refused (``statistics.facility_summary``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from xml.sax.saxutils import escape

from babel import dates as babel_dates
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle
from sqlalchemy.orm import Session

from reintegra.db.enums import EXIT_REASONS, ExitReason
from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_number, format_percent, locale_name, pgettext
from reintegra.reports import layout, summary_charts
from reintegra.reports.export import _SUMMARY_FIGURES as FIGURES
from reintegra.reports.export import SUMMARY_RATES, WAITING_FIGURES, summary_definitions, waiting_definition
from reintegra.services import labels, pathway, statistics
from reintegra.services.dates import add_months
from reintegra.services.statistics import FacilitySummary, Figures

NO_VALUE = "—"
_HEAD = ParagraphStyle("summary-head", parent=layout.STYLES["cell-bold"], fontName=layout.CONDENSED_BOLD,
                       fontSize=8, leading=9.5, alignment=TA_RIGHT)
_CELL_PADDING = 6  # left and right padding of layout.table's cells, in points
_HEAD_LEFT = ParagraphStyle("summary-head-left", parent=_HEAD, alignment=TA_LEFT)
# Workshops side by side in the table of exits by reason; more continue in a second table below.
_MAX_EXIT_COLUMNS = 6
# layout.signatures: a 16 mm space above two lines of text, with some room to spare.
_SIGNATURES_HEIGHT = 28 * mm


def summary_report(session: Session, start: date, end: date, *, as_of: date | None = None,
                   actor: User | None = None) -> bytes:
    """The facility summary for [start, end] as PDF bytes (A4, the UI language)."""
    summary = statistics.facility_summary(session, start, end, as_of=as_of, actor=actor)
    width = layout.content_width()
    story: list[Flowable] = [
        layout.title(_("Facility summary")),
        layout.subtitle(_("Period: {start} – {end}").format(start=format_date(start), end=format_date(end))),
    ]
    if summary.counted_until < start:
        story.append(layout.text(_("The period has not started yet, so there is no attendance to count."), "small"))
    elif summary.counted_until < end:
        story.append(layout.text(_("Attendance is counted up to {date}.").format(
            date=format_date(summary.counted_until)), "small"))
    story.append(KeepTogether([layout.heading(_("The facility's figures")),
                               _side_by_side(_figures_table(summary, width * 0.48),
                                             _exits_table(summary, width * 0.48), width),
                               layout.spacer(1.5), *_definitions()]))
    story.append(_waiting_section(summary, width * 0.48))
    story += _leavers_section(summary, width)
    # One chart: admissions and exits over the months or years of the period; for a period
    # within one month, where that would be a single group of bars, each workshop's attendance.
    trend = _trend_section(session, summary, width)
    story += trend
    story += _workshop_sections(summary, width, rate_chart=not trend)
    notes = _counting_notes()
    # The notes and the signature start a new page together rather than leave the signature line
    # alone on the last one. (Not a KeepTogether: layout.signatures is one, and a KeepTogether
    # inside another always breaks the page.)
    story += [CondPageBreak(_height(notes, width) + _SIGNATURES_HEIGHT), *notes,
              layout.signatures([_("Director")], width)]
    return layout.render(story, header=layout.facility_header(session), title=_("Facility summary"))


def _height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(flowable.wrap(width, layout.content_height())[1] + flowable.getSpaceBefore()
               + flowable.getSpaceAfter() for flowable in flowables)


# -- the facility's figures ---------------------------------------------------------------------


def _value(figures: Figures, name: str) -> str:
    if name in SUMMARY_RATES:
        return format_percent(getattr(figures, name)) or NO_VALUE
    return format_number(getattr(figures, name))


def _head(value: str, *, left: bool = False, width: float | None = None) -> Paragraph:
    """A header cell; given the column's width, a hyphenated word too wide for it breaks after its hyphen."""
    words = []
    for word in value.split(" "):
        too_wide = width is not None and stringWidth(word, _HEAD.fontName, _HEAD.fontSize) > width - _CELL_PADDING
        words.append("-<br/>".join(escape(part) for part in word.split("-")) if too_wide else escape(word))
    return Paragraph(" ".join(words), _HEAD_LEFT if left else _HEAD)


def _head_width(value: str) -> float:
    """The narrowest column in which every word of a header fits (it breaks at spaces and hyphens)."""
    words = value.replace("-", "- ").split()
    return max(stringWidth(word, _HEAD.fontName, _HEAD.fontSize) for word in words) + _CELL_PADDING + 1


def _definitions() -> list[Flowable]:
    """The new outcome figures and the attendance rate in a short line each, right under the table."""
    return [layout.markup(f"<b>{escape(term)}</b> – {escape(text)}", "small") for term, text in summary_definitions()]


def _figures_table(summary: FacilitySummary, width: float) -> Table:
    rows = [[_head(_("Figure"), left=True), _head(_("Value"))]]
    rows += [[layout.text(_(label), "cell"), _value(summary, name)] for name, label in FIGURES]
    return layout.table(rows, [width * 0.76, width * 0.24], numeric_columns=[1])


def _waiting_section(summary: FacilitySummary, width: float) -> KeepTogether:
    """The waiting list's figures (``services/waiting_list.py``), with how they are counted."""
    rows = [[_head(_("Figure"), left=True), _head(_("Value"))]]
    for name, label in WAITING_FIGURES:
        value = getattr(summary, name)
        rows.append([layout.text(_(label), "cell"), NO_VALUE if value is None else format_number(value)])
    table = layout.table(rows, [width * 0.76, width * 0.24], numeric_columns=[1])
    table.hAlign = "LEFT"
    return KeepTogether([layout.heading(_("Waiting list")), table, layout.spacer(1.5),
                         layout.text(waiting_definition(), "small")])


def _exits_table(summary: FacilitySummary, width: float) -> Table:
    rows = [[_head(_("Exit reason"), left=True), _head(pgettext("column", "Number")), _head(_("Share"))]]
    for reason in EXIT_REASONS:
        count = summary.exits_by_reason[reason]
        rows.append([layout.text(labels.label(reason), "cell"), format_number(count),
                     format_percent(count / summary.exited) if summary.exited else NO_VALUE])
    rows.append([layout.text(_("Total"), "cell-bold"), format_number(summary.exited),
                 format_percent(1) if summary.exited else NO_VALUE])
    return layout.table(rows, [width * 0.58, width * 0.19, width * 0.23], numeric_columns=[1, 2], total_row=True)


def _side_by_side(left: Flowable, right: Flowable, width: float) -> Table:
    result = Table([[left, right]], colWidths=[width / 2, width / 2])
    result.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), layout.FONT),  # else Helvetica is listed, unembedded, in the file
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (0, 0), "LEFT"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return result


# -- the path after: where the leavers are 3, 6 and 12 months later (services/pathway.py) ---------


def _leavers_section(summary: FacilitySummary, width: float) -> list[Flowable]:
    leavers = summary.leavers_after
    if leavers is None or not leavers.leavers:
        return []
    heads = [pathway.horizon_label(months) for months in pathway.HORIZONS]
    rows = [[_head(_("Where the leavers are"), left=True), *(_head(head) for head in heads)]]
    for place in pathway.PLACES:
        rows.append([layout.text(pathway.place_label(place), "cell"),
                     *(format_number(leavers.by_horizon[months][place]) for months in pathway.HORIZONS)])
    rows.append([layout.text(_("Leavers"), "cell-bold"), *(format_number(leavers.leavers) for _m in pathway.HORIZONS)])
    table = layout.table(rows, [width * 0.4, width * 0.2, width * 0.2, width * 0.2],
                         numeric_columns=[1, 2, 3], total_row=True)
    return [KeepTogether([layout.heading(_("The path after: where the leavers are")), table, layout.spacer(1.5),
                          layout.text(pathway.leavers_definition(), "small")])]


# -- admissions and exits over the period --------------------------------------------------------


def chart_periods(start: date, end: date) -> tuple[bool, list[tuple[date, date]]]:
    """The parts of [start, end] the chart shows: (by_year, [(first day, last day), …]).

    Calendar months for a period touching up to twelve of them, calendar years for a longer one;
    the first and last part are cut to the period.
    """
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months > 12:
        return True, [(max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
                      for year in range(start.year, end.year + 1)]
    parts = []
    first = start
    while first <= end:
        following = add_months(first.replace(day=1), 1)
        parts.append((first, min(end, following - timedelta(days=1))))
        first = following
    return False, parts


def _trend_section(session: Session, summary: FacilitySummary, width: float) -> list[Flowable]:
    by_year, parts = chart_periods(summary.start, summary.end)
    if len(parts) < 2:
        return []
    # Each part counted by the service itself, so that the bars add up to the figures above. The
    # chart needs no attendance: as_of before the part leaves the attendance window empty (the
    # counts shown do not depend on as_of) and spares a query per part.
    counted = [statistics.facility_summary(session, first, last, as_of=first - timedelta(days=1))
               for first, last in parts]
    series = [[part.admitted for part in counted], [part.exited for part in counted],
              [part.employed_at_exit for part in counted]]
    if not any(any(values) for values in series):
        return []
    if by_year:
        names = [str(first.year) for first, _last in parts]
    else:
        names = [babel_dates.format_skeleton("yMM", first, locale=locale_name()) for first, _last in parts]
    legend = [pgettext("column", "Admitted"), pgettext("column", "Exited"), _("Employed at exit")]
    chart = summary_charts.column_chart(names, series, legend, width, value_title=_("Number of people"),
                                        category_title=_("Year") if by_year else _("Month"))
    title = _("Admissions and exits by year") if by_year else _("Admissions and exits by month")
    block: list[Flowable] = [layout.heading(title), chart]
    first, last = summary.start, summary.end
    if by_year and (first != date(first.year, 1, 1) or last != date(last.year, 12, 31)):
        block.append(layout.text(_("A year cut by the start or the end of the period counts only its days "
                                   "within the period."), "small"))
    elif not by_year and (first.day != 1 or (last + timedelta(days=1)).day != 1):
        block.append(layout.text(_("A month cut by the start or the end of the period counts only its days "
                                   "within the period."), "small"))
    return [KeepTogether(block)]


# -- per workshop -------------------------------------------------------------------------------


def _workshop_sections(summary: FacilitySummary, width: float, *, rate_chart: bool) -> list[Flowable]:
    heading = layout.heading(_("Figures by workshop"))
    if not summary.by_workshop:
        return [KeepTogether([heading, layout.text(_("Nobody took part in any workshop in this period."))])]
    note = layout.text(_("A person who moved between workshops counts in each of them and a person not yet placed "
                         "in none, so the workshops need not add up to the whole facility, which counts every "
                         "person once."), "small")
    sections: list[Flowable] = [KeepTogether([heading, _workshop_table(summary, width, PEOPLE_COLUMNS),
                                              layout.spacer(1.5), note])]
    if rate_chart:
        sections += _rate_section(summary, width)
    exits_heading = layout.heading(_("Exits by reason and workshop"))
    if not summary.exited:
        return [*sections, KeepTogether([exits_heading, layout.text(_("Nobody exited in this period."))])]
    sections.append(KeepTogether([layout.heading(_("Outcomes by workshop")),
                                  _workshop_table(summary, width, OUTCOME_COLUMNS)]))
    tables = _exits_by_workshop_tables(summary, width)
    sections.append(KeepTogether([exits_heading, tables[0]]))
    sections += [KeepTogether([layout.spacer(3), table]) for table in tables[1:]]
    return sections


def _name_width(names: Sequence[str], least: float, most: float, font_size: float = 8.5) -> float:
    longest = max(stringWidth(name, layout.FONT, font_size) for name in names) + 6
    return min(max(longest, least), most)


# The figures by workshop in two tables, each narrow enough to leave the workshop's name whole: who
# took part, and where those who left went.
PEOPLE_COLUMNS = ("participants", "active_at_end", "admitted", "exited", "attendance_rate", "not_entered_days")
# (completed_not_in_education, what employed_within_90_days divides by, is in the facility's figures, the XLSX
# and the JSON: one more column would break the workshops' names.)
OUTCOME_COLUMNS = ("exited", "completed", "completion_rate", "employed_at_exit", "employed_within_90_days",
                   "retention_rate", "employed_after_6_months")


def _column_head(key: str) -> str:
    """A short header for a figure of FIGURES: the full names stand in the table of the facility's figures."""
    return {
        "participants": _("Participants"),
        "active_at_end": pgettext("column", "Active at the end"),
        "admitted": pgettext("column", "Admitted"),
        "exited": pgettext("column", "Exited"),
        "completed": pgettext("column", "Completed"),
        "completion_rate": _("Completion rate"),
        "employed_at_exit": _("Employed at exit"),
        "employed_within_90_days": pgettext("column", "Employed within 90 days"),
        "retention_rate": _("Retention rate"),
        "employed_after_6_months": pgettext("column", "Employed after 6 months"),
        "attendance_rate": _("Attendance rate"),
        "not_entered_days": pgettext("column", "Days not entered"),
    }[key]


def _workshop_table(summary: FacilitySummary, width: float, keys: Sequence[str]) -> Table:
    whole = _("Whole facility")
    heads = [_column_head(key) for key in keys]
    rows = [[_head(_("Workshop"), left=True), *(_head(head) for head in heads)]]
    for name, figures in summary.by_workshop.items():
        rows.append([layout.text(name, "cell"), *(_value(figures, key) for key in keys)])
    rows.append([layout.text(whole, "cell-bold"), *(_value(summary, key) for key in keys)])
    least = [_head_width(head) for head in heads]
    first = _name_width([*summary.by_workshop, whole], 35 * mm, width - sum(least))
    spare = (width - first - sum(least)) / len(heads)
    return layout.table(rows, [first, *(column + spare for column in least)],
                        numeric_columns=range(1, len(heads) + 1), total_row=True)


def _exits_by_workshop_tables(summary: FacilitySummary, width: float) -> list[Table]:
    """Reasons as rows, the workshops as columns (the whole facility's are above), in as many tables as needed."""
    columns = list(summary.by_workshop.items())
    reasons = [labels.label(reason) for reason in EXIT_REASONS]
    first = _name_width(reasons, 40 * mm, 50 * mm)
    needed = max(_head_width(name) for name, _figures in columns)
    fitting = max(1, min(_MAX_EXIT_COLUMNS, int((width - first) // needed)))
    size = math.ceil(len(columns) / math.ceil(len(columns) / fitting))
    other = min(max((width - first) / size, needed), 25 * mm)
    tables = []
    for chunk_start in range(0, len(columns), size):
        chunk = columns[chunk_start:chunk_start + size]
        rows = [[_head(_("Exit reason"), left=True), *(_head(name, width=other) for name, _figures in chunk)]]
        for reason, label in zip(EXIT_REASONS, reasons):
            rows.append([layout.text(label, "cell"),
                         *(format_number(figures.exits_by_reason[reason]) for _name, figures in chunk)])
        rows.append([layout.text(_("Total"), "cell-bold"),
                     *(format_number(figures.exited) for _name, figures in chunk)])
        table = layout.table(rows, [first, *[other] * len(chunk)], numeric_columns=range(1, len(chunk) + 1),
                             total_row=True)
        table.hAlign = "LEFT"
        tables.append(table)
    return tables


def _rate_section(summary: FacilitySummary, width: float) -> list[Flowable]:
    items = [(name, figures.attendance_rate) for name, figures in summary.by_workshop.items()
             if figures.attendance_rate is not None]
    if not items or summary.attendance_rate is None:
        return []
    items.append((_("Whole facility"), summary.attendance_rate))
    chart = summary_charts.rate_chart(items, width, value_title=_("Attendance rate"))
    return [KeepTogether([layout.heading(_("Attendance rate by workshop")), chart])]


# -- how the figures are counted ----------------------------------------------------------------


def _counting_notes() -> list[Flowable]:
    """How each figure is counted; the employment within 90 days (with the completers not gone on to
    education it divides by), the retention and the attendance rate are defined right under the figures
    (``_definitions``), not again here."""
    other = labels.label(ExitReason.OTHER)
    definitions = [
        (_("Participants in the period"),
         _("admitted people whose participation overlaps the period: admitted on or before its last day and not "
           "exited before its first day. Applicants on the waiting list are never counted.")),
        (_("Stays in the period"),
         _("the stays active at any time in the period; a person who left and was readmitted has a stay for each "
           "admission and counts once among the participants. Admissions and exits are counted per stay.")),
        (_("Readmitted after an earlier stay"),
         _("the stays admitted in the period whose person had been admitted before, for an earlier stay.")),
        (_("Active at the end of the period"),
         _("still taking part after the period's last day; a person who exits on the last day is not active at "
           "the end.")),
        (_("Admitted in the period"), _("the admission date falls within the period.")),
        (_("Exited in the period"),
         _("the exit date falls within the period; an exit recorded without a reason counts as “{other}”.").format(
             other=other)),
        (_("Completed the programme"),
         _("every exit of the period except dropping out, removal from the list and death.")),
        (_("Completion rate"),
         _("those who completed the programme divided by the exits of the period other than deaths; “—” when "
           "there were none.")),
        (_("Employed at exit"),
         _("exits for employment, to a social cooperative or to a vocational activity establishment (ZAZ).")),
        (_("Employed 6 months after exit"),
         _("exits of the period whose six months have passed by its last day and whose 6-month follow-up contact "
           "records work (employed, self-employed, in a social cooperative or a ZAZ).")),
        (_("Workshops"),
         _("a person counts in each workshop they were placed in during the period; an admission counts in the "
           "workshop of the first placement, an exit and the employment after it in the workshop of the last "
           "one.")),
    ]
    notes = [layout.markup(f"<b>{escape(term)}</b> – {escape(text)}", "small") for term, text in definitions]
    return [layout.heading(_("How the figures are counted")), *notes]
