"""The emulator is today's Groq: retired ids, ITPM/OTPM bodies, unknown limits, cached prompt tokens."""

from __future__ import annotations

from typing import Any

import groq
import pytest
import requests

from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.quota.limits import ModelLimits
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.errors import error_from_response

KEY = "gsk_test_key_123"
AUTH = {"Authorization": f"Bearer {KEY}"}
MODEL = "openai/gpt-oss-20b"


def chat(server: EmulatorServer, key: str = KEY, **body: Any) -> requests.Response:
    body.setdefault("model", MODEL)
    body.setdefault("messages", [{"role": "user", "content": "hi"}])
    return requests.post(
        f"{server.base_url}/openai/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {key}"},
        timeout=10,
    )


@pytest.mark.parametrize("as_400", [False, True])
def test_retired_ids_answer_as_groq_does(as_400: bool) -> None:
    retired = next(iter(shipped_catalogue().retired))
    with EmulatorServer(EmulatorConfig(decommissioned_as_400=as_400)) as server:
        response = chat(server, model=retired)
        error = response.json()["error"]
        if as_400:
            assert (response.status_code, error["code"]) == (400, "model_decommissioned")
            assert f"The model `{retired}` has been decommissioned" in error["message"]
        else:
            assert (response.status_code, error["code"]) == (404, "model_not_found")
            assert error["message"] == f"The model `{retired}` does not exist or you do not have access to it."
        listed = requests.get(f"{server.base_url}/openai/v1/models", headers=AUTH, timeout=10).json()["data"]
        assert retired not in {m["id"] for m in listed}


def test_otpm_refusal_through_the_official_sdk_has_groqs_wording() -> None:
    with EmulatorServer(EmulatorConfig()) as server:
        server.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 30, "TPM": 8000, "OTPM": 1000}))
        client = groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0)
        with pytest.raises(groq.RateLimitError) as caught:
            client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}], max_tokens=1329)
        error = error_from_response(429, caught.value.response.content, dict(caught.value.response.headers))
        assert (error.dimension, error.limit, error.requested) == ("OTPM", 1000, 1329)  # type: ignore[attr-defined]
        assert error.organization == "org_emulator"  # type: ignore[attr-defined]
        assert "service tier `on_demand` on output tokens per minute (OTPM): Limit 1000, Requested 1329" in (
            error.message
        )


def test_unknown_limits_send_no_headers_but_refuse_past_the_true_limit() -> None:
    with EmulatorServer(EmulatorConfig(unknown_limits=True)) as server:
        server.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 1}))
        first = chat(server)
        assert first.status_code == 200
        assert not [h for h in first.headers if h.lower().startswith("x-ratelimit")]
        second = chat(server)
        assert second.status_code == 429
        assert "requests per minute (RPM): Limit 1, Used 1, Requested 1" in second.json()["error"]["message"]


def test_repeated_leading_messages_come_back_as_cached_tokens_per_key() -> None:
    history = [
        {"role": "system", "content": "You are terse. " * 40},
        {"role": "user", "content": "first question " * 20},
        {"role": "assistant", "content": "first answer " * 20},
    ]
    with EmulatorServer(EmulatorConfig()) as server:
        first = chat(server, messages=[*history, {"role": "user", "content": "one"}]).json()["usage"]
        assert "prompt_tokens_details" not in first
        again = chat(server, messages=[*history, {"role": "user", "content": "two"}]).json()["usage"]
        cached = again["prompt_tokens_details"]["cached_tokens"]
        assert 0 < cached < again["prompt_tokens"]
        stranger = chat(server, key="gsk_other_key_456", messages=[*history, {"role": "user", "content": "x"}])
        assert "prompt_tokens_details" not in stranger.json()["usage"]
