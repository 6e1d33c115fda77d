"""Users: argon2 passwords, unique names, roles, workshops, new passwords, disabling."""

import pytest
from sqlalchemy import func, select

from factories import workshop
from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry, User
from reintegra.services import demo_database, users
from reintegra.services.errors import NotFoundError, PermissionDenied, ReintegraError, ValidationError


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


@pytest.mark.parametrize("name, password, role, full_name, field", [
    ("", "dlugiehaslo", Role.INSTRUCTOR, "Ala Nowak", "username"),
    ("ala ma kota", "dlugiehaslo", Role.INSTRUCTOR, "Ala Nowak", "username"),
    ("a" * 65, "dlugiehaslo", Role.INSTRUCTOR, "Ala Nowak", "username"),
    ("ala", "krotkie", Role.INSTRUCTOR, "Ala Nowak", "password"),
    ("ala", "dlugiehaslo", Role.INSTRUCTOR, "   ", "full_name"),
    ("ala", "dlugiehaslo", Role.INSTRUCTOR, "Ż" * 121, "full_name"),
    ("ala", "dlugiehaslo", "kucharz", "Ala Nowak", "role"),
])
def test_bad_input(session, name, password, role, full_name, field):
    with pytest.raises(ValidationError) as error:
        users.create_user(session, name, password, role, full_name)
    assert error.value.field == field
    assert not users.has_users(session)


def test_the_full_name_is_tidied(session):
    user = users.create_user(session, "ala", "dlugiehaslo", Role.INSTRUCTOR, "  Alicja   Żak ")
    assert user.full_name == "Alicja Żak"


def test_a_role_by_its_value_or_its_polish_word(session):
    assert users.parse_role("Instructor") is Role.INSTRUCTOR
    assert users.parse_role("kierownik") is Role.DIRECTOR
    assert users.parse_role(" administrator ") is Role.ADMINISTRATOR
    with pytest.raises(ValidationError) as error:
        users.parse_role("szef")
    assert "„szef”" in error.value.message or "“szef”" in error.value.message


def test_duplicate_name(session):
    users.create_user(session, "ala", "dlugiehaslo", Role.INSTRUCTOR, "Ala Nowak")
    with pytest.raises(ValidationError) as error:
        users.create_user(session, "ALA", "dlugiehaslo", Role.INSTRUCTOR, "Alicja Nowak")
    assert error.value.field == "username"
    assert session.scalar(select(func.count()).select_from(User)) == 1


def test_only_an_administrator_adds_users(session):
    director = users.create_user(session, "szef", "dlugiehaslo", Role.DIRECTOR, "Szef")
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    with pytest.raises(PermissionDenied):
        users.create_user(session, "nowy", "dlugiehaslo", Role.INSTRUCTOR, "Nowy", actor=director)
    users.create_user(session, "nowy", "dlugiehaslo", Role.INSTRUCTOR, "Nowy", actor=admin)
    assert [u.username for u in users.list_users(session)] == ["admin", "nowy", "szef"]


def test_an_instructor_is_assigned_to_workshops_and_the_creation_is_audited(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    ceramics, kitchen = workshop(session, "Ceramika"), workshop(session, "Kuchnia")
    user = users.create_user(session, "ewa", "dlugiehaslo", "instructor", "Ewa Łoś",
                             workshop_ids=[kitchen.id, ceramics.id], actor=admin)
    assert user.role is Role.INSTRUCTOR
    assert [w.name for w in user.workshops] == ["Ceramika", "Kuchnia"]
    assert [u.username for u in kitchen.instructors] == ["ewa"]
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "user", AuditEntry.entity_id == user.id)).one()
    assert (entry.action, entry.entity, entry.username) == (AuditAction.CREATE, "user", "admin")
    assert entry.changes == {"username": "ewa", "role": "instructor", "workshops": ["Ceramika", "Kuchnia"]}


