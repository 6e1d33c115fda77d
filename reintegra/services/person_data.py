"""Everything kept about one person, in one structure (GDPR art. 15, access, and art. 20, portability).

``person_data`` gathers the person's identity, their stays (programme, application, admission, exit),
placements, attendance, progress notes, individual plans with goals and reviews, assessments with
scores, follow-up contacts and the audit entries about them, of every stay of the person. Dates are ISO strings; an enum is its
stored value with its label in the current language, so the file reads well and loads back.
``write_json`` writes it as UTF-8 JSON readable only by the user's account; reports/person_data.py
renders the same structure as a PDF. Every export is recorded in the audit log (``record_export``).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra import __version__
from reintegra.db.enums import AuditAction
from reintegra.db.models import (
    Assessment,
    AttendanceDay,
    AuditEntry,
    FollowUp,
    IndividualPlan,
    Participant,
    Placement,
    ProgressNote,
    User,
    Workshop,
)
from reintegra.private_files import open_private, write_replacing
from reintegra.services import access, audit
from reintegra.services.errors import NotFoundError
from reintegra.services.facility import get_facility
from reintegra.services.labels import label
from reintegra.i18n import _

FORMAT = "reintegra-person-data"
FORMAT_VERSION = 1
# The sections holding lists of records, in the order the PDF shows them.
RECORD_SECTIONS = ("placements", "attendance", "notes", "plans", "assessments", "follow_ups", "audit_log")


def plain(value: Any) -> Any:
    """A value as JSON holds it: ISO dates, decimals as strings, enums as {value, label}."""
    if isinstance(value, Enum):
        try:
            text = label(value)
        except KeyError:  # an enum without a label (the audit actions): its value says it
            text = value.value
        return {"value": value.value, "label": text}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def person_data(session: Session, participant_id: int, *, actor: User | None = None,
                today: date | None = None) -> dict[str, Any]:
    """Everything about one person; an instructor is refused a person outside their workshops."""
    access.require_participant(session, actor, participant_id, today)
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFoundError(_("No participant with the id or PESEL {key}.").format(key=participant_id))
    reached = access.reachable_ids(session, actor, today)  # need-to-know is per stay
    stays = sorted((stay for stay in person.person.stays if reached is None or stay.id in reached),
                   key=lambda stay: (stay.admission_date or stay.application_date or date.min, stay.id))
    stay_ids = [stay.id for stay in stays]
    workshops = dict(session.execute(select(Workshop.id, Workshop.name)).all())
    users = {user_id: full_name or username for user_id, full_name, username
             in session.execute(select(User.id, User.full_name, User.username))}
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "exported_by": (actor.full_name or actor.username) if actor else "",
        "program": f"Reintegra {__version__}",
        "facility": get_facility(session).name,
        "person": _identity(person),
        "stay": _stay(person),
        "exit": _exit(person),
        # Every stay of the person, the one asked for included; the records below are of all of them.
        "stays": [{"id": stay.id, **_stay(stay), "exit": _exit(stay)} for stay in stays],
        "placements": _placements(session, stay_ids, workshops),
        "attendance": _attendance(session, stay_ids, workshops, users),
        "notes": _notes(session, stay_ids, workshops, users),
        "plans": _plans(session, stay_ids, users),
        "assessments": _assessments(session, stay_ids, users),
        "follow_ups": _follow_ups(session, stay_ids, users),
        "audit_log": _audit(session, stay_ids),
    }
    return plain(data)


def record_export(session: Session, actor: User | None, participant_id: int, file_format: str) -> None:
    """The export in the audit log: who took the person's data, when, and in which format (never the path,
    whose name may name the person)."""
    audit.record(session, actor, AuditAction.EXPORT, "participant", participant_id,
                 {"what": "person_data", "format": file_format}, participant_id=participant_id)


def write_json(data: dict[str, Any], path: str | os.PathLike) -> Path:
    """Writes ``data`` as UTF-8 JSON, 0600, through a temporary file renamed when complete."""
    def write(temporary: Path) -> None:
        with open_private(temporary, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.write("\n")

    return write_replacing(path, write)


def record_counts(data: dict[str, Any]) -> dict[str, int]:
    """How many records of each kind the export holds (goals, reviews and scores counted too)."""
    counts = {section: len(data[section]) for section in RECORD_SECTIONS}
    counts["plan_goals"] = sum(len(plan["goals"]) for plan in data["plans"])
    counts["plan_reviews"] = sum(len(plan["reviews"]) for plan in data["plans"])
    counts["assessment_scores"] = sum(len(item["scores"]) for item in data["assessments"])
    return counts


# -- sections -----------------------------------------------------------------------------------


def _identity(person: Participant) -> dict[str, Any]:
    return {
        "id": person.id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "pesel": person.pesel,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "address": person.address,
        "postal_code": person.postal_code,
        "city": person.city,
        "phone": person.phone,
        "email": person.email,
        "guardian_name": person.guardian_name,
        "guardian_phone": person.guardian_phone,
        "emergency_name": person.emergency_name,
        "emergency_phone": person.emergency_phone,
        "consent_given": person.consent_given,
        "consent_date": person.consent_date,
        "disability_degree": person.disability_degree,
        "disability_causes": list(person.disability_causes or []),
        "certificate_valid_until": person.certificate_valid_until,
        "certificate_permanent": person.certificate_permanent,
        "therapy_indication": person.therapy_indication,
        "eligibility_groups": [_eligibility(group) for group in person.eligibility_groups or []],
        "notes": person.notes,
        "anonymised_at": person.anonymised_at,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


def _eligibility(code: str) -> Any:
    from reintegra.db.enums import EligibilityGroup

    try:
        return EligibilityGroup(code)
    except ValueError:
        return code


def _stay(person: Participant) -> dict[str, Any]:
    return {
        "programme": person.programme,
        "referral": person.referral,
        "referral_institution": person.referral_institution,
        "application_date": person.application_date,
        "admission_date": person.admission_date,
        "planned_end_date": person.planned_end_date,
        # CIS/KIS: the CIS clock (services/cis_clock.py); empty in other stays.
        "trial_end_date": person.trial_end_date,
        "trial_decision": person.trial_decision,
        "trial_decision_date": person.trial_decision_date,
        "extension_date": person.extension_date,
        "extension_reason": person.extension_reason,
    }


def _exit(person: Participant) -> dict[str, Any] | None:
    if person.exit_date is None:
        return None
    return {
        "date": person.exit_date,
        "reason": person.exit_reason,
        "destination": person.exit_destination,
        "contract_type": person.exit_contract_type,
        "notes": person.exit_notes,
    }


def _placements(session: Session, pid: list[int], workshops: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(Placement).where(Placement.participant_id.in_(pid))
                           .order_by(Placement.start_date, Placement.id))
    return [{"id": row.id, "workshop": workshops.get(row.workshop_id, ""), "start_date": row.start_date,
             "end_date": row.end_date, "note": row.note} for row in rows]


def _attendance(session: Session, pid: list[int], workshops: dict[int, str], users: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(AttendanceDay).where(AttendanceDay.participant_id.in_(pid))
                           .order_by(AttendanceDay.day))
    return [{"day": row.day, "workshop": workshops.get(row.workshop_id, ""), "status": row.status,
             "hours": row.hours, "remark": row.remark, "recorded_by": users.get(row.recorded_by_id, ""),
             "recorded_at": row.recorded_at} for row in rows]


def _notes(session: Session, pid: list[int], workshops: dict[int, str], users: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(ProgressNote).where(ProgressNote.participant_id.in_(pid))
                           .order_by(ProgressNote.day, ProgressNote.id))
    return [{"id": row.id, "day": row.day, "category": row.category, "text": row.text,
             "author": users.get(row.author_id, ""), "workshop": workshops.get(row.workshop_id, ""),
             "created_at": row.created_at} for row in rows]


def _plans(session: Session, pid: list[int], users: dict[int, str]) -> list[dict[str, Any]]:
    plans = session.scalars(select(IndividualPlan).where(IndividualPlan.participant_id.in_(pid))
                            .order_by(IndividualPlan.start_date, IndividualPlan.id))
    return [{
        "id": plan.id, "kind": plan.kind, "start_date": plan.start_date, "end_date": plan.end_date,
        "forms_and_scope": plan.forms_and_scope, "methods": plan.methods,
        "family_cooperation": plan.family_cooperation, "planned_results": plan.planned_results,
        "activities": plan.activities, "responsible": plan.responsible, "next_review_date": plan.next_review_date,
        "goals": [{"area": goal.area, "description": goal.description, "target_date": goal.target_date,
                   "status": goal.status} for goal in plan.goals],
        "reviews": [{"day": review.day, "kind": review.kind, "conclusion": review.conclusion,
                     "decision": review.decision, "reviewer": users.get(review.reviewer_id, "")}
                    for review in plan.reviews],
    } for plan in plans]


def _assessments(session: Session, pid: list[int], users: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(Assessment).where(Assessment.participant_id.in_(pid))
                           .order_by(Assessment.day, Assessment.id))
    return [{
        "id": row.id, "day": row.day, "assessor_kind": row.assessor_kind, "assessor": users.get(row.assessor_id, ""),
        "comment": row.comment,
        "scores": [{"area": score.skill_area.name, "group": score.skill_area.group, "score": score.score,
                    "scale_max": score.skill_area.scale_max}
                   for score in sorted(row.scores, key=lambda s: (s.skill_area.position, s.skill_area.name))],
    } for row in rows]


def _follow_ups(session: Session, pid: list[int], users: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(FollowUp).where(FollowUp.participant_id.in_(pid))
                           .order_by(FollowUp.exit_date, FollowUp.months_after))
    return [{"exit_date": row.exit_date, "months_after": row.months_after, "due_date": row.due_date,
             "contact_date": row.contact_date, "employment_status": row.employment_status,
             "employer": row.employer, "note": row.note, "recorded_by": users.get(row.recorded_by_id, "")}
            for row in rows]


def _audit(session: Session, pid: list[int]) -> list[dict[str, Any]]:
    rows = session.scalars(select(AuditEntry).where(AuditEntry.participant_id.in_(pid))
                           .order_by(AuditEntry.at, AuditEntry.id))
    return [{"at": row.at, "user": row.username, "action": row.action, "entity": row.entity,
             "entity_id": row.entity_id, "changes": row.changes} for row in rows]
