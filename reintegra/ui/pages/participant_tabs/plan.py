"""The participant's individual plan tab (IPR / IPZS): the plans over time, the chosen plan's
text, its goals and its reviews."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import GoalStatus, Programme, ReviewKind, Role
from reintegra.i18n import _, format_date
from reintegra.services import participants, plans
from reintegra.services.errors import ReintegraError
from reintegra.services.participants import ParticipantState, state_of
from reintegra.services.labels import label
from reintegra.services.plans import GoalRow, PlanRow, ReviewRow
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.flow_layout import flow_row, stack_when_narrow
from reintegra.ui.dialogs.plan import PlanDialog, plan_title
from reintegra.ui.dialogs.plan_goal import GoalDialog
from reintegra.ui.dialogs.plan_review import ReviewDialog
from reintegra.ui.icons import icon
from reintegra.ui.pages.participant_tabs import plan_print
from reintegra.ui.pages.participant_tabs.base import ParticipantTab
from reintegra.ui.pages.participant_tabs.plan_parts import (
    GoalsModel,
    PlansModel,
    PlanText,
    ReviewsModel,
    chosen_row,
    fit_plans_table,
    fit_wrapped_column,
    header_row,
    make_table,
    on_keys,
    select_row,
    status_menu,
)

SPLIT_UNIT = 100
DECISION_WIDTH = 200  # the council's decision wraps beyond this; the conclusion takes the rest


class PlanTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.today = date.today()
        self._name = ""
        self._admitted = False
        self._programme: Programme | None = None
        self._exited = False
        self._rows: list[PlanRow] = []
        self._chosen_id: int | None = None  # the plan, goal and review chosen, kept over reloads
        self._goal_id: int | None = None
        self._review_id: int | None = None
        self._may_edit = context.can(Role.DIRECTOR)

        self.status = QLabel()
        self.status.setObjectName("plan-status")
        self.status.setWordWrap(True)
        self.new_button = QPushButton(icon("plus"), _("&Add plan…"))
        self.new_button.clicked.connect(self.new_plan)
        self.edit_button = QPushButton(icon("edit"), _("&Edit plan…"))
        self.edit_button.clicked.connect(self.edit_plan)
        self.delete_button = QPushButton(_("Delete plan…"))
        self.delete_button.setToolTip(_("Delete a plan entered by mistake, with its goals and reviews."))
        self.delete_button.clicked.connect(self.delete_plan)
        self.print_button = QPushButton(_("Print plan…"))
        self.print_button.setToolTip(_("Print the chosen plan with lines for the signatures."))
        self.print_button.clicked.connect(self.print_plan)
        self.save_pdf_button = QPushButton(_("Save plan as PDF…"))
        self.save_pdf_button.setToolTip(_("Save the chosen plan as a PDF to sign."))
        self.save_pdf_button.clicked.connect(self.save_plan_pdf)
        self.read_only = QLabel(_("Only a director draws up and changes the plans; you can read them."))
        self.read_only.setProperty("role", "hint")
        self.read_only.setVisible(not self._may_edit)

        self.plans_model = PlansModel(self)
        self.plans_table = make_table(self.plans_model, 0)
        self.plans_table.setObjectName("plans-table")
        accessible.name(self.plans_table, _("Individual plans"))
        self.plans_table.selectionModel().currentRowChanged.connect(self._show_chosen)
        on_keys(self.plans_table, open_row=self.edit_plan, remove_row=self.delete_plan)
        self.text = PlanText()
        accessible.name(self.text, _("The chosen plan"))
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.plans_table)
        left_column.addWidget(self.text, 1)

        self.goals_model = GoalsModel(self)
        self.goals_table = make_table(self.goals_model, 1, wrap=True)
        self.goals_table.setObjectName("goals-table")
        accessible.name(self.goals_table, _("Goals"))
        on_keys(self.goals_table, open_row=self.edit_goal, remove_row=self.remove_goal)
        self.goals_table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.goals_table.customContextMenuRequested.connect(self._goal_menu)
        self.add_goal_button = QPushButton(icon("plus"), _("Add &goal…"))
        self.add_goal_button.clicked.connect(self.add_goal)
        self.edit_goal_button = QPushButton(_("Edit goal…"))
        self.edit_goal_button.clicked.connect(self.edit_goal)
        self.remove_goal_button = QPushButton(_("Delete goal"))
        self.remove_goal_button.clicked.connect(self.remove_goal)
        self.status_button = QToolButton()
        self.status_button.setText(_("Goal status"))
        self.status_button.setToolTip(_("Mark the chosen goal as planned, in progress, achieved or dropped."))
        self.status_button.setPopupMode(QToolButton.InstantPopup)
        self.status_menu = status_menu(self, self.set_goal_status)
        self.status_button.setMenu(self.status_menu)

        self.reviews_model = ReviewsModel(self)
        self.reviews_table = make_table(self.reviews_model, 2, wrap=True)
        self.reviews_table.setObjectName("reviews-table")
        accessible.name(self.reviews_table, _("Reviews"))
        on_keys(self.reviews_table, open_row=self.edit_review, remove_row=self.delete_review)
        self.review_button = QPushButton(icon("plus"), _("Add re&view…"))
        self.review_button.clicked.connect(self.record_review_of_chosen)
        self.edit_review_button = QPushButton(_("Edit review…"))
        self.edit_review_button.clicked.connect(self.edit_review)
        self.delete_review_button = QPushButton(_("Delete review"))
        self.delete_review_button.clicked.connect(self.delete_review)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addLayout(header_row(_("Goals"), self.add_goal_button, self.edit_goal_button,
                                       self.remove_goal_button, self.status_button))
        right_column.addWidget(self.goals_table, 1)
        right_column.addLayout(header_row(_("Reviews"), self.review_button, self.edit_review_button,
                                       self.delete_review_button))
        right_column.addWidget(self.reviews_table, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(12)  # the panes' gap, side by side or stacked: no margins to misalign
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([2 * SPLIT_UNIT, 3 * SPLIT_UNIT])  # proportions: kept as the tab is resized
        stack_when_narrow(self.splitter)  # the plans above the goals on a small screen

        self.empty = QLabel()
        self.empty.setObjectName("plan-empty")
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(flow_row(self.new_button, self.edit_button, self.delete_button, self.print_button,
                               self.save_pdf_button))
        top.addSpacing(8)
        top.addWidget(self.status, 1)
        top.addWidget(self.empty, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_only)
        layout.addWidget(self.splitter, 1)
        layout.addStretch(0)
        self.goals_table.selectionModel().currentRowChanged.connect(self._goal_chosen)
        self.reviews_table.selectionModel().currentRowChanged.connect(self._review_chosen)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        if participant_id != self.participant_id:
            self._chosen_id = self._goal_id = self._review_id = None
        self.participant_id = participant_id
        self.today = date.today()
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, participant_id, actor=self.context.actor(session))
                self._name, self._programme = person.full_name, person.programme
                state = state_of(person, self.today)
                self._admitted = state.admitted
                self._exited = state is ParticipantState.EXITED
                self._rows = plans.plans_for(session, participant_id, actor=self.context.actor(session))
        except ReintegraError as error:
            self._rows, self._admitted, self._name = [], False, ""
            self.plans_model.set_rows([])
            self.splitter.hide()
            self.status.hide()
            self.empty.setText(error.message)
            self.empty.show()
            self._update_buttons()
            return
        current = self._current()
        self.plans_model.today = self.today
        self.plans_model.current_id = current.id if current else None
        self.plans_model.set_rows(self._rows)
        fit_plans_table(self.plans_table)
        self._show_status(current)
        self.splitter.setVisible(bool(self._rows))
        self.status.setVisible(bool(self._rows))
        self.empty.setVisible(not self._rows)
        if not self._admitted:
            self.empty.setText(_("{name} is on the waiting list; an individual plan is drawn up after the "
                                 "admission.").format(name=self._name))
        else:
            self.empty.setText(_("{name} has no individual plan yet. Draw one up with “New plan”: its period, "
                                 "what is to be done, the goals and the reviews.").format(name=self._name))
        select_row(self.plans_table, self._chosen_id or (current.id if current else None))
        self._show_chosen()

    def _current(self) -> PlanRow | None:
        """The plan covering today; none for someone who has left."""
        return None if self._exited else plans.current_plan(self._rows, self.today)

    def _show_status(self, current: PlanRow | None) -> None:
        if not self._rows:
            self.status.setText("")
        elif self._exited:
            self.status.setText(_("{name} has left the facility; the plans below are the history.").format(
                name=self._name))
        elif current is None:
            self.status.setText(_("No plan covers today; the plans below are the history."))
        else:
            self.status.setText(_("Current plan: {title}.").format(title=plan_title(current)))

    def _goal_chosen(self, *_args) -> None:
        goal = self.chosen_goal()
        self._goal_id = goal.id if goal else None
        self._update_buttons()

    def _review_chosen(self, *_args) -> None:
        review = self.chosen_review()
        self._review_id = review.id if review else None
        self._update_buttons()

    def _show_chosen(self, *_args) -> None:
        plan = self.chosen_plan()
        self._chosen_id = plan.id if plan else None
        goal_id, review_id = self._goal_id, self._review_id
        self.goals_model.set_rows(plan.goals if plan else [])
        self.reviews_model.set_rows(plan.reviews if plan else [])
        fit_wrapped_column(self.reviews_table, ReviewsModel.DECISION_COLUMN, DECISION_WIDTH)
        select_row(self.goals_table, goal_id)
        select_row(self.reviews_table, review_id)
        if plan is not None:
            wtz = self._programme is Programme.WTZ and not self._exited
            self.text.show_plan(plan, self.today, plans.council_review_due(self._rows) if wtz else None,
                                plans.last_council_review(self._rows) if wtz else None)
        self._update_buttons()

    def chosen_plan(self) -> PlanRow | None:
        index = self.plans_table.currentIndex()
        return self.plans_model.row_at(index.row()) if index.isValid() and self.plans_model.rowCount() else None

    def chosen_goal(self) -> GoalRow | None:
        return chosen_row(self.goals_table)

    def chosen_review(self) -> ReviewRow | None:
        return chosen_row(self.reviews_table)

    def _update_buttons(self, *_args) -> None:
        may = self._may_edit and self._admitted
        plan, goal, review = self.chosen_plan(), self.chosen_goal(), self.chosen_review()
        self.new_button.setVisible(may)
        for button in (self.edit_button, self.delete_button, self.add_goal_button, self.edit_goal_button,
                       self.remove_goal_button, self.status_button, self.review_button,
                       self.edit_review_button, self.delete_review_button):
            button.setVisible(may and plan is not None)
        for button in (self.print_button, self.save_pdf_button):  # whoever reads the plan may print it
            button.setVisible(plan is not None)
        for button in (self.edit_goal_button, self.remove_goal_button, self.status_button):
            button.setEnabled(goal is not None)
        for button in (self.edit_review_button, self.delete_review_button):
            button.setEnabled(review is not None)

    # -- plans -------------------------------------------------------------------------------

    def print_plan(self) -> None:
        plan = self.chosen_plan()
        if plan is not None:
            plan_print.print_plan(self, self.context, plan)

    def save_plan_pdf(self) -> None:
        plan = self.chosen_plan()
        if plan is not None:
            plan_print.save_plan(self, self.context, plan, self._name)

    def _run(self, make) -> None:
        """Opens the dialog ``make()`` builds; reloads after a save, or after another PC's change."""
        if not self._may_edit or self.participant_id is None:
            return
        self.open_dialog_in_tab(self.make_dialog(make), on_saved=self._choose_saved)

    def _choose_saved(self, dialog) -> None:
        saved_id = getattr(dialog, "saved_id", None)
        if saved_id is not None:
            self._chosen_id = saved_id

    def new_plan(self) -> None:
        if self._admitted:
            self._run(lambda: PlanDialog(self.context, self.participant_id, parent=self))

    def edit_plan(self) -> None:
        plan = self.chosen_plan()
        if plan is not None:
            self._run(lambda: PlanDialog(self.context, self.participant_id, plan, parent=self))

    def delete_plan(self) -> None:
        plan = self.chosen_plan()
        if plan is None or not self._may_edit:
            return
        question = _("Delete the plan {title} ({name}) with its goals and reviews? Use this only for a plan "
                     "entered by mistake.").format(title=plan_title(plan), name=self._name)
        if messages.confirm(self, question, yes=_("Delete")):
            self.change(lambda session, actor: plans.delete_plan(session, plan.id, plan.version, actor=actor))

    # -- goals -------------------------------------------------------------------------------

    def add_goal(self) -> None:
        plan = self.chosen_plan()
        if plan is not None:
            self._run(lambda: GoalDialog(self.context, plan, parent=self))

    def edit_goal(self) -> None:
        plan, goal = self.chosen_plan(), self.chosen_goal()
        if plan is not None and goal is not None:
            self._run(lambda: GoalDialog(self.context, plan, goal, parent=self))

    def remove_goal(self) -> None:
        goal = self.chosen_goal()
        if goal is None or not self._may_edit:
            return
        question = _("Delete the goal “{goal}” from the plan?").format(goal=goal.description)
        if messages.confirm(self, question, yes=_("Delete")):
            self.change(lambda session, actor: plans.remove_goal(session, goal.id, goal.version, actor=actor))

    def set_goal_status(self, status: GoalStatus) -> None:
        goal = self.chosen_goal()
        if goal is not None and self._may_edit and goal.status is not status:
            self.change(lambda session, actor: plans.set_goal_status(session, goal.id, goal.version, status,
                                                                       actor=actor))

    def _goal_menu(self, position: QPoint) -> None:
        index = self.goals_table.indexAt(position)
        if not index.isValid() or not self._may_edit:
            return
        self.goals_table.selectRow(index.row())
        self.status_menu.exec(self.goals_table.viewport().mapToGlobal(position))

    # -- reviews -----------------------------------------------------------------------------

    def record_review(self, kind: ReviewKind | None = None) -> None:
        """Opens the review dialog for the current plan (the start page's "review due" line)."""
        current = self._current()
        if current is None:
            messages.info(self, _("{name} has no plan covering today to review.").format(name=self._name))
            return
        select_row(self.plans_table, current.id)
        self._run(lambda: ReviewDialog(self.context, current, kind=kind, parent=self))

    def record_review_of_chosen(self) -> None:
        plan = self.chosen_plan()
        if plan is not None:
            self._run(lambda: ReviewDialog(self.context, plan, parent=self))

    def edit_review(self) -> None:
        plan, review = self.chosen_plan(), self.chosen_review()
        if plan is not None and review is not None:
            self._run(lambda: ReviewDialog(self.context, plan, review, parent=self))

    def delete_review(self) -> None:
        review = self.chosen_review()
        if review is None or not self._may_edit:
            return
        question = _("Delete the review of {date} ({kind})? Use this only for a review recorded by "
                     "mistake.").format(date=format_date(review.day), kind=label(review.kind))
        if messages.confirm(self, question, yes=_("Delete")):
            self.change(lambda session, actor: plans.delete_review(session, review.id, review.version, actor=actor))
