"""Qt's own dialogs and buttons speak the UI language, with the same word for an action as ours
(issue 15, one vocabulary): Qt's catalog from the wheel plus reintegra/ui/qt_wording.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QWizard, QWizardPage)

from reintegra import i18n
from reintegra.ui import app as app_module


@pytest.fixture
def qt_in(qapp):
    """Qt's words installed as run_app installs them, for a language; removed afterwards."""
    locale = QLocale()

    def install(language: str):
        i18n.set_language(language)
        app_module._install_qt_translations(qapp)

    yield install
    if app_module._qt_translator is not None:
        qapp.removeTranslator(app_module._qt_translator)
        app_module._qt_translator = None
    QLocale.setDefault(locale)


def _texts(box: QDialogButtonBox) -> dict:
    return {button: box.button(button).text() for button in (
        QDialogButtonBox.Save, QDialogButtonBox.Cancel, QDialogButtonBox.Close, QDialogButtonBox.Ok)}


def test_in_polish_the_standard_buttons_say_anuluj_and_zapisz_as_ours_do(qt_in, qtbot):
    qt_in("pl")
    box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel | QDialogButtonBox.Close
                           | QDialogButtonBox.Ok)
    qtbot.addWidget(box)

    assert _texts(box) == {QDialogButtonBox.Save: "Zapisz", QDialogButtonBox.Cancel: "Anuluj",
                           QDialogButtonBox.Close: "Zamknij", QDialogButtonBox.Ok: "OK"}
    # our own catalog says the same for the same actions
    assert [i18n._("Save"), i18n._("Cancel")] == ["Zapisz", "Anuluj"]


def test_message_boxes_and_wizards_in_polish(qt_in, qtbot):
    qt_in("pl")
    box = QMessageBox(QMessageBox.Question, "?", "?", QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.ClassicStyle)
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    qtbot.addWidget(box)
    qtbot.addWidget(wizard)

    assert sorted(button.text() for button in box.buttons()) == ["Anuluj", "Odrzuć", "Zapisz"]
    assert wizard.buttonText(QWizard.NextButton).replace("&", "").startswith("Dalej")
    assert wizard.buttonText(QWizard.CancelButton) == "Anuluj"


def test_the_file_dialog_is_polish_down_to_look_in_and_files_of_type(qt_in, qtbot):
    qt_in("pl")
    dialog = QFileDialog(None, "Raport")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    dialog.setNameFilters(["PDF (*.pdf)"])
    qtbot.addWidget(dialog)

    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels == ["&Szukaj w:", "Nazwa &pliku:", "&Typ plików:"]
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert {"&Zapisz", "Anuluj"} <= buttons


def test_a_line_edits_context_menu_in_polish(qt_in, qtbot):
    qt_in("pl")
    field = QLineEdit("tekst")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()

    words = [action.text().split("\t")[0].replace("&", "") for action in menu.actions() if action.text()]
    assert {"Cofnij", "Wytnij", "Kopiuj", "Wklej", "Zaznacz wszystko"} <= set(words)


def test_in_english_qt_says_its_own_words(qt_in, qtbot):
    qt_in("en")
    box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    qtbot.addWidget(box)

    assert app_module._qt_translator is None
    assert box.button(QDialogButtonBox.Cancel).text() == "Cancel"
    assert QLocale().name() == "en_GB"
    assert QApplication.instance() is not None
