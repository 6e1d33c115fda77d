"""Working days and Polish public holidays."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

from reintegra.i18n import current_language


@lru_cache(maxsize=256)
def _holidays_of(year: int, language: str = "pl") -> dict[date, str]:
    return dict(holidays.Poland(years=year, language=language))


def holiday_name(day: date) -> str | None:
    """The name of the Polish public holiday on ``day`` in the UI language, or None."""
    language = "pl" if current_language() == "pl" else "en_US"
    return _holidays_of(day.year, language).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def working_days(start: date, end: date) -> list[date]:
    return [d for d in days_between(start, end) if is_working_day(d)]


def _weekdays_before(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 up to, not including, ``day``."""
    ordinal = day.toordinal() - 1  # date(1, 1, 1) is a Monday and has ordinal 1
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _weekday_holidays(start: date, end: date) -> int:
    return sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _holidays_of(year)
        if start <= day <= end and day.weekday() < 5
    )


def count_working_days(start: date, end: date) -> int:
    """Working days from start to end inclusive, without walking the days one by one."""
    if end < start:
        return 0
    weekdays = _weekdays_before(end + timedelta(days=1)) - _weekdays_before(start)
    return weekdays - _weekday_holidays(start, end)


def next_working_day(day: date, step: int = 1) -> date:
    """The nearest working day after (step=1) or before (step=-1) ``day``."""
    day += timedelta(days=step)
    while not is_working_day(day):
        day += timedelta(days=step)
    return day


def parse_month(text: str) -> tuple[int, int]:
    """'2026-03' → (2026, 3); ValueError otherwise."""
    year_text, _, month_text = text.strip().partition("-")
    year, month = int(year_text), int(month_text)
    if not (1 <= month <= 12 and 1900 <= year <= 2200) or len(month_text) != 2:
        raise ValueError(text)
    return year, month
