"""Loading the month grid: on the demo 300 × 10 database, every workshop × the last six months,
each load timed from the click to the grid painted — the service's queries, the model, the view
(columns fitted, cursor placed) and the paint; beside a bare QStandardItemModel of the same size,
filled from an in-memory list of strings and shown in a plain QTableView.

Target (DESIGN.md): month grid < 100 ms."""

from __future__ import annotations

import os
import statistics
from datetime import date

from common import Result, demo_database, painted_ms, percentile

MONTHS = 6
ROUNDS = 5
SIZE = (1156, 700)  # the page's share of a 1366×768 screen


def _last_months(today: date, count: int) -> list[tuple[int, int]]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _measure_view(app, context, loads) -> list[float]:
    from reintegra.ui.widgets.month_grid import MonthView

    view = MonthView(context)
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    for workshop_id, year, month in loads[:3]:  # warm-up
        view.show_month(workshop_id, year, month)
    times = []
    for _ in range(ROUNDS):
        for workshop_id, year, month in loads:
            times.append(painted_ms(app, view.table, lambda: view.show_month(workshop_id, year, month)))
            if view.model.rowCount() < 2:
                raise RuntimeError(f"nobody in workshop {workshop_id} in {year}-{month:02d}")
    view.close()
    view.deleteLater()
    app.processEvents()
    return times


def _grid_texts(context, loads) -> list[list[list[str]]]:
    """Every grid's cells as plain strings, read before the baseline's clock starts."""
    from reintegra.db.enums import MONTH_TOTAL_STATUSES
    from reintegra.i18n import format_number, format_percent
    from reintegra.services import month_grid

    grids = []
    with context.read() as session:
        for workshop_id, year, month in loads:
            grid = month_grid.month_grid(session, workshop_id, year, month)
            rows = []
            for person in grid.people:
                t = person.totals
                rows.append([person.cells[d.day].status.letter if d.day in person.cells else "" for d in grid.days]
                            + [str(t.counts[status]) for status in MONTH_TOTAL_STATUSES]
                            + [format_number(t.hours), format_percent(t.rate)])
            rows.append([""] * len(rows[0]))
            grids.append(rows)
    return grids


def _measure_bare(app, grids) -> list[float]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    table = QTableView()
    table.resize(*SIZE)
    table.show()
    app.processEvents()

    def load(rows):
        model = QStandardItemModel(0, len(rows[0]), table)  # the table owns it, as a page would
        for row in rows:
            model.appendRow([QStandardItem(text) for text in row])
        table.setModel(model)

    times = []
    for _ in range(ROUNDS):
        for rows in grids:
            times.append(painted_ms(app, table, lambda: load(rows)))
    table.close()
    table.deleteLater()
    app.processEvents()
    return times


def measure() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reintegra.db.enums import Role
    from reintegra.services import workshops
    from reintegra.services.database import open_database
    from reintegra.ui.app import create_application
    from reintegra.ui.context import AppContext, SignedIn

    database = str(demo_database())
    app = create_application()
    context = AppContext(open_database(database), database,
                         SignedIn(None, "admin", "Administrator", Role.ADMINISTRATOR))
    with context.read() as session:
        workshop_ids = [row.id for row in workshops.list_workshops(session, include_inactive=True)]
    loads = [(w, y, m) for w in workshop_ids for y, m in _last_months(date.today(), MONTHS)]
    grids = _grid_texts(context, loads)
    view = _measure_view(app, context, loads)
    bare = _measure_bare(app, grids)
    context.engine.dispose()
    note = f"{len(workshop_ids)} workshops × {MONTHS} months × {ROUNDS}, {len(view)} loads"
    return [
        Result("month grid load, ms (median)", statistics.median(view), 100, statistics.median(bare), note=note),
        Result("month grid load, 90th percentile", percentile(view, 0.9), 100, percentile(bare, 0.9)),
    ]


if __name__ == "__main__":
    for result in measure():
        print(result)
