"""Issue 14's outcome figures on the facility of tests/employment_data.py, whose docstring holds the
hand count: employment within 90 days of the completers not gone on to education, retention after six
months, and the attendance rate of the days entered with the days not entered counted apart."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

import employment_data
from reintegra.db.models import Workshop
from reintegra.reports import export
from reintegra.services import attendance, outcomes, statistics
from reintegra.services.outcomes import Share


@pytest.fixture
def people(session):
    return employment_data.build(session)


@pytest.fixture
def summary(session, people):
    return statistics.facility_summary(session, *employment_data.YEAR_2025, as_of=employment_data.AS_OF)


def test_employed_within_90_days_counts_completers_not_gone_on_to_education(summary):
    assert (summary.exited, summary.completed) == (10, 7)
    assert summary.completed_not_in_education == 6  # the completers less Emilia (training)
    # Alicja, Bartosz, Irena at exit; Cecylia at her contact on day 60. Not Daniel (day 120), Jakub (ZAZ),
    # Emilia (training), Feliks (dropped out).
    assert summary.employed_within_90_days == 4
    assert summary.employment_rate == pytest.approx(4 / 6)


def test_retention_of_those_whose_six_months_have_passed(summary):
    # Alicja, Bartosz, Cecylia (not Irena: 15 Apr 2026); still working at six months: Alicja, Cecylia.
    assert (summary.retention_base, summary.retained_6_months) == (3, 2)
    assert summary.retention_rate == pytest.approx(2 / 3)


def test_retention_base_grows_as_six_months_pass(session, people):
    # On 15 April 2026 Irena's six months have passed too; no 6-month contact of hers says she works.
    later = statistics.facility_summary(session, *employment_data.YEAR_2025, as_of=date(2026, 4, 15))
    assert (later.retention_base, later.retained_6_months) == (4, 2)
    # On 30 September 2025 only Alicja's and Bartosz's had: one of two.
    earlier = statistics.facility_summary(session, *employment_data.YEAR_2025, as_of=date(2025, 9, 29))
    assert (earlier.retention_base, earlier.retained_6_months) == (2, 1)


def test_days_not_entered_are_no_absences(session, summary, people):
    # Admitted on 1 October, hardly anything typed: 2 present of the 3 days entered, not 2 of 124.
    assert (summary.present_days, summary.working_days, summary.not_entered_days) == (2, 124, 121)
    assert summary.attendance_rate == pytest.approx(2 / 3)
    garden = summary.by_workshop[employment_data.GARDEN]
    assert (garden.present_days, garden.working_days, garden.not_entered_days) == (2, 124, 121)
    # The month rows say the same: October, November and December of both people.
    rows = [row for month in (10, 11, 12) for row in attendance.month_rows(
        session, _garden_id(session), 2025, month, as_of=employment_data.AS_OF)]
    total = attendance.month_total(rows)
    assert (total.present, total.working_days, total.not_entered_days) == (2, 124, 121)
    assert total.rate == summary.attendance_rate
    lena = [row for row in rows if row.participant_id == people["Lena"]]
    assert sum(row.not_entered_days for row in lena) == 62 and all(row.rate is None for row in lena)


def _garden_id(session) -> int:
    return session.scalar(select(Workshop.id).where(Workshop.name == employment_data.GARDEN))


def test_the_dashboard_shows_the_same(session, people):
    figures = outcomes.outcome_figures(session, *employment_data.YEAR_2025, as_of=employment_data.AS_OF)
    assert figures.employed_within_90_days == Share(4, 6)
    assert figures.retention == Share(2, 3)
    assert figures.attendance == Share(2, 3)
    assert figures.not_entered_days == 121


def test_the_json_keeps_its_keys_and_adds_the_new_ones(summary, tmp_path):
    path = tmp_path / "zestawienie.json"
    export.write_summary(path, summary)
    data = json.loads(path.read_text(encoding="utf-8"))
    # employed_at_exit, a key from before, still counts a ZAZ as work: Alicja, Bartosz, Jakub, Irena.
    assert (data["exited"], data["completed"], data["employed_at_exit"]) == (10, 7, 4)
    assert data["employed_within_90_days"] == 4
    assert data["employed_within_3_months"] == 4  # the earlier name of the same figure
    assert data["completed_not_in_education"] == 6
    assert (data["retained_6_months"], data["retention_rate"]) == (2, 0.6667)
    assert (data["attendance_rate"], data["not_entered_days"]) == (0.6667, 121)
    assert data["by_workshop"][employment_data.GARDEN]["not_entered_days"] == 121
