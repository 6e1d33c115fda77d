"""The participant's personal data as one form: used by the admit dialog and the personal-data tab."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import DisabilityDegree, EligibilityGroup, Programme, Referral, Sex
from reintegra.db.models import Participant
from reintegra.i18n import _
from reintegra.services import labels
from reintegra.services.errors import ValidationError, every_error
from reintegra.services.participants import ParticipantFields
from reintegra.services.validation import Checks, clean_pesel, max_length, pesel_birth_date, pesel_sex
from reintegra.ui import messages
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.form import Form, LiveCheck

TEXT_FIELDS = ("first_name", "last_name", "referral_institution", "address", "postal_code", "city", "phone",
               "email", "guardian_name", "guardian_phone", "emergency_name", "emergency_phone")
DATE_FIELDS = ("birth_date", "application_date", "admission_date", "planned_end_date", "consent_date",
               "certificate_valid_until")
# A disability certificate matters in a WTZ and a ZAZ; eligibility groups in a CIS and a KIS.
CERTIFICATE_PROGRAMMES = (Programme.WTZ, Programme.ZAZ)
ELIGIBILITY_PROGRAMMES = (Programme.CIS, Programme.KIS)
_CAUSE_SEPARATORS = re.compile(r"[,;\s]+")


class ParticipantForm(QWidget):
    """Every field a person enters about a participant, in sections; ``edited`` on any change.

    ``show_error`` puts a service's ValidationError beside its field, whichever section holds it.
    """

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self._auto_birth = ""
        self._auto_sex: Sex | None = None
        self.sections: dict[str, Form] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.editors: dict[str, QWidget] = {}

        person = self._section("person", _("Person"))
        self._line(person, "first_name", _("&First name:"))
        self._line(person, "last_name", _("&Surname:"))
        pesel = self._line(person, "pesel", _("&PESEL:"))
        pesel.setMaxLength(11)
        pesel.setPlaceholderText(_("11 digits; leave empty when the person has none"))
        pesel.textChanged.connect(self._pesel_typed)
        self._date(person, "birth_date", _("&Birth date:"))
        self.editors["birth_date"].setToolTip(_("Filled in from the PESEL."))
        self._combo(person, "sex", _("Se&x:"), [(None, _("Not stated"))] + labels.choices(Sex))

        participation = self._section("participation", _("Participation"))
        self._combo(participation, "programme", _("P&rogramme:"), labels.choices(Programme))
        self.editors["programme"].currentIndexChanged.connect(self._programme_chosen)
        self._combo(participation, "referral", _("R&eferred by:"),
                    [(None, _("Not stated"))] + labels.choices(Referral))
        self._line(participation, "referral_institution", _("Referring &institution:")).setPlaceholderText(
            _("e.g. MOPS Kraków"))
        self._date(participation, "application_date", _("App&lication date:"))
        self._date(participation, "admission_date", _("&Admission date:"))
        self._date(participation, "planned_end_date", _("Pla&nned end:"))

        consent = self._section("consent", _("Consent"))
        self.editors["consent_given"] = consent.add(
            "consent_given", "", QCheckBox(_("Consent to the processing of personal data given")))
        self.editors["consent_given"].toggled.connect(self._consent_toggled)
        self._date(consent, "consent_date", _("Consent &date:"))

        contact = self._section("contact", _("Address and contact"))
        self._line(contact, "address", _("Address:")).setPlaceholderText(_("Street, house and flat number"))
        postal = self._line(contact, "postal_code", _("Postal &code:"))
        postal.setPlaceholderText("00-000")
        postal.setMaximumWidth(self.fontMetrics().horizontalAdvance("00-000000") + 24)
        self._line(contact, "city", _("&Town:"))
        self._line(contact, "phone", _("P&hone:"))
        self._line(contact, "email", _("E-&mail:"))

        family = self._section("family", _("Guardian and emergency contact"))
        self._line(family, "guardian_name", _("&Guardian:")).setPlaceholderText(
            _("Legal guardian or carer (optional)"))
        self._line(family, "guardian_phone", _("Guardian's phone:"))
        self._line(family, "emergency_name", _("Emergency contact:")).setPlaceholderText(
            _("Whom to call when something happens"))
        self._line(family, "emergency_phone", _("Emergency phone:"))

        certificate = self._section("certificate", _("Disability certificate"))
        self._combo(certificate, "disability_degree", _("Degree:"),
                    [(None, _("Not stated"))] + labels.choices(DisabilityDegree))
        causes = self._line(certificate, "disability_causes", _("Cause symbols:"))
        causes.setPlaceholderText(_("e.g. 01-U, 02-P"))
        causes.setToolTip(_("Up to three symbols as on the certificate:\n"
                            "01-U intellectual disability · 02-P mental illness\n"
                            "03-L voice, speech and hearing disorders · 04-O eye diseases\n"
                            "05-R motor impairment · 06-E epilepsy\n"
                            "07-S respiratory and circulatory diseases · 08-T digestive diseases\n"
                            "09-M genitourinary diseases · 10-N neurological diseases\n"
                            "11-I other · 12-C pervasive developmental disorders"))
        self._date(certificate, "certificate_valid_until", _("Valid until:"))
        permanent = certificate.add("certificate_permanent", "", QCheckBox(_("Issued permanently")))
        permanent.toggled.connect(self._permanent_toggled)
        self.editors["certificate_permanent"] = permanent
        self._combo(certificate, "therapy_indication", _("Indication for therapy:"),
                    [(None, _("Not stated")), (True, _("Yes")), (False, _("No"))])
        self.editors["therapy_indication"].setToolTip(
            _("Whether the certificate indicates taking part in occupational therapy."))

        eligibility = self._section("eligibility", _("Eligibility for social employment"))
        self.groups: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for number, (group, text) in enumerate(labels.choices(EligibilityGroup)):
            box = QCheckBox(text)
            box.toggled.connect(self._changed)
            self.groups[group.value] = box
            grid.addWidget(box, number // 2, number % 2)
        holder = QWidget()
        holder.setLayout(grid)
        self.editors["eligibility_groups"] = eligibility.add("eligibility_groups", "", holder)

        # No caption and no message: the notes take the box's whole width and are never refused.
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        text.setPlaceholderText(_("Anything else worth knowing (optional)."))
        text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        text.textChanged.connect(self._changed)
        self.editors["notes"] = text
        self.boxes["notes"] = QGroupBox(_("Remarks"))
        QVBoxLayout(self.boxes["notes"]).addWidget(text)

        left = QVBoxLayout()
        right = QVBoxLayout()
        for column, names in ((left, ("person", "participation", "consent")),
                              (right, ("contact", "family", "certificate", "eligibility"))):
            column.setSpacing(10)
            for name in names:
                column.addWidget(self.boxes[name])
            column.addStretch(1)
            _align_captions([self.sections[name] for name in names])
        columns = QBoxLayout(QBoxLayout.LeftToRight)
        columns.setSpacing(12)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._columns, self._left, self._right = columns, left, right
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.boxes["notes"])
        layout.addStretch(1)
        self._programme_chosen()

    # -- two columns, or one when narrow ---------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        """As narrow as one column: on a small screen the sections stack (resizeEvent) instead of
        widening the window."""
        hint = super().minimumSizeHint()
        margins = self.layout().contentsMargins()
        one_column = max(self._left.minimumSize().width(), self._right.minimumSize().width(),
                         self.boxes["notes"].minimumSizeHint().width())
        return QSize(one_column + margins.left() + margins.right(), hint.height())

    def resizeEvent(self, event) -> None:
        side_by_side = (self._left.sizeHint().width() + self._right.sizeHint().width() + self._columns.spacing()
                        <= event.size().width())
        direction = QBoxLayout.LeftToRight if side_by_side else QBoxLayout.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
        super().resizeEvent(event)

    # -- building ----------------------------------------------------------------------------

    def _section(self, name: str, title: str) -> Form:
        form = Form()
        form.layout_.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(title)
        box.setObjectName(f"section-{name}")
        column = QVBoxLayout(box)
        column.addWidget(form)
        self.sections[name] = form
        self.boxes[name] = box
        return form

    def _line(self, section: Form, field: str, caption: str) -> QLineEdit:
        editor = QLineEdit()
        if max_length(Participant, field):
            editor.setMaxLength(max_length(Participant, field))
        editor.textChanged.connect(self._changed)
        self.editors[field] = section.add(field, caption, editor)
        return editor

    def _date(self, section: Form, field: str, caption: str) -> DateField:
        editor = DateField()
        editor.textChanged.connect(self._changed)
        # A short field keeps its calendar button beside the date, not at the far end of the row.
        editor.setMaximumWidth(editor.minimumWidth() + 24)
        self.editors[field] = section.add(field, caption, editor)
        return editor

    def _combo(self, section: Form, field: str, caption: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._changed)
        self.editors[field] = section.add(field, caption, combo)
        return combo

    def add_row(self, section: str, field: str, caption: str, editor: QWidget) -> QWidget:
        """A field of the caller's own (e.g. the first workshop), shown and validated with the rest,
        and reached by Tab right after the section's last field (not after the whole form)."""
        last = self.editors[self.sections[section].fields()[-1]]
        self.sections[section].add(field, caption, editor)
        QWidget.setTabOrder(last, editor)
        self.editors[field] = editor
        _align_captions([self.sections[name] for name in ("person", "participation", "consent")])
        return editor

    # -- values ------------------------------------------------------------------------------

    def set_values(self, values: ParticipantFields) -> None:
        self._filling = True
        try:
            for field in TEXT_FIELDS:
                self.editors[field].setText(getattr(values, field) or "")
                self.editors[field].setCursorPosition(0)
            self.editors["pesel"].setText(values.pesel or "")
            for field in DATE_FIELDS:
                self.editors[field].set_date(getattr(values, field))
            for field in ("sex", "programme", "referral", "disability_degree", "therapy_indication"):
                _choose(self.editors[field], getattr(values, field))
            self.editors["disability_causes"].setText(", ".join(values.disability_causes))
            self.editors["consent_given"].setChecked(values.consent_given)
            self.editors["certificate_permanent"].setChecked(values.certificate_permanent)
            for group, box in self.groups.items():
                box.setChecked(group in values.eligibility_groups)
            self.editors["notes"].setPlainText(values.notes or "")
            birth_from_pesel, self._auto_sex = _from_pesel(values)
            self._auto_birth = self.editors["birth_date"].text() if birth_from_pesel else ""
        finally:
            self._filling = False
        self._programme_chosen()
        self._permanent_toggled(values.certificate_permanent)
        self.clear_errors()

    def read(self) -> tuple[ParticipantFields, list[ValidationError]]:
        """What the form holds, a date that is not one read as empty, and the errors of those dates."""
        dates, errors = {}, []
        for field in DATE_FIELDS:
            try:
                dates[field] = self.editors[field].date(field)
            except ValidationError as error:
                dates[field] = None
                errors.append(error)
        if self.editors["certificate_permanent"].isChecked():
            dates["certificate_valid_until"] = None
            errors = [error for error in errors if error.field != "certificate_valid_until"]
        causes = [c for c in _CAUSE_SEPARATORS.split(self.editors["disability_causes"].text()) if c]
        return ParticipantFields(
            **{field: self.editors[field].text() for field in TEXT_FIELDS},
            pesel=self.editors["pesel"].text().strip() or None,
            sex=_enum(Sex, self.editors["sex"].currentData()),
            programme=_enum(Programme, self.editors["programme"].currentData()),
            referral=_enum(Referral, self.editors["referral"].currentData()),
            disability_degree=_enum(DisabilityDegree, self.editors["disability_degree"].currentData()),
            therapy_indication=self.editors["therapy_indication"].currentData(),
            disability_causes=causes,
            consent_given=self.editors["consent_given"].isChecked(),
            certificate_permanent=self.editors["certificate_permanent"].isChecked(),
            eligibility_groups=[group for group, box in self.groups.items() if box.isChecked()],
            notes=self.editors["notes"].toPlainText(),
            **dates,
        ), errors

    def values(self) -> ParticipantFields:
        """What the form holds; raises ValidationError(s) (with their fields) for dates that are not dates."""
        values, errors = self.read()
        _raise_all(errors)
        return values

    def check(self, rule: Callable[[ParticipantFields], object]) -> ParticipantFields:
        """The values when all is right; else raises every error at once: the dates that are not
        dates, and what ``rule`` (the service's check, writing nothing) refuses of the rest."""
        values, errors = self.read()
        try:
            rule(values)
        except ValidationError as error:
            typed_wrong = {one.field for one in errors}
            errors += [one for one in every_error(error) if one.field not in typed_wrong]
        _raise_all(errors)
        return values

    def live(self, rule: Callable[[ParticipantFields], object]) -> LiveCheck:
        """Messages cleared (or updated) as soon as their fields are right: see ``Form.live``."""
        return LiveCheck(list(self.sections.values()), lambda: self.check(rule), self)

    def state(self) -> dict[str, Any]:
        """What is shown, field by field, as typed (to tell whether something was changed)."""
        state: dict[str, Any] = {}
        for field, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                state[field] = editor.text()
            elif isinstance(editor, QComboBox):
                state[field] = editor.currentIndex()
            elif isinstance(editor, QCheckBox):
                state[field] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                state[field] = editor.toPlainText()
        state["eligibility_groups"] = tuple(box.isChecked() for box in self.groups.values())
        return state

    def set_state(self, state: dict[str, Any]) -> None:
        self._filling = True
        try:
            for field, value in state.items():
                editor = self.editors.get(field)
                if field == "eligibility_groups":
                    for box, checked in zip(self.groups.values(), value):
                        box.setChecked(checked)
                elif isinstance(editor, QLineEdit):
                    editor.setText(value)
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(value)
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(value)
                elif isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(value)
        finally:
            self._filling = False
        self._programme_chosen()
        self._permanent_toggled(self.editors["certificate_permanent"].isChecked())

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(read_only)
                for action in editor.actions():  # the date fields' calendar buttons
                    action.setVisible(not read_only)
            elif isinstance(editor, QComboBox | QCheckBox):
                editor.setEnabled(not read_only)
        for box in self.groups.values():
            box.setEnabled(not read_only)

    # -- messages ----------------------------------------------------------------------------

    def show_error(self, error: ValidationError) -> bool:
        """Shows every message of ``error`` beside its field, whichever section holds it, and focuses
        the first; False when none is a field of this form (messages of other fields go to a box)."""
        errors = every_error(error)
        elsewhere = self.show_errors(errors)
        if len(elsewhere) == len(errors):
            return False
        if elsewhere:
            messages.error(self, " ".join(one.message for one in elsewhere))
        return True

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Each error beside its field; the first wrong field (sections in reading order) focused;
        returns the errors that have no field here."""
        rest = list(errors)
        for name, section in self.sections.items():
            rest = section.show_errors(rest, focus=False)
            if section.showing_errors():
                self.boxes[name].show()
        for section in self.sections.values():
            if section.focus_first_error():
                break
        return rest

    def error_text(self, field: str) -> str:
        name = self._section_of(field)
        if name is None:
            raise KeyError(field)
        return self.sections[name].error_text(field)

    def _section_of(self, field: str) -> str | None:
        for name, section in self.sections.items():
            try:
                section.editor(field)
            except KeyError:
                continue
            return name
        return None

    def clear_errors(self) -> None:
        for section in self.sections.values():
            section.clear_errors()

    # -- reactions ---------------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        if not self._filling:
            self.edited.emit()

    def _pesel_typed(self, text: str) -> None:
        """A valid PESEL fills in the birth date and sex it encodes (the service would take them from
        it anyway). A PESEL removed, or no longer valid, takes back what it filled in: a birth date or
        sex still as the PESEL set them is cleared, one the user changed by hand since stays."""
        if self._filling:
            return
        try:
            pesel = clean_pesel("pesel", text)
        except ValidationError:
            pesel = None
        birth, sex = self.editors["birth_date"], self.editors["sex"]
        if pesel is not None:
            birth.set_date(pesel_birth_date(pesel))
            self._auto_birth = birth.text()
            self._auto_sex = pesel_sex(pesel)
            _choose(sex, self._auto_sex)
            return
        if self._auto_birth and birth.text().strip() == self._auto_birth:
            birth.set_date(None)
        if self._auto_sex is not None and sex.currentData() == self._auto_sex:
            _choose(sex, None)
        self._auto_birth, self._auto_sex = "", None

    def _programme_chosen(self, *_args) -> None:
        programme = _enum(Programme, self.editors["programme"].currentData())
        has_certificate = bool(self.editors["disability_degree"].currentData() or
                               self.editors["disability_causes"].text().strip())
        self.boxes["certificate"].setVisible(programme in CERTIFICATE_PROGRAMMES or has_certificate)
        has_groups = any(box.isChecked() for box in self.groups.values())
        self.boxes["eligibility"].setVisible(programme in ELIGIBILITY_PROGRAMMES or has_groups)

    def _consent_toggled(self, checked: bool) -> None:
        consent_date = self.editors["consent_date"]
        if checked and not self._filling and not consent_date.text().strip():
            consent_date.set_date(date.today())

    def _permanent_toggled(self, checked: bool) -> None:
        self.editors["certificate_valid_until"].setEnabled(not checked)


def _from_pesel(values: ParticipantFields) -> tuple[bool, Sex | None]:
    """Whether the saved birth date, and which saved sex, the PESEL gave: those follow a corrected PESEL."""
    try:
        pesel = clean_pesel("pesel", values.pesel)
    except ValidationError:
        return False, None
    if pesel is None:
        return False, None
    return values.birth_date == pesel_birth_date(pesel), values.sex if values.sex == pesel_sex(pesel) else None


def _raise_all(errors: list[ValidationError]) -> None:
    checks = Checks()
    checks.errors = errors
    checks.raise_any()


def _enum(kind, value):
    """Qt hands str-enum item data back as plain strings."""
    return kind(value) if value is not None else None


def _choose(combo: QComboBox, value: Any) -> None:
    for index in range(combo.count()):
        data = combo.itemData(index)
        if data == value and (data is None) == (value is None):
            combo.setCurrentIndex(index)
            return
    combo.setCurrentIndex(0)


def _align_captions(forms: list[Form]) -> None:
    """The captions of sections stacked in one column start their editors at one line."""
    captions = [form.layout_.itemAt(row, QFormLayout.LabelRole) for form in forms
                for row in range(form.layout_.rowCount())]
    captions = [item.widget() for item in captions
                if item is not None and isinstance(item.widget(), QLabel) and item.widget().text()]
    width = max((caption.sizeHint().width() for caption in captions), default=0)
    for caption in captions:
        caption.setMinimumWidth(width)
