"""Hands-free conversation and live recording, with the file-backed microphone and the fake speaker."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.core.store.storage import JobStatus
from groq_desktop.core.voice.fakes import FakeSpeaker, FileMicrophone
from groq_desktop.core.voice.wav import read_wav
from groq_desktop.services.transcription import JobPhase, TranscriptionService
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_hands_free import HandsFree, HandsFreeCallbacks, HandsFreeState, chat_asker
from groq_desktop.services.voice_live import LiveRecording
from groq_desktop.services.voice_reading import ReadingCallbacks, ReadingState
from tests.audio_fixtures import pcm_signal
from tests.conftest import TEST_KEY

T = TypeVar("T")
RATE = 16000


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 60))


def utterance(seconds: float = 1.2) -> bytes:
    return bytes(int(0.2 * RATE) * 2) + pcm_signal(seconds, RATE, kind="speech")


@pytest.fixture
def server(emulator_factory: Any) -> Any:
    # Free-plan limits, a minute of quota in half a second, short replies (each read in one or two requests).
    return emulator_factory(time_scale=120.0, tokens_per_second=5000.0, default_reply_tokens=(15, 45))


@pytest.fixture
def services(server: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Services]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    built = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": server.base_url, "GROQ_TIME_SCALE": "120"}))
    yield built
    built.close()


@pytest.fixture
def voice(services: Services, tmp_path: Path) -> VoiceService:
    return VoiceService.from_services(services, cache_dir=tmp_path / "tts")


def conversation(services: Services) -> int:
    model = shipped_catalogue().preferred(ModelKind.CHAT, shipped_catalogue().models)
    assert model is not None
    return services.chat.create_conversation(model).id


def test_ten_turns_hands_free_every_turn_heard_answered_and_read_with_no_429(
    voice: VoiceService, services: Services, server: Any
) -> None:
    mic = FileMicrophone([utterance(1.0 + 0.1 * i) for i in range(10)], speed=30.0)
    speaker = FakeSpeaker(speed=100.0)
    states: list[HandsFreeState] = []

    def on_state(state: HandsFreeState) -> None:
        states.append(state)
        if state is HandsFreeState.LISTENING:
            mic.cue()  # the user speaks once the app listens

    async def go() -> HandsFree:
        session = HandsFree(voice, mic, speaker, chat_asker(services.chat, conversation(services)),
                            HandsFreeCallbacks(state=on_state), max_turns=10)
        await session.start()
        return session

    session = run(go())
    assert len(session.turns) == 10
    assert all(t.heard and t.reply and t.reading is ReadingState.DONE for t in session.turns)
    assert server.stats.rate_limited == 0
    assert sum(1 for p in speaker.played if p.completed) >= 10
    assert states[:3] == [HandsFreeState.LISTENING, HandsFreeState.THINKING, HandsFreeState.SPEAKING]
    assert states[-1] is HandsFreeState.STOPPED
    assert services.storage.count_messages(session_conversation(services)) == 20


def session_conversation(services: Services) -> int:
    return services.storage.list_conversations()[0].id


def test_speaking_over_the_reply_stops_it_and_becomes_the_next_turn(voice: VoiceService, services: Services) -> None:
    mic = FileMicrophone([utterance(1.0), utterance(1.5)], speed=10.0)
    speaker = FakeSpeaker(speed=2.0)  # slow, so the reply is still being read when the user speaks

    def on_reading(state: ReadingState, _message: str) -> None:
        if state is ReadingState.PLAYING:
            mic.cue()  # barge in as soon as the reply is heard

    def on_state(state: HandsFreeState) -> None:
        if state is HandsFreeState.LISTENING and mic.utterances_left == 2:
            mic.cue()

    async def go() -> HandsFree:
        callbacks = HandsFreeCallbacks(state=on_state, reading=ReadingCallbacks(state=on_reading))
        session = HandsFree(voice, mic, speaker, chat_asker(services.chat, conversation(services)), callbacks,
                            max_turns=2)
        task = session.start()
        while len(session.turns) < 2:
            await asyncio.sleep(0.01)
        session.leave()  # the one key that leaves: the second reply stops at once
        with pytest.raises(asyncio.CancelledError):
            await task
        return session

    session = run(go())
    first, second = session.turns
    assert first.interrupted and first.reading is ReadingState.STOPPED
    assert not speaker.played[0].completed
    assert second.heard  # the interruption was transcribed as the next turn
    assert session.state is HandsFreeState.STOPPED


def test_live_recording_shows_text_while_recording_and_ends_as_a_finished_job(
    voice: VoiceService, services: Services, tmp_path: Path
) -> None:
    pauses = [(s, s + 0.7) for s in (4.0, 8.5, 13.0)]
    audio = pcm_signal(16.0, RATE, kind="speech", silences=pauses)
    mic = FileMicrophone([audio], speed=20.0, auto_cue=True)
    updates: list[str] = []
    transcription = TranscriptionService.from_services(services)

    async def go() -> tuple[LiveRecording, float]:
        recording = LiveRecording(voice, services.storage, mic, folder=tmp_path / "rec",
                                  on_transcript=lambda t: updates.append(t.text))
        while mic.last_speech_end is None:
            await asyncio.sleep(0.01)
        seen_while_recording = len(updates)
        await recording.stop()
        transcription.adopt(recording.job_id)
        return recording, seen_while_recording

    recording, seen_while_recording = run(go())
    assert seen_while_recording >= 2  # the transcript followed the speaker
    assert len(recording.pieces) >= 3
    assert all(b.start < a.end for a, b in zip(recording.pieces, recording.pieces[1:], strict=False))  # overlaps
    job = services.storage.get_job(recording.job_id)
    assert job is not None and job.status == JobStatus.DONE and job.chunk_count == len(recording.pieces)
    info = transcription.job(recording.job_id)
    assert info is not None and info.phase is JobPhase.DONE
    stored = transcription.transcript(recording.job_id)
    assert stored is not None and stored.text == recording.transcript.text and stored.text
    pcm, rate = read_wav(recording.path.read_bytes())
    assert rate == RATE and 16.0 <= len(pcm) / 2 / RATE < 16.5  # all of it (and the silence until stop)


def test_a_recording_cut_off_by_a_crash_is_kept_and_transcribed_at_the_next_start(
    voice: VoiceService, services: Services, tmp_path: Path
) -> None:
    mic = FileMicrophone([pcm_signal(6.0, RATE, kind="speech")], speed=20.0, auto_cue=True)

    async def record_then_die() -> LiveRecording:
        recording = LiveRecording(voice, services.storage, mic, folder=tmp_path / "rec")
        while recording.seconds < 3.0:
            await asyncio.sleep(0.01)
        recording._recorder.cancel()  # the process dies here: no stop(), no close()
        return recording

    recording = run(record_then_die())
    recorded = recording.seconds
    pcm, _ = read_wav(recording.path.read_bytes())  # the header already covers everything written
    assert len(pcm) / 2 / RATE == pytest.approx(recorded, abs=0.001)
    job = services.storage.get_job(recording.job_id)
    assert job is not None and job.finished_at is None

    # The next start: the unfinished job is transcribed from the recorded file like any other.
    restarted = TranscriptionService.from_services(services)

    async def resume() -> None:
        await restarted.resume()
        while not (restarted.job(recording.job_id) or _never()).phase.finished:
            await asyncio.sleep(0.02)

    run(resume())
    info = restarted.job(recording.job_id)
    assert info is not None and info.phase is JobPhase.DONE
    transcript = restarted.transcript(recording.job_id)
    assert transcript is not None and transcript.text


def _never() -> Any:
    raise AssertionError("the job disappeared")


KILLED_RECORDER = """
import asyncio, sys
from pathlib import Path
from groq_desktop.app.composition import build_services
from groq_desktop.core.config import load_config
from groq_desktop.core.voice.fakes import FileMicrophone
from groq_desktop.services.voice_live import LiveRecording
from tests.audio_fixtures import pcm_signal

