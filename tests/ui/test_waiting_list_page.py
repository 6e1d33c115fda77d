"""The waiting list on the participants page as a director uses it: add an applicant, the list in the order
people applied with their days waited, admit one from it (the admit dialog filled in), close an application."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from factories import make_pesel, workshop
from keys import type_into, type_text
from reintegra.db.enums import ExitReason, Referral, Role
from reintegra.i18n import _, ngettext
from reintegra.services import labels, participants, placements, users, waiting_list
from reintegra.services.participants import Filter, ParticipantFields, ParticipantState, state_of
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.dialogs.applicant import ApplicantDialog
from reintegra.ui.dialogs.close_application import CloseApplicationDialog
from reintegra.ui.pages.participants import ParticipantsPage

TODAY = date.today()


def waiting(days: int) -> str:
    return ngettext("waiting {count} day", "waiting {count} days", days).format(count=days)


@pytest.fixture
def applicants(context):
    """Three waiting: Bąk for 400 days, Adamska for 30, Cis since today; a kitchen to be placed in."""
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna")
        ids = {"kitchen": kitchen.id}
        for key, first, last, days, serial in (("adamska", "Alicja", "Adamska", 30, 1),
                                               ("bak", "Bogdan", "Bąk", 400, 2),
                                               ("cis", "Cezary", "Cis", 0, 3)):
            ids[key] = participants.add_applicant(session, ParticipantFields(
                first_name=first, last_name=last, pesel=make_pesel(date(1980, 1, 1), serial),
                referral=Referral.OPS, referral_institution="MOPS Kraków",
                application_date=TODAY - timedelta(days=days))).id
    return ids


@pytest.fixture
def page(qtbot, context, applicants):
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def show_waiting_list(page) -> None:
    page.status_filter.setCurrentIndex(page.status_filter.findData(Filter.APPLICANTS))


def rows(page) -> list[list[str]]:
    model = page.table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def answer(page, monkeypatch, fill):
    opened: list[QDialog] = []

    def run(dialog):
        opened.append(dialog)
        dialog.show()
        fill(dialog)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page, "run_dialog", run)
    return opened


def test_the_list_in_the_order_people_applied_with_their_days_waited(page):
    assert not page.waiting_buttons.isVisible()  # the waiting list's own buttons come with it
    show_waiting_list(page)
    assert [row[0] for row in rows(page)] == ["Bąk", "Adamska", "Cis"]
    assert rows(page)[0][4:] == [f"{labels.label(Referral.OPS)} · MOPS Kraków",
                                 (TODAY - timedelta(days=400)).strftime("%d.%m.%Y"), waiting(400)]
    assert [row[6] for row in rows(page)] == [waiting(400), waiting(30), waiting(0)]
    assert page.table.model().headerData(5, Qt.Horizontal) == _("Application date")
    assert page.count.text() == ngettext("{count} person waiting", "{count} people waiting", 3).format(count=3)
    assert page.applicant_button.isVisible() and page.close_application_button.isVisible()
    assert page.admit_applicant_button.isEnabled()
    page.status_filter.setCurrentIndex(page.status_filter.findData(Filter.ACTIVE))
    assert rows(page) == [] and page.table.model().headerData(5, Qt.Horizontal) == _("Admission date")
    assert not page.close_application_button.isVisible()


def test_add_an_applicant_through_the_dialog(qtbot, page, context, monkeypatch, said):
    seen = {}

    def fill(dialog):
        form = dialog.form
        assert isinstance(dialog, ApplicantDialog)
        seen["hidden"] = [form.editors[name].parentWidget().isVisible()
                          for name in ("admission_date", "planned_end_date", "workshop")]
        seen["applied"] = form.editors["application_date"].text()
        type_text(qtbot, form.editors["first_name"], "Danuta")
        type_text(qtbot, form.editors["birth_date"], "03.04.1991")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)  # no surname: refused beside the field
        seen["error"] = form.error_text("last_name")
        with context.read() as session:
            seen["count"] = len(waiting_list.waiting_list(session))
        type_text(qtbot, form.editors["last_name"], "Dąbrowska")
        type_into(qtbot, form.editors["application_date"], (TODAY - timedelta(days=12)).strftime("%d.%m.%Y"))
        form.editors["referral"].setCurrentIndex(form.editors["referral"].findData(Referral.PCPR))
        type_text(qtbot, form.editors["notes"], "Czeka na orzeczenie.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer(page, monkeypatch, fill)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    qtbot.keyClick(page.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)  # from the list of those taking part
    assert len(opened) == 1
    assert seen["hidden"] == [False, False, False]
    assert seen["applied"] == TODAY.strftime("%d.%m.%Y")
    assert seen["error"] == _("The surname is required.") and seen["count"] == 3  # nothing written
    assert said.errors == []
    # The list shows the waiting list, the new applicant chosen, in their place in the queue.
    assert page.status_filter.currentData() == Filter.APPLICANTS
    assert [row[0] for row in rows(page)] == ["Bąk", "Adamska", "Dąbrowska", "Cis"]
    assert page.current_participant_id() == opened[0].saved_id
    assert rows(page)[2][6] == waiting(12)
    with context.read() as session:
        person = participants.get_participant(session, opened[0].saved_id)
        assert (person.admission_date, person.application_date, person.referral, person.notes) == (
            None, TODAY - timedelta(days=12), Referral.PCPR, "Czeka na orzeczenie.")


def test_close_an_application_with_a_reason(qtbot, page, context, monkeypatch, said, applicants):
    show_waiting_list(page)
    page.select_participant(applicants["adamska"])
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, CloseApplicationDialog)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)  # no reason chosen
        seen["error"] = dialog.form.error_text("reason")
        dialog.reason.setCurrentIndex(dialog.reason.findData(ExitReason.WITHDRAWN))
        type_into(qtbot, dialog.closing_date, (TODAY - timedelta(days=2)).strftime("%d.%m.%Y"))
        type_text(qtbot, dialog.notes, "Rodzina przeprowadza się.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer(page, monkeypatch, fill)
    qtbot.mouseClick(page.close_application_button, Qt.LeftButton)
    assert len(opened) == 1
    assert seen["error"] == _("Choose why the application is closed.")
    assert [row[0] for row in rows(page)] == ["Bąk", "Cis"]
    with context.read() as session:
        person = participants.get_participant(session, applicants["adamska"])
        assert (person.exit_date, person.exit_reason, person.exit_notes) == (
            TODAY - timedelta(days=2), ExitReason.WITHDRAWN, "Rodzina przeprowadza się.")
        assert state_of(person, TODAY) is ParticipantState.CLOSED
    page.status_filter.setCurrentIndex(page.status_filter.findData(Filter.ALL))
    closed_on = (TODAY - timedelta(days=2)).strftime("%d.%m.%Y")
    closed = next(row for row in rows(page) if row[0] == "Adamska")
    assert closed[6] == _("Application closed on {date}").format(date=closed_on)
    # Her detail says so, and its Exit tab has no exit to offer.
    page.open_participant(applicants["adamska"])
    reason = labels.label(ExitReason.WITHDRAWN)
    assert page.detail.subtitle.text() == _("{programme} · application closed on {date} · {reason}").format(
        programme="WTZ", date=closed_on, reason=reason)
    page.detail.exit.load(applicants["adamska"])
    assert page.detail.exit.hint.text() == _(
        "The application of {name} was closed on {date} ({reason}); {name} was never admitted, so there is no "
        "exit to record.").format(name="Alicja Adamska", date=closed_on, reason=reason)


def test_admit_from_the_list_with_the_dialog_filled_in(qtbot, page, context, monkeypatch, said, applicants):
    show_waiting_list(page)
    page.select_participant(applicants["bak"])
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, AdmitDialog) and dialog.applicant_id == applicants["bak"]
        form = dialog.form
        seen["filled"] = (form.editors["first_name"].text(), form.editors["last_name"].text(),
                          form.editors["pesel"].text(), form.editors["admission_date"].text())
        type_text(qtbot, form.editors["phone"], "600 100 200")
        dialog.workshop.setCurrentIndex(dialog.workshop.findData(applicants["kitchen"]))
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = answer(page, monkeypatch, fill)
    qtbot.mouseClick(page.admit_applicant_button, Qt.LeftButton)
    assert len(opened) == 1
    assert seen["filled"] == ("Bogdan", "Bąk", make_pesel(date(1980, 1, 1), 2), TODAY.strftime("%d.%m.%Y"))
    assert said.errors == []
    assert [row[0] for row in rows(page)] == ["Adamska", "Cis"]  # the list stays shown, without him
    with context.read() as session:
        person = participants.get_participant(session, applicants["bak"])
        assert (person.admission_date, person.phone) == (TODAY, "600 100 200")
        assert person.application_date == TODAY - timedelta(days=400)  # his wait stays on record
        assert [p.workshop_id for p in placements.placements_of(session, person.id)] == [applicants["kitchen"]]
        assert waiting_list.median_wait_admitted(session, TODAY, TODAY) == 400


def test_an_instructor_has_no_waiting_list_actions(qtbot, context, applicants):
    with context.unit() as session:
        instructor = users.create_user(session, "kwiatek", "tajnehaslo", Role.INSTRUCTOR, "Krystyna Kwiatkowska",
                                       workshop_ids=[applicants["kitchen"]])
        context.user = SignedIn(instructor.id, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.show()
    show_waiting_list(page)
    assert rows(page) == []
    assert not page.waiting_buttons.isVisible() and not page.applicant_button.isVisible()
    page.add_applicant()  # Ctrl+Shift+N: refused without a dialog
    with context.read() as session:
        assert len(waiting_list.waiting_list(session)) == 3
