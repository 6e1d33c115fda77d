"""File dialogs open in the folder last used for their kind of file, else in Documents, with a file
name ready (issue 15); the folders are remembered for this PC in the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from reintegra.config import load_settings
from reintegra.ui import file_dialogs
from reintegra.ui.pages.reports import ReportsPage


class Dialogs:
    """QFileDialog's static functions as a person answers them: the start each was given is recorded."""

    def __init__(self):
        self.starts: list[str] = []
        self.answer = ""

    def save(self, parent, title, start, filters, *args, **kwargs):
        self.starts.append(start)
        return self.answer, ""

    def folder(self, parent, title, start, *args, **kwargs):
        self.starts.append(start)
        return self.answer


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    answered = Dialogs()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answered.save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answered.save))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(answered.folder))
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: tmp_path / "Dokumenty")
    (tmp_path / "Dokumenty").mkdir()
    return answered


@pytest.fixture
def page(qtbot, context):
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    return widget


def test_the_next_report_is_saved_where_the_last_one_was_and_a_backup_is_not(dialogs, page, tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()

    dialogs.answer = str(folder / "y.pdf")
    assert page.ask_save_path("obecność-2026-03.pdf", (".pdf",)) == str(folder / "y.pdf")
    assert dialogs.starts == [str(tmp_path / "Dokumenty" / "obecność-2026-03.pdf")]  # first time: Documents

    dialogs.answer = ""  # cancelled: nothing remembered
    assert page.ask_save_path("obecność-2026-04.pdf", (".pdf",)) is None
    assert dialogs.starts[-1] == str(folder / "obecność-2026-04.pdf")

    file_dialogs.save_file(None, file_dialogs.BACKUP, "Kopia", "reintegra.db", "*.db")
    assert dialogs.starts[-1] == str(tmp_path / "Dokumenty" / "reintegra.db")
    assert load_settings()[file_dialogs.SETTING] == {file_dialogs.REPORT: str(folder)}


def test_a_folder_chosen_for_reports_per_person_is_where_reports_go_next(dialogs, page, tmp_path):
    per_person = tmp_path / "sprawozdania"
    per_person.mkdir()
    dialogs.answer = str(per_person)
    assert page.ask_folder() == str(per_person)
    assert dialogs.starts == [str(tmp_path / "Dokumenty")]

    dialogs.answer = ""
    page.ask_save_path("zestawienie.xlsx", (".xlsx",))
    assert dialogs.starts[-1] == str(per_person / "zestawienie.xlsx")


def test_a_folder_since_removed_falls_back_to_documents(dialogs, tmp_path):
    gone = tmp_path / "pendrive"
    gone.mkdir()
    dialogs.answer = str(gone / "rejestr.csv")
    file_dialogs.save_file(None, file_dialogs.AUDIT, "Rejestr", "rejestr.csv", "CSV (*.csv)")
    gone.joinpath("rejestr.csv").unlink(missing_ok=True)
    gone.rmdir()

    dialogs.answer = ""
    file_dialogs.save_file(None, file_dialogs.AUDIT, "Rejestr", "rejestr.csv", "CSV (*.csv)")
    assert dialogs.starts[-1] == str(tmp_path / "Dokumenty" / "rejestr.csv")


def test_a_logo_is_looked_for_where_the_last_one_was(dialogs, tmp_path):
    pictures = tmp_path / "obrazy"
    pictures.mkdir()
    dialogs.answer = str(pictures / "logo.png")
    assert file_dialogs.open_file(None, file_dialogs.LOGO, "Logo", "*.png") == str(pictures / "logo.png")
    dialogs.answer = ""
    file_dialogs.open_file(None, file_dialogs.LOGO, "Logo", "*.png")
    assert dialogs.starts == [str(tmp_path / "Dokumenty"), str(pictures)]
    assert Path(load_settings()[file_dialogs.SETTING][file_dialogs.LOGO]) == pictures


def test_every_file_dialog_of_the_screens_goes_through_file_dialogs():
    screens = Path(file_dialogs.__file__).parent
    direct = [f"{path.relative_to(screens)}:{number}" for path in sorted(screens.rglob("*.py"))
              if path.name != "file_dialogs.py"
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if "QFileDialog." in line]
    assert direct == []
