"""Translation and locale formatting: the one ``_`` and ``ngettext`` of the code base.

Polish is the default language; English is the second. Messages are written in English
in the code and translated through the gettext catalogs in ``translations/``.
"""

from __future__ import annotations

import gettext
import io
import os
from datetime import date, datetime
from typing import TYPE_CHECKING

from reintegra.paths import shipped_dir

if TYPE_CHECKING:
    from decimal import Decimal

DOMAIN = "messages"
LANGUAGES = {"pl": "Polski", "en": "English"}
DEFAULT_LANGUAGE = "pl"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


_loaded: dict[tuple[str, str], gettext.NullTranslations] = {}


def _load(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``, read once per folder (set_language runs at import and again at start)."""
    key = (language, str(shipped_dir("translations")))
    if key not in _loaded:
        _loaded[key] = _read(language)
    return _loaded[key]


def _read(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    folder = shipped_dir("translations") / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    # The .mo files are not kept in git: `make` and the wheel build compile them. A checkout
    # started without make would otherwise show English to a Polish facility, so compile here.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (folder / f"{DOMAIN}.po").open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str | None = None) -> str:
    """Switch the language for all later messages; returns the language in force.

    Without an argument: ``REINTEGRA_LANGUAGE`` or Polish.
    """
    global _translations, _language
    language = language or os.environ.get("REINTEGRA_LANGUAGE") or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = _load(language)
    _language = language
    return language


def current_language() -> str:
    return _language


def locale_name() -> str:
    return {"pl": "pl_PL", "en": "en_GB"}[_language]


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands (a column header, a status)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated later, where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """``N_`` for a message with a context: translate the pair later with ``pgettext(*pair)``."""
    return context, message


# One pattern per language for a full date, shown and typed alike: Babel's (CLDR's) short date of
# the language with the day and month in two digits and the year in four, so that dates line up in
# a column and a date field shows what the tables show (tests/test_i18n.py compares with Babel).
DATE_PATTERNS = {"pl": "dd.MM.yyyy", "en": "dd/MM/yyyy"}
# The letters a placeholder spells the pattern with: "DD.MM.RRRR" (rok) / "DD/MM/YYYY".
_PLACEHOLDER_LETTERS = {"pl": {"d": "D", "M": "M", "y": "R"}, "en": {"d": "D", "M": "M", "y": "Y"}}
_STRFTIME = {"dd": "%d", "MM": "%m", "yyyy": "%Y"}


def date_pattern() -> str:
    """The current language's pattern of a full date (CLDR letters): 'dd.MM.yyyy' / 'dd/MM/yyyy'."""
    return DATE_PATTERNS[_language]


def date_strftime() -> str:
    """``date_pattern()`` for strftime/strptime: '%d.%m.%Y' / '%d/%m/%Y'."""
    pattern = date_pattern()
    for letters, directive in _STRFTIME.items():
        pattern = pattern.replace(letters, directive)
    return pattern


def date_placeholder() -> str:
    """How a date is typed, for an empty field and an error message: 'DD.MM.RRRR' / 'DD/MM/YYYY'."""
    letters = _PLACEHOLDER_LETTERS[_language]
    return "".join(letters.get(char, char) for char in date_pattern())


def format_date(value: date | datetime | None, form: str = "short") -> str:
    """A date in the current language: 'short' is the one pattern of a full date (date_pattern);
    other forms ('full', 'LLLL y', …) are Babel's."""
    if value is None:
        return ""
    if form == "short":
        return value.strftime(date_strftime())
    from babel import dates as babel_dates  # imported when first needed: not before the first window

    return babel_dates.format_date(value, format=form, locale=locale_name())


def format_day_month(value: date) -> str:
    """A day of a month the reader knows from the context: '04.11' / '04/11' (the full date's pattern
    without its year)."""
    return value.strftime(date_strftime().replace("%Y", "").strip("./- "))


def format_datetime(value: datetime | None) -> str:
    """A moment: the date as format_date shows it and the time as the language writes it
    ('04.11.2026, 14:30' / '04/11/2026, 14:30')."""
    if value is None:
        return ""
    from babel import dates as babel_dates

    joined = babel_dates.get_datetime_format("short", locale=locale_name())
    time = babel_dates.format_time(value, format="short", locale=locale_name())
    return joined.replace("{1}", format_date(value)).replace("{0}", time)


def format_month(year: int, month: int) -> str:
    """'listopad 2026' / 'November 2026'."""
    from babel import dates as babel_dates

    return babel_dates.format_date(
        date(year, month, 1), format="LLLL y", locale=locale_name()
    )


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    from babel import numbers as babel_numbers

    if decimals is not None:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return babel_numbers.format_decimal(value, format=pattern, locale=locale_name())
    return babel_numbers.format_decimal(value, locale=locale_name())


def format_percent(ratio: float | None, decimals: int = 1) -> str:
    """A ratio (0.875) as a percentage ('87,5%'); empty when there is nothing to divide."""
    if ratio is None:
        return ""
    pattern = "#,##0." + "0" * decimals + "%" if decimals else "#,##0%"
    from babel import numbers as babel_numbers

    return babel_numbers.format_percent(ratio, format=pattern, locale=locale_name())


set_language()
