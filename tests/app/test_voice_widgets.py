"""Voice in the real chat panel, with the file-backed microphone and the fake speaker in place of devices."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from groq_desktop.app.settings import Key
from groq_desktop.app.voice import devices as devices_module
from groq_desktop.app.voice.qt_audio import QtMicrophone
from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.core.voice.fakes import FakeSpeaker, FileMicrophone
from groq_desktop.services.voice_reading import ReadingState
from tests.app import test_chat_panel as chat_tests
from tests.app.test_chat_panel import PanelEnv, type_and_send, wait_reply
from tests.audio_fixtures import pcm_signal
from tests.conftest import save_screenshot

RATE = 16000
make_panel = chat_tests.make_panel  # the chat panel's fixture, shared


class FakeDevices:
    def __init__(self) -> None:
        self.mics: list[FileMicrophone] = []
        self.speakers: list[FakeSpeaker] = []
        self.script: list[bytes] = []
        self.mic_speed = 20.0
        self.speaker_speed = 20.0

    def microphone(self) -> FileMicrophone:
        mic = FileMicrophone(self.script, speed=self.mic_speed, auto_cue=True)
        self.mics.append(mic)
        return mic

    def speaker(self) -> FakeSpeaker:
        speaker = FakeSpeaker(speed=self.speaker_speed)
        self.speakers.append(speaker)
        return speaker


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDevices]:
    fake = FakeDevices()
    monkeypatch.setattr(devices_module.devices, "microphone", fake.microphone)
    monkeypatch.setattr(devices_module.devices, "speaker", fake.speaker)
    yield fake


def speech(seconds: float) -> bytes:
    return bytes(int(0.3 * RATE) * 2) + pcm_signal(seconds, RATE, kind="speech")


def test_dictation_puts_text_at_the_cursor_without_sending(
    qtbot: Any, make_panel: Callable[..., PanelEnv], fakes: FakeDevices, tmp_path: Any
) -> None:
    env = make_panel()
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    fakes.script = [speech(3.0)]
    fakes.mic_speed = 3.0  # slow enough to see the meter move
    panel.composer.set_text("Before  after")
    cursor = panel.composer.edit.textCursor()
    cursor.setPosition(len("Before "))
    panel.composer.edit.setTextCursor(cursor)

    qtbot.keyClick(panel.composer.edit, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert controls.mic.recording and controls.mic.meter.isVisible()  # the shortcut starts dictation
    qtbot.waitUntil(lambda: controls.mic.meter.value() > 50 and controls.mic.elapsed.text() != "0:00", timeout=5000)
    save_screenshot(panel, "voice_dictation.png", tmp_path)
    qtbot.waitUntil(lambda: fakes.mics[0].last_speech_end is not None, timeout=5000)
    controls.mic.button.click()  # and the button (or the shortcut again) stops it
    qtbot.waitUntil(lambda: not controls.mic.recording and controls.mic.button.isEnabled(), timeout=10_000)
    text = panel.composer.text()
    assert text.startswith("Before ") and text.endswith(" after") and len(text) > len("Before  after")
    assert panel.conversation_id is None or env.storage.count_messages(panel.conversation_id) == 0  # not sent
    assert panel.composer.edit.textCursor().position() < len(text)  # the cursor follows the inserted text


def test_no_microphone_says_so_and_changes_nothing(qtbot: Any, make_panel: Callable[..., PanelEnv]) -> None:
    env = make_panel()
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    assert devices_module.devices.microphone().__class__ is QtMicrophone  # the real Qt device, and there is none
    panel.composer.set_text("draft")
    controls.mic.button.click()
    assert "No microphone" in panel.status_label.text()
    assert not controls.mic.recording and not controls.mic.button.isChecked()
    assert panel.composer.text() == "draft"


def test_read_aloud_action_reads_a_reply_and_esc_stops_it(
    qtbot: Any, make_panel: Callable[..., PanelEnv], fakes: FakeDevices, tmp_path: Any
) -> None:
    env = make_panel(default_reply_tokens=(120, 160))
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    type_and_send(qtbot, panel, "Tell me about fast inference.")
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    fakes.speaker_speed = 1.0  # real time, so the reading is caught mid-way
    actions = {a.text(): a for a in panel.view.context_actions(reply.id)}
    actions["Read aloud"].trigger()
    bar = controls.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.reading is not None and bar.reading.state is ReadingState.PLAYING,
                    timeout=10_000)
    qtbot.waitUntil(lambda: bar.sentence.isVisible() and bar.sentence.text() != "", timeout=5000)
    assert bar.sentence.text() == bar.reading.sentences[0]  # the sentence being read is shown, highlighted
    assert bar.budget.text().startswith("Read-aloud left today:")
    save_screenshot(panel, "voice_read_aloud.png", tmp_path)
    panel.escape()
    qtbot.waitUntil(lambda: bar.reading is not None and bar.reading.state is ReadingState.STOPPED, timeout=5000)
    assert env.reply().status == MessageStatus.COMPLETE  # Esc stopped the reading, not the reply
    speaker = fakes.speakers[0]
    assert speaker.played and not speaker.played[0].completed


def test_replies_are_read_as_they_arrive_when_set(
    qtbot: Any, make_panel: Callable[..., PanelEnv], fakes: FakeDevices
) -> None:
    env = make_panel(tokens_per_second=150.0, default_reply_tokens=(200, 260))
    fakes.speaker_speed = 60.0
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    panel.settings.set(Key.READ_AS_THEY_ARRIVE, True)
    controls.voice.settings.read_as_they_arrive = True
    type_and_send(qtbot, panel, "A long answer please.")
    qtbot.waitUntil(lambda: bool(fakes.speakers) and bool(fakes.speakers[0].played), timeout=10_000)
    assert env.reply().status in (MessageStatus.STREAMING, "streaming")  # reading began before the reply ended
    reply = wait_reply(qtbot, env, MessageStatus.COMPLETE)
    reading = controls.bar.reading
    assert reading is not None
    qtbot.waitUntil(lambda: reading.state is ReadingState.DONE, timeout=30_000)
    assert len(fakes.speakers[0].played) == len(reading.pieces) and reply.content


def test_hands_free_shows_its_state_and_esc_leaves(
    qtbot: Any, make_panel: Callable[..., PanelEnv], fakes: FakeDevices
) -> None:
    env = make_panel(default_reply_tokens=(15, 30))
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    panel.new_button.click()
    qtbot.waitUntil(lambda: panel.conversation_id is not None)
    fakes.script = [speech(1.0)]
    states: list[str] = []
    controls.hands_free.state_changed.connect(states.append)
    controls.hands_free.button.click()
    assert controls.hands_free.active
    qtbot.waitUntil(lambda: len(controls.hands_free.session.turns) == 1 and "listening" in states[2:], timeout=15_000)
    assert states[:3] == ["listening", "thinking", "speaking"]
    assert env.storage.count_messages(panel.conversation_id) == 2  # the turn is in the conversation
    panel.escape()
    assert not controls.hands_free.active and not controls.hands_free.button.isChecked()
    assert states[-1] == "stopped"


def test_voice_options_change_the_settings_and_save_audio_writes_the_reply(
    qtbot: Any, make_panel: Callable[..., PanelEnv], fakes: FakeDevices, tmp_path: Any, monkeypatch: Any
) -> None:
    from groq_desktop.app.voice import read_aloud_bar
    from groq_desktop.core.voice.wav import read_wav

    env = make_panel(default_reply_tokens=(30, 50))
    panel, controls = env.panel, env.panel.voice_controls
    assert controls is not None
    options = controls.options
    assert options.budget.text() == "Read-aloud left today: 100 requests (~20,000 characters)"  # before reading
    options.read_arriving.trigger()
    assert controls.voice.settings.read_as_they_arrive and panel.settings.get(Key.READ_AS_THEY_ARRIVE)
    options.hold.trigger()
    assert controls.mic.hold_to_talk and "hold to talk" in controls.mic.button.toolTip()
    language = next(a for a in options.menu().actions() if a.text().replace("&", "") == "Dictation language").menu()
    next(a for a in language.actions() if a.text() == "French").trigger()
    assert controls.voice.settings.language == "fr" and panel.settings.get(Key.VOICE_LANGUAGE) == "fr"

    type_and_send(qtbot, panel, "Say something short.")
    qtbot.waitUntil(lambda: controls.bar.reading is not None
                    and controls.bar.reading.state is ReadingState.DONE, timeout=15_000)
    target = tmp_path / "reply.wav"
    monkeypatch.setattr(read_aloud_bar, "ask_save_path", lambda _parent, _name: target)
    controls.bar.save_button.click()
    qtbot.waitUntil(lambda: controls.bar.sentence.text() == "Saved reply.wav", timeout=10_000)
    pcm, _rate = read_wav(target.read_bytes())
    assert len(pcm) / 2 / _rate == pytest.approx(sum(p.seconds for p in fakes.speakers[0].played), abs=0.01)
