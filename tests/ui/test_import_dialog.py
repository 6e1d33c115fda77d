"""File → Import… as a director uses it: the file as read (encoding, separator, columns, first rows),
every bad row with its line, import only the valid rows, a cancelled import that writes nothing, an
encoding that was a guess changed by the user; and the menu only for those who may import."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from factories import make_pesel
from reintegra import i18n
from reintegra.db.models import AttendanceDay, Participant
from reintegra.services import importing
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.import_file import ImportDialog
from reintegra.ui.main_window import MainWindow
from spreadsheets import table_counts
from staff_data import make_staff


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def staff(context):
    with context.unit() as session:
        made = make_staff(session)
    return made


def signed_in(context, user) -> None:
    context.user = SignedIn(user.id, user.username, user.full_name, user.role)


def _csv(path, rows, encoding="iso-8859-2"):
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def _sheet(tmp_path, staff, *, bad: bool = True):
    """Anna's first March days as an old Linux program saved them (ISO-8859-2), with her surname, one bad."""
    rows = [["PESEL", "Nazwisko", "Data", "Status"]]
    for day in (2, 3, 4, 5, 6, 9, 10):
        rows.append([staff.anna.pesel, "Kowalska", f"{day:02}.03.2026", "O"])
    if bad:
        rows[3][3] = "Ś"
    return _csv(tmp_path / "obecności.csv", rows)


def _dialog(qtbot, context, **options) -> ImportDialog:
    dialog = ImportDialog(context, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _days(context) -> int:
    with context.read() as session:
        return session.scalar(select(func.count()).select_from(AttendanceDay))


def test_the_file_as_read_its_bad_rows_and_only_the_valid_ones_imported(qtbot, context, staff, tmp_path):
    signed_in(context, staff.director)
    dialog = _dialog(qtbot, context, kind="attendance", path=_sheet(tmp_path, staff))

    assert dialog.encoding.currentText() == "ISO-8859-2" and dialog.encoding.isEnabled()
    assert dialog.separator.text() == "semicolon (;)"
    assert dialog.columns.text() == ("PESEL → pesel, Data → data/date, Status → status (not read: Nazwisko)")
    assert dialog.table_model.rowCount() == 7
    assert dialog.table_model.index(2, 3).data() == "Ś"
    assert [dialog.bad_rows.item(n).text() for n in range(dialog.bad_rows.count())] == [
        "Line 4: “Ś” is not an attendance status; use O, U, N, NN, C, L4, ZL, UW, DW or W "
        "(or present, excused, unexcused, sick, leave, day_off)."]
    assert not dialog.import_all.isEnabled() and dialog.import_valid.isEnabled()
    assert _days(context) == 0  # the check wrote nothing

    qtbot.mouseClick(dialog.import_valid, Qt.LeftButton)

    assert dialog.status.text().splitlines() == ["Imported.", "Attendance days added: 6",
                                                 "Attendance days updated: 0", "Attendance days unchanged: 0",
                                                 "Rows skipped because of errors: 1"]
    assert _days(context) == 6
    assert not dialog.import_all.isEnabled() and not dialog.progress.isVisible()


def test_a_valid_file_is_imported_whole(qtbot, context, staff, tmp_path):
    signed_in(context, staff.admin)
    dialog = _dialog(qtbot, context, kind="attendance", path=_sheet(tmp_path, staff, bad=False))
    assert dialog.status.text().startswith("Every row is valid.") and dialog.bad_rows.count() == 0
    assert dialog.import_all.isEnabled() and not dialog.import_valid.isEnabled()
    qtbot.mouseClick(dialog.import_all, Qt.LeftButton)
    assert _days(context) == 7


def test_cancel_while_importing_writes_nothing(qtbot, context, staff, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "ATTENDANCE_BATCH", 2)
    signed_in(context, staff.director)
    dialog = _dialog(qtbot, context, kind="attendance", path=_sheet(tmp_path, staff, bad=False))
    with context.read() as session:
        before = table_counts(session)
    shown = dialog._progress
    seen = []

    def progress(done, total):
        seen.append(dialog.cancel.isVisible())
        if len(seen) == 2:
            qtbot.mouseClick(dialog.cancel, Qt.LeftButton)  # as the user would, between two batches
        shown(done, total)

    dialog._progress = progress
    qtbot.mouseClick(dialog.import_all, Qt.LeftButton)

    assert seen[:2] == [True, True] and len(seen) == 2
    assert dialog.status.text() == "The import was cancelled; nothing was written."
    with context.read() as session:
        assert table_counts(session) == before
    assert not dialog.cancel.isVisible() and dialog.close_button.isEnabled()


def test_a_guessed_encoding_is_said_and_can_be_changed(qtbot, context, staff, tmp_path):
    """0xB9 is ą in Windows-1250 and 0xAC is Ź in ISO-8859-2: either reads one Polish letter."""
    signed_in(context, staff.director)
    path = tmp_path / "uczestnicy.csv"
    pesel = make_pesel(date(1990, 5, 6), 321)
    path.write_bytes(f"Imie;Nazwisko;PESEL;Data przyjecia\r\nB\xb9k;\xacdziarska;{pesel};02.03.2026\r\n"
                     .encode("latin-1"))
    dialog = _dialog(qtbot, context, kind="participants", path=path)

    assert dialog.encoding.currentText() == "Windows-1250"
    assert dialog.encoding_note.text().startswith("A guess: the file reads as well in ISO-8859-2.")
    assert dialog.table_model.index(0, 2).data() == "¬dziarska"
    assert not dialog.import_all.isEnabled()  # until the user answers

    dialog.encoding.setCurrentIndex(dialog.encoding.findData("iso-8859-2"))
    dialog.encoding.activated.emit(dialog.encoding.currentIndex())

    assert dialog.table_model.index(0, 2).data() == "Ździarska"
    assert dialog.encoding_note.text() == "Chosen by you."
    assert dialog.chosen_encoding() == "iso-8859-2"
    assert dialog.import_all.isEnabled()
    qtbot.mouseClick(dialog.import_all, Qt.LeftButton)
    with context.read() as session:
        assert session.scalar(select(Participant.first_name).where(Participant.last_name == "Ździarska")) == "Bšk"


def test_a_file_that_cannot_be_imported_says_why(qtbot, context, staff, tmp_path):
    signed_in(context, staff.director)
    path = _csv(tmp_path / "zepsuty.csv", [["PESEL", "Data", "Status"], [staff.anna.pesel, "02.03.2026", "O\x00"]],
                "utf-8")
    dialog = _dialog(qtbot, context, kind="attendance", path=path)
    assert dialog.status.text().startswith("Line 2 contains a control character (U+0000)")
    assert not dialog.import_all.isEnabled() and not dialog.import_valid.isEnabled()


def test_participants_by_default_and_the_kind_changed(qtbot, context, staff, tmp_path):
    signed_in(context, staff.director)
    path = _csv(tmp_path / "ludzie.csv", [["Imię", "Nazwisko", "Data urodzenia", "Data przyjęcia"],
                                          ["Źdźbło", "Gęślą", "02.01.1980", "02.03.2026"]])
    dialog = _dialog(qtbot, context, path=path)
    assert dialog.kind_key() == "participants" and dialog.import_all.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("attendance"))
    assert dialog.status.text() == "The file has no columns data/date, status, pesel."
    dialog.kind.setCurrentIndex(dialog.kind.findData("participants"))
    qtbot.mouseClick(dialog.import_all, Qt.LeftButton)
    with context.read() as session:
        assert session.scalar(select(Participant.first_name).where(Participant.last_name == "Gęślą")) == "Źdźbło"


