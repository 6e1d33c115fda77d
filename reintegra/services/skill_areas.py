"""The facility's skill areas for periodic assessments: defaults, listing, and a director's changes.

Each area belongs to one of the three groups the WTZ annual report asks about (self-reliance,
social and vocational rehabilitation) and has its own scale, 1 to ``scale_max``, with a
description of each level. An area that was ever scored is never deleted, only deactivated, and
its scale no longer changes (a 4 of 5 read as a 4 of 10 would mean something else), so that old
assessments keep their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Role, SkillGroup
from reintegra.db.models import AssessmentScore, SkillArea, User
from reintegra.i18n import N_, _
from reintegra.services import audit
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.validation import check_length
from reintegra.services.errors import NotFoundError, ValidationError
from reintegra.services.users import require_role

MIN_SCALE_MAX, MAX_SCALE_MAX = 2, 10
DEFAULT_SCALE_MAX = 5
MAX_DESCRIPTION_LENGTH = 200

# Suited to a WTZ or a CIS; the facility renames, adds or deactivates them in the settings.
DEFAULT_AREAS = (
    (N_("Self-care and personal hygiene"), SkillGroup.SELF_RELIANCE),
    (N_("Independence in everyday matters"), SkillGroup.SELF_RELIANCE),
    (N_("Communication"), SkillGroup.SOCIAL),
    (N_("Teamwork"), SkillGroup.SOCIAL),
    (N_("Vocational skills"), SkillGroup.VOCATIONAL),
    (N_("Punctuality and reliability"), SkillGroup.VOCATIONAL),
    (N_("Motivation to work"), SkillGroup.VOCATIONAL),
)
DEFAULT_LEVELS = (
    N_("Needs full help"),
    N_("Needs a lot of help"),
    N_("Needs partial help"),
    N_("Needs only reminders or supervision"),
    N_("Does it independently"),
)


@dataclass(frozen=True)
class AreaFields:
    """What a director types for an area; ``levels`` holds one description per level, 1 first."""

    name: str
    group: SkillGroup
    scale_max: int = DEFAULT_SCALE_MAX
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    group: SkillGroup
    position: int
    active: bool
    scale_max: int
    levels: tuple[str, ...]
    version: int
    scores: int  # how many scores were given in this area

    def level_text(self, score: int) -> str:
        return self.levels[score - 1] if 1 <= score <= len(self.levels) else ""


def ensure_defaults(session: Session) -> bool:
    """Creates the default areas, in the current language, when the facility has none at all."""
    if session.scalar(select(func.count()).select_from(SkillArea)):
        return False
    levels = [_(text) for text in DEFAULT_LEVELS]
    for position, (name, group) in enumerate(DEFAULT_AREAS):
        session.add(SkillArea(name=_(name), group=group, position=position, active=True,
                              scale_max=DEFAULT_SCALE_MAX, level_descriptions=list(levels)))
    session.flush()
    audit.record(session, None, AuditAction.CREATE, "skill_area", None, {"defaults": len(DEFAULT_AREAS)})
    return True


def list_areas(session: Session, *, include_inactive: bool = False) -> list[AreaRow]:
    """The areas in the facility's order (active ones only unless asked)."""
    used = (select(AssessmentScore.skill_area_id, func.count().label("scores"))
            .group_by(AssessmentScore.skill_area_id).subquery())
    query = (select(SkillArea, func.coalesce(used.c.scores, 0))
             .outerjoin(used, used.c.skill_area_id == SkillArea.id)
             .order_by(SkillArea.position, SkillArea.id))
    if not include_inactive:
        query = query.where(SkillArea.active.is_(True))
    return [_row(area, scores) for area, scores in session.execute(query)]


def get_area(session: Session, area_id: int) -> AreaRow:
    area = get_or_gone(session, SkillArea, area_id)
    return _row(area, _score_count(session, area_id))


def add_area(session: Session, fields: AreaFields, *, actor: User | None = None) -> SkillArea:
    require_role(actor, Role.DIRECTOR)
    values = _clean(session, fields, own_id=None)
    last = session.scalar(select(func.max(SkillArea.position)))
    area = SkillArea(position=(last + 1) if last is not None else 0, active=True, **values)
    session.add(area)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "skill_area", area.id,
                 {"name": area.name, "group": area.group, "scale_max": area.scale_max})
    return area


