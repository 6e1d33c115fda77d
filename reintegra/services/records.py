"""Loading a record to read or change it: gone → NotFoundError, changed since it was read → ConflictError,
each with the record kind's own sentence."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from sqlalchemy.orm import Session

from reintegra.db.models import (
    Assessment,
    AttendanceDay,
    BenefitRule,
    Facility,
    FollowUp,
    IndividualPlan,
    Participant,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
    SkillArea,
    User,
    Workshop,
    WorkshopDayLog,
)
from reintegra.i18n import _
from reintegra.services import anonymised  # noqa: F401  (its hook refuses changes to anonymised people)
from reintegra.services.errors import ConflictError, NotFoundError

Record = TypeVar("Record")

# Built when raised, so that the sentence is in the language chosen at that moment.
_GONE: dict[type, Callable[[], str]] = {
    Assessment: lambda: _("This assessment no longer exists."),
    BenefitRule: lambda: _("This rule set no longer exists."),
    FollowUp: lambda: _("This follow-up contact no longer exists; the exit may have been reopened."),
    IndividualPlan: lambda: _("This plan no longer exists."),
    Participant: lambda: _("This participant no longer exists."),
    Placement: lambda: _("This placement no longer exists."),
    PlanGoal: lambda: _("This goal no longer exists."),
    PlanReview: lambda: _("This review no longer exists."),
    ProgressNote: lambda: _("This note no longer exists."),
    SkillArea: lambda: _("This skill area no longer exists."),
    User: lambda: _("This user no longer exists."),
    Workshop: lambda: _("This workshop no longer exists."),
}

_CHANGED: dict[type, Callable[[Any], str]] = {
    AttendanceDay: lambda record: _("This day was changed on another computer. Reload and try again."),
    Facility: lambda record: _("The facility data was changed on another computer. Reload and try again."),
    WorkshopDayLog: lambda record: _("The day log was changed on another computer. Reload and try again."),
    Assessment: lambda record: _("This assessment was changed on another computer. Reload and try again."),
    BenefitRule: lambda record: _("This rule set was changed on another computer. Reload and try again."),
    FollowUp: lambda record: _("This follow-up contact was changed on another computer. Reload and try again."),
    IndividualPlan: lambda record: _("This plan was changed on another computer. Reload and try again."),
    Participant: lambda record: _("The data of {name} was changed on another computer. Reload and try again."
                                  ).format(name=record.full_name),
    Placement: lambda record: _("This placement was changed on another computer. Reload and try again."),
    PlanGoal: lambda record: _("This goal was changed on another computer. Reload and try again."),
    PlanReview: lambda record: _("This review was changed on another computer. Reload and try again."),
    ProgressNote: lambda record: _("This note was changed on another computer. Reload and try again."),
    SkillArea: lambda record: _("This skill area was changed on another computer. Reload and try again."),
    Workshop: lambda record: _("The workshop {name} was changed on another computer. Reload it and try again."
                               ).format(name=record.name),
}


def get_or_gone(session: Session, model: type[Record], record_id: int) -> Record:
    """The record ``record_id`` of ``model``; NotFoundError when it was deleted (or never was)."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(_GONE[model]())
    return record


def for_update(session: Session, model: type[Record], record_id: int, expected_version: int) -> Record:
    """The record to change, as it was read (``expected_version``); ConflictError when changed since."""
    record = get_or_gone(session, model, record_id)
    check_version(record, expected_version)
    return record


def check_version(record: Any, expected_version: int) -> None:
    """ConflictError when ``record`` was changed on another computer since it was read."""
    if record.version != expected_version:
        raise ConflictError(changed_elsewhere(type(record), record))


def changed_elsewhere(model: type, record: Any = None) -> str:
    """The sentence for a record of ``model`` changed (or removed) on another computer since it was read."""
    return _CHANGED[model](record)
