"""Recording a review of an individual plan (with the participant, or the programme council's
comprehensive review), or correcting one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout
from sqlalchemy.orm import Session

from reintegra.db.enums import ReviewKind
from reintegra.db.models import User
from reintegra.i18n import _, format_date
from reintegra.services import plans
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.labels import choices
from reintegra.services.plans import PlanRow, ReviewRow
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.dialogs.plan import plan_title
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class ReviewDialog(QDialog):
    """A new review of ``plan`` (``review`` None) or corrections to ``review``; ``conflict`` is True
    when another PC changed it first."""

    def __init__(self, context: AppContext, plan: PlanRow, review: ReviewRow | None = None, *,
                 kind: ReviewKind | None = None, today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.plan = plan
        self.review = review
        self.today = today or date.today()
        self.conflict = False
        self.setWindowTitle(_("Review of the plan") if review is None else _("Edit review"))
        self.setMinimumWidth(560)
        about = QLabel(plan_title(plan))
        about.setProperty("role", "hint")
        about.setWordWrap(True)

        self.form = Form()
        self.day = self.form.add("day", _("&Date:"), DateField())
        self.kind = self.form.add("kind", _("&Kind:"), QComboBox())
        for member, text in choices(ReviewKind):
            self.kind.addItem(text, member)
        self.conclusion = self.form.add("conclusion", _("&Conclusion:"), QPlainTextEdit())
        self.conclusion.setPlaceholderText(_("How far have the goals been reached? What is to change?"))
        self.decision = self.form.add("decision", _("D&ecision:"), QPlainTextEdit())
        self.decision.setPlaceholderText(_("The programme council's decision, e.g. to continue the programme"))
        for editor, lines in ((self.conclusion, 4), (self.decision, 2)):
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.next_review = self.form.add("next_review_date", _("&Next review:"), DateField())
        self.next_hint = QLabel()
        self.next_hint.setProperty("role", "hint")
        self.next_hint.setWordWrap(True)

        if review is None:
            self.day.set_date(max(plan.start, min(self.today, plan.end or self.today)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind or ReviewKind.PERIODIC)))
            self.day.textChanged.connect(self._show_next_hint)
            self._show_next_hint()
        else:
            self.day.set_date(review.day)
            self.kind.setCurrentIndex(max(0, self.kind.findData(review.kind)))
            self.conclusion.setPlainText(review.conclusion)
            self.decision.setPlainText(review.decision)
            self.form.layout_.setRowVisible(self.next_review.parentWidget(), False)
            self.next_hint.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Record review") if review is None else _("Save"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.form)
        layout.addWidget(self.next_hint)
        layout.addWidget(buttons)
        self.conclusion.setFocus()
        self.form.live(self.check)

    def chosen_kind(self) -> ReviewKind:
        return ReviewKind(self.kind.currentData())  # Qt hands str-enum data back as plain str

    def _show_next_hint(self) -> None:
        """Says what an empty "next review" means for the day typed."""
        try:
            day = self.day.date()
        except ValidationError:
            day = None
        if day is None:
            self.next_hint.setText(_("Left empty, the next review is planned 6 months after this one."))
            return
        following = add_months(day, plans.REVIEW_INTERVAL_MONTHS)
        if self.plan.end is not None and following > self.plan.end:
            self.next_hint.setText(_("Left empty, no further review is planned, as the plan ends before {date} "
                                     "(6 months later).").format(date=format_date(following)))
        else:
            self.next_hint.setText(_("Left empty, the next review is planned for {date}.").format(
                date=format_date(following)))

    def check(self) -> None:
        """Raises every error of what is typed: dates that are not dates, then the plans service's rules."""
        typed = Typed()
        day = typed.read(lambda: self.day.date("day", required=True))
        next_review = typed.read(lambda: self.next_review.date("next_review_date")) if self.review is None else None
        with self.context.read() as session:
            typed.rule(plans.check_review, session, self.plan.id, day, self.conclusion.toPlainText(),
                       self.decision.toPlainText(), next_review, new=self.review is None,
                       actor=self.context.actor(session), today=self.today)
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        save_in_dialog(self, self.form.show_error, self._write)

    def _write(self, session: Session, actor: User | None) -> None:
        day = self.day.date("day", required=True)
        if self.review is None:
            plans.add_review(session, self.plan.id, day, self.chosen_kind(), self.conclusion.toPlainText(),
                             self.decision.toPlainText(), self.next_review.date("next_review_date"),
                             actor=actor, today=self.today)
        else:
            plans.edit_review(session, self.review.id, self.review.version, day, self.chosen_kind(),
                              self.conclusion.toPlainText(), self.decision.toPlainText(), actor=actor,
                              today=self.today)
