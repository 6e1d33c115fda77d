"""The Reports page as a director and an instructor use it: choose, preview, print, save."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog

from factories import placed, workshop
from keys import type_into
from reintegra.db.enums import AttendanceStatus as S
from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import attendance, users
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage

MARCH = (2026, 3)


@pytest.fixture
def kitchen(context):
    """Three people in the kitchen in March 2026, with a few days recorded."""
    with context.unit() as session:
        room = workshop(session, "Pracownia gastronomiczna")
        people = [placed(session, first, last, date(2026, 3, 2), room.id, serial=n).id
                  for n, (first, last) in enumerate((("Łucja", "Żółkiewska"), ("Józef", "Ślęzak"),
                                                     ("Anna", "Bąk")))]
        for day in (2, 3, 4):
            attendance.set_attendance(session, people[0], room.id, date(2026, 3, day), S.PRESENT)
        attendance.set_attendance(session, people[1], room.id, date(2026, 3, 2), S.SICK)
    return room.id, people


@pytest.fixture
def page(qtbot, context, monkeypatch, kitchen):
    monkeypatch.setattr(reports_page, "today", lambda: date(2026, 4, 3))
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    widget.activated()
    return widget


def saving_to(monkeypatch, page, path) -> None:
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(path))


def test_a_director_has_every_report_an_instructor_their_peoples_and_workshops(qtbot, engine,
                                                                                          database_path, context,
                                                                                          kitchen):
    director = ReportsPage(context)
    qtbot.addWidget(director)
    assert [director.kinds.item(row).text() for row in range(director.kinds.count())] == [
        _("Participant reintegration report"), _("Monthly attendance sheet"), _("Workshop day log"),
        _("Facility summary"),
        _("CIS benefit attendance list"), _("Reports for all active participants"), _("Annual report")]
    with context.unit() as session:
        other = workshop(session, "Pracownia krawiecka")
        teacher = users.create_user(session, "ewa", "haslo12345", Role.INSTRUCTOR, "Ewa Łoś")
        other.instructors.append(teacher)
    signed_in = AppContext(engine, database_path, SignedIn(teacher.id, "ewa", "Ewa Łoś", Role.INSTRUCTOR))
    instructor = ReportsPage(signed_in)
    qtbot.addWidget(instructor)
    instructor.activated()
    assert [instructor.kinds.item(row).text() for row in range(instructor.kinds.count())] == [
        _("Participant reintegration report"), _("Monthly attendance sheet"), _("Workshop day log"),
        _("Reports for all active participants")]
    combo = instructor.show_form("attendance").workshop
    assert [combo.itemText(i) for i in range(combo.count())] == ["Pracownia krawiecka"]


def test_the_attendance_sheet_previewed_printed_and_saved_in_three_formats(qtbot, monkeypatch, page, tmp_path):
    form = page.show_form("attendance")
    form.month.set_month(*MARCH)
    assert form.workshop.currentText() == "Pracownia gastronomiczna"
    qtbot.keyClick(page.kinds, Qt.Key_F5)
    assert page.pdf.page_count() == 1
    text = page.pdf.page_text(0)
    assert "Żółkiewska" in text and "Ślęzak" in text
    assert page.message.text() == "1 strona."

    printed = tmp_path / "wydruk.pdf"
    printer = page.pdf.make_printer()  # what the print dialog starts from
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    page.pdf.print_to(printer)
    printed_pages = PdfReader(printed).pages
    assert len(printed_pages) == 1 and printed_pages[0].mediabox.width > printed_pages[0].mediabox.height

    saving_to(monkeypatch, page, tmp_path / "marzec.csv")
    qtbot.keyClick(page.kinds, Qt.Key_S, Qt.ControlModifier)
    with open(tmp_path / "marzec.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert [row[:3] for row in rows[1:]] == [["Bąk", "Anna", "0"], ["Ślęzak", "Józef", "0"],
                                             ["Żółkiewska", "Łucja", "3"]]
    assert page.message.text() == _("Saved: {path}").format(path=tmp_path / "marzec.csv")
    saving_to(monkeypatch, page, tmp_path / "marzec.xlsx")
    page.save()
    sheet = load_workbook(tmp_path / "marzec.xlsx").active
    assert "Żółkiewska" in [cell.value for cell in sheet["A"]]
    saving_to(monkeypatch, page, tmp_path / "marzec.pdf")
    page.save()
    assert "Żółkiewska" in PdfReader(tmp_path / "marzec.pdf").pages[0].extract_text()


def test_the_participant_report_of_the_one_typed(qtbot, monkeypatch, page, kitchen, tmp_path):
    form = page.show_form("participant")
    qtbot.keyClick(page.kinds, Qt.Key_F5)
    assert page.message.text() == _("Choose a participant from the list.") and page.pdf.page_count() == 0
    form.person.setEditText("Żółkiewska Ł")  # typed, then chosen from the completer's list
    form.person.setCurrentIndex(form.person.findText("Żółkiewska Łucja", Qt.MatchFlag.MatchStartsWith))
    assert form.participant_id() == kitchen[1][0]
    page.preview()
    assert page.pdf.page_count() >= 1 and "Łucja Żółkiewska" in page.pdf.page_text(0)
    assert form.suggested_name() == "raport-Żółkiewska-Łucja.pdf"


def test_a_summary_period_backwards_is_one_sentence_and_nothing_made(qtbot, page):
    form = page.show_form("summary")
    type_into(qtbot, form.start, "01.04.2026")
    type_into(qtbot, form.end, "01.03.2026")
    page.preview()
    assert page.message.text() == _("The period ends before it starts.")
    assert page.pdf.page_count() == 0


def test_everyone_active_in_one_pdf_or_a_file_each_and_cancelling(qtbot, monkeypatch, page, tmp_path):
    form = page.show_form("bulk")
    saving_to(monkeypatch, page, tmp_path / "wszyscy.pdf")
    page.save()
    reader = PdfReader(tmp_path / "wszyscy.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    assert all(name in text for name in ("Żółkiewska", "Ślęzak", "Bąk"))

    form.per_person.setChecked(True)
    folder = tmp_path / "raporty"
    folder.mkdir()
    monkeypatch.setattr(page, "ask_folder", lambda: str(folder))
    page.save()
    assert sorted(p.name.rsplit("-", 1)[0] for p in folder.iterdir()) == [
        "Bąk-Anna", "Ślęzak-Józef", "Żółkiewska-Łucja"]
    assert page.message.text() == "Zapisano 3 raporty w folderze {folder}.".format(folder=folder)

    for file in folder.iterdir():
        file.unlink()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: self.value() >= 1)
    page.save()
    assert len(list(folder.iterdir())) == 1
    assert page.message.text() == _("Stopped: {done} of {total} reports saved in {folder}.").format(
        done=1, total=3, folder=folder)

    form.one_file.setChecked(True)
    saving_to(monkeypatch, page, tmp_path / "przerwane.pdf")
    page.save()
    assert not (tmp_path / "przerwane.pdf").exists()
    assert page.message.text() == _("Cancelled; nothing was made.")
    QApplication.processEvents()
