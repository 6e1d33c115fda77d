"""Every exit reason wherever reasons are listed: its label, the codes and Polish names the importer
reads, the summary's exits by reason in JSON, XLSX and PDF, and the outcome figures it counts in.
Parametrised over ``ExitReason``, so a reason added to ``db.enums.EXIT_REASONS`` is checked at once.

One person admitted on 2 March 2026 and leaving on 30 June 2026 for the reason; the summary covers 2026.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from factories import make_pesel, placed, workshop
from pdf_fragments import page_text
from reintegra.db.enums import EXIT_REASONS, ExitReason
from reintegra.db.models import Participant
from reintegra.i18n import format_number, format_percent
from reintegra.reports import export
from reintegra.reports.summary import summary_report
from reintegra.services import importing, labels, participants, statistics

EVERY_REASON = pytest.mark.parametrize("reason", list(ExitReason))
START, END = date(2026, 1, 1), date(2026, 12, 31)
LEFT = date(2026, 6, 30)
AS_OF = date(2026, 12, 4)


@pytest.fixture
def left(session, reason):
    crafts = workshop(session, "Pracownia krawiecka")
    person = placed(session, "Józef", "Ślęzak", date(2026, 3, 2), crafts.id)
    participants.exit_participant(session, person.id, person.version, LEFT, reason, today=AS_OF)
    session.flush()
    return person


def test_the_table_describes_every_reason_once():
    assert list(EXIT_REASONS) == list(ExitReason)
    names = [name for info in EXIT_REASONS.values() for name in info.polish_names]
    assert len(set(names)) == len(names)


@EVERY_REASON
def test_the_importer_reads_its_code_and_polish_names(session, reason, tmp_path):
    info = EXIT_REASONS[reason]
    assert labels.label(reason) and info.polish_names
    for text in (reason.value, reason.value.upper(), *info.polish_names, *(f"  {name.upper()} " for name in
                                                                           info.polish_names)):
        assert labels.parse_exit_reason(text) is reason, text
    path = tmp_path / "uczestnicy.csv"
    path.write_text("imię;nazwisko;pesel;data przyjęcia;data zakończenia;przyczyna zakończenia\n"
                    f"Józef;Ślęzak;{make_pesel(date(1980, 4, 5))};2026-03-02;2026-06-30;{info.polish_names[0]}\n",
                    encoding="utf-8")
    importing.import_participants(session, path, today=AS_OF)
    assert session.scalars(select(Participant.exit_reason)).all() == [reason]


@EVERY_REASON
def test_the_summary_counts_it_in_json_xlsx_and_pdf(session, left, reason, tmp_path):
    summary = statistics.facility_summary(session, START, END, as_of=AS_OF)
    assert summary.exits_by_reason == {other: int(other is reason) for other in ExitReason}
    info = EXIT_REASONS[reason]
    assert summary.employed_at_exit == int(info.to_work)

    export.write_summary(tmp_path / "s.json", summary)
    by_reason = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["exits_by_reason"]
    assert by_reason == {other.value: int(other is reason) for other in ExitReason}

    export.write_summary(tmp_path / "s.xlsx", summary)
    sheet = load_workbook(tmp_path / "s.xlsx").active
    found = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert {labels.label(other): found[labels.label(other)] for other in ExitReason} == {
        labels.label(other): int(other is reason) for other in ExitReason}

    # The PDF's exits table: reason, number, share (a long reason wraps, so the text is read whole).
    text = page_text(summary_report(session, START, END, as_of=AS_OF))
    for other in ExitReason:
        count, share = (1, format_percent(1)) if other is reason else (0, format_percent(0))
        assert f"{labels.label(other)} {format_number(count)} {share}" in text, other
