"""The participant's path tab: the person's way across their stays and the follow-up contacts after
each exit, oldest first (services/pathway.py) — the compact line on top, one line per step below.
Read only: the stays and contacts are changed where they are recorded (the header, the exit tab)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from reintegra.i18n import _
from reintegra.services import pathway
from reintegra.services.errors import ReintegraError
from reintegra.services.pathway import StayStep
from reintegra.ui import accessible
from reintegra.ui.context import AppContext
from reintegra.ui.pages.participant_tabs.base import ParticipantTab


class PathTab(ParticipantTab):
    """``summary`` holds the compact line, ``steps`` the steps; an instructor sees the stays they reach."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.summary = QLabel()
        self.summary.setObjectName("path-summary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "section-title")
        self.steps = QListWidget()
        self.steps.setObjectName("path-steps")
        accessible.name(self.steps, _("Path"))
        self.steps.setSelectionMode(QAbstractItemView.NoSelection)
        self.steps.setWordWrap(True)
        self.hint = QLabel(_("The stays of this person and, after each exit, what the follow-up contacts found, "
                             "oldest first. Where someone went counts as: open labour market, social cooperative, "
                             "ZAZ, education, not employed or unknown."))
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.hint)

    def load(self, participant_id: int) -> None:
        self.participant_id = participant_id
        self.steps.clear()
        try:
            with self.context.read() as session:
                found = pathway.timeline(session, participant_id, actor=self.context.actor(session))
        except ReintegraError as error:
            self.summary.setText(error.message)
            return
        self.summary.setText(pathway.timeline_text(found) or _("Not admitted yet: no path so far."))
        for step in found:
            item = QListWidgetItem(step.text())
            if isinstance(step, StayStep):
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.steps.addItem(item)

    def texts(self) -> list[str]:
        """The steps as shown, for tests and the screen reader."""
        return [self.steps.item(row).text() for row in range(self.steps.count())]
