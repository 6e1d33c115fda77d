"""Adding or editing a workshop: name, kind, capacity, instructors, description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from reintegra.db.models import Workshop
from reintegra.services.validation import max_length
from reintegra.db.enums import Role, WorkshopKind
from reintegra.i18n import _
from reintegra.services import labels, users, workshops
from reintegra.services.errors import ReintegraError
from reintegra.ui import messages
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save, saved
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.dialogs.placement import OVER_CAPACITY_COLOR, occupancy_text, over_capacity_text
from reintegra.ui.widgets.form import Form
from reintegra.ui.screen_fit import scroll_body

# Who may run a workshop: instructors, and directors who often run one themselves.
INSTRUCTOR_ROLES = (Role.INSTRUCTOR, Role.DIRECTOR)


@dataclass
class InstructorChoice:
    id: int
    name: str
    role: Role
    checked: bool = False


class CheckableRowsModel(RowsModel):
    """A one-column list of InstructorChoice rows with a check box each."""

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return super().flags(index) | Qt.ItemIsUserCheckable

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.CheckStateRole and index.isValid():
            return Qt.Checked if self.row_at(index.row()).checked else Qt.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or not index.isValid():
            return False
        self.row_at(index.row()).checked = Qt.CheckState(value) == Qt.Checked
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True

    def checked_ids(self) -> list[int]:
        return [row.id for row in self.rows() if row.checked]


class WorkshopDialog(QDialog):
    """New workshop when ``workshop_id`` is None, otherwise edits that one."""

    def __init__(self, context: AppContext, workshop_id: int | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.workshop_id = workshop_id
        self.saved_id: int | None = None
        self._version: int | None = None
        self.setWindowTitle(_("New workshop") if workshop_id is None else _("Edit workshop"))
        self.setMinimumWidth(520)

        self.form = Form()
        self.name = self.form.add("name", _("&Name:"), QLineEdit())
        self.name.setMaxLength(max_length(Workshop, "name"))
        self.name.setPlaceholderText(_("e.g. Gastronomy workshop"))
        self.kind = self.form.add("kind", _("&Kind:"), QComboBox())
        for kind, text in labels.choices(WorkshopKind):
            self.kind.addItem(text, kind)
        self.capacity = self.form.add("capacity", _("&Capacity:"), QSpinBox())
        self.capacity.setRange(1, workshops.MAX_CAPACITY)
        self.capacity.setValue(6)
        self.capacity.setToolTip(_("How many participants the workshop can take at once."))
        # Editing: the places taken today below the capacity, red when the capacity typed is too small.
        self.occupancy = QLabel()
        self.occupancy.setObjectName("workshop-occupancy")
        self.occupancy.setWordWrap(True)
        self.occupancy.hide()
        self.capacity.parentWidget().layout().addWidget(self.occupancy)
        self._placed_today: int | None = None
        self.capacity.valueChanged.connect(self._show_occupancy)
        self.instructor_model = CheckableRowsModel([Column(_("Instructor"), lambda row: row.name)], self)
        self.instructors = QListView()
        self.instructors.setModel(self.instructor_model)
        self.instructors.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.instructors.setSelectionMode(QAbstractItemView.SingleSelection)
        self.instructors.setMinimumHeight(110)
        self.instructors.setMaximumHeight(160)
        self.form.add("instructors", _("&Instructors:"), self.instructors)
        self.no_instructors = QLabel(_("There are no instructor accounts yet; an administrator adds them in Settings → Users and chooses their workshops there."))
        self.no_instructors.setProperty("role", "hint")
        self.no_instructors.setWordWrap(True)
        self.form.add_row("", self.no_instructors)
        self.description = self.form.add("description", _("&Description:"), QPlainTextEdit())
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What participants learn and do here (optional)."))
        self.description.setFixedHeight(90)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.load()
        scroll_body(self)  # the form scrolls on a small screen, Save stays in sight
        self.form.live(self.check)

    def load(self) -> None:
        """Fills the form from the database (the saved version when editing)."""
        assigned: set[int] = set()
        with self.context.read() as session:
            if self.workshop_id is not None:
                workshop = workshops.get_workshop(session, self.workshop_id)
                self.name.setText(workshop.name)
                self.kind.setCurrentIndex(max(0, self.kind.findData(workshop.kind)))
                self._placed_today = workshops.placed_count(session, self.workshop_id, date.today())
                self.capacity.setValue(workshop.capacity)
                self.description.setPlainText(workshop.description or "")
                assigned = {user.id for user in workshop.instructors}
                self._version = workshop.version
            choices = [
                InstructorChoice(user.id, _user_text(user), user.role, user.id in assigned)
                for user in users.staff(session)
                if user.id in assigned or (user.active and user.role in INSTRUCTOR_ROLES)
            ]
        self._show_occupancy()
        self.instructor_model.set_rows(choices)
        self.instructors.setVisible(bool(choices))
        self.no_instructors.setVisible(not choices)
        self.form.clear_errors()

    def _show_occupancy(self, *_args) -> None:
        if self._placed_today is None:
            return
        placed, capacity = self._placed_today, self.capacity.value()
        lines = [occupancy_text(placed, capacity, date.today())]
        if placed > capacity:
            lines.append(over_capacity_text(placed - capacity))
        self.occupancy.setText("\n".join(lines))
        self.occupancy.setStyleSheet(f"color: {OVER_CAPACITY_COLOR}; font-weight: 600;" if placed > capacity else "")
        self.occupancy.setProperty("role", "" if placed > capacity else "hint")
        self.occupancy.show()

    def check(self) -> None:
        """What saving would refuse, every field at once (the workshops service's check, writing nothing)."""
        with self.context.read() as session:
            workshops.check_workshop(session, self.name.text(), self.capacity.value(),
                                     self.instructor_model.checked_ids(), workshop_id=self.workshop_id)

    def save(self) -> None:
        self.form.clear_errors()
        values = dict(
            name=self.name.text(),
            kind=self.kind.currentData(),
            capacity=self.capacity.value(),
            instructor_ids=self.instructor_model.checked_ids(),
            description=self.description.toPlainText(),
        )
        workshop_id, version = self.workshop_id, self._version

        def write(session, actor) -> int:
            if workshop_id is None:
                return workshops.create_workshop(session, actor=actor, **values).id
            return workshops.update_workshop(session, workshop_id, version, actor=actor, **values).id

        saved_id = save(self, write, show_error=self.form.show_error, reload=self._reload_or_close)
        if saved(saved_id):
            self.saved_id = saved_id
            self.accept()

    def _reload_or_close(self) -> None:
        try:
            self.load()
        except ReintegraError as error:  # deleted meanwhile: nothing left to edit
            messages.error(self, error.message)
            self.reject()


def _user_text(user) -> str:
    return _("{name} ({role})").format(name=user.full_name or user.username,
                                       role=labels.label(user.role).lower())
