"""The emulator's image checks: image parts only for vision models (Groq's 400), the count, base64 size."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from tests.attachment_fixtures import png

KEY = "gsk_test_key_123"
CHAT = [m for m in shipped_catalogue().models.values() if m.kind is ModelKind.CHAT]
VISION = next(m for m in CHAT if m.can("vision"))
TEXT_ONLY = next(m for m in CHAT if not m.can("vision"))
IMAGE = {"type": "image_url", "image_url": {"url": "data:image/png;base64," + base64.b64encode(png(32, 32)).decode()}}


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(tokens_per_second=50000, reasoning=False)) as running:
        yield running


def post(server: EmulatorServer, model: str, parts: list[dict[str, Any]]) -> requests.Response:
    body = {"model": model, "messages": [{"role": "user", "content": [{"type": "text", "text": "What is it?"}, *parts]}]}
    return requests.post(
        f"{server.base_url}/openai/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {KEY}"},
        timeout=10,
    )


def test_a_vision_model_takes_images_and_counts_their_tokens(server: EmulatorServer) -> None:
    response = post(server, VISION.id, [IMAGE, IMAGE])
    assert response.status_code == 200, response.text
    text_only = post(server, VISION.id, [])
    per_image = VISION.vision["tokens_per_image"]
    prompt = response.json()["usage"]["prompt_tokens"]
    assert prompt - text_only.json()["usage"]["prompt_tokens"] == 2 * per_image
    assert [len(urls) for urls in server.stats.images_seen] == [2, 0]


def test_an_image_for_a_text_only_model_is_groqs_400(server: EmulatorServer) -> None:
    response = post(server, TEXT_ONLY.id, [IMAGE])
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["param"] == "messages.0.content"
    assert "value must be a string" in error["message"]


def test_more_images_than_the_model_takes_is_400(server: EmulatorServer) -> None:
    most = VISION.vision["max_images"]
    assert post(server, VISION.id, [IMAGE] * most).status_code == 200
    response = post(server, VISION.id, [IMAGE] * (most + 1))
    assert response.status_code == 400
    assert f"supports up to {most} images" in response.json()["error"]["message"]


def test_base64_images_over_the_size_limit_are_413(server: EmulatorServer) -> None:
    big = "data:image/png;base64," + "A" * (VISION.vision["max_base64_bytes"] + 10)
    response = post(server, VISION.id, [{"type": "image_url", "image_url": {"url": big}}])
    assert response.status_code == 413
