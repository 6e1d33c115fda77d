"""Working days and Polish public holidays."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.services import calendar


def test_christmas_eve_is_a_holiday_from_2025():
    assert calendar.is_working_day(date(2024, 12, 24))
    assert not calendar.is_working_day(date(2025, 12, 24))
    assert calendar.holiday_name(date(2025, 12, 24)) == "Wigilia Bożego Narodzenia"


def test_weekends_and_holidays():
    assert not calendar.is_working_day(date(2026, 11, 21))  # Saturday
    assert not calendar.is_working_day(date(2026, 11, 11))  # Independence Day
    assert calendar.is_working_day(date(2026, 11, 12))
    assert calendar.next_working_day(date(2026, 11, 10)) == date(2026, 11, 12)
    assert calendar.next_working_day(date(2026, 11, 23), -1) == date(2026, 11, 20)


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(0, 800))
def test_fast_count_agrees_with_walking_the_days(start, length):
    end = date.fromordinal(start.toordinal() + length)
    assert calendar.count_working_days(start, end) == len(calendar.working_days(start, end))


def test_parse_month():
    assert calendar.parse_month("2026-03") == (2026, 3)
    for bad in ("2026-13", "2026-3", "marzec", "2026-00"):
        with pytest.raises(ValueError):
            calendar.parse_month(bad)
