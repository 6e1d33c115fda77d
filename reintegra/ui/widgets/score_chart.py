"""A line chart of assessment scores over time, drawn with QPainter (QtCharts is not in the slim
PySide6 wheels): a line per group mean, optionally a thinner dashed line per skill area, the scale
1..max on the left, the assessment dates along the bottom, and a legend above."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reintegra.db.enums import SkillGroup
from reintegra.i18n import _, format_date
from reintegra.services.assessments import Line, ScoreSeries

# Distinguishable also for the colour-blind (Okabe–Ito).
GROUP_COLORS = {SkillGroup.SELF_RELIANCE: QColor("#0072b2"), SkillGroup.SOCIAL: QColor("#d55e00"),
                SkillGroup.VOCATIONAL: QColor("#009e73")}
GRID_COLOR = QColor("#dde3e8")
AXIS_COLOR = QColor("#5f6b73")
_AREA_DASHES = ([4, 3], [1, 3], [6, 2, 1, 2], [2, 2])
_MARGIN = 10
_EDGE = 18  # room between the axis and the first and last assessment


class ScoreChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.series: ScoreSeries | None = None
        self.show_areas = False
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAttribute(Qt.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 180)

    def set_series(self, series: ScoreSeries | None) -> None:
        self.series = series
        self.update()

    def set_show_areas(self, show: bool) -> None:
        self.show_areas = show
        self.update()

    def drawn_lines(self) -> list[Line]:
        """The lines the chart shows now, group means first."""
        if self.series is None:
            return []
        return list(self.series.groups) + (list(self.series.areas) if self.show_areas else [])

    # -- drawing -----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        lines = self.drawn_lines()
        if not lines:
            painter.setPen(AXIS_COLOR)
            painter.drawText(self.rect().adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN),
                             Qt.AlignCenter | Qt.TextWordWrap,
                             _("The chart appears after the first assessment."))
            return
        metrics = QFontMetrics(self.font())
        legend_height = self._draw_legend(painter, metrics, lines)
        scale_max = self.series.scale_max
        left = _MARGIN + metrics.horizontalAdvance(str(scale_max)) + 8
        plot = QRectF(left, _MARGIN + legend_height + metrics.height() / 2, 0, 0)
        plot.setRight(self.width() - _MARGIN - metrics.horizontalAdvance("00.00.0000") / 2)
        plot.setBottom(self.height() - _MARGIN - metrics.height() - 6)
        if plot.width() < 40 or plot.height() < 40:
            return
        self._draw_scale(painter, metrics, plot, scale_max)
        x_of = self._x_mapping(plot)
        self._draw_dates(painter, metrics, plot, x_of)

        def y_of(value: float) -> float:
            return plot.bottom() - (value - 1) / max(1, scale_max - 1) * plot.height()

        for line in reversed(lines):  # group means last, on top
            self._draw_line(painter, line, x_of, y_of)

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics, lines: list[Line]) -> int:
        """Legend entries in rows as wide as the widget; returns the height they took."""
        x, y = float(_MARGIN), float(_MARGIN)
        row_height = metrics.height() + 4
        for line in lines:
            width = 26 + metrics.horizontalAdvance(line.name) + 16
            if x + width > self.width() - _MARGIN and x > _MARGIN:
                x, y = float(_MARGIN), y + row_height
            middle = y + row_height / 2
            painter.setPen(self._pen(line))
            painter.drawLine(QPointF(x, middle), QPointF(x + 20, middle))
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + 26, y, width, row_height), Qt.AlignLeft | Qt.AlignVCenter, line.name)
            x += width
        return int(y + row_height - _MARGIN + 6)

    def _draw_scale(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, scale_max: int) -> None:
        for value in range(1, scale_max + 1):
            y = plot.bottom() - (value - 1) / max(1, scale_max - 1) * plot.height()
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS_COLOR)
            painter.drawText(QRectF(_MARGIN, y - metrics.height() / 2, plot.left() - _MARGIN - 6, metrics.height()),
                             Qt.AlignRight | Qt.AlignVCenter, str(value))
        painter.setPen(QPen(AXIS_COLOR, 1))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    def _x_mapping(self, plot: QRectF):
        days = self.series.days
        first, last = min(days), max(days)
        span = (last - first).days
        inner_left, inner_width = plot.left() + _EDGE, plot.width() - 2 * _EDGE

        def x_of(day: date) -> float:
            if span == 0:  # one assessment (or all on one day): in the middle
                return plot.center().x()
            return inner_left + (day - first).days / span * inner_width
        return x_of

    def _draw_dates(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, x_of) -> None:
        """Each assessment's date under its place, from the latest back, skipping those that would
        overlap the one after (every assessment keeps its tick)."""
        painter.setPen(AXIS_COLOR)
        taken_from = float("inf")
        for day in sorted(set(self.series.days), reverse=True):
            text = format_date(day)
            width = metrics.horizontalAdvance(text)
            x = x_of(day)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            if x + width / 2 > taken_from - 4:
                continue
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 6, width, metrics.height()),
                             Qt.AlignCenter, text)
            taken_from = x - width / 2

    def _draw_line(self, painter: QPainter, line: Line, x_of, y_of) -> None:
        points = [QPointF(x_of(day), y_of(value)) for day, value in line.points]
        pen = self._pen(line)
        painter.setPen(pen)
        if len(points) > 1:
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(path)
        radius = 4.0 if line.area_id is None else 2.5
        painter.setPen(QPen(pen.color(), 1))
        painter.setBrush(pen.color())
        for point in points:
            painter.drawEllipse(point, radius, radius)
        painter.setBrush(Qt.NoBrush)

    def _pen(self, line: Line) -> QPen:
        color = QColor(GROUP_COLORS[line.group])
        if line.area_id is None:
            return QPen(color, 2.5)
        areas = [area for area in self.series.areas if area.group is line.group]
        index = next((i for i, area in enumerate(areas) if area.area_id == line.area_id), 0)
        pen = QPen(color.lighter(115 + 12 * (index % 3)), 1.4)
        pen.setDashPattern(_AREA_DASHES[index % len(_AREA_DASHES)])
        return pen
