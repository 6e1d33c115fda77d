"""The CIS completion certificate (zaświadczenie o ukończeniu zajęć) and the register of those issued.

A certificate is given to a CIS or KIS participant who has left (a stay with an admission and an exit
date): it names the person, the period of the stay (admission → exit), each workshop with the days
present and the hours, and the skills acquired, and it bears a number ``sequence/year`` from the
register (``Certificate``), the date of issue and the director's signature line.

Hours: for each day of the stay whose status counts as present (``PRESENT_STATUSES``), the hours
recorded on that day, or — where the day has none recorded — the facility's day length
(``Facility.day_length_hours``); so a day recorded with the hours the daily log proposes counts
those hours, as the month totals and the summary count them. Days of other statuses count no hours.

The skills are prefilled (``draft_certificate``) from the goals of the person's plans marked achieved
and the strongest areas of the latest periodic assessment — at most three, scored above the middle
of their scale, highest first — as one text the director edits before issuing.

The register is a legal record of the numbers given: ``issue_certificate`` takes the next sequence of
the year of issue (the unique constraint on (year, sequence) guards two computers issuing at the same
moment: the loser takes the next number, or is refused with one sentence), stores what is printed and
records it in the audit log. Reprinting uses what was stored, under the same number. Only a director
or an administrator issues, reads the register or prints a certificate. Anonymising the person
(services/anonymisation.py, ``forget_holder``) keeps the entry's number, date and period and the
workshops' hours, and clears the holder's name, PESEL, birth date and the skills text: the entry then
names nobody, and the certificate can no longer be printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reintegra.db.enums import PRESENT_STATUSES, AuditAction, GoalStatus, Programme, Sex
from reintegra.db.models import (
    AttendanceDay,
    Certificate,
    IndividualPlan,
    Participant,
    Placement,
    PlanGoal,
    User,
    Workshop,
)
from reintegra.i18n import _, format_date, format_number
from reintegra.services import access, audit
from reintegra.services.anonymised import require_not_anonymised
from reintegra.services.assessments import assessments_for
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.records import get_or_gone

CERTIFICATE_PROGRAMMES = (Programme.CIS, Programme.KIS)
MAX_SKILLS_LENGTH = 3000  # what fits on the certificate's one page beside a few workshops
STRONGEST_AREAS = 3
_ATTEMPTS = 3  # numbers tried when another computer takes the same one at the same moment


@dataclass(frozen=True)
class WorkshopHours:
    """One workshop of the stay: the dates of its placements, the days present and the hours."""

    name: str
    start: date | None
    end: date | None
    days: int
    hours: Decimal

    def plain(self) -> dict:
        return {"name": self.name, "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "days": self.days, "hours": str(self.hours)}

    @classmethod
    def from_plain(cls, value: dict) -> WorkshopHours:
        return cls(value.get("name", ""), _day(value.get("start")), _day(value.get("end")),
                   int(value.get("days") or 0), Decimal(str(value.get("hours") or "0")))


@dataclass(frozen=True)
class CertificateDraft:
    """What a certificate for one stay would say, before it is issued (the skills are edited)."""

    participant_id: int
    holder: str
    pesel: str | None
    birth_date: date | None
    programme: Programme
    period_start: date
    period_end: date
    workshops: tuple[WorkshopHours, ...]
    skills: str
    sex: Sex | None = None  # the certificate's sentence in the person's grammatical gender

    @property
    def total_hours(self) -> Decimal:
        return sum((row.hours for row in self.workshops), Decimal("0"))


@dataclass
class CertificateFields:
    """What the director may change in the draft before issuing."""

    skills: str = ""


@dataclass(frozen=True)
class IssuedCertificate:
    """A certificate of the register, as printed (``holder`` empty once the person was anonymised)."""

    id: int
    number: str
    year: int
    sequence: int
    issued_on: date
    participant_id: int | None
    holder: str
    period_start: date
    period_end: date
    programme: Programme
    pesel: str | None
    birth_date: date | None
    workshops: tuple[WorkshopHours, ...]
    skills: str
    place: str
    director: str
    facility: str
    issued_by: str
    sex: Sex | None = None

    @property
    def total_hours(self) -> Decimal:
        return sum((row.hours for row in self.workshops), Decimal("0"))

    @property
    def anonymised(self) -> bool:
        return not self.holder


def number_of(year: int, sequence: int) -> str:
    """"3/2026": how the register and the certificate write the number."""
    return f"{sequence}/{year}"


# -- who may -------------------------------------------------------------------------------------


def require_issuer(actor: User | None) -> None:
    """A director or an administrator issues certificates and keeps the register; an instructor does not."""
    if access.is_instructor(actor):
        raise PermissionDenied(_("Only a director or an administrator issues completion certificates and "
                                 "keeps their register."))


# -- the draft -----------------------------------------------------------------------------------


def draft_certificate(session: Session, participant_id: int, *, actor: User | None = None) -> CertificateDraft:
    """The certificate a leaver of a CIS or KIS would get today: person, period, workshops with hours,
    and the skills prefilled (see the module's docstring); refused for anyone else with one sentence."""
    require_issuer(actor)
    stay = get_or_gone(session, Participant, participant_id)
    _require_leaver(stay)
    return CertificateDraft(
        participant_id=stay.id, holder=stay.full_name, pesel=stay.pesel, birth_date=stay.birth_date,
        programme=stay.programme, period_start=stay.admission_date, period_end=stay.exit_date,
        workshops=tuple(workshop_hours(session, stay)), skills=prefilled_skills(session, stay.id), sex=stay.sex)


def _require_leaver(stay: Participant) -> None:
    if stay.anonymised_at is not None:
        raise ValidationError("participant", _("The data of this person were anonymised, so no certificate can "
                                               "be issued to them any more."))
    if stay.programme not in CERTIFICATE_PROGRAMMES:
        raise ValidationError("participant", _(
            "A completion certificate is issued to a participant of a CIS or KIS, and {name} took part in "
            "a {programme}.").format(name=stay.full_name, programme=stay.programme.value))
    if stay.admission_date is None or stay.exit_date is None:
        raise ValidationError("participant", _(
            "A completion certificate is issued when the participation has ended, and {name} has no exit "
            "recorded.").format(name=stay.full_name))


def workshop_hours(session: Session, stay: Participant) -> list[WorkshopHours]:
    """Each workshop of the stay, in the order the person came to it: the days present between admission
    and exit and their hours (recorded, else the facility's day length)."""
    day_length = Decimal(str(get_facility(session).day_length_hours or 0))
    spans: dict[int, list[date | None]] = {}
    for workshop_id, start, end in session.execute(
            select(Placement.workshop_id, Placement.start_date, Placement.end_date)
            .where(Placement.participant_id == stay.id).order_by(Placement.start_date, Placement.id)):
        span = spans.setdefault(workshop_id, [start, end])
        span[0] = min(span[0], start)
        span[1] = None if span[1] is None or end is None else max(span[1], end)
    counted: dict[int, tuple[int, Decimal]] = {}
    for workshop_id, hours in session.execute(
            select(AttendanceDay.workshop_id, AttendanceDay.hours)
            .where(AttendanceDay.participant_id == stay.id, AttendanceDay.status.in_(PRESENT_STATUSES),
                   AttendanceDay.day.between(stay.admission_date, stay.exit_date))):
        days, total = counted.get(workshop_id, (0, Decimal("0")))
        counted[workshop_id] = (days + 1, total + (Decimal(str(hours)) if hours is not None else day_length))
    order = list(spans) + [workshop_id for workshop_id in counted if workshop_id not in spans]
    names = dict(session.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(order))).all())
    rows = []
    for workshop_id in order:
        start, end = spans.get(workshop_id, (None, None))
        days, hours = counted.get(workshop_id, (0, Decimal("0")))
        rows.append(WorkshopHours(names.get(workshop_id, ""), start, end, days, _plain_hours(hours)))
    return rows


