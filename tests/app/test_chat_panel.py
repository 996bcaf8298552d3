"""The real ChatPanel against the emulator: streaming, stop, regenerate, edit, quota waits, errors,
a killed process, search, export, delete/undo, the composer's keys and the sidebar model."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QSettings, Qt

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.chat import panel as chat_panel_module
from groq_desktop.app.chat.composer import Composer
from groq_desktop.app.chat.conversation_model import ConversationListModel
from groq_desktop.app.chat.panel import ChatPanel
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Cost, ModelLimits
from groq_desktop.core.store.storage import MessageStatus, Storage
from groq_desktop.services import chat_export
from tests.conftest import TEST_KEY

MODEL = "openai/gpt-oss-20b"  # the model the panel picks by itself from the emulator's list
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
# Screenshots are written only when asked, so a normal test run leaves the tree alone.
SAVE_SCREENSHOTS = bool(os.environ.get("GROQ_DESKTOP_SCREENSHOTS"))


class PanelEnv:
    def __init__(self, panel: ChatPanel, services: Services, emulator: Any, signals: CoreSignals) -> None:
        self.panel = panel
        self.services = services
        self.emulator = emulator
        self.signals = signals

    @property
    def storage(self) -> Storage:
        return self.services.storage

    def reply(self) -> Any:
        assert self.panel.conversation_id is not None
        return self.storage.list_messages(self.panel.conversation_id)[-1]

    def shown(self, message_id: int) -> Any:
        return self.panel.messages.message_by_id(message_id)


@pytest.fixture
def make_panel(
    qtbot: Any, event_loop_checked: Any, emulator_factory: Callable[..., Any], tmp_path: Path, monkeypatch: Any
) -> Iterator[Callable[..., PanelEnv]]:
    envs: list[PanelEnv] = []

    def make(**emulator_config: Any) -> PanelEnv:
        config = {"time_scale": 60.0, "tokens_per_second": 5000.0, "reasoning": False, **emulator_config}
        emulator = emulator_factory(**config)
        monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / f"home{len(envs)}"))
        # The app's limiter runs on the emulator's clock, as it would against a real Groq.
        env_vars = {"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_TIME_SCALE": str(config["time_scale"])}
        services = build_services(load_config(env_vars))
        services.registry.refresh(force=True)
        signals = CoreSignals(services)
        settings = AppSettings(QSettings(str(tmp_path / f"settings{len(envs)}.ini"), QSettings.Format.IniFormat))
        panel = ChatPanel(services, signals, settings)
        qtbot.addWidget(panel)
        panel.resize(1180, 760)
        panel.show()
        qtbot.waitUntil(lambda: panel.models_ready, timeout=10_000)
        env = PanelEnv(panel, services, emulator, signals)
        envs.append(env)
        return env

    yield make
    for env in envs:
        env.panel.shutdown()
        closing = asyncio.ensure_future(env.services.scheduler.aclose())
        qtbot.waitUntil(closing.done, timeout=10_000)
        env.signals.disconnect_core()
        env.services.close()


def type_and_send(qtbot: Any, panel: ChatPanel, text: str) -> None:
    """Type, press Enter, and wait until the message and its reply row are stored."""
    storage = panel.storage
    before = storage.count_messages(panel.conversation_id) if panel.conversation_id is not None else 0
    panel.composer.edit.setFocus()
    panel.composer.set_text(text)
    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.conversation_id is not None and storage.count_messages(panel.conversation_id) == before + 2
    )


def prompt_with_code_reply() -> str:
    """A first message whose (deterministic) emulator reply contains a code block."""
    from groq_desktop.emulator.models import find_model
    from groq_desktop.emulator.server import EmulatorConfig, plan_reply

    for attempt in range(200):
        prompt = f"Show me a little python, example {attempt}"
        request = {"model": MODEL, "messages": [{"role": "user", "content": prompt}], "max_completion_tokens": 1024}
        reply = plan_reply(find_model(MODEL), request, EmulatorConfig(reasoning=False))
        if "```" in "".join(reply.content):
            return prompt
    raise AssertionError("no prompt gives a code block")


def wait_reply(qtbot: Any, env: PanelEnv, status: str, timeout: int = 15_000) -> Any:
    def finished() -> bool:
        if env.panel.conversation_id is None:
            return False
        reply = env.reply()
        return reply.role == "assistant" and reply.status == status and not env.panel.composer.busy

    qtbot.waitUntil(finished, timeout=timeout)
    return env.reply()


def save_screenshot(panel: ChatPanel, name: str) -> None:
    if SAVE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        panel.grab().save(str(SCREENSHOTS / name))


def test_send_streams_a_reply_into_the_view_with_facts(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    prompt = prompt_with_code_reply()
    type_and_send(qtbot, panel, prompt)
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    shown = env.shown(reply.id)
    assert shown is not None and shown.content == reply.content != ""
    assert "```" in reply.content
    assert shown.facts["completion_tokens"] > 0 and shown.facts["request_id"]
    assert shown.facts["tokens_per_second"] > 0
    messages = env.storage.list_messages(panel.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"] and messages[0].content == prompt
    assert panel.composer.text() == ""
    assert panel.conversations.rowCount() == 1
    assert panel.title_label.text() == prompt  # named after the first message
    panel.rename_conversation(panel.conversation_id, "A little python")
    assert panel.title_label.text() == "A little python"
    # The count after the reply includes it (counted off the UI thread, so wait for it).
    counted = lambda: int(panel.composer.tokens_label.text().split(" /")[0].replace(",", ""))  # noqa: E731
    qtbot.waitUntil(lambda: counted() > reply.facts["completion_tokens"])
    panel.view.scroll_to_bottom()
    save_screenshot(panel, "chat.png")


def test_escape_stops_mid_stream_and_keeps_the_partial_reply(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel(tokens_per_second=500.0)
    panel = env.panel
    panel.new_conversation()
    panel.parameters.max_tokens.setValue(5000)
    assert env.storage.get_conversation(panel.conversation_id).params["max_completion_tokens"] == 5000
    type_and_send(qtbot, panel, "[[emulator reply_tokens=5000]] A very long answer")
    qtbot.waitUntil(lambda: panel.composer.busy and bool(env.reply().content), timeout=10_000)
    qtbot.waitUntil(lambda: bool(env.shown(env.reply().id).content), timeout=10_000)
    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_Escape)
    reply = wait_reply(qtbot, env, MessageStatus.STOPPED)
    assert reply.content and env.shown(reply.id).content == reply.content
    assert env.shown(reply.id).status == MessageStatus.STOPPED
    assert len(reply.content.split()) < 4500


def test_regenerate_and_edit_and_resend(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "First question")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    type_and_send(qtbot, panel, "Second question")
    before = wait_reply(qtbot, env, MessageStatus.COMPLETE)

    qtbot.mouseClick(panel.composer.regenerate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: env.reply().updated_at > before.updated_at and env.reply().status == "complete")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert env.reply().id == before.id and panel.messages.rowCount() == 4

    first_user = env.storage.list_messages(panel.conversation_id)[0]
    panel.begin_edit(first_user.id)
    assert panel.edit_bar.isVisible() and "deletes the 3 message(s)" in panel.edit_label.text()
    assert panel.composer.text() == "First question"
    panel.composer.set_text("Edited question")
    qtbot.mouseClick(panel.composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(env.storage.list_messages(panel.conversation_id)) == 2)
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    stored = env.storage.list_messages(panel.conversation_id)
    assert stored[0].content == "Edited question" and stored[0].id == first_user.id
    assert panel.messages.rowCount() == 2 and env.shown(reply.id).content == reply.content


def test_a_reply_held_for_quota_shows_the_wait_and_then_completes_by_itself(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel(time_scale=1.0)  # real time: TPM refills 100 tokens a second
    panel = env.panel
    panel.new_conversation()
    panel.parameters.max_tokens.setValue(200)
    remaining = next(s.remaining for s in env.services.limiter.snapshot(MODEL) if s.dimension.value == "TPM")
    # Leave 120 tokens: the ~210-token request waits about 0.9 s for the bucket to refill.
    env.services.limiter.try_reserve(MODEL, Cost(requests=0, tokens=remaining - 120))
    type_and_send(qtbot, panel, "Hello while the quota is short")
    qtbot.waitUntil(lambda: panel.messages.rowCount() == 2 and panel.messages.waiting(env.reply().id) is not None)
    waiting = panel.messages.waiting(env.reply().id)
    assert waiting.reason.startswith("TPM") and waiting.until is not None
    save_screenshot(panel, "chat_waiting.png")
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert panel.messages.waiting(reply.id) is None and env.shown(reply.id).content == reply.content


def test_a_429_from_the_server_shows_the_wait_and_then_completes_by_itself(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    panel.new_conversation()
    one_a_minute = ModelLimits.from_mapping({"RPM": 1, "RPD": 1000, "TPM": 100_000, "TPD": 1_000_000})
    env.emulator.set_limits(MODEL, one_a_minute)
    # Another client with the same key takes this minute's only request; the app can't know.
    requests.post(
        env.emulator.base_url + "/openai/v1/chat/completions",
        json={"model": MODEL, "messages": [{"role": "user", "content": "elsewhere"}], "max_completion_tokens": 5},
        headers={"Authorization": f"Bearer {TEST_KEY}"},
        timeout=10,
    ).raise_for_status()
    type_and_send(qtbot, panel, "Hello after someone else used the quota")
    qtbot.waitUntil(lambda: panel.messages.waiting(env.reply().id) is not None, timeout=5000)
    assert "RPM" in panel.messages.waiting(env.reply().id).reason
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert reply.content and env.emulator.stats.count(429) == 1  # one refusal, then no blind retry


def test_a_cut_stream_shows_the_error_and_keeps_the_text(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    env.emulator.inject("CUT")
    type_and_send(qtbot, panel, "[[emulator reply_tokens=400]] Tell me a story")
    reply = wait_reply(qtbot, env, MessageStatus.ERROR)
    shown = env.shown(reply.id)
    assert shown.status == MessageStatus.ERROR and "text so far is kept" in shown.error
    assert shown.content == reply.content
    assert "closed before the reply finished" in panel.status_label.text() or panel.status_label.text()

    panel.view.retry_requested.emit(reply.id)
    again = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    assert again.id == reply.id and env.shown(reply.id).status == MessageStatus.COMPLETE


def test_a_killed_app_leaves_the_partial_reply_marked_incomplete(emulator_factory: Callable[..., Any], tmp_path: Path) -> None:
    emulator = emulator_factory(time_scale=60.0, tokens_per_second=100.0)
    home = tmp_path / "crash-home"
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("chat_crash_child.py")), str(home), emulator.base_url, TEST_KEY],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline().strip()  # type: ignore[union-attr]
        assert line == "STREAMING", child.stderr.read()  # type: ignore[union-attr]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    with Storage(home / "data" / "groq_desktop.sqlite3") as storage:
        assert storage.mark_interrupted() == 1
        (conversation,) = storage.list_conversations()
        user, reply = storage.list_messages(conversation.id)
    assert user.role == "user" and "A long story" in user.content
    assert reply.status == MessageStatus.INCOMPLETE and reply.content.strip()


def test_search_finds_a_word_in_another_conversation_and_jumps_to_it(
    qtbot: Any, make_panel: Callable[..., PanelEnv]
) -> None:
    env = make_panel()
    panel = env.panel
    other = env.storage.create_conversation("Animals", MODEL)
    env.storage.add_message(other.id, "user", "Tell me about the quagga please")
    target = env.storage.add_message(other.id, "assistant", "The quagga was a zebra subspecies.")
    panel.new_conversation()
    assert panel.conversation_id != other.id
    jumps: list[int] = []
    real_scroll = panel.view.scroll_to_message
    panel.view.scroll_to_message = lambda message_id: (jumps.append(message_id), real_scroll(message_id))  # type: ignore[method-assign]

    panel.search_box.setText("zebra")
    qtbot.waitUntil(lambda: panel.search_results.count() == 1 and panel.search_results.isVisible())
    item = panel.search_results.item(0)
    assert "Animals" in item.text() and "zebra" in item.text()
    rect = panel.search_results.visualItemRect(item)
    qtbot.mouseClick(panel.search_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.conversation_id == other.id
    assert jumps == [target.id]
    assert panel.messages.rowCount() == 2


def test_exports_parse_back_and_markdown_reads_well(
    qtbot: Any, make_panel: Callable[..., PanelEnv], tmp_path: Path, monkeypatch: Any
) -> None:
    env = make_panel()
    panel = env.panel
    type_and_send(qtbot, panel, "Export me")
    wait_reply(qtbot, env, MessageStatus.COMPLETE)
    targets = iter([tmp_path / "chat.json", tmp_path / "chat.md"])
    monkeypatch.setattr(chat_panel_module, "choose_export_path", lambda *args: next(targets))
    json_path = panel.export("json")
    markdown_path = panel.export("markdown")
    stored = env.storage.list_messages(panel.conversation_id)
    parsed = chat_export.from_json(json_path.read_text(encoding="utf-8"))
    assert parsed.messages == stored
    assert parsed.conversation == env.storage.get_conversation(panel.conversation_id)
    markdown = markdown_path.read_text(encoding="utf-8")
    assert "## You" in markdown and "Export me" in markdown
    assert chat_export.from_markdown(markdown) == [(m.role, m.content) for m in stored]
    with pytest.raises(chat_export.ExportFormatError):
        chat_export.from_json('{"format": "something-else"}')


def test_delete_then_undo_restores_the_conversation(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    first = panel.new_conversation()
    second = panel.new_conversation()
    panel.rename_conversation(second, "Keep me")
    assert env.storage.get_conversation(second).title == "Keep me"
    panel.set_pinned(first, True)
    assert panel.conversations.conversation(0).id == first
    panel.open_conversation(second)
    panel.delete_current()
    assert panel.conversations.row_of(second) == -1 and panel.undo_bar.isVisible()
    assert env.storage.get_conversation(second).deleted
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.conversations.row_of(second) >= 0 and not env.storage.get_conversation(second).deleted
    assert panel.conversation_id == second


def test_the_conversation_list_model_passes_the_model_tester(qtmodeltester: Any, tmp_path: Path) -> None:
    with Storage(tmp_path / "db.sqlite3") as storage:
        for title in ("One", "Two", "Three"):
            storage.create_conversation(title, MODEL)
        model = ConversationListModel(storage)
        storage.set_pinned(model.conversation(2).id, True)
        model.reload()
        assert model.data(model.index(0, 0)).startswith("📌")
        qtmodeltester.check(model)
        assert model.setData(model.index(1, 0), "Renamed")
        model.delete(model.conversation(1).id)
        qtmodeltester.check(model)
        assert model.rowCount() == 2


@pytest.mark.parametrize("enter_sends", [True, False])
def test_enter_and_shift_enter_follow_the_setting(qtbot: Any, enter_sends: bool) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_enter_sends(enter_sends)
    sent: list[str] = []
    composer.send_requested.connect(sent.append)
    qtbot.keyClicks(composer.edit, "line one")
    newline_modifier = Qt.KeyboardModifier.ShiftModifier if enter_sends else Qt.KeyboardModifier.NoModifier
    send_modifier = Qt.KeyboardModifier.NoModifier if enter_sends else Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, newline_modifier)
    qtbot.keyClicks(composer.edit, "line two")
    assert sent == [] and composer.text() == "line one\nline two"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, send_modifier)
    assert sent == ["line one\nline two"]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(sent) == 2


def test_token_count_and_the_context_warning(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    panel.new_conversation()
    panel.composer.set_text("hello " * 50)
    qtbot.waitUntil(lambda: panel.composer.tokens_label.text().endswith("/ 131,072 tokens"))
    assert not panel.composer.warning.isVisible()
    panel.chat.context_window = lambda model: 40  # type: ignore[method-assign]
    panel.composer.set_text("hello " * 60)
    qtbot.waitUntil(panel.composer.warning.isVisible)
    assert "will not fit" in panel.composer.warning_label.text()


def test_retired_model_offers_a_switch_and_chat_with_model(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel = env.panel
    old = env.storage.create_conversation("Old chat", "llama2-70b-4096")
    panel.conversations.reload()
    panel.open_conversation(old.id)
    assert panel.retired_bar.isVisible() and "llama2-70b-4096" in panel.retired_label.text()
    qtbot.mouseClick(panel.switch_model_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: env.storage.get_conversation(old.id).model == MODEL)
    assert not panel.retired_bar.isVisible()

    new_id = panel.new_conversation_with_model("qwen/qwen3.8-27b")
    assert env.storage.get_conversation(new_id).model == "qwen/qwen3.8-27b"
    assert panel.model_picker.current_model() == "qwen/qwen3.8-27b"
    # Reasoning controls follow the catalogue: qwen3.8 takes an effort (none..high) and a format.
    effort = panel.parameters.reasoning_effort
    assert [effort.itemData(i) for i in range(effort.count())] == [None, "none", "default", "low", "medium", "high"]
    assert not panel.parameters.reasoning_format.isHidden() and panel.parameters.include_reasoning.isHidden()
    panel.new_conversation_with_model("openai/gpt-oss-20b")
    assert not panel.parameters.reasoning_effort.isHidden() and panel.parameters.reasoning_format.isHidden()
    assert not panel.parameters.include_reasoning.isHidden()


def test_dropped_files_are_not_pasted_into_the_draft(qtbot: Any) -> None:
    from PySide6.QtCore import QMimeData, QUrl

    from groq_desktop.app.chat.composer import ComposerEdit

    edit = ComposerEdit()
    qtbot.addWidget(edit)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile("/tmp/interview.wav")])
    text = QMimeData()
    text.setText("some words")
    assert not edit.canInsertFromMimeData(files)
    assert edit.canInsertFromMimeData(text)
