"""The audit log in words: one readable sentence for each entry — who did what, to whose data.

Built from what an entry stores (its action, the kind of record, the changed fields) and the names
of the people and workshops it points to, read once for a page of entries by ``audit_log``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
    AuditAction,
    ContractType,
    DisabilityDegree,
    EligibilityGroup,
    EmploymentStatus,
    ExitReason,
    GoalStatus,
    NoteCategory,
    PlanKind,
    Programme,
    Referral,
    ReviewKind,
    Role,
    Sex,
    SkillGroup,
    TrialDecision,
    WorkshopKind,
)
from reintegra.i18n import N_, NP_, _, format_date, pgettext
from reintegra.services import labels
from reintegra.services.benefit_rules import FIELD_LABELS as BENEFIT_RULE_LABELS

MAX_VALUE_LENGTH = 60
ARROW = "→"

# What an entry names, as the object of "added", "changed", "deleted" (context "audit object": the
# Polish form is the one the verb takes, "dodano notatkę o postępach").
THINGS: dict[str, tuple[str, str]] = {
    "attendance_day": NP_("audit object", "an attendance entry"),
    "workshop_day_log": NP_("audit object", "the workshop day log"),
    "participant": NP_("audit object", "the participant's data"),
    "progress_note": NP_("audit object", "a progress note"),
    "assessment": NP_("audit object", "an assessment"),
    "workshop": NP_("audit object", "a workshop"),
    "individual_plan": NP_("audit object", "an individual plan"),
    "plan_goal": NP_("audit object", "a goal of a plan"),
    "plan_review": NP_("audit object", "a plan review"),
    "follow_up": NP_("audit object", "a follow-up after exit"),
    "placement": NP_("audit object", "a placement in a workshop"),
    "skill_area": NP_("audit object", "a skill area"),
    "benefit_rule": NP_("audit object", "a benefit rule set"),
    "facility": NP_("audit object", "the facility data"),
    "user": NP_("audit object", "a user account"),
    "demo": NP_("audit object", "demo data"),
    "annual_report_section": NP_("audit object", "a section of the annual report"),
    "certificate": NP_("audit object", "a completion certificate"),
    "benefit_premium": NP_("audit object", "an integration premium"),
}

# What an export, a print or an import carried ("participant_report" …), as the object of "saved".
DISCLOSED: dict[str, tuple[str, str]] = {
    "participant_report": NP_("audit object", "the participant reintegration report"),
    "participants_report": NP_("audit object", "the reports of active participants"),
    "attendance_sheet": NP_("audit object", "the monthly attendance sheet"),
    "benefit_list": NP_("audit object", "the CIS benefit attendance list"),
    "refund_request": NP_("audit object", "the request for the refund of the integration benefits"),
    "day_log": NP_("audit object", "the workshop day log"),
    "plan": NP_("audit object", "the individual plan"),
    "annual_report": NP_("audit object", "the annual report"),
    "certificate": NP_("audit object", "the completion certificate"),
    "certificate_register": NP_("audit object", "the register of completion certificates"),
    "audit_log": NP_("audit object", "the audit log"),
    "person_data": NP_("audit object", "all data about the person"),  # services/person_data.record_export
    "participants": NP_("audit object", "participants"),
    "attendance": NP_("audit object", "attendance"),
    "benefit_rules": NP_("audit object", "the CIS benefit rule sets"),
}

FIELDS: dict[str, str] = {
    "day": N_("day"),
    "status": N_("status"),
    "hours": N_("hours"),
    "remark": N_("remark"),
    "workshop_id": N_("workshop"),
    "workshop": N_("workshop"),
    "text": N_("text"),
    "category": N_("category"),
    "name": N_("name"),
    "kind": N_("kind"),
    "capacity": N_("places"),
    "active": N_("active"),
    "start_date": N_("start"),
    "end_date": N_("end"),
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "pesel": N_("PESEL"),
    "role": N_("role"),
    "password": N_("password"),
    "exit_date": N_("exit date"),
    "exit_reason": N_("exit reason"),
    "admission_date": N_("admission date"),
    "programme": N_("programme"),
    "description": N_("description"),
    "area": N_("area"),
    "group": N_("area"),
    "assessor_kind": N_("assessed by"),
    "months_after": N_("months after exit"),
    "added": N_("added"),
    "updated": N_("updated"),
    "unchanged": N_("unchanged"),
    "exits_recorded": N_("exits recorded"),
    "workshops_created": N_("workshops created"),
    "skipped": N_("rows skipped"),
    "kept_entries": N_("audit entries kept from before"),
    "safety_backup": N_("copy of the replaced data"),
    "defaults": N_("default areas added"),
    "format": N_("format"),
    # the participant's form
    "birth_date": N_("date of birth"),
    "sex": N_("sex"),
    "referral": N_("referred by"),
    "referral_institution": N_("referring institution"),
    "application_date": N_("application date"),
    "planned_end_date": N_("planned end"),
    "address": N_("address"),
    "postal_code": N_("postal code"),
    "city": N_("city"),
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "guardian_name": N_("guardian"),
    "guardian_phone": N_("guardian's phone"),
    "emergency_name": N_("emergency contact"),
    "emergency_phone": N_("emergency phone"),
    "consent_given": N_("consent"),
    "consent_date": N_("consent date"),
    "disability_degree": N_("disability degree"),
    "disability_causes": N_("causes of disability"),
    "certificate_valid_until": N_("certificate valid until"),
    "certificate_permanent": N_("permanent certificate"),
    "therapy_indication": N_("indication for occupational therapy"),
    "eligibility_groups": N_("eligibility groups"),
    # the CIS clock (services/cis_clock.py)
    "trial_end_date": N_("end of the trial month"),
    "trial_decision": N_("trial month decision"),
    "trial_decision_date": N_("date of the trial month decision"),
    "extension_date": N_("extension decided on"),
    "extension_reason": N_("reason for the extension"),
    "exit_destination": N_("destination"),
    "exit_contract_type": N_("contract"),
    "exit_notes": N_("notes on the exit"),
    "notes": N_("notes"),
    # plans, reviews, follow-ups, placements, assessments
    "forms_and_scope": N_("forms and scope"),
    "methods": N_("methods"),
    "family_cooperation": N_("cooperation with the family"),
    "planned_results": N_("planned results"),
    "activities": N_("activities"),
    "responsible": N_("responsible"),
    "next_review_date": N_("next review"),
    "target_date": N_("target date"),
    "conclusion": N_("conclusion"),
    "decision": N_("decision"),
    "contact_date": N_("contact date"),
    "employment_status": N_("employment"),
    "employer": N_("employer"),
    "note": N_("note"),
    "comment": N_("comment"),
    "scores": N_("scores"),
    # users, the facility, sign-ins
    "workshops": N_("workshops"),
    "reason": N_("reason"),
    "director_name": N_("director"),
    "logo": N_("logo"),
    "day_length_hours": N_("hours a day"),
    "retention_years": N_("retention period (years)"),
    "idle_lock_minutes": N_("lock after (minutes)"),
    "access_grace_days": N_("access after a placement (days)"),
    # the integration premium (services/benefit.py)
    "amount": N_("amount"),
    "month": N_("month"),
}

# Why a sign-in failed (services/sign_in.py).
_SIGN_IN_REASONS: dict[str, str] = {
    "unknown_user": N_("unknown login"),
    "inactive": N_("account disabled"),
    "wrong_password": N_("wrong password"),
    "waiting": N_("tried during the wait"),
    "demo_password": N_("demo password in a real database"),
}

# A field whose name means something else on one kind of record.
_FIELDS_OF: dict[tuple[str, str], str] = {
    ("annual_report_section", "year"): N_("year of the report"),
    ("annual_report_section", "section"): N_("section"),
    ("participant", "name"): N_("first name and last name"),
    ("user", "full_name"): N_("first name and last name"),
    ("user", "username"): N_("login"),
    ("certificate", "year"): N_("year of the register"),
    ("certificate", "sequence"): N_("number in the register"),
    ("certificate", "issued_on"): N_("date of issue"),
}
# A benefit rule set's fields as its form names them.
_FIELDS_OF.update({("benefit_rule", key): label for key, label in BENEFIT_RULE_LABELS.items()})

# The fields an entry keeps to find its place, not to tell what happened.
_HIDDEN = frozenset({"participant_id", "plan_id", "what", "file", "printer", "version"})

_ENUMS: dict[str, type[Enum]] = {
    "status": AttendanceStatus, "category": NoteCategory, "assessor_kind": AssessorKind, "area": SkillGroup,
    "group": SkillGroup, "role": Role, "exit_reason": ExitReason, "programme": Programme, "sex": Sex,
    "referral": Referral, "disability_degree": DisabilityDegree, "eligibility_groups": EligibilityGroup,
    "exit_contract_type": ContractType, "employment_status": EmploymentStatus,
    "trial_decision": TrialDecision,
}
_KINDS: dict[str, type[Enum]] = {"workshop": WorkshopKind, "individual_plan": PlanKind, "plan_review": ReviewKind}


@dataclass(frozen=True)
class Names:
    """The names an entry's ids stand for: its user, its person, the workshops among its changes."""

    user: str = ""  # the user's full name now ('' when unknown)
    person: str = ""
    workshops: Mapping[int, str] = field(default_factory=dict)


