"""Progress notes (notatki o postępach): a dated timeline per participant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, NoteCategory, Role
from reintegra.db.models import ProgressNote, User, Workshop
from reintegra.i18n import _
from reintegra.services import access, audit
from reintegra.services.records import for_update
from reintegra.services.errors import PermissionDenied, ValidationError
from reintegra.services.participants import get_participant
from reintegra.services.validation import Checks, not_in_future

MAX_NOTE_LENGTH = 10_000


@dataclass(frozen=True)
class NoteRow:
    id: int
    day: date
    category: NoteCategory
    text: str
    author: str
    workshop: str
    author_id: int | None
    version: int


def add_note(
    session: Session,
    participant_id: int,
    day: date,
    category: NoteCategory,
    text: str,
    *,
    workshop_id: int | None = None,
    actor: User | None = None,
    today: date | None = None,
) -> ProgressNote:
    participant = get_participant(session, participant_id, actor=actor, today=today)
    text = _check_note(participant, day, text, today or date.today())
    note = ProgressNote(participant_id=participant_id, day=day, category=category, text=text,
                        workshop_id=workshop_id, author_id=actor.id if actor else None)
    session.add(note)
    session.flush()
    audit.record(session, actor, AuditAction.CREATE, "progress_note", note.id,
                 {"participant_id": participant_id, "category": category})
    return note


def check_note(session: Session, participant_id: int, day: date | None, text: str, *,
               actor: User | None = None, today: date | None = None) -> None:
    """What ``add_note`` would refuse, every field at once, writing nothing (``day`` None: a date
    the form could not read, refused there)."""
    participant = get_participant(session, participant_id, actor=actor, today=today)
    _check_note(participant, day, text, today or date.today())


def _check_note(participant, day: date | None, text: str, today: date) -> str:
    """The note's rules, every refusal at once; the text as it is saved."""
    checks = Checks()
    with checks.field():
        text = _clean_text(text)
    with checks.field():
        not_in_future("day", day, today, message=_("A note cannot be dated in the future."))
        if day is not None and participant.admission_date is not None and day < participant.admission_date:
            raise ValidationError("day", _("The note cannot be dated before the admission."))
    checks.raise_any()
    return text


def edit_note(
    session: Session, note_id: int, expected_version: int, category: NoteCategory, text: str, *,
    actor: User | None = None,
) -> ProgressNote:
    """Only the author (or someone above an instructor) edits a note."""
    note = for_update(session, ProgressNote, note_id, expected_version)
    access.require_participant(session, actor, note.participant_id)
    if actor is not None and actor.role is Role.INSTRUCTOR and note.author_id != actor.id:
        raise PermissionDenied(_("Only the author can change this note."))
    changes = audit.diff(note, {"category": category, "text": _clean_text(text)})
    note.category = category
    note.text = _clean_text(text)
    session.flush()
    audit.record(session, actor, AuditAction.UPDATE, "progress_note", note.id, changes)
    return note


def notes_of(
    session: Session,
    participant_id: int,
    *,
    category: NoteCategory | None = None,
    author_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    actor: User | None = None,
) -> list[NoteRow]:
    """The participant's notes, newest first, optionally filtered."""
    access.require_participant(session, actor, participant_id)
    query = (
        select(ProgressNote, User.full_name, User.username, Workshop.name)
        .outerjoin(User, User.id == ProgressNote.author_id)
        .outerjoin(Workshop, Workshop.id == ProgressNote.workshop_id)
        .where(ProgressNote.participant_id == participant_id)
        .order_by(ProgressNote.day.desc(), ProgressNote.id.desc())
    )
    if category is not None:
        query = query.where(ProgressNote.category == category)
    if author_id is not None:
        query = query.where(ProgressNote.author_id == author_id)
    if start is not None:
        query = query.where(ProgressNote.day >= start)
    if end is not None:
        query = query.where(ProgressNote.day <= end)
    return [
        NoteRow(note.id, note.day, note.category, note.text, full_name or username or "", workshop or "",
                note.author_id, note.version)
        for note, full_name, username, workshop in session.execute(query)
    ]


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError("text", _("The note is empty."))
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError("text", _("The note is too long (at most {count} characters).").format(
            count=MAX_NOTE_LENGTH))
    return text
