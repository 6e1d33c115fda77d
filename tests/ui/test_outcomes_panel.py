"""The outcomes panel of the start page shows the hand-counted figures of tests/outcome_data.py,
for the period chosen from the keyboard, and follows a change made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import employment_data
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
    # Completed 4 of 7 exits other than deaths; into work 2 of 8 exits; employed within 90 days 2 of the
    # 3 who completed and did not go on to education; retention 1 of 1 (Adam; Filomena's six months
    # have not passed); present 6 of the 7 working days entered, 938 not entered (it was 0,6%: 6 of 945).
    assert _tile(panel, "completion") == ("57,1%", _of(4, 7))
    assert _tile(panel, "employed_at_exit") == ("25,0%", _of(2, 8))
    assert _tile(panel, "employed_within_90_days") == ("66,7%", _of(2, 3))
    assert _tile(panel, "retention") == ("100,0%", _of(1, 1))
    assert _tile(panel, "attendance") == ("85,7%", ngettext(
        "{count} of {total} working day entered", "{count} of {total} working days entered", 7).format(
        count=6, total=7) + "\n" + ngettext("{count} working day not entered", "{count} working days not entered",
                                            938).format(count="938"))


def test_this_year_without_exits_shows_dashes(qtbot, context, people):
    panel = _shown(qtbot, OutcomesPanel(context, today=outcome_data.RECORDED_ON))
    # 1 January – 2 March 2026: nobody left; Halina's 41 working days, no attendance entered: no rate
    # (not 0%), the 41 days said beside it.
    assert _tile(panel, "completion") == ("—", _of(0, 0))
    assert _tile(panel, "retention") == ("—", _of(0, 0))
    assert _tile(panel, "attendance")[0] == "—"
    assert "41" in _tile(panel, "attendance")[1]
    assert (panel.figures.attendance.total, panel.figures.not_entered_days) == (0, 41)


def test_a_contact_recorded_elsewhere_shows_after_the_change_signal(qtbot, context, people):
    panel = _shown(qtbot, OutcomesPanel(context, today=date(2025, 12, 31)))
    panel.period.setCurrentIndex(panel.period.findData(Period.LAST_12_MONTHS))
    assert _tile(panel, "retention") == ("100,0%", _of(1, 1))
    with context.unit() as session:  # Adam's 6-month contact corrected: he had lost the job after all
        contact = follow_ups.follow_ups_of(session, people["Adam"])[1]
        follow_ups.record_contact(session, contact.id, contact.version, contact.contact_date,
                                  EmploymentStatus.UNEMPLOYED)
    context.events.participants_changed.emit()
    assert _tile(panel, "retention") == ("0,0%", _of(0, 1))


def test_employment_within_90_days_retention_and_the_days_not_entered(qtbot, context):
    """tests/employment_data.py seen on 2 March 2026, the previous year chosen: as counted by hand there."""
    with context.unit() as session:
        employment_data.build(session)
    panel = _shown(qtbot, OutcomesPanel(context, today=employment_data.AS_OF))
    panel.period.setCurrentIndex(panel.period.findData(Period.PREVIOUS_YEAR))
    assert _tile(panel, "employed_within_90_days") == ("66,7%", _of(4, 6))
    assert _tile(panel, "retention") == ("66,7%", _of(2, 3))
    value, share = _tile(panel, "attendance")
    assert value == "66,7%"  # 2 of the 3 days entered, not 1,6%
    assert share.splitlines() == [
        ngettext("{count} of {total} working day entered", "{count} of {total} working days entered", 3).format(
            count=2, total=3),
        ngettext("{count} working day not entered", "{count} working days not entered", 121).format(count=121)]
    assert "90" in panel.tiles["employed_within_90_days"].toolTip()


def test_the_panel_shows_where_last_year_s_leavers_are(qtbot, context):
    """tests/pathway_data.py, seen on 2 March 2026: its five 2025 leavers counted by hand."""
    import pathway_data
    from reintegra.services import pathway

    with context.unit() as session:
        pathway_data.build(session)
    panel = _shown(qtbot, OutcomesPanel(context, today=pathway_data.AS_OF))
    table = panel.leavers
    assert table.title.text() == ngettext("Where the {count} person who left in {year} is",
                                          "Where the {count} people who left in {year} are", 5).format(
        count=5, year=2025)
    expected = {pathway.place_label(place): [str(pathway_data.EXPECTED[months][place.value])
                                             for months in pathway.HORIZONS]
                for place in pathway.PLACES if any(pathway_data.EXPECTED[m][place.value] for m in pathway.HORIZONS)}
    assert table.rows() == expected
    assert pathway.place_label(pathway.Place.NOT_YET_DUE) in table.rows()  # apart from "unknown"
    # The period chosen above does not change whose path is shown: always the previous year's leavers.
    panel.period.setCurrentIndex(1)
    assert table.rows() == expected
