"""Settings → Audit log as a director uses it: filter by person, page on, export to CSV; who sees the
tab and the database and backup settings; and the reports page recording what leaves the program."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from keys import type_into
from reintegra.db.enums import AttendanceStatus, AuditAction, Role
from reintegra.db.models import AuditEntry
from reintegra.services import attendance, audit_log
from reintegra.ui.context import SignedIn
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage
from reintegra.ui.pages.settings import SettingsPage
from staff_data import make_staff


@pytest.fixture
def staff(context):
    with context.unit() as session:
        made = make_staff(session)
        for day in (2, 3, 4):
            attendance.set_attendance(session, made.anna.id, made.gastronomy.id, date(2026, 3, day),
                                      AttendanceStatus.PRESENT, actor=made.ola)
        attendance.set_attendance(session, made.bartek.id, made.tailoring.id, date(2026, 3, 2),
                                  AttendanceStatus.SICK, actor=made.jan)
    return made


def signed_in(context, user) -> None:
    context.user = SignedIn(user.id, user.username, user.full_name, user.role)


def settings_as(qtbot, context, user) -> SettingsPage:
    signed_in(context, user)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def tab_titles(page: SettingsPage) -> list[str]:
    return [page.tabs.tabText(index) for index in range(page.tabs.count())]


def log(context, **where) -> list[AuditEntry]:
    with context.read() as session:
        statement = select(AuditEntry).order_by(AuditEntry.id)
        for name, value in where.items():
            statement = statement.where(getattr(AuditEntry, name) == value)
        return list(session.scalars(statement))


def test_who_sees_the_audit_log_and_the_database_and_backup_settings(qtbot, context, staff):
    instructor = settings_as(qtbot, context, staff.ola)
    assert "Rejestr zdarzeń" not in tab_titles(instructor)
    assert not hasattr(instructor, "backup_button") and instructor.pending_database is None

    director = settings_as(qtbot, context, staff.director)
    assert "Rejestr zdarzeń" in tab_titles(director)
    assert not hasattr(director, "backup_button") and director.pending_database is None
    director.reload()  # the page still reads what it shows without the database group

    admin = settings_as(qtbot, context, staff.admin)
    assert "Rejestr zdarzeń" in tab_titles(admin) and admin.backup_button.isVisibleTo(admin)


def test_a_director_filters_by_person_pages_on_and_exports_to_csv(qtbot, context, staff, tmp_path, monkeypatch):
    page = settings_as(qtbot, context, staff.director)
    tab = page.audit_log
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    assert tab.model.rowCount() == len(log(context))  # everything, newest first
    assert tab.model.row_at(0).at >= tab.model.row_at(tab.model.rowCount() - 1).at

    type_into(qtbot, tab.person.lineEdit(), "Kowalska Anna")
    tab.person.setCurrentIndex(tab.person.findText("Kowalska Anna", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    people = {tab.model.row_at(row).person for row in range(tab.model.rowCount())}
    assert people == {"Anna Kowalska"}
    rows = [tab.model.row_at(row) for row in range(tab.model.rowCount())]
    days = [row for row in rows if row.action is AuditAction.CREATE and "wpis obecności" in row.description]
    assert len(days) == 3 and all(row.user == "Aleksandra Żak (ola)" for row in days)
    assert tab.model.index(0, 4).data().startswith(tab.model.row_at(0).user)
    assert tab.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == tab.model.row_at(0).description

    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    assert tab.model.rowCount() == 2 and tab.more_button.isEnabled()
    assert tab.message.text() == "Pokazano 2 wpisy; jest ich więcej."
    while tab.more_button.isEnabled():
        qtbot.mouseClick(tab.more_button, Qt.LeftButton)
    total = tab.model.rowCount()
    assert total == len(log(context, participant_id=staff.anna.id)) and total > 4

    path = tmp_path / "rejestr – Anna Kowalska.csv"
    monkeypatch.setattr(tab, "ask_save_path", lambda suggested: str(path))
    qtbot.mouseClick(tab.export_button, Qt.LeftButton)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0] == ["Data i godzina", "Użytkownik", "Rodzaj", "Osoba", "Opis"]
    assert len(rows) - 1 == total and {row[3] for row in rows[1:]} == {"Anna Kowalska"}
    assert sum("Aleksandra Żak (ola): dodano wpis obecności — Anna Kowalska" in row[4] for row in rows) == 3
    assert tab.message.text().startswith(f"{total} wpis") and tab.message.text().endswith(f"zapisano w pliku {path}.")
    [export] = log(context, action=AuditAction.EXPORT)
    assert (export.username, export.participant_id) == ("kierownik", staff.anna.id)


def test_a_person_not_on_the_list_or_a_period_backwards_is_one_sentence(qtbot, context, staff):
    page = settings_as(qtbot, context, staff.director)
    tab = page.audit_log
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    shown = tab.model.rowCount()
    type_into(qtbot, tab.person.lineEdit(), "Nikogo Takiego")
    qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    assert tab.message.text() == "Wybierz osobę z listy albo „Wszyscy”." and tab.model.rowCount() == shown
    tab.person.setCurrentIndex(0)
    type_into(qtbot, tab.start, "10.03.2026")
    type_into(qtbot, tab.end, "01.03.2026")
    qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    assert tab.message.text() == "Okres kończy się, zanim się zaczyna."
    type_into(qtbot, tab.start, "01.01.2020")
    type_into(qtbot, tab.end, "31.12.2020")
    qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    assert tab.model.rowCount() == 0 and tab.message.text() == "Żaden wpis nie pasuje do tych filtrów."


def test_the_reports_page_records_a_report_saved_or_printed(qtbot, context, staff, tmp_path, monkeypatch):
    signed_in(context, staff.director)
    monkeypatch.setattr(reports_page, "today", lambda: date(2026, 4, 3))
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    form = page.show_form("participant")
    form.choose(staff.anna.id)
    path = tmp_path / "karta-Kowalska.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(path))
    page.save()
    assert path.exists()

    def printed(parent=None) -> bool:
        page.pdf.printed_on = "Drukarka w pokoju 2"
        return True

    monkeypatch.setattr(page.pdf, "print_document", printed)
    page.print_report()  # previews first, then prints what is shown
    [saved] = log(context, action=AuditAction.EXPORT)
    [sent] = log(context, action=AuditAction.PRINT)
    assert (saved.participant_id, saved.username, saved.changes["file"]) == (staff.anna.id, "kierownik", str(path))
    assert (sent.participant_id, sent.changes["printer"]) == (staff.anna.id, "Drukarka w pokoju 2")

    form = page.show_form("bulk")
    form.per_person.setChecked(True)
    folder = tmp_path / "karty"
    folder.mkdir()
    monkeypatch.setattr(page, "ask_folder", lambda: str(folder))
    page.save()
    files = {entry.participant_id: entry.changes["file"] for entry in log(context, action=AuditAction.EXPORT)[1:]}
    assert set(files.values()) == {str(file) for file in folder.iterdir()} and len(files) >= 2

    form = page.show_form("attendance")
    sheet = tmp_path / "lista.csv"
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(sheet))
    page.save()
    group = log(context, action=AuditAction.EXPORT)[-1]
    assert (group.participant_id, group.entity, group.changes) == (None, "attendance_sheet", {
        "what": "attendance_sheet", "file": str(sheet)})
    page.show_form("summary")
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(tmp_path / "podsumowanie.json"))
    page.save()
    assert (tmp_path / "podsumowanie.json").exists()
    assert log(context, action=AuditAction.EXPORT)[-1].id == group.id  # counts only: nobody's data
