"""Import files as facilities have them: CSV saved by Polish Excel, UTF-8 CSV, XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from reintegra.db.models import Base


def polish_excel_csv(path: Path, rows: list[list[str]]) -> Path:
    """As Polish Excel saves "CSV (rozdzielany średnikami)": Windows-1250, ``;``, CRLF."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("cp1250"))
    return path


def utf8_csv(path: Path, rows: list[list[str]], *, bom: bool = True) -> Path:
    text = io.StringIO()
    csv.writer(text, delimiter=",", lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
    return path


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Arkusz1"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def table_counts(session) -> dict[str, int]:
    """Rows in every table: the whole database's state, as far as an import may touch it."""
    return {table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables}
