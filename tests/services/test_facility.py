"""Facility data: validation and the day length."""

from decimal import Decimal

import pytest

from reintegra.db.enums import Programme
from reintegra.services import facility
from reintegra.services.errors import ConflictError, ValidationError
from reintegra.services.facility import FacilityFields


def test_update_and_read_back(session):
    assert not facility.is_configured(session)
    facility.update_facility(session, FacilityFields(name="WTZ „Ośrodek Łąka”", kind=Programme.WTZ,
                                                     city="Łódź", day_length_hours="6,5"))
    stored = facility.get_facility(session)
    assert facility.is_configured(session)
    assert (stored.name, stored.city, stored.day_length_hours) == ("WTZ „Ośrodek Łąka”", "Łódź", Decimal("6.5"))
    assert (stored.idle_lock_minutes, stored.access_grace_days) == (10, 30)


def test_lock_and_grace_period_are_kept(session):
    facility.update_facility(session, FacilityFields(name="CIS Wola", idle_lock_minutes=3, access_grace_days=0))
    stored = facility.get_facility(session)
    assert (stored.idle_lock_minutes, stored.access_grace_days) == (3, 0)


@pytest.mark.parametrize("values, field", [
    (dict(name=""), "name"), (dict(name="X", day_length_hours="13"), "day_length_hours"),
    (dict(name="X", day_length_hours="siedem"), "day_length_hours"), (dict(name="X", retention_years=0),
                                                                      "retention_years"),
    (dict(name="X", idle_lock_minutes=0), "idle_lock_minutes"), (dict(name="X", idle_lock_minutes=241),
                                                                 "idle_lock_minutes"),
    (dict(name="X", access_grace_days=-1), "access_grace_days"), (dict(name="X", access_grace_days=366),
                                                                  "access_grace_days"),
])
def test_bad_input(session, values, field):
    with pytest.raises(ValidationError) as error:
        facility.update_facility(session, FacilityFields(**values))
    assert error.value.field == field
    assert not facility.is_configured(session)


def test_stale_version(session):
    stored = facility.get_facility(session)
    version = stored.version
    facility.update_facility(session, FacilityFields(name="A"), expected_version=version)
    with pytest.raises(ConflictError):
        facility.update_facility(session, FacilityFields(name="B"), expected_version=version)
