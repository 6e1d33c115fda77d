"""A small facility whose 2025 outcome figures were counted by hand (tests/services/test_statistics.py
and test_outcomes.py, the summary PDF and the outcomes panel check them).

Two workshops, ten people, everything made through the services. The period is 2025; the
follow-up contacts were recorded by RECORDED_ON (2 March 2026).

  person     workshop(s)               exit (2025)              follow-ups recorded
  Adam       kitchen                   28 Feb employment        3 m employed, 6 m employed
  Beata      kitchen                   31 Mar dropped out       3 m employed, 6 m not employed
  Cezary     tailoring                 30 Apr training          3 m in training, 6 m no contact
  Dorota     tailoring (from 13 Jan)   16 May removed           none made
  Edward     kitchen                   30 Jun death             (none planned after a death)
  Filomena   tailoring                 15 Sep social coop.      3 m social cooperative; 6 m due 15 Mar 2026
  Grzegorz   kitchen, then tailoring   14 Feb moved → reopened, 3 m (of 14 Feb) employed, kept on reopening;
                                       31 Oct dropped out       3 m (of 31 Oct) not employed
  Halina     kitchen (from 3 Feb)      still taking part        —
  Ireneusz   never placed              31 Dec other             —
  Janina     kitchen                   31 Dec 2024 employment   3 m (in 2025) employed — before the period

Attendance in 2025: Adam present 3–4 Feb (kitchen), Halina present 3–5 Mar and excused 6 Mar
(kitchen), Grzegorz present 2 Jun (tailoring).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus, EmploymentStatus, ExitReason, WorkshopKind
from reintegra.db.models import FollowUp
from reintegra.services import attendance, follow_ups, participants, placements

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
RECORDED_ON = date(2026, 3, 2)
KITCHEN = "Pracownia gastronomiczna"
TAILORING = "Pracownia krawiecka"


def _exit(session, person, day: date, reason: ExitReason) -> None:
    participants.exit_participant(session, person.id, person.version, day, reason, today=RECORDED_ON)


def _contact(session, person, exit_date: date, months: int, status: EmploymentStatus, employer: str = "") -> None:
    """Records the contact made on its due date (on RECORDED_ON if it falls due later)."""
    follow_up = session.scalar(select(FollowUp).where(
        FollowUp.participant_id == person.id, FollowUp.exit_date == exit_date, FollowUp.months_after == months))
    follow_ups.record_contact(session, follow_up.id, follow_up.version, min(follow_up.due_date, RECORDED_ON),
                              status, employer, today=RECORDED_ON)


def _present(session, person, workshop_id: int, *days: date, status=AttendanceStatus.PRESENT) -> None:
    for day in days:
        attendance.set_attendance(session, person.id, workshop_id, day, status)


def build(session) -> dict[str, int]:
    """The facility above; returns the participants' ids by first name."""
    kitchen = workshop(session, KITCHEN).id
    tailoring = workshop(session, TAILORING, kind=WorkshopKind.TAILORING).id
    people = {}

    def person(first: str, last: str, admission: date, workshop_id: int | None, serial: int):
        admitted = admit(session, first, last, admission, serial=serial)
        if workshop_id is not None:
            placements.place(session, admitted.id, workshop_id, admission)
        people[first] = admitted.id
        return admitted

    adam = person("Adam", "Nowak", date(2024, 3, 4), kitchen, 1)
    _present(session, adam, kitchen, date(2025, 2, 3), date(2025, 2, 4))
    _exit(session, adam, date(2025, 2, 28), ExitReason.EMPLOYMENT)
    _contact(session, adam, date(2025, 2, 28), 3, EmploymentStatus.EMPLOYED, "Hotel „Pod Różą”")
    _contact(session, adam, date(2025, 2, 28), 6, EmploymentStatus.EMPLOYED, "Hotel „Pod Różą”")

    beata = person("Beata", "Łęcka", date(2024, 6, 3), kitchen, 2)
    _exit(session, beata, date(2025, 3, 31), ExitReason.DROPPED_OUT)
    _contact(session, beata, date(2025, 3, 31), 3, EmploymentStatus.EMPLOYED, "Sklep „Żabka”")
    _contact(session, beata, date(2025, 3, 31), 6, EmploymentStatus.UNEMPLOYED)

    cezary = person("Cezary", "Wójcik", date(2024, 9, 2), tailoring, 3)
    _exit(session, cezary, date(2025, 4, 30), ExitReason.TRAINING)
    _contact(session, cezary, date(2025, 4, 30), 3, EmploymentStatus.IN_TRAINING)
    _contact(session, cezary, date(2025, 4, 30), 6, EmploymentStatus.NO_CONTACT)

    dorota = person("Dorota", "Źrebiec", date(2025, 1, 13), tailoring, 4)
    _exit(session, dorota, date(2025, 5, 16), ExitReason.REMOVED)

    edward = person("Edward", "Kmieć", date(2023, 10, 2), kitchen, 5)
    _exit(session, edward, date(2025, 6, 30), ExitReason.DEATH)

    filomena = person("Filomena", "Ślusarczyk", date(2024, 1, 8), tailoring, 6)
    _exit(session, filomena, date(2025, 9, 15), ExitReason.SOCIAL_COOPERATIVE)
    _contact(session, filomena, date(2025, 9, 15), 3, EmploymentStatus.SOCIAL_COOPERATIVE, "Spółdzielnia „Razem”")

    grzegorz = person("Grzegorz", "Dąb", date(2024, 2, 5), kitchen, 7)
    _exit(session, grzegorz, date(2025, 2, 14), ExitReason.MOVED)
    _contact(session, grzegorz, date(2025, 2, 14), 3, EmploymentStatus.EMPLOYED, "Piekarnia")
    participants.reopen(session, grzegorz.id, grzegorz.version)
    placements.place(session, grzegorz.id, tailoring, date(2025, 6, 2))
    _present(session, grzegorz, tailoring, date(2025, 6, 2))
    _exit(session, grzegorz, date(2025, 10, 31), ExitReason.DROPPED_OUT)
    _contact(session, grzegorz, date(2025, 10, 31), 3, EmploymentStatus.UNEMPLOYED)

    halina = person("Halina", "Żuk", date(2025, 2, 3), kitchen, 8)
    _present(session, halina, kitchen, date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5))
    _present(session, halina, kitchen, date(2025, 3, 6), status=AttendanceStatus.EXCUSED)

    ireneusz = person("Ireneusz", "Bąk", date(2024, 11, 4), None, 9)
    _exit(session, ireneusz, date(2025, 12, 31), ExitReason.OTHER)

    janina = person("Janina", "Gęś", date(2024, 4, 2), kitchen, 10)
    _exit(session, janina, date(2024, 12, 31), ExitReason.EMPLOYMENT)
    _contact(session, janina, date(2024, 12, 31), 3, EmploymentStatus.EMPLOYED, "Piekarnia")
    session.flush()
    return people
