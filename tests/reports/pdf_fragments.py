"""Text of a PDF read back with pypdf together with where each piece stands, so that a test can
tell which table cell a code or a number is in."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Fragment:
    text: str
    x: float
    y: float


def fragments(data: bytes) -> list[list[Fragment]]:
    """Every piece of text of every page with the point where it starts."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[Fragment] = []

        def visit(text, cm, tm, _font, _size, found=found):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append(Fragment(text.strip(), x, y))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def line(found: list[Fragment], y: float, tolerance: float = 1) -> list[Fragment]:
    """The pieces on one line (the same baseline, give or take ``tolerance``), left to right."""
    return sorted((f for f in found if abs(f.y - y) <= tolerance), key=lambda f: f.x)


def line_of(found: list[Fragment], text: str, tolerance: float = 1) -> list[str]:
    """The texts of the line that holds the piece ``text``."""
    anchor = next(f for f in found if f.text == text)
    return [f.text for f in line(found, anchor.y, tolerance)]


def page_text(data: bytes) -> str:
    """All pages' text with runs of white space made single spaces (a wrapped sentence reads whole)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
