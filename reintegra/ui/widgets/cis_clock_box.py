"""The CIS clock on a CIS/KIS participant's personal data: the trial month and its decision, the end of
the participation and its extension, with "Trial month…" and "Extend…" (ui/dialogs/cis_clock.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from reintegra.db.models import Participant
from reintegra.i18n import _, format_date
from reintegra.services import cis_clock


class CisClockBox(QGroupBox):
    """Shows one stay's clock (hidden for a stay without one); the buttons ask for the dialogs."""

    trial_asked = Signal()
    extend_asked = Signal()

    def __init__(self, may_edit: bool, parent=None):
        super().__init__(_("Trial month and period of participation"), parent)
        self.setObjectName("cis-clock")
        self.trial = QLabel()
        self.period = QLabel()
        self.extension = QLabel()
        for text in (self.trial, self.period, self.extension):
            text.setWordWrap(True)
        rows = QFormLayout()
        rows.addRow(_("Trial month:"), self.trial)
        rows.addRow(_("Participation ends:"), self.period)
        rows.addRow(_("Extension:"), self.extension)
        self.trial_button = QPushButton(_("&Trial month…"))
        self.trial_button.setToolTip(_("Change the end of the trial month or record the decision"))
        self.trial_button.clicked.connect(self.trial_asked)
        self.extend_button = QPushButton(_("E&xtend…"))
        self.extend_button.setToolTip(_("Extend the participation, up to 24 months in total"))
        self.extend_button.clicked.connect(self.extend_asked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.trial_button)
        buttons.addWidget(self.extend_button)
        self.trial_button.setVisible(may_edit)
        self.extend_button.setVisible(may_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(rows)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_stay(self, stay: Participant) -> None:
        shown = cis_clock.has_clock(stay.programme) and stay.admission_date is not None
        self.setVisible(shown)
        if not shown:
            return
        admission = stay.admission_date
        self.trial.setText(cis_clock.trial_text(stay) or _("end not recorded"))
        end = stay.planned_end_date or cis_clock.default_planned_end(admission)
        self.period.setText(_("{date} (at the latest {latest}: 24 months in total)").format(
            date=format_date(end), latest=format_date(cis_clock.latest_end(admission))))
        self.extension.setText(cis_clock.extension_text(stay) or _("none"))
        open_stay = stay.exit_date is None
        self.extend_button.setEnabled(open_stay and end < cis_clock.latest_end(admission))
