"""The facility's outcome figures for the start page's small dashboard: each as "n of m" and a rate.

Every number is taken from ``statistics.facility_summary`` (see its docstring for the definitions),
so the dashboard, the summary report and its JSON never disagree:

  completion               completed of the exits, deaths aside (completion_rate)
  employed at exit         employed_at_exit of all exits
  employed within 90 days  employed_within_90_days of completed_not_in_education: people who
                           completed, not gone on to education, working on the labour market at
                           exit or at a contact within 90 days (each PESEL once)
  retention                retained_6_months of the retention base: of those employed within
                           90 days whose six months have passed, those still working at the
                           6-month contact (retention_rate)
  employed after 6 months  employed_after_6_months of six_months_passed: the exits whose 6-month
                           contact fell due by the period's end, made or not
  attendance               days present of working days with an entry (attendance_rate), up to
                           today; not_entered_days beside it
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.services import statistics
from reintegra.services.dates import add_months


class Period(str, Enum):
    THIS_YEAR = "this_year"  # 1 January to today
    LAST_12_MONTHS = "last_12_months"  # the twelve months up to today
    PREVIOUS_YEAR = "previous_year"  # the whole previous calendar year


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """The first and last day of ``period`` as seen on ``today``."""
    if period is Period.THIS_YEAR:
        return date(today.year, 1, 1), today
    if period is Period.LAST_12_MONTHS:
        return add_months(today, -12) + timedelta(days=1), today
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


@dataclass(frozen=True)
class Share:
    """``count`` of ``total``; the rate is None when there is nothing to divide by."""

    count: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.count / self.total if self.total else None


@dataclass(frozen=True)
class OutcomeFigures:
    start: date
    end: date
    completion: Share
    employed_at_exit: Share
    employed_within_90_days: Share
    retention: Share
    employed_after_6_months: Share
    attendance: Share  # days present of working days with an entry
    not_entered_days: int  # working days without an entry, left out of the attendance rate


def outcome_figures(session: Session, start: date, end: date, *, as_of: date | None = None,
                    actor: User | None = None) -> OutcomeFigures:
    """The dashboard's figures for [start, end]; attendance is counted up to ``as_of`` (today).

    The whole facility's, so an instructor is refused them, as the summary they come from."""
    summary = statistics.facility_summary(session, start, end, as_of=as_of, actor=actor)
    return OutcomeFigures(
        start=start,
        end=end,
        completion=Share(summary.completed, summary.completion_base),
        employed_at_exit=Share(summary.employed_at_exit, summary.exited),
        employed_within_90_days=Share(summary.employed_within_90_days, summary.completed_not_in_education),
        retention=Share(summary.retained_6_months, summary.retention_base),
        employed_after_6_months=Share(summary.employed_after_6_months, summary.six_months_passed),
        attendance=Share(summary.present_days, summary.entered_days),
        not_entered_days=summary.not_entered_days,
    )


def outcomes_for(session: Session, period: Period = Period.THIS_YEAR, *, today: date | None = None,
                 actor: User | None = None) -> OutcomeFigures:
    """The figures of one of the dashboard's periods, as seen on ``today``."""
    today = today or date.today()
    start, end = period_dates(period, today)
    return outcome_figures(session, start, end, as_of=today, actor=actor)
