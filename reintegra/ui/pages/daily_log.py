"""The daily log: one workshop, one day — who came, and what the group did. The instructor's minute a day.

The page chooses the workshop (an instructor's own, then the one remembered) and the day (today,
Alt+Left / Alt+Right for the previous or next working day); the day itself is ``DayView``. The
month view (``MonthView``, another widget) sits behind the Day / Month switch.

Keys: O U N C (or L) W, U then W for UW (on the same person: after U the cursor waits there), Delete;
Ctrl+P all present; Ctrl+Z undo; Ctrl+N a note; Ctrl+L the day log; Ctrl+G the earliest day not entered
(the "not entered" links are no Tab stops); Ctrl+D / Ctrl+M day or month. The grid has the focus when
the page is shown and after a workshop (from the list, or Enter on it) or a day is chosen.
"""

from __future__ import annotations

import importlib.util
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reintegra import config
from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import attendance, calendar
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.day_chooser import DayChooser
from reintegra.ui.widgets.day_view import DayView

SETTINGS_KEY = "daily_log_workshops"  # user name → the workshop they looked at last
MONTH_VIEW_MODULE = "reintegra.ui.widgets.month_grid"
DAY, MONTH = 0, 1


def today() -> date:
    return date.today()


class DailyLogPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.workshop_id: int | None = None
        self.day = today()
        self.month_view = None
        self._day_stale = False

        title = QLabel(_("Daily log"))
        title.setProperty("role", "page-title")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        self.day_button, self.month_button = self._view_switch(header)
        self.chooser = DayChooser()
        self.chooser.workshop_chosen.connect(self._workshop_chosen)
        self.chooser.workshop_picked.connect(self._focus_grid)
        self.chooser.day_chosen.connect(self._day_typed)
        self.chooser.step.connect(self.step)
        self.chooser.today_asked.connect(self._today_asked)
        self.chooser.set_day(self.day)
        choice = QHBoxLayout()
        choice.addWidget(self.chooser)
        choice.addStretch(1)
        self.day_view = DayView(context, lambda: today())
        self.day_view.day_asked.connect(self._gap_chosen)
        self.day_view.place_asked.connect(self._show_place)
        self.chooser.bad_date.connect(lambda text: self.day_view.say(text, error=True))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.day_view)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(choice)
        layout.addWidget(self.stack, 1)
        self._shortcuts()
        context.events.workshops_changed.connect(self._fill_workshops)
        context.events.participants_changed.connect(self._placements_changed)
        self._fill_workshops(show=False)  # the day is read when the page is first shown (activated)

    def _view_switch(self, header: QHBoxLayout) -> tuple[QPushButton, QPushButton]:
        day, month = QPushButton(_("Day")), QPushButton(_("Month"))
        day.setToolTip(_("One day: attendance and the day log (Ctrl+D)"))
        month.setToolTip(_("The whole month of the workshop (Ctrl+M)"))
        group = QButtonGroup(self)
        for button in (day, month):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            group.addButton(button)
            header.addWidget(button)
        day.setChecked(True)
        day.clicked.connect(self.show_day_view)
        month.clicked.connect(self.show_month_view)
        available = importlib.util.find_spec(MONTH_VIEW_MODULE) is not None
        day.setVisible(available)
        month.setVisible(available)
        return day, month

    def _shortcuts(self) -> None:
        def add(keys: str, action) -> QShortcut:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
            return shortcut

        view = self.day_view
        # The month view has its own Ctrl+Z and keys: these are switched off while it is shown.
        self._day_shortcuts = [
            add("Ctrl+P", view.mark_all_present), add("Ctrl+N", view.add_note), add("Ctrl+Z", view.undo),
            add("Ctrl+L", lambda: view.log_editor.text.setFocus(Qt.FocusReason.ShortcutFocusReason)),
            add("Ctrl+G", self.show_first_gap), add("Alt+Home", lambda: self.show_day(today())),
        ]
        add("Alt+Left", lambda: self.step(-1))
        add("Alt+Right", lambda: self.step(1))
        add("Ctrl+D", self.show_day_view)
        add("Ctrl+M", self.show_month_view)

    # -- which workshop -------------------------------------------------------------------------

    def activated(self) -> None:
        """The page shown: the hands go straight to the grid (the day's or the month's)."""
        if self.stack.currentIndex() == MONTH:
            self._show_month()
        elif self.day_view.sheet is None:
            self._show_chosen()
        else:
            self.day_view.reload()
            self.day_view.refresh_gaps()  # days may have been entered or cleared elsewhere meanwhile
        self._focus_grid()

    def _fill_workshops(self, *, show: bool = True) -> None:
        with self.context.read() as session:
            choices = [(w.id, w.name) for w in attendance.workshops_for(session, self.context.actor(session))]
        ids = [workshop_id for workshop_id, _name in choices]
        chosen = self.workshop_id if self.workshop_id in ids else self._remembered(ids)
        self.chooser.set_workshops(choices, chosen)
        self.workshop_id = chosen
        if show:
            self._show_chosen()

    def _show_chosen(self) -> None:
        self.day_view.show_day(self.workshop_id, self.day)
        self.day_view.refresh_gaps()
        if self.workshop_id is None:
            self.day_view.say(
                _("There are no workshops yet. A director adds them on the Workshops page.")
                if self.context.can(Role.DIRECTOR) else
                _("You are not an instructor of any workshop yet. A director assigns instructors on the "
                  "Workshops page."), error=True)

    def _user_key(self) -> str:
        return self.context.user.username if self.context.user else ""

    def _remembered(self, ids: list[int]) -> int | None:
        remembered = config.load_settings().get(SETTINGS_KEY, {}).get(self._user_key())
        return remembered if remembered in ids else (ids[0] if ids else None)

    def _workshop_chosen(self, workshop_id: int) -> None:
        self.workshop_id = workshop_id
        remembered = config.load_settings().get(SETTINGS_KEY, {})
        if remembered.get(self._user_key()) != workshop_id:
            config.update_settings(**{SETTINGS_KEY: {**remembered, self._user_key(): workshop_id}})
        if self.stack.currentIndex() == MONTH:
            self._show_month()
            self._day_stale = True
            return
        self.day_view.show_day(workshop_id, self.day)
        self.day_view.refresh_gaps()

    def show_workshop(self, workshop_id: int) -> None:
        self.chooser.choose_workshop(workshop_id)

    def _placements_changed(self) -> None:
        if self.isVisible() and self.stack.currentIndex() == DAY:
            self.day_view.reload()
        else:
            self._day_stale = True

    # -- which day ------------------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        self.day = day
        self.chooser.set_day(day)
        if self.stack.currentIndex() == MONTH:
            self.show_day_view()
        else:
            self.day_view.show_day(self.workshop_id, day)

    def _today_asked(self) -> None:
        self.show_day(today())
        self._focus_grid()

    def _focus_grid(self) -> None:
        """The hands go back to the grid: the day view's, or the month's."""
        if self.stack.currentIndex() == MONTH and self.month_view is not None:
            self.month_view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.day_view.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _day_typed(self, day: date) -> None:
        self.show_day(day)
        self.day_view.grid.setFocus()

    def _gap_chosen(self, day: date) -> None:
        self.show_day(day)
        self.day_view.grid.setFocus()

    def show_first_gap(self) -> None:
        if self.day_view.gaps.days:
            self._gap_chosen(self.day_view.gaps.days[0])

    def _show_place(self, workshop_id: int, day: date) -> None:
        self.show_workshop(workshop_id)
        self.show_day(day)

    def step(self, direction: int) -> None:
        """Alt+Left / Alt+Right: the previous or next working day (a month in the month view)."""
        if self.stack.currentIndex() == MONTH:
            self.month_view.step_month(direction)
        else:
            self.show_day(calendar.next_working_day(self.day, direction))

    # -- day or month ---------------------------------------------------------------------------

    def show_day_view(self) -> None:
        self.stack.setCurrentIndex(DAY)
        self.day_button.setChecked(True)
        self._enable_day_shortcuts(True)
        self.chooser.show_day_controls(True)
        self.chooser.set_day(self.day)
        if self._day_stale or (self.workshop_id, self.day) != (self.day_view.workshop_id, self.day_view.day):
            self._day_stale = False
            self.day_view.show_day(self.workshop_id, self.day)
            self.day_view.refresh_gaps()
        self.day_view.grid.setFocus()

    def show_month_view(self) -> None:
        if self.month_view is None:
            if importlib.util.find_spec(MONTH_VIEW_MODULE) is None:
                return
            from reintegra.ui.widgets.month_grid import MonthView

            self.month_view = MonthView(self.context)
            self.month_view.changed.connect(self._month_changed)
            self.month_view.month_shown.connect(self._month_shown)
            # Its legend is one long row: in a narrow window it is cut rather than widening the window.
            policy = self.month_view.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            self.month_view.setSizePolicy(policy)
            self.stack.addWidget(self.month_view)
        self.day_view.log_editor.save_now()
        self.stack.setCurrentIndex(MONTH)
        self.month_button.setChecked(True)
        self._enable_day_shortcuts(False)
        self.chooser.show_day_controls(False)
        self._show_month()
        self.month_view.setFocus()

    def _show_month(self) -> None:
        if self.month_view is not None and self.workshop_id is not None:
            self.month_view.show_month(self.workshop_id, self.day.year, self.day.month)

    def _month_changed(self) -> None:
        self._day_stale = True

    def _month_shown(self, year: int, month: int) -> None:
        """The month view went to another month: the day view will open in it (today, if it is this month)."""
        now = today()
        last = calendar.month_bounds(year, month)[1].day
        self.day = now if (year, month) == (now.year, now.month) else date(year, month, min(self.day.day, last))
        self._day_stale = True

    def _enable_day_shortcuts(self, enabled: bool) -> None:
        for shortcut in self._day_shortcuts:
            shortcut.setEnabled(enabled)
