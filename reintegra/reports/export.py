"""Tables to files: a workshop's month of attendance as CSV or XLSX, the facility summary
as JSON or XLSX, the CIS benefit attendance list as CSV or XLSX. The format follows the file's suffix.

CSV is written for the spreadsheet facilities actually open it with — Excel:

- always UTF-8 with a byte-order mark; without it Excel reads the file as Windows-1250/1252
  and every Polish letter breaks (the names are Polish whatever the UI language);
- Polish UI: ``;`` between fields and a decimal comma ("7,5"), because Polish Excel takes the
  comma as the decimal separator and so expects ``;`` as the list separator; any other
  language: ``,`` and a decimal point;
- hours without trailing zeros ("7", "7,5", "52,25"); the attendance rate as a percentage
  with one decimal, rounded half up ("95,2" under the header "Attendance rate (%)"), empty
  when the person had no working days; never thousands separators, so Excel reads numbers;
- one row per participant and nothing else (no title, no totals), so the file stays
  machine-readable; a text starting with = + - @ gets a leading apostrophe so that Excel
  never runs it as a formula.

XLSX has a title row, a bold header, real numbers (hours as numbers, the rate as a fraction
shown with a percentage format), a totals row, column widths and frozen panes.

A file is written under a temporary name and renamed when complete, so a failure never
leaves half a report behind, and a refused suffix writes nothing at all.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reintegra.db.enums import EXIT_REASONS, MONTH_TOTAL_STATUSES
from reintegra.i18n import N_, _, current_language, format_date, format_datetime, format_month
from reintegra.private_files import open_private, write_replacing
from reintegra.services import labels, pathway
from reintegra.services.attendance import MonthRow, month_total
from reintegra.services.benefit import BenefitRow, count_headers, limit_headers, list_title, money_headers, \
    money_totals, nobody_error
from reintegra.services.benefit import totals as benefit_totals
from reintegra.services.errors import ReintegraError
from reintegra.services.statistics import FacilitySummary, Figures

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PERCENT_FORMAT = "0.0%"
_GROSZ = Decimal("0.01")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP_LINE = Border(top=Side(style="thin"))

# The summary's figures, in the order of DESIGN.md (the outcome figures with the exits), with their labels.
_SUMMARY_FIGURES = (
    ("participants", N_("Participants in the period")),
    ("active_at_end", N_("Active at the end of the period")),
    ("admitted", N_("Admitted in the period")),
    ("exited", N_("Exited in the period")),
    ("completed", N_("Completed the programme")),
    ("completion_rate", N_("Completion rate")),
    ("employed_at_exit", N_("Employed at exit")),
    ("completed_not_in_education", N_("Completed, not gone on to education")),
    ("employed_within_90_days", N_("Employed within 90 days of exit")),
    ("retained_6_months", N_("Still employed after 6 months")),
    ("retention_rate", N_("Retention rate")),
    ("employed_after_6_months", N_("Employed 6 months after exit")),
    ("attendance_rate", N_("Attendance rate")),
    ("not_entered_days", N_("Working days not entered")),
    # issue 14's stays: a person who came back has a stay for each admission
    ("stays", N_("Stays in the period")),
    ("readmitted", N_("Readmitted after an earlier stay")),
)
# The waiting list's figures (the whole facility only; ``services/waiting_list.py``), in days but the first.
WAITING_FIGURES = (
    ("applicants_waiting", N_("Waiting for admission at the end of the period")),
    ("median_wait_days", N_("Median wait of those waiting (days)")),
    ("longest_wait_days", N_("Longest wait of those waiting (days)")),
    ("median_wait_admitted_days", N_("Median wait of those admitted in the period (days)")),
)
# The figures that are ratios (None when there is nothing to divide by), shown as percentages.
SUMMARY_RATES = frozenset({"completion_rate", "retention_rate", "attendance_rate"})


def summary_definitions() -> list[tuple[str, str]]:
    """The new outcome figures and the attendance rate in a line each, under the summary's table (PDF and
    XLSX); the whole of "how the figures are counted" is in the PDF's notes."""
    return [
        (_("Employed within 90 days of exit"),
         _("of those who completed the programme, not gone on to education: an exit to employment or a social "
           "cooperative, or work at a contact within 90 days; each PESEL once.")),
        (_("Retention rate"),
         _("of those employed within 90 days whose six months have passed, the share working at the 6-month "
           "contact.")),
        (_("Attendance rate"),
         _("days present ÷ working days with an entry; the days nobody has entered yet are left out (working days "
           "not entered).")),
    ]


