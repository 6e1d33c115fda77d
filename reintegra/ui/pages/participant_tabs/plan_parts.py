"""The pieces of the plan tab: the tables of plans, goals and reviews, and the chosen plan's text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import GoalStatus, ReviewKind
from reintegra.i18n import _, format_date, pgettext
from reintegra.services import plans
from reintegra.services.labels import choices, label
from reintegra.services.plans import PlanRow, ReviewRow, ReviewState
from reintegra.ui.dialogs.plan import plan_period, plan_title, text_captions
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.widgets.flow_layout import flow_row

OVERDUE_COLOR = "#b3261e"
DUE_SOON_COLOR = "#9a5b00"
_STATE_COLORS = {ReviewState.OVERDUE: QBrush(QColor(OVERDUE_COLOR)),
                 ReviewState.DUE_SOON: QBrush(QColor(DUE_SOON_COLOR))}


class PlansModel(RowsModel):
    """Plan rows; the current plan in bold, its next review in red when overdue."""

    NEXT_REVIEW_COLUMN = 3

    def __init__(self, parent=None):
        super().__init__([
            Column(_("Period"), lambda row: row.start, display=plan_period),
            Column(_("Programme"), lambda row: row.kind.value, spoken=lambda row: label(row.kind)),
            Column(_("Status"), lambda row: self._state_text(row)),
            Column(_("Next review"), lambda row: row.next_review_date),
        ], parent)
        self.today = date.today()
        self.current_id: int | None = None
        self.muted = lambda row: row.id != self.current_id and row.end is not None and row.end < self.today

    def _state_text(self, row: PlanRow) -> str:
        if row.id == self.current_id:
            return _("Current")
        return _("Planned") if row.start > self.today else _("Ended")

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if index.isValid():
            row = self.row_at(index.row())
            if role == Qt.FontRole and row.id == self.current_id:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ForegroundRole and index.column() == self.NEXT_REVIEW_COLUMN:
                brush = _STATE_COLORS.get(plans.review_state(row, self.today))
                if brush is not None:
                    return brush
        return super().data(index, role)


class GoalsModel(RowsModel):
    """A plan's goals; dropped goals in grey, the whole description as a tooltip."""

    def __init__(self, parent=None):
        super().__init__([
            Column(_("Area"), lambda row: label(row.area)),
            Column(_("Goal"), lambda row: row.description),
            Column(_("Target date"), lambda row: row.target_date),
            Column(_("Status"), lambda row: label(row.status)),
        ], parent)
        self.muted = lambda row: row.status is GoalStatus.DROPPED

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and index.isValid() and index.column() == 1:
            return self.row_at(index.row()).description
        return super().data(index, role)


class ReviewsModel(RowsModel):
    """A plan's reviews, newest first; long texts in full as tooltips."""

    DECISION_COLUMN = 3

    def __init__(self, parent=None):
        super().__init__([
            Column(_("Date"), lambda row: row.day),
            Column(_("Kind"), lambda row: row.kind.value, display=_review_kind_text),
            Column(_("Conclusion"), lambda row: row.conclusion),
            Column(_("Decision"), lambda row: row.decision),
            Column(_("Reviewed by"), lambda row: row.reviewer),
        ], parent)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and index.isValid() and index.column() in (2, 3):
            row: ReviewRow = self.row_at(index.row())
            return row.conclusion if index.column() == 2 else row.decision
        return super().data(index, role)


def _review_kind_text(row: ReviewRow) -> str:
    if row.kind is ReviewKind.COUNCIL:
        return pgettext("review kind, short", "Programme council")
    return pgettext("review kind, short", "Periodic")


def fit_plans_table(table: QTableView, most_rows: int = 5) -> None:
    """As tall as its rows, up to ``most_rows`` (a few plans should not sit in a mostly empty box),
    and the pane holding it wide enough for every column: the goals and reviews beside it take the rest."""
    count = table.model().rowCount()
    rows = min(max(1, count), most_rows)
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                         + rows * table.verticalHeader().defaultSectionSize())
    header = table.horizontalHeader()
    width = sum(max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                for column in range(table.model().columnCount()))
    scroll = table.verticalScrollBar().sizeHint().width() if count > rows else 0
    table.parentWidget().setMinimumWidth(width + 2 * table.frameWidth() + scroll + 8)


def fit_wrapped_column(table: QTableView, column: int, most: int) -> None:
    """Sizes a wrapped text column to its contents, but at most ``most`` pixels wide."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(column, QHeaderView.Interactive)
    header.resizeSection(column, max(header.sectionSizeHint(column), min(table.sizeHintForColumn(column), most)))
    table.resizeRowsToContents()


def make_table(model: RowsModel, stretch: int, *, wrap: bool = False) -> QTableView:
    """A read-only, row-selecting table whose column ``stretch`` takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.setWordWrap(wrap)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.Stretch if column == stretch else QHeaderView.ResizeToContents)
    if wrap:
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    else:
        table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


