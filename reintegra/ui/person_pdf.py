"""One person's document as a PDF (a plan, a completion certificate …): saved to a file or sent to
the printer from the person's tab, each copy that leaves the program recorded in the audit log (the
Reports page records its reports the same way)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.services.errors import ReintegraError, file_error_message
from reintegra.ui import file_dialogs, messages
from reintegra.ui.context import AppContext

# (session, actor, path) → the file written; (session, actor) → the PDF's bytes
Save = Callable[[Session, User | None, str], Path]
Make = Callable[[Session, User | None], bytes]


def ask_pdf_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """A PDF file chosen in the system dialog (".pdf" added when the name has no extension)."""
    path, _chosen = file_dialogs.save_file(parent, file_dialogs.REPORT, title, suggested, "PDF (*.pdf)")
    if path and not Path(path).suffix:
        path += ".pdf"
    return path or None


def write_pdf(parent: QWidget, context: AppContext, save: Save, path: str, participant_id: int,
              disclosed: str) -> Path | None:
    """Writes the PDF to ``path`` and records the disclosure; None when refused (said in a message)."""
    try:
        with context.read() as session:
            written = save(session, context.actor(session), path)
        record_disclosure(context, participant_id, disclosed, written)
    except ReintegraError as error:
        messages.error(parent, error.message)
        return None
    except OSError as error:
        messages.error(parent, file_error_message(error, path))
        return None
    return written


def print_pdf(parent: QWidget, context: AppContext, make: Make, participant_id: int, disclosed: str) -> bool:
    """The system print dialog for the PDF ``make`` gives; True when it went to a printer (recorded)."""
    from reintegra.ui.widgets.pdf_preview import PdfPreview

    try:
        with context.read() as session:
            data = make(session, context.actor(session))
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
            record_disclosure(context, participant_id, disclosed, preview.printed_on or _("printer"))
        except ReintegraError as error:
            messages.error(parent, error.message)
        return True
    finally:
        preview.deleteLater()


def record_disclosure(context: AppContext, participant_id: int, disclosed: str, target: Path | str) -> None:
    from reintegra.services import audit

    with context.unit() as session:
        audit.record_disclosure(session, context.actor(session), participant_id, disclosed, target)
