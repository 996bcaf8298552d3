"""VoiceService with the file-backed microphone and the fake speaker, against the emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.limits import ModelLimits
from groq_desktop.core.quota.scheduler import JobInfo, Priority
from groq_desktop.core.voice.fakes import FakeSpeaker, FileMicrophone
from groq_desktop.core.voice.ports import MicrophoneUnavailable
from groq_desktop.emulator import tts
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_reading import Reading, ReadingCallbacks, ReadingState
from tests.audio_fixtures import pcm_signal
from tests.conftest import TEST_KEY

T = TypeVar("T")
RATE = 16000
SPEED = 25.0
REPLY = " ".join(f"Sentence number {i} is here to be read aloud." for i in range(12))


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 30))


def speech(seconds: float = 1.5, lead: float = 0.3) -> bytes:
    return bytes(int(lead * RATE) * 2) + pcm_signal(seconds, RATE, kind="speech")


@pytest.fixture
def services(emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Services]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    built = build_services(
        load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": emulator.base_url, "GROQ_MAX_RETRIES": "0",
                     "GROQ_TIME_SCALE": "60"})
    )
    yield built
    built.close()


@pytest.fixture
def voice(services: Services, tmp_path: Path) -> VoiceService:
    return VoiceService.from_services(services, cache_dir=tmp_path / "tts")


def tts_requests(emulator: Any) -> int:
    tts_model = shipped_catalogue().preferred(ModelKind.TEXT_TO_SPEECH, shipped_catalogue().models)
    return int(emulator.stats.by_model.get(tts_model, 0))


# --- dictation ---------------------------------------------------------------------------------------


def test_dictation_transcribes_at_interactive_priority_with_a_speech_to_text_model(
    voice: VoiceService, services: Services
) -> None:
    seen: list[JobInfo] = []
    services.scheduler.subscribe(seen.append)
    levels: list[tuple[float, float]] = []

    async def go() -> str:
        mic = FileMicrophone([speech(2.0)], speed=SPEED, auto_cue=True)
        dictation = voice.start_dictation(mic, lambda db, s: levels.append((db, s)))
        while mic.utterances_left or mic.last_speech_end is None:
            await asyncio.sleep(0.01)
        return await dictation.finish()

    text = run(go())
    assert text  # the emulator's stand-in recogniser hears words in speech-like audio
    jobs = [j for j in seen if j.kind == "transcription"]
    assert jobs and all(j.priority is Priority.INTERACTIVE for j in jobs)
    facts = shipped_catalogue().facts(jobs[0].model)
    assert facts is not None and facts.kind is ModelKind.SPEECH_TO_TEXT
    assert levels and max(db for db, _ in levels) > -30  # the level meter moved


def test_no_microphone_is_a_clear_error(voice: VoiceService) -> None:
    class NoMic:
        def frames(self) -> Any:
            raise MicrophoneUnavailable("No microphone was found.", hint="Connect one and try again.")

        def stop(self) -> None:
            pass

    async def go() -> None:
        with pytest.raises(MicrophoneUnavailable, match="No microphone"):
            voice.start_dictation(NoMic())

    run(go())


# --- read-aloud --------------------------------------------------------------------------------------


async def read(voice: VoiceService, speaker: FakeSpeaker, text: str, **kw: Any) -> Reading:
    reading = Reading(voice, speaker, **kw)
    reading.finish(text)
    await reading.wait()
    return reading


def test_read_aloud_plays_every_piece_in_order_and_replays_from_the_cache(voice: VoiceService, emulator: Any) -> None:
    async def go() -> tuple[Reading, FakeSpeaker, Reading, FakeSpeaker]:
        first_speaker = FakeSpeaker(speed=SPEED)
        first = await read(voice, first_speaker, REPLY)
        again_speaker = FakeSpeaker(speed=SPEED)
        again = await read(voice, again_speaker, REPLY)
        return first, first_speaker, again, again_speaker

    first, speaker, again, again_speaker = run(go())
    assert first.state is ReadingState.DONE
    assert [p.tag for p in speaker.played] == list(range(len(first.pieces)))
    assert all(p.completed for p in speaker.played)
    assert len(first.pieces) == tts_requests(emulator) == first.requests_sent
    assert all(len(p.text) <= 200 for p in first.pieces)
    heard = sum(p.seconds for p in speaker.played)
    assert heard == pytest.approx(sum(tts.expected_seconds(p.text) for p in first.pieces), abs=0.05)
    # Replay: same audio, no request.
    assert again.state is ReadingState.DONE and again.requests_sent == 0
    assert tts_requests(emulator) == len(first.pieces)
    assert [p.seconds for p in again_speaker.played] == [p.seconds for p in speaker.played]


def test_reading_starts_while_the_reply_streams(voice: VoiceService) -> None:
    async def go() -> tuple[Reading, FakeSpeaker, int]:
        speaker = FakeSpeaker(speed=SPEED)
        reading = Reading(voice, speaker)
        reading.feed("The first sentence is complete. The second is not")
        while not speaker.played:
            await asyncio.sleep(0.005)
        playing_before_finish = len(speaker.played)
        reading.finish("The first sentence is complete. The second is now complete.")
        await reading.wait()
        return reading, speaker, playing_before_finish

    reading, speaker, before = run(go())
    assert before == 1 and reading.state is ReadingState.DONE
    assert reading.sentences == ["The first sentence is complete.", "The second is now complete."]
    assert len(speaker.played) == 2


def test_stop_ends_reading_and_skip_moves_to_the_next_sentence(voice: VoiceService) -> None:
    highlighted: list[int] = []

    async def go() -> tuple[Reading, FakeSpeaker, Reading, FakeSpeaker]:
        speaker = FakeSpeaker(speed=2.0)
        reading = Reading(voice, speaker, ReadingCallbacks(sentence=lambda i, _t: highlighted.append(i)))
        reading.finish("One short sentence. Another short sentence. A third one here.")
        while not speaker.played:
            await asyncio.sleep(0.005)
        reading.skip()
        while len(highlighted) < 2:
            await asyncio.sleep(0.005)
        reading.pause()
        assert speaker.paused
        reading.resume()
        reading.skip()
        while len(highlighted) < 3:
            await asyncio.sleep(0.005)
        reading.stop()
        stopped = await reading.wait()
        assert stopped is ReadingState.STOPPED
        # Stop while waiting for a long reply: nothing else plays afterwards.
        other_speaker = FakeSpeaker(speed=1.0)
        other = Reading(voice, other_speaker)
        other.finish(REPLY)
        while not other_speaker.played:
            await asyncio.sleep(0.005)
        other.stop()
        await other.wait()
        await asyncio.sleep(0.05)  # a stopped reading must not start the next piece later
        return reading, speaker, other, other_speaker

    reading, speaker, other, other_speaker = run(go())
    assert highlighted[:3] == [0, 1, 2]  # each skip jumped to the next sentence in the same request
    assert len(speaker.played) == 1 and len(speaker.played[0].jumps) == 2
    assert not speaker.played[0].completed
    assert other.state is ReadingState.STOPPED and len(other_speaker.played) == 1


def test_spent_budget_stops_cleanly_without_429(voice: VoiceService, services: Services, emulator: Any) -> None:
    model = voice.tts_model()
    limits = ModelLimits.from_mapping({"RPM": 10, "RPD": 3, "TPM": 1200, "TPD": 3600})
    services.limiter.set_limits(model, limits)
    emulator.set_limits(model, limits)
    budgets: list[str] = []

    async def go() -> Reading:
        return await read(voice, FakeSpeaker(speed=SPEED), REPLY * 3, callbacks=ReadingCallbacks(budget=budgets.append))

    reading = run(go())
    assert reading.state is ReadingState.BUDGET_SPENT
    assert "used up for today" in reading.message
    assert tts_requests(emulator) == 3 and emulator.stats.rate_limited == 0
    assert budgets[0].startswith("Read-aloud left today: 3 requests")
    assert voice.budget().spent


def test_save_audio_exports_the_whole_reply_as_one_file_from_the_cache(
    voice: VoiceService, emulator: Any, tmp_path: Path
) -> None:
    from groq_desktop.core.voice.wav import read_wav
    from groq_desktop.services.voice_reading import save_audio

    async def go() -> tuple[Reading, FakeSpeaker, Path]:
        speaker = FakeSpeaker(speed=SPEED)
        reading = await read(voice, speaker, REPLY)
        return reading, speaker, await save_audio(voice, REPLY, tmp_path / "reply.wav")

    reading, speaker, path = run(go())
    assert tts_requests(emulator) == len(reading.pieces)  # saving asked for nothing new
    pcm, rate = read_wav(path.read_bytes())
    assert len(pcm) / 2 / rate == pytest.approx(sum(p.seconds for p in speaker.played), abs=0.01)


def test_a_daily_limit_groq_knew_before_us_costs_one_429_and_stops_cleanly(
    voice: VoiceService, emulator: Any
) -> None:
    model = voice.tts_model()
    # Groq has fewer requests left today than the app believes (another device used them).
    emulator.set_limits(model, ModelLimits.from_mapping({"RPM": 10, "RPD": 2, "TPM": 1200, "TPD": 3600}))

    async def go() -> Reading:
        return await read(voice, FakeSpeaker(speed=SPEED), REPLY * 3)

    reading = run(go())
    assert reading.state is ReadingState.BUDGET_SPENT and "used up for today" in reading.message
    assert emulator.stats.rate_limited <= 1  # the headers (or one refusal) taught the limiter: no wall of 429s
    assert voice.budget().spent


def test_a_daily_refusal_mid_reading_plays_what_was_fetched_and_stops(voice: VoiceService, emulator: Any) -> None:
    model = voice.tts_model()
    emulator.set_limits(model, ModelLimits.from_mapping({"RPM": 10, "RPD": 1, "TPM": 1200, "TPD": 3600}))
    # A server that does not say its daily limit (with headers the limiter learns RPD 1 and never asks twice).
    emulator.advertise_limits(False)

    async def go() -> tuple[Reading, FakeSpeaker]:
        speaker = FakeSpeaker(speed=SPEED)
        return await read(voice, speaker, REPLY), speaker

    reading, speaker = run(go())
    assert reading.state is ReadingState.BUDGET_SPENT and "used up for today" in reading.message
    assert emulator.stats.rate_limited == 1  # the refusal is taken as the day's end: no wait, no retry
    assert tts_requests(emulator) == 2 and len(speaker.played) <= 1
    assert all(p.completed for p in speaker.played)  # what arrived was heard to the end
