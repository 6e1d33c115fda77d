"""Field rules shared by forms, services and importers: PESEL, dates, names, lengths and formats."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from reintegra.db.enums import Sex
from reintegra.i18n import N_, _, date_placeholder, date_strftime, ngettext
from reintegra.services.errors import ValidationError, ValidationErrors, every_error

# Every date typed or imported lies within these years: a year 0001 or 9999 is a typing mistake,
# and dates outside them overflow the date arithmetic of the reports.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def out_of_range_message(text: object) -> str:
    return _("“{text}” is not a date between 1900 and 2100.").format(text=text)
_POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")

# What a text field is called in the sentence that refuses it (column name → name on screen).
FIELD_NAMES = {
    "address": N_("Address"),
    "city": N_("Town"),
    "director_name": N_("Director"),
    "email": N_("E-mail"),
    "emergency_name": N_("Emergency contact"),
    "emergency_phone": N_("Emergency phone"),
    "employer": N_("Employer"),
    "exit_destination": N_("Where to"),
    "first_name": N_("First name"),
    "full_name": N_("Full name"),
    "guardian_name": N_("Guardian"),
    "guardian_phone": N_("Guardian's phone"),
    "last_name": N_("Surname"),
    "name": N_("Name"),
    "note": N_("Note"),
    "pesel": N_("PESEL"),
    "phone": N_("Phone"),
    "postal_code": N_("Postal code"),
    "referral_institution": N_("Referring institution"),
    "remark": N_("Remark"),
    "username": N_("User name"),
}


class Checks:
    """Runs a form's checks one after another and keeps every refusal, so that the user sees all the
    wrong fields at once (``raise_any`` at the end); a field already refused is not checked again by
    a later rule that needs it (``failed``)::

        checks = Checks()
        with checks.field():
            name = clean_name("name", values.name, required=...)
        checks.raise_any()
    """

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    @contextmanager
    def field(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as error:
            self.errors.extend(every_error(error))

    def failed(self, *fields: str) -> bool:
        return any(error.field in fields for error in self.errors)

    def raise_any(self) -> None:
        """Raises the one error as it is, several as ValidationErrors; nothing when all is right."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


def max_length(model: type, field: str) -> int | None:
    """Most characters the column ``field`` of ``model`` holds (None: no limit)."""
    column = model.__table__.c.get(field)
    if column is None and field in getattr(model, "PERSON_COLUMNS", ()):
        column = model.person.property.mapper.local_table.c.get(field)  # a stay shows its person's columns
    return getattr(column.type, "length", None) if column is not None else None


def check_length(model: type, field: str, value: Any, *, as_field: str | None = None) -> None:
    """Refuses text longer than its column: SQLite would store it, PostgreSQL would refuse it."""
    length = max_length(model, field)
    if length is not None and isinstance(value, str) and not isinstance(value, Enum) and len(value) > length:
        name = FIELD_NAMES.get(field)
        raise ValidationError(as_field or field, ngettext(
            "“{field}” is too long: at most {count} character.",
            "“{field}” is too long: at most {count} characters.", length).format(
            field=_(name) if name else field, count=length))


def check_lengths(model: type, values: Mapping[str, Any]) -> None:
    """``check_length`` for every text value in ``values`` (column name → value); every one too long
    is refused at once."""
    checks = Checks()
    for field, value in values.items():
        with checks.field():
            check_length(model, field, value)
    checks.raise_any()


def clean_postal_code(field: str, value: str) -> str:
    """A Polish postal code, 00-000 (five digits typed without the dash are accepted), or ''."""
    text = "".join(value.split())
    if text.isdigit() and len(text) == 5:
        text = f"{text[:2]}-{text[2:]}"
    if text and not _POSTAL_CODE.match(text):
        raise ValidationError(field, _("“{text}” is not a postal code (use 00-000).").format(text=value.strip()))
    return text


def clean_email(field: str, value: str) -> str:
    text = value.strip()
    if text and not _EMAIL.match(text):
        raise ValidationError(field, _("“{text}” is not an e-mail address.").format(text=text))
    return text


def clean_pesel(field: str, value: str | None) -> str | None:
    """A valid PESEL (11 digits, checksum, a real birth date), or None when empty."""
    value = (value or "").strip().replace(" ", "")
    if not value:
        return None
    if not value.isdigit() or len(value) != 11:
        raise ValidationError(field, _("A PESEL has exactly 11 digits."))
    try:
        stdnum_pesel.validate(value)
    except StdnumError as error:
        if "checksum" in type(error).__name__.lower():
            raise ValidationError(field, _("The PESEL {pesel} has a wrong check digit.").format(
                pesel=value)) from None
        raise ValidationError(field, _("The PESEL {pesel} does not encode a valid birth date.").format(
            pesel=value)) from None
    return value


def pesel_birth_date(pesel: str) -> date:
    return stdnum_pesel.get_birth_date(pesel)


def pesel_sex(pesel: str) -> Sex:
    return Sex.FEMALE if stdnum_pesel.get_gender(pesel) == "F" else Sex.MALE


def parse_date(field: str, value: str | date | None, *, required: bool = False) -> date | None:
    """A date from text in the language's pattern (i18n.date_pattern: DD.MM.YYYY / DD/MM/YYYY), YYYY-MM-DD,
    or DD.MM.YYYY as Polish spreadsheets write it whatever the language (or a date as it is)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    if not text:
        if required:
            raise ValidationError(field, _("This date is required."))
        return None
    for pattern in (date_strftime(), "%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if not EARLIEST_DATE <= parsed <= LATEST_DATE:
            raise ValidationError(field, out_of_range_message(text))
        return parsed
    raise ValidationError(
        field, _("“{text}” is not a valid date (use {format} or YYYY-MM-DD).").format(
            text=text, format=date_placeholder())
    )


def clean_name(field: str, value: str | None, *, required: str) -> str:
    """A required name, trimmed, with inner runs of spaces collapsed; ``required`` is the
    message when it is empty."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, required)
    return text


def not_in_future(field: str, value: date | None, today: date, *, message: str) -> None:
    if value is not None and value > today:
        raise ValidationError(field, message)
