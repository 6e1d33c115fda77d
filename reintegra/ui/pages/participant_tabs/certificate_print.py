"""Printing an issued completion certificate, or saving it as a PDF to sign (``reports/certificate.py``
through ``reports.outputs.save_certificate``), as the plan tab prints a plan; each copy that leaves
the program is recorded in the audit log (ui/person_pdf.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reintegra.i18n import _
from reintegra.ui import person_pdf
from reintegra.ui.context import AppContext

DISCLOSED = "certificate"  # services/audit_text.DISCLOSED


def suggested_name(name: str, number: str = "") -> str:
    """"zaswiadczenie-3-2026-Jan-Kowalski.pdf" (without the number before it is given)."""
    from reintegra.reports.outputs import file_name_part

    text = _("certificate {number} {name}").format(number=number.replace("/", "-"), name=name)
    return file_name_part(text) + ".pdf"


def ask_path(parent: QWidget, suggested: str) -> str | None:
    """The file chosen in the system dialog; tests replace this."""
    return person_pdf.ask_pdf_path(parent, _("Save the certificate as PDF"), suggested)


def write_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int,
                      path: str) -> Path | None:
    """Writes the certificate to ``path`` and records the disclosure; None when refused (said)."""
    from reintegra.reports import outputs

    def save(session, actor, path):
        return outputs.save_certificate(session, certificate_id, path, actor=actor)

    return person_pdf.write_pdf(parent, context, save, path, participant_id, DISCLOSED)


def save_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int,
                     suggested: str) -> Path | None:
    """Asks where, writes the PDF, records the disclosure; None when cancelled or refused (said)."""
    path = ask_path(parent, suggested)
    return write_certificate(parent, context, certificate_id, participant_id, path) if path else None


def print_certificate(parent: QWidget, context: AppContext, certificate_id: int, participant_id: int) -> bool:
    """The system print dialog for the certificate's PDF; True when it went to a printer (recorded)."""
    from reintegra.reports.certificate import certificate_report

    def make(session, actor):
        return certificate_report(session, certificate_id, actor=actor)

    return person_pdf.print_pdf(parent, context, make, participant_id, DISCLOSED)
