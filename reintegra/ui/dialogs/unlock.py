"""The unlock form shown while the window is locked: the same user's password, or someone else signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from reintegra.i18n import _
from reintegra.ui.context import SignedIn
from reintegra.ui.icons import icon
from reintegra.ui.widgets.form import ERROR_STYLE, Form


class UnlockScreen(QDialog):
    """Asks ``user`` for their password (``unlock_asked``) or lets another person sign in (``someone_else``).

    It is application-modal, so that it takes input even over a dialog that was open when the window
    locked; Esc and the window's close button do not take it away — only ``finish()`` does.
    """

    unlock_asked = Signal(str)
    someone_else = Signal()

    def __init__(self, user: SignedIn, parent=None):
        super().__init__(parent)
        self.setObjectName("unlock-screen")
        self.setWindowTitle(_("Reintegra – locked"))
        self.setWindowModality(Qt.ApplicationModal)
        self.setMinimumWidth(460)
        self._finished = False

        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        title = QLabel(_("Reintegra is locked"))
        title.setProperty("role", "page-title")
        who = QLabel(_("{name} is signed in. Enter your password to continue where you left off.").format(
            name=user.display_name))
        who.setProperty("role", "hint")
        who.setWordWrap(True)
        # A dialog does not grow for a wrapped label's height by itself: room for three lines.
        who.setMinimumHeight(who.fontMetrics().lineSpacing() * 3)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(who)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(logo, 0, Qt.AlignTop)
        header.addLayout(heading, 1)

        form = Form()
        self.password = form.add("password", _("&Password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setObjectName("unlock-password")
        self.message = QLabel()
        self.message.setObjectName("unlock-message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton(_("Sign in as &someone else"))
        self.switch_button.setAutoDefault(False)
        self.switch_button.setToolTip(_("What was typed is saved or kept first; then the sign-in appears."))
        self.switch_button.clicked.connect(self.someone_else)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(lambda: self._enable(True))
        self.password.setFocus()

    def _unlock(self) -> None:
        if self._wait.isActive():
            return
        self.unlock_asked.emit(self.password.text())

    def refuse(self, message: str, wait_seconds: int = 0) -> None:
        """The password was not accepted: why, and (after too many tries) a pause before the next one."""
        self.password.clear()
        self.say(message)
        if wait_seconds > 0:
            self._enable(False)
            self._wait.start(wait_seconds * 1000)
        self.password.setFocus()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _enable(self, enabled: bool) -> None:
        self.password.setEnabled(enabled)
        self.unlock_button.setEnabled(enabled)
        if enabled:
            self.password.setFocus()

    def finish(self) -> None:
        """Takes the form away (unlocked, or someone else signs in)."""
        self._finished = True
        self.password.clear()
        self.hide()
        self.deleteLater()

    def reject(self) -> None:  # Esc: the window stays locked
        pass

    def closeEvent(self, event) -> None:
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()
