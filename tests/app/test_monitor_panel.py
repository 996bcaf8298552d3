"""The queue & limits monitor against the emulator: meters from headers, 429 waits, cancel, charts, hiding."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from groq_desktop.app import theme
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.monitor.health_view import ErrorListModel
from groq_desktop.app.monitor.panel import MonitorPanel
from groq_desktop.app.monitor.price_table import PriceTable
from groq_desktop.app.monitor.queue_model import JobInfoRole, QueueColumn, QueueModel, WaitDimensionRole
from groq_desktop.app.monitor.quota_model import (
    QuotaColumn,
    QuotaLevel,
    QuotaModel,
    SnapshotRole,
    level_of,
)
from groq_desktop.app.monitor.usage_charts import Metric, UsageCharts
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost, Dimension, ModelLimits
from groq_desktop.core.quota.rate_limiter import DimensionSnapshot, Reservation
from groq_desktop.core.quota.scheduler import JobHandle, JobState, Priority
from groq_desktop.core.store.storage import UsageRecord, UsageTotals
from groq_desktop.emulator.quota import CHAT_DIMENSIONS
from groq_desktop.errors import RequestCancelledError
from tests.conftest import TEST_KEY, save_screenshot

T = TypeVar("T")
MODEL = "openai/gpt-oss-20b"
HELLO = [{"role": "user", "content": "Hello there [[emulator reply_tokens=20]]"}]


class FakeClock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def make_services(emulator: Any, tmp_path: Path) -> Services:
    built = build_services(
        load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_MAX_RETRIES": "0"})
    )
    built.limits_path = tmp_path / "limits.json"
    return built


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_panel(qtbot: Any, settings: AppSettings, event_loop_checked: Any) -> Iterator[Callable[[Services], MonitorPanel]]:
    made: list[tuple[Services, CoreSignals]] = []

    def make(services: Services) -> MonitorPanel:
        signals = CoreSignals(services)
        panel = MonitorPanel(services, signals, settings)
        panel.signals = signals  # type: ignore[attr-defined]
        qtbot.addWidget(panel)
        panel.resize(1400, 860)
        made.append((services, signals))
        return panel

    yield make
    for services, signals in made:
        signals.disconnect_core()
        run(qtbot, services.scheduler.aclose)
        services.close()


def run(qtbot: Any, main: Callable[[], Coroutine[Any, Any, T]], timeout: int = 10_000) -> T:
    """Run a coroutine on the session's qasync loop, pumping Qt events until it ends."""
    task = asyncio.ensure_future(main())
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def chat_job(services: Services, messages: list[dict[str, str]] = HELLO) -> Callable[[Reservation], Any]:
    async def job(_reservation: Reservation) -> Any:
        return await asyncio.to_thread(services.client.chat, MODEL, messages, max_completion_tokens=50)

    return job


def submit(qtbot: Any, services: Services, label: str = "", priority: Priority = Priority.NORMAL) -> JobHandle[Any]:
    async def go() -> JobHandle[Any]:
        return services.scheduler.submit(MODEL, Cost(tokens=100), chat_job(services), label=label, priority=priority)

    return run(qtbot, go)


def quota_row(panel: MonitorPanel, dimension: Dimension) -> int:
    return panel.quota_model.row_of(MODEL, dimension.value)


def snapshot(model: DimensionSnapshot | None = None, **changes: Any) -> DimensionSnapshot:
    base = dict(model=MODEL, dimension=Dimension.TPM, limit=6000.0, remaining=3000.0, used=3000.0, reset_in=30.0,
                source="header", closed_for=0.0, updated_at=0.0)
    base.update(changes)
    return DimensionSnapshot(**base)


# --- models in isolation ----------------------------------------------------------------------


