"""What every PDF report shares: the fonts, the A4 page with the facility's header and the
"page x of y" footer, paragraph and table styles, signature lines, and writing the file.

ReportLab's built-in fonts have no ą, ę, ł, ń, ś, ź, ż, so DejaVu Sans (shipped in
``resources/fonts``) is registered once per process and embedded — as a subset — in every file.
Texts come in already translated; numbers and dates already formatted (``reintegra.i18n``).

A report module builds a list of flowables and calls ``render``:

    story = [title("Karta uczestnika"), subtitle("Jan Kowalski"), table(rows, widths), ...]
    pdf = render(story, header=facility_header(session), title="Karta uczestnika")
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from reintegra.i18n import _, format_datetime
from reintegra.paths import shipped_dir
from reintegra.private_files import open_private, write_replacing

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
CONDENSED, CONDENSED_BOLD = "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

MARGIN = 15 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 10 * mm

INK = colors.HexColor("#1f2d3a")
GREY = colors.HexColor("#5f6b73")
RULE = colors.HexColor("#9aa5ad")
HEADER_FILL = colors.HexColor("#e6ecf0")
SHADE = colors.HexColor("#d9dee2")  # weekends and holidays in the attendance sheet
ZEBRA = colors.HexColor("#f5f7f8")
ACCENT = colors.HexColor("#2e6e8e")  # bars of the charts

_registered = False


def register_fonts() -> None:
    """Registers DejaVu Sans (and its bold) once; ``<b>`` in a paragraph then uses the bold file."""
    global _registered
    if _registered:
        return
    folder = shipped_dir("resources") / "fonts"
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(CONDENSED, normal=CONDENSED, bold=CONDENSED_BOLD, italic=CONDENSED,
                                  boldItalic=CONDENSED_BOLD)
    _registered = True


register_fonts()  # paragraphs look their fonts up when they are made, so before any of them


# -- styles -------------------------------------------------------------------------------------


def _style(name: str, **options) -> ParagraphStyle:
    options.setdefault("fontName", FONT)
    options.setdefault("fontSize", 9.5)
    options.setdefault("leading", options["fontSize"] * 1.3)
    options.setdefault("textColor", INK)
    return ParagraphStyle(name, **options)


STYLES = {
    "title": _style("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=2 * mm),
    "subtitle": _style("subtitle", fontSize=11, leading=14, textColor=GREY, spaceAfter=4 * mm),
    "heading": _style("heading", fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=5 * mm, spaceAfter=2 * mm),
    "body": _style("body"),
    "small": _style("small", fontSize=8, leading=10, textColor=GREY),
    "cell": _style("cell", fontSize=8.5, leading=10.5),
    "cell-bold": _style("cell-bold", fontName=BOLD, fontSize=8.5, leading=10.5),
    "cell-right": _style("cell-right", fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
    "cell-center": _style("cell-center", fontSize=8.5, leading=10.5, alignment=TA_CENTER),
    "note": _style("note", fontSize=9, leading=12),
}


def text(value: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: a name with "&" or "<" stays as typed)."""
    return Paragraph(escape(value).replace("\n", "<br/>"), STYLES[style])


def markup(value: str, style: str = "body") -> Paragraph:
    """A paragraph with ReportLab's mini-markup (<b>, <i>, <br/>); the caller escapes the data in it."""
    return Paragraph(value, STYLES[style])


def title(value: str) -> Paragraph:
    return text(value, "title")


def subtitle(value: str) -> Paragraph:
    return text(value, "subtitle")


def heading(value: str) -> Paragraph:
    return text(value, "heading")


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


# -- tables -------------------------------------------------------------------------------------


def table(rows: Sequence[Sequence], widths: Sequence[float] | None = None, *, header_rows: int = 1,
          numeric_columns: Sequence[int] = (), total_row: bool = False, font_size: float = 8.5,
          font: str = FONT, zebra: bool = True, extra: Sequence[tuple] = ()) -> Table:
    """A table in the house style: a shaded header repeated on every page, thin rules, numbers on the right.

    Cells may be strings or flowables (``text(..., "cell")`` wraps long texts). ``extra`` takes more
    ReportLab table commands (shading of single cells, spans).
    """
    bold = BOLD if font == FONT else CONDENSED_BOLD
    commands = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("FONT", (0, 0), (-1, header_rows - 1), bold, font_size),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.75, INK),
        ]
    if zebra:
        for row in range(header_rows + 1, len(rows) - (1 if total_row else 0), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    for column in numeric_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if total_row:
        commands += [
            ("FONT", (0, -1), (-1, -1), bold, font_size),
            ("LINEABOVE", (0, -1), (-1, -1), 0.75, INK),
        ]
    commands += list(extra)
    result = Table(list(rows), colWidths=widths, repeatRows=header_rows)
    result.setStyle(TableStyle(commands))
    return result


def key_values(pairs: Sequence[tuple[str, str]], width: float, label_share: float = 0.35) -> Table:
    """Label: value lines (personal data, a report's parameters) as a borderless two-column table."""
    rows = [[text(label, "cell-bold"), text(value or "—", "cell")] for label, value in pairs]
    result = Table(rows, colWidths=[width * label_share, width * (1 - label_share)])
    result.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),  # a table's own default is Helvetica, even around paragraphs
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return result


