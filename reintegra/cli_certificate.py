"""``reintegra report certificate ID-OR-PESEL -o FILE.pdf [--date YYYY-MM-DD] [--new]``: the CIS/KIS
completion certificate of a leaver.

When no certificate was issued for that stay yet, one is issued (dated ``--date``, default today; the
skills prefilled as the exit tab would, see services/certificates.py) and written; when one was, the
latest is written again as it was issued, under its number (a reprint: nothing is added to the
register). ``--new`` issues another one even so. ``--date`` dates a certificate being issued, so it is
refused with a reprint (without ``--new``), rather than silently ignored. A PESEL names the person's
last stay (as for the other commands); an earlier stay is chosen by its id.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reintegra.i18n import _
from reintegra.services.errors import ReintegraError

if TYPE_CHECKING:  # SQLAlchemy only for a command: not before the desktop app's first window
    from sqlalchemy import Engine

EXIT_OK = 0


def add_parser(reports, date_type: Callable[[str], date]) -> None:
    certificate = reports.add_parser("certificate", help=_(
        "CIS/KIS: a leaver's completion certificate (.pdf): issued when there is none yet, else the latest "
        "printed again"))
    certificate.add_argument("participant", metavar=_("ID-OR-PESEL"))
    certificate.add_argument("-o", "--output", required=True, metavar=_("FILE"))
    certificate.add_argument("--date", dest="issued_on", type=date_type, metavar="YYYY-MM-DD", help=_(
        "the date of issue of a new certificate (default: today)"))
    certificate.add_argument("--new", action="store_true", help=_(
        "issue another certificate even if one was issued for this stay"))


def run(args: argparse.Namespace, engine: Engine) -> int:
    from reintegra.reports import outputs
    from reintegra.services import audit, certificates, participants, units
    from reintegra.services.certificates import CertificateFields

    path = Path(args.output)
    if path.suffix.lower() != ".pdf":  # refused before a number is given
        raise ReintegraError(_("This report can be saved as {formats}, not as {name}.").format(
            formats=_("a {suffix} file").format(suffix=".pdf"), name=path.name))
    if not path.parent.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=path.parent))
    with units.writing(engine) as session:
        stay = participants.find_participant(session, args.participant)
        issued = certificates.certificates_of(session, stay.id)
        if issued and not args.new:
            if args.issued_on is not None:
                raise ReintegraError(_(
                    "Certificate {number} was already issued to {name} on {date}; it is printed again as it was, "
                    "so --date does not apply. Add --new to issue another one.").format(
                    number=issued[-1].number, name=stay.full_name, date=issued[-1].issued_on.isoformat()))
            certificate_id, number, new = issued[-1].id, issued[-1].number, False
        else:
            draft = certificates.draft_certificate(session, stay.id)
            made = certificates.issue_certificate(session, stay.id, CertificateFields(draft.skills),
                                                  issued_on=args.issued_on or date.today())
            certificate_id, number, new = made.id, certificates.number_of(made.year, made.sequence), True
        stay_id = stay.id
    # Written once the number is in the register: a file that cannot be written leaves a certificate that
    # the same command (without --new) prints again.
    with units.reading(engine) as session:
        written = outputs.save_certificate(session, certificate_id, path)
    with units.writing(engine) as session:
        audit.record_disclosure(session, None, stay_id, "certificate", written)
    if new:
        print(_("Certificate {number} was issued and written to {path}.").format(number=number, path=written))
    else:
        print(_("Certificate {number} was printed again to {path}.").format(number=number, path=written))
    return EXIT_OK
