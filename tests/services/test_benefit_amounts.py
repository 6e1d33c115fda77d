"""The CIS benefit's amounts (services/benefit.py) against hand counts written in each test.

The rule sets are those of ``_rules``: from 1 June 2025 1123.20 zł, from 1 June 2026 1161.60 zł; both
deduct 0.05 of the amount per unexcused day, 0.025 per sick day within the stay's 21, 0.05 per sick
day beyond them, 0.02 per excused day; 6 days off on request in a stay are paid in full; more than 3
unexcused days in a month forfeit the benefit.

Working days (Monday–Friday minus Polish holidays): May 2026 20 (1 May a holiday), June 2026 21
(4 June Corpus Christi), September 2026 22, October 2026 22, November 2026 20 (11 November).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import AuditAction, ExitReason, Programme, Role
from reintegra.db.models import AuditEntry, BenefitPremium, BenefitRule
from reintegra.i18n import _
from reintegra.services import attendance, benefit, calendar, users
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError

AS_OF = date(2026, 12, 15)


def _rule(valid_from: date, amount: str, **fields) -> BenefitRule:
    values = dict(unexcused_day_deduction=Decimal("0.05"), unexcused_days_forfeit=3,
                  sick_day_deduction=Decimal("0.025"), excused_day_deduction=Decimal("0.02"), sick_days_limit=21,
                  sick_over_limit_deduction=Decimal("0.05"), free_days_limit=6)
    values.update(fields)
    return BenefitRule(valid_from=valid_from, amount=Decimal(amount), **values)


@pytest.fixture
def kitchen(session):
    session.add_all([_rule(date(2025, 6, 1), "1123.20"), _rule(date(2026, 6, 1), "1161.60")])
    return workshop(session, "Pracownia gastronomiczna", capacity=20)


_serials = iter(range(40, 99))


def _person(session, kitchen, admission: date, last: str = "Żółć", first: str = "Łucja"):
    return placed(session, first, last, admission, kitchen.id, serial=next(_serials), programme=Programme.CIS)


def _mark(session, person, kitchen, days, status: S) -> None:
    for day in days:
        attendance.set_attendance(session, person.id, kitchen.id, day, status)
    session.commit()


def _working(year: int, month: int, count: int | None = None, skip: int = 0) -> list[date]:
    days = calendar.working_days(*calendar.month_bounds(year, month))[skip:]
    return days if count is None else days[:count]


def _row(session, person, year: int, month: int):
    [row] = [row for row in benefit.benefit_list(session, year, month, today=AS_OF) if row.participant_id == person.id]
    return row


def test_a_normal_month_with_deductions(session, kitchen):
    """October 2026, placed all month (22 of 22 working days): 2 unexcused, 2 sick, 1 excused, 1 day off
    on request (the stay's first, within the 6 free), 1 day off (W), the rest present.
    1161.60 × (1 − 2 × 0.05 − 2 × 0.025 − 1 × 0.02) = 1161.60 × 0.83 = 964.128 → 964.13 zł."""
    person = _person(session, kitchen, date(2026, 9, 1))
    october = _working(2026, 10)
    _mark(session, person, kitchen, october[:2], S.UNEXCUSED)
    _mark(session, person, kitchen, october[2:4], S.SICK)
    _mark(session, person, kitchen, october[4:5], S.EXCUSED)
    _mark(session, person, kitchen, october[5:6], S.LEAVE)
    _mark(session, person, kitchen, october[6:7], S.DAY_OFF)
    _mark(session, person, kitchen, october[7:], S.PRESENT)
    row = _row(session, person, 2026, 10)
    assert row.benefit == Decimal("964.13")
    assert (row.premium, row.total, row.premium_version) == (Decimal("0"), Decimal("964.13"), None)
    assert (row.sick_days_used, row.sick_days_limit, row.days_off_used, row.days_off_limit) == (2, 21, 1, 6)
    assert (row.placed_working_days, row.month_working_days) == (22, 22)
    assert row.warnings == []


def test_the_rule_set_in_force_on_the_months_first_day(session, kitchen):
    """Placed from 4 May 2026, no absence. May 2026 is under the set of 1 June 2025: placed 20 of
    20 working days (1 May a holiday, 4 May the first working day) → 1123.20 zł. June 2026 begins
    under the set of 1 June 2026 → 1161.60 zł."""
    person = _person(session, kitchen, date(2026, 5, 4))
    assert _row(session, person, 2026, 5).benefit == Decimal("1123.20")
    assert _row(session, person, 2026, 6).benefit == Decimal("1161.60")
    assert benefit.month_rule(session, 2026, 5).valid_from == date(2025, 6, 1)


def test_a_set_starting_mid_month_applies_from_the_next_month(session, kitchen):
    """A set from 15 October 2026 (amount 1200.00): October keeps 1161.60 zł, November pays 1200.00 zł."""
    session.add(_rule(date(2026, 10, 15), "1200.00"))
    person = _person(session, kitchen, date(2026, 9, 1))
    assert _row(session, person, 2026, 10).benefit == Decimal("1161.60")
    assert _row(session, person, 2026, 11).benefit == Decimal("1200.00")


def test_a_person_placed_mid_month(session, kitchen):
    """Admitted and placed on 19 October 2026: 19–23 and 26–30 October, 10 of its 22 working days.
    1161.60 × 10 ÷ 22 = 528.00; one unexcused day costs 0.05 × 1161.60 = 58.08 of the whole amount:
    528.00 − 58.08 = 469.92 zł."""
    person = _person(session, kitchen, date(2026, 10, 19))
    _mark(session, person, kitchen, [date(2026, 10, 20)], S.UNEXCUSED)
    row = _row(session, person, 2026, 10)
    assert (row.placed_working_days, row.month_working_days) == (10, 22)
    assert row.benefit == Decimal("469.92")


def test_a_placement_ending_mid_month(session, kitchen):
    """Placed from 1 September, the placement (and the stay) ended on 13 November 2026: 2–6 and 9–13
    November less 11 November, 9 of November's 20 working days: 1161.60 × 9 ÷ 20 = 522.72 zł."""
    from reintegra.services import participants

    person = _person(session, kitchen, date(2026, 9, 1))
    participants.exit_participant(session, person.id, person.version, date(2026, 11, 13), ExitReason.OTHER,
                                  today=AS_OF)
    session.commit()
    assert _row(session, person, 2026, 11).benefit == Decimal("522.72")


def test_the_forfeit_rule(session, kitchen):
    """More than 3 unexcused days forfeit the month: 4 in October → 0.00 zł and a warning;
    3 in October (another person) → 1161.60 × (1 − 3 × 0.05) = 987.36 zł, no warning."""
    four = _person(session, kitchen, date(2026, 9, 1), "Abacka")
    three = _person(session, kitchen, date(2026, 9, 1), "Babacka")
    october = _working(2026, 10)
    _mark(session, four, kitchen, october[:4], S.UNEXCUSED)
    _mark(session, three, kitchen, october[:3], S.UNEXCUSED)
    forfeited, kept = _row(session, four, 2026, 10), _row(session, three, 2026, 10)
    assert (forfeited.benefit, forfeited.total) == (Decimal("0.00"), Decimal("0.00"))
    assert len(forfeited.warnings) == 1 and "4" in forfeited.warnings[0] and "3" in forfeited.warnings[0]
    assert (kept.benefit, kept.warnings) == (Decimal("987.36"), [])


def test_no_forfeit_rule(session, kitchen):
    """A set without the forfeit rule: 4 unexcused days cost 4 × 0.05 × 1161.60 = 232.32 → 929.28 zł."""
    session.get(BenefitRule, 2).unexcused_days_forfeit = None
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 4), S.UNEXCUSED)
    assert _row(session, person, 2026, 10).benefit == Decimal("929.28")


