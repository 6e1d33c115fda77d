"""The CIS integration benefit (świadczenie integracyjne) of a month: the list of every CIS participant
with their days present and absent by kind, the working days of their placements, and the amounts —
the benefit under the month's rule set, the motivational premium (premia integracyjna) and the total.

The counts follow ``attendance.participant_months``: every workshop the person was placed in that
month, working days (Monday–Friday minus Polish public holidays) of their placements. The column
``working_days`` is counted up to today, as the attendance list always was.

The amounts (social employment act, art. 15; the centre's rule sets, ``services/benefit_rules.py``):

- the month's rule set is the one in force on its first day (a set starting mid-month applies from
  the next month);
- placed only part of the month's working days: ``amount`` × placed working days ÷ working days of
  the month; placed for all of them: ``amount``;
- then the deductions, each a fraction of ``amount`` per day: unexcused days × the unexcused
  deduction; sick days, each numbered within the stay's sick days (those of earlier months of the
  same stay count first): within ``sick_days_limit`` at the sick deduction, beyond it at the
  over-the-limit deduction; excused days × the excused deduction; days off on request (leave, UW/DW)
  within the stay's ``free_days_limit`` are paid in full, each beyond it counts as an excused day
  and the row says so; days off given by the centre (W) and days present cost nothing;
- more unexcused days than ``unexcused_days_forfeit``: no benefit for the month;
- never below 0, rounded to the grosz half up at the end.

A stay is one ``Participant`` row: the limits count its days from its admission on.

The amounts are those of a finished month. For the month still running (or one ahead) they are
provisional (``is_provisional``): the placed working days run to the month's end, as planned, and
only the absences recorded so far are deducted — what the month pays if the rest of it goes without
an absence. The lists say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from reintegra.db.enums import PRESENT_STATUSES, STATUSES, AttendanceStatus, AuditAction, Programme
from reintegra.db.models import AttendanceDay, BenefitPremium, BenefitRule, Participant, Placement, User, Workshop
from reintegra.i18n import _, format_date, format_month, format_number, ngettext
from reintegra.services import access, audit, benefit_rules, calendar, labels
from reintegra.services.attendance import no_days
from reintegra.services.collation import polish_key
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ReintegraError, \
    ValidationError

ZERO = Decimal("0")
GROSZ = Decimal("0.01")


@dataclass
class BenefitRow:
    """One CIS participant's month: the line of the benefit list."""

    participant_id: int
    last_name: str
    first_name: str
    pesel: str | None
    workshops: list[str] = field(default_factory=list)  # in the order they were placed there
    counts: dict[AttendanceStatus, int] = field(default_factory=no_days)  # days recorded with each status
    working_days: int = 0  # of the placements, up to today
    # the amounts (None: no rule set in force for the month)
    benefit: Decimal | None = None
    premium: Decimal = ZERO
    total: Decimal | None = None  # benefit + premium
    premium_note: str = ""
    premium_version: int | None = None  # None: no premium entered
    # the stay's limits: days used from the admission to the month's end, against the rule set's limits
    sick_days_used: int = 0
    days_off_used: int = 0
    sick_days_limit: int | None = None
    days_off_limit: int | None = None
    placed_working_days: int = 0  # of the placements, to the month's end: what the benefit is prorated on
    month_working_days: int = 0
    warnings: list[str] = field(default_factory=list)  # translated sentences

    @property
    def present(self) -> int:
        return sum(self.counts[status] for status in PRESENT_STATUSES)

    def numbers(self) -> list[int]:
        """The list's count columns: a day count per status (in the order of ``STATUSES``), then working days."""
        return [*self.counts.values(), self.working_days]

    def amounts(self) -> list[Decimal | None]:
        """The columns of ``money_headers``: benefit, premium, total."""
        return [self.benefit, self.premium, self.total]

    def limits(self) -> list[int | None]:
        """The columns of ``limit_headers``: sick days used in the stay, their limit, days off, their limit."""
        return [self.sick_days_used, self.sick_days_limit, self.days_off_used, self.days_off_limit]


@dataclass(frozen=True)
class MonthDays:
    """What one person's benefit for a month is computed from."""

    month_working_days: int
    placed_working_days: int
    unexcused: int = 0
    excused: int = 0
    sick: int = 0
    leave: int = 0
    sick_before: int = 0  # sick days of the same stay before the month
    leave_before: int = 0  # days off on request of the same stay before the month


