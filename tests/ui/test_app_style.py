"""The app's tabs keep the accents of Polish capitals on inactive tabs (Fusion clipped them)."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QTabBar, QTabWidget, QWidget

from reintegra.ui.app_style import keep_accents
from tests.ui.screens import administrator_context, demo_ids, every_page, open_main_window


def _inactive_tab(qtbot, title: str):
    tabs = keep_accents(QTabWidget())
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Ogólne")
    tabs.addTab(QWidget(), title)
    tabs.resize(400, 100)
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def test_an_inactive_tab_shows_the_accent_of_a_capital(qtbot, qapp):
    from reintegra.ui.app import create_application

    sheet = qapp.styleSheet()
    try:
        create_application()  # with the app's style sheet in force
        # The same tab with "Ś" and with "S": drawn alike, the accent was cut off.
        assert _inactive_tab(qtbot, "Świadczenia CIS") != _inactive_tab(qtbot, "Swiadczenia CIS")
    finally:
        qapp.setStyleSheet(sheet)


def test_every_tab_bar_of_the_app_draws_inactive_tabs_unshifted(qtbot, engine, database_path, demo):
    context = administrator_context(engine, database_path)
    window = open_main_window(qtbot, context)
    bars = [bar for _name, page in every_page(window, demo_ids(context)) for bar in page.findChildren(QTabBar)]
    assert bars  # the settings and the participant's tabs
    shift = QStyle.PixelMetric.PM_TabBarTabShiftVertical
    assert all(bar.style().pixelMetric(shift, None, bar) == 0 for bar in bars)