def waiting_definition() -> str:
    """How the waiting list's figures are counted, in one line under them (PDF and XLSX)."""
    return _("Applicants waiting on the period's last day (or today, when it has not ended): applied, not admitted "
             "and the application not closed. A wait runs from the application date to that day, or to the "
             "admission; with an even count the median is the mean of the two middle waits.")


def write_attendance(path: str | os.PathLike, rows: Sequence[MonthRow], *, workshop: str, year: int,
                     month: int) -> Path:
    """Writes one workshop's month (``attendance.month_rows``) to a .csv or .xlsx file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReintegraError(_("The attendance report can be saved as a .csv or .xlsx file, not as {name}.").format(
            name=path.name))
    if suffix == ".csv":
        _write_replacing(path, lambda temporary: _attendance_csv(temporary, rows))
    else:
        _write_replacing(path, lambda temporary: _attendance_xlsx(temporary, rows, workshop, year, month))
    return path


def write_summary(path: str | os.PathLike, summary: FacilitySummary) -> Path:
    """Writes the facility summary (``statistics.facility_summary``) to a .json, .xlsx or .csv file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx", ".csv"):
        raise ReintegraError(_("The summary can be saved as a .json, .xlsx or .csv file, not as {name}.").format(
            name=path.name))
    if suffix == ".json":
        _write_replacing(path, lambda temporary: _summary_json(temporary, summary))
    elif suffix == ".csv":
        _write_replacing(path, lambda temporary: _summary_csv(temporary, summary))
    else:
        _write_replacing(path, lambda temporary: _summary_xlsx(temporary, summary))
    return path


