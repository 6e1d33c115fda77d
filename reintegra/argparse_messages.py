"""argparse's own user-facing messages, routed through our catalogs.

argparse looks up ``_`` and ``ngettext`` in its module globals at call time; pointing
them at ours makes "usage:", "options" and its error messages Polish too. The strings
below are argparse's, listed here so that ``make extract`` puts them in the catalog.
"""

from __future__ import annotations

import argparse

from reintegra import i18n
from reintegra.i18n import N_

MESSAGES = (
    N_("usage: "),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def install() -> None:
    argparse._ = i18n._
    argparse.ngettext = i18n.ngettext
