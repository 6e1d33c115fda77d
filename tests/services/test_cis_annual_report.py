"""The CIS and KIS annual reports' figures (services/cis_annual_report.py) against the hand count of
tests/cis_annual_data.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from cis_annual_data import AS_OF, CLEANING, KITCHEN, YEAR, make_facility
from reintegra.db.enums import EligibilityGroup, EmploymentStatus, ExitReason, NoteCategory, Programme, Role
from reintegra.db.models import BenefitRule, FollowUp, Participant
from reintegra.i18n import _
from reintegra.services import annual_sections, cis_annual_report, labels, statistics, users
from reintegra.services.errors import PermissionDenied, ValidationError

PASSWORD = "bezpieczne-haslo"


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {code: count for code, count in counts.items() if count}


def test_every_cis_figure_agrees_with_the_hand_count(session):
    make_facility(session)
    report = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF)
    data = report.to_json_dict()
    assert (data["year"], data["programme"]) == (2025, "CIS")
    assert (data["participants"], data["admitted"], data["exited"]) == (4, 3, 4)
    assert _nonzero(data["exits_by_reason"]) == {"employment": 1, "own_business": 1, "social_cooperative": 1,
                                                 "dropped_out": 1}
    assert data["economically_independent"] == 3
    assert data["economically_independent_by_reason"] == {"employment": 1, "own_business": 1,
                                                          "social_cooperative": 1}
    assert data["by_eligibility_group"] == {
        "homeless": 1, "alcohol": 2, "drugs": 0, "mental_illness": 1, "long_term_unemployed": 1,
        "former_prisoner": 0, "refugee": 0, "disabled": 0, "none": 1}
    months = data["monthly_attendance"]
    assert [month["month"] for month in months] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert months[2] == {"month": "2025-03", "present": 3, "working_days": 4, "rate": 75.0}
    assert months[5] == {"month": "2025-06", "present": 1, "working_days": 3, "rate": 33.3}
    assert months[10] == {"month": "2025-11", "present": 2, "working_days": 2, "rate": 100.0}
    assert all(month["present"] == 0 and month["working_days"] == 0 and month["rate"] is None
               for index, month in enumerate(months) if index not in (2, 5, 10))
    services = data["reintegration_services"]
    assert services["workshops"] == [{"name": KITCHEN, "participants": 3}, {"name": CLEANING, "participants": 1}]
    assert services["notes_by_category"] == {"social": 2, "vocational": 1, "self_care": 0, "communication": 0,
                                             "health": 0, "behaviour": 0, "other": 0}
    assert (data["benefits_paid"], data["premia_paid"]) == (4850.0, 350.0)
    assert (report.benefits_paid, report.premia_paid) == (Decimal("4850.00"), Decimal("350.00"))
    assert "employed_after_leaving" not in data
    assert set(data["definitions"]) >= {"participants", "by_eligibility_group", "economically_independent",
                                        "benefits_paid", "reintegration_services"}
    assert "several groups counts under each" in data["definitions"]["by_eligibility_group"]


def test_every_kis_figure_agrees_with_the_hand_count(session):
    make_facility(session)
    data = cis_annual_report.cis_annual_report(session, YEAR, Programme.KIS, as_of=AS_OF).to_json_dict()
    assert (data["programme"], data["participants"], data["admitted"], data["exited"]) == ("KIS", 2, 2, 2)
    assert _nonzero(data["exits_by_reason"]) == {"employment": 1, "other": 1}
    assert data["economically_independent"] == 1
    assert _nonzero(data["by_eligibility_group"]) == {"homeless": 1, "none": 1}
    assert data["monthly_attendance"][1] == {"month": "2025-02", "present": 1, "working_days": 1, "rate": 100.0}
    assert data["reintegration_services"]["workshops"] == [{"name": KITCHEN, "participants": 1},
                                                           {"name": CLEANING, "participants": 1}]
    assert _nonzero(data["reintegration_services"]["notes_by_category"]) == {"vocational": 1}
    assert data["employed_after_leaving"] == 1
    assert (data["benefits_paid"], data["premia_paid"]) == (0.0, 0.0)
    assert "employed_after_leaving" in data["definitions"]


def test_employed_after_leaving_needs_a_contact_recording_employment(session):
    """Fryderyk's contact found him unemployed; recorded as self-employed instead, he counts too (2)."""
    make_facility(session)
    fryderyk = session.scalar(select(Participant).where(Participant.first_name == "Fryderyk"))
    contact = session.scalar(select(FollowUp).where(FollowUp.participant_id == fryderyk.id,
                                                    FollowUp.contact_date.is_not(None)))
    contact.employment_status = EmploymentStatus.SELF_EMPLOYED
    session.commit()
    report = cis_annual_report.cis_annual_report(session, YEAR, Programme.KIS, as_of=AS_OF)
    assert report.employed_after_leaving == 2


