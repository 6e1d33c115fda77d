"""The main window: navigation on the left, the pages on the right, status at the bottom.

Pages that are not built yet are not listed at all; each page arrives with its issue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reintegra import config
from reintegra.db.engine import shown_database
from reintegra.db.enums import Role
from reintegra.i18n import _
from reintegra.services import labels
from reintegra.ui import accessible
from reintegra.ui.context import AppContext
from reintegra.ui.icons import icon
from reintegra.ui.lock import LockGuard
from reintegra.ui.navigation import open_reminder

NAVIGATION_WIDTH = 210
COLLAPSED_WIDTH = 56  # the navigation as a column of icons
COLLAPSE_KEYS = "Ctrl+B"
# Below this many logical pixels of screen width (1024×768, or 1366×768 at 125%) the navigation starts
# as icons the first time, leaving the page the width it needs.
NARROW_SCREEN = 1100
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 760
FRAME_ALLOWANCE = 48  # a window manager's title bar and borders
# A remembered size below this is not a real one (with the navigation as icons, pages need ~600 px).
MINIMUM_WIDTH, MINIMUM_HEIGHT = 480, 360


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    icon: str
    make: Callable[[AppContext], QWidget]


def page_entries() -> list[PageEntry]:
    from reintegra.ui.pages.daily_log import DailyLogPage
    from reintegra.ui.pages.participants import ParticipantsPage
    from reintegra.ui.pages.reports import ReportsPage
    from reintegra.ui.pages.settings import SettingsPage
    from reintegra.ui.pages.start import StartPage
    from reintegra.ui.pages.workshops import WorkshopsPage

    return [
        PageEntry("start", _("Today"), "start", StartPage),
        PageEntry("daily_log", _("Daily log"), "attendance", DailyLogPage),
        PageEntry("participants", _("Participants"), "participants", ParticipantsPage),
        PageEntry("workshops", _("Workshops"), "workshops", WorkshopsPage),
        PageEntry("reports", _("Reports"), "reports", ReportsPage),
        PageEntry("settings", _("Settings"), "settings", SettingsPage),
    ]


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(icon("app"))
        self._entries = page_entries()
        self._built: dict[int, QWidget] = {}
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        accessible.name(self.navigation, _("Pages"))
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFocusPolicy(Qt.NoFocus)
        self.pages = QStackedWidget()
        for number, entry in enumerate(self._entries, 1):
            item = QListWidgetItem(icon(entry.icon, "#dce6ec"), entry.title)
            item.setToolTip(_("{page} (Ctrl+{number})").format(page=entry.title, number=number))
            item.setSizeHint(QSize(NAVIGATION_WIDTH - 8, 42))
            item.setData(Qt.AccessibleTextRole, entry.title)  # read even when the sidebar shows only icons
            self.navigation.addItem(item)
            self.pages.addWidget(QWidget())  # the page itself is built when first shown
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.show_page(index))
        self.navigation.currentRowChanged.connect(self._page_chosen)
        self._navigation_look = _NavigationLook(self.navigation)
        self.navigation.setItemDelegate(self._navigation_look)
        self.collapse_button = QToolButton()
        self.collapse_button.setObjectName("collapse-navigation")
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.setIconSize(QSize(22, 22))
        self.collapse_button.clicked.connect(
            lambda: self.set_navigation_collapsed(not self.navigation_collapsed, remember=True))
        QShortcut(QKeySequence(COLLAPSE_KEYS), self).activated.connect(self.collapse_button.click)
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setAttribute(Qt.WA_StyledBackground, True)
        column = QVBoxLayout(sidebar)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(0)
        column.addWidget(self.navigation, 1)
        column.addWidget(self.collapse_button)
        self.navigation_collapsed = False
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self._build_status_bar()
        self._build_menu()
        self.lock_guard = LockGuard(self)  # Ctrl+Shift+L, Ctrl+Shift+Q and the idle lock
        self.context.events.facility_changed.connect(self._update_title)
        self._update_title()
        self._restore_state()

    def set_navigation_collapsed(self, collapsed: bool, remember: bool = False) -> None:
        """The navigation as icons only (the titles in their tooltips) or with its titles; the user's
        choice is remembered on this PC, the first start's guess from the screen's width is not."""
        self.navigation_collapsed = collapsed
        self._navigation_look.collapsed = collapsed
        width = COLLAPSED_WIDTH if collapsed else NAVIGATION_WIDTH
        self.navigation.setFixedWidth(width)
        for row in range(self.navigation.count()):
            self.navigation.item(row).setSizeHint(QSize(width - 8, 42))
        self.navigation.doItemsLayout()
        self.navigation.viewport().update()
        if collapsed:
            self.collapse_button.setIcon(icon("expand", "#dce6ec"))
            self.collapse_button.setText("")
            self.collapse_button.setToolButtonStyle(Qt.ToolButtonIconOnly)
            tip = _("Show the page titles ({keys})").format(keys=COLLAPSE_KEYS)
            self.collapse_button.setAccessibleName(_("Show the page titles"))
        else:
            self.collapse_button.setIcon(icon("collapse", "#dce6ec"))
            self.collapse_button.setText(_("Collapse"))
            self.collapse_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            tip = _("Icons only, leaving the page more room ({keys})").format(keys=COLLAPSE_KEYS)
            self.collapse_button.setAccessibleName(_("Collapse the navigation to icons"))
        self.collapse_button.setToolTip(tip)
        self.collapse_button.setFixedWidth(width)
        if remember:
            config.update_settings(navigation_collapsed=collapsed)

    def page(self, key: str) -> QWidget:
        return self._built_page([e.key for e in self._entries].index(key))

    def _built_page(self, index: int) -> QWidget:
        """The page at ``index``, built on first use: start-up pays only for the page it opens on."""
        if index not in self._built:
            page = self._entries[index].make(self.context)
            placeholder = self.pages.widget(index)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
            self._built[index] = page
            if hasattr(page, "reminder_chosen"):
                page.reminder_chosen.connect(lambda reminder: open_reminder(self, reminder))
        return self._built[index]

    def show_page(self, index_or_key: int | str) -> None:
        index = index_or_key if isinstance(index_or_key, int) else [e.key for e in self._entries].index(index_or_key)
        self.navigation.setCurrentRow(index)

    def _page_chosen(self, index: int) -> None:
        if index < 0:
            return
        page = self._built_page(index)
        self.pages.setCurrentIndex(index)
        if hasattr(page, "activated"):
            page.activated()

    def _build_status_bar(self) -> None:
        context = self.context
        kind = _("SQLite file") if context.is_sqlite else _("PostgreSQL server")
        database = _ElidedLabel(_("Database: {database} ({kind})").format(database=shown_database(context.database),
                                                                           kind=kind))
        database.setObjectName("status-database")
        database.setToolTip(shown_database(context.database))
        self.statusBar().addWidget(database, 1)
        if context.demo:
            demo = QLabel(_("Demo data"))
            demo.setStyleSheet("color: #a35d00; font-weight: 600;")
            self.statusBar().addPermanentWidget(demo)
        if context.user is not None:
            user = QLabel(_("Signed in: {name} ({role})").format(
                name=context.user.display_name, role=labels.label(context.user.role).lower()))
            user.setObjectName("status-user")
            self.statusBar().addPermanentWidget(user)
            from reintegra.ui.dialogs.change_password import change_password_button
            self.statusBar().addPermanentWidget(change_password_button(self, context))

    def _build_menu(self) -> None:
        """File → Import… (Ctrl+I) for directors and administrators, who alone may import."""
        if not self.context.can(Role.DIRECTOR):
            return
        from PySide6.QtGui import QAction

        # No mnemonic: Alt+P (Plik) is the daily log's workshop field, and the menu is reached by Ctrl+I.
        file_menu = self.menuBar().addMenu(_("File"))
        self.import_action = QAction(_("&Import from a spreadsheet…"), self)
        self.import_action.setObjectName("import")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.open_import)
        file_menu.addAction(self.import_action)

    def open_import(self) -> None:
        from reintegra.ui.dialogs.import_file import ImportDialog

        ImportDialog(self.context, self).exec()

    def _update_title(self) -> None:
        from reintegra.services import facility

        with self.context.read() as session:
            name = facility.get_facility(session).name
        self.setWindowTitle(f"{name} — Reintegra" if name else "Reintegra")

    def _restore_state(self) -> None:
        settings = config.load_settings()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        collapsed = settings.get("navigation_collapsed")
        self.set_navigation_collapsed(collapsed if isinstance(collapsed, bool) else screen.width() < NARROW_SCREEN)
        geometry = settings.get("window_geometry")
        restored = bool(geometry) and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if restored and (self.width() > screen.width() or self.height() > screen.height()):
            # Remembered on a larger screen (or grown by a page before the pages fitted): no larger than this one.
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))
            self.move(max(screen.left(), min(self.x(), screen.right() - self.width())),
                      max(screen.top(), min(self.y(), screen.bottom() - self.height())))
        if not restored or self.width() < MINIMUM_WIDTH or self.height() < MINIMUM_HEIGHT:
            # First start, or a size saved on another screen: as large as is comfortable here;
            # on a small screen (1366×768) the whole screen, since the title bar would push the
            # status bar off it.
            self.resize(min(DEFAULT_WIDTH, screen.width()), min(DEFAULT_HEIGHT, screen.height()))
            if screen.width() < DEFAULT_WIDTH + FRAME_ALLOWANCE or screen.height() < DEFAULT_HEIGHT + FRAME_ALLOWANCE:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        keys = [e.key for e in self._entries]
        last = settings.get("last_page")
        # The first time: a director starts with what is due today, an instructor with the daily log.
        first = "start" if self.context.can(Role.DIRECTOR) else "daily_log"
        self.show_page(keys.index(last if last in keys else first))

    def closeEvent(self, event) -> None:
        config.update_settings(
            window_geometry=bytes(self.saveGeometry().toBase64()).decode("ascii"),
            last_page=self._entries[self.pages.currentIndex()].key,
        )
        super().closeEvent(event)


class _NavigationLook(QStyledItemDelegate):
    """Draws the navigation's items with their titles, or, collapsed, as icons alone: the items keep
    their titles (for tooltips and screen readers), only the drawing leaves them out."""

    collapsed = False

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if self.collapsed:
            option.text = ""


class _ElidedLabel(QLabel):
    """A label that gives up its width first, shortened with "…" (the status bar's database: the
    signed-in user beside it stays whole on a small screen; the tooltip has it all)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(min(super().sizeHint().width(), 120), super().sizeHint().height())

    def paintEvent(self, _event) -> None:
        from PySide6.QtGui import QPainter

        area = self.contentsRect()
        painter = QPainter(self)
        painter.drawText(area, int(Qt.AlignLeft | Qt.AlignVCenter),
                         self.fontMetrics().elidedText(self.text(), Qt.ElideMiddle, area.width()))
