"""Starting the desktop application."""

from __future__ import annotations

import sys

from reintegra import i18n
from reintegra.config import load_settings, resolve_database
from reintegra.i18n import _
from reintegra.services.errors import ReintegraError


def run_app(database: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reintegra.ui.main_window import MainWindow

    i18n.set_language(load_settings().get("language"))
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Reintegra")
    app.setOrganizationName("Reintegra")
    _install_qt_translations(app)
    target = resolve_database(database)
    try:
        from reintegra.services.database import open_database

        engine = open_database(target)
    except ReintegraError as error:
        QMessageBox.critical(None, _("Reintegra"), str(error))
        return 1
    window = MainWindow(engine, target)
    window.show()
    return app.exec()


def _install_qt_translations(app) -> None:
    """Qt's own dialogs and buttons in the UI language (the qtbase catalog in the wheel)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if i18n.current_language() == "en":
        return
    translator = QTranslator(app)
    if translator.load(f"qtbase_{i18n.current_language()}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
