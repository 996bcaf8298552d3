"""Issue 10 on the Transcribe panel: a pick-list of speech models, Retry with valid options, no stale status."""
# ruff: noqa: F811

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtMultimedia import QMediaPlayer

from groq_desktop.app.transcription.job_table_model import Column, JobTableModel
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.core.model_registry import ModelCategory
from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions
from tests.app.test_transcription_panel import audio_dir, panel, run_on_loop, status_of  # noqa: F401


def test_model_box_is_a_pick_list_of_the_registrys_speech_models(qtbot: Any, panel: TranscriptionPanel) -> None:
    box = panel.options.model_box
    assert not box.isEditable()
    panel.services.registry.refresh(force=True)
    speech = [m.id for m in panel.services.registry.models(include_retired=False)
              if m.usable and ModelCategory.SPEECH_TO_TEXT in m.categories]
    assert speech
    qtbot.waitUntil(lambda: [box.itemText(i) for i in range(box.count())] == speech)
    panel.use_model("canal")
    assert box.currentText() in speech and "not a speech-to-text model" in panel.message.text()


def test_retry_of_a_job_with_an_unknown_model_uses_the_current_options_and_says_so(
    qtbot: Any, panel: TranscriptionPanel, audio_dir: Path, event_loop_checked: asyncio.AbstractEventLoop
) -> None:
    run_on_loop(qtbot, event_loop_checked,
                panel.service.add([audio_dir / "memo.mp3"], TranscriptionOptions(model="canal")))
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3").startswith("Failed"), timeout=10_000)
    job = next(j for j in panel.service.jobs() if j.name == "memo.mp3")
    panel.select_job(job.id)
    panel.retry_action.trigger()
    current = panel.options.options().model
    assert "canal" in panel.message.text() and current in panel.message.text()
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)
    assert panel.service.job(job.id).options.model == current  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: panel.viewer.transcript is not None)  # the selected job's transcript is shown


def test_status_follows_the_queue_cancel_finish_and_duplicates(
    qtbot: Any, english: Any, panel: TranscriptionPanel, audio_dir: Path, tmp_path: Path
) -> None:
    panel.toggle_pause()
    panel.add_paths([audio_dir / "memo.mp3"])
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Paused")
    assert panel.message.text() == "1 file queued"
    job = next(j for j in panel.service.jobs() if j.name == "memo.mp3")
    panel.select_job(job.id)
    assert panel.viewer.title.text() == "memo.mp3: Paused"

    panel.cancel_action.trigger()
    qtbot.waitUntil(lambda: panel.viewer.title.text() == "memo.mp3: Cancelled")
    assert panel.message.text() == "Queue finished: 1 cancelled."

    # the same file again while it is queued, and a path that does not exist: said plainly, not queued
    panel.retry_action.trigger()
    panel.add_paths([audio_dir / "memo.mp3", tmp_path / "gone.wav"])
    qtbot.waitUntil(lambda: "not queued" in panel.message.text())
    assert "memo.mp3 (already in the queue)" in panel.message.text()
    assert "gone.wav (not found)" in panel.message.text()
    assert [j.name for j in panel.service.jobs() if j.id > 0] == ["memo.mp3"]


def test_finished_queue_replaces_the_queued_count(qtbot: Any, panel: TranscriptionPanel, audio_dir: Path) -> None:
    panel.add_paths([audio_dir / "memo.mp3"])
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)
    qtbot.waitUntil(lambda: panel.message.text() == "Queue finished: 1 done.")


def test_playback_end_clears_playing_and_disables_stop(qtbot: Any, panel: TranscriptionPanel, audio_dir: Path) -> None:
    viewer = panel.viewer
    viewer.audio_path = audio_dir / "memo.mp3"
    viewer.play_from(1.0)
    assert viewer.stop_button.isEnabled() and viewer.player_label.text() == "Playing from 00:01"
    viewer._media_status_changed(QMediaPlayer.MediaStatus.EndOfMedia)
    assert not viewer.stop_button.isEnabled() and viewer.player_label.text() == "Finished playing"


def test_eta_column_shows_an_estimate_for_running_jobs() -> None:
    now = [100.0]
    model = JobTableModel(clock=lambda: now[0])
    options = TranscriptionOptions()
    model.upsert(JobInfo(1, Path("a.mp3"), "a.mp3", JobPhase.UPLOADING, options, eta_seconds=90.0))
    model.upsert(JobInfo(2, Path("b.mp3"), "b.mp3", JobPhase.PREPARING, options))
    assert model.index(0, Column.ETA).data() == "1 min 30 s"
    now[0] += 30
    assert model.index(0, Column.ETA).data() == "1 min"  # counts down between service updates
    assert model.index(1, Column.ETA).data() == "…"
