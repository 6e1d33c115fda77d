"""The waiting list: order, days waited, the figures against a hand count, admitting from it, closing an
application with each reason, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit, make_pesel
from reintegra.db.enums import ExitReason, Programme
from reintegra.db.models import AuditEntry, FollowUp
from reintegra.services import outcomes, participants, reminders, statistics, waiting_list
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.participants import Filter, ParticipantFields, ParticipantState, state_of
from staff_data import make_staff

DAY = date(2026, 6, 10)


def apply(session, first, last, applied, serial, **extra):
    return participants.add_applicant(session, ParticipantFields(
        first_name=first, last_name=last, pesel=make_pesel(date(1980, 1, 1), serial), application_date=applied,
        **extra), today=DAY)


@pytest.fixture
def waiting(session):
    """The hand count on DAY (2026-06-10):

    - Zenon applied 2026-06-10: waits 0 days;
    - Adam applied 2026-05-31: 10 days;
    - Beata applied 2024-06-10: 730 days (the longest);
    - Cezary applied 2025-06-10: 365 days;
    - Dorota applied 2026-01-01, admitted 2026-03-02 (60 days): not waiting;
    - Edward applied 2025-12-01, application withdrawn 2026-02-01: not waiting;
    - Filip applied 2026-07-01 (typed ahead): not yet applied on DAY, not waiting.
    Waiting now 4 (Beata, Cezary, Adam, Zenon in that order); median of 0, 10, 365, 730 = (10+365)/2 = 187.5;
    longest 730. Admitted in 2026: Dorota after 60 days, Gustaw (applied 2025-11-01, admitted 2026-04-01)
    after 151 days, Halina admitted with no application date (not counted): median (60+151)/2 = 105.5.
    """
    zenon = apply(session, "Zenon", "Zając", date(2026, 6, 10), 1)
    adam = apply(session, "Adam", "Ałun", date(2026, 5, 31), 2)
    beata = apply(session, "Beata", "Bąk", date(2024, 6, 10), 3, programme=Programme.CIS)
    cezary = apply(session, "Cezary", "Cis", date(2025, 6, 10), 4)
    dorota = apply(session, "Dorota", "Dąb", date(2026, 1, 1), 5)
    participants.admit_applicant(session, dorota.id, dorota.version, date(2026, 3, 2), today=DAY)
    edward = apply(session, "Edward", "Erb", date(2025, 12, 1), 6)
    waiting_list.close_application(session, edward.id, edward.version, date(2026, 2, 1), ExitReason.WITHDRAWN,
                                   today=DAY)
    apply(session, "Filip", "Fik", date(2026, 7, 1), 7)
    gustaw = apply(session, "Gustaw", "Gil", date(2025, 11, 1), 8)
    participants.admit_applicant(session, gustaw.id, gustaw.version, date(2026, 4, 1), today=DAY)
    admit(session, "Halina", "Hoża", date(2026, 2, 2), serial=9)
    return {"zenon": zenon, "adam": adam, "beata": beata, "cezary": cezary, "edward": edward}


def test_the_list_is_in_application_order_with_the_days_waited(session, waiting):
    rows = waiting_list.waiting_list(session, DAY)
    assert [(row.position, row.first_name, row.days_waited) for row in rows] == [
        (1, "Beata", 730), (2, "Cezary", 365), (3, "Adam", 10), (4, "Zenon", 0)]
    assert rows[0].programme is Programme.CIS


def test_the_figures_agree_with_the_hand_count(session, waiting):
    figures = waiting_list.waiting_figures(session, DAY)
    assert (figures.applicants_waiting, figures.median_wait_days, figures.longest_wait_days) == (4, 187.5, 730)
    assert waiting_list.median_wait_admitted(session, date(2026, 1, 1), date(2026, 12, 31)) == 105.5
    assert waiting_list.median_wait_admitted(session, date(2026, 4, 1), date(2026, 4, 30)) == 151
    assert waiting_list.median_wait_admitted(session, date(2020, 1, 1), date(2020, 12, 31)) is None


def test_on_an_earlier_day_those_admitted_or_closed_later_were_waiting(session, waiting):
    rows = waiting_list.waiting_list(session, date(2026, 1, 15))
    # Dorota (admitted 2 March), Edward (closed 1 February), Gustaw (admitted 1 April) still waited then.
    assert [row.first_name for row in rows] == ["Beata", "Cezary", "Gustaw", "Edward", "Dorota"]
    assert [row.days_waited for row in rows] == [584, 219, 75, 45, 14]


def test_an_empty_list_has_no_waits(session):
    figures = waiting_list.waiting_figures(session, DAY)
    assert (figures.applicants_waiting, figures.median_wait_days, figures.longest_wait_days) == (0, None, None)


@pytest.mark.parametrize("reason", waiting_list.CLOSING_REASONS)
def test_closing_an_application_with_each_reason(session, waiting, reason):
    adam = waiting["adam"]
    waiting_list.close_application(session, adam.id, adam.version, date(2026, 6, 5), reason,
                                   notes=" Znalazł pracę sam. ", today=DAY)
    assert (adam.exit_date, adam.exit_reason, adam.exit_notes) == (date(2026, 6, 5), reason, "Znalazł pracę sam.")
    assert adam.admission_date is None
    assert state_of(adam, DAY) is ParticipantState.CLOSED and not state_of(adam, DAY).admitted
    assert "Adam" not in [row.first_name for row in waiting_list.waiting_list(session, DAY)]
    assert adam.id not in {row.id for row in participants.search(session, status=Filter.APPLICANTS, on=DAY)}
    assert adam.id not in {row.id for row in participants.search(session, status=Filter.EXITED, on=DAY)}
    assert adam.id in {row.id for row in participants.search(session, status=Filter.ALL, on=DAY)}
    assert session.scalar(select(func.count()).select_from(FollowUp)) == 0  # no contacts after a non-exit
    assert waiting_list.waiting_figures(session, DAY).applicants_waiting == 3


def test_a_closed_application_is_no_exit_in_any_figure(session, waiting):
    """Edward's application was closed on 2026-02-01: the summary of 2026 has no exit and nobody who left."""
    summary = statistics.facility_summary(session, date(2026, 1, 1), date(2026, 12, 31), as_of=DAY)
    assert summary.exited == 0
    assert sum(summary.exits_by_reason.values()) == 0
    assert summary.completed == 0 and summary.completed_not_in_education == 0
    assert summary.participants == 3  # Dorota, Gustaw, Halina: the applicants never count
    assert summary.admitted == 3


