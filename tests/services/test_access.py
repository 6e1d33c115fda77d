"""Who reaches whom: instructors their workshops' participants (with the grace period), the rest everyone."""

import pytest

from reintegra.services import access, facility
from reintegra.services.errors import PermissionDenied
from staff_data import TODAY, make_staff


@pytest.fixture
def staff(session):
    return make_staff(session)


def test_an_instructor_reaches_the_placed_and_the_recently_placed(session, staff):
    ids = access.reachable_ids(session, staff.ola, TODAY)
    assert ids == {staff.anna.id, staff.celina.id}
    assert access.reachable_ids(session, staff.jan, TODAY) == {staff.bartek.id}


def test_directors_administrators_and_the_command_line_reach_everyone(session, staff):
    for actor in (staff.director, staff.admin, None):
        assert access.reachable_ids(session, actor, TODAY) is None
        assert access.may_reach(session, actor, staff.ewa.id, TODAY)


def test_the_grace_period_is_a_setting(session, staff):
    row = facility._facility_for_change(session)
    row.access_grace_days = 0
    session.flush()
    assert access.reachable_ids(session, staff.ola, TODAY) == {staff.anna.id}
    row.access_grace_days = 90
    session.flush()
    assert access.reachable_ids(session, staff.ola, TODAY) == {staff.anna.id, staff.celina.id, staff.dawid.id}


def test_a_refusal_is_one_translated_sentence(session, staff):
    with pytest.raises(PermissionDenied) as refusal:
        access.require_participant(session, staff.ola, staff.dawid.id, TODAY)
    assert "pracowni" in refusal.value.message
    access.require_participant(session, staff.ola, staff.celina.id, TODAY)


def test_whole_facility_and_administrator_only(staff):
    with pytest.raises(PermissionDenied):
        access.require_whole_facility(staff.ola)
    access.require_whole_facility(staff.director)
    with pytest.raises(PermissionDenied):
        access.require_administrator(staff.director)
    access.require_administrator(staff.admin)
    access.require_administrator(None)


def test_an_instructor_reaches_only_their_workshops(session, staff):
    assert access.may_reach_workshop(session, staff.ola, staff.gastronomy.id)
    with pytest.raises(PermissionDenied):
        access.require_workshop(session, staff.ola, staff.tailoring.id)
    access.require_workshop(session, staff.director, staff.tailoring.id)
