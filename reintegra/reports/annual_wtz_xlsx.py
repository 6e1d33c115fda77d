"""The WTZ annual report as an XLSX workbook: one sheet, the sections one under the other as in the
PDF (``annual_wtz`` says what each holds), Polish headers, every figure a number (rates as numbers
with one decimal, in %), the typed-in texts in wrapped cells.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from reintegra.i18n import _, format_date
from reintegra.reports.annual_wtz import (
    WtzAnnualDocument,
    cause_rows,
    counted_until_note,
    definitions,
    degree_rows,
    document_title,
    exit_rows,
    facility_rows,
    legal_basis,
    month_name,
    not_filled,
    participant_rows,
    progressed_rows,
    section_titles,
    year_attendance,
)

_TITLE = Font(bold=True, size=14)
_HEADING = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_GREY = Font(italic=True, color="5F6B73")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP_LINE = Border(top=Side(style="thin"))
_RATE_FORMAT = "0.0"
_WIDE = 4  # columns a text spans


def write_wtz_annual_xlsx(path: Path, document: WtzAnnualDocument) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Annual report {year}").format(year=document.year))
    writer = _Writer(sheet)
    writer.text(document_title(document.year), font=_TITLE)
    writer.text(legal_basis(), font=_GREY)
    writer.skip()
    for caption, value in facility_rows(document):
        writer.row([caption, value], bold_first=True)
    note = counted_until_note(document)
    if note:
        writer.text(note, font=_GREY)
    titles = section_titles()
    numbered = {key: f"{number}. {text}" for number, (key, text) in enumerate(titles.items(), 1)}
    report = document.report

    writer.heading(numbered["participants"])
    writer.head([_("Figure"), _("People")])
    for caption, count in participant_rows(report):
        writer.row([caption, count])
    writer.text(definitions()["participants"], font=_GREY, height=45)
    writer.skip()
    writer.head([_("Degree of disability"), _("People")])
    for caption, count in degree_rows(report):
        writer.row([caption, count])
    writer.total([_("Total"), sum(report.by_degree.values())])
    writer.skip()
    writer.head([_("Symbol"), _("Cause of disability"), _("People")])
    for symbol, name, count in cause_rows(report):
        writer.row([symbol, name, count])
    writer.text(definitions()["by_cause"], font=_GREY, height=30)

    writer.heading(numbered["attendance"])
    writer.head([_("Month"), _("Days present"), _("Working days with an entry"), _("Attendance rate (%)")])
    for month in report.monthly_attendance:
        writer.row([month_name(month.month), month.present, month.working_days,
                    None if month.rate is None else float(month.rate)], rate_column=4)
    present, entered, rate = year_attendance(report)
    writer.total([_("Year {year}").format(year=document.year), present, entered,
                  None if rate is None else float(rate)], rate_column=4)
    writer.text(definitions()["attendance"], font=_GREY, height=45)

    writer.heading(numbered["forms_and_methods"])
    writer.long_text(document.sections.get("forms_and_methods", ""))

    writer.heading(numbered["exits"])
    writer.head([_("Reason for leaving"), _("People")])
    for caption, count in exit_rows(report, every_reason=True):
        writer.row([caption, count])
    writer.total([_("Total"), report.exited])

    writer.heading(numbered["progressed"])
    writer.head([_("Kind of rehabilitation"), _("Participants who progressed")])
    for caption, count in progressed_rows(report):
        writer.row([caption, count])
    writer.text(definitions()["progressed"], font=_GREY, height=60)

    writer.heading(numbered["council"])
    if report.council_decisions:
        writer.head([_("Date"), _("Participant"), _("Decision"), _("Conclusion")])
        for decision in report.council_decisions:
            writer.row([decision.day, decision.participant, decision.decision, decision.conclusion], wrap=True)
            sheet.cell(writer.line - 1, 1).number_format = "DD.MM.YYYY"
    else:
        writer.text(_("The programme council made no decisions in the year."))

    for key in ("finances", "income", "other"):
        writer.heading(numbered[key])
        writer.long_text(document.sections.get(key, ""))

    writer.finish(book, path, document.as_of)


class _Writer:
    """Writes rows one under the other from the top of ``sheet``."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.line = 1

    def finish(self, book, path, generated) -> None:
        """The date it was made under the last section, the columns' widths, one page wide; saved."""
        self.skip()
        self.row([_("Generated on {when}.").format(when=format_date(generated))])
        self.sheet.column_dimensions["A"].width = 44
        for column in "BCD":
            self.sheet.column_dimensions[column].width = 22
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        book.save(path)

    def _put(self, column: int, value):
        cell = self.sheet.cell(self.line, column)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, even when it starts with '=' (never a formula)
        return cell

    def skip(self) -> None:
        self.line += 1

    def text(self, value: str, *, font: Font | None = None, height: float | None = None) -> None:
        cell = self._put(1, value)
        if font is not None:
            cell.font = font
        if height is not None:
            cell.alignment = _WRAP
            self.sheet.merge_cells(start_row=self.line, start_column=1, end_row=self.line, end_column=_WIDE)
            self.sheet.row_dimensions[self.line].height = height
        self.line += 1

    def heading(self, value: str) -> None:
        self.skip()
        self.text(value, font=_HEADING)

    def head(self, captions: list[str]) -> None:
        for column, caption in enumerate(captions, 1):
            cell = self._put(column, caption)
            cell.font, cell.alignment = _BOLD, _WRAP
        self.line += 1

    def row(self, values: list, *, bold_first: bool = False, rate_column: int | None = None,
            wrap: bool = False) -> None:
        for column, value in enumerate(values, 1):
            cell = self._put(column, value)
            if wrap:
                cell.alignment = _WRAP
        if bold_first:
            self.sheet.cell(self.line, 1).font = _BOLD
        if rate_column is not None:
            self.sheet.cell(self.line, rate_column).number_format = _RATE_FORMAT
        self.line += 1

    def total(self, values: list, *, rate_column: int | None = None) -> None:
        self.row(values, rate_column=rate_column)
        for column in range(1, len(values) + 1):
            cell = self.sheet.cell(self.line - 1, column)
            cell.font, cell.border = _BOLD, _TOP_LINE

    def long_text(self, value: str) -> None:
        value = value.strip()
        if not value:
            self.text(not_filled(), font=_GREY)
            return
        lines = value.count("\n") + 1 + len(value) // 110
        self.text(value, height=min(15 * lines, 400))


def _sheet_title(text: str) -> str:
    """A translated sheet name made acceptable to Excel (≤ 31 characters, none of []:*?/\\)."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Sheet"
