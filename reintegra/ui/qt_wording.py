"""Qt's own words (standard buttons, the file, message and print dialogs, context menus) in the UI language.

Qt's catalog from the PySide6 wheel (``qtbase_pl.qm``) does most of it; on top of it go the few words it
lacks ("&Look in:" and "Files of &type:" of the file dialog are untranslated) or says differently from
Reintegra (Qt's Polish says "Zachowaj" where every other button of ours says "Zapisz"). Only QtCore is
imported here: this runs before the first window.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator

# (Qt's context, Qt's English) → our wording; one word per action as in our own catalog.
CORRECTIONS: dict[str, dict[tuple[str, str], str]] = {
    "pl": {
        ("QPlatformTheme", "Save"): "Zapisz",
        ("QPlatformTheme", "Save All"): "Zapisz wszystko",
        ("QPlatformTheme", "OK"): "OK",
        ("QGnomeTheme", "&Save"): "&Zapisz",
        ("QShortcut", "Save"): "Zapisz",
        ("QFileDialog", "&Save"): "&Zapisz",
        ("QFileDialog", "Save As"): "Zapisz jako",
        ("QFileDialog", "&Look in:"): "&Szukaj w:",
        ("QFileDialog", "Files of &type:"): "&Typ plików:",
        ("QFileDialog", "Files of type:"): "Typ plików:",
        ("QFileDialog", "Computer"): "Komputer",
        ("QAbstractFileIconProvider", "Drive"): "Dysk",
        ("QAbstractFileIconProvider", "Folder"): "Folder",
        ("QFileSystemModel", "Type"): "Typ",
        ("QWizard", "&Back"): "&Wstecz",
        ("QWizard", "Commit"): "Zatwierdź",
        ("QWizard", "Done"): "Gotowe",
        ("QMessageBox", "Help"): "Pomoc",
        ("QCalendarWidget", "Week"): "Tydzień",
        ("QLineEdit", "&Copy"): "&Kopiuj",
        ("QWidgetTextControl", "&Copy"): "&Kopiuj",
        ("QPrintDialog", "&Print"): "&Drukuj",
    },
}


class QtWording(QTranslator):
    """Qt's catalog for ``language`` with our corrections over it (one translator to install)."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.corrections = CORRECTIONS.get(language, {})
        self.base = QTranslator(self)
        self.loaded = self.base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath))

    def translate(self, context, source_text, disambiguation=None, n=-1):
        corrected = self.corrections.get((context, source_text))
        if corrected is not None:
            return corrected
        # None (a null string), not "": Qt then shows its English text instead of an empty one.
        return self.base.translate(context, source_text, disambiguation, n) or None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return not (self.loaded or self.corrections)
