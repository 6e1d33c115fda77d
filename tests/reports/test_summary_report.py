"""The facility summary PDF read back with pypdf: every figure is the summary service's (the
numbers of the JSON summary), per workshop too, Polish names and number formats, English, an
empty facility, a bad period; the outcome figures of tests/outcome_data.py in the PDF and XLSX."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

import employment_data
import outcome_data
from factories import admit, workshop
from reintegra import i18n
from reintegra.db.enums import AttendanceStatus, EmploymentStatus, ExitReason, WorkshopKind
from reintegra.db.models import FollowUp
from reintegra.i18n import _
from reintegra.reports import export
from reintegra.reports.export import _SUMMARY_FIGURES, SUMMARY_RATES
from reintegra.reports.summary import OUTCOME_COLUMNS, PEOPLE_COLUMNS, chart_periods, summary_report
from reintegra.services import attendance, labels, participants, placements, statistics, waiting_list
from reintegra.services.errors import ValidationError

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
AS_OF = date(2026, 3, 2)
CRAFTS = "Pracownia rękodzieła"
METALWORK = "Pracownia stolarsko-ślusarska"


def _text(data: bytes) -> str:
    """All pages' text, every run of white space one space: a table row reads as one line."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _row(text: str, *cells: str) -> bool:
    """Whether the cells stand one after another, the last one not continued by more digits."""
    return re.search(" ".join(re.escape(cell) for cell in cells) + r"(?![\d,.])", text) is not None


def _exit(session, person, day: date, reason: ExitReason, m6: EmploymentStatus | None = None):
    participants.exit_participant(session, person.id, person.version, day, reason)
    if m6 is not None:
        follow_up = session.scalar(select(FollowUp).where(
            FollowUp.participant_id == person.id, FollowUp.exit_date == day, FollowUp.months_after == 6))
        follow_up.contact_date, follow_up.employment_status = follow_up.due_date, m6
    session.flush()


@pytest.fixture
def facility(session):
    """Six people, two workshops; 2025 is the period counted."""
    crafts = workshop(session, CRAFTS, kind=WorkshopKind.ARTS_CRAFTS)
    metalwork = workshop(session, METALWORK, kind=WorkshopKind.CARPENTRY)

    # Anna: in crafts since 2024 and still there; three days present.
    anna = admit(session, "Anna", "Nowak", date(2024, 9, 2), serial=1)
    placements.place(session, anna.id, crafts.id, date(2024, 9, 2))
    for day in (date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)):
        attendance.set_attendance(session, anna.id, crafts.id, day, AttendanceStatus.PRESENT)
    # Bogdan: admitted into crafts, moved to metalwork, left for a job on 1 July — his six
    # months end in 2026, after the period.
    bogdan = admit(session, "Bogdan", "Żak", date(2025, 3, 3), serial=2)
    placements.place(session, bogdan.id, crafts.id, date(2025, 3, 3))
    placements.move(session, bogdan.id, metalwork.id, date(2025, 6, 2))
    attendance.set_attendance(session, bogdan.id, metalwork.id, date(2025, 6, 2), AttendanceStatus.PRESENT)
    _exit(session, bogdan, date(2025, 7, 1), ExitReason.EMPLOYMENT, EmploymentStatus.EMPLOYED)
    # Celina: left metalwork for a social cooperative on 1 January, still in it six months later.
    celina = admit(session, "Celina", "Wójcik", date(2023, 5, 8), serial=3)
    placements.place(session, celina.id, metalwork.id, date(2023, 5, 8))
    _exit(session, celina, date(2025, 1, 1), ExitReason.SOCIAL_COOPERATIVE, EmploymentStatus.SOCIAL_COOPERATIVE)
    # Ewa: admitted into metalwork, left for a ZAZ on 30 June, still there at the 6-month contact.
    ewa = admit(session, "Ewa", "Łukasik", date(2025, 1, 2), serial=5)
    placements.place(session, ewa.id, metalwork.id, date(2025, 1, 2))
    _exit(session, ewa, date(2025, 6, 30), ExitReason.ZAZ, EmploymentStatus.ZAZ)
    # Franciszek: in crafts, left for health reasons on the last day of the year.
    franciszek = admit(session, "Franciszek", "Dąbrowski", date(2024, 10, 1), serial=6)
    placements.place(session, franciszek.id, crafts.id, date(2024, 10, 1))
    _exit(session, franciszek, date(2025, 12, 31), ExitReason.HEALTH)
    # Henryk: admitted in December, not placed yet — the facility counts him, no workshop does.
    admit(session, "Henryk", "Pietrzak", date(2025, 12, 15), serial=8)
    session.flush()


