"""Reading an import file: the rows of a CSV or XLSX sheet under known columns, each with the
line number Excel shows (the header is line 1), and the cell values importers need.

CSV as facilities actually have it: UTF-8 with or without a byte-order mark, or Windows-1250
(what Polish Excel saves); ``;`` (Polish Excel) or ``,`` between fields. XLSX: the first
sheet, where a PESEL may be a number that lost its leading zero and dates are date cells.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from reintegra.i18n import _, ngettext
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.validation import clean_pesel, parse_date

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
PESEL_LENGTH = 11


@dataclass(frozen=True)
class Column:
    """An import column: the field it fills and the headers that name it."""

    field: str
    english: str
    polish: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {header_key(name) for name in (self.english, self.polish, *self.aliases)}

    def shown(self) -> str:
        return self.polish if self.polish == self.english else f"{self.polish}/{self.english}"


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, object]

    def get(self, field: str) -> object:
        return self.values.get(field)


def read_rows(path: Path, columns: Sequence[Column], *, one_of: Sequence[str] = ()) -> list[Row]:
    """The data rows of the file under ``columns``; blank rows are skipped. The first filled
    row is the header; of the fields in ``one_of`` at least one column must be there.

    Raises ReintegraError (one sentence) when the file cannot be read or lacks a required column.
    """
    lines = _read_lines(path)
    numbered = ((line, cells) for line, cells in lines if any(_filled(cell) for cell in cells))
    first = next(numbered, None)
    if first is None:
        raise ReintegraError(_("The file {name} is empty.").format(name=path.name))
    positions = _positions(first[1], columns, one_of)
    return [Row(line, {field: cells[index] if index < len(cells) else None for field, index in positions.items()})
            for line, cells in numbered]


def header_key(text: str) -> str:
    """A header as compared: case, spaces, underscores and Polish diacritics do not matter."""
    folded = unicodedata.normalize("NFKD", text.strip().lower().replace("ł", "l"))
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(folded.replace("_", " ").replace("-", " ").strip(" :*").split())


def _positions(header: Sequence[object], columns: Sequence[Column], one_of: Sequence[str]) -> dict[str, int]:
    keys = [header_key(str(cell)) if _filled(cell) else "" for cell in header]
    positions = {}
    for column in columns:
        names = column.names()
        index = next((i for i, key in enumerate(keys) if key in names), None)
        if index is not None:
            positions[column.field] = index
    missing = [column.shown() for column in columns if column.required and column.field not in positions]
    if one_of and not any(field in positions for field in one_of):
        missing.append(next(column.shown() for column in columns if column.field == one_of[0]))
    if missing:
        raise ReintegraError(ngettext(
            "The file has no column {columns}.", "The file has no columns {columns}.", len(missing),
        ).format(columns=", ".join(missing)))
    return positions


def _filled(cell: object) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _read_lines(path: Path) -> Iterable[tuple[int, list[object]]]:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_lines(path.read_bytes())
    if suffix in XLSX_SUFFIXES:
        return _xlsx_lines(path)
    raise ReintegraError(_("Only .csv and .xlsx files can be imported, not {name}.").format(name=path.name))


def _csv_lines(data: bytes) -> list[tuple[int, list[object]]]:
    text = _decode(data)
    delimiter = _delimiter(text)
    try:
        # Excel shows each record on one row even when a quoted cell holds a line break.
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error:
        raise ReintegraError(_("The file is not a valid CSV file; save it from the spreadsheet again.")) from None


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1250")
    except UnicodeDecodeError:
        raise ReintegraError(_(
            "The file is not text in UTF-8 or Windows-1250; save it from the spreadsheet as CSV or XLSX."
        )) from None


def _delimiter(text: str) -> str:
    # csv.Sniffer guesses wrong on short files; the header line tells it plainly.
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _xlsx_lines(path: Path) -> list[tuple[int, list[object]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise ReintegraError(_("The file {name} cannot be read as an XLSX workbook.").format(name=path.name)) from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; without it every row is read as it is.
        sheet.reset_dimensions()
        return [(line, list(cells)) for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


# --- cell values ----------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as trimmed text with inner runs of spaces collapsed; whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def cell_date(value: object, *, required: bool = False) -> date | None:
    """A date cell, or YYYY-MM-DD / DD.MM.YYYY text; raises ValidationError otherwise."""
    if isinstance(value, (date, datetime)):
        return parse_date("date", value)
    return parse_date("date", cell_text(value), required=required)


def cell_pesel(value: object) -> str:
    """A PESEL as 11 digits of text where the spreadsheet dropped the leading zero (people born
    1900–1909 or 2000–2009), else the text as it is, for the checks to judge."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # A number cell cannot keep leading zeros.
        return str(value).zfill(PESEL_LENGTH) if 0 <= value < 10 ** PESEL_LENGTH else str(value)
    text = cell_text(value).replace(" ", "").lstrip("'")
    if text.isdigit() and len(text) < PESEL_LENGTH:
        padded = text.zfill(PESEL_LENGTH)
        try:
            return clean_pesel("pesel", padded) or text
        except ValidationError:
            return text
    return text
