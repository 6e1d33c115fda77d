"""The CIS completion certificate and its register: the draft (period, workshops with hours counted
by hand in tests/certificate_data.py, skills from achieved goals and the latest assessment), the
numbering per year, the refusals, who may, reprinting, and what anonymisation leaves of an entry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from certificate_data import GOAL_COOKING, GOAL_OPEN, GOAL_SEWING, TODAY, make_cis
from factories import admit
from reintegra.db.enums import AuditAction, ExitReason, Programme
from reintegra.db.models import AuditEntry, Certificate, Facility, Participant
from reintegra.services import anonymisation, certificates, participants
from reintegra.services.anonymised import AnonymisedError
from reintegra.services.certificates import CertificateFields
from reintegra.services.errors import PermissionDenied, ValidationError


@pytest.fixture
def cis(session):
    made = make_cis(session)
    session.commit()
    return made


def _issue(session, participant_id, day, skills="Gotuje.", actor=None):
    return certificates.issue_certificate(session, participant_id, CertificateFields(skills), issued_on=day,
                                          actor=actor, today=TODAY)


def test_the_draft_has_the_period_and_the_hours_counted_by_hand(session, cis):
    draft = certificates.draft_certificate(session, cis.lucja.id, actor=cis.director)
    assert draft.holder == "Łucja Źdźbło-Gęś"
    assert draft.pesel == cis.lucja.pesel
    assert (draft.period_start, draft.period_end) == (date(2026, 1, 5), date(2026, 3, 31))
    rows = [(row.name, row.start, row.end, row.days, row.hours) for row in draft.workshops]
    assert rows == [
        ("Pracownia gastronomiczna", date(2026, 1, 5), date(2026, 2, 27), 5, Decimal("28.5")),
        ("Pracownia krawiecka", date(2026, 3, 2), date(2026, 3, 31), 2, Decimal("10")),
    ]
    assert draft.total_hours == Decimal("38.5")


def test_a_day_without_hours_counts_the_facility_day_length(session, cis):
    session.scalar(select(Facility)).day_length_hours = Decimal("8")
    session.flush()
    draft = certificates.draft_certificate(session, cis.lucja.id)
    # Only the present day with no hours recorded changes: 6 → 8.
    assert draft.workshops[0].hours == Decimal("30.5")


def test_the_skills_are_prefilled_from_achieved_goals_and_the_strongest_areas(session, cis):
    skills = certificates.draft_certificate(session, cis.lucja.id).skills
    assert GOAL_COOKING in skills and GOAL_SEWING in skills
    assert GOAL_OPEN not in skills  # in progress, not achieved
    assert skills.index(GOAL_COOKING) < skills.index(GOAL_SEWING)
    assert "Komunikacja (5/5), Współpraca w grupie (4/5)" in skills  # highest first
    assert "(2/5)" not in skills and "(3/5)" not in skills  # not above the middle of the scale
    assert "20.03.2026" in skills


def test_numbers_run_within_the_year_of_issue(session, cis):
    first = _issue(session, cis.lucja.id, date(2026, 4, 2))
    second = _issue(session, cis.lucja.id, date(2026, 4, 3))
    session.flush()
    assert [(c.sequence, c.year) for c in (first, second)] == [(1, 2026), (2, 2026)]
    # The next year starts again at 1 (issued on a later "today").
    third = certificates.issue_certificate(session, cis.lucja.id, CertificateFields(""), issued_on=date(2027, 1, 4),
                                           today=date(2027, 1, 4))
    assert (third.sequence, third.year) == (1, 2027)
    numbers = [row.number for row in certificates.register(session)]
    assert numbers == ["1/2026", "2/2026", "1/2027"]
    assert [row.number for row in certificates.register(session, 2027)] == ["1/2027"]


def test_what_is_printed_is_stored_and_a_reprint_reads_it(session, cis):
    issued = _issue(session, cis.lucja.id, date(2026, 4, 2), skills="  Gotuje dla grupy.  ", actor=cis.director)
    # Later changes to the stay and the facility do not change the certificate.
    session.scalar(select(Facility)).director_name = "Jan Inny"
    cis.lucja.first_name = "Łucjanna"
    session.flush()
    stored = certificates.printable(session, issued.id, actor=cis.director)
    assert stored.number == "1/2026"
    assert stored.holder == "Łucja Źdźbło-Gęś"
    assert stored.skills == "Gotuje dla grupy."
    assert stored.director == "Zofia Wójcik" and stored.place == "Łomża"
    assert stored.total_hours == Decimal("38.5")
    assert stored.issued_by == "Zofia Wójcik"
    content = session.get(Certificate, issued.id).content
    assert [row["hours"] for row in content["workshops"]] == ["28.5", "10"] and content["total_hours"] == "38.5"
    assert [row.number for row in certificates.certificates_of(session, cis.lucja.id)] == ["1/2026"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "certificate")).one()
    assert entry.action is AuditAction.CREATE and entry.participant_id == cis.lucja.id
    assert entry.changes["sequence"] == 1 and entry.changes["year"] == 2026


@pytest.mark.parametrize("who", ["waldek", "olek"])
def test_only_a_cis_leaver_gets_one(session, cis, who):
    with pytest.raises(ValidationError) as refused:
        _issue(session, getattr(cis, who).id, date(2026, 4, 2))
    assert refused.value.field == "participant"
    assert getattr(cis, who).full_name in refused.value.message
    assert session.scalar(select(Certificate.id)) is None


@pytest.mark.parametrize("day, words", [
    (date(2026, 3, 30), "31.03.2026"),  # before the exit
    (date(2026, 6, 11), "10.06.2026"),  # after today
])
def test_the_date_of_issue_is_checked(session, cis, day, words):
    with pytest.raises(ValidationError) as refused:
        _issue(session, cis.lucja.id, day)
    assert refused.value.field == "issued_on" and words in refused.value.message
    assert session.scalar(select(Certificate.id)) is None


def test_a_new_number_is_not_dated_before_the_last_of_its_year(session, cis):
    _issue(session, cis.lucja.id, date(2026, 5, 4))
    with pytest.raises(ValidationError) as refused:
        _issue(session, cis.lucja.id, date(2026, 4, 30))
    assert "1/2026" in refused.value.message


def test_skills_too_long_are_refused(session, cis):
    with pytest.raises(ValidationError) as refused:
        _issue(session, cis.lucja.id, date(2026, 4, 2), skills="x" * (certificates.MAX_SKILLS_LENGTH + 1))
    assert refused.value.field == "skills"
    assert session.scalar(select(Certificate.id)) is None


def test_an_instructor_is_refused_everything(session, cis):
    with pytest.raises(PermissionDenied):
        certificates.draft_certificate(session, cis.lucja.id, actor=cis.instructor)
    with pytest.raises(PermissionDenied):
        _issue(session, cis.lucja.id, date(2026, 4, 2), actor=cis.instructor)
    with pytest.raises(PermissionDenied):
        certificates.register(session, actor=cis.instructor)
    assert session.scalar(select(Certificate.id)) is None


def test_a_number_taken_meanwhile_by_another_computer_gives_the_next(session, cis, monkeypatch):
    _issue(session, cis.lucja.id, date(2026, 4, 2))
    stale = iter([1])  # the first reading misses the certificate just issued, as another computer would
    real = certificates._next_sequence
    monkeypatch.setattr(certificates, "_next_sequence",
                        lambda session, year: next(stale, None) or real(session, year))
    again = _issue(session, cis.lucja.id, date(2026, 4, 3))
    assert again.sequence == 2


def test_anonymising_keeps_the_number_date_and_period_and_clears_the_holder(session, cis):
    lucja_pesel = cis.lucja.pesel
    issued = _issue(session, cis.lucja.id, date(2026, 4, 2), skills="Gotuje dla grupy.")
    session.flush()
    # Due once the retention period (5 years) has passed: the stay is moved back in time, as if long ago.
    session.execute(Participant.__table__.update().where(Participant.__table__.c.id == cis.lucja.id).values(
        admission_date=date(2020, 1, 6), exit_date=date(2020, 3, 31)))
    session.expire_all()
    anonymisation.anonymise(session, [cis.lucja.id], today=TODAY)
    row = certificates.register(session)[0]
    assert (row.number, row.issued_on, row.period_start, row.period_end) == (
        "1/2026", date(2026, 4, 2), date(2026, 1, 5), date(2026, 3, 31))
    assert row.holder == "" and row.pesel is None and row.birth_date is None and row.skills == ""
    assert row.total_hours == Decimal("38.5")
    assert session.get(Certificate, issued.id).participant_id == cis.lucja.id
    # Nothing in the register's row names her any more.
    row_text = " ".join(str(value) for value in session.execute(select(Certificate.__table__)).one())
    for trace in ("Łucja", "Źdźbło", "Gotuje", lucja_pesel, "1990-05-17"):
        assert trace not in row_text
    with pytest.raises(ValidationError) as refused:
        certificates.printable(session, issued.id)
    assert "1/2026" in refused.value.message
    with pytest.raises((ValidationError, AnonymisedError)):
        _issue(session, cis.lucja.id, date(2026, 6, 1))


def test_a_deleted_stay_leaves_the_register_entry(session, cis):
    issued = _issue(session, cis.lucja.id, date(2026, 4, 2))
    session.flush()
    session.execute(Certificate.__table__.update().values(participant_id=None))
    session.expire_all()
    assert certificates.register(session)[0].number == "1/2026"
    assert session.get(Certificate, issued.id).holder == "Łucja Źdźbło-Gęś"


def test_a_wtz_facility_person_in_a_kis_gets_one_too(session, cis):
    kasia = admit(session, "Kasia", "Kos", date(2026, 2, 2), serial=204, programme=Programme.KIS)
    participants.exit_participant(session, kasia.id, kasia.version, date(2026, 3, 6), ExitReason.OTHER, today=TODAY)
    draft = certificates.draft_certificate(session, kasia.id)
    assert draft.programme is Programme.KIS and draft.workshops == () and draft.skills == ""
    assert _issue(session, kasia.id, date(2026, 3, 6)).sequence == 1
    assert session.get(Participant, kasia.id) is not None
