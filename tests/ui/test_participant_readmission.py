"""A person who comes back, as a director does it on screen: the admit dialog finds the PESEL of
someone whose stay ended and offers readmission; the detail of an exited person readmits them and
lists both stays, the latest first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from factories import make_pesel, placed, workshop
from keys import type_text
from reintegra.db.enums import ExitReason
from reintegra.i18n import _
from reintegra.services import participants
from reintegra.ui.pages.participant_detail import ParticipantDetail
from reintegra.ui.pages.participants import ParticipantsPage

SINCE = date.today() - timedelta(days=400)
LEFT = date.today() - timedelta(days=10)
PESEL = make_pesel(date(1990, 5, 17), 5)


@pytest.fixture
def zofia(context):
    """Zofia Żak took part in the kitchen and left for a job ten days ago."""
    with context.unit() as session:
        kitchen = workshop(session, "Pracownia gastronomiczna")
        stay = placed(session, "Zofia", "Żak", SINCE, kitchen.id, serial=5)
        participants.exit_participant(session, stay.id, stay.version, LEFT, ExitReason.EMPLOYMENT)
        return stay.id


def _stays(context, stay_id):
    with context.read() as session:
        return [(stay.id, stay.person_id, stay.admission_date, stay.exit_date)
                for stay in participants.stays_of(session, stay_id)]


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1156, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_admit_dialog_offers_readmission_for_a_known_pesel(qtbot, context, monkeypatch, said, zofia):
    page = _shown(qtbot, ParticipantsPage(context))
    opened = []

    def run(dialog):
        opened.append(dialog)
        dialog.show()
        type_text(qtbot, dialog.form.editors["first_name"], "Zofia")
        type_text(qtbot, dialog.form.editors["last_name"], "Żak")
        type_text(qtbot, dialog.form.editors["pesel"], PESEL)
        said.answer_confirm = False  # first: not now — nothing is written, the dialog stays
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        assert dialog.isVisible() and dialog.result() != QDialog.Accepted
        assert len(_stays(context, zofia)) == 1
        said.answer_confirm = True
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(page, "run_dialog", run)
    qtbot.mouseClick(page.admit_button, Qt.LeftButton)

    offer = _("{name} (PESEL {pesel}) had a stay that ended on {date}: readmit them for a new stay.").format(
        name="Zofia Żak", pesel=PESEL, date=LEFT.strftime("%d.%m.%Y"))
    assert said.questions == [offer, offer]
    assert said.errors == []
    [(new_id, person, admitted, left), (old_id, same_person, _since, old_exit)] = _stays(context, zofia)
    assert (new_id, old_id) == (opened[0].saved_id, zofia)
    assert person == same_person and admitted == date.today() and left is None and old_exit == LEFT


def test_the_detail_of_an_exited_person_readmits_and_lists_the_stays(qtbot, context, monkeypatch, said, zofia):
    detail = _shown(qtbot, ParticipantDetail(context))
    detail.load(zofia)
    assert detail.readmit_button.isVisible() and not detail.stays.isVisible()

    def run(dialog):
        dialog.show()
        assert dialog.form.editors["pesel"].text() == PESEL  # the person's data, ready
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(detail, "run_dialog", run)
    qtbot.mouseClick(detail.readmit_button, Qt.LeftButton)

    [(new_id, *_rest), (old_id, *_old)] = _stays(context, zofia)
    assert detail.participant_id == new_id and old_id == zofia
    assert detail.stays.isVisible() and not detail.readmit_button.isVisible()
    assert [detail.stays.itemData(i) for i in range(detail.stays.count())] == [new_id, zofia]
    assert detail.stays.currentData() == new_id
    assert detail.stays.itemText(1) == f"WTZ · {SINCE:%d.%m.%Y} – {LEFT:%d.%m.%Y}"

    detail.stays.setCurrentIndex(1)
    detail.stays.activated.emit(1)
    assert detail.participant_id == zofia
    assert detail.stays.currentData() == zofia
    assert not detail.readmit_button.isVisible()  # a later stay exists: it is readmitted from there
