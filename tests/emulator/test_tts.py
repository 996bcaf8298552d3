"""The emulator's /audio/speech: Groq's validation, Orpheus' limits, a waveform whose length follows the text."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.voice.wav import read_wav
from groq_desktop.emulator import tts
from tests.conftest import TEST_KEY

ENGLISH = shipped_catalogue().preferred(ModelKind.TEXT_TO_SPEECH, shipped_catalogue().models)
assert ENGLISH is not None
VOICE = shipped_catalogue().facts(ENGLISH).speech["voices"][0]  # type: ignore[union-attr]


def speak(server: Any, **body: Any) -> requests.Response:
    payload = {"model": ENGLISH, "input": "Hello there.", "voice": VOICE, "response_format": "wav", **body}
    payload = {k: v for k, v in payload.items() if v is not None}
    return requests.post(
        server.base_url + "/openai/v1/audio/speech", json=payload, headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=10
    )


def test_speech_is_a_wav_whose_length_follows_the_text(emulator: Any) -> None:
    short, long = speak(emulator, input="Hi."), speak(emulator, input="Hi. " * 40)
    assert short.status_code == long.status_code == 200
    assert short.headers["Content-Type"] == "audio/wav"
    (pcm_short, rate), (pcm_long, _) = read_wav(short.content), read_wav(long.content)
    assert rate == tts.RATE
    assert len(pcm_short) / 2 / rate == pytest.approx(tts.expected_seconds("Hi."), abs=0.01)
    assert len(pcm_long) / 2 / rate == pytest.approx(tts.expected_seconds("Hi. " * 40), abs=0.01)
    assert pcm_long == tts.synthesize("Hi. " * 40, VOICE)  # deterministic: tests can tell clips apart
    assert "x-ratelimit-remaining-requests" in short.headers


@pytest.mark.parametrize(
    ("body", "param", "status"),
    [
        ({"model": None}, "model", 400),
        ({"model": "no-such-model"}, None, 404),
        ({"model": "whisper-large-v3-turbo"}, "model", 400),
        ({"input": ""}, "input", 400),
        ({"input": "x" * 201}, "input", 400),
        ({"voice": "nobody"}, "voice", 400),
        ({"voice": None}, "voice", 400),
        ({"response_format": "mp3"}, "response_format", 400),
        ({"speed": 9}, "speed", 400),
    ],
)
def test_groq_validation(emulator: Any, body: dict[str, Any], param: str | None, status: int) -> None:
    response = speak(emulator, **body)
    assert response.status_code == status
    error = response.json()["error"]
    if param:
        assert error["param"] == param


def test_exactly_200_characters_are_accepted(emulator: Any) -> None:
    assert speak(emulator, input="x" * 200).status_code == 200


def test_orpheus_free_plan_limits_apply(emulator_factory: Any) -> None:
    server = emulator_factory(time_scale=1.0)
    for _ in range(10):  # 10 RPM on the free plan
        assert speak(server).status_code == 200
    refused = speak(server)
    assert refused.status_code == 429
    assert refused.headers["x-ratelimit-limit-requests"] == "100"
