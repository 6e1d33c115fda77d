"""The annual report of a CIS (the social employment act's art. 5; the form of the 2017 regulation on
the report's template) and of a KIS (art. 18a) for one calendar year.

The whole facility's figures, so a director's or an administrator's: an instructor is refused
(``access.require_whole_facility``). A facility may run several programmes: only the stays whose
``programme`` is the one asked for count (``statistics.facility_summary(programme=)``). What has a home
elsewhere is taken from there, so the report never disagrees with the summary, the WTZ report or the
benefit list:

  participants, admitted, exited, exits_by_reason
                     ``statistics.facility_summary`` of the programme for 1 January – 31 December (people
                     whose stay overlaps the year, each once; admissions and exits per stay; the reason
                     codes of ``EXIT_REASONS``, an exit without a reason counted as ``other``).
  monthly_attendance the twelve months as in the WTZ report (``annual_report.monthly_attendance``), of the
                     programme's stays.
  by_eligibility_group
                     the year's participants (people, each once) per eligibility group of the act's art. 1
                     (``EligibilityGroup`` codes, as in the import), every group listed (0 when nobody),
                     then ``none`` for people with no group recorded. A person in several groups counts
                     under each of them (the groups of all their stays of the programme in the year), so
                     the groups may add up to more than ``participants``.
  economically_independent
                     the exits of the year for employment, an own business or a social cooperative (the
                     act's "usamodzielnienie ekonomiczne"), per stay as ``exits_by_reason`` counts them; and
                     ``economically_independent_by_reason`` with each of the three.
  reintegration_services
                     ``workshops``: each workshop with a placement of the programme's stays overlapping
                     the year, with the people placed there in the year; ``notes_by_category``: the progress
                     notes of the programme's participants dated within the year, per category (every
                     category listed); ``text``: the typed-in section ``services`` (``annual_sections``),
                     prefilled from those two (``services_text``) until the director saves it.
  benefits_paid, premia_paid
                     CIS: the integration benefit and the motivational premia of the monthly benefit
                     lists of the year's months that are over by ``as_of`` (``benefit.paid_in_year``),
                     summed, in zł. ``benefits_paid`` is None when a month's benefit cannot be worked out:
                     CIS participants were placed in a month no rule set covers, or a rule set has no
                     amount (then ``premia_paid`` is None too). KIS: 0 — the integration benefit is a CIS
                     participant's (art. 15); a KIS pays none.
  staff              the typed-in section ``staff``.
  employed_after_leaving (KIS only)
                     the people (each once) whose stay of the programme ended in the year and a follow-up
                     contact of that exit (``services/follow_ups.py``; made whenever) records employment
                     (employed, self-employed, a social cooperative, a ZAZ: ``EmploymentStatus.is_employed``).
                     A contact not made is no known employment.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import EXIT_REASONS, EligibilityGroup, ExitReason, NoteCategory, Programme
from reintegra.db.models import Participant, Placement, ProgressNote, User, Workshop
from reintegra.i18n import _
from reintegra.services import access, annual_sections, follow_ups, statistics
from reintegra.services.annual_report import MonthAttendance, check_year, monthly_attendance
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.labels import label

CIS_PROGRAMMES = (Programme.CIS, Programme.KIS)
NO_GROUP = "none"
ZERO = Decimal("0.00")
# The act's economic independence: the exits into work a CIS reports (a ZAZ is not among them: it is a
# programme for people with disabilities, not the labour market).
INDEPENDENCE_REASONS = (ExitReason.EMPLOYMENT, ExitReason.OWN_BUSINESS, ExitReason.SOCIAL_COOPERATIVE)

# What the JSON's ``definitions`` says each figure is (the module docstring, in short).
DEFINITIONS = {
    "participants": "people whose stay of the programme overlaps the year (admitted on or before 31 December, "
                    "not exited before 1 January), each once; as in the facility summary",
    "admitted": "stays of the programme whose admission date falls within the year",
    "exited": "stays of the programme whose exit date falls within the year",
    "exits_by_reason": "the exits of the year by reason code, as in the facility summary; an exit without "
                       "a reason counts as 'other'",
    "monthly_attendance": "per month, over everyone of the programme placed: present = days present, "
                          "working_days = working days with an entry, rate = present / working_days as a "
                          "percentage with one decimal (null when no day has an entry)",
    "by_eligibility_group": "the year's participants per eligibility group (art. 1 of the act); a person in "
                            "several groups counts under each of them, so the groups may add up to more than "
                            "the participants; 'none': no group recorded",
    "economically_independent": "exits of the year for employment, an own business or a social cooperative "
                                "(per stay, as exits_by_reason)",
    "reintegration_services": "workshops with a placement in the year and the people placed there; progress "
                              "notes dated within the year per category; text: the director's section "
                              "(prefilled from these until saved)",
    "benefits_paid": "CIS: the integration benefit of the monthly benefit lists of the year's months that are "
                     "over by the day the report is made, in zł; null when a month's benefit cannot be worked "
                     "out (participants placed in a month no rule set covers, or a rule set without the "
                     "amount); KIS: 0, a KIS pays no integration benefit",
    "premia_paid": "CIS: the motivational premia of those lists, in zł (null when a rule set has no amount); "
                   "KIS: 0",
    "staff": "typed in by the director",
    "employed_after_leaving": "KIS: people whose stay ended in the year and whose follow-up contact after "
                              "that exit records employment (employed, self-employed, social cooperative, "
                              "ZAZ), each once",
}


@dataclass(frozen=True)
class WorkshopServices:
    name: str
    people: int  # placed there in the year, each once

    def to_json_dict(self) -> dict[str, Any]:
        return {"name": self.name, "participants": self.people}


@dataclass
class CisAnnualReport:
    year: int
    programme: Programme
    participants: int = 0
    admitted: int = 0
    exited: int = 0
    exits_by_reason: dict[str, int] = field(default_factory=dict)
    monthly_attendance: list[MonthAttendance] = field(default_factory=list)
    by_eligibility_group: dict[str, int] = field(default_factory=dict)
    economically_independent: int = 0
    economically_independent_by_reason: dict[str, int] = field(default_factory=dict)
    workshops: list[WorkshopServices] = field(default_factory=list)
    notes_by_category: dict[str, int] = field(default_factory=dict)
    benefits_paid: Decimal | None = ZERO
    premia_paid: Decimal | None = ZERO
    employed_after_leaving: int | None = None  # a KIS's only
    sections: dict[str, str] = field(default_factory=dict)  # the typed-in sections (annual_sections)

    @property
    def services(self) -> str:
        return self.sections.get("services", "")

    @property
    def staff(self) -> str:
        return self.sections.get("staff", "")

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": self.year,
            "programme": self.programme.value,
            "participants": self.participants,
            "admitted": self.admitted,
            "exited": self.exited,
            "exits_by_reason": dict(self.exits_by_reason),
            "monthly_attendance": [month.to_json_dict() for month in self.monthly_attendance],
            "by_eligibility_group": dict(self.by_eligibility_group),
            "economically_independent": self.economically_independent,
            "economically_independent_by_reason": dict(self.economically_independent_by_reason),
            "reintegration_services": {
                "workshops": [workshop.to_json_dict() for workshop in self.workshops],
                "notes_by_category": dict(self.notes_by_category),
                "text": self.services,
            },
            "benefits_paid": _money(self.benefits_paid),
            "premia_paid": _money(self.premia_paid),
            "staff": self.staff,
        }
        if self.programme is Programme.KIS:
            data["employed_after_leaving"] = self.employed_after_leaving
        data["sections"] = dict(self.sections)
        definitions = dict(DEFINITIONS)
        if self.programme is not Programme.KIS:
            del definitions["employed_after_leaving"]
        data["definitions"] = definitions
        return data


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def check_programme(programme: Programme) -> None:
    if programme not in CIS_PROGRAMMES:
        raise ValidationError("programme", _("The report of a social integration centre or club is made for a CIS "
                                             "or a KIS, not for a {programme}.").format(programme=programme.value))


def cis_annual_report(session: Session, year: int, programme: Programme = Programme.CIS, *,
                      as_of: date | None = None, actor: User | None = None) -> CisAnnualReport:
    """The CIS or KIS annual report's figures for ``year`` as the module docstring defines them."""
    access.require_whole_facility(actor)
    as_of = as_of or date.today()
    check_programme(programme)
    check_year(year, as_of)
    start, end = date(year, 1, 1), date(year, 12, 31)
    summary = statistics.facility_summary(session, start, end, as_of=as_of, actor=actor, programme=programme)
    report = CisAnnualReport(
        year=year, programme=programme, participants=summary.participants, admitted=summary.admitted,
        exited=summary.exited,
        exits_by_reason={reason.value: summary.exits_by_reason.get(reason, 0) for reason in EXIT_REASONS})
    report.economically_independent_by_reason = {reason.value: report.exits_by_reason[reason.value]
                                                 for reason in INDEPENDENCE_REASONS}
    report.economically_independent = sum(report.economically_independent_by_reason.values())
    report.monthly_attendance = monthly_attendance(session, year, as_of=as_of, actor=actor, programme=programme)
    report.by_eligibility_group = _by_eligibility_group(session, programme, start, end)
    report.workshops = _workshops(session, programme, start, end)
    report.notes_by_category = _notes_by_category(session, programme, start, end)
    if programme is Programme.CIS:
        report.benefits_paid, report.premia_paid = _benefits(session, year, as_of, actor)
    else:
        report.employed_after_leaving = _employed_after_leaving(session, programme, start, end, actor)
    report.sections = annual_sections.section_texts(session, year, programme, actor=actor)
    return report