class _Keys(QObject):
    """Runs a slot for some plain keys pressed in a table (Enter opens, Delete removes)."""

    def __init__(self, table: QTableView, slots: dict[int, Callable[[], None]]):
        super().__init__(table)
        self.slots = slots
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.KeyPress and not event.modifiers() & ~Qt.KeypadModifier:
            slot = self.slots.get(event.key())
            if slot is not None:
                slot()
                return True
        return False


def on_keys(table: QTableView, *, open_row: Callable[[], None], remove_row: Callable[[], None]) -> None:
    """Enter (and double-click) opens the row; Delete removes it."""
    _Keys(table, {Qt.Key_Return: open_row, Qt.Key_Enter: open_row, Qt.Key_Delete: remove_row})
    table.doubleClicked.connect(lambda _index: open_row())


class PlanText(QScrollArea):
    """The chosen plan: when it is next reviewed (and the council's review, in a WTZ), then its texts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        content = QWidget()
        # On the tab's own background, not in a grey box.
        self.viewport().setStyleSheet("background: transparent;")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 4, 8, 4)
        self.title = QLabel()
        self.title.setObjectName("plan-title")
        self.title.setProperty("role", "section-title")
        self.title.setWordWrap(True)
        self.review_line = QLabel()
        self.review_line.setObjectName("plan-review-line")
        self.review_line.setWordWrap(True)
        self.council_line = QLabel()
        self.council_line.setObjectName("plan-council-line")
        self.council_line.setProperty("role", "hint")
        self.council_line.setWordWrap(True)
        self.facts = QFormLayout()
        self.facts.setRowWrapPolicy(QFormLayout.WrapAllRows)
        self.facts.setContentsMargins(0, 6, 0, 0)
        self.facts.setVerticalSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.review_line)
        column.addWidget(self.council_line)
        column.addLayout(self.facts)
        column.addStretch(1)
        self.setWidget(content)
        self.values: dict[str, QLabel] = {}

    def show_plan(self, row: PlanRow, today: date, council_due: date | None, last_council: date | None) -> None:
        self.title.setText(plan_title(row))
        self.review_line.setText(review_text(row, today))
        state = plans.review_state(row, today)
        color = {ReviewState.OVERDUE: OVERDUE_COLOR, ReviewState.DUE_SOON: DUE_SOON_COLOR}.get(state)
        self.review_line.setStyleSheet(f"color: {color};" if color else "")
        if council_due is None:
            self.council_line.hide()
        else:
            self.council_line.show()
            self.council_line.setStyleSheet(f"color: {OVERDUE_COLOR};" if council_due <= today else "")
            if last_council is None:
                self.council_line.setText(_("The programme council's comprehensive review: none yet; due by {due}."
                                            ).format(due=format_date(council_due)))
            else:
                self.council_line.setText(_("The programme council's comprehensive review: last on {date}; next due "
                                            "by {due}.").format(date=format_date(last_council),
                                                                due=format_date(council_due)))
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.values = {}
        for name, caption in text_captions(row.kind, row):
            title = QLabel(caption.replace("&", ""))
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            text = getattr(row, name)
            value = QLabel(text or "—")
            value.setObjectName(f"plan-{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.facts.addRow(title, value)
            self.values[name] = value


def review_text(row: PlanRow, today: date) -> str:
    due = row.next_review_date
    if due is None:
        return _("No review is planned.")
    if due < today:
        return _("The review was due on {date} and has not been recorded.").format(date=format_date(due))
    if due == today:
        return _("The review is due today.")
    return _("Next review: {date}.").format(date=format_date(due))


def select_row(table: QTableView, wanted_id: int | None) -> None:
    """Makes the row with ``wanted_id`` current, or the first row."""
    model = table.model()
    if not model.rowCount():
        return
    target = next((i for i, row in enumerate(model.rows()) if row.id == wanted_id), 0)
    table.setCurrentIndex(model.index(target, 0))
    table.selectRow(target)


def chosen_row(table: QTableView):
    index = table.currentIndex()
    model = table.model()
    return model.row_at(index.row()) if index.isValid() and model.rowCount() else None


def header_row(title: str, *buttons: QWidget) -> QHBoxLayout:
    """A section's title with its buttons on the right; they wrap onto more lines when the pane is narrow."""
    caption = QLabel(title)
    caption.setProperty("role", "section-title")
    row = QHBoxLayout()
    row.addWidget(caption, 0, Qt.AlignTop)
    row.addWidget(flow_row(*buttons, align_right=True), 1)
    return row


def status_menu(parent: QWidget, set_status) -> QMenu:
    """The goal statuses as a menu; choosing one calls ``set_status(status)``."""
    menu = QMenu(parent)
    for status, text in choices(GoalStatus):
        action = menu.addAction(text)
        action.setData(status)
        action.triggered.connect(lambda _checked=False, status=status: set_status(status))
    return menu
