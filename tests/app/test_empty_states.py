"""Empty states that teach: starter prompts in an empty chat, the drop zone, the monitor's explanation;
and a finished only job whose transcript shows without a click."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from groq_desktop.app.chat.empty_state import STARTER_PROMPTS
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.app.transcription.drop_zone import GROQ_FORMATS
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.core.config import load_config
from tests.app.test_transcription_panel import audio_dir, panel, status_of  # noqa: F401 - fixtures
from tests.conftest import save_screenshot


@pytest.fixture
def demo_window(qtbot: Any, event_loop_checked: Any, tmp_path: Path) -> Iterator[MainWindow]:
    services: Services = build_services(load_config({}))
    window = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    services.close()


def test_an_empty_chat_offers_starter_prompts_that_fill_the_composer(
    qtbot: Any, demo_window: MainWindow, tmp_path: Path
) -> None:
    chat = demo_window.chat_panel
    empty = chat.empty_state
    assert empty.isVisible()
    assert [chip.text() for chip in empty.chips] == list(STARTER_PROMPTS)
    keys = empty.findChild(QLabel, "emptyShortcuts")
    assert keys is not None and "Ctrl+N" in keys.text() and "Enter sends" in keys.text()
    save_screenshot(demo_window, "chat_empty.png", tmp_path)

    qtbot.mouseClick(empty.chips[1], Qt.MouseButton.LeftButton)
    assert chat.composer.text() == STARTER_PROMPTS[1]
    assert QApplication.focusWidget() is chat.composer.edit
    qtbot.keyClick(chat.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chat.messages.rowCount() > 0, timeout=5000)
    assert not empty.isVisible()  # a conversation with messages shows them, not the starters


def test_the_monitor_explains_what_it_will_show(demo_window: MainWindow) -> None:
    label = demo_window.monitor_panel.findChild(QLabel, "quotaEmpty")
    assert label is not None
    for words in ("what is left of each of its limits", "waiting for quota", "Usage", "Health"):
        assert words in label.text()


def test_the_empty_queue_shows_the_drop_zone_with_formats_and_sizes(
    qtbot: Any, panel: TranscriptionPanel, audio_dir: Path  # noqa: F811
) -> None:
    panel.show()
    assert panel.hint.isVisible()
    text = panel.hint.text()
    assert "Drop audio or video" in text and "mp3" in text and "webm" in text
    assert re.search(r"Any length or size: long files are sent in parts of under \d+ MB", text)

    panel.add_paths([audio_dir / "memo.mp3"])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert not panel.hint.isVisible()
    # The only job, never clicked: once done, its transcript is on screen.
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)
    qtbot.waitUntil(lambda: panel.viewer.segments.rowCount() > 0, timeout=5000)
    assert "memo.mp3" in panel.viewer.title.text()


def test_the_drop_zone_names_the_formats_the_decoder_accepts() -> None:
    from groq_desktop.core.audio.decode import ACCEPTED_EXTENSIONS

    assert set(GROQ_FORMATS) == set(ACCEPTED_EXTENSIONS)
