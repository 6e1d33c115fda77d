"""The Reports page as an instructor on ``staff_data``: the reports of the people they reach, the attendance sheet
of their workshop with only the people they reach; the director's sheet has everyone. (The page's today is
TODAY, when celina is within the grace period.)"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.ui.context import SignedIn
from reintegra.ui.pages import reports as reports_page
from reintegra.ui.pages.reports import ReportsPage
from staff_data import TODAY, make_staff


@pytest.fixture
def staff(context, monkeypatch):
    monkeypatch.setattr(reports_page, "today", lambda: TODAY)
    with context.unit() as session:
        staff = make_staff(session)
        return {name: getattr(staff, name).id for name in ("ola", "director")}


def _sheet_text(qtbot, context, user):
    context.user = user
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    page.activated()
    form = page.show_form("attendance")
    form.month.set_month(2026, 3)
    form.workshop.setCurrentIndex(form.workshop.findText("Pracownia gastronomiczna"))
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    return page, "\n".join(page.pdf.page_text(i) for i in range(page.pdf.page_count()))


def test_an_instructors_sheet_leaves_out_whom_they_no_longer_reach(qtbot, context, staff, tmp_path, monkeypatch):
    page, text = _sheet_text(qtbot, context, SignedIn(staff["ola"], "ola", "Aleksandra Żak", Role.INSTRUCTOR))
    assert [page.kinds.item(r).text() for r in range(page.kinds.count())] == [
        _("Participant reintegration report"), _("Monthly attendance sheet"), _("Workshop day log"),
        _("Reports for all active participants")]
    assert "Kowalska" in text and "Łoś" not in text and "Źrebiec" not in text
    target = tmp_path / "marzec.csv"
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(target))
    page.save()
    saved = target.read_text(encoding="utf-8-sig")
    assert "Kowalska" in saved and "Łoś" not in saved
    people = page.show_form("participant").person
    assert [people.itemText(i).split()[0] for i in range(people.count())] == ["Kowalska", "Źrebiec"]


def test_the_directors_sheet_has_everyone(qtbot, context, staff):
    _page, text = _sheet_text(qtbot, context, SignedIn(staff["director"], "kierownik", "Zofia Wójcik", Role.DIRECTOR))
    assert "Kowalska" in text and "Źrebiec" in text and "Łoś" in text
