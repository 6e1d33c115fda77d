"""The completion certificate from the exit tab, as a director issues it: "Issue certificate…", the draft
shown (workshops with hours, skills prefilled), the skills edited, "Issue and save PDF…"; the number
is then on the tab and in the register, and "Save as PDF…" writes it again under the same number.
Refusals are shown beside their field with nothing issued; a WTZ leaver and an instructor see no box."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pypdf import PdfReader
from sqlalchemy import select

from certificate_data import GOAL_COOKING, make_cis
from reintegra.db.enums import AuditAction, Role
from reintegra.db.models import AuditEntry
from reintegra.services import certificates
from reintegra.ui.context import SignedIn
from reintegra.ui.dialogs.certificate import CertificateDialog
from reintegra.ui.pages.participant_tabs import certificate_print
from reintegra.ui.pages.participant_tabs.exit import ExitTab


@pytest.fixture
def cis(context):
    with context.unit() as session:
        made = make_cis(session)
    context.user = SignedIn(made.director.id, made.director.username, made.director.full_name, Role.DIRECTOR)
    return made


def _tab(qtbot, context, participant_id) -> ExitTab:
    tab = ExitTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.load(participant_id)
    return tab


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def _run_with(monkeypatch, qtbot, tab, fill):
    opened = []

    def run(dialog):
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        dialog.close()
        return dialog.result() == QDialog.Accepted

    monkeypatch.setattr(tab, "run_dialog", run)
    return opened


def test_a_certificate_issued_from_the_exit_tab_is_in_the_register(qtbot, monkeypatch, context, said, cis, tmp_path):
    tab = _tab(qtbot, context, cis.lucja.id)
    box = tab.certificate_box
    assert box.isVisible() and box.issue_button.isVisible() and not box.print_again_button.isVisible()
    target = tmp_path / "zaswiadczenie.pdf"
    monkeypatch.setattr(certificate_print, "ask_path", lambda parent, suggested: str(target))

    def fill(dialog):
        assert isinstance(dialog, CertificateDialog)
        assert dialog.workshops.rowCount() == 2
        assert "38,5" in dialog.total.text()
        assert GOAL_COOKING in dialog.skills.toPlainText()
        dialog.skills.selectAll()
        for char in "Gotuje dla grupy, szyje na maszynie.":
            QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.skills, Qt.Key_unknown, char, Qt.NoModifier)
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    opened = _run_with(monkeypatch, qtbot, tab, fill)
    qtbot.mouseClick(box.issue_button, Qt.LeftButton)
    assert len(opened) == 1 and not said.errors
    number = f"1/{date.today().year}"
    text = _text(target)
    assert number in text and "Gotuje dla grupy, szyje na maszynie." in text and GOAL_COOKING not in text
    # The tab shows the number, with the buttons to print it again.
    assert number in box.intro.text() and box.print_again_button.isVisible()
    with context.read() as session:
        assert [row.number for row in certificates.register(session)] == [number]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
        assert entry.changes == {"what": "certificate", "file": str(target)}

    again = tmp_path / "again.pdf"
    monkeypatch.setattr(certificate_print, "ask_path", lambda parent, suggested: str(again))
    qtbot.mouseClick(box.save_again_button, Qt.LeftButton)
    assert number in _text(again) and "Gotuje dla grupy, szyje na maszynie." in _text(again)
    with context.read() as session:
        assert len(certificates.register(session)) == 1


def test_a_date_before_the_exit_is_refused_beside_it_and_nothing_is_issued(qtbot, monkeypatch, context, said, cis):
    tab = _tab(qtbot, context, cis.lucja.id)
    asked = []
    monkeypatch.setattr(certificate_print, "ask_path", lambda parent, suggested: asked.append(1))

    def fill(dialog):
        dialog.issued_on.clear()
        qtbot.keyClicks(dialog.issued_on, "30.03.2026")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        assert "31.03.2026" in dialog.form.error_text("issued_on")
        assert dialog.isVisible()

    _run_with(monkeypatch, qtbot, tab, fill)
    assert not tab.certificate_box.issue()
    assert not asked and not said.errors
    with context.read() as session:
        assert certificates.register(session) == []


def test_no_certificate_box_for_a_wtz_leaver_or_an_instructor(qtbot, context, said, cis):
    assert not _tab(qtbot, context, cis.waldek.id).certificate_box.isVisible()
    context.user = SignedIn(cis.instructor.id, cis.instructor.username, cis.instructor.full_name, Role.INSTRUCTOR)
    assert not _tab(qtbot, context, cis.lucja.id).certificate_box.isVisible()


def test_the_register_from_the_reports_page(qtbot, monkeypatch, context, said, cis, tmp_path):
    from reintegra.services.certificates import CertificateFields
    from reintegra.ui.pages import reports as reports_page
    from reintegra.ui.pages.reports import ReportsPage

    with context.unit() as session:
        certificates.issue_certificate(session, cis.lucja.id, CertificateFields("Gotuje."), issued_on=date(2026, 4, 2),
                                       today=date(2026, 6, 10))
    monkeypatch.setattr(reports_page, "today", lambda: date(2026, 6, 10))
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    form = page.show_form("certificates")
    assert [form.year.itemText(i) for i in range(form.year.count())][1:] == ["2026"]
    form.year.setCurrentIndex(form.year.findData(2026))
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    text = page.pdf.page_text(0)
    assert "1/2026" in text and "Łucja Źdźbło-Gęś" in text and "02.04.2026" in text
    target = tmp_path / "rejestr.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, formats: str(target))
    page.save()
    assert "1/2026" in _text(target)
    with context.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
        assert entry.changes == {"what": "certificate_register", "file": str(target)}
