"""Queue & limits in another language: the quota, queue and error tables, the charts' titles and axes,
the health lines after a check, and the price editor (opened on demand) go through the translator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from groq_desktop.app.composition import Services
from groq_desktop.app.monitor.panel import MonitorPanel
from groq_desktop.app.monitor.queue_model import QueueColumn
from groq_desktop.app.monitor.quota_model import QuotaColumn
from tests.app.test_monitor_panel import make_panel, make_services, settings, submit  # noqa: F401 - fixtures
from tests.app.translatable import MARK_OPEN, is_untranslated, pseudo_translation, untranslated_texts


def column_texts(model: Any, columns: tuple[int, ...]) -> list[str]:
    return [str(model.index(row, column).data()) for row in range(model.rowCount()) for column in columns]


def headers(model: Any) -> list[str]:
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]


def test_tables_charts_health_and_price_editor_are_translated(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]  # noqa: F811
) -> None:
    with pseudo_translation():
        services = make_services(emulator, tmp_path)
        panel = make_panel(services)
        panel.show()
        handles = [submit(qtbot, services, label=f"job {i}") for i in range(3)]
        qtbot.waitUntil(lambda: all(h.info().state.finished for h in handles), timeout=10_000)
        panel._refresh_live()
        with qtbot.waitSignal(panel.charts.refreshed, timeout=10_000):
            panel.charts.refresh()
        panel.tabs.setCurrentWidget(panel.health)
        with qtbot.waitSignal(panel.health.checked, timeout=10_000):
            panel.health.check_button.click()
        qtbot.waitUntil(lambda: panel.health.error_rate.text() != "", timeout=5_000)
        QApplication.processEvents()

        for model in (panel.quota_model, panel.queue_model, panel.health.errors_model):
            assert [h for h in headers(model) if h != "#" and not h.startswith(MARK_OPEN)] == []
        cells = column_texts(panel.quota_model, (QuotaColumn.METER, QuotaColumn.USED, QuotaColumn.SOURCE))
        cells += column_texts(panel.queue_model, (QueueColumn.PRIORITY, QueueColumn.KIND, QueueColumn.COST,
                                                  QueueColumn.STATE))
        assert cells and [c for c in cells if is_untranslated(c)] == []
        assert untranslated_texts(panel) == []  # the stats line, the cost line and the health lines included
        charts = panel.charts
        titles = [c.title() for c in (charts.minute_chart, charts.day_chart, charts.speed_chart)]
        titles += [a.titleText() for a in charts.speed_chart.axes()]
        titles += [s.name() for s in (charts.speed_series, charts.ttft_series)]
        assert [t for t in titles if is_untranslated(t)] == []

        editor = panel.edit_prices()
        assert untranslated_texts(editor) == []
        editor.reject()