def _plain_hours(hours: Decimal) -> Decimal:
    """28.50 → 28.5, 1170.00 → 1170 (never 1.17E+3): as the register stores and prints them."""
    value = hours.quantize(Decimal("0.01"))
    return value.to_integral() if value == value.to_integral() else value.normalize()


def prefilled_skills(session: Session, participant_id: int) -> str:
    """The achieved goals of the person's plans (oldest plan first), then the strongest areas of the
    latest periodic assessment; empty when there is neither."""
    goals = [text.strip() for text in session.scalars(
        select(PlanGoal.description).join(IndividualPlan, IndividualPlan.id == PlanGoal.plan_id)
        .where(IndividualPlan.participant_id == participant_id, PlanGoal.status == GoalStatus.ACHIEVED)
        .order_by(IndividualPlan.start_date, PlanGoal.position, PlanGoal.id)) if text and text.strip()]
    parts = []
    if goals:
        parts.append(_("Goals achieved in the individual plan:") + "\n" + "\n".join(f"– {goal}" for goal in goals))
    assessments = assessments_for(session, participant_id)
    if assessments:
        latest = assessments[-1]
        # Above the middle of the scale (1 … scale_max): 4 and 5 of 5.
        strong = sorted((item for item in latest.scores if item.scale_max and item.score * 2 > item.scale_max + 1),
                        key=lambda item: -item.score / item.scale_max)[:STRONGEST_AREAS]
        if strong:
            areas = ", ".join(f"{item.area} ({item.score}/{item.scale_max})" for item in strong)
            parts.append(_("Strongest areas in the periodic assessment of {date}: {areas}.").format(
                date=format_date(latest.day), areas=areas))
    return "\n\n".join(parts)


