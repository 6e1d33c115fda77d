"""The command line: ``reintegra [--database PATH|URL] COMMAND …``.

Every error reaches the user as one translated sentence and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reintegra import __version__, argparse_messages, i18n
from reintegra.cli_table import print_table
from reintegra.config import ENVIRONMENT_DATABASE, load_settings, resolve_database
from reintegra.i18n import _, pgettext
from reintegra.paths import default_database_path
from reintegra.private_files import private_umask
from reintegra.services.errors import ReintegraError

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("Error: {message}").format(message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reintegra", description=_(
        "Reintegra: participants, attendance and reports for WTZ and CIS facilities. "
        "Without a command the desktop application starts."))
    parser.add_argument("--version", action="version", version=f"Reintegra {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--database", metavar=_("PATH-or-URL"), help=_(
        "the database: a SQLite file path or a URL such as postgresql+psycopg://user@host/db "
        "(default: REINTEGRA_DATABASE or the file in the user data folder)"))
    parser.add_argument("--language", choices=sorted(i18n.LANGUAGES), help=_("language of messages (pl or en)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    demo = commands.add_parser("demo", help=_(
        "fill a separate demo database with realistic demo data (demo.db beside the real one unless "
        "--database names a new database)"))
    demo.add_argument("--participants", type=_positive_int, default=300, help=_("how many participants (default 300)"))
    demo.add_argument("--years", type=_positive_int, default=10, help=_("how many years of history (default 10)"))
    demo.add_argument("--seed", type=int, default=None, help=_("random seed, for repeatable data"))
    demo.add_argument("--cis", action="store_true", help=_("a social integration centre (CIS) instead of a WTZ"))

    db = commands.add_parser("db", help=_("database upkeep: upgrade, check, backup, restore, copy"))
    db_commands = db.add_subparsers(dest="db_command", metavar=_("ACTION"), required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help=_("bring the database to the current schema (after a backup)"))
    db_commands.add_parser("check", help=_("check the database's integrity and schema version"))
    backup = db_commands.add_parser("backup", help=_("copy the whole database into a backup file"))
    backup.add_argument("file", metavar=_("FILE"), help=_("the backup file to write"))
    restore = db_commands.add_parser("restore", help=_("replace the database's contents with a backup file"))
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file to restore"))
    db_commands.add_parser("backups", help=_(
        "list the automatic and manual backups in the backup folder, newest first"))
    _add_db_copy(db_commands)

    imports = commands.add_parser("import", help=_("import participants or attendance from CSV or XLSX"))
    import_kinds = imports.add_subparsers(dest="import_kind", metavar=_("WHAT"), required=True, parser_class=_Parser)
    for kind, text in (("participants", _("participants, one row a person")),
                       ("attendance", _("attendance, one row a person-day"))):
        sub = import_kinds.add_parser(kind, help=text)
        sub.add_argument("file", metavar=_("FILE"), help=_("a CSV or XLSX file with a header row"))
        sub.add_argument("--only-valid", action="store_true", help=_(
            "import the valid rows and skip the bad ones (default: nothing unless every row is valid)"))
        sub.add_argument("--encoding", metavar=_("ENCODING"), help=_(
            "the CSV file's encoding: utf-8, utf-16, cp1250 (Windows-1250) or iso-8859-2 (default: detected)"))

    report = commands.add_parser("report", help=_("write a report to a file"))
    reports = report.add_subparsers(dest="report_kind", metavar=_("REPORT"), required=True, parser_class=_Parser)
    participant = reports.add_parser("participant", help=_("one participant's reintegration report (.pdf)"))
    participant.add_argument("participant", metavar=_("ID-OR-PESEL"))
    participant.add_argument("--notes-from", type=_date, metavar="YYYY-MM-DD",
                             help=_("progress notes from this day (default: all)"))
    participant.add_argument("--notes-to", type=_date, metavar="YYYY-MM-DD",
                             help=_("progress notes up to this day (default: all)"))
    participant.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    attendance = reports.add_parser("attendance", help=_("a workshop's attendance in one month (.pdf, .xlsx, .csv)"))
    attendance.add_argument("--workshop", required=True, metavar=_("NAME"))
    attendance.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    attendance.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    summary = reports.add_parser("summary", help=_("the facility's figures for a period (.pdf, .xlsx, .json, .csv)"))
    summary.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    summary.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD")
    summary.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    benefit = reports.add_parser("benefit", help=_(
        "CIS: the integration benefit list of one month: days present and absent, the benefit, the premium and "
        "the total (.pdf, .xlsx, .csv)"))
    benefit.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    benefit.add_argument("--workshop", metavar=_("NAME"), help=_("only this workshop (default: all)"))
    benefit.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    daylog = reports.add_parser("daylog", help=_(
        "a workshop's day log in one month: what the group did, who was present (.pdf)"))
    daylog.add_argument("--workshop", required=True, metavar=_("NAME"))
    daylog.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    daylog.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    _add_annual_parser(reports)
    from reintegra import cli_certificate  # the completion certificate (CIS/KIS leavers)

    cli_certificate.add_parser(reports, _date)
    _add_refund_parser(reports)

    user = commands.add_parser("user", help=_("users: add, list, set a password, disable, enable"))
    user_commands = user.add_subparsers(dest="user_command", metavar=_("ACTION"), required=True, parser_class=_Parser)
    add = user_commands.add_parser("add", help=_("add a user; the password is asked for"))
    add.add_argument("login", metavar=_("LOGIN"))
    add.add_argument("--name", required=True, metavar=_("NAME"), help=_("the user's full name"))
    add.add_argument("--role", required=True, metavar="instructor|director|administrator")
    add.add_argument("--workshop", action="append", default=[], metavar=_("NAME"), help=_(
        "a workshop the instructor works in (repeat for several)"))
    user_commands.add_parser("list", help=_("every user: role, workshops, active or not, last sign-in"))
    passwd = user_commands.add_parser("passwd", help=_("set a new password for a user"))
    passwd.add_argument("login", metavar=_("LOGIN"))
    for sub in (add, passwd):
        sub.add_argument("--password-stdin", action="store_true", help=_(
            "read the password from one line of standard input instead of asking twice"))
        sub.add_argument("--permanent", action="store_true", help=_(
            "keep this password (by default it is temporary: the user chooses their own at the next sign-in)"))
    disable = user_commands.add_parser("disable", help=_("disable a user, who can then no longer sign in"))
    disable.add_argument("login", metavar=_("LOGIN"))
    enable = user_commands.add_parser("enable", help=_("enable a disabled user again"))
    enable.add_argument("login", metavar=_("LOGIN"))

    from reintegra import cli_person

    cli_person.add_commands(commands, _Parser, _date)
    from reintegra import cli_benefit

    cli_benefit.add_commands(commands, _Parser)
    _add_audit_parser(commands)
    return parser


def _add_annual_parser(reports) -> None:
    annual = reports.add_parser("annual", help=_(
        "the statutory annual report of a calendar year (.pdf to sign, .xlsx or .json)"))
    annual.add_argument("--year", required=True, type=_year, metavar="YYYY")
    annual.add_argument("--programme", type=_programme, metavar="WTZ|CIS|KIS", help=_(
        "the programme whose report to make (default: the facility's)"))
    annual.add_argument("-o", "--output", required=True, metavar=_("FILE"))


def _add_audit_parser(commands) -> None:
    audit = commands.add_parser("audit", help=_(
        "the audit log: who did what to whose data, newest first (a table, or a CSV file with -o)"))
    audit.add_argument("--person", metavar=_("ID-OR-PESEL"), help=_("only the entries about this participant"))
    audit.add_argument("--user", metavar=_("LOGIN"), help=_("only what this user did"))
    audit.add_argument("--kind", metavar=_("KIND"), help=_(
        "only this kind: create, update, delete, login, login_failed, logout, export, print, import, backup, "
        "restore, anonymise"))
    audit.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help=_("from this day"))
    audit.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help=_("up to this day"))
    audit.add_argument("-o", "--output", metavar=_("FILE.csv"), help=_("save the entries to a CSV file"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(_language_from(argv) or load_settings().get("language"))
    argparse_messages.install()
    args = build_parser().parse_args(argv)
    _typed_passwords.clear()
    with private_umask():  # whatever the program writes is the user's alone (private_files)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        from reintegra.ui.app import run_app

        return run_app(args.database)
    # Imported only for a command: the desktop app's first window comes before SQLAlchemy is loaded.
    from sqlalchemy.exc import SQLAlchemyError

    _clean_leftovers()
    try:
        return _HANDLERS[args.command](args)
    except KeyboardInterrupt:
        _fail(_("Interrupted."))
    except ReintegraError as error:
        _fail(str(error))
    except SQLAlchemyError as error:
        _fail(_("The database refused the operation: {error}").format(error=_first_line(error)))
    except OSError as error:
        from reintegra.services.errors import file_error_message

        _fail(file_error_message(error))
    return EXIT_ERROR


def _language_from(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--language" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def _fail(message: str) -> None:
    print(message, file=sys.stderr)


def _first_line(error: Exception) -> str:
    from reintegra.services.database import error_text

    return error_text(error)


def _engine(args) -> Engine:
    return _open(resolve_database(args.database))


# How many times a server's password is asked for before giving up.
PASSWORD_TRIES = 3

# A password typed at the terminal, for the next connection of the same command (never saved).
_typed_passwords: dict[str, str] = {}


def _open(target: str, *, upgrade: bool = True, schema: bool = True) -> Engine:
    """open_database (``schema=False``: only connected), asking at the terminal for a server's
    password that neither the URL, the keyring, PGPASSWORD nor ~/.pgpass gave; with no terminal
    the refusal says in one sentence how to give it."""
    from reintegra.services import server_password
    from reintegra.services.database import connect, open_database
    from reintegra.services.server_password import PasswordNeeded

    password = _typed_passwords.get(target)
    asked = 0
    while True:
        try:
            engine = (open_database(target, upgrade=upgrade, password=password) if schema
                      else connect(target, password=password))
        except PasswordNeeded as needed:
            if asked == PASSWORD_TRIES or not sys.stdin or not sys.stdin.isatty():
                raise
            if needed.refused:
                _fail(_("The server did not accept the password."))
            password = _ask_server_password(target)
            asked += 1
        else:
            if asked:
                _typed_passwords[target] = password
                server_password.typed_password_worked(target, password, remember=False)
            return engine


def _ask_server_password(target: str) -> str:
    from reintegra.db.engine import shown_database

    try:
        password = getpass.getpass(_("Password for the PostgreSQL server {database}: ").format(
            database=shown_database(target)))
    except EOFError:
        password = ""
    if not password:
        raise ReintegraError(_("No password was given."))
    return password


# --- commands -------------------------------------------------------------------------


def _demo(args) -> int:
    """Demo data go only into a demo database: demo.db beside the real one unless another is named,
    and a named one only when it is new, empty or already a demo (its public passwords would
    otherwise open a real database)."""
    from reintegra.services import units

    from reintegra.db.engine import shown_database
    from reintegra.db.enums import Programme
    from reintegra.demo import generate_demo
    from reintegra.paths import demo_database_path
    from reintegra.services import demo_database

    chosen = args.database or os.environ.get(ENVIRONMENT_DATABASE)
    target = chosen or str(demo_database_path())
    shown = shown_database(target)
    if chosen and _is_own_database(chosen):
        _fail(_("{database} is the program's own database and demo data never go there; run "
                "“reintegra demo” without --database to fill the separate demo database.").format(database=shown))
        return EXIT_ERROR
    if _holds_real_data(target):
        _fail(_("{database} holds data that are not demo data; demo data go only into a new database "
                "or a demo database.").format(database=shown))
        return EXIT_ERROR
    with units.writing(_open(target)) as session:
        if demo_database.is_demo(session):
            raise ReintegraError(_("{database} already holds demo data; delete it to make new ones.").format(
                database=shown))
        result = generate_demo(session, participants=args.participants, years=args.years, seed=args.seed,
                               programme=Programme.CIS if args.cis else Programme.WTZ)
    print(_("Demo data written to {database}.").format(database=shown))
    print(_("Demo data: {participants} participants, {workshops} workshops, {days} attendance days.").format(
        participants=result.participants, workshops=result.workshops, days=i18n.format_number(result.attendance_days)))
    print(_("Demo sign-in: user “{user}”, password “{password}”; these passwords open only a demo database.")
          .format(user=demo_database.ADMIN_USERNAME, password=demo_database.ADMIN_PASSWORD))
    return EXIT_OK


def _is_own_database(target: str) -> bool:
    """The default file and the database chosen in the settings: where the facility's real data live."""
    own = [str(default_database_path()), load_settings().get("database")]
    return any(database and _same_database(target, database) for database in own)