def test_every_figure_is_the_summary_services(session, facility):
    data = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF).to_json_dict()
    # The scenario as counted by hand, so that the comparison below compares something.
    assert (data["participants"], data["active_at_end"], data["admitted"], data["exited"]) == (6, 2, 3, 4)
    assert (data["employed_at_exit"], data["employed_after_6_months"]) == (3, 2)
    # Nobody dropped out, was removed or died. Employed within 90 days: Bogdan and Celina, of the four who
    # completed (Ewa's ZAZ is no labour market; it was 3 when it counted); both still working at six months.
    assert (data["completed"], data["completion_rate"], data["employed_within_3_months"]) == (4, 1.0, 2)
    assert (data["completed_not_in_education"], data["employed_within_90_days"]) == (4, 2)
    assert (data["retained_6_months"], data["retention_rate"]) == (2, 1.0)
    # Attendance: present on all 4 days entered (Anna 3, Bogdan 1); every other working day is blank.
    assert data["attendance_rate"] == 1.0 and data["not_entered_days"] > 500
    assert list(data["by_workshop"]) == [CRAFTS, METALWORK]

    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    text = _text(summary_report(session, *YEAR_2025, as_of=AS_OF))

    for key, label in _SUMMARY_FIGURES:
        if key in SUMMARY_RATES:
            shown = re.search(re.escape(_(label)) + r" (\d+,\d)%", text).group(1)
            assert float(shown.replace(",", ".")) == pytest.approx(data[key] * 100, abs=0.05)
        else:
            assert _row(text, _(label), str(data[key])), label
    for reason in ExitReason:
        count = data["exits_by_reason"][reason.value]
        share = i18n.format_percent(count / data["exited"])
        assert _row(text, labels.label(reason), str(count), share), reason
    assert _row(text, _("Total"), "4", "100,0%")

    # Per workshop, in two tables (who took part, and the outcomes); the whole facility last.
    for name, figures in summary.by_workshop.items():
        for columns in (PEOPLE_COLUMNS, OUTCOME_COLUMNS):
            values = [(i18n.format_percent(getattr(figures, key)) or "—") if key in SUMMARY_RATES
                      else i18n.format_number(getattr(figures, key)) for key in columns]
            assert _row(text, name, *values), (name, columns)
    assert _row(text, _("Whole facility"), "6", "2", "3", "4", i18n.format_percent(summary.attendance_rate),
                i18n.format_number(summary.not_entered_days))
    assert _row(text, _("Whole facility"), "4", "4", "100,0%", "3", "2", "100,0%", "2")
    # Exits by reason, the workshops as columns: a person counts in the workshop they left from.
    for reason in ExitReason:
        counts = [str(data["by_workshop"][name]["exits_by_reason"][reason.value]) for name in (CRAFTS, METALWORK)]
        assert _row(text, labels.label(reason), *counts), reason
    assert _row(text, labels.label(ExitReason.HEALTH), "1", "0")  # Franciszek, from crafts
    assert _row(text, labels.label(ExitReason.EMPLOYMENT), "0", "1")  # Bogdan, from metalwork


def test_figures_by_workshop_by_hand(session, facility):
    text = _text(summary_report(session, *YEAR_2025, as_of=AS_OF))
    # Crafts: Anna, Bogdan (before his move), Franciszek; Anna is still there; Bogdan was first
    # placed here; Franciszek left from here, for health reasons: he completed the programme and
    # did not leave into work.
    assert _row(text, CRAFTS, "3", "1", "1", "1")
    # Outcomes: exited, completed, completion rate, employed at exit, employed within 90 days, retention
    # rate (nobody to divide by), employed after 6 months.
    assert _row(text, CRAFTS, "1", "1", "100,0%", "0", "0", "—", "0")
    # Metalwork: Bogdan, Celina, Ewa; Ewa admitted into it; all three left into work and completed
    # the programme, two of them counted six months later (Bogdan's six months end after the period).
    assert _row(text, METALWORK, "3", "0", "1", "3")
    # Bogdan and Celina employed within 90 days (Ewa went to a ZAZ), both working at six months.
    assert _row(text, METALWORK, "3", "3", "100,0%", "3", "2", "100,0%", "2")


