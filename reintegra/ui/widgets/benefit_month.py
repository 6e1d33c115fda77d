"""The CIS benefit of a month on screen (Reports → CIS benefit list): who is paid what, why, and the premia.

A row a person: the month's days by status, the stay's sick days and days off against the rule set's
limits (red beyond them, with the warnings beside the table), the benefit, the premium and the total;
under the table the totals and the refund request. A director types a premium in its cell and presses
Enter: it is saved at once through ``benefit.set_premium``; one refused (above the month's benefit, not
a number …) leaves the saved value in the cell and says why under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, \
    QVBoxLayout, QWidget

from reintegra.db.enums import Role
from reintegra.i18n import _, format_date, format_month, ngettext
from reintegra.reports import outputs
from reintegra.reports.benefit import rules_text
from reintegra.services import benefit, benefit_rules
from reintegra.services.errors import ReintegraError, ValidationError, file_error_message
from reintegra.ui import accessible, file_dialogs
from reintegra.ui.context import AppContext
from reintegra.ui.models.benefit_month import BenefitMonthModel
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.form import ERROR_STYLE

HINT_STYLE = "color: #5f6b73;"
WARNING_STYLE = "color: #a1261b;"


class BenefitMonthView(QWidget):
    """The month's list with its amounts; ``load(year, month, workshop_id)`` reads it."""

    def __init__(self, context: AppContext, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.month: tuple[int, int] | None = None
        self.workshop_id: int | None = None
        self.rules = QLabel()
        self.rules.setObjectName("benefit-rules-text")
        self.rules.setWordWrap(True)
        self.model = BenefitMonthModel(self)
        self.model.premium_typed.connect(self._premium_typed)
        self.table = QTableView()
        self.table.setObjectName("benefit-month")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Typing a number on a premium cell starts editing it, as in a spreadsheet; F2 or Enter too.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # Every column as wide as its contents (the table scrolls sideways on a narrow screen); what is left
        # goes to the total.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000"))
        accessible.name(self.table, _("CIS benefits of the month"))
        self.table.selectionModel().currentRowChanged.connect(self._show_warnings)
        self.status = QLabel()
        self.status.setObjectName("benefit-status")
        self.status.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("benefit-warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.totals = QLabel()
        self.totals.setObjectName("benefit-totals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refund_button = QPushButton(_("&Refund request…"))
        self.refund_button.setToolTip(_("Save the request to the starosta for the refund of the month's benefits "
                                        "(PDF), once the month is over."))
        self.refund_button.clicked.connect(self.save_refund)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals, 1)
        bottom.addWidget(self.refund_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self._say("")
        self.warnings.hide()

    # -- reading ------------------------------------------------------------------------------

    def load(self, year: int, month: int, workshop_id: int | None = None) -> None:
        """Reads the month's list (everyone, or those placed in ``workshop_id`` during it)."""
        current = self._current_key()
        self.month, self.workshop_id = (year, month), workshop_id
        today = self.today()
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
                rows = benefit.benefit_list(session, year, month, workshop_id=workshop_id, today=today, actor=actor)
                rule = benefit.month_rule(session, year, month)
        except ReintegraError as error:
            self.model.set_rows([])
            self._show_rules(error.message, error=True)
            self._show_totals()
            return
        # One line on screen; the whole of the rules (as the printed list gives them) in its tooltip.
        if rule is None:
            text = rules_text(rule, year, month)
        else:
            text = _("Rules in force from {date}: the benefit {amount} a month (point here for the deductions and "
                     "limits).").format(date=format_date(rule.valid_from), amount=benefit.format_money(rule.amount))
        if benefit.is_provisional(year, month, today):
            text += " " + _("The month is not over: the amounts are provisional, with only the absences recorded "
                            "so far deducted.")
        self._show_rules(text, error=rule is None)
        self.rules.setToolTip(rules_text(rule, year, month))
        self.rules.setAccessibleDescription(rules_text(rule, year, month))
        self.model.editable = rule is not None and self.context.can(Role.DIRECTOR)
        self._set_rows(rows, current)
        if not rows:
            self._say(benefit.nobody_error(year, month).message)

    def _set_rows(self, rows, current: tuple[int, int] | None) -> None:
        """The rows, the same cell chosen again (the person's, in the same column) when they are still listed."""
        same = [row.participant_id for row in rows] == [row.participant_id for row in self.model.rows()]
        if same and rows:  # amounts changed: the open cell stays as it is, no reset under the editor
            self.model._rows = list(rows)
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(len(rows) - 1, self.model.columnCount() - 1))
        else:
            self.model.set_rows(rows)
            if current is not None:
                row = next((i for i, r in enumerate(rows) if r.participant_id == current[0]), None)
                if row is not None:
                    self.table.selectionModel().setCurrentIndex(
                        self.model.index(row, current[1]), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_totals()
        self._show_warnings()

    def _current_key(self) -> tuple[int, int] | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row()).participant_id, index.column()

    def _show_rules(self, text: str, *, error: bool) -> None:
        self.rules.setText(text)
        self.rules.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)

    def _show_totals(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.totals.setText("")
            self.refund_button.setEnabled(False)
            return
        sums = benefit.money_totals(rows)
        people = ngettext("{count} participant", "{count} participants", len(rows)).format(count=len(rows))
        warned = sum(1 for row in rows if row.warnings)
        text = _("Total for {people}: benefits {benefit}, premia {premium}, to be paid {total}.").format(
            people=people, benefit=benefit.format_money(sums.benefit) or "—",
            premium=benefit.format_money(sums.premium), total=benefit.format_money(sums.total) or "—")
        if warned:
            text += " " + ngettext("{count} person has a warning (⚠).", "{count} people have a warning (⚠).",
                                   warned).format(count=warned)
        self.totals.setText(text)
        self.refund_button.setEnabled(sums.benefit is not None and self.context.can(Role.DIRECTOR))

    def _show_warnings(self, *_args) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None
        if row is None or not row.warnings:
            self.warnings.clear()
            self.warnings.hide()
            return
        self.warnings.setText(_("{name}: {warnings}").format(name=f"{row.last_name} {row.first_name}",
                                                            warnings=" ".join(row.warnings)))
        self.warnings.show()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.status.setVisible(bool(text))

    # -- the premium --------------------------------------------------------------------------

    def _premium_typed(self, row_number: int, text: str) -> None:
        if self.month is None:
            return
        row = self.model.row_at(row_number)
        name = f"{row.first_name} {row.last_name}"
        try:
            amount = benefit_rules.read_number(text)
        except ValidationError as error:
            self._refused(_("{name}: {reason}").format(name=name, reason=error.message))
            return
        year, month = self.month
        today = self.today()

        def write(session, actor) -> None:
            benefit.set_premium(session, row.participant_id, year, month, amount, version=row.premium_version,
                                actor=actor, today=today)

        result = save(self, write, reload=self.reload, ask_reload=False,
                      say=lambda message: self._refused(_("{name}: {reason}").format(name=name, reason=message)))
        if not saved(result):
            return
        self.reload()
        shown = benefit.format_money(amount) if amount else _("none")
        self._say(_("Saved: the premium of {name} for {month} — {amount}.").format(
            name=name, month=format_month(year, month), amount=shown))

    def _refused(self, message: str) -> None:
        self._say(message, error=True)

    def reload(self) -> None:
        if self.month is not None:
            self.load(*self.month, self.workshop_id)

    # -- the refund request -------------------------------------------------------------------

    def ask_refund_path(self, suggested: str) -> str | None:
        """The file chosen in the system dialog; tests replace this."""
        path, _chosen = file_dialogs.save_file(self, file_dialogs.REPORT, _("Save the refund request"), suggested,
                                               "PDF (*.pdf)")
        if path and not Path(path).suffix:
            path += ".pdf"
        return path or None

    def save_refund(self) -> None:
        if self.month is None:
            return
        year, month = self.month
        path = self.ask_refund_path(outputs.file_name_part(_("refund request {month}").format(
            month=format_month(year, month))) + ".pdf")
        if not path:
            return
        today = self.today()

        def write(session, actor) -> Path:
            written = outputs.save_refund(session, year, month, path, today=today, actor=actor)
            from reintegra.services import audit

            audit.record_disclosure(session, actor, None, "refund_request", Path(written))
            return written

        try:
            written = save(self, write, say=lambda message: self._say(message, error=True))
        except OSError as error:
            self._say(file_error_message(error, path), error=True)
            return
        if saved(written):
            self._say(_("Saved: {path}").format(path=written))
