"""Every page and dialog of the app, opened as a user reaches them, on the demo facility: for the
tests of what must hold on all of them (they fit a small screen, Tab follows the eye, every input
has a name). A new page, tab or dialog is added here, so that those tests see it too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
import shiboken6
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from reintegra.db.enums import Role
from reintegra.db.models import Participant, Placement, User, Workshop
from reintegra.services import follow_ups, plans, users
from reintegra.services.benefit_rules import RuleFields, RuleRow
from reintegra.ui.context import AppContext, SignedIn
from reintegra.ui.main_window import MainWindow
from tests.demo_data import TODAY


@dataclass(frozen=True)
class DemoIds:
    """Records of the demo facility that the dialogs open on."""

    active: int  # taking part today, placed, with a plan that has goals
    leaver: int  # left, with follow-up contacts
    applicant: int  # on the waiting list
    workshop: int
    placement: Placement
    plan: plans.PlanRow
    follow_up: follow_ups.FollowUpRow
    user: users.UserRow


def administrator_context(engine, database_path) -> AppContext:
    """The demo's administrator signed in: every page, tab and button is there."""
    with AppContext(engine, database_path).read() as session:
        admin = session.scalars(select(User).where(User.role == Role.ADMINISTRATOR).order_by(User.id)).first()
        user = SignedIn(admin.id, admin.username, admin.full_name, admin.role)
    return AppContext(engine, database_path, user)


def demo_ids(context: AppContext) -> DemoIds:
    with context.read() as session:
        people = list(session.scalars(select(Participant).order_by(Participant.id)))
        planned = {}
        for person in people:
            if person.admission_date and person.exit_date is None:
                rows = [row for row in plans.plans_for(session, person.id) if row.goals]
                if rows and session.scalars(select(Placement).where(Placement.participant_id == person.id)).first():
                    planned[person.id] = rows[-1]
        active = min(planned)
        leaver, follow_up = next((person.id, rows[0]) for person in people
                                 if person.exit_date is not None and person.admission_date is not None
                                 and (rows := follow_ups.follow_ups_of(session, person.id)))
        applicant = next(person.id for person in people if person.admission_date is None and person.exit_date is None)
        placement = session.scalars(select(Placement).where(Placement.participant_id == active)
                                    .order_by(Placement.start_date.desc())).first()
        session.expunge(placement)
        workshop = session.scalars(select(Workshop.id).order_by(Workshop.id)).first()
        user = next(row for row in users.user_rows(session) if row.role is Role.INSTRUCTOR)
    return DemoIds(active, leaver, applicant, workshop, placement, planned[active], follow_up, user)


def open_main_window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def every_page(window: MainWindow, ids: DemoIds) -> Iterator[tuple[str, QWidget]]:
    """Each page of the navigation, then each tab of a participant's detail and of the settings,
    shown in turn; yields a name for messages and the page shown."""
    for row in range(window.navigation.count()):
        window.show_page(row)
        yield window.navigation.item(row).text(), window.pages.currentWidget()
    participants = window.page("participants")
    window.show_page("participants")
    for person in (ids.active, ids.leaver, ids.applicant):
        participants.open_participant(person)
        detail = participants.detail_page()
        for index in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(index)
            yield f"participant {person} / {detail.tabs.tabText(index)}", detail
    participants.show_list()
    reports = window.page("reports")  # the CIS benefit list has a view of its own instead of the PDF preview
    window.show_page("reports")
    reports.show_form("benefit")
    yield "reports / CIS benefit list", reports
    reports.kinds.setCurrentRow(0)
    settings = window.page("settings")
    window.show_page("settings")
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        yield f"settings / {settings.tabs.tabText(index)}", settings


