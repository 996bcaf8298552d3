"""Transcriptions and translations: multipart parsing, PyAV decoding, formats, limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import groq
import pytest
import requests

from groq_desktop.core.quota.limits import ModelLimits
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from tests.emulator.test_speech import tone_wav

KEY = "gsk_test_key_123"
AUTH = {"Authorization": f"Bearer {KEY}"}
# Four seconds: two tones, a one-second silent gap, another tone.
AUDIO = [(1.5, 300), (1.0, 0), (1.5, 650)]


@pytest.fixture(scope="module")
def wav() -> bytes:
    return tone_wav(AUDIO)


@pytest.fixture(scope="module")
def flac() -> bytes:
    return tone_wav(AUDIO, container="flac", codec="flac")


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer() as running:
        yield running


@pytest.fixture
def client(server: EmulatorServer) -> groq.Groq:
    return groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0)


def transcribe(server: EmulatorServer, data: bytes, path: str = "transcriptions", **fields: Any) -> requests.Response:
    fields.setdefault("model", "whisper-large-v3-turbo")
    return requests.post(
        f"{server.base_url}/openai/v1/audio/{path}",
        headers=AUTH,
        data=fields,
        files={"file": ("clip.wav", data, "audio/wav")},
        timeout=20,
    )


def test_sdk_json_transcription(client: groq.Groq, flac: bytes) -> None:
    result = client.audio.transcriptions.create(file=("clip.flac", flac), model="whisper-large-v3-turbo")
    assert result.text.strip()
    words = result.text.replace(".", "").split()
    assert len(words) == 6  # 3 s of tone in half-second windows; the silent second says nothing
    assert result.to_dict()["x_groq"]["id"].startswith("req_")


def test_sdk_verbose_json_with_word_timestamps(client: groq.Groq, wav: bytes) -> None:
    result = client.audio.transcriptions.create(
        file=("clip.wav", wav), model="whisper-large-v3", response_format="verbose_json",
        timestamp_granularities=["word", "segment"], language="en", temperature=0.2,
    ).to_dict()
    assert result["task"] == "transcribe" and result["language"] == "English"
    assert result["duration"] == pytest.approx(4.0)
    words = result["words"]
    assert len(words) == 6
    for word in words:
        assert 0 <= word["start"] < word["end"] <= result["duration"]
        assert not 1.5 <= word["start"] < 2.5  # the silent gap
    segments = result["segments"]
    assert segments and segments[0]["temperature"] == pytest.approx(0.2)
    assert "".join(s["text"] for s in segments) == result["text"]
    without_words = client.audio.transcriptions.create(
        file=("clip.wav", wav), model="whisper-large-v3", response_format="verbose_json"
    ).to_dict()
    assert "words" not in without_words and without_words["segments"]


def test_same_audio_same_text_in_every_format(server: EmulatorServer, wav: bytes) -> None:
    as_json = transcribe(server, wav).json()["text"]
    as_text = transcribe(server, wav, response_format="text")
    assert as_text.headers["Content-Type"].startswith("text/plain")
    assert as_text.text == as_json


def test_translation(server: EmulatorServer, wav: bytes) -> None:
    ok = transcribe(server, wav, "translations", model="whisper-large-v3", response_format="verbose_json")
    assert ok.status_code == 200 and ok.json()["task"] == "translate"
    assert transcribe(server, wav, "translations").status_code == 400  # turbo does not translate
    german = transcribe(server, wav, "translations", model="whisper-large-v3", language="de")
    assert german.status_code == 400 and german.json()["error"]["param"] == "language"


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"response_format": "srt"}, "response_format"),
        ({"response_format": "vtt"}, "response_format"),
        ({"timestamp_granularities[]": "word"}, "timestamp_granularities"),
        ({"response_format": "verbose_json", "timestamp_granularities[]": "phoneme"}, "timestamp_granularities"),
        ({"temperature": "1.5"}, "temperature"),
        ({"model": "openai/gpt-oss-20b"}, "model"),
    ],
)
def test_bad_audio_requests_are_400(server: EmulatorServer, wav: bytes, fields: dict[str, str], param: str) -> None:
    response = transcribe(server, wav, **fields)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["param"] == param


def test_missing_file_url_and_unknown_model(server: EmulatorServer) -> None:
    url = f"{server.base_url}/openai/v1/audio/transcriptions"
    no_file = requests.post(url, headers=AUTH, files={"model": (None, "whisper-large-v3")}, timeout=10)
    assert no_file.status_code == 400 and no_file.json()["error"]["param"] == "file"
    by_url = requests.post(url, headers=AUTH, timeout=10,
                           files={"model": (None, "whisper-large-v3"), "url": (None, "https://x/a.mp3")})
    assert by_url.status_code == 400 and "not supported by the emulator" in by_url.json()["error"]["message"]
    unknown = requests.post(url, headers=AUTH, files={"model": (None, "whisper-9"), "file": ("a.wav", b"x")},
                            timeout=10)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"


@pytest.mark.parametrize("data", [b"definitely not audio" * 50, b""])
def test_undecodable_upload_is_400(server: EmulatorServer, data: bytes) -> None:
    response = transcribe(server, data)
    assert response.status_code == 400
    assert response.json()["error"] == {
        "message": "could not process file - is it a valid media file?",
        "type": "invalid_request_error",
        "param": "file",
    }


def test_upload_over_limit_is_413(wav: bytes) -> None:
    with EmulatorServer(EmulatorConfig(max_upload_bytes=len(wav) // 2)) as server:
        response = transcribe(server, wav)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "request_too_large"
        assert transcribe(server, wav[:4000]).status_code == 200  # a truncated WAV under the limit still decodes


def test_audio_rate_limit_headers_and_ash_limit(server: EmulatorServer, wav: bytes) -> None:
    first = transcribe(server, wav)
    headers = first.headers
    assert headers["x-ratelimit-limit-audio-seconds"] == "7200"
    assert headers["x-ratelimit-remaining-audio-seconds"] == "7190"  # 4 s billed as the 10 s minimum
    assert headers["x-ratelimit-limit-requests"] == "2000"
    assert "x-ratelimit-reset-audio-seconds" in headers
    assert "x-ratelimit-limit-tokens" not in headers
    server.set_limits("whisper-large-v3-turbo", ModelLimits.from_mapping({"RPM": 20, "ASH": 25}))
    assert transcribe(server, wav).status_code == 200
    assert transcribe(server, wav).status_code == 200
    limited = transcribe(server, wav)
    assert limited.status_code == 429
    error = limited.json()["error"]
    assert error["type"] == "seconds" and "audio seconds per hour (ASH): Limit 25, Used 20, Requested 10" in \
        error["message"]
    assert int(limited.headers["retry-after"]) >= 1


def test_sdk_rate_limit_error_on_audio(server: EmulatorServer, client: groq.Groq, wav: bytes) -> None:
    server.set_limits("whisper-large-v3", ModelLimits.from_mapping({"RPM": 1}))
    client.audio.transcriptions.create(file=("a.wav", wav), model="whisper-large-v3")
    with pytest.raises(groq.RateLimitError):
        client.audio.transcriptions.create(file=("a.wav", wav), model="whisper-large-v3")
