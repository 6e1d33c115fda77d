"""Periodic assessments (oceny okresowe): recording, correcting, due dates, and progress over time.

An assessment scores some of the facility's skill areas (``services.skill_areas``) on a given day,
by the programme council or by an instructor. The screen draws the scores over time and compares
the first assessment with the latest, per area and per group of areas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from reintegra.db.enums import AssessorKind, AuditAction, Role, SkillGroup
from reintegra.db.models import Assessment, AssessmentScore, Participant, SkillArea, User
from reintegra.i18n import _, format_date
from reintegra.services import access, audit
from reintegra.services.dates import add_months
from reintegra.services.records import for_update, get_or_gone
from reintegra.services.validation import Checks
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.labels import label
from reintegra.services.participants import ParticipantState, get_participant, state_of

# Facility practice: a first assessment once the participant has settled in, then twice a year,
# matching the six-monthly review of the individual plan.
FIRST_ASSESSMENT_MONTHS = 1
ASSESSMENT_INTERVAL_MONTHS = 6
MAX_COMMENT_LENGTH = 10_000


@dataclass(frozen=True)
class ScoreItem:
    area_id: int
    area: str
    group: SkillGroup
    position: int
    scale_max: int
    score: int


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    day: date
    assessor_kind: AssessorKind
    assessor: str
    assessor_id: int | None
    comment: str
    version: int
    scores: tuple[ScoreItem, ...]  # in the facility's order of areas

    def score_of(self, area_id: int) -> int | None:
        return next((item.score for item in self.scores if item.area_id == area_id), None)

    def mean(self, group: SkillGroup) -> float | None:
        values = [item.score for item in self.scores if item.group is group]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class Line:
    """One line of the chart: a group's mean (``area_id`` None) or one area's scores."""

    name: str
    group: SkillGroup
    area_id: int | None
    points: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class ScoreSeries:
    scale_max: int
    days: tuple[date, ...]
    groups: tuple[Line, ...]
    areas: tuple[Line, ...]


@dataclass(frozen=True)
class ComparisonLine:
    """First and latest score of an area (or mean of a group); ``change`` is None when only one
    assessment scored it."""

    name: str
    group: SkillGroup
    area_id: int | None
    first_day: date
    first: float
    latest_day: date
    latest: float
    change: float | None


@dataclass(frozen=True)
class Comparison:
    first_day: date | None
    latest_day: date | None
    groups: tuple[ComparisonLine, ...]
    areas: tuple[ComparisonLine, ...]


# -- due dates ------------------------------------------------------------------------------------


def next_assessment_due(admission_date: date, last_assessment_day: date | None) -> date:
    if last_assessment_day is None:
        return add_months(admission_date, FIRST_ASSESSMENT_MONTHS)
    return add_months(last_assessment_day, ASSESSMENT_INTERVAL_MONTHS)


def due_for(session: Session, participant_id: int, *, actor: User | None = None) -> date | None:
    """When the participant's next assessment is due; None on the waiting list or after the exit."""
    participant = get_participant(session, participant_id, actor=actor)
    state = state_of(participant, date.today())
    if not state.admitted or state is ParticipantState.EXITED:
        return None
    last = session.scalar(select(func.max(Assessment.day)).where(Assessment.participant_id == participant_id))
    return next_assessment_due(participant.admission_date, last)


# -- changing -------------------------------------------------------------------------------------


def record_assessment(
    session: Session,
    participant_id: int,
    day: date | None,
    assessor_kind: AssessorKind,
    scores: Mapping[int, int | None],
    comment: str = "",
    *,
    actor: User | None = None,
    today: date | None = None,
) -> Assessment:
    participant = get_participant(session, participant_id, actor=actor, today=today)
    _require_assessor(actor, assessor_kind)
    cleaned, comment = _check_assessment(session, participant, day, scores, comment, today or date.today(), set())
    assessment = Assessment(participant_id=participant_id, day=day, assessor_kind=assessor_kind,
                            assessor_id=actor.id if actor else None, comment=comment)
    assessment.scores = [AssessmentScore(skill_area_id=area_id, score=score) for area_id, score in cleaned.items()]
    session.add(assessment)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "assessment", assessment.id,
                 {"participant_id": participant_id, "day": day, "assessor_kind": assessor_kind,
                  "scores": _plain_scores(cleaned)})
    return assessment


