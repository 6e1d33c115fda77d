"""The main window. For now it shows which database is open and what it holds;
the pages (participants, workshops, daily log, reports) come with their issues."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from reintegra.i18n import _, format_date
from reintegra.services import facility, participants, workshops


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, database: str):
        super().__init__()
        self._engine = engine
        with Session(engine) as session:
            name = facility.get_facility(session).name if facility.is_configured(session) else ""
            active = len(participants.search(session, status=participants.Filter.ACTIVE))
            workshop_count = len(workshops.list_workshops(session, include_inactive=False))
            session.commit()
        self.setWindowTitle(f"Reintegra — {name}" if name else "Reintegra")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setAlignment(Qt.AlignCenter)
        title = QLabel(name or _("Reintegra"))
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        title.setAlignment(Qt.AlignCenter)
        layout.addWidget(title)
        facts = QLabel(
            _("Active participants on {date}: {participants}. Active workshops: {workshops}.").format(
                date=format_date(date.today()), participants=active, workshops=workshop_count)
        )
        facts.setAlignment(Qt.AlignCenter)
        layout.addWidget(facts)
        self.setCentralWidget(body)
        self.statusBar().showMessage(_("Database: {database}").format(database=database))
        self.resize(1100, 700)
