"""The WTZ annual report's figures (the WTZ regulation's § 21) for one calendar year.

The whole facility's figures, so a director's or an administrator's: an instructor is refused
(``access.require_whole_facility``). What is counted where a rule already has a home is taken from
there, so the annual report never disagrees with the facility summary:

  participants, admitted, exited, exits_by_reason
                     ``statistics.facility_summary`` for 1 January – 31 December (people whose stay
                     overlaps the year, each once; admissions and exits per stay; the reason codes of
                     ``EXIT_REASONS``, an exit without a reason counted as ``other``).
  monthly_attendance twelve months, each ``statistics.facility_summary`` of that month: ``present`` =
                     days present, ``working_days`` = working days with an entry (the rate's
                     denominator), ``rate`` = ``statistics.attendance_percent`` (present ÷ working days
                     with an entry, a percentage with one decimal; None when no day has an entry).
                     Attendance is counted up to ``as_of`` (today), as in the summary.
  by_degree          the year's participants (people, each once) by degree of disability code
                     (``significant``, ``moderate``, ``light``; ``none`` when no degree is recorded).
  by_cause           the year's participants per cause symbol of the certificate ("01-U" …); a person
                     with several symbols counts under each of them, so the symbols may add up to
                     more than ``participants``; a person with no symbol is not counted here.
  progressed         per kind of rehabilitation (self_reliance, social, vocational: the skill areas'
                     group, ``SkillGroup``), the people who progressed in it: for a stay overlapping
                     the year, its assessments dated within the year are compared as the assessment
                     screen compares them (``assessments.comparison_of``): the mean of the kind's areas
                     at the latest assessment of the year that scored the kind, against the first one
                     of the year that scored it — for a stay admitted in the year that first one is the
                     admission assessment. The person progressed when that mean rose; one assessment
                     only, or none, is no progress. Each person once.
  council_decisions  the plan reviews of the programme council (``ReviewKind.COUNCIL``) dated within
                     the year: date, participant, decision (and the conclusion), by date.
  forms_and_methods  the workshops with a placement overlapping the year (names), and the distinct
                     "forms and scope" and "methods" texts of the individual plans active in the year
                     (start ≤ 31 December, no end or end ≥ 1 January), trimmed, empty ones left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import EXIT_REASONS, Programme, ReviewKind, SkillGroup
from reintegra.db.models import IndividualPlan, Participant, Placement, PlanReview, User, Workshop
from reintegra.i18n import _
from reintegra.services import access, assessments, statistics
from reintegra.services.collation import polish_key
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError

FIRST_YEAR = 2000
NO_DEGREE = "none"

# What the JSON's ``definitions`` says each figure is (the module docstring, in short).
DEFINITIONS = {
    "participants": "people whose stay overlaps the year (admitted on or before 31 December, not exited "
                    "before 1 January), each once; as in the facility summary",
    "admitted": "stays whose admission date falls within the year",
    "exited": "stays whose exit date falls within the year",
    "exits_by_reason": "the exits of the year by reason code, as in the facility summary; an exit without "
                       "a reason counts as 'other'",
    "by_degree": "the year's participants by degree of disability; 'none' when no degree is recorded",
    "by_cause": "the year's participants per cause symbol of the disability certificate; a person with "
                "several symbols counts under each of them, so the symbols may add up to more than the "
                "participants",
    "monthly_attendance": "per month, over everyone placed: present = days present, working_days = working "
                          "days with an entry, rate = present / working_days as a percentage with one "
                          "decimal (null when no day has an entry)",
    "progressed": "per kind (self-reliance, social, vocational rehabilitation: the groups of the assessment's "
                  "skill areas), the people whose mean score in the kind's areas rose from the first "
                  "assessment of the year that scored the kind (for those admitted in the year: the "
                  "admission assessment) to the latest one of the year; a single assessment is no progress",
    "council_decisions": "the programme council's plan reviews dated within the year",
    "forms_and_methods": "the workshops with a placement in the year, and the distinct forms and methods "
                         "of the individual plans active in the year",
}


@dataclass(frozen=True)
class MonthAttendance:
    month: str  # YYYY-MM
    present: int
    working_days: int  # working days with an entry
    rate: Decimal | None  # percent, one decimal

    def to_json_dict(self) -> dict[str, Any]:
        return {"month": self.month, "present": self.present, "working_days": self.working_days,
                "rate": None if self.rate is None else float(self.rate)}


@dataclass(frozen=True)
class CouncilDecision:
    day: date
    participant: str
    decision: str
    conclusion: str

    def to_json_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "participant": self.participant, "decision": self.decision,
                "conclusion": self.conclusion}


@dataclass
class WtzAnnualReport:
    year: int
    participants: int = 0
    admitted: int = 0
    exited: int = 0
    exits_by_reason: dict[str, int] = field(default_factory=dict)
    by_degree: dict[str, int] = field(default_factory=dict)
    by_cause: dict[str, int] = field(default_factory=dict)
    monthly_attendance: list[MonthAttendance] = field(default_factory=list)
    progressed: dict[str, int] = field(default_factory=dict)
    council_decisions: list[CouncilDecision] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)
    forms_and_scope: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)

    programme = Programme.WTZ

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "programme": self.programme.value,
            "participants": self.participants,
            "admitted": self.admitted,
            "exited": self.exited,
            "exits_by_reason": dict(self.exits_by_reason),
            "by_degree": dict(self.by_degree),
            "by_cause": dict(self.by_cause),
            "monthly_attendance": [month.to_json_dict() for month in self.monthly_attendance],
            "progressed": dict(self.progressed),
            "council_decisions": [decision.to_json_dict() for decision in self.council_decisions],
            "forms_and_methods": {"workshops": list(self.workshops), "forms_and_scope": list(self.forms_and_scope),
                                  "methods": list(self.methods)},
            "definitions": dict(DEFINITIONS),
        }


def check_year(year: int, today: date) -> None:
    """A year the report can be made for: from 2000 up to the current one."""
    if year < FIRST_YEAR or year > today.year:
        raise ValidationError("year", _("The annual report can be made for a year from {first} to {last}, "
                                        "not {year}.").format(first=FIRST_YEAR, last=today.year, year=year))


def wtz_annual_report(session: Session, year: int, *, as_of: date | None = None,
                      actor: User | None = None) -> WtzAnnualReport:
    """The WTZ annual report's figures for ``year`` as the module docstring defines them."""
    access.require_whole_facility(actor)
    as_of = as_of or date.today()
    check_year(year, as_of)
    start, end = date(year, 1, 1), date(year, 12, 31)
    # The WTZ's stays only: a facility running a CIS beside its workshop reports that one separately.
    summary = statistics.facility_summary(session, start, end, as_of=as_of, actor=actor, programme=Programme.WTZ)
    report = WtzAnnualReport(
        year=year, participants=summary.participants, admitted=summary.admitted, exited=summary.exited,
        exits_by_reason={reason.value: summary.exits_by_reason.get(reason, 0) for reason in EXIT_REASONS})
    stays = session.scalars(select(Participant).where(
        Participant.programme == Programme.WTZ, Participant.admission_date.is_not(None),
        Participant.admission_date <= end, or_(Participant.exit_date.is_(None), Participant.exit_date >= start))).all()
    _count_certificates(report, stays)
    report.monthly_attendance = monthly_attendance(session, year, as_of=as_of, actor=actor, programme=Programme.WTZ)
    report.progressed = _progressed(session, stays, start, end, actor)
    report.council_decisions = _council_decisions(session, start, end)
    _forms_and_methods(session, report, start, end)
    return report


