"""The CIS clock of a CIS/KIS stay: the trial month, the 12-month period and its extension.

Rules (social-employment act, art. 13; one home for them, used by the form, the dialogs and the
reminders):

- A CIS/KIS stay has a trial month: by default it ends the day before the same day a month after
  the admission (admitted 13 January → 12 February); its end may be changed. At its end the
  decision is recorded: passed (the participation goes on) or failed (it ends), with its date.
- The participation lasts 12 months by default: ``planned_end_date`` is filled with the day before
  the same day 12 months after the admission when the stay is admitted without one.
- An extension moves the planned end later, up to 24 months in total (``latest_end``: the day
  before the same day 24 months after the admission), with the date it was decided and a reason;
  the latest extension's date and reason are kept on the stay, every one in the audit log. An end
  past 24 months is refused, whether typed in the form or asked for as an extension.
- WTZ and ZAZ stays have no clock: asking to extend one, or to record its trial month, is refused
  with one sentence; their trial fields stay empty.

Need-to-know and the audit log as for every change of a stay: ``access.require_participant``,
``audit.record(..., participant_id=)``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Programme, Role, TrialDecision
from reintegra.db.models import Participant, User
from reintegra.i18n import _, format_date
from reintegra.services import access, audit
from reintegra.services.anonymised import require_not_anonymised
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.users import require_role
from reintegra.services.validation import Checks, check_length, not_in_future

CLOCK_PROGRAMMES = (Programme.CIS, Programme.KIS)
TRIAL_MONTHS = 1
PERIOD_MONTHS = 12
MAX_MONTHS = 24


def has_clock(programme: Programme | None) -> bool:
    return programme in CLOCK_PROGRAMMES


def months_end(admission: date, months: int) -> date:
    """The last day of ``months`` months of participation from ``admission`` (that day included)."""
    return add_months(admission, months) - timedelta(days=1)


def default_trial_end(admission: date) -> date:
    return months_end(admission, TRIAL_MONTHS)


def default_planned_end(admission: date) -> date:
    return months_end(admission, PERIOD_MONTHS)


def latest_end(admission: date) -> date:
    """The latest planned end: 24 months in total, extensions included."""
    return months_end(admission, MAX_MONTHS)


def too_long() -> str:
    return _("Participation lasts at most {months} months in total, extensions included.").format(
        months=MAX_MONTHS)


def check_planned_end(programme: Programme, admission: date, planned_end: date | None,
                      field: str = "planned_end_date") -> None:
    """Refuses a CIS/KIS planned end past 24 months in total."""
    if has_clock(programme) and planned_end is not None and planned_end > latest_end(admission):
        raise ValidationError(field, too_long())


def fill_defaults(values: dict) -> dict:
    """A CIS/KIS stay being admitted without them gets the default trial-month end and planned end;
    any other stay gets no trial month."""
    admission = values.get("admission_date")
    if not has_clock(values.get("programme")):
        values["trial_end_date"] = None
        return values
    if admission is not None:
        if values.get("trial_end_date") is None:
            values["trial_end_date"] = default_trial_end(admission)
        if values.get("planned_end_date") is None:
            values["planned_end_date"] = default_planned_end(admission)
    return values


def _stay_with_clock(session: Session, participant_id: int, expected_version: int, actor: User | None,
                     today: date, field: str) -> Participant:
    require_role(actor, Role.DIRECTOR)
    access.require_participant(session, actor, participant_id, today)
    stay = for_update(session, Participant, participant_id, expected_version)
    require_not_anonymised(session, participant_id)
    if not has_clock(stay.programme):
        raise ValidationError(field, _("Only a CIS or KIS participation has a trial month and an extension."))
    if stay.admission_date is None:
        raise ValidationError(field, _("{name} is still on the waiting list.").format(name=stay.full_name))
    return stay


def _stay_to_check(session: Session, participant_id: int, actor: User | None, today: date,
                   field: str) -> Participant:
    """The stay as ``_stay_with_clock`` gives it, for a check that writes nothing."""
    access.require_participant(session, actor, participant_id, today)
    stay = get_or_gone(session, Participant, participant_id)
    if not has_clock(stay.programme):
        raise ValidationError(field, _("Only a CIS or KIS participation has a trial month and an extension."))
    if stay.admission_date is None:
        raise ValidationError(field, _("{name} is still on the waiting list.").format(name=stay.full_name))
    return stay


def _change(session: Session, actor: User | None, stay: Participant, values: dict) -> Participant:
    changes = audit.diff(stay, values)
    for name, value in values.items():
        setattr(stay, name, value)
    session.flush()
    if changes:
        audit.record(session, actor, AuditAction.UPDATE, "participant", stay.id, changes, participant_id=stay.id)
    return stay


def record_trial(session: Session, participant_id: int, expected_version: int, *, trial_end: date | None,
                 decision: TrialDecision | None, decided_on: date | None, actor: User | None = None,
                 today: date | None = None) -> Participant:
    """Sets the trial month's end and records (or clears, with ``decision`` None) the decision at its end."""
    today = today or date.today()
    stay = _stay_with_clock(session, participant_id, expected_version, actor, today, "trial_end_date")
    decided_on = _check_trial(stay, trial_end, decision, decided_on, today)
    return _change(session, actor, stay, {"trial_end_date": trial_end, "trial_decision": decision,
                                          "trial_decision_date": decided_on})


