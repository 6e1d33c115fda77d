"""The CIS clock: the trial month, the 12-month period and an extension up to 24 months in total,
and their reminders on hand-picked days.

Kasia (CIS) is admitted on 1 October 2026: her trial month ends on 31 October 2026, her 12 months on
30 September 2027 and 24 months in total on 30 September 2028.
"""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit
from reintegra.db.enums import ExitReason, Programme, TrialDecision
from reintegra.db.models import AuditEntry, Participant
from reintegra.services import cis_clock, participants, reminders
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.participants import ParticipantFields
from reintegra.services.reminders import ReminderKind as K
from staff_data import make_staff

ADMITTED = date(2026, 10, 1)
TRIAL_END = date(2026, 10, 31)
TWELVE = date(2027, 9, 30)
TWENTY_FOUR = date(2028, 9, 30)
TODAY = date(2026, 10, 20)


def kasia(session, programme=Programme.CIS, **extra):
    return admit(session, "Katarzyna", "Wójcik", ADMITTED, serial=321, programme=programme, **extra)


def _audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry))


def _clock(stay) -> tuple:
    return (stay.planned_end_date, stay.trial_end_date, stay.trial_decision, stay.trial_decision_date,
            stay.extension_date, stay.extension_reason)


@pytest.mark.parametrize("programme", [Programme.CIS, Programme.KIS])
def test_a_cis_or_kis_admission_gets_a_trial_month_and_12_months(session, programme):
    stay = kasia(session, programme)
    assert (stay.trial_end_date, stay.planned_end_date) == (TRIAL_END, TWELVE)
    assert stay.trial_decision is None and stay.extension_date is None


@pytest.mark.parametrize("programme", [Programme.WTZ, Programme.ZAZ])
def test_a_wtz_or_zaz_stay_has_no_clock_and_is_refused_one(session, programme):
    stay = kasia(session, programme)
    assert (stay.trial_end_date, stay.planned_end_date) == (None, None)
    before = _audit_count(session)
    with pytest.raises(ValidationError) as error:
        cis_clock.extend(session, stay.id, stay.version, new_end=TWELVE, decided_on=TODAY, reason="x", today=TODAY)
    assert "tylko uczestnictwa w CIS lub KIS" in error.value.message
    with pytest.raises(ValidationError):
        cis_clock.record_trial(session, stay.id, stay.version, trial_end=TRIAL_END, decision=TrialDecision.PASSED,
                               decided_on=TODAY, today=TODAY)
    assert _clock(stay)[:5] == (None,) * 5 and _audit_count(session) == before


def test_a_planned_end_and_trial_end_given_at_admission_are_kept(session):
    stay = kasia(session, planned_end_date=date(2027, 3, 31))
    assert stay.planned_end_date == date(2027, 3, 31)


def test_an_applicant_admitted_from_the_waiting_list_gets_the_clock(session):
    applicant = participants.add_applicant(session, ParticipantFields(
        first_name="Jan", last_name="Kos", birth_date=date(1980, 1, 1), programme=Programme.CIS,
        application_date=date(2026, 9, 1)), today=TODAY)
    assert applicant.trial_end_date is None
    stay = participants.admit_applicant(session, applicant.id, applicant.version, ADMITTED, today=TODAY)
    assert (stay.trial_end_date, stay.planned_end_date) == (TRIAL_END, TWELVE)


def test_a_readmission_starts_a_new_clock(session):
    first = kasia(session)
    cis_clock.record_trial(session, first.id, first.version, trial_end=TRIAL_END, decision=TrialDecision.PASSED,
                           decided_on=TRIAL_END, today=date(2026, 11, 2))
    participants.exit_participant(session, first.id, first.version, date(2026, 12, 31), ExitReason.EMPLOYMENT,
                                  today=date(2027, 1, 5))
    values = replace(ParticipantFields.of(first), admission_date=date(2027, 6, 1), planned_end_date=None)
    again = participants.readmit(session, values, participant_id=first.id, today=date(2027, 6, 1))
    assert (again.trial_end_date, again.trial_decision, again.planned_end_date) == (
        date(2027, 6, 30), None, date(2028, 5, 31))


def test_an_extension_to_exactly_24_months_is_recorded_and_audited(session):
    stay = kasia(session)
    cis_clock.extend(session, stay.id, stay.version, new_end=TWENTY_FOUR, decided_on=date(2027, 9, 1),
                     reason="  IPZS   wymaga więcej czasu ", today=date(2027, 9, 2))
    assert (stay.planned_end_date, stay.extension_date, stay.extension_reason) == (
        TWENTY_FOUR, date(2027, 9, 1), "IPZS wymaga więcej czasu")
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.participant_id == stay.id and entry.changes["planned_end_date"] == ["2027-09-30", "2028-09-30"]


