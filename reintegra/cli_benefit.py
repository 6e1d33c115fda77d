"""The command line's CIS benefit commands: ``reintegra benefit rules import FILE`` and
``reintegra benefit rules list``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reintegra import i18n
from reintegra.cli_table import print_table
from reintegra.i18n import _, pgettext

if TYPE_CHECKING:  # SQLAlchemy only for a command: not before the desktop app's first window
    from sqlalchemy import Engine

    from reintegra.services.benefit_rules import RuleRow

EXIT_OK, EXIT_ERROR = 0, 1


def add_commands(commands, parser_class: type) -> None:
    benefit = commands.add_parser("benefit", help=_("the CIS integration benefit: its rule sets"))
    subjects = benefit.add_subparsers(dest="benefit_subject", metavar=_("WHAT"), required=True,
                                      parser_class=parser_class)
    rules = subjects.add_parser("rules", help=_("the benefit's rule sets: the amount and the deductions from a date on"))
    actions = rules.add_subparsers(dest="rules_command", metavar=_("ACTION"), required=True, parser_class=parser_class)
    load = actions.add_parser("import", help=_(
        "load rule sets from a ;-separated file with the field names as its header (all or nothing)"))
    load.add_argument("file", metavar=_("FILE"), help=_("the rule file (CSV; its fields: see the README)"))
    actions.add_parser("list", help=_("the rule set in force this month and those that begin later"))


def run(args: argparse.Namespace, engine: Callable[[], Engine]) -> int:
    if args.rules_command == "import":
        return _import(args, engine())
    return _list(engine())


def _import(args, engine: Engine) -> int:
    from reintegra.services import units
    from reintegra.services.benefit_rule_file import import_rules
    from reintegra.services.importing import ImportRefused

    try:
        with units.writing(engine) as session:
            report = import_rules(session, Path(args.file))
    except ImportRefused as refused:
        _fail(str(refused))
        for error in refused.errors:
            _fail(error.describe())
        return EXIT_ERROR
    for line in report.summary_lines():
        print(line)
    return EXIT_OK


def _list(engine: Engine) -> int:
    from reintegra.services import benefit_rules, units

    with units.reading(engine) as session:
        rows = benefit_rules.list_rules(session, today=date.today(), current_and_later=True)
    if not rows:
        print(_("No benefit rule set applies this month or later; load them with "
                "“reintegra benefit rules import FILE”."))
        return EXIT_OK
    from reintegra.services.benefit_rules import SHORT_LABELS

    short = {field: pgettext(*label) for field, label in SHORT_LABELS.items()}
    headers = [_("Valid from"), _("First month"), _("Amount (zł)"), short["unexcused_day_deduction"],
               short["unexcused_days_forfeit"], short["sick_day_deduction"], short["excused_day_deduction"],
               short["sick_days_limit"], short["sick_over_limit_deduction"], short["free_days_limit"], _("State"),
               _("Description")]
    print_table(headers, [_row(row) for row in rows])
    print(_("Deductions are fractions of the amount per day; limits are days over the whole stay "
            "(– : no limit)."))
    return EXIT_OK


def _row(row: RuleRow) -> list[str]:
    from reintegra.services.benefit_rules import first_month, fraction_text, limit_text

    fields = row.fields
    start = first_month(fields.valid_from)
    return [
        i18n.format_date(fields.valid_from),
        i18n.format_month(start.year, start.month),
        i18n.format_number(fields.amount, 2),
        fraction_text(fields.unexcused_day_deduction),
        limit_text(fields.unexcused_days_forfeit),
        fraction_text(fields.sick_day_deduction),
        fraction_text(fields.excused_day_deduction),
        limit_text(fields.sick_days_limit),
        fraction_text(fields.sick_over_limit_deduction),
        limit_text(fields.free_days_limit),
        _("in force") if row.in_force else _("later"),
        fields.description,
    ]


def _fail(message: str) -> None:
    import sys

    print(message, file=sys.stderr)
