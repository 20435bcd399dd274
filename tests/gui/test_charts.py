"""The charts: a line chart set again on the same labels moves its points, not its whole plot."""

from __future__ import annotations

import pytest

from shopdesk.ui.widgets.chart_later import LaterLineChart
from shopdesk.ui.widgets.charts import LineChart, nice_ceiling

HOURS = [f"{h:02d}" for h in range(24)]


@pytest.mark.parametrize(
    ("value", "top"), [(0.7, 1), (1, 1), (1.01, 2), (2.2, 2.5), (3, 5), (7.5, 10), (115, 200), (2300, 2500)]
)
def test_the_axis_top_is_a_round_value_at_or_above_the_figure(value, top):
    assert nice_ceiling(value) == pytest.approx(top)


def test_new_values_on_the_same_lines_move_the_points_and_keep_the_curves(qtbot):
    chart = LineChart(height=170)
    qtbot.addWidget(chart)
    chart.set_series(HOURS, [("Today", [1.0] * 24, "#3a7afe"), ("Last week", [2.0] * 24, "#9aa3af")])
    curves = list(chart._curves)
    top = chart.viewRange()[1][1]
    assert top == pytest.approx(nice_ceiling(2.0 * 1.15))
    chart.set_series(HOURS, [("Today", [1.0] * 23 + [2.1], "#3a7afe"), ("Last week", [2.0] * 24, "#9aa3af")])
    assert chart._curves == curves  # the same plot items, their data moved
    assert list(curves[0].getData()[1]) == [1.0] * 23 + [2.1]
    assert chart.viewRange()[1][1] == pytest.approx(top)  # 2.1 * 1.15 still under the round top
    assert chart.series[0] == ("Today", [1.0] * 23 + [2.1])
    chart.set_series(HOURS, [("Today", [9.0] * 24, "#3a7afe"), ("Last week", [2.0] * 24, "#9aa3af")])
    assert chart.viewRange()[1][1] == pytest.approx(nice_ceiling(9.0 * 1.15))
    chart.set_series(HOURS[:12], [("Today", [1.0] * 12, "#3a7afe")])  # other labels: drawn anew
    assert len(chart._curves) == 1 and chart._curves[0] not in curves


def test_a_chart_drawn_later_keeps_its_data_until_it_is_built(qtbot):
    chart = LaterLineChart(height=170)
    qtbot.addWidget(chart)
    chart.set_series(HOURS, [("Today", [1.0] * 24, "#3a7afe")])
    assert not chart.built
    qtbot.waitUntil(lambda: chart.built, timeout=5000)  # the event loop's next turn builds it
    assert chart.series == [("Today", [1.0] * 24)]