def test_sick_days_crossing_the_stays_limit_within_a_month(session, kitchen):
    """19 sick days in September 2026 (the stay's 1st–19th; 22 − 19 = 3 days present):
    1161.60 × (1 − 19 × 0.025) = 1161.60 × 0.525 = 609.84 zł.
    5 sick days in October: the stay's 20th and 21st at 0.025, the 22nd–24th beyond the 21 at 0.05:
    1161.60 × (1 − 2 × 0.025 − 3 × 0.05) = 1161.60 × 0.8 = 929.28 zł, with a warning; 24 days used."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 9, 19), S.SICK)
    _mark(session, person, kitchen, _working(2026, 10, 5), S.SICK)
    september, october = _row(session, person, 2026, 9), _row(session, person, 2026, 10)
    assert (september.benefit, september.sick_days_used, september.warnings) == (Decimal("609.84"), 19, [])
    assert (october.benefit, october.sick_days_used, october.sick_days_limit) == (Decimal("929.28"), 24, 21)
    [warning] = october.warnings
    assert "24" in warning and "21" in warning and "3" in warning


def test_sick_days_of_an_earlier_stay_do_not_count(session, kitchen, director):
    """First stay: 19 sick days in September 2026, left on 30 September. Readmitted on 1 October (a new
    stay): 5 sick days in October are the new stay's 1st–5th, within the 21:
    1161.60 × (1 − 5 × 0.025) = 1016.40 zł, 5 days used, no warning."""
    from reintegra.services import participants, placements
    from reintegra.services.participants import ParticipantFields

    first = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, first, kitchen, _working(2026, 9, 19), S.SICK)
    participants.exit_participant(session, first.id, first.version, date(2026, 9, 30), ExitReason.DROPPED_OUT,
                                  today=AS_OF)
    again = participants.readmit(session, ParticipantFields(
        first_name=first.first_name, last_name=first.last_name, pesel=first.pesel, programme=Programme.CIS,
        admission_date=date(2026, 10, 1)), participant_id=first.id, actor=director, today=AS_OF)
    placements.place(session, again.id, kitchen.id, date(2026, 10, 1))
    _mark(session, again, kitchen, _working(2026, 10, 5), S.SICK)
    row = _row(session, again, 2026, 10)
    assert (row.benefit, row.sick_days_used, row.warnings) == (Decimal("1016.40"), 5, [])


def test_days_off_beyond_the_free_days_are_flagged(session, kitchen):
    """5 days off on request in September (the stay's 1st–5th, free): 1161.60 zł. 3 in October: the
    6th is free, the 7th and 8th count as excused days: 1161.60 × (1 − 2 × 0.02) = 1115.136 → 1115.14 zł,
    flagged; 8 of 6 used."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 9, 5), S.LEAVE)
    _mark(session, person, kitchen, _working(2026, 10, 3), S.LEAVE)
    september, october = _row(session, person, 2026, 9), _row(session, person, 2026, 10)
    assert (september.benefit, september.days_off_used, september.warnings) == (Decimal("1161.60"), 5, [])
    assert (october.benefit, october.days_off_used, october.days_off_limit) == (Decimal("1115.14"), 8, 6)
    [warning] = october.warnings
    assert "8" in warning and "6" in warning and "2" in warning


def test_rounding_half_up_to_the_grosz(session, kitchen):
    """A set of 1000.01 zł deducting 0.5 per unexcused day: 1000.01 − 500.005 = 500.005 → 500.01 zł
    (half up; rounding half to even would give 500.00)."""
    session.add(_rule(date(2026, 10, 1), "1000.01", unexcused_day_deduction=Decimal("0.5")))
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 1), S.UNEXCUSED)
    assert _row(session, person, 2026, 10).benefit == Decimal("500.01")


