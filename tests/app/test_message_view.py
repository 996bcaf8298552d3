"""MessageView + MessageDelegate: caching, clicks, find, countdown, context menu, screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextDocument
from PySide6.QtWidgets import QStyleOptionViewItem

from groq_desktop.app.chat.message_delegate import facts_text, waiting_text
from groq_desktop.app.chat.message_model import MessageListModel, Waiting
from groq_desktop.app.chat.message_view import MessageView
from tests.app.test_message_model import make_message

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
REQUEST_ID = "req_01abcdef0123456789"
FACTS = {"ttft": 0.12, "tokens_per_second": 1234, "prompt_tokens": 512, "completion_tokens": 2048,
         "queue_time": 0.012, "request_id": REQUEST_ID}
CODE = 'with open("notes.txt", encoding="utf-8") as f:\n    for line in f:\n        print(line.rstrip())\n'
ANSWER = (
    "Use a `with` block so the file is closed for you:\n\n```python\n" + CODE + "```\n\n"
    "- Iterating the file object reads **one line** at a time.\n- `rstrip()` drops the newline.\n\n"
    "| Mode | Meaning |\n|---|---|\n| `r` | read |\n| `w` | write |\n"
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def demo_conversation() -> list[Any]:
    return [
        make_message(1, "user", "How do I read a file line by line in Python? Keep it **short**."),
        make_message(2, "assistant", ANSWER, model="llama-3.3-70b-versatile", facts=FACTS,
                     reasoning="The user wants a minimal example. A context manager is the idiomatic answer."),
        make_message(3, "user", "And in Go?"),
        make_message(4, "assistant", "", status="waiting", model="llama-3.3-70b-versatile"),
        make_message(5, "user", "Summarise this 300-page PDF."),
        make_message(6, "assistant", "Here is the start of", status="error", model="llama-3.3-70b-versatile",
                     error="Rate limit reached for model llama-3.3-70b-versatile (TPM).",
                     facts={"error_hint": "Wait a few seconds or switch to a model with a higher limit.",
                            "request_id": "req_01xyz987"}),
    ]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def chat(qtbot, clock: FakeClock) -> tuple[MessageListModel, MessageView]:  # type: ignore[no-untyped-def]
    model = MessageListModel(flush_ms=10)
    view = MessageView(clock=clock)
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_messages(demo_conversation())
    model.set_waiting(4, "TPM", clock.now + 12)
    view.resize(900, 1000)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paint every visible row once
    view.settle_layout()
    return model, view


def row_rect(view: MessageView, message_id: int) -> QRect:
    model = view.message_model()
    return view.visualRect(model.index(model.row_of(message_id), 0))


def anchor_point(doc: QTextDocument, href: str) -> QPoint:
    """Where in ``doc`` the link ``href`` is drawn."""
    block = doc.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                position = fragment.position() - block.position() + 1
                line = block.layout().lineForTextPosition(position)
                top = doc.documentLayout().blockBoundingRect(block).topLeft()
                return QPoint(int(top.x() + line.cursorToX(position)[0]), int(top.y() + line.y() + line.height() / 2))
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {href}")


def click(qtbot, view: MessageView, point: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_finished_rows_are_not_laid_out_again_while_another_row_streams(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    # A scrollbar appearing would change the width, which rightly re-lays out every visible row.
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    model.append(make_message(7, "user", "Next question"))
    model.append(make_message(8, "assistant", "", status="streaming"))
    view.grab()
    delegate = view.delegate
    before = dict(delegate.layouts_by_id)
    assert before[2] > 0
    for i in range(6):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            model.append_stream(8, f"Paragraph {i} with some words.\n\n- item\n\n```py\nx = {i}\n```\n\n")
        view.grab()
    after = delegate.layouts_by_id
    for message_id in (1, 2, 3, 5, 6, 7):
        assert after[message_id] == before.get(message_id, 0), message_id
    assert after[8] > before.get(8, 0)
    # The streaming reply's finished blocks were frozen into documents that are kept, not re-set.
    streaming = delegate.content_documents(8)
    assert len(streaming) >= 1
    assert "x = 5" in "".join(doc.toPlainText() for doc in streaming)


def test_code_block_copy_button_puts_the_code_on_the_clipboard(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    view.scroll_to_message(2)
    view.grab()
    layout = view.delegate.row_layout(model.index(1, 0))
    docs = view.delegate.content_documents(2)
    for doc, offset in zip(docs, layout.doc_offsets, strict=False):
        if "copy:0" in doc.toHtml():
            point = anchor_point(doc, "copy:0") + layout.content_origin + QPoint(0, offset) + row_rect(view, 2).topLeft()
            break
    else:
        raise AssertionError("no code block document")
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(view.code_copied, timeout=1000) as blocker:
        click(qtbot, view, point)
    assert blocker.args == [2, 0]
    assert QGuiApplication.clipboard().text() == CODE
    # "Copied" shows where the click was, for a moment.
    assert view.toast.isVisible() and view.toast.text() == "Copied"
    assert view.toast.geometry().adjusted(-60, -60, 60, 60).contains(point)
    qtbot.waitUntil(lambda: not view.toast.isVisible(), timeout=3000)


def test_reasoning_section_toggles_on_click(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    message = model.message_by_id(2)
    assert message is not None
    delegate = view.delegate
    assert not delegate.reasoning_expanded(message)  # collapsed: the answer exists
    collapsed = delegate.row_layout(model.index(1, 0))
    assert collapsed.reasoning_doc is None
    header = collapsed.reasoning_header
    assert header is not None
    click(qtbot, view, header.center() + row_rect(view, 2).topLeft())
    assert delegate.reasoning_expanded(message)
    expanded = delegate.row_layout(model.index(1, 0))
    assert expanded.reasoning_doc is not None
    assert "context manager" in expanded.reasoning_doc.toPlainText()
    assert expanded.height > collapsed.height
    qtbot.waitUntil(lambda: row_rect(view, 2).height() == expanded.height, timeout=2000)
    click(qtbot, view, header.center() + row_rect(view, 2).topLeft())
    assert not delegate.reasoning_expanded(message)


def test_reasoning_is_open_while_only_reasoning_has_arrived(chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    model.append(make_message(9, "assistant", "", status="streaming", reasoning="Thinking about it"))
    message = model.message_by_id(9)
    assert message is not None and view.delegate.reasoning_expanded(message)


def test_facts_line_shows_the_facts_and_copies_the_request_id(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    text, request_id = facts_text("llama-3.3-70b-versatile", FACTS)
    assert text == "llama-3.3-70b-versatile · TTFT 120 ms · 1,234 tok/s · 512 in / 2,048 out · Groq queue 12 ms"
    assert request_id == REQUEST_ID
    layout = view.delegate.row_layout(model.index(1, 0))
    assert layout.facts is not None and "TTFT 120 ms" in layout.facts[1]
    assert layout.request_id is not None and layout.request_id[1] == "req_01abcd…"
    view.scroll_to_message(2)
    with qtbot.waitSignal(view.request_id_copied, timeout=1000) as blocker:
        click(qtbot, view, layout.request_id[0].center() + row_rect(view, 2).topLeft())
    assert blocker.args == [REQUEST_ID]
    assert QGuiApplication.clipboard().text() == REQUEST_ID


def test_waiting_countdown_counts_down_and_cancel_emits(qtbot, chat, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    assert view.waiting_text(4) == "Waiting for tokens-per-minute quota — 12 s"
    assert view.countdown_active
    painted: list[int] = []
    view.delegate.on_paint = painted.append
    clock.now += 1
    view._tick_countdown()
    qtbot.waitUntil(lambda: 4 in painted, timeout=2000)
    assert view.waiting_text(4) == "Waiting for tokens-per-minute quota — 11 s"
    layout = view.delegate.row_layout(model.index(model.row_of(4), 0))
    assert layout.cancel_button is not None
    with qtbot.waitSignal(view.cancel_requested, timeout=1000) as blocker:
        click(qtbot, view, layout.cancel_button.center() + row_rect(view, 4).topLeft())
    assert blocker.args == [4]
    model.set_waiting(4, None, None)
    assert view.waiting_text(4) is None
    assert not view.countdown_active


def test_waiting_text_names_the_dimension_or_keeps_the_reason() -> None:
    assert waiting_text(Waiting("RPM: 30 of 30 used", 10.0), 0.0) == "Waiting for requests-per-minute quota — 10 s"
    assert waiting_text(Waiting("Queued behind 2 requests", None), 0.0) == "Queued behind 2 requests"
    assert waiting_text(Waiting("TPM", 5.0), 9.0).endswith("— 0 s")


def test_error_reply_has_a_retry_button(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    layout = view.delegate.row_layout(model.index(model.row_of(6), 0))
    assert layout.error_text is not None and "Rate limit" in layout.error_text[1]
    assert layout.hint_text is not None and "higher limit" in layout.hint_text[1]
    assert layout.retry_button is not None
    view.scroll_to_message(6)
    with qtbot.waitSignal(view.retry_requested, timeout=1000) as blocker:
        click(qtbot, view, layout.retry_button.center() + row_rect(view, 6).topLeft())
    assert blocker.args == [6]


def test_find_text_selects_and_scrolls_to_matches(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel()
    view = MessageView()
    qtbot.addWidget(view)
    view.setModel(model)
    filler = "Some ordinary words in a paragraph.\n\n" * 4
    messages = [make_message(i, "user" if i % 2 else "assistant", filler) for i in range(1, 61)]
    messages[9] = make_message(10, "assistant", filler + "The zebra crossing.")
    messages[39] = make_message(40, "assistant", "A ZEBRA again.\n\n" + filler)
    model.set_messages(messages)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.scroll_to_bottom()

    def visible(message_id: int) -> bool:
        return row_rect(view, message_id).intersects(view.viewport().rect())

    assert view.find_text("zebra")
    assert view.currentIndex().row() == 9
    qtbot.waitUntil(lambda: visible(10), timeout=2000)
    assert view.delegate.find_term == "zebra"
    assert view.find_text("zebra")
    assert view.currentIndex().row() == 39
    qtbot.waitUntil(lambda: visible(40), timeout=2000)
    assert view.find_text("zebra", backwards=True)
    assert view.currentIndex().row() == 9
    assert not view.find_text("giraffe")
    assert view.currentIndex().row() == 9


def test_context_menu_actions_emit_the_right_signals(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    model.append(make_message(7, "assistant", "Last **answer**", facts={"request_id": "req_last"}))

    def actions(message_id: int) -> dict[str, Any]:
        return {action.text(): action for action in view.context_actions(message_id)}

    user_actions = actions(1)
    assert list(user_actions) == ["Copy as Markdown", "Copy as plain text", "Edit"]
    assert user_actions["Copy as Markdown"].shortcut().toString() == "Ctrl+C"
    with qtbot.waitSignal(view.edit_requested, timeout=1000) as blocker:
        user_actions["Edit"].trigger()
    assert blocker.args == [1]

    assert "Regenerate" not in actions(2)  # not the last assistant reply
    last = actions(7)
    assert "Regenerate" in last and "Edit" not in last and "Retry" not in last
    with qtbot.waitSignal(view.regenerate_requested, timeout=1000) as blocker:
        last["Regenerate"].trigger()
    assert blocker.args == [7]
    with qtbot.waitSignal(view.copy_requested, timeout=1000) as blocker:
        last["Copy as Markdown"].trigger()
    assert blocker.args == [7, "markdown"]
    assert QGuiApplication.clipboard().text() == "Last **answer**"
    with qtbot.waitSignal(view.copy_requested, timeout=1000) as blocker:
        last["Copy as plain text"].trigger()
    assert blocker.args == [7, "text"]
    assert QGuiApplication.clipboard().text().strip() == "Last answer"
    with qtbot.waitSignal(view.request_id_copied, timeout=1000) as blocker:
        last["Copy request id"].trigger()
    assert blocker.args == ["req_last"]

    with qtbot.waitSignal(view.retry_requested, timeout=1000) as blocker:
        actions(6)["Retry"].trigger()
    assert blocker.args == [6]


def test_streaming_follows_the_bottom_only_when_the_user_is_there(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    view.resize(700, 300)
    model.append(make_message(8, "assistant", "", status="streaming"))
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300, timeout=2000)
    view.scroll_to_bottom()
    for i in range(5):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            model.append_stream(8, f"Line {i} of a growing reply with enough words to take space.\n\n")
        qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)
    assert view.stick_to_bottom
    bar.setValue(0)
    assert not view.stick_to_bottom
    with qtbot.waitSignal(model.flushed, timeout=2000):
        model.append_stream(8, "More text.\n\n" * 10)
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    view.grab()
    assert bar.value() == 0


def _dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1e1f22", QPalette.ColorRole.Base: "#17181b",
        QPalette.ColorRole.AlternateBase: "#222326", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.WindowText: "#e6e6e6", QPalette.ColorRole.Button: "#2b2d31",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7eff",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8ab4ff",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("name,dark", [("chat_messages", False), ("chat_messages_dark", True)])
def test_screenshot(qtbot, clock: FakeClock, name: str, dark: bool) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel()
    view = MessageView(clock=clock)
    qtbot.addWidget(view)
    if dark:
        view.setPalette(_dark_palette())
    view.setModel(model)
    model.set_messages(demo_conversation())
    model.set_waiting(4, "TPM", clock.now + 12)
    view.resize(900, 760)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    view.scrollToTop()
    view.settle_layout()
    image = view.grab().toImage()
    assert not image.isNull()
    base = view.palette().color(QPalette.ColorRole.Base)
    assert image.pixelColor(5, image.height() - 5) == base
    if os.environ.get("GROQ_DESKTOP_SCREENSHOTS"):  # refresh the README's pictures only when asked
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        image.save(str(SCREENSHOTS / f"{name}.png"))


# --- long conversations: cheap re-flows, deferred height corrections, layout budget --------------


def long_conversation(count: int) -> list[Any]:
    paragraph = "Some words that wrap over a few lines in the bubble. " * 6
    return [make_message(i, "user" if i % 2 else "assistant", f"Message {i}.\n\n{paragraph * (1 + i % 4)}")
            for i in range(1, count + 1)]


@pytest.fixture
def long_chat(qtbot) -> tuple[MessageListModel, MessageView]:  # type: ignore[no-untyped-def]
    model = MessageListModel(flush_ms=10)
    view = MessageView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    model.set_messages(long_conversation(120))
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    qtbot.waitUntil(lambda: not view.reflow_pending, timeout=3000)
    return model, view


def count_size_hints(monkeypatch, view: MessageView) -> list[int]:  # type: ignore[no-untyped-def]
    """Rows whose size hint the delegate computed (not answered from its cache)."""
    computed: list[int] = []
    original = view.delegate._size_hint

    def counting(index: Any) -> Any:
        computed.append(index.row())
        return original(index)

    monkeypatch.setattr(view.delegate, "_size_hint", counting)
    return computed


def test_a_reflow_answers_size_hints_from_the_cache(monkeypatch, long_chat) -> None:  # type: ignore[no-untyped-def]
    model, view = long_chat
    computed = count_size_hints(monkeypatch, view)
    view.doItemsLayout()
    assert computed == []
    model.update(make_message(5, "user", "Changed text"))
    view.doItemsLayout()
    assert computed == [model.row_of(5)]


def test_exact_heights_outlive_evicted_documents(monkeypatch, long_chat) -> None:  # type: ignore[no-untyped-def]
    model, view = long_chat
    delegate = view.delegate
    index = model.index(model.rowCount() - 1, 0)
    exact = delegate.row_layout(index).height
    monkeypatch.setattr("groq_desktop.app.chat.message_delegate.CONTENT_CACHE_SIZE", 0)
    delegate._evict()
    delegate._hints.clear()
    assert delegate.content_documents(model.message(index.row()).id) == []
    assert delegate.sizeHint(QStyleOptionViewItem(), index).height() == exact
    assert model.message(index.row()).id not in delegate._estimated


def test_heights_learnt_while_scrolling_wait_for_a_pause_and_keep_the_top_row(qtbot, long_chat) -> None:  # type: ignore[no-untyped-def]
    model, view = long_chat
    bar = view.verticalScrollBar()
    # The user scrolls up into rows never painted: their exact heights replace the estimates.
    reflows = view.reflow_count
    bar.setValue(bar.value() - 3 * view.viewport().height())
    view.viewport().repaint()
    assert view.reflow_pending
    assert view.reflow_count == reflows
    anchor = view.indexAt(QPoint(1, 1))
    top = view.visualRect(anchor).top()
    view.reflow()
    assert view.reflow_count == reflows + 1
    assert not view.reflow_pending
    assert view.indexAt(QPoint(1, 1)) == anchor
    assert view.visualRect(anchor).top() == top
    # After the re-flow the rows laid out while scrolling have their exact heights.
    exact = [i for i in view.visible_indexes() if model.message(i.row()).id in view.delegate._rows]
    assert exact
    for index in exact:
        assert view.visualRect(index).height() == view.delegate.row_layout(index).height


def test_while_scrolling_a_paint_lays_out_rows_within_a_budget(qtbot, monkeypatch, long_chat) -> None:  # type: ignore[no-untyped-def]
    model, view = long_chat
    monkeypatch.setattr("groq_desktop.app.chat.message_delegate.LAYOUT_BUDGET_S", 0.0)
    delegate = view.delegate
    delegate.limit_layouts = lambda: True
    delegate.forget()
    view.doItemsLayout()
    laid_out = delegate.layout_count
    view.viewport().repaint()
    visible = view.visible_indexes()
    assert len(visible) >= 2
    # Only the first row of the time window was laid out; the others were drawn as placeholders...
    assert delegate.deferred_rows >= 1
    assert len(delegate._rows) < len(visible)
    # ...and are finished by later paints.
    qtbot.waitUntil(lambda: all(model.message(i.row()).id in delegate._rows for i in view.visible_indexes()),
                    timeout=5000)
    assert delegate.layout_count > laid_out


def test_streaming_into_a_long_list_throttles_reflows(qtbot, monkeypatch, long_chat) -> None:  # type: ignore[no-untyped-def]
    model, view = long_chat
    monkeypatch.setattr("groq_desktop.app.chat.message_view.LARGE_LIST_ROWS", 10)
    model.append(make_message(999, "assistant", "", status="streaming"))
    view.scroll_to_bottom()
    view.grab()
    qtbot.waitUntil(lambda: not view.reflow_pending, timeout=3000)
    layouts: list[int] = []
    original = view.delegate.flow_started

    def counting() -> None:
        layouts.append(1)
        original()

    monkeypatch.setattr(view.delegate, "flow_started", counting)
    for i in range(8):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            model.append_stream(999, f"Line {i} of the reply.\n\n")
    # Eight height changes, but the list was re-measured on a timer, not once per change.
    assert view.reflow_pending
    assert len(layouts) < 8
    index = model.index(model.row_of(999), 0)
    qtbot.waitUntil(lambda: not view.reflow_pending, timeout=3000)
    assert view.visualRect(index).height() == view.delegate.row_layout(index).height
    assert view.is_at_bottom()


def test_keyboard_edit_and_plain_copy_do_not_clash_with_the_window(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    keys = {a.shortcut().toString() for a in view.actions()}
    assert "Ctrl+Shift+C" not in keys  # the window's "copy last reply"
    assert {"Ctrl+C", "Ctrl+Alt+C", "Ctrl+E"} <= keys
    edit = next(a for a in view.actions() if a.shortcut().toString() == "Ctrl+E")
    view.setCurrentIndex(model.index(model.row_of(1), 0))  # a user message
    with qtbot.waitSignal(view.edit_requested, timeout=1000) as blocker:
        edit.trigger()
    assert blocker.args == [1]
    view.setCurrentIndex(model.index(model.row_of(2), 0))  # an assistant reply: nothing to edit
    with qtbot.assertNotEmitted(view.edit_requested):
        edit.trigger()


def test_a_long_reply_keeps_its_start_in_view_and_finishing_does_not_jump(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    view.resize(700, 400)
    model.append(make_message(7, "user", "Explain everything, at length."))
    model.append(make_message(8, "assistant", "", status="streaming"))
    view.follow_reply(8)
    bar = view.verticalScrollBar()
    for i in range(12):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            model.append_stream(8, f"Paragraph {i} of a long answer, with enough words to wrap a line or two.\n\n" * 3)
        view.grab()
    qtbot.waitUntil(lambda: bar.maximum() > bar.value() + 200, timeout=2000)
    top = row_rect(view, 8).top()
    assert 0 <= top < view.viewport().height() // 2  # the reply's start is in view, not scrolled away
    assert row_rect(view, 7).bottom() >= 0  # and the end of the question above it
    finished = make_message(8, "assistant", model.message_by_id(8).content, facts=FACTS)
    model.update(finished)
    view.grab()
    qtbot.wait(50)  # let any queued re-flow run: the view must not jump to the end
    assert row_rect(view, 8).top() == top and bar.value() < bar.maximum()


def test_the_stream_is_followed_again_once_the_user_scrolls_to_the_end(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    view.resize(700, 400)
    model.append(make_message(8, "assistant", "", status="streaming"))
    view.follow_reply(8)
    bar = view.verticalScrollBar()
    with qtbot.waitSignal(model.flushed, timeout=2000):
        model.append_stream(8, "A long first part.\n\n" * 40)
    view.grab()
    qtbot.waitUntil(lambda: bar.maximum() > bar.value() + 200, timeout=2000)
    bar.setValue(bar.maximum())  # the user scrolls to the end
    assert view.followed_reply is None and view.stick_to_bottom
    for i in range(3):
        with qtbot.waitSignal(model.flushed, timeout=2000):
            model.append_stream(8, f"More {i}.\n\n" * 5)
        qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)


def bar_point(view: MessageView, message_id: int, label: str) -> QPoint:
    model = view.message_model()
    index = model.index(model.row_of(message_id), 0)
    button = next(b for b in view.delegate.action_bar(index) if b.label == label)
    return button.rect.center() + view.visualRect(index).topLeft()


def test_hovering_a_message_shows_copy_edit_regenerate_and_they_work(qtbot, chat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import save_screenshot

    model, view = chat
    view.resize(900, 1000)
    view.scroll_to_message(1)
    view.grab()
    view.selectionModel().clearCurrentIndex()
    assert view.action_bar_ids() == frozenset()
    user_point = row_rect(view, 1).center()
    qtbot.mouseMove(view.viewport(), user_point)
    qtbot.waitUntil(lambda: view.action_bar_ids() == {1}, timeout=1000)
    index = model.index(0, 0)
    assert [b.label for b in view.delegate.action_bar(index)] == ["Copy", "Edit"]
    with qtbot.waitSignal(view.edit_requested, timeout=1000) as edited:
        click(qtbot, view, bar_point(view, 1, "Edit"))
    assert edited.args == [1]
    # A reply: Copy, and Regenerate only on the last one.
    qtbot.mouseMove(view.viewport(), row_rect(view, 2).center())
    qtbot.waitUntil(lambda: view.action_bar_ids() == {2}, timeout=1000)
    assert [b.label for b in view.delegate.action_bar(model.index(1, 0))] == ["Copy"]
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(view.copy_requested, timeout=1000):
        click(qtbot, view, bar_point(view, 2, "Copy"))
    assert QGuiApplication.clipboard().text() == ANSWER
    assert view.toast.isVisible() and view.toast.text() == "Copied"
    save_screenshot(view, "chat_hover_actions.png", tmp_path)
    qtbot.waitUntil(lambda: not view.toast.isVisible(), timeout=3000)  # gone after a moment
    qtbot.mouseMove(view.viewport(), row_rect(view, 6).center())
    qtbot.waitUntil(lambda: view.action_bar_ids() == {6}, timeout=1000)
    with qtbot.waitSignal(view.regenerate_requested, timeout=1000) as regenerated:
        click(qtbot, view, bar_point(view, 6, "Regenerate"))
    assert regenerated.args == [6]


def test_the_selected_message_shows_its_actions_to_the_keyboard(qtbot, chat) -> None:  # type: ignore[no-untyped-def]
    model, view = chat
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=1000)
    view.setCurrentIndex(model.index(2, 0))
    assert view.action_bar_ids() == {3}
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "And in Go?"
    assert view.toast.isVisible() and view.toast.text() == "Copied"
