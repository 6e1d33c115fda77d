"""What each report asks before it is made: a person, a workshop, a month, a period.

Every form reads its fields (a bad one raises ``ValidationError`` with one sentence), makes the
PDF for the preview and saves the report in the formats it comes in, through
``reintegra.reports.outputs`` like the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QRadioButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from reintegra.db.enums import Role
from reintegra.i18n import _, format_month
from reintegra.reports import outputs
from reintegra.services import attendance, participants
from reintegra.services.errors import ValidationError
from reintegra.services.participants import Filter
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.month_field import MonthField, previous_month

EARLY_IN_MONTH = 10  # until this day a monthly report defaults to the month just ended


def default_month(today: date) -> tuple[int, int]:
    return previous_month(today) if today.day <= EARLY_IN_MONTH else (today.year, today.month)


class ReportForm(QWidget):
    key = ""
    formats: tuple[str, ...] = (".pdf",)
    minimum_role = Role.DIRECTOR
    # What the page shows of the report instead of the PDF preview (the PDF is still made to print it);
    # ``show_view`` reads it again.
    view: QWidget | None = None

    def show_view(self) -> None:
        """Reads the view again for what the form says now (forms with a ``view``)."""

    def __init__(self, context: AppContext, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

    @property
    def title(self) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Fills the lists (people, workshops) again; what was chosen stays chosen."""

    def before_making(self) -> bool:
        """Keeps what the form edits before its report is made (the annual report's typed-in texts);
        False when that was refused and the report should not be made."""
        return True

    def pdf(self, session: Session) -> bytes:
        raise NotImplementedError

    def save(self, session: Session, path: Path) -> Path:
        raise NotImplementedError

    def suggested_name(self) -> str:
        raise NotImplementedError


def _workshop_combo(context: AppContext, combo: QComboBox, *, everyone: str | None = None) -> None:
    chosen = combo.currentData()
    with context.read() as session:
        choices = [(w.id, w.name) for w in attendance.workshops_for(session, context.actor(session))]
    combo.clear()
    if everyone:
        combo.addItem(everyone, None)
    for workshop_id, name in choices:
        combo.addItem(name, workshop_id)
    index = combo.findData(chosen)
    combo.setCurrentIndex(index if index >= 0 else 0)


def _period(start_field: DateField, end_field: DateField, *, required: bool) -> tuple[date | None, date | None]:
    start = start_field.date("start", required=required)
    end = end_field.date("end", required=required)
    if start and end and end < start:
        raise ValidationError("end", _("The period ends before it starts."))
    return start, end


class ParticipantForm(ReportForm):
    key = "participant"

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumContentsLength(20)
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.lineEdit().setPlaceholderText(_("Type a name or PESEL"))
        completer = self.person.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.notes_from, self.notes_to = DateField(), DateField()
        self.notes_from.setToolTip(_("Empty: from the first note"))
        self.notes_to.setToolTip(_("Empty: up to the last note"))
        self.layout_.addRow(_("&Participant:"), self.person)
        self.layout_.addRow(_("Progress notes &from:"), self.notes_from)
        self.layout_.addRow(_("Progress notes &to:"), self.notes_to)

    minimum_role = Role.INSTRUCTOR  # the chooser lists only the people the user reaches

    @property
    def title(self) -> str:
        return _("Participant reintegration report")

    def reload(self) -> None:
        chosen = self.person.currentData()
        with self.context.read() as session:
            rows = participants.search(session, status=Filter.ALL, on=self.today(),
                                       actor=self.context.actor(session))
        self.person.clear()
        for row in rows:
            if row.is_applicant:
                continue
            label = f"{row.last_name} {row.first_name}" + (f" ({row.pesel})" if row.pesel else "")
            self.person.addItem(label, row.id)
        index = self.person.findData(chosen)
        self.person.setCurrentIndex(index)
        if index < 0:
            self.person.setEditText("")

    def choose(self, participant_id: int) -> None:
        self.person.setCurrentIndex(self.person.findData(participant_id))

    def participant_id(self) -> int:
        index = self.person.findText(self.person.currentText(), Qt.MatchFlag.MatchExactly)
        if index < 0:
            raise ValidationError("participant", _("Choose a participant from the list."))
        return self.person.itemData(index)

    def pdf(self, session):
        from reintegra.reports.participant import participant_report

        notes_from, notes_to = _period(self.notes_from, self.notes_to, required=False)
        return participant_report(session, self.participant_id(), notes_from=notes_from, notes_to=notes_to,
                                  actor=self.context.actor(session))

    def save(self, session, path):
        notes_from, notes_to = _period(self.notes_from, self.notes_to, required=False)
        return outputs.save_participant(session, self.participant_id(), path, notes_from=notes_from,
                                        notes_to=notes_to, actor=self.context.actor(session))

    def suggested_name(self) -> str:
        name = self.person.currentText().split(" (")[0]
        return outputs.file_name_part(_("report {name}").format(name=name)) + ".pdf"