def edit_assessment(
    session: Session,
    assessment_id: int,
    expected_version: int,
    day: date | None,
    assessor_kind: AssessorKind,
    scores: Mapping[int, int | None],
    comment: str = "",
    *,
    actor: User | None = None,
    today: date | None = None,
) -> Assessment:
    """Corrects an assessment; an area since deactivated keeps the score it already had here."""
    assessment = _for_change(session, assessment_id, expected_version, actor)
    _require_assessor(actor, assessor_kind)
    old_scores = {item.skill_area_id: item.score for item in assessment.scores}
    cleaned, comment = _check_assessment(session, get_participant(session, assessment.participant_id), day, scores,
                                         comment, today or date.today(), set(old_scores))
    changes = audit.diff(assessment, {"day": day, "assessor_kind": assessor_kind, "comment": comment})
    if cleaned != old_scores:
        changes["scores"] = [_plain_scores(old_scores), _plain_scores(cleaned)]
    assessment.day, assessment.assessor_kind, assessment.comment = day, assessor_kind, comment
    by_area = {item.skill_area_id: item for item in assessment.scores}
    for area_id, item in by_area.items():
        if area_id not in cleaned:
            assessment.scores.remove(item)
        elif item.score != cleaned[area_id]:
            item.score = cleaned[area_id]
    for area_id, score in cleaned.items():
        if area_id not in by_area:
            assessment.scores.append(AssessmentScore(skill_area_id=area_id, score=score))
    # The version lives on the assessment row; a change of scores alone must move it too.
    flag_modified(assessment, "comment")
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "assessment", assessment.id, changes)
    return assessment


def delete_assessment(session: Session, assessment_id: int, expected_version: int, *,
                      actor: User | None = None) -> None:
    """Removes an assessment entered by mistake, with its scores."""
    assessment = _for_change(session, assessment_id, expected_version, actor)
    audit.record(session, actor, AuditAction.DELETE, "assessment", assessment.id,
                 {"participant_id": assessment.participant_id, "day": assessment.day,
                  "scores": _plain_scores({s.skill_area_id: s.score for s in assessment.scores})})
    session.delete(assessment)
    session.flush()


class Someone(Protocol):
    """A user record, or the screen's signed-in user: what the permission rules look at."""

    id: int | None
    role: Role


def may_change(actor: Someone | None, assessor_kind: AssessorKind, assessor_id: int | None) -> bool:
    """Whether ``actor`` may correct or delete such an assessment (also for the screen's buttons)."""
    if actor is None or actor.role is not Role.INSTRUCTOR:
        return True
    return assessor_kind is AssessorKind.INSTRUCTOR and assessor_id == actor.id


def _require_assessor(actor: User | None, assessor_kind: AssessorKind) -> None:
    if not isinstance(assessor_kind, AssessorKind):
        raise ValidationError("assessor_kind", _("Choose who made the assessment."))
    if assessor_kind is AssessorKind.COUNCIL and actor is not None and actor.role is Role.INSTRUCTOR:
        raise PermissionDenied(_("Only a director can record an assessment by the programme council."))


def _for_change(session: Session, assessment_id: int, expected_version: int, actor: User | None) -> Assessment:
    assessment = for_update(session, Assessment, assessment_id, expected_version)
    access.require_participant(session, actor, assessment.participant_id)
    if not may_change(actor, assessment.assessor_kind, assessment.assessor_id):
        raise PermissionDenied(_("Only the instructor who made this assessment, or a director, can change it."))
    return assessment


def check_assessment(session: Session, participant_id: int, day: date | None, scores: Mapping[int, int | None],
                     comment: str = "", *, assessment_id: int | None = None, actor: User | None = None,
                     today: date | None = None) -> None:
    """What ``record_assessment`` (or, with ``assessment_id``, ``edit_assessment``) would refuse,
    every field at once, writing nothing."""
    participant = get_participant(session, participant_id, actor=actor, today=today)
    kept = set()
    if assessment_id is not None:
        kept = {item.skill_area_id for item in get_or_gone(session, Assessment, assessment_id).scores}
    _check_assessment(session, participant, day, scores, comment, today or date.today(), kept)


def _check_assessment(session: Session, participant: Participant, day: date | None,
                      scores: Mapping[int, int | None], comment: str, today: date,
                      kept: set[int]) -> tuple[dict[int, int], str]:
    """The assessment's fields, every refusal at once; the scores and comment as they are saved."""
    checks = Checks()
    cleaned: dict[int, int] = {}
    with checks.field():
        _check_day(participant, day, today)
    with checks.field():
        cleaned = _clean_scores(session, scores, kept=kept)
    with checks.field():
        comment = _clean_comment(comment)
    checks.raise_any()
    return cleaned, comment


def _check_day(participant: Participant, day: date | None, today: date) -> None:
    if day is None:
        raise ValidationError("day", _("Enter the date of the assessment."))
    if participant.admission_date is None:
        raise ValidationError("day", _("{name} is on the waiting list; assessments start after the admission.")
                              .format(name=participant.full_name))
    if day > today:
        raise ValidationError("day", _("An assessment cannot be dated in the future."))
    if day < participant.admission_date:
        raise ValidationError("day", _("The assessment cannot be dated before the admission ({date}).").format(
            date=format_date(participant.admission_date)))
    if participant.exit_date is not None and day > participant.exit_date:
        raise ValidationError("day", _("The assessment cannot be dated after the exit ({date}).").format(
            date=format_date(participant.exit_date)))


