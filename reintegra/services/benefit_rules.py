"""The CIS benefit's rule sets (``BenefitRule``): which one applies to a month, and a director's changes.

A rule set applies from its ``valid_from`` on; the one in force on a month's first day applies to
the whole month. The fields (every amount is data, never a constant in code):

  amount                      the monthly benefit in zł (120 % of the unemployment benefit, entered)
  unexcused_day_deduction     fraction of ``amount`` deducted per unexcused absence day
  unexcused_days_forfeit      more unexcused days than this in a month: no benefit for it (None: no rule)
  sick_day_deduction          fraction of ``amount`` deducted per sick-leave day
  excused_day_deduction       fraction of ``amount`` deducted per excused absence day
  sick_days_limit             sick days over the whole stay paid at the reduced rate (None: no limit)
  sick_over_limit_deduction   fraction of ``amount`` deducted per sick day beyond that limit
  free_days_limit             days off on request over the stay paid in full; beyond it each counts
                              as an excused absence (None: no limit)

Only a director or an administrator changes them (the rules decide what every participant is paid);
anyone may read them. Each change is in the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields as dataclass_fields
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Programme
from reintegra.db.models import BenefitRule, Participant, User
from reintegra.i18n import N_, NP_, _, format_date, format_number
from reintegra.services import access, audit
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.facility import get_facility
from reintegra.services.records import for_update
from reintegra.services.validation import Checks, parse_date

# What each field is called on screen and in the sentences that refuse it.
FIELD_LABELS = {
    "valid_from": N_("Valid from"),
    "amount": N_("Monthly benefit (zł)"),
    "unexcused_day_deduction": N_("Deduction per unexcused day"),
    "unexcused_days_forfeit": N_("No benefit above this many unexcused days"),
    "sick_day_deduction": N_("Deduction per sick-leave day"),
    "excused_day_deduction": N_("Deduction per excused day"),
    "sick_days_limit": N_("Sick-leave days paid over the stay"),
    "sick_over_limit_deduction": N_("Deduction per sick-leave day over the limit"),
    "free_days_limit": N_("Days off paid over the stay"),
    "description": N_("Description"),
}
# The same as a table's column headers, short (the tables say the whole label to a screen reader).
SHORT_LABELS = {
    "unexcused_day_deduction": NP_("benefit rule", "Unexcused"),
    "unexcused_days_forfeit": NP_("benefit rule", "Forfeit above"),
    "sick_day_deduction": NP_("benefit rule", "Sick leave"),
    "excused_day_deduction": NP_("benefit rule", "Excused"),
    "sick_days_limit": NP_("benefit rule", "Sick limit"),
    "sick_over_limit_deduction": NP_("benefit rule", "Over limit"),
    "free_days_limit": NP_("benefit rule", "Days off limit"),
}
FRACTIONS = ("unexcused_day_deduction", "sick_day_deduction", "excused_day_deduction",
             "sick_over_limit_deduction")
LIMITS = ("unexcused_days_forfeit", "sick_days_limit", "free_days_limit")
AMOUNT_PLACES, FRACTION_PLACES = 2, 6  # as the columns keep them (Numeric(10, 2), Numeric(8, 6))
MAX_AMOUNT = Decimal("99999999.99")
MAX_LIMIT = 9999
MAX_DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class RuleFields:
    """A rule set as typed: fractions of ``amount`` per day, limits in days (None: no limit)."""

    valid_from: date | None
    amount: Decimal | None
    unexcused_day_deduction: Decimal = Decimal("0")
    unexcused_days_forfeit: int | None = None
    sick_day_deduction: Decimal = Decimal("0")
    excused_day_deduction: Decimal = Decimal("0")
    sick_days_limit: int | None = None
    sick_over_limit_deduction: Decimal = Decimal("0")
    free_days_limit: int | None = None
    description: str = ""

    def values(self) -> dict[str, object]:
        return {field.name: getattr(self, field.name) for field in dataclass_fields(self)}


FIELD_NAMES = tuple(field.name for field in dataclass_fields(RuleFields))


@dataclass(frozen=True)
class RuleRow:
    id: int
    fields: RuleFields
    version: int
    in_force: bool  # applies to the month of ``today`` given to list_rules
    later: bool  # applies from a later month on

    @property
    def valid_from(self) -> date:
        return self.fields.valid_from


def rule_in_force(session: Session, month_start: date) -> BenefitRule | None:
    """The rule set applying to the month beginning on ``month_start``; None when none had begun."""
    return session.scalars(select(BenefitRule).where(BenefitRule.valid_from <= month_start)
                           .order_by(BenefitRule.valid_from.desc()).limit(1)).first()


def concerns_facility(session: Session) -> bool:
    """Whether the benefit's rules matter here: the facility is a CIS, keeps rule sets already, or has
    someone in the CIS programme. (Only a CIS pays the benefit: a KIS does not.)"""
    if get_facility(session).kind is Programme.CIS:
        return True
    if session.scalar(select(BenefitRule.id).limit(1)) is not None:
        return True
    return session.scalar(select(Participant.id).where(Participant.programme == Programme.CIS).limit(1)) is not None


def first_month(valid_from: date) -> date:
    """The first month a set applies to: its own when it begins on the 1st, else the next one."""
    if valid_from.day == 1:
        return valid_from
    return date(valid_from.year + valid_from.month // 12, valid_from.month % 12 + 1, 1)


def list_rules(session: Session, *, today: date | None = None, current_and_later: bool = False) -> list[RuleRow]:
    """Every rule set, the earliest first; with ``current_and_later`` only the one in force in the month
    of ``today`` (default: today) and those that begin after it."""
    month_start = (today or date.today()).replace(day=1)
    current = rule_in_force(session, month_start)
    rows = []
    for rule in session.scalars(select(BenefitRule).order_by(BenefitRule.valid_from)):
        in_force = current is not None and rule.id == current.id
        later = rule.valid_from > month_start
        if current_and_later and not (in_force or later):
            continue
        rows.append(RuleRow(rule.id, fields_of(rule), rule.version, in_force, later))
    return rows


def fields_of(rule: BenefitRule) -> RuleFields:
    return RuleFields(**{name: getattr(rule, name) for name in FIELD_NAMES})


# --- reading what was typed --------------------------------------------------------------


def read_fields(values: Mapping[str, object]) -> RuleFields:
    """A rule set from text as typed in the form or in a rule file (``0,05`` or ``0.05`` or ``5%``,
    an empty limit for none); a field missing from ``values`` is empty. Every unreadable or
    out-of-range value is refused at once, each with its field."""
    checks = Checks()
    read: dict[str, object] = {}
    with checks.field():
        read["valid_from"] = _read_valid_from(values.get("valid_from"))
    with checks.field():
        read["amount"] = _clean_amount(_read_decimal("amount", values.get("amount"), required=True))
    for field in FRACTIONS:
        with checks.field():
            read[field] = _clean_fraction(field, _read_decimal(field, values.get(field), percent=True))
    for field in LIMITS:
        with checks.field():
            read[field] = _clean_limit(field, _read_limit(field, values.get(field)))
    with checks.field():
        read["description"] = _clean_description(values.get("description"))
    checks.raise_any()
    return RuleFields(**read)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _read_valid_from(value: object) -> date:
    if isinstance(value, date):
        return parse_date("valid_from", value)
    if not _text(value):
        raise ValidationError("valid_from", _("Enter the date from which the rules apply."))
    return parse_date("valid_from", _text(value), required=True)


def read_number(value: object, *, percent: bool = False) -> Decimal | None:
    """A number as typed: a comma or a dot before the decimals (with both, as in 1,711.20 or 1.711,20,
    the last one), spaces between thousands; with ``percent`` a trailing % divides it by 100. None
    when empty; ValidationError (field "number") when it is no number."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _text(value).replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not text:
        return None
    scaled = percent and text.endswith("%")
    digits = text.rstrip("%") if scaled else text
    if "," in digits and "." in digits:
        decimal_mark = max(digits.rfind(","), digits.rfind("."))
        digits = digits[:decimal_mark].replace(",", "").replace(".", "") + "." + digits[decimal_mark + 1:]
    try:
        number = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError("number", _("“{text}” is not a number.").format(text=_text(value)))
    return number / 100 if scaled else number


