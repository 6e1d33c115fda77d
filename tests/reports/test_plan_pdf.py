"""The individual plan to sign (``reports/plan.py``) read back with pypdf: the participant, the period,
every field, the goals with their status, the reviews with the council's decision, the signature
lines; an instructor prints only the plans of the people they reach; the plan tab's button saves it
and the audit log says where it went."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from reintegra.db.enums import GoalStatus, ReviewKind, SkillGroup
from reintegra.i18n import _
from reintegra.reports import outputs
from reintegra.reports.plan import plan_report
from reintegra.services import plans
from reintegra.services.errors import PermissionDenied
from reintegra.services.labels import label
from reintegra.services.plans import GoalFields, PlanFields
from staff_data import make_staff


def _text(data: bytes) -> str:
    """The pages' text with every run of white space as one space (a signature's caption wraps)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def staff_plan(session):
    staff = make_staff(session)
    plan = plans.create_plan(session, staff.anna.id, PlanFields(
        start=date(2026, 1, 5), end=date(2026, 12, 31),
        forms_and_scope="Trening kulinarny w pracowni gastronomicznej",
        methods="Instruktaż słowny, ćwiczenia praktyczne",
        family_cooperation="Spotkania z matką raz w miesiącu",
        planned_results="Samodzielne przygotowanie śniadania",
        activities="Zajęcia pięć dni w tygodniu",
        responsible="Aleksandra Żak, psycholog"))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.SELF_RELIANCE, "Samodzielne zakupy według listy",
                                                date(2026, 6, 30), GoalStatus.ACHIEVED))
    plans.add_goal(session, plan.id, GoalFields(SkillGroup.SOCIAL, "Rozmowa z klientem w kawiarni"))
    plans.add_review(session, plan.id, date(2026, 6, 1), ReviewKind.COUNCIL, "Postępy widoczne",
                     "Kontynuować program", today=date(2026, 6, 10))
    session.commit()
    return staff, plan.id


def test_the_plan_reads_back_with_everything_to_sign(session, staff_plan):
    staff, plan_id = staff_plan
    text = _text(plan_report(session, plan_id))
    for expected in ("Anna Kowalska", "05.01.2026 – 31.12.2026", "Trening kulinarny w pracowni gastronomicznej",
                     "Instruktaż słowny, ćwiczenia praktyczne", "Spotkania z matką raz w miesiącu",
                     "Samodzielne przygotowanie śniadania", "Zajęcia pięć dni w tygodniu", "Aleksandra Żak, psycholog",
                     "Samodzielne zakupy według listy", "Rozmowa z klientem w kawiarni", label(GoalStatus.ACHIEVED),
                     label(GoalStatus.PLANNED), "Postępy widoczne", "Kontynuować program",
                     _("participant's or guardian's signature"), _("instructor's signature"), _("programme council's signatures")):
        assert expected in text, expected


def test_an_instructor_prints_only_the_plans_of_people_they_reach(session, staff_plan, tmp_path):
    staff, plan_id = staff_plan
    assert "Anna Kowalska" in _text(plan_report(session, plan_id, actor=staff.ola))
    target = tmp_path / "plan.pdf"
    with pytest.raises(PermissionDenied):
        outputs.save_plan(session, plan_id, target, actor=staff.jan)
    assert not target.exists()
