"""The monthly attendance grid of one workshop, edited in place with the daily log's keys.

The status keys (O, U, N, C or L, W, U-then-W for leave: see ui/status_keys.py) record the day under the
cursor and move to the next working day; Delete clears; Ctrl+Z undoes; Alt+Left and Alt+Right
change the month. Every change is saved at once, in its own unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import STATUSES, AttendanceStatus
from reintegra.i18n import _, format_month, format_number, format_percent, ngettext
from reintegra.services import month_grid, workshops
from reintegra.services.dates import add_months
from reintegra.services.labels import label
from reintegra.services.month_grid import Cell
from reintegra.ui import messages
from reintegra.ui.attendance_look import StatusLegend
from reintegra.ui.context import AppContext
from reintegra.ui.models.month_grid import COUNTED, TOTAL_COLUMNS, MonthGridModel
from reintegra.ui.saving import save, saved
from reintegra.ui.status_keys import CLEAR, StatusKeys, keys_short_text
from reintegra.ui.widgets.day_grid import FramedDelegate
from reintegra.ui.widgets.frozen_table import FrozenTailTable

MIN_DAY_WIDTH = 20
MAX_DAY_WIDTH = 40
MAX_NAME_WIDTH = 210
MIN_NAME_WIDTH = 110
WARNING_INK = "#8a5200"
_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.MetaModifier)


@dataclass
class _Change:
    participant_id: int
    day: date
    before: Cell | None
    after: Cell | None


class MonthView(QWidget):
    changed = Signal()  # after any saved change (and undo)
    month_shown = Signal(int, int)  # year, month — after the arrows or Alt+Left/Right

    def __init__(self, context: AppContext, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.context = context
        self.fixed_today = today  # tests pin "today"; None follows the clock
        self.workshop_id: int | None = None
        self.year, self.month = (today or date.today()).year, (today or date.today()).month
        self.keys = StatusKeys()
        self.undo_stack: list[_Change] = []
        self._last_keyed: tuple[int, date] | None = None  # where the last status key went, for U→W

        self.previous_button = _arrow_button(Qt.ArrowType.LeftArrow, _("Previous month"),
                                             _("Previous month (Alt+Left)"))
        self.previous_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button = _arrow_button(Qt.ArrowType.RightArrow, _("Next month"), _("Next month (Alt+Right)"))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.title = QLabel()
        self.title.setProperty("role", "section-title")
        self.title.setMinimumWidth(self.fontMetrics().horizontalAdvance("Październik 0000") + 24)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setProperty("role", "hint")
        self.undo_button = QToolButton()
        self.undo_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.undo_button.setText(_("Undo"))
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.undo_button.setToolTip(_("Undo the last change (Ctrl+Z)"))
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo)
        header = QHBoxLayout()
        header.addWidget(self.previous_button)
        header.addWidget(self.title)
        header.addWidget(self.next_button)
        header.addSpacing(12)
        header.addWidget(self.summary)
        header.addStretch(1)
        header.addWidget(self.undo_button)

        self.model = MonthGridModel(self)
        self.table = FrozenTailTable()  # the totals stay at the right edge while the days scroll
        self.table.setObjectName("month-grid")
        self.table.setModel(self.model)
        self.table.setItemDelegate(FramedDelegate(self.table))  # the current cell framed, over its colour
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # "UW" may touch the edges of a narrow cell
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.table.tail.viewport().installEventFilter(self)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setMinimumSectionSize(MIN_DAY_WIDTH)
        columns.setHighlightSections(True)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setHighlightSections(True)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.empty = QLabel()
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.warning = QLabel()
        self.warning.setObjectName("month-grid-warning")
        self.warning.setStyleSheet(f"color: {WARNING_INK}; font-weight: 600;")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.status_line = QLabel()
        self.status_line.setObjectName("month-grid-status")
        self.status_line.setProperty("role", "hint")
        self.status_line.setWordWrap(True)
        self.status_line.hide()
        keys_hint = QLabel(_("Keys: {keys}; Delete clears; Ctrl+Z undoes.").format(keys=keys_short_text()))
        keys_hint.setProperty("role", "hint")
        keys_hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.warning)
        layout.addWidget(self.status_line)
        layout.addWidget(StatusLegend())
        layout.addWidget(keys_hint)
        layout.addStretch(0)
        self.setFocusProxy(self.table)
        self._update_undo()

    # -- showing ------------------------------------------------------------------------------

    def today(self) -> date:
        return self.fixed_today or date.today()

    def show_month(self, workshop_id: int, year: int, month: int) -> None:
        """Loads the grid; another month or workshop starts a fresh undo history."""
        if (workshop_id, year, month) != (self.workshop_id, self.year, self.month):
            self.undo_stack.clear()
            self._last_keyed = None
            self.keys.forget()
            keep = None
        else:
            keep = self._current_position()
        self.workshop_id, self.year, self.month = workshop_id, year, month
        with self.context.read() as session:
            grid = month_grid.month_grid(session, workshop_id, year, month, as_of=self.today(),
                                         actor=self.context.actor(session))
            workshop_name = workshops.get_workshop(session, workshop_id).name
        self.model.set_grid(grid, self.today())
        text = format_month(year, month)
        self.title.setText(text[:1].upper() + text[1:])
        self.table.setAccessibleName(_("Attendance in {month} — {workshop}").format(month=text,
                                                                                  workshop=workshop_name))
        self.table.tail.setAccessibleName(_("Month totals — {workshop}").format(workshop=workshop_name))
        self._update_summary()
        self._update_undo()
        has_people = bool(grid.people)
        self.table.setVisible(has_people)
        self.empty.setVisible(not has_people)
        self.empty.setText(_("Nobody was placed in this workshop in {month}.").format(month=text))
        self._fit_columns()
        self._place_cursor(keep)

    def reload(self) -> None:
        if self.workshop_id is not None:
            self.show_month(self.workshop_id, self.year, self.month)

    def step_month(self, step: int) -> None:
        if self.workshop_id is None:
            return
        first = add_months(date(self.year, self.month, 1), step)
        self.show_month(self.workshop_id, first.year, first.month)
        self.month_shown.emit(first.year, first.month)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every day of the month side by side without scrolling, the totals at the right edge."""
        if self.model.grid is None:
            return
        metrics = self.table.fontMetrics()
        small = self.table.horizontalHeader().fontMetrics()
        hours_header = self.model.headerData(self.model.day_count() + len(COUNTED), Qt.Orientation.Horizontal)
        count_width = max(metrics.horizontalAdvance("888"), *(small.horizontalAdvance(info.letter) for info in STATUSES.values())) + 10
        hours_width = max(metrics.horizontalAdvance("1888,5"), small.horizontalAdvance(hours_header)) + 12
        rate_width = metrics.horizontalAdvance("100,0%") + 12
        totals_width = len(COUNTED) * count_width + hours_width + rate_width
        names = [self.model.headerData(row, Qt.Orientation.Vertical) for row in range(self.model.rowCount())]
        bold = QFont(self.table.verticalHeader().font())
        bold.setBold(True)  # the current row's name is shown in bold
        name_metrics = QFontMetrics(bold)
        name_width = min(MAX_NAME_WIDTH, max((name_metrics.horizontalAdvance(n) for n in names), default=0) + 16)
        days = self.model.day_count()
        row_height = self.table.verticalHeader().defaultSectionSize()
        content_height = self.table.horizontalHeader().sizeHint().height() + self.model.rowCount() * row_height
        frames = 2 * self.table.frameWidth()
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = self.table.width() - frames - totals_width
        if content_height + frames > self.table.height():
            room -= scroll_bar
        spare = room - days * MIN_DAY_WIDTH  # what the names may have with every day at its narrowest
        if spare < name_width:
            if spare >= MIN_NAME_WIDTH:
                name_width = spare  # still every day side by side
            else:  # the days scroll sideways (the totals stay): the names keep up to a quarter of the room
                name_width = max(MIN_NAME_WIDTH, min(name_width, room // 4))
        day_width = max(MIN_DAY_WIDTH, min(MAX_DAY_WIDTH, (room - name_width) // max(days, 1)))
        remainder = room - name_width - days * day_width
        if 0 < remainder < days:  # what the division left over: the rate column takes it, up to the edge
            rate_width += remainder
            totals_width += remainder
        self.table.verticalHeader().setFixedWidth(name_width)
        columns = self.table.horizontalHeader()
        for column in range(days):  # one by one: a section keeps its size through a model reset
            columns.resizeSection(column, day_width)
        for which in range(len(COUNTED)):
            columns.resizeSection(days + which, count_width)
        columns.resizeSection(days + len(COUNTED), hours_width)
        columns.resizeSection(days + len(COUNTED) + 1, rate_width)
        self.table.freeze_last(TOTAL_COLUMNS)
        # As tall as its rows, so that the legend sits right under the totals.
        scrolls_sideways = name_width + days * day_width + totals_width > self.table.width() - frames
        self.table.setMaximumHeight(content_height + frames + (scroll_bar if scrolls_sideways else 0))

    def _update_summary(self) -> None:
        totals = self.model.totals_of(self.model.rowCount() - 1)
        if not totals.not_entered_days:
            self.summary.setText(_("Attendance rate this month: {rate}").format(rate=format_percent(totals.rate))
                                 if totals.rate is not None else "")
            return
        # The days nobody typed in yet are left out of the rate, and said beside it.
        self.summary.setText(ngettext(
            "Attendance rate this month: {rate} ({count} working day not entered yet)",
            "Attendance rate this month: {rate} ({count} working days not entered yet)",
            totals.not_entered_days).format(rate=format_percent(totals.rate) or "—",
                                            count=format_number(totals.not_entered_days)))

    def _current_position(self) -> tuple[int, date] | None:
        index = self.table.currentIndex()
        person = self.model.person_at(index.row()) if index.isValid() else None
        day = self.model.day_at(index.column()) if index.isValid() else None
        return (person.participant_id, day.day) if person and day else None

    def _place_cursor(self, keep: tuple[int, date] | None) -> None:
        """Where the cursor was; otherwise today (or the month's first working day) of the first person."""
        index = self.model.index_of(*keep) if keep else QModelIndex()
        if index.isValid() and not self.model.is_editable(index.row(), index.column()):
            index = self._first_open(index.column())  # that day has closed meanwhile
        if not index.isValid():
            today = self.today()
            start = today.day - 1 if (today.year, today.month) == (self.year, self.month) else 0
            index = self._first_open(start)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _first_open(self, start_column: int) -> QModelIndex:
        for row in range(self.model.rowCount() - 1):
            for column in [*range(start_column, self.model.day_count()), *range(start_column)]:
                if self.model.is_editable(row, column):
                    return self.model.index(row, column)
        return QModelIndex()

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.table and kind == QEvent.Type.ShortcutOverride:
            # Plain letters, Delete, Ctrl+Z and the month keys belong to the grid, not to window shortcuts.
            if self._is_grid_key(event):
                event.accept()
                return True
        elif watched is self.table and kind == QEvent.Type.KeyPress:
            return self._key_pressed(event)
        elif watched in (self.table.viewport(), self.table.tail.viewport()) and kind == QEvent.Type.MouseButtonPress:
            self.keys.forget()
        return super().eventFilter(watched, event)

    def _is_grid_key(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Undo) or _month_step(event):
            return True
        return not event.modifiers() & _SHORTCUT_MODIFIERS and bool(event.text().strip())

    def _key_pressed(self, event: QKeyEvent) -> bool:
        """True when the key was the grid's (a status, Delete, undo, another month)."""
        self.say("")  # the last key's sentence, if any, is about that key
        if event.matches(QKeySequence.StandardKey.Undo):
            self.keys.forget()
            self.undo()
            return True
        step = _month_step(event)
        if step:
            self.keys.forget()
            self.step_month(step)
            return True
        if self._skip_totals(event):
            self.keys.forget()
            return True
        current = self.table.currentIndex()
        person = self.model.person_at(current.row()) if current.isValid() else None
        # The W of U-then-W amends the U only on the same person (not after an arrow to the next one).
        status = self.keys.status_for(event, person.participant_id if person else None)
        if status is None:
            return bool(event.text().strip()) and not event.modifiers() & _SHORTCUT_MODIFIERS  # no type-ahead
        if self.keys.amends_previous:
            if self._last_keyed is not None and self._last_keyed[0] == person.participant_id:
                self.record(*self._last_keyed, status, amend=True)
            return True
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.is_editable(index.row(), index.column()):
            self.keys.forget()
            if index.isValid() and index.column() >= self.model.day_count():
                self.say(_("The totals are counted from the days: type the status on a day of the month."))
            elif index.isValid() and self.model.person_at(index.row()) is None:
                self.say(_("This row counts who was present each day: type the status in a person's row."))
            return True
        person, day = self.model.person_at(index.row()), self.model.day_at(index.column())
        if status == CLEAR:
            self.record(person.participant_id, day.day, None)
            return True
        if self.record(person.participant_id, day.day, status):
            self._last_keyed = (person.participant_id, day.day)
            self._move_right(index)
        return True

    def _skip_totals(self, event: QKeyEvent) -> bool:
        """→, Tab and End stay on the days: from the last open day of a row → goes on to the next
        person's first open day (or stays, on the last person); the totals are never reached by keys."""
        index = self.table.currentIndex()
        days = self.model.day_count()
        if not index.isValid() or index.column() >= days or event.modifiers() & _SHORTCUT_MODIFIERS:
            return False
        key = Qt.Key(event.key())
        if key not in (Qt.Key.Key_Right, Qt.Key.Key_Tab, Qt.Key.Key_End):
            return False
        row = index.row()
        open_days = [column for column in range(days) if self.model.flags(self.model.index(row, column))
                     & Qt.ItemFlag.ItemIsEnabled]
        if key == Qt.Key.Key_End:
            target = self.model.index(row, open_days[-1]) if open_days else index
        else:
            later = [column for column in open_days if column > index.column()]
            if later:
                return False  # an ordinary step inside the month
            target = index
            for next_row in range(row + 1, len(self.model.grid.people)):
                first = next((column for column in range(days) if self.model.is_editable(next_row, column)), None)
                if first is not None:
                    target = self.model.index(next_row, first)
                    break
        self.table.setCurrentIndex(target)
        self.table.scrollTo(target)
        return True

    def say(self, text: str) -> None:
        """One sentence under the grid: why a key did nothing."""
        self.status_line.setText(text)
        self.status_line.setVisible(bool(text))

    def _move_right(self, index: QModelIndex) -> None:
        for column in range(index.column() + 1, self.model.day_count()):
            if self.model.is_editable(index.row(), column):
                self.table.setCurrentIndex(self.model.index(index.row(), column))
                return

    # -- changing -----------------------------------------------------------------------------

    def record(self, participant_id: int, day: date, status: AttendanceStatus | None, *,
               amend: bool = False) -> bool:
        """Saves one day (None clears it); False when the service refused and nothing was written."""
        index = self.model.index_of(participant_id, day)
        if not index.isValid():
            return False
        before = self.model.cell_at(index.row(), index.column())
        if (before.status if before else None) is status:
            return True  # already so: nothing to write, nothing to undo
        workshop_id = self.workshop_id

        def write(session, actor) -> tuple[Cell | None, list[str]]:
            if status is None:
                month_grid.clear_cell(session, participant_id, day, actor=actor)
                return None, []
            return month_grid.set_cell(session, participant_id, workshop_id, day, status,
                                       expected_version=before.version if before else None, actor=actor)

        result = save(self, write, reload=self._forget_and_reload, ask_reload=False, say=self._refused)
        if not saved(result):
            return False
        after, warnings = result
        if amend and self.undo_stack and (self.undo_stack[-1].participant_id, self.undo_stack[-1].day) == (
                participant_id, day):
            self.undo_stack[-1].after = after  # U then W is one change: one Ctrl+Z undoes both
        else:
            self.undo_stack.append(_Change(participant_id, day, before, after))
        self._changed(index, after, warnings)
        return True

    def undo(self) -> None:
        if not self.undo_stack:
            return
        change = self.undo_stack.pop()
        self._last_keyed = None
        workshop_id = self.workshop_id
        restored = save(self, lambda session, actor: month_grid.restore_cell(
            session, change.participant_id, workshop_id, change.day, change.before,
            expected_version=change.after.version if change.after else None, actor=actor),
            reload=self._forget_and_reload, ask_reload=False, say=self._refused)
        if not saved(restored):
            return
        index = self.model.index_of(change.participant_id, change.day)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self._changed(index, restored, [])

    def _changed(self, index: QModelIndex, cell: Cell | None, warnings: list[str]) -> None:
        self.say("")
        self.model.update_cell(index.row(), index.column(), cell)
        self._update_summary()
        self._update_undo()
        self.warning.setText("\n".join(_("Warning: {text}").format(text=text) for text in warnings))
        self.warning.setVisible(bool(warnings))
        self.changed.emit()

    def _refused(self, text: str) -> None:
        """The one sentence from the service; the grid is read again, since it was probably out of date."""
        messages.error(self, text)
        self._forget_and_reload()

    def _forget_and_reload(self) -> None:
        self.keys.forget()
        self._last_keyed = None
        self.reload()

    def _update_undo(self) -> None:
        self.undo_button.setEnabled(bool(self.undo_stack))

    def _context_menu(self, position) -> None:
        menu = self.status_menu(self.table.indexAt(position))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(position))
            menu.deleteLater()

    def status_menu(self, index: QModelIndex) -> QMenu | None:
        """Every status by name for an open day (the mouse's way, and leave without the U→W rule)."""
        if not index.isValid() or not self.model.is_editable(index.row(), index.column()):
            return None
        person, day = self.model.person_at(index.row()), self.model.day_at(index.column())
        menu = QMenu(self)
        for status in STATUSES:
            action = menu.addAction(_("{letter} – {status}").format(letter=status.letter, status=label(status)))
            action.triggered.connect(lambda _checked=False, s=status: self.record(person.participant_id, day.day, s))
        menu.addSeparator()
        clear = menu.addAction(_("Clear (Delete)"))
        clear.setEnabled(self.model.cell_at(index.row(), index.column()) is not None)
        clear.triggered.connect(lambda: self.record(person.participant_id, day.day, None))
        return menu


def _arrow_button(arrow: Qt.ArrowType, name: str, tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setArrowType(arrow)
    button.setAccessibleName(name)  # an arrow has no text for a screen reader to say
    button.setToolTip(tooltip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def _month_step(event: QKeyEvent) -> int:
    if event.modifiers() & _SHORTCUT_MODIFIERS != Qt.KeyboardModifier.AltModifier:
        return 0
    return {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()), 0)