def update_area(session: Session, area_id: int, expected_version: int, fields: AreaFields, *,
                actor: User | None = None) -> SkillArea:
    """Renames the area, moves it to another group, changes its scale or level descriptions."""
    require_role(actor, Role.DIRECTOR)
    area = for_update(session, SkillArea, area_id, expected_version)
    values = _clean(session, fields, own_id=area.id)
    scored = session.scalar(select(func.count()).select_from(AssessmentScore)
                            .where(AssessmentScore.skill_area_id == area.id))
    if scored and values["scale_max"] != area.scale_max:
        raise ValidationError("scale_max", _(
            "Scores on the scale of 1–{scale} were already given in this area, so its scale cannot change; "
            "add a new area with the other scale and deactivate this one.").format(scale=area.scale_max))
    changes = audit.diff(area, values)
    for field, value in values.items():
        setattr(area, field, value)
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "skill_area", area.id, changes)
    return area


def set_active(session: Session, area_id: int, expected_version: int, active: bool, *,
               actor: User | None = None) -> SkillArea:
    """Deactivates an area (kept with its scores, no longer offered) or brings it back."""
    require_role(actor, Role.DIRECTOR)
    area = for_update(session, SkillArea, area_id, expected_version)
    if area.active != active:
        area.active = active
        session.flush()
        audit.record(session, actor, AuditAction.UPDATE, "skill_area", area.id, {"active": [not active, active]})
    return area


def move_area(session: Session, area_id: int, offset: int, *, actor: User | None = None) -> None:
    """Moves the area one place up (``offset`` -1) or down (+1) in the facility's order."""
    require_role(actor, Role.DIRECTOR)
    ordered = list(session.scalars(select(SkillArea).order_by(SkillArea.position, SkillArea.id)))
    index = next((i for i, area in enumerate(ordered) if area.id == area_id), None)
    if index is None:
        raise NotFoundError(_("This skill area no longer exists."))
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, area in enumerate(ordered):
        if area.position != position:
            area.position = position
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "skill_area", area_id, {"position": [index, target]})


def delete_area(session: Session, area_id: int, expected_version: int, *, actor: User | None = None) -> None:
    """Deletes an area added by mistake; one that was ever scored can only be deactivated."""
    require_role(actor, Role.DIRECTOR)
    area = for_update(session, SkillArea, area_id, expected_version)
    if _score_count(session, area.id):
        raise ValidationError("name", _(
            "This skill area was already used in assessments; deactivate it instead of deleting it."))
    audit.record(session, actor, AuditAction.DELETE, "skill_area", area.id, {"name": area.name})
    session.delete(area)
    session.flush()


def _clean(session: Session, fields: AreaFields, *, own_id: int | None) -> dict:
    name = " ".join((fields.name or "").split())
    if not name:
        raise ValidationError("name", _("Enter the name of the skill area."))
    check_length(SkillArea, "name", name)
    key = name.casefold()
    for other_id, other_name in session.execute(select(SkillArea.id, SkillArea.name)):
        if other_id != own_id and other_name.casefold() == key:
            raise ValidationError("name", _("A skill area named “{name}” already exists.").format(name=other_name))
    if not isinstance(fields.group, SkillGroup):
        raise ValidationError("group", _("Choose the group of the skill area."))
    scale_max = fields.scale_max
    if not isinstance(scale_max, int) or not MIN_SCALE_MAX <= scale_max <= MAX_SCALE_MAX:
        raise ValidationError("scale_max", _("The scale must end at a number from {low} to {high}.").format(
            low=MIN_SCALE_MAX, high=MAX_SCALE_MAX))
    levels = [" ".join((text or "").split()) for text in fields.levels[:scale_max]]
    levels += [""] * (scale_max - len(levels))
    for score, text in enumerate(levels, start=1):
        if len(text) > MAX_DESCRIPTION_LENGTH:
            raise ValidationError(f"level-{score}", _(
                "The description of level {score} is too long (at most {count} characters).").format(
                score=score, count=MAX_DESCRIPTION_LENGTH))
    return {"name": name, "group": fields.group, "scale_max": scale_max, "level_descriptions": levels}




def _score_count(session: Session, area_id: int) -> int:
    return session.scalar(select(func.count()).select_from(AssessmentScore)
                          .where(AssessmentScore.skill_area_id == area_id)) or 0


def _row(area: SkillArea, scores: int) -> AreaRow:
    levels = tuple(area.level_descriptions or ())[:area.scale_max]
    levels += ("",) * (area.scale_max - len(levels))
    return AreaRow(area.id, area.name, area.group, area.position, area.active, area.scale_max, levels,
                   area.version, int(scores))
