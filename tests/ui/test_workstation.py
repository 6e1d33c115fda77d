"""A shared workstation: the idle lock covers everything and gives it back to the same password; signing
out (and "someone else" at the lock) asks about what was typed and not saved, and is audited."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from sqlalchemy import select

from factories import admit
from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry
from reintegra.i18n import _
from reintegra.services import facility, participants, sign_in, users
from reintegra.services.errors import ReintegraError
from reintegra.ui import lock, messages
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.dialogs.note import NoteDialog
from reintegra.ui.main_window import MainWindow
from reintegra.ui.messages import Unsaved

PASSWORD = "bezpieczne-haslo"


@pytest.fixture
def people(context):
    """A director signed in, another user who may come next, and one participant."""
    with context.unit() as session:
        director = users.create_user(session, "kierownik", PASSWORD, Role.DIRECTOR, "Zofia Wójcik")
        other = users.create_user(session, "ola", PASSWORD, Role.DIRECTOR, "Aleksandra Żak")
        person_id = admit(session, "Anna", "Kowalska", date(2026, 1, 5), serial=101).id
        context.user = SignedIn(director.id, director.username, director.full_name, director.role)
        return {"director": director.id, "other": SignedIn(other.id, other.username, other.full_name, other.role),
                "person": person_id}


@pytest.fixture
def windows(qtbot):
    """Opens main windows and closes, at the end, every one still there (a signed-out one is deleted)."""
    opened = []

    def open_(context):
        window = MainWindow(context)
        opened.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    yield open_
    for window in [*opened, lock.current_window()]:
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()


@pytest.fixture
def answers(monkeypatch):
    """The Save / Discard / Cancel question, answered by the test; what it asked is in ``asked``."""
    class Answers:
        asked: list[str] = []
        queue: list[Unsaved] = []

    def ask(parent, text):
        Answers.asked.append(text)
        return Answers.queue.pop(0)

    Answers.asked, Answers.queue = [], []
    monkeypatch.setattr(messages, "ask_unsaved", ask)
    return Answers


@pytest.fixture
def next_user(monkeypatch):
    """Who signs in after a sign-out: ``signs_in.user`` (None: the sign-in is cancelled)."""
    class SignsIn:
        user: SignedIn | None = None
        asked = 0

    def sign_in(context: AppContext):
        SignsIn.asked += 1
        if SignsIn.user is None:
            return None
        context.user = SignsIn.user
        return context

    monkeypatch.setattr(lock, "ask_sign_in", sign_in)
    return SignsIn


def open_personal_data(window, person_id):
    window.show_page("participants")
    page = window.page("participants")
    page.open_participant(person_id)
    return page.detail.personal


def covered(window, widget) -> bool:
    """Whether the point in the middle of ``widget`` shows the lock's cover (nothing of the widget)."""
    hit = window.childAt(widget.mapTo(window, widget.rect().center()))
    cover = window.findChild(lock.Cover)
    return cover is not None and cover.isVisible() and hit is not None and (hit is cover or cover.isAncestorOf(hit))


def logouts(context, user_id):
    with context.read() as session:
        return session.scalars(select(AuditEntry).where(
            AuditEntry.action == AuditAction.LOGOUT, AuditEntry.user_id == user_id)).all()


