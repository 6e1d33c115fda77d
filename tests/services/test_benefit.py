"""The CIS benefit list: who is on it and their counts, against a hand count of October 2026
(tests/benefit_data.py)."""

from __future__ import annotations

from datetime import date

import pytest

from benefit_data import AS_OF, CWIK, GESLINSKA, KITCHEN, MONTH, TAILORING, YEAR, ZOLC, make_october, oct_
from factories import admit, workshop
from reintegra.db.enums import Programme
from reintegra.services import benefit, placements
from reintegra.services.benefit import BenefitRow
from reintegra.services.errors import ReintegraError

def _shape(rows: list[BenefitRow]):
    return [(r.last_name, r.first_name, r.workshops, tuple(r.numbers())) for r in rows]


@pytest.fixture
def october(session):
    return make_october(session)


def test_every_cis_participant_of_the_month_with_a_hand_count(session, october):
    rows = benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)
    assert _shape(rows) == [CWIK, GESLINSKA, ZOLC]  # Polish order: C, Ć … G … Ż
    assert [r.participant_id for r in rows] == [october.cwik, october.geslinska, october.zolc]
    assert all(len(r.pesel) == 11 for r in rows)


def test_one_workshop_lists_its_people_with_their_whole_month(session, october):
    tailoring = benefit.benefit_list(session, YEAR, MONTH, workshop_id=october.tailoring_id, today=AS_OF)
    assert _shape(tailoring) == [CWIK, ZOLC]
    kitchen = benefit.benefit_list(session, YEAR, MONTH, workshop_id=october.kitchen_id, today=AS_OF)
    assert _shape(kitchen) == [GESLINSKA, ZOLC]


def test_working_days_stop_at_today(session, october):
    rows = benefit.benefit_list(session, YEAR, MONTH, today=oct_(16))
    # 1, 2, 5–9, 12–16: 12 working days; Ćwik comes on 19.10, none yet. Recorded days all count.
    assert [(r.last_name, r.working_days, r.present) for r in rows] == [
        ("Ćwik", 0, 5), ("Gęślińska", 12, 10), ("Żółć", 12, 9)]


def test_totals(session, october):
    rows = benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)
    # present, excused, unexcused, sick, leave, day off, working days
    assert benefit.totals(rows) == [24, 1, 2, 7, 1, 1, 54]


def test_a_month_without_cis_participants_is_empty_and_has_a_sentence(session, october):
    assert benefit.benefit_list(session, 2026, 5, today=AS_OF) == []
    assert benefit.benefit_list(session, 2026, 9, workshop_id=october.tailoring_id, today=AS_OF) == []
    error = benefit.nobody_error(2026, 8, TAILORING)
    assert isinstance(error, ReintegraError) and TAILORING in str(error) and "sierpień 2026" in str(error)


def test_a_participant_without_pesel_is_listed(session):
    kitchen = workshop(session, KITCHEN)
    person = admit(session, "Iga", "Świerk", oct_(1), programme=Programme.CIS, serial=30)
    person.pesel = None
    person.birth_date = date(1990, 5, 17)
    placements.place(session, person.id, kitchen.id, oct_(1))
    session.commit()
    [row] = benefit.benefit_list(session, YEAR, MONTH, today=AS_OF)
    assert (row.last_name, row.pesel, row.working_days) == ("Świerk", None, 22)
