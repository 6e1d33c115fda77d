"""A hand-made November 2020 in the kitchen, for the month grid's service and screen tests.

November 2020 — long past, so no day of it is still to come — starts on a Sunday (1.11, All
Saints' Day); 11.11 (Wednesday) is Independence Day; so the month has 21 weekdays and 20 working
days. Three people, in Polish order:

- Lis Piotr: in the kitchen until 18.11, then in tailoring; present on all 12 kitchen working days.
- Łęcka Anna: admitted on 16.11; 11 working days; present 16–20 and 23, excused on 24.11.
- Zieliński Jan: the whole month, 20 working days; present 2–13 (9 days, 11.11 is a holiday),
  U 16, C 17 and 18, UW 19, N 20, present 23–27, nothing on 30.11.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factories import placed, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.services import attendance, calendar, placements

YEAR, MONTH = 2020, 11
AS_OF = date(2020, 11, 30)


def nov(day: int) -> date:
    return date(YEAR, MONTH, day)


@dataclass
class November:
    kitchen_id: int
    tailoring_id: int
    lis: int
    lecka: int
    zielinski: int


def make_november(session) -> November:
    kitchen = workshop(session, "Pracownia gastronomiczna", capacity=10)
    tailoring = workshop(session, "Pracownia krawiecka", capacity=10)
    zielinski = placed(session, "Jan", "Zieliński", date(2020, 9, 1), kitchen.id, serial=101)
    lecka = placed(session, "Anna", "Łęcka", nov(16), kitchen.id, serial=102)
    lis = placed(session, "Piotr", "Lis", date(2020, 10, 1), kitchen.id, serial=103)
    placements.move(session, lis.id, tailoring.id, nov(19))

    def mark(person, workshop_id, days, status):
        for day in days:
            attendance.set_attendance(session, person.id, workshop_id, nov(day), status)

    mark(lis, kitchen.id, [d.day for d in calendar.working_days(nov(1), nov(18))], S.PRESENT)
    mark(lis, tailoring.id, [19], S.PRESENT)
    mark(lecka, kitchen.id, [16, 17, 18, 19, 20, 23], S.PRESENT)
    mark(lecka, kitchen.id, [24], S.EXCUSED)
    mark(zielinski, kitchen.id, [2, 3, 4, 5, 6, 9, 10, 12, 13, 23, 24, 25, 26, 27], S.PRESENT)
    mark(zielinski, kitchen.id, [16], S.EXCUSED)
    mark(zielinski, kitchen.id, [17, 18], S.SICK)
    mark(zielinski, kitchen.id, [19], S.LEAVE)
    mark(zielinski, kitchen.id, [20], S.UNEXCUSED)
    session.flush()
    return November(kitchen.id, tailoring.id, lis.id, lecka.id, zielinski.id)
