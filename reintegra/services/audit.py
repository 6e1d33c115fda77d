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
from reintegra.db.models import AuditEntry, User


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
    on "participant" names, or the ``participant_id`` among ``changes``.
    """
    if participant_id is None:
        if entity == "participant":
            participant_id = entity_id
        elif isinstance((changes or {}).get("participant_id"), int):
            participant_id = changes["participant_id"]
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
