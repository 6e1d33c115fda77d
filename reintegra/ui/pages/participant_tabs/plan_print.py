"""Printing the chosen individual plan from the plan tab, or saving it as a PDF to sign
(``reports/plan.py`` through ``reports.outputs.save_plan``); each copy that leaves the program is
recorded in the audit log (ui/person_pdf.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reintegra.i18n import _
from reintegra.services.plans import PlanRow
from reintegra.ui import person_pdf
from reintegra.ui.context import AppContext

DISCLOSED = "plan"  # services/audit_text.DISCLOSED


def suggested_name(plan: PlanRow, name: str) -> str:
    from reintegra.reports.outputs import file_name_part

    return file_name_part(f"{plan.kind.value} {name} {plan.start.isoformat()}") + ".pdf"


def ask_path(parent: QWidget, suggested: str) -> str | None:
    """The file chosen in the system dialog; tests replace this."""
    return person_pdf.ask_pdf_path(parent, _("Save the plan as PDF"), suggested)


def save_plan(parent: QWidget, context: AppContext, plan: PlanRow, name: str) -> Path | None:
    """Asks where, writes the PDF, records the disclosure; None when cancelled or refused (said)."""
    path = ask_path(parent, suggested_name(plan, name))
    if not path:
        return None
    from reintegra.reports import outputs

    def save(session, actor, path):
        return outputs.save_plan(session, plan.id, path, actor=actor)

    return person_pdf.write_pdf(parent, context, save, path, plan.participant_id, DISCLOSED)


def print_plan(parent: QWidget, context: AppContext, plan: PlanRow) -> bool:
    """The system print dialog for the plan's PDF; True when it went to a printer (recorded)."""
    from reintegra.reports.plan import plan_report

    def make(session, actor):
        return plan_report(session, plan.id, actor=actor)

    return person_pdf.print_pdf(parent, context, make, plan.participant_id, DISCLOSED)
