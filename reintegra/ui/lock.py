"""Signing out and the idle lock of the main window.

After the facility's ``idle_lock_minutes`` without a key or a click (ui/idle.py), or on Ctrl+Shift+L,
every open window is covered and only the unlock form shows (ui/dialogs/unlock.py): the same user's
password gives everything back as it was, text half-typed included. "Sign in as someone else" and
signing out (Ctrl+Shift+Q) first ask what to do with input not saved yet (ui/unsaved.py), record the
sign-out in the audit log, and open a new main window for whoever signs in next.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QToolButton, QToolTip, QVBoxLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from reintegra.db.enums import AuditAction
from reintegra.i18n import _
from reintegra.services import audit, database, facility, sign_in, units
from reintegra.services.errors import ReintegraError
from reintegra.ui import messages, unsaved
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.unlock import UnlockScreen
from reintegra.ui.idle import IdleWatch

MINUTE_MS = 60_000  # tests make a minute short
LOCK_KEYS = "Ctrl+Shift+L"
SIGN_OUT_KEYS = "Ctrl+Shift+Q"
_NOT_COVERED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
_windows: list[QMainWindow] = []  # the main window that replaced a signed-out one (nothing else holds it)


# -- the password and the audit log ---------------------------------------------------------------

@dataclass(frozen=True)
class PasswordCheck:
    accepted: bool
    message: str = ""  # why not, one translated sentence
    wait_seconds: int = 0  # too many wrong tries: the pause before the next one


def check_password(context: AppContext, password: str) -> PasswordCheck:
    """Whether ``password`` is the signed-in user's: the one place the lock checks it."""
    if not password:
        return PasswordCheck(False, _("Enter your password."))
    try:
        with units.writing(context.engine) as session:  # the try is counted, the audit log written
            result = sign_in.sign_in(session, context.user.username, password)
    except ReintegraError as error:
        return PasswordCheck(False, error.message)
    except SQLAlchemyError as error:
        return PasswordCheck(False, _("The database reported an error: {error}").format(
            error=database.error_text(error)))
    if result.user is not None and result.user.id == context.user.id:
        if result.user.must_change_password:
            # Reset by an administrator while locked: a password someone else has seen does not
            # open the window; the sign-in asks for a new one first (the same person may sign in).
            return PasswordCheck(False, _("This is a temporary password. Choose “Sign in as someone else” "
                                          "and sign in with it to set your own password."))
        return PasswordCheck(True)
    # The login is not typed here: "wrong user name or password" would only puzzle.
    if result.message and not result.message.startswith(sign_in.wrong_message()):
        return PasswordCheck(False, result.message, result.wait_seconds)  # a wait, a demo password …
    message = _("Wrong password.")
    if result.wait_seconds:
        message = f"{message} {sign_in.wait_message(result.wait_seconds)}"
    return PasswordCheck(False, message, result.wait_seconds)


def record_sign_out(context: AppContext, parent: QWidget | None = None) -> bool:
    """The sign-out in the audit log; False when the database refused it (said to the user)."""
    try:
        with context.unit() as session:
            audit.record(session, context.actor(session), AuditAction.LOGOUT, "user", context.user.id)
    except ReintegraError as error:
        messages.error(parent, error.message)
        return False
    return True


def ask_sign_in(context: AppContext) -> AppContext | None:
    """The sign-in after a sign-out: the context with its user, or None when the person cancels."""
    from reintegra.ui import app

    return app.sign_in(context)


def leave_application() -> None:
    """Nobody signed in after a sign-out: the application ends."""
    QApplication.quit()


# -- covering the windows -------------------------------------------------------------------------

