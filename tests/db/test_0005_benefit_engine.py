"""Revision 0005 turns the old per-status benefit rules of a filled database into one rule set per
date, adds the premia, the certificate register and the annual reports' sections, and after it the
new tables take rows on that old database as on a new one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import Programme
from reintegra.db.models import AnnualReportSection, BenefitPremium, BenefitRule, Certificate, Participant
from stored_databases import copy_stored, stored_path


def test_the_two_old_rules_of_one_date_become_one_rule_set(tmp_path):
    # 0004-cis.db holds (2022-01-01, unexcused, 3.333 %, 0 free days, "Nieobecność nieusprawiedliwiona")
    # and (2022-01-01, sick, 1.667 %, 2 free days a month, "Zwolnienie lekarskie ponad dwa dni w miesiącu").
    engine = make_engine(copy_stored(stored_path("0004", "cis"), tmp_path))
    try:
        schema.upgrade(engine, "0005")
        with Session(engine) as session:
            (rule,) = session.scalars(select(BenefitRule)).all()
            assert rule.valid_from == date(2022, 1, 1)
            assert rule.unexcused_day_deduction == Decimal("0.033330")  # 3.333 % a day
            assert rule.sick_day_deduction == Decimal("0.016670")
            assert rule.excused_day_deduction == 0
            assert rule.amount == 0  # never recorded: the director enters it
            assert (rule.unexcused_days_forfeit, rule.sick_days_limit, rule.free_days_limit) == (None, None, None)
            assert rule.description == ("Nieobecność nieusprawiedliwiona · "
                                        "Zwolnienie lekarskie ponad dwa dni w miesiącu (dni wolne w miesiącu: 2)")
    finally:
        engine.dispose()


@pytest.mark.parametrize("facility", ["wtz", "cis"])
def test_the_new_tables_take_rows_on_an_upgraded_filled_database(facility, tmp_path):
    engine = make_engine(copy_stored(stored_path("0004", facility), tmp_path))
    try:
        with engine.connect() as connection:
            stays = connection.execute(text("SELECT count(*) FROM participants")).scalar()
        schema.upgrade(engine)
        with Session(engine) as session, session.begin():
            stay = session.scalars(select(Participant).order_by(Participant.id)).first()
            stay_id = stay.id
            session.add_all([
                BenefitRule(valid_from=date(2026, 6, 1), amount=Decimal("1161.60"),
                            unexcused_day_deduction=Decimal("0.05"), sick_days_limit=21),
                BenefitPremium(participant_id=stay.id, month=date(2026, 11, 1), amount=Decimal("200.00")),
                Certificate(year=2026, sequence=1, issued_on=date(2026, 12, 4), participant_id=stay.id,
                            holder=f"{stay.first_name} {stay.last_name}", period_start=stay.admission_date,
                            period_end=date(2026, 12, 4), content={"skills": "obsługa kasy fiskalnej"}),
                AnnualReportSection(year=2026, programme=Programme.WTZ, section="finances", text="Dotacja PFRON"),
            ])
        with Session(engine) as session:
            assert session.scalar(select(Certificate.participant_id)) == stay_id
            assert session.scalar(text("SELECT count(*) FROM participants")) == stays
            assert session.scalar(select(Certificate.content)) == {"skills": "obsługa kasy fiskalnej"}
            assert session.scalar(select(BenefitPremium.amount)) == Decimal("200.00")
    finally:
        engine.dispose()
