"""What the WTZ annual report says, in the words and order of the printed document: the title, the
facility's data, each § 21 section's rows and the definitions printed under them. The PDF
(``annual_wtz_pdf``) and the XLSX (``annual_wtz_xlsx``) are both built from these, so the two never
differ; the figures are ``services/annual_report.py``'s, the typed-in texts ``services/annual_sections.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel import dates as babel_dates
from sqlalchemy.orm import Session

from reintegra.db.enums import EXIT_REASONS, DisabilityDegree, Programme, SkillGroup
from reintegra.db.models import User
from reintegra.i18n import N_, _, format_date, locale_name
from reintegra.services import annual_sections, facility, statistics
from reintegra.services.annual_report import NO_DEGREE, WtzAnnualReport, wtz_annual_report
from reintegra.services.labels import label

# The cause symbols of the disability certificate (the regulation on ruling on disability, § 32).
CAUSE_NAMES = {
    "01-U": N_("intellectual disability"),
    "02-P": N_("mental illness"),
    "03-L": N_("voice, speech and hearing disorders"),
    "04-O": N_("eye diseases"),
    "05-R": N_("motor impairment"),
    "06-E": N_("epilepsy"),
    "07-S": N_("respiratory and circulatory diseases"),
    "08-T": N_("digestive diseases"),
    "09-M": N_("genitourinary diseases"),
    "10-N": N_("neurological diseases"),
    "11-I": N_("other"),
    "12-C": N_("pervasive developmental disorders"),
}


@dataclass
class WtzAnnualDocument:
    """Everything the printed report shows, translated where it is text."""

    report: WtzAnnualReport
    sections: dict[str, str]  # the typed-in sections by key (annual_sections.SECTIONS[WTZ])
    facility_name: str
    facility_address: str
    facility_contact: str
    director: str
    as_of: date

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def counted_until(self) -> date | None:
        """The day attendance is counted up to, when the year is not over on ``as_of``; else None."""
        end = date(self.year, 12, 31)
        return self.as_of if self.as_of < end else None


def wtz_annual_document(session: Session, year: int, *, as_of: date | None = None,
                        actor: User | None = None) -> WtzAnnualDocument:
    """The figures and the typed-in sections of ``year``'s WTZ report (a director's or an administrator's)."""
    as_of = as_of or date.today()
    report = wtz_annual_report(session, year, as_of=as_of, actor=actor)
    sections = annual_sections.section_texts(session, year, Programme.WTZ, actor=actor)
    row = facility.get_facility(session)
    town = " ".join(part for part in (row.postal_code, row.city) if part)
    return WtzAnnualDocument(
        report=report, sections=sections, facility_name=row.name or "",
        facility_address=", ".join(part for part in (row.address, town) if part),
        facility_contact=", ".join(part for part in (row.phone, row.email) if part),
        director=row.director_name or "", as_of=as_of)


def document_title(year: int) -> str:
    return _("Report on the activity of the occupational therapy workshop for {year}").format(year=year)


def legal_basis() -> str:
    return _("Drawn up under § 21 of the regulation of the Minister of Economy, Labour and Social Policy of "
             "25 March 2004 on occupational therapy workshops.")


def facility_rows(document: WtzAnnualDocument) -> list[tuple[str, str]]:
    return [
        (_("Workshop:"), document.facility_name),
        (_("Address:"), document.facility_address),
        (_("Phone, e-mail:"), document.facility_contact),
        (_("Director of the workshop:"), document.director),
        (_("Reporting period:"), _("{first} – {last}").format(first=format_date(date(document.year, 1, 1)),
                                                             last=format_date(date(document.year, 12, 31)))),
    ]


def counted_until_note(document: WtzAnnualDocument) -> str:
    """'' when the year is over; else that attendance is counted only up to ``as_of``."""
    if document.counted_until is None:
        return ""
    return _("The year is not over: attendance is counted up to {date}.").format(
        date=format_date(document.counted_until))


