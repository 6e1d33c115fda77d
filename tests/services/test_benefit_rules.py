"""The CIS benefit's rule sets: read as typed, checked, saved, changed, deleted; who may; the set of a month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, BenefitRule
from reintegra.i18n import set_language
from reintegra.services import benefit_rules
from reintegra.services.benefit_rules import RuleFields
from reintegra.services.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError, every_error
from staff_data import make_staff

JUNE = RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), 10, Decimal("0.025"), Decimal("0"),
                  21, Decimal("0.05"), 6, "od czerwca 2026")


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(BenefitRule))


def test_read_fields_takes_commas_dots_percent_and_empty_limits():
    fields = benefit_rules.read_fields({
        "valid_from": "01.06.2026", "amount": "1 711,20", "unexcused_day_deduction": "5%",
        "unexcused_days_forfeit": "", "sick_day_deduction": "0.025", "excused_day_deduction": "",
        "sick_days_limit": "21", "sick_over_limit_deduction": "0,05", "free_days_limit": " 6 ",
        "description": "  od   czerwca ",
    })
    assert fields == RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), None, Decimal("0.025"),
                                Decimal("0"), 21, Decimal("0.05"), 6, "od czerwca")


def test_read_fields_refuses_every_wrong_field_at_once_each_with_one_sentence():
    with pytest.raises(ValidationError) as refused:
        benefit_rules.read_fields({
            "valid_from": "31.02.2026", "amount": "0", "unexcused_day_deduction": "5",
            "sick_day_deduction": "abc", "excused_day_deduction": "-0,1", "sick_days_limit": "2,5",
            "free_days_limit": "-1", "sick_over_limit_deduction": "0,1234567",
        })
    errors = {error.field: error.message for error in every_error(refused.value)}
    assert errors == {
        "valid_from": "„31.02.2026” nie jest poprawną datą (użyj DD.MM.RRRR lub RRRR-MM-DD).",
        "amount": "Świadczenie miesięczne musi być większe niż 0 zł.",
        "unexcused_day_deduction": "Potrącenie za dzień nieusprawiedliwiony: wpisz ułamek świadczenia "
                                   "od 0 do 1 (np. 0,05 dla 5%).",
        "sick_day_deduction": "Potrącenie za dzień zwolnienia lekarskiego: „abc” nie jest liczbą.",
        "excused_day_deduction": "Potrącenie za dzień usprawiedliwiony: wpisz ułamek świadczenia "
                                 "od 0 do 1 (np. 0,05 dla 5%).",
        "sick_days_limit": "Płatne dni zwolnienia lekarskiego w okresie uczestnictwa: wpisz liczbę całkowitą "
                           "dni od 0 do 9999 albo zostaw puste.",
        "free_days_limit": "Płatne dni wolne w okresie uczestnictwa: wpisz liczbę całkowitą dni od 0 do 9999 "
                           "albo zostaw puste.",
        "sick_over_limit_deduction": "Potrącenie za dzień zwolnienia ponad limit: najwyżej sześć miejsc "
                                     "po przecinku.",
    }


def test_amount_required_and_in_grosze():
    with pytest.raises(ValidationError) as refused:
        benefit_rules.read_fields({"valid_from": "", "amount": ""})
    assert {error.field for error in every_error(refused.value)} == {"valid_from", "amount"}
    with pytest.raises(ValidationError, match="dwa miejsca po przecinku"):
        benefit_rules.read_fields({"valid_from": "2026-06-01", "amount": "1711,205"})


def test_save_list_and_the_set_of_a_month(session):
    may = benefit_rules.save_rule(session, RuleFields(date(2026, 5, 15), Decimal("1626.24")))
    june = benefit_rules.save_rule(session, JUNE)
    rows = benefit_rules.list_rules(session, today=date(2026, 6, 20))
    assert [(row.valid_from, row.in_force, row.later) for row in rows] == [
        (date(2026, 5, 15), False, False), (date(2026, 6, 1), True, False)]
    assert rows[1].fields == JUNE
    # The set in force on a month's first day applies to it: 15 May begins with June, then 1 June replaces it.
    assert benefit_rules.rule_in_force(session, date(2026, 5, 1)) is None
    assert benefit_rules.first_month(may.valid_from) == date(2026, 6, 1)
    assert benefit_rules.rule_in_force(session, date(2026, 6, 1)).id == june.id
    # In May the June set is a later one; the command line lists that in force and the later ones.
    later = benefit_rules.list_rules(session, today=date(2026, 5, 10), current_and_later=True)
    assert [(row.valid_from, row.in_force, row.later) for row in later] == [
        (date(2026, 5, 15), False, True), (date(2026, 6, 1), False, True)]
    assert [row.valid_from for row in benefit_rules.list_rules(
        session, today=date(2026, 7, 1), current_and_later=True)] == [date(2026, 6, 1)]


def test_one_set_per_date(session):
    first = benefit_rules.save_rule(session, JUNE)
    with pytest.raises(ValidationError) as refused:
        benefit_rules.save_rule(session, RuleFields(date(2026, 6, 1), Decimal("1000")))
    assert refused.value.field == "valid_from"
    assert refused.value.message == "Zestaw zasad obowiązujący od 01.06.2026 już istnieje; edytuj tamten."
    assert _count(session) == 1
    # Its own date is no clash when the set itself is edited.
    benefit_rules.check_rule(session, JUNE, rule_id=first.id)


def test_edit_is_audited_and_checks_the_version(session):
    rule = benefit_rules.save_rule(session, JUNE)
    version = rule.version
    changed = RuleFields(**{**JUNE.values(), "amount": Decimal("1800.00"), "sick_days_limit": None})
    benefit_rules.save_rule(session, changed, rule_id=rule.id, version=version)
    assert benefit_rules.list_rules(session)[0].fields == changed
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "benefit_rule",
                                                     AuditEntry.action == AuditAction.UPDATE)).one()
    assert entry.changes == {"amount": ["1711.20", "1800.00"], "sick_days_limit": [21, None]}
    from reintegra.services import audit_text

    assert audit_text.describe(entry.action, entry.entity, entry.changes, "", audit_text.Names()) == (
        "wiersz poleceń: zmieniono zestaw zasad świadczenia integracyjnego (Świadczenie miesięczne (zł): "
        "1711.20 → 1800.00; Płatne dni zwolnienia lekarskiego w okresie uczestnictwa: 21 → –)")
    with pytest.raises(ConflictError):
        benefit_rules.save_rule(session, JUNE, rule_id=rule.id, version=version)
    assert benefit_rules.list_rules(session)[0].fields.amount == Decimal("1800.00")


def test_delete(session):
    rule = benefit_rules.save_rule(session, JUNE)
    with pytest.raises(ConflictError):
        benefit_rules.delete_rule(session, rule.id, rule.version + 1)
    benefit_rules.delete_rule(session, rule.id, rule.version)
    assert _count(session) == 0
    assert session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.entity == "benefit_rule", AuditEntry.action == AuditAction.DELETE)) == 1
    with pytest.raises(NotFoundError, match="Ten zestaw zasad już nie istnieje"):
        benefit_rules.delete_rule(session, rule.id, rule.version)


def test_only_a_director_or_an_administrator_changes_the_rules(session):
    staff = make_staff(session)
    rule = benefit_rules.save_rule(session, JUNE, actor=staff.director)
    with pytest.raises(PermissionDenied) as refused:
        benefit_rules.save_rule(session, RuleFields(date(2026, 7, 1), Decimal("1")), actor=staff.ola)
    assert refused.value.message == "Tylko kierownik lub administrator może zmieniać zasady świadczenia."
    with pytest.raises(PermissionDenied):
        benefit_rules.delete_rule(session, rule.id, rule.version, actor=staff.ola)
    benefit_rules.delete_rule(session, rule.id, rule.version, actor=staff.admin)
    assert _count(session) == 0
    # Anyone may read them (an instructor sees what the list pays).
    assert benefit_rules.list_rules(session) == []


def test_texts_for_the_tables():
    assert benefit_rules.fraction_text(Decimal("0.050000")) == "0,05"
    assert benefit_rules.fraction_text(Decimal("0")) == "0"
    assert benefit_rules.limit_text(None) == "–"
    set_language("en")
    assert benefit_rules.fraction_text(Decimal("0.025")) == "0.025"


def test_the_rules_concern_a_cis_one_keeping_rules_or_one_with_cis_participants(session):
    from factories import placed, workshop
    from reintegra.db.enums import Programme
    from reintegra.services import facility
    from reintegra.services.facility import FacilityFields

    assert benefit_rules.concerns_facility(session) is False  # a new facility is a WTZ by default
    room = workshop(session, "Pracownia")
    placed(session, "Jan", "Abacki", date(2026, 3, 2), room.id)
    assert benefit_rules.concerns_facility(session) is False
    cis = placed(session, "Ewa", "Babacka", date(2026, 3, 2), room.id, serial=7, programme=Programme.CIS)
    assert benefit_rules.concerns_facility(session) is True
    session.delete(cis)
    session.flush()
    benefit_rules.save_rule(session, JUNE)
    assert benefit_rules.concerns_facility(session) is True
    session.delete(session.scalars(select(BenefitRule)).one())
    session.flush()
    assert benefit_rules.concerns_facility(session) is False
    facility.update_facility(session, FacilityFields(name="CIS", kind=Programme.CIS))
    assert benefit_rules.concerns_facility(session) is True
