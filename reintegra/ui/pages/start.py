"""The start page: what needs doing today, each line opening the right place; the outcome figures beside."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import Role
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import reminders
from reintegra.services.reminders import Reminder
from reintegra.ui import accessible
from reintegra.ui.context import AppContext
from reintegra.ui.models.reminders import RemindersModel

OUTCOMES_WIDTH = 330


def today() -> date:
    """The day the page is about (tests pin it)."""
    return date.today()


class RemindersView(QTreeView):
    """The tree of reminders: a click or Enter on a line chooses it."""

    chosen = Signal(object)

    def __init__(self, model: RemindersModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("reminders")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setMouseTracking(True)
        header = self.header()
        header.setStretchLastSection(False)
        # The names take the slack; what is due and when are as wide as their texts (see fit_columns).
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.setTextElideMode(Qt.ElideRight)
        self.clicked.connect(self._choose)

    def fit_columns(self) -> None:
        """'What' as wide as its longest text, unless the names would get less than their share: then
        it is cut with '…' (the whole text is in its tooltip)."""
        room = self.viewport().width() - self.header().sectionSize(2)
        names = min(self.sizeHintForColumn(0) + 16, max(room * 2 // 5, self.fontMetrics().horizontalAdvance("M" * 8)))
        self.header().resizeSection(1, max(0, min(self.sizeHintForColumn(1) + 16, room - names)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _choose(self, index) -> None:
        item = self.model().reminder(index)
        if item is not None:
            self.chosen.emit(item)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            item = self.model().reminder(self.currentIndex())
            if item is not None:
                self.chosen.emit(item)
                return
            self.setExpanded(self.currentIndex().siblingAtColumn(0), not self.isExpanded(
                self.currentIndex().siblingAtColumn(0)))
            return
        super().keyPressEvent(event)

    def cursorIsOverLine(self, position) -> bool:
        return self.model().reminder(self.indexAt(position)) is not None

    def mouseMoveEvent(self, event) -> None:
        over_line = self.cursorIsOverLine(event.position().toPoint())
        self.viewport().setCursor(Qt.PointingHandCursor if over_line else Qt.ArrowCursor)
        super().mouseMoveEvent(event)


class StartPage(QWidget):
    """``reminder_chosen`` carries the Reminder the user clicked; the main window goes there."""

    reminder_chosen = Signal(object)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        title = QLabel(_("Today"))
        title.setProperty("role", "page-title")
        self.date_label = QLabel()
        self.date_label.setProperty("role", "hint")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.date_label, 1)

        self.summary = QLabel()
        self.summary.setObjectName("reminders-summary")
        self.summary.setWordWrap(True)
        self.model = RemindersModel(self)
        self.view = RemindersView(self.model)
        accessible.name(self.view, _("What needs doing"))
        self.view.chosen.connect(self.reminder_chosen)
        self.all_done = QLabel(_("Nothing needs doing today: attendance is entered, and no plan review, "
                                 "assessment, certificate or follow-up contact is due."))
        self.all_done.setObjectName("all-done")
        self.all_done.setWordWrap(True)
        self.all_done.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.body = QStackedWidget()
        self.body.addWidget(self.view)
        self.body.addWidget(self.all_done)
        hint = QLabel(_("Click a line, or choose it with the arrows and press Enter, to go where it is done."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)

        column = QVBoxLayout()
        column.addWidget(self.summary)
        column.addWidget(self.body, 1)
        column.addWidget(hint)
        columns = QHBoxLayout()
        columns.addLayout(column, 1)
        self.outcomes = None
        self.waiting = None
        if context.can(Role.DIRECTOR):
            from reintegra.ui.widgets.outcomes_panel import OutcomesPanel
            from reintegra.ui.widgets.waiting_panel import WaitingPanel

            self.outcomes = OutcomesPanel(context)
            self.outcomes.setFixedWidth(OUTCOMES_WIDTH)
            self.waiting = WaitingPanel(context)
            self.waiting.setFixedWidth(OUTCOMES_WIDTH)
            holder = QWidget()
            side = QVBoxLayout(holder)
            side.setContentsMargins(0, 0, 0, 0)
            side.addWidget(self.outcomes)
            side.addSpacing(12)
            side.addWidget(self.waiting)
            side.addStretch(1)
            # On a low screen (768 px at 125%) the figures scroll rather than squeeze their lines together.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            scroll.setFocusPolicy(Qt.NoFocus)  # not a Tab stop: the period chooser in it is
            scroll.setWidget(holder)
            scroll.setFixedWidth(OUTCOMES_WIDTH + scroll.verticalScrollBar().sizeHint().width())
            columns.addSpacing(12)
            columns.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(columns, 1)
        context.events.participants_changed.connect(self._changed_elsewhere)
        context.events.workshops_changed.connect(self._changed_elsewhere)

    def activated(self) -> None:
        """Shown: read again, since attendance, plans or exits may have changed on any page (a few ms)."""
        self.reload()
        self.view.setFocus()

    def _changed_elsewhere(self) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        day = today()
        with self.context.read() as session:
            found = reminders.reminders_for(session, self.context.actor(session), day)
        self.date_label.setText(format_date(day, "full"))
        self.model.set_reminders(found)
        for group in range(self.model.group_count()):
            self.view.setFirstColumnSpanned(group, QModelIndex(), True)  # a group's title is as wide as needed
        self.view.expandAll()
        self.view.fit_columns()
        if self.model.group_count():
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.view.setCurrentIndex(first)
        self.body.setCurrentWidget(self.view if len(found) else self.all_done)
        self.summary.setText(ngettext("{count} thing needs doing.", "{count} things need doing.", len(found))
                             .format(count=len(found)) if len(found) else "")
        self.summary.setVisible(bool(len(found)))
        if self.outcomes is not None:
            self.outcomes.refresh()
        if self.waiting is not None:
            self.waiting.refresh(day)

    def lines(self) -> list[Reminder]:
        """Every line shown, in order (for tests and the keyboard)."""
        found = []
        for group in range(self.model.group_count()):
            parent = self.model.index(group, 0)
            found += [self.model.reminder(self.model.index(row, 0, parent))
                      for row in range(self.model.rowCount(parent))]
        return found
