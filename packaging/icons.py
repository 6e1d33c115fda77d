"""The application icon in the sizes desktops want, drawn from resources/icons/app.svg at build time:
PNGs for Linux (hicolor 16…256) and a multi-size .ico for Windows (Pillow, in the lock through
ReportLab). Nothing here is committed: the SVG is the one source.

    python packaging/icons.py OUT_DIR        (packaging/reintegra.spec calls render() itself)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app.svg"


def render(out_dir: Path, svg: Path = SVG) -> dict[int, Path]:
    """Writes out_dir/reintegra-<N>.png for every size and out_dir/reintegra.ico; the PNGs by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QPainter needs it)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        pngs[size] = out_dir / f"reintegra-{size}.png"
        if not image.save(str(pngs[size]), "PNG"):
            raise SystemExit(f"{pngs[size]}: could not be written")

    from PIL import Image

    # Pillow scales one image into each size; the largest one, drawn by Qt, scales best.
    with Image.open(pngs[256]) as largest:
        largest.save(out_dir / "reintegra.ico", sizes=[(size, size) for size in SIZES])
    return pngs


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in sorted(render(Path(sys.argv[1])).values()):
        print(path)
