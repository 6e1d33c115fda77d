"""Choosing one's own password: the new one typed twice (``NewPasswordForm``, also the sign-in's
step after a temporary password), and the dialog "Change my password…" for everyone."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import users
from reintegra.services.errors import ValidationError
from reintegra.services.passwords import MIN_PASSWORD_LENGTH
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.form import Form, Typed


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    return field


class NewPasswordForm(Form):
    """The new password and its repetition (after the current one ``with_current``), each with its
    message below it."""

    def __init__(self, *, with_current: bool = False, parent=None):
        super().__init__(parent)
        if with_current:
            self.old_password = self.add("old_password", _("&Current password:"), password_field())
        self.new_password = self.add("new_password", _("&New password:"), password_field())
        self.new_password.setToolTip(_("At least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
        self.repeated = self.add("repeated", _("&Repeat it:"), password_field())

    def password(self) -> str:
        """The new password; ValidationError when the two differ (the service checks the rest)."""
        if self.new_password.text() != self.repeated.text():
            raise ValidationError("repeated", _("The two passwords are not the same."))
        return self.new_password.text()


class ChangePasswordDialog(QDialog):
    """The signed-in user's own new password, after the current one."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.conflict = False
        self.setWindowTitle(_("Change my password"))
        self.setMinimumWidth(440)
        self.form = NewPasswordForm(with_current=True)
        self.old_password = self.form.old_password
        hint = QLabel(_("The new password needs at least {count} characters; a few words you remember "
                        "are better than a short jumble.").format(count=MIN_PASSWORD_LENGTH))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.old_password.setFocus()
        self.form.live(self.check)

    def check(self) -> None:
        """Every error of what is typed at once: the repeat, then the users service's rules."""
        typed = Typed()
        typed.read(self.form.password)
        with self.context.read() as session:
            typed.rule(users.check_own_password, session, self.context.actor(session), self.old_password.text(),
                       self.form.new_password.text())
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        old, typed = self.old_password.text(), self.form

        def write(session: Session, actor: User | None) -> None:
            users.change_own_password(session, actor, old, typed.password())

        if save_in_dialog(self, self.form.show_error, write):
            for field in (self.old_password, self.form.new_password, self.form.repeated):
                field.clear()


def change_password_button(window: QWidget, context: AppContext) -> QToolButton:
    """The status bar's "Change my password…", for whoever is signed in."""
    button = QToolButton()
    button.setObjectName("change-password")
    button.setText(_("Change my password…"))
    button.setAutoRaise(True)
    button.setVisible(context.user is not None and context.user.id is not None)

    def run() -> None:
        from reintegra.ui import messages

        dialog = ChangePasswordDialog(context, window)
        if _run(dialog):
            messages.info(window, _("Your password was changed."))
        dialog.deleteLater()

    button.clicked.connect(run)
    return button


def _run(dialog: QDialog) -> bool:
    """Shows ``dialog`` modally (tests replace this to fill it in)."""
    return dialog.exec() == QDialog.Accepted
