"""Adding a goal to an individual plan, or changing one: area, description, target date, status."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout
from sqlalchemy.orm import Session

from reintegra.db.enums import GoalStatus, SkillGroup
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services import plans
from reintegra.services.labels import choices
from reintegra.services.plans import GoalFields, GoalRow, PlanRow
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.dialogs.plan import plan_title
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class GoalDialog(QDialog):
    """A new goal of ``plan`` (``goal`` None) or changes to ``goal``; ``conflict`` is True when
    another PC changed the goal first."""

    def __init__(self, context: AppContext, plan: PlanRow, goal: GoalRow | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.plan = plan
        self.goal = goal
        self.conflict = False
        self.setWindowTitle(_("New goal") if goal is None else _("Goal"))
        self.setMinimumWidth(520)
        about = QLabel(plan_title(plan))
        about.setProperty("role", "hint")
        about.setWordWrap(True)

        self.form = Form()
        self.area = self.form.add("area", _("&Area:"), QComboBox())
        for area, text in choices(SkillGroup):
            self.area.addItem(text, area)
        self.description = self.form.add("description", _("&Goal:"), QPlainTextEdit())
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What should the participant be able to do?"))
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.target_date = self.form.add("target_date", _("&Target date:"), DateField())
        self.target_date.setToolTip(_("Within the plan's period; may be left empty."))
        self.status = self.form.add("status", _("&Status:"), QComboBox())
        for status, text in choices(GoalStatus):
            self.status.addItem(text, status)

        if goal is None:
            self.target_date.set_date(plan.end)
        else:
            self.area.setCurrentIndex(max(0, self.area.findData(goal.area)))
            self.description.setPlainText(goal.description)
            self.target_date.set_date(goal.target_date)
            self.status.setCurrentIndex(max(0, self.status.findData(goal.status)))

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Add goal") if goal is None else _("Save"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.description.setFocus()
        self.form.live(self.check)

    def values(self) -> GoalFields:
        # Qt hands str-enum item data back as plain strings.
        return GoalFields(SkillGroup(self.area.currentData()), self.description.toPlainText(),
                          self.target_date.date("target_date"), GoalStatus(self.status.currentData()))

    def check(self) -> None:
        """Raises every error of what is typed: a date that is not one, then the plans service's rules."""
        typed = Typed()
        target = typed.read(lambda: self.target_date.date("target_date"))
        values = GoalFields(SkillGroup(self.area.currentData()), self.description.toPlainText(), target,
                            GoalStatus(self.status.currentData()))
        with self.context.read() as session:
            typed.rule(plans.check_goal, session, self.plan.id, values, actor=self.context.actor(session))
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        save_in_dialog(self, self.form.show_error, self._write)

    def _write(self, session: Session, actor: User | None) -> None:
        values = self.values()
        if self.goal is None:
            plans.add_goal(session, self.plan.id, values, actor=actor)
        else:
            plans.update_goal(session, self.goal.id, self.goal.version, values, actor=actor)
