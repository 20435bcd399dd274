"""Charts for the owner's numbers (pyqtgraph): a line over time or hours, horizontal bars per category, and an
hour-of-week heatmap as a table of coloured cells. Charts show; the tables under them hold the exact figures."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from shopdesk.ui.widgets.chart_colours import BLUE, GREY, RED  # noqa: F401 - the colours, for the pages

pg.setConfigOptions(antialias=True, background="w", foreground="#444")


class _Chart(pg.PlotWidget):
    """A plot that only shows: no menu, no panning or zooming, plain numbers on the axes (no SI prefixes)."""

    def __init__(self, parent: QWidget | None, height: int, percent: bool, grid_x: bool):
        super().__init__(parent)
        self.setMinimumHeight(height)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=grid_x, y=not grid_x, alpha=0.2)
        self.base_height = height
        self.percent = percent
        for side in ("left", "bottom"):
            self.getAxis(side).enableAutoSIPrefix(False)


class LineChart(_Chart):
    """One or two lines over labelled points (days, hours): the current range in blue, the compared one grey."""

    def __init__(self, parent: QWidget | None = None, *, height: int = 180, percent: bool = False):
        super().__init__(parent, height, percent, grid_x=False)
        self.legend = self.addLegend(offset=(-10, 10))
        self.series: list[tuple[str, list[float | None]]] = []
        self._shape: tuple | None = None  # the labels and the series' names and colours drawn now
        self._curves: list = []
        self._top: float | None = None

    def set_series(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None], str]]) -> None:
        """`series`: (name, values, colour) with one value per label; None leaves a gap. New values on the same
        labels and lines move the lines' points only, and the axis when the top passes its nice round value: Today
        sets its chart on every sale, and rebuilding the plot (and re-laying out its axes) each time stalled the
        window for tens of milliseconds."""
        self.series = [(name, list(values)) for name, values, _colour in series]
        scale = 100 if self.percent else 1
        points = []
        for _name, values, _colour in series:
            xs = [x for x, v in enumerate(values) if v is not None]
            points.append((xs, [v * scale for v in values if v is not None]))
        shape = (tuple(labels), tuple((name, colour) for name, _values, colour in series))
        if shape != self._shape:
            self.clear()
            self.legend.clear()
            self._curves = []
            for i, ((name, _values, colour), (xs, ys)) in enumerate(zip(series, points, strict=True)):
                pen = pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine if i else Qt.PenStyle.SolidLine)
                curve = self.plot(
                    xs,
                    ys,
                    pen=pen,
                    name=name,
                    symbol="o" if len(labels) < 40 else None,
                    symbolSize=5,
                    symbolBrush=colour,
                    symbolPen=colour,
                )
                self._curves.append(curve)
            step = max(1, len(labels) // 8)
            self.getAxis("bottom").setTicks([[(i, labels[i]) for i in range(0, len(labels), step)]])
            if self.percent:
                self.getAxis("left").setLabel("%")
            self.setXRange(-0.5, max(len(labels) - 0.5, 0.5), padding=0)
            self._shape, self._top = shape, None
        else:
            for curve, (xs, ys) in zip(self._curves, points, strict=True):
                curve.setData(xs, ys)
        top = max([y for _xs, ys in points for y in ys] or [0])
        wanted = nice_ceiling(top * 1.15) if top else 1
        if wanted != self._top:
            self.setYRange(0, wanted, padding=0)
            self._top = wanted


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is >= value (> 0): an axis top that stays put while
    the figures grow a little."""
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value * (1 - 1e-9):
            return step * power
    return 10 * power


class BarChart(_Chart):
    """Horizontal bars, one per category (top to bottom), optionally with the compared range's bar beside it."""

    def __init__(self, parent: QWidget | None = None, *, height: int = 200, percent: bool = False):
        super().__init__(parent, height, percent, grid_x=True)
        self.categories: list[str] = []
        self.values: list[float] = []

    def set_bars(self, categories: Sequence[str], values: Sequence[float], compare: Sequence[float] | None = None):
        self.clear()
        self.categories, self.values = list(categories), list(values)
        scale = 100 if self.percent else 1
        n = len(categories)
        ys = [n - 1 - i for i in range(n)]
        height = 0.38 if compare is not None else 0.7
        if n:
            self.addItem(
                pg.BarGraphItem(
                    x0=0,
                    y=[y + (height / 2 if compare is not None else 0) for y in ys],
                    height=height,
                    width=[v * scale for v in values],
                    brush=BLUE,
                    pen=pg.mkPen(None),
                )
            )
            if compare is not None:
                self.addItem(
                    pg.BarGraphItem(
                        x0=0,
                        y=[y - height / 2 for y in ys],
                        height=height,
                        width=[v * scale for v in compare],
                        brush=GREY,
                        pen=pg.mkPen(None),
                    )
                )
        axis = self.getAxis("left")
        axis.setTicks([[(y, c) for y, c in zip(ys, categories, strict=True)]])
        # Room for every label: pyqtgraph drops a tick label that does not fit.
        metrics = QFontMetrics(self.font())
        axis.setWidth(min(360, max([metrics.horizontalAdvance(c) for c in categories] or [40]) + 24))
        self.setFixedHeight(max(self.base_height, 26 * n + 50))
        self.setYRange(-0.6, max(n - 0.4, 0.6), padding=0)
        top = max([*values, *(compare or []), 0]) * scale
        self.setXRange(0, top * 1.1 if top else 1, padding=0)


class Heatmap(QTableWidget):
    """Rows x columns of values coloured from white (0) to red (the largest), each cell showing its text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(220)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        self.setFont(small)

    def set_cells(self, rows: Sequence[str], columns: Sequence[str], values, texts, tips=None) -> None:
        """`values[r][c]`: a number (or None: no data, grey); `texts[r][c]` what the cell says."""
        self.clear()
        self.setRowCount(len(rows))
        self.setColumnCount(len(columns))
        self.setVerticalHeaderLabels(list(rows))
        self.setHorizontalHeaderLabels(list(columns))
        top = max([v for row in values for v in row if v is not None] or [0])
        for r in range(len(rows)):
            for c in range(len(columns)):
                value = values[r][c]
                item = QTableWidgetItem(texts[r][c])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if value is None:
                    item.setBackground(QColor("#f3f4f6"))
                else:
                    share = value / top if top else 0.0
                    item.setBackground(QColor(255, int(255 - 170 * share), int(255 - 170 * share)))
                if tips:
                    item.setToolTip(tips[r][c])
                self.setItem(r, c, item)
