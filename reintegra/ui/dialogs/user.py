"""Adding or editing a user (name, login, role, an instructor's workshops), and the temporary
password shown once for the administrator to pass on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from reintegra.db.enums import Role
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import labels, users, workshops
from reintegra.services.users import UserRow
from reintegra.services.validation import max_length
from reintegra.ui import accessible
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.workshop import CheckableRowsModel, InstructorChoice
from reintegra.ui.models.table import Column
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.form import Form


class UserDialog(QDialog):
    """A new user when ``user`` is None (``issued`` then holds their temporary password), otherwise
    a change of that one; the login of an existing user stays, since the audit log names them by it."""

    def __init__(self, context: AppContext, user: UserRow | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.user = user
        self.conflict = False
        self.saved_id: int | None = None
        self.issued: tuple[str, str] | None = None  # (login, temporary password) of a new user
        self.setWindowTitle(_("New user") if user is None else _("Edit user"))
        self.setMinimumWidth(500)
        self.form = Form()
        self.full_name = self.form.add("full_name", _("Full &name:"), QLineEdit(user.full_name if user else ""))
        self.full_name.setMaxLength(max_length(User, "full_name"))
        self.username = self.form.add("username", _("&Login:"), QLineEdit(user.username if user else ""))
        self.username.setMaxLength(max_length(User, "username"))
        self.username.setPlaceholderText(_("e.g. anna.nowak"))
        self.username.setReadOnly(user is not None)
        self.role = self.form.add("role", _("&Role:"), QComboBox())
        for role, text in labels.choices(Role):
            self.role.addItem(text, role)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role if user else Role.INSTRUCTOR)))
        self.role_hint = QLabel()
        self.role_hint.setProperty("role", "hint")
        self.role_hint.setWordWrap(True)
        self.form.add_row("", self.role_hint)
        self.workshop_model = CheckableRowsModel([Column(_("Workshop"), lambda row: row.name)], self)
        self.workshops = QListView()
        self.workshops.setObjectName("user-workshops")
        self.workshops.setModel(self.workshop_model)
        self.workshops.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.workshops.setMinimumHeight(100)
        self.workshops.setMaximumHeight(160)
        self.form.add("workshops", _("&Workshops:"), self.workshops)
        self._load_workshops()
        self.role.currentIndexChanged.connect(self._role_chosen)
        self._role_chosen()

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        if user is None:
            self.save_button.setText(_("Add"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.full_name.setFocus()
        self.form.live(self.check)

    def _load_workshops(self) -> None:
        chosen = set(self.user.workshop_ids) if self.user else set()
        with self.context.read() as session:
            rows = [InstructorChoice(w.id, w.name, Role.INSTRUCTOR, w.id in chosen)
                    for w in workshops.list_workshops(session) if w.active or w.id in chosen]
        self.workshop_model.set_rows(rows)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def _role_chosen(self, *_args) -> None:
        role = self.chosen_role()
        self.form.layout_.setRowVisible(self.workshops.parentWidget(), role is Role.INSTRUCTOR)
        self.role_hint.setText({
            Role.INSTRUCTOR: _("Sees and records only the participants placed in the chosen workshops."),
            Role.DIRECTOR: _("Sees and changes everything except users, backups and database settings."),
            Role.ADMINISTRATOR: _("Everything, including users, backups and database settings."),
        }[role])
        self.adjustSize()

    def check(self) -> None:
        """What saving would refuse, every field at once (the users service's check, writing nothing)."""
        role = self.chosen_role()
        workshop_ids = self.workshop_model.checked_ids() if role is Role.INSTRUCTOR else None
        with self.context.read() as session:
            if self.user is None:
                users.check_new_user(session, self.username.text(), role, self.full_name.text(), workshop_ids or ())
            else:
                users.check_edit(session, self.user.id, full_name=self.full_name.text(), role=role,
                                 workshop_ids=workshop_ids)

    def save(self) -> None:
        self.form.clear_errors()
        name, login, role = self.full_name.text(), self.username.text(), self.chosen_role()
        # Only an instructor's workshops are chosen here; a director kept on a workshop (the workshop
        # dialog allows it) keeps it.
        workshop_ids = self.workshop_model.checked_ids() if role is Role.INSTRUCTOR else None

        def write(session: Session, actor: User | None) -> None:
            if self.user is None:
                issued = users.add_user(session, login, role, name, workshop_ids=workshop_ids or (), actor=actor)
                self.issued = (issued.user.username, issued.password)
                self.saved_id = issued.user.id
            else:
                self.saved_id = users.edit_user(session, self.user.id, self.user.version, full_name=name, role=role,
                                                workshop_ids=workshop_ids, actor=actor).id

        save_in_dialog(self, self.form.show_error, write)


class TemporaryPasswordDialog(QDialog):
    """The temporary password, shown once: copy it or read it out; the person replaces it at sign-in."""

    def __init__(self, username: str, password: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Temporary password"))
        self.setMinimumWidth(440)
        text = QLabel(_("The temporary password of {login} is below. Pass it on in person; it is shown only "
                        "now. At the first sign-in the program asks {login} to choose their own password."
                        ).format(login=username))
        text.setWordWrap(True)
        self.password = QLineEdit(password)
        self.password.setObjectName("temporary-password")
        accessible.name(self.password, _("Temporary password"))
        self.password.setReadOnly(True)
        font = self.password.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.password.setFont(font)
        self.copy_button = QPushButton(_("&Copy"))
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.password.selectAll()
        self.password.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copy_button.setText(_("Copied"))