def signatures(labels: Sequence[str], width: float, *, place_and_date: bool = True) -> KeepTogether:
    """Dotted lines to sign on, each with its caption underneath (kept together on one page)."""
    captions = list(labels)
    if place_and_date:
        captions = [_("place and date"), *captions]
    column = width / len(captions)
    line = "." * 40
    rows = [[text(line, "cell-center") for _caption in captions],
            [text(caption, "small") for caption in captions]]
    result = Table(rows, colWidths=[column] * len(captions))
    result.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),  # a caption that wraps starts on the others' line
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    for paragraph in rows[1]:
        paragraph.style = ParagraphStyle("caption", parent=STYLES["small"], alignment=TA_CENTER)
    return KeepTogether([Spacer(1, 16 * mm), result])


# -- the page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """What heads every page: the facility's name, its address line, its logo (PNG/JPEG bytes)."""

    name: str
    address: str = ""
    logo: bytes | None = None


def facility_header(session: Session) -> Header:
    from reintegra.services.facility import get_facility

    facility = get_facility(session)
    town = " ".join(part for part in (facility.postal_code, facility.city) if part)
    address = ", ".join(part for part in (facility.address, town) if part)
    contact = ", ".join(part for part in (facility.phone, facility.email) if part)
    line = " · ".join(part for part in (address, contact) if part)
    return Header(facility.name or "Reintegra", line, facility.logo)


class _NumberedCanvas(pdf_canvas.Canvas):
    """Holds every page until the end, so that each footer can say "page x of y"."""

    footer_left = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(FONT, 7.5)
        self.setFillColor(GREY)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN, MARGIN - 2 * mm, width - MARGIN, MARGIN - 2 * mm)
        self.drawString(MARGIN, MARGIN - 5.5 * mm, self.footer_left)
        self.drawRightString(width - MARGIN, MARGIN - 5.5 * mm,
                             _("page {page} of {pages}").format(page=self._pageNumber, pages=total))


def _draw_header(canvas, document, header: Header, report_title: str) -> None:
    width, height = document.pagesize
    top = height - MARGIN
    left = MARGIN
    if header.logo:
        try:
            image = ImageReader(io.BytesIO(header.logo))
            image_width, image_height = image.getSize()
            box = HEADER_HEIGHT - 6 * mm
            scale = min(box / image_height, 30 * mm / image_width)
            canvas.drawImage(image, left, top - box, image_width * scale, image_height * scale, mask="auto")
            left += image_width * scale + 4 * mm
        except Exception:  # a logo that cannot be read is left out rather than losing the report
            pass
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 11)
    canvas.drawString(left, top - 4.5 * mm, header.name)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    if header.address:
        canvas.drawString(left, top - 9 * mm, header.address)
    canvas.drawRightString(width - MARGIN, top - 4.5 * mm, report_title)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, top - HEADER_HEIGHT + 4 * mm, width - MARGIN, top - HEADER_HEIGHT + 4 * mm)


SIGNATURE_HEIGHT = 16 * mm


def _draw_page_signature(canvas, document, caption: str) -> None:
    """A dotted line on the right above the footer with its caption underneath."""
    width, _height = document.pagesize
    right = width - MARGIN
    left = right - 70 * mm
    bottom = MARGIN + FOOTER_HEIGHT + 3 * mm
    canvas.setFillColor(INK)
    canvas.setFont(FONT, 9)
    canvas.drawCentredString((left + right) / 2, bottom + 4 * mm, "." * 60)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawCentredString((left + right) / 2, bottom, caption)


def page_size(is_landscape: bool = False) -> tuple[float, float]:
    return landscape(A4) if is_landscape else A4


def content_width(is_landscape: bool = False) -> float:
    """The width a flowable may take on the page."""
    return page_size(is_landscape)[0] - 2 * MARGIN


def content_height(is_landscape: bool = False) -> float:
    return page_size(is_landscape)[1] - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT


def render(story: list[Flowable], *, header: Header, title: str, is_landscape: bool = False,
           author: str = "", generated: datetime | None = None, page_signature: str = "") -> bytes:
    """The finished PDF as bytes: A4 (or landscape A4), header on every page, "generated …" and
    "page x of y" in the footer, fonts embedded, document title set. ``page_signature``: a dotted
    line with this caption at the foot of every page (a register signed page by page)."""
    register_fonts()
    buffer = io.BytesIO()
    size = page_size(is_landscape)
    document = BaseDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=title, author=author or header.name, creator="Reintegra", subject=title,
        initialFontName=FONT,  # else Helvetica is listed, not embedded, in every file
    )
    reserved = SIGNATURE_HEIGHT if page_signature else 0
    frame = Frame(MARGIN, MARGIN + FOOTER_HEIGHT + reserved, content_width(is_landscape),
                  content_height(is_landscape) - reserved,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(canvas, doc) -> None:
        _draw_header(canvas, doc, header, title)
        if page_signature:
            _draw_page_signature(canvas, doc, page_signature)

    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    stamp = _("Generated {when} with Reintegra").format(when=format_datetime(generated or datetime.now()))

    class Canvas(_NumberedCanvas):
        footer_left = stamp

    document.build(story, canvasmaker=Canvas)
    return buffer.getvalue()


def write_pdf(data: bytes, path: Path | str) -> None:
    """Writes the PDF under a temporary name and renames it, so a failure never leaves half a file."""
    def write(temporary: Path) -> None:
        with open_private(temporary, "wb") as file:
            file.write(data)

    write_replacing(path, write)
