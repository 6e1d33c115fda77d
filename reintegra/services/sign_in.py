"""Signing in, made hard to guess: tries counted per typed user name in the database, a growing
wait, the same work for unknown and known names, and every try in the audit log.

After ``FREE_TRIES`` wrong tries in a row for one user name, the next try is refused without
looking at the password until a wait has passed: 30 seconds, doubled after every further wrong try
up to 15 minutes. The count lives in ``sign_in_attempts``, so neither a restart nor another
computer starts it again; a right password clears it, and so does a day without wrong tries
(the person who mistyped last month starts afresh, a guesser still gets a few tries an hour).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction
from reintegra.db.models import SignInAttempts, User
from reintegra.i18n import _, ngettext
from reintegra.services import audit, demo_database, passwords

FREE_TRIES = 5
FIRST_WAIT_SECONDS = 30
LONGEST_WAIT_SECONDS = 15 * 60
FORGET_AFTER = timedelta(days=1)
_KEY_LENGTH = SignInAttempts.__table__.c.username.type.length


@dataclass(frozen=True)
class SignInResult:
    """``user`` when signed in; otherwise ``message`` says why not (one translated sentence or two)
    and ``wait_seconds`` how long before the next try for this user name is looked at."""

    user: User | None
    message: str = ""
    wait_seconds: int = 0


def sign_in(session: Session, username: str, password: str, *, now: datetime | None = None) -> SignInResult:
    """Checks ``password`` for ``username``; the attempt count and the audit entry are written in
    ``session`` whatever the answer, so the caller commits it in either case."""
    now = (now or datetime.now()).replace(microsecond=0)
    key = username.strip().lower()[:_KEY_LENGTH]
    attempts = session.get(SignInAttempts, key)
    if attempts is not None and now - attempts.last_failure_at > FORGET_AFTER:
        attempts.failures, attempts.wait_until = 0, None
    if attempts is not None and attempts.wait_until is not None and attempts.wait_until > now:
        seconds = _seconds_until(attempts.wait_until, now)
        _failed(session, key, None, "waiting")
        return SignInResult(None, wait_message(seconds), seconds)

    passwords.prepare()
    user = session.scalar(select(User).where(User.username == key)) if key else None
    if user is None or not user.active:
        passwords.verify_nothing(password)
        return _wrong(session, key, attempts, user, "unknown_user" if user is None else "inactive", now)
    if not passwords.verify_password(user.password_hash, password):
        return _wrong(session, key, attempts, user, "wrong_password", now)
    if demo_database.is_demo_password(password) and not demo_database.is_demo(session):
        # Not a guess (the password is right) but everybody knows it: it does not open a real database.
        _failed(session, key, user, "demo_password")
        return SignInResult(None, demo_password_message(user.username))

    if attempts is not None:
        session.delete(attempts)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = now
    audit.record(session, user, AuditAction.LOGIN, "user", user.id)
    session.flush()
    return SignInResult(user)


def clear_attempts(session: Session, username: str) -> None:
    """Forgets the wrong tries for ``username`` (after an administrator gave a new password)."""
    attempts = session.get(SignInAttempts, username.strip().lower()[:_KEY_LENGTH])
    if attempts is not None:
        session.delete(attempts)


def wait_left(session: Session, username: str, *, now: datetime | None = None) -> int:
    """Seconds before a try for ``username`` is looked at again (0: it may be tried now)."""
    now = (now or datetime.now()).replace(microsecond=0)
    attempts = session.get(SignInAttempts, username.strip().lower()[:_KEY_LENGTH])
    if attempts is None or attempts.wait_until is None or attempts.wait_until <= now:
        return 0
    return _seconds_until(attempts.wait_until, now)


def wait_message(seconds: int) -> str:
    if seconds > 90:
        minutes = math.ceil(seconds / 60)
        return ngettext("Too many wrong tries for this user name: wait {count} minute before the next try.",
                        "Too many wrong tries for this user name: wait {count} minutes before the next try.",
                        minutes).format(count=minutes)
    return ngettext("Too many wrong tries for this user name: wait {count} second before the next try.",
                    "Too many wrong tries for this user name: wait {count} seconds before the next try.",
                    seconds).format(count=seconds)


def wrong_message() -> str:
    return _("Wrong user name or password.")


def demo_password_message(username: str) -> str:
    return _("The password of {username} is the public password of the demo data and does not open a real "
             "database; an administrator sets a new one with the command “reintegra user passwd {username}”."
             ).format(username=username)


def wait_after(failures: int) -> int:
    """The wait, in seconds, after ``failures`` wrong tries in a row (0 while tries are free)."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT_SECONDS * 2 ** min(failures - FREE_TRIES, 10), LONGEST_WAIT_SECONDS)


def _wrong(session: Session, key: str, attempts: SignInAttempts | None, user: User | None, reason: str,
           now: datetime) -> SignInResult:
    if attempts is None:
        attempts = SignInAttempts(username=key, failures=0)
        session.add(attempts)
    attempts.failures = (attempts.failures or 0) + 1
    attempts.last_failure_at = now
    seconds = wait_after(attempts.failures)
    attempts.wait_until = now + timedelta(seconds=seconds) if seconds else None
    _failed(session, key, user, reason)
    session.flush()
    if seconds:
        return SignInResult(None, wrong_message() + " " + wait_message(seconds), seconds)
    return SignInResult(None, wrong_message())


def _failed(session: Session, key: str, user: User | None, reason: str) -> None:
    # Nobody signed in, so no actor; the typed name (never the password) says whom the try was for.
    audit.record(session, None, AuditAction.LOGIN_FAILED, "user", user.id if user else None,
                 {"username": key, "reason": reason})


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))