def check_trial(session: Session, participant_id: int, *, trial_end: date | None, decision: TrialDecision | None,
                decided_on: date | None, actor: User | None = None, today: date | None = None) -> None:
    """What ``record_trial`` would refuse, every field at once, writing nothing."""
    today = today or date.today()
    _check_trial(_stay_to_check(session, participant_id, actor, today, "trial_end_date"), trial_end, decision,
                 decided_on, today)


def _check_trial(stay: Participant, trial_end: date | None, decision: TrialDecision | None,
                 decided_on: date | None, today: date) -> date | None:
    """The trial month's fields, every refusal at once; the decision's date as it is saved."""
    checks = Checks()
    admission = stay.admission_date
    with checks.field():
        if trial_end is None:
            raise ValidationError("trial_end_date", _("The end of the trial month is required."))
        if trial_end < admission:
            raise ValidationError("trial_end_date", _(
                "The trial month cannot end before the admission date ({date}).").format(date=format_date(admission)))
        if stay.planned_end_date is not None and trial_end > stay.planned_end_date:
            raise ValidationError("trial_end_date", _(
                "The trial month cannot end after the planned end ({date}).").format(
                date=format_date(stay.planned_end_date)))
    if decision is None:
        decided_on = None
    with checks.field():
        if decision is not None:
            if decided_on is None:
                raise ValidationError("trial_decision_date", _("The date of the decision is required."))
            if decided_on < admission:
                raise ValidationError("trial_decision_date", _(
                    "The decision cannot be dated before the admission date ({date}).").format(
                    date=format_date(admission)))
            not_in_future("trial_decision_date", decided_on, today,
                          message=_("The date of the decision cannot be in the future."))
    checks.raise_any()
    return decided_on


def extend(session: Session, participant_id: int, expected_version: int, *, new_end: date | None,
           decided_on: date | None, reason: str, actor: User | None = None,
           today: date | None = None) -> Participant:
    """Extends the participation to ``new_end`` (at most 24 months in total), decided on ``decided_on``
    for ``reason``."""
    today = today or date.today()
    stay = _stay_with_clock(session, participant_id, expected_version, actor, today, "new_end")
    reason = _check_extension(stay, new_end, decided_on, reason, today)
    return _change(session, actor, stay, {"planned_end_date": new_end, "extension_date": decided_on,
                                          "extension_reason": reason})


def check_extension(session: Session, participant_id: int, *, new_end: date | None, decided_on: date | None,
                    reason: str, actor: User | None = None, today: date | None = None) -> None:
    """What ``extend`` would refuse, every field at once, writing nothing."""
    today = today or date.today()
    _check_extension(_stay_to_check(session, participant_id, actor, today, "new_end"), new_end, decided_on,
                     reason, today)


def _check_extension(stay: Participant, new_end: date | None, decided_on: date | None, reason: str,
                     today: date) -> str:
    """The extension's fields, every refusal at once; the reason as it is saved."""
    admission = stay.admission_date
    if stay.exit_date is not None:
        raise ValidationError("new_end", _("{name} has already exited on {date}.").format(
            name=stay.full_name, date=format_date(stay.exit_date)))
    checks = Checks()
    current = stay.planned_end_date or default_planned_end(admission)
    with checks.field():
        if new_end is None:
            raise ValidationError("new_end", _("The new end of the participation is required."))
        if new_end <= current:
            raise ValidationError("new_end", _("The new end must be after the present end ({date}).").format(
                date=format_date(current)))
        check_planned_end(stay.programme, admission, new_end, field="new_end")
    with checks.field():
        if decided_on is None:
            raise ValidationError("decided_on", _("The date of the decision is required."))
        if decided_on < admission:
            raise ValidationError("decided_on", _(
                "The decision cannot be dated before the admission date ({date}).").format(
                date=format_date(admission)))
        not_in_future("decided_on", decided_on, today,
                      message=_("The date of the decision cannot be in the future."))
    reason = " ".join(reason.split())
    with checks.field():
        if not reason:
            raise ValidationError("reason", _("Give the reason for the extension."))
        check_length(Participant, "extension_reason", reason, as_field="reason")
    checks.raise_any()
    return reason


# -- how the clock reads (the personal data tab, the participant report) --------------------------

def trial_text(stay: Participant) -> str:
    """'ends 31.10.2026; decision not recorded yet', 'ended 31.10.2026; Passed: … (decided on …)'; ''
    without a trial month."""
    from reintegra.services.labels import label

    if stay.trial_end_date is None:
        return ""
    if stay.trial_decision is None:
        return _("ends {date}; decision not recorded yet").format(date=format_date(stay.trial_end_date))
    return _("ended {date}; {decision} (decided on {day})").format(
        date=format_date(stay.trial_end_date), decision=label(stay.trial_decision),
        day=format_date(stay.trial_decision_date))


def extension_text(stay: Participant) -> str:
    """'decided on 01.09.2027: reason'; '' when not extended."""
    if stay.extension_date is None:
        return ""
    return _("decided on {date}: {reason}").format(date=format_date(stay.extension_date),
                                                   reason=stay.extension_reason)
