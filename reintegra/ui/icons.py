"""Icons from resources/icons (line icons drawn in #34495e, or recoloured for dark backgrounds)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPixmap

from reintegra.paths import shipped_dir

DRAWN_IN = "#34495e"


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    path = shipped_dir("resources") / "icons" / f"{name}.svg"
    if color is None:
        return QIcon(str(path))
    svg = path.read_text(encoding="utf-8").replace(DRAWN_IN, color)
    result = QIcon()
    for size in (16, 22, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.loadFromData(QByteArray(svg.replace('width="24" height="24"',
                                                   f'width="{size}" height="{size}"').encode("utf-8")), "SVG")
        result.addPixmap(pixmap)
    return result
