"""A small facility whose path after leaving was counted by hand (tests/services/test_pathway.py, the
summary, the outcomes panel and the detail page's path check it).

Everything is made through the services; the figures are seen on AS_OF (2 March 2026), the period is
2025. Two workshops: kitchen (instructor ola) and tailoring.

  person   stays                                     exit counted        follow-up contacts made
  Zofia    WTZ 2 Sep 2019 – 30 Jun 2023 (ZAZ),       31 Mar 2025 ZAZ     3 m social cooperative,
           ZAZ 3 Jul 2023 – 31 Mar 2025 (soc. coop.) stay               6 m employed
  Wiktor   WTZ 8 Jan 2018 – 31 Jan 2025 (ZAZ),       31 Jan 2025         none
           ZAZ from 3 Feb 2025, ongoing (kitchen)
  Adam     CIS 4 Mar 2024 – 28 Feb 2025 (employment) 28 Feb 2025         3 m employed, 6 m unemployed
  Beata    CIS 3 Jun 2024 – 15 Jan 2025 (moved)      15 Jan 2025         none
  Cezary   CIS 2 Sep 2024 – 30 May 2025 (training)   30 May 2025         3 m in training, 6 m no contact
  Edward   WTZ 2 Oct 2023 – 30 Jun 2025 (death)      left out (death)    —
  Janina   CIS 2 Apr 2024 – 31 Dec 2024 (employment) not a 2025 leaver   —
  Halina   WTZ from 3 Feb 2025, ongoing              not a leaver        —

Where the 2025 leavers are, on AS_OF (3 / 6 / 12 months after the exit):
  Zofia   30 Jun 2025 social cooperative (contact) / 30 Sep 2025 open market (contact) /
          31 Mar 2026 not yet due
  Wiktor  30 Apr 2025 ZAZ / 31 Jul 2025 ZAZ / 31 Jan 2026 ZAZ (the ZAZ stay going on each day)
  Adam    28 May 2025 open market / 28 Aug 2025 not employed / 28 Feb 2026 unknown (no contact)
  Beata   unknown / unknown / 15 Jan 2026 unknown (no contact at all)
  Cezary  30 Aug 2025 education / 30 Nov 2025 unknown (no contact) / 30 May 2026 not yet due

  leavers 5          3 months   6 months   12 months
  open_market            1          1          0
  social_cooperative     1          0          0
  zaz                    1          1          1
  education              1          0          0
  not_employed           0          1          0
  unknown                1          2          2
  not_yet_due            0          0          2

Zofia's timeline: WTZ 2019–2023 → ZAZ 2023–2025 → In a social cooperative → On the open labour market.
Wiktor's, seen by ola (kitchen): only the ZAZ stay (the WTZ stay was in tailoring, long ended).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from factories import admit, make_pesel, workshop
from reintegra.db.enums import EmploymentStatus, ExitReason, Programme, Role, WorkshopKind
from reintegra.db.models import FollowUp
from reintegra.services import follow_ups, participants, placements, users
from reintegra.services.participants import ParticipantFields

AS_OF = date(2026, 3, 2)
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
EXPECTED = {
    3: {"open_market": 1, "social_cooperative": 1, "zaz": 1, "education": 1, "not_employed": 0, "unknown": 1,
        "not_yet_due": 0},
    6: {"open_market": 1, "social_cooperative": 0, "zaz": 1, "education": 0, "not_employed": 1, "unknown": 2,
        "not_yet_due": 0},
    12: {"open_market": 0, "social_cooperative": 0, "zaz": 1, "education": 0, "not_employed": 0, "unknown": 2,
         "not_yet_due": 2},
}


def _exit(session, stay, day: date, reason: ExitReason) -> None:
    participants.exit_participant(session, stay.id, stay.version, day, reason, today=AS_OF)


def _contact(session, stay, months: int, status: EmploymentStatus, employer: str = "") -> None:
    """Records the contact of the stay's exit made on its due date."""
    follow_up = session.scalar(select(FollowUp).where(
        FollowUp.participant_id == stay.id, FollowUp.exit_date == stay.exit_date, FollowUp.months_after == months))
    follow_ups.record_contact(session, follow_up.id, follow_up.version, follow_up.due_date, status, employer,
                              today=AS_OF)


