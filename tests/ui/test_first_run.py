"""The first-run wizard, driven as a person sets up their facility (or opens the demo)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import event
from sqlalchemy.orm import Session

from reintegra import config
from reintegra.db.enums import Programme, Role, WorkshopKind
from reintegra.i18n import _
from reintegra.paths import data_dir
from reintegra.services import facility, users, workshops
from reintegra.services.errors import ValidationError
from reintegra.ui.dialogs import first_run
from reintegra.ui.dialogs.first_run import FirstRunWizard

PASSWORD = "Tajne-hasło-1"


@pytest.fixture
def wizard(qtbot, engine, database_path, said):
    wizard = FirstRunWizard(engine, database_path)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def write(qtbot, widget, text: str) -> None:
    """Types like a keyboard, Polish letters included (qtbot.keyClicks takes only Latin-1)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def tick(qtbot, button) -> None:
    """Clicks a check box or radio button on its indicator, as a person does."""
    qtbot.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))


def finish(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.FinishButton), Qt.LeftButton)


def fill_facility(qtbot, wizard) -> None:
    page = wizard.facility_page
    write(qtbot, page.name, "Warsztat Terapii Zajęciowej „Źródło”")
    page.kind.setCurrentIndex(page.kind.findData(Programme.CIS))
    write(qtbot, page.address, "ul. Długa 12")
    write(qtbot, page.postal_code, "87-410")
    write(qtbot, page.city, "Kowalewo Pomorskie")


def fill_administrator(qtbot, wizard, repeat: str = PASSWORD) -> None:
    page = wizard.administrator_page
    write(qtbot, page.username, "Anna.Nowak")
    write(qtbot, page.full_name, "Anna Nowak")
    write(qtbot, page.password, PASSWORD)
    write(qtbot, page.password_repeat, repeat)


def choice(wizard, kind: WorkshopKind):
    return next(c for c in wizard.workshops_page.choices if c.kind == kind)


def nothing_written(engine) -> bool:
    with Session(engine) as session:
        return (not facility.is_configured(session) and not users.has_users(session)
                and not workshops.list_workshops(session))


def test_an_empty_facility_name_is_shown_beside_the_field_and_the_wizard_stays(qtbot, wizard, engine):
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.FACILITY
    write(qtbot, wizard.facility_page.city, "Toruń")

    wizard.next()

    assert wizard.currentId() == FirstRunWizard.FACILITY
    assert wizard.facility_page.form.error_text("name") == _("The facility name is required.")
    assert nothing_written(engine)

    write(qtbot, wizard.facility_page.name, "WTZ Toruń")
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.WORKSHOPS
    assert wizard.facility_page.form.error_text("name") == ""
    assert nothing_written(engine)  # checking the facility page kept nothing


def test_a_full_run_writes_facility_workshops_and_administrator_in_one_transaction(qtbot, wizard, engine, said):
    commits = []
    event.listen(engine, "commit", lambda connection: commits.append(connection))
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.WORKSHOPS
    page = wizard.workshops_page
    ticked_at_start = [c.kind for c in page.choices if c.ticked.isChecked()]
    assert ticked_at_start == [WorkshopKind.GASTRONOMY, WorkshopKind.TAILORING, WorkshopKind.FLORISTRY,
                               WorkshopKind.CLEANING_CONSTRUCTION]
    tick(qtbot, choice(wizard, WorkshopKind.TAILORING).ticked)  # no tailoring here
    tick(qtbot, choice(wizard, WorkshopKind.CARPENTRY).ticked)
    gastronomy = choice(wizard, WorkshopKind.GASTRONOMY).capacity
    gastronomy.selectAll()
    write(qtbot, gastronomy, "8")
    write(qtbot, page.new_name, "Pracownia  ceramiczna ")
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.ADMINISTRATOR
    fill_administrator(qtbot, wizard)
    assert commits == []  # nothing is kept before Finish

    finish(qtbot, wizard)

    assert wizard.result() == QDialog.Accepted
    assert said.errors == []
    assert len(commits) == 1
    names = {c.kind: c.name for c in page.choices}
    with Session(engine) as session:
        record = facility.get_facility(session)
        assert (record.name, record.kind, record.address, record.postal_code, record.city) == (
            "Warsztat Terapii Zajęciowej „Źródło”", Programme.CIS, "ul. Długa 12", "87-410", "Kowalewo Pomorskie")
        created = {(w.name, w.kind, w.capacity) for w in workshops.list_workshops(session)}
        assert created == {
            (names[WorkshopKind.GASTRONOMY], WorkshopKind.GASTRONOMY, 8),
            (names[WorkshopKind.FLORISTRY], WorkshopKind.FLORISTRY, 6),
            (names[WorkshopKind.CLEANING_CONSTRUCTION], WorkshopKind.CLEANING_CONSTRUCTION, 6),
            (names[WorkshopKind.CARPENTRY], WorkshopKind.CARPENTRY, 6),
            ("Pracownia ceramiczna", WorkshopKind.OTHER, 6),
        }
        administrator = users.authenticate(session, "anna.nowak", PASSWORD)
        assert administrator is not None
        assert (administrator.role, administrator.full_name) == (Role.ADMINISTRATOR, "Anna Nowak")
    assert wizard.created_user_id == administrator.id
    assert wizard.created_user.role == Role.ADMINISTRATOR
    assert wizard.demo_engine is None
    assert config.load_settings()["last_user"] == "anna.nowak"


