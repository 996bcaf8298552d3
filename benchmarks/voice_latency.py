"""Voice latency against the emulator with Groq-like server latency, through the app's own services.

- Dictation: from the end of speech (the user stops recording) to the text being ready for the
  composer. Ours = that time minus the HTTP request's own time (the server's time plus loopback);
  it covers FLAC encoding, scheduling and parsing. Whisper's latency is added on the wire.
- Read-aloud: from the moment the first complete sentence of a streaming reply exists to the first
  audio frame handed to the speaker. Ours = that time minus the TTS request's HTTP time.
- Playback gaps: silence between consecutive pieces while the server keeps up (TTS latency below the
  audio length of the piece before).
- Hands-free: a 10-turn scripted conversation (file-backed microphone) under free-plan limits.

    python -m benchmarks.voice_latency
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from benchmarks.results_file import write_result
from groq_desktop.core.api.client import GroqApiClient, _pooled_session
from groq_desktop.core.api.types import RequestRecord
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.model_registry import ModelRegistry
from groq_desktop.core.quota.limits import LimitTable
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.quota.scheduler import Scheduler
from groq_desktop.core.secrets import Secret
from groq_desktop.core.store.storage import Storage
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.core.voice.fakes import FakeSpeaker, FileMicrophone
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.services.chat import ChatService
from groq_desktop.services.voice import VoiceService
from groq_desktop.services.voice_hands_free import HandsFree, HandsFreeCallbacks, HandsFreeState, chat_asker
from groq_desktop.services.voice_reading import Reading, ReadingState
from tests.audio_fixtures import pcm_signal

KEY = "gsk_bench_key_0123456789"
RATE = 16000
WHISPER_LATENCY = 0.30  # s added to each transcription request on the wire (Groq: ~0.2-0.5 s for a short clip)
TTS_LATENCY = (0.25, 0.002)  # s per request, per character (Groq Orpheus: a few hundred ms for a sentence)
CHAT_TOKENS_PER_SECOND = 500.0  # a streaming reply at a Groq-like pace
DICTATION_RUNS = 20
READ_RUNS = 8
TIME_SCALE = 60.0  # quota time only (a minute of quota per second): latency is the subject here


class _Stack:
    """What build_services builds, on an emulator with latency, with a record of every request."""

    def __init__(self, root: Path, time_scale: float, tts_latency: tuple[float, float], whisper_latency: float,
                 tokens_per_second: float, reply_tokens: tuple[int, int] = (60, 120)) -> None:
        self.emulator = EmulatorServer(EmulatorConfig(
            time_scale=time_scale, tokens_per_second=tokens_per_second, tts_latency=tts_latency,
            default_reply_tokens=reply_tokens,
        )).start()
        self.records: list[RequestRecord] = []
        session = _pooled_session()
        original = session.request

        def latent(method: str, url: str, **kwargs: Any) -> requests.Response:
            if url.endswith("/audio/transcriptions"):
                time.sleep(whisper_latency)  # the worker thread waits, as it would on Groq's answer
            return original(method, url, **kwargs)

        session.request = latent  # type: ignore[method-assign]
        self.client = GroqApiClient(
            ClientConfig(api_key=Secret(KEY), base_url=self.emulator.base_url), session=session,
            on_request=self.records.append,
        )
        self.limiter = RateLimiter(LimitTable.load(), "free", time_scale=time_scale)
        self.client._on_rate_limits = self.limiter.observe_headers
        self.scheduler = Scheduler(self.limiter)
        self.storage = Storage(root / "bench.sqlite")
        self.registry = ModelRegistry(self.client.list_models, root / "models.json")
        self.voice = VoiceService(self.client, self.scheduler, self.limiter, self.registry, cache_dir=root / "tts")
        self.chat = ChatService(self.client, self.scheduler, self.limiter, TokenCounter(), self.storage, self.registry)

    async def close(self) -> None:
        await self.scheduler.aclose()
        self.chat.close()
        self.client.close()
        self.storage.close()
        self.emulator.stop()

    def last(self, endpoint: str) -> RequestRecord:
        return [r for r in self.records if r.endpoint == endpoint][-1]


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered) * 1000, 1),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
    }


async def dictation(stack: _Stack) -> dict[str, Any]:
    totals, servers, overheads = [], [], []
    for i in range(DICTATION_RUNS):
        mic = FileMicrophone([pcm_signal(3.0 + 0.1 * i, RATE, kind="speech")], speed=100.0, auto_cue=True)
        session = stack.voice.start_dictation(mic)
        while mic.last_speech_end is None:
            await asyncio.sleep(0.005)
        started = time.perf_counter()  # end of speech: the user stops recording
        text = await session.finish()
        total = time.perf_counter() - started
        assert text, "the emulator heard nothing"
        server = stack.last("transcription").elapsed
        totals.append(total)
        servers.append(server)
        overheads.append(total - server)
    return {"totals": totals, "servers": servers, "overheads": overheads}


async def read_aloud(stack: _Stack, root: Path) -> dict[str, Any]:
    model = shipped_catalogue().preferred(ModelKind.CHAT, shipped_catalogue().models)
    assert model is not None
    totals, servers, overheads, gaps, pieces, keeps_up = [], [], [], [], 0, True
    for i in range(READ_RUNS):
        stack.voice.cache.folder = root / f"tts-{i}"  # every run pays for its audio: no cache hit
        speaker = FakeSpeaker(speed=8.0)
        reading = Reading(stack.voice, speaker)
        first_sentence: list[float] = []
        done = asyncio.Event()
        text: list[str] = []

        def on_event(event: Any, reading: Reading = reading, text: list[str] = text,
                     first: list[float] = first_sentence, done: asyncio.Event = done) -> None:
            if event.content_delta:
                text.append(event.content_delta)
                reading.feed("".join(text))
                if reading.sentences and not first:
                    first.append(time.perf_counter())
            if event.kind in ("done", "stopped", "error"):
                reading.finish("".join(text))
                done.set()

        conversation = stack.chat.create_conversation(model)
        await stack.chat.send(conversation.id, f"Explain item {i} in a few sentences.", on_event)
        while speaker.first_frame_at is None:
            await asyncio.sleep(0.001)
        await done.wait()
        state = await reading.wait()
        assert state is ReadingState.DONE, reading.message
        total = speaker.first_frame_at - first_sentence[0]
        speech = [r for r in stack.records if r.endpoint == "speech"][-len(reading.pieces):]
        first_tts = speech[0]
        totals.append(total)
        servers.append(first_tts.elapsed)
        overheads.append(total - first_tts.elapsed)
        gaps += speaker.gaps()
        pieces += len(reading.pieces)
        # The server kept up when every piece was ready before the one before it finished playing.
        for before, after in zip(speaker.played, speaker.played[1:], strict=False):
            keeps_up &= before.ended_at is not None and speaker.enqueued_at[after.tag] <= before.ended_at
    return {"totals": totals, "servers": servers, "overheads": overheads, "gaps": gaps, "pieces": pieces,
            "keeps_up": keeps_up}


async def hands_free(root: Path) -> dict[str, Any]:
    stack = _Stack(root, 20.0, TTS_LATENCY, WHISPER_LATENCY, CHAT_TOKENS_PER_SECOND, reply_tokens=(20, 60))
    try:
        mic = FileMicrophone([pcm_signal(1.2 + 0.1 * i, RATE, kind="speech") for i in range(10)], speed=4.0)
        speaker = FakeSpeaker(speed=8.0)

        def on_state(state: HandsFreeState) -> None:
            if state is HandsFreeState.LISTENING:
                mic.cue()

        model = shipped_catalogue().preferred(ModelKind.CHAT, shipped_catalogue().models)
        assert model is not None
        conversation = stack.chat.create_conversation(model)
        session = HandsFree(stack.voice, mic, speaker, chat_asker(stack.chat, conversation.id),
                            HandsFreeCallbacks(state=on_state), max_turns=10)
        started = time.perf_counter()
        await session.start()
        makespan = time.perf_counter() - started
        return {
            "turns": len(session.turns),
            "complete": sum(bool(t.heard and t.reply and t.reading is ReadingState.DONE) for t in session.turns),
            "tts_requests": sum(r.endpoint == "speech" for r in stack.records),
            "http_429": stack.emulator.stats.rate_limited,
            "makespan": makespan,
        }
    finally:
        await stack.close()


async def run(root: Path) -> list[dict[str, Any]]:
    stack = _Stack(root, TIME_SCALE, TTS_LATENCY, WHISPER_LATENCY, CHAT_TOKENS_PER_SECOND)
    try:
        dictated = await dictation(stack)
        read = await read_aloud(stack, root)
    finally:
        await stack.close()
    talk = await hands_free(root / "hands-free")
    d_over, d_total, d_server = _stats(dictated["overheads"]), _stats(dictated["totals"]), _stats(dictated["servers"])
    r_over, r_total, r_server = _stats(read["overheads"]), _stats(read["totals"]), _stats(read["servers"])
    gaps = read["gaps"]
    return [
        {"measure": "dictation: end of speech -> text (ms)", "runs": DICTATION_RUNS,
         "total median": d_total["median"], "server median": d_server["median"],
         "ours median": d_over["median"], "ours p90": d_over["p90"], "ours max": d_over["max"], "target": "<= 150"},
        {"measure": "read-aloud: first sentence -> first audio frame (ms)", "runs": READ_RUNS,
         "total median": r_total["median"], "server median": r_server["median"],
         "ours median": r_over["median"], "ours p90": r_over["p90"], "ours max": r_over["max"], "target": "<= 150"},
        {"measure": "playback gap between pieces (ms)", "runs": len(gaps),
         "total median": round(statistics.median(gaps) * 1000, 1) if gaps else None,
         "server median": None, "ours median": None, "ours p90": None,
         "ours max": round(max(gaps) * 1000, 1) if gaps else None,
         "target": "no gap" + (" (server kept up)" if read["keeps_up"] else " (server did NOT keep up)")},
        {"measure": f"hands-free: 10 scripted turns, free plan ({talk['tts_requests']} TTS requests)",
         "runs": talk["turns"], "total median": round(talk["makespan"], 1), "server median": None,
         "ours median": None, "ours p90": None, "ours max": None,
         "target": f"{talk['complete']}/10 turns heard, answered and read; {talk['http_429']} x 429"},
    ]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp:
        rows = asyncio.run(run(Path(tmp)))
    write_result(
        "voice_latency",
        rows,
        f"Emulator in-process with Groq-like latency: Whisper +{WHISPER_LATENCY * 1000:.0f} ms per request on the "
        f"wire, Orpheus {TTS_LATENCY[0] * 1000:.0f} ms + {TTS_LATENCY[1] * 1000:.0f} ms per character, chat "
        f"{CHAT_TOKENS_PER_SECOND:.0f} tokens/s. Server = the HTTP request's own time (client-measured, so "
        "loopback and the emulator's work count as server). Ours = total - server: FLAC encoding, scheduling, "
        "parsing (dictation); sentence cutting, scheduling, WAV decoding, queueing to the speaker (read-aloud). "
        f"Read-aloud runs each use an empty cache; playback at 8x real time on the fake speaker. Quota clock "
        f"x{TIME_SCALE:g} for the latency runs; the hands-free run uses free-plan limits at x20 (a minute of quota "
        "every 3 s) with the microphone at 4x and the speaker at 8x real time. "
        "Targets: ours <= 150 ms; no gap between pieces when the server keeps up; 10/10 turns with 0 x 429.",
    )


if __name__ == "__main__":
    main()
