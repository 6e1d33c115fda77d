"""The detail page's Path tab on tests/pathway_data.py: Zofia's way WTZ → ZAZ → social cooperative → open
market, oldest first; an instructor sees only the stay they reach."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import pathway_data
from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import pathway
from reintegra.ui.context import SignedIn
from reintegra.ui.pages.participant_detail import ParticipantDetail


@pytest.fixture
def ids(context):
    with context.unit() as session:
        return pathway_data.build(session)


def _detail(qtbot, context, stay_id) -> ParticipantDetail:
    detail = ParticipantDetail(context)
    qtbot.addWidget(detail)
    detail.resize(1156, 700)
    detail.show()
    detail.load(stay_id)
    return detail


def _open_path(qtbot, detail):
    """Ctrl+Tab through the tabs, as from the keyboard, up to the last one (Path)."""
    detail.tabs.setFocus()
    while detail.tabs.currentWidget() is not detail.path:
        qtbot.keyClick(detail.tabs, Qt.Key_Tab, Qt.ControlModifier)
    assert detail.tabs.tabText(detail.tabs.currentIndex()) == _("Path")
    return detail.path


def test_the_path_tab_lists_the_stays_and_contacts_oldest_first(qtbot, context, ids):
    detail = _detail(qtbot, context, ids["Zofia ZAZ"])
    tab = _open_path(qtbot, detail)
    with context.read() as session:
        steps = pathway.timeline(session, ids["Zofia"])
    assert tab.summary.text() == " → ".join(["WTZ 2019–2023", "ZAZ 2023–2025",
                                             pathway.place_label(pathway.Place.SOCIAL_COOPERATIVE),
                                             pathway.place_label(pathway.Place.OPEN_MARKET)])
    assert tab.texts() == [step.text() for step in steps]
    assert len(tab.texts()) == 4 and "02.09.2019" in tab.texts()[0] and "30.09.2025" in tab.texts()[3]
    assert tab.steps.item(0).font().bold() and not tab.steps.item(2).font().bold()  # stays stand out


def test_an_instructor_sees_only_the_stay_they_reach(qtbot, context, ids):
    context.user = SignedIn(ids["ola"], "ola", "Aleksandra Żak", Role.INSTRUCTOR)
    detail = _detail(qtbot, context, ids["Wiktor ZAZ"])
    tab = _open_path(qtbot, detail)
    assert tab.summary.text() == _("{programme} since {year}").format(programme="ZAZ", year=2025)
    assert len(tab.texts()) == 1 and "2018" not in " ".join(tab.texts())
