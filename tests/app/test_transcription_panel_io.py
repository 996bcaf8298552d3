"""The Transcribe panel keeps file work off the UI thread and asks before deleting a transcript."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings
from groq_desktop.app.transcription import panel as panel_module
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.transcript import Segment, Transcript
from groq_desktop.core.config import load_config
from groq_desktop.core.store.storage import JobStatus
from groq_desktop.services.transcription import TranscriptionOptions
from tests.app.test_transcription_panel import run_on_loop
from tests.conftest import TEST_KEY


def finished_job(services: Services, results: Path, name: str, segments: int) -> int:
    """A job finished in an earlier session: its row in storage and its saved transcript."""
    record = services.storage.create_job(Path("/media") / name, name, TranscriptionOptions().to_dict())
    services.storage.update_job(record.id, status=JobStatus.DONE, duration=float(segments))
    transcript = Transcript(
        text=" ".join(f"{name} {i}" for i in range(segments)),
        segments=[Segment(i, float(i), i + 1.0, f"{name} {i}") for i in range(segments)],
        duration=float(segments),
    )
    results.mkdir(parents=True, exist_ok=True)
    subtitles.export(transcript, "json", results / f"job-{record.id}.json")
    return record.id


@pytest.fixture
def panel_with_history(
    qtbot: Any, event_loop_checked: asyncio.AbstractEventLoop, emulator: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[tuple[TranscriptionPanel, int, int]]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    config = load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url})
    earlier = build_services(config)
    results = Path(earlier.storage.path).parent / "transcripts"
    first = finished_job(earlier, results, "talk.mp3", 3)
    second = finished_job(earlier, results, "talk.wav", 5)
    earlier.close()
    services = build_services(config)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    signals = CoreSignals(services)
    widget = TranscriptionPanel(services, signals, settings)
    qtbot.addWidget(widget)
    yield widget, first, second
    widget.viewer.stop()
    run_on_loop(qtbot, event_loop_checked, widget.service.aclose())
    run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
    signals.disconnect_core()
    services.close()


def test_a_transcript_is_read_off_the_ui_thread_and_a_stale_one_is_not_shown(
    qtbot: Any, panel_with_history: tuple[TranscriptionPanel, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, first, second = panel_with_history
    read = panel.service.transcript
    threads: list[threading.Thread] = []
    release_first = threading.Event()

    def slow_transcript(job_id: int) -> Any:
        threads.append(threading.current_thread())
        if job_id == first:
            release_first.wait(10)  # a big transcript, still parsing when the user moves on
        return read(job_id)

    monkeypatch.setattr(panel.service, "transcript", slow_transcript)
    panel.select_job(first)
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert "loading" in panel.viewer.title.text()
    panel.select_job(second)
    qtbot.waitUntil(lambda: panel.viewer.segments.rowCount() == 5)
    release_first.set()
    qtbot.waitUntil(lambda: len(panel._tasks) == 0)
    assert panel.viewer.segments.rowCount() == 5 and "talk.wav" in panel.viewer.title.text()
    assert threading.main_thread() not in threads


def test_export_selected_writes_off_the_ui_thread_and_never_overwrites_another_source(
    qtbot: Any, panel_with_history: tuple[TranscriptionPanel, int, int], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    panel, _first, _second = panel_with_history
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.txt").write_text("my own notes\n")  # not written by the app
    threads: list[threading.Thread] = []
    export = subtitles.export

    def recording_export(*args: Any) -> None:
        threads.append(threading.current_thread())
        export(*args)

    monkeypatch.setattr(subtitles, "export", recording_export)
    monkeypatch.setattr(panel_module, "choose_export_folder", lambda _parent: out)
    panel.options.export_formats = lambda: ("txt", "srt")  # type: ignore[method-assign]
    panel.table.selectAll()
    panel.export_selected_action.trigger()
    qtbot.waitUntil(lambda: panel.message.text().startswith("Exported 4 files"))
    assert threads and threading.main_thread() not in threads
    assert (out / "talk.txt").read_text() == "my own notes\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "talk (2).srt", "talk (2).txt", "talk (3).srt", "talk (3).txt", "talk.txt",
    ]


def test_removing_a_finished_job_asks_first(
    qtbot: Any, panel_with_history: tuple[TranscriptionPanel, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, first, _second = panel_with_history
    answers: list[list[str]] = []
    monkeypatch.setattr(panel_module, "confirm_remove", lambda _parent, names: answers.append(names) or False)
    panel.select_job(first)
    panel.remove_action.trigger()
    assert answers == [["talk.mp3"]] and panel.service.job(first) is not None
    monkeypatch.setattr(panel_module, "confirm_remove", lambda _parent, names: True)
    panel.remove_action.trigger()
    assert panel.service.job(first) is None and panel.model.row_of(first) is None
