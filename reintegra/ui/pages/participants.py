"""The participants page: the list with search as you type and filters; one participant's detail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import Programme, Role
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import labels, participants, waiting_list, workshops
from reintegra.services.participants import Filter, ParticipantRow, ParticipantState, state_of
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.admit import AdmitDialog
from reintegra.ui.icons import icon
from reintegra.ui.models.participants import ParticipantsModel, ParticipantsProxy
from reintegra.ui.models.table import Column
from reintegra.ui.pages.waiting_list import WaitingListActions, sort_for, waiting_columns
from reintegra.ui.saving import RunsDialogs

# How the width beyond what each column needs is shared: surname, first name, workshop.
COLUMN_WEIGHTS = (3, 2, 0, 0, 4, 0, 0)
# Who gives up room in a narrow window: names, workshop and status (cut with '…'); not PESEL, programme, date.
SHRINK_WEIGHTS = (2, 2, 0, 0, 1, 0, 3)


class ParticipantsPage(WaitingListActions, RunsDialogs, QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.may_admit = context.can(Role.DIRECTOR)
        self.detail = None
        self._chosen_id: int | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        context.events.participants_changed.connect(self.reload)
        context.events.workshops_changed.connect(self._fill_workshops)
        self._fill_workshops()
        self.reload()

    def _build_list(self) -> QWidget:
        title = QLabel(_("Participants"))
        title.setProperty("role", "page-title")
        self.admit_button = QPushButton(icon("add-person"), _("Admit participant"))
        self.admit_button.setShortcut(QKeySequence.New)
        self.admit_button.setToolTip(_("Admit a new participant (Ctrl+N)"))
        self.admit_button.clicked.connect(self.admit)
        self.admit_button.setVisible(self.may_admit)
        self.open_button = QPushButton(icon("edit"), _("Open"))
        self.open_button.setToolTip(_("Open the chosen participant (Enter or double-click)"))
        self.open_button.clicked.connect(lambda: self.open_participant())
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.open_button)
        header.addWidget(self.admit_button)

        self.search = QLineEdit()
        self.search.setObjectName("participant-search")
        accessible.name(self.search, _("Search for a participant"))
        self.search.setPlaceholderText(_("Search by name or PESEL (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        search_icon = self.search.addAction(icon("search"), QLineEdit.LeadingPosition)
        search_icon.setText(_("Search"))  # what a screen reader calls the icon
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 12))
        self.search.textChanged.connect(self._search_typed)
        self.search.returnPressed.connect(lambda: self.open_participant())
        self.search.installEventFilter(self)
        self.status_filter = QComboBox()
        for value, text in ((Filter.ACTIVE, _("Taking part now")), (Filter.EXITED, _("Left")),
                            (Filter.APPLICANTS, _("Waiting list")), (Filter.ALL, _("Everyone"))):
            self.status_filter.addItem(text, value)
        self.status_filter.setToolTip(_("Whom to show"))
        accessible.name(self.status_filter, _("Whom to show"))
        self.workshop_filter = QComboBox()
        accessible.name(self.workshop_filter, _("Workshop"))
        self.workshop_filter.setToolTip(_("Only those placed in this workshop now"))
        self.workshop_filter.setMinimumContentsLength(12)
        self.workshop_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.workshop_filter.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 20))
        self.programme_filter = QComboBox()
        accessible.name(self.programme_filter, _("Programme"))
        self.programme_filter.addItem(_("All programmes"), None)
        for programme, text in labels.choices(Programme):
            self.programme_filter.addItem(programme.value, programme)
            self.programme_filter.setItemData(self.programme_filter.count() - 1, text, Qt.ToolTipRole)
        for combo in (self.status_filter, self.workshop_filter, self.programme_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.count = QLabel()
        self.count.setObjectName("participant-count")
        self.count.setProperty("role", "hint")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.workshop_filter)
        filters.addWidget(self.programme_filter)

        self.list_columns = [
            Column(_("Surname"), lambda row: row.last_name),
            Column(_("First name"), lambda row: row.first_name),
            Column(_("PESEL"), lambda row: row.pesel),
            Column(_("Programme"), lambda row: row.programme.value, spoken=lambda row: labels.label(row.programme)),
            Column(_("Workshop"), lambda row: row.workshop),
            Column(_("Admission date"), lambda row: row.admission_date),
            Column(_("Status"), _status_order, display=_status_text),
        ]
        self.waiting_columns = waiting_columns()
        self.model = ParticipantsModel(self.list_columns, self)
        self.model.muted = _muted
        self.proxy = ParticipantsProxy(self.model, self)
        self.table = self._build_table()
        self.empty = QLabel()
        self.empty.setObjectName("participants-empty")
        self.empty.setProperty("role", "hint")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.build_waiting_buttons())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        # On the page, not the list: Ctrl+F in a participant's detail goes back to the search.
        find = QShortcut(QKeySequence.Find, self)
        find.activated.connect(self.focus_search)
        return page

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("participants-table")
        accessible.name(table, _("List of participants"))
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Widths from the font, not ResizeToContents: that would measure a thousand rows on every keystroke.
        metrics = self.fontMetrics()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("M" * 4))
        left = ParticipantRow(id=0, last_name="", first_name="", pesel="", birth_date=None, programme=Programme.WTZ,
                              admission_date=date(2000, 1, 1), exit_date=date(2000, 12, 31), workshop="")
        samples = ["Wiśniewska-Kowalczyk", "Małgorzata", "00000000000", "WTZ", "Pracownia gastronomiczna",
                   "00.00.0000", _status_text(left)]
        self._base_widths = [  # the header's text leaves room for the sort arrow
            max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(column.header) + 16) + 28
            for column, sample in zip(self.model.columns, samples)]
        table.viewport().installEventFilter(self)
        table.doubleClicked.connect(lambda index: self.open_participant())
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        # The proxy sorts by resetting the rows (see ParticipantsProxy): choose the same person again.
        header.sortIndicatorChanged.connect(lambda *_args: self.select_participant(self._chosen_id))
        table.installEventFilter(self)
        return table

    def _fit_columns(self) -> None:
        """Each column as wide as its longest usual text; what is left goes to names and workshop. In a
        narrow window (1024 px) names, workshop and status give up room, cut with '…' (the whole text in
        the tooltip), so that every column stays in sight."""
        header = self.table.horizontalHeader()
        extra = self.table.viewport().width() - sum(self._base_widths)
        total = sum(COLUMN_WEIGHTS)
        widths = [base + max(0, extra) * weight // total
                  for base, weight in zip(self._base_widths, COLUMN_WEIGHTS)]
        if extra < 0:
            floor = self.fontMetrics().horizontalAdvance("M" * 5)
            give = {column: max(0, widths[column] - floor) * weight
                    for column, weight in enumerate(SHRINK_WEIGHTS) if weight}
            wanted = min(-extra, sum(give.values()))
            given = sum(give.values()) or 1
            for column, can in give.items():
                widths[column] -= min(wanted * can // given + 1, widths[column] - floor)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def eventFilter(self, watched, event) -> bool:
        table = getattr(self, "table", None)  # events may come while the page is being built
        if table is None:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Resize and watched is table.viewport():
            self._fit_columns()
        elif event.type() == QEvent.KeyPress:
            key = event.key()
            if watched is self.table and key in (Qt.Key_Return, Qt.Key_Enter):
                self.open_participant()
                return True
            if watched is self.search and key in (Qt.Key_Down, Qt.Key_PageDown) and self.proxy.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            if watched is self.search and key == Qt.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # -- reading -----------------------------------------------------------------------------

    def activated(self) -> None:
        if self.stack.currentIndex() == 0:
            self.reload()
            self.search.setFocus()

    def _fill_workshops(self) -> None:
        chosen = self.workshop_filter.currentData()
        with self.context.read() as session:
            rows = workshops.list_workshops(session, include_inactive=False)
        self.workshop_filter.blockSignals(True)
        self.workshop_filter.clear()
        self.workshop_filter.addItem(_("All workshops"), None)
        for row in rows:
            self.workshop_filter.addItem(row.name, row.id)
        index = self.workshop_filter.findData(chosen)
        self.workshop_filter.setCurrentIndex(max(0, index))
        self.workshop_filter.blockSignals(False)
        if chosen is not None and index < 0:  # the chosen workshop is gone: show everyone again
            self.reload()

    def reload(self) -> None:
        """Reads the list again for the chosen filters; the search text and the chosen person stay."""
        chosen = self.current_participant_id()
        programme = self.programme_filter.currentData()
        with self.context.read() as session:
            if self.on_the_waiting_list():
                rows = [row for row in waiting_list.waiting_list(session, actor=self.context.actor(session))
                        if programme in (None, row.programme) and self.workshop_filter.currentData() is None]
            else:
                rows = participants.search(
                    session, status=self.status_filter.currentData(), workshop_id=self.workshop_filter.currentData(),
                    programme=Programme(programme) if programme else None, actor=self.context.actor(session))
        self._choose_columns()
        self.proxy.set_rows(rows)
        self.select_participant(chosen)
        self._update_count()

    def on_the_waiting_list(self) -> bool:
        """The waiting list with its own columns: for those who may see it (an instructor reaches no applicant)."""
        return self.may_admit and self.status_filter.currentData() == Filter.APPLICANTS

    def _choose_columns(self) -> None:
        waiting = self.on_the_waiting_list()
        columns = self.waiting_columns if waiting else self.list_columns
        if self.model.columns is not columns:
            self.proxy.set_rows([])  # the rows of the other columns go first: they have other fields
            self.model.columns = columns
            self.model.muted = (lambda row: False) if waiting else _muted
            self.table.sortByColumn(*sort_for(waiting))

    def _search_typed(self, text: str) -> None:
        self.proxy.search(text)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        waiting = self.on_the_waiting_list()
        if waiting:
            self.count.setText(ngettext("{count} person waiting", "{count} people waiting", shown).format(count=shown))
        else:
            self.count.setText(ngettext("{count} participant", "{count} participants", shown).format(count=shown))
        self.open_button.setEnabled(self.table.currentIndex().isValid())
        self.show_waiting_buttons(self.may_admit, waiting, self.table.currentIndex().isValid())
        if shown:
            self.empty.hide()
            return
        if self.search.text().strip():
            self.empty.setText(_("Nobody matches “{text}”.").format(text=self.search.text().strip()))
        elif self.model.rowCount() == 0 and self._filters_are_default():
            self.empty.setText(_("No participants yet. A director admits them with “Admit participant” (Ctrl+N).")
                               if not self.may_admit else _("No participants yet. Admit the first one with "
                                                            "“Admit participant” (Ctrl+N)."))
        elif waiting and self.model.rowCount() == 0:
            self.empty.setText(_("Nobody is waiting. Put someone on the waiting list with “Add applicant…” "
                                 "(Ctrl+Shift+N)."))
        else:
            self.empty.setText(_("Nobody matches the chosen filters."))
        self.empty.show()

    def _filters_are_default(self) -> bool:
        return (self.status_filter.currentIndex() == 0 and self.workshop_filter.currentIndex() == 0
                and self.programme_filter.currentIndex() == 0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._chosen_id = self.proxy.row_at(current.row()).id
        self.open_button.setEnabled(current.isValid())
        self.show_waiting_buttons(self.may_admit, self.on_the_waiting_list(), current.isValid())

    def current_participant_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()).id if index.isValid() else None

    def select_participant(self, participant_id: int | None, *, reveal: bool = False) -> None:
        """Selects that person (or the first row); ``reveal`` clears the search and filters hiding them."""
        row = self.proxy.proxy_row_of(participant_id)
        if row is None and reveal and participant_id is not None:
            self.search.clear()
            row = self.proxy.proxy_row_of(participant_id)
            if row is None:
                for combo in (self.workshop_filter, self.programme_filter, self.status_filter):
                    combo.blockSignals(True)
                    combo.setCurrentIndex(combo.findData(Filter.ALL) if combo is self.status_filter else 0)
                    combo.blockSignals(False)
                self.reload()
                row = self.proxy.proxy_row_of(participant_id)
        if row is None:
            row = 0
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))
            self.table.selectRow(row)
            self.table.scrollTo(self.proxy.index(row, 0))
        self._update_count()

    def focus_search(self) -> None:
        if self.stack.currentIndex() != 0:
            self.show_list()
            if self.stack.currentIndex() != 0:
                return
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    # -- the detail --------------------------------------------------------------------------

    def detail_page(self):
        """The participant's detail, made the first time it is needed (it has seven tabs to build)."""
        if self.detail is None:
            from reintegra.ui.pages.participant_detail import ParticipantDetail

            self.detail = ParticipantDetail(self.context)
            self.detail.back.connect(self.show_list)
            self.stack.addWidget(self.detail)
        return self.detail

    def open_participant(self, participant_id: int | None = None) -> None:
        participant_id = participant_id or self.current_participant_id()
        if participant_id is None:
            return
        detail = self.detail_page()
        if detail.participant_id != participant_id:
            detail.tabs.setCurrentIndex(0)
        detail.load(participant_id)
        self.stack.setCurrentWidget(detail)
        detail.tabs.currentWidget().setFocus()

    def show_list(self) -> None:
        """Back from the detail, unless the person keeps the personal data they have not saved."""
        detail = self.detail
        if detail is not None and detail.personal.is_dirty():
            question = _("The changes to the personal data of {name} are not saved. Discard them?").format(
                name=detail.title.text())
            if not messages.confirm(self, question, yes=_("Discard")):
                return
            detail.personal.discard()
        self.stack.setCurrentIndex(0)
        if detail is not None:
            self.select_participant(detail.participant_id)
        self.table.setFocus()

    # -- admitting ---------------------------------------------------------------------------

    def make_dialog(self) -> AdmitDialog:
        return AdmitDialog(self.context, self)

    def admit(self) -> None:
        if not self.may_admit:
            return
        dialog = self.make_dialog()
        if not self.open_dialog(dialog) or dialog.saved_id is None:
            return
        saved_id, warnings = dialog.saved_id, list(dialog.warnings)
        self.context.events.participants_changed.emit()
        self.select_participant(saved_id, reveal=True)
        self.table.setFocus()
        if warnings:
            messages.info(self, "\n".join(warnings))


def _muted(row: ParticipantRow) -> bool:
    return _status_order(row)[0] >= 2  # left, on the waiting list, or the application closed


def _status_order(row: ParticipantRow) -> tuple:
    """Taking part first, then those who start later, those who left (by date), the waiting list."""
    state = state_of(row, date.today())
    if state is ParticipantState.ACTIVE:
        return (0, date.min)
    if state is ParticipantState.EXITED:
        return (2, row.exit_date)
    if state is ParticipantState.UPCOMING:
        return (1, row.admission_date)
    if state is ParticipantState.CLOSED:
        return (4, row.exit_date)
    return (3, date.min)


def _status_text(row: ParticipantRow) -> str:
    state = state_of(row, date.today())
    if state is ParticipantState.ACTIVE:
        return _("Taking part")
    if state is ParticipantState.EXITED:
        return _("Left on {date}").format(date=format_date(row.exit_date))
    if state is ParticipantState.UPCOMING:
        return _("Starts on {date}").format(date=format_date(row.admission_date))
    if state is ParticipantState.CLOSED:
        return _("Application closed on {date}").format(date=format_date(row.exit_date))
    return _("On the waiting list")
