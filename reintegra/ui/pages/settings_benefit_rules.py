"""The "CIS benefits" tab of the settings: the benefit's rule sets, and a director's add / edit / delete /
load from a file. The sets are data the centre keeps (the amount changes every June), never constants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from reintegra.i18n import _, format_date, format_month, format_number, pgettext
from reintegra.services import benefit_rules
from reintegra.services.benefit_rule_file import import_rules
from reintegra.services.benefit_rules import RuleRow, first_month, fraction_text, limit_text
from reintegra.services.errors import ReintegraError
from reintegra.services.importing import ImportRefused
from reintegra.ui import file_dialogs, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.benefit_rule import BenefitRuleDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.saving import RunsDialogs, change_in_tab, save, saved
from reintegra.ui.widgets.flow_layout import flow_row

RULE_FILE = "benefit-rules"  # file_dialogs kind: the folder the rule files were last loaded from


def today() -> date:
    return date.today()


def _state(row: RuleRow) -> str:
    if row.in_force:
        return _("in force")
    return _("later") if row.later else _("earlier")


def _columns() -> list[Column]:
    def fraction(field: str) -> Column:
        return Column(pgettext(*benefit_rules.SHORT_LABELS[field]),
                      lambda row: getattr(row.fields, field),
                      display=lambda row: fraction_text(getattr(row.fields, field)), align_right=True,
                      spoken_header=_(benefit_rules.FIELD_LABELS[field]))

    def limit(field: str) -> Column:
        return Column(pgettext(*benefit_rules.SHORT_LABELS[field]),
                      lambda row: getattr(row.fields, field),
                      display=lambda row: limit_text(getattr(row.fields, field)), align_right=True,
                      spoken_header=_(benefit_rules.FIELD_LABELS[field]),
                      spoken=lambda row: _("no limit") if getattr(row.fields, field) is None
                      else str(getattr(row.fields, field)))

    return [
        Column(_("Valid from"), lambda row: row.valid_from, spoken=_applies_from),
        Column(_("Amount (zł)"), lambda row: row.fields.amount, display=lambda row: format_number(row.fields.amount, 2),
               align_right=True),
        fraction("unexcused_day_deduction"), limit("unexcused_days_forfeit"), fraction("sick_day_deduction"),
        fraction("excused_day_deduction"), limit("sick_days_limit"), fraction("sick_over_limit_deduction"),
        limit("free_days_limit"),
        Column(_("State"), lambda row: (row.in_force, row.later), display=_state),
        Column(_("Description"), lambda row: row.fields.description),
    ]


def _applies_from(row: RuleRow) -> str:
    start = first_month(row.valid_from)
    return _("{date}, applies from {month}").format(date=format_date(row.valid_from),
                                                    month=format_month(start.year, start.month))


class RulesModel(RowsModel):
    """The rule sets; the date's tooltip names the first month a set applies to (a set dated the 15th
    begins with the next month)."""

    def data(self, index, role: int = Qt.DisplayRole):
        if role == Qt.ToolTipRole and index.isValid() and index.column() == 0:
            return _applies_from(self.row_at(index.row()))
        return super().data(index, role)


class BenefitRulesTab(RunsDialogs, QWidget):
    """The rule sets, the earliest first, the one in force this month in bold; a director or an
    administrator changes them (the service refuses anyone else)."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = RulesModel(_columns(), self)
        self.model.muted = lambda row: not row.in_force and not row.later
        self.table = QTableView()
        self.table.setObjectName("benefit-rules")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Benefit rule sets"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.Stretch)  # the description
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.edit)
        self.table.installEventFilter(self)

        self.add_button = QPushButton(icon("plus"), _("&Add rule set…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(icon("edit"), _("Ed&it…"))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete)
        self.load_button = QPushButton(_("&Load from file…"))
        self.load_button.setToolTip(_("A ;-separated CSV file (or XLSX) with the field names as its header, "
                                      "one rule set a row; see the README."))
        self.load_button.clicked.connect(self.load_file)
        self.buttons = flow_row(self.add_button, self.edit_button, self.delete_button, self.load_button)
        self.empty = QLabel(_("No rule set yet: without one the benefit list has no amounts. Add the amount in "
                              "force and its deductions, or load them from a file."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("benefit-rules-empty")
        hint = QLabel(_("For a CIS: the integration benefit and its deductions from a date on. The set in force on "
                        "a month's first day applies to the whole month. Deductions are fractions of the amount "
                        "per day; limits are days over the whole stay (–: no limit)."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.load()

    def eventFilter(self, watched, event) -> bool:
        """Enter edits the chosen set, Delete deletes it."""
        if watched is getattr(self, "table", None) and event.type() == QEvent.KeyPress:
            action = {Qt.Key_Return: self.edit, Qt.Key_Enter: self.edit, Qt.Key_Delete: self.delete}.get(event.key())
            if action is not None and not event.modifiers() & ~Qt.KeypadModifier:
                action()
                return True
        return super().eventFilter(watched, event)

    def load(self, select_id: int | None = None) -> None:
        selected = self.selected()
        try:
            with self.context.read() as session:
                rows = benefit_rules.list_rules(session, today=today())
        except ReintegraError as error:
            messages.error(self, error.message)
            rows = []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        wanted = select_id if select_id is not None else (selected.id if selected else None)
        if wanted is None:
            wanted = next((row.id for row in rows if row.in_force), None)
        target = next((i for i, row in enumerate(rows) if row.id == wanted), len(rows) - 1)
        if rows:
            self.table.setCurrentIndex(self.model.index(target, 0))
            self.table.selectRow(target)
        self._update_buttons()

    def selected(self) -> RuleRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- changing ----------------------------------------------------------------------------

    def add(self) -> None:
        dialog = BenefitRuleDialog(self.context, parent=self)
        self.open_dialog(dialog, after=lambda saved: self.load(dialog.saved_id))

    def edit(self, *_args) -> None:
        row = self.selected()
        if row is not None:
            dialog = BenefitRuleDialog(self.context, row, parent=self)
            self.open_dialog(dialog, after=lambda saved: self.load(dialog.saved_id or row.id))

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not messages.confirm(self, _("Delete the rule set valid from {date}? The months it applied to will "
                                        "follow the set before it, if there is one.").format(
                date=format_date(row.valid_from)), yes=_("Delete")):
            return
        if change_in_tab(self, lambda session, actor: benefit_rules.delete_rule(session, row.id, row.version,
                                                                                actor=actor),
                         reload=self.load):
            self.load()

    def ask_rule_file(self) -> str:
        """The file chosen in the system dialog; tests replace this."""
        return file_dialogs.open_file(self, RULE_FILE, _("Load benefit rules"),
                                      _("Rule files (*.csv *.txt *.xlsx)"))

    def load_file(self) -> None:
        path = self.ask_rule_file()
        if not path:
            return
        refusal: list[ImportRefused] = []

        def load(session, actor):
            try:
                return import_rules(session, Path(path), actor=actor)
            except ImportRefused as refused:
                refusal.append(refused)
                raise

        report = save(self, load, say=lambda text: None if refusal else messages.error(self, text))
        if refusal:
            lines = [error.describe() for error in refusal[0].errors]
            messages.error(self, "\n".join([refusal[0].message, *lines[:20], *(["…"] if len(lines) > 20 else [])]))
            return
        if not saved(report):
            return
        self.load()
        messages.info(self, "\n".join(report.summary_lines()))

