"""Labels of the enums and the parsers importers use."""

import pytest

from reintegra.db.enums import (
    AttendanceStatus,
    ContractType,
    EmploymentStatus,
    ExitReason,
    NoteCategory,
    ReviewKind,
    SkillGroup,
)
from reintegra.services import labels


def test_members_with_equal_values_keep_their_own_labels():
    assert labels.label(ExitReason.ZAZ) == "Zakład aktywności zawodowej (ZAZ)"
    assert labels.label(EmploymentStatus.ZAZ) == "Zatrudniony w ZAZ"
    assert labels.label(ExitReason.SOCIAL_COOPERATIVE) == "Spółdzielnia socjalna"
    assert labels.label(ContractType.SOCIAL_COOPERATIVE) == "Członkostwo w spółdzielni socjalnej"
    assert labels.label(NoteCategory.SOCIAL) == "Społeczna"
    assert labels.label(SkillGroup.SOCIAL) == "Rehabilitacja społeczna"
    assert labels.label(ReviewKind.COUNCIL) == "Ocena kompleksowa rady programowej"


def test_every_member_has_a_label():
    from reintegra.db import enums

    for enum_type in (getattr(enums, name) for name in dir(enums)):
        if isinstance(enum_type, type) and issubclass(enum_type, enums.enum.Enum) and enum_type not in (
                enums.enum.Enum, enums.AuditAction, enums.DayKind):
            for member in enum_type:
                assert labels.label(member), member


@pytest.mark.parametrize("text, reason", [
    ("employment", ExitReason.EMPLOYMENT), ("Zatrudnienie", ExitReason.EMPLOYMENT),
    ("spółdzielnia  socjalna", ExitReason.SOCIAL_COOPERATIVE), ("SKREŚLENIE Z LISTY", ExitReason.REMOVED),
    ("dalsza nauka/szkolenie", ExitReason.TRAINING), ("", None), ("urlop", None),
])
def test_parse_exit_reason(text, reason):
    assert labels.parse_exit_reason(text) is reason


@pytest.mark.parametrize("text, status", [
    ("O", AttendanceStatus.PRESENT), ("l4", AttendanceStatus.SICK), ("UW", AttendanceStatus.LEAVE),
    ("day_off", AttendanceStatus.DAY_OFF), ("X", None),
])
def test_parse_status(text, status):
    assert labels.parse_status(text) is status
