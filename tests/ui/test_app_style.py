"""The app's style keeps the accents of Polish capitals on inactive tabs (Fusion clipped them)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget


def _inactive_tab(qtbot, title: str):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Ogólne")
    tabs.addTab(QWidget(), title)
    tabs.resize(400, 100)
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def test_an_inactive_tab_shows_the_accent_of_a_capital(qtbot, qapp):
    from reintegra.ui.app import TAB_STYLE, create_application

    style, sheet = qapp.style().name(), qapp.styleSheet()
    try:
        create_application()
        # The same tab with "Ś" and with "S": drawn alike, the accent was cut off.
        assert _inactive_tab(qtbot, "Świadczenia CIS") != _inactive_tab(qtbot, "Swiadczenia CIS")
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setProperty(TAB_STYLE, None)
