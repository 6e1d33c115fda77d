"""The participant's attendance tab: the last two months day by day, the last twelve month by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import MONTH_TOTAL_STATUSES, AttendanceStatus
from reintegra.i18n import _, format_date, format_month, format_number, format_percent, ngettext
from reintegra.services import attendance, calendar, participants, placements
from reintegra.services.attendance import MonthRow, month_total
from reintegra.services.dates import add_months
from reintegra.services.errors import NotFoundError, PermissionDenied
from reintegra.services.labels import label, short_label
from reintegra.ui.attendance_look import DAY_OFF_BACKGROUND, GRID_COLOR, STATUS_COLORS, legend_text
from reintegra.ui.context import AppContext
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.pages.participant_tabs.base import ParticipantTab

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class MonthLine:
    year: int
    month: int
    counts: MonthRow
    total: bool = False

    @property
    def title(self) -> str:
        if self.total:
            return _("Total")
        text = format_month(self.year, self.month)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class StripDay:
    day: date
    status: AttendanceStatus | None
    working: bool
    holiday: str | None
    placed: bool
    future: bool


class TotalsModel(RowsModel):
    """Month rows with the period's total in bold at the bottom."""

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.FontRole and index.isValid() and self.row_at(index.row()).total:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class MonthStrip(QWidget):
    """Months as rows of day cells, each with the status letter; days off greyed."""

    LABEL_GAP = 12
    ROW_HEIGHT = 30
    HEADER_HEIGHT = 20
    MIN_CELL = 14  # a letter still fits; 31 of them leave a 1024×768 screen at 125% room for the rest
    MAX_CELL = 40

    def __init__(self, parent=None):
        super().__init__(parent)
        self._months: list[tuple[str, list[StripDay]]] = []
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMouseTracking(True)

    def set_months(self, months: list[tuple[str, list[StripDay]]]) -> None:
        self._months = months
        self.updateGeometry()
        self.update()

    def letter_on(self, day: date) -> str:
        """The letter shown for ``day`` ('' when nothing is recorded or the day is not shown)."""
        for _title, days in self._months:
            for cell in days:
                if cell.day == day:
                    return cell.status.letter if cell.status else ""
        return ""

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(title) for title, _days in self._months), default=0) + self.LABEL_GAP

    def _cell_width(self) -> int:
        return max(self.MIN_CELL, min(self.MAX_CELL, (self.width() - self._label_width()) // 31))

    def sizeHint(self) -> QSize:
        return QSize(self._label_width() + 31 * 32, self.HEADER_HEIGHT + len(self._months) * self.ROW_HEIGHT + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + 31 * self.MIN_CELL, self.sizeHint().height())

    def _cell_rect(self, row: int, day_number: int) -> QRect:
        width = self._cell_width()
        left = self._label_width() + (day_number - 1) * width
        return QRect(left, self.HEADER_HEIGHT + row * self.ROW_HEIGHT, width - 2, self.ROW_HEIGHT - 4)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        hint_color = QColor("#5f6b73")
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        painter.setFont(small)
        painter.setPen(hint_color)
        for number in range(1, 32):
            rect = self._cell_rect(0, number)
            painter.drawText(QRect(rect.left(), 0, rect.width(), self.HEADER_HEIGHT - 2),
                             Qt.AlignHCenter | Qt.AlignBottom, str(number))
        bold = QFont(self.font())
        bold.setBold(True)
        for row, (title, days) in enumerate(self._months):
            painter.setFont(self.font())
            painter.setPen(self.palette().windowText().color())
            label_rect = QRect(0, self.HEADER_HEIGHT + row * self.ROW_HEIGHT, self._label_width() - self.LABEL_GAP,
                               self.ROW_HEIGHT - 4)
            painter.drawText(label_rect, Qt.AlignLeft | Qt.AlignVCenter, title)
            painter.setFont(bold)
            for cell in days:
                self._paint_cell(painter, self._cell_rect(row, cell.day.day), cell)

    def _paint_cell(self, painter: QPainter, rect: QRect, cell: StripDay) -> None:
        if cell.status is not None:
            background, ink = STATUS_COLORS[cell.status]
        elif not cell.working:
            background, ink = DAY_OFF_BACKGROUND, "#5f6b73"
        else:
            background, ink = "#ffffff", "#5f6b73"
        painter.setPen(QPen(QColor(GRID_COLOR if cell.placed or cell.status else "#e3e7ea")))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 3, 3)
        if cell.status is not None:
            painter.setPen(QColor(ink))
            painter.drawText(rect, Qt.AlignCenter, cell.status.letter)
        if cell.day == date.today():
            painter.setPen(QPen(QColor("#1f3b4d"), 2))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)

    def cell_at(self, x: int, y: int) -> StripDay | None:
        row = (y - self.HEADER_HEIGHT) // self.ROW_HEIGHT
        if y < self.HEADER_HEIGHT or not 0 <= row < len(self._months):
            return None
        number = (x - self._label_width()) // self._cell_width() + 1
        return next((cell for cell in self._months[row][1] if cell.day.day == number), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            cell = self.cell_at(event.position().toPoint().x(), event.position().toPoint().y())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPosition().toPoint(), _day_text(cell), self)
            return True
        return super().event(event)


class AttendanceTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)

        self.summary = QLabel()
        self.summary.setObjectName("attendance-summary")
        self.summary.setProperty("role", "section-title")
        self.summary.setWordWrap(True)
        self.strip_title = QLabel(_("Day by day"))
        self.strip_title.setProperty("role", "section-title")
        self.strip = MonthStrip()
        self.legend = QLabel(legend_text())
        self.legend.setProperty("role", "hint")
        self.legend.setWordWrap(True)
        self.table_title = QLabel(_("Month by month"))
        self.table_title.setProperty("role", "section-title")
        self.model = TotalsModel([
            Column(_("Month"), lambda line: line.title),
            *(_count(short_label(status), status) for status in MONTH_TOTAL_STATUSES),
            Column(_("Working days"), lambda line: line.counts.working_days, align_right=True),
            Column(_("Not entered"), lambda line: line.counts.not_entered_days, align_right=True),
            Column(_("Hours"), lambda line: line.counts.hours,
                   display=lambda line: format_number(line.counts.hours), align_right=True),
            Column(_("Attendance rate"), lambda line: line.counts.rate,
                   display=lambda line: format_percent(line.counts.rate), align_right=True),
        ], self)
        self.model.muted = lambda line: not line.total and line.counts.working_days == 0
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setFocusPolicy(Qt.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        # Narrow columns on a small screen: the headers take two lines rather than lose their ends.
        header.setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
        header.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 8)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addSpacing(6)
        layout.addWidget(self.strip_title)
        layout.addWidget(self.strip)
        layout.addWidget(self.legend)
        layout.addSpacing(6)
        layout.addWidget(self.table_title)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)

    def load(self, participant_id: int, *, today: date | None = None) -> None:
        self.participant_id = participant_id
        today = today or date.today()
        try:
            with self.context.read() as session:
                actor = self.context.actor(session)
                person = participants.get_participant(session, participant_id, actor=actor)
                name, admission, exit_date = person.full_name, person.admission_date, person.exit_date
                ranges = [(p.start_date, p.end_date)
                          for p in placements.placements_of(session, participant_id, actor=actor)]
                months = []
                if admission is not None and ranges:
                    end = min(exit_date or today, today)
                    first = max(min(start for start, _end in ranges), admission)
                    start = max(add_months(end.replace(day=1), 1 - MONTHS_SHOWN), first.replace(day=1))
                    if start <= end:
                        months = attendance.participant_months(session, participant_id, start, end, as_of=today,
                                                                actor=actor)
        except (NotFoundError, PermissionDenied) as error:
            self._show_hint(error.message)
            return
        if admission is None:
            self._show_hint(_("{name} is on the waiting list; attendance is recorded after the admission and "
                              "a placement in a workshop.").format(name=name))
            return
        if not months:
            self._show_hint(_("{name} has not been placed in a workshop yet, so there is no attendance to show.")
                            .format(name=name))
            return
        lines = [MonthLine(year, month, row) for year, month, row in reversed(months)]
        total = month_total([line.counts for line in lines], participant_id)
        self.model.set_rows([*lines, MonthLine(0, 0, total, total=True)])
        self.strip.set_months([_strip_month(line, ranges, today) for line in lines[:2]])
        first, last = format_month(lines[-1].year, lines[-1].month), format_month(lines[0].year, lines[0].month)
        period = first if first == last else _("{first} – {last}").format(first=first, last=last)
        if total.working_days:
            text = _("Attendance {rate} in {period}: present on {present} of {days} working days entered, "
                     "{hours} hours.").format(
                period=period, rate=format_percent(total.rate) or "—", present=total.present,
                days=total.entered_days, hours=format_number(total.hours))
            if total.not_entered_days:  # neither present nor absent: out of the rate, said beside it
                text += " " + ngettext("{count} working day has no entry yet and is left out of the rate.",
                                       "{count} working days have no entry yet and are left out of the rate.",
                                       total.not_entered_days).format(count=format_number(total.not_entered_days))
            self.summary.setText(text)
        else:
            self.summary.setText(_("No working days in a placement yet in {period}.").format(period=period))
        for widget in (self.summary, self.strip_title, self.strip, self.legend, self.table_title, self.table):
            widget.show()
        self.hint.hide()
        # As tall as its rows, so that the period's total sits right under the months.
        rows_height = self.model.rowCount() * self.table.verticalHeader().defaultSectionSize()
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height() + rows_height
                                    + 2 * self.table.frameWidth())

    def _show_hint(self, text: str) -> None:
        self.model.set_rows([])
        self.strip.set_months([])
        self.hint.setText(text)
        self.hint.show()
        for widget in (self.summary, self.strip_title, self.strip, self.legend, self.table_title, self.table):
            widget.hide()


def _count(header: str, status: AttendanceStatus) -> Column:
    return Column(header, lambda line: line.counts.counts[status], align_right=True, spoken_header=label(status))


def _strip_month(line: MonthLine, ranges: list[tuple[date, date | None]], today: date) -> tuple[str, list[StripDay]]:
    start, end = calendar.month_bounds(line.year, line.month)
    days = [
        StripDay(day, line.counts.by_day.get(day), calendar.is_working_day(day), calendar.holiday_name(day),
                 any(s <= day and (e is None or day <= e) for s, e in ranges), day > today)
        for day in calendar.days_between(start, end)
    ]
    return line.title, days


def _day_text(cell: StripDay) -> str:
    day = format_date(cell.day, "full")
    if cell.status is not None:
        text = _("{date}: {status}").format(date=day, status=label(cell.status))
    elif cell.holiday:
        text = _("{date}: {holiday}").format(date=day, holiday=cell.holiday)
    elif not cell.working:
        text = _("{date}: weekend").format(date=day)
    elif not cell.placed:
        text = _("{date}: not placed in a workshop").format(date=day)
    elif cell.future:
        text = day
    else:
        text = _("{date}: not recorded").format(date=day)
    if cell.holiday and cell.status is not None:
        text = _("{text} ({holiday})").format(text=text, holiday=cell.holiday)
    return text