def test_an_extension_past_24_months_is_refused_and_nothing_is_written(session):
    stay = kasia(session)
    before, audited = _clock(stay), _audit_count(session)
    with pytest.raises(ValidationError) as error:
        cis_clock.extend(session, stay.id, stay.version, new_end=date(2028, 10, 1), decided_on=date(2027, 9, 1),
                         reason="Dłużej", today=date(2027, 9, 2))
    assert error.value.field == "new_end"
    assert error.value.message == "Uczestnictwo trwa łącznie najwyżej 24 miesiące, wliczając przedłużenia."
    session.expire_all()
    assert _clock(session.get(Participant, stay.id)) == before and _audit_count(session) == audited


@pytest.mark.parametrize("new_end, decided_on, reason, field", [
    (None, date(2027, 9, 1), "Dłużej", "new_end"),
    (TWELVE, date(2027, 9, 1), "Dłużej", "new_end"),  # not after the present end
    (TWENTY_FOUR, None, "Dłużej", "decided_on"),
    (TWENTY_FOUR, date(2027, 9, 3), "Dłużej", "decided_on"),  # in the future
    (TWENTY_FOUR, date(2027, 9, 1), "   ", "reason"),
    (TWENTY_FOUR, date(2027, 9, 1), "x" * 501, "reason"),
])
def test_an_extension_needs_a_later_end_a_past_date_and_a_reason(session, new_end, decided_on, reason, field):
    stay = kasia(session)
    with pytest.raises(ValidationError) as error:
        cis_clock.extend(session, stay.id, stay.version, new_end=new_end, decided_on=decided_on, reason=reason,
                         today=date(2027, 9, 2))
    assert error.value.field == field
    assert stay.planned_end_date == TWELVE and stay.extension_date is None


def test_an_end_typed_past_24_months_in_the_form_is_refused(session):
    stay = kasia(session)
    for programme in (Programme.CIS, Programme.KIS):
        values = replace(ParticipantFields.of(stay), programme=programme, planned_end_date=date(2028, 10, 1))
        with pytest.raises(ValidationError) as error:
            participants.update(session, stay.id, stay.version, values, today=TODAY)
        assert error.value.field == "planned_end_date" and "24 miesiące" in error.value.message
    values = replace(ParticipantFields.of(stay), planned_end_date=TWENTY_FOUR)
    assert participants.update(session, stay.id, stay.version, values, today=TODAY).planned_end_date == TWENTY_FOUR


def test_the_trial_decision_is_recorded_changed_and_cleared(session):
    stay = kasia(session)
    cis_clock.record_trial(session, stay.id, stay.version, trial_end=date(2026, 11, 2),
                           decision=TrialDecision.PASSED, decided_on=date(2026, 11, 2), today=date(2026, 11, 3))
    assert (stay.trial_end_date, stay.trial_decision, stay.trial_decision_date) == (
        date(2026, 11, 2), TrialDecision.PASSED, date(2026, 11, 2))
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.participant_id == stay.id and entry.changes["trial_decision"] == [None, "passed"]
    cis_clock.record_trial(session, stay.id, stay.version, trial_end=date(2026, 11, 2), decision=None,
                           decided_on=date(2026, 11, 2), today=date(2026, 11, 3))
    assert (stay.trial_decision, stay.trial_decision_date) == (None, None)


@pytest.mark.parametrize("trial_end, decision, decided_on, field", [
    (None, None, None, "trial_end_date"),
    (date(2026, 9, 30), None, None, "trial_end_date"),  # before the admission
    (date(2027, 10, 1), None, None, "trial_end_date"),  # after the planned end
    (TRIAL_END, TrialDecision.FAILED, None, "trial_decision_date"),
    (TRIAL_END, TrialDecision.FAILED, date(2026, 11, 4), "trial_decision_date"),  # in the future
    (TRIAL_END, TrialDecision.FAILED, date(2026, 9, 30), "trial_decision_date"),  # before the admission
])
def test_a_bad_trial_month_is_refused_and_nothing_is_written(session, trial_end, decision, decided_on, field):
    stay = kasia(session)
    before, audited = _clock(stay), _audit_count(session)
    with pytest.raises(ValidationError) as error:
        cis_clock.record_trial(session, stay.id, stay.version, trial_end=trial_end, decision=decision,
                               decided_on=decided_on, today=date(2026, 11, 3))
    assert error.value.field == field
    assert _clock(stay) == before and _audit_count(session) == audited


def test_an_instructor_changes_no_clock(session):
    staff = make_staff(session)
    stay = kasia(session)
    with pytest.raises(PermissionDenied):
        cis_clock.extend(session, stay.id, stay.version, new_end=TWENTY_FOUR, decided_on=TODAY, reason="Dłużej",
                         actor=staff.ola, today=TODAY)
    with pytest.raises(PermissionDenied):
        cis_clock.record_trial(session, stay.id, stay.version, trial_end=TRIAL_END, decision=None, decided_on=None,
                               actor=staff.ola, today=TODAY)
    assert stay.planned_end_date == TWELVE