def test_quota_levels_and_model(qtmodeltester: Any) -> None:
    assert level_of(snapshot(remaining=3000)) is QuotaLevel.OK
    assert level_of(snapshot(remaining=1000)) is QuotaLevel.LOW
    assert level_of(snapshot(remaining=200)) is QuotaLevel.CRITICAL
    assert level_of(snapshot(remaining=5000, closed_for=3.0)) is QuotaLevel.CRITICAL
    model = QuotaModel()
    model.set_snapshots([snapshot(), snapshot(dimension=Dimension.RPD, limit=14400, remaining=14000, source="table")])
    qtmodeltester.check(model)
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "published table" in tip
    assert "Source: from headers" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    model.set_snapshots([snapshot(source="429", remaining=0, closed_for=12)])
    assert model.index(0, QuotaColumn.RESET).data() == "closed, 12 s"
    assert "429" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)


def test_error_list_model(qtmodeltester: Any) -> None:
    model = ErrorListModel()
    model.set_errors([UsageRecord(at=time.time(), model=MODEL, kind="chat", status=500, request_id="req_abc",
                                  error_code="internal_server_error")])
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "req_abc"


def test_price_table_estimates() -> None:
    prices = PriceTable.load()
    price = prices.price_for(MODEL)
    assert price is not None
    record = UsageRecord(at=0, model=MODEL, kind="chat", status=200, prompt_tokens=1_000_000, completion_tokens=0)
    assert prices.cost_of_record(record) == pytest.approx(price.input_per_million)
    failed = UsageRecord(at=0, model=MODEL, kind="chat", status=500, prompt_tokens=1_000_000)
    assert prices.cost_of_record(failed) == 0.0
    totals = [UsageTotals(MODEL, 2, 1, 0, 1_000_000, 0, 0.0), UsageTotals("nobody/unknown", 3, 0, 0, 10, 10, 0.0)]
    estimate = prices.estimate(totals)
    assert estimate.unpriced_requests == 3 and estimate.dollars == pytest.approx(price.input_per_million)
    assert "estimates" in prices.note.lower()


# --- against the emulator ---------------------------------------------------------------------


def test_meters_show_exactly_what_the_headers_said(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel], qtmodeltester: Any
) -> None:
    services = make_services(emulator, tmp_path)
    frozen = FakeClock(time.monotonic())
    services.limiter._clock = frozen  # nothing refills between the response and the check
    panel = make_panel(services)
    panel.show()
    replies: list[Any] = []
    done = threading.Event()

    def talk() -> None:
        for _ in range(2):
            replies.append(services.client.chat(MODEL, HELLO, max_completion_tokens=50))
        done.set()

    threading.Thread(target=talk, daemon=True).start()
    qtbot.waitUntil(done.is_set, timeout=10_000)
    headers = replies[-1].rate_limits
    rpd, tpm = headers.reading(Dimension.RPD), headers.reading(Dimension.TPM)
    assert rpd is not None and tpm is not None and tpm.remaining < tpm.limit

    def shows_headers() -> bool:
        rows = (quota_row(panel, Dimension.RPD), quota_row(panel, Dimension.TPM))
        return all(r >= 0 for r in rows) and (
            panel.quota_model.index(rows[1], QuotaColumn.REMAINING).data() == f"{tpm.remaining:,.0f}"
        )

    qtbot.waitUntil(shows_headers, timeout=5_000)
    for dimension, reading in ((Dimension.RPD, rpd), (Dimension.TPM, tpm)):
        row = quota_row(panel, dimension)
        snap = panel.quota_model.index(row, 0).data(SnapshotRole)
        assert snap.remaining == reading.remaining and snap.limit == reading.limit
        assert snap.source == "header"
        assert panel.quota_model.index(row, QuotaColumn.REMAINING).data() == f"{reading.remaining:,.0f}"
        assert panel.quota_model.index(row, QuotaColumn.USED).data() == (
            f"{reading.remaining:,.0f} of {reading.limit:,.0f} left"  # the same figure as the bar and Left
        )
        assert "Source: from headers" in panel.quota_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(panel.quota_model)