def test_idle_window_locks_hides_everything_and_the_same_password_gives_back_what_was_typed(
        qtbot, monkeypatch, context, people, windows, said):
    window = windows(context)
    guard = window.lock_guard
    personal = open_personal_data(window, people["person"])
    city = personal.form.editors["city"]
    city.setFocus()
    qtbot.keyClicks(city, "Gdynia")
    monkeypatch.setattr(lock, "MINUTE_MS", 50)  # the facility's default 10 minutes: 0.5 s from the last key
    context.events.facility_changed.emit()
    assert not guard.locked

    qtbot.waitUntil(lambda: guard.locked, timeout=3000)
    assert covered(window, city) and covered(window, personal.form.editors["last_name"])
    assert window.windowTitle() == _("Reintegra – locked") == "Reintegra – blokada"
    screen = guard.screen
    assert QApplication.activeModalWidget() is screen
    texts = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "Kowalska" not in texts and "Zofia Wójcik" in texts

    qtbot.keyClicks(screen.password, "zle-haslo")
    qtbot.mouseClick(screen.unlock_button, Qt.LeftButton)
    assert guard.locked and screen.message.text() == "Nieprawidłowe hasło." and screen.password.text() == ""
    qtbot.keyClick(screen, Qt.Key_Escape)
    assert guard.locked and screen.isVisible()  # Esc does not take the lock away

    qtbot.keyClicks(screen.password, PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key_Return)
    assert not guard.locked and not screen.isVisible() and not covered(window, city)
    assert city.text() == "Gdynia" and personal.has_unsaved_input()
    assert window.windowTitle() == "Reintegra"
    qtbot.waitUntil(lambda: city.hasFocus())
    with context.read() as session:
        assert participants.get_participant(session, people["person"]).city == ""  # nothing saved behind the lock

    qtbot.waitUntil(lambda: guard.locked, timeout=3000)  # idle again: locked again
    qtbot.keyClicks(guard.screen.password, PASSWORD)
    qtbot.keyClick(guard.screen.password, Qt.Key_Return)
    assert not guard.locked


def test_the_idle_time_comes_from_the_facility_settings(qtbot, monkeypatch, context, people, windows, said):
    monkeypatch.setattr(lock, "MINUTE_MS", 1000)
    with context.unit() as session:
        fields = facility.FacilityFields(name="WTZ", idle_lock_minutes=3)
        facility.update_facility(session, fields)
    window = windows(context)
    assert window.lock_guard.idle.interval_ms == 3000
    with context.unit() as session:
        facility.update_facility(session, facility.FacilityFields(name="WTZ", idle_lock_minutes=1),
                                 expected_version=facility.get_facility(session).version)
    context.events.facility_changed.emit()
    assert window.lock_guard.idle.interval_ms == 1000


def test_ctrl_shift_l_locks_and_an_open_dialog_is_covered_and_kept(qtbot, context, people, windows, said):
    window = windows(context)
    guard = window.lock_guard
    note = NoteDialog(context, people["person"], parent=window)
    note.show()  # as if left open
    qtbot.waitExposed(note)
    qtbot.keyClicks(note.form.text, "Spokojny poranek")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert guard.locked
    assert covered(note, note.form.text) and "Kowalska" not in note.windowTitle()
    qtbot.keyClicks(guard.screen.password, PASSWORD)
    qtbot.mouseClick(guard.screen.unlock_button, Qt.LeftButton)
    assert not guard.locked and note.isVisible() and note.form.text.toPlainText() == "Spokojny poranek"
    assert note.windowTitle() == _("Progress note about {name}").format(name="Anna Kowalska")
    note.close()


def test_signing_out_asks_about_unsaved_input_keeps_it_on_cancel_and_is_audited(
        qtbot, context, people, windows, said, answers, next_user):
    window = windows(context)
    personal = open_personal_data(window, people["person"])
    qtbot.keyClicks(personal.form.editors["city"], "Gdynia")

    answers.queue = [Unsaved.CANCEL]
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(answers.asked) == 1
    assert _("The personal data form of a participant") in answers.asked[0] and "Kowalska" not in answers.asked[0]
    assert window.isVisible() and personal.form.editors["city"].text() == "Gdynia"
    assert next_user.asked == 0 and logouts(context, people["director"]) == []

    answers.queue = [Unsaved.SAVE]
    next_user.user = people["other"]
    qtbot.mouseClick(window.statusBar().findChild(lock.QToolButton, "status-sign-out"), Qt.LeftButton)
    with context.read() as session:
        assert participants.get_participant(session, people["person"]).city == "Gdynia"
    assert len(logouts(context, people["director"])) == 1
    assert next_user.asked == 1
    successor = lock.current_window()
    assert successor is not None and successor is not window and successor.isVisible()
    assert successor.context.user.username == "ola"
    assert "Aleksandra Żak" in successor.statusBar().findChild(QLabel, "status-user").text()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the signed-out window is gone