def test_the_suggested_workshops_have_polish_names(qtbot, wizard):
    if _("Gastronomy workshop") == "Gastronomy workshop":
        pytest.skip("the Polish catalog has no workshop names yet")
    shown = [c.ticked.text() for c in wizard.workshops_page.choices if c.ticked.isChecked()]
    assert shown == ["Pracownia gastronomiczna", "Pracownia krawiecka", "Pracownia florystyczna",
                     "Pracownia porządkowo-budowlana"]


def test_different_passwords_are_shown_beside_the_repeated_one_and_nothing_is_written(qtbot, wizard, engine):
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    wizard.next()
    fill_administrator(qtbot, wizard, repeat=PASSWORD + "x")

    finish(qtbot, wizard)

    assert wizard.currentId() == FirstRunWizard.ADMINISTRATOR
    assert wizard.result() != QDialog.Accepted
    form = wizard.administrator_page.form
    assert form.error_text("password_repeat") == _("The two passwords are not the same.")
    assert nothing_written(engine)


def test_a_rule_of_the_user_service_is_shown_beside_its_field(qtbot, wizard, engine):
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    wizard.next()
    page = wizard.administrator_page
    write(qtbot, page.username, "anna nowak")
    write(qtbot, page.password, PASSWORD)
    write(qtbot, page.password_repeat, PASSWORD)

    finish(qtbot, wizard)

    assert wizard.currentId() == FirstRunWizard.ADMINISTRATOR
    assert page.form.error_text("username") == _(
        "A user name may contain only letters, digits, dots, dashes and underscores.")
    assert nothing_written(engine)


def test_the_administrator_needs_a_full_name(qtbot, wizard, engine):
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    wizard.next()
    page = wizard.administrator_page
    write(qtbot, page.username, "anna.nowak")
    write(qtbot, page.password, PASSWORD)
    write(qtbot, page.password_repeat, PASSWORD)

    finish(qtbot, wizard)

    assert wizard.currentId() == FirstRunWizard.ADMINISTRATOR
    assert page.form.error_text("full_name") == _("The user's full name is required.")
    assert nothing_written(engine)


def test_when_a_workshop_fails_at_finish_nothing_is_written_and_its_page_shows_why(qtbot, wizard, engine,
                                                                                   monkeypatch):
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    wizard.next()
    fill_administrator(qtbot, wizard)
    real_create = workshops.create_workshop
    calls = []

    def create_then_fail(session, name, *args, **kwargs):
        calls.append(name)
        if len(calls) == 3:  # the administrator, facility and two workshops are already flushed
            raise ValidationError("name", "Zepsuta pracownia.")
        return real_create(session, name, *args, **kwargs)

    monkeypatch.setattr(workshops, "create_workshop", create_then_fail)

    finish(qtbot, wizard)

    assert wizard.result() != QDialog.Accepted
    assert wizard.currentId() == FirstRunWizard.WORKSHOPS
    assert wizard.workshops_page.error.text() == "Zepsuta pracownia."
    assert nothing_written(engine)
    assert wizard.created_user_id is None


def test_a_workshop_already_on_the_list_is_not_added_twice(qtbot, wizard):
    wizard.next()
    fill_facility(qtbot, wizard)
    wizard.next()
    page = wizard.workshops_page
    before = len(page.choices)
    existing = choice(wizard, WorkshopKind.FLORISTRY).name
    write(qtbot, page.new_name, existing.upper())
    qtbot.keyClick(page.new_name, Qt.Key_Return)

    assert len(page.choices) == before
    assert page.error.text() == _("A workshop named {name} already exists.").format(name=existing.upper())
    assert wizard.currentId() == FirstRunWizard.WORKSHOPS


@pytest.fixture
def small_demo(monkeypatch):
    monkeypatch.setattr(first_run, "DEMO_PARTICIPANTS", 8)
    monkeypatch.setattr(first_run, "DEMO_YEARS", 1)


def test_the_demo_goes_into_its_own_database_and_leaves_the_real_one_empty(qtbot, wizard, engine, small_demo,
                                                                            said):
    tick(qtbot, wizard.welcome_page.demo_choice)
    assert wizard.button(QWizard.FinishButton).isVisible()
    assert not wizard.button(QWizard.NextButton).isVisible()

    finish(qtbot, wizard)

    assert said.errors == []
    assert wizard.result() == QDialog.Accepted
    demo_file = data_dir() / "demo.db"
    assert wizard.demo_target == str(demo_file)
    assert demo_file.is_file()
    with Session(wizard.demo_engine) as session:
        assert users.authenticate(session, "admin", "admin123") is not None
        assert workshops.list_workshops(session)
    wizard.demo_engine.dispose()
    assert nothing_written(engine)
    assert wizard.created_user_id is None


def test_a_demo_database_with_data_is_reused(qtbot, engine, database_path, said, small_demo, monkeypatch):
    from reintegra import demo

    first = FirstRunWizard(engine, database_path)
    qtbot.addWidget(first)
    first.welcome_page.demo_choice.setChecked(True)
    assert first.welcome_page.validatePage()
    first.demo_engine.dispose()

    def must_not_run(*args, **kwargs):
        raise AssertionError("the demo data were generated again")

    monkeypatch.setattr(demo, "generate_demo", must_not_run)
    again = FirstRunWizard(engine, database_path)
    qtbot.addWidget(again)
    again.show()
    tick(qtbot, again.welcome_page.demo_choice)
    finish(qtbot, again)

    assert said.errors == []
    assert again.result() == QDialog.Accepted
    assert again.demo_target == first.demo_target
    again.demo_engine.dispose()
