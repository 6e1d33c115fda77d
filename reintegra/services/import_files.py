"""Reading an import file: the rows of a CSV or XLSX sheet under known columns, each with the
line number Excel shows (the header is line 1), and the cell values importers need.

CSV as facilities actually have it: UTF-8 with or without a byte-order mark, UTF-16 with one,
Windows-1250 (what Polish Excel saves) or ISO-8859-2 (older Linux and web exports), told apart by the
Polish letters each decoding yields (``detect_encoding``); ``;`` (Polish Excel), ``,`` or a tab
between fields. XLSX: the first sheet, where a PESEL may be a number that lost its leading zero and
dates are date cells. Control characters (NUL …) are refused with their line: stored, they break a
later copy to PostgreSQL.

The file is read as a stream (``open_rows``): a row at a time from a decoded text stream or
openpyxl's read-only sheet, so memory does not grow with the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from reintegra.i18n import _, ngettext
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.labels import or_list
from reintegra.services.validation import clean_pesel, parse_date

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
PESEL_LENGTH = 11

# The encodings a CSV file may be read in (codec name → name shown), in the order offered.
UTF8, UTF8_BOM, UTF16, WINDOWS_1250, ISO_8859_2 = "utf-8", "utf-8-sig", "utf-16", "cp1250", "iso-8859-2"
ENCODINGS = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 (BOM)", UTF16: "UTF-16", WINDOWS_1250: "Windows-1250",
             ISO_8859_2: "ISO-8859-2"}
POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
CHUNK = 1 << 20  # bytes read at a time while the encoding is detected
SAMPLE = 64 * 1024  # bytes of the start that show the header (and so the delimiter)
# Control characters other than tab, line feed and carriage return (C0, DEL and C1).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII = bytes(range(128))


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


@dataclass(frozen=True)
class Detected:
    """A CSV file's encoding as detected: ``certain`` False when two encodings read it as plausibly
    (the user is asked; the command line takes ``--encoding``)."""

    encoding: str
    certain: bool = True
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileFormat:
    """How a file is read: its kind, and for CSV its encoding and delimiter."""

    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    encoding_certain: bool = True
    delimiter: str | None = None

    def encoding_shown(self) -> str:
        return ENCODINGS.get(self.encoding or "", self.encoding or "")

    def delimiter_shown(self) -> str:
        return {";": _("semicolon (;)"), ",": _("comma (,)"), "\t": _("tab")}.get(self.delimiter or "", "")


class EncodingUncertain(ReintegraError):
    """The file reads as plausibly in two encodings; the caller names one (``encoding=``)."""

    def __init__(self, path: Path, detected: Detected):
        names = [ENCODINGS[name] for name in (detected.encoding, *detected.alternatives)]
        super().__init__(_(
            "The encoding of {name} cannot be told for sure ({encodings}): check which one shows the Polish "
            "letters right and name it (on the command line: --encoding {codes})."
        ).format(name=path.name, encodings=or_list(names),
                 codes=" | ".join((detected.encoding, *detected.alternatives))))
        self.detected = detected


def encoding_named(text: str) -> str:
    """The codec name of an encoding as a user may write it ("Windows-1250", "latin2", "UTF8" …), one of
    ENCODINGS; a ReintegraError (one sentence) for any other."""
    try:
        name = codecs.lookup(text.strip()).name
    except LookupError:
        name = ""
    name = {"iso8859-2": ISO_8859_2}.get(name, name)
    if name not in ENCODINGS:
        raise ReintegraError(_("“{encoding}” is not an encoding Reintegra reads; use {encodings}.").format(
            encoding=text, encodings=", ".join(ENCODINGS)))
    return name


def control_character_message(line: int, char: str) -> str:
    return _("Line {line} contains a control character ({code}) that cannot be imported; the file may be damaged "
             "or saved in another format: remove it or save the sheet again as CSV or XLSX.").format(
        line=line, code=f"U+{ord(char):04X}")


def read_rows(path: Path, columns: Sequence[Column], *, one_of: Sequence[str] = (),
              encoding: str | None = None) -> list[Row]:
    """The data rows of the file under ``columns``; blank rows are skipped. The first filled
    row is the header; of the fields in ``one_of`` at least one column must be there.

    Raises ReintegraError (one sentence) when the file cannot be read or lacks a required column.
    """
    with open_rows(path, columns, one_of=one_of, encoding=encoding) as rows:
        return list(rows)


def open_rows(path: Path, columns: Sequence[Column], *, one_of: Sequence[str] = (),
              encoding: str | None = None) -> RowSource:
    """The file's data rows as a stream (use it as a context manager, iterate it once); the header is
    read and checked at once. ``encoding`` None: detected, and EncodingUncertain when it cannot be."""
    return RowSource(path, columns, one_of, encoding)


class RowSource:
    """The rows of one import file, read one at a time; ``done``/``total`` tell how far (bytes of a CSV,
    rows of an XLSX sheet when the sheet says how many)."""

    def __init__(self, path: Path, columns: Sequence[Column], one_of: Sequence[str], encoding: str | None):
        self.path = Path(path)
        self.columns = tuple(columns)
        self.done, self.total = 0, 0
        self._closers: list = []
        suffix = self.path.suffix.lower()
        try:
            if suffix in CSV_SUFFIXES:
                self._lines = self._csv(encoding)
            elif suffix in XLSX_SUFFIXES:
                self._lines = self._xlsx()
            else:
                raise ReintegraError(_("Only .csv and .xlsx files can be imported, not {name}.").format(
                    name=self.path.name))
            first = next(((line, cells) for line, cells in self._lines if any(_filled(cell) for cell in cells)),
                         None)
            if first is None:
                raise ReintegraError(_("The file {name} is empty.").format(name=self.path.name))
            self.header_line, self.header = first
            self.positions = _positions(self.header, self.columns, one_of)
        except BaseException:
            self.close()
            raise

    # --- the two kinds of file ---

    def _csv(self, encoding: str | None) -> Iterator[tuple[int, list[object]]]:
        detected = Detected(encoding) if encoding else detect_encoding(self.path)
        if not detected.certain:
            raise EncodingUncertain(self.path, detected)
        encoding = encoding_named(detected.encoding)
        if encoding == UTF8 and _starts_with_bom(self.path):
            encoding = UTF8_BOM
        raw = _open_binary(self.path)
        self._closers.append(raw)
        self.total = _size(raw)
        delimiter = _delimiter(_sample_text(raw, encoding))
        self.format = FileFormat("csv", encoding, detected.certain, delimiter)
        self._raw = raw
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        self._closers.insert(0, text)
        return self._csv_lines(csv.reader(text, delimiter=delimiter), encoding)

    def _csv_lines(self, reader, encoding: str) -> Iterator[tuple[int, list[object]]]:
        line = 0
        try:
            # Excel shows each record on one row even when a quoted cell holds a line break.
            for line, cells in enumerate(reader, start=1):
                found = _CONTROL.search("".join(cells))
                if found:
                    raise ReintegraError(control_character_message(line, found.group()))
                if line % 512 == 0:
                    self.done = self._raw.tell()
                yield line, cells
        except csv.Error:
            raise ReintegraError(_("The file is not a valid CSV file; save it from the spreadsheet again.")) from None
        except UnicodeDecodeError:
            raise ReintegraError(_(
                "Line {line} of the file cannot be read as {encoding}; choose another encoding or save the sheet "
                "again as CSV (UTF-8) or XLSX.").format(line=_undecodable_line(self.path, encoding) or line + 1,
                                                        encoding=ENCODINGS.get(encoding, encoding))
            ) from None
        self.done = self.total

    def _xlsx(self) -> Iterator[tuple[int, list[object]]]:
        self.format = FileFormat("xlsx")
        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
            raise ReintegraError(_("The file {name} cannot be read as an XLSX workbook.").format(
                name=self.path.name)) from None
        self._closers.append(workbook)
        sheet = workbook.worksheets[0]
        try:
            self.total = int(sheet.max_row or 0)  # what the sheet says, perhaps wrong: only for the progress
        except (TypeError, ValueError):
            self.total = 0
        # Some programs write a wrong sheet size; without it every row is read as it is.
        sheet.reset_dimensions()
        return self._xlsx_lines(sheet)

    def _xlsx_lines(self, sheet) -> Iterator[tuple[int, list[object]]]:
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            for cell in cells:
                if isinstance(cell, str):
                    found = _CONTROL.search(cell)
                    if found:
                        raise ReintegraError(control_character_message(line, found.group()))
            self.done = line
            yield line, list(cells)
        self.total = self.done

    # --- reading ---

    def __iter__(self) -> Iterator[Row]:
        positions = list(self.positions.items())
        for line, cells in self._lines:
            try:
                blank = not "".join(cells).strip()  # a CSV row: text cells, joined at C speed
            except TypeError:
                blank = not any(_filled(cell) for cell in cells)
            if blank:
                continue
            size = len(cells)
            yield Row(line, {name: cells[index] if index < size else None for name, index in positions})

    def batches(self, size: int) -> Iterator[list[Row]]:
        batch: list[Row] = []
        for row in self:
            batch.append(row)
            if len(batch) >= size:
                self._update_done()
                yield batch
                batch = []
        self._update_done()
        if batch:
            yield batch

    def _update_done(self) -> None:
        raw = getattr(self, "_raw", None)
        if raw is not None and not raw.closed:
            self.done = raw.tell()

    def headers(self) -> dict[str, str]:
        """Field → the header as the file writes it, for the columns found."""
        return {name: str(self.header[index]).strip() for name, index in self.positions.items()}

    def ignored_headers(self) -> list[str]:
        used = set(self.positions.values())
        return [str(cell).strip() for index, cell in enumerate(self.header) if index not in used and _filled(cell)]

    def close(self) -> None:
        for closer in self._closers:
            try:
                closer.close()
            except (OSError, ValueError):
                pass
        self._closers = []

    def __enter__(self) -> RowSource:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


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


# --- the encoding -----------------------------------------------------------------------


def detect_encoding(path: Path) -> Detected:
    """The encoding of a CSV file, read once through in chunks (memory stays small): a byte-order mark
    says it; else UTF-8 when every byte sequence is one; else Windows-1250 or ISO-8859-2, whichever
    reads more Polish letters (they differ in ą, ś, ź and their capitals), certain when the other
    cannot be the one (bytes it has no character for, or C1 control codes) or reads clearly fewer."""
    with _open_binary(path) as raw:
        start = raw.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return Detected(UTF8_BOM)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Detected(UTF16)
        raw.seek(0)
        utf8 = codecs.getincrementaldecoder("utf-8")()
        is_utf8 = True
        high: dict[int, int] = {}
        while chunk := raw.read(CHUNK):
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            for byte in chunk.translate(None, _ASCII):
                high[byte] = high.get(byte, 0) + 1
        if is_utf8:
            try:
                utf8.decode(b"", final=True)
                return Detected(UTF8)
            except UnicodeDecodeError:
                pass
    return _one_byte_encoding(high)


def _one_byte_encoding(high: dict[int, int]) -> Detected:
    """Of the bytes that the two encodings read differently, which reads more of them as Polish letters
    (the letters both read alike, ł ó ę ż …, tell nothing)."""
    scores, possible = {WINDOWS_1250: 0, ISO_8859_2: 0}, {WINDOWS_1250: True, ISO_8859_2: True}
    differing = False
    for byte, count in high.items():
        chars = {encoding: bytes([byte]).decode(encoding, "replace") for encoding in scores}
        if chars[WINDOWS_1250] == chars[ISO_8859_2]:
            continue
        differing = True
        for encoding, char in chars.items():
            if char == "\ufffd" or _CONTROL.match(char):
                possible[encoding] = False
            elif char in POLISH_LETTERS:
                scores[encoding] += count
    if not differing:
        return Detected(WINDOWS_1250)  # both read it alike
    if possible[WINDOWS_1250] != possible[ISO_8859_2]:
        return Detected(WINDOWS_1250 if possible[WINDOWS_1250] else ISO_8859_2)
    if not possible[WINDOWS_1250]:  # neither reads it: the reader names the line it stumbles on
        return Detected(WINDOWS_1250)
    best, other = sorted(scores, key=lambda name: -scores[name])
    if scores[best] > 0 and scores[best] >= 3 * scores[other]:
        return Detected(best)
    # As plausible either way: Windows-1250 (what Polish Excel saves) first, the user asked.
    return Detected(WINDOWS_1250, certain=False, alternatives=(ISO_8859_2,))


def _open_binary(path: Path):
    """The file for reading bytes; an OSError (a missing file …) is the caller's to word."""
    return open(path, "rb")  # noqa: SIM115 (closed by the caller)


def _undecodable_line(path: Path, encoding: str) -> int | None:
    """The first line (counted as the file's lines, 1 first) that ``encoding`` cannot read; None when not
    found that way (UTF-16, whose line breaks are two bytes)."""
    if encoding == UTF16:
        return None
    decoder = codecs.getincrementaldecoder(encoding)()
    with _open_binary(path) as raw:
        for number, line in enumerate(raw, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return None


def _starts_with_bom(path: Path) -> bool:
    with _open_binary(path) as raw:
        return raw.read(3) == codecs.BOM_UTF8


def _size(raw) -> int:
    raw.seek(0, io.SEEK_END)
    size = raw.tell()
    raw.seek(0)
    return size


def _sample_text(raw, encoding: str) -> str:
    sample = raw.read(SAMPLE)
    raw.seek(0)
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample)


def _delimiter(text: str) -> str:
    # csv.Sniffer guesses wrong on short files; the header line tells it plainly.
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


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
