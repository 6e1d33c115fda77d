"""Signing in: user name and password, with a pause after repeated wrong tries."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reintegra import config
from reintegra.db.models import User
from reintegra.services.validation import max_length
from reintegra.i18n import _, ngettext
from reintegra.services import facility, users
from reintegra.services.demo_database import ADMIN_PASSWORD, ADMIN_USERNAME
from reintegra.services.errors import ReintegraError
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.icons import icon
from reintegra.ui.widgets.form import ERROR_STYLE, Form

class SignInDialog(QDialog):
    """``needed()``: the database has users; after ``exec()``, ``signed_in()`` is who signed in."""

    # After this many wrong tries in a row, each further try waits a few seconds: enough to stop
    # someone guessing at the keyboard, short enough not to lock out the person who mistyped.
    MAX_ATTEMPTS = 5
    WAIT_SECONDS = 10

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self._signed_in: SignedIn | None = None
        self.failures = 0
        self._wait_left = 0
        self.setWindowTitle(_("Sign in – Reintegra"))
        self.setMinimumWidth(460)

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        title = QLabel(_("Sign in to Reintegra"))
        title.setProperty("role", "page-title")
        self.place = QLabel(self._facility_name())
        self.place.setProperty("role", "hint")
        self.place.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.place)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(logo, 0, Qt.AlignTop)
        header.addLayout(heading, 1)

        self.form = Form()
        self.username = self.form.add("username", _("&User name:"), QLineEdit())
        self.username.setMaxLength(max_length(User, "username"))
        self.password = self.form.add("password", _("&Password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.Password)
        self.message = QLabel()
        self.message.setObjectName("sign-in-message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demo-hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setStyleSheet("background: #fff4dc; color: #5c3b00; border: 1px solid #f0d08a;"
                                     " border-radius: 4px; padding: 6px;")
        self.demo_hint.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.sign_in_button = buttons.addButton(_("&Sign in"), QDialogButtonBox.AcceptRole)
        self.sign_in_button.setDefault(True)
        # Else Cancel, an "auto default" button, can take Enter over: a wrong password then closed the dialog.
        buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._prefill()

    def needed(self) -> bool:
        with self.context.read() as session:
            return users.has_users(session)

    def signed_in(self) -> SignedIn | None:
        return self._signed_in

    def _prefill(self) -> None:
        if self.context.demo:
            self.username.setText(ADMIN_USERNAME)
            self.demo_hint.setText(_("These are demo data. Sign in as “{user}” with the password “{password}”.")
                                   .format(user=ADMIN_USERNAME, password=ADMIN_PASSWORD))
            self.demo_hint.show()
        else:
            self.username.setText(config.load_settings().get("last_user") or "")
        (self.password if self.username.text() else self.username).setFocus()

    def _facility_name(self) -> str:
        try:
            # Only read: a session closed without commit keeps nothing, even an empty facility row.
            with Session(self.context.engine) as session:
                return facility.get_facility(session).name or ""
        except SQLAlchemyError:
            return ""

    def try_sign_in(self) -> None:
        if self._wait_left:
            return
        username = self.username.text().strip()
        if not username:
            self._say(_("Enter your user name."))
            self.username.setFocus()
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with self.context.unit() as session:
                user = users.authenticate(session, username, self.password.text())
                signed = SignedIn(user.id, user.username, user.full_name, user.role) if user else None
        except (ReintegraError, SQLAlchemyError) as error:
            self._say(str(error) if isinstance(error, ReintegraError)
                      else _("The database reported an error: {error}").format(error=str(error).splitlines()[0]))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if signed is None:
            self._wrong()
            return
        self._signed_in = signed
        if not self.context.demo:
            config.update_settings(last_user=signed.username)
        self.accept()

    def _wrong(self) -> None:
        self.failures += 1
        self.password.clear()
        self.password.setFocus()
        if self.failures >= self.MAX_ATTEMPTS:
            self._wait(self.WAIT_SECONDS)
        else:
            self._say(_("Wrong user name or password."))

    def _wait(self, seconds: int) -> None:
        self._wait_left = seconds
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(False)
        self._show_wait()
        self._timer.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self._timer.stop()
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(True)
        self._say(_("Wrong user name or password. You can try again now."))
        self.password.setFocus()

    def _show_wait(self) -> None:
        self._say(ngettext("Wrong user name or password. Too many tries: wait {count} second.",
                           "Wrong user name or password. Too many tries: wait {count} seconds.",
                           self._wait_left).format(count=self._wait_left))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
