"""The first-run wizard: set up the facility, its workshops and the administrator — or open the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reintegra import config
from reintegra.db.models import Facility, User, Workshop
from reintegra.services.validation import max_length
from reintegra.db.enums import Programme, Role, WorkshopKind
from reintegra.i18n import N_, _
from reintegra.paths import demo_database_path
from reintegra.services import facility, labels, users, workshops
from reintegra.services.errors import ReintegraError, ValidationError
from reintegra.services.facility import FacilityFields
from reintegra.ui import accessible, messages
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.icons import icon
from reintegra.ui.screen_fit import fit_to_screen
from reintegra.ui.widgets.form import ERROR_STYLE, Form, Typed

DEMO_PARTICIPANTS = 60
DEMO_YEARS = 3
DEMO_SEED = 2024  # the same demo on every computer, so that a manual can refer to it

# A WTZ has about one instructor per five participants; six places is a typical workshop.
DEFAULT_CAPACITY = 6

# The workshops most WTZ and CIS run; the first four are ticked.
SUGGESTED_WORKSHOPS: tuple[tuple[str, WorkshopKind, bool], ...] = (
    (N_("Gastronomy workshop"), WorkshopKind.GASTRONOMY, True),
    (N_("Tailoring workshop"), WorkshopKind.TAILORING, True),
    (N_("Floristry workshop"), WorkshopKind.FLORISTRY, True),
    (N_("Cleaning and construction workshop"), WorkshopKind.CLEANING_CONSTRUCTION, True),
    (N_("Carpentry workshop"), WorkshopKind.CARPENTRY, False),
    (N_("Computer workshop"), WorkshopKind.COMPUTER, False),
    (N_("Gardening workshop"), WorkshopKind.GARDENING, False),
    (N_("Arts and crafts workshop"), WorkshopKind.ARTS_CRAFTS, False),
    (N_("Household skills workshop"), WorkshopKind.HOUSEHOLD, False),
)


@contextmanager
def trial(engine: Engine) -> Iterator[Session]:
    """A session that is always rolled back: runs a service's checks without keeping anything."""
    with Session(engine) as session:
        try:
            yield session
        finally:
            session.rollback()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Welcome to Reintegra"))
        self.setSubTitle(_("Reintegra keeps the records of a WTZ, CIS, KIS or ZAZ: participants, workshops, "
                           "attendance, individual plans and reports. How would you like to start?"))
        self.setButtonText(QWizard.FinishButton, _("Open the demo"))
        self.setup_choice = QRadioButton(_("&Set up my facility"))
        self.demo_choice = QRadioButton(_("&Explore with demo data"))
        self.setup_choice.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        for button, text in (
            (self.setup_choice, _("Enter the facility's name and address, choose its workshops and create the "
                                  "administrator account. It takes a couple of minutes.")),
            (self.demo_choice, _("Try the program on invented participants, kept in a separate demo database. "
                                 "Your own database stays empty; you can set it up at the next start.")),
        ):
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            layout.addWidget(button)
            description = _hint(text)
            description.setContentsMargins(26, 0, 0, 14)
            layout.addWidget(description)
        # The demo has nothing more to ask: the page becomes the last one, its button "Open the demo".
        self.demo_choice.toggled.connect(self.setFinalPage)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("demo-status")
        layout.addStretch(1)
        layout.addWidget(self.status)

    def wants_demo(self) -> bool:
        return self.demo_choice.isChecked()

    def nextId(self) -> int:
        return -1 if self.wants_demo() else FirstRunWizard.FACILITY

    def validatePage(self) -> bool:
        return self.wizard().open_demo() if self.wants_demo() else True


class FacilityPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Your facility"))
        self.setSubTitle(_("The name and address appear on attendance sheets and reports. "
                           "You can change them later in Settings."))
        self.form = Form()
        self.name = self.form.add("name", _("&Name:"), QLineEdit())
        self.name.setMaxLength(max_length(Facility, "name"))
        self.name.setPlaceholderText(_("e.g. Warsztat Terapii Zajęciowej „Źródło”"))
        self.kind = self.form.add("kind", _("&Type:"), QComboBox())
        for programme, text in labels.choices(Programme):
            self.kind.addItem(text, programme)
        self.address = self.form.add("address", _("&Address:"), QLineEdit())
        self.address.setMaxLength(max_length(Facility, "address"))
        self.postal_code = self.form.add("postal_code", _("&Postal code:"), QLineEdit())
        self.postal_code.setMaxLength(max_length(Facility, "postal_code"))
        self.postal_code.setPlaceholderText("00-000")
        self.postal_code.setMaximumWidth(self.fontMetrics().horizontalAdvance("00-000000") + 24)
        self.city = self.form.add("city", _("&City:"), QLineEdit())
        self.city.setMaxLength(max_length(Facility, "city"))
        self.form.live(lambda: facility.check_facility(self.values()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def values(self) -> FacilityFields:
        return FacilityFields(name=self.name.text(), kind=self.kind.currentData(), address=self.address.text(),
                              postal_code=self.postal_code.text(), city=self.city.text())

    def validatePage(self) -> bool:
        self.form.clear_errors()
        values = self.values()
        return self.wizard().check(self, lambda session: facility.update_facility(session, values))

    def show_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error)


@dataclass
class WorkshopChoice:
    name: str
    kind: WorkshopKind
    ticked: QCheckBox
    capacity: QSpinBox


class WorkshopsPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Workshops"))
        self.setSubTitle(_("Tick the workshops your facility runs and how many participants each can take. "
                           "You can rename them, add others or change the numbers later."))
        self.choices: list[WorkshopChoice] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.grid.addWidget(_hint(_("Workshop")), 0, 0)
        self.grid.addWidget(_hint(_("Places")), 0, 1)
        self.grid.setColumnStretch(0, 1)
        for name, kind, ticked in SUGGESTED_WORKSHOPS:
            self.add_choice(_(name), kind, ticked)
        rows = QWidget()
        column = QVBoxLayout(rows)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self.grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(rows)
        accessible.name(scroll, _("Workshops"))
        self.scroll = scroll

        self.new_name = QLineEdit()
        self.new_name.setMaxLength(max_length(Workshop, "name"))
        self.new_name.setPlaceholderText(_("Another workshop, e.g. Pracownia ceramiczna"))
        accessible.name(self.new_name, _("Name of another workshop"))
        self.add_button = QPushButton(icon("plus"), _("&Add"))
        self.add_button.setEnabled(False)
        self.add_button.setAutoDefault(False)
        self.new_name.textChanged.connect(lambda text: self.add_button.setEnabled(bool(text.strip())))
        self.new_name.installEventFilter(self)
        self.add_button.clicked.connect(self.add_typed)
        adder = QHBoxLayout()
        adder.addWidget(self.new_name, 1)
        adder.addWidget(self.add_button)
        self.error = QLabel()
        self.error.setObjectName("error-workshops")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(adder)
        layout.addWidget(self.error)

    def eventFilter(self, watched, event) -> bool:
        # Enter in the name field adds the workshop rather than going on to the next page.
        if (watched is self.new_name and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.new_name.text().strip()):
            self.add_typed()
            return True
        return super().eventFilter(watched, event)

    def add_choice(self, name: str, kind: WorkshopKind, ticked: bool) -> WorkshopChoice:
        box = QCheckBox(name)
        box.setChecked(ticked)
        capacity = QSpinBox()
        capacity.setRange(1, workshops.MAX_CAPACITY)
        capacity.setValue(DEFAULT_CAPACITY)
        capacity.setEnabled(ticked)
        accessible.name(capacity, _("{workshop}: places").format(workshop=name))
        capacity.setToolTip(_("How many participants the workshop can take at once."))
        box.toggled.connect(capacity.setEnabled)
        row = self.grid.rowCount()
        self.grid.addWidget(box, row, 0)
        self.grid.addWidget(capacity, row, 1)
        choice = WorkshopChoice(name, kind, box, capacity)
        self.choices.append(choice)
        return choice

    def add_typed(self) -> None:
        """Adds the typed name as a ticked workshop (unless it is already on the list)."""
        name = " ".join(self.new_name.text().split())
        if not name:
            return
        self.clear_error()
        if any(choice.name.lower() == name.lower() for choice in self.choices):
            self.show_message(_("A workshop named {name} already exists.").format(name=name))
            return
        choice = self.add_choice(name, WorkshopKind.OTHER, True)
        self.new_name.clear()
        self.new_name.setFocus()
        self.scroll.ensureWidgetVisible(choice.ticked)

    def ticked(self) -> list[tuple[str, WorkshopKind, int]]:
        return [(c.name, c.kind, c.capacity.value()) for c in self.choices if c.ticked.isChecked()]

    def validatePage(self) -> bool:
        self.clear_error()
        ticked = self.ticked()

        def create_all(session: Session) -> None:
            for name, kind, capacity in ticked:
                workshops.create_workshop(session, name, kind, capacity)

        return self.wizard().check(self, create_all)

    def show_error(self, error: ValidationError) -> bool:
        self.show_message(error.message)
        return True

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


class AdministratorPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("Administrator account"))
        self.setSubTitle(_("The administrator manages users and backups; often this is the director. "
                           "You will be signed in with this account."))
        self.setButtonText(QWizard.FinishButton, _("&Finish set-up"))
        self.form = Form()
        self.username = self.form.add("username", _("&User name:"), QLineEdit())
        self.username.setMaxLength(max_length(User, "username"))
        self.username.setPlaceholderText(_("e.g. anna.nowak"))
        self.full_name = self.form.add("full_name", _("F&ull name:"), QLineEdit())
        self.full_name.setMaxLength(max_length(User, "full_name"))
        self.password = self.form.add("password", _("&Password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(
            _("At least {count} characters").format(count=users.MIN_PASSWORD_LENGTH))
        self.password_repeat = self.form.add("password_repeat", _("&Repeat password:"), QLineEdit())
        self.password_repeat.setEchoMode(QLineEdit.Password)
        self.form.live(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(_hint(_("Keep the password somewhere safe: without an administrator nobody can add "
                                 "users or restore a backup.")))
        layout.addStretch(1)

    def check(self) -> None:
        """Every error of the account at once: the repeat, then the users service's rules (writing nothing)."""
        typed = Typed()
        typed.read(self._same_passwords)
        with trial(self.wizard().engine) as session:
            typed.rule(users.check_new_user, session, self.username.text(), Role.ADMINISTRATOR,
                       self.full_name.text())
        typed.rule(users.check_password, self.password.text())
        typed.raise_any()

    def _same_passwords(self) -> None:
        if self.password.text() != self.password_repeat.text():
            raise ValidationError("password_repeat", _("The two passwords are not the same."))

    def validatePage(self) -> bool:
        if self.form.refused(self.check):
            if self.form.error_text("password_repeat"):
                self.password_repeat.selectAll()
            return False
        return self.wizard().write()

    def show_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error)


class FirstRunWizard(QWizard):
    """Shown when the database has neither facility data nor users.

    After ``exec()``: ``demo_engine``/``demo_target`` when the person chose the demo, otherwise
    ``created_user`` (and ``created_user_id``) — the administrator, signed in without asking again.
    """

    WELCOME, FACILITY, WORKSHOPS, ADMINISTRATOR = range(4)

    def __init__(self, engine: Engine, target: str, parent=None):
        super().__init__(parent)
        self.engine = engine
        self.target = target
        self.context = AppContext(engine, target)
        self.demo_engine: Engine | None = None
        self.demo_target: str | None = None
        self.created_user: SignedIn | None = None
        self.setWindowTitle(_("Reintegra – first start"))
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.setPixmap(QWizard.LogoPixmap, icon("app").pixmap(48, 48))
        self.welcome_page = WelcomePage()
        self.facility_page = FacilityPage()
        self.workshops_page = WorkshopsPage()
        self.administrator_page = AdministratorPage()
        for page_id, page in ((self.WELCOME, self.welcome_page), (self.FACILITY, self.facility_page),
                              (self.WORKSHOPS, self.workshops_page),
                              (self.ADMINISTRATOR, self.administrator_page)):
            self.setPage(page_id, page)
        self.setStartId(self.WELCOME)
        fit_to_screen(self, QSize(760, 560))

    @property
    def created_user_id(self) -> int | None:
        return self.created_user.id if self.created_user is not None else None

    def check(self, page, work: Callable[[Session], object]) -> bool:
        """Runs ``work`` (service calls) without keeping anything; a rule it breaks is shown on ``page``."""
        try:
            with trial(self.engine) as session:
                work(session)
        except ValidationError as error:
            if not page.show_error(error):
                messages.error(self, error.message)
            return False
        except ReintegraError as error:
            messages.error(self, error.message)
            return False
        except SQLAlchemyError as error:
            messages.error(self, _database_error(error))
            return False
        return True

    def write(self) -> bool:
        """Writes the administrator, the facility and the workshops in one unit of work: all or nothing."""
        administrator = self.administrator_page
        username, password = administrator.username.text(), administrator.password.text()
        page = administrator
        try:
            with _busy(), self.context.unit() as session:
                if facility.is_configured(session) or users.has_users(session):
                    raise ReintegraError(_("This database has just been set up on another computer. "
                                           "Start Reintegra again to sign in."))
                admin = users.create_user(session, username, password, Role.ADMINISTRATOR,
                                          administrator.full_name.text())
                page = self.facility_page
                facility.update_facility(session, self.facility_page.values(), actor=admin)
                page = self.workshops_page
                for name, kind, capacity in self.workshops_page.ticked():
                    workshops.create_workshop(session, name, kind, capacity, actor=admin)
                created = SignedIn(admin.id, admin.username, admin.full_name, admin.role)
        except ValidationError as error:
            self._go_back_to(page)
            if not page.show_error(error):
                messages.error(self, error.message)
            return False
        except ReintegraError as error:
            messages.error(self, error.message)
            return False
        except SQLAlchemyError as error:
            messages.error(self, _database_error(error))
            return False
        self.created_user = created
        config.update_settings(last_user=created.username)
        return True

    def open_demo(self) -> bool:
        """Opens the demo database, filling it first when it is new (one transaction)."""
        from reintegra import demo
        from reintegra.services.database import open_database

        target = str(demo_database_path())
        status = self.welcome_page.status
        status.setStyleSheet("")
        status.setText(_("Preparing the demo data; this takes a few seconds…"))
        status.repaint()
        engine = None
        try:
            with _busy():
                engine = open_database(target)
                with AppContext(engine, target).unit() as session:
                    if not (facility.is_configured(session) or users.has_users(session)):
                        demo.generate_demo(session, participants=DEMO_PARTICIPANTS, years=DEMO_YEARS,
                                           seed=DEMO_SEED)
        except (ReintegraError, SQLAlchemyError) as error:
            if engine is not None:
                engine.dispose()
            status.clear()
            text = error.message if isinstance(error, ReintegraError) else _database_error(error)
            messages.error(self, _("The demo could not be prepared: {error}").format(error=text))
            return False
        status.clear()
        self.demo_engine, self.demo_target = engine, target
        return True

    def _go_back_to(self, page: QWizardPage) -> None:
        while self.currentPage() is not page and self.currentId() != self.startId():
            self.back()


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.WaitCursor)
    QApplication.processEvents()
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _database_error(error: SQLAlchemyError) -> str:
    from reintegra.services.database import error_text

    return _("The database reported an error: {error}").format(error=error_text(error))