@pytest.mark.parametrize("role, offered", [("ola", False), ("director", True), ("admin", True)])
def test_the_menu_offers_import_to_directors_and_administrators(qtbot, context, staff, role, offered):
    signed_in(context, staff.role(role))
    window = MainWindow(context)
    qtbot.addWidget(window)
    actions = [action for menu in window.menuBar().actions() for action in menu.menu().actions()]
    assert any(action.objectName() == "import" for action in actions) is offered
    assert (window.menuBar().actions() != []) is offered
    window.close()


def test_a_benefit_rule_file_is_imported_from_the_app_all_or_nothing(qtbot, context, staff, tmp_path):
    """File → Import offers the CIS rule sets: a file with a bad third line is checked (line 3 named) and
    refused even for "only the valid rows"; corrected, it adds its two sets."""
    from decimal import Decimal

    from reintegra.db.models import BenefitRule

    signed_in(context, staff.director)
    header = ["valid_from", "amount", "unexcused_day_deduction"]
    bad = _csv(tmp_path / "zasady.csv", [header, ["2025-06-01", "2065,20", "0,05"], ["2026-06-01", "dużo", "0,05"]],
               encoding="utf-8")
    dialog = _dialog(qtbot, context, kind="benefit_rules", path=bad)
    assert dialog.bad_rows.item(0).text().startswith("Line 3:")
    assert not dialog.import_all.isEnabled() and not dialog.import_valid.isEnabled()  # all or nothing
    dialog.run_import(only_valid=True)  # even when asked for
    assert dialog.status.text() == "The file was not imported: 1 row has errors."
    with context.read() as session:
        assert session.scalars(select(BenefitRule)).all() == []

    good = _csv(tmp_path / "zasady2.csv", [header, ["2025-06-01", "2065,20", "0,05"], ["2026-06-01", "2110", "0,05"]],
                encoding="utf-8")
    dialog = _dialog(qtbot, context, kind="benefit_rules", path=good)
    assert dialog.status.text() == "Every row is valid. Rule sets added: 2; Rule sets unchanged: 0"
    qtbot.mouseClick(dialog.import_all, Qt.LeftButton)
    with context.read() as session:
        assert [rule.amount for rule in session.scalars(select(BenefitRule).order_by(BenefitRule.valid_from))] == [
            Decimal("2065.20"), Decimal("2110.00")]