def _read_decimal(field: str, value: object, *, required: bool = False, percent: bool = False) -> Decimal | None:
    """``read_number`` for ``field``; empty: None when ``required``, else 0."""
    try:
        number = read_number(value, percent=percent)
    except ValidationError:
        raise ValidationError(field, _("{field}: “{text}” is not a number.").format(
            field=_(FIELD_LABELS[field]), text=_text(value))) from None
    if number is None:
        return None if required else Decimal("0")
    return number


def _read_limit(field: str, value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value).replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise ValidationError(field, _limit_message(field))
    return int(number)


def _limit_message(field: str) -> str:
    return _("{field}: enter a whole number of days from 0 to {max}, or leave it empty.").format(
        field=_(FIELD_LABELS[field]), max=MAX_LIMIT)


# --- the rules a rule set must keep ------------------------------------------------------


def _clean_amount(amount: Decimal | None) -> Decimal:
    if amount is None:
        raise ValidationError("amount", _("Enter the monthly benefit in zł."))
    if amount <= 0:
        raise ValidationError("amount", _("The monthly benefit must be more than 0 zł."))
    if amount > MAX_AMOUNT:
        raise ValidationError("amount", _("The monthly benefit is too large."))
    if amount != amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES)):
        raise ValidationError("amount", _("The monthly benefit has at most two decimal places (grosze)."))
    return amount