def _count_certificates(report: WtzAnnualReport, stays: list[Participant]) -> None:
    degrees: dict[int, str] = {}
    causes: dict[int, set[str]] = {}
    for stay in stays:  # the person's data: the same for each of their stays
        degrees[stay.person_id] = stay.disability_degree.value if stay.disability_degree else NO_DEGREE
        causes[stay.person_id] = {symbol.strip() for symbol in stay.disability_causes or [] if symbol.strip()}
    counted = Counter(degrees.values())
    report.by_degree = {key: counted[key] for key in sorted(counted)}
    symbols = Counter(symbol for person in causes.values() for symbol in person)
    report.by_cause = {symbol: symbols[symbol] for symbol in sorted(symbols)}


def monthly_attendance(session: Session, year: int, *, as_of: date, actor: User | None = None,
                       programme: Programme | None = None) -> list[MonthAttendance]:
    """The twelve months of ``year`` as ``monthly_attendance`` defines them (of ``programme``'s stays only
    when given: the CIS/KIS report, ``services/cis_annual_report.py``)."""
    return [_month(session, year, month, as_of, actor, programme) for month in range(1, 13)]


def _month(session: Session, year: int, month: int, as_of: date, actor: User | None,
           programme: Programme | None = None) -> MonthAttendance:
    first = date(year, month, 1)
    last = add_months(first, 1) - timedelta(days=1)
    figures = statistics.facility_summary(session, first, last, as_of=as_of, actor=actor, programme=programme)
    return MonthAttendance(f"{year:04d}-{month:02d}", figures.present_days, figures.entered_days,
                           statistics.attendance_percent(figures.present_days, figures.entered_days))