def write_benefit_list(rows: Sequence[BenefitRow], year: int, month: int, path: str | os.PathLike) -> None:
    """Writes the CIS benefit list (``benefit.benefit_list``) to a .csv or .xlsx file; an empty month
    is refused with one sentence rather than written as a list with nobody on it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReintegraError(_("The benefit list can be saved as a .csv or .xlsx file, not as {name}.").format(
            name=path.name))
    if not rows:
        raise nobody_error(year, month)
    if suffix == ".csv":
        _write_replacing(path, lambda temporary: _benefit_csv(temporary, rows))
    else:
        _write_replacing(path, lambda temporary: _benefit_xlsx(temporary, rows, year, month))


@contextmanager
def excel_csv(path: Path) -> Iterator[Any]:
    """A CSV writer to ``path`` (0600) that Excel opens as it is: UTF-8 with a byte-order mark, and
    ``;`` between the fields in Polish, where ``,`` is the decimal comma."""
    with open_private(path, "w", encoding="utf-8-sig", newline="") as file:
        yield csv.writer(file, delimiter=";" if current_language() == "pl" else ",")


def _write_replacing(path: Path, write: Callable[[Path], None]) -> None:
    """Writes through a temporary file in the same folder, renamed over ``path`` when done."""
    folder = path.parent
    if not folder.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=folder))
    write_replacing(path, write)


# --- attendance -------------------------------------------------------------------------


def _attendance_headers(rate_header: str) -> list[str]:
    """Last name, first name, a count per status of the month totals (present, excused, unexcused, sick,
    leave), working days, hours, the rate."""
    return [_("Last name"), _("First name"), *(labels.short_label(status) for status in MONTH_TOTAL_STATUSES),
            _("Working days"), _("Hours"), rate_header]


def _attendance_csv(path: Path, rows: Sequence[MonthRow]) -> None:
    polish = current_language() == "pl"
    with excel_csv(path) as writer:
        writer.writerow(_attendance_headers(_("Attendance rate (%)")))
        for row in rows:
            writer.writerow([
                _csv_text(row.last_name), _csv_text(row.first_name),
                *(row.counts[status] for status in MONTH_TOTAL_STATUSES), row.working_days,
                _csv_decimal(Decimal(row.hours).normalize(), polish),
                _csv_decimal(row.percent, polish),
            ])


def _csv_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_decimal(value: Decimal | None, polish: bool) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.replace(".", ",") if polish else text


def _attendance_xlsx(path: Path, rows: Sequence[MonthRow], workshop: str, year: int, month: int) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Attendance"))
    _put(sheet, 1, 1, _("Attendance: {workshop}, {month}").format(
        workshop=workshop, month=format_month(year, month))).font = _TITLE
    headers = _attendance_headers(_("Attendance rate"))
    header_row = 3
    for column, text in enumerate(headers, 1):
        cell = _put(sheet, header_row, column, text)
        cell.font, cell.alignment = _BOLD, _WRAP
    line = header_row
    for line, row in enumerate(rows, header_row + 1):
        values = [row.last_name, row.first_name, *(row.counts[status] for status in MONTH_TOTAL_STATUSES),
                  row.working_days, _number(row.hours), row.rate]
        for column, value in enumerate(values, 1):
            _put(sheet, line, column, value)
        sheet.cell(line, len(headers)).number_format = _PERCENT_FORMAT
    totals = line + 1
    _put(sheet, totals, 1, _("Total"))
    total = month_total(list(rows))
    values = [*(total.counts[status] for status in MONTH_TOTAL_STATUSES), total.working_days,
              _number(Decimal(total.hours)), total.rate]
    for column, value in enumerate(values, 3):
        _put(sheet, totals, column, value)
    sheet.cell(totals, len(headers)).number_format = _PERCENT_FORMAT
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(totals, column)
        cell.font, cell.border = _BOLD, _TOP_LINE

    longest_name = max([len(row.last_name) for row in rows] + [len(row.first_name) for row in rows] + [10])
    for column, text in enumerate(headers, 1):
        width = longest_name + 2 if column <= 2 else max(9, min(len(text), 16) + 2)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)


# --- summary ----------------------------------------------------------------------------


def _summary_json(path: Path, summary: FacilitySummary) -> None:
    with open_private(path, "w", encoding="utf-8") as file:
        json.dump(summary.to_json_dict(), file, ensure_ascii=False, indent=2)
        file.write("\n")


def _summary_csv(path: Path, summary: FacilitySummary) -> None:
    """One table, as a spreadsheet takes it: the whole facility's row first, then a row per workshop;
    the figures of the PDF and the XLSX in their order, then the exits by reason; rates in per cent
    with one decimal (the decimal comma in Polish, like the attendance CSV)."""
    polish = current_language() == "pl"

    def row(name: str, figures: Figures) -> list:
        plain = figures.to_json_dict()
        values = [_csv_decimal(_percent(plain[key]), polish) if key in SUMMARY_RATES else plain[key]
                  for key, _text in _SUMMARY_FIGURES]
        return [_csv_text(name), *values, *(figures.exits_by_reason.get(reason, 0) for reason in EXIT_REASONS)]

    with excel_csv(path) as writer:
        writer.writerow([_("Workshop"), *(_("{figure} (%)").format(figure=_(text)) if name in SUMMARY_RATES
                                          else _(text) for name, text in _SUMMARY_FIGURES),
                         *(labels.label(reason) for reason in EXIT_REASONS)])
        writer.writerow(row(_("Whole facility"), summary))
        for name, figures in summary.by_workshop.items():
            writer.writerow(row(name, figures))


def _percent(fraction: float | None) -> Decimal | None:
    """A rate kept as a fraction (0.8949) as a percentage with one decimal rounded half up (89.5)."""
    if fraction is None:
        return None
    return (Decimal(str(fraction)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _figure(figures: Figures, name: str):
    return getattr(figures, name)


def _summary_xlsx(path: Path, summary: FacilitySummary) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Summary"))
    _put(sheet, 1, 1, _("Facility summary for {start} – {end}").format(
        start=format_date(summary.start), end=format_date(summary.end))).font = _TITLE
    _put(sheet, 2, 1, _("Generated on {when}.").format(when=format_datetime(summary.generated)))
    line = 3
    if summary.counted_until < summary.end:
        _put(sheet, line, 1, _("Attendance is counted up to {date}.").format(date=format_date(summary.counted_until)))
        line += 1

    line += 1
    for name, text in _SUMMARY_FIGURES:
        _put(sheet, line, 1, _(text))
        cell = _put(sheet, line, 2, _figure(summary, name))
        if name in SUMMARY_RATES:
            cell.number_format = _PERCENT_FORMAT
        line += 1
    for term, text in summary_definitions():
        _put(sheet, line, 1, _("{term}: {definition}").format(term=term, definition=text)).alignment = _WRAP
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=6)
        sheet.row_dimensions[line].height = 30
        line += 1

    line = _waiting_rows(sheet, line + 1, summary)

    line += 1
    for column, text in enumerate((_("Exit reason"), _("Exits")), 1):
        _put(sheet, line, column, text).font = _BOLD
    for reason in EXIT_REASONS:
        line += 1
        _put(sheet, line, 1, labels.label(reason))
        _put(sheet, line, 2, summary.exits_by_reason[reason])

    line = _leavers_xlsx(sheet, line + 2, summary)
    line += 2
    headers = [_("Workshop"), *(_(text) for _name, text in _SUMMARY_FIGURES),
               *(labels.label(reason) for reason in EXIT_REASONS)]
    for column, text in enumerate(headers, 1):
        cell = _put(sheet, line, column, text)
        cell.font, cell.alignment = _BOLD, _WRAP
    rate_columns = [column for column, (key, _text) in enumerate(_SUMMARY_FIGURES, 2) if key in SUMMARY_RATES]
    for name, figures in summary.by_workshop.items():
        line += 1
        values = [name, *(_figure(figures, key) for key, _text in _SUMMARY_FIGURES),
                  *(figures.exits_by_reason[reason] for reason in EXIT_REASONS)]
        for column, value in enumerate(values, 1):
            _put(sheet, line, column, value)
        for column in rate_columns:
            sheet.cell(line, column).number_format = _PERCENT_FORMAT

    first_width = max([len(_(text)) for _name, text in _SUMMARY_FIGURES]
                      + [len(labels.label(reason)) for reason in EXIT_REASONS]
                      + [len(name) for name in summary.by_workshop] + [20])
    sheet.column_dimensions["A"].width = min(first_width + 2, 60)
    for column in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    book.save(path)


def _waiting_rows(sheet, line: int, summary: FacilitySummary) -> int:
    """The waiting list's figures from ``line`` on, with their definition; the next free line."""
    _put(sheet, line, 1, _("Waiting list")).font = _BOLD
    for name, text in WAITING_FIGURES:
        line += 1
        _put(sheet, line, 1, _(text))
        _put(sheet, line, 2, getattr(summary, name))
    line += 1
    _put(sheet, line, 1, waiting_definition()).alignment = _WRAP
    sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=6)
    sheet.row_dimensions[line].height = 45
    return line + 1