def test_signing_out_with_nothing_unsaved_asks_nothing_and_cancelled_sign_in_ends_the_app(
        qtbot, monkeypatch, context, people, windows, said, answers, next_user):
    ended = []
    monkeypatch.setattr(lock, "leave_application", lambda: ended.append(True))
    window = windows(context)
    assert window.lock_guard.sign_out()
    assert answers.asked == [] and next_user.asked == 1 and ended == [True]
    assert len(logouts(context, people["director"])) == 1


def test_discard_at_sign_out_drops_the_typed_text(qtbot, context, people, windows, said, answers, next_user):
    window = windows(context)
    personal = open_personal_data(window, people["person"])
    qtbot.keyClicks(personal.form.editors["city"], "Gdynia")
    next_user.user = people["other"]
    answers.queue = [Unsaved.DISCARD]
    assert window.lock_guard.sign_out()
    with context.read() as session:
        assert participants.get_participant(session, people["person"]).city == ""


def test_someone_else_at_the_lock_closes_open_dialogs_and_saves_first(
        qtbot, context, people, windows, said, answers, next_user):
    window = windows(context)
    guard = window.lock_guard
    open_personal_data(window, people["person"])
    notes = window.page("participants").detail.notes
    qtbot.keyClicks(notes.form.text, "Punktualnie o 8:00.")
    dialog = NoteDialog(context, people["person"], parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    guard.lock()

    said.answer_confirm = False  # "close the open windows without saving?" — no
    qtbot.mouseClick(guard.screen.switch_button, Qt.LeftButton)
    assert guard.locked and dialog.isVisible() and next_user.asked == 0
    said.answer_confirm = True
    answers.queue = [Unsaved.CANCEL]
    qtbot.mouseClick(guard.screen.switch_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(answers.asked) == 1)  # once the dialog has gone: about the note being written
    assert _("A new progress note") in answers.asked[0]
    assert not dialog.isVisible() and guard.locked and next_user.asked == 0
    assert notes.form.text.toPlainText() == "Punktualnie o 8:00."
    assert guard.screen.message.text() == _(
        "Nothing was changed. {name} can unlock to finish what is not saved, or choose Discard.").format(
        name="Zofia Wójcik")

    answers.queue = [Unsaved.SAVE]
    next_user.user = people["other"]
    qtbot.mouseClick(guard.screen.switch_button, Qt.LeftButton)
    assert next_user.asked == 1 and lock.current_window().context.user.username == "ola"
    assert len(logouts(context, people["director"])) == 1
    with context.read() as session:
        from reintegra.services import notes as note_service
        assert [row.text for row in note_service.notes_of(session, people["person"])] == ["Punktualnie o 8:00."]


def test_a_window_without_a_signed_in_user_neither_locks_nor_signs_out(qtbot, context, windows, said):
    window = windows(context)
    guard = window.lock_guard
    guard.lock()
    assert not guard.locked and not guard.idle.running and not guard.sign_out()
    assert not window.findChild(QLineEdit, "unlock-password")


def test_the_lock_takes_input_over_a_modal_dialog_and_gives_the_dialog_back(qtbot, context, people, windows, said):
    window = windows(context)
    guard = window.lock_guard
    dialog = NoteDialog(context, people["person"], parent=window)
    seen = {}

    def while_the_dialog_is_open():
        qtbot.keyClicks(dialog.form.text, "Spokojny poranek")
        guard.lock()
        seen["covered"] = covered(dialog, dialog.form.text)
        seen["lock on top"] = QApplication.activeModalWidget() is guard.screen
        qtbot.keyClicks(guard.screen.password, PASSWORD)
        qtbot.keyClick(guard.screen.password, Qt.Key_Return)
        seen["unlocked"] = not guard.locked
        seen["dialog"] = (dialog.isVisible(), dialog.form.text.toPlainText(), covered(dialog, dialog.form.text))
        dialog.reject()

    QTimer.singleShot(0, while_the_dialog_is_open)
    dialog.exec()
    assert seen == {"covered": True, "lock on top": True, "unlocked": True,
                    "dialog": (True, "Spokojny poranek", False)}


def test_someone_else_over_a_modal_dialog_waits_until_it_has_closed(
        qtbot, context, people, windows, said, answers, next_user):
    window = windows(context)
    guard = window.lock_guard
    dialog = NoteDialog(context, people["person"], parent=window)
    next_user.user = people["other"]

    def while_the_dialog_is_open():
        guard.lock()
        qtbot.mouseClick(guard.screen.switch_button, Qt.LeftButton)
        assert next_user.asked == 0  # not while the dialog's exec() still runs on top of the window

    QTimer.singleShot(0, while_the_dialog_is_open)
    dialog.exec()
    assert said.questions == [_("Windows are open behind the lock, perhaps with something typed in them. "
                                "Close them without saving?")]
    qtbot.waitUntil(lambda: next_user.asked == 1)
    assert lock.current_window().context.user.username == "ola" and answers.asked == []


def test_the_day_log_and_the_facility_form_are_asked_about_saved_or_discarded(qtbot, context, people, said, answers):
    from factories import workshop
    from reintegra.services import attendance
    from reintegra.ui import unsaved
    from reintegra.ui.pages.settings_facility import FacilityForm
    from reintegra.ui.widgets.day_log_editor import DayLogEditor

    with context.unit() as session:
        workshop_id = workshop(session).id
        attendance.save_day_log(session, workshop_id, date(2026, 3, 2), "Pieczenie chleba")
        version = attendance.day_log(session, workshop_id, date(2026, 3, 2)).version
    log = DayLogEditor(context)
    log.timer.setInterval(60_000)  # not saved as you type during the test
    log.load(workshop_id, date(2026, 3, 2), "Pieczenie chleba", version, True)
    form = FacilityForm(context)
    form.load()
    for editor in (log, form):
        qtbot.addWidget(editor)
        editor.show()
    assert unsaved.editors_with_input([log, form]) == []
    log.text.moveCursor(QTextCursor.End)
    qtbot.keyClicks(log.text, " i ciasta")
    qtbot.keyClicks(form.editors["name"], "WTZ Zrodlo")

    answers.queue = [Unsaved.DISCARD]
    assert unsaved.settle(None, "?", [log, form])
    assert answers.asked[0].splitlines()[2:4] == [f"• {_('The day log of a workshop')}", f"• {_('The facility data')}"]
    assert log.text.toPlainText() == "Pieczenie chleba" and form.editors["name"].text() == ""
    assert not log.has_unsaved_input() and not form.has_unsaved_input()

    log.text.moveCursor(QTextCursor.End)
    qtbot.keyClicks(log.text, " i ciasta")
    qtbot.keyClicks(form.editors["name"], "WTZ Zrodlo")
    answers.queue = [Unsaved.SAVE]
    assert unsaved.settle(None, "?", [log, form])
    with context.read() as session:
        assert attendance.day_log(session, workshop_id, date(2026, 3, 2)).text == "Pieczenie chleba i ciasta"
        assert facility.get_facility(session).name == "WTZ Zrodlo"


def test_a_refused_save_keeps_the_text_and_the_sign_out_stops(qtbot, context, people, windows, said, answers,
                                                              next_user):
    window = windows(context)
    personal = open_personal_data(window, people["person"])
    postal_code = personal.form.editors["postal_code"]
    qtbot.keyClicks(postal_code, "123")
    answers.queue = [Unsaved.SAVE]
    assert not window.lock_guard.sign_out()
    assert personal.form.error_text("postal_code") == "„123” nie jest kodem pocztowym (format 00-000)."
    assert postal_code.text() == "123" and window.isVisible()
    assert next_user.asked == 0 and logouts(context, people["director"]) == []


def test_closing_the_window_from_its_title_bar_asks_about_unsaved_input(qtbot, context, people, windows, said,
                                                                        answers):
    class TitleBarClose(QCloseEvent):
        """What the window manager sends (a test cannot send a spontaneous event)."""

        def spontaneous(self):
            return True

    window = windows(context)
    guard = window.lock_guard
    personal = open_personal_data(window, people["person"])
    qtbot.keyClicks(personal.form.editors["city"], "Gdynia")
    answers.queue = [Unsaved.CANCEL]
    close = TitleBarClose()
    assert guard.eventFilter(window, close) and not close.isAccepted()  # the window stays
    assert _("Save it before closing Reintegra?") in answers.asked[0]
    answers.queue = [Unsaved.SAVE]
    assert not guard.eventFilter(window, TitleBarClose())  # saved: it may close
    with context.read() as session:
        assert participants.get_participant(session, people["person"]).city == "Gdynia"
    assert not guard.eventFilter(window, TitleBarClose()) and len(answers.asked) == 2  # nothing left to ask



def test_wrong_passwords_at_the_lock_count_like_any_sign_in(context, people):
    for _try in range(4):
        check = lock.check_password(context, "zle-haslo-123")
        assert not check.accepted and check.message == "Nieprawidłowe hasło." and not check.wait_seconds
    check = lock.check_password(context, "zle-haslo-123")
    assert not check.accepted and check.wait_seconds == 30
    # The lock never speaks of a user name, not even with the wait.
    assert check.message == "Nieprawidłowe hasło. " + sign_in.wait_message(30)
    # While the wait lasts even the right password is refused.
    assert not lock.check_password(context, PASSWORD).accepted
    with context.unit() as session:
        failed = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.LOGIN_FAILED)).all()
    assert len(failed) == 6


