"""One participant's page: a header with name and status, and tabs for each part of the record.

The page shows one stay of the person; when they have more, a list in the header opens another (the
latest first), and a person whose last stay has ended may be readmitted (a new stay)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from reintegra.db.enums import Role
from reintegra.i18n import _, format_date
from reintegra.services import participants
from reintegra.services.errors import NotFoundError, PermissionDenied
from reintegra.services.participants import ParticipantState, state_of
from reintegra.services.labels import label
from reintegra.ui import accessible
from reintegra.ui.app_style import keep_accents
from reintegra.ui.context import AppContext
from reintegra.ui.icons import icon
from reintegra.ui.widgets.flow_layout import Reflow, flow_row


class ParticipantDetail(QWidget):
    """Shows one participant; ``back`` returns to the list."""

    back = Signal()

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        from reintegra.ui.pages.participant_tabs.assessments import AssessmentsTab
        from reintegra.ui.pages.participant_tabs.attendance import AttendanceTab
        from reintegra.ui.pages.participant_tabs.exit import ExitTab
        from reintegra.ui.pages.participant_tabs.notes import NotesTab
        from reintegra.ui.pages.participant_tabs.path import PathTab
        from reintegra.ui.pages.participant_tabs.personal import PersonalTab
        from reintegra.ui.pages.participant_tabs.plan import PlanTab
        from reintegra.ui.pages.participant_tabs.placements import PlacementsTab

        self.context = context
        self.participant_id: int | None = None
        back = QPushButton(icon("back"), _("Back to the list"))
        back.setShortcut("Alt+Left")
        back.setToolTip(_("Back to the list (Alt+Left)"))
        back.clicked.connect(self.back)
        self.title = QLabel()
        self.title.setProperty("role", "page-title")
        self.subtitle = QLabel()
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)  # on a small screen the status takes two lines, not more width
        first_line = QWidget()
        header = QHBoxLayout(first_line)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(back)
        header.addSpacing(12)
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.subtitle, 1)
        self.stays = QComboBox()
        accessible.name(self.stays, _("Stays of this person"))
        self.stays.setToolTip(_("The stays of this person, the latest first: choose one to open it"))
        self.stays.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.stays.setMinimumContentsLength(16)
        self.stays.activated.connect(self._open_chosen_stay)
        self.readmit_button = QPushButton(_("Readmit…"))
        self.readmit_button.setToolTip(_("A new stay for this person, whose last stay has ended; the earlier "
                                         "stays are kept as they are"))
        self.readmit_button.clicked.connect(self.readmit)
        self.export_button = QPushButton(_("Export personal data…"))
        self.export_button.setToolTip(_("Everything kept about this person, as a JSON or PDF file (GDPR)"))
        self.export_button.clicked.connect(self.export_personal_data)
        # On a small screen the buttons go on a line of their own under the name.
        header = Reflow(first_line, flow_row(self.stays, self.readmit_button, self.export_button, align_right=True))
        self.tabs = keep_accents(QTabWidget())
        self.personal = PersonalTab(context)
        self.placements = PlacementsTab(context)
        self.attendance = AttendanceTab(context)
        self.notes = NotesTab(context)
        self.plan = PlanTab(context)
        self.assessments = AssessmentsTab(context)
        self.exit = ExitTab(context)
        self.path = PathTab(context)  # the path after: stays and follow-ups (services/pathway.py)
        for tab, title in ((self.personal, _("Personal data")), (self.placements, _("Workshops")),
                           (self.attendance, _("Attendance")), (self.notes, _("Notes")),
                           (self.plan, _("Plan")), (self.assessments, _("Assessments")),
                           (self.exit, _("Exit")), (self.path, _("Path"))):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)  # keeps the header at the top when the tabs are hidden (a refused participant)

    def tab_widgets(self) -> list[QWidget]:
        return [self.personal, self.placements, self.attendance, self.notes, self.plan, self.assessments,
                self.exit, self.path]

    def load(self, participant_id: int) -> None:
        self.participant_id = participant_id
        reached = self._refresh_header()
        # Someone the signed-in instructor does not reach (e.g. opened from a reminder): the refusal, no tabs.
        self.tabs.setVisible(reached)
        self.export_button.setVisible(reached)
        if not reached:
            return
        for tab in self.tab_widgets():
            tab.load(participant_id)
        self._refresh_header()  # after the tabs: it marks an anonymised person's form read-only

    def _changed(self) -> None:
        """A tab saved something: every tab and the list see it."""
        for tab in self.tab_widgets():
            if tab is not self.sender():
                tab.load(self.participant_id)
        self._refresh_header()
        self.context.events.participants_changed.emit()

    def _open_chosen_stay(self, index: int) -> None:
        stay_id = self.stays.itemData(index)
        if stay_id is not None and stay_id != self.participant_id:
            self.load(stay_id)
            self.context.events.participants_changed.emit()

    def make_readmit_dialog(self):
        from reintegra.ui.dialogs.admit import AdmitDialog

        return AdmitDialog(self.context, self, readmit_from=self.participant_id)

    def run_dialog(self, dialog) -> bool:
        return dialog.exec() == QDialog.Accepted

    def readmit(self) -> None:
        """A new stay for this person (ui/dialogs/admit.py in its readmission form); opens it when saved."""
        dialog = self.make_readmit_dialog()
        if not self.run_dialog(dialog) or dialog.saved_id is None:
            return
        warnings = list(dialog.warnings)
        self.tabs.setCurrentIndex(0)
        self.load(dialog.saved_id)
        self.context.events.participants_changed.emit()
        if warnings:
            from reintegra.ui import messages

            messages.info(self, "\n".join(warnings))

    def export_personal_data(self):
        """Asks for a file and writes the person's data there (ui/dialogs/person_export.py)."""
        from reintegra.ui.dialogs.person_export import PersonExport

        return PersonExport(self, self.participant_id, self.title.text()).run()

    def _refresh_header(self) -> bool:
        """Shows the name and status; False when the signed-in user may not see this participant."""
        try:
            with self.context.read() as session:
                person = participants.get_participant(session, self.participant_id,
                                                      actor=self.context.actor(session))
                self.title.setText(person.full_name)
                status = _status_text(person)
                anonymised = person.anonymised_at is not None
                if anonymised:  # services/anonymisation.py: kept only for the figures
                    status = _("{status} · anonymised on {date}").format(
                        status=status, date=format_date(person.anonymised_at))
                self.subtitle.setText(status)
                self._show_anonymised(anonymised)
                stays = participants.stays_of(session, self.participant_id, actor=self.context.actor(session))
                self._show_stays(stays)
                latest = not stays or stays[0].id == person.id
                self.readmit_button.setVisible(
                    self.context.can(Role.DIRECTOR) and latest and person.exit_date is not None and not anonymised)
        except NotFoundError as error:
            self.title.setText(str(error))
            self.subtitle.clear()
            self._show_stays([])
            self.readmit_button.hide()
        except PermissionDenied as error:
            self.title.setText(error.message)
            self.subtitle.clear()
            self._show_stays([])
            self.readmit_button.hide()
            return False
        return True

    def _show_stays(self, stays) -> None:
        """The list of the person's stays, shown when there is more than one."""
        self.stays.clear()
        for stay in stays:
            self.stays.addItem(_stay_text(stay), stay.id)
        self.stays.setCurrentIndex(max(self.stays.findData(self.participant_id), 0))
        self.stays.setVisible(len(stays) > 1)

    def _show_anonymised(self, anonymised: bool) -> None:
        """An anonymised person's data cannot be changed (the services refuse): the form does not offer it."""
        personal = self.personal
        personal.form.set_read_only(anonymised or not personal.may_edit)
        personal.save_button.setVisible(personal.may_edit and not anonymised)
        refusal = _("This person's data were anonymised after the retention period, so their records can no "
                    "longer be changed.")
        if anonymised:
            personal.note.setText(refusal)
        elif personal.note.text() == refusal:
            personal.note.clear()


