"""The exit tab's follow-up contacts and exit details, driven as a director would: choose a contact,
Enter / double-click / the button, fill the dialog; bad input is refused beside its field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from factories import admit, workshop
from reintegra.db.enums import ContractType, EmploymentStatus, ExitReason, Role
from reintegra.i18n import _, format_date
from reintegra.services import follow_ups, labels, participants, placements, users
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.follow_up import FollowUpDialog
from reintegra.ui.pages.participant_tabs.exit import ExitTab

EXIT_DAY = date(2025, 1, 31)  # long enough ago that all three contacts are due


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(widget, text):
    """Types like a keyboard, Polish letters included (qtbot.keyClicks takes only Latin-1)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def _type_date(qtbot, field, value: date):
    field.clear()
    qtbot.keyClicks(field, value.strftime("%d.%m.%Y"))


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


class Dialogs:
    """Stands in for exec(): shows each dialog, hands it to the test's ``fill`` and records what was opened."""

    def __init__(self, qtbot, monkeypatch, tab, fill):
        self.opened: list[QDialog] = []
        self.fill = fill

        def run(dialog):
            self.opened.append(dialog)
            with qtbot.waitActive(dialog):
                dialog.show()
                dialog.activateWindow()
            self.fill(dialog)
            dialog.close()
            return dialog.result() == QDialog.Accepted

        monkeypatch.setattr(tab, "run_dialog", run)


def _contacts(context, person_id):
    with context.unit() as session:
        return follow_ups.follow_ups_of(session, person_id)


@pytest.fixture
def exited(context):
    """Jan, who left for a job at a bakery on EXIT_DAY."""
    with context.unit() as session:
        kitchen = workshop(session)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
        participants.exit_participant(session, person.id, person.version, EXIT_DAY, ExitReason.EMPLOYMENT,
                                      destination="Piekarnia „Złoty Kłos”",
                                      contract_type=ContractType.EMPLOYMENT_CONTRACT)
        return person.id


@pytest.fixture
def tab(qtbot, context, exited):
    tab = _shown(qtbot, ExitTab(context))
    tab.load(exited)
    return tab


