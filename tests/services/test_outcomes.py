"""The dashboard's outcome figures: "n of m" for each, on the hand-counted facility of
tests/outcome_data.py, and the periods the dashboard offers."""

from __future__ import annotations

from datetime import date

import pytest

import outcome_data
from reintegra.services import outcomes, statistics
from reintegra.services.outcomes import Period, Share


def test_the_figures_of_2025_counted_by_hand(session):
    outcome_data.build(session)
    figures = outcomes.outcome_figures(session, *outcome_data.YEAR_2025, as_of=outcome_data.RECORDED_ON)
    # Completed: Adam, Cezary, Filomena, Ireneusz — of the 8 exits less Edward's death.
    assert figures.completion == Share(4, 7)
    # Into work at exit: Adam, Filomena — of all 8 exits.
    assert figures.employed_at_exit == Share(2, 8)
    # Completed and not gone on to education: Adam, Filomena, Ireneusz (Cezary went on to training);
    # employed within 90 days: Adam and Filomena, by their exit reasons. (The old "within 3 months",
    # 4 of 8, also counted Beata and Grzegorz, who dropped out, and divided by every exit.)
    assert figures.employed_within_90_days == Share(2, 3)
    # Retention: of Adam and Filomena, only Adam's six months have passed by 2 March 2026 (Filomena's
    # end on 15 March); his 6-month contact says employed.
    assert figures.retention == Share(1, 1)
    # Six months passed by 31 Dec for Adam, Beata, Cezary, Dorota; employed then: Adam.
    assert figures.employed_after_6_months == Share(1, 4)
    # Present 6 days of the 7 working days with an entry (Adam 2, Halina 4, Grzegorz 1); the other 938
    # of the placements' 945 working days were never entered.
    assert figures.attendance == Share(6, 7)
    assert figures.not_entered_days == 938
    assert figures.completion.rate == pytest.approx(4 / 7)
    assert figures.employed_after_6_months.rate == 0.25
    assert (figures.start, figures.end) == outcome_data.YEAR_2025


def test_the_same_numbers_as_the_summary(session):
    outcome_data.build(session)
    summary = statistics.facility_summary(session, *outcome_data.YEAR_2025, as_of=outcome_data.RECORDED_ON)
    figures = outcomes.outcome_figures(session, *outcome_data.YEAR_2025, as_of=outcome_data.RECORDED_ON)
    assert figures.completion.rate == summary.completion_rate
    assert figures.attendance.rate == summary.attendance_rate
    assert figures.employed_at_exit.count == summary.employed_at_exit
    assert figures.employed_after_6_months.count == summary.employed_after_6_months
    assert figures.employed_within_90_days == Share(summary.employed_within_90_days,
                                                    summary.completed_not_in_education)
    assert figures.retention.rate == summary.retention_rate


def test_the_previous_year_seen_from_2026(session):
    outcome_data.build(session)
    figures = outcomes.outcomes_for(session, Period.PREVIOUS_YEAR, today=outcome_data.RECORDED_ON)
    assert (figures.start, figures.end) == outcome_data.YEAR_2025
    assert figures.completion == Share(4, 7)


def test_this_year_to_today_without_exits_divides_by_nothing(session):
    outcome_data.build(session)
    figures = outcomes.outcomes_for(session, Period.THIS_YEAR, today=outcome_data.RECORDED_ON)
    assert (figures.start, figures.end) == (date(2026, 1, 1), date(2026, 3, 2))
    assert figures.completion == Share(0, 0) and figures.completion.rate is None
    assert figures.employed_at_exit.rate is None
    # Halina alone is placed in 2026: 20 working days in January (1 and 6 Jan are holidays), 20 in
    # February, and 2 March — none entered, so no rate (not 0%): 41 days not entered.
    assert figures.attendance == Share(0, 0) and figures.attendance.rate is None
    assert figures.not_entered_days == 41


def test_the_last_12_months(session):
    outcome_data.build(session)
    # 1 Jan 2025 – 31 Dec 2025 seen on the last day of 2025 is the hand-counted year.
    figures = outcomes.outcomes_for(session, Period.LAST_12_MONTHS, today=date(2025, 12, 31))
    assert (figures.start, figures.end) == outcome_data.YEAR_2025
    assert figures.employed_within_90_days == Share(2, 3)
    assert figures.retention == Share(1, 1)  # Adam's six months passed on 28 August


@pytest.mark.parametrize("period, today, expected", [
    (Period.THIS_YEAR, date(2026, 11, 23), (date(2026, 1, 1), date(2026, 11, 23))),
    (Period.THIS_YEAR, date(2026, 1, 1), (date(2026, 1, 1), date(2026, 1, 1))),
    (Period.LAST_12_MONTHS, date(2026, 11, 23), (date(2025, 11, 24), date(2026, 11, 23))),
    (Period.LAST_12_MONTHS, date(2024, 2, 29), (date(2023, 3, 1), date(2024, 2, 29))),
    (Period.PREVIOUS_YEAR, date(2026, 11, 23), (date(2025, 1, 1), date(2025, 12, 31))),
])
def test_period_dates(period, today, expected):
    assert outcomes.period_dates(period, today) == expected