def test_polish_names_and_numbers(session, facility):
    data = summary_report(session, *YEAR_2025, as_of=AS_OF)
    text = _text(data)
    for name in (CRAFTS, METALWORK):
        assert name in text
    assert _("Period: {start} – {end}").format(start="01.01.2025", end="31.12.2025") in text
    assert "Zakończyli udział w okresie 4" in text
    assert "Spółdzielnia socjalna 1 25,0%" in text
    # The facility's figures, the chart and who took part per workshop; the outcomes and exits per
    # workshop; how the figures are counted with the signature.
    assert _pages(data) == 3
    assert b"Helvetica" not in data  # only the embedded DejaVu fonts, also in the chart


def test_rate_in_polish_with_a_decimal_comma(session):
    kitchen = workshop(session, "Pracownia gastronomiczna")
    person = admit(session, "Łucja", "Żółkiewska", date(2025, 3, 3))
    placements.place(session, person.id, kitchen.id, date(2025, 3, 3))
    # Working days 3–7 and 10–12 March: eight, present on seven of them.
    for day in (3, 4, 5, 6, 7, 10, 11):
        attendance.set_attendance(session, person.id, kitchen.id, date(2025, 3, day), AttendanceStatus.PRESENT)
    text = _text(summary_report(session, date(2025, 3, 1), date(2025, 3, 31), as_of=date(2025, 3, 12)))
    # The 12th is not entered: present on 7 of the 7 days entered, one working day not entered.
    assert "Frekwencja 100,0%" in text
    assert _row(text, "Pracownia gastronomiczna", "1", "1", "1", "0", "100,0%", "1")
    assert _row(text, _("Working days not entered"), "1")
    assert _("Outcomes by workshop") not in text  # nobody exited
    assert _("Attendance is counted up to {date}.").format(date="12.03.2025") in text
    # A period within one month: the chart is each workshop's attendance, with its value.
    assert _("Attendance rate by workshop") in text
    assert _("Admissions and exits by month") not in text


def test_english(session, facility):
    i18n.set_language("en")
    data = summary_report(session, *YEAR_2025, as_of=AS_OF)
    text = _text(data)
    assert text.count("Facility summary") >= 2  # the page header and the title
    assert "Period: 01/01/2025 – 31/12/2025" in text
    assert "Participants in the period 6" in text
    assert "Social cooperative 1 25.0%" in text
    assert _row(text, "Whole facility", "6", "2", "3", "4")
    assert _row(text, "Whole facility", "4", "4", "100.0%", "3", "2", "100.0%", "2")
    assert "Employed within 90 days of exit – of those who completed the programme" in text
    assert "Admissions and exits by month" in text
    assert "How the figures are counted" in text
    assert "Uczestnicy" not in text and "Kierownik" not in text
    assert "Director" in text and f"page 1 of {_pages(data)}" in text


def test_a_long_period_is_charted_by_year(session, facility):
    text = _text(summary_report(session, date(2023, 1, 1), date(2025, 12, 31), as_of=AS_OF))
    assert _("Admissions and exits by year") in text
    for year in ("2023", "2024", "2025"):
        assert year in text


def test_chart_periods():
    # Longer than twelve months: calendar years, the first and last cut to the period.
    by_year, parts = chart_periods(date(2016, 3, 15), date(2025, 12, 31))
    assert by_year and len(parts) == 10
    assert parts[0] == (date(2016, 3, 15), date(2016, 12, 31)) and parts[-1] == (date(2025, 1, 1), date(2025, 12, 31))
    # Up to twelve months: calendar months, the days between them all covered once.
    by_year, parts = chart_periods(date(2025, 11, 10), date(2026, 2, 5))
    assert not by_year
    assert parts == [(date(2025, 11, 10), date(2025, 11, 30)), (date(2025, 12, 1), date(2025, 12, 31)),
                     (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 5))]
    assert chart_periods(date(2025, 3, 1), date(2025, 3, 31)) == (False, [(date(2025, 3, 1), date(2025, 3, 31))])


def test_the_chart_adds_up_to_the_figures(session, facility):
    """Counted part by part, the admissions and exits the bars show are those of the whole period."""
    _by_year, parts = chart_periods(*YEAR_2025)
    counted = [statistics.facility_summary(session, first, last) for first, last in parts]
    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    assert sum(part.admitted for part in counted) == summary.admitted
    assert sum(part.exited for part in counted) == summary.exited
    assert sum(part.employed_at_exit for part in counted) == summary.employed_at_exit


