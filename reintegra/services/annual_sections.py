"""The annual reports' sections typed in by hand (``AnnualReportSection``): what the program cannot
know (finances, income from selling products and services, staff, remarks) or what it prefills and
the director edits (a WTZ's forms and methods of work, a CIS's or KIS's reintegration services).

Kept once per year, programme and section, so a report made again for the same year shows the same
text. The whole facility's report, so a director's or an administrator's (``access.require_whole_facility``);
every change is audited.

A section with a ``prefill`` shows that text until it is first saved; once saved, the saved text is
shown, even an empty one (the director cleared it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from reintegra.db.enums import AuditAction, Programme
from reintegra.db.models import AnnualReportSection, User
from reintegra.i18n import N_, _
from reintegra.services import access, audit
from reintegra.services.annual_report import check_year
from reintegra.services.errors import ConflictError, ValidationError

MAX_SECTION_LENGTH = 20_000
NEVER_SAVED = 0  # the version of a section read before it was ever saved

Prefill = Callable[[Session, int], str]  # (session, year) → the text shown until the section is saved


def _wtz_forms_and_methods(session: Session, year: int) -> str:
    from reintegra.services.annual_report import forms_and_methods_text  # the report's own figures
    return forms_and_methods_text(session, year)


@dataclass(frozen=True)
class SectionInfo:
    key: str
    title: str  # N_(): translate where shown
    hint: str  # N_(): what belongs in it
    prefill: Prefill | None = None


def _reintegration_services(programme: Programme) -> Prefill:
    def prefill(session: Session, year: int) -> str:
        from reintegra.services.cis_annual_report import services_text  # the report's own figures
        return services_text(session, year, programme)
    return prefill


_FINANCES = SectionInfo(
    "finances", N_("Finances"),
    N_("The costs of the year and their sources (PFRON, the local government, other), in zł."))
_OTHER = SectionInfo("other", N_("Other information"), N_("Remarks, difficulties, plans for the next year."))

SECTIONS: dict[Programme, tuple[SectionInfo, ...]] = {
    Programme.WTZ: (
        SectionInfo("forms_and_methods", N_("Forms and methods of work"),
                    N_("The forms and methods of occupational therapy used in the year; prefilled from the "
                       "workshops and the individual plans."), _wtz_forms_and_methods),
        _FINANCES,
        SectionInfo("income", N_("Income from selling products and services"),
                    N_("The income from selling the products and services of the participants' work, and what "
                       "it was spent on.")),
        _OTHER,
    ),
}
for _programme in (Programme.CIS, Programme.KIS):
    SECTIONS[_programme] = (
        SectionInfo("services", N_("Reintegration services provided"),
                    N_("The social and vocational reintegration services provided in the year; prefilled from "
                       "the workshops and the progress notes."), _reintegration_services(_programme)),
        SectionInfo("staff", N_("Staff"), N_("The staff: posts and full-time equivalents.")),
        _FINANCES,
        _OTHER,
    )


@dataclass(frozen=True)
class SavedSection:
    """A section as shown: its text (saved, else prefilled, else ''), and the version it was read at
    (``NEVER_SAVED``: never saved) to pass back to ``save_section``."""

    key: str
    text: str
    version: int


def sections_of(programme: Programme) -> tuple[SectionInfo, ...]:
    """The typed-in sections of ``programme``'s annual report; refused for a programme without one."""
    if programme not in SECTIONS:
        raise ValidationError("programme", _("A {programme} has no annual report.").format(
            programme=programme.value))
    return SECTIONS[programme]


def _info(programme: Programme, section: str) -> SectionInfo:
    for info in sections_of(programme):
        if info.key == section:
            return info
    raise ValidationError("section", _("The annual report of a {programme} has no section “{section}”.").format(
        programme=programme.value, section=section))


def _row(session: Session, year: int, programme: Programme, section: str) -> AnnualReportSection | None:
    return session.scalar(select(AnnualReportSection).where(
        AnnualReportSection.year == year, AnnualReportSection.programme == programme,
        AnnualReportSection.section == section))


def saved_sections(session: Session, year: int, programme: Programme, *,
                   actor: User | None = None) -> dict[str, SavedSection]:
    """Every section of ``programme`` for ``year``, in the report's order, as shown (with versions)."""
    access.require_whole_facility(actor)
    infos = sections_of(programme)
    rows = {row.section: row for row in session.scalars(select(AnnualReportSection).where(
        AnnualReportSection.year == year, AnnualReportSection.programme == programme))}
    shown: dict[str, SavedSection] = {}
    for info in infos:
        row = rows.get(info.key)
        if row is not None:
            shown[info.key] = SavedSection(info.key, row.text or "", row.version)
        else:
            shown[info.key] = SavedSection(info.key, info.prefill(session, year) if info.prefill else "",
                                          NEVER_SAVED)
    return shown


def section_texts(session: Session, year: int, programme: Programme, *,
                  actor: User | None = None) -> dict[str, str]:
    """Section key → its text for ``year`` (saved, else prefilled, else ''), in the report's order."""
    return {key: shown.text for key, shown in saved_sections(session, year, programme, actor=actor).items()}


def save_section(session: Session, year: int, programme: Programme, section: str, text: str, *,
                 version: int | None = None, actor: User | None = None) -> AnnualReportSection:
    """Keeps ``text`` as ``section`` of ``programme``'s annual report for ``year``.

    ``version`` is the one ``saved_sections`` gave (0: read when never saved), and a section saved on
    another computer since is refused (ConflictError); None saves without that check (the command
    line). Saving the same text again writes nothing."""
    access.require_whole_facility(actor)
    info = _info(programme, section)
    check_year(year, date.today())
    text = (text or "").strip()
    if len(text) > MAX_SECTION_LENGTH:
        raise ValidationError("text", _("The section “{title}” is too long: at most {count} characters.").format(
            title=_(info.title), count=MAX_SECTION_LENGTH))
    row = _row(session, year, programme, section)
    if version is not None and (row.version if row is not None else NEVER_SAVED) != version:
        raise ConflictError(_("The section “{title}” was changed on another computer. Reload and try again.").format(
            title=_(info.title)))
    if row is None:
        row = AnnualReportSection(year=year, programme=programme, section=section, text=text,
                                  updated_by_id=actor.id if actor else None)
        session.add(row)
        session.flush()
        audit.record(session, actor, AuditAction.CREATE, "annual_report_section", row.id,
                     dict(year=year, programme=programme, section=section, text=text))
        return row
    if row.text != text:
        old = row.text
        row.text = text
        row.updated_by_id = actor.id if actor else None
        session.flush()
        audit.record(session, actor, AuditAction.UPDATE, "annual_report_section", row.id,
                     dict(year=year, programme=programme, section=section, text=[old, text]))
    return row
