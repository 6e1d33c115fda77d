"""The participant's workshops tab: placement history, and place / move / end / delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from reintegra.db.enums import Role
from reintegra.i18n import _, format_date
from reintegra.services import participants, placements
from reintegra.services.errors import NotFoundError, PermissionDenied
from reintegra.services.participants import ParticipantState, state_of
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.placement import EndPlacementDialog, PlacementDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.pages.participant_tabs.base import ParticipantTab


@dataclass(frozen=True)
class PlacementLine:
    id: int
    workshop_id: int
    workshop: str
    start: date
    end: date | None
    note: str
    version: int
    current: bool
    future: bool


class PlacementsModel(RowsModel):
    """Placement rows; the current placement in bold."""

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.FontRole and index.isValid() and self.row_at(index.row()).current:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class PlacementsTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.today = date.today()
        self._admitted = False
        self._exited = False
        self._name = ""

        self.status = QLabel()
        self.status.setObjectName("placement-status")
        self.status.setProperty("role", "section-title")
        self.status.setWordWrap(True)
        self.place_button = QPushButton(icon("plus"), _("Place in a workshop…"))
        self.place_button.clicked.connect(self.place)
        self.move_button = QPushButton(_("Move to another workshop…"))
        self.move_button.clicked.connect(self.move)
        self.end_button = QPushButton(_("End placement…"))
        self.end_button.clicked.connect(self.end)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete a placement entered by mistake."))
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.place_button)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self._may_edit = context.can(Role.DIRECTOR)

        self.model = PlacementsModel([
            Column(_("Workshop"), lambda row: row.workshop),
            Column(_("From"), lambda row: row.start),
            Column(_("Until"), lambda row: row.end),
            Column(_("Status"), _state_text),
            Column(_("Note"), lambda row: row.note),
        ], self)
        self.model.muted = lambda row: not row.current and not row.future
        self.table = QTableView()
        accessible.name(self.table, _("Placements in workshops"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        header.setMinimumSectionSize(90)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.empty = QLabel()
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        self.participant_id = participant_id
        self.today = date.today()
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, participant_id, actor=self.context.actor(session))
                self._name = person.full_name
                state = state_of(person, self.today)
                self._admitted = state.admitted
                self._exited = state is ParticipantState.EXITED
                found = placements.placements_of(session, participant_id, actor=self.context.actor(session))
                rows = [_line(p, self.today) for p in found]
        except (NotFoundError, PermissionDenied) as error:
            self.model.set_rows([])
            self.status.setText(error.message)
            self._update_buttons()
            return
        rows.sort(key=lambda row: row.start, reverse=True)
        self.model.set_rows(rows)
        current = self.current_line()
        if current is not None:
            self.status.setText(_("{name} is placed in {workshop} since {date}.").format(
                name=self._name, workshop=current.workshop, date=format_date(current.start)))
        elif not self._admitted:
            self.status.setText(_("{name} is on the waiting list; a placement is possible after the admission.")
                                .format(name=self._name))
        elif self._exited:
            self.status.setText(_("{name} has left the facility; the placements below are the history.")
                                .format(name=self._name))
        else:
            self.status.setText(_("{name} is not placed in any workshop now.").format(name=self._name))
        self.table.setVisible(bool(rows))
        self.empty.setText(_("No placements yet."))
        self.empty.setVisible(not rows and self._admitted)
        # As tall as its rows: a history of a few placements should not sit in a mostly empty box.
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                    + len(rows) * self.table.verticalHeader().defaultSectionSize())
        if rows:
            target = next((i for i, row in enumerate(rows) if row.current), 0)
            self.table.setCurrentIndex(self.model.index(target, 0))
            self.table.selectRow(target)
        self._update_buttons()

    def current_line(self) -> PlacementLine | None:
        return next((row for row in self.model.rows() if row.current), None)

    def selected_line(self) -> PlacementLine | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _update_buttons(self, *_args) -> None:
        active = self._admitted and not self._exited and self.participant_id is not None
        current = self.current_line()
        selected = self.selected_line()
        has_rows = self.model.rowCount() > 0
        self.place_button.setVisible(self._may_edit and active and current is None)
        self.move_button.setVisible(self._may_edit and active and current is not None)
        self.end_button.setVisible(self._may_edit and any(self._endable(row) for row in self.model.rows()))
        self.delete_button.setVisible(self._may_edit and has_rows)
        self.end_button.setEnabled(selected is not None and self._endable(selected))
        self.delete_button.setEnabled(selected is not None)

    def _endable(self, line: PlacementLine) -> bool:
        return line.end is None or line.end > self.today

    # -- changing ----------------------------------------------------------------------------

    def make_placement_dialog(self, moving: bool) -> PlacementDialog:
        current = self.current_line()
        return PlacementDialog(self.context, self.participant_id, moving=moving,
                               current_workshop_id=current.workshop_id if moving and current else None,
                               parent=self)

    def make_end_dialog(self, line: PlacementLine) -> EndPlacementDialog:
        return EndPlacementDialog(self.context, line.id, line.version, line.workshop, line.start, line.end,
                                  parent=self)

    def place(self) -> None:
        self._open_placement(moving=False)

    def move(self) -> None:
        self._open_placement(moving=True)

    def _open_placement(self, moving: bool) -> None:
        if self.participant_id is None:
            return
        warnings: list[str] = []
        dialog = self.make_dialog(lambda: self.make_placement_dialog(moving))
        if self.open_dialog_in_tab(dialog, on_saved=lambda done: warnings.extend(done.warnings)) and warnings:
            messages.info(self, "\n".join(warnings))

    def end(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        self.open_dialog_in_tab(self.make_end_dialog(line))

    def delete(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        until = format_date(line.end) if line.end else _("now")
        question = _("Delete the placement of {name} in {workshop} ({start} – {end})? Use this only for a "
                     "placement entered by mistake; to record that it ended, use “End placement”.").format(
            name=self._name, workshop=line.workshop, start=format_date(line.start), end=until)
        if not messages.confirm(self, question, yes=_("Delete")):
            return
        self.change(lambda session, actor: placements.delete_placement(session, line.id, line.version, actor=actor))


def _line(placement, today: date) -> PlacementLine:
    current = placement.start_date <= today and (placement.end_date is None or placement.end_date >= today)
    return PlacementLine(placement.id, placement.workshop_id, placement.workshop.name, placement.start_date,
                         placement.end_date, placement.note, placement.version, current,
                         placement.start_date > today)


def _state_text(row: PlacementLine) -> str:
    if row.current:
        return _("Current")
    if row.future:
        return _("Planned")
    return _("Ended")
