"""A small facility with its staff, for need-to-know tests: two workshops, an instructor for each,
a director and an administrator, and participants inside and outside each instructor's reach.

``today`` is fixed; the grace period is the default 30 days:
- ``anna`` (Pracownia gastronomiczna, instructor ``ola``): placed since 2026-01-05, open-ended;
- ``bartek`` (Pracownia krawiecka, instructor ``jan``): placed since 2026-02-02, open-ended;
- ``celina``: in gastronomy until 2026-05-20 — inside ``ola``'s grace period on ``today`` (2026-06-10);
- ``dawid``: in gastronomy until 2026-03-31 — past the grace period, out of ``ola``'s reach;
- ``ewa``: admitted, never placed — reached only by the director and the administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from factories import admit, workshop
from reintegra.db.enums import Role, WorkshopKind
from reintegra.db.models import Participant, User, Workshop
from reintegra.services import placements, users

TODAY = date(2026, 6, 10)
PASSWORD = "bezpieczne-haslo"


@dataclass
class Staff:
    gastronomy: Workshop
    tailoring: Workshop
    ola: User        # instructor of gastronomy
    jan: User        # instructor of tailoring
    director: User
    admin: User
    anna: Participant
    bartek: Participant
    celina: Participant
    dawid: Participant
    ewa: Participant

    def role(self, name: str) -> User:
        """``ola``, ``jan``, ``director`` or ``admin``."""
        return getattr(self, name)


def make_staff(session: Session) -> Staff:
    gastronomy = workshop(session, "Pracownia gastronomiczna", capacity=8)
    tailoring = workshop(session, "Pracownia krawiecka", capacity=8, kind=WorkshopKind.TAILORING)
    ola = users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Aleksandra Żak", workshop_ids=[gastronomy.id])
    jan = users.create_user(session, "jan", PASSWORD, Role.INSTRUCTOR, "Jan Łęcki", workshop_ids=[tailoring.id])
    director = users.create_user(session, "kierownik", PASSWORD, Role.DIRECTOR, "Zofia Wójcik")
    admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Piotr Ślęzak")

    anna = admit(session, "Anna", "Kowalska", date(2026, 1, 5), serial=101)
    placements.place(session, anna.id, gastronomy.id, date(2026, 1, 5))
    bartek = admit(session, "Bartek", "Nowak", date(2026, 2, 2), serial=102)
    placements.place(session, bartek.id, tailoring.id, date(2026, 2, 2))
    celina = admit(session, "Celina", "Źrebiec", date(2026, 1, 5), serial=103)
    placements.place(session, celina.id, gastronomy.id, date(2026, 1, 5), end_date=date(2026, 5, 20))
    dawid = admit(session, "Dawid", "Łoś", date(2026, 1, 5), serial=104)
    placements.place(session, dawid.id, gastronomy.id, date(2026, 1, 5), end_date=date(2026, 3, 31))
    ewa = admit(session, "Ewa", "Mąka", date(2026, 3, 2), serial=105)
    session.flush()
    return Staff(gastronomy, tailoring, ola, jan, director, admin, anna, bartek, celina, dawid, ewa)
