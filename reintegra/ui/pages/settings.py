"""The settings page: facility data and logo, language, where the database is, backups."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reintegra import config
from reintegra.db.engine import database_url, shown_database, without_password
from reintegra.db.enums import Role
from reintegra.i18n import LANGUAGES, _, current_language
from reintegra.paths import backups_dir, default_database_path
from reintegra.services import facility
from reintegra.services.errors import ReintegraError, file_error_message
from reintegra.ui.saving import RunsDialogs, save, saved
from reintegra.ui import accessible, file_dialogs, messages
from reintegra.ui.app_style import keep_accents
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.database import DatabaseDialog
from reintegra.ui.icons import icon
from reintegra.ui.pages.settings_facility import FacilityForm
from reintegra.ui.pages.settings_skill_areas import SkillAreasBox
from reintegra.ui.widgets.flow_layout import Reflow

MAX_LOGO_BYTES = 1024 * 1024
LOGO_SIZE = (240, 110)


class SettingsPage(RunsDialogs, QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.may_edit_facility = context.can(Role.DIRECTOR)
        title = QLabel(_("Settings"))
        title.setProperty("role", "page-title")

        self.facility_form = FacilityForm(context, read_only=not self.may_edit_facility)
        facility_box = _group(_("Facility"), self.facility_form)

        self.skill_areas = SkillAreasBox(context)
        left = QVBoxLayout()
        left.addWidget(facility_box)
        left.addWidget(self.skill_areas)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_logo())
        right.addWidget(self._build_language())
        self.pending_database = None
        if context.can(Role.ADMINISTRATOR):  # where the data live, and backups: the administrator's
            right.addWidget(self._build_database())
            right.addWidget(self._build_backup())
        right.addStretch(1)
        halves = []
        for column in (left, right):
            column.setContentsMargins(0, 0, 0, 0)
            halves.append(QWidget())
            halves[-1].setLayout(column)
        body = Reflow(*halves, spacing=8, stretches=(1, 1))  # one column on a small screen
        body.layout().setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        accessible.name(scroll, _("General"))
        # One tab a subject; Users, Audit log … are added by role in _add_tabs.
        self.tabs = keep_accents(QTabWidget())
        self.tabs.setObjectName("settings-tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, _("General"))
        self._add_tabs()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def _add_tabs(self) -> None:
        """The tabs beyond General that the signed-in user's role may use."""
        if self.context.can(Role.ADMINISTRATOR):  # Users: accounts are the administrator's alone
            from reintegra.ui.pages.settings_users import UsersTab

            self.users_tab = UsersTab(self.context)
            self.tabs.addTab(self.users_tab, _("Users"))
        if self.context.can(Role.DIRECTOR):  # the audit log: directors and administrators
            from reintegra.ui.pages.settings_audit import AuditLogTab

            self.audit_log = AuditLogTab(self.context)
            self.tabs.addTab(self.audit_log, _("Audit log"))
        self._add_data_protection_tab()
        self._add_benefit_rules_tab()
        self._add_backups_tab()

    def _add_benefit_rules_tab(self) -> None:
        """CIS benefits: the benefit's rule sets, for directors and administrators where they matter."""
        from reintegra.services.benefit_rules import concerns_facility

        if not self.context.can(Role.DIRECTOR):
            return
        with self.context.read() as session:
            if not concerns_facility(session):
                return
        from reintegra.ui.pages.settings_benefit_rules import BenefitRulesTab

        self.benefit_rules = BenefitRulesTab(self.context)
        self.tabs.addTab(self.benefit_rules, _("CIS benefits"))

    def _add_backups_tab(self) -> None:
        """Backups: the schedule, the list and the restore; the administrator's alone."""
        if not self.context.can(Role.ADMINISTRATOR):
            return
        from reintegra.ui.pages.settings_backups import BackupsTab

        self.backups_tab = BackupsTab(self.context)
        self.tabs.addTab(self.backups_tab, _("Backups"))

    def _add_data_protection_tab(self) -> None:
        """Data protection (RODO), for directors and administrators; filled when first shown."""
        if not self.context.can(Role.DIRECTOR):
            return
        from reintegra.ui.pages.settings_data_protection import DataProtectionTab

        self.data_protection = DataProtectionTab(self.context)
        self.tabs.addTab(self.data_protection, _("Data protection"))
        self.tabs.currentChanged.connect(
            lambda _index: self.tabs.currentWidget() is self.data_protection and self.data_protection.load())

    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.facility_form.load()
        self.skill_areas.load()
        self._show_logo()
        self._show_pending_database()

    # -- logo --------------------------------------------------------------------------------

    def _build_logo(self) -> QGroupBox:
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logo-preview")
        self.logo_preview.setFixedSize(*LOGO_SIZE)
        self.logo_preview.setAlignment(Qt.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.StyledPanel)
        self.logo_preview.setStyleSheet("background: #ffffff;")
        self.choose_logo_button = QPushButton(_("Choose…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(_("Delete"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        hint = _hint(_("PNG or JPG, at most 1 MB. It is printed in the header of reports."))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addLayout(buttons)
        row.addStretch(1)
        content = QVBoxLayout()
        content.addLayout(row)
        content.addWidget(hint)
        for button in (self.choose_logo_button, self.remove_logo_button):
            button.setEnabled(self.may_edit_facility)
        return _group(_("Logo for report headers"), content)

    def _show_logo(self) -> None:
        with self.context.read() as session:
            logo = facility.get_facility(session).logo
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            self.logo_preview.setPixmap(pixmap.scaled(
                LOGO_SIZE[0] - 12, LOGO_SIZE[1] - 12, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo_button.setEnabled(self.may_edit_facility and bool(logo))

    def _ask_logo_path(self) -> str:
        return file_dialogs.open_file(self, file_dialogs.LOGO, _("Choose the logo"), _("Images (*.png *.jpg *.jpeg)"))

    def choose_logo(self) -> None:
        path = self._ask_logo_path()
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            messages.error(self, _("The file {path} cannot be read: {error}").format(
                path=path, error=error.strerror or error))
            return
        if len(data) > MAX_LOGO_BYTES:
            messages.error(self, _("The logo is too large; choose an image of at most 1 MB."))
            return
        if QImage.fromData(data).isNull():
            messages.error(self, _("The file {name} is not a PNG or JPG image.").format(name=Path(path).name))
            return
        self._store_logo(data)

    def remove_logo(self) -> None:
        if messages.confirm(self, _("Delete the logo from the report headers?"), yes=_("Delete")):
            self._store_logo(None)

    def _store_logo(self, data: bytes | None) -> None:
        def store(session, actor) -> int:
            facility.set_logo(session, data, actor=actor)
            session.flush()
            return facility.get_facility(session).version

        version = save(self, store)
        if not saved(version):
            return
        self.facility_form.logo_saved(version)
        self._show_logo()
        self.context.events.facility_changed.emit()

    # -- language ----------------------------------------------------------------------------

    def _build_language(self) -> QGroupBox:
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        chosen = config.load_settings().get("language") or current_language()
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        caption = QLabel(_("&Language:"))
        caption.setBuddy(self.language)
        accessible.name(self.language, caption.text())
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.language)
        row.addStretch(1)
        content = QVBoxLayout()
        content.addLayout(row)
        content.addWidget(_hint(_("The language applies after restarting the program.")))
        return _group(_("Language"), content)

    def _language_chosen(self) -> None:
        try:
            config.update_settings(language=self.language.currentData())
        except OSError as error:
            messages.error(self, _("The settings cannot be saved: {error}").format(error=error.strerror or error))

    # -- database ----------------------------------------------------------------------------

    def _build_database(self) -> QGroupBox:
        context = self.context
        where = (_("The data is kept in this database file:") if context.is_sqlite
                 else _("The data is kept on this PostgreSQL server:"))
        self.database_target = _path_field(shown_database(context.database))
        self.database_target.setObjectName("database-target")
        content = QVBoxLayout()
        content.addWidget(QLabel(where))
        content.addWidget(self.database_target)
        if context.is_sqlite:
            folder = Path(database_url(context.database).database).parent
            show = QPushButton(_("Show folder"))
            show.clicked.connect(lambda: self._open_folder(folder))
            row = QHBoxLayout()
            row.addWidget(QLabel(_("Folder:")))
            row.addWidget(_path_field(str(folder)), 1)
            row.addWidget(show)
            content.addLayout(row)
        self.pending_database = _hint("")
        self.pending_database.setObjectName("pending-database")
        content.addWidget(self.pending_database)
        another = QPushButton(_("Use another database…"))
        another.clicked.connect(self.choose_database)
        row = QHBoxLayout()
        row.addWidget(another)
        row.addStretch(1)
        content.addLayout(row)
        return _group(_("Database"), content)

    def choose_database(self) -> None:
        dialog = DatabaseDialog(config.load_settings().get("database") or self.context.database, self,
                                context=self.context)  # with it: test the server, move the facility there
        if self.run_dialog(dialog):
            target = dialog.target()
            try:
                config.update_settings(database=target)
            except OSError as error:
                messages.error(self, _("The settings cannot be saved: {error}").format(error=error.strerror or error))
                return
            self._show_pending_database()
            messages.info(self, _("The program will open {database} the next time it starts.").format(
                database=shown_database(target or str(default_database_path()))))
        dialog.deleteLater()

    def _show_pending_database(self) -> None:
        if self.pending_database is None:
            return
        if os.environ.get(config.ENVIRONMENT_DATABASE):
            self.pending_database.setText(_(
                "The database is chosen by the REINTEGRA_DATABASE environment variable, "
                "which takes precedence over this setting."))
        else:
            # Only a choice saved here; a --database given at start is not ours to predict.
            settings = config.load_settings()
            chosen = settings.get("database") or str(default_database_path())
            different = "database" in settings and (database_url(chosen)
                                                     != database_url(without_password(self.context.database)))
            self.pending_database.setText(_("After restarting, the program will open {database}.").format(
                database=shown_database(chosen)) if different else "")
        self.pending_database.setVisible(bool(self.pending_database.text()))

    # -- backup ------------------------------------------------------------------------------

    def _build_backup(self) -> QGroupBox:
        self.backup_button = QPushButton(icon("backup"), _("Back up now…"))
        self.backup_button.clicked.connect(self.back_up_now)
        from reintegra.services.backup_schedule import schedule

        folder = schedule().folder or backups_dir()  # as set in the Backups tab
        show = QPushButton(_("Show folder"))
        show.clicked.connect(lambda: self._open_folder(folder))
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        automatic = QHBoxLayout()
        automatic.addWidget(_path_field(str(folder)), 1)
        automatic.addWidget(show)
        content = QVBoxLayout()
        content.addWidget(_hint(_("A backup is a copy of the whole database in one file. "
                                  "Keep one on another disk or a USB stick.")))
        content.addLayout(row)
        content.addWidget(QLabel(_("Automatic backups are kept in:")))
        content.addLayout(automatic)
        return _group(_("Backup"), content)

    def _ask_save_path(self) -> str:
        path, _filter = file_dialogs.save_file(self, file_dialogs.BACKUP, _("Back up the database"),
                                               f"reintegra-{date.today():%Y-%m-%d}.db", _("Reintegra backup (*.db)"))
        if path and not Path(path).suffix:
            path += ".db"
        return path

    def back_up_now(self) -> None:
        path = self._ask_save_path()
        if not path:
            return
        from reintegra.services.backup import backup_database

        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with self.context.read() as session:
                written = backup_database(self.context.engine, Path(path), actor=self.context.actor(session))
        except (OSError, ReintegraError) as error:
            QApplication.restoreOverrideCursor()
            messages.error(self, file_error_message(error, path) if isinstance(error, OSError) else _(
                "The backup could not be made: {error}").format(error=error))
            return
        QApplication.restoreOverrideCursor()
        messages.info(self, _("The backup was saved to {path}.").format(path=written))

    def _open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _group(title: str, content) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    if isinstance(content, QWidget):
        layout.addWidget(content)
    else:
        layout.addLayout(content)
    return box


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def _path_field(text: str) -> QLineEdit:
    """A path shown read-only in a line edit: selectable, and long paths never widen the page."""
    field = QLineEdit(text)
    field.setReadOnly(True)
    field.setCursorPosition(0)
    field.setToolTip(text)
    return field