def _status_text(person) -> str:
    programme = person.programme.value
    state = state_of(person, date.today())
    if state is ParticipantState.APPLICANT:
        return _("{programme} · on the waiting list since {date}").format(
            programme=programme, date=format_date(person.application_date))
    if state is ParticipantState.CLOSED:
        return _("{programme} · application closed on {date} · {reason}").format(
            programme=programme, date=format_date(person.exit_date), reason=label(person.exit_reason))
    if state is ParticipantState.UPCOMING:
        return _("{programme} · admitted, starts on {date}").format(
            programme=programme, date=format_date(person.admission_date))
    if state is ParticipantState.EXITED:
        return _("{programme} · took part {start} – {end} · {reason}").format(
            programme=programme, start=format_date(person.admission_date), end=format_date(person.exit_date),
            reason=label(person.exit_reason))
    return _("{programme} · taking part since {date}").format(programme=programme,
                                                              date=format_date(person.admission_date))


def _stay_text(stay) -> str:
    """One stay in the header's list: programme and dates."""
    if stay.admission_date is None:
        return _("{programme} · applied {date}").format(programme=stay.programme.value,
                                                       date=format_date(stay.application_date))
    if stay.exit_date is None:
        return _("{programme} · since {date}").format(programme=stay.programme.value,
                                                     date=format_date(stay.admission_date))
    return _("{programme} · {start} – {end}").format(programme=stay.programme.value,
                                                    start=format_date(stay.admission_date),
                                                    end=format_date(stay.exit_date))
