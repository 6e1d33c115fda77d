"""The CIS or KIS annual report as an XLSX workbook: one sheet, the sections one under the other as in
the PDF (``annual_cis`` says what each holds), every figure a number (rates with one decimal, in %;
amounts in zł with two), the typed-in texts in wrapped cells. The WTZ report's sheet writer.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from reintegra.i18n import _
from reintegra.reports.annual_cis import (
    CisAnnualDocument,
    counted_until_note,
    definitions,
    document_title,
    facility_rows,
    group_rows,
    independent_rows,
    legal_basis,
    note_rows,
    participant_rows,
    section_titles,
)
from reintegra.reports.annual_wtz import exit_rows, month_name, year_attendance
from reintegra.reports.annual_wtz_xlsx import _GREY, _TITLE, _sheet_title, _Writer

_MONEY_FORMAT = "#,##0.00"


def write_cis_annual_xlsx(path: Path, document: CisAnnualDocument) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Annual report {year}").format(year=document.year))
    writer = _Writer(sheet)
    report = document.report
    explained = definitions(document.programme)
    writer.text(document_title(document.programme, document.year), font=_TITLE)
    writer.text(legal_basis(document.programme), font=_GREY)
    writer.skip()
    for caption, value in facility_rows(document):
        writer.row([caption, value], bold_first=True)
    note = counted_until_note(document)
    if note:
        writer.text(note, font=_GREY)
    numbered = {key: f"{number}. {text}"
                for number, (key, text) in enumerate(section_titles(document.programme).items(), 1)}

    writer.heading(numbered["participants"])
    writer.head([_("Figure"), _("People")])
    for caption, count in participant_rows(report):
        writer.row([caption, count])
    writer.text(explained["participants"], font=_GREY, height=45)
    writer.skip()
    writer.head([_("Eligibility group"), _("People")])
    for caption, count in group_rows(report):
        writer.row([caption, count])
    writer.text(explained["groups"], font=_GREY, height=30)

    writer.heading(numbered["attendance"])
    writer.head([_("Month"), _("Days present"), _("Working days with an entry"), _("Attendance rate (%)")])
    for month in report.monthly_attendance:
        writer.row([month_name(month.month), month.present, month.working_days,
                    None if month.rate is None else float(month.rate)], rate_column=4)
    present, entered, rate = year_attendance(report)
    writer.total([_("Year {year}").format(year=document.year), present, entered,
                  None if rate is None else float(rate)], rate_column=4)
    writer.text(explained["attendance"], font=_GREY, height=45)

    writer.heading(numbered["exits"])
    writer.head([_("Reason for leaving"), _("People")])
    for caption, count in exit_rows(report, every_reason=True):
        writer.row([caption, count])
    writer.total([_("Total"), report.exited])

    writer.heading(numbered["independent"])
    writer.head([_("Became independent by"), _("People")])
    for caption, count in independent_rows(report):
        writer.row([caption, count])
    writer.total([_("Total"), report.economically_independent])
    writer.text(explained["independent"], font=_GREY, height=30)
    if report.employed_after_leaving is not None:
        writer.skip()
        writer.row([_("Employed after leaving"), report.employed_after_leaving])
        writer.text(explained["employed_after"], font=_GREY, height=30)

    writer.heading(numbered["services"])
    writer.long_text(report.services)
    writer.skip()
    writer.head([_("Workshop"), _("People placed")])
    for row in report.workshops:
        writer.row([row.name, row.people])
    writer.skip()
    writer.head([_("Category"), _("Notes")])
    for caption, count in note_rows(report):
        writer.row([caption, count])
    writer.total([_("Total"), sum(report.notes_by_category.values())])
    writer.text(explained["services"], font=_GREY, height=30)

    if "benefits" in numbered:
        writer.heading(numbered["benefits"])
        writer.head([_("Paid in the year"), _("Amount (zł)")])
        for caption, amount in ((_("Integration benefits"), report.benefits_paid),
                                (_("Motivational premia"), report.premia_paid)):
            writer.row([caption, None if amount is None else float(amount)])
            sheet.cell(writer.line - 1, 2).number_format = _MONEY_FORMAT
        writer.text(explained["benefits"], font=_GREY, height=30)

    for key in ("staff", "finances", "other"):
        writer.heading(numbered[key])
        writer.long_text(report.sections.get(key, ""))

    writer.finish(book, path, document.as_of)