def _again(session, stay, admission: date, programme: Programme, serial: int):
    """A new stay of the same person (the same PESEL as ``factories.admit`` gave)."""
    return participants.readmit(session, ParticipantFields(
        first_name=stay.first_name, last_name=stay.last_name, pesel=make_pesel(date(1990, 5, 17), serial),
        programme=programme, admission_date=admission), participant_id=stay.id, today=AS_OF)


def build(session) -> dict[str, int]:
    """The facility above; returns stay ids by name ("Zofia", "Zofia ZAZ", …) and the instructor's id ("ola")."""
    kitchen = workshop(session, "Pracownia gastronomiczna").id
    tailoring = workshop(session, "Pracownia krawiecka", kind=WorkshopKind.TAILORING).id
    ola = users.create_user(session, "ola", "bezpieczne-haslo", Role.INSTRUCTOR, "Aleksandra Żak",
                            workshop_ids=[kitchen])
    ids = {"ola": ola.id}

    def stay(first, last, admission, programme, serial, workshop_id=None):
        made = admit(session, first, last, admission, serial=serial, programme=programme)
        if workshop_id is not None:
            placements.place(session, made.id, workshop_id, admission)
        ids[first] = made.id
        return made

    zofia = stay("Zofia", "Ślęzak", date(2019, 9, 2), Programme.WTZ, 11, tailoring)
    _exit(session, zofia, date(2023, 6, 30), ExitReason.ZAZ)
    zofia_zaz = _again(session, zofia, date(2023, 7, 3), Programme.ZAZ, 11)
    ids["Zofia ZAZ"] = zofia_zaz.id
    _exit(session, zofia_zaz, date(2025, 3, 31), ExitReason.SOCIAL_COOPERATIVE)
    _contact(session, zofia_zaz, 3, EmploymentStatus.SOCIAL_COOPERATIVE, "Spółdzielnia „Razem”")
    _contact(session, zofia_zaz, 6, EmploymentStatus.EMPLOYED, "Hotel „Pod Różą”")

    wiktor = stay("Wiktor", "Łoś", date(2018, 1, 8), Programme.WTZ, 12, tailoring)
    _exit(session, wiktor, date(2025, 1, 31), ExitReason.ZAZ)
    wiktor_zaz = _again(session, wiktor, date(2025, 2, 3), Programme.ZAZ, 12)
    placements.place(session, wiktor_zaz.id, kitchen, date(2025, 2, 3))
    ids["Wiktor ZAZ"] = wiktor_zaz.id

    adam = stay("Adam", "Nowak", date(2024, 3, 4), Programme.CIS, 13, kitchen)
    _exit(session, adam, date(2025, 2, 28), ExitReason.EMPLOYMENT)
    _contact(session, adam, 3, EmploymentStatus.EMPLOYED, "Piekarnia")
    _contact(session, adam, 6, EmploymentStatus.UNEMPLOYED)

    beata = stay("Beata", "Żuk", date(2024, 6, 3), Programme.CIS, 14, kitchen)
    _exit(session, beata, date(2025, 1, 15), ExitReason.MOVED)

    cezary = stay("Cezary", "Wójcik", date(2024, 9, 2), Programme.CIS, 15, tailoring)
    _exit(session, cezary, date(2025, 5, 30), ExitReason.TRAINING)
    _contact(session, cezary, 3, EmploymentStatus.IN_TRAINING)
    _contact(session, cezary, 6, EmploymentStatus.NO_CONTACT)

    edward = stay("Edward", "Kmieć", date(2023, 10, 2), Programme.WTZ, 16, kitchen)
    _exit(session, edward, date(2025, 6, 30), ExitReason.DEATH)

    janina = stay("Janina", "Gęś", date(2024, 4, 2), Programme.CIS, 17, kitchen)
    _exit(session, janina, date(2024, 12, 31), ExitReason.EMPLOYMENT)

    stay("Halina", "Bąk", date(2025, 2, 3), Programme.WTZ, 18, kitchen)
    session.flush()
    return ids
