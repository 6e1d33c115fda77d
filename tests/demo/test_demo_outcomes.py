"""A believable demo: outcomes at the rates facilities report, and people whose names agree in gender.

A WTZ sends a few percent of its participants to work a year (PFRON's reports: 1–3% leave for a job,
a ZAZ or a social cooperative); a CIS finds work for a third to a half of those who complete it.
Each facility is the command's default, 300 participants over 10 years, generated once for the module.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from faker.providers.person.pl_PL import Provider
from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.engine import make_engine
from reintegra.db.enums import EmploymentStatus, ExitReason, Programme, Sex
from reintegra.db.models import FollowUp, Participant, User
from reintegra.demo import generate_demo
from reintegra.services import statistics
from reintegra.services.dates import add_months
from reintegra.services.validation import pesel_sex

import demo_data

TODAY = demo_data.TODAY
SEED = 2026  # the benchmarks' reference demo
YEARS = 10
WORK = {ExitReason.EMPLOYMENT, ExitReason.ZAZ, ExitReason.SOCIAL_COOPERATIVE}


def _generated(tmp_path_factory, template, programme: Programme):
    path = tmp_path_factory.mktemp(programme.value) / "demo.db"
    shutil.copyfile(template, path)
    engine = make_engine(path)
    with Session(engine) as session, session.begin():
        generate_demo(session, participants=300, years=YEARS, seed=SEED, programme=programme, today=TODAY)
    session = Session(engine)
    return engine, session


@pytest.fixture(scope="module")
def wtz(tmp_path_factory, _template_database):
    engine, session = _generated(tmp_path_factory, _template_database, Programme.WTZ)
    yield session
    session.close()
    engine.dispose()


@pytest.fixture(scope="module")
def cis(tmp_path_factory, _template_database):
    engine, session = _generated(tmp_path_factory, _template_database, Programme.CIS)
    yield session
    session.close()
    engine.dispose()


def stays(session) -> list[Participant]:
    return list(session.scalars(select(Participant).where(Participant.admission_date.is_not(None))))


def work_exits_a_year(session) -> float:
    """Exits to work (a job, a ZAZ, a social cooperative) ÷ the year's participants (everyone taking
    part at some time in the calendar year), over the whole calendar years of the history."""
    people = stays(session)
    participants = work = 0
    for year in range(TODAY.year - YEARS + 1, TODAY.year):
        first, last = date(year, 1, 1), date(year, 12, 31)
        participants += sum(1 for p in people if p.admission_date <= last and (p.exit_date or TODAY) >= first)
        work += sum(1 for p in people if p.exit_date and first <= p.exit_date <= last and p.exit_reason in WORK)
    return work / participants


def whole_history(session) -> statistics.FacilitySummary:
    return statistics.facility_summary(session, add_months(TODAY, -12 * YEARS), TODAY, as_of=TODAY)


def test_a_wtz_sends_a_few_percent_of_its_participants_to_work_a_year(wtz):
    assert 0.01 <= work_exits_a_year(wtz) <= 0.03
    summary = whole_history(wtz)
    assert 0 < summary.employed_at_exit <= 0.1 * summary.exited
    assert summary.exits_by_reason[ExitReason.ZAZ] > 0  # the way out of a WTZ most often taken to work
    # The labour market (a ZAZ is a programme of its own): a few of those who complete a WTZ.
    assert 0 < summary.employment_rate <= 0.1


def test_a_cis_finds_work_for_a_third_to_a_half_of_those_who_complete_it(cis):
    summary = whole_history(cis)
    assert 0.3 <= summary.employment_rate <= 0.5
    assert 0.3 <= summary.employed_at_exit / summary.completed <= 0.5
    # Most of them still work six months later.
    assert 0.55 <= summary.retention_rate <= 0.9
    assert 0.08 <= work_exits_a_year(cis) <= 0.25  # far more than a WTZ's few percent


def test_a_leaver_to_a_social_cooperative_works_there_at_every_follow_up(cis):
    """In a CIS, where such leavers are many (from a WTZ one goes every few years)."""
    session = cis
    leavers = [p for p in stays(session) if p.exit_reason is ExitReason.SOCIAL_COOPERATIVE]
    contacts = 0
    for person in leavers:
        assert person.exit_destination.startswith("Spółdzielnia Socjalna")
        for follow_up in session.scalars(select(FollowUp).where(FollowUp.participant_id == person.id,
                                                                FollowUp.contact_date.is_not(None))):
            assert follow_up.employment_status is EmploymentStatus.SOCIAL_COOPERATIVE
            assert follow_up.employer == person.exit_destination
            contacts += 1
    assert contacts >= 3


FEMALE_FIRST_NAMES = frozenset(Provider.first_names_female)
MALE_FIRST_NAMES = frozenset(Provider.first_names_male)
_UNISEX = frozenset(Provider.unisex_last_names)
# Faker's "unisex" list holds both forms of some adjectival names: Wesoły and Wesoła.
MASCULINE_ADJECTIVES = frozenset(name[:-1] + "y" for name in _UNISEX if name.endswith("a") and name[:-1] + "y" in _UNISEX)
FEMININE_ADJECTIVES = frozenset(name[:-1] + "a" for name in MASCULINE_ADJECTIVES)


def female_by_first_name(first_name: str) -> bool:
    assert first_name in FEMALE_FIRST_NAMES or first_name in MALE_FIRST_NAMES, first_name
    return first_name in FEMALE_FIRST_NAMES


def split_name(full_name: str) -> tuple[str, str]:
    """'Anna Maria Nowak' → ('Anna Maria', 'Nowak'): Faker has a few double first names."""
    words = full_name.split(" ")
    for length in (2, 1):
        first = " ".join(words[:length])
        if len(words) > length and (first in FEMALE_FIRST_NAMES or first in MALE_FIRST_NAMES):
            return first, " ".join(words[length:])
    raise AssertionError(f"no known first name in {full_name!r}")


def assert_agrees(first: str, last: str, female: bool | None = None) -> None:
    """The first name's sex is ``female`` (when given) and the family name has that sex's form."""
    full_name = f"{first} {last}"
    by_first_name = female_by_first_name(first)
    assert female is None or by_first_name is female, full_name
    if by_first_name:
        assert not last.endswith(("ski", "cki", "dzki")) and last not in MASCULINE_ADJECTIVES, full_name
    else:
        assert not last.endswith(("ska", "cka", "dzka")) and last not in FEMININE_ADJECTIVES, full_name


@pytest.mark.parametrize("facility", ["wtz", "cis"])
def test_every_generated_person_agrees_in_gender(facility, request):
    """First name, family name and PESEL of each participant; their guardians and emergency
    contacts; the staff."""
    session = request.getfixturevalue(facility)
    people = list(session.scalars(select(Participant)))
    for person in people:
        female = person.sex is Sex.FEMALE
        assert_agrees(person.first_name, person.last_name, female)
        assert pesel_sex(person.pesel) is person.sex
        assert int(person.pesel[9]) % 2 == (0 if female else 1)
        for relative in (person.guardian_name, person.emergency_name):
            if relative:
                assert_agrees(*split_name(relative))
    for user in session.scalars(select(User).where(User.username != "admin")):
        assert_agrees(*split_name(user.full_name))
    # The commonest Polish family names are there, in both forms.
    assert any(p.last_name.endswith("ska") for p in people if p.sex is Sex.FEMALE)
    assert any(p.last_name.endswith("ski") for p in people if p.sex is Sex.MALE)