def every_dialog(context: AppContext, ids: DemoIds, parent: QWidget | None = None
                 ) -> list[tuple[str, Callable[[], QWidget]]]:
    """How to make each dialog, by name; each maker returns the dialog not yet shown."""
    from reintegra.ui.dialogs.admit import AdmitDialog
    from reintegra.ui.dialogs.applicant import ApplicantDialog
    from reintegra.ui.dialogs.assessment import AssessmentDialog
    from reintegra.ui.dialogs.benefit_rule import BenefitRuleDialog
    from reintegra.ui.dialogs.certificate import CertificateDialog
    from reintegra.ui.dialogs.change_password import ChangePasswordDialog
    from reintegra.ui.dialogs.cis_clock import ExtendDialog, TrialMonthDialog
    from reintegra.ui.dialogs.damaged_database import DamagedDatabaseDialog
    from reintegra.ui.dialogs.close_application import CloseApplicationDialog
    from reintegra.ui.dialogs.database import DatabaseDialog
    from reintegra.ui.dialogs.exit_details import ExitDetailsDialog
    from reintegra.ui.dialogs.first_run import FirstRunWizard
    from reintegra.ui.dialogs.import_file import ImportDialog
    from reintegra.ui.dialogs.follow_up import FollowUpDialog
    from reintegra.ui.dialogs.note import NoteDialog
    from reintegra.ui.dialogs.placement import EndPlacementDialog, PlacementDialog
    from reintegra.ui.dialogs.plan import PlanDialog
    from reintegra.ui.dialogs.plan_goal import GoalDialog
    from reintegra.ui.dialogs.plan_review import ReviewDialog
    from reintegra.ui.dialogs.server_password import ServerPasswordDialog
    from reintegra.ui.dialogs.sign_in import SignInDialog
    from reintegra.ui.dialogs.unlock import UnlockScreen
    from reintegra.ui.dialogs.user import TemporaryPasswordDialog, UserDialog
    from reintegra.ui.dialogs.workshop import WorkshopDialog

    placement = ids.placement
    server = "postgresql+psycopg://reintegra@serwer.local:5432/reintegra"
    return [
        ("admit", lambda: AdmitDialog(context, parent, today=TODAY)),
        ("readmit", lambda: AdmitDialog(context, parent, today=TODAY, readmit_from=ids.leaver)),
        ("admit applicant", lambda: AdmitDialog(context, parent, today=TODAY, applicant_id=ids.applicant)),
        ("applicant", lambda: ApplicantDialog(context, parent, today=TODAY)),
        ("close application", lambda: CloseApplicationDialog(context, ids.applicant, parent)),
        ("assessment", lambda: AssessmentDialog(context, ids.active, parent=parent)),
        ("benefit rule set", lambda: BenefitRuleDialog(context, parent=parent)),
        ("edit benefit rule set", lambda: BenefitRuleDialog(context, _RULE_SET, parent=parent)),
        ("trial month", lambda: TrialMonthDialog(context, ids.active, today=TODAY, parent=parent)),
        ("extend stay", lambda: ExtendDialog(context, ids.active, today=TODAY, parent=parent)),
        ("change password", lambda: ChangePasswordDialog(context, parent)),
        ("database", lambda: DatabaseDialog(context.database, parent, context=context)),
        ("database, a server", lambda: DatabaseDialog("postgresql+psycopg://reintegra@192.168.1.10/reintegra", parent,
                                                      context=context)),
        ("damaged database", lambda: DamagedDatabaseDialog(
            "/home/kierownik/.local/share/reintegra/reintegra.db", "database disk image is malformed", parent,
            latest=_a_backup())),
        ("damaged database, no backup", lambda: DamagedDatabaseDialog(
            "/home/kierownik/.local/share/reintegra/reintegra.db", "database disk image is malformed", parent)),
        ("exit details", lambda: ExitDetailsDialog(context, ids.leaver, parent=parent)),
        ("certificate", lambda: CertificateDialog(context, certificate_draft(ids.leaver), today=TODAY, parent=parent)),
        ("follow-up", lambda: FollowUpDialog(context, ids.follow_up, name="Anna Żółkiewska", parent=parent)),
        ("note", lambda: NoteDialog(context, ids.active, parent=parent)),
        ("placement", lambda: PlacementDialog(context, ids.active, parent=parent)),
        ("move", lambda: PlacementDialog(context, ids.active, moving=True, parent=parent)),
        ("end placement", lambda: EndPlacementDialog(context, placement.id, placement.version, "Pracownia",
                                                     placement.start_date, placement.end_date, today=TODAY,
                                                     parent=parent)),
        ("plan", lambda: PlanDialog(context, ids.active, parent=parent)),
        ("edit plan", lambda: PlanDialog(context, ids.active, ids.plan, parent=parent)),
        ("goal", lambda: GoalDialog(context, ids.plan, parent=parent)),
        ("review", lambda: ReviewDialog(context, ids.plan, parent=parent)),
        ("server password", lambda: ServerPasswordDialog(server, parent=parent)),
        ("sign in", lambda: SignInDialog(context, parent)),
        ("unlock", lambda: UnlockScreen(context.user, parent)),
        ("user", lambda: UserDialog(context, parent=parent)),
        ("edit user", lambda: UserDialog(context, ids.user, parent=parent)),
        ("temporary password", lambda: TemporaryPasswordDialog("a.nowak", "Xk7-pq9-Lm2", parent)),
        ("workshop", lambda: WorkshopDialog(context, None, parent)),
        ("edit workshop", lambda: WorkshopDialog(context, ids.workshop, parent)),
        ("first run", lambda: FirstRunWizard(context.engine, context.database)),
        ("import", lambda: ImportDialog(context, parent)),
    ]


