"""Settings → Audit log (directors and administrators): who did what to whose data, filtered by
person, user, kind and period, 200 entries at a time, and saved as CSV (the saving itself logged)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import AuditAction
from reintegra.i18n import _, ngettext
from reintegra.services import audit_log, audit_text
from reintegra.services.audit_log import AuditQuery
from reintegra.services.errors import ReintegraError, ValidationError, file_error_message
from reintegra.services.labels import choices
from reintegra.ui import accessible, file_dialogs
from reintegra.ui.context import AppContext
from reintegra.ui.models.audit_log import AuditLogModel
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import ERROR_STYLE

HINT_STYLE = "color: #5f6b73;"


class AuditLogTab(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.query = AuditQuery()
        self._loaded = False

        self.person = QComboBox()
        self.person.setObjectName("audit-person")
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumContentsLength(24)
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = self.person.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.user = QComboBox()
        self.user.setObjectName("audit-user")
        self.kind = QComboBox()
        self.kind.setObjectName("audit-kind")
        self.kind.addItem(_("All kinds"), None)
        for action, text in choices(AuditAction):
            self.kind.addItem(text, action)
        self.start, self.end = DateField(), DateField()
        self.show_button = QPushButton(_("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.apply_filters)
        for field in (self.start, self.end):
            field.returnPressed.connect(self.apply_filters)
        self.person.lineEdit().returnPressed.connect(self.apply_filters)

        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("&Person:"), self.person)
        left.addRow(_("&User:"), self.user)
        left.addRow(_("&Kind:"), self.kind)
        right.addRow(_("&From:"), self.start)
        right.addRow(_("&To:"), self.end)
        right.addRow("", self.show_button)
        filters = QHBoxLayout()
        filters.addLayout(left)
        filters.addSpacing(16)
        filters.addLayout(right)
        filters.addStretch(1)

        self.model = AuditLogModel(self)
        self.table = QTableView()
        self.table.setObjectName("audit-table")
        accessible.name(self.table, _("Audit log"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.message = QLabel()
        self.message.setObjectName("audit-message")
        self.message.setWordWrap(True)
        self.more_button = QPushButton(_("Show &more"))
        self.more_button.clicked.connect(self.show_more)
        self.export_button = QPushButton(_("&Export to CSV…"))
        self.export_button.clicked.connect(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        accessible.name_from_labels(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        """The choices of the filters read again, and the first page of what they show."""
        self._loaded = True
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
                people = audit_log.people(session, actor)
                logins = audit_log.logins(session, actor)
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        chosen_person, chosen_user = self.person.currentData(), self.user.currentData()
        self.person.clear()
        self.person.addItem(_("Everyone"), None)
        for pid, text in people:
            self.person.addItem(text, pid)
        self.person.setCurrentIndex(max(0, self.person.findData(chosen_person)))
        self.user.clear()
        self.user.addItem(_("All users"), None)
        for login, name in logins:
            self.user.addItem(audit_text.who(login, name), login)
        self.user.setCurrentIndex(max(0, self.user.findData(chosen_user)))
        self.apply_filters()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)

    def chosen_query(self) -> AuditQuery:
        """The filters as typed; a ValidationError for a person not on the list or a bad date."""
        typed = self.person.currentText().strip()
        index = self.person.findText(typed, Qt.MatchFlag.MatchExactly) if typed else 0
        if index < 0:
            raise ValidationError("person", _("Choose a person from the list, or “Everyone”."))
        query = AuditQuery(participant_id=self.person.itemData(index), username=self.user.currentData(),
                           action=self.kind.currentData(), start=self.start.date("start"),
                           end=self.end.date("end"))
        audit_log.check_query(query)
        return query

    def apply_filters(self) -> None:
        try:
            query = self.chosen_query()
        except ValidationError as error:
            self.say(error.message, error=True)
            return
        self.query = query
        self.model.set_rows([])
        self._load_page()

    def show_more(self) -> None:
        self._load_page()

    def _load_page(self) -> None:
        try:
            with self.context.read() as session:
                page = audit_log.entries(session, self.context.actor(session), self.query,
                                         offset=self.model.rowCount(), limit=audit_log.PAGE_SIZE)
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        self.model.append_rows(page.rows)
        self.more_button.setEnabled(page.more)
        shown = self.model.rowCount()
        if not shown:
            self.say(_("No entries match these filters."))
        elif page.more:
            self.say(ngettext("{count} entry shown; there are more.", "{count} entries shown; there are more.",
                              shown).format(count=shown))
        else:
            self.say(ngettext("{count} entry.", "{count} entries.", shown).format(count=shown))

    def ask_save_path(self, suggested: str) -> str | None:
        """The file chosen in the system dialog; tests replace this."""
        path, _chosen = file_dialogs.save_file(self, file_dialogs.AUDIT, _("Export the audit log"), suggested,
                                               "CSV (*.csv)")
        if path and not Path(path).suffix:
            path += ".csv"
        return path or None

    def export(self) -> None:
        """Every entry the filters shown above match (not only the pages loaded) to a CSV file."""
        from reintegra.reports.audit_log import save_audit_log

        path = self.ask_save_path(_("audit-log-{day}.csv").format(day=date.today().isoformat()))
        if not path:
            return
        try:
            with self.context.unit() as session:
                count = save_audit_log(session, self.context.actor(session), self.query, Path(path))
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        except OSError as error:
            self.say(file_error_message(error, path), error=True)
            return
        self.say(ngettext("{count} entry saved to {path}.", "{count} entries saved to {path}.", count).format(
            count=count, path=path))
