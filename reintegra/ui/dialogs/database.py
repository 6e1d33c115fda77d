"""Settings → Database: a file on this computer or a PostgreSQL server, for the next start; testing
the server's connection; and moving this facility onto the server (services/database_copy.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from reintegra.db.engine import shown_database, without_password
from reintegra.db.enums import Role
from reintegra.i18n import _, format_number
from reintegra.paths import default_database_path
from reintegra.services import server_password
from reintegra.services.errors import ReintegraError
from reintegra.ui import accessible, file_dialogs, messages
from reintegra.ui.widgets.form import ERROR_STYLE

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "reintegra"
PROGRESS_STEPS = 1000


class DatabaseDialog(QDialog):
    """Asks which database to open next time; ``target()`` is the answer (None: the default file).

    With ``context`` (the administrator's open database) it also moves this facility onto the
    server: the same copy as ``reintegra db copy --to``."""

    FILE, SERVER = range(2)

    def __init__(self, current: str, parent=None, *, context=None):
        super().__init__(parent)
        self.setWindowTitle(_("Use another database"))
        self.setMinimumWidth(560)
        self.context = context
        self._target: str | None = None
        self._query: dict = {}  # the current server URL's options (sslmode=require …), kept as they are
        self.copied_to: str | None = None  # the server this facility was copied to, if it was

        # -- a file on this computer
        self.file_choice = QRadioButton(_("A file on this computer (SQLite)"))
        self.file_path = QLineEdit()
        self.file_path.setPlaceholderText(_("Choose a file or type its path"))
        accessible.name(self.file_path, _("Path of the database file"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        default_hint = QLabel(_("The default file: {path}").format(path=default_database_path()))
        default_hint.setProperty("role", "hint")
        default_hint.setWordWrap(True)

        # -- a server
        self.server_choice = QRadioButton(_("A PostgreSQL server shared by several computers"))
        self.host = QLineEdit()
        self.host.setObjectName("server-host")
        self.host.setPlaceholderText("192.168.1.10")
        self.port = QSpinBox()
        self.port.setObjectName("server-port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database_name = QLineEdit(DEFAULT_DATABASE)
        self.database_name.setObjectName("server-database")
        self.user = QLineEdit()
        self.user.setObjectName("server-user")
        self.user.setPlaceholderText("reintegra")
        self.password = QLineEdit()
        self.password.setObjectName("server-password")
        self.password.setEchoMode(QLineEdit.Password)
        server_form = QFormLayout()
        server_form.setContentsMargins(0, 0, 0, 0)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        port_label = QLabel(_("&Port:"))
        port_label.setBuddy(self.port)
        host_row.addWidget(port_label)
        host_row.addWidget(self.port)
        for text, field in ((_("&Host:"), self.host), (_("&Port:"), self.port),
                            (_("Data&base:"), self.database_name), (_("&User:"), self.user),
                            (_("Pass&word:"), self.password)):
            accessible.name(field, text)
        host_label = QLabel(_("&Host:"))
        host_label.setBuddy(self.host)
        server_form.addRow(host_label, host_row)
        for text, field in ((_("Data&base:"), self.database_name), (_("&User:"), self.user),
                            (_("Pass&word:"), self.password)):
            label = QLabel(text)
            label.setBuddy(field)
            server_form.addRow(label, field)
        if server_password.keyring_works():
            kept = _("The password is kept in this computer's keyring, never in the settings file.")
        else:
            kept = _("This computer has no system keyring, so the password is not saved: the program asks for it "
                     "at start (or reads it from PGPASSWORD or the ~/.pgpass file).")
        self.password_hint = QLabel(kept)
        self.password_hint.setObjectName("server-password-hint")
        self.password_hint.setProperty("role", "hint")
        self.password_hint.setWordWrap(True)

        self.test_button = QPushButton(_("&Test the connection"))
        self.test_button.setObjectName("test-connection")
        self.test_button.clicked.connect(self.test_connection)
        self.move_button = QPushButton(_("&Move this facility to the server…"))
        self.move_button.setObjectName("move-to-server")
        self.move_button.clicked.connect(self.move_to_server)
        may_move = context is not None and context.can(Role.ADMINISTRATOR)
        self.move_button.setVisible(may_move)
        server_buttons = QHBoxLayout()
        server_buttons.addWidget(self.test_button)
        server_buttons.addWidget(self.move_button)
        server_buttons.addStretch(1)
        self.answer = QLabel()
        self.answer.setObjectName("server-answer")
        self.answer.setWordWrap(True)
        self.answer.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("copy-progress")
        self.progress.setRange(0, PROGRESS_STEPS)
        accessible.name(self.progress, _("Progress of the copy"))
        self.progress.hide()
        server_box = QWidget()
        server_column = QVBoxLayout(server_box)
        server_column.setContentsMargins(0, 0, 0, 0)
        server_column.addLayout(server_form)
        server_column.addWidget(self.password_hint)
        server_column.addLayout(server_buttons)
        server_column.addWidget(self.answer)
        server_column.addWidget(self.progress)
        self.server_box = server_box

        self.choices = QButtonGroup(self)
        self.choices.addButton(self.file_choice, self.FILE)
        self.choices.addButton(self.server_choice, self.SERVER)
        self.file_path.textEdited.connect(lambda: self.file_choice.setChecked(True))
        for field in (self.host, self.database_name, self.user, self.password):
            field.textEdited.connect(lambda: self.server_choice.setChecked(True))
            field.textEdited.connect(self._forget_answer)
        self.port.valueChanged.connect(self._forget_answer)

        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, 24)
        grid.addWidget(self.file_choice, 0, 0, 1, 2)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(browse)
        grid.addLayout(file_row, 1, 1)
        grid.addWidget(default_hint, 2, 1)
        grid.addWidget(self.server_choice, 3, 0, 1, 2)
        grid.addWidget(server_box, 4, 1)
        grid.setVerticalSpacing(6)

        self.error = QLabel()
        self.error.setObjectName("error-database")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        restart = QLabel(_("The program opens the chosen database the next time it starts. Choosing it does not "
                           "copy the data; moving this facility to the server does."))
        restart.setProperty("role", "hint")
        restart.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.error)
        layout.addWidget(restart)
        layout.addWidget(self.buttons)
        self._show_current(current)

    # -- what is shown ---------------------------------------------------------------------

    def _show_current(self, current: str) -> None:
        self.file_path.setText(str(default_database_path()))
        if "://" not in current:
            self.file_path.setText(current)
            self.file_choice.setChecked(True)
            return
        self.server_choice.setChecked(True)
        try:
            url = make_url(without_password(current))
        except (ArgumentError, ValueError):
            return
        self._query = dict(url.query)
        self.host.setText(url.host or "")
        self.port.setValue(url.port or DEFAULT_PORT)
        self.database_name.setText(url.database or "")
        self.user.setText(url.username or "")
        if server_password.stored_password(current):
            self.password.setPlaceholderText(_("kept in the keyring"))

    def _forget_answer(self) -> None:
        self.answer.hide()

    def _say(self, text: str, *, failed: bool) -> None:
        self.answer.setText(text)
        self.answer.setStyleSheet(ERROR_STYLE if failed else "")
        self.answer.show()

    # -- the answer ------------------------------------------------------------------------

    def target(self) -> str | None:
        """The database chosen (a path or URL); None means the default file. A server's URL comes
        without its password, which went into the keyring (server_password.keep)."""
        return self._target

    def server_url(self) -> str:
        """The server's URL from the fields, without the password; ValueError for a field left empty."""
        host, database, user = (field.text().strip() for field in (self.host, self.database_name, self.user))
        for value, message in ((host, _("Type the server's host name or address.")),
                               (database, _("Type the name of the database on the server.")),
                               (user, _("Type the server user's name."))):
            if not value:
                raise ValueError(message)
        port = self.port.value()
        url = URL.create(DRIVER, username=user, host=host, port=None if port == DEFAULT_PORT else port,
                         database=database, query=self._query)
        return url.render_as_string(hide_password=False)

    def typed_password(self) -> str | None:
        return self.password.text() or None

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
            return
        self.accept()

    def _checked_target(self) -> str | None:
        if self.choices.checkedId() == self.SERVER:
            return self._kept_server_url()
        text = self.file_path.text().strip()
        if not text:
            raise ValueError(_("Choose the database file or type its path."))
        path = Path(text).expanduser()
        if path.is_dir():
            raise ValueError(_("This is a folder; choose a file in it."))
        if not path.parent.is_dir():
            raise ValueError(_("The folder {folder} does not exist.").format(folder=path.parent))
        path = path.resolve()
        return None if path == default_database_path().resolve() else str(path)

    def _kept_server_url(self) -> str:
        url = self.server_url()
        password = self.typed_password()
        return server_password.keep(server_password.with_password(url, password)) if password else url

    # -- the server ------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Connects with what is typed and says in one sentence what was found."""
        from reintegra.services.database_copy import check_server

        self.error.hide()
        try:
            url = self.server_url()
        except ValueError as problem:
            self._say(str(problem), failed=True)
            return
        self.server_choice.setChecked(True)
        self._say(_("Connecting to {server}…").format(server=shown_database(url)), failed=False)
        QApplication.processEvents()
        found = check_server(url, self.typed_password())
        self._say(found.message, failed=not found.connected)

    def move_to_server(self) -> None:
        """After a confirmation, copies this facility's whole database onto the server (which must
        be empty), with the progress bar; then offers to use the server on this computer."""
        from reintegra.services.database_copy import copy_database
        from reintegra.services.server_password import PasswordNeeded

        self.error.hide()
        try:
            url = self.server_url()
        except ValueError as problem:
            self._say(str(problem), failed=True)
            return
        self.server_choice.setChecked(True)
        shown = shown_database(url)
        if not messages.confirm(self, _(
                "Copy this facility's whole database, with its history, to {server}? The database there must "
                "be empty; the database here stays as it is.").format(server=shown), yes=_("Copy")):
            return
        self._running(True)
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
            report = copy_database(self.context.engine, url, actor=actor, password=self.typed_password(),
                                   progress=self._progress)
        except PasswordNeeded as needed:
            from reintegra.services.database_copy import password_sentence

            self._say(password_sentence(url, needed), failed=True)
            return
        except ReintegraError as error:
            self._say(str(error), failed=True)
            return
        finally:
            self._running(False)
        self.copied_to = url
        self._say(_("This facility was copied to {server}: {rows} rows in {tables} tables, the same number in "
                    "every table on both sides.").format(server=shown, rows=format_number(report.rows),
                                                         tables=len(report.counts)),
                  failed=False)
        if messages.confirm(self, _("The facility is on the server now. Use the server on this computer from the "
                                    "next start?"), yes=_("Use the server")):
            self._target = self._kept_server_url()
            self.accept()

    def _running(self, running: bool) -> None:
        for widget in (self.test_button, self.move_button, self.buttons, self.file_choice, self.server_choice,
                       self.file_path, self.host, self.port, self.database_name, self.user, self.password):
            widget.setEnabled(not running)
        self.progress.setVisible(running)
        self.progress.setValue(0)
        if running:
            self.answer.hide()
            QApplication.processEvents()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(min(PROGRESS_STEPS, done * PROGRESS_STEPS // max(total, 1)))
        QApplication.processEvents()

    def reject(self) -> None:
        if self.progress.isVisible():  # the copy is running: it ends (or fails) on its own
            return
        super().reject()