@dataclass(frozen=True)
class Amount:
    """The benefit of a month and how the rule set's limits bore on it."""

    benefit: Decimal
    sick_over_limit: int = 0  # the month's sick days beyond the stay's limit
    leave_over_limit: int = 0  # the month's days off beyond the stay's free days (paid as excused days)
    forfeited: bool = False  # more unexcused days than the rule set allows: nothing paid


def month_rule(session: Session, year: int, month: int) -> BenefitRule | None:
    """The rule set of the month (in force on its first day); None when none had begun yet.

    A set without an amount (what an older database's rules became) is refused with one sentence:
    the amounts cannot be worked out until the director enters the monthly benefit in Settings.
    """
    rule = benefit_rules.rule_in_force(session, date(year, month, 1))
    if rule is not None and not rule.amount:
        raise ValidationError("amount", _(
            "The CIS benefit rules in force from {date} have no amount of the benefit: the director enters the "
            "monthly benefit in Settings, on the CIS benefits tab, before the amounts can be worked out.").format(
            date=format_date(rule.valid_from)))
    return rule


def benefit_amount(rule: BenefitRule, days: MonthDays) -> Amount:
    """The benefit of one person's month under ``rule`` (see the module's docstring)."""
    amount = Decimal(rule.amount)
    if 0 < days.month_working_days and days.placed_working_days < days.month_working_days:
        base = amount * days.placed_working_days / days.month_working_days
    else:
        base = amount
    sick_over = _beyond(days.sick, days.sick_before, rule.sick_days_limit)
    leave_over = _beyond(days.leave, days.leave_before, rule.free_days_limit)
    forfeit = rule.unexcused_days_forfeit
    if forfeit is not None and days.unexcused > forfeit:
        return Amount(ZERO, sick_over, leave_over, forfeited=True)
    deducted = amount * (days.unexcused * Decimal(rule.unexcused_day_deduction)
                         + (days.sick - sick_over) * Decimal(rule.sick_day_deduction)
                         + sick_over * Decimal(rule.sick_over_limit_deduction)
                         + (days.excused + leave_over) * Decimal(rule.excused_day_deduction))
    return Amount(max(ZERO, base - deducted).quantize(GROSZ, rounding=ROUND_HALF_UP), sick_over, leave_over)


def _beyond(in_month: int, before: int, limit: int | None) -> int:
    """How many of the month's days, numbered after the stay's ``before``, are beyond ``limit``."""
    if limit is None:
        return 0
    return in_month - max(0, min(in_month, limit - before))


def is_provisional(year: int, month: int, today: date | None = None) -> bool:
    """Whether the month has not ended yet on ``today``: its amounts may still change."""
    return calendar.month_bounds(year, month)[1] >= (today or date.today())


def format_money(value: Decimal | None) -> str:
    """'1 123,20 zł' ('' for no amount)."""
    if value is None:
        return ""
    return _("{amount} zł").format(amount=format_number(value, 2))


def benefit_list(session: Session, year: int, month: int, *, workshop_id: int | None = None,
                 today: date | None = None, actor: User | None = None) -> list[BenefitRow]:
    """Every CIS participant placed anywhere in the month, in Polish alphabetical order, with the amounts.

    With ``workshop_id`` only those placed in that workshop at some time in the month are listed,
    but each still with their whole month (the benefit is paid per person, not per workshop).
    An instructor gets only their workshops and the participants they reach.
    """
    if workshop_id is not None:
        access.require_workshop(session, actor, workshop_id)
    start, end = calendar.month_bounds(year, month)
    people = select(Participant.id).where(Participant.programme == Programme.CIS, access.reachable(session, actor))
    if workshop_id is not None:
        people = people.join(Placement, Placement.participant_id == Participant.id).where(
            Placement.workshop_id == workshop_id, *_overlapping(start, end))
    return _rows(session, year, month, people, today or date.today())


def _overlapping(start: date, end: date) -> tuple:
    return Placement.start_date <= end, or_(Placement.end_date.is_(None), Placement.end_date >= start)


