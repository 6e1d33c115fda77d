"""Revision 0004 gives every stay the CIS clock's columns, empty on the stays of a filled database;
after it the clock runs on those old stays as on new ones (the 12-month end from the admission)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reintegra.db import schema
from reintegra.db.engine import make_engine
from reintegra.db.enums import Programme, TrialDecision
from reintegra.db.models import Participant
from reintegra.services import cis_clock
from reintegra.services.participants import taking_part_on
from stored_databases import TODAY, copy_stored, stored_path

CLOCK = ("trial_end_date", "trial_decision", "trial_decision_date", "extension_date", "extension_reason")


@pytest.mark.parametrize("facility", ["wtz", "cis"])
def test_the_stays_of_a_filled_database_get_an_empty_clock(facility, tmp_path):
    engine = make_engine(copy_stored(stored_path("0003", facility), tmp_path))
    try:
        with engine.connect() as connection:
            stays = connection.execute(text("SELECT count(*) FROM participants")).scalar()
        schema.upgrade(engine, "0004")
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT {', '.join(CLOCK)} FROM participants")).all()
        assert len(rows) == stays > 30
        assert set(rows) == {(None, None, None, None, "")}
    finally:
        engine.dispose()


def test_an_old_cis_stay_can_record_its_trial_month_and_be_extended_after_the_upgrade(tmp_path):
    engine = make_engine(copy_stored(stored_path("0003", "cis"), tmp_path))
    try:
        schema.upgrade(engine)
        with Session(engine) as session, session.begin():
            stay = session.scalars(select(Participant).where(
                taking_part_on(TODAY), Participant.programme == Programme.CIS,
                Participant.admission_date < TODAY - (date(2026, 2, 1) - date(2026, 1, 1)))
                .order_by(Participant.id)).first()
            end = cis_clock.default_trial_end(stay.admission_date)
            cis_clock.record_trial(session, stay.id, stay.version, trial_end=end, decision=TrialDecision.PASSED,
                                   decided_on=end, today=TODAY)
            assert (stay.trial_end_date, stay.trial_decision) == (end, TrialDecision.PASSED)
            latest = cis_clock.latest_end(stay.admission_date)
            if (stay.planned_end_date or cis_clock.default_planned_end(stay.admission_date)) < latest:
                cis_clock.extend(session, stay.id, stay.version, new_end=latest, decided_on=TODAY,
                                 reason="Potrzeba dłuższego programu", today=TODAY)
                assert stay.planned_end_date == latest
    finally:
        engine.dispose()
