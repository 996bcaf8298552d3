"""Everyday use of the chat panel (issue 10): empty conversations, per-conversation notes, waiting
states, copy feedback, search and find, hover actions and where the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from groq_desktop.app.chat import panel as chat_panel_module
from groq_desktop.core.store.storage import MessageStatus
from tests.app import test_chat_panel
from tests.app.test_chat_panel import MODEL, PanelEnv, type_and_send, wait_reply

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
