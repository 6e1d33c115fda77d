"""The facility's own data on the settings page: name, type, address, contacts, day length."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from reintegra.db.enums import Programme
from reintegra.db.models import Facility
from reintegra.services.validation import max_length
from reintegra.i18n import _, format_number
from reintegra.services import facility, labels
from reintegra.services.facility import FacilityFields
from reintegra.ui.context import AppContext
from reintegra.ui.saving import save, saved
from reintegra.ui.icons import icon
from reintegra.ui.widgets.form import Form

TEXT_FIELDS = ("name", "address", "postal_code", "city", "phone", "email", "director_name")


class FacilityForm(QWidget):
    """The facility data with its Save button (Ctrl+S); read-only for an instructor."""

    def __init__(self, context: AppContext, *, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.context = context
        self.read_only = read_only
        self._version: int | None = None
        self._loaded: FacilityFields | None = None  # what load() showed: anything else is unsaved input
        self.form = Form()
        self.editors: dict[str, QWidget] = {}
        captions = {
            "name": _("&Name:"), "address": _("&Address:"), "postal_code": _("&Postal code:"),
            "city": _("&City:"), "phone": _("P&hone:"), "email": _("&E-mail:"), "director_name": _("&Director:"),
        }
        for field in TEXT_FIELDS:
            editor = QLineEdit()
            editor.setMaxLength(max_length(Facility, field))
            self.editors[field] = editor
        self.kind = QComboBox()
        for programme, text in labels.choices(Programme):
            self.kind.addItem(text, programme)
        self.editors["name"].setPlaceholderText(_("e.g. Warsztat Terapii Zajęciowej „Źródło”"))
        self.editors["postal_code"].setPlaceholderText("00-000")
        self.editors["postal_code"].setMaximumWidth(self.fontMetrics().horizontalAdvance("00-000000") + 24)
        self.form.add("name", captions["name"], self.editors["name"])
        self.form.add("kind", _("&Type:"), self.kind)
        for field in ("address", "postal_code", "city", "phone", "email", "director_name"):
            self.form.add(field, captions[field], self.editors[field])
        self.day_length = QLineEdit()
        self.day_length.setMaximumWidth(self.fontMetrics().horizontalAdvance("00,00") + 40)
        self.day_length.setToolTip(_("How many hours a participant's working day lasts, e.g. 7 or 6,5."))
        self.form.add("day_length_hours", _("&Working day (hours):"), self.day_length)
        self.retention = QSpinBox()
        self.retention.setRange(1, 50)
        self.retention.setToolTip(_("How many years after a participant leaves their data is kept."))
        self.form.add("retention_years", _("Data &retention (years):"), self.retention)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(*facility.IDLE_LOCK_MINUTES)
        self.idle_lock.setSuffix(_(" min"))
        self.idle_lock.setToolTip(_("After this many minutes without a key or a click the window locks and asks "
                                    "for the password again."))
        self.form.add("idle_lock_minutes", _("&Lock after idle:"), self.idle_lock)
        self.grace_days = QSpinBox()
        self.grace_days.setRange(*facility.ACCESS_GRACE_DAYS)
        self.grace_days.setToolTip(_("For how many days after a placement ends its instructor can still open the "
                                     "participant's records to finish notes and assessments."))
        self.form.add("access_grace_days", _("Instructor's &access after a placement (days):"), self.grace_days)

        self.form.live(lambda: facility.check_facility(self.values()))
        self.save_button = QPushButton(icon("save"), _("Save"))
        self.save_button.setShortcut(QKeySequence.Save)
        self.save_button.setToolTip(_("Save the facility data (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.saved_note = QLabel()
        self.saved_note.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        if read_only:
            note = QLabel(_("Only a director can change the facility data."))
            note.setProperty("role", "hint")
            note.setWordWrap(True)
            layout.addWidget(note)
            self.save_button.hide()
            for editor in self.editors.values():
                editor.setReadOnly(True)
            self.day_length.setReadOnly(True)
            for spin in (self.retention, self.idle_lock, self.grace_days):
                spin.setReadOnly(True)
            self.kind.setEnabled(False)
        layout.addLayout(buttons)
        for editor in (*self.editors.values(), self.day_length):
            editor.textEdited.connect(self.saved_note.clear)

    def load(self) -> None:
        with self.context.read() as session:
            record = facility.get_facility(session)
            for field, editor in self.editors.items():
                editor.setText(getattr(record, field) or "")
                editor.setCursorPosition(0)
            self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind)))
            self.day_length.setText(format_number(record.day_length_hours))
            self.retention.setValue(record.retention_years)
            self.idle_lock.setValue(record.idle_lock_minutes)
            self.grace_days.setValue(record.access_grace_days)
            self._version = record.version
        self.form.clear_errors()
        self._loaded = self.values()

    def values(self) -> FacilityFields:
        texts = {field: editor.text() for field, editor in self.editors.items()}
        return FacilityFields(kind=self.kind.currentData(), day_length_hours=self.day_length.text().strip(),
                              retention_years=self.retention.value(), idle_lock_minutes=self.idle_lock.value(),
                              access_grace_days=self.grace_days.value(), **texts)

    def save(self) -> bool:
        if self.read_only:
            return False
        self.form.clear_errors()
        self.saved_note.clear()
        values, version = self.values(), self._version
        record = save(self, lambda session, actor: facility.update_facility(
            session, values, expected_version=version, actor=actor), show_error=self.form.show_error, reload=self.load)
        if not saved(record):
            return False
        self._version = record.version
        self.load()
        self.saved_note.setText(_("Saved."))
        self.context.events.facility_changed.emit()
        return True

    # -- input not saved yet (ui/unsaved.py: asked before signing out) -----------------------

    def has_unsaved_input(self) -> bool:
        return not self.read_only and self._loaded is not None and self.values() != self._loaded

    def save_input(self) -> bool:
        return self.save()

    def discard_input(self) -> None:
        self.load()

    def input_name(self) -> str:
        return _("The facility data")

    def logo_saved(self, version_after: int) -> None:
        """The logo was stored: the record's version moved on by exactly that change."""
        if self._version is not None and version_after == self._version + 1:
            self._version = version_after
