"""The CIS/KIS completion certificate (zaświadczenie) as a PDF the director signs, and the register of
the certificates issued.

The certificate is printed from what the register stored when it was issued
(services/certificates.py): its number and date, the person (name, PESEL or birth date), the period,
each workshop with the days present and the hours, the skills acquired, the place and the director's
signature line — so a reprint reads as the first print did. The letterhead is the facility's today.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from reintegra.db.enums import Programme, Sex
from reintegra.db.models import User
from reintegra.i18n import NP_, _, format_date, format_number, pgettext
from reintegra.reports import layout
from reintegra.services import certificates
from reintegra.services.certificates import IssuedCertificate

_CENTRED_TITLE = ParagraphStyle("certificate-title", parent=layout.STYLES["title"], alignment=TA_CENTER,
                                fontSize=20, leading=26, spaceAfter=1 * mm)
_CENTRED_SUBTITLE = ParagraphStyle("certificate-subtitle", parent=layout.STYLES["subtitle"], alignment=TA_CENTER,
                                   textColor=layout.INK, fontSize=12, leading=16, spaceAfter=8 * mm)
_STATEMENT = ParagraphStyle("certificate-statement", parent=layout.STYLES["body"], fontSize=11, leading=16)


def certificate_report(session: Session, certificate_id: int, *, actor: User | None = None) -> bytes:
    """The issued certificate as PDF bytes (a director's or an administrator's; not once anonymised)."""
    certificate = certificates.printable(session, certificate_id, actor=actor)
    return certificate_pdf(certificate, layout.facility_header(session))


def certificate_pdf(certificate: IssuedCertificate, header: layout.Header) -> bytes:
    width = layout.content_width()
    title = _("Certificate No. {number}").format(number=certificate.number)
    story: list[Flowable] = [
        Spacer(1, 6 * mm),
        Paragraph(escape(title), _CENTRED_TITLE),
        Paragraph(escape(_completion(certificate.programme)), _CENTRED_SUBTITLE),
        Paragraph(_statement(certificate), _STATEMENT),
        layout.heading(_("Workshops and hours")),
        _workshops(certificate, width),
    ]
    if certificate.skills:
        story += [layout.heading(_("Skills acquired")), layout.text(certificate.skills, "note")]
    story.append(_signature(certificate, width))
    return layout.render(story, header=header, title=title)


def _completion(programme: Programme) -> str:
    if programme is Programme.KIS:
        return _("of completing the activities of a Social Integration Club")
    return _("of completing the activities of a Social Integration Centre")


def _centre(certificate: IssuedCertificate) -> str:
    """The facility as the sentence names it: its own name when that already says what it is."""
    name = certificate.facility
    if _("Social Integration").casefold() in name.casefold() or not name:
        return name or _generic(certificate.programme)
    return _("{kind} {name}").format(kind=_generic(certificate.programme), name=name)


def _generic(programme: Programme) -> str:
    # The form the certificate's sentence takes ("w zajęciach Centrum Integracji Społecznej").
    if programme is Programme.KIS:
        return pgettext("of the", "Social Integration Club")
    return pgettext("of the", "Social Integration Centre")


# The sentence in the holder's grammatical gender (Polish: uczestniczyła / uczestniczył); "(a)" when unknown.
_STATEMENTS = {
    ("pesel", Sex.FEMALE): NP_("said of a woman", "This is to certify that {name}, PESEL {pesel}, took part in "
                               "the activities of {centre} from {start} to {end}."),
    ("pesel", Sex.MALE): NP_("said of a man", "This is to certify that {name}, PESEL {pesel}, took part in "
                             "the activities of {centre} from {start} to {end}."),
    ("birth", Sex.FEMALE): NP_("said of a woman", "This is to certify that {name}, born on {birth_date}, took part "
                               "in the activities of {centre} from {start} to {end}."),
    ("birth", Sex.MALE): NP_("said of a man", "This is to certify that {name}, born on {birth_date}, took part "
                             "in the activities of {centre} from {start} to {end}."),
    ("name", Sex.FEMALE): NP_("said of a woman", "This is to certify that {name} took part in the activities of "
                              "{centre} from {start} to {end}."),
    ("name", Sex.MALE): NP_("said of a man", "This is to certify that {name} took part in the activities of "
                            "{centre} from {start} to {end}."),
}


def _statement_text(kind: str, sex: Sex | None) -> str:
    if sex is not None:
        return pgettext(*_STATEMENTS[kind, sex])
    if kind == "pesel":
        return _("This is to certify that {name}, PESEL {pesel}, took part in the activities of {centre} "
                 "from {start} to {end}.")
    if kind == "birth":
        return _("This is to certify that {name}, born on {birth_date}, took part in the activities of "
                 "{centre} from {start} to {end}.")
    return _("This is to certify that {name} took part in the activities of {centre} from {start} to {end}.")


def _statement(certificate: IssuedCertificate) -> str:
    """The sentence as ReportLab markup: the values escaped, the holder's name in bold."""
    values = dict(name=f"<b>{escape(certificate.holder)}</b>", centre=escape(_centre(certificate)),
                  start=format_date(certificate.period_start), end=format_date(certificate.period_end))
    if certificate.pesel:
        return escape(_statement_text("pesel", certificate.sex)).format(pesel=escape(certificate.pesel), **values)
    if certificate.birth_date:
        return escape(_statement_text("birth", certificate.sex)).format(
            birth_date=format_date(certificate.birth_date), **values)
    return escape(_statement_text("name", certificate.sex)).format(**values)


