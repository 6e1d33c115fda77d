"""Anonymised people stay as they are: no service may change their records afterwards.

Anonymisation (services/anonymisation.py) keeps only what the statistics count; a later edit would
either bring personal data back or change past figures. Rather than one check in each of the
services that write a participant's records, a ``before_flush`` hook on every session refuses any
new, changed or deleted row that belongs to a person whose ``anonymised_at`` is set — so a service
added later is covered too. The audit log is exempt (an export of what remains is still recorded);
anonymisation itself passes by setting ``session.info[ANONYMISING]``.

Imported by services/records.py, which every service that writes loads, so the hook is always on.
"""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from reintegra.db.models import (
    Assessment,
    AssessmentScore,
    IndividualPlan,
    Participant,
    Person,
    PlanGoal,
    PlanReview,
)
from reintegra.i18n import _
from reintegra.services.errors import ReintegraError

ANONYMISING = "reintegra.anonymising"


class AnonymisedError(ReintegraError):
    """A change to the records of a person who was anonymised."""


def refusal() -> AnonymisedError:
    return AnonymisedError(_("This person's data were anonymised after the retention period, so their records "
                             "can no longer be changed."))


def is_anonymised(session: Session, participant_id: int) -> bool:
    return session.scalar(select(Person.anonymised_at).join(Participant, Participant.person_id == Person.id)
                          .where(Participant.id == participant_id)) is not None


def require_not_anonymised(session: Session, participant_id: int) -> None:
    """Refuses, before anything is checked or typed, a change to an anonymised person's records."""
    if is_anonymised(session, participant_id):
        raise refusal()


def _owners(session: Session, objects) -> set[int]:
    """The participants the rows in ``objects`` belong to."""
    people: set[int] = set()
    plan_ids: set[int] = set()
    assessment_ids: set[int] = set()
    for obj in objects:
        if isinstance(obj, Participant):
            if obj.id is not None:
                people.add(obj.id)
        elif isinstance(obj, Person):
            if obj.id is not None:
                people.update(session.scalars(select(Participant.id).where(Participant.person_id == obj.id)))
        elif isinstance(obj, (PlanGoal, PlanReview)):
            if obj.plan_id is not None:
                plan_ids.add(obj.plan_id)
            elif obj.plan is not None and obj.plan.participant_id is not None:
                people.add(obj.plan.participant_id)
        elif isinstance(obj, AssessmentScore):
            if obj.assessment_id is not None:
                assessment_ids.add(obj.assessment_id)
            elif obj.assessment is not None and obj.assessment.participant_id is not None:
                people.add(obj.assessment.participant_id)
        elif hasattr(obj, "participant_id") and obj.__tablename__ != "audit_log":
            if obj.participant_id is not None:
                people.add(obj.participant_id)
    if plan_ids:
        people.update(session.scalars(select(IndividualPlan.participant_id).where(IndividualPlan.id.in_(plan_ids))))
    if assessment_ids:
        people.update(session.scalars(select(Assessment.participant_id).where(Assessment.id.in_(assessment_ids))))
    return people


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_anonymised(session: Session, _context, _instances) -> None:
    if session.info.get(ANONYMISING):
        return
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    objects = [*session.new, *changed, *session.deleted]
    if not objects:
        return
    with session.no_autoflush:
        if session.scalar(select(Person.id).where(Person.anonymised_at.is_not(None)).limit(1)) is None:
            return  # nobody is anonymised: the usual case, one cheap query
        people = _owners(session, objects)
        if people and session.scalar(select(Participant.id).join(Person, Person.id == Participant.person_id).where(
                Participant.id.in_(people), Person.anonymised_at.is_not(None)).limit(1)) is not None:
            raise refusal()
