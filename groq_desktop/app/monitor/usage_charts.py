"""Usage over time: per minute (last hour), per day (30 days), reply speed, cost.

Counts and costs come from the per-minute totals, reply speeds from the last hour's raw rows; all of
it is read in a worker thread and drawn on the UI thread.
"""

from __future__ import annotations

import asyncio
import html
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import shiboken6
from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QEvent, QLocale, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from groq_desktop.app import icons, theme
from groq_desktop.app.monitor.price_table import CostEstimate, PriceTable
from groq_desktop.core.store.storage import Storage, UsageBucket, UsageRecord
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

HOUR = 3600.0
MINUTE = 60.0
DAYS = 30


class Metric(StrEnum):
    REQUESTS = QT_TRANSLATE_NOOP("Metric", "Requests")
    TOKENS = QT_TRANSLATE_NOOP("Metric", "Tokens")
    AUDIO_SECONDS = QT_TRANSLATE_NOOP("Metric", "Audio seconds")
    CHARACTERS = QT_TRANSLATE_NOOP("Metric", "Characters read aloud")

    @property
    def label(self) -> str:
        return translate("Metric", self.value)

    def of(self, bucket: UsageBucket) -> float:
        if self is Metric.REQUESTS:
            return float(bucket.requests)
        if self is Metric.TOKENS:
            return float(bucket.tokens)
        if self is Metric.CHARACTERS:
            return float(bucket.characters)
        return float(bucket.audio_seconds)


@dataclass(frozen=True)
class ReplySpeed:
    at: float
    model: str
    tokens_per_second: float | None
    ttft: float | None


@dataclass(frozen=True)
class UsageData:
    """Everything the charts draw, read in one go off the UI thread."""

    now: float
    minutes: dict[str, list[UsageBucket]]  # per model, the last hour
    days: list[UsageBucket]
    speeds: list[ReplySpeed]
    hour_cost: CostEstimate
    month_cost: CostEstimate


def read_usage(storage: Storage, prices: PriceTable, now: float) -> UsageData:
    """Runs in a worker thread: a few small queries on the per-minute totals and the last hour's rows."""
    since = now - HOUR
    hour = storage.usage_totals(since)
    minutes = {t.model: storage.usage_per_minute(since, t.model) for t in hour}
    return UsageData(
        now=now,
        minutes=minutes,
        days=storage.usage_per_day(DAYS),
        speeds=reply_speeds(storage.usage_since(since))[-200:],
        hour_cost=prices.estimate(hour),
        month_cost=prices.estimate(storage.usage_totals(now - DAYS * 86400)),
    )


