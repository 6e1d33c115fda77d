"""Translated names of the enums, for screens, reports and importers."""

from __future__ import annotations

from enum import Enum

from reintegra.db.enums import (
    AssessorKind,
    AttendanceStatus,
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
    WorkshopKind,
)
from reintegra.i18n import N_, _

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
    (AttendanceStatus.PRESENT, N_("Present")),
    (AttendanceStatus.EXCUSED, N_("Excused absence")),
    (AttendanceStatus.UNEXCUSED, N_("Unexcused absence")),
    (AttendanceStatus.SICK, N_("Sick leave")),
    (AttendanceStatus.LEAVE, N_("Leave")),
    (AttendanceStatus.DAY_OFF, N_("Day off")),
    (NoteCategory.SOCIAL, N_("Social")),
    (NoteCategory.VOCATIONAL, N_("Vocational")),
    (NoteCategory.SELF_CARE, N_("Self-care")),
    (NoteCategory.COMMUNICATION, N_("Communication")),
    (NoteCategory.HEALTH, N_("Health")),
    (NoteCategory.BEHAVIOUR, N_("Behaviour")),
    (NoteCategory.OTHER, N_("Other")),
    (ExitReason.EMPLOYMENT, N_("Employment")),
    (ExitReason.SOCIAL_COOPERATIVE, N_("Social cooperative")),
    (ExitReason.ZAZ, N_("Vocational activity establishment (ZAZ)")),
    (ExitReason.TRAINING, N_("Further education or training")),
    (ExitReason.HEALTH, N_("Health")),
    (ExitReason.MOVED, N_("Moved away")),
    (ExitReason.DROPPED_OUT, N_("Dropped out")),
    (ExitReason.REMOVED, N_("Removed from the list")),
    (ExitReason.DEATH, N_("Death")),
    (ExitReason.OTHER, N_("Other")),
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
_LABELS = {(type(member), member): text for member, text in _PAIRS}

# Polish labels as they appear in facilities' own spreadsheets, for importers.
POLISH_EXIT_REASONS = {
    "zatrudnienie": ExitReason.EMPLOYMENT,
    "spółdzielnia socjalna": ExitReason.SOCIAL_COOPERATIVE,
    "zaz": ExitReason.ZAZ,
    "dalsza nauka/szkolenie": ExitReason.TRAINING,
    "dalsza nauka": ExitReason.TRAINING,
    "szkolenie": ExitReason.TRAINING,
    "stan zdrowia": ExitReason.HEALTH,
    "przeprowadzka": ExitReason.MOVED,
    "rezygnacja": ExitReason.DROPPED_OUT,
    "skreślenie z listy": ExitReason.REMOVED,
    "skreślenie": ExitReason.REMOVED,
    "zgon": ExitReason.DEATH,
    "inna": ExitReason.OTHER,
}

STATUS_CODES = {
    "present": AttendanceStatus.PRESENT,
    "o": AttendanceStatus.PRESENT,
    "excused": AttendanceStatus.EXCUSED,
    "u": AttendanceStatus.EXCUSED,
    "unexcused": AttendanceStatus.UNEXCUSED,
    "n": AttendanceStatus.UNEXCUSED,
    "sick": AttendanceStatus.SICK,
    "c": AttendanceStatus.SICK,
    "l4": AttendanceStatus.SICK,
    "leave": AttendanceStatus.LEAVE,
    "uw": AttendanceStatus.LEAVE,
    "day_off": AttendanceStatus.DAY_OFF,
    "w": AttendanceStatus.DAY_OFF,
}


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


def parse_programme(text: str) -> Programme | None:
    try:
        return Programme(text.strip().upper())
    except ValueError:
        return None