def _rows(session: Session, year: int, month: int, chosen: Select, today: date) -> list[BenefitRow]:
    rule = month_rule(session, year, month)
    start, end = calendar.month_bounds(year, month)
    counted_until = min(end, today)
    month_days = set(calendar.working_days(start, end))

    rows: dict[int, BenefitRow] = {}
    placed_days: dict[int, set[date]] = {}
    admitted: dict[int, date] = {}
    placements = session.execute(
        select(Participant.id, Participant.last_name, Participant.first_name, Participant.pesel,
               Participant.admission_date, Workshop.name, Placement.start_date, Placement.end_date)
        .join(Placement, Placement.participant_id == Participant.id)
        .join(Workshop, Workshop.id == Placement.workshop_id)
        .where(Participant.id.in_(chosen), *_overlapping(start, end))
        .order_by(Placement.start_date, Placement.id)
    ).all()
    for pid, last, first, pesel, admission, workshop, p_start, p_end in placements:
        row = rows.setdefault(pid, BenefitRow(pid, last, first, pesel))
        admitted[pid] = admission
        if workshop not in row.workshops:
            row.workshops.append(workshop)
        row.working_days += calendar.count_working_days(max(start, p_start), min(counted_until, p_end or end))
        placed_days.setdefault(pid, set()).update(
            day for day in month_days if p_start <= day and (p_end is None or day <= p_end))

    counts = session.execute(
        select(AttendanceDay.participant_id, AttendanceDay.status, func.count())
        .where(AttendanceDay.participant_id.in_(chosen), AttendanceDay.day.between(start, end))
        .group_by(AttendanceDay.participant_id, AttendanceDay.status)
    ).all()
    for pid, status, count in counts:
        row = rows.get(pid)
        if row is not None:
            row.counts[AttendanceStatus(status)] += count

    before = _stay_days_before(session, chosen, start)
    premia = {premium.participant_id: premium for premium in session.scalars(
        select(BenefitPremium).where(BenefitPremium.participant_id.in_(chosen), BenefitPremium.month == start))}
    for pid, row in rows.items():
        sick_before, leave_before = before.get(pid, (0, 0))
        row.sick_days_used = sick_before + row.counts[AttendanceStatus.SICK]
        row.days_off_used = leave_before + row.counts[AttendanceStatus.LEAVE]
        row.month_working_days = len(month_days)
        row.placed_working_days = len(placed_days.get(pid, ()))
        premium = premia.get(pid)
        if premium is not None:
            row.premium, row.premium_note, row.premium_version = Decimal(premium.amount), premium.note, \
                premium.version
        if rule is None:
            continue
        row.sick_days_limit, row.days_off_limit = rule.sick_days_limit, rule.free_days_limit
        days = MonthDays(row.month_working_days, row.placed_working_days,
                         unexcused=row.counts[AttendanceStatus.UNEXCUSED],
                         excused=row.counts[AttendanceStatus.EXCUSED], sick=row.counts[AttendanceStatus.SICK],
                         leave=row.counts[AttendanceStatus.LEAVE], sick_before=sick_before,
                         leave_before=leave_before)
        computed = benefit_amount(rule, days)
        row.benefit = computed.benefit
        row.total = computed.benefit + row.premium
        row.warnings = _warnings(rule, row, days, computed)
    return sorted(rows.values(), key=lambda r: polish_key(r.last_name, r.first_name))


def _stay_days_before(session: Session, chosen: Select, start: date) -> dict[int, tuple[int, int]]:
    """Sick days and days off on request of each stay before ``start`` (from its admission on)."""
    found: dict[int, list[int]] = {}
    for pid, status, count in session.execute(
        select(AttendanceDay.participant_id, AttendanceDay.status, func.count())
        .join(Participant, Participant.id == AttendanceDay.participant_id)
        .where(AttendanceDay.participant_id.in_(chosen), AttendanceDay.day < start,
               AttendanceDay.day >= Participant.admission_date,
               AttendanceDay.status.in_([AttendanceStatus.SICK, AttendanceStatus.LEAVE]))
        .group_by(AttendanceDay.participant_id, AttendanceDay.status)
    ).all():
        pair = found.setdefault(pid, [0, 0])
        pair[0 if AttendanceStatus(status) is AttendanceStatus.SICK else 1] += count
    return {pid: (sick, leave) for pid, (sick, leave) in found.items()}


