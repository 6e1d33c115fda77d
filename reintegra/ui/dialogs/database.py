"""Choosing another database for the next start: a SQLite file, a PostgreSQL server or the default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from reintegra.db.engine import without_password
from reintegra.i18n import _
from reintegra.paths import default_database_path
from reintegra.services import server_password
from reintegra.ui import accessible, file_dialogs
from reintegra.ui.widgets.form import ERROR_STYLE

URL_EXAMPLE = "postgresql+psycopg://reintegra@192.168.1.10/reintegra"


class DatabaseDialog(QDialog):
    """Asks which database to open next time; ``target()`` is the answer (None: the default file)."""

    DEFAULT, FILE, SERVER = range(3)

    def __init__(self, current: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Use another database"))
        self.setMinimumWidth(600)
        self._target: str | None = None

        self.default_choice = QRadioButton(_("The default database file on this computer"))
        default_path = QLabel(str(default_database_path()))
        default_path.setProperty("role", "hint")
        self.file_choice = QRadioButton(_("Another database file (SQLite)"))
        self.file_path = QLineEdit()
        self.file_path.setPlaceholderText(_("Choose a file or type its path"))
        accessible.name(self.file_path, _("Path of the database file"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        self.server_choice = QRadioButton(_("A PostgreSQL server shared by several computers"))
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText(URL_EXAMPLE)
        accessible.name(self.server_url, _("Address of the PostgreSQL server"))
        server_hint = QLabel(_("Ask whoever set up the server for its address."))
        server_hint.setProperty("role", "hint")
        server_hint.setWordWrap(True)
        if server_password.keyring_works():
            kept = _("A password in the address is kept in this computer's keyring, never in the settings file.")
        else:
            kept = _("A password in the address is not saved: this computer has no system keyring, so the "
                     "program asks for it at start (or reads it from PGPASSWORD or the ~/.pgpass file).")
        self.password_hint = QLabel(kept)
        self.password_hint.setObjectName("server-password-hint")
        self.password_hint.setProperty("role", "hint")
        self.password_hint.setWordWrap(True)
        self.choices = QButtonGroup(self)
        for number, button in enumerate((self.default_choice, self.file_choice, self.server_choice)):
            self.choices.addButton(button, number)
        self.file_path.textEdited.connect(lambda: self.file_choice.setChecked(True))
        self.server_url.textEdited.connect(lambda: self.server_choice.setChecked(True))

        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, 24)
        grid.addWidget(self.default_choice, 0, 0, 1, 2)
        grid.addWidget(default_path, 1, 1)
        grid.addWidget(self.file_choice, 2, 0, 1, 2)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(browse)
        grid.addLayout(file_row, 3, 1)
        grid.addWidget(self.server_choice, 4, 0, 1, 2)
        grid.addWidget(self.server_url, 5, 1)
        grid.addWidget(server_hint, 6, 1)
        grid.addWidget(self.password_hint, 7, 1)
        grid.setVerticalSpacing(6)

        self.error = QLabel()
        self.error.setObjectName("error-database")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        restart = QLabel(_("The program opens the chosen database the next time it starts; "
                           "the data stays where it is and is not copied."))
        restart.setProperty("role", "hint")
        restart.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.error)
        layout.addWidget(restart)
        layout.addWidget(buttons)
        self._show_current(current)

    def _show_current(self, current: str) -> None:
        if "://" in current:
            self.server_url.setText(without_password(current))
            self.server_choice.setChecked(True)
        elif Path(current).expanduser().resolve() == default_database_path().resolve():
            self.default_choice.setChecked(True)
        else:
            self.file_path.setText(current)
            self.file_choice.setChecked(True)

    def target(self) -> str | None:
        """The database chosen (a path or URL); None means the default file. A server's URL comes
        without its password, which went into the keyring (server_password.keep)."""
        return self._target

    def ask_file_path(self) -> str:
        path, _filter = file_dialogs.save_file(
            self, file_dialogs.DATABASE, _("Database file"), default_database_path().name,
            _("Reintegra database (*.db);;All files (*)"), start=self.file_path.text() or None,
            confirm_overwrite=False)
        return path

    def _browse(self) -> None:
        path = self.ask_file_path()
        if path:
            self.file_path.setText(path)
            self.file_choice.setChecked(True)

    def save(self) -> None:
        try:
            self._target = self._checked_target()
        except ValueError as problem:
            self.error.setText(str(problem))
            self.error.show()
            self.adjustSize()
            return
        self.accept()

    def _checked_target(self) -> str | None:
        choice = self.choices.checkedId()
        if choice == self.FILE:
            text = self.file_path.text().strip()
            if not text:
                raise ValueError(_("Choose the database file or type its path."))
            path = Path(text).expanduser()
            if path.is_dir():
                raise ValueError(_("This is a folder; choose a file in it."))
            if not path.parent.is_dir():
                raise ValueError(_("The folder {folder} does not exist.").format(folder=path.parent))
            return str(path.resolve())
        if choice == self.SERVER:
            return server_password.keep(_checked_url(self.server_url.text().strip()))
        return None


def _checked_url(text: str) -> str:
    """The URL as typed, when it reads as a PostgreSQL address (nothing is connected here)."""
    if not text:
        raise ValueError(_("Type the address of the PostgreSQL server."))
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise ValueError(_("This is not a database address; it should look like {example}").format(
            example=URL_EXAMPLE)) from None
    if url.get_backend_name() != "postgresql" or not url.host or not url.database:
        raise ValueError(_("This is not a PostgreSQL address; it should look like {example}").format(
            example=URL_EXAMPLE))
    return text