def test_a_429_shows_a_countdown_and_the_job_waits_on_that_dimension(
    qtbot: Any, emulator_factory: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel], qtmodeltester: Any
) -> None:
    server_clock = FakeClock(1000.0)
    emulator = emulator_factory(time_scale=60.0, tokens_per_second=5000.0, clock=server_clock)
    services = make_services(emulator, tmp_path)
    panel = make_panel(services)
    panel.show()
    # Someone else (another app on the same key) spent the minute's tokens: the server will say 429.
    assert emulator.quota.admit(MODEL, Cost(tokens=8000), CHAT_DIMENSIONS).rejection is None
    handle = submit(qtbot, services, label="after a 429")

    def waits_on_tpm() -> bool:
        row = panel.queue_model.row_of(handle.id)
        return row >= 0 and panel.queue_model.index(row, 0).data(WaitDimensionRole) == "TPM"

    qtbot.waitUntil(waits_on_tpm, timeout=10_000)
    row = panel.queue_model.row_of(handle.id)
    info = panel.queue_model.index(row, 0).data(JobInfoRole)
    assert info.state is JobState.WAITING and info.wait.dimension is Dimension.TPM
    assert "tokens this minute" in panel.queue_model.index(row, QueueColumn.WAITS_FOR).data()
    assert panel.queue_model.index(row, QueueColumn.READY_IN).data().endswith("s")
    assert emulator.stats.rate_limited >= 1
    quota = quota_row(panel, Dimension.TPM)
    snap = panel.quota_model.index(quota, 0).data(SnapshotRole)
    assert snap.source == "learned" and snap.closed_for > 0
    assert panel.quota_model.index(quota, QuotaColumn.RESET).data().startswith("closed")
    assert panel.quota_model.index(quota, QuotaColumn.REMAINING).data(Qt.ItemDataRole.ForegroundRole) == theme.tokens().danger
    qtmodeltester.check(panel.queue_model)

    server_clock.now += 120  # the server's minute passes
    result = run(qtbot, handle.result, timeout=15_000)
    assert result.content
    qtbot.waitUntil(
        lambda: panel.queue_model.index(panel.queue_model.row_of(handle.id), QueueColumn.STATE).data() == "done",
        timeout=5_000,
    )


def test_cancelling_from_the_monitor_cancels_the_waiting_request(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]
) -> None:
    services = make_services(emulator, tmp_path)
    services.limiter.set_limits(MODEL, ModelLimits({Dimension.RPM: 1}))
    taken = services.limiter.try_reserve(MODEL, Cost())
    assert isinstance(taken, Reservation)  # the only request of this minute is gone
    panel = make_panel(services)
    panel.show()
    handle = submit(qtbot, services, label="to cancel")
    outcome: list[BaseException | Any] = []

    async def await_it() -> None:
        try:
            outcome.append(await handle)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            outcome.append(exc)

    asyncio.ensure_future(await_it())
    qtbot.waitUntil(lambda: panel.queue_model.row_of(handle.id) >= 0
                    and panel.queue_model.job_at(panel.queue_model.row_of(handle.id)).state is JobState.WAITING,
                    timeout=5_000)
    row = panel.queue_model.row_of(handle.id)
    assert panel.queue_model.index(row, 0).data(WaitDimensionRole) == "RPM"
    panel.queue_view.selectRow(row)
    panel.cancel_action.trigger()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5_000)
    assert isinstance(outcome[0], RequestCancelledError)
    assert services.scheduler.info(handle.id).state is JobState.CANCELLED
    assert emulator.stats.requests == 0 or MODEL not in emulator.stats.by_model


def test_raise_and_lower_priority_from_the_monitor(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]
) -> None:
    services = make_services(emulator, tmp_path)
    services.limiter.set_limits(MODEL, ModelLimits({Dimension.RPM: 1}))
    assert isinstance(services.limiter.try_reserve(MODEL, Cost()), Reservation)
    panel = make_panel(services)
    panel.show()
    first = submit(qtbot, services, label="first")
    second = submit(qtbot, services, label="second", priority=Priority.BACKGROUND)
    qtbot.waitUntil(lambda: panel.queue_model.row_of(second.id) >= 0, timeout=5_000)
    panel.queue_view.selectRow(panel.queue_model.row_of(second.id))
    panel.raise_action.trigger()
    assert services.scheduler.info(second.id).priority is Priority.NORMAL
    panel.queue_view.clearSelection()
    panel.queue_view.selectRow(panel.queue_model.row_of(first.id))
    panel.lower_action.trigger()
    assert services.scheduler.info(first.id).priority is Priority.BACKGROUND
    qtbot.waitUntil(lambda: panel.queue_model.row_of(second.id) < panel.queue_model.row_of(first.id), timeout=5_000)


