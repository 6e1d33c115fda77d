"""A small facility made for the outcome figures of issue 14 (employment within 90 days, retention, the
attendance rate of the days entered), counted by hand here; tests/services/test_outcome_figures.py, the
summary PDF and XLSX, the outcomes panel and the participant report check them.

The period is 2025, the figures are made on AS_OF (2 March 2026). Ten people left in 2025, none of them
placed (so they add no working days); two were admitted on 1 October into the garden workshop and their
attendance was hardly typed in yet. Everything is made through the services.

  person     exit (2025)                follow-up contacts recorded
  Alicja     31 Jan employment          6 m (31 Jul) employed
  Bartosz    28 Feb social cooperative  6 m (28 Aug) unemployed
  Cecylia    31 Mar health              3 m made early, 30 May (day 60): employed; 6 m (30 Sep) employed
  Daniel     30 Apr other               3 m made late, 28 Aug (day 120): employed
  Emilia     31 May training            3 m made early, 30 Jul (day 60): employed
  Feliks     30 Jun dropped out         3 m made early, 29 Aug (day 60): employed
  Gabriela   31 Jul removed             —
  Henryk     31 Aug death               (none planned after a death)
  Jakub      30 Sep ZAZ                 3 m made early, 29 Nov (day 60): working in the ZAZ
  Irena      15 Oct employment          (her six months end on 15 Apr 2026, after AS_OF)
  Karol      admitted 1 Oct, garden     present 1 and 2 Oct, excused 3 Oct, nothing typed since
  Lena       admitted 1 Oct, garden     nothing typed

Counted by hand:
  exited 10; completed 7 (all but Feliks, Gabriela, Henryk).
  completed_not_in_education 6: the seven completers less Emilia, who went on to training.
  employed_within_90_days 4: Alicja, Bartosz, Irena by their exit reasons; Cecylia by her contact on
      day 60 alone. Not Daniel (his contact was on day 120: it says nothing about the first 90 days),
      not Jakub (a ZAZ is the next programme, not the labour market), not Emilia (education), not Feliks
      (he dropped out). The earlier "within 3 months" figure would have counted Feliks and Jakub too and
      divided by all ten exits.
  retention: of the four, six months have passed by 2 March 2026 for Alicja, Bartosz and Cecylia (not
      Irena): the base is 3; still employed at the 6-month contact: Alicja, Cecylia — retained_6_months 2,
      retention_rate 2 ÷ 3 = 0.6667.
  attendance: Karol and Lena have 62 working days each from 1 October to 31 December 2025 (October 23,
      November 19 — 11 November is a holiday —, December 20 — 24, 25 and 26 December are holidays): 124.
      Entered 3 (Karol's 1–3 October), present 2: the rate is 2 ÷ 3 = 0.6667, not 2 ÷ 124 = 1.6%;
      not_entered_days 121 (Karol 59, Lena 62).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus, EmploymentStatus, ExitReason, WorkshopKind
from reintegra.db.models import FollowUp
from reintegra.services import attendance, follow_ups, participants, placements

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
AS_OF = date(2026, 3, 2)
GARDEN = "Pracownia ogrodnicza"


def _exit(session, person, day: date, reason: ExitReason) -> None:
    participants.exit_participant(session, person.id, person.version, day, reason, today=AS_OF)


def _contact(session, person, exit_date: date, months: int, made_on: date, status: EmploymentStatus) -> None:
    follow_up = session.scalar(select(FollowUp).where(
        FollowUp.participant_id == person.id, FollowUp.exit_date == exit_date, FollowUp.months_after == months))
    follow_ups.record_contact(session, follow_up.id, follow_up.version, made_on, status, today=AS_OF)


def build(session) -> dict[str, int]:
    """The facility above; returns the participants' ids by first name."""
    garden = workshop(session, GARDEN, kind=WorkshopKind.GARDENING).id
    people: dict[str, int] = {}
    leavers = (
        ("Alicja", "Żurawska", date(2025, 1, 31), ExitReason.EMPLOYMENT),
        ("Bartosz", "Łęcki", date(2025, 2, 28), ExitReason.SOCIAL_COOPERATIVE),
        ("Cecylia", "Ściegienna", date(2025, 3, 31), ExitReason.HEALTH),
        ("Daniel", "Kowal", date(2025, 4, 30), ExitReason.OTHER),
        ("Emilia", "Nowak", date(2025, 5, 31), ExitReason.TRAINING),
        ("Feliks", "Dąb", date(2025, 6, 30), ExitReason.DROPPED_OUT),
        ("Gabriela", "Wiśniewska", date(2025, 7, 31), ExitReason.REMOVED),
        ("Henryk", "Kmieć", date(2025, 8, 31), ExitReason.DEATH),
        ("Jakub", "Gęsiak", date(2025, 9, 30), ExitReason.ZAZ),
        ("Irena", "Bąk", date(2025, 10, 15), ExitReason.EMPLOYMENT),
    )
    admitted = {}
    for serial, (first, last, exit_day, reason) in enumerate(leavers, 1):
        person = admit(session, first, last, date(2024, 3, 4), serial=serial)
        _exit(session, person, exit_day, reason)
        admitted[first] = (person, exit_day)
        people[first] = person.id

    def contact(first: str, months: int, made_on: date, status: EmploymentStatus) -> None:
        person, exit_day = admitted[first]
        _contact(session, person, exit_day, months, made_on, status)

    contact("Alicja", 6, date(2025, 7, 31), EmploymentStatus.EMPLOYED)
    contact("Bartosz", 6, date(2025, 8, 28), EmploymentStatus.UNEMPLOYED)
    contact("Cecylia", 3, date(2025, 5, 30), EmploymentStatus.EMPLOYED)
    contact("Cecylia", 6, date(2025, 9, 30), EmploymentStatus.EMPLOYED)
    contact("Daniel", 3, date(2025, 8, 28), EmploymentStatus.EMPLOYED)
    contact("Emilia", 3, date(2025, 7, 30), EmploymentStatus.EMPLOYED)
    contact("Feliks", 3, date(2025, 8, 29), EmploymentStatus.EMPLOYED)
    contact("Jakub", 3, date(2025, 11, 29), EmploymentStatus.ZAZ)

    for serial, (first, last) in enumerate((("Karol", "Wróbel"), ("Lena", "Sójka")), 20):
        person = admit(session, first, last, date(2025, 10, 1), serial=serial)
        placements.place(session, person.id, garden, date(2025, 10, 1))
        people[first] = person.id
    for day, status in ((date(2025, 10, 1), AttendanceStatus.PRESENT), (date(2025, 10, 2), AttendanceStatus.PRESENT),
                        (date(2025, 10, 3), AttendanceStatus.EXCUSED)):
        attendance.set_attendance(session, people["Karol"], garden, day, status)
    session.flush()
    return people
