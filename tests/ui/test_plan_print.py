"""The plan tab's "Save plan as PDF…": the chosen plan written to the file chosen, its text read back, and
the audit log saying whose data went where."""

from __future__ import annotations

import io
from datetime import date

import pytest

from PySide6.QtCore import Qt
from pypdf import PdfReader
from sqlalchemy import select

from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry
from reintegra.ui.pages.participant_tabs import plan_print
from reintegra.ui.pages.participant_tabs.plan import PlanTab
from reintegra.db.enums import GoalStatus, SkillGroup
from reintegra.services import plans
from reintegra.services.plans import GoalFields, PlanFields
from staff_data import make_staff


@pytest.fixture
def staff_plan(context):
    with context.unit() as session:
        staff = make_staff(session)
        plan = plans.create_plan(session, staff.anna.id, PlanFields(start=date(2026, 1, 5), end=date(2026, 12, 31),
                                                                    forms_and_scope="Trening kulinarny"))
        plans.add_goal(session, plan.id, GoalFields(SkillGroup.SELF_RELIANCE, "Samodzielne zakupy według listy",
                                                    date(2026, 6, 30), GoalStatus.ACHIEVED))
        return staff, plan.id


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_plan_tab_saves_the_chosen_plan_and_records_it(qtbot, context, monkeypatch, staff_plan, tmp_path):
    staff, plan_id = staff_plan
    tab = PlanTab(context)
    qtbot.addWidget(tab)
    tab.show()
    tab.load(staff.anna.id)
    assert tab.save_pdf_button.isVisible() and tab.print_button.isVisible()
    target = tmp_path / "ipr.pdf"
    monkeypatch.setattr(plan_print, "ask_path", lambda parent, suggested: str(target))
    qtbot.mouseClick(tab.save_pdf_button, Qt.LeftButton)
    assert "Samodzielne zakupy według listy" in _text(target.read_bytes())
    with context.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.participant_id == staff.anna.id and entry.changes == {"what": "plan", "file": str(target)}
