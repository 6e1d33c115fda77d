"""Signing in: the count of wrong tries per user name kept in the database, the growing wait,
the same work for unknown and known names, every try in the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry, SignInAttempts, User
from reintegra.services import demo_database, passwords, sign_in, units, users

PASSWORD = "ciasto-drożdżowe"
NOW = datetime(2026, 6, 10, 8, 0, 0)


@pytest.fixture
def jan(session):
    user = users.create_user(session, "jan", PASSWORD, Role.INSTRUCTOR, "Jan Łęcki")
    session.flush()
    return user


@pytest.fixture
def verifications(monkeypatch):
    """How many argon2 verifications were made (the slow part of a try)."""
    calls = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            calls.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", Counting())
    return calls


def at(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


def failed_entries(session) -> list[dict]:
    return [entry.changes for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.action == AuditAction.LOGIN_FAILED).order_by(AuditEntry.id))]


def test_the_right_password_signs_in_and_is_audited(session, jan):
    result = sign_in.sign_in(session, " JAN ", PASSWORD, now=NOW)
    assert result == sign_in.SignInResult(jan, "", 0)
    assert jan.last_login_at == NOW
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.LOGIN)).one()
    assert (entry.user_id, entry.username, entry.entity_id) == (jan.id, "jan", jan.id)


def test_five_free_tries_then_a_wait_that_doubles_up_to_a_quarter_of_an_hour(session, jan):
    for second in range(4):
        result = sign_in.sign_in(session, "jan", "zgadywanie", now=at(second))
        assert result == sign_in.SignInResult(None, "Nieprawidłowa nazwa użytkownika lub hasło.", 0)
    fifth = sign_in.sign_in(session, "jan", "zgadywanie", now=at(4))
    assert (fifth.user, fifth.wait_seconds) == (None, 30)
    assert fifth.message.startswith("Nieprawidłowa nazwa użytkownika lub hasło. ") and "30 sekund" in fifth.message

    started, waits = at(4), []
    for _try in range(8):
        started += timedelta(seconds=sign_in.wait_after(5 + len(waits)) + 1)  # just after the wait
        waits.append(sign_in.sign_in(session, "jan", "zgadywanie", now=started).wait_seconds)
    assert waits == [60, 120, 240, 480, 900, 900, 900, 900]
    assert "15 minut" in sign_in.wait_message(900)


def test_while_waiting_even_the_right_password_is_not_looked_at(session, jan, verifications):
    for second in range(5):
        sign_in.sign_in(session, "jan", "zgadywanie", now=at(second))
    verifications.clear()
    result = sign_in.sign_in(session, "jan", PASSWORD, now=at(20))
    assert (result.user, result.wait_seconds) == (None, 14)
    assert result.message == ("Zbyt wiele błędnych prób dla tej nazwy użytkownika: "
                              "odczekaj 14 sekund przed kolejną próbą.")
    assert verifications == []
    assert sign_in.wait_left(session, "jan", now=at(20)) == 14
    assert sign_in.sign_in(session, "jan", PASSWORD, now=at(34)).user is jan
    assert session.get(SignInAttempts, "jan") is None  # a right password starts the count again
    assert sign_in.wait_left(session, "jan", now=at(35)) == 0


def test_the_count_survives_a_restart(engine):
    with units.writing(engine) as session:
        users.create_user(session, "jan", PASSWORD, Role.INSTRUCTOR, "Jan Łęcki")
    for second in range(5):
        with units.writing(engine) as session:
            sign_in.sign_in(session, "jan", "zgadywanie", now=at(second))
    engine.dispose()  # as if the program were closed and started again
    with units.writing(engine) as session:
        result = sign_in.sign_in(session, "jan", PASSWORD, now=at(10))
        assert (result.user, result.wait_seconds) == (None, 24)
    with units.reading(engine) as session:
        stored = session.get(SignInAttempts, "jan")
        assert (stored.failures, stored.wait_until) == (5, at(34))


def test_unknown_and_disabled_names_cost_one_verification_and_count_like_known_ones(session, jan, verifications):
    users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Admin")
    disabled = users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Ola")
    users.deactivate_user(session, disabled.id)
    verifications.clear()
    answers = [sign_in.sign_in(session, name, password, now=NOW)
               for name, password in (("jan", "zgadywanie"), ("nikt", "zgadywanie"), ("ola", PASSWORD))]
    assert len(verifications) == 3
    assert {answer.message for answer in answers} == {"Nieprawidłowa nazwa użytkownika lub hasło."}
    assert all(answer.user is None for answer in answers)
    for second in range(1, 5):
        last = sign_in.sign_in(session, "nikt", "zgadywanie", now=at(second))
    assert last.wait_seconds == 30


def test_every_failed_try_is_audited_with_the_typed_name_and_never_the_password(session, jan):
    users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Admin")
    sign_in.sign_in(session, "Nikt", "tajne-zgadywanie", now=NOW)
    for second in range(5):
        sign_in.sign_in(session, "jan", "tajne-zgadywanie", now=at(second))
    sign_in.sign_in(session, "jan", PASSWORD, now=at(6))
    assert failed_entries(session) == [{"username": "nikt", "reason": "unknown_user"}] + [
        {"username": "jan", "reason": "wrong_password"}] * 5 + [{"username": "jan", "reason": "waiting"}]
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.LOGIN_FAILED)).all()
    assert {(e.user_id, e.username) for e in entries} == {(None, "")}
    assert {e.entity_id for e in entries} == {None, jan.id}
    assert not any("zgadywanie" in str(e.changes) or PASSWORD in str(e.changes) for e in entries)


def test_each_user_name_has_its_own_count(session, jan):
    users.create_user(session, "ola", PASSWORD, Role.INSTRUCTOR, "Ola")
    for second in range(5):
        sign_in.sign_in(session, "jan", "zgadywanie", now=at(second))
    assert sign_in.sign_in(session, "ola", PASSWORD, now=at(6)).user.username == "ola"


def test_a_day_without_wrong_tries_forgets_the_count(session, jan):
    for second in range(7):
        sign_in.sign_in(session, "jan", "zgadywanie", now=at(second * 1000))
    later = at(6000) + sign_in.FORGET_AFTER + timedelta(seconds=1)
    assert sign_in.sign_in(session, "jan", "zgadywanie", now=later).wait_seconds == 0
    assert session.get(SignInAttempts, "jan").failures == 1


def test_a_new_password_from_the_administrator_ends_the_wait(session, jan):
    for second in range(5):
        sign_in.sign_in(session, "jan", "zgadywanie", now=at(second))
    temporary = users.reset_password(session, jan.id).password
    assert sign_in.sign_in(session, "jan", temporary, now=at(6)).user is jan


def test_the_demo_password_is_refused_in_a_real_database_without_counting(session):
    session.add(User(username="admin", full_name="", role=Role.ADMINISTRATOR,
                     password_hash=passwords.hash_password(demo_database.ADMIN_PASSWORD)))
    session.flush()
    result = sign_in.sign_in(session, "admin", demo_database.ADMIN_PASSWORD, now=NOW)
    assert result.user is None and "reintegra user passwd admin" in result.message
    assert session.get(SignInAttempts, "admin") is None
    assert failed_entries(session) == [{"username": "admin", "reason": "demo_password"}]


def test_authenticate_is_the_same_sign_in(session, jan):
    assert users.authenticate(session, "jan", "zgadywanie", now=NOW) is None
    for second in range(1, 5):
        assert users.authenticate(session, "jan", "zgadywanie", now=at(second)) is None
    with pytest.raises(users.ReintegraError) as refused:
        users.authenticate(session, "jan", PASSWORD, now=at(6))
    assert "odczekaj" in refused.value.message


def test_a_very_long_name_is_counted_under_its_first_characters(session):
    result = sign_in.sign_in(session, "x" * 500, "zgadywanie", now=NOW)
    assert result.user is None
    assert session.get(SignInAttempts, "x" * 64).failures == 1


def test_the_first_try_of_a_process_prepares_the_stand_in_hash_for_known_names_too(session, jan, monkeypatch):
    monkeypatch.setattr(passwords, "_dummy_hash", None)
    sign_in.sign_in(session, "jan", "zgadywanie", now=NOW)
    assert passwords._dummy_hash is not None
