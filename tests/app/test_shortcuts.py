"""Every shortcut a panel advertises (tooltips, placeholders, menus) works while that panel shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.app.settings_dialog import SettingsDialog
from groq_desktop.app.transcription import panel as transcription_module
from groq_desktop.core.audio.transcript import Segment, Transcript
from groq_desktop.core.config import load_config
from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions
from tests.audio_fixtures import write_audio

_KEY = re.compile(r"(?:(?:Ctrl|Shift|Alt)\+)+(?:Up|Down|Enter|F\d+|[A-Z0-9.,])(?!\w)|\bF\d+\b|\bDel\b|\bEsc\b")


def advertised(panel: QWidget) -> set[str]:
    texts = [w.toolTip() for w in (panel, *panel.findChildren(QWidget))]
    texts += [w.placeholderText() for w in panel.findChildren(QLineEdit)]
    texts += [a.toolTip() for a in panel.findChildren(QAction)]
    return {key for text in texts for inside in re.findall(r"\(([^()]*)\)", text) for key in _KEY.findall(inside)}


def press(window: MainWindow, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window


    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


def test_each_advertised_shortcut_acts_on_its_panel(
    qtbot: Any, event_loop_checked: Any, demo_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo_services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    picked: list[str] = []
    monkeypatch.setattr(transcription_module, "choose_files", lambda _p: picked.append("files") or [])
    monkeypatch.setattr(transcription_module, "choose_export_folder", lambda _p: picked.append("export") or None)
    dialogs: list[Any] = []
    monkeypatch.setattr(SettingsDialog, "open", lambda self: dialogs.append(self))

    # window-wide: areas, new conversation, transcribe files, settings
    for index in range(4):
        press(window, f"Ctrl+{index + 1}")
        assert window.stack.currentIndex() == index
    press(window, "Ctrl+O")
    assert window.stack.currentWidget() is window.transcription_panel and picked == ["files"]
    press(window, "Ctrl+,")
    assert len(dialogs) == 1
    dialogs[0].close()
    press(window, "Ctrl+B")
    assert window.nav.isHidden()
    press(window, "Ctrl+B")
    assert not window.nav.isHidden()

    # Transcribe: two paused jobs, a finished one staged, a transcript shown; focus left on the sidebar
    panel = window.transcription_panel
    a, b = tmp_path / "a.wav", tmp_path / "b.wav"
    write_audio(a, 2, kind="speech")
    write_audio(b, 2, kind="speech")
    panel.service.pause_all()
    panel.add_paths([a, b])
    qtbot.waitUntil(lambda: len([j for j in panel.service.jobs() if j.id > 0]) == 2, timeout=5000)
    window.nav.setFocus()
    checked: set[str] = set()

    def order() -> list[str]:
        return [j.name for j in panel.service.jobs() if j.id > 0]

    job_b = next(j for j in panel.service.jobs() if j.name == "b.wav")
    panel.select_job(job_b.id)
    press(window, "Ctrl+Up")
    qtbot.waitUntil(lambda: order() == ["b.wav", "a.wav"])
    press(window, "Ctrl+Down")
    qtbot.waitUntil(lambda: order() == ["a.wav", "b.wav"])
    press(window, "Ctrl+.")
    qtbot.waitUntil(lambda: panel.service.job(job_b.id).phase is JobPhase.CANCELLED)  # type: ignore[union-attr]
    press(window, "Ctrl+R")
    qtbot.waitUntil(lambda: panel.service.job(job_b.id).phase is JobPhase.QUEUED)  # type: ignore[union-attr]
    press(window, "Ctrl+Shift+P")
    assert not panel.service.paused
    panel.service.pause_all()
    press(window, "Del")
    qtbot.waitUntil(lambda: order() == ["a.wav"])
    done = JobInfo(990, a, "done.wav", JobPhase.DONE, TranscriptionOptions(), progress=1.0)
    panel.model.upsert(done)
    panel.select_job(990)
    press(window, "Ctrl+E")
    assert picked == ["files", "export"]
    panel.viewer.show_transcript(Transcript("hello there", segments=[Segment(0, 0.0, 1.0, "hello there")]), a, "x")
    window.nav.setFocus()
    press(window, "Ctrl+F")
    assert QApplication.focusWidget() is panel.viewer.search_edit
    window.nav.setFocus()
    press(window, "Ctrl+Shift+C")
    qtbot.waitUntil(lambda: "hello there" in QGuiApplication.clipboard().text(), timeout=2000)  # after the click animation
    checked |= {"Ctrl+Up", "Ctrl+Down", "Ctrl+.", "Ctrl+R", "Ctrl+Shift+P", "Del", "Ctrl+E", "Ctrl+F", "Ctrl+Shift+C",
                "Ctrl+O"}
    assert advertised(panel) <= checked, advertised(panel) - checked

    # Models: Ctrl+F to the search box, F5 refreshes
    press(window, "Ctrl+3")
    models = window.models_panel
    window.nav.setFocus()
    press(window, "Ctrl+F")
    assert QApplication.focusWidget() is models.search
    window.nav.setFocus()
    with qtbot.waitSignal(models.refreshed, timeout=5000):
        press(window, "F5")
    assert advertised(models) <= {"Ctrl+F", "F5"}, advertised(models)

    # Queue & limits: each action's shortcut reaches it with the focus anywhere in the window
    press(window, "Ctrl+4")
    monitor = window.monitor_panel
    window.nav.setFocus()
    keys = advertised(monitor)
    actions = {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText): a for a in monitor.findChildren(QAction)}
    assert keys and keys <= set(actions)
    for key in keys:
        actions[key].setEnabled(True)
        with qtbot.waitSignal(actions[key].triggered, timeout=1000):
            press(window, key)

    # Chat: its menu actions and the panel's own shortcuts fire only there
    press(window, "Ctrl+1")
    chat = window.chat_panel
    # A conversation with a reply: Regenerate is enabled only when there is something to write again.
    conversation = window.services.storage.create_conversation("Greetings", chat.model_picker.current_model())
    window.services.storage.add_message(conversation.id, "user", "Hi")
    window.services.storage.add_message(conversation.id, "assistant", "Hello!")
    chat.conversations.reload()
    chat.open_conversation(conversation.id)
    qtbot.waitUntil(chat.can_regenerate)
    for key in ("Ctrl+R", "Ctrl+Shift+C"):
        action = next(a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence(key) and a.isEnabled())
        with qtbot.waitSignal(action.triggered, timeout=1000):
            press(window, key)
    for name, key in (("shortcut_find", "Ctrl+F"), ("shortcut_escape", "Esc"), ("shortcut_undo", "Ctrl+Z")):
        if name == "shortcut_undo":
            chat.conversation_list.setFocus()  # where the tooltip offers it (a text field keeps its own Ctrl+Z)
        shortcut = chat.findChild(QShortcut, name)
        assert shortcut is not None and shortcut.key() == QKeySequence(key)
        with qtbot.waitSignal(shortcut.activated, timeout=1000):
            press(window, key)
    press(window, "Ctrl+2")
    press(window, "Ctrl+N")
    assert window.stack.currentWidget() is chat
    window.close()
