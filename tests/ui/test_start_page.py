"""The start page: what is due on the hand-made facility of ``reminders_data``, and each line
taking the user to the place where it is done, with the action open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from reminders_data import GAP_ANN, TODAY, build
from reintegra.db.enums import ReviewKind, Role
from reintegra.i18n import _, ngettext
from reintegra.services import attendance
from reintegra.services.reminders import ReminderKind as K
from reintegra.ui.context import SignedIn
from reintegra.ui.main_window import MainWindow
from reintegra.ui.pages import start
from reintegra.ui.pages.daily_log import DailyLogPage
from reintegra.ui.pages.participant_tabs.assessments import AssessmentsTab
from reintegra.ui.pages.participant_tabs.exit import ExitTab
from reintegra.ui.pages.participant_tabs.placements import PlacementsTab
from reintegra.ui.pages.participant_tabs.plan import PlanTab
from reintegra.ui.pages.participants import ParticipantsPage
from reintegra.ui.pages.start import StartPage

DIRECTOR = SignedIn(None, "kierownik", "Grażyna Świątek", Role.DIRECTOR)


@pytest.fixture
def facility(context, monkeypatch):
    monkeypatch.setattr(start, "today", lambda: TODAY)
    with context.unit() as session:
        return build(session)


@pytest.fixture
def window(qtbot, context, facility):
    context.user = DIRECTOR
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _row_of(page: StartPage, kind: K, participant_or_workshop: int):
    model = page.model
    for group in range(model.group_count()):
        if model.kind_of_group(group) is not kind:
            continue
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            item = model.reminder(model.index(row, 0, parent))
            if participant_or_workshop in (item.participant_id, item.workshop_id):
                return model.index(row, 0, parent)
    raise AssertionError(f"no {kind} line for {participant_or_workshop}")


def test_the_director_sees_what_is_due_grouped(window, facility):
    page = window.pages.currentWidget()
    assert isinstance(page, StartPage)
    model = page.model
    groups = [model.index(row, 0).data() for row in range(model.group_count())]
    assert groups[0] == _("Attendance not entered") + " (1)"
    assert groups[2] == _("Plan reviews due") + " (2)"
    assert len(page.lines()) == 12
    kitchen = _row_of(page, K.ATTENDANCE, facility["kitchen"])
    assert kitchen.data() == "Pracownia gastronomiczna"
    assert "13.11" in kitchen.siblingAtColumn(1).data() and "18.11" in kitchen.siblingAtColumn(1).data()
    fay = _row_of(page, K.CERTIFICATE, facility["fay"])
    assert fay.data() == "Źrebiec Felicja"
    assert fay.siblingAtColumn(2).data(Qt.ForegroundRole).color() == QColor("#b3261e")  # expired
    ann = _row_of(page, K.PLAN_REVIEW, facility["ann"])
    assert ann.siblingAtColumn(2).data(Qt.ForegroundRole) is None  # due in 7 days
    assert page.outcomes is not None and page.outcomes.isVisible()


def test_a_click_on_missing_attendance_opens_that_day(qtbot, window, facility):
    page = window.pages.currentWidget()
    index = _row_of(page, K.ATTENDANCE, facility["kitchen"])
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=rect.center())
    daily_log = window.pages.currentWidget()
    assert isinstance(daily_log, DailyLogPage)
    assert (daily_log.workshop_id, daily_log.day) == (facility["kitchen"], GAP_ANN)
    assert daily_log.day_view.sheet.day == GAP_ANN


@pytest.mark.parametrize("kind, person, tab_class, action", [
    (K.PLAN_REVIEW, "fay", PlanTab, "record_review"),
    (K.PLAN_MISSING, "bob", PlanTab, "new_plan"),
    (K.ASSESSMENT, "ann", AssessmentsTab, "new_assessment"),
    (K.FOLLOW_UP, "eve", ExitTab, "record_due_contact"),
    (K.NO_WORKSHOP, "cid", PlacementsTab, "place"),
])
def test_enter_on_a_line_opens_the_participant_with_the_action(qtbot, monkeypatch, window, facility, kind, person,
                                                               tab_class, action):
    opened = []
    monkeypatch.setattr(tab_class, action, lambda tab, *given: opened.append((tab.participant_id, *given)))
    page = window.pages.currentWidget()
    page.view.setCurrentIndex(_row_of(page, kind, facility[person]))
    qtbot.keyClick(page.view, Qt.Key_Return)
    participants_page = window.pages.currentWidget()
    assert isinstance(participants_page, ParticipantsPage)
    detail = participants_page.detail
    assert detail.participant_id == facility[person]
    assert isinstance(detail.tabs.currentWidget(), tab_class)
    # Opened once the page is on screen; the council's review opens as one.
    expected = (facility[person], ReviewKind.COUNCIL) if kind is K.PLAN_REVIEW else (facility[person],)
    qtbot.waitUntil(lambda: opened == [expected])


@pytest.mark.parametrize("kind, person, field", [
    (K.CERTIFICATE, "ann", "certificate_valid_until"),
    (K.PARTICIPATION_END, "cid", "planned_end_date"),
])
def test_dates_to_change_open_the_personal_data_at_the_field(qtbot, window, facility, kind, person, field):
    page = window.pages.currentWidget()
    page.view.setCurrentIndex(_row_of(page, kind, facility[person]))
    qtbot.keyClick(page.view, Qt.Key_Return)
    detail = window.pages.currentWidget().detail
    assert detail.tabs.currentWidget() is detail.personal
    assert QApplication.focusWidget() is detail.personal.form.editors[field]


def test_back_on_the_page_what_was_done_is_gone(qtbot, context, window, facility):
    page = window.pages.currentWidget()
    with context.unit() as session:
        for day in (GAP_ANN, GAP_ANN.replace(day=18)):
            attendance.mark_all_present(session, facility["kitchen"], day)
    window.show_page("participants")
    context.events.participants_changed.emit()
    window.show_page("start")
    assert K.ATTENDANCE not in {item.kind for item in page.lines()}
    assert len(page.lines()) == 11


def test_an_instructor_sees_their_workshop_and_no_figures(qtbot, context, facility):
    from reintegra.services import users
    from reintegra.db.models import Workshop

    with context.unit() as session:
        user = users.create_user(session, "k.kucharz", "haslo1234", Role.INSTRUCTOR, "Kasia Kucharz")
        user.workshops.append(session.get(Workshop, facility["kitchen"]))
        session.flush()
        user_id = user.id
    context.user = SignedIn(user_id, "k.kucharz", "Kasia Kucharz", Role.INSTRUCTOR)
    page = StartPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert {item.kind for item in page.lines()} == {K.ATTENDANCE, K.ASSESSMENT}
    assert page.outcomes is None and page.waiting is None


def test_nothing_due_says_so(qtbot, context, monkeypatch):
    monkeypatch.setattr(start, "today", lambda: TODAY)
    page = StartPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert page.lines() == []
    assert page.body.currentWidget() is page.all_done
    assert not page.summary.isVisible()


def test_the_director_sees_the_waiting_figures(window, facility):
    """reminders_data: only Gustaw waits, since 3 March 2025 — 266 days on TODAY (24 November 2025)."""
    page = window.pages.currentWidget()
    assert page.waiting is not None and page.waiting.isVisible()
    assert page.waiting.waiting.text() == "1"
    days = ngettext("{count} day", "{count} days", 266).format(count=266)
    assert (page.waiting.median.text(), page.waiting.longest.text()) == (days, days)