def test_queue_model_keeps_rows_across_updates(qtmodeltester: Any) -> None:
    from groq_desktop.core.quota.scheduler import JobInfo

    def job(job_id: int, state: JobState = JobState.QUEUED) -> JobInfo:
        return JobInfo(job_id, MODEL, "chat", f"job {job_id}", Priority.NORMAL, state, Cost(tokens=10), None,
                       0.0, None, None, None, 0)

    clock = FakeClock(5.0)
    model = QueueModel(clock=clock)
    qtmodeltester.check(model)
    model.set_jobs([job(1), job(2), job(3)])
    persistent = model.index(2, 0)
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(persistent)
    model.set_jobs([job(3), job(1, JobState.RUNNING), job(4)])
    assert [model.job_at(r).id for r in range(model.rowCount())] == [3, 1, 4]
    assert kept.row() == 0 and kept.data(JobInfoRole).id == 3
    assert model.index(0, QueueColumn.QUEUED_FOR).data() == "5 s"
    qtmodeltester.check(model)


def test_chart_series_match_usage_per_minute(qtbot: Any, emulator: Any, tmp_path: Path, event_loop_checked: Any) -> None:
    services = make_services(emulator, tmp_path)
    try:
        now = time.time()
        models = ("test/chart-model-a", "test/chart-model-b")
        rows = [(models[0], now - 600, 100, 20), (models[0], now - 590, 50, 5), (models[1], now - 300, 7, 3),
                (models[0], now - 120, 1, 1)]
        for model, at, prompt, completion in rows:
            services.storage.log_usage(UsageRecord(at=at, model=model, kind="chat", status=200,
                                                   prompt_tokens=prompt, completion_tokens=completion,
                                                   total_time=0.5, ttft=0.1))
        charts = UsageCharts(services.storage, PriceTable.load(), clock=lambda: now)
        qtbot.addWidget(charts)
        charts.metric_box.setCurrentIndex(charts.metric_box.findData(Metric.TOKENS))
        with qtbot.waitSignal(charts.refreshed):
            charts.refresh()
        for model in models:
            buckets = services.storage.usage_per_minute(now - 3600, model)
            points = {p.x() / 1000: p.y() for p in charts.minute_series[model].points()}
            assert {b.start: float(b.tokens) for b in buckets}.items() <= points.items()
            assert all(v == 0 for x, v in points.items() if x not in {b.start for b in buckets})
            assert sum(points.values()) == sum(b.tokens for b in buckets)
        charts.metric_box.setCurrentIndex(charts.metric_box.findData(Metric.REQUESTS))  # redraws what was read
        points = [p.y() for p in charts.minute_series[models[0]].points()]
        assert sum(points) == 3
        days = services.storage.usage_per_day(30)
        assert charts.day_set is not None
        assert [charts.day_set.at(i) for i in range(charts.day_set.count())] == [float(d.requests) for d in days]
        assert charts.speed_series is not None and charts.speed_series.count() >= 4
        assert "without a known price" in charts.cost_label.text()
    finally:
        services.close()


def test_hidden_monitor_does_not_repaint(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]
) -> None:
    services = make_services(emulator, tmp_path)
    panel = make_panel(services)
    signals: CoreSignals = panel.signals  # type: ignore[attr-defined]
    for _ in range(50):
        signals.limits_changed.emit(MODEL)
    QApplication.processEvents()
    # Nothing scheduled, nothing ticking: a hidden panel cannot repaint later either.
    assert not panel._repaint_timer.isActive() and not panel._tick.isActive()
    assert panel.refresh_count == 0 and panel.charts.refresh_count == 0

    panel.show()
    qtbot.waitUntil(panel.isVisible)
    shown = panel.refresh_count
    assert shown >= 1 and panel.charts.refresh_count == 1
    for _ in range(100):
        signals.limits_changed.emit(MODEL)
    qtbot.waitUntil(lambda: panel.refresh_count > shown, timeout=2_000)
    assert panel.refresh_count <= shown + 2  # a burst of 100 changes is one or two repaints, not 100

    panel.hide()
    hidden = panel.refresh_count
    for _ in range(50):
        signals.limits_changed.emit(MODEL)
    QApplication.processEvents()
    assert not panel._repaint_timer.isActive() and not panel._tick.isActive()
    assert panel.refresh_count == hidden


