"""How attendance looks wherever it is shown: status colours, day-off shading and the legend."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from reintegra.db.enums import STATUSES
from reintegra.i18n import _
from reintegra.services.labels import label
from reintegra.ui.widgets.flow_layout import FlowLayout

# Pale background and dark letter for each status: the colours of ``db.enums.STATUSES``.
STATUS_COLORS = {status: info.colour for status, info in STATUSES.items()}
DAY_OFF_BACKGROUND = "#e6e9ec"
NOT_PLACED_HATCH = "#d5dbe0"  # thin diagonal lines over days outside a placement
GAP_BACKGROUND = "#fff3d6"  # a past working day with nothing recorded
NOT_YET_BACKGROUND = "#f5f7f8"  # a working day still to come
GRID_COLOR = "#c9d1d7"
MUTED_INK = "#5f6b73"


def legend_text() -> str:
    """'O – present   U – excused absence …' on one line."""
    return "   ".join(
        _("{letter} – {status}").format(letter=status.letter, status=label(status).lower())
        for status in STATUSES)


class StatusLegend(QWidget):
    """The letters as small coloured chips, each followed by its meaning; on as many lines as the width
    needs (at 1024 px the six do not fit on one)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = FlowLayout(self, spacing=12, line_spacing=2)
        for status in STATUSES:
            background, ink = STATUS_COLORS[status]
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            chip = QLabel(status.letter)
            chip.setStyleSheet(f"background: {background}; color: {ink}; font-weight: 600; "
                               f"border: 1px solid {GRID_COLOR}; border-radius: 3px; padding: 0 4px;")
            meaning = QLabel(label(status).lower())
            meaning.setProperty("role", "hint")
            row.addWidget(chip)
            row.addWidget(meaning)
            layout.addWidget(pair)
