"""The closed vocabularies of the data model: programmes, statuses, reasons.

Stored by their lower-case value. Labels for the screen are in ``services.labels``.
"""

from __future__ import annotations

import enum


class Programme(str, enum.Enum):
    WTZ = "WTZ"
    CIS = "CIS"
    KIS = "KIS"
    ZAZ = "ZAZ"


class Role(str, enum.Enum):
    INSTRUCTOR = "instructor"
    DIRECTOR = "director"
    ADMINISTRATOR = "administrator"


class Referral(str, enum.Enum):
    OPS = "ops"
    PCPR = "pcpr"
    PUP = "pup"
    SELF = "self"
    OTHER = "other"


class Sex(str, enum.Enum):
    FEMALE = "female"
    MALE = "male"


class DisabilityDegree(str, enum.Enum):
    SIGNIFICANT = "significant"  # znaczny
    MODERATE = "moderate"  # umiarkowany
    LIGHT = "light"  # lekki


class EligibilityGroup(str, enum.Enum):
    """Groups of the social-employment act (ustawa o zatrudnieniu socjalnym, art. 1)."""

    HOMELESS = "homeless"
    ALCOHOL = "alcohol"
    DRUGS = "drugs"
    MENTAL_ILLNESS = "mental_illness"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    FORMER_PRISONER = "former_prisoner"
    REFUGEE = "refugee"
    DISABLED = "disabled"


class WorkshopKind(str, enum.Enum):
    GASTRONOMY = "gastronomy"
    TAILORING = "tailoring"
    FLORISTRY = "floristry"
    CLEANING_CONSTRUCTION = "cleaning_construction"
    CARPENTRY = "carpentry"
    ARTS_CRAFTS = "arts_crafts"
    COMPUTER = "computer"
    HOUSEHOLD = "household"
    GARDENING = "gardening"
    OTHER = "other"


class AttendanceStatus(str, enum.Enum):
    PRESENT = "present"  # O
    EXCUSED = "excused"  # U
    UNEXCUSED = "unexcused"  # N
    SICK = "sick"  # C (L4)
    LEAVE = "leave"  # UW
    DAY_OFF = "day_off"  # W

    @property
    def letter(self) -> str:
        return _LETTERS[self]


_LETTERS = {
    AttendanceStatus.PRESENT: "O",
    AttendanceStatus.EXCUSED: "U",
    AttendanceStatus.UNEXCUSED: "N",
    AttendanceStatus.SICK: "C",
    AttendanceStatus.LEAVE: "UW",
    AttendanceStatus.DAY_OFF: "W",
}


class NoteCategory(str, enum.Enum):
    SOCIAL = "social"
    VOCATIONAL = "vocational"
    SELF_CARE = "self_care"
    COMMUNICATION = "communication"
    HEALTH = "health"
    BEHAVIOUR = "behaviour"
    OTHER = "other"


class ExitReason(str, enum.Enum):
    EMPLOYMENT = "employment"
    SOCIAL_COOPERATIVE = "social_cooperative"
    ZAZ = "zaz"
    TRAINING = "training"
    HEALTH = "health"
    MOVED = "moved"
    DROPPED_OUT = "dropped_out"
    REMOVED = "removed"
    DEATH = "death"
    OTHER = "other"


class ContractType(str, enum.Enum):
    EMPLOYMENT_CONTRACT = "employment_contract"  # umowa o pracę
    CIVIL_CONTRACT = "civil_contract"  # umowa zlecenie / o dzieło
    SELF_EMPLOYMENT = "self_employment"
    SOCIAL_COOPERATIVE = "social_cooperative"
    SUPPORTED_EMPLOYMENT = "supported_employment"  # ZAZ, zatrudnienie wspierane
    OTHER = "other"


class EmploymentStatus(str, enum.Enum):
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    SOCIAL_COOPERATIVE = "social_cooperative"
    ZAZ = "zaz"
    IN_TRAINING = "in_training"
    UNEMPLOYED = "unemployed"
    NO_CONTACT = "no_contact"

    @property
    def is_employed(self) -> bool:
        return self in {
            EmploymentStatus.EMPLOYED,
            EmploymentStatus.SELF_EMPLOYED,
            EmploymentStatus.SOCIAL_COOPERATIVE,
            EmploymentStatus.ZAZ,
        }


class PlanKind(str, enum.Enum):
    IPR = "IPR"  # WTZ: indywidualny program rehabilitacji
    IPZS = "IPZS"  # CIS/KIS: indywidualny program zatrudnienia socjalnego


class GoalStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class ReviewKind(str, enum.Enum):
    PERIODIC = "periodic"  # with the participant, every 6 months in a WTZ
    COUNCIL = "council"  # comprehensive, by the programme council, at least every 3 years


class SkillGroup(str, enum.Enum):
    """The three areas the WTZ annual report asks about."""

    SELF_RELIANCE = "self_reliance"
    SOCIAL = "social"
    VOCATIONAL = "vocational"


class AssessorKind(str, enum.Enum):
    COUNCIL = "council"
    INSTRUCTOR = "instructor"


class AuditAction(str, enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    LOGIN = "login"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    ANONYMISE = "anonymise"
