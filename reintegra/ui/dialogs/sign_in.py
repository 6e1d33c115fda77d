"""Signing in: user name and password; the wait after repeated wrong tries comes from the database
(services/sign_in.py), and a temporary password is replaced before the window opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reintegra import config
from reintegra.i18n import _, ngettext
from reintegra.ui.tab_order import buttons_as_laid_out
from reintegra.ui.icons import icon
from reintegra.ui.widgets.form import ERROR_STYLE, Form

if TYPE_CHECKING:
    from reintegra.services import sign_in
    from reintegra.ui.context import AppContext, SignedIn

# This module is the first window: it imports only Qt and light parts of Reintegra, so that the
# window is on screen before SQLAlchemy, the models and the services are loaded (ui/app.py loads
# them once it is shown). Whatever needs the database is imported where it is used.

# A demo of 300 participants has about 14 instructors; a far bigger one lists its first ones only.
_LISTED_INSTRUCTORS = 16


class SignInDialog(QDialog):
    """``needed()``: the database has users; after ``exec()``, ``signed_in()`` is who signed in.

    Wrong tries are counted by the service, per user name and in the database; while it says to
    wait, the name it was said for cannot be tried (another name can). A user with a temporary
    password chooses their own on a second step before the dialog closes."""

    def __init__(self, context: AppContext | None = None, parent=None):
        super().__init__(parent)
        self.context = None
        self._signed_in: SignedIn | None = None
        self._must_change: SignedIn | None = None
        self.failures = 0
        self._wait_left = 0
        self._waiting_for = ""
        self.setWindowTitle(_("Sign in – Reintegra"))
        self.setMinimumWidth(460)

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        self.title = QLabel(_("Sign in to Reintegra"))
        self.title.setProperty("role", "page-title")
        self.place = QLabel(_("Opening the database…"))
        self.place.setProperty("role", "hint")
        self.place.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.place)
        header = QHBoxLayout()
        header.setSpacing(12)
        # At the top beside the two lines, with a stretch under it: Qt.AlignTop would load the Qt
        # namespace's hundred enums (12 ms) before the first window is on screen.
        logo_column = QVBoxLayout()
        logo_column.addWidget(logo)
        logo_column.addStretch(1)
        header.addLayout(logo_column)
        header.addLayout(heading, 1)

        self.form = Form()
        self.username = self.form.add("username", _("&User name:"), QLineEdit())
        self.password = self.form.add("password", _("&Password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.Password)
        self.username.textChanged.connect(self._update_enabled)
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

        # Not QDialogButtonBox(Cancel): that constructor makes PySide build the Qt namespace's
        # hundred enums (13 ms) before the first window is on screen.
        buttons = QDialogButtonBox()
        buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = buttons.addButton(_("&Sign in"), QDialogButtonBox.AcceptRole)
        self.sign_in_button.setDefault(True)
        # Else Cancel, an "auto default" button, can take Enter over: a wrong password then closed the dialog.
        buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
        buttons_as_laid_out(buttons)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        sign_in_page = QWidget()
        page = QVBoxLayout(sign_in_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.demo_hint)
        page.addWidget(self.form)
        page.addWidget(self.message)
        page.addStretch(1)
        page.addWidget(buttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(sign_in_page)
        self.new_password_form = None  # the step after a temporary password, built when needed
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(self.pages)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._shown_name = ""  # the last user's name, shown before the database is open
        if context is None:  # the window is shown first; set_context() when the database is open
            self.sign_in_button.setEnabled(False)
            self._shown_name = config.load_settings().get("last_user") or ""
            self.username.setText(self._shown_name)
            (self.password if self._shown_name else self.username).setFocus()
        else:
            self.set_context(context)

    def set_context(self, context: AppContext) -> None:
        """The database opened: the facility's name, the last user (or the demo's), signing in possible.
        What the person typed meanwhile is kept."""
        from reintegra.db.models import User
        from reintegra.services.validation import max_length

        self.context = context
        self.place.setText(self._facility_name())
        self.username.setMaxLength(max_length(User, "username"))
        self._prefill()
        self._update_enabled()

    def _build_new_password_page(self) -> QWidget:
        from reintegra.ui.dialogs.change_password import NewPasswordForm

        self.new_password_hint = QLabel(_(
            "Your password was given by an administrator and is temporary. Choose your own password "
            "before you start; nobody else should know it."))
        self.new_password_hint.setWordWrap(True)
        self.new_password_form = NewPasswordForm()
        self.new_password_form.live(self._check_new_password)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.new_password_button = buttons.addButton(_("Save and &sign in"), QDialogButtonBox.AcceptRole)
        self.new_password_button.setDefault(True)
        buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
        buttons_as_laid_out(buttons)
        buttons.accepted.connect(self.save_new_password)
        buttons.rejected.connect(self.reject)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.new_password_hint)
        column.addWidget(self.new_password_form)
        column.addStretch(1)
        column.addWidget(buttons)
        return page

    def needed(self) -> bool:
        from reintegra.services import users

        with self.context.read() as session:
            return users.has_users(session)

    def signed_in(self) -> SignedIn | None:
        return self._signed_in

    def _prefill(self) -> None:
        from reintegra.services.demo_database import ADMIN_USERNAME

        # What the person typed while the database was opening stays.
        typed = self.username.text() != self._shown_name or bool(self.password.text())
        if self.context.demo:
            from PySide6.QtCore import Qt

            self.demo_hint.setTextFormat(Qt.RichText)
            self.demo_hint.setText(self._demo_hint_text())
            self.demo_hint.linkActivated.connect(self._choose_account)
            self.demo_hint.show()
            self._grow_to_fit()
            if not typed:
                self.username.setText(ADMIN_USERNAME)
        elif not typed:
            self.username.setText(config.load_settings().get("last_user") or "")
        if not typed:
            (self.password if self.username.text() else self.username).setFocus()
        if self.username.text():
            self._show_stored_wait(self.username.text())

    def _grow_to_fit(self) -> None:
        """Taller by the hint's wrapped lines: the window is already on screen, and a window's layout
        does not ask a word-wrapped label how tall it is at the window's width (its last line was cut)."""
        layout = self.layout()
        layout.activate()
        needed = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _demo_hint_text(self) -> str:
        """The demo's accounts, read from its users: the administrator's, then the director's and
        the instructors' (their common password); a user name is a link that fills the field."""
        from html import escape

        from sqlalchemy.exc import SQLAlchemyError

        from reintegra.db.enums import Role
        from reintegra.services import demo_database
        from reintegra.services.errors import ReintegraError

        def link(username: str) -> str:
            return f'<a href="{escape(username)}">{escape(username)}</a>'

        lines = [escape(_("These are demo data. Sign in as “{user}” with the password “{password}”.")
                        .format(user=demo_database.ADMIN_USERNAME, password=demo_database.ADMIN_PASSWORD),
                        quote=False)]
        try:
            with self.context.read() as session:
                accounts = demo_database.staff_accounts(session)
        except (ReintegraError, SQLAlchemyError):
            accounts = []
        directors = [link(name) for role, name in accounts if role is Role.DIRECTOR]
        instructors = [link(name) for role, name in accounts if role is Role.INSTRUCTOR]
        if accounts:
            lines.append(escape(_("The staff's accounts, all with the password “{password}”:")
                                .format(password=demo_database.STAFF_PASSWORD), quote=False))
        if directors:
            lines.append(escape(ngettext("Director: {names}", "Directors: {names}", len(directors)))
                         .format(names=", ".join(directors)))
        if instructors:
            names = ", ".join(instructors[:_LISTED_INSTRUCTORS])
            if len(instructors) > _LISTED_INSTRUCTORS:
                names += " " + escape(_("… and {count} more").format(count=len(instructors) - _LISTED_INSTRUCTORS))
            lines.append(escape(ngettext("Instructor: {names}", "Instructors: {names}", len(instructors)))
                         .format(names=names))
        return "<br>".join(lines)

    def _choose_account(self, username: str) -> None:
        self.username.setText(username)
        self.password.clear()
        self.password.setFocus()

    def _show_stored_wait(self, username: str) -> None:
        """A wait still running from before (another try, another start of the program) is shown at once."""
        from sqlalchemy.exc import SQLAlchemyError

        from reintegra.services import sign_in
        from reintegra.services.errors import ReintegraError

        try:
            with self.context.read() as session:
                seconds = sign_in.wait_left(session, username)
        except (ReintegraError, SQLAlchemyError):
            return
        if seconds:
            self._wait(username, seconds, sign_in.wait_message(seconds))

    def _facility_name(self) -> str:
        from sqlalchemy.exc import SQLAlchemyError
        from sqlalchemy.orm import Session

        from reintegra.services import facility

        try:
            # Only read: a session closed without commit keeps nothing, even an empty facility row.
            with Session(self.context.engine) as session:
                return facility.get_facility(session).name or ""
        except SQLAlchemyError:
            return ""

    def try_sign_in(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from reintegra.services import database, sign_in
        from reintegra.services.errors import ReintegraError
        from reintegra.ui.context import SignedIn

        if self.context is None:  # still opening the database
            return
        username = self.username.text().strip()
        if self._wait_left and _key(username) == self._waiting_for:
            return
        if not username:
            self._say(_("Enter your user name."))
            self.username.setFocus()
            return
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with self.context.unit() as session:
                result = sign_in.sign_in(session, username, self.password.text())
                user = result.user
                signed = SignedIn(user.id, user.username, user.full_name, user.role) if user else None
                must_change = bool(user and user.must_change_password)
        except (ReintegraError, SQLAlchemyError) as error:
            self._say(str(error) if isinstance(error, ReintegraError)
                      else _("The database reported an error: {error}").format(error=database.error_text(error)))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if signed is None:
            self._refused(username, result)
            return
        if not self.context.demo:
            config.update_settings(last_user=signed.username)
        if must_change:
            self._ask_new_password(signed)
            return
        self._signed_in = signed
        self.accept()

    def _refused(self, username: str, result: sign_in.SignInResult) -> None:
        self.failures += 1
        self.password.clear()
        self.password.setFocus()
        if result.wait_seconds:
            self._wait(username, result.wait_seconds, result.message)
        else:
            self._say(result.message)

    # -- a temporary password replaced -------------------------------------------------------

    def _ask_new_password(self, signed: SignedIn) -> None:
        if self.new_password_form is None:
            self.pages.addWidget(self._build_new_password_page())
        self._must_change = signed
        self.title.setText(_("Choose your password"))
        self.pages.setCurrentIndex(1)
        self.new_password_form.new_password.setFocus()

    def _check_new_password(self) -> None:
        """Every error of the new password at once (the repeat, then the users service's rules), writing nothing."""
        from reintegra.db.models import User
        from reintegra.services import users
        from reintegra.ui.widgets.form import Typed

        form, signed = self.new_password_form, self._must_change
        typed = Typed()
        typed.read(form.password)
        if self.context is not None and signed is not None:
            with self.context.read() as session:
                typed.rule(users.check_own_password, session, session.get(User, signed.id), self.password.text(),
                           form.new_password.text())
        typed.raise_any()

    def save_new_password(self) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from reintegra.db.models import User
        from reintegra.services import database, users
        from reintegra.services.errors import ReintegraError, ValidationError

        form, signed = self.new_password_form, self._must_change
        try:
            if form.refused(self._check_new_password):
                return
        except SQLAlchemyError:
            pass  # the save below says it
        form.clear_errors()
        try:
            new_password = form.password()
            with self.context.unit() as session:
                users.change_own_password(session, session.get(User, signed.id), self.password.text(),
                                          new_password)
        except ValidationError as error:
            if not form.show_error(error):
                form.show_error(ValidationError("new_password", error.message))
            return
        except (ReintegraError, SQLAlchemyError) as error:
            form.show_error(ValidationError("new_password", str(error) if isinstance(error, ReintegraError)
                                            else database.error_text(error)))
            return
        self.password.clear()
        self._signed_in = signed
        self.accept()

    # -- waiting -----------------------------------------------------------------------------

    def _wait(self, username: str, seconds: int, message: str) -> None:
        self._waiting_for = _key(username)
        self._wait_left = seconds
        self._say(message)
        self._update_enabled()
        self._timer.start()

    def _tick(self) -> None:
        from reintegra.services import sign_in

        self._wait_left -= 1
        if self._wait_left > 0:
            if _key(self.username.text()) == self._waiting_for:
                self._say(sign_in.wait_message(self._wait_left))
            return
        self._timer.stop()
        self._waiting_for = ""
        self._update_enabled()
        self._say(_("You can try again now."))
        self.password.setFocus()

    def _update_enabled(self, *_args) -> None:
        """While a wait runs for the typed name, that name cannot be tried; another name can."""
        waiting = bool(self._wait_left) and _key(self.username.text()) == self._waiting_for
        self.password.setEnabled(not waiting)
        self.sign_in_button.setEnabled(not waiting and self.context is not None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _key(username: str) -> str:
    return username.strip().lower()