def _leavers_xlsx(sheet: Worksheet, line: int, summary: FacilitySummary) -> int:
    """Where the leavers are after 3, 6 and 12 months (services/pathway.py) from ``line``; the last line written."""
    leavers = summary.leavers_after
    if leavers is None:
        return line - 2
    heads = [_("Where the leavers are"), *(pathway.horizon_label(months) for months in pathway.HORIZONS)]
    for column, text in enumerate(heads, 1):
        _put(sheet, line, column, text).font = _BOLD
    for place in pathway.PLACES:
        line += 1
        _put(sheet, line, 1, pathway.place_label(place))
        for column, months in enumerate(pathway.HORIZONS, 2):
            _put(sheet, line, column, leavers.by_horizon[months][place])
    line += 1
    _put(sheet, line, 1, _("Leavers")).font = _BOLD
    for column in range(2, 2 + len(pathway.HORIZONS)):
        _put(sheet, line, column, leavers.leavers).font = _BOLD
    line += 1
    _put(sheet, line, 1, pathway.leavers_definition()).alignment = _WRAP
    sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=6)
    sheet.row_dimensions[line].height = 45
    return line


# --- CIS benefit list -------------------------------------------------------------------


def _benefit_headers() -> list[str]:
    return [_("Last name"), _("First name"), _("PESEL"), _("Workshops"), *count_headers(), *money_headers(),
            *limit_headers(), _("Warnings")]


