"""The bar charts of the facility summary, drawn with reportlab.graphics in the report's fonts
and in shades of the one accent colour: grouped columns over months or years, and a bar per
workshop for the attendance rate. Values come in counted; labels come in translated."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reintegra.i18n import format_number, format_percent
from reintegra.reports import layout

FONT_SIZE = 7.5
# Past this many groups the value above each column would crowd its neighbours.
_MOST_LABELLED_GROUPS = 12


def shade(lightness: float) -> colors.Color:
    """The accent colour mixed with white: 0 is the accent itself, 1 white."""
    accent = layout.ACCENT
    return colors.Color(*(value + (1 - value) * lightness for value in (accent.red, accent.green, accent.blue)))


def column_chart(names: Sequence[str], series: Sequence[Sequence[int]], legend_names: Sequence[str],
                 width: float, *, value_title: str, category_title: str) -> Drawing:
    """Up to three series of counts as groups of columns, one group per name, with a legend above."""
    height = 58 * mm
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 16 * mm, 14 * mm
    chart.width, chart.height = width - chart.x - 2 * mm, height - chart.y - 12 * mm
    chart.data = [tuple(values) for values in series]
    chart.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 4, 0.6
    chart.bars.strokeColor = None
    fills = [shade(lightness) for lightness in (0, 0.45, 0.75)[:len(series)]]
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
    largest = max(max(values) for values in series)
    step = _round_step(largest)
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = step * (largest // step + 1)  # room above the tallest column for its label
    chart.valueAxis.labelTextFormat = lambda value: format_number(int(value))
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, layout.ZEBRA
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.labels.dy = -2
    _style_axes(chart)
    if len(names) <= _MOST_LABELLED_GROUPS:
        chart.barLabelArray = [[format_number(value) if value else "" for value in values] for values in series]
        chart.barLabelFormat = "values"
        chart.barLabels.fontName, chart.barLabels.fontSize = layout.FONT, 6
        chart.barLabels.fillColor = layout.GREY
        chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(_upwards(value_title, 4 * mm, chart.y + chart.height / 2))
    drawing.add(_caption(category_title, chart.x + chart.width / 2, 2 * mm))
    drawing.add(_legend(legend_names, fills, chart.x, height - 3 * mm))
    return drawing


def rate_chart(items: Sequence[tuple[str, float]], width: float, *, value_title: str) -> Drawing:
    """One horizontal bar per (name, rate), top to bottom, the last one (the total) darker."""
    label_width = min(max(stringWidth(name, layout.FONT, FONT_SIZE) for name, _rate in items), 65 * mm)
    pitch = 5.5 * mm
    drawing = _drawing(width, len(items) * pitch + 10 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width + 4 * mm, 8 * mm
    chart.width, chart.height = width - chart.x - 14 * mm, len(items) * pitch
    chart.data = [tuple(rate for _name, rate in items)]
    chart.strokeColor = None
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = shade(0.45)
    chart.bars[(0, len(items) - 1)].fillColor = layout.ACCENT
    chart.categoryAxis.categoryNames = [_fit(name, label_width) for name, _rate in items]
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 1, 0.2
    chart.valueAxis.labelTextFormat = lambda value: format_percent(value, 0)
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, layout.ZEBRA
    _style_axes(chart)
    chart.barLabelArray = [[format_percent(rate) for _name, rate in items]]
    chart.barLabelFormat = "values"
    chart.barLabels.fontName, chart.barLabels.fontSize = layout.FONT, FONT_SIZE
    chart.barLabels.fillColor = layout.INK
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    drawing.add(chart)
    drawing.add(_caption(value_title, chart.x + chart.width / 2, 0))
    return drawing


def _drawing(width: float, height: float) -> Drawing:
    # The drawing's own starting font, else Helvetica is listed, unembedded, in the file.
    return Drawing(width, height, initialFontName=layout.FONT, initialFontSize=FONT_SIZE)


def _style_axes(chart) -> None:
    chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = layout.RULE
    for axis in (chart.valueAxis, chart.categoryAxis):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = layout.FONT, FONT_SIZE, layout.INK


def _round_step(largest: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50 …) giving at most six grid lines up to ``largest``."""
    step = 1
    while math.ceil(largest / step) > 6:
        magnitude = 10 ** (len(str(step)) - 1)
        step = {1: 2, 2: 5, 5: 10}[step // magnitude] * magnitude
    return step


def _caption(text: str, x: float, y: float) -> String:
    return String(x, y, text, fontName=layout.FONT, fontSize=FONT_SIZE, fillColor=layout.GREY, textAnchor="middle")


def _upwards(text: str, x: float, y: float) -> Group:
    """A caption written bottom to top, centred on (x, y): the value axis's title."""
    group = Group(_caption(text, 0, 0))
    group.transform = (0, 1, -1, 0, x, y)
    return group


def _legend(names: Sequence[str], fills: Sequence[colors.Color], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y, legend.boxAnchor = x, y, "nw"
    legend.colorNamePairs = list(zip(fills, names))
    legend.columnMaximum = 1  # one row, side by side
    legend.alignment = "right"
    legend.fontName, legend.fontSize, legend.fillColor = layout.FONT, FONT_SIZE, layout.INK
    legend.dx = legend.dy = 7
    legend.deltax = 12
    legend.strokeColor = None
    legend.swdx = 0
    return legend


def _fit(name: str, width: float) -> str:
    """The name shortened with "…" to fit ``width``."""
    if stringWidth(name, layout.FONT, FONT_SIZE) <= width:
        return name
    while name and stringWidth(name + "…", layout.FONT, FONT_SIZE) > width:
        name = name[:-1]
    return name.rstrip() + "…"
