"""The statutory annual report to a file, in the form of the programme's report and the format the
file's name asks for: a WTZ's (``services/annual_report.py``'s figures with the typed-in sections of
``services/annual_sections.py``) as a PDF to sign (``annual_wtz_pdf``), an XLSX (``annual_wtz_xlsx``)
or JSON; a CIS's or a KIS's (``annual_cis``, ``services/cis_annual_report.py``) likewise. Another
programme's is refused with one sentence before anything is computed or written (``_WRITERS``).

The whole facility's report, so a director's or an administrator's (``access.require_whole_facility``);
it names the participants of the council's decisions, so saving it is a disclosure the caller audits.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session

from reintegra.db.enums import Programme
from reintegra.db.models import User
from reintegra.i18n import _
from reintegra.private_files import open_private, write_replacing
from reintegra.services import access, facility
from reintegra.services.annual_report import check_year
from reintegra.services.errors import ReintegraError

ANNUAL_FORMATS = (".pdf", ".xlsx", ".json")

# (session, year, path, suffix, as_of, actor) → writes the report of one programme to ``path``.
Writer = Callable[[Session, int, Path, str, date, "User | None"], None]


def _write_wtz(session: Session, year: int, path: Path, suffix: str, as_of: date, actor: User | None) -> None:
    from reintegra.reports.annual_wtz import wtz_annual_document

    document = wtz_annual_document(session, year, as_of=as_of, actor=actor)
    if suffix == ".pdf":
        from reintegra.reports import layout
        from reintegra.reports.annual_wtz_pdf import render_wtz_annual

        layout.write_pdf(render_wtz_annual(document, header=layout.facility_header(session)), path)
    elif suffix == ".xlsx":
        from reintegra.reports.annual_wtz_xlsx import write_wtz_annual_xlsx

        write_replacing(path, lambda temporary: write_wtz_annual_xlsx(temporary, document))
    else:
        data = document.report.to_json_dict()
        data["sections"] = dict(document.sections)
        _write_json(path, data)


def _wtz_pdf(session: Session, year: int, as_of: date, actor: User | None) -> bytes:
    from reintegra.reports.annual_wtz_pdf import wtz_annual_pdf

    return wtz_annual_pdf(session, year, as_of=as_of, actor=actor)


# The programmes whose annual report can be made, each with its writer (PDF, XLSX, JSON) and its PDF
# for the preview. A CIS's and a KIS's (the social employment act's art. 5 and 18a) are added here,
# their renderers in their own modules.
_WRITERS: dict[Programme, Writer] = {Programme.WTZ: _write_wtz}
_PDFS: dict[Programme, Callable[[Session, int, date, "User | None"], bytes]] = {Programme.WTZ: _wtz_pdf}


def _cis_writer(programme: Programme) -> Writer:
    def write(session: Session, year: int, path: Path, suffix: str, as_of: date, actor: User | None) -> None:
        from reintegra.reports.annual_cis import write_cis_annual

        write_cis_annual(session, year, path, suffix, programme=programme, as_of=as_of, actor=actor)
    return write


def _cis_pdf(programme: Programme) -> Callable[[Session, int, date, "User | None"], bytes]:
    def pdf(session: Session, year: int, as_of: date, actor: User | None) -> bytes:
        from reintegra.reports.annual_cis import cis_annual_pdf

        return cis_annual_pdf(session, year, programme, as_of=as_of, actor=actor)
    return pdf


for _programme in (Programme.CIS, Programme.KIS):
    _WRITERS[_programme] = _cis_writer(_programme)
    _PDFS[_programme] = _cis_pdf(_programme)


def _write_json(path: Path, data: dict) -> None:
    def write(temporary: Path) -> None:
        with open_private(temporary, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.write("\n")

    write_replacing(path, write)


def annual_programme(session: Session, programme: Programme | None) -> Programme:
    """The programme whose form the report takes: the one asked for, else the facility's; refused
    for one whose report cannot be made yet."""
    programme = programme or facility.get_facility(session).kind
    if programme not in _WRITERS:
        raise ReintegraError(_("There is no annual report for a {programme}: it is made for a WTZ, a CIS or "
                               "a KIS.").format(programme=programme.value))
    return programme


def save_annual(session: Session, year: int, path: str | os.PathLike, *, programme: Programme | None = None,
                as_of: date | None = None, actor: User | None = None) -> Path:
    """The annual report for ``year`` written to ``path`` (.pdf, .xlsx or .json); nothing written when refused."""
    access.require_whole_facility(actor)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ANNUAL_FORMATS:
        raise ReintegraError(_("The annual report can be saved as a .pdf, .xlsx or .json file, not as {name}.").format(
            name=path.name))
    if not path.parent.is_dir():
        raise ReintegraError(_("The folder {folder} does not exist.").format(folder=path.parent))
    programme = annual_programme(session, programme)
    as_of = as_of or date.today()
    check_year(year, as_of)
    _WRITERS[programme](session, year, path, suffix, as_of, actor)
    return path


def annual_pdf(session: Session, year: int, *, programme: Programme | None = None, as_of: date | None = None,
               actor: User | None = None) -> bytes:
    """The annual report for ``year`` as PDF bytes (the Reports page's preview)."""
    access.require_whole_facility(actor)
    programme = annual_programme(session, programme)
    as_of = as_of or date.today()
    check_year(year, as_of)
    return _PDFS[programme](session, year, as_of, actor)
