"""The longer sections of the participant report: attendance (summary, chart, months), individual
programmes (the latest one's content, goals, reviews) and periodic assessments."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean
from xml.sax.saxutils import escape

from babel import dates as babel_dates
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from reintegra.db.enums import MONTH_TOTAL_STATUSES, SkillGroup
from reintegra.i18n import (_, format_date, format_month, format_number, format_percent, locale_name, ngettext,
                            pgettext)
from reintegra.reports import layout
from reintegra.services.assessments import AssessmentRow
from reintegra.services.attendance import MonthRow, month_total
from reintegra.services.labels import label, short_label
from reintegra.services.plans import PlanRow

# Up to two years the chart has a bar a month; a longer history gets a bar a year, which stays readable
# for ten years and more (the table gives every month).
CHART_MONTHS = 24

_SUBHEADING = ParagraphStyle("subheading", parent=layout.STYLES["body"], fontName=layout.BOLD, fontSize=10,
                             leading=13, spaceBefore=3.5 * mm, spaceAfter=1.5 * mm)
# Column headings wrap rather than run into the next column; condensed, so that one word fits.
_HEAD = ParagraphStyle("head", parent=layout.STYLES["cell-bold"], fontName=layout.CONDENSED_BOLD, fontSize=8,
                       leading=9.5)
_HEAD_RIGHT = ParagraphStyle("head-right", parent=_HEAD, alignment=TA_RIGHT)
_CAPTION = ParagraphStyle("caption", parent=layout.STYLES["small"], spaceBefore=1 * mm, spaceAfter=3 * mm)
_TOP = ("VALIGN", (0, 0), (-1, -1), "TOP")
# A subheading closer than this to the page foot moves to the next page with what follows it.
_ROOM_FOR_A_TABLE = 30 * mm


def subheading(value: str) -> list[Flowable]:
    return [CondPageBreak(_ROOM_FOR_A_TABLE), Paragraph(escape(value), _SUBHEADING)]


def head(value: str, right: bool = False) -> Paragraph:
    """A column heading."""
    return Paragraph(escape(value), _HEAD_RIGHT if right else _HEAD)


def head_row(*values: str) -> list[Paragraph]:
    return [head(value) for value in values]


# -- attendance ---------------------------------------------------------------------------------


def attendance_section(months: list[tuple[int, int, MonthRow]], *, ongoing: bool, today: date,
                       width: float) -> list[Flowable]:
    total = month_total([row for _year, _month, row in months], months[0][2].participant_id)
    first, last = format_month(*months[0][:2]), format_month(*months[-1][:2])
    period = first if first == last else _("{first} – {last}").format(first=first, last=last)
    content: list[Flowable] = []
    if total.working_days and total.rate is not None:
        content.append(layout.text(_(
            "Attendance {rate} in {period}: present on {present} of {days} working days entered, {hours} "
            "hours.").format(rate=rate_text(total), period=period, present=format_number(total.present),
                             days=format_number(total.entered_days), hours=format_number(total.hours))))
    if total.not_entered_days:
        # Days nobody typed in yet are neither present nor absent: out of the rate, counted here.
        content.append(layout.text(ngettext(
            "{count} working day has no entry yet and is left out of the rate.",
            "{count} working days have no entry yet and are left out of the rate.",
            total.not_entered_days).format(count=format_number(total.not_entered_days)), "small"))
    if ongoing:
        content.append(layout.text(_("Attendance is counted up to {date}.").format(date=format_date(today)),
                                   "small"))
    if total.rate is not None:  # a chart of no day entered would show nothing
        content += _chart(months, width)
    return [KeepTogether(content), _months_table(months, total, width)]


def _months_table(months: list[tuple[int, int, MonthRow]], total: MonthRow, width: float) -> Flowable:
    titles = [*(short_label(status) for status in MONTH_TOTAL_STATUSES), _("Working days"), _("Not entered"),
              pgettext("short column", "Hours"), pgettext("short column", "Rate")]
    rows: list[list] = [[head(_("Month"))] + [head(text, right=True) for text in titles]]
    for year, month, row in months:
        rows.append([format_month(year, month), *_counts(row)])
    rows.append([_("Total"), *_counts(total)])
    return layout.table(rows, _month_widths(titles, width), numeric_columns=range(1, len(titles) + 1),
                        total_row=True)


def _month_widths(titles: list[str], width: float) -> list[float]:
    """The month column, then equal columns — unless a heading's longest word would not fit its share (more
    statuses, narrower columns): then each column gets room for its longest word and the rest is shared."""
    first, columns = 32 * mm, len(titles)
    share = (width - first) / columns
    padding = 2 * 3  # the table's cell padding, left and right
    needed = [max(stringWidth(word, _HEAD.fontName, _HEAD.fontSize) for word in title.split()) + padding
              for title in titles]
    if all(need <= share for need in needed):
        return [first] + [share] * columns
    spare = (width - first - sum(needed)) / columns
    return [first] + [need + spare for need in needed]


def _counts(row: MonthRow) -> list[str]:
    return [*(format_number(row.counts[status]) for status in MONTH_TOTAL_STATUSES), format_number(row.working_days),
            format_number(row.not_entered_days), format_number(row.hours), rate_text(row) or "—"]


def rate_text(row: MonthRow) -> str:
    """The rate with one decimal rounded half up, as the attendance CSV and sheet write it (Babel would round
    half even: 1 of 16 days is 6,3%, not 6,2%)."""
    percent = row.percent
    return "" if percent is None else format_percent(percent / 100)


def _chart(months: list[tuple[int, int, MonthRow]], width: float) -> list[Flowable]:
    if len(months) <= CHART_MONTHS:
        names = [_short_month(year, month, first=index == 0) for index, (year, month, _row) in enumerate(months)]
        rates = [row.rate for _year, _month, row in months]
        caption = _("Attendance rate in each month (present ÷ working days of the placement with an entry).")
        with_values: list[str] = []
    else:
        years: dict[int, list[MonthRow]] = {}
        for year, _month, row in months:
            years.setdefault(year, []).append(row)
        names = [str(year) for year in years]
        totals = [month_total(rows) for rows in years.values()]
        rates = [total.rate for total in totals]
        caption = _("Attendance rate in each calendar year (present ÷ working days of the placement with an entry); "
                    "the table below gives every month.")
        with_values = [rate_text(total) for total in totals]
    return [_bar_chart(names, rates, width, with_values), Paragraph(escape(caption), _CAPTION)]


def _short_month(year: int, month: int, *, first: bool) -> str:
    """'sty' under each bar; the year under January and under the first bar."""
    name = babel_dates.format_date(date(year, month, 1), format="LLL", locale=locale_name()).rstrip(".")
    return f"{name}\n{year}" if first or month == 1 else name


def _bar_chart(names: list[str], rates: list[float | None], width: float, values: list[str]) -> Drawing:
    """Bars of the rate from 0 to 100%; ``values`` (when given) are written above the bars."""
    height = 44 * mm
    drawing = Drawing(width, height, initialFontName=layout.FONT)  # else Helvetica, unembedded, in the file
    chart = VerticalBarChart()
    chart.x, chart.y = 13 * mm, 6 * mm if values else 9 * mm  # a bar a month has two-line labels
    # A few months or years would make broad slabs; bars stay at most about a centimetre wide.
    chart.width = min(width - 16 * mm, max(len(names) * 16 * mm, 60 * mm))
    chart.height = height - chart.y - 5 * mm
    chart.data = [[None if rate is None else rate * 100 for rate in rates]]
    chart.bars[0].fillColor = layout.ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 4 if len(names) > 12 else 10
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, 100, 25
    axis.labelTextFormat = lambda value: format_percent(value / 100, 0)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = layout.FONT, 7, layout.GREY
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = True, layout.RULE, 0.25
    axis.strokeColor = layout.RULE
    categories = chart.categoryAxis
    categories.categoryNames = names
    categories.labels.fontName, categories.labels.fontSize, categories.labels.fillColor = layout.FONT, 7, layout.INK
    categories.labels.boxAnchor, categories.labels.dy = "n", -2
    categories.strokeColor = layout.RULE
    if values:
        chart.barLabelFormat = "values"
        chart.barLabelArray = [values]
        chart.barLabels.fontName, chart.barLabels.fontSize = layout.FONT, 7
        chart.barLabels.fillColor = layout.INK
        chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


# -- individual programmes ------------------------------------------------------------------------


def plans_section(plans: list[PlanRow], width: float) -> list[Flowable]:
    latest = plans[-1]
    content: list[Flowable] = subheading(_plan_title(latest))
    pairs = [
        (_("Forms and scope:"), latest.forms_and_scope),
        (_("Methods:"), latest.methods),
        (_("Cooperation with the family:"), latest.family_cooperation),
        (_("Planned results:"), latest.planned_results),
        (_("Activities:"), latest.activities),
        (_("People responsible:"), latest.responsible),
        (_("Next review:"), format_date(latest.next_review_date)),
    ]
    pairs = [(caption, value) for caption, value in pairs if value]
    if pairs:
        content.append(layout.key_values(pairs, width, label_share=0.27))
    if any(plan.goals for plan in plans):
        content += [*subheading(_("Goals")), _goals_table(plans, width)]
    if any(plan.reviews for plan in plans):
        content += [*subheading(_("Reviews")), _reviews_table(plans, width)]
    return content


def _plan_title(plan: PlanRow) -> str:
    if plan.end is None:
        period = _("since {date}").format(date=format_date(plan.start))
    else:
        period = _("{first} – {last}").format(first=format_date(plan.start), last=format_date(plan.end))
    return _("{kind}, {period}").format(kind=label(plan.kind), period=period)


def _goals_table(plans: list[PlanRow], width: float) -> Flowable:
    rows: list[list] = [head_row(_("Area"), _("Goal"), _("Target date"), _("Status"))]
    extra = [_TOP]
    for plan in plans:
        if not plan.goals:
            continue
        rows.append([Paragraph(escape(_plan_title(plan)), layout.STYLES["cell-bold"]), "", "", ""])
        row = len(rows) - 1
        # A plan's title row never stays alone at a page foot: it goes over with its first goal.
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), layout.ZEBRA),
                  ("NOSPLIT", (0, row), (-1, row + 1))]
        for goal in plan.goals:
            rows.append([layout.text(label(goal.area), "cell"), layout.text(goal.description, "cell"),
                         format_date(goal.target_date), label(goal.status)])
    widths = [42 * mm, 0, 22 * mm, 24 * mm]
    widths[1] = width - sum(widths)
    return layout.table(rows, widths, zebra=False, extra=extra)


def _reviews_table(plans: list[PlanRow], width: float) -> Flowable:
    rows: list[list] = [head_row(_("Date"), _("Kind"), _("Conclusion"), _("Reviewed by"))]
    for plan in plans:
        for review in plan.reviews:
            text = escape(review.conclusion)
            if review.decision:
                decision = _("Decision: {text}").format(text=review.decision)
                text = f"{text}<br/><b>{escape(decision)}</b>" if text else f"<b>{escape(decision)}</b>"
            rows.append([format_date(review.day), layout.text(label(review.kind), "cell"),
                         layout.markup(text or "—", "cell"), layout.text(review.reviewer or "—", "cell")])
    widths = [20 * mm, 34 * mm, 0, 32 * mm]
    widths[2] = width - sum(widths)
    return layout.table(rows, widths, extra=[_TOP])


# -- assessments ----------------------------------------------------------------------------------


def assessments_section(assessments: list[AssessmentRow], width: float) -> list[Flowable]:
    groups = [group for group in SkillGroup if any(s.group is group for a in assessments for s in a.scores)]
    content: list[Flowable] = []
    if groups:
        scale = max(s.scale_max for a in assessments for s in a.scores)
        content += [_group_means_table(assessments, groups, width), Paragraph(escape(_(
            "Average score of the skills assessed in each area, on a scale of 1 to {max}.").format(max=scale)),
            _CAPTION)]
        content += [*subheading(_("Skills at the first and the latest assessment") if len(assessments) > 1
                                else _("Skills assessed")),
                    _skills_table(assessments, groups, width)]
    else:  # assessments with a comment and no scores
        rows: list[list] = [head_row(_("Date"), _("Assessed by"), _("Comment"))]
        for assessment in assessments:
            rows.append([format_date(assessment.day), layout.text(_assessor(assessment), "cell"),
                         layout.text(assessment.comment or "—", "cell")])
        content.append(layout.table(rows, [20 * mm, 45 * mm, width - 65 * mm], extra=[_TOP]))
    return content


def _assessor(assessment: AssessmentRow) -> str:
    return ", ".join(part for part in (label(assessment.assessor_kind), assessment.assessor) if part)


def _group_means_table(assessments: list[AssessmentRow], groups: list[SkillGroup], width: float) -> Flowable:
    rows: list[list] = [[head(_("Date")), head(_("Assessed by")),
                         *[head(label(group), right=True) for group in groups], head(_("Comment"))]]
    for assessment in assessments:
        means = []
        for group in groups:
            scores = [s.score for s in assessment.scores if s.group is group]
            means.append(format_number(Decimal(str(mean(scores))).quantize(Decimal("0.1"), ROUND_HALF_UP), 1)
                         if scores else "—")
        rows.append([format_date(assessment.day), layout.text(_assessor(assessment), "cell"), *means,
                     layout.text(assessment.comment or "", "cell")])
    widths = [20 * mm, 44 * mm, *[25 * mm] * len(groups)]
    widths.append(width - sum(widths))
    return layout.table(rows, widths, numeric_columns=range(2, 2 + len(groups)), extra=[_TOP])


def _skills_table(assessments: list[AssessmentRow], groups: list[SkillGroup], width: float) -> Flowable:
    chosen = [assessments[0], assessments[-1]] if len(assessments) > 1 else [assessments[0]]
    scores = [{s.area: s.score for s in assessment.scores} for assessment in chosen]
    areas: dict[str, tuple[SkillGroup, int]] = {}
    for assessment in chosen:
        for s in assessment.scores:
            areas.setdefault(s.area, (s.group, s.position))
    header = [head(_("Skill area"))] + [head(format_date(a.day), right=True) for a in chosen]
    if len(chosen) == 2:
        header.append(head(_("Change"), right=True))
    rows: list[list] = [header]
    extra = []
    for group in groups:
        names = sorted((name for name, (g, _p) in areas.items() if g is group), key=lambda n: areas[n][1])
        if not names:
            continue
        rows.append([Paragraph(escape(label(group)), layout.STYLES["cell-bold"])] + [""] * (len(header) - 1))
        row = len(rows) - 1
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), layout.ZEBRA),
                  ("NOSPLIT", (0, row), (-1, row + 1))]
        for name in names:
            values = [found.get(name) for found in scores]
            line = [layout.text(name, "cell")] + [format_number(v) if v is not None else "—" for v in values]
            if len(chosen) == 2:
                line.append(_change(values[0], values[1]))
            rows.append(line)
    numbers = 24 * mm
    widths = [width - numbers * (len(header) - 1)] + [numbers] * (len(header) - 1)
    return layout.table(rows, widths, numeric_columns=range(1, len(header)), zebra=False, extra=extra)


def _change(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return "—"
    difference = last - first
    return f"+{difference}" if difference > 0 else (f"−{-difference}" if difference < 0 else "0")
