"""The outcomes panel of the start page shows the hand-counted figures of tests/outcome_data.py,
for the period chosen from the keyboard, and follows a change made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import outcome_data
from reintegra.db.enums import EmploymentStatus
from reintegra.i18n import _, ngettext
from reintegra.services import follow_ups
from reintegra.services.outcomes import Period
from reintegra.ui.widgets.outcomes_panel import OutcomesPanel


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 220)
    widget.show()
    return widget


def _tile(panel, key) -> tuple[str, str]:
    value = panel.findChild(QLabel, f"{key}-value").text()
    share = panel.findChild(QLabel, f"{key}-share").text()
    return value, share


def _of(count, total) -> str:
    return _("{count} of {total}").format(count=count, total=total)


@pytest.fixture
def people(context):
    with context.unit() as session:
        return outcome_data.build(session)


def test_the_previous_year_shows_the_hand_count(qtbot, context, people):
    # Seen on 2 March 2026, the previous year is 2025, counted by hand in tests/outcome_data.py.
    panel = _shown(qtbot, OutcomesPanel(context, today=outcome_data.RECORDED_ON))
    assert panel.chosen_period() is Period.THIS_YEAR  # the default
    panel.period.setFocus()
    qtbot.keyClick(panel.period, Qt.Key_Down)  # last 12 months
    qtbot.keyClick(panel.period, Qt.Key_Down)  # previous year
    assert panel.chosen_period() is Period.PREVIOUS_YEAR
    assert "31.12.2025" in panel.range.text() and "01.01.2025" in panel.range.text()
    # Completed 4 of 7 exits other than deaths; into work 2 of 8 exits; within 3 months 4 of 8;
    # 1 employed of the 4 whose six months had passed; present 6 of 945 working days.
    assert _tile(panel, "completion") == ("57,1%", _of(4, 7))
    assert _tile(panel, "employed_at_exit") == ("25,0%", _of(2, 8))
    assert _tile(panel, "employed_within_3_months") == ("50,0%", _of(4, 8))
    assert _tile(panel, "employed_after_6_months") == ("25,0%", _of(1, 4))
    assert _tile(panel, "attendance") == ("0,6%", ngettext(
        "{count} of {total} working day", "{count} of {total} working days", 945).format(count=6, total=945))


def test_this_year_without_exits_shows_dashes(qtbot, context, people):
    panel = _shown(qtbot, OutcomesPanel(context, today=outcome_data.RECORDED_ON))
    # 1 January – 2 March 2026: nobody left; Halina's 41 working days, no attendance entered.
    assert _tile(panel, "completion") == ("—", _of(0, 0))
    assert _tile(panel, "employed_after_6_months") == ("—", _of(0, 0))
    assert _tile(panel, "attendance")[0] == "0,0%"
    assert panel.figures.attendance.total == 41


def test_a_contact_recorded_elsewhere_shows_after_the_change_signal(qtbot, context, people):
    panel = _shown(qtbot, OutcomesPanel(context, today=date(2025, 12, 31)))
    panel.period.setCurrentIndex(panel.period.findData(Period.LAST_12_MONTHS))
    assert _tile(panel, "employed_after_6_months") == ("25,0%", _of(1, 4))
    with context.unit() as session:  # Cezary's 6-month contact corrected: he found work after all
        contact = follow_ups.follow_ups_of(session, people["Cezary"])[1]
        follow_ups.record_contact(session, contact.id, contact.version, contact.contact_date,
                                  EmploymentStatus.EMPLOYED, "Szwalnia „Igła”")
    context.events.participants_changed.emit()
    assert _tile(panel, "employed_after_6_months") == ("50,0%", _of(2, 4))
