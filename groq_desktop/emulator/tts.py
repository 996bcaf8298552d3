"""``POST /audio/speech`` as Groq serves Orpheus: its validation, limits and a deterministic waveform.

The "speech" is a tone per character (pitch from the character), so its length follows the text
and tests can tell which text a clip was made from (``synthesize`` gives the same samples).
"""

from __future__ import annotations

import math
import time
import weakref
from array import array
from functools import cache
from typing import Any

from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.quota.limits import Cost, LimitTable, ModelLimits
from groq_desktop.core.voice.speakable import speech_tokens
from groq_desktop.core.voice.wav import wav_bytes
from groq_desktop.emulator.quota import CHAT_DIMENSIONS

RATE = 24000
SECONDS_PER_CHAR = 0.06  # about 15 characters a second, a calm reading pace
_LEAD_SECONDS = 0.1
_configured: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


def expected_seconds(text: str, speed: float = 1.0) -> float:
    return (_LEAD_SECONDS + SECONDS_PER_CHAR * len(text)) / speed


def synthesize(text: str, voice: str, speed: float = 1.0) -> bytes:
    """s16 mono PCM at ``RATE``: a short lead-in, then one tone per character."""
    per_char = int(RATE * SECONDS_PER_CHAR / speed)
    voice_shift = sum(voice.encode()) % 40
    parts = [bytes(2 * int(RATE * _LEAD_SECONDS / speed))]
    for char in text:
        parts.append(bytes(2 * per_char) if char.isspace() else _tone(160 + voice_shift + (ord(char) % 48) * 9, per_char))
    return b"".join(parts)


@cache
def _tone(freq: int, samples: int) -> bytes:
    return array("h", (int(6000 * math.sin(2 * math.pi * freq * i / RATE)) for i in range(samples))).tobytes()


def _bad(message: str, param: str | None = None, code: str | None = None) -> Exception:
    from groq_desktop.emulator.server import ApiFailure

    return ApiFailure(400, message, param=param, code=code)


def _limits(handler: Any, model_id: str, facts: Any) -> None:
    """Orpheus' published limits, when neither the emulator's table nor a test has set any."""
    backend = handler._backend
    done = _configured.setdefault(backend, set())
    if model_id in done:
        return
    done.add(model_id)
    plan = backend.config.plan
    published = facts.limits.get(plan)
    if published and backend.quota.limits_for(model_id) == LimitTable.load().defaults.get(plan):
        backend.quota.set_limits(model_id, ModelLimits.from_mapping(dict(published)))


def serve(handler: Any, body: bytes) -> None:
    """Answer one ``POST /audio/speech`` on ``handler`` (the emulator's request handler)."""
    from groq_desktop.emulator.server import _rate_limit_failure

    request = handler._json_object(body)
    model_id = request.get("model")
    if not isinstance(model_id, str) or not model_id:
        raise _bad("'model' : property 'model' is missing", "model")
    facts = shipped_catalogue().facts(model_id)
    if facts is None:
        handler._model_or_404(model_id)  # raises Groq's 404
    assert facts is not None
    if facts.kind is not ModelKind.TEXT_TO_SPEECH:
        raise _bad(f"model `{model_id}` does not support text to speech", "model", "model_not_supported")
    handler._backend.stats.record_model(model_id)
    handler._rate_model = model_id
    _limits(handler, model_id, facts)
    text = request.get("input")
    if not isinstance(text, str) or not text.strip():
        raise _bad("'input' : property 'input' is missing or empty", "input")
    max_chars = int(facts.speech.get("max_input_chars", 200))
    if len(text) > max_chars:
        raise _bad(f"input must be at most {max_chars} characters (got {len(text)})", "input")
    voices = list(facts.speech.get("voices", ()))
    voice = request.get("voice")
    if voice not in voices:
        raise _bad(f"voice must be one of [{', '.join(voices)}]", "voice")
    formats = list(facts.speech.get("formats", ("wav",)))
    response_format = request.get("response_format", "wav")
    if response_format not in formats:
        raise _bad(f"response_format must be one of [{', '.join(formats)}]", "response_format")
    speed = request.get("speed", 1.0)
    if not isinstance(speed, int | float) or isinstance(speed, bool) or not 0.5 <= speed <= 5.0:
        raise _bad("speed must be a number between 0.5 and 5", "speed")
    admission = handler._backend.quota.admit(model_id, Cost(tokens=speech_tokens(text)), CHAT_DIMENSIONS)
    handler._rate_headers = admission.headers
    if admission.rejection is not None:
        raise _rate_limit_failure(admission.rejection)
    per_request, per_char = handler._backend.config.tts_latency
    started = time.monotonic()
    audio = wav_bytes(synthesize(text, voice, float(speed)), RATE)
    left = per_request + per_char * len(text) - (time.monotonic() - started)
    if left > 0:
        handler._backend.stopping.wait(left)
    handler._send_body(200, audio, "audio/wav")