def _workshops(certificate: IssuedCertificate, width: float) -> Flowable:
    if not certificate.workshops:
        return layout.text(_("No workshop was recorded for this participation."), "small")
    rows: list[list] = [[layout.text(caption, "cell-bold") for caption in (
        _("Workshop"), _("Period"), _("Days present"), _("Hours"))]]
    for row in certificate.workshops:
        period = _("{first} – {last}").format(first=format_date(row.start), last=format_date(row.end)) \
            if row.start else "—"
        rows.append([layout.text(row.name, "cell"), period, format_number(row.days), format_number(row.hours)])
    rows.append([_("Total"), "", format_number(sum(row.days for row in certificate.workshops)),
                 format_number(certificate.total_hours)])
    widths = [0, 48 * mm, 28 * mm, 24 * mm]
    widths[0] = width - sum(widths)
    return layout.table(rows, widths, numeric_columns=(2, 3), total_row=True)


def _signature(certificate: IssuedCertificate, width: float) -> Flowable:
    """The place and date on the left, the director's line on the right, with the director's name."""
    place = ", ".join(part for part in (certificate.place, format_date(certificate.issued_on)) if part)
    line = "." * 45
    small = ParagraphStyle("caption", parent=layout.STYLES["small"], alignment=TA_CENTER)
    centred = ParagraphStyle("centred", parent=layout.STYLES["body"], alignment=TA_CENTER)
    rows = [
        [Paragraph(escape(place), centred), Paragraph(escape(certificate.director or ""), centred)],
        [Paragraph(line, centred), Paragraph(line, centred)],
        [Paragraph(escape(_("place and date")), small),
         Paragraph(escape(_("director's signature and the facility's stamp")), small)],
    ]
    table = Table(rows, colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), layout.FONT),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return KeepTogether([Spacer(1, 22 * mm), table])


# -- the register ---------------------------------------------------------------------------------


def register_report(session: Session, year: int | None = None, *, actor: User | None = None) -> bytes:
    """The register of issued certificates (of ``year``, or all) as PDF bytes; a director's."""
    rows = certificates.register(session, year, actor=actor)
    width = layout.content_width()
    title = _("Register of completion certificates")
    story: list[Flowable] = [
        layout.title(title),
        layout.subtitle(_("Year {year}").format(year=year) if year is not None else _("All years")),
    ]
    if not rows:
        story.append(layout.text(_("No certificate has been issued yet."), "small"))
    else:
        table: list[list] = [[layout.text(caption, "cell-bold") for caption in (
            _("Number"), _("Date of issue"), _("Holder"), _("Period"), _("Hours"), _("Issued by"))]]
        for row in rows:
            holder = row.holder or _("Anonymised person")
            table.append([row.number, format_date(row.issued_on), layout.text(holder, "cell"),
                          _("{first} – {last}").format(first=format_date(row.period_start),
                                                       last=format_date(row.period_end)),
                          format_number(row.total_hours), layout.text(row.issued_by or "—", "cell")])
        widths = [20 * mm, 24 * mm, 0, 42 * mm, 16 * mm, 32 * mm]
        widths[2] = width - sum(widths)
        story.append(layout.table(table, widths, numeric_columns=(4,), extra=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return layout.render(story, header=layout.facility_header(session), title=title)
