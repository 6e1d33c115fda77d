"""A CIS demo shows the integration benefit's amounts: two rule sets (the benefit changes each June)
and premia in the last finished months, each within the month's benefit; a WTZ demo has none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from reintegra.db.enums import Programme
from reintegra.db.models import BenefitPremium, BenefitRule
from reintegra.demo.generate import generate_demo
from reintegra.services import benefit

TODAY = date(2026, 9, 14)


def test_a_cis_demo_has_rule_sets_and_premia(session):
    generate_demo(session, participants=30, years=3, seed=5, programme=Programme.CIS, today=TODAY)
    rules = session.scalars(select(BenefitRule).order_by(BenefitRule.valid_from)).all()
    assert [(rule.valid_from, rule.amount) for rule in rules] == [
        (date(2023, 6, 1), Decimal("1903.32")), (date(2024, 6, 1), Decimal("1994.64")),
        (date(2025, 6, 1), Decimal("2065.20"))]
    premia = session.scalars(select(BenefitPremium)).all()
    assert {premium.month for premium in premia} == {date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1)}
    for month in (6, 7, 8):
        rows = {row.participant_id: row for row in benefit.benefit_list(session, 2026, month, today=TODAY)}
        assert all(row.benefit is not None for row in rows.values())
        for premium in premia:
            if premium.month.month == month:
                row = rows[premium.participant_id]
                assert 0 < row.premium == premium.amount <= row.benefit
                assert row.total == row.benefit + row.premium


def test_a_wtz_demo_has_no_benefit(session):
    generate_demo(session, participants=20, years=2, seed=5, programme=Programme.WTZ, today=TODAY)
    assert session.scalar(select(func.count()).select_from(BenefitRule)) == 0
    assert session.scalar(select(func.count()).select_from(BenefitPremium)) == 0
