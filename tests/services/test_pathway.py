"""The path after (services/pathway.py) on the hand-counted facility of tests/pathway_data.py: the
timeline's order and text, where the 2025 leavers are after 3, 6 and 12 months, and need-to-know."""

from __future__ import annotations

from datetime import date

import pytest

import pathway_data
from reintegra.db.enums import EmploymentStatus, ExitReason, Programme
from reintegra.db.models import Participant, User
from reintegra.services import participants, pathway
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.i18n import _, ngettext
from reintegra.services.labels import label
from reintegra.services.pathway import ContactStep, Place, StayStep, place_label


@pytest.fixture
def ids(session):
    return pathway_data.build(session)


def test_the_timeline_runs_across_stays_and_contacts_oldest_first(session, ids):
    steps = pathway.timeline(session, ids["Zofia"], today=pathway_data.AS_OF)

    assert [type(step) for step in steps] == [StayStep, StayStep, ContactStep, ContactStep]
    wtz, zaz, first, second = steps
    assert (wtz.programme, wtz.admission_date, wtz.exit_date, wtz.exit_reason) == \
        (Programme.WTZ, date(2019, 9, 2), date(2023, 6, 30), ExitReason.ZAZ)
    assert (zaz.programme, zaz.exit_reason, wtz.exit_place, zaz.exit_place) == \
        (Programme.ZAZ, ExitReason.SOCIAL_COOPERATIVE, Place.ZAZ, Place.SOCIAL_COOPERATIVE)
    assert (first.months_after, first.place, first.employer) == (3, Place.SOCIAL_COOPERATIVE, "Spółdzielnia „Razem”")
    assert (second.months_after, second.place) == (6, Place.OPEN_MARKET)
    # The issue's own example, from any of the person's stays.
    assert pathway.timeline_text(steps) == " → ".join([
        "WTZ 2019–2023", "ZAZ 2023–2025", place_label(Place.SOCIAL_COOPERATIVE), place_label(Place.OPEN_MARKET)])
    assert pathway.timeline(session, ids["Zofia ZAZ"], today=pathway_data.AS_OF) == steps
    assert zaz.text() == _("{stay}; left: {reason}").format(
        stay=_("{programme}: {start} – {end}").format(programme="ZAZ", start="03.07.2023", end="31.03.2025"),
        reason=label(ExitReason.SOCIAL_COOPERATIVE))
    assert first.text() == _("{after} (contact on {date}): {place}").format(
        after=ngettext("{count} month after the exit", "{count} months after the exit", 3).format(count=3),
        date="30.06.2025", place=_("{place} ({employer})").format(place=place_label(Place.SOCIAL_COOPERATIVE),
                                                                  employer="Spółdzielnia „Razem”"))


def test_an_ongoing_stay_and_a_person_without_contacts(session, ids):
    steps = pathway.timeline(session, ids["Wiktor"], today=pathway_data.AS_OF)
    assert pathway.timeline_text(steps) == " → ".join([
        "WTZ 2018–2025", _("{programme} since {year}").format(programme="ZAZ", year=2025)])
    assert steps[1].text() == _("{programme}: since {date}, ongoing").format(programme="ZAZ", date="03.02.2025")
    # A contact that found nobody is "unknown" in the timeline.
    cezary = pathway.timeline(session, ids["Cezary"], today=pathway_data.AS_OF)
    assert pathway.timeline_text(cezary) == " → ".join([
        "CIS 2024–2025", place_label(Place.EDUCATION), place_label(Place.UNKNOWN)])


def test_an_instructor_sees_only_the_stays_they_reach(session, ids):
    ola = session.get(User, ids["ola"])
    # Wiktor's ZAZ stay is placed in ola's kitchen; his WTZ stay was in tailoring and ended long ago.
    steps = pathway.timeline(session, ids["Wiktor ZAZ"], actor=ola, today=pathway_data.AS_OF)
    assert [step.stay_id for step in steps] == [ids["Wiktor ZAZ"]]
    with pytest.raises(PermissionDenied):
        pathway.timeline(session, ids["Wiktor"], actor=ola, today=pathway_data.AS_OF)
    # Zofia is nowhere in ola's reach: nothing of her path.
    with pytest.raises(PermissionDenied):
        pathway.timeline(session, ids["Zofia ZAZ"], actor=ola, today=pathway_data.AS_OF)


