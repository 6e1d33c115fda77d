"""The plan tab driven as a user would: a plan drawn up, goals added and marked, a review recorded."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from factories import admit
from reintegra.db.enums import GoalStatus, PlanKind, Programme, ReviewKind, Role, SkillGroup
from reintegra.i18n import _, format_date
from reintegra.services import participants, plans
from reintegra.services.dates import add_months
from reintegra.services.participants import ParticipantFields
from reintegra.services.plans import GoalFields, PlanFields
from reintegra.ui.context import SignedIn
from reintegra.ui.pages.participant_tabs.plan import PlanTab

TODAY = date.today()


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


def _type(widget, text):
    """Types like a keyboard, Polish letters included (qtbot.keyClicks takes only Latin-1)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def _type_date(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def _texts(model, row):
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


@pytest.fixture
def person(context):
    with context.unit() as session:
        return admit(session, "Jan", "Kowalski", date(2024, 1, 8)).id


def test_draw_up_a_plan_add_goals_mark_one_and_record_a_review(qtbot, monkeypatch, context, said, person):
    tab = _shown(qtbot, PlanTab(context))
    changes = []
    tab.changed.connect(lambda: changes.append(1))
    tab.load(person)
    assert tab.empty.isVisible() and "Jan Kowalski" in tab.empty.text()
    assert tab.new_button.isVisible() and not tab.splitter.isVisible() and not tab.edit_button.isVisible()

    end = add_months(TODAY, 12) - timedelta(days=1)

    def new_plan(dialog):
        assert dialog.chosen_kind() is PlanKind.IPR
        assert (dialog.start.text(), dialog.end.text()) == (format_date(TODAY), format_date(end))
        assert dialog.next_review.text() == format_date(add_months(TODAY, 6))
        assert dialog.form.layout_.isRowVisible(dialog.texts["family_cooperation"].parentWidget())
        _type(dialog.texts["forms_and_scope"], "Terapia zajęciowa w pracowni gastronomicznej.")
        _type(dialog.texts["family_cooperation"], "Spotkania z mamą raz na kwartał.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, new_plan)
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert changes == [1] and said.errors == []
    assert tab.splitter.isVisible() and not tab.empty.isVisible()
    assert _texts(tab.plans_model, 0) == [f"{format_date(TODAY)} – {format_date(end)}", "IPR", _("Current"),
                                          format_date(add_months(TODAY, 6))]
    assert tab.text.values["forms_and_scope"].text() == "Terapia zajęciowa w pracowni gastronomicznej."
    assert tab.text.title.text() in tab.status.text()

    def goal(area, text):
        def fill(dialog):
            assert dialog.target_date.text() == format_date(end)
            _choose(dialog.area, area)
            _type(dialog.description, text)
            qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        return fill

    _answer_dialogs(monkeypatch, tab, goal(SkillGroup.VOCATIONAL, "Samodzielnie kroi warzywa na sałatkę."))
    qtbot.mouseClick(tab.add_goal_button, Qt.LeftButton)
    _answer_dialogs(monkeypatch, tab, goal(SkillGroup.SOCIAL, "Wita się z grupą."))
    qtbot.mouseClick(tab.add_goal_button, Qt.LeftButton)
    assert [_texts(tab.goals_model, row)[1] for row in range(tab.goals_model.rowCount())] == [
        "Samodzielnie kroi warzywa na sałatkę.", "Wita się z grupą."]

    tab.goals_table.selectRow(1)
    achieved = next(a for a in tab.status_menu.actions() if a.data() == GoalStatus.ACHIEVED)
    achieved.trigger()
    assert _texts(tab.goals_model, 1)[3] == _("Achieved")
    assert tab.chosen_goal().description == "Wita się z grupą."  # still the chosen one after the reload

    def review(dialog):
        assert dialog.day.text() == format_date(TODAY)
        assert format_date(add_months(TODAY, 6)) in dialog.next_hint.text()
        _type(dialog.conclusion, "Cele w realizacji; wyraźne postępy w samodzielności.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, review)
    qtbot.mouseClick(tab.review_button, Qt.LeftButton)
    first = _texts(tab.reviews_model, 0)
    assert (first[0], first[2]) == (format_date(TODAY), "Cele w realizacji; wyraźne postępy w samodzielności.")
    assert format_date(add_months(TODAY, 6)) in tab.text.review_line.text()
    assert changes == [1] * 5 and said.errors == []

    with context.unit() as session:
        [row] = plans.plans_for(session, person)
    assert (row.kind, row.start, row.end, row.family_cooperation) == (
        PlanKind.IPR, TODAY, end, "Spotkania z mamą raz na kwartał.")
    assert [(g.area, g.status) for g in row.goals] == [(SkillGroup.VOCATIONAL, GoalStatus.PLANNED),
                                                       (SkillGroup.SOCIAL, GoalStatus.ACHIEVED)]
    assert [(r.day, r.kind) for r in row.reviews] == [(TODAY, ReviewKind.PERIODIC)]
    assert row.next_review_date == add_months(TODAY, 6)


def test_a_bad_end_date_shows_one_sentence_and_writes_nothing(qtbot, monkeypatch, context, said, person):
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    seen = {}

    def new_plan(dialog):
        _type_date(qtbot, dialog.start, "01.03.2024")
        _type_date(qtbot, dialog.end, "29.02.2024")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"] = dialog.form.error_text("end")
        seen["others"] = [dialog.form.error_text(field) for field in ("start", "next_review_date")]

    _answer_dialogs(monkeypatch, tab, new_plan)
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert seen["error"] == _("The plan cannot end before it starts ({date}).").format(date="01.03.2024")
    assert seen["others"] == ["", ""] and said.errors == []
    assert tab.plans_model.rowCount() == 0 and tab.empty.isVisible()
    with context.unit() as session:
        assert plans.plans_for(session, person) == []


def test_an_empty_goal_is_refused_beside_the_field(qtbot, monkeypatch, context, person):
    with context.unit() as session:
        plans.create_plan(session, person, PlanFields(start=TODAY - timedelta(days=30)))
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    seen = {}

    def fill(dialog):
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        seen["error"], seen["accepted"] = dialog.form.error_text("description"), dialog.result()

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.add_goal_button, Qt.LeftButton)
    assert seen["error"] == _("Describe the goal.") and seen["accepted"] != QDialog.Accepted
    assert tab.goals_model.rowCount() == 0


def test_new_plan_follows_the_previous_one_and_copies_its_texts(qtbot, monkeypatch, context, person):
    earlier_end = TODAY + timedelta(days=10)
    with context.unit() as session:
        plans.create_plan(session, person, PlanFields(start=TODAY - timedelta(days=300), end=earlier_end,
                                                      responsible="Instruktor: Anna Łęcka."))
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    start = earlier_end + timedelta(days=1)

    def fill(dialog):
        assert dialog.start.text() == format_date(start)
        assert dialog.end.text() == format_date(add_months(start, 12) - timedelta(days=1))
        assert dialog.texts["responsible"].toPlainText() == "Instruktor: Anna Łęcka." and not dialog.copied.isHidden()
        _type_date(qtbot, dialog.start, format_date(start + timedelta(days=1)))  # end and review follow
        assert dialog.end.text() == format_date(add_months(start + timedelta(days=1), 12) - timedelta(days=1))
        assert dialog.next_review.text() == format_date(add_months(start + timedelta(days=1), 6))
        dialog.reject()

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    with context.unit() as session:
        assert len(plans.plans_for(session, person)) == 1


def test_an_ipzs_runs_to_the_planned_end_with_its_own_captions(qtbot, monkeypatch, context):
    with context.unit() as session:
        person = admit(session, "Ewa", "Nowak", TODAY - timedelta(days=20), programme=Programme.CIS, serial=5,
                       planned_end_date=add_months(TODAY, 6)).id
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)

    def fill(dialog):
        assert dialog.chosen_kind() is PlanKind.IPZS
        assert dialog.end.text() == format_date(add_months(TODAY, 6))
        assert not dialog.form.layout_.isRowVisible(dialog.texts["family_cooperation"].parentWidget())
        caption = dialog.form.layout_.labelForField(dialog.texts["forms_and_scope"].parentWidget()).text()
        assert caption == _("Scope and &forms of social and vocational reintegration:")
        _type(dialog.texts["activities"], "Szkolenie zawodowe; grupa wsparcia.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, fill)
    qtbot.mouseClick(tab.new_button, Qt.LeftButton)
    assert _texts(tab.plans_model, 0)[1] == "IPZS"
    assert "family_cooperation" not in tab.text.values
    assert tab.text.values["activities"].text() == "Szkolenie zawodowe; grupa wsparcia."
    assert not tab.text.council_line.isVisible()  # the council's three-year review is a WTZ rule


@pytest.fixture
def two_plans(context, person):
    """An ended plan and the current one, with a goal and an overdue review date."""
    with context.unit() as session:
        old = plans.create_plan(session, person, PlanFields(start=date(2024, 1, 8), end=TODAY - timedelta(days=61)))
        current = plans.create_plan(session, person, PlanFields(start=TODAY - timedelta(days=60),
                                                                next_review_date=TODAY - timedelta(days=1)))
        goal = plans.add_goal(session, current.id, GoalFields(SkillGroup.SOCIAL, "Wita się z grupą."))
        return {"old": old.id, "current": current.id, "goal": goal.id}


def test_record_review_opens_for_the_current_plan(qtbot, monkeypatch, context, person, two_plans):
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    assert tab.chosen_plan().id == two_plans["current"]
    index = tab.plans_model.index(0, tab.plans_model.NEXT_REVIEW_COLUMN)
    assert tab.plans_model.data(index, Qt.ForegroundRole).color().name() == "#b3261e"  # overdue
    assert tab.text.review_line.text() == _("The review was due on {date} and has not been recorded.").format(
        date=format_date(TODAY - timedelta(days=1)))
    tab.plans_table.selectRow(1)
    assert tab.chosen_plan().id == two_plans["old"]
    seen = _answer_dialogs(monkeypatch, tab, lambda dialog: dialog.reject())
    tab.record_review(ReviewKind.COUNCIL)
    assert seen[0].plan.id == two_plans["current"] and seen[0].chosen_kind() is ReviewKind.COUNCIL
    assert tab.chosen_plan().id == two_plans["current"]


def test_keys_remove_a_goal_and_open_a_review(qtbot, monkeypatch, context, said, person, two_plans):
    with context.unit() as session:
        plans.add_review(session, two_plans["current"], TODAY - timedelta(days=2), ReviewKind.PERIODIC, "Wniosek.")
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    tab.goals_table.setFocus()
    said.answer_confirm = False
    qtbot.keyClick(tab.goals_table, Qt.Key_Delete)
    assert "Wita się z grupą." in said.questions[0] and tab.goals_model.rowCount() == 1
    said.answer_confirm = True
    qtbot.keyClick(tab.goals_table, Qt.Key_Delete)
    assert tab.goals_model.rowCount() == 0

    def correct(dialog):
        assert dialog.review is not None and dialog.conclusion.toPlainText() == "Wniosek."
        dialog.conclusion.clear()
        _type(dialog.conclusion, "Wniosek poprawiony.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, correct)
    tab.reviews_table.setFocus()
    qtbot.keyClick(tab.reviews_table, Qt.Key_Return)
    assert _texts(tab.reviews_model, 0)[2] == "Wniosek poprawiony."


def test_editing_a_plan_changed_elsewhere_is_a_conflict(qtbot, monkeypatch, context, said, person, two_plans):
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    with context.unit() as session:  # another PC changes the plan meanwhile
        row = plans.plans_for(session, person)[0]
        values = row.fields
        values.methods = "Metoda małych kroków."
        plans.update_plan(session, row.id, row.version, values)

    def edit(dialog):
        _type(dialog.texts["methods"], "Inna metoda.")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    _answer_dialogs(monkeypatch, tab, edit)
    qtbot.mouseClick(tab.edit_button, Qt.LeftButton)
    assert len(said.conflicts) == 1
    assert tab.text.values["methods"].text() == "Metoda małych kroków."  # reloaded: the other PC's text


def test_delete_a_plan_after_confirming(qtbot, context, said, person, two_plans):
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    tab.plans_table.setFocus()
    qtbot.keyClick(tab.plans_table, Qt.Key_Delete)
    assert "Jan Kowalski" in said.questions[0]
    assert tab.plans_model.rowCount() == 1 and tab.chosen_plan().id == two_plans["old"]
    with context.unit() as session:
        assert [row.id for row in plans.plans_for(session, person)] == [two_plans["old"]]


def test_an_instructor_reads_only(qtbot, context, said, person, two_plans):
    context.user = SignedIn(None, "kwiatek", "Krystyna Kwiatkowska", Role.INSTRUCTOR)
    tab = _shown(qtbot, PlanTab(context))
    tab.load(person)
    assert tab.read_only.isVisible() and tab.goals_model.rowCount() == 1
    buttons = (tab.new_button, tab.edit_button, tab.delete_button, tab.add_goal_button, tab.edit_goal_button,
               tab.remove_goal_button, tab.status_button, tab.review_button, tab.edit_review_button,
               tab.delete_review_button)
    assert not any(button.isVisible() for button in buttons)
    tab.goals_table.setFocus()
    qtbot.keyClick(tab.goals_table, Qt.Key_Delete)
    tab.set_goal_status(GoalStatus.ACHIEVED)
    assert said.questions == [] and tab.goals_model.row_at(0).status is GoalStatus.PLANNED


def test_an_applicant_has_a_hint_and_no_button(qtbot, context):
    with context.unit() as session:
        applicant = participants.add_applicant(session, ParticipantFields(
            first_name="Ewa", last_name="Nowak", birth_date=date(1990, 1, 1), application_date=date(2025, 5, 5)))
    tab = _shown(qtbot, PlanTab(context))
    tab.load(applicant.id)
    assert tab.empty.isVisible() and "Ewa Nowak" in tab.empty.text()
    assert not tab.new_button.isVisible()
