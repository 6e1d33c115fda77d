"""“Export personal data…”: everything kept about one person to a JSON or PDF file (GDPR art. 15 and 20).

The system's save dialog chooses the file and its format; the export runs in a unit that writes,
because it is recorded in the audit log. Refusals (an instructor's person outside their workshops,
a folder that cannot be written) are one message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reintegra.i18n import _
from reintegra.services.errors import file_error_message
from reintegra.ui import file_dialogs, messages
from reintegra.ui.saving import save, saved

_FILTERS = {".json": "JSON (*.json)", ".pdf": "PDF (*.pdf)"}


class PersonExport:
    """One export from ``owner`` (a widget with ``context``); tests replace ``ask_path``."""

    def __init__(self, owner: QWidget, participant_id: int, name: str):
        self.owner = owner
        self.context = owner.context
        self.participant_id = participant_id
        self.name = name

    def ask_path(self) -> str | None:
        from reintegra.reports.person_data import suggested_file_name

        path, chosen = file_dialogs.save_file(
            self.owner, file_dialogs.PERSON_EXPORT, _("Export personal data"),
            suggested_file_name(self.name, self.participant_id, ".json"), ";;".join(_FILTERS.values()))
        if path and not Path(path).suffix:
            path += next((suffix for suffix, text in _FILTERS.items() if text == chosen), ".json")
        return path or None

    def run(self) -> Path | None:
        """Asks for the file and writes it; the path written, or None when cancelled or refused."""
        path = self.ask_path()
        if not path:
            return None
        from reintegra.reports.person_data import save_person_data

        def work(session, actor):
            return save_person_data(session, self.participant_id, path, actor=actor)

        try:
            written = save(self.owner, work)
        except OSError as error:
            messages.error(self.owner, file_error_message(error, path))
            return None
        if not saved(written):
            return None
        messages.info(self.owner, _("The personal data were written to {path}.").format(path=written))
        return written
