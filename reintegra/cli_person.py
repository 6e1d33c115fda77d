"""The command line's RODO commands: ``reintegra person export`` and ``reintegra person anonymise``.

``export`` writes everything about one person (GDPR art. 15 and 20) as JSON or PDF, 0600.
``anonymise --due`` lists who is past the retention period and, after a confirmation at the
terminal (or ``--yes``), anonymises them; ``--dry-run`` only lists, ``--today`` previews a later day.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from reintegra import i18n
from reintegra.i18n import _, ngettext
from reintegra.cli_table import print_table
from reintegra.services.errors import ReintegraError

if TYPE_CHECKING:  # SQLAlchemy only for a command: not before the desktop app's first window
    from sqlalchemy import Engine

EXIT_OK, EXIT_ERROR = 0, 1


def add_commands(commands, parser_class: type, date_type: Callable[[str], date]) -> None:
    person = commands.add_parser("person", help=_(
        "one person's data (GDPR): export everything, anonymise after the retention period"))
    actions = person.add_subparsers(dest="person_command", metavar=_("ACTION"), required=True,
                                    parser_class=parser_class)
    export = actions.add_parser("export", help=_("everything kept about one person, as .json or .pdf"))
    export.add_argument("participant", metavar=_("ID-OR-PESEL"))
    export.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    anonymise = actions.add_parser("anonymise", help=_(
        "anonymise the people whose last exit is more than the retention period ago"))
    anonymise.add_argument("--due", action="store_true", required=True, help=_(
        "everyone due (the only choice for now, and required so that nobody is anonymised by a slip)"))
    anonymise.add_argument("--today", type=date_type, metavar="YYYY-MM-DD", help=_(
        "count the retention period up to this day (default: today); a later day can only be previewed"))
    anonymise.add_argument("--dry-run", action="store_true", help=_("only list who would be anonymised"))
    anonymise.add_argument("--yes", action="store_true", help=_("do not ask for confirmation (for scripts)"))


def run(args: argparse.Namespace, engine: Callable[[], Engine]) -> int:
    if args.person_command == "export":
        return _export(args, engine())
    return _anonymise(args, engine())


def _export(args, engine: Engine) -> int:
    from reintegra.reports.person_data import save_person_data
    from reintegra.services import participants, units

    with units.writing(engine) as session:  # the export is recorded in the audit log
        person = participants.find_participant(session, args.participant)
        written = save_person_data(session, person.id, args.output)
    print(_("The personal data were written to {path}.").format(path=written))
    return EXIT_OK


def _anonymise(args, engine: Engine) -> int:
    from reintegra.services import anonymisation, units

    today = args.today or date.today()
    if not args.dry_run:
        anonymisation.check_today(today)
    with units.reading(engine) as session:
        rows = anonymisation.due(session, today)
        years = anonymisation.retention_years(session)
    if not rows:
        print(ngettext("Nobody is due for anonymisation on {date} (retention period: {years} year).",
                       "Nobody is due for anonymisation on {date} (retention period: {years} years).",
                       years).format(date=i18n.format_date(today), years=years))
        return EXIT_OK
    _print_due(rows)
    count = len(rows)
    if args.dry_run:
        print(ngettext("{count} person would be anonymised on {date}; nothing was changed (dry run).",
                       "{count} people would be anonymised on {date}; nothing was changed (dry run).",
                       count).format(count=count, date=i18n.format_date(today)))
        return EXIT_OK
    if not args.yes and not _confirmed(count):
        print(_("Nothing was anonymised."))
        return EXIT_ERROR
    with units.writing(engine) as session:
        done = anonymisation.anonymise(session, [row.participant_id for row in rows], today=today)
    print(ngettext("{count} person was anonymised.", "{count} people were anonymised.", done).format(count=done))
    return EXIT_OK


def _print_due(rows) -> None:
    headers = [_("Id"), _("Name"), _("Programme"), _("Admission"), _("Exit"), _("Due since")]
    table = [[str(row.participant_id), row.name, row.programme.value, i18n.format_date(row.admission_date),
              i18n.format_date(row.exit_date), i18n.format_date(row.due_since)] for row in rows]
    print_table(headers, table)


def _confirmed(count: int) -> bool:
    """A "yes" typed at the terminal; without a terminal, only --yes confirms."""
    if not sys.stdin.isatty():
        raise ReintegraError(_("Anonymisation cannot be undone: confirm it at a terminal, or add --yes."))
    try:
        answer = input(ngettext(
            "Anonymise {count} person? Their personal data will be removed for good. Type “yes” to go on: ",
            "Anonymise {count} people? Their personal data will be removed for good. Type “yes” to go on: ",
            count).format(count=count))
    except EOFError:
        return False
    return answer.strip().lower() in {"yes", _("yes")}
