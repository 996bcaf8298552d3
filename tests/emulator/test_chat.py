"""Chat completions and models against the running emulator, with the official SDK and raw HTTP."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import groq
import pytest
import requests

from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.quota.durations import parse_go_duration
from groq_desktop.core.quota.headers import parse_rate_limit_headers
from groq_desktop.core.quota.limits import Dimension, ModelLimits
from groq_desktop.emulator import EmulatorConfig, EmulatorServer
from groq_desktop.emulator.textgen import count_pieces
from groq_desktop.errors import error_from_response

KEY = "gsk_test_key_123"
AUTH = {"Authorization": f"Bearer {KEY}"}
LLAMA = "openai/gpt-oss-20b"
PUBLISHED = shipped_catalogue().facts(LLAMA).limits["free"]
RPD, TPM = int(PUBLISHED["RPD"]), int(PUBLISHED["TPM"])
PLAIN = {"include_reasoning": False}  # gpt-oss reasons by default; these tests look at the reply alone


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(tokens_per_second=50000)) as running:
        yield running


@pytest.fixture
def client(server: EmulatorServer) -> groq.Groq:
    return groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0)


def chat_url(server: EmulatorServer) -> str:
    return f"{server.base_url}/openai/v1/chat/completions"


def post_chat(server: EmulatorServer, headers: dict[str, str] | None = None, **body: Any) -> requests.Response:
    body.setdefault("model", LLAMA)
    body.setdefault("messages", [{"role": "user", "content": "Hello there"}])
    return requests.post(chat_url(server), json=body, headers=headers if headers is not None else AUTH, timeout=10)


def sse_events(response: requests.Response) -> list[str]:
    return [line[len(b"data: "):].decode("utf-8") for line in response.iter_lines() if line.startswith(b"data: ")]


# --- models -----------------------------------------------------------------------------------


def test_models_list_has_groq_fields(client: groq.Groq) -> None:
    models = {m.id: m for m in client.models.list().data}
    catalogue = shipped_catalogue()
    assert set(models) == set(catalogue.models)  # today's models, none of the retired ones
    assert not set(models) & set(catalogue.retired)
    qwen = models["qwen/qwen3.8-27b"].to_dict()
    assert qwen["input_modalities"] == ["text", "image"] and qwen["max_completion_tokens"] == 16384
    whisper = models["whisper-large-v3"].to_dict()
    assert whisper["context_window"] == 448 and whisper["max_completion_tokens"] == 448
    assert whisper["object"] == "model" and whisper["public_apps"] is None and whisper["active"] is True
    assert "reasoning" in models["openai/gpt-oss-120b"].to_dict()["supported_features"]
    tts = catalogue.of_kind(ModelKind.TEXT_TO_SPEECH)[0].id
    assert models[tts].to_dict()["output_modalities"] == ["audio"]


def test_model_by_id_with_slash_and_unknown_model(server: EmulatorServer) -> None:
    found = requests.get(f"{server.base_url}/openai/v1/models/openai/gpt-oss-120b", headers=AUTH, timeout=10)
    assert found.status_code == 200 and found.json()["id"] == "openai/gpt-oss-120b"
    missing = requests.get(f"{server.base_url}/openai/v1/models/nope-1b", headers=AUTH, timeout=10)
    assert missing.status_code == 404
    assert missing.json() == {"error": {
        "message": "The model `nope-1b` does not exist or you do not have access to it.",
        "type": "invalid_request_error", "code": "model_not_found"}}
    assert post_chat(server, model="nope-1b").json()["error"]["code"] == "model_not_found"


# --- plain and streamed completions -----------------------------------------------------------


def test_plain_completion_shape_and_usage(client: groq.Groq) -> None:
    reply = client.chat.completions.create(
        model=LLAMA, messages=[{"role": "user", "content": "Tell me things"}], extra_body=PLAIN
    )
    assert reply.id.startswith("chatcmpl-") and reply.object == "chat.completion"
    assert reply.system_fingerprint.startswith("fp_")
    assert reply.x_groq is not None and reply.x_groq.id.startswith("req_")
    choice = reply.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    usage = reply.usage
    assert usage is not None
    assert count_pieces(choice.message.content) == usage.completion_tokens
    assert 40 <= usage.completion_tokens <= 400
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert usage.total_time == pytest.approx(usage.prompt_time + usage.completion_time, abs=1e-5)
    again = client.chat.completions.create(
        model=LLAMA, messages=[{"role": "user", "content": "Tell me things"}], extra_body=PLAIN
    )
    assert again.choices[0].message.content == choice.message.content  # deterministic per prompt


def test_directive_and_max_tokens_give_length_finish(client: groq.Groq) -> None:
    reply = client.chat.completions.create(
        model=LLAMA, max_completion_tokens=50, extra_body=PLAIN,
        messages=[{"role": "user", "content": "Go long [[emulator reply_tokens=20000]]"}],
    )
    assert reply.choices[0].finish_reason == "length"
    assert reply.usage is not None and reply.usage.completion_tokens == 50
    exact = client.chat.completions.create(
        model=LLAMA, messages=[{"role": "user", "content": "[[emulator reply_tokens=7]]"}], max_tokens=100,
        extra_body=PLAIN,
    )
    assert exact.choices[0].finish_reason == "stop" and exact.usage is not None
    assert exact.usage.completion_tokens == 7 == count_pieces(exact.choices[0].message.content)


def test_reasoning_models_reason_unless_hidden(client: groq.Groq) -> None:
    messages = [{"role": "user", "content": "Why is the sky blue?"}]
    reply = client.chat.completions.create(model="openai/gpt-oss-20b", messages=messages)
    message = reply.choices[0].message
    assert message.reasoning and message.content
    assert reply.usage is not None
    assert reply.usage.completion_tokens == count_pieces(message.reasoning) + count_pieces(message.content)
    hidden = client.chat.completions.create(model="openai/gpt-oss-20b", messages=messages, include_reasoning=False)
    assert hidden.choices[0].message.reasoning is None
    qwen = client.chat.completions.create(model="qwen/qwen3.8-27b", messages=messages, reasoning_format="hidden")
    assert qwen.choices[0].message.reasoning is None
    plain = client.chat.completions.create(model="qwen/qwen3.8-27b", messages=messages, reasoning_effort="none")
    assert plain.choices[0].message.reasoning is None


def test_stream_with_sdk_joins_to_usage_consistent_text(client: groq.Groq) -> None:
    stream = client.chat.completions.create(
        model="openai/gpt-oss-120b", messages=[{"role": "user", "content": "Stream please"}], stream=True,
        extra_body={"stream_options": {"include_usage": True}},
    )
    content, reasoning, chunks = "", "", []
    for chunk in stream:
        chunks.append(chunk)
        delta = chunk.choices[0].delta if chunk.choices else None
        if delta is not None and delta.reasoning:
            assert not content, "reasoning must come before content"
            reasoning += delta.reasoning
        if delta is not None and delta.content:
            content += delta.content
    first, last = chunks[0], chunks[-1]
    assert first.choices[0].delta.role == "assistant" and first.x_groq is not None
    assert last.choices[0].finish_reason == "stop"
    assert last.usage is not None and last.x_groq is not None and last.x_groq.usage is not None
    assert last.usage.completion_tokens == count_pieces(content) + count_pieces(reasoning)
    assert last.x_groq.id == first.x_groq.id
    assert all(c.usage is None for c in chunks[:-1])


def test_stream_wire_format(server: EmulatorServer) -> None:
    body = {"model": LLAMA, "stream": True, "messages": [{"role": "user", "content": "[[emulator reply_tokens=600]]"}],
            **PLAIN}
    with requests.post(chat_url(server), json=body, headers=AUTH, stream=True, timeout=10) as response:
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/event-stream"
        assert response.headers["Transfer-Encoding"] == "chunked"
        raw = b"".join(response.iter_content(chunk_size=None))
    assert raw.endswith(b"data: [DONE]\n\n")
    events = [part.removeprefix(b"data: ") for part in raw.split(b"\n\n") if part]
    assert events[-1] == b"[DONE]"
    parsed = [json.loads(e) for e in events[:-1]]
    assert all(p["object"] == "chat.completion.chunk" for p in parsed)
    assert parsed[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    final = parsed[-1]
    assert final["choices"][0]["delta"] == {} and "usage" not in final  # no include_usage
    assert final["x_groq"]["usage"]["completion_tokens"] == 600
    text = "".join(p["choices"][0]["delta"].get("content", "") for p in parsed[1:-1])
    assert count_pieces(text) == 600
    # Non-ASCII goes out as raw UTF-8: a client decoding ISO-8859-1 would garble it.
    assert any(ord(ch) > 127 for ch in text)
    assert any(byte > 127 for byte in raw)


# --- validation and auth ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"model": None}, "model"),
        ({"messages": None}, "messages"),
        ({"messages": []}, "messages"),
        ({"n": 2}, "n"),
        ({"logprobs": True}, "logprobs"),
        ({"logit_bias": {"1": 5}}, "logit_bias"),
        ({"top_logprobs": 2}, "top_logprobs"),
        ({"messages": [{"role": "user", "content": "hi", "name": "bob"}]}, "messages.0.name"),
        ({"temperature": 3}, "temperature"),
        ({"model": "whisper-large-v3"}, "model"),
        ({"model": "canopylabs/orpheus-v1-english"}, "model"),
        ({"max_completion_tokens": 200000}, "max_completion_tokens"),
    ],
)
def test_invalid_requests_get_400_with_param(server: EmulatorServer, change: dict[str, Any], param: str) -> None:
    body: dict[str, Any] = {"model": LLAMA, "messages": [{"role": "user", "content": "hi"}]}
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    response = requests.post(chat_url(server), json=body, headers=AUTH, timeout=10)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["param"] == param and error["message"]


def test_unparseable_json_is_400(server: EmulatorServer) -> None:
    response = requests.post(chat_url(server), data=b"{nope", headers=AUTH, timeout=10)
    assert response.status_code == 400 and response.json()["error"]["type"] == "invalid_request_error"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Bearer gsk_123"},
                                     {"Authorization": f"Basic {KEY}"}])
def test_missing_or_malformed_key_is_401(server: EmulatorServer, headers: dict[str, str]) -> None:
    response = post_chat(server, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": {"message": "Invalid API Key", "type": "invalid_request_error",
                                          "code": "invalid_api_key"}}


def test_configured_api_key_must_match_exactly() -> None:
    with EmulatorServer(EmulatorConfig(api_key="gsk_the_one_key")) as server:
        assert post_chat(server, headers={"Authorization": "Bearer gsk_the_one_key"}).status_code == 200
        assert post_chat(server, headers=AUTH).status_code == 401
        with pytest.raises(groq.AuthenticationError):
            groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0).models.list()


# --- rate limits ------------------------------------------------------------------------------


def test_rate_limit_headers_on_success_and_error(server: EmulatorServer) -> None:
    response = post_chat(server, max_completion_tokens=100)
    assert response.status_code == 200
    headers = response.headers
    assert headers["x-request-id"] == response.json()["x_groq"]["id"]
    assert headers["x-ratelimit-limit-requests"] == str(RPD)  # the per-DAY bucket
    assert headers["x-ratelimit-remaining-requests"] == str(RPD - 1)
    assert parse_go_duration(headers["x-ratelimit-reset-requests"]) == pytest.approx(86400 / RPD, abs=0.05)
    prompt = response.json()["usage"]["prompt_tokens"]
    assert headers["x-ratelimit-limit-tokens"] == str(TPM)
    # Headers show the state right after admission: prompt plus the whole max_completion_tokens taken.
    assert int(headers["x-ratelimit-remaining-tokens"]) == pytest.approx(TPM - prompt - 100, abs=2)
    assert parse_go_duration(headers["x-ratelimit-reset-tokens"]) > 0
    reading = parse_rate_limit_headers(headers).reading(Dimension.RPD)
    assert reading is not None and reading.limit == RPD
    bad = post_chat(server, n=3)
    assert bad.status_code == 400 and bad.headers["x-ratelimit-limit-tokens"] == str(TPM)


def test_request_over_whole_tpm_is_413(server: EmulatorServer) -> None:
    response = post_chat(server, max_completion_tokens=TPM + 1000)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "rate_limit_exceeded" and error["type"] == "tokens"
    assert error["message"].startswith(f"Request too large for model `{LLAMA}` in organization `org_emulator`")
    assert f"on tokens per minute (TPM): Limit {TPM}, Requested {TPM + 1000 + 10}" in error["message"]
    assert "retry-after" not in response.headers


def test_sdk_raises_rate_limit_error_on_429(server: EmulatorServer, client: groq.Groq) -> None:
    server.set_limits(LLAMA, ModelLimits.from_mapping({"RPM": 2, "RPD": 100, "TPM": 6000}))
    messages = [{"role": "user", "content": "hi"}]
    for _ in range(2):
        client.chat.completions.create(model=LLAMA, messages=messages)
    with pytest.raises(groq.RateLimitError) as caught:
        client.chat.completions.create(model=LLAMA, messages=messages)
    response = caught.value.response
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 30
    error = error_from_response(429, response.content, dict(response.headers))
    assert error.dimension == "RPM" and error.error_type == "requests"  # type: ignore[attr-defined]
    assert error.retry_after is not None and error.retry_after <= retry_after
    assert response.headers["x-ratelimit-remaining-requests"] == "98"
    assert server.stats.rate_limited == 1 and server.stats.count(200) == 2
    server.reset_quota()
    client.chat.completions.create(model=LLAMA, messages=messages)


def test_time_scale_makes_the_wait_end() -> None:
    with EmulatorServer(EmulatorConfig(time_scale=60.0)) as server:
        server.set_limits(LLAMA, ModelLimits.from_mapping({"RPM": 1}))
        assert post_chat(server).status_code == 200
        limited = post_chat(server)
        assert limited.status_code == 429
        wait = error_from_response(429, limited.content, dict(limited.headers)).retry_after
        assert wait is not None and wait <= 1.0  # a minute's window lasts one real second
        deadline = time.monotonic() + 10
        pause = threading.Event()
        status = limited.status_code
        while status == 429 and time.monotonic() < deadline:
            pause.wait(0.05)  # the thing waited on is the server's own clock
            status = post_chat(server).status_code
        assert status == 200


def test_stream_settles_quota_to_actual_tokens(server: EmulatorServer) -> None:
    body = {"model": LLAMA, "stream": True, "max_completion_tokens": 3000,
            "messages": [{"role": "user", "content": "[[emulator reply_tokens=10]]"}]}
    with requests.post(chat_url(server), json=body, headers=AUTH, stream=True, timeout=10) as response:
        during = int(response.headers["x-ratelimit-remaining-tokens"])
        events = sse_events(response)
    usage = json.loads(events[-2])["x_groq"]["usage"]
    after = int(post_chat(server, max_completion_tokens=1).headers["x-ratelimit-remaining-tokens"])
    assert during < TPM - 3000  # 3000 reserved while streaming
    # Only the real total stays taken (plus this probe's own prompt and 1 token; refill only adds).
    assert after >= TPM - usage["total_tokens"] - usage["prompt_tokens"] - 1 - 5


def test_many_concurrent_streams_complete() -> None:
    with EmulatorServer(EmulatorConfig(tokens_per_second=20000, plan="developer")) as server:
        def one(index: int) -> bool:
            body = {"model": LLAMA, "stream": True,
                    "messages": [{"role": "user", "content": f"#{index} [[emulator reply_tokens=150]]"}]}
            with requests.post(chat_url(server), json=body, headers=AUTH, stream=True, timeout=30) as response:
                return sse_events(response)[-1] == "[DONE]"

        with ThreadPoolExecutor(max_workers=40) as pool:
            assert all(pool.map(one, range(80)))
        assert server.stats.count(200) == 80
