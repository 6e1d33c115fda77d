"""The participant's assessments tab: the periodic assessments with their group means, a chart of
the scores over time, the first assessment against the latest, and when the next one is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from reintegra.db.enums import SkillGroup
from reintegra.i18n import _, format_date, format_number, pgettext
from reintegra.services import assessments, participants, skill_areas
from reintegra.services.assessments import AssessmentRow, Comparison, ComparisonLine
from reintegra.services.errors import NotFoundError, PermissionDenied
from reintegra.services.participants import ParticipantState, state_of
from reintegra.services.labels import label
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.assessment import AssessmentDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.pages.participant_tabs.base import ParticipantTab
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.score_chart import ScoreChart

OVERDUE_COLOR = "#b3261e"
ASSESSOR_WIDTH = 190
# Short headers for the columns of group means; the tooltip gives the full name.
_MEAN_HEADERS = {
    SkillGroup.SELF_RELIANCE: lambda: pgettext("assessment column", "Self-reliance"),
    SkillGroup.SOCIAL: lambda: pgettext("assessment column", "Social"),
    SkillGroup.VOCATIONAL: lambda: pgettext("assessment column", "Vocational"),
}
_RISE, _FALL = QBrush(QColor("#1e7b34")), QBrush(QColor("#b3261e"))


@dataclass(frozen=True)
class ComparisonRow:
    line: ComparisonLine

    @property
    def is_group(self) -> bool:
        return self.line.area_id is None


class ComparisonModel(RowsModel):
    """Groups in bold with their areas under them; a rise in green, a fall in red."""

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: ComparisonRow = self.row_at(index.row())
        if role == Qt.FontRole and row.is_group:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ForegroundRole and index.column() == 3 and row.line.change:
            return _RISE if row.line.change > 0 else _FALL
        return super().data(index, role)


class AssessmentsModel(RowsModel):
    """Assessment rows; the short headers of the group means explain themselves in a tooltip."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal and 2 <= section <= 4:
            return _("Mean score in the area “{group}”").format(group=label(list(SkillGroup)[section - 2]))
        return super().headerData(section, orientation, role)


class AssessmentsTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.today = date.today()
        self._admitted = False

        self.due = QLabel()
        self.due.setObjectName("assessment-due")
        self.due.setProperty("role", "section-title")
        self.due.setWordWrap(True)
        self.new_button = QPushButton(icon("plus"), _("&Add assessment…"))
        self.new_button.clicked.connect(self.new_assessment)
        self.edit_button = QPushButton(icon("edit"), _("&Edit…"))
        self.edit_button.setToolTip(_("Edit the chosen assessment (Enter)"))
        self.edit_button.clicked.connect(self.edit_assessment)
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.setToolTip(_("Delete an assessment entered by mistake (Delete)"))
        self.delete_button.clicked.connect(self.delete_assessment)
        top = QHBoxLayout()
        top.addWidget(self.due, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)

        self.model = AssessmentsModel([
            Column(_("Date"), lambda row: row.day),
            Column(_("Assessed by"), _assessor_text),
            *(Column(_MEAN_HEADERS[group](), _mean_getter(group), display=_mean_display(group), align_right=True)
              for group in SkillGroup),
            Column(_("Comment"), lambda row: " ".join(row.comment.split())),
        ], self)
        self.table = _table(self.model)
        self.table.setObjectName("assessments-table")
        accessible.name(self.table, _("Assessments"))
        header = self.table.horizontalHeader()
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.resizeSection(1, ASSESSOR_WIDTH)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.table.doubleClicked.connect(self.edit_assessment)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)

        self.comparison_title = QLabel()
        self.comparison_title.setProperty("role", "hint")
        self.comparison_title.setWordWrap(True)
        self.comparison_model = ComparisonModel([
            Column(_("Skill area"), lambda row: row.line.name if row.is_group else "    " + row.line.name),
            Column(_("First"), lambda row: row.line.first, display=lambda row: _score(row.line.first, row.is_group),
                   align_right=True),
            Column(_("Latest"), lambda row: row.line.latest,
                   display=lambda row: _score(row.line.latest, row.is_group), align_right=True),
            Column(_("Change"), lambda row: row.line.change, display=lambda row: _change(row.line.change),
                   align_right=True),
        ], self)
        self.comparison = _table(self.comparison_model)
        self.comparison.setObjectName("comparison-table")
        accessible.name(self.comparison, _("Comparison of assessments"))
        self.comparison.setSelectionMode(QAbstractItemView.NoSelection)
        header = self.comparison.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)

        self.chart = ScoreChart()
        self.show_areas = QCheckBox(_("Show each skill &area"))
        self.show_areas.toggled.connect(self.chart.set_show_areas)
        chart_title = QLabel(_("Scores over time"))
        chart_title.setProperty("role", "section-title")
        chart_head = QHBoxLayout()
        chart_head.addWidget(chart_title)
        chart_head.addStretch(1)
        chart_head.addWidget(self.show_areas)

        self.empty = QLabel()
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        left.addWidget(self.empty)
        title = QLabel(_("First and latest assessment"))
        title.setProperty("role", "section-title")
        left.addWidget(title)
        left.addWidget(self.comparison_title)
        left.addWidget(self.comparison, 4)
        right = QVBoxLayout()
        right.addLayout(chart_head)
        right.addWidget(self.chart, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(8)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        """Enter corrects the chosen assessment, Delete removes it (after asking)."""
        if watched is getattr(self, "table", None) and event.type() == QEvent.KeyPress \
                and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.edit_assessment()
                return True
            if event.key() == Qt.Key_Delete:
                self.delete_assessment()
                return True
        return super().eventFilter(watched, event)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        self.participant_id = participant_id
        self.today = date.today()
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, participant_id, actor=self.context.actor(session))
                state = state_of(person, self.today)
                name, admitted = person.full_name, state.admitted
                exited = person.exit_date if state is ParticipantState.EXITED else None
                rows = assessments.assessments_for(session, participant_id, actor=self.context.actor(session))
                due = assessments.due_for(session, participant_id, actor=self.context.actor(session))
        except (NotFoundError, PermissionDenied) as error:
            self._admitted = False
            self.model.set_rows([])
            self.due.setText(error.message)
            self._update_buttons()
            return
        self._admitted = admitted
        selected = self.selected_row()
        self.model.set_rows(list(reversed(rows)))  # newest first
        self.chart.set_series(assessments.series_of(rows))
        self._show_comparison(assessments.comparison_of(rows))
        self._show_due(name, admitted, exited, due, bool(rows))
        self.empty.setText(_("No assessments yet."))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            target = next((i for i, row in enumerate(self.model.rows()) if selected and row.id == selected.id), 0)
            self.table.setCurrentIndex(self.model.index(target, 0))
            self.table.selectRow(target)
        self._update_buttons()

    def _show_due(self, name: str, admitted: bool, exited: date | None, due: date | None, any_yet: bool) -> None:
        overdue = due is not None and due < self.today
        if not admitted:
            text = _("{name} is on the waiting list; assessments start after the admission.").format(name=name)
        elif exited is not None:
            text = _("{name} left the facility on {date}; no further assessment is due.").format(
                name=name, date=format_date(exited))
        elif overdue:
            text = _("The next assessment is overdue: it was due on {date}.").format(date=format_date(due))
        elif due == self.today:
            text = _("The next assessment is due today.")
        elif any_yet:
            text = _("The next assessment is due on {date}.").format(date=format_date(due))
        else:
            text = _("The first assessment is due on {date}.").format(date=format_date(due))
        self.due.setText(text)
        self.due.setProperty("overdue", overdue)
        self.due.setStyleSheet(f"color: {OVERDUE_COLOR};" if overdue else "")

    def _show_comparison(self, comparison: Comparison) -> None:
        rows = []
        for group_line in comparison.groups:
            rows.append(ComparisonRow(group_line))
            rows += [ComparisonRow(line) for line in comparison.areas if line.group is group_line.group]
        self.comparison_model.set_rows(rows)
        if comparison.first_day is None:
            self.comparison_title.setText(_("The comparison appears after the first assessment."))
        elif comparison.first_day == comparison.latest_day:
            self.comparison_title.setText(_("Only one assessment so far ({date}).").format(
                date=format_date(comparison.first_day)))
        else:
            self.comparison_title.setText(_("First: {first}, latest: {latest}. For the groups, the mean of "
                                            "the areas scored.").format(first=format_date(comparison.first_day),
                                                                        latest=format_date(comparison.latest_day)))
        self.comparison.setVisible(bool(rows))

    def selected_row(self) -> AssessmentRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _may_change(self, row: AssessmentRow | None) -> bool:
        return row is not None and assessments.may_change(self.context.user, row.assessor_kind, row.assessor_id)

    def _update_buttons(self, *_args) -> None:
        self.new_button.setEnabled(self.participant_id is not None and self._admitted)
        may_change = self._may_change(self.selected_row())
        self.edit_button.setEnabled(may_change)
        self.delete_button.setEnabled(may_change)

    # -- changing ----------------------------------------------------------------------------

    def new_assessment(self) -> None:
        """Opens the form for a new assessment (also from the start page's "assessment due" line)."""
        if self.participant_id is None:
            return
        if not saved(save(self, lambda session, actor: skill_areas.ensure_defaults(session))):
            return
        dialog = self.make_dialog(lambda: AssessmentDialog(self.context, self.participant_id, parent=self))
        if dialog is None:
            return
        if not dialog.choosers:
            dialog.deleteLater()
            messages.info(self, _("There is no skill area to score. A director can add them in the settings."))
            return
        self.open_dialog_in_tab(dialog)

    def edit_assessment(self, *_args) -> None:
        row = self.selected_row()
        if row is None:
            return
        if not self._may_change(row):
            messages.info(self, _("Only the instructor who made this assessment, or a director, can change it."))
            return
        self.open_dialog_in_tab(self.make_dialog(
            lambda: AssessmentDialog(self.context, self.participant_id, row, parent=self)))

    def delete_assessment(self) -> None:
        row = self.selected_row()
        if row is None or not self._may_change(row):
            return
        question = _("Delete the assessment of {date} ({assessor})? Use this only for an assessment entered "
                     "by mistake.").format(date=format_date(row.day), assessor=_assessor_text(row))
        if not messages.confirm(self, question, yes=_("Delete")):
            return
        self.change(lambda session, actor: assessments.delete_assessment(session, row.id, row.version, actor=actor))


def _table(model: RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def _assessor_text(row: AssessmentRow) -> str:
    return " · ".join(part for part in (label(row.assessor_kind), row.assessor) if part)


def _mean_getter(group: SkillGroup):
    return lambda row: row.mean(group)


def _mean_display(group: SkillGroup):
    return lambda row: _score(row.mean(group), True)


def _score(value: float | None, as_mean: bool) -> str:
    if value is None:
        return "—"
    return format_number(value, 1) if as_mean else format_number(int(value))


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) < 0.05:
        return format_number(0, 1)
    return ("+" if value > 0 else "−") + format_number(abs(value), 1)
