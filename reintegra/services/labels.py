"""Translated names of the enums, for screens, reports and importers."""

from __future__ import annotations

from enum import Enum

from reintegra.db.enums import (
    EXIT_REASONS,
    STATUSES,
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
from reintegra.i18n import N_, _, pgettext

# Pairs, not a dict literal: members of different str-enums with the same value
# (ExitReason.ZAZ, EmploymentStatus.ZAZ) are equal and would overwrite each other.
_PAIRS: tuple[tuple[Enum, str], ...] = (
    (Programme.WTZ, N_("WTZ – occupational therapy workshop")),
    (Programme.CIS, N_("CIS – social integration centre")),
    (Programme.KIS, N_("KIS – social integration club")),
    (Programme.ZAZ, N_("ZAZ – vocational activity establishment")),
    (Role.INSTRUCTOR, N_("Instructor")),
    (Role.DIRECTOR, N_("Director")),
    (Role.ADMINISTRATOR, N_("Administrator")),
    (Referral.OPS, N_("Social welfare centre (OPS)")),
    (Referral.PCPR, N_("County family support centre (PCPR)")),
    (Referral.PUP, N_("County labour office (PUP)")),
    (Referral.SELF, N_("Own application")),
    (Referral.OTHER, N_("Other")),
    (Sex.FEMALE, N_("Female")),
    (Sex.MALE, N_("Male")),
    (DisabilityDegree.SIGNIFICANT, N_("Significant")),
    (DisabilityDegree.MODERATE, N_("Moderate")),
    (DisabilityDegree.LIGHT, N_("Light")),
    (EligibilityGroup.HOMELESS, N_("Homeless")),
    (EligibilityGroup.ALCOHOL, N_("Alcohol-dependent")),
    (EligibilityGroup.DRUGS, N_("Drug-dependent")),
    (EligibilityGroup.MENTAL_ILLNESS, N_("Mentally ill")),
    (EligibilityGroup.LONG_TERM_UNEMPLOYED, N_("Long-term unemployed")),
    (EligibilityGroup.FORMER_PRISONER, N_("Released from prison")),
    (EligibilityGroup.REFUGEE, N_("Refugee")),
    (EligibilityGroup.DISABLED, N_("Disabled")),
    (WorkshopKind.GASTRONOMY, N_("Gastronomy")),
    (WorkshopKind.TAILORING, N_("Tailoring")),
    (WorkshopKind.FLORISTRY, N_("Floristry")),
    (WorkshopKind.CLEANING_CONSTRUCTION, N_("Cleaning and construction")),
    (WorkshopKind.CARPENTRY, N_("Carpentry")),
    (WorkshopKind.ARTS_CRAFTS, N_("Arts and crafts")),
    (WorkshopKind.COMPUTER, N_("Computer")),
    (WorkshopKind.HOUSEHOLD, N_("Household skills")),
    (WorkshopKind.GARDENING, N_("Gardening")),
    (WorkshopKind.OTHER, N_("Other")),
    (NoteCategory.SOCIAL, N_("Social")),
    (NoteCategory.VOCATIONAL, N_("Vocational")),
    (NoteCategory.SELF_CARE, N_("Self-care")),
    (NoteCategory.COMMUNICATION, N_("Communication")),
    (NoteCategory.HEALTH, N_("Health")),
    (NoteCategory.BEHAVIOUR, N_("Behaviour")),
    (NoteCategory.OTHER, N_("Other")),
    (ContractType.EMPLOYMENT_CONTRACT, N_("Employment contract")),
    (ContractType.CIVIL_CONTRACT, N_("Civil-law contract")),
    (ContractType.SELF_EMPLOYMENT, N_("Self-employment")),
    (ContractType.SOCIAL_COOPERATIVE, N_("Social cooperative membership")),
    (ContractType.SUPPORTED_EMPLOYMENT, N_("Supported employment")),
    (ContractType.OTHER, N_("Other")),
    (EmploymentStatus.EMPLOYED, N_("Employed")),
    (EmploymentStatus.SELF_EMPLOYED, N_("Self-employed")),
    (EmploymentStatus.SOCIAL_COOPERATIVE, N_("In a social cooperative")),
    (EmploymentStatus.ZAZ, N_("Employed in a ZAZ")),
    (EmploymentStatus.IN_TRAINING, N_("In education or training")),
    (EmploymentStatus.UNEMPLOYED, N_("Not employed")),
    (EmploymentStatus.NO_CONTACT, N_("No contact")),
    (PlanKind.IPR, N_("IPR – individual rehabilitation programme")),
    (PlanKind.IPZS, N_("IPZS – individual social employment programme")),
    (GoalStatus.PLANNED, N_("Planned")),
    (GoalStatus.IN_PROGRESS, N_("In progress")),
    (GoalStatus.ACHIEVED, N_("Achieved")),
    (GoalStatus.DROPPED, N_("Dropped")),
    (ReviewKind.PERIODIC, N_("Periodic review")),
    (ReviewKind.COUNCIL, N_("Programme council review")),
    (SkillGroup.SELF_RELIANCE, N_("Self-reliance")),
    (SkillGroup.SOCIAL, N_("Social rehabilitation")),
    (SkillGroup.VOCATIONAL, N_("Vocational rehabilitation")),
    (AssessorKind.COUNCIL, N_("Programme council")),
    (AssessorKind.INSTRUCTOR, N_("Instructor")),
)
# The kinds of audit-log entries (Settings → Audit log, reintegra audit --kind).
_AUDIT_PAIRS: tuple[tuple[Enum, str], ...] = (
    (AuditAction.CREATE, N_("Addition")),
    (AuditAction.UPDATE, N_("Change")),
    (AuditAction.DELETE, N_("Deletion")),
    (AuditAction.LOGIN, N_("Sign-in")),
    (AuditAction.LOGIN_FAILED, N_("Failed sign-in")),
    (AuditAction.LOGOUT, N_("Sign-out")),
    (AuditAction.EXPORT, N_("Saved to a file")),
    (AuditAction.PRINT, N_("Printout")),
    (AuditAction.IMPORT, N_("Import from a file")),
    (AuditAction.BACKUP, N_("Backup")),
    (AuditAction.RESTORE, N_("Restore from a backup")),
    (AuditAction.ANONYMISE, N_("Anonymisation")),
    (AuditAction.COPY, N_("Database copied in")),
)
_LABELS = {(type(member), member): text for member, text in _PAIRS + _AUDIT_PAIRS}

_LABELS.update({(AttendanceStatus, status): info.label for status, info in STATUSES.items()})
_LABELS.update({(ExitReason, reason): info.label for reason, info in EXIT_REASONS.items()})
# CIS/KIS: the decision at the end of the trial month (services/cis_clock.py).
_LABELS.update({(TrialDecision, TrialDecision.PASSED): N_("Passed: the participation goes on"),
                (TrialDecision, TrialDecision.FAILED): N_("Not passed: the participation ends")})

# Polish labels as they appear in facilities' own spreadsheets, for importers.
POLISH_EXIT_REASONS = {name: reason for reason, info in EXIT_REASONS.items() for name in info.polish_names}

# The attendance importer's status codes, lower case: the English codes and the paper sheets' letters.
STATUS_CODES = {code.lower(): status for status, info in STATUSES.items() for code in info.codes}


def label(member: Enum | None) -> str:
    """The translated name of an enum member ('' for None)."""
    if member is None:
        return ""
    return _(_LABELS[(type(member), member)])


def choices(enum_type: type[Enum]) -> list[tuple[Enum, str]]:
    """(member, translated label) for every member, in declaration order."""
    return [(member, label(member)) for member in enum_type]


def parse_exit_reason(text: str) -> ExitReason | None:
    key = " ".join(text.strip().lower().split())
    if not key:
        return None
    try:
        return ExitReason(key)
    except ValueError:
        return POLISH_EXIT_REASONS.get(key)


def parse_status(text: str) -> AttendanceStatus | None:
    return STATUS_CODES.get(text.strip().lower())


def short_label(status: AttendanceStatus) -> str:
    """The status's translated column header ('Present', 'Sick' …)."""
    return pgettext(*status.info.short_label)


def brief_label(status: AttendanceStatus) -> str:
    """The status's translated name for a narrow cell ('Excused abs.'); ``label`` is the full one."""
    return pgettext(*status.info.brief_label)


def status_codes_text() -> str:
    """'O, U, N, C, L4, UW or W (or present, excused, …)': what the importer accepts, for its messages."""
    letters = [code for info in STATUSES.values() for code in info.codes if code != info.status.value]
    return _("{letters} (or {codes})").format(letters=or_list(letters),
                                               codes=", ".join(status.value for status in STATUSES))


def or_list(items: list[str]) -> str:
    """'a, b or c' in the UI language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def parse_programme(text: str) -> Programme | None:
    try:
        return Programme(text.strip().upper())
    except ValueError:
        return None
