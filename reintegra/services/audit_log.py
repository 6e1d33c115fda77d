"""Reading the audit log: entries filtered by person, user, kind and period, newest first, a page
at a time, each with a readable sentence. Only directors and administrators read it: it names every
person whose data were touched and by whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry, Participant, User, Workshop
from reintegra.i18n import _, format_date
from reintegra.services import audit, audit_text, labels
from reintegra.services.collation import polish_key
from reintegra.services.errors import PermissionDenied, ValidationError

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditQuery:
    """What to show; every filter left None shows all."""

    participant_id: int | None = None
    username: str | None = None  # the login, as the entry keeps it
    action: AuditAction | None = None
    start: date | None = None  # the first day shown
    end: date | None = None  # the last day shown


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    user: str  # 'Zofia Wójcik (kierownik)', the login, or the command line
    action: AuditAction
    participant_id: int | None
    person: str
    description: str

    @property
    def kind(self) -> str:
        return labels.label(self.action)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    more: bool  # entries beyond this page match too


def require_reader(actor: User | None) -> None:
    """Refuses an instructor: the log names everyone whose data were touched."""
    if actor is not None and actor.role not in (Role.DIRECTOR, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only a director or an administrator can read the audit log."))


def entries(session: Session, actor: User | None, query: AuditQuery = AuditQuery(), *, offset: int = 0,
            limit: int = PAGE_SIZE) -> AuditPage:
    """One page of the entries that match, newest first."""
    require_reader(actor)
    found = session.execute(_select(query).offset(offset).limit(limit + 1)).all()
    return AuditPage(_rows(session, found[:limit]), len(found) > limit)


def all_entries(session: Session, actor: User | None, query: AuditQuery = AuditQuery()) -> list[AuditRow]:
    """Every entry that matches, newest first (for an export)."""
    require_reader(actor)
    return _rows(session, session.execute(_select(query)).all())


def logins(session: Session, actor: User | None) -> list[tuple[str, str]]:
    """(login, full name) of every user and of every other login the log names, for the user filter."""
    require_reader(actor)
    known = dict(session.execute(select(User.username, User.full_name)).all())
    for (username,) in session.execute(select(AuditEntry.username).distinct()):
        if username:
            known.setdefault(username, "")
    return sorted(known.items(), key=lambda pair: (pair[1] or pair[0]).lower())


def people(session: Session, actor: User | None) -> list[tuple[int, str]]:
    """(id, 'Kowalska Anna (PESEL)') of every participant, in Polish order, for the person filter."""
    require_reader(actor)
    found = session.execute(select(Participant.id, Participant.last_name, Participant.first_name,
                                   Participant.pesel)).all()
    return [(pid, f"{last} {first}" + (f" ({pesel})" if pesel else ""))
            for pid, last, first, pesel in sorted(found, key=lambda row: polish_key(row.last_name, row.first_name))]


def shown_time(at: datetime) -> str:
    """'04.03.2026 15:30:12': the day as the UI writes it, and the time to the second."""
    return f"{format_date(at)} {at:%H:%M:%S}"


def find_login(session: Session, actor: User | None, login: str) -> str:
    """The login as stored, found case-insensitively; a ValidationError when nobody has it."""
    for username, _name in logins(session, actor):
        if username.lower() == login.strip().lower():
            return username
    raise ValidationError("user", _("No user with the login {login}.").format(login=login.strip()))


def parse_action(text: str) -> AuditAction:
    """A kind as typed on the command line: its code (``update``) or its label in the UI language."""
    key = text.strip().lower()
    for action in AuditAction:
        if key in (action.value, labels.label(action).lower()):
            return action
    codes = ", ".join(action.value for action in AuditAction)
    raise ValidationError("kind", _("“{text}” is not a kind of audit entry; use one of: {codes}.").format(
        text=text, codes=codes))


def record_export(session: Session, actor: User | None, query: AuditQuery, path) -> None:
    """The export of the log is itself in the log (about the person it was filtered by, if any)."""
    audit.record_disclosure(session, actor, query.participant_id, "audit_log", path)


def check_query(query: AuditQuery) -> None:
    if query.start and query.end and query.end < query.start:
        raise ValidationError("end", _("The period ends before it starts."))


def _select(query: AuditQuery) -> Select:
    check_query(query)
    statement = select(AuditEntry, User.full_name, Participant.first_name, Participant.last_name) \
        .outerjoin(User, User.id == AuditEntry.user_id) \
        .outerjoin(Participant, Participant.id == AuditEntry.participant_id)
    if query.participant_id is not None:
        statement = statement.where(AuditEntry.participant_id == query.participant_id)
    if query.username is not None:
        statement = statement.where(AuditEntry.username == query.username)
    if query.action is not None:
        statement = statement.where(AuditEntry.action == query.action)
    if query.start is not None:
        statement = statement.where(AuditEntry.at >= datetime.combine(query.start, time()))
    if query.end is not None:
        statement = statement.where(AuditEntry.at < datetime.combine(query.end + timedelta(days=1), time()))
    return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def _rows(session: Session, found) -> list[AuditRow]:
    workshop_ids = {value for entry, *_rest in found for value in _workshop_ids(entry)}
    workshops = dict(session.execute(select(Workshop.id, Workshop.name).where(Workshop.id.in_(workshop_ids))).all()) \
        if workshop_ids else {}
    rows = []
    for entry, full_name, first_name, last_name in found:
        person = " ".join(part for part in (first_name, last_name) if part) if last_name is not None else (
            f"#{entry.participant_id}" if entry.participant_id is not None else "")
        names = audit_text.Names(user=full_name or "", person=person, workshops=workshops)
        # A failed sign-in has no user: the login typed (which may be nobody's) stands in its place.
        user = (_("“{login}”").format(login=(entry.changes or {}).get("username", ""))
                if entry.action is AuditAction.LOGIN_FAILED
                else audit_text.who(entry.username, full_name or ""))
        rows.append(AuditRow(
            entry.id, entry.at, entry.username, user, entry.action,
            entry.participant_id, person,
            audit_text.describe(entry.action, entry.entity, entry.changes or {}, entry.username, names)))
    return rows


def _workshop_ids(entry: AuditEntry) -> list[int]:
    value = (entry.changes or {}).get("workshop_id")
    values = value if isinstance(value, list) else [value]
    return [item for item in values if isinstance(item, int)]


def count(session: Session, actor: User | None, query: AuditQuery = AuditQuery()) -> int:
    """How many entries match."""
    require_reader(actor)
    return session.scalar(select(func.count()).select_from(_select(query).order_by(None).subquery()))
