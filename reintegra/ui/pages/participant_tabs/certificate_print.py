"""Printing an issued completion certificate, or saving it as a PDF to sign (``reports/certificate.py``
through ``reports.outputs.save_certificate``), as the plan tab prints a plan (plan_print.py); each copy
that leaves the program is recorded in the audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reintegra.i18n import _
from reintegra.services.errors import ReintegraError, file_error_message
from reintegra.ui import file_dialogs, messages
from reintegra.ui.context import AppContext

DISCLOSED = "certificate"  # services/audit_text.DISCLOSED


def suggested_name(name: str, number: str = "") -> str:
    """"zaswiadczenie-3-2026-Jan-Kowalski.pdf" (without the number before it is given)."""
    from reintegra.reports.outputs import file_name_part

    text = _("certificate {number} {name}").format(number=number.replace("/", "-"), name=name)
    return file_name_part(text) + ".pdf"


def ask_path(parent: QWidget, suggested: str) -> str | None:
    """The file chosen in the system dialog; tests replace this."""
    path, _chosen = file_dialogs.save_file(parent, file_dialogs.REPORT, _("Save the certificate as PDF"), suggested,
                                           "PDF (*.pdf)")
    if path and not Path(path).suffix:
        path += ".pdf"
    return path or None


def write_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int,
                      path: str) -> Path | None:
    """Writes the certificate to ``path`` and records the disclosure; None when refused (said)."""
    from reintegra.reports import outputs

    try:
        with context.read() as session:
            written = outputs.save_certificate(session, certificate_id, path, actor=context.actor(session))
        _disclosed(context, participant_id, written)
    except ReintegraError as error:
        messages.error(parent, error.message)
        return None
    except OSError as error:
        messages.error(parent, file_error_message(error, path))
        return None
    return written


def save_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int,
                     suggested: str) -> Path | None:
    """Asks where, writes the PDF, records the disclosure; None when cancelled or refused (said)."""
    path = ask_path(parent, suggested)
    return write_certificate(parent, context, certificate_id, participant_id, path) if path else None


def print_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int) -> bool:
    """The system print dialog for the certificate's PDF; True when it went to a printer (recorded)."""
    from reintegra.reports.certificate import certificate_report
    from reintegra.ui.widgets.pdf_preview import PdfPreview

    try:
        with context.read() as session:
            data = certificate_report(session, certificate_id, actor=context.actor(session))
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
            _disclosed(context, participant_id, preview.printed_on or _("printer"))
        except ReintegraError as error:
            messages.error(parent, error.message)
        return True
    finally:
        preview.deleteLater()


def _disclosed(context: AppContext, participant_id: int, target: Path | str) -> None:
    from reintegra.services import audit

    with context.unit() as session:
        audit.record_disclosure(session, context.actor(session), participant_id, DISCLOSED, target)
