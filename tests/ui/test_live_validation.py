"""Forms say everything wrong at once, each message beside its field, and take a message back as
soon as its field is right; the PESEL fills in (and takes back) the birth date and sex; a question
is asked only about input that is right."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from factories import admit, make_pesel
from reintegra.db.enums import ExitReason, Sex
from reintegra.i18n import _
from reintegra.services import participants
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.dialogs.first_run import FirstRunWizard
from reintegra.ui.dialogs.note import NoteDialog
from reintegra.ui.pages.participant_tabs.exit import ExitTab

TODAY = date(2026, 3, 16)


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(widget, text: str) -> None:
    """Types like a keyboard, Polish letters included (qtbot.keyClicks takes only Latin-1)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def _retype(widget, text: str) -> None:
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key_Delete)
    _type(widget, text)


def _participants(context) -> int:
    with context.read() as session:
        return len(participants.search(session, status=participants.Filter.ALL))


def test_the_admit_dialog_shows_every_wrong_field_at_once_and_clears_each_when_right(qtbot, context, said):
    dialog = _shown(qtbot, AdmitDialog(context, today=TODAY))
    form = dialog.form
    _type(form.editors["last_name"], "Kowalska")
    _type(form.editors["postal_code"], "87 41")
    _type(form.editors["email"], "anna.kowalska")
    form.editors["email"].setFocus()

    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert form.error_text("first_name") == _("The first name is required.")
    assert form.error_text("birth_date") == _("The birth date is required when there is no PESEL.")
    assert "87 41" in form.error_text("postal_code")
    assert "anna.kowalska" in form.error_text("email")
    assert dialog.focusWidget() is form.editors["first_name"]  # the first wrong field, to start from
    assert said.errors == [] and _participants(context) == 0
    # a screen reader says the message with the field
    assert form.editors["first_name"].accessibleDescription() == _("The first name is required.")

    _type(form.editors["first_name"], "A")  # right from the first letter: its message goes at once
    assert form.error_text("first_name") == ""
    assert form.editors["first_name"].accessibleDescription() == ""
    assert form.error_text("birth_date") and form.error_text("postal_code") and form.error_text("email")

    _retype(form.editors["postal_code"], "87-410")
    assert form.error_text("postal_code") == ""
    assert form.error_text("birth_date") and form.error_text("email")


def test_a_message_is_not_shown_on_a_field_not_reached_yet(qtbot, context, said):
    dialog = _shown(qtbot, AdmitDialog(context, today=TODAY))
    form = dialog.form
    _type(form.editors["first_name"], "Anna")
    _type(form.editors["last_name"], "Kowalska")
    _type(form.editors["pesel"], make_pesel(date(1990, 5, 17), 124))
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and _participants(context) == 1

    dialog = _shown(qtbot, AdmitDialog(context, today=TODAY))
    form = dialog.form
    _type(form.editors["email"], "x")  # wrong, but nothing has been refused yet: no scolding while typing
    assert form.error_text("email") == ""
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert form.error_text("email") and form.error_text("first_name")
    _type(form.editors["phone"], "600 100 200")  # an edit elsewhere re-checks, and adds nothing new
    assert form.error_text("phone") == "" and form.error_text("email")


def test_the_pesel_fills_in_the_birth_date_and_sex_and_takes_them_back(qtbot, context, said):
    form = _shown(qtbot, AdmitDialog(context, today=TODAY)).form
    pesel, birth, sex = form.editors["pesel"], form.editors["birth_date"], form.editors["sex"]
    _type(pesel, make_pesel(date(1990, 5, 17), 124, female=True))
    assert birth.text() == "17.05.1990" and sex.currentData() == Sex.FEMALE

    _retype(pesel, make_pesel(date(1985, 11, 2), 457))  # another PESEL: both follow it
    assert birth.text() == "02.11.1985" and sex.currentData() == Sex.MALE

    pesel.clear()  # removed: what it filled in goes too
    assert birth.text() == "" and sex.currentData() is None

    _type(pesel, make_pesel(date(1985, 11, 2), 457))
    _retype(birth, "03.11.1985")  # corrected by hand: the user's own date stays when the PESEL goes
    pesel.backspace()  # ten digits: no longer a PESEL
    assert birth.text() == "03.11.1985" and sex.currentData() is None


def test_a_birth_date_against_the_pesel_is_refused_and_the_message_goes_when_corrected(qtbot, context, said):
    dialog = _shown(qtbot, AdmitDialog(context, today=TODAY))
    form = dialog.form
    _type(form.editors["first_name"], "Anna")
    _type(form.editors["last_name"], "Kowalska")
    _type(form.editors["pesel"], make_pesel(date(1990, 5, 17), 124))
    _retype(form.editors["birth_date"], "18.05.1990")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert form.error_text("birth_date") == _("The birth date does not agree with the PESEL ({date}).").format(
        date="17.05.1990")
    assert _participants(context) == 0

    _retype(form.editors["birth_date"], "17.05.1990")
    assert form.error_text("birth_date") == ""


def test_the_facility_name_message_goes_when_the_name_is_typed(qtbot, engine, database_path, said):
    wizard = _shown(qtbot, FirstRunWizard(engine, database_path))
    wizard.next()
    page = wizard.facility_page
    _type(page.postal_code, "8741")
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    assert page.form.error_text("name") == _("The facility name is required.")
    assert "8741" in page.form.error_text("postal_code")

    _type(page.name, "WTZ")
    assert page.form.error_text("name") == ""
    assert page.form.error_text("postal_code")


def test_the_exit_is_refused_before_any_question_is_asked(qtbot, context, said):
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    tab = _shown(qtbot, ExitTab(context))
    tab.load(person.id)
    _retype(tab.exit_date, "02.01.2024")

    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)

    assert said.questions == []
    assert "08.01.2024" in tab.form.error_text("exit_date")
    assert tab.form.error_text("reason") == _("Choose the reason for leaving.")
    with context.read() as session:
        assert participants.get_participant(session, person.id).exit_date is None

    tab.reason.setCurrentIndex(tab.reason.findData(ExitReason.MOVED))
    assert tab.form.error_text("reason") == "" and tab.form.error_text("exit_date")
    _retype(tab.exit_date, "31.01.2024")
    assert tab.form.error_text("exit_date") == ""
    said.answer_confirm = False
    qtbot.mouseClick(tab.exit_button, Qt.LeftButton)
    assert len(said.questions) == 1  # right now: asked, and (answered no) nothing written


def test_a_small_dialog_shows_both_its_errors_and_clears_them_live(qtbot, context, said):
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
    dialog = _shown(qtbot, NoteDialog(context, person.id))
    _retype(dialog.form.day, "01.01.2024")

    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.form.error_text("day") == _("The note cannot be dated before the admission.")
    assert dialog.form.error_text("text") == _("The note is empty.")
    _type(dialog.form.text, "Pracuje sumiennie.")
    assert dialog.form.error_text("text") == "" and dialog.form.error_text("day")
