"""The assessments tab driven as a user would: a new assessment typed in digits, corrected,
deleted; a form without scores refused; what an instructor may do; the due date and the chart."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from factories import placed, workshop
from keys import type_into, type_text
from reintegra.db.enums import AssessorKind, Role, SkillGroup
from reintegra.db.models import Assessment, SkillArea, Workshop
from reintegra.i18n import _, format_date
from reintegra.services import assessments, skill_areas, users
from reintegra.services.skill_areas import AreaFields
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.assessment import AssessmentDialog, ScoreChooser
from reintegra.ui.pages.participant_tabs.assessments import AssessmentsTab

ADMITTED = date(2024, 1, 8)


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _answer_dialogs(monkeypatch, tab, fill):
    """The tab's dialogs are filled in and their buttons pressed by ``fill`` instead of exec()."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        fill(dialog)
        return dialog.result() == QDialog.Accepted
    monkeypatch.setattr(tab, "run_dialog", run)
    return seen


def _texts(model, row):
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def _count_assessments(context):
    with context.unit() as session:
        return session.scalar(select(func.count()).select_from(Assessment))


@pytest.fixture
def person(context):
    with context.unit() as session:
        return placed(session, "Jan", "Kowalski", ADMITTED, workshop(session).id).id


def _type_scores(qtbot, dialog, digits):
    """Shows the dialog and types the digits where the focus is, as a person would."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ScoreChooser))
    for digit in digits:
        qtbot.keyClick(QApplication.focusWidget(), digit)


def test_new_assessment_typed_in_digits(qtbot, monkeypatch, context, said, person):
    tab = _shown(qtbot, AssessmentsTab(context))
    tab.load(person)
    assert tab.due.text() == _("The next assessment is overdue: it was due on {date}.").format(
        date=format_date(date(2024, 2, 8)))
    assert tab.due.property("overdue") is True
    assert tab.chart.drawn_lines() == [] and tab.comparison_model.rowCount() == 0

    def fill(dialog):
        type_into(qtbot, dialog.day, "12.02.2024")
        _type_scores(qtbot, dialog, "3452")  # the first four areas, one digit each
        areas = list(dialog.choosers)
        assert QApplication.focusWidget() is dialog.choosers[areas[4]]  # moved on after each digit
        assert dialog.descriptions[areas[0]].text() == _("Needs partial help")
        assert dialog.descriptions[areas[2]].text() == _("Does it independently")
        qtbot.keyClick(dialog.choosers[areas[1]], Qt.Key_Delete)  # changed their mind: no score there
        qtbot.mouseClick(dialog.choosers[areas[6]].buttons[0], Qt.LeftButton)  # and one by mouse
        type_text(qtbot, dialog.comment, "Dobry początek.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    dialogs = _answer_dialogs(monkeypatch, tab, fill)
    changes = []
    tab.changed.connect(lambda: changes.append(1))
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert changes == [1] and said.errors == []

    # Defaults (made on first use): hygiene and everyday matters (self-reliance), communication and
    # teamwork (social), vocational skills, punctuality, motivation (vocational).
    assert dialogs[0].chosen_kind() is AssessorKind.COUNCIL  # no signed-in user counts as a director
    assert _texts(tab.model, 0) == ["12.02.2024", _("Programme council"), "3,0", "3,5", "1,0", "Dobry początek."]
    with context.unit() as session:
        [row] = assessments.assessments_for(session, person)
    assert [item.score for item in row.scores] == [3, 5, 2, 1]
    lines = tab.chart.drawn_lines()
    assert [(line.group, line.points) for line in lines] == [
        (SkillGroup.SELF_RELIANCE, ((date(2024, 2, 12), 3.0),)), (SkillGroup.SOCIAL, ((date(2024, 2, 12), 3.5),)),
        (SkillGroup.VOCATIONAL, ((date(2024, 2, 12), 1.0),))]
    tab.show_areas.setChecked(True)
    assert len(tab.chart.drawn_lines()) == 3 + 4
    assert not tab.chart.grab().isNull()  # one point per line draws
    assert tab.due.text() == _("The next assessment is overdue: it was due on {date}.").format(
        date=format_date(date(2024, 8, 12)))
    assert tab.comparison_title.text() == _("Only one assessment so far ({date}).").format(date="12.02.2024")


def test_no_score_is_refused_in_one_sentence_and_writes_nothing(qtbot, monkeypatch, context, said, person):
    tab = _shown(qtbot, AssessmentsTab(context))
    tab.load(person)
    seen = {}

    def fill(dialog):
        type_into(qtbot, dialog.day, "12.02.2024")
        type_text(qtbot, dialog.comment, "Bez ocen.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = dialog.scores_error.text()
        seen["visible"] = not dialog.scores_error.isHidden()
        type_into(qtbot, dialog.day, "12.02.2099")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["day"] = dialog.top.error_text("day")
        seen["both"] = not dialog.scores_error.isHidden()  # every wrong field is said at once

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert seen == {"error": _("Score at least one skill area."), "visible": True,
                    "day": _("An assessment cannot be dated in the future."), "both": True}
    assert said.errors == []
    assert _count_assessments(context) == 0
    assert tab.model.rowCount() == 0


@pytest.fixture
def two_assessments(context, person):
    with context.unit() as session:
        skill_areas.ensure_defaults(session)
        ids = [area.id for area in skill_areas.list_areas(session)]
        for day, scores in ((date(2024, 2, 8), (2, 2, 1, 3, 1, 1, 2)), (date(2024, 8, 8), (3, 4, 2, 3, 2, 1, 3))):
            assessments.record_assessment(session, person, day, AssessorKind.INSTRUCTOR, dict(zip(ids, scores)))
    return ids


def test_comparison_and_chart_of_two_assessments(qtbot, context, said, person, two_assessments):
    tab = _shown(qtbot, AssessmentsTab(context))
    tab.load(person)
    assert [_texts(tab.model, row)[:5] for row in range(2)] == [
        ["08.08.2024", _("Instructor"), "3,5", "2,5", "2,0"], ["08.02.2024", _("Instructor"), "2,0", "2,0", "1,3"]]
    comparison = [_texts(tab.comparison_model, row) for row in range(tab.comparison_model.rowCount())]
    names = [area.strip() for area, *_rest in comparison]
    assert names[0] == _("Self-reliance") and names[3] == _("Social rehabilitation")
    assert comparison[0][1:] == ["2,0", "3,5", "+1,5"]
    assert comparison[1][1:] == ["2", "3", "+1,0"]
    assert comparison[5][1:] == ["3", "3", "0,0"]  # teamwork unchanged
    assert comparison[6][1:] == ["1,3", "2,0", "+0,7"]  # vocational: 4/3 then 6/3
    assert [len(line.points) for line in tab.chart.drawn_lines()] == [2, 2, 2]
    assert tab.due.text() == _("The next assessment is overdue: it was due on {date}.").format(date="08.02.2025")


def test_correct_then_delete(qtbot, monkeypatch, context, said, person, two_assessments):
    tab = _shown(qtbot, AssessmentsTab(context))
    tab.load(person)
    tab.table.selectRow(1)  # the older one

    def fill(dialog):
        assert dialog.day.text() == "08.02.2024"
        assert dialog.choosers[two_assessments[0]].score() == 2
        qtbot.keyClick(dialog.choosers[two_assessments[0]], "4")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert _texts(tab.model, 1)[:3] == ["08.02.2024", _("Instructor"), "3,0"]
    assert tab.selected_row().day == date(2024, 2, 8)  # still the one corrected

    qtbot.keyClick(tab.table, Qt.Key_Delete)
    assert len(said.questions) == 1 and "08.02.2024" in said.questions[0]
    assert [row.day for row in tab.model.rows()] == [date(2024, 8, 8)]
    assert _count_assessments(context) == 1


def test_what_an_instructor_may_do(qtbot, monkeypatch, context, said, person):
    with context.unit() as session:
        anna = users.create_user(session, "anna", "dlugiehaslo", Role.INSTRUCTOR, "Anna Łęcka")
        anna.workshops = list(session.scalars(select(Workshop)))  # the one Jan is placed in
        area = skill_areas.add_area(session, AreaFields("Komunikacja", SkillGroup.SOCIAL))
        assessments.record_assessment(session, person, date(2024, 2, 8), AssessorKind.COUNCIL, {area.id: 3})
        assessments.record_assessment(session, person, date(2024, 3, 8), AssessorKind.INSTRUCTOR, {area.id: 4},
                                      actor=anna)
        anna_id = anna.id
    context.user = SignedIn(anna_id, "anna", "Anna Łęcka", Role.INSTRUCTOR)
    tab = _shown(qtbot, AssessmentsTab(context))
    tab.load(person)
    assert tab.selected_row().assessor == "Anna Łęcka"
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()
    tab.table.selectRow(1)  # the council's
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key_Delete)
    assert said.questions == [] and _count_assessments(context) == 2

    dialog = AssessmentDialog(context, person)
    qtbot.addWidget(dialog)
    assert [dialog.assessor_kind.itemData(i) for i in range(dialog.assessor_kind.count())] == [
        AssessorKind.INSTRUCTOR]


def test_a_wider_scale_and_a_deactivated_area(qtbot, context, said, person):
    with context.unit() as session:
        wide = skill_areas.add_area(session, AreaFields("Staranność", SkillGroup.VOCATIONAL, 10))
        old = skill_areas.add_area(session, AreaFields("Stary obszar", SkillGroup.SOCIAL))
        made = assessments.record_assessment(session, person, date(2024, 2, 8), AssessorKind.INSTRUCTOR,
                                             {old.id: 2, wide.id: 7})
        skill_areas.set_active(session, old.id, old.version, False)
        [row] = assessments.assessments_for(session, person)
    fresh = AssessmentDialog(context, person)
    qtbot.addWidget(fresh)
    assert list(fresh.choosers) == [wide.id]  # a deactivated area is not offered for a new assessment
    qtbot.keyClick(fresh.choosers[wide.id], "0")  # on a scale to 10, 0 is 10
    assert fresh.choosers[wide.id].score() == 10
    qtbot.keyClick(fresh.choosers[wide.id], Qt.Key_Left)
    assert fresh.choosers[wide.id].score() == 9

    editing = AssessmentDialog(context, person, row)
    qtbot.addWidget(editing)
    assert set(editing.choosers) == {wide.id, old.id}  # but kept where it was scored
    assert editing.choosers[old.id].score() == 2
    editing.save()
    assert editing.result() == QDialog.Accepted
    with context.unit() as session:
        assert session.get(Assessment, made.id).version > made.version
        assert session.scalar(select(func.count()).select_from(SkillArea)) == 2  # no defaults beside them
