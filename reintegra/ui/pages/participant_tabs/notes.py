"""The participant's notes tab: the timeline of progress notes with filters, and a new note beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reintegra.db.enums import NoteCategory
from reintegra.i18n import _, format_date, ngettext
from reintegra.services import notes
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.labels import choices, label
from reintegra.services.notes import NoteRow
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext
from reintegra.ui.dialogs.note import NoteForm
from reintegra.ui.icons import icon
from reintegra.ui.pages.participant_tabs.base import ParticipantTab
from reintegra.ui.models.table import Column, RowsModel, RowsProxy
from reintegra.ui.widgets.date_field import DateField
from reintegra.ui.widgets.flow_layout import captioned, flow_row
from reintegra.ui.widgets.form import ERROR_STYLE

ADD_PANEL_WIDTH = 340


class NoteDelegate(QStyledItemDelegate):
    """One note as a card: date and category in bold, author and workshop in grey, the text wrapped."""

    PADDING = 8
    GAP = 4

    def _row(self, index: QModelIndex) -> NoteRow:
        return index.model().row_at(index.row())

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return max(120, width - 2 * self.PADDING)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        row = self._row(index)
        metrics = QFontMetrics(option.font)
        width = self._text_width(option)
        body = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextWordWrap, row.text).height()
        return QSize(width, 2 * self.PADDING + metrics.height() + self.GAP + body)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = self._row(index)
        painter.save()
        selected = bool(option.state & QStyle.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.highlight())
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        muted = palette.highlightedText().color() if selected else QColor("#5f6b73")
        area = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        title = _("{date} · {category}").format(date=format_date(row.day), category=label(row.category))
        title_width = QFontMetrics(bold).horizontalAdvance(title) + 16
        painter.setFont(bold)
        painter.setPen(text_color)
        header = QRect(area.left(), area.top(), area.width(), metrics.height())
        painter.drawText(header, Qt.AlignLeft | Qt.AlignVCenter, title)
        byline = " · ".join(part for part in (row.author, row.workshop) if part)
        painter.setFont(option.font)
        painter.setPen(muted)
        elided = metrics.elidedText(byline, Qt.ElideRight, max(0, area.width() - title_width))
        painter.drawText(header, Qt.AlignRight | Qt.AlignVCenter, elided)
        painter.setPen(text_color)
        body = QRect(area.left(), header.bottom() + self.GAP, area.width(), area.bottom() - header.bottom())
        painter.drawText(body, Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop, row.text)
        painter.setPen(QColor("#dde3e8"))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class NotesTab(ParticipantTab):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)

        self.category_filter = QComboBox()
        accessible.name(self.category_filter, _("Category"))
        self.category_filter.addItem(_("All categories"), None)
        for category, text in choices(NoteCategory):
            self.category_filter.addItem(text, category)
        self.author_filter = QComboBox()
        accessible.name(self.author_filter, _("Author"))
        self.author_filter.setMinimumContentsLength(14)
        self.author_filter.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.start_filter = DateField()
        self.start_filter.setToolTip(_("Notes from this day on"))
        self.end_filter = DateField()
        self.end_filter.setToolTip(_("Notes up to this day"))
        self.clear_filters_button = QPushButton(_("Show all"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        # The filters wrap onto a second line on a small screen.
        filters = flow_row(self.category_filter, self.author_filter, captioned(_("From:"), self.start_filter),
                           captioned(_("to:"), self.end_filter), self.clear_filters_button)
        self.category_filter.currentIndexChanged.connect(self._apply_filters)
        self.author_filter.currentIndexChanged.connect(self._apply_filters)
        self.start_filter.textChanged.connect(self._apply_filters)
        self.end_filter.textChanged.connect(self._apply_filters)

        self.model = RowsModel([Column(_("Note"), lambda row: row.text)], self)
        self.proxy = RowsProxy(self.model, self)
        self.timeline = QListView()
        self.timeline.setObjectName("notes-timeline")
        accessible.name(self.timeline, _("Notes"))
        self.timeline.setModel(self.proxy)
        self.timeline.setItemDelegate(NoteDelegate(self.timeline))
        self.timeline.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.timeline.setSelectionMode(QAbstractItemView.SingleSelection)
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.timeline.setResizeMode(QListView.Adjust)
        self.timeline.setWordWrap(True)
        self.count = QLabel()
        self.count.setProperty("role", "hint")
        self.empty = QLabel()
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        left = QVBoxLayout()
        left.addWidget(filters)
        left.addWidget(self.timeline, 1)
        left.addWidget(self.empty, 1)
        left.addWidget(self.count)

        title = QLabel(_("New note"))
        title.setProperty("role", "section-title")
        self.form = NoteForm(context)
        self.add_button = QPushButton(icon("plus"), _("Add note"))
        self.add_button.setToolTip(_("Add the note (Ctrl+Enter)"))
        self.add_button.clicked.connect(self.add_note)
        add_panel = QWidget()
        add_panel.setFixedWidth(ADD_PANEL_WIDTH)
        panel = QVBoxLayout(add_panel)
        panel.setContentsMargins(12, 0, 0, 0)
        panel.addWidget(title)
        panel.addWidget(self.form)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.add_button)
        panel.addLayout(button_row)
        panel.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), add_panel)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.add_note)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(add_panel)

    # -- reading -----------------------------------------------------------------------------

    def load(self, participant_id: int) -> None:
        if participant_id != self.participant_id:
            self.form.reset()
        self.participant_id = participant_id
        self.form.participant_id = participant_id
        try:
            with self.context.read() as session:
                rows = notes.notes_of(session, participant_id, actor=self.context.actor(session))
        except ReintegraError as error:
            rows = []
            messages.error(self, error.message)
        self.model.set_rows(rows)
        self._fill_authors(rows)
        self._apply_filters()

    def _fill_authors(self, rows: list[NoteRow]) -> None:
        chosen = self.author_filter.currentData()
        authors = sorted({(row.author_id, row.author) for row in rows if row.author_id is not None},
                         key=lambda pair: pair[1].lower())
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem(_("All authors"), None)
        for author_id, name in authors:
            self.author_filter.addItem(name, author_id)
        self.author_filter.setCurrentIndex(max(0, self.author_filter.findData(chosen)))
        self.author_filter.blockSignals(False)

    def _apply_filters(self, *_args) -> None:
        category = self.category_filter.currentData()
        author_id = self.author_filter.currentData()
        start = _date_or_none(self.start_filter)
        end = _date_or_none(self.end_filter)

        def accepts(row: NoteRow) -> bool:
            return ((category is None or row.category == category)
                    and (author_id is None or row.author_id == author_id)
                    and (start is None or row.day >= start)
                    and (end is None or row.day <= end))

        filtered = category is not None or author_id is not None or start is not None or end is not None
        self.proxy.set_filter(accepts if filtered else None)
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if filtered:
            self.count.setText(ngettext("{shown} of {count} note shown.", "{shown} of {count} notes shown.",
                                        total).format(shown=shown, count=total))
        else:
            self.count.setText(ngettext("{count} note.", "{count} notes.", total).format(count=total))
        self.clear_filters_button.setEnabled(filtered)
        self.count.setVisible(total > 0)
        self.timeline.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)
        self.empty.setText(_("No note matches the filters.") if total else
                           _("No notes yet. Write the first one on the right."))

    def clear_filters(self) -> None:
        for combo in (self.category_filter, self.author_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for field in (self.start_filter, self.end_filter):
            field.blockSignals(True)
            field.clear()
            field.setStyleSheet("")
            field.blockSignals(False)
        self._apply_filters()

    def shown_notes(self) -> list[NoteRow]:
        return [self.proxy.row_at(row) for row in range(self.proxy.rowCount())]

    # -- changing ----------------------------------------------------------------------------

    def add_note(self) -> bool:
        """Adds the note being written; False when refused (the form keeps it and shows why)."""
        if self.participant_id is None:
            return False
        saved_id = self.form.save()
        if saved_id is None:
            return False
        self.form.reset()
        self.load(self.participant_id)
        if all(row.id != saved_id for row in self.shown_notes()):
            self.clear_filters()  # the filters hid it; the user wants to see what they wrote
        self.timeline.scrollToTop()
        self.changed.emit()
        return True

    # -- input not saved yet (ui/unsaved.py: asked before signing out) -----------------------

    def has_unsaved_input(self) -> bool:
        return self.participant_id is not None and bool(self.form.text.toPlainText().strip())

    def save_input(self) -> bool:
        return self.add_note()

    def discard_input(self) -> None:
        self.form.reset()

    def input_name(self) -> str:
        return _("A new progress note")


def _date_or_none(field: DateField) -> date | None:
    """The filter's date; an unfinished or wrong date is shown in red and does not filter."""
    try:
        value = field.date()
    except ValidationError:
        field.setStyleSheet(ERROR_STYLE)
        return None
    field.setStyleSheet("")
    return value
