"""The facility summary: a small facility counted by hand, the boundaries of each
definition, and the attendance rate agreeing with the monthly attendance sheets."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

import outcome_data
from factories import admit, workshop
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import EmploymentStatus, ExitReason, WorkshopKind
from reintegra.db.models import FollowUp
from reintegra.reports import outputs
from reintegra.services import attendance, calendar, participants, placements, statistics
from reintegra.services.errors import ValidationError
from reintegra.services.participants import ParticipantFields

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
AS_OF = date(2026, 11, 23)


def _exit(session, person, day: date, reason: ExitReason, **follow_ups: EmploymentStatus):
    """Exits ``person``; ``m3=…, m6=…`` record what the 3- and 6-month contacts found."""
    participants.exit_participant(session, person.id, person.version, day, reason)
    for key, status in follow_ups.items():
        months = int(key[1:])
        follow_up = session.scalar(select(FollowUp).where(
            FollowUp.participant_id == person.id, FollowUp.exit_date == day, FollowUp.months_after == months))
        follow_up.contact_date = follow_up.due_date
        follow_up.employment_status = status
    session.flush()


def _present(session, person, workshop_id: int, *days: date, status: S = S.PRESENT):
    for day in days:
        attendance.set_attendance(session, person.id, workshop_id, day, status)


def _month_totals(session, workshop_ids, start: date, end: date, as_of: date) -> tuple[int, int]:
    """Σ present and Σ working days of attendance.month_rows over the months of [start, end]."""
    return _month_sums(session, workshop_ids, start, end, as_of)[:2]


def _month_sums(session, workshop_ids, start: date, end: date, as_of: date) -> tuple[int, int, int]:
    """Σ present, Σ working days and Σ days not entered of attendance.month_rows over the months of [start, end]."""
    present = working = not_entered = 0
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        for workshop_id in workshop_ids:
            for row in attendance.month_rows(session, workshop_id, year, month, as_of=as_of):
                present += row.present
                working += row.working_days
                not_entered += row.not_entered_days
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return present, working, not_entered


@pytest.fixture
def facility(session):
    """Ten people and three workshops; what each is there to test is said beside them."""
    kitchen = workshop(session, "Pracownia gastronomiczna")
    crafts = workshop(session, "Pracownia rękodzieła", kind=WorkshopKind.ARTS_CRAFTS)
    carpentry = workshop(session, "Pracownia stolarska", kind=WorkshopKind.CARPENTRY)

    # Anna: admitted in 2024, in the kitchen all 2025 and still there — active at the end.
    anna = admit(session, "Anna", "Nowak", date(2024, 9, 2), serial=1)
    placements.place(session, anna.id, kitchen.id, date(2024, 9, 2))
    _present(session, anna, kitchen.id, date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5))
    _present(session, anna, kitchen.id, date(2025, 3, 6), status=S.SICK)

    # Bogdan: admitted in 2025 into the kitchen, rotated to crafts on 2 June, left for a job
    # on 1 July — too late in the year for his 6-month contact (1 January 2026) to count.
    bogdan = admit(session, "Bogdan", "Żak", date(2025, 3, 3), serial=2)
    placements.place(session, bogdan.id, kitchen.id, date(2025, 3, 3))
    placements.move(session, bogdan.id, crafts.id, date(2025, 6, 2))
    _present(session, bogdan, kitchen.id, date(2025, 5, 5))
    _present(session, bogdan, crafts.id, date(2025, 6, 2), date(2025, 6, 3))
    _exit(session, bogdan, date(2025, 7, 1), ExitReason.EMPLOYMENT, m6=EmploymentStatus.EMPLOYED)

    # Celina: in crafts since 2023, left for a social cooperative on the period's first day,
    # still in it six months later.
    celina = admit(session, "Celina", "Wójcik", date(2023, 5, 8), serial=3)
    placements.place(session, celina.id, crafts.id, date(2023, 5, 8))
    _exit(session, celina, date(2025, 1, 1), ExitReason.SOCIAL_COOPERATIVE,
          m6=EmploymentStatus.SOCIAL_COOPERATIVE)

    # Dariusz: left the day before the period — counted nowhere, follow-up or not.
    dariusz = admit(session, "Dariusz", "Kowalczyk", date(2024, 2, 5), serial=4)
    placements.place(session, dariusz.id, kitchen.id, date(2024, 2, 5))
    _present(session, dariusz, kitchen.id, date(2024, 12, 30))
    _exit(session, dariusz, date(2024, 12, 31), ExitReason.DROPPED_OUT, m6=EmploymentStatus.EMPLOYED)

    # Ewa: admitted in 2025 into crafts, left for a ZAZ on 30 June; her 6-month contact
    # (30 December 2025) falls inside the period and finds her still employed there.
    ewa = admit(session, "Ewa", "Łukasik", date(2025, 1, 2), serial=5)
    placements.place(session, ewa.id, crafts.id, date(2025, 1, 2))
    _present(session, ewa, crafts.id, date(2025, 6, 30))
    _exit(session, ewa, date(2025, 6, 30), ExitReason.ZAZ, m6=EmploymentStatus.ZAZ)

    # Franciszek: in the kitchen, left for health reasons on the period's last day:
    # he exited in the period and is not active at its end.
    franciszek = admit(session, "Franciszek", "Dąbrowski", date(2024, 10, 1), serial=6)
    placements.place(session, franciszek.id, kitchen.id, date(2024, 10, 1))
    _present(session, franciszek, kitchen.id, date(2025, 12, 31))
    _exit(session, franciszek, date(2025, 12, 31), ExitReason.HEALTH)

    # Grażyna: admitted and gone for a job within 2025; employed at the 3-month contact,
    # not at the 6-month one — she is employed at exit but not after six months.
    grazyna = admit(session, "Grażyna", "Ścibor", date(2025, 4, 1), serial=7)
    placements.place(session, grazyna.id, kitchen.id, date(2025, 4, 1))
    _exit(session, grazyna, date(2025, 5, 15), ExitReason.EMPLOYMENT,
          m3=EmploymentStatus.EMPLOYED, m6=EmploymentStatus.UNEMPLOYED)

    # Henryk: admitted in December 2025 and not placed yet — the facility counts him,
    # no workshop does.
    admit(session, "Henryk", "Pietrzak", date(2025, 12, 15), serial=8)

    # Irena: on the waiting list since March 2025 — an applicant never counts.
    participants.add_applicant(session, ParticipantFields(
        first_name="Irena", last_name="Zając", birth_date=date(1988, 2, 3), application_date=date(2025, 3, 1)))

    # Kamil: admitted in 2026 into carpentry — after the period; carpentry has nobody in 2025.
    kamil = admit(session, "Kamil", "Górski", date(2026, 1, 5), serial=9)
    placements.place(session, kamil.id, carpentry.id, date(2026, 1, 5))
    _present(session, kamil, carpentry.id, date(2026, 1, 5))
    session.flush()
    return kitchen, crafts, carpentry


def test_a_small_facility_counted_by_hand(session, facility):
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)

    # In 2025: Anna, Bogdan, Celina, Ewa, Franciszek, Grażyna, Henryk (not Dariusz, who left
    # on 31 Dec 2024, not Kamil, admitted in 2026, not Irena, an applicant).
    assert summary.participants == 7
    # Still there after 31 Dec 2025: Anna and Henryk (Franciszek left on the 31st).
    assert summary.active_at_end == 2
    # Admitted in 2025: Ewa (2 Jan), Bogdan (3 Mar), Grażyna (1 Apr), Henryk (15 Dec).
    assert summary.admitted == 4
    # Exited in 2025: Celina (1 Jan), Grażyna (15 May), Ewa (30 Jun), Bogdan (1 Jul), Franciszek (31 Dec).
    assert summary.exited == 5
    assert summary.exits_by_reason == {
        ExitReason.EMPLOYMENT: 2,  # Bogdan, Grażyna
        ExitReason.SOCIAL_COOPERATIVE: 1,  # Celina
        ExitReason.OWN_BUSINESS: 0,
        ExitReason.ZAZ: 1,  # Ewa
        ExitReason.TRAINING: 0,
        ExitReason.HEALTH: 1,  # Franciszek
        ExitReason.MOVED: 0,
        ExitReason.DROPPED_OUT: 0,  # Dariusz dropped out, but in 2024
        ExitReason.REMOVED: 0,
        ExitReason.DEATH: 0,
        ExitReason.OTHER: 0,
        ExitReason.WITHDRAWN: 0,  # only applications close for these: never an exit
        ExitReason.NOT_ELIGIBLE: 0,
    }
    # Waiting on 31 Dec 2025: Irena, since 1 March (305 days). Nobody admitted in 2025 had an application date.
    assert (summary.applicants_waiting, summary.median_wait_days, summary.longest_wait_days) == (1, 305, 305)
    assert summary.median_wait_admitted_days is None
    # Into work: Bogdan and Grażyna (employment), Celina (cooperative), Ewa (ZAZ).
    assert summary.employed_at_exit == 4
    # Six months passed by 31 Dec for Celina (1 Jul), Grażyna (15 Nov) and Ewa (30 Dec);
    # employed then: Celina and Ewa. Bogdan's six months end on 1 Jan 2026.
    assert summary.employed_after_6_months == 2

    # Working days of placements in 2025 (Mon–Fri less weekday holidays: 1 and 6 Jan, 21 Apr,
    # 1 May, 19 Jun, 15 Aug, 11 Nov, 24–26 Dec; month by month 21 20 21 21 21 20 23 20 22 23 19 20):
    #   kitchen: Anna 251 (the whole year) + Franciszek 251 + Bogdan 3 Mar–1 Jun 63
    #            (21 + 21 + 21) + Grażyna 1 Apr–15 May 31 (21 + 10) = 596;
    #   crafts:  Bogdan 2 Jun–1 Jul 21 (20 + 1) + Ewa 2 Jan–30 Jun 124 + Celina 1 Jan 0 (a holiday) = 145.
    # Present: kitchen Anna 3 + Bogdan 1 + Franciszek 1 = 5 (Anna's sick day and Dariusz's
    # 2024 day do not count); crafts Bogdan 2 + Ewa 1 = 3.
    # Entered: kitchen those 5 and Anna's sick day = 6; crafts 3. The other 590 + 142 working days
    # were never entered: they are out of the rate (it was 8 ÷ 741 when they counted as absences).
    assert (summary.present_days, summary.working_days, summary.not_entered_days) == (8, 741, 732)
    assert summary.attendance_rate == pytest.approx(8 / 9)
    # Completed, not gone on to education: all five who left (nobody dropped out or went to training).
    # Employed within 90 days: Bogdan, Grażyna (employment), Celina (cooperative) — not Ewa: a ZAZ is the
    # next programme, not the labour market, and no contact of hers within 90 days says work.
    assert (summary.completed_not_in_education, summary.employed_within_90_days) == (5, 3)
    # Six months passed by 23 Nov 2026 for all three; still working at the 6-month contact: Bogdan,
    # Celina (not Grażyna, unemployed then).
    assert (summary.retention_base, summary.retained_6_months) == (3, 2)

    data = summary.to_json_dict()
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    del data["period"], data["generated"]
    # The path after is counted by hand in tests/services/test_pathway.py; here: the five who left, at each horizon.
    assert [sum(counts.values()) for counts in data.pop("leavers_after").values()] == [5, 5, 5]
    no_exits = {reason.value: 0 for reason in ExitReason}
    assert data == {
        "participants": 7,
        "active_at_end": 2,
        "admitted": 4,
        "exited": 5,
        "exits_by_reason": {**no_exits, "employment": 2, "social_cooperative": 1, "zaz": 1, "health": 1},
        "completed": 5,  # nobody dropped out, was removed or died
        "completion_rate": 1.0,
        "employed_at_exit": 4,
        # The earlier name of employed_within_90_days (it was 4 when a ZAZ and every exit counted).
        "employed_within_3_months": 3,
        "employed_after_6_months": 2,
        "attendance_rate": 0.8889,  # 8 / 9 entered working days (it was 8 / 741 = 0.0108)
        "employed_within_90_days": 3,  # Bogdan, Celina, Grażyna
        "completed_not_in_education": 5,
        "retained_6_months": 2,  # Bogdan, Celina
        "retention_rate": 0.6667,  # 2 / 3
        "not_entered_days": 732,
        "stays": 7,  # one stay each: nobody here came back (test_stays_counted_by_hand: who did)
        "readmitted": 0,
        "applicants_waiting": 1,  # Irena, since 1 March 2025
        "median_wait_days": 305,
        "longest_wait_days": 305,
        "median_wait_admitted_days": None,
        "by_workshop": {
            "Pracownia gastronomiczna": {
                # Placed here in 2025: Anna, Bogdan, Franciszek, Grażyna; Anna is still here.
                "participants": 4,
                "active_at_end": 1,
                # First placed here: Bogdan, Grażyna (Ewa started in crafts, Henryk nowhere).
                "admitted": 2,
                # Last placement here: Grażyna (employment) and Franciszek (health).
                "exited": 2,
                "exits_by_reason": {**no_exits, "employment": 1, "health": 1},
                "completed": 2,
                "completion_rate": 1.0,
                "employed_at_exit": 1,
                "employed_within_3_months": 1,  # Grażyna
                "employed_after_6_months": 0,
                "attendance_rate": 0.8333,  # 5 / 6 entered (it was 5 / 596)
                "employed_within_90_days": 1,  # Grażyna
                "completed_not_in_education": 2,  # Grażyna, Franciszek
                "retained_6_months": 0,
                "retention_rate": 0.0,  # 0 of Grażyna
                "not_entered_days": 590,
                "stays": 4,
                "readmitted": 0,
            },
            "Pracownia rękodzieła": {
                # Bogdan (after the rotation), Celina (on 1 January), Ewa.
                "participants": 3,
                "active_at_end": 0,
                "admitted": 1,  # Ewa
                # Last placement here: Celina, Ewa and Bogdan, who left from crafts.
                "exited": 3,
                "exits_by_reason": {**no_exits, "employment": 1, "social_cooperative": 1, "zaz": 1},
                "completed": 3,
                "completion_rate": 1.0,
                "employed_at_exit": 3,
                "employed_within_3_months": 2,  # Celina, Bogdan (Ewa's ZAZ no longer counts)
                "employed_after_6_months": 2,  # Celina, Ewa
                "attendance_rate": 1.0,  # 3 / 3 entered (it was 3 / 145)
                "employed_within_90_days": 2,
                "completed_not_in_education": 3,
                "retained_6_months": 2,
                "retention_rate": 1.0,
                "not_entered_days": 142,
                "stays": 3,
                "readmitted": 0,
            },
            # Carpentry had nobody in 2025 and is left out.
        },
    }


def test_the_rate_of_the_small_facility_agrees_with_the_month_sheets(session, facility):
    kitchen, crafts, carpentry = facility
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    ids = (kitchen.id, crafts.id, carpentry.id)
    assert _month_sums(session, ids, *YEAR_2025, AS_OF) == (8, 741, 732)
    assert _month_sums(session, [kitchen.id], *YEAR_2025, AS_OF) == (5, 596, 590)
    assert _month_sums(session, [crafts.id], *YEAR_2025, AS_OF) == (3, 145, 142)
    by_workshop = summary.by_workshop
    assert (by_workshop["Pracownia gastronomiczna"].present_days,
            by_workshop["Pracownia gastronomiczna"].working_days) == (5, 596)
    assert (by_workshop["Pracownia rękodzieła"].present_days,
            by_workshop["Pracownia rękodzieła"].working_days) == (3, 145)


def test_exits_on_the_first_and_last_day_of_the_period(session):
    kitchen = workshop(session)
    march = (date(2025, 3, 1), date(2025, 3, 31))
    for serial, exit_day in enumerate((date(2025, 2, 28), date(2025, 3, 1), date(2025, 3, 31), date(2025, 4, 1))):
        person = admit(session, "Jan", f"Próba{serial}", date(2025, 1, 2), serial=serial)
        placements.place(session, person.id, kitchen.id, date(2025, 1, 2))
        _exit(session, person, exit_day, ExitReason.MOVED)
    summary = statistics.facility_summary(session, *march, as_of=AS_OF)
    # 28 Feb: before March, not counted. 1 Mar and 31 Mar: took part, exited in March.
    # 1 Apr: took part all March and was still there after it.
    assert (summary.participants, summary.exited, summary.active_at_end) == (3, 2, 1)
    assert summary.exits_by_reason[ExitReason.MOVED] == 2
    figures = summary.by_workshop["Pracownia gastronomiczna"]
    assert (figures.participants, figures.exited, figures.active_at_end) == (3, 2, 1)


def test_six_months_after_exit_counts_from_exactly_six_months_before_the_end(session):
    kitchen = workshop(session)
    people = {}
    for serial, exit_day in enumerate((date(2025, 5, 31), date(2025, 6, 1), date(2025, 8, 31))):
        person = admit(session, "Jan", f"Próba{serial}", date(2025, 1, 2), serial=serial)
        placements.place(session, person.id, kitchen.id, date(2025, 1, 2))
        _exit(session, person, exit_day, ExitReason.EMPLOYMENT, m6=EmploymentStatus.EMPLOYED)
        people[exit_day] = person
    # Period ending 30 Nov 2025: 31 May + 6 months = 30 Nov counts; 1 Jun + 6 months = 1 Dec
    # does not, nor 31 Aug (28 Feb 2026), though all three exited in the period into work.
    summary = statistics.facility_summary(session, date(2025, 1, 1), date(2025, 11, 30), as_of=AS_OF)
    assert (summary.exited, summary.employed_at_exit, summary.employed_after_6_months) == (3, 3, 1)
    # Ending 1 Dec both count. Ending 28 Feb 2026: 31 Aug + 6 months is 28 Feb (the month is
    # shorter), so all three count.
    assert statistics.facility_summary(session, date(2025, 1, 1), date(2025, 12, 1)).employed_after_6_months == 2
    assert statistics.facility_summary(session, date(2025, 1, 1), date(2026, 2, 28)).employed_after_6_months == 3
    assert statistics.facility_summary(session, date(2025, 1, 1), date(2026, 2, 27)).employed_after_6_months == 2


def test_only_the_six_month_contact_of_this_exit_counts(session):
    kitchen = workshop(session)
    person = admit(session, "Jan", "Nowak", date(2024, 1, 2))
    placements.place(session, person.id, kitchen.id, date(2024, 1, 2))
    _exit(session, person, date(2025, 1, 31), ExitReason.EMPLOYMENT,
          m3=EmploymentStatus.EMPLOYED, m6=EmploymentStatus.NO_CONTACT, m12=EmploymentStatus.EMPLOYED)
    summary = statistics.facility_summary(session, *YEAR_2025)
    assert (summary.employed_at_exit, summary.employed_after_6_months) == (1, 0)


def test_applicants_are_ignored(session):
    workshop(session)
    participants.add_applicant(session, ParticipantFields(
        first_name="Irena", last_name="Zając", birth_date=date(1988, 2, 3), application_date=date(2025, 3, 1)))
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    assert (summary.participants, summary.active_at_end, summary.admitted, summary.exited) == (0, 0, 0, 0)
    assert summary.by_workshop == {} and summary.attendance_rate is None
    assert summary.to_json_dict()["attendance_rate"] is None


def test_an_exit_without_a_reason_counts_as_other(session):
    # Imported spreadsheets may carry an exit date without a reason.
    person = admit(session, "Jan", "Nowak", date(2024, 1, 2))
    person.exit_date = date(2025, 3, 3)
    session.flush()
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    assert summary.exited == 1 and summary.exits_by_reason[ExitReason.OTHER] == 1


def test_the_future_part_of_the_period_does_not_lower_the_rate(session):
    kitchen = workshop(session)
    person = admit(session, "Anna", "Nowak", date(2026, 11, 2))
    placements.place(session, person.id, kitchen.id, date(2026, 11, 2))
    # Present every working day of 2–13 November 2026: nine days (11 November is a holiday).
    days = calendar.working_days(date(2026, 11, 2), date(2026, 11, 13))
    assert len(days) == 9
    _present(session, person, kitchen.id, *days)
    november = (date(2026, 11, 1), date(2026, 11, 30))
    on_the_13th = statistics.facility_summary(session, *november, as_of=date(2026, 11, 13))
    assert (on_the_13th.present_days, on_the_13th.working_days, on_the_13th.attendance_rate) == (9, 9, 1.0)
    assert on_the_13th.counted_until == date(2026, 11, 13)
    # Counted to the month's end the eleven working days of 16–30 November are working days not
    # entered: out of the rate, counted apart.
    at_the_end = statistics.facility_summary(session, *november, as_of=date(2026, 12, 1))
    assert (at_the_end.present_days, at_the_end.working_days, at_the_end.not_entered_days) == (9, 20, 11)
    assert at_the_end.attendance_rate == 1.0
    # A period wholly in the future of as_of has no working days yet.
    assert statistics.facility_summary(session, *november, as_of=date(2026, 10, 31)).attendance_rate is None
    # Without as_of: today.
    today = statistics.facility_summary(session, *november)
    assert today.as_of == date.today()


def test_the_rate_agrees_with_the_month_sheets(session):
    """Σ present ÷ Σ working days of month_rows over months and workshops is the summary's rate."""
    kitchen = workshop(session)
    crafts = workshop(session, "Pracownia rękodzieła", kind=WorkshopKind.ARTS_CRAFTS)
    rng = random.Random(2026)
    statuses = [S.PRESENT] * 6 + [S.EXCUSED, S.UNEXCUSED, S.SICK, S.LEAVE]
    people = []
    for serial, (admission, first_workshop) in enumerate(
            ((date(2026, 1, 12), kitchen), (date(2026, 2, 4), crafts), (date(2026, 1, 2), kitchen))):
        person = admit(session, "Osoba", f"Łącka{serial}", admission, serial=serial)
        placements.place(session, person.id, first_workshop.id, admission)
        people.append(person)
    placements.move(session, people[0].id, crafts.id, date(2026, 3, 18))  # a rotation mid-month
    # One leaves in March: her remaining days do not count.
    _exit(session, people[1], date(2026, 3, 20), ExitReason.DROPPED_OUT)
    as_of = date(2026, 4, 15)
    for person in people:
        day = person.admission_date
        while day <= as_of:
            placement = placements.current_placement(session, person.id, day)
            if placement is not None and calendar.is_working_day(day) and rng.random() < 0.9:
                attendance.set_attendance(session, person.id, placement.workshop_id, day, rng.choice(statuses))
            day += timedelta(days=1)

    for start, end in ((date(2026, 1, 1), date(2026, 4, 30)), (date(2026, 2, 1), date(2026, 3, 31))):
        summary = statistics.facility_summary(session, start, end, as_of=as_of)
        present, working, not_entered = _month_sums(session, (kitchen.id, crafts.id), start, end, as_of)
        assert working > 100 and present > 50 and not_entered > 5  # about one day in ten left blank
        assert (summary.present_days, summary.working_days, summary.not_entered_days) == (
            present, working, not_entered)
        assert summary.attendance_rate == present / (working - not_entered)
        for name, figures in summary.by_workshop.items():
            workshop_id = kitchen.id if name == kitchen.name else crafts.id
            assert (figures.present_days, figures.working_days, figures.not_entered_days) == _month_sums(
                session, [workshop_id], start, end, as_of)