def test_never_below_zero(session, kitchen):
    """A set from 1 October 2026 deducting 0.1 of 1161.60 zł per excused day (116.16 zł); placed 10 of
    October's 22 working days: 528.00 zł. With 4 excused days 528.00 − 464.64 = 63.36 zł; with 5
    (another person) 528.00 − 580.80 < 0 → 0.00 zł."""
    session.add(_rule(date(2026, 10, 1), "1161.60", excused_day_deduction=Decimal("0.1")))
    four = _person(session, kitchen, date(2026, 10, 19), "Abacka")
    five = _person(session, kitchen, date(2026, 10, 19), "Babacka")
    days = _working(2026, 10, skip=12)
    _mark(session, four, kitchen, days[:4], S.EXCUSED)
    _mark(session, five, kitchen, days[:5], S.EXCUSED)
    assert _row(session, four, 2026, 10).benefit == Decimal("63.36")
    assert _row(session, five, 2026, 10).benefit == Decimal("0.00")


def test_no_rule_set_no_amount(session):
    """Before any rule set began the amounts are None, the counts are there."""
    kitchen = workshop(session, "Pracownia gastronomiczna")
    person = _person(session, kitchen, date(2026, 10, 1))
    row = _row(session, person, 2026, 10)
    assert (row.benefit, row.total, row.premium, row.sick_days_limit) == (None, None, Decimal("0"), None)
    assert row.working_days == 22
    assert benefit.money_totals([row]) == benefit.MoneyTotals(None, Decimal("0"), None)


