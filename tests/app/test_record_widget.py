"""Record and transcribe live in the real Transcribe panel, with a file-backed microphone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from groq_desktop.app.transcription.job_table_model import Column
from groq_desktop.app.transcription.panel import TranscriptionPanel
from groq_desktop.app.voice import devices as devices_module
from groq_desktop.core.voice.fakes import FileMicrophone
from groq_desktop.services.transcription import JobPhase
from tests.app import test_transcription_panel as transcription_tests
from tests.audio_fixtures import pcm_signal

panel = transcription_tests.panel  # the Transcribe panel fixture, shared


@pytest.fixture
def mic(monkeypatch: pytest.MonkeyPatch) -> Iterator[FileMicrophone]:
    audio = pcm_signal(14.0, 16000, kind="speech", silences=[(4.5, 5.2), (9.5, 10.2)])
    microphone = FileMicrophone([audio], speed=10.0, auto_cue=True)
    monkeypatch.setattr(devices_module.devices, "microphone", lambda: microphone)
    yield microphone


def test_record_shows_the_transcript_while_recording_and_ends_as_a_finished_job(
    qtbot: Any, panel: TranscriptionPanel, mic: FileMicrophone  # noqa: F811 - fixture
) -> None:
    recorder = panel.recorder
    assert recorder is not None
    panel.show()
    recorder.button.click()
    assert recorder.recording is not None and recorder.live.isVisible() and recorder.button.text() == "Stop"
    qtbot.waitUntil(lambda: recorder.live.toPlainText() != "", timeout=10_000)  # text while still recording
    assert mic.last_speech_end is None
    qtbot.waitUntil(lambda: mic.last_speech_end is not None, timeout=10_000)
    recorder.button.click()
    qtbot.waitUntil(lambda: recorder.recording is None and recorder.button.isEnabled(), timeout=10_000)
    jobs = panel.service.jobs()
    assert len(jobs) == 1 and jobs[0].phase is JobPhase.DONE
    assert jobs[0].path.suffix == ".wav" and jobs[0].path.exists()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, Column.STATUS).data() == "Done"
    transcript = panel.service.transcript(jobs[0].id)
    assert transcript is not None and transcript.text