def test_enter_on_the_due_contact_records_it(qtbot, monkeypatch, context, said, exited, tab):
    changes = []
    tab.changed.connect(lambda: changes.append(1))
    # The first contact to make is chosen; the destination is shown in full.
    assert tab.selected_follow_up().months_after == 3
    assert tab.recorded["destination"].text() == "Piekarnia „Złoty Kłos”"
    assert tab.recorded["contract"].text() == labels.label(ContractType.EMPLOYMENT_CONTRACT)
    assert tab.contact_button.isVisible() and tab.contact_button.isEnabled()

    def fill(dialog):
        assert isinstance(dialog, FollowUpDialog)
        assert dialog.contact_date.text() == date.today().strftime("%d.%m.%Y")  # today by default
        # An exit into work: the employer offered is where the person went.
        assert dialog.employer.text() == "Piekarnia „Złoty Kłos”" and not dialog.employer.isEnabled()
        assert not dialog.clear_button.isVisible()
        _type_date(qtbot, dialog.contact_date, date(2025, 5, 5))
        _choose(dialog.status, EmploymentStatus.EMPLOYED)
        assert dialog.employer.isEnabled()
        _type(dialog.note, "Rozmowa z mamą.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    dialogs = Dialogs(qtbot, monkeypatch, tab, fill)
    tab.follow_table.setFocus()
    qtbot.keyClick(tab.follow_table, Qt.Key_Return)
    assert len(dialogs.opened) == 1 and changes == [1]
    done = _contacts(context, exited)[0]
    assert (done.contact_date, done.employment_status, done.employer, done.note) == (
        date(2025, 5, 5), EmploymentStatus.EMPLOYED, "Piekarnia „Złoty Kłos”", "Rozmowa z mamą.")
    model = tab.follow_model
    assert [model.data(model.index(0, column)) for column in (2, 3, 4)] == [
        "05.05.2025", labels.label(EmploymentStatus.EMPLOYED), "Piekarnia „Złoty Kłos”"]
    assert model.data(model.index(0, 0), Qt.ToolTipRole) == "Rozmowa z mamą."
    # The same contact stays chosen after the reload.
    assert tab.selected_follow_up().months_after == 3


def test_a_future_date_is_refused_beside_the_field_and_nothing_is_written(qtbot, monkeypatch, context, said,
                                                                           exited, tab):
    messages = []

    def fill(dialog):
        _type_date(qtbot, dialog.contact_date, date.today() + timedelta(days=1))
        _choose(dialog.status, EmploymentStatus.UNEMPLOYED)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        messages.append(dialog.form.error_text("contact_date"))
        assert dialog.result() != QDialog.Accepted and dialog.isVisible()  # still open, to correct the date
        qtbot.keyClick(dialog, Qt.Key_Escape)

    Dialogs(qtbot, monkeypatch, tab, fill)
    qtbot.mouseClick(tab.contact_button, Qt.LeftButton)
    assert messages == [_("The contact cannot be dated in the future.")]
    assert messages[0].count(".") == 1  # one sentence
    assert said.errors == []
    assert all(row.contact_date is None for row in _contacts(context, exited))


def test_no_status_and_a_day_before_the_exit_are_refused(qtbot, monkeypatch, context, said, exited, tab):
    found = {}

    def fill(dialog):
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        found["status"] = dialog.form.error_text("employment_status")
        _choose(dialog.status, EmploymentStatus.NO_CONTACT)
        _type_date(qtbot, dialog.contact_date, EXIT_DAY - timedelta(days=1))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        found["date"] = dialog.form.error_text("contact_date")
        dialog.reject()

    Dialogs(qtbot, monkeypatch, tab, fill)
    tab.record_contact()
    assert found["status"] == _("Choose what the contact found.")
    assert "31.01.2025" in found["date"]
    assert all(row.contact_date is None for row in _contacts(context, exited))


def test_double_click_opens_the_chosen_contact_then_correct_and_clear_it(qtbot, monkeypatch, context, said,
                                                                          exited, tab):
    def record(dialog):
        assert dialog.row.months_after == 6
        _choose(dialog.status, EmploymentStatus.IN_TRAINING)
        assert not dialog.employer.isEnabled()  # the employer is kept only for work
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    dialogs = Dialogs(qtbot, monkeypatch, tab, record)
    rect = tab.follow_table.visualRect(tab.follow_model.index(1, 1))
    qtbot.mouseClick(tab.follow_table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.follow_table.viewport(), Qt.LeftButton, pos=rect.center())
    assert len(dialogs.opened) == 1
    six = _contacts(context, exited)[1]
    assert (six.employment_status, six.employer, six.contact_date) == (EmploymentStatus.IN_TRAINING, "",
                                                                       date.today())

    def correct(dialog):
        assert dialog.clear_button.isVisible() and dialog.chosen_status() is EmploymentStatus.IN_TRAINING
        _choose(dialog.status, EmploymentStatus.SELF_EMPLOYED)
        dialog.employer.clear()
        _type(dialog.employer, "Usługi remontowe J. Kowalski")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    dialogs.fill = correct
    assert tab.record_contact()
    six = _contacts(context, exited)[1]
    assert (six.employment_status, six.employer) == (EmploymentStatus.SELF_EMPLOYED, "Usługi remontowe J. Kowalski")

    dialogs.fill = lambda dialog: qtbot.mouseClick(dialog.clear_button, Qt.LeftButton)
    assert tab.record_contact()
    assert format_date(date.today()) in said.questions[-1]  # asked first, naming the contact's date
    assert _contacts(context, exited)[1].contact_date is None


def test_record_due_contact_opens_the_earliest_not_made(qtbot, monkeypatch, context, said, exited, tab):
    opened = []

    def fill(dialog):
        opened.append(dialog.row.months_after)
        _choose(dialog.status, EmploymentStatus.UNEMPLOYED)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    Dialogs(qtbot, monkeypatch, tab, fill)
    tab._choose(tab.follow_model.row_at(2))  # whatever is chosen, the earliest not made opens
    assert tab.record_due_contact() and tab.record_due_contact() and tab.record_due_contact()
    assert opened == [3, 6, 12]
    assert not tab.record_due_contact()  # all made
    assert said.infos == [_("No follow-up contact with {name} is left to make.").format(name="Jan Kowalski")]


def test_record_due_contact_opens_a_contact_due_soon(qtbot, monkeypatch, context, said):
    # The start page lists contacts due within a few days too: such a contact opens as well.
    with context.unit() as session:
        person = admit(session, "Ewa", "Nowak", date(2024, 1, 8))
        participants.exit_participant(session, person.id, person.version, date.today() - timedelta(days=85),
                                      ExitReason.MOVED)
    tab = _shown(qtbot, ExitTab(context))
    tab.load(person.id)
    dialogs = Dialogs(qtbot, monkeypatch, tab, lambda dialog: dialog.reject())
    assert tab.follow_model.row_at(0).due_date > date.today()
    assert not tab.record_due_contact()  # opened, then cancelled
    assert [dialog.row.months_after for dialog in dialogs.opened] == [3] and said.infos == []


def test_record_due_contact_after_the_exit_was_reopened(qtbot, monkeypatch, context, said, exited, tab):
    with context.unit() as session:  # on another computer
        person = participants.get_participant(session, exited)
        participants.reopen(session, exited, person.version)
    dialogs = Dialogs(qtbot, monkeypatch, tab, lambda dialog: None)
    assert not tab.record_due_contact()
    assert dialogs.opened == [] and len(said.infos) == 1 and "Jan Kowalski" in said.infos[0]


def test_a_contact_recorded_on_another_computer_first_is_a_conflict(qtbot, monkeypatch, context, said, exited,
                                                                     tab):
    with context.unit() as session:
        first = follow_ups.follow_ups_of(session, exited)[0]
        follow_ups.record_contact(session, first.id, first.version, date(2025, 5, 2), EmploymentStatus.ZAZ)

    def fill(dialog):
        _choose(dialog.status, EmploymentStatus.UNEMPLOYED)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    Dialogs(qtbot, monkeypatch, tab, fill)
    assert not tab.record_contact()
    assert len(said.conflicts) == 1
    assert _contacts(context, exited)[0].employment_status is EmploymentStatus.ZAZ
    # Reloaded: the other computer's contact is shown.
    assert tab.follow_model.row_at(0).employment_status is EmploymentStatus.ZAZ


def test_edit_exit_details(qtbot, monkeypatch, context, said, exited, tab):
    def fill(dialog):
        assert dialog.destination.text() == "Piekarnia „Złoty Kłos”"
        dialog.destination.clear()
        _type(dialog.destination, "Spółdzielnia Socjalna „Razem”")
        _choose(dialog.contract_type, ContractType.SOCIAL_COOPERATIVE)
        _type(dialog.notes, "Zmiana po rozmowie.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    Dialogs(qtbot, monkeypatch, tab, fill)
    qtbot.mouseClick(tab.details_button, Qt.LeftButton)
    assert tab.recorded["destination"].text() == "Spółdzielnia Socjalna „Razem”"
    assert tab.recorded["contract"].text() == labels.label(ContractType.SOCIAL_COOPERATIVE)
    assert tab.recorded["notes"].text() == "Zmiana po rozmowie."
    with context.unit() as session:
        person = participants.get_participant(session, exited)
        assert (person.exit_date, person.exit_reason) == (EXIT_DAY, ExitReason.EMPLOYMENT)  # not changed


def test_an_instructor_sees_the_contacts_but_records_nothing(qtbot, monkeypatch, context, said):
    with context.unit() as session:
        kitchen = workshop(session)
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        placements.place(session, person.id, kitchen.id, date(2024, 1, 8))
        # Left a few days ago: still within the grace period of his instructor.
        participants.exit_participant(session, person.id, person.version, date.today() - timedelta(days=5),
                                      ExitReason.EMPLOYMENT)
        exited = person.id
        anna = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna Łęcka",
                                 workshop_ids=[kitchen.id])
        anna_id = anna.id
    context.user = SignedIn(anna_id, "anna", "Anna Łęcka", Role.INSTRUCTOR)
    tab = _shown(qtbot, ExitTab(context))
    tab.load(exited)
    dialogs = Dialogs(qtbot, monkeypatch, tab, lambda dialog: None)
    assert tab.follow_model.rowCount() == 3
    assert not tab.contact_button.isVisible() and not tab.details_button.isVisible()
    tab.follow_table.setFocus()
    qtbot.keyClick(tab.follow_table, Qt.Key_Return)
    assert not tab.record_due_contact()
    assert dialogs.opened == []
    assert said.infos == [_("Only a director records follow-up contacts.")]


def test_the_contact_dialog_saves_with_ctrl_enter(qtbot, context, exited):
    row = _contacts(context, exited)[0]
    dialog = FollowUpDialog(context, row, name="Jan Kowalski")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    _choose(dialog.status, EmploymentStatus.NO_CONTACT)
    qtbot.keyClick(dialog.note, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted
    assert _contacts(context, exited)[0].employment_status is EmploymentStatus.NO_CONTACT
