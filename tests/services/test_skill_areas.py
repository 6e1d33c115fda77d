"""Skill areas: the defaults made once, a director's changes, and what is refused."""

from datetime import date

import pytest
from sqlalchemy import func, select

from factories import admit
from reintegra.db.enums import AssessorKind, AuditAction, Role, SkillGroup
from reintegra.db.models import AuditEntry, SkillArea
from reintegra.i18n import _
from reintegra.services import assessments, skill_areas, users
from reintegra.services.errors import ConflictError, PermissionDenied, ValidationError
from reintegra.services.skill_areas import AreaFields

TODAY = date(2026, 11, 23)


def _names(session, **options):
    return [area.name for area in skill_areas.list_areas(session, **options)]


def test_defaults_are_made_once_in_the_three_groups(session):
    assert skill_areas.ensure_defaults(session) is True
    areas = skill_areas.list_areas(session)
    assert [area.name for area in areas] == [_(name) for name, _group in skill_areas.DEFAULT_AREAS]
    assert _("Communication") in _names(session)  # already in the catalog: "Komunikacja"
    assert {area.group for area in areas} == set(SkillGroup)
    assert all(area.scale_max == 5 and area.active for area in areas)
    assert areas[0].levels == tuple(_(text) for text in skill_areas.DEFAULT_LEVELS)
    assert areas[0].level_text(1) == _("Needs full help")
    assert areas[0].level_text(5) == _("Does it independently")

    assert skill_areas.ensure_defaults(session) is False
    assert session.scalar(select(func.count()).select_from(SkillArea)) == len(skill_areas.DEFAULT_AREAS)


def test_no_defaults_beside_the_facilitys_own_areas(session):
    skill_areas.add_area(session, AreaFields("Samoobsługa", SkillGroup.SELF_RELIANCE))
    assert skill_areas.ensure_defaults(session) is False
    assert _names(session) == ["Samoobsługa"]


def test_no_defaults_when_every_area_is_deactivated(session):
    area = skill_areas.add_area(session, AreaFields("Samoobsługa", SkillGroup.SELF_RELIANCE))
    skill_areas.set_active(session, area.id, area.version, False)
    assert skill_areas.ensure_defaults(session) is False
    assert _names(session) == []
    assert _names(session, include_inactive=True) == ["Samoobsługa"]


def test_add_edit_and_reorder(session):
    first = skill_areas.add_area(session, AreaFields("  Komunikacja   werbalna ", SkillGroup.SOCIAL, 4,
                                                     ("brak", "słaba", "dobra", "bardzo dobra")))
    second = skill_areas.add_area(session, AreaFields("Punktualność", SkillGroup.VOCATIONAL))
    third = skill_areas.add_area(session, AreaFields("Higiena", SkillGroup.SELF_RELIANCE))
    assert _names(session) == ["Komunikacja werbalna", "Punktualność", "Higiena"]
    assert skill_areas.get_area(session, first.id).levels == ("brak", "słaba", "dobra", "bardzo dobra")
    assert skill_areas.get_area(session, second.id).levels == ("",) * 5

    skill_areas.update_area(session, second.id, second.version,
                            AreaFields("Punktualność i obowiązkowość", SkillGroup.SOCIAL, 3, ("a", "b", "c", "d")))
    changed = skill_areas.get_area(session, second.id)
    assert (changed.name, changed.group, changed.scale_max, changed.levels) == (
        "Punktualność i obowiązkowość", SkillGroup.SOCIAL, 3, ("a", "b", "c"))

    skill_areas.move_area(session, third.id, -1)
    assert _names(session) == ["Komunikacja werbalna", "Higiena", "Punktualność i obowiązkowość"]
    skill_areas.move_area(session, third.id, -1)
    skill_areas.move_area(session, third.id, -1)  # already first: nothing moves
    assert _names(session) == ["Higiena", "Komunikacja werbalna", "Punktualność i obowiązkowość"]
    skill_areas.move_area(session, first.id, +1)
    assert _names(session) == ["Higiena", "Punktualność i obowiązkowość", "Komunikacja werbalna"]


@pytest.mark.parametrize("name", ["", "   ", "komunikacja", "KOMUNIKACJA "])
def test_empty_or_duplicate_name_is_refused(session, name):
    skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
    with pytest.raises(ValidationError) as refused:
        skill_areas.add_area(session, AreaFields(name, SkillGroup.SOCIAL))
    assert refused.value.field == "name"
    assert refused.value.message.endswith(".")
    assert _names(session) == ["Komunikacja"]


