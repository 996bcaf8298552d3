"""The chat panel and Groq's models today: default model by what it is, retired models, Continue, tiers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt

from groq_desktop.app.chat.panel import ChatPanel
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.store.storage import MessageStatus
from tests.app import test_chat_panel as base
from tests.app.test_chat_panel import MODEL, PanelEnv, type_and_send, wait_reply

make_panel = base.make_panel  # the same fixture: a real ChatPanel on a fresh emulator

RETIRED = "moonshotai/kimi-k2-instruct-0905"  # retired on 2026-04-15; Groq names gpt-oss-120b


def test_the_default_model_is_picked_from_the_live_list(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    assert env.panel.settings.stored(Key.DEFAULT_CHAT_MODEL) is None
    env.panel.new_conversation()
    # Nothing names a model: the catalogue's preferred general chat model that the list offers.
    assert env.storage.get_conversation(env.panel.conversation_id).model == MODEL
    type_and_send(qtbot, env.panel, "Hello")
    assert wait_reply(qtbot, env, MessageStatus.COMPLETE).content


def test_a_conversation_on_a_retired_model_continues_with_the_replacement_in_one_click(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    old = env.storage.create_conversation("Old chat", RETIRED)
    panel.conversations.reload()
    panel.open_conversation(old.id)
    type_and_send(qtbot, panel, "Still there?")
    failed = wait_reply(qtbot, env, MessageStatus.ERROR)
    assert "does not exist" in failed.error and "Continue with openai/gpt-oss-120b" in failed.error
    assert panel.retired_bar.isVisible()
    assert f"Groq retired {RETIRED} on 2026-04-15" in panel.retired_label.text()
    assert panel.switch_model_button.text() == "Continue with openai/gpt-oss-120b"
    qtbot.mouseClick(panel.switch_model_button, Qt.MouseButton.LeftButton)
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert env.storage.get_conversation(old.id).model == "openai/gpt-oss-120b"
    assert reply.id == failed.id and reply.content and reply.model == "openai/gpt-oss-120b"
    assert not panel.retired_bar.isVisible()


def test_a_reply_cut_at_the_length_limit_offers_continue(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    panel.new_conversation()
    panel.parameters.max_tokens.setValue(256)
    type_and_send(qtbot, panel, "[[emulator reply_tokens=3000]] Tell me everything.")
    cut = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert cut.facts["finish_reason"] == "length"
    assert panel.length_bar.isVisible() and "cut off at the length limit" in panel.length_label.text()
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: env.reply().facts.get("parts") == 2 and not panel.composer.busy, timeout=15_000)
    whole = env.reply()
    assert whole.id == cut.id and whole.content.startswith(cut.content) and len(whole.content) > len(cut.content)
    assert env.shown(whole.id).content == whole.content
    assert len(env.storage.list_messages(panel.conversation_id)) == 2  # one question, one reply


def test_a_saved_default_that_is_gone_is_replaced_once_with_a_note(
    qtbot: Any, make_panel: Callable[..., PanelEnv], tmp_path: Path
) -> None:
    env = make_panel()
    settings = AppSettings(QSettings(str(tmp_path / "saved.ini"), QSettings.Format.IniFormat))
    settings.set(Key.DEFAULT_CHAT_MODEL, "llama-3.3-70b-versatile-gone")
    settings.set(Key.DEFAULT_TRANSCRIPTION_MODEL, "distil-whisper-large-v3-en")
    notes = settings.replace_gone_models(env.services.registry)
    assert settings.get(Key.DEFAULT_CHAT_MODEL) == MODEL
    assert settings.get(Key.DEFAULT_TRANSCRIPTION_MODEL) == "whisper-large-v3-turbo"
    assert len(notes) == 2 and "distil-whisper-large-v3-en" in notes[1]
    # Done once: the next start says nothing, even if the old id is chosen again on purpose.
    settings.set(Key.DEFAULT_CHAT_MODEL, "llama-3.3-70b-versatile-gone")
    assert settings.replace_gone_models(env.services.registry) == []
    assert settings.get(Key.DEFAULT_CHAT_MODEL) == "llama-3.3-70b-versatile-gone"

    # The panel does it at start, and says so in its status line.
    fresh = AppSettings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    fresh.set(Key.DEFAULT_CHAT_MODEL, RETIRED)
    panel = ChatPanel(env.services, env.signals, fresh)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.models_ready, timeout=10_000)
    assert f"Groq retired {RETIRED} on 2026-04-15" in panel.status_label.text()
    assert fresh.get(Key.DEFAULT_CHAT_MODEL) == "openai/gpt-oss-120b"
    panel.shutdown()


def test_service_tier_is_offered_on_paid_plans_only(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    panel.new_conversation()
    panel.parameters.set_expanded(True)
    assert panel.parameters.service_tier.isHidden()
    env.services.limiter.set_plan("developer")
    panel.open_conversation(panel.conversation_id)
    panel._update_model_state()
    tiers = panel.parameters.service_tier
    assert not tiers.isHidden()
    assert [tiers.itemData(i) for i in range(tiers.count())] == [None, "on_demand", "flex", "auto"]
    tiers.setCurrentIndex(tiers.findData("flex"))
    assert not panel.parameters.flex_fallback.isHidden()
    panel.parameters.flex_fallback.setChecked(True)
    params = env.storage.get_conversation(panel.conversation_id).params
    assert params["service_tier"] == "flex" and params["flex_fallback"] is True
