"""Icons from resources/icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from reintegra.paths import shipped_dir


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(shipped_dir("resources") / "icons" / f"{name}.svg"))
