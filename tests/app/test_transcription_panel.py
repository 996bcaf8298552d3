"""The Transcribe panel end to end against the emulator: drop, queue, view, play, export."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.app.transcription import panel as panel_module
from groq_desktop.app.transcription.job_table_model import Column, JobTableModel
from groq_desktop.app.transcription.options import TURBO_NOTE
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.app.transcription.transcript_view import SegmentListModel
from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.transcript import Segment
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import Dimension
from groq_desktop.core.quota.rate_limiter import WaitInfo
from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions
from tests.audio_fixtures import write_audio
from tests.conftest import TEST_KEY, save_screenshot

UPLOAD_LIMIT = 600_000


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("panel-audio")
    write_audio(folder / "interview.wav", 70, kind="speech", silences=[(s, s + 0.6) for s in range(3, 70, 4)])
    write_audio(folder / "memo.mp3", 6, kind="speech", silences=[(2.0, 2.6)])
    (folder / "notes.mp3").write_text("not a recording\n" * 20)
    return folder


def run_on_loop(qtbot: Any, loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any]) -> None:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
    task.result()


@pytest.fixture
def panel(
    qtbot: Any, event_loop_checked: asyncio.AbstractEventLoop, emulator_factory: Any,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> Iterator[TranscriptionPanel]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    emulator = emulator_factory(time_scale=60.0, max_upload_bytes=UPLOAD_LIMIT)
    services: Services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url}))
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(Key.OVERLAP_SECONDS, 4.0)  # the small upload limit leaves short chunks
    signals = CoreSignals(services)
    widget = TranscriptionPanel(services, signals, settings)
    widget.service.max_upload_bytes = UPLOAD_LIMIT  # what this emulator accepts
    widget.emulator = emulator  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    yield widget
    widget.viewer.stop()
    run_on_loop(qtbot, event_loop_checked, widget.service.aclose())
    run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
    signals.disconnect_core()
    services.close()


def drop(widget: TranscriptionPanel, paths: list[Path]) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return enter.isAccepted(), event.isAccepted()


def status_of(widget: TranscriptionPanel, name: str) -> str:
    for row in range(widget.model.rowCount()):
        if widget.model.index(row, Column.FILE).data() == name:
            return str(widget.model.index(row, Column.STATUS).data())
    return ""


def test_dropped_files_are_transcribed_and_a_file_over_the_upload_limit_is_chunked(
    qtbot: Any, panel: TranscriptionPanel, audio_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = audio_dir / "interview.wav"
    assert big.stat().st_size > UPLOAD_LIMIT
    entered, dropped = drop(panel, [big, audio_dir / "notes.mp3"])
    assert entered and dropped
    panel.handle_drop([QUrl.fromLocalFile(str(audio_dir / "memo.mp3"))])
    qtbot.waitUntil(lambda: status_of(panel, "interview.wav") == "Done" and status_of(panel, "memo.mp3") == "Done",
                    timeout=20_000)
    assert status_of(panel, "notes.mp3") == "Rejected: not audio"
    jobs = {j.name: j for j in panel.service.jobs()}
    assert jobs["interview.wav"].chunk_count and jobs["interview.wav"].chunk_count > 1
    assert jobs["memo.mp3"].chunk_count == 1
    assert panel.emulator.stats.count(413) == 0  # type: ignore[attr-defined]
    assert panel.emulator.stats.count(200) == jobs["interview.wav"].chunk_count + 1  # type: ignore[attr-defined]

    # the finished transcript: shown when its row is selected
    panel.select_job(jobs["interview.wav"].id)
    qtbot.waitUntil(lambda: panel.viewer.segments.rowCount() > 3)
    transcript = panel.service.transcript(jobs["interview.wav"].id)
    assert transcript is not None and panel.viewer.segments.rowCount() == len(transcript.segments)

    # clicking a segment plays the audio from its start (no audio device needed)
    view = panel.viewer.list
    index = panel.viewer.proxy.index(2, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert panel.viewer.requested_position_ms == round(transcript.segments[2].start * 1000)
    assert panel.viewer.player is not None
    assert panel.viewer.player.source() == QUrl.fromLocalFile(str(big))
    panel.viewer._position_changed(int(transcript.segments[3].start * 1000) + 10)
    assert panel.viewer.segments.playing_row == 3

    # search narrows the list
    word = transcript.segments[1].text.split()[0].strip(".")
    panel.viewer.search_edit.setText(word)
    assert 1 <= panel.viewer.proxy.rowCount() <= len(transcript.segments)
    panel.viewer.search_edit.clear()

    # export buttons write files that parse back
    target = tmp_path / "export" / "interview.srt"
    target.parent.mkdir()
    monkeypatch.setattr(panel_module, "choose_save_path", lambda _parent, _suggested, _fmt: target)
    qtbot.mouseClick(panel.viewer.export_buttons["srt"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.text() == f"Saved {target}")
    cues = subtitles.parse_srt(target.read_text())
    assert len(cues) >= len(transcript.segments) and cues[-1][1] <= 70.5
    panel.viewer.copy_all()
    assert QApplication.clipboard().text().strip() == subtitles.to_txt(transcript).strip()

    save_screenshot(panel, "transcription_result.png", tmp_path)

    # several jobs at once to a folder
    panel.table.selectAll()
    out = tmp_path / "many"
    monkeypatch.setattr(panel_module, "choose_export_folder", lambda _parent: out)
    panel.export_selected_action.trigger()
    qtbot.waitUntil(lambda: panel.message.text().startswith("Exported 4 files"))
    assert sorted(p.name for p in out.iterdir()) == ["interview.srt", "interview.txt", "memo.srt", "memo.txt"]
    subtitles.parse_srt((out / "memo.srt").read_text())

    # a queue in several states, for the screenshot: the live rows plus a few staged ones
    options = TranscriptionOptions()
    now = panel.model._clock()
    wait = WaitInfo("whisper-large-v3-turbo", Dimension.ASH, 42.0, 600, 180, 7200, "ASH: 7,020 of 7,200 used, 42 s")
    staged = [
        JobInfo(901, audio_dir / "lecture-part-1.mp3", "lecture-part-1.mp3", JobPhase.UPLOADING, options,
                duration=3540.0, chunk_count=7, chunks_done=2, current_chunk=3, progress=0.31, eta_seconds=240.0),
        JobInfo(902, audio_dir / "lecture-part-2.mp3", "lecture-part-2.mp3", JobPhase.WAITING, options,
                duration=3320.0, chunk_count=6, progress=0.0, eta_seconds=400.0, wait=wait, wait_until=now + 42.4),
        JobInfo(903, audio_dir / "podcast.m4a", "podcast.m4a", JobPhase.QUEUED, options, duration=1805.0),
        JobInfo(904, audio_dir / "call.ogg", "call.ogg", JobPhase.FAILED, options, duration=320.0, chunk_count=1,
                error="chunk 1/1 failed after 3 tries: Groq had a server error"),
    ]
    for info in staged:
        panel.model.upsert(info)
    assert status_of(panel, "lecture-part-1.mp3") == "Uploading chunk 3/7"
    assert status_of(panel, "lecture-part-2.mp3") == "Waiting for quota (audio seconds per hour) — 43 s"
    panel.table.clearSelection()
    panel.show_message("3 files queued; not queued: notes.mp3 (not audio)")
    save_screenshot(panel, "transcription_queue.png", tmp_path)
    for info in staged:
        panel.model.remove(info.id)


def test_row_actions_pause_and_remove(qtbot: Any, panel: TranscriptionPanel, audio_dir: Path) -> None:
    panel.toggle_pause()
    assert panel.pause_action.text() == "Resume all"
    panel.add_paths([audio_dir / "memo.mp3", audio_dir / "notes.mp3"])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert status_of(panel, "memo.mp3") == "Paused"
    assert panel.emulator.stats.requests == 0  # type: ignore[attr-defined]

    memo = next(j for j in panel.service.jobs() if j.name == "memo.mp3")
    panel.select_job(memo.id)
    assert panel.cancel_action.isEnabled() and not panel.retry_action.isEnabled()
    panel.cancel_action.trigger()
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Cancelled")
    assert panel.retry_action.isEnabled()
    panel.retry_action.trigger()
    assert status_of(panel, "memo.mp3") == "Paused"
    panel.toggle_pause()
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)

    rejected = next(j for j in panel.service.jobs() if j.name == "notes.mp3")
    panel.select_job(rejected.id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [panel.model.index(r, Column.FILE).data() for r in range(panel.model.rowCount())] == ["memo.mp3"]
    assert "(Del)" in panel.remove_action.toolTip()


def test_options_keep_translation_to_whisper_large_v3(qtbot: Any, panel: TranscriptionPanel) -> None:
    options = panel.options
    options.use_model("whisper-large-v3")
    options.task_box.setCurrentIndex(1)
    assert panel.options.options().task == "translate" and not options.language_box.isEnabled()
    panel.use_model("whisper-large-v3-turbo")
    assert options.options().task == "transcribe"
    assert not options.task_box.model().item(1).isEnabled()
    assert options.task_note.text() == TURBO_NOTE and not options.task_note.isHidden()
    assert options.options().problems() == []


def _job(job_id: int, phase: JobPhase, **fields: Any) -> JobInfo:
    return JobInfo(job_id, Path(f"/tmp/{job_id}.mp3"), f"{job_id}.mp3", phase, TranscriptionOptions(), **fields)


def test_job_table_model_is_a_well_behaved_model_with_a_live_countdown(qtmodeltester: Any) -> None:
    now = [1000.0]
    model = JobTableModel(clock=lambda: now[0])
    wait = WaitInfo("whisper-large-v3", Dimension.ASH, 42.0, 600, 0, 7200, "ASH: 7,200 of 7,200 used, 42 s")
    model.reset([_job(1, JobPhase.DONE, duration=61.0, progress=1.0)])
    model.upsert(_job(2, JobPhase.WAITING, wait=wait, wait_until=1042.0, duration=3600.0, eta_seconds=50.0))
    model.upsert(_job(-1, JobPhase.REJECTED, error="corrupt"))
    model.upsert(_job(3, JobPhase.UPLOADING, chunk_count=7, current_chunk=3, progress=0.3))
    qtmodeltester.check(model)
    assert [model.index(r, Column.FILE).data() for r in range(4)] == ["1.mp3", "2.mp3", "3.mp3", "-1.mp3"]
    assert model.index(1, Column.STATUS).data() == "Waiting for quota (audio seconds per hour) — 42 s"
    assert model.index(1, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole) == (
        "Waiting for quota: audio seconds this hour: 0 of 7,200 left, room in 42 s")
    assert model.index(2, Column.STATUS).data() == "Uploading chunk 3/7"
    assert model.index(3, Column.STATUS).data() == "Rejected: corrupt"
    assert model.index(1, Column.DURATION).data() == "1 h"
    assert model.index(0, Column.DURATION).data() == "1 min 1 s"
    now[0] = 1030.5
    model.tick()
    assert model.index(1, Column.STATUS).data() == "Waiting for quota (audio seconds per hour) — 12 s"
    model.remove(2)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_segment_model_finds_the_playing_segment(qtmodeltester: Any) -> None:
    model = SegmentListModel()
    model.set_segments([Segment(i, i * 5.0, i * 5.0 + 4.0, f"segment {i}") for i in range(5)])
    qtmodeltester.check(model)
    assert model.row_at(0.5) == 0 and model.row_at(12.0) == 2 and model.row_at(99.0) == 4
    model.set_playing(2)
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_auto_export_formats_are_remembered(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from groq_desktop.app.settings import AppSettings
    from groq_desktop.app.transcription.options import OptionsWidget

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first = OptionsWidget(settings)
    qtbot.addWidget(first)
    assert first.export_formats() == ("txt", "srt")
    first.format_boxes["vtt"].setChecked(True)
    first.format_boxes["txt"].setChecked(False)
    again = OptionsWidget(settings)
    qtbot.addWidget(again)
    assert again.export_formats() == ("srt", "vtt")


def test_a_long_transcript_is_laid_out_in_batches_and_all_of_it_shows(qtbot: Any) -> None:
    from PySide6.QtWidgets import QListView

    from groq_desktop.app.transcription.transcript_view import SEGMENT_BATCH, TranscriptView
    from groq_desktop.core.audio.transcript import Transcript

    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    segments = [Segment(i, i * 5.0, i * 5.0 + 5, f" words of segment {i} " * 4) for i in range(2000)]
    # Batched layout: one selection of a long transcript costs one batch per event-loop turn, not all rows.
    assert view.list.layoutMode() is QListView.LayoutMode.Batched
    assert view.list.batchSize() == SEGMENT_BATCH < len(segments)
    view.show_transcript(Transcript(text="", duration=10_000.0, segments=segments), None, "long")
    last = view.proxy.index(len(segments) - 1, 0)
    view.list.scrollTo(last)
    qtbot.waitUntil(lambda: view.list.visualRect(last).isValid() and view.list.visualRect(last).bottom() > 0)
    assert view.proxy.rowCount() == 2000