def certificate_draft(participant_id: int):
    """A CIS leaver's draft as the exit tab would make it (the demo facility is a WTZ): two workshops, the
    skills as long as they come."""
    from datetime import date
    from decimal import Decimal

    from reintegra.db.enums import Programme
    from reintegra.services.certificates import CertificateDraft, WorkshopHours

    return CertificateDraft(
        participant_id, "Anna Żółkiewska", "90051712345", date(1990, 5, 17), Programme.CIS, date(2025, 4, 1),
        date(2026, 3, 31), (
            WorkshopHours("Pracownia gastronomiczna", date(2025, 4, 1), date(2025, 10, 31), 141, Decimal("846")),
            WorkshopHours("Pracownia krawiecko-dziewiarska", date(2025, 11, 3), date(2026, 3, 31), 98,
                          Decimal("571.5"))),
        "Cele osiągnięte w indywidualnym programie:\n– Samodzielnie przygotowuje posiłek dla grupy\n"
        "– Obsługuje maszynę do szycia\n\nNajmocniejsze obszary w ocenie okresowej z 20.03.2026: "
        "Komunikacja (5/5), Współpraca w grupie (4/5).")


# A rule set as the CIS benefits tab lists it, for the dialog that edits one (the demo facility is a WTZ).
_RULE_SET = RuleRow(1, RuleFields(date(2026, 6, 1), Decimal("1711.20"), Decimal("0.05"), 10, Decimal("0.025"),
                                  Decimal("0"), 21, Decimal("0.05"), 6, "od czerwca"), 1, True, False)


def _a_backup():
    from datetime import datetime
    from pathlib import Path

    from reintegra.services.backup_schedule import BackupFile

    return BackupFile(Path("/home/kierownik/.local/share/reintegra/backups/auto-2026-06-09_07-55-00-000000-daily.db"),
                      datetime(2026, 6, 9, 7, 55), "daily", 17_887_232)


@contextmanager
def opened(make: Callable[[], QWidget]) -> Iterator[QWidget]:
    """The dialog ``make`` returns, shown; hidden and deleted at once afterwards. Not left to a
    later deleteLater (pytest-qt's): a dialog waiting for it outlives the Python side of its models,
    and the next application-wide restyle (``setStyleSheet``) calls into them; nor left open: the
    unlock screen refuses to close and would stay modal over later tests."""
    dialog = make()
    dialog.show()
    try:
        yield dialog
    finally:
        dialog.hide()
        shiboken6.delete(dialog)