def who(username: str, full_name: str) -> str:
    """'Zofia Wójcik (kierownik)', the login alone, or the command line when nobody signed in."""
    if not username:
        return _("command line")
    if full_name and full_name != username:
        return _("{name} ({login})").format(name=full_name, login=username)
    return username


def describe(action: AuditAction, entity: str, changes: Mapping[str, Any], username: str, names: Names) -> str:
    """One sentence: who did what, to whose data, with the values that changed."""
    user = who(username, names.user)
    headline = _headline(action, entity, changes, user, username)
    details = _details(action, entity, changes, names)
    if names.person:
        headline = _("{what} — {person}").format(what=headline, person=names.person)
    if details:
        headline = _("{what} ({details})").format(what=headline, details=details)
    return headline


def thing(entity: str) -> str:
    known = THINGS.get(entity) or DISCLOSED.get(entity)
    return pgettext(*known) if known else entity


def _disclosed(what: str) -> str:
    known = DISCLOSED.get(what) or THINGS.get(what)
    return pgettext(*known) if known else what


def _headline(action: AuditAction, entity: str, changes: Mapping[str, Any], user: str, username: str) -> str:
    file = str(changes.get("file") or "")  # None once the person was anonymised (the name may name them)
    if action is AuditAction.CREATE:
        return _("{user}: added {thing}").format(user=user, thing=thing(entity))
    if action is AuditAction.UPDATE:
        return _("{user}: changed {thing}").format(user=user, thing=thing(entity))
    if action is AuditAction.DELETE:
        return _("{user}: deleted {thing}").format(user=user, thing=thing(entity))
    if action is AuditAction.LOGIN:
        return _("{user}: signed in").format(user=user)
    if action is AuditAction.LOGIN_FAILED:
        return _("Failed sign-in as “{login}”").format(login=username or changes.get("username", ""))
    if action is AuditAction.LOGOUT:
        return _("{user}: signed out").format(user=user)
    if action is AuditAction.EXPORT and not file:
        return _("{user}: exported {what}").format(user=user, what=_disclosed(str(changes.get("what") or entity)))
    if action is AuditAction.EXPORT:
        return _("{user}: saved {what} to the file {file}").format(
            user=user, what=_disclosed(str(changes.get("what") or entity)), file=file)
    if action is AuditAction.PRINT:
        return _("{user}: printed {what} on {printer}").format(
            user=user, what=_disclosed(str(changes.get("what") or entity)), printer=changes.get("printer") or "–")
    if action is AuditAction.IMPORT:
        return _("{user}: imported {what} from the file {file}").format(user=user, what=_disclosed(entity), file=file)
    if action is AuditAction.BACKUP:
        return _("{user}: backed up the database to the file {file}").format(user=user, file=file)
    if action is AuditAction.RESTORE:
        return _("{user}: restored the database from the backup {file}").format(user=user, file=file)
    if action is AuditAction.COPY:
        return _("{user}: copied the whole database here from {source}").format(
            user=user, source=changes.get("source") or "–")
    return _("{user}: anonymised the personal data").format(user=user)