def _warnings(rule: BenefitRule, row: BenefitRow, days: MonthDays, computed: Amount) -> list[str]:
    warnings = []
    if computed.forfeited:
        warnings.append(ngettext(
            "{count} unexcused day in the month, more than the {limit} allowed: no benefit is paid for the month.",
            "{count} unexcused days in the month, more than the {limit} allowed: no benefit is paid for the month.",
            days.unexcused).format(count=days.unexcused, limit=rule.unexcused_days_forfeit))
    limit = rule.sick_days_limit
    if limit is not None and row.sick_days_used > limit:
        if computed.sick_over_limit:
            warnings.append(ngettext(
                "Sick leave: {used} days in the stay, beyond the limit of {limit}; {count} day of this month is "
                "deducted as beyond the limit.",
                "Sick leave: {used} days in the stay, beyond the limit of {limit}; {count} days of this month are "
                "deducted as beyond the limit.", computed.sick_over_limit).format(
                used=row.sick_days_used, limit=limit, count=computed.sick_over_limit))
        else:
            warnings.append(_("Sick leave: {used} days in the stay, beyond the limit of {limit}.").format(
                used=row.sick_days_used, limit=limit))
    limit = rule.free_days_limit
    if limit is not None and row.days_off_used > limit:
        if computed.leave_over_limit:
            warnings.append(ngettext(
                "Days off on request: {used} in the stay, beyond the limit of {limit}; {count} day of this month "
                "counts as an excused absence.",
                "Days off on request: {used} in the stay, beyond the limit of {limit}; {count} days of this month "
                "count as an excused absence.", computed.leave_over_limit).format(
                used=row.days_off_used, limit=limit, count=computed.leave_over_limit))
        else:
            warnings.append(_("Days off on request: {used} in the stay, beyond the limit of {limit}.").format(
                used=row.days_off_used, limit=limit))
    return warnings


# -- the motivational premium ------------------------------------------------------------------------

def check_premium(session: Session, participant_id: int, year: int, month: int, amount: Decimal | None, *,
                  actor: User | None = None, today: date | None = None) -> None:
    """What ``set_premium`` would refuse, writing nothing."""
    _require_premium_role(actor)
    _checked_premium(session, participant_id, year, month, amount, today or date.today())


def set_premium(session: Session, participant_id: int, year: int, month: int, amount: Decimal | None, *,
                note: str = "", version: int | None = None, actor: User | None = None,
                today: date | None = None) -> None:
    """Enters, changes or (``amount`` None or 0) removes the premium of one stay for one month.

    Refused, with nothing written: a negative amount, one with fractions of a grosz, one above 100 %
    of the month's benefit (social employment act, art. 15 ust. 3: the premium is at most the
    benefit), a month with no rule set, a person not on the month's list; anyone but a director or
    an administrator. ``version`` is the premium's as it was read (None: there was none); changed
    elsewhere since, ConflictError.
    """
    _require_premium_role(actor)
    amount = _checked_premium(session, participant_id, year, month, amount, today or date.today())
    start = date(year, month, 1)
    premium = session.scalars(select(BenefitPremium).where(BenefitPremium.participant_id == participant_id,
                                                           BenefitPremium.month == start)).first()
    if (premium.version if premium is not None else None) != version:
        raise ConflictError(_("The premium of this person for {month} was changed on another computer in the "
                              "meantime. Read the list again and enter it anew.").format(
            month=format_month(year, month)))
    note = note.strip()
    month_text = f"{year:04d}-{month:02d}"
    if amount is None:
        if premium is not None:
            audit.record(session, actor, AuditAction.DELETE, "benefit_premium", premium.id,
                         {"participant_id": participant_id, "month": month_text, "amount": premium.amount},
                         participant_id=participant_id)
            session.delete(premium)
            session.flush()
        return
    if premium is None:
        premium = BenefitPremium(participant_id=participant_id, month=start, amount=amount, note=note,
                                 recorded_by_id=actor.id if actor else None)
        session.add(premium)
        session.flush()
        audit.record(session, actor, AuditAction.CREATE, "benefit_premium", premium.id,
                     {"participant_id": participant_id, "month": month_text, "amount": amount, "note": note},
                     participant_id=participant_id)
        return
    changes = audit.diff(premium, {"amount": amount, "note": note})
    if changes:
        premium.amount, premium.note = amount, note
        premium.recorded_by_id = actor.id if actor else None
        session.flush()
        audit.record(session, actor, AuditAction.UPDATE, "benefit_premium", premium.id,
                     {"participant_id": participant_id, "month": month_text, **changes},
                     participant_id=participant_id)


def _require_premium_role(actor: User | None) -> None:
    if access.is_instructor(actor):
        raise PermissionDenied(_("Only a director or an administrator can enter the integration premium."))