# -- issuing -------------------------------------------------------------------------------------


def issue_certificate(session: Session, participant_id: int, draft_fields: CertificateFields, *,
                      issued_on: date, actor: User | None = None, today: date | None = None) -> Certificate:
    """Gives the leaver the next number of the year of ``issued_on`` and stores the certificate as it will
    be printed; audited. Refused, with nothing written, for an instructor, a stay that is not a CIS/KIS
    leaver's, a date before the exit or after today, a date before the register's last of that year."""
    draft, skills = check_certificate(session, participant_id, draft_fields, issued_on=issued_on, actor=actor,
                                      today=today)
    facility = get_facility(session)
    content = {
        "programme": draft.programme.value, "pesel": draft.pesel, "sex": draft.sex.value if draft.sex else None,
        "birth_date": draft.birth_date.isoformat() if draft.birth_date else None,
        "workshops": [row.plain() for row in draft.workshops], "total_hours": str(draft.total_hours),
        "skills": skills, "facility": facility.name or "", "place": facility.city or "",
        "director": facility.director_name or "",
    }
    for _attempt in range(_ATTEMPTS):
        sequence = _next_sequence(session, issued_on.year)
        certificate = Certificate(year=issued_on.year, sequence=sequence, issued_on=issued_on,
                                  participant_id=participant_id, holder=draft.holder,
                                  period_start=draft.period_start, period_end=draft.period_end, content=content,
                                  issued_by_id=actor.id if actor else None)
        try:
            with session.begin_nested():
                session.add(certificate)
                session.flush()
        except IntegrityError:
            # Another computer took this number between our reading and writing: try the next one.
            continue
        audit.record(session, actor, AuditAction.CREATE, "certificate", certificate.id,
                     {"year": certificate.year, "sequence": certificate.sequence, "issued_on": issued_on},
                     participant_id=participant_id)
        return certificate
    raise ConflictError(_("Other computers were issuing certificates at the same moment and no number was "
                          "given; try again."))


def check_certificate(session: Session, participant_id: int, draft_fields: CertificateFields, *,
                      issued_on: date | None, actor: User | None = None, today: date | None = None
                      ) -> tuple[CertificateDraft, str]:
    """What ``issue_certificate`` would refuse, writing nothing; the draft and the skills as stored."""
    require_issuer(actor)
    require_not_anonymised(session, participant_id)
    draft = draft_certificate(session, participant_id, actor=actor)
    skills = _clean_skills(draft_fields.skills)
    _check_issued_on(session, draft, issued_on, today or date.today())
    return draft, skills


def _next_sequence(session: Session, year: int) -> int:
    return (session.scalar(select(func.max(Certificate.sequence)).where(Certificate.year == year)) or 0) + 1


def _clean_skills(skills: str | None) -> str:
    text = (skills or "").strip()
    if len(text) > MAX_SKILLS_LENGTH:
        raise ValidationError("skills", _("The skills acquired are too long for the certificate (at most "
                                          "{count} characters).").format(count=format_number(MAX_SKILLS_LENGTH)))
    return text


