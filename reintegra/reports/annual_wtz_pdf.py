"""The WTZ annual report (the WTZ regulation's § 21) as a PDF the director signs and sends to the
powiat: the title, the facility's data, each section with its figures and the definition printed
under it, the typed-in sections, then place and date and the director's signature line.
What it says comes from ``annual_wtz`` (the same as the XLSX). A director's or an administrator's.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_number
from reintegra.reports import layout
from reintegra.reports.annual_wtz import (
    WtzAnnualDocument,
    cause_rows,
    counted_until_note,
    definitions,
    degree_rows,
    document_title,
    exit_rows,
    facility_rows,
    legal_basis,
    month_name,
    not_filled,
    participant_rows,
    progressed_rows,
    section_titles,
    wtz_annual_document,
    year_attendance,
)

_TOP = ("VALIGN", (0, 0), (-1, -1), "TOP")
NO_VALUE = "—"


def wtz_annual_pdf(session: Session, year: int, *, as_of: date | None = None, actor: User | None = None) -> bytes:
    """The WTZ annual report of ``year`` as PDF bytes (A4, the UI language)."""
    document = wtz_annual_document(session, year, as_of=as_of, actor=actor)
    return render_wtz_annual(document, header=layout.facility_header(session))


def render_wtz_annual(document: WtzAnnualDocument, *, header: layout.Header) -> bytes:
    width = layout.content_width()
    titles = section_titles()
    numbered = {key: f"{number}. {text}" for number, (key, text) in enumerate(titles.items(), 1)}
    story: list[Flowable] = [
        layout.title(document_title(document.year)),
        layout.subtitle(legal_basis()),
        layout.key_values(facility_rows(document), width, label_share=0.3),
    ]
    note = counted_until_note(document)
    if note:
        story += [layout.spacer(2), layout.text(note, "small")]
    story += _participants(document, numbered["participants"], width)
    story += _attendance(document, numbered["attendance"], width)
    story += _typed(document, "forms_and_methods", numbered["forms_and_methods"])
    story += _exits(document, numbered["exits"], width)
    story += _progressed(document, numbered["progressed"], width)
    story += _council(document, numbered["council"], width)
    for key in ("finances", "income", "other"):
        story += _typed(document, key, numbered[key])
    caption = _("director of the workshop (signature and stamp)")
    if document.director:
        caption = f"{document.director}\n{caption}"
    story.append(layout.signatures([caption], width))
    # The page header's title is short: the facility's name stands beside it.
    return layout.render(story, header=header, title=_("Annual report for {year}").format(year=document.year))


def _count(value: int) -> str:
    return format_number(value)


def _figures(rows, width: float, head: tuple[str, str], *, total: int | None = None) -> Flowable:
    """A two-column table: what is counted, how many."""
    table_rows: list[list] = [[_cell_head(head[0]), _cell_head(head[1], right=True)]]
    table_rows += [[layout.text(text, "cell"), _count(count)] for text, count in rows]
    if total is not None:
        table_rows.append([_("Total"), _count(total)])
    return layout.table(table_rows, [width - 40 * mm, 40 * mm], numeric_columns=(1,), total_row=total is not None)


def _cell_head(text: str, *, right: bool = False) -> Flowable:
    return layout.text(text, "cell-bold") if not right else layout.markup(
        f"<para alignment='right'><b>{escape(text)}</b></para>", "cell")


def _definition(key: str) -> Flowable:
    return layout.text(definitions()[key], "small")


def _participants(document: WtzAnnualDocument, heading: str, width: float) -> list[Flowable]:
    report = document.report
    parts: list[Flowable] = [
        layout.heading(heading),
        _figures(participant_rows(report), width, (_("Figure"), _("People"))),
        layout.spacer(1.5), _definition("participants"), layout.spacer(3),
        KeepTogether([layout.text(_("By degree of disability"), "cell-bold"), layout.spacer(1),
                      _figures(degree_rows(report), width, (_("Degree of disability"), _("People")),
                               total=sum(report.by_degree.values()))]),
        layout.spacer(3),
    ]
    causes = cause_rows(report)
    if causes:
        rows: list[list] = [[_cell_head(_("Symbol")), _cell_head(_("Cause of disability")),
                             _cell_head(_("People"), right=True)]]
        rows += [[symbol, layout.text(name, "cell"), _count(count)] for symbol, name, count in causes]
        table = layout.table(rows, [22 * mm, width - 62 * mm, 40 * mm], numeric_columns=(2,))
        parts.append(KeepTogether([layout.text(_("By cause symbol of the disability certificate"), "cell-bold"),
                                   layout.spacer(1), table, layout.spacer(1.5), _definition("by_cause")]))
    else:
        parts.append(layout.text(_("No participant of the year has a cause symbol recorded."), "small"))
    return parts


def _attendance(document: WtzAnnualDocument, heading: str, width: float) -> list[Flowable]:
    report = document.report
    rows: list[list] = [[_cell_head(_("Month")), _cell_head(_("Days present"), right=True),
                         _cell_head(_("Working days with an entry"), right=True),
                         _cell_head(_("Attendance rate"), right=True)]]
    for month in report.monthly_attendance:
        rows.append([month_name(month.month), _count(month.present), _count(month.working_days), _rate(month.rate)])
    present, entered, rate = year_attendance(report)
    rows.append([_("Year {year}").format(year=document.year), _count(present), _count(entered), _rate(rate)])
    column = 38 * mm
    table = layout.table(rows, [width - 3 * column, column, column, column], numeric_columns=(1, 2, 3),
                         total_row=True)
    return [KeepTogether([layout.heading(heading), table, layout.spacer(1.5), _definition("attendance")])]


def _rate(rate) -> str:
    return NO_VALUE if rate is None else f"{format_number(rate, 1)}%"


def _exits(document: WtzAnnualDocument, heading: str, width: float) -> list[Flowable]:
    report = document.report
    if not report.exited:
        return [layout.heading(heading), layout.text(_("Nobody left the workshop in the year."))]
    return [KeepTogether([layout.heading(heading),
                          _figures(exit_rows(report), width, (_("Reason for leaving"), _("People")),
                                   total=report.exited)])]


def _progressed(document: WtzAnnualDocument, heading: str, width: float) -> list[Flowable]:
    table = _figures(progressed_rows(document.report), width,
                     (_("Kind of rehabilitation"), _("Participants who progressed") + "¹"))
    footnote = layout.text("¹ " + definitions()["progressed"], "small")
    return [KeepTogether([layout.heading(heading), table, layout.spacer(1.5), footnote])]


def _council(document: WtzAnnualDocument, heading: str, width: float) -> list[Flowable]:
    decisions = document.report.council_decisions
    if not decisions:
        return [layout.heading(heading), layout.text(_("The programme council made no decisions in the year."))]
    rows: list[list] = [[_cell_head(_("Date")), _cell_head(_("Participant")), _cell_head(_("Decision"))]]
    for decision in decisions:
        text = escape(decision.decision or NO_VALUE)
        if decision.conclusion:
            text += "<br/>" + f"<font color='#5f6b73'>{escape(decision.conclusion)}</font>"
        rows.append([format_date(decision.day), layout.text(decision.participant, "cell"),
                     layout.markup(text, "cell")])
    table = layout.table(rows, [22 * mm, 50 * mm, width - 72 * mm], extra=[_TOP])
    return [layout.heading(heading), table, layout.spacer(1.5), _definition("council")]


def _typed(document: WtzAnnualDocument, key: str, heading: str) -> list[Flowable]:
    text = document.sections.get(key, "").strip()
    if not text:
        return [layout.heading(heading), layout.text(not_filled(), "small")]
    return [layout.heading(heading), layout.text(text, "note")]
