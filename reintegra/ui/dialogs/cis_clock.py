"""The CIS clock's two dialogs: the trial month (its end and the decision) and "Extend…" (a new end
of the participation, the date of the decision and its reason). Rules: services/cis_clock.py."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from reintegra.db.enums import TrialDecision
from reintegra.db.models import Participant
from reintegra.i18n import _, format_date
from reintegra.services import cis_clock, participants
from reintegra.services.labels import choices
from reintegra.services.validation import max_length
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, Typed


class _ClockDialog(QDialog):
    """Reads the stay once; ``conflict`` is True after closing when another computer saved first."""

    def __init__(self, context: AppContext, participant_id: int, today: date | None, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.today = today or date.today()
        self.conflict = False
        with context.read() as session:
            stay = participants.get_participant(session, participant_id, actor=context.actor(session))
            self.version = stay.version
            self.name, self.admission = stay.full_name, stay.admission_date
            self.trial_end, self.decision = stay.trial_end_date, stay.trial_decision
            self.decision_date, self.planned_end = stay.trial_decision_date, stay.planned_end_date
        self.setMinimumWidth(520)
        self.form = Form()
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, about: str) -> None:
        hint = QLabel(about)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    def _save(self, work) -> None:
        if self.form.refused(self.check):  # every error at once, dates typed badly among them
            return
        save_in_dialog(self, self.form.show_error, work())

    def check(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError


class TrialMonthDialog(_ClockDialog):
    """The trial month's end and the decision taken at its end."""

    def __init__(self, context: AppContext, participant_id: int, *, today: date | None = None, parent=None):
        super().__init__(context, participant_id, today, parent)
        self.setWindowTitle(_("Trial month of {name}").format(name=self.name))
        self.end = self.form.add("trial_end_date", _("Trial month &ends:"), DateField(
            self.trial_end or cis_clock.default_trial_end(self.admission)))
        self.choice = self.form.add("trial_decision", _("&Decision:"), QComboBox())
        self.choice.addItem(_("Not recorded yet"), None)
        for decision, text in choices(TrialDecision):
            self.choice.addItem(text, decision)
        self.choice.setCurrentIndex(max(0, self.choice.findData(self.decision)))
        self.decided_on = self.form.add("trial_decision_date", _("Decided &on:"), DateField(self.decision_date))
        self.choice.currentIndexChanged.connect(self._chosen)
        self._lay_out(_("Admitted on {date}. At the end of the trial month record whether the participation "
                        "goes on.").format(date=format_date(self.admission)))
        (self.choice if self.trial_end else self.end).setFocus()
        self.form.live(self.check)

    def check(self) -> None:
        """Raises every error of what is typed: dates that are not dates, then the clock's rules."""
        typed = Typed()
        trial_end = typed.read(lambda: self.end.date("trial_end_date"))
        decided_on = typed.read(lambda: self.decided_on.date("trial_decision_date"))
        with self.context.read() as session:
            typed.rule(cis_clock.check_trial, session, self.participant_id, trial_end=trial_end,
                       decision=self.chosen_decision(), decided_on=decided_on, actor=self.context.actor(session),
                       today=self.today)
        typed.raise_any()

    def _chosen(self, *_args) -> None:
        if self.choice.currentData() and not self.decided_on.text().strip():
            self.decided_on.set_date(self.today)

    def chosen_decision(self) -> TrialDecision | None:
        data = self.choice.currentData()
        return TrialDecision(data) if data else None  # Qt hands str-enum data back as plain str

    def save(self) -> None:
        def work():
            trial_end = self.end.date("trial_end_date")
            decided_on = self.decided_on.date("trial_decision_date")
            decision = self.chosen_decision()
            return lambda session, actor: cis_clock.record_trial(
                session, self.participant_id, self.version, trial_end=trial_end, decision=decision,
                decided_on=decided_on, actor=actor, today=self.today)
        self._save(work)


class ExtendDialog(_ClockDialog):
    """A new end of the participation (at most 24 months in total), when it was decided and why."""

    def __init__(self, context: AppContext, participant_id: int, *, today: date | None = None, parent=None):
        super().__init__(context, participant_id, today, parent)
        self.setWindowTitle(_("Extend the participation of {name}").format(name=self.name))
        current = self.planned_end or cis_clock.default_planned_end(self.admission)
        latest = cis_clock.latest_end(self.admission)
        self.new_end = self.form.add("new_end", _("&New end:"), DateField())
        self.new_end.setToolTip(_("At the latest {date} (24 months in total).").format(date=format_date(latest)))
        self.decided_on = self.form.add("decided_on", _("Decided &on:"), DateField(self.today))
        self.reason = self.form.add("reason", _("&Reason:"), QLineEdit())
        self.reason.setMaxLength(max_length(Participant, "extension_reason"))
        self.reason.setPlaceholderText(_("e.g. the individual programme needs more time"))
        self._lay_out(_("Admitted on {admitted}; the participation now ends on {end}. It can be extended to "
                        "{latest} at the latest: 24 months in total.").format(
            admitted=format_date(self.admission), end=format_date(current), latest=format_date(latest)))
        self.new_end.setFocus()
        self.form.live(self.check)

    def check(self) -> None:
        """Raises every error of what is typed: dates that are not dates, then the clock's rules."""
        typed = Typed()
        new_end = typed.read(lambda: self.new_end.date("new_end"))
        decided_on = typed.read(lambda: self.decided_on.date("decided_on"))
        with self.context.read() as session:
            typed.rule(cis_clock.check_extension, session, self.participant_id, new_end=new_end,
                       decided_on=decided_on, reason=self.reason.text(), actor=self.context.actor(session),
                       today=self.today)
        typed.raise_any()

    def save(self) -> None:
        def work():
            new_end = self.new_end.date("new_end")
            decided_on = self.decided_on.date("decided_on")
            reason = self.reason.text()
            return lambda session, actor: cis_clock.extend(
                session, self.participant_id, self.version, new_end=new_end, decided_on=decided_on,
                reason=reason, actor=actor, today=self.today)
        self._save(work)
