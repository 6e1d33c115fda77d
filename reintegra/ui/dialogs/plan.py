"""Drawing up or changing an individual plan (IPR / IPZS): its period, next review and texts.

The goal and review dialogs are in ``plan_goal.py`` and ``plan_review.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout
from sqlalchemy.orm import Session

from reintegra.db.enums import PlanKind
from reintegra.db.models import User
from reintegra.i18n import N_, _, format_date
from reintegra.services import participants, plans
from reintegra.services.dates import add_months
from reintegra.services.errors import ValidationError
from reintegra.services.labels import choices, label
from reintegra.services.plans import PlanFields, PlanRow
from reintegra.ui import accessible
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save_in_dialog
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.screen_fit import scroll_body
from reintegra.ui.widgets.form import Form, Typed

IPR_MONTHS = 12
CAPTION_WIDTH = 220

# The texts of a plan with captions that fit its kind (WTZ regulation: forms and scope of
# rehabilitation, methods, cooperation with the family, planned results, people responsible;
# social-employment act: scope and forms of social and vocational reintegration).
_CAPTIONS = {
    PlanKind.IPR: (
        ("forms_and_scope", N_("&Forms and scope of rehabilitation:")),
        ("methods", N_("&Methods:")),
        ("family_cooperation", N_("&Cooperation with the family:")),
        ("planned_results", N_("Planned &results:")),
        ("activities", N_("&Activities and workshops:")),
        ("responsible", N_("People res&ponsible:")),
    ),
    PlanKind.IPZS: (
        ("forms_and_scope", N_("Scope and &forms of social and vocational reintegration:")),
        ("methods", N_("&Methods:")),
        ("planned_results", N_("Planned &results:")),
        ("activities", N_("&Activities and workshops:")),
        ("responsible", N_("People res&ponsible:")),
    ),
}
TEXT_FIELDS = ("forms_and_scope", "methods", "family_cooperation", "planned_results", "activities", "responsible")


def text_captions(kind: PlanKind, values: PlanFields | PlanRow | None = None) -> list[tuple[str, str]]:
    """(field, translated caption with its mnemonic) of the texts a plan of ``kind`` has, in the
    form's order; a text the kind does not ask for still shows when ``values`` has it."""
    own = dict(_CAPTIONS[PlanKind(kind)])
    any_kind = dict(_CAPTIONS[PlanKind.IPR])
    return [(name, _(own.get(name, any_kind[name]))) for name in TEXT_FIELDS
            if name in own or (values is not None and getattr(values, name))]

def plan_period(plan: PlanRow) -> str:
    if plan.end is None:
        return _("since {date}").format(date=format_date(plan.start))
    return _("{first} – {last}").format(first=format_date(plan.start), last=format_date(plan.end))


def plan_title(plan: PlanRow) -> str:
    """The plan's heading, as the report prints it: its kind and period."""
    return _("{kind}, {period}").format(kind=label(plan.kind), period=plan_period(plan))


