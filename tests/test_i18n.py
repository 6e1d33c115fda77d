"""Dates in one pattern per language, Babel's (issue 15): a date reads the same in a table, a field,
a report and beside a time."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from babel.dates import get_date_format

from reintegra import i18n

DAY = date(2026, 11, 4)


def _widened(pattern: str) -> str:
    """A CLDR pattern with the day and month in two digits and the year in four ('d.MM.y' → 'dd.MM.yyyy')."""
    return re.sub(r"y+", "yyyy", re.sub(r"M+", "MM", re.sub(r"d+", "dd", pattern)))


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_the_date_pattern_is_babels_short_date_of_the_language(language):
    i18n.set_language(language)
    assert i18n.date_pattern() == _widened(get_date_format("short", locale=i18n.locale_name()).pattern)


@pytest.mark.parametrize(("language", "full_date", "day_month", "moment"), [
    ("pl", "04.11.2026", "04.11", "04.11.2026, 14:30"),
    ("en", "04/11/2026", "04/11", "04/11/2026, 14:30"),
])
def test_a_date_reads_the_same_alone_without_its_year_and_beside_a_time(language, full_date, day_month, moment):
    i18n.set_language(language)
    assert i18n.format_date(DAY) == full_date
    assert i18n.format_day_month(DAY) == day_month
    assert i18n.format_datetime(datetime(2026, 11, 4, 14, 30)) == moment
