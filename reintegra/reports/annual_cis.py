"""The annual report of a CIS (the social employment act's art. 5, in the order of the 2017 regulation's
template) or of a KIS (art. 18a), as the document the director signs and sends to the voivode: what it
says (``CisAnnualDocument`` and the row functions, shared with the XLSX of ``annual_cis_xlsx``) and the PDF.

Sections: participants and their eligibility groups, attendance, those who ended participation, those
who became economically independent (a KIS: also those employed after leaving), the reintegration
services, the benefits and premia paid (a CIS), staff, finances, other information; then place and date
and the director's signature line. The figures are ``services/cis_annual_report.py``'s; the look and the
table helpers are the WTZ report's (``annual_wtz``, ``annual_wtz_pdf``). A director's or an administrator's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether
from sqlalchemy.orm import Session

from reintegra.db.enums import EligibilityGroup, NoteCategory, Programme
from reintegra.db.models import User
from reintegra.i18n import _, format_date, format_number
from reintegra.private_files import open_private, write_replacing
from reintegra.reports import layout
from reintegra.reports.annual_wtz import exit_rows, month_name, not_filled, year_attendance
from reintegra.reports.annual_wtz_pdf import NO_VALUE, _cell_head, _figures, _rate
from reintegra.services import benefit, facility
from reintegra.services.cis_annual_report import (
    INDEPENDENCE_REASONS,
    NO_GROUP,
    CisAnnualReport,
    cis_annual_report,
)
from reintegra.services.labels import label


@dataclass
class CisAnnualDocument:
    """Everything the printed report shows."""

    report: CisAnnualReport
    facility_name: str
    facility_address: str
    facility_contact: str
    director: str
    as_of: date

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def programme(self) -> Programme:
        return self.report.programme

    @property
    def counted_until(self) -> date | None:
        """The day attendance and benefits are counted up to, when the year is not over on ``as_of``."""
        return self.as_of if self.as_of < date(self.year, 12, 31) else None


def cis_annual_document(session: Session, year: int, programme: Programme, *, as_of: date | None = None,
                        actor: User | None = None) -> CisAnnualDocument:
    as_of = as_of or date.today()
    report = cis_annual_report(session, year, programme, as_of=as_of, actor=actor)
    row = facility.get_facility(session)
    town = " ".join(part for part in (row.postal_code, row.city) if part)
    return CisAnnualDocument(
        report=report, facility_name=row.name or "",
        facility_address=", ".join(part for part in (row.address, town) if part),
        facility_contact=", ".join(part for part in (row.phone, row.email) if part),
        director=row.director_name or "", as_of=as_of)


# -- what it says (the PDF and the XLSX) -----------------------------------------------------------

def document_title(programme: Programme, year: int) -> str:
    if programme is Programme.KIS:
        return _("Report on the activity of the Social Integration Club for {year}").format(year=year)
    return _("Report on the activity of the Social Integration Centre for {year}").format(year=year)


def legal_basis(programme: Programme) -> str:
    if programme is Programme.KIS:
        return _("Drawn up under art. 18a of the act of 13 June 2003 on social employment.")
    return _("Drawn up under art. 5 of the act of 13 June 2003 on social employment, in the form of the 2017 "
             "regulation on the template of the report on the activity of a social integration centre.")


def facility_rows(document: CisAnnualDocument) -> list[tuple[str, str]]:
    name = _("Club:") if document.programme is Programme.KIS else _("Centre:")
    return [
        (name, document.facility_name),
        (_("Address:"), document.facility_address),
        (_("Phone, e-mail:"), document.facility_contact),
        (_("Director:"), document.director),
        (_("Reporting period:"), _("{first} – {last}").format(first=format_date(date(document.year, 1, 1)),
                                                             last=format_date(date(document.year, 12, 31)))),
    ]


def counted_until_note(document: CisAnnualDocument) -> str:
    if document.counted_until is None:
        return ""
    return _("The year is not over: attendance is counted up to {date}, and the benefits for the months that "
             "are over by then.").format(
        date=format_date(document.counted_until))


def section_titles(programme: Programme) -> dict[str, str]:
    """The numbered sections in the order they are printed."""
    titles = {
        "participants": _("Participants and their eligibility groups"),
        "attendance": _("Attendance"),
        "exits": _("Participants who ended their participation"),
        "independent": _("Participants who became economically independent"),
        "services": _("Reintegration services provided"),
        "benefits": _("Integration benefits and premia paid"),
        "staff": _("Staff"),
        "finances": _("Finances"),
        "other": _("Other information"),
    }
    if programme is Programme.KIS:
        del titles["benefits"]
    return titles


def participant_rows(report: CisAnnualReport) -> list[tuple[str, int]]:
    return [(_("Participants in the year"), report.participants),
            (_("of whom admitted in the year"), report.admitted),
            (_("of whom ended their participation in the year"), report.exited)]


def group_rows(report: CisAnnualReport) -> list[tuple[str, int]]:
    """Every group of the act (a zero too), then those with no group recorded when there are any."""
    rows = [(label(group), report.by_eligibility_group.get(group.value, 0)) for group in EligibilityGroup]
    if report.by_eligibility_group.get(NO_GROUP):
        rows.append((_("No group recorded"), report.by_eligibility_group[NO_GROUP]))
    return rows


def independent_rows(report: CisAnnualReport) -> list[tuple[str, int]]:
    return [(label(reason), report.economically_independent_by_reason.get(reason.value, 0))
            for reason in INDEPENDENCE_REASONS]


def note_rows(report: CisAnnualReport) -> list[tuple[str, int]]:
    return [(label(category), report.notes_by_category.get(category.value, 0)) for category in NoteCategory]


def money(value: Decimal | None) -> str:
    return NO_VALUE if value is None else benefit.format_money(value)


def definitions(programme: Programme) -> dict[str, str]:
    """What each figure is, printed under its table (``services/cis_annual_report.py``'s docstring, in short)."""
    texts = {
        "participants": _("Participants: the people whose stay in the programme overlaps the year (admitted on or "
                          "before 31 December and not left before 1 January), each counted once, as in the "
                          "facility summary. Admitted and ended: the stays whose admission or exit date falls "
                          "within the year."),
        "groups": _("A participant in several eligibility groups is counted under each of them, so the groups may "
                    "add up to more than the participants."),
        "attendance": _("Days present: the days on which participants were present. Working days with an entry: "
                        "the working days for which attendance was recorded (present or absent), summed over "
                        "everyone placed. Attendance rate = days present ÷ working days with an entry."),
        "independent": _("The participations ended in the year by taking up employment, starting an own business "
                         "or joining a social cooperative."),
        "services": _("The workshops in which participants were placed in the year, with the number of people "
                      "placed there, and the progress notes written in the year by category."),
        "benefits": _("The integration benefit and the motivational premia of the monthly benefit lists of the "
                      "year's months that are over, summed. “—”: the benefit of a month cannot be worked out (no "
                      "rule set with the amount in force)."),
        "employed_after": _("People whose participation ended in the year and whose follow-up contact after "
                            "leaving recorded employment (employed, self-employed, a social cooperative, a ZAZ), "
                            "each counted once."),
    }
    if programme is not Programme.KIS:
        del texts["employed_after"]
    return texts


def json_data(document: CisAnnualDocument) -> dict:
    return document.report.to_json_dict()


# -- the PDF ---------------------------------------------------------------------------------------

def cis_annual_pdf(session: Session, year: int, programme: Programme = Programme.CIS, *,
                   as_of: date | None = None, actor: User | None = None) -> bytes:
    """The CIS or KIS annual report of ``year`` as PDF bytes (A4, the UI language)."""
    document = cis_annual_document(session, year, programme, as_of=as_of, actor=actor)
    return render_cis_annual(document, header=layout.facility_header(session))


def render_cis_annual(document: CisAnnualDocument, *, header: layout.Header) -> bytes:
    width = layout.content_width()
    report = document.report
    numbered = {key: f"{number}. {text}"
                for number, (key, text) in enumerate(section_titles(document.programme).items(), 1)}
    explained = definitions(document.programme)
    story: list[Flowable] = [
        layout.title(document_title(document.programme, document.year)),
        layout.subtitle(legal_basis(document.programme)),
        layout.key_values(facility_rows(document), width, label_share=0.3),
    ]
    note = counted_until_note(document)
    if note:
        story += [layout.spacer(2), layout.text(note, "small")]
    people = (_("Figure"), _("People"))
    story += [
        layout.heading(numbered["participants"]),
        _figures(participant_rows(report), width, people),
        layout.spacer(1.5), layout.text(explained["participants"], "small"), layout.spacer(3),
        KeepTogether([layout.text(_("By eligibility group (art. 1 of the act)"), "cell-bold"), layout.spacer(1),
                      _figures(group_rows(report), width, (_("Eligibility group"), _("People"))),
                      layout.spacer(1.5), layout.text(explained["groups"], "small")]),
    ]
    story += _attendance(document, numbered["attendance"], width, explained["attendance"])
    if report.exited:
        story.append(KeepTogether([layout.heading(numbered["exits"]),
                                   _figures(exit_rows(report), width, (_("Reason for leaving"), _("People")),
                                            total=report.exited)]))
    else:
        story += [layout.heading(numbered["exits"]), layout.text(_("Nobody ended their participation in the year."))]
    independent = [layout.heading(numbered["independent"]),
                   _figures(independent_rows(report), width, (_("Became independent by"), _("People")),
                            total=report.economically_independent),
                   layout.spacer(1.5), layout.text(explained["independent"], "small")]
    if report.employed_after_leaving is not None:
        independent += [layout.spacer(3),
                        _figures([(_("Employed after leaving"), report.employed_after_leaving)], width, people),
                        layout.spacer(1.5), layout.text(explained["employed_after"], "small")]
    story.append(KeepTogether(independent))
    story += _typed(report.services, numbered["services"])
    if "benefits" in numbered:
        rows = [[_cell_head(_("Paid in the year")), _cell_head(_("Amount"), right=True)],
                [layout.text(_("Integration benefits"), "cell"), money(report.benefits_paid)],
                [layout.text(_("Motivational premia"), "cell"), money(report.premia_paid)]]
        story.append(KeepTogether([layout.heading(numbered["benefits"]),
                                   layout.table(rows, [width - 50 * mm, 50 * mm], numeric_columns=(1,)),
                                   layout.spacer(1.5), layout.text(explained["benefits"], "small")]))
    for key in ("staff", "finances", "other"):
        story += _typed(report.sections.get(key, ""), numbered[key])
    caption = _("director (signature and stamp)")
    if document.director:
        caption = f"{document.director}\n{caption}"
    story.append(layout.signatures([caption], width))
    return layout.render(story, header=header, title=_("Annual report for {year}").format(year=document.year))


def _attendance(document: CisAnnualDocument, heading: str, width: float, definition: str) -> list[Flowable]:
    report = document.report
    rows: list[list] = [[_cell_head(_("Month")), _cell_head(_("Days present"), right=True),
                         _cell_head(_("Working days with an entry"), right=True),
                         _cell_head(_("Attendance rate"), right=True)]]
    for month in report.monthly_attendance:
        rows.append([month_name(month.month), format_number(month.present), format_number(month.working_days),
                     _rate(month.rate)])
    present, entered, rate = year_attendance(report)
    rows.append([_("Year {year}").format(year=document.year), format_number(present), format_number(entered),
                 _rate(rate)])
    column = 38 * mm
    table = layout.table(rows, [width - 3 * column, column, column, column], numeric_columns=(1, 2, 3),
                         total_row=True)
    return [KeepTogether([layout.heading(heading), table, layout.spacer(1.5), layout.text(definition, "small")])]


def _typed(text: str, heading: str) -> list[Flowable]:
    text = text.strip()
    if not text:
        return [layout.heading(heading), layout.text(not_filled(), "small")]
    return [layout.heading(heading), layout.text(text, "note")]


# -- to a file (reports/annual.py's dispatch) -------------------------------------------------------

def write_cis_annual(session: Session, year: int, path: Path, suffix: str, *, programme: Programme,
                     as_of: date, actor: User | None) -> None:
    """The report of ``programme`` for ``year`` to ``path`` as .pdf, .xlsx or .json (``suffix``)."""
    document = cis_annual_document(session, year, programme, as_of=as_of, actor=actor)
    if suffix == ".pdf":
        layout.write_pdf(render_cis_annual(document, header=layout.facility_header(session)), path)
    elif suffix == ".xlsx":
        from reintegra.reports.annual_cis_xlsx import write_cis_annual_xlsx

        write_replacing(path, lambda temporary: write_cis_annual_xlsx(temporary, document))
    else:
        def write(temporary: Path) -> None:
            with open_private(temporary, "w", encoding="utf-8") as file:
                json.dump(json_data(document), file, ensure_ascii=False, indent=2)
                file.write("\n")

        write_replacing(path, write)

