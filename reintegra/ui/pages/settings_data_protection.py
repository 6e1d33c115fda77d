"""Settings → Data protection (directors and administrators): the retention period, who is past it on
a chosen day, and anonymising them after a confirmation (services/anonymisation.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from reintegra.i18n import _, format_date, ngettext
from reintegra.services import anonymisation
from reintegra.services.anonymisation import DueRow
from reintegra.services.errors import ValidationError
from reintegra.services.labels import label
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.models.table import Column, RowsModel
from reintegra.ui.saving import save, saved
from reintegra.ui.widgets.date_field import DateField


class DataProtectionTab(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.retention = QLabel()
        self.retention.setObjectName("retention-years")
        self.retention.setWordWrap(True)
        intro = QLabel(_("A person whose last exit is more than the retention period ago is anonymised: names, "
                         "PESEL, day and month of birth, address, contacts, certificate details, notes and other "
                         "texts are removed for good. What the statistics count stays, so past summaries do not "
                         "change. You can also export everything about one person from their page."))
        intro.setProperty("role", "hint")
        intro.setWordWrap(True)
        self.day = DateField(date.today())
        self.day.setObjectName("due-day")
        self.day.returnPressed.connect(self.load)
        self.day.picked.connect(self.load)
        show = QPushButton(_("Show who is due"))
        show.clicked.connect(self.load)
        caption = QLabel(_("Due &on:"))
        caption.setBuddy(self.day)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.day)
        row.addWidget(show)
        row.addStretch(1)
        self.model = RowsModel([
            Column(_("Name"), lambda r: r.name),
            Column(_("Programme"), lambda r: r.programme.value, spoken=lambda r: label(r.programme)),
            Column(_("Admission"), lambda r: r.admission_date),
            Column(_("Exit"), lambda r: r.exit_date),
            Column(_("Due since"), lambda r: r.due_since),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("due-list")
        accessible.name(self.table, _("Data due for removal"))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setObjectName("due-summary")
        self.anonymise_button = QPushButton(_("Anonymise…"))
        self.anonymise_button.clicked.connect(self.anonymise)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.anonymise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.retention)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.rows: list[DueRow] = []
        self.shown_day: date | None = None

    def load(self) -> None:
        try:
            day = self.day.date("today", required=True)
        except ValidationError as error:
            self.summary.setText(error.message)
            self.model.set_rows([])
            self.rows, self.shown_day = [], None
            self.anonymise_button.setEnabled(False)
            return
        with self.context.read() as session:
            years = anonymisation.retention_years(session)
            self.rows = anonymisation.due(session, day, actor=self.context.actor(session))
        self.shown_day = day
        self.retention.setText(ngettext(
            "Retention period: {years} year after the last exit (set on the General tab).",
            "Retention period: {years} years after the last exit (set on the General tab).", years).format(years=years))
        self.model.set_rows(self.rows)
        self.table.resizeColumnsToContents()
        if not self.rows:
            self.summary.setText(_("Nobody is due for anonymisation on {date}.").format(date=format_date(day)))
        else:
            self.summary.setText(ngettext("{count} person is due for anonymisation on {date}.",
                                          "{count} people are due for anonymisation on {date}.",
                                          len(self.rows)).format(count=len(self.rows), date=format_date(day)))
        self.anonymise_button.setEnabled(bool(self.rows) and day <= date.today())

    def anonymise(self) -> None:
        if not self.rows or self.shown_day is None:
            return
        count = len(self.rows)
        question = ngettext(
            "Anonymise {count} person? Their names, PESEL, contacts, notes and other texts will be removed for "
            "good; this cannot be undone.",
            "Anonymise {count} people? Their names, PESEL, contacts, notes and other texts will be removed for "
            "good; this cannot be undone.", count).format(count=count)
        if not messages.confirm(self, question, yes=_("Anonymise")):
            return
        ids = [row.participant_id for row in self.rows]
        day = self.shown_day
        done = save(self, lambda session, actor: anonymisation.anonymise(session, ids, actor=actor, today=day),
                    reload=self.load)
        if saved(done):
            messages.info(self, ngettext("{count} person was anonymised.", "{count} people were anonymised.",
                                         done).format(count=done))
            self.context.events.participants_changed.emit()
        self.load()
