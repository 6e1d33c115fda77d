"""The main window: navigation between the pages, Ctrl+1..6, the status bar, size and page remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel

from reintegra import config
from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import facility
from reintegra.services.facility import FacilityFields
from reintegra.ui.context import SignedIn
from reintegra.ui.main_window import MainWindow
from reintegra.ui.pages.daily_log import DailyLogPage
from reintegra.ui.pages.participants import ParticipantsPage
from reintegra.ui.pages.reports import ReportsPage
from reintegra.ui.pages.settings import SettingsPage
from reintegra.ui.pages.start import StartPage
from reintegra.ui.pages.workshops import WorkshopsPage


@pytest.fixture
def open_window(qtbot, context):
    def open_():
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_


def test_navigation_lists_the_pages_and_shows_the_chosen_one(qtbot, open_window):
    window = open_window()
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [_("Today"), _("Daily log"), _("Participants"), _("Workshops"), _("Reports"), _("Settings")]
    assert window.navigation.item(3).toolTip() == _("{page} (Ctrl+{number})").format(page=_("Workshops"), number=4)
    assert isinstance(window.pages.currentWidget(), StartPage)
    assert window.navigation.currentRow() == 0
    window.navigation.setCurrentRow(3)
    assert isinstance(window.pages.currentWidget(), WorkshopsPage)
    assert window.page("settings") is window.pages.widget(5)


def test_ctrl_number_switches_pages(qtbot, open_window):
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for key, page in ((Qt.Key_6, SettingsPage), (Qt.Key_5, ReportsPage), (Qt.Key_4, WorkshopsPage),
                      (Qt.Key_3, ParticipantsPage), (Qt.Key_2, DailyLogPage), (Qt.Key_1, StartPage)):
        qtbot.keyClick(window, key, Qt.ControlModifier)
        assert isinstance(window.pages.currentWidget(), page)
        assert window.navigation.currentRow() == window.pages.currentIndex()


def test_title_and_status_bar_say_where_and_who(qtbot, context, database_path, open_window):
    with context.unit() as session:
        facility.update_facility(session, FacilityFields(name="Warsztat Terapii Zajęciowej „Źródło”"))
    context.user = SignedIn(None, "ewa", "Ewa Lis", Role.DIRECTOR)
    window = open_window()
    assert window.windowTitle() == "Warsztat Terapii Zajęciowej „Źródło” — Reintegra"
    database = window.statusBar().findChild(QLabel, "status-database")
    assert database_path in database.text() or database.toolTip() == database_path
    user = window.statusBar().findChild(QLabel, "status-user")
    assert "Ewa Lis" in user.text()
    with context.unit() as session:
        facility.update_facility(session, FacilityFields(name="CIS „Przystań”"))
    context.events.facility_changed.emit()
    assert window.windowTitle() == "CIS „Przystań” — Reintegra"


def test_size_and_last_page_are_remembered(qtbot, open_window):
    window = open_window()
    for key in ("start", "daily_log", "participants", "workshops", "reports", "settings"):
        window.page(key)  # pages are built when first shown; each may need its own minimum width
    # Smaller than the first-start 1280×760, and within the test screen (restoring keeps a window on it).
    size = QSize(window.minimumSizeHint().width(), 560)
    window.resize(size)
    window.show_page("workshops")
    window.close()
    assert config.load_settings()["last_page"] == "workshops"
    again = open_window()
    assert again.size() == size
    assert isinstance(again.pages.currentWidget(), WorkshopsPage)
    assert again.navigation.currentRow() == 3


def test_a_directors_new_window_opens_on_today(qtbot, context, open_window):
    assert "last_page" not in config.load_settings()
    context.user = SignedIn(None, "ewa", "Ewa Lis", Role.DIRECTOR)
    window = open_window()
    assert isinstance(window.pages.currentWidget(), StartPage)
    assert window.navigation.item(0).toolTip() == _("{page} (Ctrl+{number})").format(page=_("Today"), number=1)


def test_an_instructors_new_window_opens_on_the_daily_log(qtbot, context, open_window):
    context.user = SignedIn(None, "ola", "Ola Kos", Role.INSTRUCTOR)
    window = open_window()
    assert isinstance(window.pages.currentWidget(), DailyLogPage)
    assert window.navigation.item(1).toolTip() == _("{page} (Ctrl+{number})").format(page=_("Daily log"), number=2)


def test_on_a_small_screen_the_first_window_fills_it(qtbot, open_window):
    window = open_window()
    screen = window.screen().availableGeometry()
    assert screen.height() < 760 + 48  # the offscreen test screen is 800×600: the title bar would not fit
    assert window.isMaximized()
