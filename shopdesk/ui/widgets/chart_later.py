"""A chart that stands in its place at once and is drawn a moment later: the charting library (pyqtgraph, with
numpy) is imported on the event loop's next turn after the chart first gets its data, not while the page that
holds it is built — so the first page paints its figures without waiting for it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LaterLineChart(QWidget):
    """charts.LineChart(height=…), built on first need; set_series before then is kept and applied when it is."""

    def __init__(self, parent: QWidget | None = None, *, height: int = 180, percent: bool = False):
        super().__init__(parent)
        self.setMinimumHeight(height)
        self._height, self._percent = height, percent
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._chart = None
        self._pending: tuple | None = None

    @property
    def chart(self):
        """The real chart, built now if it was not."""
        if self._chart is None:
            from shopdesk.ui.widgets.charts import LineChart

            self._chart = LineChart(self, height=self._height, percent=self._percent)
            self._layout.addWidget(self._chart)
            if self._pending is not None:
                labels, series = self._pending
                self._pending = None
                self._chart.set_series(labels, series)
        return self._chart

    @property
    def built(self) -> bool:
        return self._chart is not None

    @property
    def series(self) -> list:
        return self.chart.series

    def set_series(self, labels, series) -> None:
        if self._chart is not None:
            self._chart.set_series(labels, series)
            return
        first = self._pending is None
        self._pending = (list(labels), list(series))
        if first:
            QTimer.singleShot(0, lambda: self.chart)