class AttendanceForm(ReportForm):
    key = "attendance"
    formats = outputs.ATTENDANCE_FORMATS
    minimum_role = Role.INSTRUCTOR

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        self.workshop = QComboBox()
        self.month = MonthField(*default_month(today()))
        self.layout_.addRow(_("&Workshop:"), self.workshop)
        self.layout_.addRow(_("&Month:"), self.month)

    @property
    def title(self) -> str:
        return _("Monthly attendance sheet")

    def reload(self) -> None:
        _workshop_combo(self.context, self.workshop)

    def workshop_id(self) -> int:
        if self.workshop.currentData() is None:
            raise ValidationError("workshop", _("There is no workshop to choose."))
        return self.workshop.currentData()

    def pdf(self, session):
        from reintegra.reports.attendance_sheet import attendance_sheet

        return attendance_sheet(session, self.workshop_id(), *self.month.value(), actor=self.context.actor(session))

    def save(self, session, path):
        return outputs.save_attendance(session, self.workshop_id(), *self.month.value(), path,
                                       actor=self.context.actor(session))

    def suggested_name(self) -> str:
        return outputs.file_name_part(_("attendance {workshop} {month}").format(
            workshop=self.workshop.currentText(), month=format_month(*self.month.value()))) + ".pdf"


class DayLogForm(AttendanceForm):
    """The workshop day log of a month (dziennik zajęć): the same choice as the attendance sheet."""

    key = "day_log"
    formats = outputs.DAY_LOG_FORMATS

    @property
    def title(self) -> str:
        return _("Workshop day log")

    def pdf(self, session):
        from reintegra.reports.day_log import day_log_report

        return day_log_report(session, self.workshop_id(), *self.month.value(), actor=self.context.actor(session))

    def save(self, session, path):
        return outputs.save_day_log(session, self.workshop_id(), *self.month.value(), path,
                                    actor=self.context.actor(session))

    def suggested_name(self) -> str:
        return outputs.file_name_part(_("day log {workshop} {month}").format(
            workshop=self.workshop.currentText(), month=format_month(*self.month.value()))) + ".pdf"


class SummaryForm(ReportForm):
    key = "summary"
    formats = outputs.SUMMARY_FORMATS

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        now = today()
        self.start, self.end = DateField(date(now.year, 1, 1)), DateField(now)
        self.layout_.addRow(_("&From:"), self.start)
        self.layout_.addRow(_("&To:"), self.end)

    @property
    def title(self) -> str:
        return _("Facility summary")

    def period(self) -> tuple[date, date]:
        return _period(self.start, self.end, required=True)

    def pdf(self, session):
        from reintegra.reports.summary import summary_report

        return summary_report(session, *self.period(), actor=self.context.actor(session))

    def save(self, session, path):
        return outputs.save_summary(session, *self.period(), path, actor=self.context.actor(session))

    def suggested_name(self) -> str:
        start, end = self.start.text(), self.end.text()
        return outputs.file_name_part(_("summary {start} {end}").format(start=start, end=end)) + ".pdf"