def _same_database(first: str, second: str) -> bool:
    if "://" in first or "://" in second:
        from reintegra.db.engine import without_password

        return "://" in first and "://" in second and without_password(first) == without_password(second)
    return Path(first).expanduser().resolve() == Path(second).expanduser().resolve()


def _holds_real_data(target: str) -> bool:
    """Data that are not demo data, looked at before anything is written (not even a schema upgrade)."""
    from reintegra.services import units

    from reintegra.db import schema
    from reintegra.services import demo_database

    engine = _open(target, upgrade=False)
    try:
        if schema.is_empty(engine):
            return False
        with units.reading(engine) as session:
            return not demo_database.is_empty(session) and not demo_database.is_demo(session)
    finally:
        engine.dispose()


def _db(args) -> int:
    from reintegra.db import schema
    from reintegra.services import backup

    target = resolve_database(args.database)
    if args.db_command == "upgrade":
        engine = _open(target, upgrade=False)
        before = schema.current_revision(engine)
        engine.dispose()
        _open(target)
        if before == schema.head_revision():
            print(_("The database is already at the current schema."))
        else:
            print(_("The database was upgraded to the current schema."))
        return EXIT_OK
    if args.db_command == "copy":
        return _db_copy(args, target)
    if args.db_command in ("check", "restore", "backups", "backup"):
        handled = _db_backups(args, target)
        if handled is not None:
            return handled
    if args.db_command == "check":
        problems = backup.check_database(_open(target, schema=False))
        for problem in problems:
            print(problem)
        if problems:
            return EXIT_ERROR
        print(_("The database is in good order."))
        return EXIT_OK
    if args.db_command == "backup":
        path = backup.backup_database(_open(target), Path(args.file), actor=None)
        print(_("Backup written to {path}.").format(path=path))
        return EXIT_OK
    saved = backup.restore_database(_open(target), Path(args.file), actor=None)
    print(_("The database was restored from {path}.").format(path=args.file))
    print(_("What it held before was saved to {path}.").format(path=saved))
    return EXIT_OK


