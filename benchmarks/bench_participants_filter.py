"""Searching the participants list while typing: 1000 participants, the page's search box driven
key by key ("kowal", then Backspace to empty), each keystroke timed with the proxy filtering and
the view repainting; beside a bare QLineEdit + QSortFilterProxyModel with a fixed-string filter
over the same rows, typed the same way.

Target (DESIGN.md): < 30 ms per keystroke."""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import date, timedelta

from common import CACHE, Result, percentile

PARTICIPANTS = 1000
TYPED = "kowal"
ROUNDS = 20
SIZE = (1156, 700)  # the page's share of a 1366×768 screen

FIRST_NAMES = ["Jan", "Piotr", "Łukasz", "Krzysztof", "Tomasz", "Paweł", "Michał", "Zbigniew", "Anna", "Małgorzata",
               "Katarzyna", "Żaneta", "Agnieszka", "Ewa", "Joanna", "Łucja", "Zofia", "Barbara", "Elżbieta"]
SURNAMES = ["Kowalski", "Kowalczyk", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
            "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Ostrowski", "Żak", "Łęcki",
            "Ślusarczyk", "Świątek", "Adamczyk", "Zając", "Król", "Wieczorek", "Kowalewski", "Kowal"]


def _pesel(birth: date, serial: int) -> str:
    from stdnum.pl import pesel

    month = birth.month + {1900: 0, 2000: 20}[birth.year // 100 * 100]
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:04d}"
    return digits + pesel.calc_check_digit(digits)


def participants_database() -> str:
    """A facility of 1000 participants taking part in ten workshops, made once through the services."""
    from sqlalchemy.orm import Session

    from reintegra.db.enums import WorkshopKind
    from reintegra.services import participants, placements, workshops
    from reintegra.services.database import open_database
    from reintegra.services.participants import ParticipantFields

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"participants-{PARTICIPANTS}.db"
    if path.exists():
        return str(path)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    engine = open_database(str(partial))
    chosen = random.Random(2026)
    with Session(engine) as session:
        kitchens = [workshops.create_workshop(session, f"Pracownia {number}", WorkshopKind.OTHER, 100)
                    for number in range(1, 11)]
        for serial in range(PARTICIPANTS):
            birth = date(1960, 1, 1) + timedelta(days=chosen.randrange(365 * 40))
            admission = date.today() - timedelta(days=chosen.randrange(30, 365 * 5))
            person = participants.admit(session, ParticipantFields(
                first_name=chosen.choice(FIRST_NAMES), last_name=chosen.choice(SURNAMES),
                pesel=_pesel(birth, serial), admission_date=admission))
            placements.place(session, person.id, chosen.choice(kitchens).id, admission)
        session.commit()
    engine.dispose()
    partial.rename(path)
    return str(path)


def _type_and_clear(app, editor, view) -> list[float]:
    """Milliseconds for each keystroke: typing TYPED, then Backspace until empty.

    Each keystroke ends with the view painted once: when Qt has only scheduled the repaint
    (it may wait for a timer), it is done at once instead."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    class PaintSeen(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    painted = PaintSeen()
    view.viewport().installEventFilter(painted)
    times = []
    keys = [(char, None) for char in TYPED] + [(None, Qt.Key.Key_Backspace)] * len(TYPED)
    for char, key in keys:
        painted.seen = False
        start = time.perf_counter()
        QTest.keyClick(editor, char if char is not None else key)
        app.processEvents()
        if not painted.seen:
            view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    view.viewport().removeEventFilter(painted)
    return times


def _measure_page(app, database: str) -> list[float]:
    from reintegra.db.enums import Role
    from reintegra.services.database import open_database
    from reintegra.ui.context import AppContext, SignedIn
    from reintegra.ui.pages.participants import ParticipantsPage

    context = AppContext(open_database(database), database, SignedIn(None, "admin", "Administrator",
                                                                     Role.ADMINISTRATOR))
    page = ParticipantsPage(context)
    page.resize(*SIZE)
    page.show()
    app.processEvents()
    if page.proxy.rowCount() != PARTICIPANTS:
        raise RuntimeError(f"the page lists {page.proxy.rowCount()} participants, not {PARTICIPANTS}")
    page.search.setFocus()
    _type_and_clear(app, page.search, page.table)  # warm-up
    times = [ms for _ in range(ROUNDS) for ms in _type_and_clear(app, page.search, page.table)]
    page.close()
    context.engine.dispose()
    return times


def _measure_bare(app, database: str) -> list[float]:
    """The same rows as plain strings in a QStandardItemModel, filtered by Qt alone."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget
    from sqlalchemy.orm import Session

    from reintegra.services import participants
    from reintegra.services.database import open_database

    engine = open_database(database)
    with Session(engine) as session:
        rows = participants.search(session)
    engine.dispose()
    model = QStandardItemModel(0, 7)
    for row in rows:
        model.appendRow([QStandardItem(text) for text in (
            row.last_name, row.first_name, row.pesel, row.programme.value, row.workshop,
            row.admission_date.strftime("%d.%m.%Y"), "")])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    window = QWidget()
    editor = QLineEdit()
    editor.textChanged.connect(proxy.setFilterFixedString)
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.AscendingOrder)
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(table)
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    editor.setFocus()
    _type_and_clear(app, editor, table)
    times = [ms for _ in range(ROUNDS) for ms in _type_and_clear(app, editor, table)]
    window.close()
    return times


def measure() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reintegra.ui.app import create_application

    database = participants_database()
    app = create_application()
    page = _measure_page(app, database)
    bare = _measure_bare(app, database)
    keystrokes = len(page)
    return [
        Result("participant search, ms per keystroke (median)", statistics.median(page), 30,
               statistics.median(bare), note=f"{PARTICIPANTS} participants, {keystrokes} keystrokes"),
        Result("participant search, 90th percentile keystroke", percentile(page, 0.9), 30, percentile(bare, 0.9)),
    ]


if __name__ == "__main__":
    for result in measure():
        print(result)