def _stays(programme: Programme, start: date, end: date):
    """The programme's admitted stays overlapping [start, end] (as the summary counts them)."""
    return (Participant.programme == programme, Participant.admission_date.is_not(None),
            Participant.admission_date <= end, or_(Participant.exit_date.is_(None), Participant.exit_date >= start))


def _by_eligibility_group(session: Session, programme: Programme, start: date, end: date) -> dict[str, int]:
    groups: dict[int, set[str]] = {}
    for person_id, codes in session.execute(
            select(Participant.person_id, Participant.eligibility_groups).where(*_stays(programme, start, end))):
        groups.setdefault(person_id, set()).update(code for code in codes or [] if code)
    counted = Counter(code for codes in groups.values() for code in codes)
    known = [group.value for group in EligibilityGroup]
    result = {code: counted.get(code, 0) for code in known}
    result.update({code: counted[code] for code in sorted(counted) if code not in result})
    result[NO_GROUP] = sum(1 for codes in groups.values() if not codes)
    return result


def _workshops(session: Session, programme: Programme, start: date, end: date) -> list[WorkshopServices]:
    rows = session.execute(
        select(Workshop.name, func.count(func.distinct(Participant.person_id)))
        .join(Placement, Placement.workshop_id == Workshop.id)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(*_stays(programme, start, end), Placement.start_date <= end,
               or_(Placement.end_date.is_(None), Placement.end_date >= start))
        .group_by(Workshop.name)).all()
    return sorted((WorkshopServices(name, int(people)) for name, people in rows), key=lambda row: polish_key(row.name))


