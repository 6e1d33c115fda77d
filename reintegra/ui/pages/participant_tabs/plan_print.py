"""Printing the chosen individual plan from the plan tab, or saving it as a PDF to sign
(``reports/plan.py`` through ``reports.outputs.save_plan``); each copy that leaves the program is
recorded in the audit log, as the Reports page records its reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reintegra.i18n import _
from reintegra.services.errors import ReintegraError, file_error_message
from reintegra.services.plans import PlanRow
from reintegra.ui import file_dialogs, messages
from reintegra.ui.context import AppContext

DISCLOSED = "plan"  # services/audit_text.DISCLOSED


def suggested_name(plan: PlanRow, name: str) -> str:
    from reintegra.reports.outputs import file_name_part

    return file_name_part(f"{plan.kind.value} {name} {plan.start.isoformat()}") + ".pdf"


def ask_path(parent: QWidget, suggested: str) -> str | None:
    """The file chosen in the system dialog; tests replace this."""
    path, _chosen = file_dialogs.save_file(parent, file_dialogs.REPORT, _("Save the plan as PDF"), suggested,
                                           "PDF (*.pdf)")
    if path and not Path(path).suffix:
        path += ".pdf"
    return path or None


def save_plan(parent: QWidget, context: AppContext, plan: PlanRow, name: str) -> Path | None:
    """Asks where, writes the PDF, records the disclosure; None when cancelled or refused (said)."""
    path = ask_path(parent, suggested_name(plan, name))
    if not path:
        return None
    from reintegra.reports import outputs

    try:
        with context.read() as session:
            written = outputs.save_plan(session, plan.id, path, actor=context.actor(session))
        _disclosed(context, plan, written)
    except ReintegraError as error:
        messages.error(parent, error.message)
        return None
    except OSError as error:
        messages.error(parent, file_error_message(error, path))
        return None
    return written


def print_plan(parent: QWidget, context: AppContext, plan: PlanRow) -> bool:
    """The system print dialog for the plan's PDF; True when it went to a printer (recorded)."""
    from reintegra.reports.plan import plan_report
    from reintegra.ui.widgets.pdf_preview import PdfPreview

    try:
        with context.read() as session:
            data = plan_report(session, plan.id, actor=context.actor(session))
    except ReintegraError as error:
        messages.error(parent, error.message)
        return False
    preview = PdfPreview(parent)
    preview.hide()
    try:
        preview.show_pdf(data)
        if not preview.print_document(parent):
            return False
        try:
            _disclosed(context, plan, preview.printed_on or _("printer"))
        except ReintegraError as error:
            messages.error(parent, error.message)
        return True
    finally:
        preview.deleteLater()


def _disclosed(context: AppContext, plan: PlanRow, target: Path | str) -> None:
    from reintegra.services import audit

    with context.unit() as session:
        audit.record_disclosure(session, context.actor(session), plan.participant_id, DISCLOSED, target)