# -- the sections' rows ----------------------------------------------------------------------------

def section_titles() -> dict[str, str]:
    """The numbered sections in the order they are printed (figures and typed-in texts together)."""
    return {
        "participants": _("Participants"),
        "attendance": _("Attendance"),
        "forms_and_methods": _("Forms and methods of work"),
        "exits": _("Participants who left the workshop"),
        "progressed": _("Progress in rehabilitation"),
        "council": _("Decisions of the programme council"),
        "finances": _("Costs of the workshop and their sources"),
        "income": _("Income from selling products and services"),
        "other": _("Other information"),
    }


def participant_rows(report: WtzAnnualReport) -> list[tuple[str, int]]:
    return [(_("Participants in the year"), report.participants),
            (_("of whom admitted in the year"), report.admitted),
            (_("of whom left the workshop in the year"), report.exited)]


def degree_rows(report: WtzAnnualReport) -> list[tuple[str, int]]:
    """Every degree (a zero too), then those with none recorded when there are any."""
    rows = [(label(degree), report.by_degree.get(degree.value, 0)) for degree in DisabilityDegree]
    if report.by_degree.get(NO_DEGREE):
        rows.append((_("Degree not recorded"), report.by_degree[NO_DEGREE]))
    return rows


def cause_rows(report: WtzAnnualReport) -> list[tuple[str, str, int]]:
    """(symbol, what it stands for, people) for every symbol anyone of the year has."""
    return [(symbol, _(CAUSE_NAMES[symbol]) if symbol in CAUSE_NAMES else "", count)
            for symbol, count in report.by_cause.items()]


def month_name(month: str) -> str:
    """'2025-03' → 'marzec' / 'March' (the standalone name, as in a table's first column)."""
    year, number = (int(part) for part in month.split("-"))
    return babel_dates.format_date(date(year, number, 1), format="LLLL", locale=locale_name())


def year_attendance(report: WtzAnnualReport) -> tuple[int, int, object]:
    """(days present, working days with an entry, rate) summed over the twelve months."""
    present = sum(month.present for month in report.monthly_attendance)
    entered = sum(month.working_days for month in report.monthly_attendance)
    return present, entered, statistics.attendance_percent(present, entered)


def exit_rows(report: WtzAnnualReport, *, every_reason: bool = False) -> list[tuple[str, int]]:
    """(reason, exits) in the reasons' own order; only those with exits unless ``every_reason``."""
    return [(label(reason), report.exits_by_reason.get(reason.value, 0)) for reason in EXIT_REASONS
            if every_reason or report.exits_by_reason.get(reason.value, 0)]


def progressed_rows(report: WtzAnnualReport) -> list[tuple[str, int]]:
    return [(label(group), report.progressed.get(group.value, 0)) for group in SkillGroup]


def definitions() -> dict[str, str]:
    """What each figure is, printed under its table (``services/annual_report.py``'s docstring, in short)."""
    return {
        "participants": _("Participants: the people whose stay in the workshop overlaps the year (admitted on or "
                          "before 31 December and not left before 1 January), each counted once, as in the "
                          "facility summary. Admitted and left: the stays whose admission or exit date falls "
                          "within the year."),
        "by_cause": _("A participant whose certificate has several cause symbols is counted under each of them, "
                      "so the symbols may add up to more than the participants."),
        "attendance": _("Days present: the days on which participants were present. Working days with an entry: "
                        "the working days for which attendance was recorded (present or absent), summed over "
                        "everyone placed. Attendance rate = days present ÷ working days with an entry."),
        "progressed": _("A participant progressed in a kind of rehabilitation when the mean score of its skill "
                        "areas at the latest periodic assessment of the year is higher than at the first "
                        "assessment of the year that scored it (for those admitted in the year: the admission "
                        "assessment). A single assessment in the year is no progress. Each participant is "
                        "counted once per kind."),
        "council": _("The reviews of the individual plans held by the programme council within the year."),
    }


def not_filled() -> str:
    return _("Not filled in.")