def _checked_premium(session: Session, participant_id: int, year: int, month: int, amount: Decimal | None,
                     today: date) -> Decimal | None:
    """The premium as it is stored (None: none), or the one sentence refusing it."""
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFoundError(_("This participant no longer exists."))
    if amount is not None:
        amount = Decimal(amount)
    if amount is None or amount == 0:
        return None
    month_name = format_month(year, month)
    if amount < 0:
        raise ValidationError("premium", _("The premium cannot be negative."))
    if amount != amount.quantize(GROSZ):
        raise ValidationError("premium", _("The premium is an amount in złoty and grosze: at most two digits "
                                           "after the decimal comma."))
    rows = _rows(session, year, month, select(Participant.id).where(
        Participant.id == participant_id, Participant.programme == Programme.CIS), today)
    if not rows:
        raise ValidationError("premium", _("{name} is not on the CIS benefit list of {month}: a premium is "
                                           "entered only for a month in which the participant was placed.").format(
            name=f"{person.first_name} {person.last_name}", month=month_name))
    benefit = rows[0].benefit
    if benefit is None:
        raise ValidationError("premium", _("No CIS benefit rules are in force for {month}, so the premium cannot be "
                                           "checked against the benefit: the director enters the rules in "
                                           "Settings first.").format(month=month_name))
    if amount > benefit:
        raise ValidationError("premium", _("The premium cannot be more than the benefit for {month} ({benefit}).")
                              .format(month=month_name, benefit=format_money(benefit)))
    return amount.quantize(GROSZ)


# -- the list's headings and totals -------------------------------------------------------------------

def list_title(year: int, month: int) -> str:
    return _("CIS attendance list for the integration benefit — {month}").format(month=format_month(year, month))


def count_headers() -> list[str]:
    """The headers of the count columns (those of ``BenefitRow.numbers``) in the PDF, XLSX and CSV alike:
    every status, then the working days."""
    return [*(labels.short_label(status) for status in STATUSES), _("Working days")]


def money_headers() -> list[str]:
    """The headers of the amounts, after the counts, in the PDF, XLSX and CSV alike."""
    return [_("Benefit (zł)"), _("Premium (zł)"), _("Total (zł)")]


def limit_headers() -> list[str]:
    """The headers of the stay's days against the limits in the XLSX and CSV (``BenefitRow.limits``)."""
    return [_("Sick days in the stay"), _("Sick days limit"), _("Days off in the stay"), _("Days off limit")]


def totals(rows: list[BenefitRow]) -> list[int]:
    """The list's totals row: each of ``BenefitRow.numbers`` added up over everyone."""
    return [sum(column) for column in zip(*(row.numbers() for row in rows))] if rows else \
        [0] * len(count_headers())


@dataclass(frozen=True)
class MoneyTotals:
    benefit: Decimal | None  # None: no rule set for the month
    premium: Decimal
    total: Decimal | None


def money_totals(rows: list[BenefitRow]) -> MoneyTotals:
    """The benefits, the premia and what is paid altogether, over everyone on the list."""
    premium = sum((row.premium for row in rows), ZERO)
    if any(row.benefit is None for row in rows):
        return MoneyTotals(None, premium, None)
    benefit = sum((row.benefit for row in rows), ZERO)
    return MoneyTotals(benefit, premium, benefit + premium)


def paid_in_year(session: Session, year: int, *, today: date | None = None,
                 actor: User | None = None) -> MoneyTotals:
    """The benefits and premia of the year's months that are over on ``today`` (the CIS annual report's
    ``benefits_paid`` and ``premia_paid``); a month without a rule set adds no benefit. Whole-facility
    figures, refused to an instructor."""
    access.require_whole_facility(actor)
    today = today or date.today()
    benefits, premia = ZERO, ZERO
    for month in range(1, 13):
        if is_provisional(year, month, today):
            break
        summed = money_totals(benefit_list(session, year, month, today=today))
        benefits += summed.benefit or ZERO
        premia += summed.premium
    return MoneyTotals(benefits, premia, benefits + premia)


def nobody_error(year: int, month: int, workshop: str | None = None) -> ReintegraError:
    """What an empty month says instead of writing a list with nobody on it."""
    if workshop:
        return ReintegraError(_("No CIS participant was placed in {workshop} in {month}: the benefit list "
                                "would be empty.").format(workshop=workshop, month=format_month(year, month)))
    return ReintegraError(_("No CIS participant was placed in any workshop in {month}: the benefit list "
                            "would be empty.").format(month=format_month(year, month)))
