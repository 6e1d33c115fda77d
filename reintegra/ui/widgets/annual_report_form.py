"""The annual report on the Reports page: the year, and the sections the director types in or edits
(``services/annual_sections.py``: the forms and methods of work prefilled, finances, income …), one at
a time, kept with the year. A changed text is saved when another section or year is chosen, when
"Save the text" is pressed, and before the report is previewed or saved — so what is printed is
what was typed. The facility's programme decides the report's form.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
)

from reintegra.db.enums import Programme, Role
from reintegra.i18n import _
from reintegra.reports import outputs
from reintegra.reports.annual import ANNUAL_FORMATS, annual_pdf, save_annual
from reintegra.services import annual_sections, facility
from reintegra.services.annual_report import FIRST_YEAR
from reintegra.services.annual_sections import SavedSection
from reintegra.ui import accessible, saving
from reintegra.ui.widgets.form import ERROR_STYLE
from reintegra.ui.widgets.report_forms import ReportForm

_HINT_STYLE = "color: #5f6b73;"
_TEXT_LINES = 6  # the editor's height: room for a paragraph, and the preview still fits on 1024×768


class AnnualForm(ReportForm):
    key = "annual"
    formats = ANNUAL_FORMATS
    minimum_role = Role.DIRECTOR

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        now = today()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, now.year)
        self.year.setGroupSeparatorShown(False)
        self.year.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Filed by 1 March (a WTZ) or 31 March (a CIS, a KIS) for the year before.
        self.year.setValue(max(FIRST_YEAR, now.year - 1))
        self.section = QComboBox()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * _TEXT_LINES + 12)
        self.keep_button = QPushButton(_("Save the &text"))
        self.keep_button.setToolTip(_("Save this section's text with the year's report"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        keeping = QHBoxLayout()
        keeping.setContentsMargins(0, 0, 0, 0)
        keeping.addWidget(self.keep_button)
        keeping.addWidget(self.state, 1)

        self.layout_.addRow(_("&Year:"), self.year)
        self.layout_.addRow(_("&Section:"), self.section)
        self.layout_.addRow("", self.hint)
        self.layout_.addRow(_("Te&xt:"), self.text)
        self.layout_.addRow("", keeping)

        self.programme: Programme | None = None
        self._shown: dict[str, SavedSection] = {}
        self._showing: str | None = None  # the section whose text the editor holds
        self._year_shown = self.year.value()
        self.year.valueChanged.connect(self._year_changed)
        self.section.currentIndexChanged.connect(self._section_changed)
        self.keep_button.clicked.connect(self.keep_text)

    @property
    def title(self) -> str:
        return _("Annual report")

    # -- the sections -----------------------------------------------------------------------------

    def reload(self) -> None:
        with self.context.read() as session:
            self.programme = facility.get_facility(session).kind
        infos = annual_sections.SECTIONS.get(self.programme, ())
        chosen = self._showing
        self.section.blockSignals(True)
        self.section.clear()
        for info in infos:
            self.section.addItem(_(info.title), info.key)
        index = self.section.findData(chosen)
        self.section.setCurrentIndex(index if index >= 0 else 0)
        self.section.blockSignals(False)
        for widget in (self.section, self.text, self.keep_button):
            widget.setEnabled(bool(infos))
        if not infos:
            self._shown, self._showing = {}, None
            self.text.clear()
            self.hint.setText(_("A {programme} has no annual report.").format(programme=self.programme.value))
            return
        self._load()

    def _load(self) -> None:
        """The year's sections as saved (or prefilled), and the chosen one in the editor."""
        with self.context.read() as session:
            self._shown = annual_sections.saved_sections(session, self.year.value(), self.programme,
                                                         actor=self.context.actor(session))
        self._year_shown = self.year.value()
        self._show(self.section.currentData())

    def _show(self, key: str | None) -> None:
        self._showing = key
        info = next((info for info in annual_sections.SECTIONS[self.programme] if info.key == key), None)
        self.hint.setText(_(info.hint) if info else "")
        self.text.setPlainText(self._shown[key].text if key in self._shown else "")
        accessible.name(self.text, _(info.title) if info else _("Text"))
        self._say("")

    def changed(self) -> bool:
        """Whether the editor holds a text other than the one kept (or prefilled)."""
        if self._showing is None or self._showing not in self._shown:
            return False
        return self.text.toPlainText().strip() != self._shown[self._showing].text.strip()

    def keep_text(self) -> bool:
        """Saves the editor's text when changed; False when it was refused (the text stays to correct)."""
        if not self.changed():
            return True
        key, year, text = self._showing, self._year_shown, self.text.toPlainText()
        version = self._shown[key].version

        def work(session, actor):
            return annual_sections.save_section(session, year, self.programme, key, text, version=version,
                                                actor=actor).version

        saved = saving.save(self, work, reload=self._load, say=lambda message: self._say(message, error=True))
        if saved is saving.NOT_SAVED:
            return False
        self._shown[key] = SavedSection(key, text.strip(), saved)
        self._say(_("The text is saved with the report of {year}.").format(year=year))
        return True

    def _section_changed(self, index: int) -> None:
        if index < 0:
            return
        if not self.keep_text():  # stay on the section whose text was refused
            self.section.blockSignals(True)
            self.section.setCurrentIndex(self.section.findData(self._showing))
            self.section.blockSignals(False)
            return
        self._show(self.section.currentData())

    def _year_changed(self, year: int) -> None:
        if year == self._year_shown or self.programme is None:
            return
        if not self.keep_text():
            self.year.blockSignals(True)
            self.year.setValue(self._year_shown)
            self.year.blockSignals(False)
            return
        self._load()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(ERROR_STYLE if error else _HINT_STYLE)

    # -- the report -------------------------------------------------------------------------------

    def before_making(self) -> bool:
        return self.keep_text()

    def pdf(self, session):
        return annual_pdf(session, self.year.value(), programme=self.programme, actor=self.context.actor(session))

    def save(self, session, path):
        return save_annual(session, self.year.value(), path, programme=self.programme,
                           actor=self.context.actor(session))

    def suggested_name(self) -> str:
        return outputs.file_name_part(_("annual report {year}").format(year=self.year.value())) + ".pdf"