def test_a_period_ending_before_it_starts_is_refused(session):
    with pytest.raises(ValidationError) as error:
        statistics.facility_summary(session, date(2025, 12, 31), date(2025, 1, 1))
    assert error.value.field == "end"


def test_json_keys_are_those_of_the_design(session, facility):
    data = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF).to_json_dict()
    figures = ["participants", "active_at_end", "admitted", "exited", "exits_by_reason", "completed",
               "completion_rate", "employed_at_exit", "employed_within_3_months", "employed_after_6_months",
               "attendance_rate",
               # issue 14's outcome figures, after the keys that were there before
               "employed_within_90_days", "completed_not_in_education", "retained_6_months", "retention_rate",
               "not_entered_days",
               # and its stays
               "stays", "readmitted"]
    # the waiting list's figures: the whole facility's only (services/waiting_list.py)
    waiting = ["applicants_waiting", "median_wait_days", "longest_wait_days", "median_wait_admitted_days"]
    # the path after (services/pathway.py): the whole facility's only
    assert list(data) == ["period", "generated", *figures, *waiting, "leavers_after", "by_workshop"]
    assert list(data["leavers_after"]) == ["3", "6", "12"]
    assert list(data["exits_by_reason"]) == [reason.value for reason in ExitReason]
    for workshop_figures in data["by_workshop"].values():
        assert list(workshop_figures) == figures


