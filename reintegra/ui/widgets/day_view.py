"""One workshop's day in the daily log: the grid of who came, the day log beside it, and every change.

Each key is one unit of work through the attendance service; the grid then shows the stored
row. ``undo`` puts back what the last change replaced (a whole "all present" at once), even on
another day: ``place_asked`` lets the page show that day first. Weekends and holidays stay
closed until "Record anyway".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from reintegra.db.enums import AttendanceStatus
from reintegra.i18n import _, format_date, format_number, ngettext
from reintegra.services import attendance, attendance_gaps, workshops
from reintegra.services.attendance import DayRow, DaySheet
from reintegra.services.errors import ReintegraError
from reintegra.services.labels import label
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.note import NoteDialog
from reintegra.ui.models.day_sheet import HOURS, DaySheetModel
from reintegra.ui.status_keys import CLEAR, keys_text, status_letters
from reintegra.ui.widgets.day_grid import DayGrid
from reintegra.ui.widgets.day_log_editor import DayLogEditor
from reintegra.ui.widgets.form import ERROR_STYLE
from reintegra.ui.widgets.gaps_line import GapsLine
from reintegra.ui.saving import RunsDialogs, save, saved

GAP_DAYS = attendance_gaps.RECENT_DAYS
UNDO_DEPTH = 200
WARNING_STYLE = "color: #8a5200; font-weight: 600;"
HINT_STYLE = "color: #5f6b73;"


@dataclass(frozen=True)
class Change:
    """What a change replaced: the rows as they were before it (status None: not recorded)."""

    workshop_id: int
    day: date
    before: tuple[DayRow, ...]


class DayView(RunsDialogs, QWidget):
    day_asked = Signal(object)  # a day of the "not entered" line was chosen
    place_asked = Signal(int, object)  # undo needs this workshop and day shown first
    changed = Signal()  # after every saved change

    def __init__(self, context: AppContext, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.workshop_id: int | None = None
        self.day = today()
        self.sheet: DaySheet | None = None
        self.record_anyway = False
        self._undo: list[Change] = []
        self._excused_row: int | None = None  # where the last status key went, for U then W
        self._split = False

        self.date_label = QLabel()
        self.date_label.setObjectName("daily-log-date-label")
        self.date_label.setProperty("role", "section-title")
        self.day_off = QLabel()
        self.day_off.setObjectName("daily-log-day-off")
        self.day_off.setStyleSheet(WARNING_STYLE)
        self.day_off.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 8))  # a narrow window cuts it
        self.record_button = QPushButton(_("Record anyway"))
        self.record_button.setToolTip(_("Open this day off for recording, e.g. for a trip or a working Saturday"))
        self.record_button.clicked.connect(self.open_day_off)
        banner = QHBoxLayout()
        banner.addWidget(self.date_label)
        banner.addSpacing(12)
        banner.addWidget(self.day_off)
        banner.addWidget(self.record_button)
        banner.addStretch(1)
        self.gaps = GapsLine()
        self.gaps.day_chosen.connect(self.day_asked)

        self.model = DaySheetModel(self)
        self.model.edited.connect(self._edited)
        self.grid = DayGrid(self.model)
        self.grid.status_key.connect(self._status_key)
        self.grid.locked_key.connect(self._locked)
        self.log_editor = DayLogEditor(context)
        self.log_editor.escaped.connect(self.grid.setFocus)
        self.log_editor.setContentsMargins(8, 0, 0, 0)
        self.log_editor.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 14))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._grid_column())
        self.splitter.addWidget(self.log_editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(banner)
        layout.addWidget(self.gaps)
        layout.addWidget(self.splitter, 1)

    def _grid_column(self) -> QWidget:
        self.all_present = QPushButton(_("All present"))
        self.all_present.setToolTip(_("Everyone not recorded yet becomes present (Ctrl+P)"))
        self.all_present.clicked.connect(self.mark_all_present)
        self.note_button = QPushButton(_("Add note"))
        self.note_button.setToolTip(_("A progress note about the chosen person, dated this day (Ctrl+N)"))
        self.note_button.clicked.connect(self.add_note)
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(_("Undo the last change (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for button in (self.all_present, self.note_button, self.undo_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status_line = QLabel()
        self.status_line.setObjectName("daily-log-status")
        self.status_line.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("daily-log-warnings")
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setWordWrap(True)
        keys = QLabel(_("Keys: {keys} (after U the cursor stays on the person for the W of UW; ↓ moves on); "
                        "Delete: not recorded; Enter or a digit: hours; Alt+←/→: previous or next "
                        "working day.").format(keys=keys_text()))
        keys.setObjectName("daily-log-keys")
        keys.setProperty("role", "hint")
        keys.setWordWrap(True)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.grid, buttons, self.status_line, self.warnings, keys):
            if isinstance(widget, QHBoxLayout):
                layout.addLayout(widget)
            else:
                layout.addWidget(widget, 1 if widget is self.grid else 0)
        return column

    # -- what is shown --------------------------------------------------------------------------

    def show_day(self, workshop_id: int | None, day: date) -> None:
        """That workshop's day; what was typed into the day log before goes to its own day first."""
        if (workshop_id, day) != (self.workshop_id, self.day):
            self.log_editor.save_now()
            self.record_anyway = False
            self._excused_row = None
            self.grid.keys.forget()
        self.workshop_id, self.day = workshop_id, day
        self.reload()

    def reload(self) -> None:
        """Reads the day again; the same person (and column) stays chosen."""
        if self.workshop_id is None:
            self.model.set_rows([], False)
            return
        current = self.grid.currentIndex()
        chosen = self.model.row_at(current.row()).participant_id if current.isValid() else None
        column = current.column() if current.isValid() else None
        try:
            with self.context.read() as session:
                self.sheet = attendance.day_sheet(session, self.workshop_id, self.day,
                                                  actor=self.context.actor(session))
                workshop_name = workshops.get_workshop(session, self.workshop_id).name
        except ReintegraError as error:
            self.say(error.message, error=True)
            return
        editable = self.sheet.is_working_day or self.record_anyway
        self.model.set_rows(self.sheet.rows, editable)
        self.grid.setAccessibleName(_("Attendance on {date} — {workshop}").format(
            date=format_date(self.day, "full"), workshop=workshop_name))
        row = self.model.row_of(chosen) if chosen is not None else None
        self.grid.go_to_row(row if row is not None else 0, column)
        self._show_banner()
        self._show_warnings([])
        self.log_editor.load(self.workshop_id, self.day, self.sheet.log_text, self.sheet.log_version, editable)

    def _show_banner(self) -> None:
        text = format_date(self.day, "full")
        self.date_label.setText(_("{date} (today)").format(date=text) if self.day == self.today() else text)
        closed = not self.sheet.is_working_day
        reason = self.sheet.holiday or _("weekend")
        self.day_off.setText(_("Day off — {reason}").format(reason=reason) if closed else "")
        self.day_off.setVisible(closed)
        self.record_button.setVisible(closed and not self.record_anyway)
        self.all_present.setEnabled(self.model.editable)
        if closed and self.record_anyway:
            self.say(_("Recording on a day off."))
        elif not self.model.rowCount():
            self.say(_("Nobody is placed in this workshop on this day."))
        else:
            self.say("")

    def open_day_off(self) -> None:
        self.record_anyway = True
        self.model.set_editable(True)
        self.log_editor.set_editable(True)
        self._show_banner()
        self.grid.setFocus()

    def refresh_gaps(self) -> None:
        """The working days of the last month (up to yesterday) whose attendance is incomplete."""
        days = []
        if self.workshop_id is not None:
            end = self.today() - timedelta(days=1)
            with self.context.read() as session:
                days = attendance_gaps.attendance_gaps(session, self.workshop_id, end - timedelta(days=GAP_DAYS - 1),
                                                       end, actor=self.context.actor(session))
        self.gaps.set_days(days)

    def _show_warnings(self, found: list[str]) -> None:
        lines = [*(self.sheet.warnings if self.sheet else ()), *found]
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    def say(self, text: str, *, error: bool = False) -> None:
        """One sentence under the grid: what was saved, or why not."""
        self.status_line.setText(text)
        self.status_line.setVisible(bool(text))
        style = ERROR_STYLE if error else HINT_STYLE
        if self.status_line.styleSheet() != style:  # restyling costs more than the rest of a day switch
            self.status_line.setStyleSheet(style)

    def _say_error(self, text: str) -> None:
        self.say(text, error=True)

    def _locked(self) -> None:
        if not self.model.editable:
            self.say(_("This is a day off. Choose “Record anyway” to enter attendance."), error=True)
        else:
            self.say(_("Give a status first ({letters}), then the remark.").format(letters=status_letters()),
                     error=True)

    # -- changing -------------------------------------------------------------------------------

    def _status_key(self, row: int, status, amends: bool) -> None:
        if amends and self._excused_row is not None:
            row = self._excused_row
        before = self.model.row_at(row)
        if status == CLEAR and before.status is None:
            self.grid.next_row()
            return
        if not self._write(row, status, hours=before.hours if status is before.status else None,
                           remark=before.remark):
            return
        if amends and self._undo and self._undo[-1].before[0].participant_id == before.participant_id:
            before = self._undo.pop().before[0]  # U then W is one change: undo goes back before the U
        self._remember(Change(self.workshop_id, self.day, (before,)))
        self._excused_row = row  # a second letter (the W of UW) amends this row, whichever letter went to it
        if not self.grid.keys.waiting:  # a U stays on its person: U then W there is leave; ↓ moves on
            self.grid.next_row()

    def _edited(self, row: int, column: int, text: str) -> None:
        before = self.model.row_at(row)
        if column == HOURS:  # hours typed for someone not recorded yet: present for that long
            written = self._write(row, before.status or AttendanceStatus.PRESENT, hours=text, remark=before.remark)
        else:
            written = self._write(row, before.status, hours=before.hours, remark=text)
        if written:
            self._remember(Change(self.workshop_id, self.day, (before,)))
        elif self.model.rowCount() > row and self.model.row_at(row).participant_id == before.participant_id:
            # refused: stays on screen (in its editor) with the reason, to correct and try again
            self.model.keep_unsaved(row, column, text, self.status_line.text())

    def _write(self, row: int, status, *, hours, remark: str) -> bool:
        """One person's day through the service, as one unit of work; the stored row goes back in the grid."""
        current = self.model.row_at(row)
        workshop_id, day, day_length = self.workshop_id, self.day, self.sheet.day_length

        def write(session, actor):
            if status == CLEAR:
                attendance.clear_attendance(session, current.participant_id, day,
                                            expected_version=current.version, actor=actor)
                return replace(current, status=None, hours=None, remark="", version=None), []
            entry, found = attendance.record_attendance(
                session, current.participant_id, workshop_id, day, status, hours=hours, remark=remark,
                expected_version=current.version, actor=actor, day_length=day_length)
            return replace(current, status=entry.status, hours=entry.hours, remark=entry.remark,
                           version=entry.version), found

        result = save(self, write, reload=self.reload, ask_reload=False, say=self._say_error)
        if not saved(result):
            return False
        stored, found = result
        self.model.replace(row, stored)
        name = _name(stored)
        self._show_warnings([_("{name}: {warning}").format(name=name, warning=w) for w in found])
        self.say(_("Saved: {name} — {status}").format(name=name, status=_status_text(stored)))
        self._after_change()
        return True

    def mark_all_present(self) -> None:
        if self.workshop_id is None:
            return
        if not self.model.editable:
            self._locked()
            return
        before = {row.participant_id: row for row in self.model.rows() if row.status is None}
        workshop_id, day = self.workshop_id, self.day
        filled = save(self, lambda session, actor: attendance.fill_present(session, workshop_id, day, actor=actor),
                      reload=self.reload, ask_reload=False, say=self._say_error)
        if not saved(filled):
            return
        self.reload()
        if filled.participant_ids:
            self._remember(Change(self.workshop_id, self.day,
                                  tuple(before[pid] for pid in filled.participant_ids if pid in before)))
        self._show_warnings([_("{name}: {warning}").format(name=_name(before[pid]) if pid in before else "",
                                                          warning=w)
                             for pid, found in filled.warnings.items() for w in found])
        count = len(filled.participant_ids)
        self.say(ngettext("{count} person marked present.", "{count} people marked present.", count).format(
            count=count) if count else _("Everyone already has a status for this day."))
        self._after_change()

    def undo(self) -> None:
        if not self._undo:
            self.say(_("Nothing to undo."))
            return
        change = self._undo[-1]
        if (change.workshop_id, change.day) != (self.workshop_id, self.day):
            self.place_asked.emit(change.workshop_id, change.day)
            if (change.workshop_id, change.day) != (self.workshop_id, self.day):
                return  # that workshop cannot be shown any more
        self._undo.pop()
        versions = {}
        for before in change.before:
            number = self.model.row_of(before.participant_id)
            versions[before.participant_id] = self.model.row_at(number).version if number is not None else None
        day_length = self.sheet.day_length

        def put_back(session, actor) -> None:
            for before in change.before:
                version = versions[before.participant_id]
                if before.status is None:
                    attendance.clear_attendance(session, before.participant_id, change.day,
                                                expected_version=version, actor=actor)
                else:
                    attendance.record_attendance(
                        session, before.participant_id, change.workshop_id, change.day, before.status,
                        hours=before.hours, remark=before.remark, expected_version=version, actor=actor,
                        day_length=day_length)

        if not saved(save(self, put_back, ask_reload=False)):
            self.reload()
            return
        self._excused_row = None
        self.reload()
        first, count = change.before[0], len(change.before)
        self.grid.go_to_row(self.model.row_of(first.participant_id) or 0)
        self.say(_("Undone: {name} — {status}").format(name=_name(first), status=_status_text(first)) if count == 1
                 else ngettext("Undone: {count} person back to not recorded.",
                               "Undone: {count} people back to not recorded.", count).format(count=count))
        self._after_change()

    def _remember(self, change: Change) -> None:
        self._undo.append(change)
        del self._undo[:-UNDO_DEPTH]

    def _after_change(self) -> None:
        self.changed.emit()
        if self.today() - timedelta(days=GAP_DAYS) <= self.day < self.today():
            self.refresh_gaps()

    # -- the person's note ----------------------------------------------------------------------

    def make_note_dialog(self, participant_id: int) -> NoteDialog:
        dialog = NoteDialog(self.context, participant_id, parent=self)
        dialog.form.day.set_date(self.day)
        return dialog

    def add_note(self) -> None:
        row = self.grid.current_row()
        if row < 0:
            self.say(_("Choose a person first."), error=True)
            return
        person = self.model.row_at(row)
        if self.open_dialog(self.make_note_dialog(person.participant_id)):
            self.say(_("Note about {name} added.").format(name=_name(person)))
        self.grid.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._split:  # the day log gets what it needs; the grid everything else
            self._split = True
            width = self.splitter.width()
            side = max(self.log_editor.minimumWidth(), self.fontMetrics().horizontalAdvance("M" * 22), width * 3 // 10)
            self.splitter.setSizes([width - side, side])

    def hideEvent(self, event) -> None:
        self.log_editor.save_now()
        super().hideEvent(event)


def _name(row: DayRow) -> str:
    return f"{row.first_name} {row.last_name}"


def _status_text(row: DayRow) -> str:
    if row.status is None:
        return _("not recorded")
    if row.hours:
        return _("{text}, {hours} h").format(text=label(row.status).lower(), hours=format_number(row.hours))
    return label(row.status).lower()
