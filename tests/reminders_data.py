"""The start page's reminders on a hand-made facility whose right answers are worked out below.

Today is Monday 24 November 2025. Attendance is looked at from 25 October to yesterday (23 November).

  Ann  WTZ, kitchen since 6.01.2025; plan 6.01–31.12.2025, next review 1.12 (in 7 days);
       last assessment 12.05 → due 12.11 (overdue); certificate valid until 10.01.2026 (in 47 days);
       no attendance on 13.11 and 18.11.
  Bob  WTZ, kitchen since 1.09.2025; no plan (taking part > 30 days → a plan due since 1.10);
       never assessed → due a month after admission, 1.10; permanent certificate; no attendance on 18.11.
  Cid  CIS since 13.01.2025, planned end 15.12.2025 (in 21 days), placed nowhere; plan covers today;
       assessed 3.11; passed the trial month (ended 12.02.2025), recorded on 12.02.2025.
  Dan  exited 20.08.2025 → the 3-month contact due 20.11 (overdue), 6 and 12 months later.
  Eve  exited 5.05.2025; the 3-month contact made, the 6-month one due 5.11 (overdue).
  Fay  WTZ, tailoring since 1.06.2022; plans 2022 and 1.06.2025–31.05.2026 (next review 1.03.2026);
       no council review ever → due three years after the first plan, 1.06.2025 (overdue);
       certificate expired 1.11.2025; assessed 1.10.2025; all attendance entered.
  Gus  on the waiting list: never anywhere.
"""

from datetime import date, timedelta

from sqlalchemy import select

from factories import admit, placed, workshop
from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    DisabilityDegree,
    EmploymentStatus,
    ExitReason,
    PlanKind,
    Programme,
    ReviewKind,
    TrialDecision,
    WorkshopKind,
)
from reintegra.db.models import Assessment, FollowUp, IndividualPlan, PlanReview
from reintegra.services import attendance, calendar, cis_clock, participants, reminders
from reintegra.services.participants import ParticipantFields

TODAY = date(2025, 11, 24)
GAP_ANN = date(2025, 11, 13)
GAP_BOTH = date(2025, 11, 18)


def plan(session, person_id, start, end, next_review=None):
    plan = IndividualPlan(participant_id=person_id, kind=PlanKind.IPR, start_date=start, end_date=end,
                          next_review_date=next_review)
    session.add(plan)
    session.flush()
    return plan


def assessed(session, person_id, day):
    session.add(Assessment(participant_id=person_id, day=day, assessor_kind=AssessorKind.INSTRUCTOR))


def _fill_attendance(session, workshop_id, start, end):
    for day in calendar.days_between(start, end):
        if calendar.is_working_day(day):
            attendance.mark_all_present(session, workshop_id, day)


def _exit(session, person, day):
    participants.exit_participant(session, person.id, person.version, day, ExitReason.EMPLOYMENT, today=TODAY)


def build(session) -> dict[str, int]:
    """The facility above; returns the ids by first name (and the two workshops)."""
    kitchen = workshop(session, "Pracownia gastronomiczna")
    tailoring = workshop(session, "Pracownia krawiecka", kind=WorkshopKind.TAILORING)
    ann = placed(session, "Anna", "Nowak", date(2025, 1, 6), kitchen.id, serial=1,
                 disability_degree=DisabilityDegree.MODERATE, certificate_valid_until=date(2026, 1, 10))
    bob = placed(session, "Bogdan", "Żak", date(2025, 9, 1), kitchen.id, serial=2,
                 disability_degree=DisabilityDegree.MODERATE, certificate_permanent=True)
    cid = admit(session, "Cyprian", "Łęcki", date(2025, 1, 13), serial=3, programme=Programme.CIS,
                planned_end_date=date(2025, 12, 15))
    dan = admit(session, "Daniel", "Ćwik", date(2024, 3, 4), serial=4)
    eve = admit(session, "Ewa", "Śliwa", date(2024, 1, 8), serial=5)
    fay = placed(session, "Felicja", "Źrebiec", date(2022, 6, 1), tailoring.id, serial=6,
                 disability_degree=DisabilityDegree.SIGNIFICANT, certificate_valid_until=date(2025, 11, 1))
    participants.add_applicant(session, ParticipantFields(first_name="Gustaw", last_name="Ołów",
                                                          birth_date=date(1988, 2, 2),
                                                          application_date=date(2025, 3, 3)))

    window_start = TODAY - timedelta(days=reminders.RECENT_DAYS)
    _fill_attendance(session, tailoring.id, window_start, TODAY - timedelta(days=1))
    for day in calendar.days_between(window_start, TODAY - timedelta(days=1)):
        if not calendar.is_working_day(day) or day == GAP_BOTH:
            continue
        if day == GAP_ANN:
            attendance.set_attendance(session, bob.id, kitchen.id, day, AttendanceStatus.PRESENT)
        else:
            attendance.mark_all_present(session, kitchen.id, day)

    plan(session, ann.id, date(2025, 1, 6), date(2025, 12, 31), next_review=date(2025, 12, 1))
    plan(session, cid.id, date(2025, 2, 1), date(2025, 12, 15))
    cis_clock.record_trial(session, cid.id, cid.version, trial_end=date(2025, 2, 12), decision=TrialDecision.PASSED,
                           decided_on=date(2025, 2, 12), today=TODAY)
    plan(session, fay.id, date(2022, 6, 1), date(2022, 12, 31))
    current = plan(session, fay.id, date(2025, 6, 1), date(2026, 5, 31), next_review=date(2026, 3, 1))
    session.add(PlanReview(plan_id=current.id, day=date(2025, 9, 1), kind=ReviewKind.PERIODIC, conclusion="Postępy."))
    assessed(session, ann.id, date(2025, 5, 12))
    assessed(session, cid.id, date(2025, 11, 3))
    assessed(session, fay.id, date(2025, 10, 1))

    _exit(session, dan, date(2025, 8, 20))
    _exit(session, eve, date(2025, 5, 5))
    three_months = session.scalars(select(FollowUp).filter_by(participant_id=eve.id, months_after=3)).one()
    three_months.contact_date = date(2025, 8, 6)
    three_months.employment_status = EmploymentStatus.EMPLOYED
    session.flush()
    return {"kitchen": kitchen.id, "tailoring": tailoring.id, "ann": ann.id, "bob": bob.id, "cid": cid.id,
            "dan": dan.id, "eve": eve.id, "fay": fay.id}