# --- the outcome figures on the hand-made facility of tests/outcome_data.py -----------------------


def test_the_outcome_figures_counted_by_hand(session):
    outcome_data.build(session)
    summary = statistics.facility_summary(session, *outcome_data.YEAR_2025, as_of=outcome_data.RECORDED_ON)

    # Taking part in 2025: everyone but Janina (left on 31 Dec 2024); still there after it: Halina.
    assert (summary.participants, summary.active_at_end) == (9, 1)
    # Admitted in 2025: Dorota (13 Jan), Halina (3 Feb).
    assert summary.admitted == 2
    # Recorded exits in 2025: Adam, Beata, Cezary, Dorota, Edward, Filomena, Grzegorz (his second,
    # 31 Oct: the first was undone by reopening), Ireneusz.
    assert summary.exited == 8
    assert summary.exits_by_reason == {
        ExitReason.EMPLOYMENT: 1,  # Adam
        ExitReason.SOCIAL_COOPERATIVE: 1,  # Filomena
        ExitReason.OWN_BUSINESS: 0,
        ExitReason.ZAZ: 0,
        ExitReason.TRAINING: 1,  # Cezary
        ExitReason.HEALTH: 0,
        ExitReason.MOVED: 0,  # Grzegorz's first exit, undone
        ExitReason.DROPPED_OUT: 2,  # Beata, Grzegorz
        ExitReason.REMOVED: 1,  # Dorota
        ExitReason.DEATH: 1,  # Edward
        ExitReason.OTHER: 1,  # Ireneusz
        ExitReason.WITHDRAWN: 0,
        ExitReason.NOT_ELIGIBLE: 0,
    }
    # Completed: all but dropped out, removed and death: Adam, Cezary, Filomena, Ireneusz.
    assert summary.completed == 4
    # 4 ÷ (8 exits − 1 death) = 0.5714…
    assert summary.completion_rate == pytest.approx(4 / 7)
    # Into work at exit: Adam (employment), Filomena (social cooperative).
    assert summary.employed_at_exit == 2
    # Completed and not gone on to education: Adam, Filomena, Ireneusz (Cezary went on to training).
    assert summary.completed_not_in_education == 3
    # Employed within 90 days: Adam and Filomena, by their exit reasons. Not Beata nor Grzegorz, though
    # a 3-month contact found them working: they dropped out (the old "within 3 months" counted them,
    # and Grzegorz for an exit a reopening undid, and made 4). Not Janina: her exit was in 2024.
    assert summary.employed_within_90_days == 2
    assert summary.employed_within_3_months == 2  # the same figure under its earlier name
    # Six months passed by 2 March 2026 (as_of): Adam's (28 Aug), not Filomena's (15 Mar 2026);
    # Adam still employed at his 6-month contact.
    assert (summary.retention_base, summary.retained_6_months, summary.retention_rate) == (1, 1, 1.0)
    # Six months passed by 31 Dec: Adam (28 Aug), Beata (30 Sep), Cezary (30 Oct), Dorota (16 Nov);
    # not Edward (a death), Filomena (15 Mar 2026), Grzegorz (30 Apr 2026), Ireneusz (30 Jun 2026).
    assert summary.six_months_passed == 4
    # Employed at the 6-month contact of those four: Adam only (Beata not employed, Cezary not
    # reached, Dorota's contact never made).
    assert summary.employed_after_6_months == 1
    # Working days of the 2025 placements (checked against calendar.count_working_days):
    #   kitchen:   Adam 1 Jan–28 Feb 41, Beata to 31 Mar 62, Edward to 30 Jun 124,
    #              Grzegorz to 14 Feb 31, Halina 3 Feb–31 Dec 230                    = 488;
    #   tailoring: Cezary to 30 Apr 83, Dorota 13 Jan–16 May 88, Filomena to 15 Sep 178,
    #              Grzegorz 2 Jun–31 Oct 108                                          = 457.
    # Present: kitchen Adam 2 + Halina 3 (her excused day is no presence) = 5; tailoring Grzegorz 1.
    # Entered: kitchen 6 (Halina's excused day too), tailoring 1; the other 938 working days are blank.
    assert (summary.present_days, summary.working_days, summary.not_entered_days) == (6, 945, 938)

    data = summary.to_json_dict()
    assert (data["completed"], data["completion_rate"], data["employed_within_3_months"]) == (4, 0.5714, 2)
    assert data["attendance_rate"] == 0.8571  # 6 / 7 entered (it was 6 / 945 = 0.0063)
    assert (data["employed_within_90_days"], data["completed_not_in_education"], data["retained_6_months"],
            data["retention_rate"], data["not_entered_days"]) == (2, 3, 1, 1.0, 938)
    no_exits = {reason.value: 0 for reason in ExitReason}
    assert data["by_workshop"] == {
        outcome_data.KITCHEN: {
            # Placed here in 2025: Adam, Beata, Edward, Grzegorz (before he left), Halina.
            "participants": 5,
            "active_at_end": 1,  # Halina
            "admitted": 1,  # Halina
            # Last placement here: Adam, Beata, Edward (Grzegorz left from tailoring).
            "exited": 3,
            "exits_by_reason": {**no_exits, "employment": 1, "dropped_out": 1, "death": 1},
            "completed": 1,  # Adam
            "completion_rate": 0.5,  # 1 ÷ (3 − 1 death)
            "employed_at_exit": 1,  # Adam
            "employed_within_3_months": 1,  # Adam (Beata dropped out)
            "employed_after_6_months": 1,  # Adam
            "attendance_rate": 0.8333,  # 5 / 6 entered
            "employed_within_90_days": 1,  # Adam
            "completed_not_in_education": 1,  # Adam
            "retained_6_months": 1,
            "retention_rate": 1.0,
            "not_entered_days": 482,  # 488 − 6
            "stays": 5,  # one stay each: nobody here came back
            "readmitted": 0,
        },
        outcome_data.TAILORING: {
            "participants": 4,  # Cezary, Dorota, Filomena, Grzegorz
            "active_at_end": 0,
            "admitted": 1,  # Dorota
            "exited": 4,  # Cezary, Dorota, Filomena, Grzegorz
            "exits_by_reason": {**no_exits, "social_cooperative": 1, "training": 1, "dropped_out": 1,
                                "removed": 1},
            "completed": 2,  # Cezary, Filomena
            "completion_rate": 0.5,  # 2 ÷ 4
            "employed_at_exit": 1,  # Filomena
            "employed_within_3_months": 1,  # Filomena (Grzegorz dropped out)
            "employed_after_6_months": 0,
            "attendance_rate": 1.0,  # 1 / 1 entered
            "employed_within_90_days": 1,  # Filomena
            "completed_not_in_education": 1,  # Filomena (Cezary went on to training)
            "retained_6_months": 0,
            "retention_rate": None,  # Filomena's six months have not passed
            "not_entered_days": 456,  # 457 − 1
            "stays": 4,
            "readmitted": 0,
        },
    }
    kitchen, tailoring = summary.by_workshop.values()
    assert (kitchen.six_months_passed, tailoring.six_months_passed) == (2, 2)  # Adam, Beata; Cezary, Dorota