def test_renaming_to_another_areas_name_is_refused_but_keeping_ones_own_is_not(session):
    skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
    other = skill_areas.add_area(session, AreaFields("Współpraca", SkillGroup.SOCIAL))
    with pytest.raises(ValidationError):
        skill_areas.update_area(session, other.id, other.version, AreaFields("komunikacja", SkillGroup.SOCIAL))
    skill_areas.update_area(session, other.id, other.version, AreaFields("współpraca", SkillGroup.SOCIAL))
    assert _names(session) == ["Komunikacja", "współpraca"]


@pytest.mark.parametrize("scale_max", [1, 11])
def test_scale_outside_2_to_10_is_refused(session, scale_max):
    with pytest.raises(ValidationError) as refused:
        skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL, scale_max))
    assert refused.value.field == "scale_max"


def test_the_scale_of_a_scored_area_no_longer_changes(session):
    area = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL, 6))
    skill_areas.update_area(session, area.id, area.version, AreaFields("Komunikacja", SkillGroup.SOCIAL, 5))
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    assessments.record_assessment(session, person.id, date(2024, 2, 8), AssessorKind.INSTRUCTOR, {area.id: 4},
                                  today=TODAY)
    for scale in (3, 10):
        with pytest.raises(ValidationError) as refused:
            skill_areas.update_area(session, area.id, area.version, AreaFields("Komunikacja", SkillGroup.SOCIAL, scale))
        assert refused.value.field == "scale_max" and "1–5" in refused.value.message
    assert skill_areas.get_area(session, area.id).scale_max == 5
    skill_areas.update_area(session, area.id, area.version, AreaFields("Komunikacja i mowa", SkillGroup.SOCIAL, 5))
    assert skill_areas.get_area(session, area.id).name == "Komunikacja i mowa"


def test_a_used_area_is_deactivated_not_deleted(session):
    used = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
    unused = skill_areas.add_area(session, AreaFields("Literówka", SkillGroup.SOCIAL))
    person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    assessments.record_assessment(session, person.id, date(2024, 2, 8), AssessorKind.INSTRUCTOR, {used.id: 3},
                                  today=TODAY)
    with pytest.raises(ValidationError):
        skill_areas.delete_area(session, used.id, used.version)
    skill_areas.delete_area(session, unused.id, unused.version)
    assert _names(session, include_inactive=True) == ["Komunikacja"]

    skill_areas.set_active(session, used.id, used.version, False)
    assert _names(session) == []
    row = skill_areas.list_areas(session, include_inactive=True)[0]
    assert (row.active, row.scores) == (False, 1)
    skill_areas.set_active(session, used.id, used.version, True)
    assert _names(session) == ["Komunikacja"]


def test_only_a_director_or_administrator_changes_areas(session):
    instructor = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna")
    director = users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa")
    admin = users.create_user(session, "root", "dlugiehaslo", Role.ADMINISTRATOR, "Root")
    with pytest.raises(PermissionDenied):
        skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL), actor=instructor)
    area = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL), actor=director)
    for change in (lambda: skill_areas.set_active(session, area.id, area.version, False, actor=instructor),
                   lambda: skill_areas.move_area(session, area.id, 1, actor=instructor),
                   lambda: skill_areas.delete_area(session, area.id, area.version, actor=instructor),
                   lambda: skill_areas.update_area(session, area.id, area.version,
                                                   AreaFields("X", SkillGroup.SOCIAL), actor=instructor)):
        with pytest.raises(PermissionDenied):
            change()
    skill_areas.update_area(session, area.id, area.version, AreaFields("Komunikacja i kontakt", SkillGroup.SOCIAL),
                            actor=admin)
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "skill_area")
                              .order_by(AuditEntry.id)).all()
    assert [(e.action, e.username) for e in entries] == [(AuditAction.CREATE, "ewa"), (AuditAction.UPDATE, "root")]
    assert entries[1].changes["name"] == ["Komunikacja", "Komunikacja i kontakt"]


def test_a_stale_version_is_a_conflict(session):
    area = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
    stale = area.version
    skill_areas.update_area(session, area.id, stale, AreaFields("Komunikacja", SkillGroup.SOCIAL, 4))
    with pytest.raises(ConflictError):
        skill_areas.update_area(session, area.id, stale, AreaFields("Kontakt", SkillGroup.SOCIAL))
    with pytest.raises(ConflictError):
        skill_areas.set_active(session, area.id, stale, False)
    assert _names(session) == ["Komunikacja"]
