"""The statutory annual report to a file: for now the WTZ report's figures as JSON
(``services/annual_report.py`` defines them). The PDF and XLSX forms, the sections typed in by hand
(finances, income) and the CIS/KIS report are not there yet: asking for them is refused with one
sentence before anything is computed or written.

The whole facility's report, so a director's or an administrator's (``access.require_whole_facility``);
it names the participants of the council's decisions, so saving it is a disclosure the caller audits.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from reintegra.db.enums import Programme
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.private_files import open_private, write_replacing
from reintegra.services import access, facility
from reintegra.services.annual_report import check_year, wtz_annual_report
from reintegra.services.errors import ReintegraError

ANNUAL_FORMATS = (".json",)
LATER_FORMATS = (".pdf", ".xlsx")


def annual_programme(session: Session, programme: Programme | None) -> Programme:
    """The programme whose form the report takes: the one asked for, else the facility's; only a WTZ's now."""
    programme = programme or facility.get_facility(session).kind
    if programme is not Programme.WTZ:
        raise ReintegraError(_("The annual report for a {programme} is not available yet; only the WTZ "
                               "report can be made.").format(programme=programme.value))
    return programme


def save_annual(session: Session, year: int, path: str | os.PathLike, *, programme: Programme | None = None,
                as_of: date | None = None, actor: User | None = None) -> Path:
    """The annual report for ``year`` written to ``path`` (.json); nothing written when refused."""
    access.require_whole_facility(actor)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in LATER_FORMATS:
        raise ReintegraError(_("The annual report is written only as a .json file for now, not as {name}.").format(
            name=path.name))
    if suffix not in ANNUAL_FORMATS:
        raise ReintegraError(_("The annual report can be saved as a .json file, not as {name}.").format(
            name=path.name))
    if not path.parent.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=path.parent))
    annual_programme(session, programme)
    check_year(year, as_of or date.today())
    report = wtz_annual_report(session, year, as_of=as_of, actor=actor)

    def write(temporary: Path) -> None:
        with open_private(temporary, "w", encoding="utf-8") as file:
            json.dump(report.to_json_dict(), file, ensure_ascii=False, indent=2)
            file.write("\n")

    write_replacing(path, write)
    return path
