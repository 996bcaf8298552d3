"""Opening a 5,000-message conversation in the chat view, and scrolling through it.

A conversation of 5,000 messages (mixed lengths, some with code) is written to a Storage in a temp
folder, read back and put into ``MessageListModel`` + ``MessageView`` (offscreen, 900x700).

Measured: time from ``set_messages`` to the end of the first paint, then the longest stall while
scrolling to the top and back in steps (events processed after each step), and the RSS growth.
Baseline in the same run: the same messages in a plain QListWidget with ``setWordWrap`` (what a
simple list view does), timed the same way.
Run: ``python -m benchmarks.long_history``.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget  # noqa: E402

from benchmarks.results_file import write_result  # noqa: E402
from groq_desktop.app.chat.message_model import MessageListModel  # noqa: E402
from groq_desktop.app.chat.message_view import MessageView  # noqa: E402
from groq_desktop.core.storage import Message, Storage  # noqa: E402
from groq_desktop.emulator.textgen import reply_pieces  # noqa: E402

MESSAGES = 5000
SCROLL_STEP_PX = 350
SCROLL_STEPS = 150


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def build_history(storage: Storage) -> int:
    rng = random.Random(5)
    conversation = storage.create_conversation("Long chat", "llama-3.3-70b-versatile")
    for i in range(MESSAGES):
        if i % 2 == 0:
            storage.add_message(conversation.id, "user", " ".join(reply_pieces(i, rng.randint(5, 60))))
        else:
            # Emulator replies: prose, lists, tables, some fenced python.
            text = "".join(reply_pieces(i, rng.choice((40, 120, 300, 800))))
            facts = {"ttft": 0.1, "tokens_per_second": 900, "prompt_tokens": 100 + i, "completion_tokens": 300,
                     "request_id": f"req_{i:08d}"}
            storage.add_message(conversation.id, "assistant", text, model="llama-3.3-70b-versatile", facts=facts)
    return conversation.id


def first_paint_ms(app: QApplication, view: QAbstractItemView, load: Callable[[], None]) -> float:
    """From ``load()`` to the end of the viewport's first paint after it."""
    painted: list[float] = []

    class Filter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                view.viewport().removeEventFilter(self)
                view.viewportEvent(event)  # the view's paintEvent, run here so its end can be timed
                painted.append(time.perf_counter())
                return True
            return False

    watcher = Filter()
    view.viewport().installEventFilter(watcher)
    started = time.perf_counter()
    load()
    while not painted:
        app.processEvents()
    return (painted[0] - started) * 1000


def scroll_round_trip(app: QApplication, view: QAbstractItemView) -> tuple[float, int]:
    """Scroll to the top and back to the bottom in steps; the longest step (scroll + events) in ms."""
    bar = view.verticalScrollBar()
    longest = 0.0
    steps = 0
    # Steps of at least half a screen, at most SCROLL_STEPS per direction, so the run stays short.
    step_px = max(SCROLL_STEP_PX, (bar.maximum() - bar.minimum()) // SCROLL_STEPS + 1)
    for direction in (-1, 1):
        while (bar.value() > bar.minimum()) if direction < 0 else (bar.value() < bar.maximum()):
            started = time.perf_counter()
            bar.setValue(bar.value() + direction * step_px)
            app.processEvents()
            view.viewport().repaint()
            app.processEvents()
            longest = max(longest, time.perf_counter() - started)
            steps += 1
            if steps > 20000:
                break
    return longest * 1000, steps


def measure_view(app: QApplication, messages: list[Message]) -> dict[str, object]:
    model = MessageListModel()
    view = MessageView()
    view.setModel(model)
    view.resize(900, 700)
    view.show()
    app.processEvents()
    rss0 = rss_kib()
    first = first_paint_ms(app, view, lambda: model.set_messages(messages))
    for _ in range(5):
        app.processEvents()
    at_bottom = view.is_at_bottom()
    stall, steps = scroll_round_trip(app, view)
    rss1 = rss_kib()
    row = {
        "variant": "MessageView (cached documents, estimated heights)",
        "messages": len(messages),
        "first paint ms": round(first, 1),
        "opened at bottom": at_bottom,
        "scroll steps": steps,
        "longest scroll step ms": round(stall, 1),
        "RSS delta MiB": round((rss1 - rss0) / 1024, 1),
        "documents laid out": view.delegate.layout_count,
    }
    view.close()
    return row


def measure_baseline(app: QApplication, messages: list[Message]) -> dict[str, object]:
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setUniformItemSizes(False)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.resize(900, 700)
    widget.show()
    app.processEvents()
    rss0 = rss_kib()

    def load() -> None:
        widget.addItems([m.content for m in messages])
        widget.scrollToBottom()

    first = first_paint_ms(app, widget, load)
    stall, steps = scroll_round_trip(app, widget)
    rss1 = rss_kib()
    row = {
        "variant": "baseline: QListWidget, plain text, word wrap",
        "messages": len(messages),
        "first paint ms": round(first, 1),
        "opened at bottom": True,
        "scroll steps": steps,
        "longest scroll step ms": round(stall, 1),
        "RSS delta MiB": round((rss1 - rss0) / 1024, 1),
        "documents laid out": 0,
    }
    widget.close()
    return row


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        storage = Storage(Path(folder) / "history.sqlite3")
        started = time.perf_counter()
        conversation_id = build_history(storage)
        built_s = time.perf_counter() - started
        started = time.perf_counter()
        messages = storage.list_messages(conversation_id)
        read_ms = (time.perf_counter() - started) * 1000
        storage.close()
    chars = sum(len(m.content) for m in messages)
    view_row = measure_view(app, messages)
    baseline_row = measure_baseline(app, messages)
    notes = (
        f"{len(messages):,} messages ({chars:,} characters; assistant replies with lists, tables and code) "
        f"read from SQLite in {read_ms:.0f} ms (written in {built_s:.1f} s, not timed below). View 900x700 "
        f"offscreen. First paint: set_messages to the end of the viewport's first paint (target <= 300 ms). "
        f"Scrolling: to the top and back in steps of max({SCROLL_STEP_PX} px, height/{SCROLL_STEPS}); "
        "each step = setValue + events + repaint; its longest is the longest stall. "
        "RSS delta covers loading and the full scroll (documents are kept for at most 200 messages)."
    )
    write_result("long_history", [view_row, baseline_row], notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
