"""The skill areas on the settings page: the list, and a director's add / edit / reorder /
deactivate / delete; an instructor only sees them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from reintegra.db.enums import Role, SkillGroup
from reintegra.db.models import SkillArea, User
from reintegra.services.validation import max_length
from reintegra.i18n import _
from reintegra.services import skill_areas
from reintegra.services.errors import ReintegraError
from reintegra.services.labels import choices, label
from reintegra.services.skill_areas import AreaFields, AreaRow
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.saving import RunsDialogs, change_in_tab, save_in_dialog
from reintegra.ui.widgets.form import Form
from reintegra.ui.widgets.flow_layout import flow_row


class SkillAreaDialog(QDialog):
    """A new skill area when ``area`` is None, otherwise a change of that one."""

    def __init__(self, context: AppContext, area: AreaRow | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.area = area
        self.conflict = False
        self.saved_id: int | None = None
        self.setWindowTitle(_("New skill area") if area is None else _("Edit skill area"))
        self.setMinimumWidth(560)
        self.form = Form()
        self.name = self.form.add("name", _("&Name:"), QLineEdit(area.name if area else ""))
        self.name.setMaxLength(max_length(SkillArea, "name"))
        self.name.setPlaceholderText(_("e.g. Using public transport"))
        self.group = self.form.add("group", _("&Group:"), QComboBox())
        for group, text in choices(SkillGroup):
            self.group.addItem(text, group)
        self.group.setCurrentIndex(max(0, self.group.findData(area.group if area else SkillGroup.SELF_RELIANCE)))
        self.scale_max = self.form.add("scale_max", _("&Scale from 1 to:"), QSpinBox())
        self.scale_max.setRange(skill_areas.MIN_SCALE_MAX, skill_areas.MAX_SCALE_MAX)
        self.scale_max.setValue(area.scale_max if area else skill_areas.DEFAULT_SCALE_MAX)
        self.scale_max.setMaximumWidth(80)
        levels_title = QLabel(_("What each level means:"))
        levels_title.setProperty("role", "section-title")
        self.levels_form = Form()
        self.levels: list[QLineEdit] = []
        known = list(area.levels) if area else [_(text) for text in skill_areas.DEFAULT_LEVELS]
        for score in range(1, skill_areas.MAX_SCALE_MAX + 1):
            editor = QLineEdit(known[score - 1] if score <= len(known) else "")
            editor.setMaxLength(skill_areas.MAX_DESCRIPTION_LENGTH)
            self.levels_form.add(f"level-{score}", f"&{score}:" if score < 10 else f"{score}:", editor)
            accessible.name(editor, _("Level {score}").format(score=score))
            self.levels.append(editor)
        self.scale_max.valueChanged.connect(self._show_levels)
        self._show_levels()

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(levels_title)
        layout.addWidget(self.levels_form)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _show_levels(self, *_args) -> None:
        for score, editor in enumerate(self.levels, start=1):
            self.levels_form.layout_.setRowVisible(editor.parentWidget(), score <= self.scale_max.value())
        self.adjustSize()

    def fields(self) -> AreaFields:
        scale_max = self.scale_max.value()
        return AreaFields(self.name.text(), SkillGroup(self.group.currentData()), scale_max,
                          tuple(editor.text() for editor in self.levels[:scale_max]))

    def save(self) -> None:
        self.form.clear_errors()
        self.levels_form.clear_errors()
        save_in_dialog(self, lambda error: self.form.show_error(error) or self.levels_form.show_error(error),
                       self._write, close_when_gone=False)

    def _write(self, session: Session, actor: User | None) -> None:
        if self.area is None:
            saved = skill_areas.add_area(session, self.fields(), actor=actor)
        else:
            saved = skill_areas.update_area(session, self.area.id, self.area.version, self.fields(), actor=actor)
        self.saved_id = saved.id


class SkillAreasBox(RunsDialogs, QGroupBox):
    """The facility's skill areas for periodic assessments, in their order, inactive ones greyed."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(_("Skill areas for assessments"), parent)
        self.context = context
        self.may_edit = context.can(Role.DIRECTOR)
        self.model = RowsModel([
            Column(_("Skill area"), lambda row: row.name),
            Column(_("Group"), lambda row: label(row.group)),
            Column(_("Scale"), lambda row: row.scale_max, display=lambda row: f"1–{row.scale_max}"),
            Column(_("Status"), lambda row: row.active, display=lambda row: _("Active") if row.active
                   else _("Inactive")),
        ], self)
        self.model.muted = lambda row: not row.active
        self.table = QTableView()
        self.table.setObjectName("skill-areas")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setMinimumHeight(8 * (self.fontMetrics().height() + 10))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.add_button = QPushButton(icon("plus"), _("Add skill &area…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(icon("edit"), _("Ed&it…"))
        self.edit_button.clicked.connect(self.edit)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip(_("Move the skill area up (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip(_("Move the skill area down (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.active_button = QPushButton(_("Deactivate"))
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Only a skill area never used in an assessment can be deleted."))
        self.delete_button.clicked.connect(self.delete)
        # The buttons wrap onto a second line on a small screen.
        self.buttons = flow_row(self.add_button, self.edit_button, self.up_button, self.down_button,
                                self.active_button, self.delete_button)
        hint = QLabel(_("The areas scored in periodic assessments, grouped as the annual report asks. "
                        "An area already used is deactivated rather than deleted, so that earlier "
                        "assessments keep it.") if self.may_edit
                      else _("Only a director can change the skill areas."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        layout.addWidget(hint)
        self.buttons.setVisible(self.may_edit)
        if self.may_edit:
            self.table.doubleClicked.connect(self.edit)
            self.table.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Enter edits the chosen area, Delete deletes it, Ctrl+Up and Ctrl+Down move it."""
        if watched is getattr(self, "table", None) and event.type() == QEvent.KeyPress:
            key, modifiers = event.key(), event.modifiers() & ~Qt.KeypadModifier
            actions = {(Qt.Key_Return, Qt.NoModifier): self.edit, (Qt.Key_Enter, Qt.NoModifier): self.edit,
                       (Qt.Key_Delete, Qt.NoModifier): self.delete,
                       (Qt.Key_Up, Qt.ControlModifier): lambda: self.move(-1),
                       (Qt.Key_Down, Qt.ControlModifier): lambda: self.move(1)}
            action = actions.get((key, modifiers))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    def load(self, select_id: int | None = None) -> None:
        selected = self.selected()
        try:
            with self.context.read() as session:
                rows = skill_areas.list_areas(session, include_inactive=True)
            if not rows:  # the first time only: the default areas are written, then listed
                with self.context.unit() as session:
                    skill_areas.ensure_defaults(session)
                    rows = skill_areas.list_areas(session, include_inactive=True)
        except ReintegraError as error:
            messages.error(self, error.message)
            rows = []
        self.model.set_rows(rows)
        wanted = select_id if select_id is not None else (selected.id if selected else None)
        target = next((i for i, row in enumerate(rows) if row.id == wanted), 0)
        if rows:
            self.table.setCurrentIndex(self.model.index(target, 0))
            self.table.selectRow(target)
        self._update_buttons()

    def selected(self) -> AreaRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        index = self.table.currentIndex().row()
        for button in (self.edit_button, self.active_button):
            button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and index > 0)
        self.down_button.setEnabled(row is not None and index < self.model.rowCount() - 1)
        self.delete_button.setEnabled(row is not None and row.scores == 0)
        self.active_button.setText(_("Reactivate") if row is not None and not row.active else _("Deactivate"))

    # -- changing ----------------------------------------------------------------------------

    def add(self) -> None:
        self._open(SkillAreaDialog(self.context, parent=self))

    def edit(self, *_args) -> None:
        row = self.selected()
        if row is not None:
            self._open(SkillAreaDialog(self.context, row, parent=self), row.id)

    def _open(self, dialog: SkillAreaDialog, area_id: int | None = None) -> None:
        self.open_dialog(dialog, after=lambda saved: self.load(dialog.saved_id or area_id))

    def move(self, offset: int) -> None:
        row = self.selected()
        if row is not None:
            self._change(lambda session, actor: skill_areas.move_area(session, row.id, offset, actor=actor), row.id)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not messages.confirm(self, _(
                "Deactivate “{name}”? It will no longer be offered in new assessments; the scores already "
                "given stay.").format(name=row.name), yes=_("Deactivate")):
            return
        self._change(lambda session, actor: skill_areas.set_active(session, row.id, row.version, not row.active,
                                                                   actor=actor), row.id)

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.scores:
            messages.info(self, _("This skill area was already used in assessments; deactivate it instead of "
                                  "deleting it."))
            return
        if messages.confirm(self, _("Delete the skill area “{name}”?").format(name=row.name), yes=_("Delete")):
            self._change(lambda session, actor: skill_areas.delete_area(session, row.id, row.version, actor=actor))

    def _change(self, change, select_id: int | None = None) -> None:
        if change_in_tab(self, change, reload=lambda: self.load(select_id)):
            self.load(select_id)
