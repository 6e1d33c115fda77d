"""Settings → Backups as an administrator uses it: the list with date, kind and size, a restore after a
confirmation naming the date (the current state backed up first), a backup made now, the schedule's folder
and counts; refused for a director, by the services and not only by the missing tab."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from factories import admit
from keys import type_into
from reintegra import config
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, Participant
from reintegra.paths import backups_dir
from reintegra.services import backup, backup_schedule
from reintegra.ui.context import SignedIn
from reintegra.ui.pages.settings import SettingsPage
from reintegra.ui.pages.settings_backups import BackupsTab
from staff_data import make_staff

NOW = datetime.now().replace(microsecond=0)


@pytest.fixture
def staff(context):
    with context.unit() as session:
        return make_staff(session)


def signed_in(context, user) -> None:
    context.user = SignedIn(user.id, user.username, user.full_name, user.role)


def backups_tab(qtbot, context, user) -> BackupsTab:
    signed_in(context, user)
    tab = BackupsTab(context)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    return tab


def people(context) -> int:
    with context.read() as session:
        return session.scalar(select(func.count()).select_from(Participant))


def shown(tab: BackupsTab) -> list[list[str]]:
    model = tab.model
    return [[model.index(row, column).data() for column in range(3)] for row in range(model.rowCount())]


def test_only_the_administrator_has_the_tab(qtbot, context, staff):
    for user, has in ((staff.admin, True), (staff.director, False), (staff.ola, False)):
        signed_in(context, user)
        page = SettingsPage(context)
        qtbot.addWidget(page)
        titles = [page.tabs.tabText(index) for index in range(page.tabs.count())]
        assert ("Kopie zapasowe" in titles) is has, user.username


def test_the_list_shows_date_kind_and_size(qtbot, context, staff):
    yesterday = backup.automatic_backup(context.engine, "daily", moment=NOW - timedelta(days=1))
    backup.automatic_backup(context.engine, "before-upgrade", moment=NOW - timedelta(days=2))
    backup.automatic_backup(context.engine, "daily", moment=NOW - timedelta(days=20))

    tab = backups_tab(qtbot, context, staff.admin)

    from reintegra.i18n import format_datetime

    size = backup_schedule.size_text(yesterday.stat().st_size)
    assert shown(tab) == [
        [format_datetime(NOW - timedelta(days=1)), "dzienna", size],
        [format_datetime(NOW - timedelta(days=2)), "przed aktualizacją", size],
        [format_datetime(NOW - timedelta(days=20)), "tygodniowa", size],
    ]
    assert tab.chosen().path == yesterday  # the newest is chosen
    assert tab.folder.text() == str(backups_dir())


def test_restore_after_a_confirmation_naming_the_date(qtbot, context, staff, said):
    made = NOW - timedelta(days=1)
    yesterday = backup.automatic_backup(context.engine, "daily", moment=made)
    with context.unit() as session:
        admit(session, "Irena", "Późna", date(2026, 6, 1), serial=901)
    assert people(context) == 6
    tab = backups_tab(qtbot, context, staff.admin)
    restored = []
    tab.restored.connect(restored.append)

    said.answer_confirm = False
    qtbot.mouseClick(tab.restore_button, Qt.LeftButton)
    assert people(context) == 6  # cancelled: nothing changed, nothing backed up
    assert len(backup.automatic_backups()) == 1

    said.answer_confirm = True
    qtbot.mouseClick(tab.restore_button, Qt.LeftButton)

    from reintegra.i18n import format_datetime

    assert all(format_datetime(made) in question for question in said.questions)
    assert people(context) == 5
    assert restored == [yesterday]
    assert said.errors == [] and "Zaloguj się ponownie" in said.infos[-1]
    safety = [item for item in backup_schedule.list_backups() if item.kind == "before-restore"]
    assert len(safety) == 1 and str(safety[0].path) in said.infos[-1]
    assert "przed przywróceniem" in [row[1] for row in shown(tab)]
    with context.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action is AuditAction.RESTORE and last.username == staff.admin.username


def test_a_director_is_refused_by_the_service(qtbot, context, staff, said):
    backup.automatic_backup(context.engine, "daily", moment=NOW - timedelta(days=1))
    with context.unit() as session:
        admit(session, "Irena", "Późna", date(2026, 6, 1), serial=901)
    tab = backups_tab(qtbot, context, staff.director)  # the tab is not offered; were it reached anyway

    qtbot.mouseClick(tab.restore_button, Qt.LeftButton)
    qtbot.mouseClick(tab.backup_button, Qt.LeftButton)

    assert said.errors == ["Może to zrobić tylko administrator."]
    assert tab.message.text() == "Może to zrobić tylko administrator."
    assert people(context) == 6
    assert len(backup.automatic_backups()) == 1


def test_back_up_now(qtbot, context, staff):
    tab = backups_tab(qtbot, context, staff.admin)
    assert tab.model.rowCount() == 0 and not tab.restore_button.isEnabled()

    qtbot.mouseClick(tab.backup_button, Qt.LeftButton)

    [made] = backup_schedule.list_backups()
    assert made.kind == "manual" and backup.is_good_backup(made.path)
    assert shown(tab)[0][1] == "ręczna" and tab.restore_button.isEnabled()
    assert str(made.path) in tab.message.text()
    with context.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action is AuditAction.BACKUP


def test_the_schedule_is_this_pcs_setting(qtbot, context, staff, tmp_path, monkeypatch):
    tab = backups_tab(qtbot, context, staff.admin)
    days = tab.counts["daily"]
    type_into(qtbot, days, "3")
    qtbot.keyClick(days, Qt.Key_Return)
    assert config.load_settings()["backups_daily"] == 3

    disk = tmp_path / "dysk-zewnętrzny"
    disk.mkdir()
    monkeypatch.setattr(tab, "ask_folder", lambda: str(disk))
    qtbot.mouseClick(tab.findChild(type(tab.backup_button), "choose-backup-folder"), Qt.LeftButton)
    assert backup_schedule.schedule() == backup_schedule.Schedule(disk, 3, 4, 12)
    assert tab.folder.text() == str(disk)

    monkeypatch.setattr(tab, "ask_folder", lambda: str(tmp_path / "odłączony"))
    qtbot.mouseClick(tab.findChild(type(tab.backup_button), "choose-backup-folder"), Qt.LeftButton)
    assert "nie jest dostępny" in tab.message.text()
    assert backup_schedule.schedule().folder == disk

    qtbot.mouseClick(tab.findChild(type(tab.backup_button), "default-backup-folder"), Qt.LeftButton)
    assert backup_schedule.schedule().folder is None and tab.folder.text() == str(backups_dir())


def test_a_restore_in_the_main_window_asks_for_the_sign_in_again(qtbot, context, staff, said, monkeypatch):
    from reintegra.ui.lock import LockGuard
    from reintegra.ui.main_window import MainWindow

    backup.automatic_backup(context.engine, "daily", moment=NOW - timedelta(days=1))
    signed_in(context, staff.admin)
    asked = []
    monkeypatch.setattr(LockGuard, "sign_in_again", lambda guard: asked.append(guard.window))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    settings = window.page("settings")
    settings.tabs.setCurrentWidget(settings.backups_tab)

    qtbot.mouseClick(settings.backups_tab.restore_button, Qt.LeftButton)

    assert asked == [window] and said.errors == []