def minute_points(buckets: list[UsageBucket], metric: Metric, since: float, now: float) -> list[tuple[float, float]]:
    """One point per minute from ``since`` to ``now`` (epoch seconds, value); minutes without use are 0."""
    by_minute = {int(b.start // MINUTE): metric.of(b) for b in buckets}
    first, last = int(since // MINUTE), int(now // MINUTE)
    return [(m * MINUTE, by_minute.get(m, 0.0)) for m in range(first, last + 1)]


def reply_speeds(records: list[UsageRecord]) -> list[ReplySpeed]:
    """Generation speed (completion tokens over the time after the first token) of successful chat replies."""
    speeds: list[ReplySpeed] = []
    for record in records:
        if record.kind != "chat" or record.failed or not record.completion_tokens:
            continue
        tps = None
        if record.total_time:
            generating = record.total_time - (record.ttft or 0.0)
            if generating > 0:
                tps = record.completion_tokens / generating
        speeds.append(ReplySpeed(record.at, record.model, tps, record.ttft))
    return speeds


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick interval (1, 2 or 5 times a power of ten) giving about ``ticks`` intervals up to ``top``."""
    raw = max(top, 1e-9) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)


def round_axis(axis: QValueAxis, top: float, *, whole: bool = False) -> None:
    """0 to a round number above ``top``, with ticks at round numbers (whole numbers for counts of things)."""
    step = nice_step(top)
    if whole:
        step = max(1.0, math.ceil(step))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0.0)
    axis.setTickInterval(step)
    axis.setRange(0.0, max(step, math.ceil(top / step - 1e-9) * step))
    axis.setLabelFormat("%.0f" if step >= 1 else "%.1f" if step >= 0.1 else "%.2f")


TIME_TICK_SECONDS = 600.0  # the last hour's time axis ticks every 10 minutes, on the clock's round times
NARROW_CHART_PX = 420


def unbreakable(text: str) -> str:
    """Lines break between legend entries, never inside an id (at its hyphens or slashes)."""
    return text.replace("-", "\u2011").replace("/", "/\u2060")


def legend_html(entries: list[tuple[str, str]]) -> str:
    """Full names with their colour swatch, as one wrapping line (a chart's own legend elides long ids)."""
    return " &nbsp; ".join(
        f"<span style='color:{colour}'>&#9632;</span>&nbsp;{unbreakable(html.escape(name))}" for name, colour in entries
    )


def _day_label(epoch: float) -> str:
    """Day and month in the locale's order (12/31, 31.12)."""
    date = QDateTime.fromSecsSinceEpoch(int(epoch)).date()
    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return QLocale().toString(date, "MM/dd" if short.find("M") < short.find("d") else "dd.MM")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    space = theme.tokens().space_s
    chart.setMargins(QMargins(space, space, space, space))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(180)
    return view


class UsageCharts(QWidget):
    """Redrawn only by ``refresh()``; the monitor calls it at most every few seconds, and only when visible."""

    refreshed = Signal()  # after a refresh's data is drawn

    def __init__(
        self,
        storage: Storage,
        prices: PriceTable,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._storage = storage
        self._prices = prices
        self._clock = clock
        self.refresh_count = 0
        self.minute_series: dict[str, QLineSeries] = {}
        self.day_set: QBarSet | None = None
        self.speed_series: QScatterSeries | None = None
        self.ttft_series: QScatterSeries | None = None
        self.data: UsageData | None = None
        self._reading: asyncio.Future[None] | None = None
        self._read_again = False

        self.metric_box = QComboBox()  # not "metric": that name would override QWidget.metric() and crash painting
        for metric in Metric:
            self.metric_box.addItem(metric.label, metric)
        self.metric_box.setToolTip(translate("UsageCharts", "What the charts count"))
        self.metric_box.currentIndexChanged.connect(lambda _i: self._draw())
        self.cost_label = QLabel()
        self.cost_label.setWordWrap(True)
        self.cost_label.setProperty("role", "caption")
        self.edit_prices_button = QPushButton(icons.icon("edit"), translate("UsageCharts", "Edit prices…"))
        self.edit_prices_button.setToolTip(
            translate("UsageCharts", "Change the estimated price per model (saved as prices.json)"))
        self.cost_label.setToolTip(
            translate("UsageCharts", "Estimated from the editable price table (prices.json); Groq's bill is the truth.")
            + "\n" + prices.note
        )

        self.minute_chart = _chart(translate("UsageCharts", "Per minute, last hour"))
        self.minute_chart.legend().setVisible(False)  # the list below names each model in full
        self.minute_legend = QLabel()
        self.minute_legend.setWordWrap(True)
        self.minute_legend.setTextFormat(Qt.TextFormat.RichText)
        self.day_chart = _chart(translate("UsageCharts", "Per day, last 30 days"))
        self.speed_chart = _chart(translate("UsageCharts", "Recent replies: tokens/s and time to first token"))
        tabs = QTabWidget()
        minute_page = QWidget()
        minute_layout = QVBoxLayout(minute_page)
        minute_layout.setContentsMargins(0, 0, 0, theme.tokens().space_s)
        minute_layout.addWidget(_view(self.minute_chart), 1)
        minute_layout.addWidget(self.minute_legend)
        tabs.addTab(minute_page, translate("UsageCharts", "Last hour"))
        tabs.addTab(_view(self.day_chart), translate("UsageCharts", "30 days"))
        tabs.addTab(_view(self.speed_chart), translate("UsageCharts", "Speed"))
        self.tabs = tabs

        top = QHBoxLayout()
        show_label = QLabel(translate("UsageCharts", "&Show:"))
        show_label.setBuddy(self.metric_box)
        top.addWidget(show_label)
        top.addWidget(self.metric_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost_label, 1)
        cost_row.addWidget(self.edit_prices_button)
        layout.addLayout(cost_row)
        QWidget.setTabOrder(self.metric_box, tabs)
        QWidget.setTabOrder(tabs, self.edit_prices_button)
        self._apply_theme()

    def prices_changed(self) -> None:
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme was switched in Settings
            self._apply_theme()
            self._draw()  # a chart theme resets series colours: the legend list follows

    def _apply_theme(self) -> None:
        """Qt's light or dark chart theme for the series colours, then the app's surface, text and lines."""
        colours = theme.tokens(self.palette())
        chart_theme = QChart.ChartTheme.ChartThemeDark if colours.dark else QChart.ChartTheme.ChartThemeLight
        for chart in (self.minute_chart, self.day_chart, self.speed_chart):
            chart.setTheme(chart_theme)
            chart.setBackgroundBrush(colours.surface)
            chart.setBackgroundPen(QPen(colours.border))
            chart.setBackgroundRoundness(colours.radius)
            chart.setTitleBrush(colours.text)
            chart.legend().setLabelColor(colours.text)
            for axis in chart.axes():
                self._style_axis(axis)

    def _style_axis(self, axis: QAbstractAxis) -> None:
        colours = theme.tokens(self.palette())
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * colours.caption_scale)
        axis.setLabelsFont(font)
        axis.setTitleFont(font)
        axis.setLabelsBrush(colours.muted_text)
        axis.setTitleBrush(colours.muted_text)
        axis.setLinePen(QPen(colours.border))
        axis.setGridLineColor(colours.border)

    def current_metric(self) -> Metric:
        return Metric(self.metric_box.currentData())

    def refresh(self) -> None:
        """Read in a worker thread, then draw; asked again while reading, it reads once more after."""
        self.refresh_count += 1
        if self._reading is not None:
            self._read_again = True
            return
        self._reading = asyncio.ensure_future(self._read_and_draw())

    async def _read_and_draw(self) -> None:
        try:
            while True:
                self._read_again = False
                data = await asyncio.to_thread(read_usage, self._storage, self._prices, self._clock())
                if not self._read_again:
                    break
        except Exception:  # a failed read must not kill the panel; the next refresh tries again
            log.exception("reading the usage totals failed")
            return
        finally:
            self._reading = None
        if not shiboken6.isValid(self):  # closed while reading
            return
        self.data = data
        self._draw()
        self.refreshed.emit()

    def _draw(self) -> None:
        data = self.data
        if data is None:
            return
        since = data.now - HOUR
        self._fill_minutes(data.minutes, since, data.now)
        self._fill_days(data.days)
        self._fill_speeds(data.speeds)
        self.cost_label.setText(translate(
            "UsageCharts", "Estimated cost (from the editable price table): last hour {hour}, last {days} days {month}"
        ).format(hour=data.hour_cost.text(), days=DAYS, month=data.month_cost.text()))

    def _axes(self, chart: QChart, x_axis: QAbstractAxis, *y_axes: tuple[QValueAxis, Qt.AlignmentFlag]) -> None:
        """Axes are made once per chart: rebuilding them each refresh leaves stale ones painted."""
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self._style_axis(x_axis)
        for axis, side in y_axes:
            axis.setLabelFormat("%.0f")
            chart.addAxis(axis, side)
            self._style_axis(axis)

    def _fill_minutes(self, minutes: dict[str, list[UsageBucket]], since: float, now: float) -> None:
        models = sorted(minutes)
        chart, metric = self.minute_chart, self.current_metric()
        if not chart.axes():
            self._minute_x, self._minute_y = QDateTimeAxis(), QValueAxis()
            self._minute_x.setFormat("HH:mm")  # short enough for ticks every 10 minutes
            self._axes(chart, self._minute_x, (self._minute_y, Qt.AlignmentFlag.AlignLeft))
        self._time_axis(since, now)
        for model in [m for m in self.minute_series if m not in models]:
            chart.removeSeries(self.minute_series.pop(model))
        top = 1.0
        for model in models:
            series = self.minute_series.get(model)
            if series is None:
                series = QLineSeries()
                series.setName(model)
                chart.addSeries(series)
                series.attachAxis(self._minute_x)
                series.attachAxis(self._minute_y)
                self.minute_series[model] = series
            points = minute_points(minutes[model], metric, since, now)
            series.replace([QPointF(at * 1000.0, value) for at, value in points])
            top = max([top] + [value for _at, value in points])
        round_axis(self._minute_y, max(top, 4.0), whole=metric is not Metric.AUDIO_SECONDS)
        self.minute_legend.setText(legend_html([(m, self.minute_series[m].color().name()) for m in models]))

    def _time_axis(self, since: float, now: float) -> None:
        """Ticks every 10 minutes, or 20 in a narrow pane, where 7 clock times would be cut to "1…"."""
        step = TIME_TICK_SECONDS if self.width() >= NARROW_CHART_PX else 2 * TIME_TICK_SECONDS
        start = math.floor(since / step) * step
        end = math.ceil(now / step) * step
        self._minute_x.setTickCount(int(round((end - start) / step)) + 1)
        self._minute_x.setRange(QDateTime.fromSecsSinceEpoch(int(start)), QDateTime.fromSecsSinceEpoch(int(end)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.data is not None and self.minute_chart.axes():
            self._time_axis(self.data.now - HOUR, self.data.now)

    def _fill_days(self, buckets: list[UsageBucket]) -> None:
        chart, metric = self.day_chart, self.current_metric()
        if self.day_set is None:
            self.day_set = QBarSet(metric.label)
            series = QBarSeries()
            series.append(self.day_set)
            chart.addSeries(series)
            self._day_x, self._day_y = QBarCategoryAxis(), QValueAxis()
            self._axes(chart, self._day_x, (self._day_y, Qt.AlignmentFlag.AlignLeft))
            series.attachAxis(self._day_x)
            series.attachAxis(self._day_y)
            chart.legend().setVisible(False)
        self.day_set.setLabel(metric.label)
        self.day_set.setColor(theme.tokens(self.palette()).accent)
        self.day_set.setBorderColor(theme.tokens(self.palette()).accent)
        self.day_set.remove(0, self.day_set.count())
        self.day_set.append([metric.of(b) for b in buckets])
        self._day_x.clear()
        self._day_x.append([_day_label(b.start + 1) for b in buckets] or [translate("UsageCharts", "today")])
        round_axis(self._day_y, max([metric.of(b) for b in buckets] + [4.0]), whole=metric is not Metric.AUDIO_SECONDS)

    def _fill_speeds(self, speeds: list[ReplySpeed]) -> None:
        chart = self.speed_chart
        if self.speed_series is None or self.ttft_series is None:
            self.speed_series, self.ttft_series = QScatterSeries(), QScatterSeries()
            self.speed_series.setName(translate("UsageCharts", "tokens/s"))
            self.ttft_series.setName(translate("UsageCharts", "time to first token (ms)"))
            self._speed_x, self._tps_axis, self._ttft_axis = QValueAxis(), QValueAxis(), QValueAxis()
            self._speed_x.setLabelFormat("%.0f")
            self._speed_x.setTitleText(translate("UsageCharts", "reply (oldest → newest)"))
            self._tps_axis.setTitleText(translate("UsageCharts", "tokens/s"))
            self._ttft_axis.setTitleText(translate("UsageCharts", "ms"))
            self._axes(chart, self._speed_x, (self._tps_axis, Qt.AlignmentFlag.AlignLeft),
                       (self._ttft_axis, Qt.AlignmentFlag.AlignRight))
            for series, axis in ((self.speed_series, self._tps_axis), (self.ttft_series, self._ttft_axis)):
                series.setMarkerSize(7)
                chart.addSeries(series)
                series.attachAxis(self._speed_x)
                series.attachAxis(axis)
        tps = [QPointF(i, s.tokens_per_second) for i, s in enumerate(speeds) if s.tokens_per_second is not None]
        ttft = [QPointF(i, s.ttft * 1000) for i, s in enumerate(speeds) if s.ttft is not None]
        colours = theme.tokens(self.palette())
        self.speed_series.setColor(colours.accent)
        self.speed_series.setBorderColor(colours.accent)
        self.ttft_series.setColor(colours.link)
        self.ttft_series.setBorderColor(colours.link)
        self.speed_series.replace(tps)
        self.ttft_series.replace(ttft)
        round_axis(self._speed_x, max(1, len(speeds) - 1), whole=True)
        round_axis(self._tps_axis, max([p.y() for p in tps] + [1.0]))
        round_axis(self._ttft_axis, max([p.y() for p in ttft] + [1.0]))
