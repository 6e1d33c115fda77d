"""The CIS benefit's rule sets (``BenefitRule``): which one applies to a month.

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
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.models import BenefitRule


def rule_in_force(session: Session, month_start: date) -> BenefitRule | None:
    """The rule set applying to the month beginning on ``month_start``; None when none had begun."""
    return session.scalars(select(BenefitRule).where(BenefitRule.valid_from <= month_start)
                           .order_by(BenefitRule.valid_from.desc()).limit(1)).first()
