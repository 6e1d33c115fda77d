"""Switching the daily log to another day or workshop on the reference data (demo 300 × 10), each switch
timed until the grid is painted; beside a bare QTableView over a QStandardItemModel refilled with the
same number of rows from a list in memory, switched the same number of times.

Target (DESIGN.md): < 50 ms per switch."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

from common import Result, demo_database, painted_ms, percentile

SWITCHES = 20
SIZE = (1156, 700)  # the page's share of a 1366×768 screen
TARGET_MS = 50


def _director(database: str):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from reintegra.db.enums import Role
    from reintegra.db.models import User
    from reintegra.services.database import open_database
    from reintegra.ui.context import SignedIn

    engine = open_database(database)
    with Session(engine) as session:
        user = session.scalar(select(User).where(User.role == Role.DIRECTOR).limit(1))
        signed_in = SignedIn(user.id, user.username, user.full_name, user.role)
    engine.dispose()
    return signed_in


def _measure_page(app, database: str) -> tuple[list[float], list[float], list[int]]:
    from reintegra.services import calendar
    from reintegra.services.database import open_database
    from reintegra.ui.context import AppContext
    from reintegra.ui.pages.daily_log import DailyLogPage, today

    context = AppContext(open_database(database), database, _director(database))
    page = DailyLogPage(context)
    page.resize(*SIZE)
    page.show()
    page.activated()
    app.processEvents()
    grid, combo = page.day_view.grid, page.chooser.workshop
    if combo.count() < 2 or page.day_view.model.rowCount() == 0:
        raise RuntimeError("the demo database should have several workshops with people in them")
    page.show_day(calendar.next_working_day(today(), -1))  # a day with attendance in the demo data
    sizes = []

    def day_step(direction: int):
        def switch():
            page.step(direction)
            sizes.append(page.day_view.model.rowCount())
        return switch

    for direction in (-1, 1):  # warm-up
        painted_ms(app, grid, day_step(direction))
    sizes.clear()
    days = [painted_ms(app, grid, day_step(-1 if n < SWITCHES // 2 else 1)) for n in range(SWITCHES)]

    def workshop(index: int):
        def switch():
            combo.setCurrentIndex(index)
            sizes.append(page.day_view.model.rowCount())
        return switch

    workshops = [painted_ms(app, grid, workshop((n + 1) % combo.count())) for n in range(SWITCHES)]
    page.close()
    context.engine.dispose()
    return days, workshops, sizes


def _measure_bare(app, sizes: list[int]) -> list[float]:
    """A plain QTableView whose QStandardItemModel is refilled from a list in memory, as many rows each time."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    people = [(f"Nazwisko{n} Imię{n}", "Obecny", "7", "") for n in range(max(sizes))]
    model = QStandardItemModel(0, 4)
    view = QTableView()
    view.setModel(model)
    view.resize(*SIZE)
    view.show()
    app.processEvents()

    def fill(count: int):
        def switch():
            model.removeRows(0, model.rowCount())
            for row in people[:count]:
                model.appendRow([QStandardItem(text) for text in row])
        return switch

    times = [painted_ms(app, view, fill(count)) for count in sizes]
    view.close()
    return times


def measure() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        # The page remembers the chosen workshop in the settings file: a throwaway one, not the user's.
        saved = os.environ.get("XDG_CONFIG_HOME")
        os.environ["XDG_CONFIG_HOME"] = folder
        try:
            database = str(Path(folder) / "demo.db")
            shutil.copyfile(demo_database(), database)
            from reintegra.ui.app import create_application

            app = create_application()
            days, workshops, sizes = _measure_page(app, database)
            bare = _measure_bare(app, sizes)
        finally:
            if saved is None:
                os.environ.pop("XDG_CONFIG_HOME", None)
            else:
                os.environ["XDG_CONFIG_HOME"] = saved
    note = f"{SWITCHES} switches, {min(sizes)}–{max(sizes)} people"
    return [
        Result("daily log: another day (median)", statistics.median(days), TARGET_MS, statistics.median(bare),
               note=note),
        Result("daily log: another day (90th percentile)", percentile(days, 0.9), TARGET_MS,
               percentile(bare, 0.9)),
        Result("daily log: another workshop (median)", statistics.median(workshops), TARGET_MS,
               statistics.median(bare), note=note),
        Result("daily log: another workshop (90th percentile)", percentile(workshops, 0.9), TARGET_MS,
               percentile(bare, 0.9)),
    ]


if __name__ == "__main__":
    for result in measure():
        print(result)