def _due(session, kind, day):
    return [(item.participant_id, item.due, item.extended) for item in
            reminders.reminders_for(session, None, day).of(kind)]


def test_the_trial_decision_is_reminded_a_week_before_the_trial_month_ends_until_recorded(session):
    stay = kasia(session)
    assert _due(session, K.TRIAL_DECISION, date(2026, 10, 23)) == []
    assert _due(session, K.TRIAL_DECISION, date(2026, 10, 24)) == [(stay.id, TRIAL_END, False)]
    assert _due(session, K.TRIAL_DECISION, date(2026, 11, 20)) == [(stay.id, TRIAL_END, False)]  # overdue
    cis_clock.record_trial(session, stay.id, stay.version, trial_end=TRIAL_END, decision=TrialDecision.PASSED,
                           decided_on=TRIAL_END, today=date(2026, 11, 2))
    assert _due(session, K.TRIAL_DECISION, date(2026, 11, 2)) == []


def test_the_end_is_reminded_30_days_before_the_12_months_and_before_the_extended_end(session):
    stay = kasia(session)
    assert _due(session, K.PARTICIPATION_END, date(2027, 8, 30)) == []
    assert _due(session, K.PARTICIPATION_END, date(2027, 8, 31)) == [(stay.id, TWELVE, False)]
    cis_clock.extend(session, stay.id, stay.version, new_end=TWENTY_FOUR, decided_on=date(2027, 9, 1),
                     reason="IPZS wymaga więcej czasu", today=date(2027, 9, 1))
    assert _due(session, K.PARTICIPATION_END, date(2027, 9, 1)) == []
    assert _due(session, K.PARTICIPATION_END, date(2028, 8, 30)) == []
    assert _due(session, K.PARTICIPATION_END, date(2028, 8, 31)) == [(stay.id, TWENTY_FOUR, True)]


def test_a_stay_recorded_without_a_planned_end_is_reminded_of_its_12_months(session):
    stay = kasia(session)
    stay.planned_end_date = None  # as a stay typed before the clock may be
    session.flush()
    assert _due(session, K.PARTICIPATION_END, date(2027, 8, 30)) == []
    assert _due(session, K.PARTICIPATION_END, date(2027, 8, 31)) == [(stay.id, TWELVE, False)]


def test_no_clock_reminder_for_a_wtz_stay(session):
    stay = admit(session, "Jan", "Kos", ADMITTED, serial=322, planned_end_date=TWELVE)
    assert stay.programme is Programme.WTZ
    assert _due(session, K.TRIAL_DECISION, date(2026, 10, 31)) == []
    assert _due(session, K.PARTICIPATION_END, date(2027, 9, 1)) == []


def test_the_person_data_export_holds_the_clock(session, tmp_path):
    from pypdf import PdfReader

    from reintegra.reports.person_data import save_person_data
    from reintegra.services import person_data

    stay = kasia(session)
    cis_clock.record_trial(session, stay.id, stay.version, trial_end=TRIAL_END, decision=TrialDecision.PASSED,
                           decided_on=TRIAL_END, today=date(2026, 11, 2))
    cis_clock.extend(session, stay.id, stay.version, new_end=TWENTY_FOUR, decided_on=date(2027, 9, 1),
                     reason="IPZS wymaga więcej czasu", today=date(2027, 9, 1))
    data = person_data.person_data(session, stay.id, today=date(2027, 9, 1))
    assert (data["stay"]["trial_end_date"], data["stay"]["extension_reason"]) == (
        "2026-10-31", "IPZS wymaga więcej czasu")
    path = tmp_path / "dane.pdf"
    save_person_data(session, stay.id, path, today=date(2027, 9, 1))
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Zaliczony" in text and "IPZS wymaga więcej czasu" in text


def test_the_participant_report_shows_the_trial_month_and_the_extension(session):
    import io

    from pypdf import PdfReader

    from reintegra.reports.participant import participant_report

    stay = kasia(session)
    cis_clock.record_trial(session, stay.id, stay.version, trial_end=TRIAL_END, decision=TrialDecision.PASSED,
                           decided_on=TRIAL_END, today=date(2026, 11, 2))
    cis_clock.extend(session, stay.id, stay.version, new_end=TWENTY_FOUR, decided_on=date(2027, 9, 1),
                     reason="IPZS wymaga więcej czasu", today=date(2027, 9, 1))
    data = participant_report(session, stay.id, today=date(2027, 9, 1))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "Okres próbny: zakończony 31.10.2026; Zaliczony: uczestnictwo trwa dalej (decyzja z 31.10.2026)" in text
    assert "Przedłużenie: decyzja z 01.09.2027: IPZS wymaga więcej czasu" in text
    assert "Planowane zakończenie: 30.09.2028" in text
