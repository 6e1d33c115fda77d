"""The facility's outcome figures in a compact panel for the start page: a big rate for each with its
name and "n of m" beside it, one under another (the panel fits a narrow side column), and a choice of
period (this year, the last 12 months, the previous year)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reintegra.i18n import _, format_date, format_number, format_percent, ngettext
from reintegra.services import outcomes
from reintegra.services.attendance import not_entered_text
from reintegra.services.outcomes import OutcomeFigures, Period, Share
from reintegra.ui.context import AppContext
from reintegra.ui.widgets.leavers_table import LeaversTable

NO_VALUE = "—"
_PANEL_STYLE = """
QFrame#outcome-tile { background: #f4f7f9; border: 1px solid #d8e1e7; border-radius: 6px; }
QLabel[role="outcome-value"] { font-size: 18pt; font-weight: 600; color: #1f3b4d; }
QLabel[role="outcome-share"] { color: #5f6b73; }
"""


@dataclass(frozen=True)
class _Figure:
    key: str
    title: str
    explanation: str


def _figures() -> list[_Figure]:
    return [
        _Figure("completion", _("Completed the programme"),
                _("Exits that completed the programme (all but dropping out, removal from the list and death), "
                  "of the exits in the period other than deaths.")),
        _Figure("employed_at_exit", _("Employed at exit"),
                _("Exits for employment, to a social cooperative or to a ZAZ, of all exits in the period.")),
        _Figure("employed_within_90_days", _("Employed within 90 days of exit"),
                _("People who completed the programme in the period and did not go on to education, working "
                  "at exit (employment, a social cooperative) or at a follow-up contact within 90 days; each "
                  "person once.")),
        _Figure("retention", _("Still employed after 6 months"),
                _("Of those employed within 90 days whose six months have passed, the people still working "
                  "at the 6-month follow-up contact.")),
        _Figure("attendance", _("Attendance rate"),
                _("Days present, of the working days of the placements in the period up to today that have an "
                  "entry; the working days nobody has entered yet are counted apart.")),
    ]


def _periods() -> list[tuple[Period, str]]:
    return [(Period.THIS_YEAR, _("This year")), (Period.LAST_12_MONTHS, _("Last 12 months")),
            (Period.PREVIOUS_YEAR, _("Previous year"))]


class _Tile(QFrame):
    """One figure: the rate in big digits, the figure's name and "n of m" beside it."""

    def __init__(self, figure: _Figure, parent=None):
        super().__init__(parent)
        self.setObjectName("outcome-tile")
        self.setToolTip(figure.explanation)
        self.value = QLabel(NO_VALUE)
        self.value.setProperty("role", "outcome-value")
        self.value.setObjectName(f"{figure.key}-value")
        self.share = QLabel()
        self.share.setProperty("role", "outcome-share")
        self.share.setObjectName(f"{figure.key}-share")
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("100,0%") * 2)
        title = QLabel(figure.title)
        title.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(title)
        text.addWidget(self.share)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.value)
        row.addLayout(text, 1)

    def show_share(self, share: Share, text: str) -> None:
        self.value.setText(format_percent(share.rate) or NO_VALUE)
        self.share.setText(text)


class OutcomesPanel(QWidget):
    """The outcome figures of ``outcomes.outcomes_for`` for the chosen period; ``refresh()`` re-reads them.

    ``today`` is the day the periods are counted from (None: the real today, read at each refresh).
    """

    def __init__(self, context: AppContext, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.figures: OutcomeFigures | None = None
        self._stale = True
        self.setStyleSheet(_PANEL_STYLE)

        title = QLabel(_("Outcomes"))
        title.setProperty("role", "section-title")
        self.period = QComboBox()
        for period, text in _periods():
            self.period.addItem(text, period)
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period)
        self.range = QLabel()
        self.range.setProperty("role", "hint")
        chooser = QHBoxLayout()
        chooser.addWidget(period_label)
        chooser.addWidget(self.period, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(chooser)
        layout.addWidget(self.range)
        self.tiles: dict[str, _Tile] = {}
        for figure in _figures():
            self.tiles[figure.key] = _Tile(figure)
            layout.addWidget(self.tiles[figure.key])
        # The path after: where last year's leavers are 3, 6 and 12 months on, whatever the period chosen.
        self.leavers = LeaversTable()
        layout.addWidget(self.leavers)
        self.period.currentIndexChanged.connect(self.refresh)
        context.events.participants_changed.connect(self._data_changed)

    def chosen_period(self) -> Period:
        return Period(self.period.currentData())  # Qt hands str-enum data back as plain str

    def refresh(self, *_args) -> None:
        today = self.today or date.today()
        with self.context.read() as session:
            figures = outcomes.outcomes_for(session, self.chosen_period(), today=today,
                                            actor=self.context.actor(session))
            self.leavers.show_for(session, today, self.context.actor(session))
        self.figures = figures
        self._stale = False
        # Only the dates: the period's name stands beside them, in the chooser.
        self.range.setText(f"{format_date(figures.start)} – {format_date(figures.end)}")
        for key in ("completion", "employed_at_exit", "employed_within_90_days", "retention"):
            share: Share = getattr(figures, key)
            self.tiles[key].show_share(share, _("{count} of {total}").format(
                count=format_number(share.count), total=format_number(share.total)))
        attendance = figures.attendance
        text = ngettext("{count} of {total} working day entered", "{count} of {total} working days entered",
                        attendance.total).format(count=format_number(attendance.count),
                                                 total=format_number(attendance.total))
        if figures.not_entered_days:  # beside the rate that leaves them out
            text += "\n" + not_entered_text(figures.not_entered_days)
        self.tiles["attendance"].show_share(attendance, text)

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