def _check_issued_on(session: Session, draft: CertificateDraft, issued_on: date | None, today: date) -> None:
    if issued_on is None:
        raise ValidationError("issued_on", _("Enter the date of issue."))
    if issued_on < draft.period_end:
        raise ValidationError("issued_on", _("A certificate is issued on or after the last day of the "
                                             "participation ({date}).").format(date=format_date(draft.period_end)))
    if issued_on > today:
        raise ValidationError("issued_on", _("A certificate cannot be dated after today ({date}).").format(
            date=format_date(today)))
    last = session.execute(select(Certificate.sequence, Certificate.issued_on)
                           .where(Certificate.year == issued_on.year)
                           .order_by(Certificate.sequence.desc()).limit(1)).first()
    if last is not None and issued_on < last.issued_on:
        raise ValidationError("issued_on", _(
            "The register's last certificate, {number}, is dated {date}; a new one cannot be dated earlier."
        ).format(number=number_of(issued_on.year, last.sequence), date=format_date(last.issued_on)))


# -- reading -------------------------------------------------------------------------------------


def _issued(certificate: Certificate, issued_by: str = "") -> IssuedCertificate:
    content = certificate.content or {}
    return IssuedCertificate(
        id=certificate.id, number=number_of(certificate.year, certificate.sequence), year=certificate.year,
        sequence=certificate.sequence, issued_on=certificate.issued_on, participant_id=certificate.participant_id,
        holder=certificate.holder or "", period_start=certificate.period_start, period_end=certificate.period_end,
        programme=Programme(content.get("programme") or Programme.CIS.value), pesel=content.get("pesel") or None,
        birth_date=_day(content.get("birth_date")),
        workshops=tuple(WorkshopHours.from_plain(row) for row in content.get("workshops") or []),
        skills=content.get("skills") or "", place=content.get("place") or "",
        director=content.get("director") or "", facility=content.get("facility") or "", issued_by=issued_by,
        sex=Sex(content["sex"]) if content.get("sex") else None)


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _rows(session: Session, condition) -> list[IssuedCertificate]:
    found = session.execute(
        select(Certificate, User.full_name, User.username).outerjoin(User, User.id == Certificate.issued_by_id)
        .where(condition).order_by(Certificate.year, Certificate.sequence))
    return [_issued(certificate, full_name or username or "") for certificate, full_name, username in found]


def certificates_of(session: Session, participant_id: int, *, actor: User | None = None) -> list[IssuedCertificate]:
    """The certificates issued for one stay, oldest first."""
    require_issuer(actor)
    return _rows(session, Certificate.participant_id == participant_id)


def get_certificate(session: Session, certificate_id: int, *, actor: User | None = None) -> IssuedCertificate:
    require_issuer(actor)
    rows = _rows(session, Certificate.id == certificate_id)
    if not rows:
        raise NotFoundError(_("This certificate is not in the register."))
    return rows[0]


def printable(session: Session, certificate_id: int, *, actor: User | None = None) -> IssuedCertificate:
    """A certificate to print (again), as it was issued; refused once its holder was anonymised."""
    certificate = get_certificate(session, certificate_id, actor=actor)
    if certificate.anonymised:
        raise ValidationError("certificate", _(
            "The holder of certificate {number} was anonymised after the retention period, so it can no "
            "longer be printed; the register keeps its number, date and period.").format(number=certificate.number))
    return certificate


def register(session: Session, year: int | None = None, *, actor: User | None = None) -> list[IssuedCertificate]:
    """The register of issued certificates (of one year, or all), in the order of their numbers."""
    require_issuer(actor)
    return _rows(session, Certificate.year == year if year is not None else Certificate.id.is_not(None))


def register_years(session: Session, *, actor: User | None = None) -> list[int]:
    require_issuer(actor)
    return list(session.scalars(select(Certificate.year).distinct().order_by(Certificate.year)))


# -- anonymisation -------------------------------------------------------------------------------


def forget_holder(session: Session, participant_ids: list[int]) -> None:
    """Called by anonymisation: the register keeps each entry's number, date, period and hours; the
    holder's name, PESEL, birth date and the skills text (which describes them) go."""
    for certificate in session.scalars(select(Certificate).where(Certificate.participant_id.in_(participant_ids))):
        content = dict(certificate.content or {})
        content.update(pesel=None, birth_date=None, skills="", sex=None)
        certificate.content = content
        certificate.holder = ""