class PlanDialog(QDialog):
    """A new plan (``row`` None) or changes to ``row``; ``conflict`` is True when another PC changed it first."""

    def __init__(self, context: AppContext, participant_id: int, row: PlanRow | None = None, *,
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.row = row
        self.conflict = False
        self.saved_id: int | None = None
        today = today or date.today()
        with context.read() as session:
            person = participants.get_participant(session, participant_id, actor=context.actor(session))
            name, programme, planned_end = person.full_name, person.programme, person.planned_end_date
            admission, exit_date = person.admission_date, person.exit_date
            earlier = plans.plans_for(session, participant_id, actor=context.actor(session)) if row is None else []
        if row is None:
            self.setWindowTitle(_("New individual plan for {name}").format(name=name))
        else:
            self.setWindowTitle(_("Individual plan of {name}").format(name=name))
        self.setMinimumWidth(640)
        self._planned_end = planned_end
        self._typed: set[str] = set()  # the dates the user typed, which defaults no longer change

        self.form = Form()
        self.kind = self.form.add("kind", _("Programme &type:"), QComboBox())
        for kind, text in choices(PlanKind):
            self.kind.addItem(text, kind)
        self.start = self.form.add("start", _("&Start:"), DateField())
        self.end = self.form.add("end", _("&End:"), DateField())
        self.end.setToolTip(_("Leave empty when the plan has no planned end."))
        self.next_review = self.form.add("next_review_date", _("Next re&view:"), DateField())
        self.next_review.setToolTip(_("When the results are next reviewed with the participant (every 6 months)."))
        self.texts: dict[str, QPlainTextEdit] = {}
        self._captions: dict[str, QLabel] = {}
        for name in TEXT_FIELDS:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
            self.texts[name] = self.form.add(name, "", editor)
            caption = self.form.layout_.labelForField(editor.parentWidget())
            caption.setWordWrap(True)  # the IPZS's "scope and forms of … reintegration" is long
            caption.setFixedWidth(CAPTION_WIDTH)
            self._captions[name] = caption

        self.copied = QLabel(_("The texts are copied from the previous plan; change what is different."))
        self.copied.setProperty("role", "hint")
        self.copied.setWordWrap(True)
        self.copied.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Add plan") if row is None else _("Save"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)

        if row is None:
            self._fill_new(plans.plan_kind_for(programme), earlier, today, admission, exit_date)
        else:
            self._fill(row.fields)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.start.textEdited.connect(lambda: self._dates_changed("start"))
        self.end.textEdited.connect(lambda: self._dates_changed("end"))
        self.next_review.textEdited.connect(lambda: self._typed.add("next_review_date"))
        for field in (self.start, self.end):
            field.picked.connect(lambda field=field: self._dates_changed("start" if field is self.start else "end"))
        self.next_review.picked.connect(lambda: self._typed.add("next_review_date"))
        self._show_captions()
        scroll_body(self)  # the texts scroll on a small screen, Save stays in sight
        self.form.live(self.check)

    # -- filling ------------------------------------------------------------------------------

    def _fill_new(self, kind: PlanKind, earlier: list[PlanRow], today: date, admission: date | None,
                  exit_date: date | None) -> None:
        start = plans.next_plan_start(earlier, today, admission, exit_date)
        self._set_kind(kind)
        self.start.set_date(start)
        self.end.set_date(self._default_end(kind, start))
        self.next_review.set_date(plans.default_next_review(start, self._default_end(kind, start)))
        previous = next((row for row in earlier if row.kind is kind), None)
        if previous is not None:
            for name in TEXT_FIELDS:
                self.texts[name].setPlainText(getattr(previous, name))
            self.copied.setVisible(any(getattr(previous, name) for name in TEXT_FIELDS))

    def _fill(self, values: PlanFields) -> None:
        self._set_kind(values.kind)
        self.start.set_date(values.start)
        self.end.set_date(values.end)
        self.next_review.set_date(values.next_review_date)
        for name in TEXT_FIELDS:
            self.texts[name].setPlainText(getattr(values, name))
        self._typed = {"start", "end", "next_review_date"}  # an existing plan's dates move only when told

    def _set_kind(self, kind: PlanKind | None) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def chosen_kind(self) -> PlanKind:
        return PlanKind(self.kind.currentData())  # Qt hands str-enum data back as plain str

    def _default_end(self, kind: PlanKind, start: date) -> date | None:
        """An IPR is drawn up for a year; an IPZS runs to the planned end of the participation."""
        if kind is PlanKind.IPR:
            return add_months(start, IPR_MONTHS) - timedelta(days=1)
        return self._planned_end if self._planned_end and self._planned_end >= start else None

    def _dates_changed(self, which: str) -> None:
        """A new plan's end and next review follow its start until the user types them."""
        self._typed.add(which)
        try:
            start = self.start.date()
            end = self.end.date()
        except ValidationError:
            return
        if start is None:
            return
        if "end" not in self._typed:
            end = self._default_end(self.chosen_kind(), start)
            self.end.set_date(end)
        if "next_review_date" not in self._typed and (end is None or end >= start):
            self.next_review.set_date(plans.default_next_review(start, end))

    def _kind_changed(self) -> None:
        self._show_captions()
        if self.row is None and "end" not in self._typed:
            self._dates_changed("kind")

    def _show_captions(self) -> None:
        values = PlanFields(**{name: self.texts[name].toPlainText() for name in TEXT_FIELDS})
        shown = dict(text_captions(self.chosen_kind(), values))
        for name in TEXT_FIELDS:
            self._captions[name].setText(shown.get(name, ""))
            accessible.name(self.texts[name], shown.get(name, ""))
            self.form.layout_.setRowVisible(self.texts[name].parentWidget(), name in shown)

    # -- saving -------------------------------------------------------------------------------

    def values(self) -> PlanFields:
        """What the form holds; raises ValidationError for a date that cannot be read."""
        return PlanFields(
            start=self.start.date("start", required=True), end=self.end.date("end"),
            next_review_date=self.next_review.date("next_review_date"), kind=self.chosen_kind(),
            **{name: self.texts[name].toPlainText() for name in TEXT_FIELDS})

    def check(self) -> None:
        """Raises every error of what is typed: dates that are not dates, then the plans service's rules."""
        typed = Typed()
        values = PlanFields(
            start=typed.read(lambda: self.start.date("start", required=True)),
            end=typed.read(lambda: self.end.date("end")),
            next_review_date=typed.read(lambda: self.next_review.date("next_review_date")),
            kind=self.chosen_kind(), **{name: self.texts[name].toPlainText() for name in TEXT_FIELDS})
        with self.context.read() as session:
            typed.rule(plans.check_plan, session, self.participant_id, values,
                       plan_id=self.row.id if self.row is not None else None, actor=self.context.actor(session))
        typed.raise_any()

    def save(self) -> None:
        if self.form.refused(self.check):
            return
        save_in_dialog(self, self.form.show_error, self._write)

    def _write(self, session: Session, actor: User | None) -> None:
        values = self.values()
        if self.row is None:
            plan = plans.create_plan(session, self.participant_id, values, actor=actor)
        else:
            plan = plans.update_plan(session, self.row.id, self.row.version, values, actor=actor)
        self.saved_id = plan.id