def test_health_check_now(qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]) -> None:
    services = make_services(emulator, tmp_path)
    panel = make_panel(services)
    panel.show()
    panel.tabs.setCurrentWidget(panel.health)
    with qtbot.waitSignal(panel.health.checked, timeout=10_000) as blocker:
        panel.health.check_button.click()
    report = blocker.args[0]
    assert report.reachable and report.key_valid
    assert panel.health.reachable.text() == "yes" and panel.health.latency.text().endswith("ms")


def test_screenshot_while_a_burst_is_paced(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]
) -> None:
    ten_a_minute = ModelLimits({Dimension.RPM: 10, Dimension.RPD: 14400, Dimension.TPM: 6000, Dimension.TPD: 500000})
    emulator.set_limits(MODEL, ten_a_minute)
    services = make_services(emulator, tmp_path)
    services.limiter.set_limits(MODEL, ten_a_minute)
    panel = make_panel(services)
    panel.show()
    handles = [submit(qtbot, services, label=f"burst {i + 1}") for i in range(20)]
    qtbot.waitUntil(lambda: services.scheduler.stats().done >= 10, timeout=15_000)
    qtbot.waitUntil(lambda: panel.stats_label.text().startswith("Queue") and panel.refresh_count > 2)
    stats = services.scheduler.stats()
    assert stats.waiting + stats.queued >= 5
    waiting = [h for h in handles if h.info().state is JobState.WAITING]
    assert waiting and waiting[0].info().wait.dimension is Dimension.RPM
    panel._refresh_live()
    with qtbot.waitSignal(panel.charts.refreshed):
        panel.charts.refresh()
    QApplication.processEvents()  # charts lay their scene out on the next turn of the loop
    save_screenshot(panel, "monitor.png", tmp_path)
    assert not math.isinf(waiting[0].info().wait.wait_seconds)


def test_prices_are_editable_and_used_at_once(
    qtbot: Any, emulator: Any, tmp_path: Path, make_panel: Callable[[Services], MonitorPanel]
) -> None:
    from groq_desktop.app.monitor.price_table import PriceTable

    panel = make_panel(make_services(emulator, tmp_path))
    editor = panel.edit_prices()
    qtbot.addWidget(editor)
    row = editor.row_of("llama-3.1-8b-instant")
    editor.set_value(row, 1, 1.5)
    editor.set_value(row, 2, 2.5)
    editor.save()
    saved = PriceTable.load(panel._prices_path).price_for("llama-3.1-8b-instant")
    assert saved is not None and (saved.input_per_million, saved.output_per_million) == (1.5, 2.5)
    assert panel.prices.price_for("llama-3.1-8b-instant") == saved


def test_health_shows_the_latency_of_recent_requests() -> None:
    from groq_desktop.app.monitor.health_view import recent_latency_text
    from groq_desktop.core.store.storage import UsageRecord

    records = [UsageRecord(at=0, model="m", kind="chat", status=200, total_time=t / 1000, ttft=0.05) for t in range(1, 11)]
    records.append(UsageRecord(at=0, model="m", kind="chat", status=500, total_time=9.0))
    text = recent_latency_text(records)
    assert "10 in the last hour" in text and "median 6 ms" in text and "90% under 10 ms" in text
    assert "first token after 50 ms" in text
    assert recent_latency_text([]) == "no successful requests in the last hour"


