"""Voice: speech to text for dictation and hands-free, text to speech for read-aloud, through the scheduler.

Models are chosen by what they do (the registry's list, the shipped catalogue's preferences), never
by id. Every request goes through the scheduler and the limiter, so voice shares the one quota view
with chat and transcription; read-aloud asks the limiter how much of the day's TTS budget is left.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from groq_desktop.core import paths
from groq_desktop.core.api.cancel import CancelToken
from groq_desktop.core.audio.decode import encode_flac
from groq_desktop.core.catalogue import Catalogue, ModelKind, shipped_catalogue
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation
from groq_desktop.core.quota.scheduler import JobInfo, Priority, Scheduler
from groq_desktop.core.voice.ports import MIC_RATE, AudioInput, MicrophoneUnavailable
from groq_desktop.core.voice.speakable import speech_tokens
from groq_desktop.core.voice.tts_cache import TtsCache
from groq_desktop.core.voice.vad import DEFAULT_END_SILENCE, DEFAULT_THRESHOLD_DB, level_db
from groq_desktop.core.voice.wav import read_wav
from groq_desktop.errors import GroqDesktopError, RequestCancelledError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate

log = logging.getLogger(__name__)

LEVEL_INTERVAL = 0.05  # seconds of audio between level-meter updates while recording
_DAILY = (Dimension.RPD, Dimension.TPD)
_GIVE_UP = 30.0  # s: a daily limit's wait longer than this means today's budget is spent


class NoVoiceModelError(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError", "Refresh the model list (F5); Groq may have renamed or retired its voice models."
    )


class ReadAloudBudgetSpent(GroqDesktopError):
    default_hint = QT_TRANSLATE_NOOP(
        "GroqDesktopError",
        "Replies already read are cached and replay for free; new text waits for tomorrow's quota.",
    )


@dataclass
class VoiceSettings:
    voice: str = ""  # "" = the TTS model's first voice
    language: str = ""  # "" = detect
    read_as_they_arrive: bool = False
    threshold_db: float = DEFAULT_THRESHOLD_DB
    end_silence: float = DEFAULT_END_SILENCE
    tts_model: str = ""  # "" = chosen by capability


@dataclass(frozen=True)
class Budget:
    """What read-aloud may still spend today, from the limiter; None where the model has no such limit."""

    requests: int | None
    tokens: int | None
    resets_in: float

    @property
    def spent(self) -> bool:
        return (self.requests is not None and self.requests < 1) or (self.tokens is not None and self.tokens < 1)

    def allows(self, text: str, unreserved_requests: int = 0) -> bool:
        if self.spent or (self.tokens is not None and self.tokens < speech_tokens(text)):
            return False
        return self.requests is None or self.requests >= 1 + unreserved_requests

    def describe(self) -> str:
        if self.requests is None:
            return translate("Budget", "Read-aloud: no daily limit")
        if self.spent:
            return _spent_text(self.resets_in)
        return translate("Budget", "Read-aloud left today: {requests} requests (~{characters} characters)").format(
            requests=number(self.requests), characters=number(self.requests * 200)
        )


def _spent_text(resets_in: float) -> str:
    return translate("Budget", "Read-aloud quota used up for today (refills in {wait})").format(
        wait=_duration(resets_in)
    )


def _duration(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 120:
        return translate("format_wait", "{minutes} min").format(minutes=number(minutes))
    return translate("format_wait", "{hours} h").format(hours=number(minutes / 60, 1))


@dataclass(frozen=True)
class Speech:
    pcm: bytes
    rate: int
    cached: bool

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate


class VoiceService:
    def __init__(
        self,
        client: Any,
        scheduler: Scheduler,
        limiter: RateLimiter,
        registry: Any = None,
        *,
        settings: VoiceSettings | None = None,
        cache_dir: Path | None = None,
        catalogue: Catalogue | None = None,
        limit_table: LimitTable | None = None,
        plan: str = "free",
    ) -> None:
        self.client = client
        self.scheduler = scheduler
        self.limiter = limiter
        self.registry = registry
        self.settings = settings or VoiceSettings()
        self.catalogue = catalogue or shipped_catalogue()
        self.cache = TtsCache(cache_dir or paths.data_dir() / "tts")
        self._limit_table = limit_table
        self._plan = plan
        self._limits_set: set[str] = set()

    @classmethod
    def from_services(cls, services: Any, **options: Any) -> VoiceService:
        return cls(services.client, services.scheduler, services.limiter, services.registry,
                   limit_table=services.limit_table, plan=services.config.plan, **options)

    # --- models ---------------------------------------------------------------------------------

    def _model(self, kind: ModelKind) -> str:
        available: list[str] = []
        if self.registry is not None:
            available = [m.id for m in self.registry.models(include_retired=False)]
        choice = self.catalogue.preferred(kind, available) if available else None
        # Groq's list may not show preview models; the shipped table still knows what does the job.
        choice = choice or self.catalogue.preferred(kind, self.catalogue.models.keys())
        if choice is None:
            if kind is ModelKind.SPEECH_TO_TEXT:
                raise NoVoiceModelError(translate("VoiceService", "No speech-to-text model is available."))
            if kind is ModelKind.TEXT_TO_SPEECH:
                raise NoVoiceModelError(translate("VoiceService", "No text-to-speech model is available."))
            raise NoVoiceModelError(
                translate("VoiceService", "No {kind} model is available.").format(kind=kind.value.replace("_", "-"))
            )
        return choice

    def stt_model(self) -> str:
        return self._model(ModelKind.SPEECH_TO_TEXT)

    def tts_model(self) -> str:
        model = self.settings.tts_model or self._model(ModelKind.TEXT_TO_SPEECH)
        self._ensure_limits(model)
        return model

    def voices(self, model: str | None = None) -> list[str]:
        facts = self.catalogue.facts(model or self.tts_model())
        return list(facts.speech.get("voices", ())) if facts else []

    def voice(self) -> str:
        voices = self.voices()
        return self.settings.voice if self.settings.voice in voices else (voices[0] if voices else "")

    def max_chars(self) -> int:
        facts = self.catalogue.facts(self.tts_model())
        return int(facts.speech.get("max_input_chars", 200)) if facts else 200

    def supports_directions(self) -> bool:
        facts = self.catalogue.facts(self.tts_model())
        return bool(facts and facts.can("vocal_directions"))

    def _ensure_limits(self, model: str) -> None:
        """The catalogue's published TTS limits, unless the limits table (or the user) has a row."""
        if model in self._limits_set:
            return
        self._limits_set.add(model)
        table = self._limit_table
        if table is not None and model in table.plans.get(self._plan, {}):
            return
        facts = self.catalogue.facts(model)
        published = facts.limits.get(self._plan) if facts else None
        if published:
            self.limiter.set_limits(model, ModelLimits.from_mapping(dict(published)))

    # --- budget ---------------------------------------------------------------------------------

    def budget(self) -> Budget:
        model = self.tts_model()
        requests = tokens = None
        resets = 0.0
        for snap in self.limiter.snapshot(model):
            if snap.dimension is Dimension.RPD:
                requests = max(0, math.floor(snap.remaining))
                resets = max(resets, snap.reset_in)
            elif snap.dimension is Dimension.TPD:
                tokens = max(0, math.floor(snap.remaining))
                resets = max(resets, snap.reset_in)
        return Budget(requests, tokens, resets)

    # --- speech to text -------------------------------------------------------------------------

    async def transcribe_pcm(
        self,
        pcm: bytes,
        *,
        label: str = "Dictation",
        words: bool = False,
        priority: Priority = Priority.INTERACTIVE,
    ) -> Any:
        """16 kHz mono PCM to text (a TranscriptionResult) through the scheduler."""
        flac = await asyncio.to_thread(encode_flac, [pcm])
        seconds = len(pcm) / 2 / MIC_RATE
        model = self.stt_model()
        language = self.settings.language or None

        async def run(_reservation: Reservation) -> Any:
            cancel = CancelToken()
            try:
                return await asyncio.to_thread(
                    self.client.transcribe,
                    model,
                    flac,
                    filename="speech.flac",
                    language=language,
                    response_format="verbose_json" if words else "json",
                    timestamp_granularities=("word", "segment") if words else ("segment",),
                    audio_seconds=Cost.audio(seconds).audio_seconds,
                    cancel=cancel,
                )
            except asyncio.CancelledError:
                cancel.set()
                raise

        handle = self.scheduler.submit(
            model, Cost.audio(seconds), run, priority=priority, kind="transcription", label=label
        )
        try:
            return await handle
        except asyncio.CancelledError:
            handle.cancel()
            raise

    def start_dictation(
        self, mic: AudioInput, on_level: Callable[[float, float], None] | None = None
    ) -> Dictation:
        """Start recording at once; ``MicrophoneUnavailable`` when there is no microphone."""
        return Dictation(self, mic, on_level)

    # --- text to speech -------------------------------------------------------------------------

    async def synthesize(
        self, text: str, *, voice: str | None = None, priority: Priority = Priority.INTERACTIVE, label: str = ""
    ) -> Speech:
        """One request's audio, from the cache when this text was spoken in this voice before."""
        model = self.tts_model()
        voice = voice or self.voice()
        cached = await asyncio.to_thread(self.cache.get, model, voice, text)
        if cached is not None:
            pcm, rate = read_wav(cached)
            return Speech(pcm, rate, cached=True)

        async def run(_reservation: Reservation) -> bytes:
            cancel = CancelToken()
            try:
                result = await asyncio.to_thread(self.client.speech, model, text, voice, cancel=cancel)
            except asyncio.CancelledError:
                cancel.set()
                raise
            return result.data

        handle = self.scheduler.submit(
            model, Cost(tokens=speech_tokens(text)), run, priority=priority, kind="speech",
            label=label or translate("VoiceService", "Read aloud: {text}").format(text=text[:40]),
        )
        daily: list[float] = []

        def watch(info: JobInfo) -> None:
            # Parked on a daily limit (Groq said so with a 429): hours away, so give up now, cleanly.
            wait = info.wait
            if info.id == handle.id and wait is not None and wait.dimension in _DAILY and wait.wait_seconds > _GIVE_UP:
                daily.append(wait.wait_seconds)
                handle.cancel()

        unsubscribe = self.scheduler.subscribe(watch)
        try:
            data = await handle
        except RequestCancelledError as exc:
            if daily:
                raise ReadAloudBudgetSpent(_spent_text(daily[0])) from exc
            raise
        except asyncio.CancelledError:
            handle.cancel()  # whoever waited is gone: the request must not go out (or be billed) anyway
            raise
        finally:
            unsubscribe()
        pcm, rate = read_wav(data)
        await asyncio.to_thread(self.cache.put, model, voice, text, data)
        return Speech(pcm, rate, cached=False)

    def is_cached(self, text: str, voice: str | None = None) -> bool:
        return self.cache.path(self.tts_model(), voice or self.voice(), text).exists()


