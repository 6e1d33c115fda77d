"""The skill areas on the settings page: add, edit, reorder, deactivate, delete; refusals shown
beside the field; read-only for an instructor."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from factories import admit
from keys import type_into, type_text
from reintegra.db.enums import AssessorKind, Role, SkillGroup
from reintegra.i18n import _
from reintegra.services import assessments, skill_areas, users
from reintegra.services.skill_areas import AreaFields
from reintegra.ui.context import SignedIn
from reintegra.ui.pages.settings import SettingsPage
from reintegra.ui.pages.settings_skill_areas import SkillAreasBox


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _answer_dialogs(monkeypatch, box, fill):
    def run(dialog):
        fill(dialog)
        return dialog.result() == QDialog.Accepted
    monkeypatch.setattr(box, "run_dialog", run)


def _names(box):
    return [row.name for row in box.model.rows()]


def _select(box, name):
    box.table.selectRow(_names(box).index(name))


@pytest.fixture
def box(qtbot, context):
    box = _shown(qtbot, SkillAreasBox(context))
    box.load()
    return box


def test_the_defaults_are_listed_on_first_opening(box):
    assert _names(box) == [_(name) for name, _group in skill_areas.DEFAULT_AREAS]
    assert box.model.data(box.model.index(0, 2)) == "1–5"
    assert box.model.data(box.model.index(0, 3)) == _("Active")


def test_add_an_area(qtbot, monkeypatch, context, said, box):
    def fill(dialog):
        type_text(qtbot, dialog.name, "Korzystanie z komunikacji miejskiej")
        dialog.group.setCurrentIndex(dialog.group.findData(SkillGroup.SELF_RELIANCE))
        type_into(qtbot, dialog.scale_max, "4")
        assert [not editor.parentWidget().isHidden() for editor in dialog.levels[:5]] == [True] * 4 + [False]
        type_into(qtbot, dialog.levels[3], "Jeździ sam")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, box, fill)
    qtbot.mouseClick(box.add_button, Qt.LeftButton)
    assert _names(box)[-1] == "Korzystanie z komunikacji miejskiej"
    assert box.selected().name == "Korzystanie z komunikacji miejskiej"
    with context.unit() as session:
        added = skill_areas.list_areas(session)[-1]
    assert (added.group, added.scale_max, added.levels) == (
        SkillGroup.SELF_RELIANCE, 4, (_("Needs full help"), _("Needs a lot of help"), _("Needs partial help"),
                                      "Jeździ sam"))
    assert said.errors == []


def test_a_duplicate_name_is_refused_beside_the_field(qtbot, monkeypatch, context, said, box):
    seen = {}

    def fill(dialog):
        type_text(qtbot, dialog.name, box.model.rows()[2].name.upper())
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = dialog.form.error_text("name")

    _answer_dialogs(monkeypatch, box, fill)
    count = len(_names(box))
    qtbot.mouseClick(box.add_button, Qt.LeftButton)
    assert seen["error"] == _("A skill area named “{name}” already exists.").format(name=box.model.rows()[2].name)
    assert len(_names(box)) == count and said.errors == []


def test_lowering_the_scale_below_a_given_score_is_refused(qtbot, monkeypatch, context, said, box):
    first = box.model.rows()[0]
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        assessments.record_assessment(session, person.id, date(2024, 2, 8), AssessorKind.INSTRUCTOR, {first.id: 5})
    seen = {}

    def fill(dialog):
        type_into(qtbot, dialog.scale_max, "3")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = dialog.form.error_text("scale_max")

    _answer_dialogs(monkeypatch, box, fill)
    box.table.selectRow(0)
    qtbot.keyClick(box.table, Qt.Key_Return)
    assert "5" in seen["error"]
    assert box.model.rows()[0].scale_max == 5


def test_deactivate_and_reactivate_a_used_area(qtbot, context, said, box):
    talk = box.model.rows()[2]
    with context.unit() as session:
        person = admit(session, "Jan", "Kowalski", date(2024, 1, 8))
        assessments.record_assessment(session, person.id, date(2024, 2, 8), AssessorKind.INSTRUCTOR, {talk.id: 3})
    box.load()
    _select(box, talk.name)
    assert not box.delete_button.isEnabled()  # used: only deactivated
    assert box.active_button.text() == _("Deactivate")
    qtbot.mouseClick(box.active_button, Qt.LeftButton)
    assert len(said.questions) == 1 and talk.name in said.questions[0]
    assert box.selected().name == talk.name and not box.selected().active
    assert box.model.data(box.model.index(2, 3)) == _("Inactive")
    with context.unit() as session:
        assert talk.name not in [area.name for area in skill_areas.list_areas(session)]
    assert box.active_button.text() == _("Reactivate")
    qtbot.mouseClick(box.active_button, Qt.LeftButton)
    assert box.selected().active and len(said.questions) == 1  # bringing back asks nothing


def test_move_and_delete_an_unused_area(qtbot, context, said, box):
    names = _names(box)
    box.table.selectRow(0)
    box.table.setFocus()
    qtbot.keyClick(box.table, Qt.Key_Down, Qt.ControlModifier)
    assert _names(box) == [names[1], names[0], *names[2:]]
    assert box.selected().name == names[0]
    qtbot.mouseClick(box.up_button, Qt.LeftButton)
    assert _names(box) == names
    assert box.delete_button.isEnabled()
    qtbot.keyClick(box.table, Qt.Key_Delete)
    assert said.questions == [_("Delete the skill area “{name}”?").format(name=names[0])]
    assert _names(box) == names[1:]


def test_read_only_for_an_instructor(qtbot, context, said):
    with context.unit() as session:
        anna = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna")
        skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
        anna_id = anna.id
    context.user = SignedIn(anna_id, "anna", "", Role.INSTRUCTOR)
    page = _shown(qtbot, SettingsPage(context))
    assert _names(page.skill_areas) == ["Komunikacja"]  # the facility's own, no defaults beside
    assert not page.skill_areas.buttons.isVisible()
    page.skill_areas.table.selectRow(0)
    qtbot.keyClick(page.skill_areas.table, Qt.Key_Delete)
    assert said.questions == [] and _names(page.skill_areas) == ["Komunikacja"]