def _notes_by_category(session: Session, programme: Programme, start: date, end: date) -> dict[str, int]:
    counted = dict(session.execute(
        select(ProgressNote.category, func.count())
        .join(Participant, Participant.id == ProgressNote.participant_id)
        .where(Participant.programme == programme, ProgressNote.day.between(start, end))
        .group_by(ProgressNote.category)).all())
    return {category.value: int(counted.get(category, 0)) for category in NoteCategory}


def _benefits(session: Session, year: int, as_of: date,
              actor: User | None) -> tuple[Decimal | None, Decimal | None]:
    """The benefit and the premia of the year's monthly lists (``benefit.paid_in_year``: the months over by
    ``as_of``); the benefit None when a month's cannot be worked out: a rule set without the amount (then
    the premia too), or CIS participants placed in a month no rule set covers."""
    from reintegra.services import benefit  # the engine; imported here: it is a CIS's only

    try:
        paid = benefit.paid_in_year(session, year, today=as_of, actor=actor)
    except ValidationError:  # a rule set without the amount: the director enters it in Settings
        return None, None
    for month in range(1, 13):
        if benefit.is_provisional(year, month, as_of):
            break
        if benefit.month_rule(session, year, month) is None and _placed_in(session, year, month):
            return None, paid.premium
    return paid.benefit, paid.premium


def _placed_in(session: Session, year: int, month: int) -> bool:
    """Whether a CIS participant was placed in a workshop in the month (so is on its benefit list)."""
    first = date(year, month, 1)
    last = add_months(first, 1) - timedelta(days=1)
    return session.scalar(select(
        select(Placement.id).join(Participant, Participant.id == Placement.participant_id)
        .where(Participant.programme == Programme.CIS, Participant.admission_date.is_not(None),
               Placement.start_date <= last, or_(Placement.end_date.is_(None), Placement.end_date >= first))
        .exists())) or False


def _employed_after_leaving(session: Session, programme: Programme, start: date, end: date,
                            actor: User | None) -> int:
    leavers = session.execute(
        select(Participant.id, Participant.person_id, Participant.exit_date)
        .where(Participant.programme == programme, Participant.admission_date.is_not(None),
               Participant.exit_date.between(start, end))).all()
    employed: set[int] = set()
    for participant_id, person_id, exit_date in leavers:
        contacts = follow_ups.follow_ups_of(session, participant_id, exit_date=exit_date, actor=actor)
        if any(row.contact_date is not None and row.employment_status is not None
               and row.employment_status.is_employed for row in contacts):
            employed.add(person_id)
    return len(employed)


def services_text(session: Session, year: int, programme: Programme) -> str:
    """The section ``services`` as prefilled until the director saves it: the workshops with the people placed
    there, then the progress notes per category (no person named)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    parts: list[str] = []
    workshops = _workshops(session, programme, start, end)
    if workshops:
        parts.append("\n".join([_("Workshops (people placed in the year):")]
                               + [f"– {row.name}: {row.people}" for row in workshops]))
    notes = {code: count for code, count in _notes_by_category(session, programme, start, end).items() if count}
    if notes:
        parts.append("\n".join([_("Progress notes written in the year, by category:")]
                               + [f"– {label(NoteCategory(code))}: {count}" for code, count in notes.items()]))
    return "\n\n".join(parts)
