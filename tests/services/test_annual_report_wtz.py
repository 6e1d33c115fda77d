"""The WTZ annual report's figures (services/annual_report.py) against a hand count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from annual_data import AS_OF, GASTRONOMY, YEAR, make_facility
from reintegra.db.enums import Role
from reintegra.services import annual_report, users
from reintegra.services.errors import PermissionDenied, ValidationError


def test_a_cis_run_beside_the_workshop_is_left_out(session):
    """Zenon, a CIS participant placed in the same gastronomy workshop from 3 March 2025 and present on
    3 March, changes none of the WTZ figures: still 4 participants, 2 admitted, 4 present of 6 in March."""
    from datetime import date

    from factories import admit
    from reintegra.db.enums import AttendanceStatus, Programme
    from reintegra.services import attendance, placements

    kitchen = make_facility(session)
    zenon = admit(session, "Zenon", "Zieliński", date(2025, 3, 3), serial=77, programme=Programme.CIS)
    placements.place(session, zenon.id, kitchen.id, date(2025, 3, 3))
    attendance.set_attendance(session, zenon.id, kitchen.id, date(2025, 3, 3), AttendanceStatus.PRESENT)
    data = annual_report.wtz_annual_report(session, YEAR, as_of=AS_OF).to_json_dict()
    assert (data["participants"], data["admitted"]) == (4, 2)
    assert data["monthly_attendance"][2] == {"month": "2025-03", "present": 4, "working_days": 6, "rate": 66.7}


def test_every_figure_agrees_with_the_hand_count(session):
    make_facility(session)
    report = annual_report.wtz_annual_report(session, YEAR, as_of=AS_OF)
    data = report.to_json_dict()
    assert data["year"] == 2025 and data["programme"] == "WTZ"
    assert (data["participants"], data["admitted"], data["exited"]) == (4, 2, 2)
    assert {code: n for code, n in data["exits_by_reason"].items() if n} == {"employment": 1, "dropped_out": 1}
    assert set(data["exits_by_reason"]) >= {"employment", "dropped_out", "death", "other"}
    assert data["by_degree"] == {"moderate": 2, "none": 1, "significant": 1}
    assert data["by_cause"] == {"01-U": 2, "02-P": 2}
    months = data["monthly_attendance"]
    assert [month["month"] for month in months] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert months[2] == {"month": "2025-03", "present": 4, "working_days": 6, "rate": 66.7}
    assert months[9] == {"month": "2025-10", "present": 3, "working_days": 3, "rate": 100.0}
    assert all(month == {"month": month["month"], "present": 0, "working_days": 0, "rate": None}
               for index, month in enumerate(months) if index not in (2, 9))
    assert report.monthly_attendance[2].rate == Decimal("66.7")
    assert data["progressed"] == {"self_reliance": 1, "social": 1, "vocational": 0}
    assert data["council_decisions"] == [{"date": "2025-06-16", "participant": "Anna Kowalska",
                                          "decision": "Kontynuacja w pracowni",
                                          "conclusion": "Postępy w samoobsłudze"}]
    assert data["forms_and_methods"] == {"workshops": [GASTRONOMY], "forms_and_scope": ["Trening kulinarny"],
                                         "methods": ["Instruktaż", "Praca w grupie"]}
    assert set(data["definitions"]) >= {"participants", "by_cause", "monthly_attendance", "progressed"}


def test_the_year_before_counts_the_earlier_stays(session):
    """2024: Anna, Bartek, Dawid took part (3); Anna and Bartek admitted, Dawid exited (other);
    Anna's only 2024 assessment is one, so nobody progressed; Dawid's council review is 2024's."""
    make_facility(session)
    data = annual_report.wtz_annual_report(session, 2024, as_of=AS_OF).to_json_dict()
    assert (data["participants"], data["admitted"], data["exited"]) == (3, 2, 1)
    assert data["exits_by_reason"]["other"] == 1
    assert data["by_degree"] == {"light": 1, "moderate": 1, "significant": 1}
    assert data["progressed"] == {"self_reliance": 0, "social": 0, "vocational": 0}
    assert [item["decision"] for item in data["council_decisions"]] == ["Stara decyzja"]
    assert data["forms_and_methods"]["workshops"] == [GASTRONOMY, "Pracownia krawiecka"]
    assert data["forms_and_methods"]["forms_and_scope"] == ["Stare formy"]


def test_an_instructor_is_refused_and_a_director_is_not(session):
    gastronomy = make_facility(session)
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Ola Żak",
                            workshop_ids=[gastronomy.id])
    director = users.create_user(session, "kierownik", "bezpieczne-haslo", Role.DIRECTOR, "Zofia Wójcik")
    with pytest.raises(PermissionDenied):
        annual_report.wtz_annual_report(session, YEAR, as_of=AS_OF, actor=ola)
    assert annual_report.wtz_annual_report(session, YEAR, as_of=AS_OF, actor=director).participants == 4


@pytest.mark.parametrize("year", [1999, 2027])
def test_a_year_out_of_range_is_refused(session, year):
    with pytest.raises(ValidationError, match=str(year)):
        annual_report.wtz_annual_report(session, year, as_of=AS_OF)