def _details(action: AuditAction, entity: str, changes: Mapping[str, Any], names: Names) -> str:
    if action is AuditAction.COPY:  # services/database_copy.py: the source is in the headline
        return _("rows copied: {rows}").format(rows=changes.get("rows", "–"))
    if action is AuditAction.ANONYMISE:  # services/anonymisation.py: the names of the emptied fields
        return _("fields emptied: {fields}; progress notes removed: {notes}").format(
            fields=len(changes.get("emptied", ())), notes=changes.get("progress_notes_removed", 0))
    parts = []
    for key, value in changes.items():
        if key in _HIDDEN or (action is AuditAction.LOGIN_FAILED and key == "username"):
            continue
        known = _FIELDS_OF.get((entity, key)) or FIELDS.get(key)
        name = _(known) if known else key
        if action is AuditAction.UPDATE and isinstance(value, list) and len(value) == 2:
            shown = f"{_value(entity, key, value[0], names)} {ARROW} {_value(entity, key, value[1], names)}"
        else:
            shown = _value(entity, key, value, names)
        parts.append(_("{field}: {value}").format(field=name, value=shown))
    return "; ".join(parts)


def _value(entity: str, key: str, value: Any, names: Names) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "workshop_id" and isinstance(value, int):
        return names.workshops.get(value, f"#{value}")
    if key == "password":
        return _("changed")
    if key == "reason" and value in _SIGN_IN_REASONS:
        return _(_SIGN_IN_REASONS[value])
    enum_type = _KINDS.get(entity) if key == "kind" else (GoalStatus if (entity, key) == ("plan_goal", "status")
                                                          else _ENUMS.get(key))
    if enum_type is not None and isinstance(value, str):
        try:
            return labels.label(enum_type(value))
        except (ValueError, KeyError):
            pass
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(value, list) and enum_type is not None:
        value = ", ".join(_value(entity, key, item, names) for item in value)  # eligibility groups
    if isinstance(value, (list, dict)):
        value = ", ".join(str(item) for item in value) if isinstance(value, list) else str(len(value))
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_VALUE_LENGTH else text[:MAX_VALUE_LENGTH - 1] + "…"
