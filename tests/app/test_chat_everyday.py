"""Everyday use of the chat panel (issue 10): empty conversations, per-conversation notes, waiting
states, copy feedback, search and find, hover actions and where the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from groq_desktop.app.chat import panel as chat_panel_module
from groq_desktop.app.chat.message_delegate import facts_text
from groq_desktop.app.chat.message_model import MessageRole
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.store.storage import MessageStatus
from tests.app import test_chat_panel
from tests.app.test_chat_panel import MODEL, PanelEnv, save_screenshot, type_and_send, wait_reply

make_panel = test_chat_panel.make_panel  # the fixture: the real panel against the emulator


def test_new_chat_reuses_an_untouched_conversation_and_empty_chats_offer_no_regenerate_or_export(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    first = panel.new_conversation()
    assert panel.new_conversation() == first and panel.new_conversation() == first
    assert panel.conversations.rowCount() == 1
    assert not panel.composer.regenerate_button.isEnabled() and not panel.export_button.isEnabled()
    assert not panel.can_regenerate() and not panel.can_export()
    # An untouched one elsewhere in the list is reused too, even from another conversation.
    other = env.storage.create_conversation("Older", MODEL)
    env.storage.add_message(other.id, "user", "hi")
    panel.conversations.reload()
    panel.open_conversation(other.id)
    assert panel.export_button.isEnabled() and panel.composer.regenerate_button.isEnabled()
    assert panel.new_conversation() == first
    assert panel.conversations.rowCount() == 2
    # Once written in (a draft counts), Ctrl+N makes a new one.
    panel.composer.set_text("half a thought")
    second = panel.new_conversation()
    assert second != first and panel.conversations.rowCount() == 3


def test_status_notes_stay_with_their_conversation(
    qtbot: Any, make_panel: Callable[..., PanelEnv], tmp_path: Path, monkeypatch: Any
) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "Plan a trip to Kyoto")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    kyoto = panel.conversation_id
    monkeypatch.setattr(chat_panel_module, "choose_export_path", lambda *args: tmp_path / "kyoto.md")
    assert panel.export("markdown") is not None
    assert panel.status_label.text() == "Saved kyoto.md"
    other = env.storage.create_conversation("Other", MODEL)
    panel.conversations.reload()
    panel.open_conversation(other.id)
    assert panel.status_label.text() == ""
    panel.open_conversation(kyoto)
    assert panel.status_label.text() == "Saved kyoto.md"


def test_each_waiting_reply_shows_its_own_state_and_the_facts_say_how_long_it_waited(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel(time_scale=1.0)  # real time: RPM 30 gives one request every 2 s
    panel = env.panel
    limiter = env.services.limiter
    remaining = next(s.remaining for s in limiter.snapshot(MODEL) if s.dimension.value == "RPM")
    limiter.try_reserve(MODEL, Cost(requests=int(remaining), tokens=0))
    type_and_send(qtbot, panel, "First in line")
    first = env.reply().id
    qtbot.waitUntil(lambda: panel.messages.waiting(first) is not None)
    assert panel.view.waiting_text(first).startswith("Waiting for requests-per-minute quota")
    first_conversation = panel.conversation_id
    panel.new_conversation()
    type_and_send(qtbot, panel, "Second in line")
    second = env.reply().id
    qtbot.waitUntil(lambda: panel.messages.waiting(second) is not None)
    assert panel.view.waiting_text(second).startswith("Queued behind 1 request")  # not "Thinking…"
    save_screenshot(panel, "chat_queued.png")
    panel.open_conversation(first_conversation)
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE, timeout=10_000)
    assert reply.id == first and reply.facts["waited_for"] == ["RPM"] and reply.facts["waited"] > 0.5
    text, _ = facts_text(reply.model, reply.facts)
    assert f"waited {reply.facts['waited']:.1f} s for requests-per-minute quota" in text
    assert "Groq queue" in text and " · queue " not in text


def test_facts_say_our_wait_and_groq_queue_apart() -> None:
    facts = {"waited": 3.14, "waited_for": ["RPM"], "queue_time": 0.012}
    assert facts_text(None, facts)[0] == "waited 3.1 s for requests-per-minute quota · Groq queue 12 ms"
    assert facts_text(None, {"waited": 1.0})[0] == "waited 1.0 s before sending"
    assert facts_text(None, {"waited": 0.01, "queue_time": 0.0})[0] == "Groq queue 0 ms"


def test_search_lists_each_conversation_once_in_plain_text_and_opens_on_the_highlighted_match(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    storage = env.storage
    animals = storage.create_conversation("Animals", MODEL)
    storage.add_message(animals.id, "user", "Tell me about the **zebra** please")
    storage.add_message(animals.id, "assistant", "## Stripes\n\nThe zebra is striped.\n\n- a *zebra* herd")
    other = storage.create_conversation("Roads", MODEL)
    storage.add_message(other.id, "user", "A zebra crossing")
    panel.conversations.reload()
    panel.open_conversation(other.id)

    panel.search_box.setText("zebra")
    qtbot.waitUntil(lambda: panel.search_results.count() == 2 and panel.search_results.isVisible())
    texts = [panel.search_results.item(i).text() for i in range(2)]
    assert sorted(t.split("\n")[0] for t in texts) == ["Animals  ·  2 messages", "Roads"]
    assert not any(mark in t for t in texts for mark in ("**", "##", "- a", "*zebra*"))
    row = next(i for i, t in enumerate(texts) if t.startswith("Animals"))
    item = panel.search_results.item(row)
    rect = panel.search_results.visualItemRect(item)
    qtbot.mouseClick(panel.search_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.conversation_id == animals.id
    # The match is highlighted, selected and counted as in the find bar.
    assert panel.find_bar.isVisible() and panel.find_box.text().casefold() == "zebra"
    assert panel.view.delegate.find_term.casefold() == "zebra"
    hit_id = panel.view.currentIndex().data(MessageRole.ID)
    position, total = panel.view.find_status()
    assert total == 3 and panel.find_status.text() == f"{position} of 3"
    assert "zebra" in storage.get_message(hit_id).content


def test_find_highlights_as_you_type_counts_and_clears_when_closed(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    conversation = env.storage.create_conversation("Find", MODEL)
    for i in range(4):
        env.storage.add_message(conversation.id, "user" if i % 2 == 0 else "assistant", f"turn {i}: a quagga, a Quagga")
    panel.conversations.reload()
    panel.open_conversation(conversation.id)
    panel.open_find()
    qtbot.keyClicks(panel.find_box, "quag")
    assert panel.view.delegate.find_term == "quag"  # highlighted without pressing Enter
    assert panel.find_status.text() == "1 of 8"
    qtbot.keyClick(panel.find_box, Qt.Key.Key_Return)
    assert panel.find_status.text() == "2 of 8"
    save_screenshot(panel, "chat_find.png")
    qtbot.keyClick(panel.find_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.find_status.text() == "1 of 8"
    qtbot.keyClick(panel.find_box, Qt.Key.Key_Backspace)
    assert panel.view.delegate.find_term == "qua" and panel.find_status.text() == "1 of 8"
    qtbot.keyClicks(panel.find_box, "x")
    assert panel.find_status.text() == "No matches"
    panel.escape()
    assert not panel.find_bar.isVisible() and panel.view.delegate.find_term == ""


def test_the_chat_works_at_900_by_600_with_long_texts(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "A rather long question " * 12)
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    panel.rename_conversation(panel.conversation_id, "A conversation title far too long to fit any narrow window " * 3)
    panel.open_find()
    panel.find_box.setText("question")
    panel.begin_edit(env.storage.list_messages(panel.conversation_id)[0].id)
    panel._notify("A status note that is long enough to need more than one line at this width, " * 3)
    panel.resize(900, 600)
    qtbot.waitUntil(lambda: panel.width() == 900)
    # Nothing in the chat asks for more than ~600 px (the window's sidebar is another matter).
    assert panel.minimumSizeHint().width() <= 600
    assert panel.splitter.widget(1).minimumSizeHint().width() <= 450
    assert panel.title_label.elided_text().endswith("…")
    save_screenshot(panel, "chat_900x600.png")