class Dictation:
    """One press of the mic button: records until ``finish()`` (then transcribes) or ``cancel()``."""

    def __init__(self, service: VoiceService, mic: AudioInput, on_level: Callable[[float, float], None] | None) -> None:
        self.service = service
        self.mic = mic
        self.pcm = bytearray()
        self._on_level = on_level
        frames = mic.frames()  # raises MicrophoneUnavailable now, before anything else changes
        self._task = asyncio.get_running_loop().create_task(self._record(frames))

    @property
    def elapsed(self) -> float:
        """Seconds recorded (audio time, so the display never runs ahead of the microphone)."""
        return len(self.pcm) / 2 / MIC_RATE

    async def _record(self, frames: AsyncIterator[bytes]) -> None:
        last, peak = 0.0, -math.inf
        async for frame in frames:
            self.pcm += frame
            peak = max(peak, level_db(frame))
            if self._on_level is not None and self.elapsed - last >= LEVEL_INTERVAL:
                last = self.elapsed
                self._on_level(peak, self.elapsed)
                peak = -math.inf

    async def finish(self) -> str:
        """Stop recording and return the text ("" when nothing was said)."""
        self.mic.stop()
        await self._task
        if len(self.pcm) < MIC_RATE * 2 // 10:  # under 0.1 s: a click on the button, not speech
            return ""
        result = await self.service.transcribe_pcm(bytes(self.pcm))
        return result.text.strip()

    def cancel(self) -> None:
        self.mic.stop()
        self._task.cancel()


__all__ = ["Budget", "Dictation", "MicrophoneUnavailable", "ReadAloudBudgetSpent", "Speech", "VoiceService",
           "VoiceSettings"]
