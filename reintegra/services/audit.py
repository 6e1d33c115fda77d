"""The audit log: who changed what, and when."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction
from reintegra.db.models import (
    Assessment,
    AttendanceDay,
    AuditEntry,
    FollowUp,
    IndividualPlan,
    Placement,
    PlanGoal,
    PlanReview,
    ProgressNote,
    User,
)

# The records that belong to one person, by the audit log's entity names (as migration 0002 fills
# audit_log.participant_id for the entries written before it).
_OWNED = {"placement": Placement, "progress_note": ProgressNote, "assessment": Assessment,
          "individual_plan": IndividualPlan, "follow_up": FollowUp, "attendance_day": AttendanceDay}
_OF_A_PLAN = {"plan_goal": PlanGoal, "plan_review": PlanReview}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record(
    session: Session,
    user: User | None,
    action: AuditAction,
    entity: str,
    entity_id: int | None = None,
    changes: dict[str, Any] | None = None,
    *,
    participant_id: int | None = None,
) -> None:
    """Adds one audit entry to the session's transaction (written with the change itself).

    ``participant_id`` is the person the entry is about; without it, the participant an entry
    on "participant" names, the ``participant_id`` among ``changes``, or the owner of the record
    (a note, a goal of a plan …): the person's filter, export and anonymisation find it by that.
    """
    if participant_id is None:
        with session.no_autoflush:  # a lookup must not write a change the caller has not finished
            participant_id = _person_of(session, entity, entity_id, changes or {})
    session.add(
        AuditEntry(
            user_id=user.id if user else None,
            username=user.username if user else "",
            action=action,
            entity=entity,
            entity_id=entity_id,
            changes={key: _plain(value) for key, value in (changes or {}).items()},
            participant_id=participant_id,
        )
    )


def _person_of(session: Session, entity: str, entity_id: int | None, changes: dict[str, Any]) -> int | None:
    """The person an entry is about when the caller did not say."""
    if entity == "participant":
        return entity_id
    if isinstance(changes.get("participant_id"), int):
        return changes["participant_id"]
    if entity in _OWNED and entity_id is not None:
        row = session.get(_OWNED[entity], entity_id)
        return row.participant_id if row is not None else None
    if entity in _OF_A_PLAN:
        owned = session.get(_OF_A_PLAN[entity], entity_id) if entity_id is not None else None
        plan_id = owned.plan_id if owned is not None else changes.get("plan_id")
        plan = session.get(IndividualPlan, plan_id) if isinstance(plan_id, int) else None
        return plan.participant_id if plan is not None else None
    return None


def record_many(
    session: Session,
    user: User | None,
    action: AuditAction,
    entity: str,
    entries: list[tuple[int, dict[str, Any]]],
) -> None:
    """One entry a person, ``(participant_id, changes)`` each, in one statement (a whole group's day)."""
    if entries:
        session.execute(insert(AuditEntry), [dict(
            at=datetime.now().replace(microsecond=0), user_id=user.id if user else None,
            username=user.username if user else "", action=action, entity=entity, entity_id=None,
            changes={key: _plain(value) for key, value in changes.items()}, participant_id=participant_id)
            for participant_id, changes in entries])


def record_disclosure(
    session: Session,
    user: User | None,
    participant_id: int | None,
    what: str,
    path_or_printer: str | os.PathLike,
) -> None:
    """Records that one person's data left the program: saved to a file (``path_or_printer`` a path:
    an EXPORT) or sent to a printer (a ``str``: the printer's name, a PRINT).

    ``what`` names what was disclosed ("participant_report", "audit_log" …; ``services.audit_text``
    describes it). RODO art. 30 asks the controller to know where personal data went.
    """
    if isinstance(path_or_printer, os.PathLike):
        action, changes = AuditAction.EXPORT, {"what": what, "file": os.fspath(path_or_printer)}
    else:
        action, changes = AuditAction.PRINT, {"what": what, "printer": path_or_printer}
    record(session, user, action, "participant" if participant_id is not None else what, participant_id,
           changes, participant_id=participant_id)


def diff(obj: Any, new_values: dict[str, Any]) -> dict[str, Any]:
    """The fields of new_values that differ from obj's, as {field: [old, new]}."""
    changed = {}
    for field, new in new_values.items():
        old = getattr(obj, field)
        if old != new:
            changed[field] = [_plain(old), _plain(new)]
    return changed