def _clean_scores(session: Session, scores: Mapping[int, int | None], *, kept: set[int]) -> dict[int, int]:
    """The given scores checked against their areas; ``kept`` are areas this assessment already
    scored, which stay usable after being deactivated."""
    given = {int(area_id): score for area_id, score in scores.items() if score is not None}
    if not given:
        raise ValidationError("scores", _("Score at least one skill area."))
    areas = {area.id: area for area in session.scalars(select(SkillArea).where(SkillArea.id.in_(list(given))))}
    cleaned = {}
    for area_id, score in given.items():
        area = areas.get(area_id)
        if area is None:
            raise ValidationError("scores", _("One of the skill areas no longer exists; reload the form."))
        if not area.active and area_id not in kept:
            raise ValidationError("scores", _("The skill area “{area}” is no longer in use.").format(
                area=area.name))
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= area.scale_max:
            raise ValidationError("scores", _("The score in “{area}” must be a whole number from 1 to {max}.")
                                  .format(area=area.name, max=area.scale_max))
        cleaned[area_id] = score
    return dict(sorted(cleaned.items()))


def _clean_comment(comment: str | None) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ValidationError("comment", _("The comment is too long (at most {count} characters).").format(
            count=MAX_COMMENT_LENGTH))
    return comment


def _plain_scores(scores: Mapping[int, int]) -> dict[str, int]:
    return {str(area_id): score for area_id, score in sorted(scores.items())}


# -- reading --------------------------------------------------------------------------------------


def assessments_for(session: Session, participant_id: int, *, actor: User | None = None) -> list[AssessmentRow]:
    """The participant's assessments, oldest first, each with its scores."""
    access.require_participant(session, actor, participant_id)
    found = session.execute(
        select(Assessment, User.full_name, User.username)
        .outerjoin(User, User.id == Assessment.assessor_id)
        .where(Assessment.participant_id == participant_id)
        .order_by(Assessment.day, Assessment.id)).all()
    scores: dict[int, list[ScoreItem]] = {assessment.id: [] for assessment, _name, _user in found}
    if scores:
        for assessment_id, area_id, name, group, position, scale_max, score in session.execute(
                select(AssessmentScore.assessment_id, SkillArea.id, SkillArea.name, SkillArea.group,
                       SkillArea.position, SkillArea.scale_max, AssessmentScore.score)
                .join(SkillArea, SkillArea.id == AssessmentScore.skill_area_id)
                .where(AssessmentScore.assessment_id.in_(list(scores)))
                .order_by(SkillArea.position, SkillArea.id)):
            scores[assessment_id].append(ScoreItem(area_id, name, group, position, scale_max, score))
    return [AssessmentRow(a.id, a.day, a.assessor_kind, full_name or username or "", a.assessor_id,
                          a.comment or "", a.version, tuple(scores[a.id]))
            for a, full_name, username in found]


def score_series(session: Session, participant_id: int, *, actor: User | None = None) -> ScoreSeries:
    return series_of(assessments_for(session, participant_id, actor=actor))


def first_and_latest(session: Session, participant_id: int, *, actor: User | None = None) -> Comparison:
    return comparison_of(assessments_for(session, participant_id, actor=actor))


def series_of(rows: Sequence[AssessmentRow]) -> ScoreSeries:
    """The chart's lines from assessments (oldest first): group means, and each area's scores."""
    scale_max = max((item.scale_max for row in rows for item in row.scores), default=5)
    groups = []
    for group in SkillGroup:
        points = tuple((row.day, mean) for row in rows if (mean := row.mean(group)) is not None)
        if points:
            groups.append(Line(label(group), group, None, points))
    areas = [Line(item.area, item.group, item.area_id,
                  tuple((row.day, float(score)) for row in rows if (score := row.score_of(item.area_id)) is not None))
             for item in _areas_in(rows)]
    return ScoreSeries(scale_max, tuple(row.day for row in rows), tuple(groups), tuple(areas))


def comparison_of(rows: Sequence[AssessmentRow]) -> Comparison:
    """Per group and per area: the value at the first assessment that scored it against the latest."""
    groups = []
    for group in SkillGroup:
        scored = [(row, mean) for row in rows if (mean := row.mean(group)) is not None]
        if scored:
            groups.append(_compare(label(group), group, None, scored))
    areas = []
    for item in _areas_in(rows):
        scored = [(row, float(score)) for row in rows if (score := row.score_of(item.area_id)) is not None]
        areas.append(_compare(item.area, item.group, item.area_id, scored))
    return Comparison(rows[0].day if rows else None, rows[-1].day if rows else None, tuple(groups), tuple(areas))


def _compare(name: str, group: SkillGroup, area_id: int | None,
             scored: list[tuple[AssessmentRow, float]]) -> ComparisonLine:
    (first_row, first), (latest_row, latest) = scored[0], scored[-1]
    change = latest - first if first_row.id != latest_row.id else None
    return ComparisonLine(name, group, area_id, first_row.day, first, latest_row.day, latest, change)


def _areas_in(rows: Sequence[AssessmentRow]) -> list[ScoreItem]:
    """One item per area scored in any of the rows, in the facility's order (groups together)."""
    seen: dict[int, ScoreItem] = {}
    for row in rows:
        for item in row.scores:
            seen.setdefault(item.area_id, item)
    order = list(SkillGroup)
    return sorted(seen.values(), key=lambda item: (order.index(item.group), item.position, item.area_id))