class BenefitForm(ReportForm):
    """The CIS benefit list of a month: on screen with its amounts and the premia typed in place
    (widgets/benefit_month.py), saved as PDF, XLSX or CSV, and the month's refund request."""

    key = "benefit"
    formats = outputs.BENEFIT_FORMATS

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        from reintegra.ui.widgets.benefit_month import BenefitMonthView

        self.month = MonthField(*default_month(today()))
        self.workshop = QComboBox()
        self.layout_.addRow(_("&Month:"), self.month)
        self.layout_.addRow(_("&Workshop:"), self.workshop)
        self.view = BenefitMonthView(context, today)
        self.month.month.currentIndexChanged.connect(self._chosen)
        self.month.year.valueChanged.connect(self._chosen)
        self.workshop.currentIndexChanged.connect(self._chosen)

    @property
    def title(self) -> str:
        return _("CIS benefit attendance list")

    def reload(self) -> None:
        self.workshop.blockSignals(True)
        try:
            _workshop_combo(self.context, self.workshop, everyone=_("All workshops"))
        finally:
            self.workshop.blockSignals(False)
        self._chosen()

    def _chosen(self, *_args) -> None:
        if self.view.isVisible():
            self.show_view()

    def show_view(self) -> None:
        self.view.load(*self.month.value(), self.workshop.currentData())

    def pdf(self, session):
        from reintegra.reports.benefit import benefit_report

        return benefit_report(session, *self.month.value(), workshop_id=self.workshop.currentData(),
                              actor=self.context.actor(session))

    def save(self, session, path):
        return outputs.save_benefit(session, *self.month.value(), path, workshop_id=self.workshop.currentData(),
                                   actor=self.context.actor(session))

    def suggested_name(self) -> str:
        month = format_month(*self.month.value())
        return outputs.file_name_part(_("benefit list {month}").format(month=month)) + ".pdf"


class CertificateRegisterForm(ReportForm):
    """The register of completion certificates issued (CIS/KIS): of one year, or of all."""

    key = "certificates"

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        self.year = QComboBox()
        self.layout_.addRow(_("&Year:"), self.year)

    @property
    def title(self) -> str:
        return _("Register of certificates")

    def reload(self) -> None:
        from reintegra.services import certificates

        chosen = self.year.currentData() if self.year.count() else self.today().year
        with self.context.read() as session:
            years = set(certificates.register_years(session, actor=self.context.actor(session)))
        self.year.clear()
        self.year.addItem(_("All years"), None)
        for year in sorted(years | {self.today().year}, reverse=True):
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen)
        self.year.setCurrentIndex(index if index >= 0 else 0)

    def pdf(self, session):
        from reintegra.reports.certificate import register_report

        return register_report(session, self.year.currentData(), actor=self.context.actor(session))

    def save(self, session, path):
        return outputs.save_certificate_register(session, self.year.currentData(), path,
                                                 actor=self.context.actor(session))

    def suggested_name(self) -> str:
        return outputs.file_name_part(_("register of certificates {year}").format(year=self.year.currentText())) + ".pdf"


class BulkForm(ReportForm):
    """Reports of everyone active today: one PDF, or a file per person into a folder."""

    key = "bulk"
    minimum_role = Role.INSTRUCTOR  # everyone active whom the user reaches

    def __init__(self, context, today, parent=None):
        super().__init__(context, today, parent)
        self.notes_from, self.notes_to = DateField(), DateField()
        self.one_file = QRadioButton(_("One PDF for everyone"))
        self.per_person = QRadioButton(_("A file per person"))
        self.per_person.setToolTip(_("A PDF for each person, into a folder you choose"))
        self.one_file.setChecked(True)
        choice = QWidget()
        column = QVBoxLayout(choice)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.one_file)
        column.addWidget(self.per_person)
        self.layout_.addRow(_("Progress notes &from:"), self.notes_from)
        self.layout_.addRow(_("Progress notes &to:"), self.notes_to)
        self.layout_.addRow(_("Save as:"), choice)

    @property
    def title(self) -> str:
        return _("Reports for all active participants")

    def notes_period(self) -> tuple[date | None, date | None]:
        return _period(self.notes_from, self.notes_to, required=False)

    def people(self, session: Session) -> list[tuple[int, str]]:
        rows = participants.search(session, status=Filter.ACTIVE, on=self.today(), actor=self.context.actor(session))
        return [(row.id, f"{row.last_name} {row.first_name}") for row in rows]

    def suggested_name(self) -> str:
        day = self.today().isoformat()
        return outputs.file_name_part(_("reports of active participants {day}").format(day=day)) + ".pdf"


FORMS: tuple[type[ReportForm], ...] = (ParticipantForm, AttendanceForm, DayLogForm, SummaryForm, BenefitForm,
                                       CertificateRegisterForm, BulkForm)
