"""Demo data of a CIS's integration benefit: three rule sets (the benefit changes each June) and
motivational premia for some participants in the last finished months, so that the benefit list
shows amounts."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from reintegra.db.models import BenefitRule
from reintegra.services import benefit
from reintegra.services.dates import add_months

# 120 % of the unemployment benefit of its first 90 days as announced each June (1586.10 zł from
# June 2023, 1662.20 zł from June 2024); the 2025 figure is an example. A centre enters its own.
_RULE_SETS = ((date(2023, 6, 1), Decimal("1903.32"), "Świadczenie od 1 czerwca 2023 r."),
              (date(2024, 6, 1), Decimal("1994.64"), "Świadczenie od 1 czerwca 2024 r."),
              (date(2025, 6, 1), Decimal("2065.20"), "Świadczenie od 1 czerwca 2025 r. (przykład)"))
_PREMIA = (Decimal("100"), Decimal("150"), Decimal("200"), Decimal("250"), Decimal("300"))
_PREMIUM_NOTES = ("zaangażowanie w zajęcia", "pomoc przy organizacji wydarzenia", "wzorowa frekwencja",
                  "postępy w warsztacie", "")


def add_benefits(session: Session, seed: int, today: date) -> None:
    """The rule sets, and premia for about a fifth of those paid in each of the last three finished months."""
    for valid_from, amount, description in _RULE_SETS:
        session.add(BenefitRule(
            valid_from=valid_from, amount=amount, unexcused_day_deduction=Decimal("0.05"),
            unexcused_days_forfeit=None, sick_day_deduction=Decimal("0.025"), excused_day_deduction=Decimal("0"),
            sick_days_limit=21, sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6,
            description=description))
    session.flush()
    rng = random.Random(seed)
    for back in (3, 2, 1):
        month = add_months(today.replace(day=1), -back)
        paid = [row for row in benefit.benefit_list(session, month.year, month.month, today=today)
                if row.benefit is not None and row.benefit >= _PREMIA[0]]
        for row in rng.sample(paid, k=round(len(paid) / 5)):
            amount = min(rng.choice(_PREMIA), row.benefit)
            benefit.set_premium(session, row.participant_id, month.year, month.month, amount,
                                note=rng.choice(_PREMIUM_NOTES), today=today)
