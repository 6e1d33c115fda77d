"""The start page as an instructor and as the director on ``staff_data``: the instructor's lines are
their workshop's attendance and their own people, and no outcome figures of the whole facility."""

from __future__ import annotations

import pytest

from reintegra.db.enums import Role
from reintegra.ui.context import SignedIn
from reintegra.ui.pages import start
from reintegra.ui.pages.start import StartPage
from staff_data import TODAY, make_staff


@pytest.fixture
def staff(context, monkeypatch):
    monkeypatch.setattr(start, "today", lambda: TODAY)
    with context.unit() as session:
        staff = make_staff(session)
        return {name: getattr(staff, name).id for name in
                ("ola", "director", "anna", "bartek", "celina", "dawid", "ewa", "gastronomy")}


def _page(qtbot, context, user: SignedIn) -> StartPage:
    context.user = user
    page = StartPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    return page


def _shown_text(page: StartPage) -> str:
    model = page.model
    texts = []
    for group in range(model.group_count()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            texts += [str(model.index(row, column, parent).data() or "") for column in range(model.columnCount(parent))]
    return "\n".join(texts)


def test_an_instructor_sees_only_their_people_and_no_facility_figures(qtbot, context, staff):
    page = _page(qtbot, context, SignedIn(staff["ola"], "ola", "Aleksandra Żak", Role.INSTRUCTOR))
    named = {line.participant_id for line in page.lines() if line.participant_id}
    assert staff["anna"] in named
    assert named <= {staff["anna"], staff["celina"]}
    assert {line.workshop_id for line in page.lines() if line.workshop_id} <= {staff["gastronomy"]}
    text = _shown_text(page)
    assert "Kowalska" in text
    for stranger in ("Łoś", "Mąka", "Nowak"):
        assert stranger not in text
    assert page.outcomes is None


def test_the_director_sees_everyone_and_the_figures(qtbot, context, staff):
    page = _page(qtbot, context, SignedIn(staff["director"], "kierownik", "Zofia Wójcik", Role.DIRECTOR))
    text = _shown_text(page)
    assert "Łoś" in text and "Mąka" in text
    assert page.outcomes is not None and page.outcomes.figures is not None
