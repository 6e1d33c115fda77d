"""The CIS clock on the personal data tab: shown for a CIS stay, "Extend…" and "Trial month…" as a
user works them with the keyboard; a refusal stays beside its field with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from factories import admit
from reintegra.db.enums import Programme, TrialDecision
from reintegra.services import participants
from reintegra.ui.dialogs.cis_clock import ExtendDialog, TrialMonthDialog
from reintegra.ui.pages.participant_tabs.personal import PersonalTab

ADMITTED = date(2026, 1, 5)  # 12 months: 4.01.2027; 24 in total: 4.01.2028


class Dialogs:
    """Stands in for exec(): shows each dialog and hands it to the test's ``fill``."""

    def __init__(self, qtbot, monkeypatch, tab, fill):
        self.opened: list[QDialog] = []

        def run(dialog):
            self.opened.append(dialog)
            with qtbot.waitActive(dialog):
                dialog.show()
                dialog.activateWindow()
            fill(dialog)
            dialog.close()
            return dialog.result() == QDialog.Accepted

        monkeypatch.setattr(tab, "run_dialog", run)


def _tab(qtbot, context, programme=Programme.CIS):
    with context.unit() as session:
        stay_id = admit(session, "Katarzyna", "Wójcik", ADMITTED, serial=7, programme=programme).id
    tab = PersonalTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.load(stay_id)
    return tab, stay_id


def _stay(context, stay_id):
    with context.read() as session:
        stay = participants.get_participant(session, stay_id)
        return (stay.planned_end_date, stay.extension_date, stay.extension_reason, stay.trial_decision,
                stay.trial_decision_date)


def _type_into(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_extend_past_24_months_is_refused_beside_the_field_then_to_24_months_saved(qtbot, monkeypatch, context,
                                                                                   said):
    tab, stay_id = _tab(qtbot, context)
    assert tab.clock.isVisible() and "04.01.2027" in tab.clock.period.text()

    def past_24(dialog):
        assert isinstance(dialog, ExtendDialog) and QApplication.focusWidget() is dialog.new_end
        qtbot.keyClicks(dialog.new_end, "05.01.2028")
        _type_into(qtbot, dialog.reason, "IPZS wymaga dluzszej pracy")
        qtbot.keyClick(dialog.reason, Qt.Key_Return)  # Enter saves
        assert dialog.form.error_text("new_end") == \
            "Uczestnictwo trwa łącznie najwyżej 24 miesiące, wliczając przedłużenia."
        assert dialog.isVisible()

    Dialogs(qtbot, monkeypatch, tab, past_24)
    qtbot.mouseClick(tab.clock.extend_button, Qt.LeftButton)
    assert _stay(context, stay_id)[:3] == (date(2027, 1, 4), None, "")  # nothing written

    def to_24(dialog):
        _type_into(qtbot, dialog.new_end, "04.01.2028")
        _type_into(qtbot, dialog.decided_on, "15.12.2026")
        _type_into(qtbot, dialog.reason, "IPZS wymaga dluzszej pracy")
        qtbot.keyClick(dialog.reason, Qt.Key_Return)

    monkeypatch.setattr("reintegra.ui.dialogs.cis_clock.date", _FixedDate)
    Dialogs(qtbot, monkeypatch, tab, to_24)
    qtbot.mouseClick(tab.clock.extend_button, Qt.LeftButton)
    assert _stay(context, stay_id)[:3] == (date(2028, 1, 4), date(2026, 12, 15), "IPZS wymaga dluzszej pracy")
    assert said.errors == []
    assert "04.01.2028" in tab.clock.period.text() and "IPZS wymaga dluzszej pracy" in tab.clock.extension.text()
    assert not tab.clock.extend_button.isEnabled()  # 24 months reached
    assert tab.form.editors["planned_end_date"].text() == "04.01.2028"


def test_the_trial_decision_is_recorded_from_the_tab(qtbot, monkeypatch, context, said):
    monkeypatch.setattr("reintegra.ui.dialogs.cis_clock.date", _FixedDate)
    tab, stay_id = _tab(qtbot, context)
    assert "04.02.2026" in tab.clock.trial.text()

    def record(dialog):
        assert isinstance(dialog, TrialMonthDialog) and QApplication.focusWidget() is dialog.choice
        dialog.choice.setCurrentIndex(dialog.choice.findData(TrialDecision.PASSED))
        assert dialog.decided_on.text() == "20.12.2026"  # today, filled in on choosing
        _type_into(qtbot, dialog.decided_on, "04.02.2026")
        qtbot.keyClick(dialog.decided_on, Qt.Key_Return)

    Dialogs(qtbot, monkeypatch, tab, record)
    tab.record_trial()  # where the start page's reminder leads
    assert _stay(context, stay_id)[3:] == (TrialDecision.PASSED, date(2026, 2, 4))
    assert "Zaliczony" in tab.clock.trial.text() and said.errors == []


@pytest.mark.parametrize("programme", [Programme.WTZ, Programme.ZAZ])
def test_a_wtz_or_zaz_stay_shows_no_clock(qtbot, context, programme):
    tab, _stay_id = _tab(qtbot, context, programme)
    assert not tab.clock.isVisible()


class _FixedDate(date):
    @classmethod
    def today(cls):
        return date(2026, 12, 20)


def test_the_start_page_line_of_a_trial_month_ending_opens_its_dialog(qtbot, monkeypatch, context):
    from reminders_data import TODAY, build
    from reintegra.db.enums import Role
    from reintegra.i18n import _
    from reintegra.services.reminders import ReminderKind
    from reintegra.ui.context import SignedIn
    from reintegra.ui.main_window import MainWindow
    from reintegra.ui.pages import start

    monkeypatch.setattr(start, "today", lambda: TODAY)
    with context.unit() as session:
        build(session)
        # Admitted 1.11.2025: the trial month ends on 30.11.2025, in 6 days.
        stay_id = admit(session, "Katarzyna", "Wójcik", date(2025, 11, 1), serial=77, programme=Programme.CIS).id
    opened = []
    monkeypatch.setattr(PersonalTab, "record_trial", lambda tab: opened.append(tab.participant_id))
    context.user = SignedIn(None, "kierownik", "Grażyna Świątek", Role.DIRECTOR)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.pages.currentWidget()
    model = page.model
    groups = {model.kind_of_group(group): group for group in range(model.group_count())}
    parent = model.index(groups[ReminderKind.TRIAL_DECISION], 0)
    assert parent.data() == "Kończące się okresy próbne: decyzja do zapisania (1)" == \
        _("Trial months ending: decision to record") + " (1)"
    line = model.index(0, 0, parent)
    assert line.data() == "Wójcik Katarzyna"
    assert line.siblingAtColumn(1).data() == "Okres próbny kończy się 30.11.2025: zapisz decyzję"
    page.view.setCurrentIndex(line)
    qtbot.keyClick(page.view, Qt.Key_Return)
    detail = window.pages.currentWidget().detail
    assert detail.tabs.currentWidget() is detail.personal
    qtbot.waitUntil(lambda: opened == [stay_id])