def _benefit_csv(path: Path, rows: Sequence[BenefitRow]) -> None:
    polish = current_language() == "pl"
    with excel_csv(path) as writer:
        writer.writerow(_benefit_headers())
        for row in rows:
            writer.writerow([_csv_text(row.last_name), _csv_text(row.first_name), row.pesel or "",
                             _csv_text(", ".join(row.workshops)), *row.numbers(),
                             *(_csv_decimal(None if amount is None else amount.quantize(_GROSZ), polish)
                               for amount in row.amounts()),
                             *("" if value is None else value for value in row.limits()),
                             _csv_text(" ".join(row.warnings))])


def _benefit_xlsx(path: Path, rows: Sequence[BenefitRow], year: int, month: int) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Benefit list"))
    _put(sheet, 1, 1, list_title(year, month)).font = _TITLE
    headers = _benefit_headers()
    header_row = 3
    for column, text in enumerate(headers, 1):
        cell = _put(sheet, header_row, column, text)
        cell.font, cell.alignment = _BOLD, _WRAP
    line = header_row
    first_amount = 5 + len(count_headers())
    for line, row in enumerate(rows, header_row + 1):
        values = [row.last_name, row.first_name, row.pesel, ", ".join(row.workshops),
                  *row.numbers(), *map(_money, row.amounts()), *row.limits(), " ".join(row.warnings) or None]
        for column, value in enumerate(values, 1):
            _put(sheet, line, column, value)  # the PESEL stays text: a leading zero is kept
        _money_format(sheet, line, first_amount)
    totals = line + 1
    _put(sheet, totals, 1, _("Total"))
    summed = money_totals(list(rows))
    for column, value in enumerate([*benefit_totals(list(rows)), *map(_money, (summed.benefit, summed.premium,
                                                                               summed.total))], 5):
        _put(sheet, totals, column, value)
    _money_format(sheet, totals, first_amount)
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(totals, column)
        cell.font, cell.border = _BOLD, _TOP_LINE

    longest_name = max([len(row.last_name) for row in rows] + [len(row.first_name) for row in rows] + [10])
    longest_workshops = max(len(", ".join(row.workshops)) for row in rows)
    for column, text in enumerate(headers, 1):
        if column <= 2:
            width = longest_name + 2
        elif column == 3:
            width = 14
        elif column == 4:
            width = min(max(longest_workshops, len(text)) + 2, 50)
        elif column == len(headers):
            width = 60
        else:
            width = max(9, min(len(text), 16) + 2)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for line in range(header_row + 1, totals):
        sheet.cell(line, len(headers)).alignment = _WRAP
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)


def _money(value: Decimal | None) -> float | None:
    """An amount in zł as the number a spreadsheet keeps (shown with two decimals by ``_money_format``)."""
    return None if value is None else float(value)


def _money_format(sheet: Worksheet, line: int, first: int) -> None:
    for column in range(first, first + len(money_headers())):
        sheet.cell(line, column).number_format = "#,##0.00"


# --- helpers ----------------------------------------------------------------------------


def _put(sheet: Worksheet, row: int, column: int, value):
    """Sets a cell; text is always text, even when it starts with '=' (never a formula)."""
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _number(value: Decimal | int | float) -> int | float:
    """A Decimal as the number a spreadsheet keeps: 7 stays whole, 7.5 a float."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _sheet_title(text: str) -> str:
    """A translated sheet name made acceptable to Excel (≤ 31 characters, none of []:*?/\\)."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Sheet"
