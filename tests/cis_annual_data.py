"""A facility running a CIS, a KIS and a WTZ, for the CIS and KIS annual reports of 2025, with a hand
count of every figure (make_facility's docstring): the service's, the PDF's, the XLSX's and the JSON's
tests check against it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import EmploymentStatus, ExitReason, NoteCategory, Programme, WorkshopKind
from reintegra.db.models import BenefitRule
from reintegra.services import attendance, benefit, follow_ups, notes, participants, placements

YEAR = 2025
AS_OF = date(2026, 6, 10)
KITCHEN = "Pracownia gastronomiczna"
CLEANING = "Pracownia porządkowo-remontowa"


def make_facility(session):
    """Benefit rules from 2024-06-01: 1000.00 zł a month, 0.05 of it deducted per unexcused day, no other
    deduction, no limit. Working days 2025: January 21 (1 and 6 January holidays), March 21, April 21
    (Easter Monday 21 April), June 20 (Corpus Christi 19 June), November 19 (11 November).

    CIS:
    - Adam Żmuda: admitted 2025-03-03, kitchen, exited 2025-04-30 for employment; long-term unemployed
      and homeless. March: present 3, 4, 5, unexcused 6. Notes 2025-03-10 vocational, 2025-04-02 social.
      Benefit March 1000.00 − 50.00 = 950.00, April 1000.00 (placed every working day); premium March 200.00.
    - Beata Łęcka: admitted 2025-11-03, cleaning, exited 2025-11-28 with an own business; alcohol.
      November: present 3, 4. Notes 2025-11-05 social, 2026-01-10 health (another year: not counted).
      Benefit November 1000.00 (3–28 November are all 19 working days); premium November 150.00.
    - Cezary Ślęzak: admitted 2024-10-01, kitchen, exited 2025-01-31 to a social cooperative; no group.
      Benefit January 1000.00.
    - Dorota Źrebiec: admitted 2025-06-02, kitchen, exited 2025-06-30, dropped out; alcohol and mentally ill.
      June: unexcused 2, 3, present 4. Benefit June 1000.00 − 2 × 50.00 = 900.00.
    - Halina Nowak: admitted 2026-01-05: not in 2025.
    KIS:
    - Edward Kos: admitted 2025-02-03, cleaning, exited 2025-05-30 for employment; homeless. February:
      present 3. Note 2025-03-03 vocational. Follow-up 3 months: contact 2025-09-01, employed.
    - Fryderyk Bąk: admitted 2025-01-07, kitchen, exited 2025-07-31 (other); no group. Follow-up 3
      months: contact 2025-11-03, unemployed.
    WTZ:
    - Grażyna Wiśniewska: admitted 2024-01-08, kitchen, open-ended; March: present 3 (not a CIS figure).

    Hand count, CIS 2025: participants Adam, Beata, Cezary, Dorota = 4; admitted Adam, Beata, Dorota = 3;
    exited 4: employment 1, own_business 1, social_cooperative 1, dropped_out 1; economically independent
    3 (Adam, Beata, Cezary). by_eligibility_group: long_term_unemployed 1, homeless 1, alcohol 2 (Beata,
    Dorota), mental_illness 1, the others 0, none 1 (Cezary): Adam and Dorota count under both their
    groups. Attendance: March 3 present of 4 entered = 75.0 (Grażyna's WTZ day left out); June 1 of 3 =
    33.3; November 2 of 2 = 100.0; other months 0 of 0, no rate. Workshops: kitchen 3 (Adam, Cezary,
    Dorota), cleaning 1 (Beata). Notes: social 2, vocational 1, the others 0 (Edward's is a KIS's).
    Benefits: January 1000.00 + March 950.00 + April 1000.00 + June 900.00 + November 1000.00 = 4850.00;
    premia 200.00 + 150.00 = 350.00.

    Hand count, KIS 2025: participants Edward, Fryderyk = 2; admitted 2; exited 2: employment 1, other 1;
    economically independent 1; by_eligibility_group homeless 1, none 1; attendance February 1 of 1 =
    100.0; workshops cleaning 1, kitchen 1; notes vocational 1; employed_after_leaving 1 (Edward; Fryderyk's
    contact found him unemployed); benefits and premia 0.
    """
    session.add(BenefitRule(valid_from=date(2024, 6, 1), amount=Decimal("1000.00"),
                            unexcused_day_deduction=Decimal("0.05")))
    kitchen = workshop(session, KITCHEN, capacity=10)
    cleaning = workshop(session, CLEANING, capacity=10, kind=WorkshopKind.CLEANING_CONSTRUCTION)
    cis, kis = Programme.CIS, Programme.KIS

    def person(first, last, admission, serial, programme, groups, where):
        stay = admit(session, first, last, admission, serial=serial, programme=programme,
                     eligibility_groups=groups)
        placements.place(session, stay.id, where.id, admission)
        return stay

    adam = person("Adam", "Żmuda", date(2025, 3, 3), 1, cis, ["long_term_unemployed", "homeless"], kitchen)
    beata = person("Beata", "Łęcka", date(2025, 11, 3), 2, cis, ["alcohol"], cleaning)
    cezary = person("Cezary", "Ślęzak", date(2024, 10, 1), 3, cis, [], kitchen)
    dorota = person("Dorota", "Źrebiec", date(2025, 6, 2), 4, cis, ["alcohol", "mental_illness"], kitchen)
    admit(session, "Halina", "Nowak", date(2026, 1, 5), serial=5, programme=cis, eligibility_groups=["refugee"])
    edward = person("Edward", "Kos", date(2025, 2, 3), 6, kis, ["homeless"], cleaning)
    fryderyk = person("Fryderyk", "Bąk", date(2025, 1, 7), 7, kis, [], kitchen)
    grazyna = person("Grażyna", "Wiśniewska", date(2024, 1, 8), 8, Programme.WTZ, [], kitchen)

    def mark(stay, where, month, days, status):
        for day in days:
            attendance.set_attendance(session, stay.id, where.id, date(YEAR, month, day), status)

    mark(adam, kitchen, 3, (3, 4, 5), S.PRESENT)
    mark(adam, kitchen, 3, (6,), S.UNEXCUSED)
    mark(grazyna, kitchen, 3, (3,), S.PRESENT)
    mark(dorota, kitchen, 6, (2, 3), S.UNEXCUSED)
    mark(dorota, kitchen, 6, (4,), S.PRESENT)
    mark(beata, cleaning, 11, (3, 4), S.PRESENT)
    mark(edward, cleaning, 2, (3,), S.PRESENT)

    notes.add_note(session, adam.id, date(2025, 3, 10), NoteCategory.VOCATIONAL, "Obsługa zmywarki", today=AS_OF)
    notes.add_note(session, adam.id, date(2025, 4, 2), NoteCategory.SOCIAL, "Współpraca w grupie", today=AS_OF)
    notes.add_note(session, beata.id, date(2025, 11, 5), NoteCategory.SOCIAL, "Punktualność", today=AS_OF)
    notes.add_note(session, beata.id, date(2026, 1, 10), NoteCategory.HEALTH, "Po zakończeniu", today=AS_OF)
    notes.add_note(session, edward.id, date(2025, 3, 3), NoteCategory.VOCATIONAL, "Malowanie", today=AS_OF)

    benefit.set_premium(session, adam.id, YEAR, 3, Decimal("200.00"), today=AS_OF)
    benefit.set_premium(session, beata.id, YEAR, 11, Decimal("150.00"), today=AS_OF)

    def leave(stay, day, reason):
        participants.exit_participant(session, stay.id, stay.version, day, reason, today=AS_OF)

    leave(adam, date(2025, 4, 30), ExitReason.EMPLOYMENT)
    leave(beata, date(2025, 11, 28), ExitReason.OWN_BUSINESS)
    leave(cezary, date(2025, 1, 31), ExitReason.SOCIAL_COOPERATIVE)
    leave(dorota, date(2025, 6, 30), ExitReason.DROPPED_OUT)
    leave(edward, date(2025, 5, 30), ExitReason.EMPLOYMENT)
    leave(fryderyk, date(2025, 7, 31), ExitReason.OTHER)

    def contact(stay, day, status):
        [first, *_later] = follow_ups.follow_ups_of(session, stay.id)
        follow_ups.record_contact(session, first.id, first.version, day, status, today=AS_OF)

    contact(edward, date(2025, 9, 1), EmploymentStatus.EMPLOYED)
    contact(fryderyk, date(2025, 11, 3), EmploymentStatus.UNEMPLOYED)
    session.commit()
    return kitchen
