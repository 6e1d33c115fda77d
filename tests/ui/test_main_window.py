"""The desktop window opens on a database and shows where it is and what it holds."""

from datetime import date

from PySide6.QtWidgets import QLabel
from sqlalchemy.orm import Session

from factories import placed, workshop
from reintegra.services import facility
from reintegra.services.facility import FacilityFields
from reintegra.ui.main_window import MainWindow


def test_window_shows_facility_and_counts(qtbot, engine, database_path):
    with Session(engine) as session:
        facility.update_facility(session, FacilityFields(name="Warsztat Terapii Zajęciowej „Źródło”"))
        kitchen = workshop(session)
        placed(session, "Jan", "Kowalski", date(2024, 1, 8), kitchen.id)
        session.commit()
    window = MainWindow(engine, database_path)
    qtbot.addWidget(window)
    window.show()
    assert "„Źródło”" in window.windowTitle()
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert any("1" in text and "Aktywni uczestnicy" in text for text in texts), texts
    assert database_path in window.statusBar().currentMessage()
