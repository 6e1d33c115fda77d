"""The participant reintegration report read back with pypdf: names, month counts, notes of the
chosen period, sections left out when empty, exit and follow-ups, several people in one file."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

import employment_data
from factories import admit, placed, workshop
from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    ContractType,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    NoteCategory,
    PlanKind,
    ReviewKind,
    SkillGroup,
)
from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    FollowUp,
    IndividualPlan,
    PlanGoal,
    PlanReview,
    SkillArea,
)
from reintegra.i18n import _, format_month, ngettext
from reintegra.reports.participant import Cancelled, participant_report, participants_report
from reintegra.services import attendance, calendar, follow_ups, labels, notes, participants, waiting_list
from reintegra.services.errors import NotFoundError, ReintegraError

TODAY = date(2026, 11, 23)
FIRST, LAST = "Żaneta", "Gęślińska-Łącka"


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _text(data: bytes) -> str:
    return "\n".join(_pages(data))


def _flat(text: str) -> str:
    """Whitespace (line breaks of wrapped cells, no-break spaces in numbers) as single spaces."""
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture
def tailoring(session):
    return workshop(session, "Pracownia krawiecka")


@pytest.fixture
def zaneta(session, tailoring):
    """Placed on Monday 2 March 2026, days recorded in March and April, exit on Friday 10 April."""
    person = placed(session, FIRST, LAST, date(2026, 3, 2), tailoring.id, city="Łódź", address="ul. Źródlana 7")
    record = {
        # March: 22 working days from the 2nd (no public holiday).
        date(2026, 3, 2): AttendanceStatus.PRESENT, date(2026, 3, 3): AttendanceStatus.PRESENT,
        date(2026, 3, 4): AttendanceStatus.PRESENT, date(2026, 3, 5): AttendanceStatus.EXCUSED,
        date(2026, 3, 6): AttendanceStatus.UNEXCUSED, date(2026, 3, 9): AttendanceStatus.SICK,
        date(2026, 3, 10): AttendanceStatus.SICK, date(2026, 3, 11): AttendanceStatus.LEAVE,
    }
    for day, status in record.items():
        attendance.set_attendance(session, person.id, tailoring.id, day, status)  # present: the 7-hour day
    # April up to the exit on the 10th: 1–3 and 7–10 are working days (6 April is Easter Monday), so 7.
    for day in (date(2026, 4, 1), date(2026, 4, 2)):
        attendance.set_attendance(session, person.id, tailoring.id, day, AttendanceStatus.PRESENT, hours="5")
    for day, category, text in ((date(2026, 3, 4), NoteCategory.SOCIAL, "Pierwszy dzień: nieśmiała, ale ciekawa."),
                                (date(2026, 3, 20), NoteCategory.VOCATIONAL, "Uszyła pierwszą poszewkę."),
                                (date(2026, 4, 8), NoteCategory.HEALTH, "Zgłasza ból pleców.")):
        notes.add_note(session, person.id, day, category, text, today=TODAY)
    participants.exit_participant(session, person.id, person.version, date(2026, 4, 10), ExitReason.EMPLOYMENT,
                                  destination="Szwalnia „Igła” w Zgierzu",
                                  contract_type=ContractType.EMPLOYMENT_CONTRACT, today=TODAY)
    # No service records a follow-up contact yet: the row planned by the exit is filled in directly.
    three_months = follow_ups.follow_ups_of(session, person.id)[0]
    contact = session.get(FollowUp, three_months.id)
    contact.contact_date = date(2026, 7, 13)
    contact.employment_status = EmploymentStatus.EMPLOYED
    contact.employer = "Szwalnia „Igła”"
    session.flush()
    return person


def test_polish_name_extracts_exactly(session, zaneta):
    text = _text(participant_report(session, zaneta.id, today=TODAY))
    assert f"{FIRST} {LAST}" in text
    assert "ul. Źródlana 7" in text and "Łódź" in text
    assert zaneta.pesel in text


def test_month_counts_are_those_recorded(session, zaneta):
    text = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))
    # month, present, excused, unexcused, sick, leave, working days, not entered, hours, rate — the rate of
    # the days entered (it was 3 of 22, 2 of 7 and 5 of 29 when the blank days counted as absences)
    assert f"{format_month(2026, 3)} 3 1 1 2 1 22 14 21 37,5%" in text  # 3 of the 8 entered
    assert f"{format_month(2026, 4)} 2 0 0 0 0 7 5 10 100,0%" in text  # 2 of 2, 5 h each
    assert f"{_('Total')} 5 1 1 2 1 29 19 31 50,0%" in text  # 5 of 10
    assert _flat(ngettext("{count} working day has no entry yet and is left out of the rate.",
                          "{count} working days have no entry yet and are left out of the rate.", 19).format(
        count=19)) in text


def test_rate_rounds_half_up_as_the_attendance_csv(session, tailoring):
    # Placed on Tuesday 10 March 2026: 16 working days that month, present on one, excused on the other
    # fifteen: 6.25% → 6,3%.
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 10), tailoring.id)
    attendance.set_attendance(session, person.id, tailoring.id, date(2026, 3, 10), AttendanceStatus.PRESENT)
    for day in calendar.working_days(date(2026, 3, 11), date(2026, 3, 31)):
        attendance.set_attendance(session, person.id, tailoring.id, day, AttendanceStatus.EXCUSED)
    text = _flat(_text(participant_report(session, person.id, today=TODAY)))
    assert f"{format_month(2026, 3)} 1 15 0 0 0 16 0 7 6,3%" in text


def test_month_counts_agree_with_the_attendance_tab(session, zaneta):
    text = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))
    for year, month, row in attendance.participant_months(session, zaneta.id, date(2026, 3, 1),
                                                          date(2026, 4, 10), as_of=TODAY):
        present, excused, unexcused, sick = (row.counts[status] for status in (
            AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED, AttendanceStatus.SICK))
        assert f"{format_month(year, month)} {present} {excused} {unexcused} {sick}" in text


def test_only_notes_of_the_chosen_period(session, zaneta):
    text = _text(participant_report(session, zaneta.id, notes_from=date(2026, 3, 10),
                                    notes_to=date(2026, 3, 31), today=TODAY))
    assert "Uszyła pierwszą poszewkę." in text
    assert "nieśmiała" not in text
    assert "ból pleców" not in text


def test_all_notes_oldest_first_without_a_period(session, zaneta):
    text = _text(participant_report(session, zaneta.id, today=TODAY))
    assert text.index("nieśmiała") < text.index("poszewkę") < text.index("ból pleców")


def test_exit_and_follow_ups(session, zaneta):
    text = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))
    assert "10.04.2026" in text
    assert _("Employment") in text and _("Employment contract") in text
    assert "Szwalnia „Igła” w Zgierzu" in text
    assert _("Follow-up contacts") in text
    # 3 months after: made, employed; 6 months (10 October) due; 12 months (10 April 2027) planned.
    assert f"13.07.2026 {_('Employed')} Szwalnia „Igła”" in text
    assert "10.10.2026" in text and _("Due – not contacted yet") in text
    assert "10.04.2027" in text


def test_sections_without_data_are_left_out(session, tailoring):
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), tailoring.id)
    text = _text(participant_report(session, person.id, today=TODAY))
    for heading in (_("Progress notes"), _("Individual programmes"), _("Periodic assessments"), _("Exit date:"),
                    _("Follow-up contacts")):
        assert heading not in text
    assert _("Attendance") in text  # placed: working days, even with nothing recorded
    assert _("since {date}, ongoing").format(date="02.03.2026") in text


def test_an_applicant_has_no_placements_or_attendance(session):
    person = participants.add_applicant(session, participants.ParticipantFields(
        first_name="Ewa", last_name="Ślązak", birth_date=date(1990, 1, 2), application_date=date(2026, 2, 2)),
        today=TODAY)
    text = _text(participant_report(session, person.id, today=TODAY))
    assert "Ewa Ślązak" in text and _("On the waiting list") in text
    assert _("Placements in workshops") not in text and _("Attendance") not in text


def test_a_closed_application_is_said_and_is_no_exit(session):
    person = participants.add_applicant(session, participants.ParticipantFields(
        first_name="Ewa", last_name="Ślązak", birth_date=date(1990, 1, 2), application_date=date(2026, 2, 2)),
        today=TODAY)
    waiting_list.close_application(session, person.id, person.version, date(2026, 3, 3), ExitReason.NOT_ELIGIBLE,
                                   today=TODAY)
    text = _text(participant_report(session, person.id, today=TODAY))
    assert _("Not admitted: the application was closed on {date} ({reason})").format(
        date="03.03.2026", reason=labels.label(ExitReason.NOT_ELIGIBLE)) in text
    assert _("On the waiting list") not in text and _("Exit date:") not in text


def test_notes_of_a_period_without_notes_leave_the_section_out(session, zaneta):
    text = _text(participant_report(session, zaneta.id, notes_from=date(2026, 5, 1), today=TODAY))
    assert _("Progress notes") not in text


def test_plans_and_assessments_are_shown(session, zaneta):
    # No service writes plans and assessments yet: the rows are made directly.
    plan = IndividualPlan(participant_id=zaneta.id, kind=PlanKind.IPR, start_date=date(2026, 3, 2),
                          end_date=date(2026, 4, 10), methods="Metoda małych kroków.")
    plan.goals.append(PlanGoal(area=SkillGroup.VOCATIONAL, description="Samodzielne szycie prostych form.",
                               target_date=date(2026, 4, 10), status=GoalStatus.ACHIEVED))
    plan.reviews.append(PlanReview(day=date(2026, 4, 9), kind=ReviewKind.PERIODIC,
                                   conclusion="Cel osiągnięty przed terminem."))
    sewing = SkillArea(name="Szycie na maszynie", group=SkillGroup.VOCATIONAL, position=1)
    session.add_all([plan, sewing])
    session.flush()
    for day, score in ((date(2026, 3, 3), 2), (date(2026, 4, 9), 4)):
        session.add(Assessment(participant_id=zaneta.id, day=day, assessor_kind=AssessorKind.INSTRUCTOR,
                               scores=[AssessmentScore(skill_area_id=sewing.id, score=score)]))
    session.flush()
    text = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))
    assert "Metoda małych kroków." in text
    assert "Samodzielne szycie prostych form." in text and _("Achieved") in text
    assert "Cel osiągnięty przed terminem." in text
    assert "Szycie na maszynie 2 4 +2" in text  # first and latest score, and the change


def test_long_history_charts_years_and_lists_every_month(session, tailoring):
    person = placed(session, "Józef", "Wójcik", date(2016, 1, 4), tailoring.id)
    # A day entered in two of the years (with nothing entered there is no rate, so no chart).
    for day in (date(2016, 1, 4), date(2021, 6, 1)):
        attendance.set_attendance(session, person.id, tailoring.id, day, AttendanceStatus.PRESENT)
    text = _flat(_text(participant_report(session, person.id, today=TODAY)))
    assert _flat(_("Attendance rate in each calendar year (present ÷ working days of the placement with an entry); "
                   "the table below gives every month.")) in text
    for year, month in ((2016, 1), (2021, 6), (2026, 11)):
        assert format_month(year, month) in text


def test_several_people_each_from_a_new_page(session, tailoring):
    people = [placed(session, first, last, date(2026, 3, 2), tailoring.id, serial=serial)
              for serial, (first, last) in enumerate((("Łucja", "Żółkiewska"), ("Jan", "Kowalski"),
                                                      ("Zdzisław", "Ćwik")), 1)]
    for person in people:
        for day in range(10, 28):  # two pages a person, every note with the person's surname
            notes.add_note(session, person.id, date(2026, 3, day), NoteCategory.OTHER,
                           f"Notatka o postępach ({person.last_name}). " * 10, today=TODAY)
    calls = []
    pages = _pages(participants_report(session, [p.id for p in people], today=TODAY,
                                       progress=lambda done, total: calls.append((done, total)) or True))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    whose = [[index for index, p in enumerate(people) if p.last_name in page] for page in pages]
    assert all(len(found) == 1 for found in whose), whose  # no page shared by two people
    owners = [found[0] for found in whose]
    assert owners == sorted(owners) and set(owners) == {0, 1, 2}  # each person's pages together, in order
    firsts = [owners.index(index) for index in range(3)]
    assert all(_("Personal data") in pages[first] for first in firsts)
    assert all(_("Personal data") not in page for number, page in enumerate(pages) if number not in firsts)


def test_cancelling_a_bulk_report(session, tailoring):
    people = [placed(session, "Jan", f"Nowak{n}", date(2026, 3, 2), tailoring.id, serial=n) for n in range(3)]
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < 2

    with pytest.raises(Cancelled):
        participants_report(session, [p.id for p in people], today=TODAY, progress=progress)
    assert calls == [1, 2]


def test_unknown_participant(session, tailoring):
    with pytest.raises(NotFoundError, match="4242"):
        participant_report(session, 4242)
    person = placed(session, "Jan", "Kowalski", date(2026, 3, 2), tailoring.id)
    calls = []
    with pytest.raises(NotFoundError, match="4242"):
        participants_report(session, [person.id, 4242], progress=lambda done, total: calls.append(done) or True)
    assert calls == []


def test_bad_requests(session, zaneta):
    with pytest.raises(ReintegraError, match=re.escape(_("The period ends before it starts."))):
        participant_report(session, zaneta.id, notes_from=date(2026, 4, 1), notes_to=date(2026, 3, 1))
    with pytest.raises(ReintegraError):
        participants_report(session, [])


def test_in_english(session, zaneta):
    from reintegra import i18n

    i18n.set_language("en")
    text = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))
    assert "Participant reintegration report" in text and f"{FIRST} {LAST}" in text
    assert "March 2026 3 1 1 2 1 22 14 21 37.5%" in text
    assert "19 working days have no entry yet and are left out of the rate." in text
    assert "Employment contract" in text


def test_days_not_entered_are_left_out_of_the_rate_and_said(session):
    """tests/employment_data.py: Karol, admitted on 1 October 2025, present on 1 and 2 October and excused on
    the 3rd, nothing typed since. Seen on 2 March 2026 his placement has 62 working days in 2025 and 41 in
    2026 (January 20, February 20, 2 March): 103, of which 100 are not entered. The rate is 2 of the 3 days
    entered, not 2 of 103."""
    people = employment_data.build(session)
    text = _flat(_text(participant_report(session, people["Karol"], today=employment_data.AS_OF)))
    assert "66,7%" in text and "1,9%" not in text
    assert _flat(ngettext("{count} working day has no entry yet and is left out of the rate.",
                          "{count} working days have no entry yet and are left out of the rate.", 100).format(
        count=100)) in text
    # October: present 2, excused 1, the rest 0; 23 working days, 20 not entered, 14 hours, 66,7%.
    assert f"{format_month(2025, 10)} 2 1 0 0 0 23 20 14 66,7%" in text
    # November: nothing entered, so no rate.
    assert f"{format_month(2025, 11)} 0 0 0 0 0 19 19 0 —" in text


def test_with_no_day_entered_there_is_no_rate_and_no_chart(session):
    people = employment_data.build(session)
    text = _flat(_text(participant_report(session, people["Lena"], today=employment_data.AS_OF)))
    # Lena: 103 working days since 1 October 2025, none entered.
    assert _flat(ngettext("{count} working day has no entry yet and is left out of the rate.",
                          "{count} working days have no entry yet and are left out of the rate.", 103).format(
        count=103)) in text
    assert _flat(_("Attendance rate in each month (present ÷ working days of the placement with an entry).")) not in text
    assert f"{_('Total')} 0 0 0 0 0 103 103 0 —" in text


def test_a_report_covers_one_stay_and_names_the_others(session, zaneta):
    from dataclasses import replace

    from reintegra.db.enums import Programme
    from reintegra.services.participants import ParticipantFields

    again = participants.readmit(session, replace(ParticipantFields.of(zaneta), programme=Programme.ZAZ,
                                                  admission_date=date(2026, 6, 1)),
                                 participant_id=zaneta.id, today=TODAY)
    second = _flat(_text(participant_report(session, again.id, today=TODAY)))
    first = _flat(_text(participant_report(session, zaneta.id, today=TODAY)))

    earlier = _("{programme} {start} – {end}").format(programme="WTZ", start="02.03.2026", end="10.04.2026")
    later = _("{programme} since {date}").format(programme="ZAZ", date="01.06.2026")
    assert f"{_('Other stays:')} {earlier}" in second
    assert "Uszyła pierwszą poszewkę." not in second  # the notes of the first stay stay in its report
    assert f"{_('Other stays:')} {later}" in first and "Uszyła pierwszą poszewkę." in first