# --- db copy: moving the facility to another database (services/database_copy.py) --------


def _add_db_copy(db_commands) -> None:
    copy = db_commands.add_parser("copy", help=_(
        "copy the whole database, with its history, into an empty database: another file or a "
        "PostgreSQL server; this database is not changed"))
    copy.add_argument("--to", required=True, metavar=_("PATH-or-URL"), help=_(
        "the empty database to copy into, such as postgresql+psycopg://user@server/database"))


def _db_copy(args, target: str) -> int:
    from reintegra.db.engine import database_url, is_sqlite, shown_database
    from reintegra.services import database_copy
    from reintegra.services.server_password import PasswordNeeded

    try:
        url = database_url(target)
    except Exception:  # noqa: BLE001 - not an address: said by opening it, in its words
        url = None
    if url is not None and is_sqlite(url) and url.database and not Path(url.database).exists():
        raise ReintegraError(_("There is no database file {path}.").format(path=url.database))
    source = _open(target, upgrade=False)  # only read: not even upgraded
    shown_progress = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if shown_progress:
            print("\r" + _("Copying… {percent} %").format(percent=done * 100 // max(total, 1)),
                  end="", file=sys.stderr, flush=True)

    password, asked = None, 0
    try:
        while True:
            try:
                report = database_copy.copy_database(source, args.to, password=password, progress=progress)
                break
            except PasswordNeeded as needed:
                if asked == PASSWORD_TRIES or not sys.stdin or not sys.stdin.isatty():
                    raise
                if needed.refused:
                    _fail(_("The server did not accept the password."))
                password = _ask_server_password(args.to)
                asked += 1
    finally:
        if shown_progress:
            print(file=sys.stderr)
        source.dispose()
    print(_("The database {source} was copied to {target} ({rows} rows in {tables} tables, {seconds} s).").format(
        source=database_copy.described(source), target=shown_database(args.to),
        rows=i18n.format_number(report.rows), tables=len(report.counts), seconds=round(report.seconds)))
    print_table([_("Table"), _("Rows here"), _("Rows there")],
                [[count.table, str(count.source), str(count.target)]
                 for count in sorted(report.counts, key=lambda count: count.table)])
    print(_("Every table has the same number of rows on both sides; the copy is recorded in the audit log "
            "there, and this database was not changed."))
    print(_("To use the copy on this computer: Settings → Database in the program, or reintegra --database {target}")
          .format(target=shown_database(args.to)))
    return EXIT_OK


def _clean_leftovers() -> None:
    """Removes the temporary copies a killed backup or restore left (services/temporary.py)."""
    from reintegra.services import temporary

    try:
        temporary.clean_leftovers()
    except OSError:  # no data folder to be had: nothing to clean either
        pass


def _db_backups(args, target: str) -> int | None:
    """``db backups``; ``db check`` and ``db restore`` of a damaged SQLite file (the latest good backup
    named, the damaged file set aside); None when the ordinary ``db`` command is to run."""
    from reintegra.services import backup, backup_schedule

    if args.db_command == "backups":
        rows = [[i18n.format_datetime(item.made), backup_schedule.kind_name(item.kind, demo=item.demo), backup_schedule.size_text(item.size), str(item.path)]
                for item in backup_schedule.list_backups()]
        if not rows:
            print(_("There are no backups in {folder} yet.").format(folder=backup_schedule.backup_folders()[0]))
            return EXIT_OK
        print_table([_("Made"), _("Kind"), _("Size"), _("File")], rows)
        return EXIT_OK
    from sqlalchemy.exc import ArgumentError

    from reintegra.db.engine import database_url, is_sqlite, make_engine

    try:
        if not is_sqlite(database_url(target)):  # (a server's storage is the server's to keep whole)
            return None
    except (ArgumentError, ValueError):  # not an address at all: said by the ordinary command
        return None
    engine = make_engine(target)  # not connected: a damaged file cannot even be opened
    damage = backup.damage_of(engine)
    if damage is None:
        engine.dispose()
        return None
    if args.db_command == "backup":
        backup.refuse_damaged(engine)
    if args.db_command == "restore":
        aside = backup.restore_database(engine, Path(args.file), actor=None)
        print(_("The database was restored from {path}.").format(path=args.file))
        print(_("The damaged database was saved aside as {path}.").format(path=aside))
        return EXIT_OK
    print(_("The database file is damaged: {detail}").format(detail=damage))
    found = backup_schedule.latest_good_backup(database=target)
    if found is None:
        print(_("No good backup was found in {folder}.").format(
            folder=", ".join(str(folder) for folder in backup_schedule.backup_folders())))
    else:
        command = "reintegra" + (f' --database "{args.database}"' if args.database else "")
        print(_("The latest good backup is of {date}: {path}. Restore it with: {command}").format(
            date=i18n.format_datetime(found.made), path=found.path,
            command=f'{command} db restore "{found.path}"'))
    return EXIT_ERROR


def _import(args) -> int:
    from reintegra.services import units

    from reintegra.services import importing

    run = importing.import_participants if args.import_kind == "participants" else importing.import_attendance
    try:
        with units.writing(_engine(args)) as session:
            report = run(session, Path(args.file), only_valid=args.only_valid, encoding=args.encoding)
    except importing.ImportRefused as refused:
        _fail(str(refused))
        for error in refused.errors:
            _fail(error.describe())
        return EXIT_ERROR
    for line in report.summary_lines():
        print(line)
    for error in report.errors:
        print(error.describe())
    return EXIT_OK


def _report(args) -> int:
    from reintegra.services import units

    from reintegra.reports import outputs
    from reintegra.services import participants

    kind = args.report_kind
    engine = _engine(args)
    if kind == "certificate":  # issues (writes to the register) before it prints: its own units of work
        from reintegra import cli_certificate

        return cli_certificate.run(args, engine)
    with units.reading(engine) as session:
        if kind == "participant":
            person = participants.find_participant(session, args.participant)
            written = outputs.save_participant(session, person.id, args.output, notes_from=args.notes_from,
                                               notes_to=args.notes_to)
        elif kind == "attendance":
            year, month = args.month
            written = outputs.save_attendance(session, _workshop_id(session, args.workshop), year, month,
                                              args.output)
        elif kind == "summary":
            written = outputs.save_summary(session, args.start, args.end, args.output)
        elif kind == "daylog":
            year, month = args.month
            written = outputs.save_day_log(session, _workshop_id(session, args.workshop), year, month, args.output)
        elif kind == "annual":
            from reintegra.reports.annual import save_annual

            written = save_annual(session, args.year, args.output, programme=args.programme)
        elif kind == "refund":
            year, month = args.month
            written = outputs.save_refund(session, year, month, args.output)
        else:
            year, month = args.month
            workshop_id = _workshop_id(session, args.workshop) if args.workshop else None
            written = outputs.save_benefit(session, year, month, args.output, workshop_id=workshop_id)
    disclosed = {"participant": "participant_report", "attendance": "attendance_sheet", "benefit": "benefit_list",
                 "daylog": "day_log", "refund": "refund_request",
                 "annual": "annual_report"}
    if kind in disclosed:  # personal data left the program: the audit log says where (the summary holds counts)
        from reintegra.services import audit

        with units.writing(engine) as session:
            audit.record_disclosure(session, None, person.id if kind == "participant" else None, disclosed[kind],
                                    Path(written))
    print(_("Report written to {path}.").format(path=written))
    return EXIT_OK


def _add_refund_parser(reports) -> None:
    refund = reports.add_parser("refund", help=_(
        "CIS: the request to the starosta for the refund of one month's integration benefits (.pdf)"))
    refund.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    refund.add_argument("-o", "--output", required=True, metavar=_("FILE"))


def _workshop_id(session, name: str) -> int:
    from reintegra.services import workshops

    workshop = workshops.find_by_name(session, name)
    if workshop is None:
        raise ReintegraError(_("There is no workshop named {name}.").format(name=name))
    return workshop.id


def _user(args) -> int:
    from reintegra.services import units

    from reintegra.services import users

    engine = _engine(args)
    if args.user_command == "list":
        with units.reading(engine) as session:
            rows = [_user_row(user) for user in users.list_users(session)]
        print_table([_("User name"), _("Full name"), _("Role"), _("Workshops"), _("Status"), _("Last sign-in")],
                     rows)
        return EXIT_OK
    if args.user_command == "add":
        # Everything but the password is checked before it is asked for; the write lock is
        # taken only after it was typed.
        with units.reading(engine) as session:
            users.check_new_user(session, args.login, args.role, args.name,
                                 [_workshop_id(session, name) for name in args.workshop])
        password = _new_password(args.password_stdin)
        with units.writing(engine) as session:
            user = users.create_user(session, args.login, password, args.role, args.name,
                                     workshop_ids=[_workshop_id(session, name) for name in args.workshop],
                                     must_change_password=not args.permanent)
            login = user.username
        print(_("The user {login} was added.").format(login=login))
        _say_temporary(args.permanent)
        return EXIT_OK
    if args.user_command == "passwd":
        with units.reading(engine) as session:
            users.find_user(session, args.login)
        password = _new_password(args.password_stdin)
        with units.writing(engine) as session:
            user = users.set_password(session, users.find_user(session, args.login).id, password,
                                      must_change=not args.permanent)
            login = user.username
        print(_("The password of {login} was changed.").format(login=login))
        _say_temporary(args.permanent)
        return EXIT_OK
    enable = args.user_command == "enable"
    with units.writing(engine) as session:
        user = users.set_active(session, users.find_user(session, args.login).id, enable)
        login = user.username
    if enable:
        print(_("The user {login} was enabled and can sign in again.").format(login=login))
    else:
        print(_("The user {login} was disabled and can no longer sign in.").format(login=login))
    return EXIT_OK


def _say_temporary(permanent: bool) -> None:
    if not permanent:
        print(_("The password is temporary: at the next sign-in the program asks for a new one."))


def _new_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at the terminal (never an argument)."""
    from reintegra.services import users

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ReintegraError(_("No password was given on standard input."))
        users.check_password(password)
        return password
    try:
        password = getpass.getpass(_("New password: "))
        users.check_password(password)
        repeated = getpass.getpass(_("Repeat the new password: "))
    except EOFError:
        raise ReintegraError(_("No password was given.")) from None
    if password != repeated:
        raise ReintegraError(_("The two passwords are not the same."))
    return password


def _audit(args) -> int:
    """The audit log as a table, or to a CSV file (the export itself then logged)."""
    from reintegra.services import units

    from reintegra.i18n import ngettext
    from reintegra.services import audit_log, participants

    engine = _engine(args)
    with units.reading(engine) as session:
        query = audit_log.AuditQuery(
            participant_id=participants.find_participant(session, args.person).id if args.person else None,
            username=audit_log.find_login(session, None, args.user) if args.user else None,
            action=audit_log.parse_action(args.kind) if args.kind else None, start=args.start, end=args.end)
        audit_log.check_query(query)
        if not args.output:
            rows = audit_log.all_entries(session, None, query)
            if not rows:
                print(_("No entries match these filters."))
                return EXIT_OK
            print_table([_("When"), _("User"), _("Kind"), _("Person"), _("Description")],
                         [[audit_log.shown_time(row.at), row.user, row.kind, row.person, row.description]
                          for row in rows])
            return EXIT_OK
    from reintegra.reports.audit_log import save_audit_log

    with units.writing(engine) as session:
        count = save_audit_log(session, None, query, Path(args.output))
    print(ngettext("{count} entry written to {path}.", "{count} entries written to {path}.", count).format(
        count=count, path=args.output))
    return EXIT_OK


def _user_row(user) -> list[str]:
    from reintegra.services.labels import label

    return [
        user.username,
        user.full_name,
        label(user.role),
        ", ".join(workshop.name for workshop in user.workshops),
        (_("active, temporary password") if user.must_change_password else pgettext("user", "active"))
        if user.active else pgettext("user", "disabled"),
        i18n.format_datetime(user.last_login_at) if user.last_login_at else _("never"),
    ]


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _demo,
    "db": _db,
    "import": _import,
    "report": _report,
    "user": _user,
    "person": lambda args: _person(args),
    "audit": _audit,
    "benefit": lambda args: _benefit(args),
}


def _benefit(args) -> int:
    from reintegra import cli_benefit

    return cli_benefit.run(args, lambda: _engine(args))


def _person(args) -> int:
    from reintegra import cli_person

    return cli_person.run(args, lambda: _engine(args))


# --- argument types -------------------------------------------------------------------


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("“{text}” is not a positive whole number").format(text=text))
    return value


def _date(text: str) -> date:
    from reintegra.services.validation import EARLIEST_DATE, LATEST_DATE, out_of_range_message

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a date in the form YYYY-MM-DD").format(text=text)) from None
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise argparse.ArgumentTypeError(out_of_range_message(text))
    return value


def _in_years(text: str, year: int) -> None:
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(_("“{text}” is not within the years 1900–2100").format(text=text))


def _year(text: str) -> int:
    if not (len(text) == 4 and text.isdigit()):
        raise argparse.ArgumentTypeError(_("“{text}” is not a year in the form YYYY").format(text=text))
    return int(text)  # the range is the report's to refuse, in its own words


def _programme(text: str):
    from reintegra.db.enums import Programme

    if text.upper() not in ("WTZ", "CIS", "KIS"):
        raise argparse.ArgumentTypeError(_("“{text}” is not one of WTZ, CIS, KIS").format(text=text))
    return Programme(text.upper())


def _month(text: str) -> tuple[int, int]:
    from reintegra.services.calendar import parse_month

    try:
        year, month = parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a month in the form YYYY-MM").format(text=text)) from None
    _in_years(text, year)
    return year, month