def test_a_closed_application_is_no_leaver_in_the_outcomes_or_the_reminders(session, waiting):
    """The outcome panel's shares count no exit, and no follow-up contact is asked for after a closing."""
    figures = outcomes.outcome_figures(session, date(2026, 1, 1), date(2026, 12, 31), as_of=DAY)
    assert (figures.employed_at_exit.total, figures.completion.total) == (0, 0)
    assert figures.employed_within_90_days.total == 0
    edward = waiting["edward"].id
    for later in (DAY, date(2026, 9, 1), date(2027, 3, 1)):  # past the 3-, 6- and 12-month contacts
        found = reminders.reminders_for(session, None, later)
        assert edward not in {item.participant_id for items in found.items.values() for item in items}


@pytest.mark.parametrize("change, field, message", [
    (dict(reason=None), "reason", "Wybierz, dlaczego wniosek jest zamykany."),
    (dict(reason=ExitReason.EMPLOYMENT), "reason", "Wybierz, dlaczego wniosek jest zamykany."),
    (dict(day=date(2026, 5, 30)), "exit_date",
     "Wniosku nie można zamknąć przed dniem jego złożenia (31.05.2026)."),
    (dict(day=date(2026, 6, 11)), "exit_date", "Data zamknięcia nie może być z przyszłości."),
])
def test_a_bad_closing_is_one_sentence_and_nothing_written(session, waiting, change, field, message):
    adam = waiting["adam"]
    audited = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError) as raised:
        waiting_list.close_application(session, adam.id, adam.version, change.get("day", date(2026, 6, 5)),
                                       change.get("reason", ExitReason.WITHDRAWN), today=DAY)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert adam.exit_date is None and adam.exit_reason is None
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == audited