def test_completion_rate_leaves_deaths_out_and_is_none_without_exits(session):
    kitchen = workshop(session)
    assert statistics.facility_summary(session, *YEAR_2025).completion_rate is None
    person = admit(session, "Jan", "Nowak", date(2024, 1, 2))
    placements.place(session, person.id, kitchen.id, date(2024, 1, 2))
    _exit(session, person, date(2025, 3, 3), ExitReason.DEATH)
    summary = statistics.facility_summary(session, *YEAR_2025)
    # One exit, a death: nothing to divide by.
    assert (summary.exited, summary.completed, summary.completion_rate) == (1, 0, None)
    assert summary.to_json_dict()["completion_rate"] is None
    assert summary.six_months_passed == 0


@pytest.mark.parametrize("reason, completed", [
    (ExitReason.EMPLOYMENT, True), (ExitReason.SOCIAL_COOPERATIVE, True), (ExitReason.ZAZ, True),
    (ExitReason.TRAINING, True), (ExitReason.HEALTH, True), (ExitReason.MOVED, True), (ExitReason.OTHER, True),
    (ExitReason.DROPPED_OUT, False), (ExitReason.REMOVED, False),
])
def test_which_exits_complete_the_programme(session, reason, completed):
    person = admit(session, "Jan", "Nowak", date(2024, 1, 2))
    _exit(session, person, date(2025, 3, 3), reason)
    summary = statistics.facility_summary(session, *YEAR_2025)
    assert (summary.completed, summary.completion_rate) == ((1, 1.0) if completed else (0, 0.0))


