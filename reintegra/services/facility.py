"""The facility's own data (name, address, logo, day length)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Programme, Role
from reintegra.db.models import Facility, User
from reintegra.i18n import _
from reintegra.services import audit
from reintegra.services.records import check_version
from reintegra.services.validation import Checks, check_lengths, clean_email, clean_postal_code
from reintegra.services.errors import ValidationError
from reintegra.services.users import require_role

MAX_DAY_LENGTH = Decimal("12")
IDLE_LOCK_MINUTES = (1, 240)
ACCESS_GRACE_DAYS = (0, 365)


@dataclass
class FacilityFields:
    name: str = ""
    kind: Programme = Programme.WTZ
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    director_name: str = ""
    day_length_hours: Decimal | str = Decimal("7")
    retention_years: int = 5
    idle_lock_minutes: int = 10
    access_grace_days: int = 30


def get_facility(session: Session) -> Facility:
    """The facility row; before anything was saved, an unsaved one with the defaults (reading
    writes nothing, so it also works in a unit that only reads)."""
    facility = session.scalar(select(Facility).order_by(Facility.id).limit(1))
    if facility is None:
        defaults = {column.key: column.default.arg for column in Facility.__table__.columns
                    if column.default is not None and column.default.is_scalar}
        facility = Facility(id=1, **defaults)
    return facility


def _facility_for_change(session: Session) -> Facility:
    """The facility row, created with the defaults the first time it is changed."""
    facility = get_facility(session)
    if facility not in session:
        session.add(facility)
        session.flush()
    return facility


def is_configured(session: Session) -> bool:
    facility = session.scalar(select(Facility).limit(1))
    return facility is not None and bool(facility.name)


def update_facility(
    session: Session, values: FacilityFields, *, expected_version: int | None = None,
    actor: User | None = None,
) -> Facility:
    require_role(actor, Role.DIRECTOR)
    facility = _facility_for_change(session)
    if expected_version is not None:
        check_version(facility, expected_version)
    cleaned = _clean(values)
    changes = audit.diff(facility, cleaned)
    for field, value in cleaned.items():
        setattr(facility, field, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "facility", facility.id, changes)
    return facility


def set_logo(session: Session, logo: bytes | None, *, actor: User | None = None) -> None:
    require_role(actor, Role.DIRECTOR)
    facility = _facility_for_change(session)
    facility.logo = logo
    audit.record(session, actor, AuditAction.UPDATE, "facility", facility.id, {"logo": logo})


def check_facility(values: FacilityFields) -> None:
    """What ``update_facility`` would refuse in ``values``, every field at once; writes nothing."""
    _clean(values)


def _clean(values: FacilityFields) -> dict:
    checks = Checks()
    cleaned = {f.name: getattr(values, f.name) for f in fields(values)}
    for key, value in cleaned.items():
        if isinstance(value, str) and not isinstance(value, Enum):
            cleaned[key] = " ".join(value.split())
    with checks.field():
        if not cleaned["name"]:
            raise ValidationError("name", _("The facility name is required."))
    with checks.field():
        try:
            hours = Decimal(str(cleaned["day_length_hours"]).replace(",", "."))
        except InvalidOperation:
            raise ValidationError("day_length_hours", _("The day length must be a number of hours.")) from None
        if not Decimal("0") < hours <= MAX_DAY_LENGTH:
            raise ValidationError("day_length_hours", _(
                "The day length must be between 0 and {max} hours.").format(max=MAX_DAY_LENGTH))
        cleaned["day_length_hours"] = hours
    with checks.field():
        cleaned["postal_code"] = clean_postal_code("postal_code", cleaned["postal_code"])
    with checks.field():
        cleaned["email"] = clean_email("email", cleaned["email"])
    with checks.field():
        check_lengths(Facility, cleaned)
    with checks.field():
        if not 1 <= int(cleaned["retention_years"]) <= 50:
            raise ValidationError("retention_years", _("The retention period must be between 1 and 50 years."))
    with checks.field():
        if not IDLE_LOCK_MINUTES[0] <= int(cleaned["idle_lock_minutes"]) <= IDLE_LOCK_MINUTES[1]:
            raise ValidationError("idle_lock_minutes", _(
                "The idle time before the lock must be between {low} and {high} minutes.").format(
                low=IDLE_LOCK_MINUTES[0], high=IDLE_LOCK_MINUTES[1]))
    with checks.field():
        if not ACCESS_GRACE_DAYS[0] <= int(cleaned["access_grace_days"]) <= ACCESS_GRACE_DAYS[1]:
            raise ValidationError("access_grace_days", _(
                "The days an instructor keeps access after a placement ends must be between {low} and "
                "{high}.").format(low=ACCESS_GRACE_DAYS[0], high=ACCESS_GRACE_DAYS[1]))
    checks.raise_any()
    return cleaned