def _progressed(session: Session, stays: list[Participant], start: date, end: date,
                actor: User | None) -> dict[str, int]:
    people: dict[SkillGroup, set[int]] = {group: set() for group in SkillGroup}
    for stay in stays:
        rows = [row for row in assessments.assessments_for(session, stay.id, actor=actor)
                if start <= row.day <= end]
        for line in assessments.comparison_of(rows).groups:
            if line.change is not None and line.change > 0:
                people[line.group].add(stay.person_id)
    return {group.value: len(people[group]) for group in SkillGroup}


def _council_decisions(session: Session, start: date, end: date) -> list[CouncilDecision]:
    rows = session.execute(
        select(PlanReview.day, PlanReview.decision, PlanReview.conclusion, Participant)
        .join(IndividualPlan, IndividualPlan.id == PlanReview.plan_id)
        .join(Participant, Participant.id == IndividualPlan.participant_id)
        .where(PlanReview.kind == ReviewKind.COUNCIL, PlanReview.day.between(start, end))
    ).all()
    decisions = [CouncilDecision(day, participant.full_name, (decision or "").strip(), (conclusion or "").strip())
                 for day, decision, conclusion, participant in rows]
    return sorted(decisions, key=lambda item: (item.day, polish_key(item.participant)))


def _distinct(texts) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        if text and text.strip():
            seen.setdefault(text.strip(), None)
    return sorted(seen, key=polish_key)


def _forms_and_methods(session: Session, report: WtzAnnualReport, start: date, end: date) -> None:
    report.workshops = _distinct(session.scalars(
        select(Workshop.name).join(Placement, Placement.workshop_id == Workshop.id)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(Participant.admission_date.is_not(None), Placement.start_date <= end,
               or_(Placement.end_date.is_(None), Placement.end_date >= start))))
    plans = session.execute(
        select(IndividualPlan.forms_and_scope, IndividualPlan.methods)
        .where(and_(IndividualPlan.start_date <= end,
                    or_(IndividualPlan.end_date.is_(None), IndividualPlan.end_date >= start)))).all()
    report.forms_and_scope = _distinct(forms for forms, _methods in plans)
    report.methods = _distinct(methods for _forms, methods in plans)


def forms_and_methods_of(report: WtzAnnualReport) -> str:
    """The report's forms and methods of work as the text the director edits (the typed-in section's
    prefill): the workshops, then the plans' forms and scope, then their methods, one per line."""
    parts: list[str] = []
    if report.workshops:
        parts.append(_("Workshops: {names}.").format(names=", ".join(report.workshops)))
    if report.forms_and_scope:
        parts.append("\n".join([_("Forms and scope of the activities (from the individual plans):")]
                               + [f"– {text}" for text in report.forms_and_scope]))
    if report.methods:
        parts.append("\n".join([_("Methods of work (from the individual plans):")]
                               + [f"– {text}" for text in report.methods]))
    return "\n\n".join(parts)


def forms_and_methods_text(session: Session, year: int) -> str:
    """``forms_and_methods_of`` the workshops and plans of ``year`` (no figure of a person in it)."""
    report = WtzAnnualReport(year=year)
    _forms_and_methods(session, report, date(year, 1, 1), date(year, 12, 31))
    return forms_and_methods_of(report)