def test_an_application_is_closed_once_and_an_admitted_person_has_none(session, waiting):
    adam = waiting["adam"]
    waiting_list.close_application(session, adam.id, adam.version, date(2026, 6, 5), ExitReason.MOVED, today=DAY)
    with pytest.raises(ValidationError, match="zamknięto"):
        waiting_list.close_application(session, adam.id, adam.version, date(2026, 6, 6), ExitReason.DEATH,
                                       today=DAY)
    admitted = admit(session, "Irena", "Iwa", date(2026, 1, 5), serial=20)
    with pytest.raises(ValidationError, match="już przyjęta"):
        waiting_list.close_application(session, admitted.id, admitted.version, date(2026, 6, 6),
                                       ExitReason.WITHDRAWN, today=DAY)
    with pytest.raises(ValidationError):
        waiting_list.admit_from_list(session, adam.id, adam.version, ParticipantFields.of(adam), today=DAY)


def test_admitting_from_the_list_keeps_the_corrections(session, waiting):
    cezary = waiting["cezary"]
    values = ParticipantFields.of(cezary)
    values.admission_date, values.phone = date(2026, 6, 8), "600 100 200"
    waiting_list.admit_from_list(session, cezary.id, cezary.version, values, today=DAY)
    assert (cezary.admission_date, cezary.phone) == (date(2026, 6, 8), "600 100 200")
    assert state_of(cezary, DAY) is ParticipantState.ACTIVE
    assert [row.first_name for row in waiting_list.waiting_list(session, DAY)] == ["Beata", "Adam", "Zenon"]


def test_admitting_from_the_list_needs_a_date_not_before_the_application(session, waiting):
    cezary = waiting["cezary"]
    values = ParticipantFields.of(cezary)
    with pytest.raises(ValidationError, match="Data przyjęcia jest wymagana"):
        waiting_list.admit_from_list(session, cezary.id, cezary.version, values, today=DAY)
    values.admission_date = date(2025, 6, 9)
    with pytest.raises(ValidationError) as raised:
        waiting_list.admit_from_list(session, cezary.id, cezary.version, values, today=DAY)
    assert raised.value.field == "application_date"
    assert cezary.admission_date is None


@pytest.mark.parametrize("role", ("ola", "jan"))
def test_instructors_are_refused_the_waiting_list(session, waiting, role):
    instructor = make_staff(session).role(role)
    adam = waiting["adam"]
    calls = [
        lambda: waiting_list.waiting_list(session, DAY, actor=instructor),
        lambda: waiting_list.waiting_figures(session, DAY, actor=instructor),
        lambda: waiting_list.median_wait_admitted(session, DAY, DAY, actor=instructor),
        lambda: waiting_list.close_application(session, adam.id, adam.version, DAY, ExitReason.WITHDRAWN,
                                               actor=instructor, today=DAY),
        lambda: waiting_list.admit_from_list(session, adam.id, adam.version,
                                             ParticipantFields.of(adam), actor=instructor, today=DAY),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert adam.exit_date is None and adam.admission_date is None


@pytest.mark.parametrize("role", ("director", "admin"))
def test_directors_and_administrators_keep_the_list(session, waiting, role):
    actor = make_staff(session).role(role)
    assert len(waiting_list.waiting_list(session, DAY, actor=actor)) == 4
    adam = waiting["adam"]
    waiting_list.close_application(session, adam.id, adam.version, DAY, ExitReason.NOT_ELIGIBLE, actor=actor,
                                   today=DAY)
    assert adam.exit_reason is ExitReason.NOT_ELIGIBLE
