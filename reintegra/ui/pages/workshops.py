"""The workshops page: every workshop with its occupancy, and who is placed in the chosen one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import Role
from reintegra.i18n import _, ngettext
from reintegra.services import labels, placements, workshops
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.workshops import WorkshopRow
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.placement import OVER_CAPACITY_COLOR
from reintegra.ui.dialogs.placement import over_capacity_text as _over_capacity_text
from reintegra.ui.dialogs.workshop import WorkshopDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel, RowsProxy
from reintegra.ui.saving import RunsDialogs, save, saved


@dataclass(frozen=True)
class PlacedRow:
    participant_id: int
    last_name: str
    first_name: str
    since: date


class WorkshopsModel(RowsModel):
    """Workshop rows; the occupancy cell turns red and bold when over capacity."""

    OCCUPANCY_COLUMN = 2

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and index.isValid() and index.column() != self.OCCUPANCY_COLUMN:
            return self.columns[index.column()].text(self.row_at(index.row())) or None
        if index.isValid() and index.column() == self.OCCUPANCY_COLUMN:
            row: WorkshopRow = self.row_at(index.row())
            over = row.placed - row.capacity
            if over > 0:
                if role == Qt.ForegroundRole:
                    return QBrush(QColor(OVER_CAPACITY_COLOR))
                if role == Qt.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                if role == Qt.ToolTipRole:
                    return _over_capacity_text(over)
        return super().data(index, role)


def _occupancy_spoken(row: WorkshopRow) -> str:
    """The occupancy column as a screen reader says it: "5 / 8" and the red of a full workshop in words."""
    text = _("{placed} of {capacity} places taken").format(placed=row.placed, capacity=row.capacity)
    over = row.placed - row.capacity
    return f"{text}. {_over_capacity_text(over)}" if over > 0 else text


class WorkshopsPage(RunsDialogs, QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        may_edit = context.can(Role.DIRECTOR)

        title = QLabel(_("Workshops"))
        title.setProperty("role", "page-title")
        self.add_button = QPushButton(icon("plus"), _("Add workshop"))
        self.add_button.setShortcut(QKeySequence.New)
        self.add_button.setToolTip(_("Add a workshop (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_workshop)
        self.edit_button = QPushButton(icon("edit"), _("Edit"))
        self.edit_button.setToolTip(_("Edit the chosen workshop (Enter or double-click)"))
        self.edit_button.clicked.connect(self.edit_workshop)
        self.active_button = QPushButton(_("Deactivate"))
        self.active_button.clicked.connect(self.toggle_active)
        for button in (self.add_button, self.edit_button, self.active_button):
            button.setVisible(may_edit)
        self.show_inactive = QCheckBox(_("Show inactive"))
        self.show_inactive.toggled.connect(self.reload)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.show_inactive)
        header.addSpacing(12)
        header.addWidget(self.add_button)
        header.addWidget(self.edit_button)
        header.addWidget(self.active_button)

        self.model = WorkshopsModel([
            Column(_("Name"), lambda row: row.name),
            Column(_("Kind"), lambda row: labels.label(row.kind)),
            Column(_("Placed / places"), lambda row: (row.placed, row.capacity),
                   display=lambda row: f"{row.placed} / {row.capacity}", align_right=True, spoken=_occupancy_spoken),
            Column(_("Instructors"), lambda row: ", ".join(row.instructors)),
            Column(_("Status"), lambda row: _("Active") if row.active else _("Inactive")),
        ], self)
        self.model.muted = lambda row: not row.active
        self.proxy = RowsProxy(self.model, self)
        self.table = _table(self.proxy)
        accessible.name(self.table, _("List of workshops"))
        header_view = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header_view.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        if may_edit:
            self.table.activated.connect(self.edit_workshop)

        self.placed_title = QLabel()
        self.placed_title.setProperty("role", "section-title")
        self.placed_title.setWordWrap(True)
        self.placed_count = QLabel()
        self.placed_count.setObjectName("placed-count")
        self.over_capacity = QLabel()
        self.over_capacity.setStyleSheet(f"color: {OVER_CAPACITY_COLOR}; font-weight: 600;")
        self.over_capacity.setWordWrap(True)
        self.placed_model = RowsModel([
            Column(_("Surname"), lambda row: row.last_name),
            Column(_("First name"), lambda row: row.first_name),
            Column(_("Since"), lambda row: row.since),
        ], self)
        self.placed_proxy = RowsProxy(self.placed_model, self)
        self.placed_table = _table(self.placed_proxy)
        accessible.name(self.placed_table, _("Participants in the workshop"))
        self.placed_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.placed_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.nobody_placed = QLabel(_("Nobody is placed in this workshop now."))
        self.nobody_placed.setProperty("role", "hint")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(self.placed_title)
        side_layout.addWidget(self.placed_count)
        side_layout.addWidget(self.over_capacity)
        side_layout.addWidget(self.placed_table, 1)
        side_layout.addWidget(self.nobody_placed)
        side_layout.addStretch(0)

        splitter = QSplitter(Qt.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 380])
        self.summary = QLabel()
        self.summary.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)

        context.events.workshops_changed.connect(self.reload)
        context.events.participants_changed.connect(self.reload)
        self.reload()

    def activated(self) -> None:
        self.reload()
        self.table.setFocus()

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.current_workshop()
        with self.context.read() as session:
            rows = workshops.list_workshops(session, include_inactive=self.show_inactive.isChecked())
        self.model.set_rows(rows)
        self.select_workshop(chosen.id if chosen else None)
        active = [row for row in rows if row.active]
        self.summary.setText(ngettext(
            "{count} active workshop, {placed} of {capacity} places taken.",
            "{count} active workshops, {placed} of {capacity} places taken.", len(active)).format(
            count=len(active), placed=sum(r.placed for r in active), capacity=sum(r.capacity for r in active)))

    def current_workshop(self) -> WorkshopRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def select_workshop(self, workshop_id: int | None) -> None:
        """Selects that workshop (or the first row when it is not shown)."""
        target = 0
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).id == workshop_id:
                target = proxy_row
                break
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(target, 0))
            self.table.selectRow(target)
        self._selection_changed()

    def _selection_changed(self, *_args) -> None:
        row = self.current_workshop()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(_("Reactivate") if row is not None and not row.active else _("Deactivate"))
        self._show_placed(row)

    def _show_placed(self, row: WorkshopRow | None) -> None:
        people: list[PlacedRow] = []
        if row is not None:
            today = date.today()
            with self.context.read() as session:
                actor = self.context.actor(session)
                for person in placements.placed_participants(session, row.id, today, actor=actor):
                    placement = placements.current_placement(session, person.id, today, actor=actor)
                    people.append(PlacedRow(person.id, person.last_name, person.first_name,
                                            placement.start_date if placement else today))
        self.placed_model.set_rows(people)
        if row is None:
            self.placed_title.setText(_("Choose a workshop to see who is placed there."))
            for label in (self.placed_count, self.over_capacity, self.nobody_placed):
                label.hide()
            self.placed_table.hide()
            return
        title = _("Placed now in {name}") if row.active else _("Placed now in {name} (inactive)")
        self.placed_title.setText(title.format(name=row.name))
        self.placed_count.setText(ngettext(
            "{placed} of {capacity} place taken", "{placed} of {capacity} places taken", row.capacity).format(
            placed=len(people), capacity=row.capacity))
        self.placed_count.show()
        over = len(people) - row.capacity
        self.over_capacity.setText(_over_capacity_text(over) if over > 0 else "")
        self.over_capacity.setVisible(over > 0)
        self.placed_table.setVisible(bool(people))
        self.nobody_placed.setVisible(not people)

    # -- changing ----------------------------------------------------------------------------

    def make_dialog(self, workshop_id: int | None) -> WorkshopDialog:
        return WorkshopDialog(self.context, workshop_id, self)

    def add_workshop(self) -> None:
        self._open(None)

    def edit_workshop(self, *_args) -> None:
        row = self.current_workshop()
        if row is not None:
            self._open(row.id)

    def _open(self, workshop_id: int | None) -> None:
        if not self.context.can(Role.DIRECTOR):
            return
        try:
            dialog = self.make_dialog(workshop_id)
        except ReintegraError as error:  # the workshop was removed meanwhile
            messages.error(self, error.message)
            self.reload()
            return
        if self.open_dialog(dialog):
            self.context.events.workshops_changed.emit()
            self.select_workshop(dialog.saved_id)

    def _may_deactivate(self, workshop_id: int) -> bool:
        def check() -> None:
            with self.context.read() as session:
                workshops.check_deactivate(session, workshop_id)
        refusal = _refusal(check)
        if refusal is not None:
            messages.error(self, refusal)
        return refusal is None

    def toggle_active(self) -> None:
        row = self.current_workshop()
        if row is None:
            return
        if row.active and not self._may_deactivate(row.id):
            return
        if row.active:
            question = _("Deactivate the workshop {name}? It will no longer be offered for new placements; "
                         "its history stays.").format(name=row.name)
            yes = _("Deactivate")
        else:
            question = _("Reactivate the workshop {name}?").format(name=row.name)
            yes = _("Reactivate")
        if not messages.confirm(self, question, yes=yes):
            return
        if saved(save(self, lambda session, actor: workshops.set_active(session, row.id, row.version, not row.active,
                                                                       actor=actor),
                      reload=self.reload, ask_reload=False)):
            self.context.events.workshops_changed.emit()


def _refusal(check) -> str | None:
    """The sentence ``check()`` refuses with, or None; asked before a question, so that nobody answers
    "yes" to hear "no". A check that cannot run is left to the change itself to report."""
    try:
        check()
    except ValidationError as error:
        return error.message
    except ReintegraError:
        return None
    return None


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table