async def main() -> None:
    services = build_services(load_config({"GROQ_API_KEY": sys.argv[1], "GROQ_BASE_URL": sys.argv[2],
                                           "GROQ_TIME_SCALE": "120"}))
    audio = pcm_signal(60.0, 16000, kind="speech", silences=[(s, s + 0.6) for s in range(4, 60, 5)])
    mic = FileMicrophone([audio], speed=10.0, auto_cue=True)
    recording = LiveRecording(services.voice, services.storage, mic, folder=Path(sys.argv[3]))
    while recording.seconds < 8.0:
        await asyncio.sleep(0.01)
    print(recording.job_id, recording.path, flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


def test_killing_the_app_while_recording_keeps_the_recording_and_it_is_transcribed_at_the_next_start(
    server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    env = {**os.environ, "GROQ_DESKTOP_HOME": str(home), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_RECORDER, TEST_KEY, server.base_url, str(tmp_path / "rec")],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert proc.stdout is not None
        job_id, path = proc.stdout.readline().split(maxsplit=1)
    finally:
        proc.kill()  # SIGKILL: no stop(), no close(), no cleanup of any kind
        proc.wait()
    pcm, rate = read_wav(Path(path.strip()).read_bytes())
    assert len(pcm) / 2 / rate >= 8.0  # everything up to the kill is in a valid WAV

    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(home))
    services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": server.base_url,
                                           "GROQ_TIME_SCALE": "120"}))
    try:
        async def restart() -> Any:
            await services.transcription.resume()
            while not services.transcription.job(int(job_id)).phase.finished:  # type: ignore[union-attr]
                await asyncio.sleep(0.02)
            return services.transcription.job(int(job_id))

        info = run(restart())
        assert info.phase is JobPhase.DONE and info.duration >= 8.0
        transcript = services.transcription.transcript(int(job_id))
        assert transcript is not None and transcript.text
    finally:
        services.close()