def test_health_does_not_count_the_users_stop_as_a_failure(
    qtbot: Any, emulator: Any, tmp_path: Path, event_loop_checked: Any
) -> None:
    from groq_desktop.app.monitor.health_view import HealthView

    services = make_services(emulator, tmp_path)
    try:
        now = time.time()
        for status, code in ((200, None), (200, None), (500, "internal_server_error"), (499, "cancelled"),
                             (499, "cancelled")):
            services.storage.log_usage(UsageRecord(at=now - 60, model=MODEL, kind="chat", status=status,
                                                   error_code=code, total_time=0.2))
        health = HealthView(services, clock=lambda: now)
        qtbot.addWidget(health)
        health.refresh_errors()
        qtbot.waitUntil(lambda: "failed" in health.error_rate.text())
        assert health.error_rate.text() == "1 of 3 requests failed in the last hour (33.3%); 2 stopped"
        assert health.errors_model.rowCount() == 1
        assert health.errors_model.record_at(0).status == 500
    finally:
        services.close()


def test_charts_read_the_totals_off_the_ui_thread_and_keep_counting_pruned_days(
    qtbot: Any, emulator: Any, tmp_path: Path, event_loop_checked: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = make_services(emulator, tmp_path)
    try:
        storage, now = services.storage, time.time()
        # Ten days ago: the raw row is pruned at once (raw rows are kept a day), its minute's totals stay.
        storage.log_usage(UsageRecord(at=now - 10 * 86400, model=MODEL, kind="chat", status=200,
                                      prompt_tokens=2_000_000, completion_tokens=0))
        storage.log_usage(UsageRecord(at=now - 30, model=MODEL, kind="chat", status=200, prompt_tokens=10,
                                      completion_tokens=10, total_time=0.5, ttft=0.1))
        assert [r.at for r in storage.usage_since(0)] == [now - 30]
        readers: set[str] = set()
        real_totals = storage.usage_totals

        def totals(since: float) -> Any:
            readers.add(threading.current_thread().name)
            return real_totals(since)

        monkeypatch.setattr(storage, "usage_totals", totals)
        prices = PriceTable.load()
        charts = UsageCharts(storage, prices, clock=lambda: now)
        qtbot.addWidget(charts)
        with qtbot.waitSignal(charts.refreshed):
            charts.refresh()
        assert readers and threading.main_thread().name not in readers
        assert charts.data is not None
        price = prices.price_for(MODEL)
        assert price is not None
        assert charts.data.month_cost.dollars == pytest.approx(2 * price.input_per_million + price.cost(10, 10, 0))
        assert charts.data.hour_cost.dollars == pytest.approx(price.cost(10, 10, 0))
        assert sum(b.requests for b in charts.data.days) == 2
        assert charts.day_set is not None and sum(charts.day_set.at(i) for i in range(charts.day_set.count())) == 2
    finally:
        services.close()


@pytest.mark.parametrize("dark", [False, True])
def test_meters_are_painted_in_the_themes_colours(qtbot: Any, dark: bool) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

    from groq_desktop.app.appearance import dark_palette
    from groq_desktop.app.monitor.quota_model import MeterDelegate

    palette = dark_palette() if dark else QPalette(QColor("#efefef"), QColor("#f5f5f5"))
    colours = theme.tokens(palette)
    model = QuotaModel()
    model.set_snapshots([snapshot(remaining=6000), snapshot(dimension=Dimension.RPD, limit=100, remaining=10),
                         snapshot(dimension=Dimension.RPM, limit=100, remaining=1)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setPalette(palette)
    delegate = MeterDelegate(view)
    for row, expected in enumerate((colours.success, colours.warning, colours.danger)):
        image = QImage(200, 30, QImage.Format.Format_ARGB32)
        image.fill(colours.surface)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 200, 30)
        option.palette = palette
        option.fontMetrics = view.fontMetrics()
        painter = QPainter(image)
        delegate.paint(painter, option, model.index(row, QuotaColumn.METER))
        painter.end()
        # the bar starts at the left margin, in the middle of the row: the level's colour, from the theme
        assert image.pixelColor(colours.space_m + 3, 15).name() == expected.name(), row
    assert model.index(2, QuotaColumn.REMAINING).data(Qt.ItemDataRole.ForegroundRole) == theme.tokens().danger