def test_an_empty_facility_gives_zeros(session):
    data = summary_report(session, *YEAR_2025, as_of=AS_OF)
    text = _text(data)
    # The figures with the definitions under them on the first page, how they are counted and the
    # signature on the second.
    assert data.startswith(b"%PDF") and _pages(data) == 2
    for key, label in _SUMMARY_FIGURES:
        assert _row(text, _(label), "—" if key in SUMMARY_RATES else "0"), label
    assert _row(text, _("Total"), "0", "—")
    assert _("Nobody took part in any workshop in this period.") in text


def test_a_period_ending_before_it_starts_is_refused(session):
    with pytest.raises(ValidationError) as error:
        summary_report(session, date(2025, 12, 31), date(2025, 1, 1))
    assert error.value.field == "end"
    assert str(error.value)


def test_the_outcome_figures_of_the_hand_counted_facility(session, tmp_path):
    """tests/outcome_data.py: the outcome figures in the PDF and the XLSX, as counted by hand there."""
    outcome_data.build(session)
    text = _text(summary_report(session, *outcome_data.YEAR_2025, as_of=outcome_data.RECORDED_ON))
    assert _row(text, _("Exited in the period"), "8")
    assert _row(text, _("Completed the programme"), "4")
    assert _row(text, _("Completion rate"), "57,1%")  # 4 ÷ (8 − 1 death)
    assert _row(text, _("Employed at exit"), "2")
    # Completed, not gone on to education: Adam, Filomena, Ireneusz; employed within 90 days: Adam,
    # Filomena; retention: Adam, the only one whose six months have passed, still employed.
    assert _row(text, _("Completed, not gone on to education"), "3")
    assert _row(text, _("Employed within 90 days of exit"), "2")
    assert _row(text, _("Still employed after 6 months"), "1")
    assert _row(text, _("Retention rate"), "100,0%")
    assert _row(text, _("Employed 6 months after exit"), "1")
    # Present 6 of the 7 days entered; 938 working days not entered.
    assert _row(text, _("Attendance rate"), "85,7%")
    assert _row(text, _("Working days not entered"), "938")
    # Outcomes by workshop: exited, completed, completion rate, employed at exit, within 90 days,
    # retention rate, after 6 months.
    assert _row(text, outcome_data.KITCHEN, "3", "1", "50,0%", "1", "1", "100,0%", "1")
    assert _row(text, outcome_data.TAILORING, "4", "2", "50,0%", "1", "1", "—", "0")
    assert _row(text, _("Whole facility"), "8", "4", "57,1%", "2", "2", "100,0%", "1")

    path = tmp_path / "zestawienie.xlsx"
    export.write_summary(path, statistics.facility_summary(session, *outcome_data.YEAR_2025,
                                                           as_of=outcome_data.RECORDED_ON))
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    values = {row[0].value: row[1] for row in rows if row[0].value}
    assert values[_("Completed the programme")].value == 4
    assert values[_("Completion rate")].value == pytest.approx(4 / 7)
    assert values[_("Completion rate")].number_format == "0.0%"
    assert values[_("Employed within 90 days of exit")].value == 2
    assert values[_("Completed, not gone on to education")].value == 3
    assert values[_("Still employed after 6 months")].value == 1
    assert (values[_("Retention rate")].value, values[_("Retention rate")].number_format) == (1.0, "0.0%")
    assert values[_("Working days not entered")].value == 938
    header = next([cell.value for cell in row] for row in rows if row[0].value == _("Workshop"))
    kitchen = next(row for row in rows if row[0].value == outcome_data.KITCHEN)
    completion = kitchen[header.index(_("Completion rate"))]
    assert (completion.value, completion.number_format) == (0.5, "0.0%")
    assert kitchen[header.index(_("Employed within 90 days of exit"))].value == 1
    assert kitchen[header.index(_("Working days not entered"))].value == 482