def test_within_90_days_a_contact_counts_only_within_90_days_of_a_completed_exit(session):
    # Left for health reasons on 30 Sep 2025; a contact on 29 Dec (90 days) finds a job: counted.
    found = admit(session, "Jan", "Nowak", date(2024, 1, 2), serial=1)
    _contact_on(session, found, date(2025, 9, 30), ExitReason.HEALTH, date(2025, 12, 29), EmploymentStatus.EMPLOYED)
    # Left on 28 Feb; the 3-month contact made late, on day 91 (30 May), finds a job: not counted.
    late = admit(session, "Ewa", "Nowak", date(2024, 1, 2), serial=2)
    _contact_on(session, late, date(2025, 2, 28), ExitReason.OTHER, date(2025, 5, 30), EmploymentStatus.EMPLOYED)
    # Went on to training: out of both the figure and its denominator, whatever the contact found.
    school = admit(session, "Olga", "Nowak", date(2024, 1, 2), serial=3)
    _contact_on(session, school, date(2025, 3, 3), ExitReason.TRAINING, date(2025, 4, 1),
                EmploymentStatus.SELF_EMPLOYED)
    # Left for a ZAZ, found there at 60 days: completed, but a ZAZ is not the labour market.
    zaz = admit(session, "Piotr", "Nowak", date(2024, 1, 2), serial=4)
    _contact_on(session, zaz, date(2025, 3, 3), ExitReason.ZAZ, date(2025, 5, 2), EmploymentStatus.ZAZ)
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    assert (summary.employed_within_90_days, summary.completed_not_in_education) == (1, 3)
    # The contact counts with its exit's period, even though it was made after that period's end.
    assert statistics.facility_summary(session, date(2025, 9, 1), date(2025, 9, 30),
                                       as_of=AS_OF).employed_within_90_days == 1
    assert statistics.facility_summary(session, date(2025, 1, 1), date(2025, 9, 29),
                                       as_of=AS_OF).employed_within_90_days == 0