def test_a_rule_set_without_an_amount_is_one_sentence(session, kitchen):
    """An older database's rules became sets with amount 0: the director is told to enter it."""
    session.add(BenefitRule(valid_from=date(2026, 10, 1), amount=Decimal("0")))
    _person(session, kitchen, date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        benefit.benefit_list(session, 2026, 10, today=AS_OF)
    assert refused.value.field == "amount" and "01.10.2026" in refused.value.message
    assert refused.value.message == _(
        "The CIS benefit rules in force from {date} have no amount of the benefit: the director enters the "
        "monthly benefit in Settings, on the CIS benefits tab, before the amounts can be worked out.").format(date="01.10.2026")


def test_the_current_month_is_provisional(session, kitchen):
    """On 15 October 2026 October is still running: placed all month (22 days, as planned), the one
    unexcused day so far deducted: 1161.60 − 58.08 = 1103.52 zł; the working days so far are 11."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 1), S.UNEXCUSED)
    [row] = benefit.benefit_list(session, 2026, 10, today=date(2026, 10, 15))
    assert (row.benefit, row.working_days, row.placed_working_days) == (Decimal("1103.52"), 11, 22)
    assert benefit.is_provisional(2026, 10, date(2026, 10, 15))
    assert not benefit.is_provisional(2026, 10, date(2026, 11, 1))


def test_money_totals(session, kitchen):
    """Two people in October: 1161.60 and (10 of 22 days) 528.00 zł; premia 100.00 and 0:
    benefits 1689.60, premia 100.00, altogether 1789.60 zł."""
    whole = _person(session, kitchen, date(2026, 9, 1), "Abacka")
    _person(session, kitchen, date(2026, 10, 19), "Babacka")
    benefit.set_premium(session, whole.id, 2026, 10, Decimal("100"), today=AS_OF)
    rows = benefit.benefit_list(session, 2026, 10, today=AS_OF)
    assert [row.total for row in rows] == [Decimal("1261.60"), Decimal("528.00")]
    assert benefit.money_totals(rows) == benefit.MoneyTotals(Decimal("1689.60"), Decimal("100.00"),
                                                              Decimal("1789.60"))


# -- the premium ------------------------------------------------------------------------------------

def _premia(session) -> list[tuple]:
    return session.execute(select(BenefitPremium.participant_id, BenefitPremium.month, BenefitPremium.amount,
                                  BenefitPremium.note)).all()


def _audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "benefit_premium"))


@pytest.fixture
def director(session):
    return users.create_user(session, "kierownik", "bezpieczne-haslo", Role.DIRECTOR, "Zofia Wójcik")


def test_a_premium_up_to_the_benefit(session, kitchen, director):
    """October 2026 with 2 unexcused days: 1161.60 × 0.9 = 1045.44 zł. A premium of exactly 1045.44 zł
    (100 %) is taken; total 2090.88 zł; changed to 500 and removed with 0, each audited."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 2), S.UNEXCUSED)
    benefit.set_premium(session, person.id, 2026, 10, Decimal("1045.44"), note=" za zaangażowanie ",
                        actor=director, today=AS_OF)
    session.commit()
    row = _row(session, person, 2026, 10)
    assert (row.benefit, row.premium, row.total, row.premium_note) == (
        Decimal("1045.44"), Decimal("1045.44"), Decimal("2090.88"), "za zaangażowanie")
    benefit.set_premium(session, person.id, 2026, 10, Decimal("500"), note="za zaangażowanie",
                        version=row.premium_version, actor=director, today=AS_OF)
    session.commit()
    row = _row(session, person, 2026, 10)
    assert (row.premium, row.total) == (Decimal("500.00"), Decimal("1545.44"))
    benefit.set_premium(session, person.id, 2026, 10, Decimal("0"), version=row.premium_version, actor=director,
                        today=AS_OF)
    session.commit()
    assert _premia(session) == []
    entries = session.execute(select(AuditEntry.action, AuditEntry.participant_id, AuditEntry.username)
                              .where(AuditEntry.entity == "benefit_premium").order_by(AuditEntry.id)).all()
    assert entries == [(AuditAction.CREATE, person.id, "kierownik"), (AuditAction.UPDATE, person.id, "kierownik"),
                       (AuditAction.DELETE, person.id, "kierownik")]


@pytest.mark.parametrize(("amount", "words"), [
    ("1045.45", "1045,44"),  # one grosz above 100 % of the benefit
    ("-1", _("The premium cannot be negative.")),
    ("10.005", "grosz"),
])
def test_a_premium_refused_writes_nothing(session, kitchen, director, amount, words):
    """The benefit is 1045.44 zł (as above): 1045.45 zł is above 100 % of it, refused; so is a negative
    amount and a fraction of a grosz. Nothing written, nothing audited; check_premium says the same."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 2), S.UNEXCUSED)
    for call in (benefit.set_premium, benefit.check_premium):
        with pytest.raises(ValidationError) as refused:
            call(session, person.id, 2026, 10, Decimal(amount), actor=director, today=AS_OF)
        assert refused.value.field == "premium"
        assert words in refused.value.message.replace("\xa0", "").replace(" ", "") or \
            words in refused.value.message
    session.commit()
    assert _premia(session) == [] and _audit_count(session) == 0


def test_a_premium_in_a_forfeited_month_is_refused(session, kitchen, director):
    """4 unexcused days: the benefit is 0.00 zł, so any premium is above 100 % of it."""
    person = _person(session, kitchen, date(2026, 9, 1))
    _mark(session, person, kitchen, _working(2026, 10, 4), S.UNEXCUSED)
    with pytest.raises(ValidationError):
        benefit.set_premium(session, person.id, 2026, 10, Decimal("0.01"), actor=director, today=AS_OF)
    assert _premia(session) == []


def test_a_premium_needs_the_person_on_the_list_and_a_rule_set(session, kitchen, director):
    """Not placed in August 2026 (admitted in September): refused. No rule set before June 2025: refused."""
    person = _person(session, kitchen, date(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        benefit.set_premium(session, person.id, 2026, 8, Decimal("10"), actor=director, today=AS_OF)
    assert "Łucja Żółć" in refused.value.message
    early = _person(session, kitchen, date(2025, 3, 3), "Wcześniak")
    with pytest.raises(ValidationError):
        benefit.set_premium(session, early.id, 2025, 3, Decimal("10"), actor=director, today=AS_OF)
    assert _premia(session) == []


def test_an_instructor_is_refused_the_premium(session, kitchen):
    """Even for a participant of their own workshop; nothing written."""
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Aleksandra Żak",
                            workshop_ids=[kitchen.id])
    person = _person(session, kitchen, date(2026, 9, 1))
    for call in (benefit.set_premium, benefit.check_premium):
        with pytest.raises(PermissionDenied):
            call(session, person.id, 2026, 10, Decimal("10"), actor=ola, today=AS_OF)
    session.commit()
    assert _premia(session) == [] and _audit_count(session) == 0


def test_a_premium_changed_elsewhere_is_a_conflict(session, kitchen, director):
    """Read with no premium, another computer enters one: entering ours is a conflict, theirs stays."""
    person = _person(session, kitchen, date(2026, 9, 1))
    benefit.set_premium(session, person.id, 2026, 10, Decimal("50"), actor=director, today=AS_OF)
    session.commit()
    with pytest.raises(ConflictError):
        benefit.set_premium(session, person.id, 2026, 10, Decimal("70"), version=None, actor=director, today=AS_OF)
    with pytest.raises(ConflictError):
        benefit.set_premium(session, person.id, 2026, 10, Decimal("70"), version=7, actor=director, today=AS_OF)
    assert [amount for _pid, _month, amount, _note in _premia(session)] == [Decimal("50.00")]
    assert _premia(session)[0][1] == date(2026, 10, 1)


def test_the_month_of_a_premium_is_its_own(session, kitchen, director):
    """A premium for October does not show in November."""
    person = _person(session, kitchen, date(2026, 9, 1))
    benefit.set_premium(session, person.id, 2026, 10, Decimal("50"), actor=director, today=AS_OF)
    assert _row(session, person, 2026, 11).premium == Decimal("0")
    assert _row(session, person, 2026, 11).total == Decimal("1161.60")
    assert _row(session, person, 2026, 10).total == Decimal("1211.60")


def test_paid_in_a_year(session, kitchen, director):
    """Placed from 19 October 2026: October 528.00 zł (10 of 22 days), November 1161.60 zł, December not
    over on 15 December and left out; a premium of 50.00 zł in November: benefits 1689.60, premia 50.00,
    altogether 1739.60 zł. An instructor is refused the whole facility's figures."""
    person = _person(session, kitchen, date(2026, 10, 19))
    benefit.set_premium(session, person.id, 2026, 11, Decimal("50"), actor=director, today=AS_OF)
    assert benefit.paid_in_year(session, 2026, today=AS_OF) == benefit.MoneyTotals(
        Decimal("1689.60"), Decimal("50.00"), Decimal("1739.60"))
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Aleksandra Żak",
                            workshop_ids=[kitchen.id])
    with pytest.raises(PermissionDenied):
        benefit.paid_in_year(session, 2026, today=AS_OF, actor=ola)