def _clean_fraction(field: str, value: Decimal | None) -> Decimal:
    value = Decimal("0") if value is None else value
    if not Decimal("0") <= value <= Decimal("1"):
        raise ValidationError(field, _(
            "{field}: enter a fraction of the benefit from 0 to 1 (e.g. 0.05 for 5%).").format(
            field=_(FIELD_LABELS[field])))
    if value != value.quantize(Decimal(1).scaleb(-FRACTION_PLACES)):
        raise ValidationError(field, _("{field}: at most six decimal places.").format(
            field=_(FIELD_LABELS[field])))
    return value


def _clean_limit(field: str, value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_LIMIT:
        raise ValidationError(field, _limit_message(field))
    return value


def _clean_description(value: object) -> str:
    text = _text(value)
    if len(text) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError("description", _("The description is too long (at most {count} characters).").format(
            count=MAX_DESCRIPTION_LENGTH))
    return text


def check_valid_from(session: Session, valid_from: date | None, *, rule_id: int | None = None) -> None:
    """One rule set a date: refuses ``valid_from`` when another set (not ``rule_id``) begins on it."""
    if valid_from is None:
        raise ValidationError("valid_from", _("Enter the date from which the rules apply."))
    other = session.scalar(select(BenefitRule.id).where(BenefitRule.valid_from == valid_from))
    if other is not None and other != rule_id:
        raise ValidationError("valid_from", _("A rule set valid from {date} already exists; edit that one.").format(
            date=format_date(valid_from)))


def check_rule(session: Session, fields: RuleFields, *, rule_id: int | None = None) -> RuleFields:
    """What ``save_rule`` would refuse, every field at once, writing nothing; the fields as saved."""
    checks = Checks()
    clean: dict[str, object] = {}
    with checks.field():
        check_valid_from(session, fields.valid_from, rule_id=rule_id)
        clean["valid_from"] = fields.valid_from
    with checks.field():
        clean["amount"] = _clean_amount(fields.amount)
    for field in FRACTIONS:
        with checks.field():
            clean[field] = _clean_fraction(field, getattr(fields, field))
    for field in LIMITS:
        with checks.field():
            clean[field] = _clean_limit(field, getattr(fields, field))
    with checks.field():
        clean["description"] = _clean_description(fields.description)
    checks.raise_any()
    return RuleFields(**clean)


# --- changes ------------------------------------------------------------------------------


def require_rule_keeper(actor: User | None) -> None:
    """Only a director or an administrator changes what every participant is paid."""
    if access.is_instructor(actor):
        raise PermissionDenied(_("Only a director or an administrator can change the benefit rules."))


def save_rule(session: Session, fields: RuleFields, *, rule_id: int | None = None, version: int | None = None,
              actor: User | None = None) -> BenefitRule:
    """Adds a rule set (``rule_id`` None) or changes the set ``rule_id`` as it was read (``version``)."""
    require_rule_keeper(actor)
    rule = None
    if rule_id is not None:
        rule = for_update(session, BenefitRule, rule_id, version if version is not None else -1)
    values = check_rule(session, fields, rule_id=rule_id).values()
    if rule is None:
        rule = BenefitRule(**values)
        session.add(rule)
        session.flush()
        audit.record(session, actor, AuditAction.CREATE, "benefit_rule", rule.id, values)
        return rule
    changes = audit.diff(rule, values)
    for field, value in values.items():
        setattr(rule, field, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "benefit_rule", rule.id, changes)
    return rule


def delete_rule(session: Session, rule_id: int, version: int, *, actor: User | None = None) -> None:
    """Deletes a rule set; the months it applied to then follow the set before it (if any)."""
    require_rule_keeper(actor)
    rule = for_update(session, BenefitRule, rule_id, version)
    audit.record(session, actor, AuditAction.DELETE, "benefit_rule", rule.id, fields_of(rule).values())
    session.delete(rule)
    session.flush()


def same_values(first: RuleFields, second: RuleFields) -> bool:
    """The two sets pay the same (numbers compared as numbers: 0.05 is 0.050000)."""
    return first.values() == second.values()


def fraction_text(value: Decimal) -> str:
    """A fraction as typed, in the language's form: 0.05 as '0,05' (no trailing zeros)."""
    if not value:
        return "0"
    decimals = len(format(value.normalize(), "f").partition(".")[2])
    return format_number(value, decimals)


def limit_text(value: int | None) -> str:
    """A limit in days; '–' for none."""
    return "–" if value is None else str(value)