def test_the_services_section_is_prefilled_until_the_director_saves_it(session):
    make_facility(session)
    report = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF)
    assert f"– {KITCHEN}: 3" in report.services and f"– {CLEANING}: 1" in report.services
    assert f"– {labels.label(NoteCategory.SOCIAL)}: 2" in report.services
    assert "Adam" not in report.services
    assert report.staff == ""
    annual_sections.save_section(session, YEAR, Programme.CIS, "services", "Trening pracy, doradztwo zawodowe")
    annual_sections.save_section(session, YEAR, Programme.CIS, "staff", "Kierownik – 1 etat")
    session.commit()
    data = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF).to_json_dict()
    assert data["reintegration_services"]["text"] == "Trening pracy, doradztwo zawodowe"
    assert data["staff"] == "Kierownik – 1 etat"
    assert data["sections"]["staff"] == "Kierownik – 1 etat"
    # the KIS's sections are its own
    kis = cis_annual_report.cis_annual_report(session, YEAR, Programme.KIS, as_of=AS_OF)
    assert kis.staff == "" and f"– {CLEANING}: 1" in kis.services


def test_the_year_before(session):
    """2024: Cezary only (admitted 2024-10-01, no exit in 2024); his October–December benefit counted:
    October 2024 23 working days, placed from 1 October: 1000.00; November 1000.00; December 1000.00."""
    make_facility(session)
    data = cis_annual_report.cis_annual_report(session, 2024, Programme.CIS, as_of=AS_OF).to_json_dict()
    assert (data["participants"], data["admitted"], data["exited"], data["economically_independent"]) == (1, 1, 0, 0)
    assert data["by_eligibility_group"]["none"] == 1
    assert data["benefits_paid"] == 3000.0


def test_a_month_without_a_rule_set_leaves_the_benefits_unknown(session):
    """The rules begin on 2025-03-01 instead: January's benefit cannot be worked out, so the year's sum is
    unknown (null); the premia are still summed."""
    make_facility(session)
    rule = session.scalars(select(BenefitRule)).one()
    rule.valid_from = rule.valid_from.replace(year=2025, month=3, day=1)
    session.commit()
    data = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF).to_json_dict()
    assert data["benefits_paid"] is None
    assert data["premia_paid"] == 350.0


def test_a_year_not_over_counts_the_benefits_of_the_months_over(session):
    """Made on 2025-06-15: January 1000.00 + March 950.00 + April 1000.00 = 2950.00 (June, not over, is left
    out); premia: March 200.00. Attendance up to that day: June 1 present of 3 entered (2–4 June)."""
    make_facility(session)
    report = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=date(2025, 6, 15))
    assert (report.benefits_paid, report.premia_paid) == (Decimal("2950.00"), Decimal("200.00"))
    assert report.monthly_attendance[5].present == 1 and report.monthly_attendance[10].present == 0


def test_a_rule_set_without_the_amount_leaves_both_unknown(session):
    make_facility(session)
    session.scalars(select(BenefitRule)).one().amount = Decimal("0")
    session.commit()
    data = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF).to_json_dict()
    assert (data["benefits_paid"], data["premia_paid"]) == (None, None)
    assert data["participants"] == 4


def test_an_instructor_is_refused_and_a_director_is_not(session):
    kitchen = make_facility(session)
    ola = users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Ola Żak", workshop_ids=[kitchen.id])
    director = users.create_user(session, "kierownik", PASSWORD, Role.DIRECTOR, "Zofia Wójcik")
    with pytest.raises(PermissionDenied):
        cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF, actor=ola)
    report = cis_annual_report.cis_annual_report(session, YEAR, Programme.CIS, as_of=AS_OF, actor=director)
    assert report.participants == 4


@pytest.mark.parametrize("year, programme, field", [
    (1999, Programme.CIS, "year"), (2027, Programme.CIS, "year"), (YEAR, Programme.WTZ, "programme"),
    (YEAR, Programme.ZAZ, "programme")])
def test_a_year_or_programme_it_cannot_be_made_for_is_one_sentence(session, year, programme, field):
    make_facility(session)
    with pytest.raises(ValidationError) as refused:
        cis_annual_report.cis_annual_report(session, year, programme, as_of=AS_OF)
    assert refused.value.field == field
    assert str(refused.value).endswith(".")


def test_own_business_is_an_exit_reason_with_its_polish_names():
    assert labels.parse_exit_reason("działalność gospodarcza") is ExitReason.OWN_BUSINESS
    assert labels.parse_exit_reason("Własna firma") is ExitReason.OWN_BUSINESS
    assert ExitReason.OWN_BUSINESS.info.to_work
    assert labels.label(ExitReason.OWN_BUSINESS) == _("Own business") != "Own business"  # Polish in the tests
    assert [group.value for group in EligibilityGroup][:2] == ["homeless", "alcohol"]


def test_an_own_business_is_work_in_the_summary_of_one_programme(session):
    """The CIS's 2025 in the facility summary (programme=CIS): exits into work Adam (employment), Beata (own
    business), Cezary (social cooperative) = 3; the same three are on the labour market within 90 days (Dorota
    dropped out); the whole facility's summary also counts Edward and Fryderyk (KIS) and Grażyna (WTZ)."""
    make_facility(session)
    year = (date(YEAR, 1, 1), date(YEAR, 12, 31))
    summary = statistics.facility_summary(session, *year, as_of=AS_OF, programme=Programme.CIS)
    assert (summary.participants, summary.employed_at_exit, summary.employed_within_90_days) == (4, 3, 3)
    assert summary.leavers_after is None and summary.applicants_waiting == 0
    everyone = statistics.facility_summary(session, *year, as_of=AS_OF)
    assert (everyone.participants, everyone.exited, everyone.present_days) == (7, 6, 8)