def test_a_temporary_password_given_while_locked_does_not_unlock_it_leads_to_the_sign_in(context, people):
    """The administrator reset the password of a user away from the locked PC: the temporary password
    (which the administrator saw) does not give the window back; the sign-in asks for a new one."""
    with context.unit() as session:
        admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Piotr Ślęzak")
        temporary = users.reset_password(session, people["director"], actor=admin).password
    check = lock.check_password(context, temporary)
    assert not check.accepted
    assert check.message == _("This is a temporary password. Choose “Sign in as someone else” "
                              "and sign in with it to set your own password.")
    assert not lock.check_password(context, PASSWORD).accepted  # the old one is gone


def test_a_user_disabled_while_locked_cannot_unlock(context, people):
    with context.unit() as session:
        admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Piotr Ślęzak")
        users.deactivate_user(session, people["director"], actor=admin)
    assert not lock.check_password(context, PASSWORD).accepted


def test_a_user_disabled_while_signed_in_is_refused_at_the_next_step(qtbot, context, people, windows):
    window = windows(context)
    with context.unit() as session:
        admin = users.create_user(session, "admin", PASSWORD, Role.ADMINISTRATOR, "Piotr Ślęzak")
        users.deactivate_user(session, people["director"], actor=admin)
    with context.read() as session, pytest.raises(ReintegraError) as refused:
        participants.get_participant(session, people["person"], actor=context.actor(session))
    assert "wyłączone" in refused.value.message
    # The window locks; the password no longer opens it, only another user can sign in.
    guard = window.lock_guard
    qtbot.waitUntil(lambda: guard.locked, timeout=2000)
    assert not lock.check_password(context, PASSWORD).accepted
