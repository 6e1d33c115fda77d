"""A small CIS for the completion certificate's tests: a leaver with two workshops, hours recorded
and not, a plan with achieved goals and an assessment; a WTZ leaver, a CIS participant still taking
part, a director and an instructor.

``łucja`` (CIS, admitted 2026-01-05, left 2026-03-31): in gastronomy 2026-01-05 … 2026-02-27, then in
tailoring 2026-03-02 … 2026-03-31. The facility's day length is 6 h. Hand count of the hours:
- gastronomy: 3 days present with the day length proposed (6 h each, recorded), one with 4.5 h, one
  present day with no hours recorded (an old import: the day length, 6 h), one sick day (no hours):
  5 days, 3 × 6 + 4.5 + 6 = 28.5 h;
- tailoring: 2 days present with 5 h: 2 days, 10 h;
- in all 7 days, 38.5 h.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import admit, workshop
from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    ExitReason,
    GoalStatus,
    Programme,
    Role,
    SkillGroup,
    WorkshopKind,
)
from reintegra.db.models import AttendanceDay, Participant, SkillArea, User
from reintegra.services import assessments, attendance, facility, participants, placements, plans, skill_areas, users
from reintegra.services.facility import FacilityFields
from reintegra.services.plans import GoalFields, PlanFields

TODAY = date(2026, 6, 10)
PASSWORD = "bezpieczne-haslo"
GOAL_COOKING = "Samodzielnie przygotowuje posiłek dla grupy"
GOAL_SEWING = "Obsługuje maszynę do szycia"
GOAL_OPEN = "Znajduje pracę w gastronomii"


@dataclass
class Cis:
    director: User
    instructor: User
    lucja: Participant  # the CIS leaver
    waldek: Participant  # a WTZ leaver
    olek: Participant  # a CIS participant still taking part


def make_cis(session: Session) -> Cis:
    facility.update_facility(session, FacilityFields(
        name="Centrum Integracji Społecznej w Łomży", kind=Programme.CIS, address="ul. Długa 5", postal_code="18-400",
        city="Łomża", director_name="Zofia Wójcik", day_length_hours=Decimal("6")))
    gastronomy = workshop(session, "Pracownia gastronomiczna", capacity=8)
    tailoring = workshop(session, "Pracownia krawiecka", capacity=8, kind=WorkshopKind.TAILORING)
    director = users.create_user(session, "kierownik", PASSWORD, Role.DIRECTOR, "Zofia Wójcik")
    instructor = users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Aleksandra Żak",
                                   workshop_ids=[gastronomy.id, tailoring.id])

    lucja = admit(session, "Łucja", "Źdźbło-Gęś", date(2026, 1, 5), serial=201, programme=Programme.CIS)
    placements.place(session, lucja.id, gastronomy.id, date(2026, 1, 5), end_date=date(2026, 2, 27))
    placements.place(session, lucja.id, tailoring.id, date(2026, 3, 2))
    for day in (date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)):
        attendance.set_attendance(session, lucja.id, gastronomy.id, day, AttendanceStatus.PRESENT)
    attendance.set_attendance(session, lucja.id, gastronomy.id, date(2026, 1, 8), AttendanceStatus.PRESENT,
                              hours="4.5")
    attendance.set_attendance(session, lucja.id, gastronomy.id, date(2026, 1, 9), AttendanceStatus.SICK)
    session.add(AttendanceDay(participant_id=lucja.id, workshop_id=gastronomy.id, day=date(2026, 1, 12),
                              status=AttendanceStatus.PRESENT, hours=None))
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        attendance.set_attendance(session, lucja.id, tailoring.id, day, AttendanceStatus.PRESENT, hours="5")
    plan = plans.create_plan(session, lucja.id, PlanFields(start=date(2026, 1, 5), end=date(2026, 3, 31)))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.VOCATIONAL, GOAL_COOKING, status=GoalStatus.ACHIEVED))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.VOCATIONAL, GOAL_OPEN, status=GoalStatus.IN_PROGRESS))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.VOCATIONAL, GOAL_SEWING, status=GoalStatus.ACHIEVED))
    skill_areas.ensure_defaults(session)
    areas = list(session.scalars(select(SkillArea).order_by(SkillArea.position)))  # DEFAULT_AREAS' order
    scores = {area.id: 2 for area in areas}
    scores[areas[2].id] = 5  # communication
    scores[areas[3].id] = 4  # teamwork
    scores[areas[4].id] = 3  # vocational skills: the middle of the scale, not among the strongest
    assessments.record_assessment(session, lucja.id, date(2026, 3, 20), AssessorKind.COUNCIL, scores, today=TODAY)
    session.flush()
    session.refresh(lucja)
    participants.exit_participant(session, lucja.id, lucja.version, date(2026, 3, 31), ExitReason.EMPLOYMENT,
                                  today=TODAY)

    waldek = admit(session, "Waldemar", "Nowak", date(2026, 1, 5), serial=202)
    participants.exit_participant(session, waldek.id, waldek.version, date(2026, 2, 27), ExitReason.MOVED,
                                  today=TODAY)
    olek = admit(session, "Olek", "Kruk", date(2026, 2, 2), serial=203, programme=Programme.CIS)
    placements.place(session, olek.id, gastronomy.id, date(2026, 2, 2))
    session.flush()
    return Cis(director, instructor, lucja, waldek, olek)