def test_the_new_outcome_figures_read_back_from_the_pdf_and_the_xlsx(session, tmp_path):
    """tests/employment_data.py: employment within 90 days, retention and the days not entered, with their
    definitions under the table, as counted by hand there."""
    employment_data.build(session)
    period, as_of = employment_data.YEAR_2025, employment_data.AS_OF
    text = _text(summary_report(session, *period, as_of=as_of))
    assert _row(text, _("Completed, not gone on to education"), "6")
    assert _row(text, _("Employed within 90 days of exit"), "4")
    assert _row(text, _("Still employed after 6 months"), "2")
    assert _row(text, _("Retention rate"), "66,7%")
    # 2 present of the 3 days entered (it would be 1,6%: 2 of 124), 121 working days not entered.
    assert _row(text, _("Attendance rate"), "66,7%")
    assert _row(text, _("Working days not entered"), "121")
    for term, definition in export.summary_definitions():
        assert " ".join(f"{term} – {definition}".split()) in text
    # The garden: participants, active at the end, admitted, exited, attendance rate, days not entered.
    assert _row(text, employment_data.GARDEN, "2", "2", "2", "0", "66,7%", "121")

    path = tmp_path / "zestawienie.xlsx"
    export.write_summary(path, statistics.facility_summary(session, *period, as_of=as_of))
    sheet = load_workbook(path).active
    values = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert values[_("Completed, not gone on to education")].value == 6
    assert values[_("Employed within 90 days of exit")].value == 4
    assert values[_("Still employed after 6 months")].value == 2
    assert values[_("Retention rate")].value == pytest.approx(2 / 3)
    assert values[_("Attendance rate")].value == pytest.approx(2 / 3)
    assert values[_("Working days not entered")].value == 121
    texts = [cell.value for cell in sheet["A"] if isinstance(cell.value, str)]
    for term, definition in export.summary_definitions():
        assert _("{term}: {definition}").format(term=term, definition=definition) in texts


def test_the_waiting_list_figures_read_back_from_the_pdf_the_xlsx_and_the_json(session, tmp_path):
    """By hand, as on the period's last day, 31 December 2025 (before AS_OF):

    - Adam applied 2025-12-01: waits 30 days; Beata applied 2024-12-31: 365 days; Cezary applied 2025-12-21:
      10 days. Waiting 3, median 30, longest 365.
    - Dorota applied 2025-02-01, admitted 2025-03-03: 30 days; Edward applied 2025-01-01, admitted
      2025-05-01: 120 days; median of those admitted in 2025 (30 + 120) / 2 = 75.
    - Filip applied 2025-06-01, application withdrawn 2025-09-01: neither waiting nor an exit.
    - Gabriela applied 2026-01-10: not yet applied on 31 December.
    """
    def apply(first, applied, serial):
        return participants.add_applicant(session, participants.ParticipantFields(
            first_name=first, last_name="Wnioskująca", birth_date=date(1990, 1, serial), application_date=applied),
            today=AS_OF)

    apply("Adam", date(2025, 12, 1), 1)
    apply("Beata", date(2024, 12, 31), 2)
    apply("Cezary", date(2025, 12, 21), 3)
    for first, applied, admitted, serial in (("Dorota", date(2025, 2, 1), date(2025, 3, 3), 4),
                                             ("Edward", date(2025, 1, 1), date(2025, 5, 1), 5)):
        person = apply(first, applied, serial)
        participants.admit_applicant(session, person.id, person.version, admitted, today=AS_OF)
    filip = apply("Filip", date(2025, 6, 1), 6)
    waiting_list.close_application(session, filip.id, filip.version, date(2025, 9, 1), ExitReason.WITHDRAWN,
                                   today=AS_OF)
    apply("Gabriela", date(2026, 1, 10), 7)

    summary = statistics.facility_summary(session, *YEAR_2025, as_of=AS_OF)
    data = summary.to_json_dict()
    assert {key: data[key] for key in ("applicants_waiting", "median_wait_days", "longest_wait_days",
                                       "median_wait_admitted_days", "exited", "admitted")} == {
        "applicants_waiting": 3, "median_wait_days": 30, "longest_wait_days": 365,
        "median_wait_admitted_days": 75, "exited": 0, "admitted": 2}
    text = _text(summary_report(session, *YEAR_2025, as_of=AS_OF))
    assert _row(text, _("Waiting for admission at the end of the period"), "3")
    assert _row(text, _("Median wait of those waiting (days)"), "30")
    assert _row(text, _("Longest wait of those waiting (days)"), "365")
    assert _row(text, _("Median wait of those admitted in the period (days)"), "75")
    assert " ".join(export.waiting_definition().split()) in text
    path = tmp_path / "zestawienie.xlsx"
    export.write_summary(path, summary)
    values = {row[0].value: row[1].value for row in load_workbook(path).active.iter_rows() if row[0].value}
    assert values[_("Waiting for admission at the end of the period")] == 3
    assert values[_("Longest wait of those waiting (days)")] == 365
    assert values[_("Median wait of those admitted in the period (days)")] == 75


def test_no_waiting_list_is_a_dash_in_the_pdf(session):
    text = _text(summary_report(session, *YEAR_2025, as_of=AS_OF))
    assert _row(text, _("Waiting for admission at the end of the period"), "0")
    assert _row(text, _("Median wait of those waiting (days)"), "—")