def _contact_on(session, person, exit_day: date, reason: ExitReason, contact_day: date, status: EmploymentStatus):
    """Exits ``person`` and records the 3-month contact as made on ``contact_day``."""
    participants.exit_participant(session, person.id, person.version, exit_day, reason)
    follow_up = session.scalar(select(FollowUp).where(
        FollowUp.participant_id == person.id, FollowUp.exit_date == exit_day, FollowUp.months_after == 3))
    follow_up.contact_date, follow_up.employment_status = contact_day, status
    session.flush()


def test_an_undone_exit_counts_only_with_a_recorded_exit_in_the_period(session):
    person = admit(session, "Jan", "Nowak", date(2024, 1, 2))
    _exit(session, person, date(2025, 2, 14), ExitReason.MOVED, m3=EmploymentStatus.EMPLOYED)
    participants.reopen(session, person.id, person.version)
    # Reopened and still taking part: no exit in 2025, whatever the kept contact says.
    summary = statistics.facility_summary(session, *YEAR_2025)
    assert (summary.exited, summary.employed_within_90_days) == (0, 0)
    # Left again in 2026: the undone exit's contact belongs to no recorded exit and counts nowhere —
    # within 90 days is of the exit recorded (the old figure counted it in a period holding both).
    _exit(session, person, date(2026, 1, 30), ExitReason.HEALTH)
    assert statistics.facility_summary(session, *YEAR_2025).employed_within_90_days == 0
    both_years = statistics.facility_summary(session, date(2025, 1, 1), date(2026, 12, 31))
    assert (both_years.exited, both_years.completed_not_in_education, both_years.employed_within_90_days) == (
        1, 1, 0)


