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


# -- accounts an administrator manages: temporary passwords, changes, enabling -------------------


def _audited(session, user_id):
    return [entry.changes for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "user", AuditEntry.entity_id == user_id).order_by(AuditEntry.id))]


def test_a_new_user_gets_a_temporary_password_to_change(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    kitchen = workshop(session, "Kuchnia")
    ola, password = users.add_user(session, "Ola", Role.INSTRUCTOR, "Ola Żak", workshop_ids=[kitchen.id], actor=admin)
    assert (ola.username, ola.must_change_password, [w.name for w in ola.workshops]) == ("ola", True, ["Kuchnia"])
    assert len(password) >= users.MIN_PASSWORD_LENGTH and password not in ola.password_hash
    assert users.authenticate(session, "ola", password) is ola
    other = users.add_user(session, "jan", Role.DIRECTOR, "Jan", actor=admin).password
    assert other != password
    assert _audited(session, ola.id)[0] == {"username": "ola", "role": "instructor", "workshops": ["Kuchnia"]}


def test_a_reset_gives_a_new_temporary_password(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    jan = users.create_user(session, "jan", "haslojana1", Role.INSTRUCTOR, "Jan")
    issued = users.reset_password(session, jan.id, actor=admin)
    assert issued.user is jan and jan.must_change_password
    assert users.authenticate(session, "jan", "haslojana1") is None
    assert users.authenticate(session, "jan", issued.password) is jan
    assert {"password": "reset"} in _audited(session, jan.id)


def test_changing_ones_own_password(session):
    jan, password = users.add_user(session, "jan", Role.INSTRUCTOR, "Jan")
    for old, new, field in ((password + "x", "moje-nowe-haslo", "old_password"), (password, "krótkie", "new_password"),
                            (password, password, "new_password"),
                            (password, demo_database.STAFF_PASSWORD, "new_password")):
        with pytest.raises(ValidationError) as error:
            users.change_own_password(session, jan, old, new)
        assert error.value.field == field
        assert jan.must_change_password and users.authenticate(session, "jan", password) is jan
    users.change_own_password(session, jan, password, "moje-nowe-haslo")
    assert not jan.must_change_password
    assert users.authenticate(session, "jan", "moje-nowe-haslo") is jan
    entry = session.scalars(select(AuditEntry).where(AuditEntry.changes["password"].as_string() == "changed")).one()
    assert (entry.user_id, entry.entity_id) == (jan.id, jan.id)
    with pytest.raises(PermissionDenied):
        users.change_own_password(session, None, "moje-nowe-haslo", "jeszcze-inne")


def test_editing_a_user(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    kitchen, sewing = workshop(session, "Kuchnia"), workshop(session, "Szwalnia")
    ola = users.create_user(session, "ola", "dlugiehaslo", Role.INSTRUCTOR, "Ola", workshop_ids=[kitchen.id])
    users.edit_user(session, ola.id, ola.version, full_name=" Aleksandra  Żak ", role="instruktor",
                    workshop_ids=[sewing.id, kitchen.id], actor=admin)
    assert (ola.full_name, [w.name for w in ola.workshops]) == ("Aleksandra Żak", ["Kuchnia", "Szwalnia"])
    assert _audited(session, ola.id)[-1] == {"full_name": ["Ola", "Aleksandra Żak"],
                                             "workshops": [["Kuchnia"], ["Kuchnia", "Szwalnia"]]}
    users.edit_user(session, ola.id, full_name="Aleksandra Żak", role=Role.DIRECTOR, workshop_ids=[], actor=admin)
    assert (ola.role, ola.workshops) == (Role.DIRECTOR, [])


@pytest.mark.parametrize("change, field", [
    (dict(full_name="  ", role=Role.INSTRUCTOR), "full_name"),
    (dict(full_name="Ola", role="kucharz"), "role"),
    (dict(full_name="Ola", role=Role.DIRECTOR, workshop_ids="kitchen"), "workshops"),
    (dict(full_name="Ola", role=Role.INSTRUCTOR, workshop_ids=[10_000]), "workshops"),
])
def test_a_bad_edit_changes_nothing(session, change, field):
    kitchen = workshop(session, "Kuchnia")
    ola = users.create_user(session, "ola", "dlugiehaslo", Role.INSTRUCTOR, "Ola", workshop_ids=[kitchen.id])
    if change.get("workshop_ids") == "kitchen":
        change["workshop_ids"] = [kitchen.id]
    with pytest.raises(ValidationError) as error:
        users.edit_user(session, ola.id, **change)
    assert error.value.field == field
    assert (ola.full_name, ola.role, [w.name for w in ola.workshops]) == ("Ola", Role.INSTRUCTOR, ["Kuchnia"])


def test_an_edit_keeps_an_active_administrator_and_sees_a_change_from_elsewhere(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    with pytest.raises(ValidationError) as error:
        users.edit_user(session, admin.id, full_name="Admin", role=Role.DIRECTOR)
    assert error.value.field == "role" and admin.role is Role.ADMINISTRATOR
    with pytest.raises(users.ConflictError):
        users.edit_user(session, admin.id, admin.version - 1, full_name="Inny", role=Role.ADMINISTRATOR)
    assert admin.full_name == "Admin"


def test_enabling_again(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    jan = users.create_user(session, "jan", "dlugiehaslo", Role.INSTRUCTOR, "Jan")
    users.set_active(session, jan.id, False, actor=admin)
    users.set_active(session, jan.id, True, actor=admin)
    assert jan.active and users.authenticate(session, "jan", "dlugiehaslo") is jan
    assert _audited(session, jan.id)[-3:-1] == [{"active": [True, False]}, {"active": [False, True]}]
    with pytest.raises(ValidationError):
        users.activate_user(session, jan.id, actor=admin)
    with pytest.raises(ValidationError) as error:
        users.deactivate_user(session, admin.id, actor=admin)
    assert "własnego" in error.value.message and admin.active


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.DIRECTOR])
def test_only_an_administrator_manages_accounts(session, role):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    actor = users.create_user(session, "ktos", "dlugiehaslo", role, "Ktoś")
    jan = users.create_user(session, "jan", "dlugiehaslo", Role.INSTRUCTOR, "Jan")
    before = (jan.password_hash, jan.full_name, jan.active, jan.must_change_password)
    for attempt in (lambda: users.add_user(session, "nowy", Role.INSTRUCTOR, "Nowy", actor=actor),
                    lambda: users.reset_password(session, jan.id, actor=actor),
                    lambda: users.edit_user(session, jan.id, full_name="Zmieniony", role=Role.INSTRUCTOR, actor=actor),
                    lambda: users.set_active(session, jan.id, False, actor=actor),
                    lambda: users.activate_user(session, admin.id, actor=actor),
                    lambda: users.user_rows(session, actor=actor)):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.message == "Tylko administrator może zarządzać użytkownikami."
    assert (jan.password_hash, jan.full_name, jan.active, jan.must_change_password) == before
    assert [row.username for row in users.user_rows(session, actor=admin)] == ["admin", "jan", "ktos"]


def test_rows_for_the_users_tab_hold_no_password_hash(session):
    admin = users.create_user(session, "admin", "dlugiehaslo", Role.ADMINISTRATOR, "Admin")
    kitchen = workshop(session, "Kuchnia")
    users.add_user(session, "ola", Role.INSTRUCTOR, "Ola", workshop_ids=[kitchen.id], actor=admin)
    row = users.user_rows(session, actor=admin)[1]
    assert (row.username, row.workshops, row.workshop_ids, row.active, row.must_change_password) == (
        "ola", ("Kuchnia",), (kitchen.id,), True, True)
    assert not any("argon2" in str(value) for value in vars(row).values())
