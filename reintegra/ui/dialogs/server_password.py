"""Asking for a PostgreSQL server's password when the program starts (services/server_password)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from reintegra.db.engine import shown_database
from reintegra.i18n import _
from reintegra.services import server_password
from reintegra.ui.widgets.form import ERROR_STYLE


class ServerPasswordDialog(QDialog):
    """The server's password; ``remember`` is offered only where a system keyring works.

    After ``exec()``: ``password()`` and ``remember()``."""

    def __init__(self, target: str, *, refused: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Server password – Reintegra"))
        self.setMinimumWidth(480)
        shown = shown_database(target)
        self.intro = intro = QLabel(_("The PostgreSQL server {database} asks for the password of its user.").format(
            database=shown))
        intro.setWordWrap(True)
        self.refused = QLabel(_("The server did not accept the password; type it again."))
        self.refused.setObjectName("password-refused")
        self.refused.setStyleSheet(ERROR_STYLE)
        self.refused.setWordWrap(True)
        self.refused.setVisible(refused)
        self.password_field = QLineEdit()
        self.password_field.setObjectName("server-password")
        self.password_field.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        caption = QLabel(_("&Password:"))
        caption.setBuddy(self.password_field)
        form.addRow(caption, self.password_field)
        self.remember_box = QCheckBox(_("&Remember the password in this computer's keyring"))
        self.remember_box.setObjectName("remember-password")
        works = self._can_remember = server_password.keyring_works()
        self.remember_box.setVisible(works)
        self.no_keyring = QLabel(_("This computer has no system keyring, so the password is asked for at every "
                                   "start; it can also be given in the PGPASSWORD environment variable or the "
                                   "~/.pgpass file."))
        self.no_keyring.setObjectName("no-keyring")
        self.no_keyring.setProperty("role", "hint")
        self.no_keyring.setWordWrap(True)
        self.no_keyring.setVisible(not works)

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.connect_button = buttons.addButton(_("&Connect"), QDialogButtonBox.AcceptRole)
        self.connect_button.setDefault(True)
        self.connect_button.setEnabled(False)
        self.password_field.textChanged.connect(lambda text: self.connect_button.setEnabled(bool(text)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.refused)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.no_keyring)
        layout.addWidget(buttons)
        self.password_field.setFocus()

    def password(self) -> str:
        return self.password_field.text()

    def remember(self) -> bool:
        return self._can_remember and self.remember_box.isChecked()