class Cover(QWidget):
    """An opaque sheet over all of a window while it is locked; its title says only that it is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lock-cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#lock-cover { background: #26323a; } QLabel { color: #dce6ec; font-size: 16pt; }")
        text = QLabel(_("Reintegra is locked"))
        text.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self.window_title = window.windowTitle()
        window.setWindowTitle(_("Reintegra – locked"))
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()
        return False

    def remove(self) -> None:
        window = self.parentWidget()
        window.removeEventFilter(self)
        window.setWindowTitle(self.window_title)
        self.hide()
        self.deleteLater()


# -- the guard of one main window -----------------------------------------------------------------

class LockGuard(QObject):
    """Lock, unlock and sign-out for ``window`` (a MainWindow: ``context``, ``statusBar()``)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.context: AppContext = window.context
        self.screen: UnlockScreen | None = None
        self._covers: list[Cover] = []
        self._active: QWidget | None = None
        self._focus: QWidget | None = None
        signed_in = self.context.user is not None and self.context.user.id is not None
        self.lock_action = QAction(_("&Lock now"), window)
        self.lock_action.setShortcut(QKeySequence(LOCK_KEYS))
        self.lock_action.setToolTip(_("Lock the window until your password is entered (Ctrl+Shift+L)"))
        self.lock_action.triggered.connect(self.lock)
        self.sign_out_action = QAction(_("Sign &out"), window)
        self.sign_out_action.setShortcut(QKeySequence(SIGN_OUT_KEYS))
        self.sign_out_action.setToolTip(_("Sign out so that someone else can sign in (Ctrl+Shift+Q)"))
        self.sign_out_action.triggered.connect(self.sign_out)
        for action in (self.lock_action, self.sign_out_action):
            action.setEnabled(signed_in)  # nobody to unlock as: a database without users
            window.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setObjectName(f"status-{'lock' if action is self.lock_action else 'sign-out'}")
            window.statusBar().addPermanentWidget(button)
        self.idle = IdleWatch(self._interval_ms(), self)
        self.idle.idle.connect(self.lock)
        self.context.events.facility_changed.connect(self._facility_changed)
        # Queued: the refused step ends first; then only "sign in as someone else" is left.
        self.context.events.account_disabled.connect(self._account_disabled, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)
        if signed_in:
            self.idle.start()

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def _facility_changed(self) -> None:
        self.idle.set_interval(self._interval_ms())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window from its title bar asks about input not saved yet, as signing out does
        (a close from the program itself, e.g. after a sign-out, has asked already)."""
        if (watched is self.window and event.type() == QEvent.Type.Close and event.spontaneous()
                and not unsaved.settle(self.window, _("Save it before closing Reintegra?"))):
            event.ignore()
            return True
        return False

    def _interval_ms(self) -> int:
        with self.context.read() as session:
            return facility.get_facility(session).idle_lock_minutes * MINUTE_MS

    # -- locking ---------------------------------------------------------------------------

    def _account_disabled(self) -> None:
        if not self.locked:
            self.lock()

    def lock(self) -> None:
        """Covers every open window and shows the unlock form; what was typed stays where it is."""
        if self.locked or not self.lock_action.isEnabled():
            return
        self.idle.stop()
        self._active = QApplication.activeWindow() or self.window
        self._focus = self._active.focusWidget()  # where the cursor was (also when no window is active)
        for _popup in range(10):  # an open menu or list (one inside another at most a few deep)
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        QToolTip.hideText()
        self._covers = [Cover(window) for window in self._open_windows()]
        self.screen = UnlockScreen(self.context.user, self.window)
        self.screen.unlock_asked.connect(self._unlock_with)
        self.screen.someone_else.connect(self.sign_in_as_someone_else)
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.password.setFocus()

    def _open_windows(self) -> list[QWidget]:
        return [window for window in QApplication.topLevelWidgets()
                if window.isVisible() and window is not self.screen and window.windowType() not in _NOT_COVERED]

    def _unlock_with(self, password: str) -> None:
        check = check_password(self.context, password)
        if not check.accepted:
            self.screen.refuse(check.message, check.wait_seconds)
            return
        self.unlock()

    def unlock(self) -> None:
        """Everything back as it was, the cursor where it was."""
        self._uncover()
        active, focus, self._active, self._focus = self._active, self._focus, None, None
        if active is not None and shiboken6.isValid(active) and active.isVisible():
            active.activateWindow()
            if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
                focus.setFocus()
        self.idle.start()

    def _uncover(self) -> None:
        for cover in self._covers:
            if shiboken6.isValid(cover):
                cover.remove()
        self._covers = []
        if self.screen is not None:
            self.screen.finish()
            self.screen = None

    # -- signing out -----------------------------------------------------------------------

    def sign_out(self) -> bool:
        """Asks about input not saved yet, records the sign-out, and shows the sign-in; False if cancelled."""
        if self.locked or not self.sign_out_action.isEnabled():
            return False
        if not unsaved.settle(self.window, _("Save it before signing out?")):
            return False
        if not record_sign_out(self.context, self.window):
            return False
        self._hand_over()
        return True

    def sign_in_again(self) -> None:
        """After the database was replaced (a restore): this window closes and the sign-in asks again, since
        the restored accounts may differ; the next window reads everything afresh. (The restore is in the audit
        log; no sign-out is recorded.)"""
        self._hand_over()

    def sign_in_as_someone_else(self) -> None:
        """From the lock: the dialogs still open are closed (if the person agrees), what was typed is saved
        or discarded as they choose, and the sign-in appears."""
        dialogs = [window for window in self._open_windows() if isinstance(window, QDialog)]
        if not dialogs:
            self._switch_user()
            return
        if not messages.confirm(self.screen, _("Windows are open behind the lock, perhaps with something "
                                               "typed in them. Close them without saving?"), yes=_("Close them")):
            return
        # A modal dialog runs its own event loop (exec) under this one; the window below it may close only
        # once every such loop has returned.
        level = QThread.currentThread().loopLevel() - sum(1 for dialog in dialogs if dialog.isModal())
        for dialog in dialogs:
            dialog.reject()
        QTimer.singleShot(0, lambda: self._when_dialogs_closed(level, self._switch_user))

    def _when_dialogs_closed(self, level: int, then, tries: int = 100) -> None:
        """``then()`` once the event loops of the closed dialogs have returned (after ``tries`` checks, once
        no dialog is shown: a modal dialog opened without exec() has no loop to wait for)."""
        dialogs_shown = any(isinstance(window, QDialog) for window in self._open_windows())
        if dialogs_shown or (QThread.currentThread().loopLevel() > level and tries > 0):
            QTimer.singleShot(20, lambda: self._when_dialogs_closed(level, then, tries - 1))
        else:
            then()

    def _switch_user(self) -> None:
        if self.screen is None:
            return
        question = _("Save it for {name} before someone else signs in?").format(name=self.context.user.display_name)
        if not unsaved.settle(self.screen, question, [self.window]):
            self.screen.say(_("Nothing was changed. {name} can unlock to finish what is not saved, or choose "
                              "Discard.").format(name=self.context.user.display_name))
            return
        if not record_sign_out(self.context, self.screen):
            return
        self._hand_over()

    def _hand_over(self) -> None:
        """Closes this window and opens a new one for whoever signs in next (or ends the application)."""
        self.idle.stop()
        self._uncover()
        window, context = self.window, self.context
        application = QApplication.instance()
        quits = application.quitOnLastWindowClosed()
        application.setQuitOnLastWindowClosed(False)  # the sign-in comes before the next window
        try:
            window.close()
            try:
                signed = ask_sign_in(AppContext(context.engine, context.database, demo=context.demo))
            except ReintegraError as error:  # e.g. the database went away meanwhile
                messages.error(None, error.message)
                signed = None
            # This window stays listed until Qt has deleted it: a wrapper dropped now would delete it under us.
            _windows[:] = [kept for kept in _windows if shiboken6.isValid(kept) and kept is not window] + [window]
            if signed is None or signed.user is None:
                leave_application()
            else:
                successor = type(window)(signed)
                _windows.append(successor)
                successor.show()
                successor.activateWindow()
        finally:
            application.setQuitOnLastWindowClosed(quits)
            window.deleteLater()


def current_window() -> QMainWindow | None:
    """The main window opened after the last sign-out, if any."""
    return next((window for window in reversed(_windows) if shiboken6.isValid(window) and window.isVisible()), None)