def test_only_an_instructor_has_workshops(session):
    kitchen = workshop(session, "Kuchnia")
    with pytest.raises(ValidationError) as error:
        users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa Łoś", workshop_ids=[kitchen.id])
    assert error.value.field == "workshops"
    with pytest.raises(ValidationError):
        users.create_user(session, "ewa", "dlugiehaslo", Role.INSTRUCTOR, "Ewa Łoś", workshop_ids=[kitchen.id + 1])
    assert not users.has_users(session)


def test_a_new_password(session):
    user = users.create_user(session, "ewa", "stareHaslo", Role.DIRECTOR, "Ewa Łoś")
    users.set_password(session, user.id, "noweHaslo1")
    assert users.authenticate(session, "ewa", "stareHaslo") is None
    assert users.authenticate(session, "ewa", "noweHaslo1") is user
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.UPDATE)).one()
    assert entry.changes == {"password": "changed"}  # never the password nor its hash
    before = user.password_hash
    with pytest.raises(ValidationError) as error:
        users.set_password(session, user.id, "krótkie")
    assert error.value.field == "password" and user.password_hash == before


def test_who_may_set_a_password(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    ewa = users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa Łoś")
    jan = users.create_user(session, "jan", "dlugiehaslo", Role.INSTRUCTOR, "Jan Żak")
    users.set_password(session, jan.id, "mojenowehaslo", actor=jan)
    with pytest.raises(PermissionDenied):
        users.set_password(session, jan.id, "haslodyrektora", actor=ewa)
    users.set_password(session, jan.id, "haslonadane", actor=admin)
    assert users.authenticate(session, "jan", "haslonadane") is jan


def test_a_disabled_user_cannot_sign_in_and_stays(session):
    users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    jan = users.create_user(session, "jan", "dlugiehaslo", Role.INSTRUCTOR, "Jan Żak")
    users.deactivate_user(session, jan.id)
    assert users.authenticate(session, "jan", "dlugiehaslo") is None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.UPDATE)).one()
    assert (entry.entity, entry.entity_id, entry.changes) == ("user", jan.id, {"active": [True, False]})
    assert [u.username for u in users.list_users(session) if not u.active] == ["jan"]
    with pytest.raises(ValidationError):
        users.deactivate_user(session, jan.id)


def test_the_last_active_administrator_stays(session):
    first = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    with pytest.raises(ValidationError) as error:
        users.deactivate_user(session, first.id)
    assert "admin" in error.value.message and first.active
    second = users.create_user(session, "admin2", "dlugiehaslo", Role.ADMINISTRATOR, "Drugi Admin")
    users.deactivate_user(session, first.id, actor=second)
    with pytest.raises(ValidationError):
        users.deactivate_user(session, second.id)
    assert second.role is Role.ADMINISTRATOR and second.active


def test_only_an_administrator_disables(session):
    ewa = users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa Łoś")
    jan = users.create_user(session, "jan", "dlugiehaslo", Role.INSTRUCTOR, "Jan Żak")
    with pytest.raises(PermissionDenied):
        users.deactivate_user(session, jan.id, actor=ewa)
    assert jan.active


def test_find_a_user(session):
    users.create_user(session, "ewa", "dlugiehaslo", Role.DIRECTOR, "Ewa Łoś")
    assert users.find_user(session, " EWA ").full_name == "Ewa Łoś"
    with pytest.raises(NotFoundError):
        users.find_user(session, "adam")


def _with_password(session, username: str, password: str, role: Role = Role.ADMINISTRATOR) -> User:
    """A user given ``password`` directly, as the demo generator does."""
    user = User(username=username, full_name="Ktoś", role=role, password_hash=users.hash_password(password))
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
        users.create_user(session, "admin", demo_database.ADMIN_PASSWORD, Role.ADMINISTRATOR, "Admin")
    assert error.value.field == "password"
    assert not users.has_users(session)
    demo_database.mark_as_demo(session, {})
    assert users.create_user(session, "admin", demo_database.ADMIN_PASSWORD, Role.ADMINISTRATOR, "Admin")