# --- stays: people who came back (issue 14) --------------------------------------------------------


def _stay(session, person, admission: date | None, *, application: date | None = None):
    """A new stay of ``person`` (whose last stay has ended), admitted on ``admission`` or waiting."""
    values = replace(ParticipantFields.of(person), admission_date=admission, application_date=application,
                     planned_end_date=None)
    return participants.readmit(session, values, participant_id=person.id)


def test_stays_counted_by_hand(session, tmp_path):
    """2025, a kitchen and a crafts workshop; each line one stay of a person.

      person   stay  workshop  admitted     exit                     in 2025
      Anna     1     kitchen   1 Mar 2023   30 Jun 2024 moved        —
      Anna     2     kitchen   3 Feb 2025   —                        stay, admitted, readmitted, active at the end
      Bogdan   1     kitchen   2 Sep 2024   31 Mar 2025 employment   stay, exit
      Bogdan   2     crafts    1 Sep 2025   —                        stay, admitted, readmitted, active at the end
      Celina   1     crafts    13 Jan 2025  30 Apr 2025 dropped out  stay, admitted (her first), exit
      Celina   2     crafts    2 Jun 2025   28 Nov 2025 employment   stay, admitted, readmitted, exit
      Dawid    1     kitchen   6 May 2024   —                        stay, active at the end
      Ewa      1     kitchen   7 Mar 2022   30 Jun 2023 health       —
      Ewa      2     —         waiting since 3 Mar 2025 (no admission): no stay in any figure
      Filip    1     kitchen   1 Jul 2024   31 Dec 2024 employment   — (left the day before the period)
      Filip    2     kitchen   5 Jan 2026   —                        — (admitted after it)

    The whole facility: stays 6 (Anna 2, Bogdan 1 and 2, Celina 1 and 2, Dawid); participants 4 (Anna,
    Bogdan, Celina, Dawid — each once); admitted 4 (Anna 2, Bogdan 2, Celina 1 and 2); readmitted 3 (Anna 2,
    Bogdan 2, Celina 2: not Celina 1, her first); exited 3 (Bogdan 1, Celina 1 and 2: employment 2, dropped
    out 1); active at the end 3 (Anna 2, Bogdan 2, Dawid).
    Kitchen: stays 3 and participants 3 (Anna 2, Bogdan 1, Dawid); admitted 1 and readmitted 1 (Anna 2);
    exited 1 (Bogdan 1). Crafts: stays 3 (Bogdan 2, Celina 1 and 2) of 2 participants (Bogdan, Celina);
    admitted 3, readmitted 2 (Bogdan 2, Celina 2); exited 2 (Celina 1 and 2).
    """
    kitchen = workshop(session, "Pracownia gastronomiczna")
    crafts = workshop(session, "Pracownia rękodzieła", kind=WorkshopKind.ARTS_CRAFTS)

    def stay(person, admission: date, workshop_id: int, exit_on: date | None = None, reason=None):
        placements.place(session, person.id, workshop_id, admission)
        if exit_on is not None:
            participants.exit_participant(session, person.id, person.version, exit_on, reason)
        return person

    anna = stay(admit(session, "Anna", "Nowak", date(2023, 3, 1), serial=11), date(2023, 3, 1), kitchen.id,
                date(2024, 6, 30), ExitReason.MOVED)
    stay(_stay(session, anna, date(2025, 2, 3)), date(2025, 2, 3), kitchen.id)
    bogdan = stay(admit(session, "Bogdan", "Żak", date(2024, 9, 2), serial=12), date(2024, 9, 2), kitchen.id,
                  date(2025, 3, 31), ExitReason.EMPLOYMENT)
    stay(_stay(session, bogdan, date(2025, 9, 1)), date(2025, 9, 1), crafts.id)
    celina = stay(admit(session, "Celina", "Wójcik", date(2025, 1, 13), serial=13), date(2025, 1, 13), crafts.id,
                  date(2025, 4, 30), ExitReason.DROPPED_OUT)
    stay(_stay(session, celina, date(2025, 6, 2)), date(2025, 6, 2), crafts.id, date(2025, 11, 28),
         ExitReason.EMPLOYMENT)
    stay(admit(session, "Dawid", "Kowalczyk", date(2024, 5, 6), serial=14), date(2024, 5, 6), kitchen.id)
    ewa = stay(admit(session, "Ewa", "Łukasik", date(2022, 3, 7), serial=15), date(2022, 3, 7), kitchen.id,
               date(2023, 6, 30), ExitReason.HEALTH)
    _stay(session, ewa, None, application=date(2025, 3, 3))
    filip = stay(admit(session, "Filip", "Dąbrowski", date(2024, 7, 1), serial=16), date(2024, 7, 1), kitchen.id,
                 date(2024, 12, 31), ExitReason.EMPLOYMENT)
    stay(_stay(session, filip, date(2026, 1, 5)), date(2026, 1, 5), kitchen.id)
    session.commit()

    path = outputs.save_summary(session, *YEAR_2025, tmp_path / "summary.json")
    data = json.loads(path.read_text(encoding="utf-8"))

    assert {key: data[key] for key in ("stays", "participants", "admitted", "readmitted", "exited",
                                       "active_at_end")} == {
        "stays": 6, "participants": 4, "admitted": 4, "readmitted": 3, "exited": 3, "active_at_end": 3}
    assert (data["exits_by_reason"]["employment"], data["exits_by_reason"]["dropped_out"]) == (2, 1)
    by_workshop = {name: {key: figures[key] for key in ("stays", "participants", "admitted", "readmitted", "exited")}
                   for name, figures in data["by_workshop"].items()}
    assert by_workshop == {
        "Pracownia gastronomiczna": {"stays": 3, "participants": 3, "admitted": 1, "readmitted": 1, "exited": 1},
        "Pracownia rękodzieła": {"stays": 3, "participants": 2, "admitted": 3, "readmitted": 2, "exited": 2},
    }
