"""A hand-made October 2026 of a CIS, for the benefit list's service and report tests.

October 2026 starts on a Thursday and has no public holiday: 22 working days. Three CIS participants
are on the list and three people are not:

- Gęślińska Żaneta: kitchen all month; O 1, 2, 5–9, 21–23 (10), U 12, N 13–14, C 15–16, UW 19, W 20.
- Żółć Łukasz: kitchen to 14.10 (O 1, 2, 5–9), tailoring from 15.10 (O 15, 16, C 19–23); 22 working days.
- Ćwik Anna: admitted on 19.10 to tailoring, O 19–23; 10 working days.
- not listed: a WTZ participant in the kitchen, a CIS participant who left on 30.09, one admitted in November.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import ExitReason, Programme
from reintegra.services import attendance, participants, placements

YEAR, MONTH = 2026, 10
AS_OF = date(2026, 10, 31)
KITCHEN, TAILORING = "Pracownia gastronomiczna", "Pracownia krawiecka"


def oct_(day: int) -> date:
    return date(YEAR, MONTH, day)


@dataclass
class October:
    kitchen_id: int
    tailoring_id: int
    geslinska: int
    zolc: int
    cwik: int


def make_october(session) -> October:
    kitchen = workshop(session, KITCHEN, capacity=10)
    tailoring = workshop(session, TAILORING, capacity=10)
    cis = {"programme": Programme.CIS}
    geslinska = placed(session, "Żaneta", "Gęślińska", date(2026, 9, 1), kitchen.id, serial=21, **cis)
    zolc = placed(session, "Łukasz", "Żółć", oct_(1), kitchen.id, serial=22, **cis)
    placements.move(session, zolc.id, tailoring.id, oct_(15))
    cwik = placed(session, "Anna", "Ćwik", oct_(19), tailoring.id, serial=23, **cis)
    wtz = placed(session, "Jan", "Abacki", date(2026, 9, 1), kitchen.id, serial=24)
    gone = placed(session, "Ewa", "Babacka", date(2026, 6, 1), kitchen.id, serial=25, **cis)
    participants.exit_participant(session, gone.id, gone.version, date(2026, 9, 30), ExitReason.DROPPED_OUT,
                                  today=AS_OF)
    placed(session, "Olga", "Cabacka", date(2026, 11, 2), kitchen.id, serial=26, **cis)

    def mark(person, workshop_id, days, status):
        for day in days:
            attendance.set_attendance(session, person.id, workshop_id, oct_(day), status)

    mark(geslinska, kitchen.id, [1, 2, 5, 6, 7, 8, 9, 21, 22, 23], S.PRESENT)
    mark(geslinska, kitchen.id, [12], S.EXCUSED)
    mark(geslinska, kitchen.id, [13, 14], S.UNEXCUSED)
    mark(geslinska, kitchen.id, [15, 16], S.SICK)
    mark(geslinska, kitchen.id, [19], S.LEAVE)
    mark(geslinska, kitchen.id, [20], S.DAY_OFF)
    mark(zolc, kitchen.id, [1, 2, 5, 6, 7, 8, 9], S.PRESENT)
    mark(zolc, tailoring.id, [15, 16], S.PRESENT)
    mark(zolc, tailoring.id, [19, 20, 21, 22, 23], S.SICK)
    mark(cwik, tailoring.id, [19, 20, 21, 22, 23], S.PRESENT)
    mark(wtz, kitchen.id, [1, 2], S.PRESENT)
    session.commit()
    return October(kitchen.id, tailoring.id, geslinska.id, zolc.id, cwik.id)


# (present, excused, unexcused, sick, leave, day off, working days), counted by hand above.
GESLINSKA = ("Gęślińska", "Żaneta", [KITCHEN], (10, 1, 2, 2, 1, 1, 22))
ZOLC = ("Żółć", "Łukasz", [KITCHEN, TAILORING], (9, 0, 0, 5, 0, 0, 22))
CWIK = ("Ćwik", "Anna", [TAILORING], (5, 0, 0, 0, 0, 0, 10))
