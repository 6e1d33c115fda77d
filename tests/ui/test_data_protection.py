"""RODO on screen: "Export personal data…" on a participant's page, and Settings → Data protection
(who is due on a day, anonymise after a confirmation), clicked as a director would."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import admit, workshop
from keys import type_into
from reintegra.db.enums import AuditAction, ExitReason, Role
from reintegra.db.models import AuditEntry, Facility, Participant
from reintegra.i18n import _, ngettext
from reintegra.services import participants, placements
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.person_export import PersonExport
from reintegra.ui.pages.participant_detail import ParticipantDetail
from reintegra.ui.pages.settings import SettingsPage


@pytest.fixture
def people(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.add(Facility(name="WTZ „Promyk”", retention_years=5))
        crafts = workshop(session, "Pracownia rękodzieła")
        old = admit(session, "Łucja", "Żółkiewska", date(2015, 3, 2), serial=1)
        placements.place(session, old.id, crafts.id, date(2015, 3, 2))
        participants.exit_participant(session, old.id, old.version, date(2019, 6, 28), ExitReason.EMPLOYMENT)
        recent = admit(session, "Józef", "Ślęzak", date(2020, 3, 2), serial=2)
        participants.exit_participant(session, recent.id, recent.version, date(2024, 6, 28), ExitReason.OTHER)
    return {"old": old.id, "recent": recent.id}


def test_export_personal_data_from_the_participants_page(qtbot, context, said, people, tmp_path, monkeypatch):
    detail = ParticipantDetail(context)
    qtbot.addWidget(detail)
    detail.load(people["old"])
    detail.show()
    out = tmp_path / "dane.json"
    monkeypatch.setattr(PersonExport, "ask_path", lambda self: str(out))
    qtbot.mouseClick(detail.export_button, Qt.LeftButton)
    assert said.infos == [_("The personal data were written to {path}.").format(path=out)]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["person"]["last_name"], data["exit"]["reason"]["value"]) == ("Żółkiewska", "employment")
    with Session(context.engine) as session:
        assert session.scalar(select(AuditEntry.participant_id).where(AuditEntry.action == AuditAction.EXPORT)) \
            == people["old"]

    monkeypatch.setattr(PersonExport, "ask_path", lambda self: str(tmp_path / "dane.odt"))
    qtbot.mouseClick(detail.export_button, Qt.LeftButton)
    assert len(said.errors) == 1 and "dane.odt" in said.errors[0]

    monkeypatch.setattr(PersonExport, "ask_path", lambda self: None)  # cancelled
    qtbot.mouseClick(detail.export_button, Qt.LeftButton)
    assert len(said.infos) == 1 and len(said.errors) == 1


def _tab(page: SettingsPage):
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == _("Data protection"))
    page.tabs.setCurrentIndex(index)
    return page.tabs.widget(index)


def test_the_director_sees_who_is_due_and_anonymises_them(qtbot, context, said, people):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    tab = _tab(page)
    assert [row.participant_id for row in tab.model.rows()] == [people["old"]]
    assert tab.table.model().index(0, 0).data() == "Łucja Żółkiewska"
    type_into(qtbot, tab.day, "01.07.2029")
    qtbot.keyClick(tab.day, Qt.Key_Return)
    assert [row.participant_id for row in tab.model.rows()] == [people["old"], people["recent"]]
    assert not tab.anonymise_button.isEnabled()  # a later day is only a preview

    type_into(qtbot, tab.day, date.today().strftime("%d.%m.%Y"))
    qtbot.keyClick(tab.day, Qt.Key_Return)
    said.answer_confirm = False
    qtbot.mouseClick(tab.anonymise_button, Qt.LeftButton)
    assert len(said.questions) == 1
    with Session(context.engine) as session:
        assert session.get(Participant, people["old"]).anonymised_at is None

    said.answer_confirm = True
    qtbot.mouseClick(tab.anonymise_button, Qt.LeftButton)
    assert said.infos == [ngettext("{count} person was anonymised.", "{count} people were anonymised.", 1
                                   ).format(count=1)]
    with Session(context.engine) as session:
        old = session.get(Participant, people["old"])
        assert (old.full_name, old.pesel) == (_("Anonymised person"), None)
        assert session.get(Participant, people["recent"]).anonymised_at is None
    assert tab.model.rows() == []

    detail = ParticipantDetail(context)
    qtbot.addWidget(detail)
    detail.load(people["old"])
    detail.show()
    assert detail.title.text() == _("Anonymised person")
    assert detail.personal.form.editors["last_name"].isReadOnly()
    assert not detail.personal.save_button.isVisible()
    assert detail.personal.note.text() == _("This person's data were anonymised after the retention period, so "
                                            "their records can no longer be changed.")
    detail.load(people["recent"])
    assert detail.personal.note.text() == ""
    assert not detail.personal.form.editors["last_name"].isReadOnly()
    assert detail.personal.save_button.isVisible()


def test_an_instructor_has_no_data_protection_tab(qtbot, context):
    context.user = SignedIn(None, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert _("Data protection") not in [page.tabs.tabText(i) for i in range(page.tabs.count())]
