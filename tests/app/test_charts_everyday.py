"""Charts name every model in full and tick their axes at round numbers and round times."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QChart, QValueAxis
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from groq_desktop.app import appearance
from groq_desktop.app.monitor.price_table import PriceTable
from groq_desktop.app.monitor.usage_charts import (
    TIME_TICK_SECONDS,
    Metric,
    UsageCharts,
    nice_step,
    round_axis,
)
from groq_desktop.core.store.storage import UsageRecord
from tests.app.test_monitor_panel import make_services
from tests.conftest import save_screenshot

LONG_IDS = ("meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-maverick-17b-128e-instruct",
            "llama-3.3-70b-versatile")


def is_round(value: float) -> bool:
    power = 10.0 ** math.floor(math.log10(value))
    return any(math.isclose(value, m * power) for m in (1, 2, 5))


@pytest.mark.parametrize("top", [0.3, 1, 4, 7, 13, 99, 101, 437, 6879, 7200, 123_456])
def test_axis_ticks_at_round_numbers(top: float) -> None:
    step = nice_step(top)
    assert is_round(step) and 3 <= math.ceil(top / step) <= 10
    axis = QValueAxis()
    round_axis(axis, top)
    assert axis.tickType() is QValueAxis.TickType.TicksDynamic and axis.tickAnchor() == 0.0
    assert axis.max() >= top and math.isclose(axis.max() / axis.tickInterval(), round(axis.max() / axis.tickInterval()))
    round_axis(axis, top, whole=True)
    assert axis.tickInterval() >= 1 and axis.tickInterval() == int(axis.tickInterval())


def test_minute_chart_lists_full_ids_and_ticks_on_round_times(
    qtbot: Any, emulator: Any, tmp_path: Path, event_loop_checked: Any
) -> None:
    services = make_services(emulator, tmp_path)
    try:
        now = time.time()
        for i, model in enumerate(LONG_IDS):
            services.storage.log_usage(UsageRecord(at=now - 300 - 60 * i, model=model, kind="chat", status=200,
                                                   prompt_tokens=100, completion_tokens=40, total_time=0.5, ttft=0.1))
        charts = UsageCharts(services.storage, PriceTable.load(), clock=lambda: now)
        qtbot.addWidget(charts)
        charts.resize(560, 420)
        charts.show()
        charts.metric_box.setCurrentIndex(charts.metric_box.findData(Metric.TOKENS))
        with qtbot.waitSignal(charts.refreshed):
            charts.refresh()
        assert not charts.minute_chart.legend().isVisible()
        legend = charts.minute_legend.text().replace("\u2011", "-").replace("\u2060", "")
        for model in LONG_IDS:
            assert model in legend and charts.minute_series[model].color().name() in legend
        x = charts._minute_x
        start, end = x.min().toSecsSinceEpoch(), x.max().toSecsSinceEpoch()
        assert start % TIME_TICK_SECONDS == 0 and end % TIME_TICK_SECONDS == 0 and start <= now - 3600 and end >= now
        assert x.tickCount() == (end - start) / TIME_TICK_SECONDS + 1  # a tick every 10 minutes
        y = charts._minute_y
        assert is_round(y.tickInterval()) and y.max() >= 140
        label = charts.minute_legend  # the list wraps onto a second line in a narrow window, nothing cut
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().height() * 1.5)
        save_screenshot(charts, "charts_legend.png", tmp_path)

        # switching to the dark theme in Settings redraws the charts dark, the list in the new colours
        QApplication.instance().setPalette(appearance.dark_palette())  # type: ignore[union-attr]
        try:
            qtbot.waitUntil(lambda: charts.minute_chart.theme() is QChart.ChartTheme.ChartThemeDark)
            colour = charts.minute_series[LONG_IDS[0]].color().name()
            assert colour in charts.minute_legend.text()
        finally:
            QApplication.instance().setPalette(QPalette())  # type: ignore[union-attr]  # the platform's again
    finally:
        services.close()
