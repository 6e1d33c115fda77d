"""Adding or editing a rule set of the CIS benefit: from which date, the amount, the deductions, the limits.

Each deduction is a fraction of the amount per day, as in the rule file; beside it the dialog says what
it is in zł, so that 0,05 of 1 711,20 zł reads as 85,56 zł a day.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _, format_number
from reintegra.services import benefit_rules
from reintegra.services.benefit_rules import FRACTIONS, LIMITS, RuleRow
from reintegra.services.errors import ValidationError
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.screen_fit import scroll_body
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed

NUMBER_WIDTH = 12  # characters a number field is wide enough for


def _captions() -> dict[str, str]:
    """The form's labels, with their keys (built when asked: in the language chosen then)."""
    return {
        "valid_from": _("&Valid from:"),
        "amount": _("Monthly &benefit (zł):"),
        "unexcused_day_deduction": _("Deduction per &unexcused day:"),
        "unexcused_days_forfeit": _("No benefit above this many unexcused days in a &month:"),
        "sick_day_deduction": _("Deduction per &sick-leave day:"),
        "excused_day_deduction": _("Deduction per e&xcused day:"),
        "sick_days_limit": _("Sick-leave days paid over the s&tay:"),
        "sick_over_limit_deduction": _("Deduction per sick-leave day &over the limit:"),
        "free_days_limit": _("Days o&ff paid over the stay:"),
        "description": _("&Description:"),
    }


class BenefitRuleDialog(QDialog):
    """A new rule set when ``rule`` is None, otherwise a change of that one."""

    def __init__(self, context: AppContext, rule: RuleRow | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.rule = rule
        self.conflict = False
        self.saved_id: int | None = None
        self.setWindowTitle(_("New benefit rule set") if rule is None else _("Edit benefit rule set"))
        self.setMinimumWidth(620)
        captions = _captions()
        self.form = Form()
        self.valid_from = self.form.add("valid_from", captions["valid_from"], DateField())
        self.valid_from.setMaximumWidth(self.valid_from.minimumWidth() + 20)
        self.valid_from.setToolTip(_("The set in force on a month's first day applies to the whole month."))
        self.editors: dict[str, QLineEdit] = {}
        self.per_day: dict[str, QLabel] = {}
        self.editors["amount"] = self._number("amount", captions["amount"], _("e.g. 1711.20"))
        for field in ("unexcused_day_deduction", "unexcused_days_forfeit", "sick_day_deduction",
                      "excused_day_deduction", "sick_days_limit", "sick_over_limit_deduction", "free_days_limit"):
            if field in FRACTIONS:
                self.editors[field] = self._number(field, captions[field], _("e.g. 0.05"), per_day=True)
            else:
                self.editors[field] = self._number(field, captions[field], _("empty: no limit"))
        self.editors["description"] = self.form.add("description", captions["description"], QLineEdit())
        self.editors["description"].setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 18))
        self.editors["description"].setMaxLength(benefit_rules.MAX_DESCRIPTION_LENGTH)
        self.editors["description"].setPlaceholderText(_("e.g. from June, after the unemployment benefit rose"))
        hint = QLabel(_("Deductions are fractions of the monthly benefit per day (0.05 is 5%). Limits are days "
                        "over the whole stay; leave a limit empty when there is none."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._fill()
        self.editors["amount"].textChanged.connect(self._show_per_day)
        self._show_per_day()
        scroll_body(self)  # the form scrolls on a small screen, Save stays in sight
        self.form.live(self.check)
        self.valid_from.setFocus()

    def _number(self, field: str, caption: str, placeholder: str, *, per_day: bool = False) -> QLineEdit:
        editor = QLineEdit()
        editor.setPlaceholderText(placeholder)
        editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0" * NUMBER_WIDTH) + 16)
        if not per_day:
            return self.form.add(field, caption, editor)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor)
        shown = QLabel()
        shown.setObjectName(f"per-day-{field}")
        shown.setProperty("role", "hint")
        row.addWidget(shown, 1)
        holder.setFocusProxy(editor)
        self.form.add(field, caption, holder)
        self.per_day[field] = shown
        editor.textChanged.connect(self._show_per_day)
        return editor

    def _fill(self) -> None:
        if self.rule is None:
            return
        fields = self.rule.fields
        self.valid_from.set_date(fields.valid_from)
        self.editors["amount"].setText(format_number(fields.amount, 2).replace("\u00a0", " "))
        for field in FRACTIONS:
            self.editors[field].setText(benefit_rules.fraction_text(getattr(fields, field)))
        for field in LIMITS:
            value = getattr(fields, field)
            self.editors[field].setText("" if value is None else str(value))
        self.editors["description"].setText(fields.description)

    def texts(self) -> dict[str, str]:
        return {"valid_from": self.valid_from.text(), **{field: editor.text() for field, editor in self.editors.items()}}

    def _show_per_day(self, *_args) -> None:
        """Each deduction in zł a day, from the amount typed (nothing while either cannot be read)."""
        amount = _number_or_none(self.editors["amount"].text())
        for field, label in self.per_day.items():
            fraction = _number_or_none(self.editors[field].text(), percent=True)
            if amount is None or fraction is None or not 0 <= fraction <= 1 or amount <= 0:
                label.clear()
                continue
            label.setText(_("= {amount} zł a day").format(amount=format_number(
                (amount * fraction).quantize(Decimal("0.01")), 2)))

    def check(self) -> None:
        """What saving would refuse, every field at once (the service's rules, writing nothing)."""
        with self.context.read() as session:
            self._refusals(session)

    def _refusals(self, session: Session) -> benefit_rules.RuleFields:
        """The rule set typed, or every refusal at once: the values that cannot be read, and the date's clash
        with another set even then."""
        typed = Typed()
        fields = typed.read(lambda: benefit_rules.read_fields(self.texts()))
        if fields is not None:
            typed.rule(benefit_rules.check_rule, session, fields, rule_id=self.rule_id())
        else:
            try:
                valid_from = self.valid_from.date("valid_from")
            except ValidationError:  # already refused by read_fields
                valid_from = None
            if valid_from is not None:
                typed.rule(benefit_rules.check_valid_from, session, valid_from, rule_id=self.rule_id())
        typed.raise_any()
        return fields

    def rule_id(self) -> int | None:
        return self.rule.id if self.rule is not None else None

    def save(self) -> None:
        self.form.clear_errors()
        save_in_dialog(self, self.form.show_error, self._write)

    def _write(self, session: Session, actor: User | None) -> None:
        fields = self._refusals(session)
        saved = benefit_rules.save_rule(session, fields, rule_id=self.rule_id(),
                                        version=self.rule.version if self.rule else None, actor=actor)
        self.saved_id = saved.id


def _number_or_none(text: str, *, percent: bool = False) -> Decimal | None:
    try:
        return benefit_rules.read_number(text, percent=percent)
    except ValidationError:
        return None