def test_the_2025_leavers_after_3_6_and_12_months_agree_with_the_hand_count(session, ids):
    found = pathway.leavers_after(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF)

    assert found.leavers == 5  # Edward's death, Janina (2024) and Halina (still here) are no 2025 leavers
    assert found.to_json_dict() == {str(months): counts for months, counts in pathway_data.EXPECTED.items()}
    def places(name):
        return found.places[session.get(Participant, ids[name]).person_id]

    assert places("Zofia") == {3: Place.SOCIAL_COOPERATIVE, 6: Place.OPEN_MARKET, 12: Place.NOT_YET_DUE}
    assert places("Wiktor") == {3: Place.ZAZ, 6: Place.ZAZ, 12: Place.ZAZ}  # the readmission to a ZAZ
    assert places("Adam") == {3: Place.OPEN_MARKET, 6: Place.NOT_EMPLOYED, 12: Place.UNKNOWN}
    assert places("Beata") == {3: Place.UNKNOWN, 6: Place.UNKNOWN, 12: Place.UNKNOWN}
    assert places("Cezary") == {3: Place.EDUCATION, 6: Place.UNKNOWN, 12: Place.NOT_YET_DUE}
    for counts in found.by_horizon.values():
        assert sum(counts.values()) == found.leavers


def test_a_horizon_not_yet_reached_becomes_due_and_then_unknown(session, ids):
    # On 31 March 2026 Zofia's 12 months have passed without a contact: unknown, no longer "not yet due".
    later = pathway.leavers_after(session, *pathway_data.YEAR_2025, as_of=date(2026, 3, 31))
    assert later.by_horizon[12]["not_yet_due"] == 1  # Cezary only
    assert later.by_horizon[12]["unknown"] == 3


def test_a_readmission_to_another_programme_is_not_employed(session, ids):
    from reintegra.services.participants import ParticipantFields

    beata = session.get(Participant, ids["Beata"])
    participants.readmit(session, ParticipantFields(first_name="Beata", last_name="Żuk", pesel=beata.pesel,
                                                    programme=Programme.CIS, admission_date=date(2025, 6, 2)),
                         participant_id=beata.id, today=pathway_data.AS_OF)
    found = pathway.leavers_after(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF)
    assert found.places[beata.person_id] == {3: Place.UNKNOWN, 6: Place.NOT_EMPLOYED, 12: Place.NOT_EMPLOYED}


def test_the_leavers_are_the_whole_facility_s(session, ids):
    ola = session.get(User, ids["ola"])
    with pytest.raises(PermissionDenied):
        pathway.leavers_after(session, *pathway_data.YEAR_2025, actor=ola)
    with pytest.raises(ValidationError):
        pathway.leavers_after(session, date(2025, 12, 31), date(2025, 1, 1))


def test_every_status_has_a_place():
    assert set(pathway.STATUS_PLACES) == set(EmploymentStatus)


def test_a_person_who_left_twice_in_the_period_counts_once_by_the_latest_exit(session, ids):
    wiktor_zaz = session.get(Participant, ids["Wiktor ZAZ"])
    participants.exit_participant(session, wiktor_zaz.id, wiktor_zaz.version, date(2025, 11, 28),
                                  ExitReason.EMPLOYMENT, today=pathway_data.AS_OF)
    found = pathway.leavers_after(session, *pathway_data.YEAR_2025, as_of=pathway_data.AS_OF)
    assert found.leavers == 5
    # From 28 Nov 2025: 3 months on 28 Feb 2026 passed without a contact; 6 and 12 months still to come.
    assert found.places[wiktor_zaz.person_id] == {3: Place.UNKNOWN, 6: Place.NOT_YET_DUE, 12: Place.NOT_YET_DUE}
