"""The WTZ annual report's figures (services/annual_report.py) against a hand count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from factories import admit, workshop
from reintegra.db.enums import AssessorKind, DisabilityDegree, ExitReason, ReviewKind, Role, SkillGroup, WorkshopKind
from reintegra.db.enums import AttendanceStatus as S
from reintegra.services import (annual_report, assessments, attendance, participants, placements, plans,
                                skill_areas, users)
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.plans import PlanFields
from reintegra.services.skill_areas import AreaFields

YEAR = 2025
AS_OF = date(2026, 6, 10)
GASTRONOMY = "Pracownia gastronomiczna"


def make_facility(session):
    """A facility for the year 2025 (the skill areas: one per kind: S self-reliance, C social, V vocational):

    - Anna: admitted 2024-03-04, gastronomy, open-ended; significant, 01-U and 02-P. Assessments
      2024-09-02 (S1 C1 V1, before the year: not counted), 2025-02-03 (S2 C3 V2), 2025-08-04 (S3 C3 V1):
      self-reliance 2→3 progressed; social 3→3 no (counted from 2024 it would be 1→3); vocational 2→1 no.
      Plan 2025-01-02 – 2025-12-31 ("Trening kulinarny ", "Instruktaż"); a council review 2025-06-16
      ("Kontynuacja w pracowni") and a periodic one 2025-07-01 (not the council's).
    - Bartek: admitted 2024-06-03, gastronomy, exited 2025-03-14 for employment; moderate, 02-P.
      One assessment 2025-01-13 (S2 C2 V2): no progress.
    - Celina: admitted 2025-04-01, gastronomy; moderate, 01-U. Admission assessment 2025-04-01
      (S1 C2 V3), then 2025-10-06 (S1 C4 V3): social progressed, the others not.
      Plan from 2025-04-01 ("Trening kulinarny", "Praca w grupie").
    - Dawid: admitted 2023-01-09, tailoring, exited 2024-12-20 (other); light, 05-R. Plan 2023-01-09 –
      2024-12-20 ("Stare formy"), a council review 2024-06-03: none of it in 2025.
    - Ewa: admitted 2026-01-05, light: not in 2025.
    - Filip: admitted 2025-11-03, gastronomy, exited 2025-12-19 (dropped out); no degree, no symbol.

    Hand count for 2025: participants Anna, Bartek, Celina, Filip = 4; admitted Celina, Filip = 2;
    exited Bartek (employment), Filip (dropped_out) = 2. by_degree: significant 1, moderate 2, none 1.
    by_cause: 01-U Anna, Celina = 2; 02-P Anna, Bartek = 2 (Anna counts under both).
    Attendance: March — Anna present 3, 4, 5, unexcused 6; Bartek present 3, sick 4: present 4 of 6
    entered = 66.7; October — Anna present 1, Celina present 1 and 2: 3 of 3 = 100.0; other months
    0 of 0, no rate. progressed: self_reliance 1 (Anna), social 1 (Celina), vocational 0.
    Council decisions: 2025-06-16 Anna Kowalska "Kontynuacja w pracowni". Workshops: gastronomy only
    (tailoring's one placement ended in 2024). Forms: "Trening kulinarny"; methods: "Instruktaż",
    "Praca w grupie".
    """
    gastronomy = workshop(session, GASTRONOMY)
    tailoring = workshop(session, "Pracownia krawiecka", kind=WorkshopKind.TAILORING)
    area_s = skill_areas.add_area(session, AreaFields("Samoobsługa", SkillGroup.SELF_RELIANCE))
    area_c = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
    area_v = skill_areas.add_area(session, AreaFields("Umiejętności zawodowe", SkillGroup.VOCATIONAL))

    def person(first, last, admission, serial, degree, causes, where=gastronomy):
        stay = admit(session, first, last, admission, serial=serial, disability_degree=degree,
                     disability_causes=causes)
        placements.place(session, stay.id, where.id, admission)
        return stay

    def assess(stay, day, s, c, v):
        assessments.record_assessment(session, stay.id, day, AssessorKind.COUNCIL,
                                      {area_s.id: s, area_c.id: c, area_v.id: v})

    anna = person("Anna", "Kowalska", date(2024, 3, 4), 1, DisabilityDegree.SIGNIFICANT, ["01-U", "02-P"])
    bartek = person("Bartek", "Nowak", date(2024, 6, 3), 2, DisabilityDegree.MODERATE, ["02-P"])
    celina = person("Celina", "Źrebiec", date(2025, 4, 1), 3, DisabilityDegree.MODERATE, ["01-U"])
    dawid = person("Dawid", "Łoś", date(2023, 1, 9), 4, DisabilityDegree.LIGHT, ["05-R"], tailoring)
    admit(session, "Ewa", "Mąka", date(2026, 1, 5), serial=5, disability_degree=DisabilityDegree.LIGHT)
    filip = person("Filip", "Wrona", date(2025, 11, 3), 6, None, [])

    assess(anna, date(2024, 9, 2), 1, 1, 1)
    assess(anna, date(2025, 2, 3), 2, 3, 2)
    assess(anna, date(2025, 8, 4), 3, 3, 1)
    assess(bartek, date(2025, 1, 13), 2, 2, 2)
    assess(celina, date(2025, 4, 1), 1, 2, 3)
    assess(celina, date(2025, 10, 6), 1, 4, 3)

    plan = plans.create_plan(session, anna.id, PlanFields(start=date(2025, 1, 2), end=date(2025, 12, 31),
                                                          forms_and_scope="Trening kulinarny ", methods="Instruktaż"))
    plans.add_review(session, plan.id, date(2025, 6, 16), ReviewKind.COUNCIL, "Postępy w samoobsłudze",
                     "Kontynuacja w pracowni")
    plans.add_review(session, plan.id, date(2025, 7, 1), ReviewKind.PERIODIC, "Bez zmian", "Nic")
    plans.create_plan(session, celina.id, PlanFields(start=date(2025, 4, 1), forms_and_scope="Trening kulinarny",
                                                     methods="Praca w grupie"))
    old = plans.create_plan(session, dawid.id, PlanFields(start=date(2023, 1, 9), end=date(2024, 12, 20),
                                                          forms_and_scope="Stare formy", methods="Stare metody"))
    plans.add_review(session, old.id, date(2024, 6, 3), ReviewKind.COUNCIL, "Stary przegląd", "Stara decyzja")

    for day in (3, 4, 5):
        attendance.set_attendance(session, anna.id, gastronomy.id, date(2025, 3, day), S.PRESENT)
    attendance.set_attendance(session, anna.id, gastronomy.id, date(2025, 3, 6), S.UNEXCUSED)
    attendance.set_attendance(session, bartek.id, gastronomy.id, date(2025, 3, 3), S.PRESENT)
    attendance.set_attendance(session, bartek.id, gastronomy.id, date(2025, 3, 4), S.SICK)
    attendance.set_attendance(session, anna.id, gastronomy.id, date(2025, 10, 1), S.PRESENT)
    attendance.set_attendance(session, celina.id, gastronomy.id, date(2025, 10, 1), S.PRESENT)
    attendance.set_attendance(session, celina.id, gastronomy.id, date(2025, 10, 2), S.PRESENT)

    participants.exit_participant(session, bartek.id, bartek.version, date(2025, 3, 14), ExitReason.EMPLOYMENT)
    participants.exit_participant(session, dawid.id, dawid.version, date(2024, 12, 20), ExitReason.OTHER)
    participants.exit_participant(session, filip.id, filip.version, date(2025, 12, 19), ExitReason.DROPPED_OUT)
    session.commit()
    return gastronomy


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
