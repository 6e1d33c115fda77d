"""A facility for the WTZ annual report of 2025, with a hand count of every figure (make_facility's
docstring): the service's, the PDF's, the XLSX's and the JSON's tests check against it."""

from __future__ import annotations

from datetime import date

from factories import admit, workshop
from reintegra.db.enums import AssessorKind, DisabilityDegree, ExitReason, ReviewKind, SkillGroup, WorkshopKind
from reintegra.db.enums import AttendanceStatus as S
from reintegra.services import assessments, attendance, participants, placements, plans, skill_areas
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
