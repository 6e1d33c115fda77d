"""The audit log's table: one row an entry, newest first, more pages appended below."""

from __future__ import annotations

from collections.abc import Sequence

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from reintegra.i18n import _
from reintegra.services.audit_log import AuditRow, shown_time
from reintegra.ui.models.table import Column, RowsModel


def audit_columns() -> list[Column[AuditRow]]:
    return [
        Column(_("When"), lambda row: row.at, display=lambda row: shown_time(row.at)),
        Column(_("User"), lambda row: row.user),
        Column(_("Kind"), lambda row: row.kind),
        Column(_("Person"), lambda row: row.person),
        Column(_("Description"), lambda row: row.description),
    ]


class AuditLogModel(RowsModel[AuditRow]):
    def __init__(self, parent=None):
        super().__init__(audit_columns(), parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.row_at(index.row()).description  # the whole sentence, however narrow the column
        return super().data(index, role)

    def append_rows(self, rows: Sequence[AuditRow]) -> None:
        """The next page, below the rows already shown."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
