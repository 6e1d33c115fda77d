"""Users: argon2 passwords, unique names, roles."""

import pytest
from sqlalchemy import select

from reintegra.db.enums import Role
from reintegra.db.models import User
from reintegra.services import users
from reintegra.services.errors import PermissionDenied, ValidationError


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
