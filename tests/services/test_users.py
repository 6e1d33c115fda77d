"""Users: argon2 passwords, unique names, roles."""

import pytest
from sqlalchemy import select

from reintegra.db.enums import Role
from reintegra.db.models import User
from reintegra.services import demo_database, users
from reintegra.services.errors import PermissionDenied, ReintegraError, ValidationError


def test_password_is_hashed_and_checked(session):
    users.create_user(session, "Dyrektor", "bardzotajne", Role.DIRECTOR, "Zofia Wójcik")
    stored = session.scalar(select(User))
    assert stored.username == "dyrektor"
    assert stored.password_hash.startswith("$argon2") and "bardzotajne" not in stored.password_hash
    assert users.authenticate(session, "DYREKTOR", "bardzotajne") is stored
    assert stored.last_login_at is not None
    assert users.authenticate(session, "dyrektor", "zlehaslo") is None
    stored.active = False
    assert users.authenticate(session, "dyrektor", "bardzotajne") is None


@pytest.mark.parametrize("name, password, field", [
    ("", "dlugiehaslo", "username"), ("ala ma kota", "dlugiehaslo", "username"), ("ala", "krotkie", "password"),
])
def test_bad_input(session, name, password, field):
    with pytest.raises(ValidationError) as error:
        users.create_user(session, name, password, Role.INSTRUCTOR)
    assert error.value.field == field
    assert not users.has_users(session)


def test_duplicate_name(session):
    users.create_user(session, "ala", "dlugiehaslo", Role.INSTRUCTOR)
    with pytest.raises(ValidationError):
        users.create_user(session, "ALA", "dlugiehaslo", Role.INSTRUCTOR)


def test_only_an_administrator_adds_users(session):
    director = users.create_user(session, "szef", "dlugiehaslo", Role.DIRECTOR)
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        users.create_user(session, "nowy", "dlugiehaslo", Role.INSTRUCTOR, actor=director)
    users.create_user(session, "nowy", "dlugiehaslo", Role.INSTRUCTOR, actor=admin)
    assert [u.username for u in users.list_users(session)] == ["admin", "nowy", "szef"]


def _with_password(session, username: str, password: str, role: Role = Role.ADMINISTRATOR) -> User:
    """A user given ``password`` directly, as the demo generator does."""
    user = User(username=username, full_name="", role=role, password_hash=users.hash_password(password))
    session.add(user)
    session.flush()
    return user


@pytest.mark.parametrize("username, password", [
    (demo_database.ADMIN_USERNAME, demo_database.ADMIN_PASSWORD), ("kierownik", demo_database.STAFF_PASSWORD),
])
def test_a_demo_password_does_not_open_a_real_database(session, username, password):
    user = _with_password(session, username, password)
    with pytest.raises(ReintegraError) as refused:
        users.authenticate(session, username, password)
    assert f"reintegra user passwd {username}" in refused.value.message
    assert "pokazowych" in refused.value.message
    assert user.last_login_at is None
    assert users.authenticate(session, username, "zlehaslo") is None  # a wrong password stays just wrong


def test_a_demo_password_opens_a_demo_database(session):
    demo_database.mark_as_demo(session, {})
    _with_password(session, "admin", demo_database.ADMIN_PASSWORD)
    assert users.authenticate(session, "admin", demo_database.ADMIN_PASSWORD).username == "admin"


def test_a_demo_password_is_not_given_outside_a_demo(session):
    with pytest.raises(ValidationError) as error:
        users.create_user(session, "admin", demo_database.ADMIN_PASSWORD, Role.ADMINISTRATOR)
    assert error.value.field == "password"
    assert not users.has_users(session)
    demo_database.mark_as_demo(session, {})
    assert users.create_user(session, "admin", demo_database.ADMIN_PASSWORD, Role.ADMINISTRATOR)
