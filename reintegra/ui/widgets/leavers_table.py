"""Where last year's leavers are 3, 6 and 12 months after leaving (``pathway.leavers_after``), as a
compact grid for the start page's outcomes panel: a row per place with anyone in it, a column per
horizon, the number of leavers under them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from reintegra.i18n import _, format_number, ngettext
from reintegra.services import pathway
from reintegra.services.outcomes import Period, period_dates
from reintegra.services.pathway import LeaversAfter


class LeaversTable(QWidget):
    """``show_for(session, today, actor)`` reads and shows the previous calendar year's leavers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.leavers: LeaversAfter | None = None
        self.title = QLabel()
        self.title.setObjectName("leavers-title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.setToolTip(pathway.leavers_definition())
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)

    def show_for(self, session, today: date, actor) -> None:
        start, end = period_dates(Period.PREVIOUS_YEAR, today)
        self.show_leavers(pathway.leavers_after(session, start, end, as_of=today, actor=actor))

    def show_leavers(self, leavers: LeaversAfter) -> None:
        self.leavers = leavers
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.title.setText(ngettext("Where the {count} person who left in {year} is",
                                    "Where the {count} people who left in {year} are", leavers.leavers).format(
            count=format_number(leavers.leavers), year=leavers.start.year))
        if not leavers.leavers:
            self.title.setText(_("Nobody left in {year}.").format(year=leavers.start.year))
            return
        for column, months in enumerate(pathway.HORIZONS, 1):
            head = QLabel(ngettext("{count} month", "{count} months", months).format(count=months))
            head.setProperty("role", "hint")
            self.grid.addWidget(head, 0, column, Qt.AlignRight)
        row = 1
        for place in pathway.PLACES:
            counts = [leavers.by_horizon[months][place] for months in pathway.HORIZONS]
            if not any(counts):
                continue  # compact: only the places someone is in
            name = QLabel(pathway.place_label(place))
            name.setObjectName(f"leavers-{place.value}")
            self.grid.addWidget(name, row, 0)
            for column, count in enumerate(counts, 1):
                cell = QLabel(format_number(count))
                cell.setObjectName(f"leavers-{place.value}-{pathway.HORIZONS[column - 1]}")
                self.grid.addWidget(cell, row, column, Qt.AlignRight)
            row += 1

    def rows(self) -> dict[str, list[str]]:
        """What the grid shows: place name → the numbers at 3, 6 and 12 months (for tests)."""
        found = {}
        for row in range(1, self.grid.rowCount()):
            name = self.grid.itemAtPosition(row, 0)
            if name is None:
                continue
            found[name.widget().text()] = [self.grid.itemAtPosition(row, column).widget().text()
                                           for column in range(1, len(pathway.HORIZONS) + 1)]
        return found
