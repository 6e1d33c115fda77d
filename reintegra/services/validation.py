"""Field rules shared by forms, services and importers: PESEL, dates, names."""

from __future__ import annotations

from datetime import date, datetime

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from reintegra.db.enums import Sex
from reintegra.i18n import _
from reintegra.services.errors import ValidationError

EARLIEST_DATE = date(1900, 1, 1)


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
    """A date from YYYY-MM-DD or DD.MM.YYYY text (or a date as it is)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    if not text:
        if required:
            raise ValidationError(field, _("This date is required."))
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if parsed < EARLIEST_DATE:
            break
        return parsed
    raise ValidationError(
        field, _("“{text}” is not a valid date (use DD.MM.YYYY or YYYY-MM-DD).").format(text=text)
    )


def clean_name(field: str, value: str | None, *, required: str) -> str:
    """A required name, trimmed, with inner runs of spaces collapsed; ``required`` is the
    message when it is empty."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, required)
    if len(text) > 80:
        raise ValidationError(field, _("This name is too long (at most 80 characters)."))
    return text


def not_in_future(field: str, value: date | None, today: date, *, message: str) -> None:
    if value is not None and value > today:
        raise ValidationError(field, message)
