"""The app shell: demo mode on the built-in emulator, four areas, shortcuts, the status-bar quota."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.headers import parse_rate_limit_headers


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


def settings_in(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_demo_window_has_four_areas_and_says_demo(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.show()
    assert "demo" in window.windowTitle().lower()
    banner = window.findChild(QLabel, "demoLabel")
    assert banner is not None and "Demo mode" in banner.text()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Chat", "Transcribe", "Models", "Queue & limits", "Bulk"
    ]
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    view_menu.actions()[3].trigger()
    assert window.stack.currentWidget() is window.monitor_panel
    assert view_menu.actions()[4].shortcut().toString() == "Ctrl+5"
    view_menu.actions()[4].trigger()
    assert window.stack.currentWidget() is window.bulk_panel
    window.close()


def test_status_bar_shows_the_quota_the_headers_reported(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    headers = parse_rate_limit_headers(
        {"x-ratelimit-limit-tokens": "6000", "x-ratelimit-remaining-tokens": "4100", "x-ratelimit-reset-tokens": "19s"}
    )
    demo_services.limiter.observe_headers("llama-3.1-8b-instant", headers)
    qtbot.waitUntil(lambda: "of 6,000 left" in window.status_quota.full_text(), timeout=3000)
    # The demo's quota refills while the bar waits to repaint: the figure is the header's or a bit more.
    shown = re.search(r"tokens this minute: ([\d,]+) of 6,000 left", window.status_quota.full_text())
    assert shown and 4100 <= int(shown.group(1).replace(",", "")) < 6000
    assert "RPM" not in window.status_quota.full_text() and "TPM" not in window.status_quota.full_text()
    assert "— from headers" in window.status_quota.toolTip()
    window.close()


def test_settings_live_under_a_portable_home(private_home: Path) -> None:
    settings = AppSettings()
    settings.set(Key.LAST_PANEL, 2)
    settings.sync()
    assert (private_home / "data" / "settings.ini").exists()
    assert AppSettings().get(Key.LAST_PANEL) in (2, "2")


def test_files_from_the_command_line_are_queued(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    text_file = tmp_path / "notes.mp3"
    text_file.write_text("not audio at all")
    window.open_files([text_file])
    assert window.stack.currentWidget() is window.transcription_panel
    qtbot.waitUntil(lambda: window.transcription_panel.model.rowCount() == 1, timeout=5000)
    window.close()


def test_chat_menu_shows_its_keys_and_new_conversation_works_from_anywhere(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.nav.setCurrentRow(2)  # the models area: New conversation still reaches the chat
    chat_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Chat")
    actions = {a.text().split("\t")[0].replace("&", ""): a for a in chat_menu.actions()}
    assert actions["New conversation"].shortcut().toString() == "Ctrl+N"
    assert actions["Copy last reply"].shortcut().toString() == "Ctrl+Shift+C"
    assert "Esc" in next(a.text() for a in chat_menu.actions() if a.text().startswith("&Stop"))
    assert not actions["Regenerate last reply"].isEnabled()  # Ctrl+R belongs to the panel showing
    before = len(demo_services.storage.list_conversations())
    actions["New conversation"].trigger()
    assert window.stack.currentWidget() is window.chat_panel
    assert len(demo_services.storage.list_conversations()) == before + 1
    # On the chat, but an empty conversation: nothing to regenerate or export, so the menu says so.
    assert not actions["Regenerate last reply"].isEnabled() and not actions["Export as Markdown…"].isEnabled()
    open_a_conversation_with_a_reply(window, demo_services)
    qtbot.waitUntil(lambda: actions["Regenerate last reply"].isEnabled())
    assert actions["Export as Markdown…"].isEnabled()
    window.close()


def open_a_conversation_with_a_reply(window: MainWindow, services: Services) -> None:
    conversation = services.storage.create_conversation("Greetings", "openai/gpt-oss-20b")
    services.storage.add_message(conversation.id, "user", "Hi")
    services.storage.add_message(conversation.id, "assistant", "Hello!")
    window.chat_panel.conversations.reload()
    window.chat_panel.open_conversation(conversation.id)


def test_ctrl_r_and_ctrl_shift_c_mean_the_showing_panels_action(
    qtbot: Any, qtlog: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from groq_desktop.core.audio import subtitles
    from groq_desktop.core.audio.transcript import Segment, Transcript
    from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions

    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    panel = window.transcription_panel
    retried: list[int] = []
    monkeypatch.setattr(panel.service, "retry", retried.append)
    regenerated: list[bool] = []

    async def regenerate() -> None:
        regenerated.append(True)

    monkeypatch.setattr(window.chat_panel, "regenerate", regenerate)

    window.show_area(panel)
    failed = JobInfo(907, tmp_path / "call.ogg", "call.ogg", JobPhase.FAILED, TranscriptionOptions(),
                     duration=30.0, chunk_count=1, error="chunk 1/1 failed: Groq had a server error")
    panel.model.upsert(failed)
    panel.select_job(failed.id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert retried == [907] and not regenerated

    transcript = Transcript("hello from the transcript", "en", 2.0, [Segment(0, 0.0, 2.0, "hello from the transcript")])
    panel.viewer.show_transcript(transcript, None, "call.ogg")
    QApplication.clipboard().setText("")
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    # a button's shortcut clicks it after a short animation
    qtbot.waitUntil(lambda: QApplication.clipboard().text().strip() == subtitles.to_txt(transcript).strip())

    window.show_area(window.chat_panel)
    open_a_conversation_with_a_reply(window, demo_services)  # something to regenerate
    window.chat_panel.composer.edit.setFocus()
    qtbot.keyClick(window.chat_panel.composer.edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: regenerated == [True], timeout=3000)
    assert retried == [907]
    assert not [r for r in qtlog.records if "mbiguous" in r.message]
    window.close()


def test_chat_with_this_model_opens_a_conversation_on_it(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.models_panel.chat_with_model.emit("qwen/qwen3-32b")
    assert window.stack.currentWidget() is window.chat_panel
    newest = demo_services.storage.list_conversations()[0]
    assert newest.model == "qwen/qwen3-32b"
    window.models_panel.use_for_transcription.emit("whisper-large-v3")
    assert window.stack.currentWidget() is window.transcription_panel
    window.close()


def test_cancelling_a_waiting_chat_request_in_the_monitor_stops_it_in_the_chat(
    qtbot: Any, event_loop_checked: Any, emulator_factory: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from groq_desktop.core.quota.limits import Cost, Dimension, ModelLimits
    from groq_desktop.core.quota.rate_limiter import Reservation
    from tests.conftest import TEST_KEY

    emulator = emulator_factory(time_scale=1.0, tokens_per_second=5000.0)
    services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url}))
    window = MainWindow(services, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.show()
    chat, monitor, storage = window.chat_panel, window.monitor_panel, services.storage
    qtbot.waitUntil(lambda: chat.models_ready, timeout=10_000)
    model = "llama-3.1-8b-instant"
    services.limiter.set_limits(model, ModelLimits({Dimension.RPM: 1}))  # one request a minute...
    assert isinstance(services.limiter.try_reserve(model, Cost()), Reservation)  # ...already used
    chat.new_conversation_with_model(model)
    chat.composer.set_text("hello while the quota is short")
    qtbot.keyClick(chat.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: storage.count_messages(chat.conversation_id) == 2, timeout=5000)

    def reply() -> Any:
        return storage.list_messages(chat.conversation_id)[-1]

    qtbot.waitUntil(lambda: chat.view.waiting_text(reply().id) is not None, timeout=5000)
    window.show_area(monitor)
    qtbot.waitUntil(lambda: monitor.queue_model.rowCount() > 0, timeout=5000)
    monitor.queue_view.selectRow(0)
    monitor.cancel_action.trigger()
    qtbot.waitUntil(lambda: reply().status == "stopped", timeout=5000)
    qtbot.waitUntil(lambda: not chat.composer.busy, timeout=5000)
    assert emulator.stats.by_model.get(model, 0) == 0  # no chat request was sent
    window.close()
    task = asyncio.ensure_future(services.transcription.aclose())
    qtbot.waitUntil(task.done, timeout=10_000)
    task = asyncio.ensure_future(services.scheduler.aclose())
    qtbot.waitUntil(task.done, timeout=10_000)
    services.close()


def test_the_queue_is_built_after_the_first_paint_without_being_shown(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    from groq_desktop.app.monitor.panel import MonitorPanel
    from groq_desktop.app.transcription.panel import TranscriptionPanel

    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    # Not shown yet, so not built: the first screen pays only for the chat.
    assert not isinstance(window.stack.widget(1), TranscriptionPanel)
    window.show()
    # It resumes unfinished jobs when built, so it is built soon after the first paint.
    qtbot.waitUntil(lambda: isinstance(window.stack.widget(1), TranscriptionPanel), timeout=5000)
    assert window.stack.currentWidget() is window.chat_panel
    assert not isinstance(window.stack.widget(3), MonitorPanel)  # built when shown or reached
    window.close()


def test_a_window_closed_right_after_its_first_paint_builds_nothing_later(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    from groq_desktop.app.bulk.panel import BulkPanel
    from groq_desktop.app.transcription.panel import TranscriptionPanel

    window = MainWindow(demo_services, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._first_paint.done, timeout=5000)
    window.close()  # the deferred builds are still due: closing for good cancels them
    demo_services.storage.close()  # as at quit: building a panel now would read a closed storage
    qtbot.wait(800)  # longer than both delays (pytest-qt fails the test on an exception in a slot)
    assert not isinstance(window.stack.widget(1), TranscriptionPanel)
    assert not isinstance(window.stack.widget(4), BulkPanel)


def test_text_typed_before_the_panels_exist_follows_the_saved_draft_into_the_composer(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path
) -> None:
    conversation = demo_services.storage.create_conversation("Plans", "any-model")
    demo_services.storage.set_draft(conversation.id, "Dear team,")
    window = MainWindow(None, settings_in(tmp_path), demo=True)
    qtbot.addWidget(window)
    window.show()
    assert "demo" in window.windowTitle().lower()
    qtbot.keyClicks(window.early_composer, "see you at 5")  # typed while the services load
    window.attach(demo_services)
    composer = window.chat_panel.composer
    assert composer.text() == "Dear team,\nsee you at 5"
    assert window.stack.currentWidget() is window.chat_panel
    assert composer.edit.textCursor().atEnd()
    window.close()


def test_closing_the_window_while_it_starts_builds_nothing_more(
    qtbot: Any, event_loop_checked: Any, tmp_path: Path
) -> None:
    window = MainWindow(None, settings_in(tmp_path))
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert not window.attached and not hasattr(window, "chat_panel")
