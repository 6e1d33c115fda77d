"""The audit log to a CSV file: the entries a filter shows, newest first, for Excel (as in
``reports.export``: UTF-8 with a byte-order mark, ``;`` in Polish); the export itself is recorded."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.reports.export import _csv_text, _write_replacing, excel_csv
from reintegra.services import audit_log
from reintegra.services.audit_log import AuditQuery, AuditRow
from reintegra.services.errors import ReintegraError


def headers() -> list[str]:
    return [_("Date and time"), _("User"), _("Kind"), _("Person"), _("Description")]


def write_audit_log(path: str | os.PathLike, rows: Sequence[AuditRow]) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ReintegraError(_("The audit log can be saved as a .csv file, not as {name}.").format(name=path.name))

    def write(temporary: Path) -> None:
        with excel_csv(temporary) as writer:
            writer.writerow(headers())
            for row in rows:
                writer.writerow([row.at.strftime("%Y-%m-%d %H:%M:%S"), _csv_text(row.user), row.kind,
                                 _csv_text(row.person), _csv_text(row.description)])

    _write_replacing(path, write)
    return path


def save_audit_log(session: Session, actor: User | None, query: AuditQuery, path: str | os.PathLike) -> int:
    """Writes every entry ``query`` matches to ``path`` and records the export (``session`` must
    write); returns how many entries were written."""
    rows = audit_log.all_entries(session, actor, query)
    written = write_audit_log(path, rows)
    audit_log.record_export(session, actor, query, written)
    return len(rows)
