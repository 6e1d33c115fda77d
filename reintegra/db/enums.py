"""The closed vocabularies of the data model: programmes, statuses, reasons.

Stored by their lower-case value. Labels for the screen are in ``services.labels``; attendance
statuses and exit reasons are described once, each beside its enum (``STATUSES``, ``EXIT_REASONS``),
and every grid, report, export and importer that lists them is built from those tables.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reintegra.i18n import N_, NP_


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
    """What one participant-day was; each status is described once, in ``STATUSES`` below."""

    PRESENT = "present"
    EXCUSED = "excused"
    UNEXCUSED = "unexcused"
    SICK = "sick"
    LEAVE = "leave"
    DAY_OFF = "day_off"

    @property
    def info(self) -> StatusInfo:
        return STATUSES[self]

    @property
    def letter(self) -> str:
        return STATUSES[self].letter


class DayKind(str, enum.Enum):
    """What a day with a status counts as, for the rate, the month totals and the CIS benefit."""

    PRESENT = "present"  # the rate's days present (present ÷ working days)
    EXCUSED_ABSENCE = "excused_absence"  # a working day missed, for a reason known or given
    UNEXCUSED_ABSENCE = "unexcused_absence"  # a working day missed without a reason
    DAY_OFF = "day_off"  # no day of work for the person: no column of its own in the month totals


@dataclass(frozen=True)
class StatusInfo:
    """One attendance status: everything the grids, the reports, the exports and the importer show of it.

    Its columns in the month totals (attendance sheet, month grid, attendance tab, CSV/XLSX, participant
    report) and in the CIS benefit list follow the order of this table; the headers are ``letter`` on the
    sheet and in the grid and ``short_label`` elsewhere.
    """

    status: AttendanceStatus
    letter: str  # as on the paper sheets
    keys: tuple[str, ...]  # typed in the grids; two letters: the first one's status, amended by the second
    codes: tuple[str, ...]  # what the importer accepts (case-insensitive): the English code, the letters …
    label: str  # N_(): translated where shown
    short_label: tuple[str, str]  # NP_("column", …): the column header
    brief_label: tuple[str, str]  # NP_("short status", …): in a narrow cell, with ``label`` in its tooltip
    colour: tuple[str, str]  # pale background and dark letter, in the spirit of the coloured paper sheets
    counts_as: DayKind

    @property
    def is_present(self) -> bool:
        return self.counts_as is DayKind.PRESENT

    @property
    def in_month_totals(self) -> bool:
        """A column of its own in the month totals (a day off is no working day, so it has none)."""
        return self.counts_as is not DayKind.DAY_OFF

    @property
    def known_ahead(self) -> bool:
        """Leave, a day off or a sick note can be recorded ahead; whether someone came or not cannot."""
        return self.counts_as not in (DayKind.PRESENT, DayKind.UNEXCUSED_ABSENCE)


# A new status is a member above and a row here (then `make extract update-catalogs` and its Polish
# label): the grids, legends, exports, reports and the importer all follow; no migration is needed
# (statuses are stored as plain text, see db/models.py).
STATUSES: dict[AttendanceStatus, StatusInfo] = {info.status: info for info in (
    StatusInfo(AttendanceStatus.PRESENT, "O", ("O",), ("present", "O"),
               N_("Present"), NP_("column", "Present"), NP_("short status", "Present"),
               ("#dcefe1", "#1e6b34"), DayKind.PRESENT),
    StatusInfo(AttendanceStatus.EXCUSED, "U", ("U",), ("excused", "U"),
               N_("Excused absence"), NP_("column", "Excused"), NP_("short status", "Excused abs."),
               ("#dde8f5", "#1f4e8c"), DayKind.EXCUSED_ABSENCE),
    StatusInfo(AttendanceStatus.UNEXCUSED, "N", ("N",), ("unexcused", "N", "NN"),
               N_("Unexcused absence"), NP_("column", "Unexcused"), NP_("short status", "Unexcused abs."),
               ("#f8dcd9", "#a1261b"), DayKind.UNEXCUSED_ABSENCE),
    # L4: the sick-note form (zwolnienie lekarskie), the letter many sheets use for it; NN, ZL and DW
    # are the codes CIS lists are kept in (DW: a day off granted on request, which is leave).
    StatusInfo(AttendanceStatus.SICK, "C", ("C", "L"), ("sick", "C", "L4", "ZL"),
               N_("Sick leave"), NP_("column", "Sick"), NP_("short status", "Sick leave"),
               ("#fbe9cf", "#8a5200"), DayKind.EXCUSED_ABSENCE),
    StatusInfo(AttendanceStatus.LEAVE, "UW", ("UW",), ("leave", "UW", "DW"),
               N_("Leave"), NP_("column", "Leave"), NP_("short status", "Leave"),
               ("#ece0f3", "#6a3d8a"), DayKind.EXCUSED_ABSENCE),
    StatusInfo(AttendanceStatus.DAY_OFF, "W", ("W",), ("day_off", "W"),
               N_("Day off"), NP_("column", "Day off"), NP_("short status", "Day off"),
               ("#e6e9ec", "#5f6b73"), DayKind.DAY_OFF),
)}

# The statuses with a column in the month totals, in the table's order.
MONTH_TOTAL_STATUSES = tuple(status for status, info in STATUSES.items() if info.in_month_totals)
PRESENT_STATUSES = tuple(status for status, info in STATUSES.items() if info.is_present)


class NoteCategory(str, enum.Enum):
    SOCIAL = "social"
    VOCATIONAL = "vocational"
    SELF_CARE = "self_care"
    COMMUNICATION = "communication"
    HEALTH = "health"
    BEHAVIOUR = "behaviour"
    OTHER = "other"


class ExitReason(str, enum.Enum):
    """Why a participant left; each reason is described once, in ``EXIT_REASONS`` below."""

    EMPLOYMENT = "employment"
    SOCIAL_COOPERATIVE = "social_cooperative"
    OWN_BUSINESS = "own_business"  # działalność gospodarcza: the CIS report's economic independence
    ZAZ = "zaz"
    TRAINING = "training"
    HEALTH = "health"
    MOVED = "moved"
    DROPPED_OUT = "dropped_out"
    REMOVED = "removed"
    DEATH = "death"
    OTHER = "other"
    # Only an application closes for these (services/waiting_list.py): the person was never admitted.
    WITHDRAWN = "withdrawn"
    NOT_ELIGIBLE = "not_eligible"

    @property
    def info(self) -> ExitReasonInfo:
        return EXIT_REASONS[self]


@dataclass(frozen=True)
class ExitReasonInfo:
    """One exit reason: its label, the names it has in facilities' spreadsheets, what it counts as.

    The summary's exits by reason and every list of reasons follow the order of this table.
    """

    reason: ExitReason
    label: str  # N_(): translated where shown
    polish_names: tuple[str, ...]  # as in facilities' own spreadsheets, for the importer (lower case)
    to_work: bool = False  # the outcome figures' exits to work
    completed: bool = True  # False: the participation did not run its course


EXIT_REASONS: dict[ExitReason, ExitReasonInfo] = {info.reason: info for info in (
    ExitReasonInfo(ExitReason.EMPLOYMENT, N_("Employment"), ("zatrudnienie",), to_work=True),
    ExitReasonInfo(ExitReason.SOCIAL_COOPERATIVE, N_("Social cooperative"), ("spółdzielnia socjalna",),
                   to_work=True),
    ExitReasonInfo(ExitReason.OWN_BUSINESS, N_("Own business"),
                   ("działalność gospodarcza", "własna działalność gospodarcza", "własna działalność",
                    "własna firma", "samozatrudnienie"), to_work=True),
    ExitReasonInfo(ExitReason.ZAZ, N_("Vocational activity establishment (ZAZ)"), ("zaz",), to_work=True),
    ExitReasonInfo(ExitReason.TRAINING, N_("Further education or training"),
                   ("dalsza nauka/szkolenie", "dalsza nauka", "szkolenie")),
    ExitReasonInfo(ExitReason.HEALTH, N_("Health"), ("stan zdrowia",)),
    ExitReasonInfo(ExitReason.MOVED, N_("Moved away"), ("przeprowadzka",)),
    ExitReasonInfo(ExitReason.DROPPED_OUT, N_("Dropped out"), ("rezygnacja",), completed=False),
    ExitReasonInfo(ExitReason.REMOVED, N_("Removed from the list"), ("skreślenie z listy", "skreślenie"),
                   completed=False),
    ExitReasonInfo(ExitReason.DEATH, N_("Death"), ("zgon",), completed=False),
    ExitReasonInfo(ExitReason.OTHER, N_("Other"), ("inna",)),
    ExitReasonInfo(ExitReason.WITHDRAWN, N_("Application withdrawn"), ("wycofanie wniosku", "wycofanie"),
                   completed=False),
    ExitReasonInfo(ExitReason.NOT_ELIGIBLE, N_("Not eligible"), ("niespełnienie kryteriów", "brak kwalifikacji"),
                   completed=False),
)}


class ContractType(str, enum.Enum):
    EMPLOYMENT_CONTRACT = "employment_contract"  # umowa o pracę
    CIVIL_CONTRACT = "civil_contract"  # umowa zlecenie / o dzieło
    SELF_EMPLOYMENT = "self_employment"
    SOCIAL_COOPERATIVE = "social_cooperative"
    SUPPORTED_EMPLOYMENT = "supported_employment"  # ZAZ, zatrudnienie wspierane
    OTHER = "other"


class TrialDecision(str, enum.Enum):
    """CIS/KIS: what was decided at the end of the trial month (none recorded yet: NULL)."""

    PASSED = "passed"  # the participation goes on
    FAILED = "failed"  # the participation ends


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
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    EXPORT = "export"
    PRINT = "print"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    ANONYMISE = "anonymise"
    COPY = "copy"  # the whole database copied in from another (services/database_copy.py)
