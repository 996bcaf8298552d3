"""What the emulator does with hostile or broken requests: the key is checked before the body is read,
oversized or unmeasured bodies are refused unread, malformed JSON always gets Groq's 400 (never a 500 or
a dropped connection), the demo key is the only key, and binding beyond loopback is warned about."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from groq_desktop.app.composition import build_services
from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.emulator import EmulatorConfig, EmulatorServer

KEY = "gsk_test_key_123"
AUTH = {"Authorization": f"Bearer {KEY}"}
LLAMA = "openai/gpt-oss-20b"
CHAT_PATH = "/openai/v1/chat/completions"
LIMIT = 100_000


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(tokens_per_second=50000, max_upload_bytes=LIMIT)) as running:
        yield running


def raw_exchange(server: EmulatorServer, head: str, body: bytes = b"") -> tuple[int, dict[str, str], Any]:
    """Send ``head`` (and ``body``) on a fresh connection; read the answer without sending more.

    A server that waited for a body it was promised would time out here (5 s), not answer.
    """
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(head.encode("latin-1") + b"\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            assert chunk, f"connection closed without an answer: {data!r}"
            data += chunk
        header_block, _, rest = data.partition(b"\r\n\r\n")
        lines = header_block.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers["content-length"])
        while len(rest) < length:
            chunk = connection.recv(65536)
            assert chunk
            rest += chunk
    return int(lines[0].split()[1]), headers, json.loads(rest[:length])


def post_head(key: str = KEY, **headers: str) -> str:
    lines = [f"POST {CHAT_PATH} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if key:
        lines.append(f"Authorization: Bearer {key}")
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return "\r\n".join(lines) + "\r\n"


def assert_groq_error(payload: Any, code: str | None = None) -> None:
    error = payload["error"]
    assert isinstance(error["message"], str) and error["message"] and isinstance(error["type"], str)
    if code is not None:
        assert error["code"] == code


# --- the body is read only when it should be --------------------------------------------------------


def test_a_wrong_key_is_refused_before_the_body_is_read(server: EmulatorServer) -> None:
    # A body promised and never sent: before, the server waited to read it before looking at the key.
    status, headers, payload = raw_exchange(server, post_head("not_a_groq_key", Content_Length=str(LIMIT // 2)))
    assert status == 401 and headers["connection"] == "close"
    assert payload == {"error": {"message": "Invalid API Key", "type": "invalid_request_error",
                                 "code": "invalid_api_key"}}


def test_a_body_over_the_limit_is_refused_unread(server: EmulatorServer) -> None:
    status, headers, payload = raw_exchange(server, post_head(Content_Length=str(LIMIT + 1)))
    assert status == 413 and headers["connection"] == "close"
    assert_groq_error(payload, "request_too_large")


def test_a_chunked_body_over_the_limit_is_refused_at_the_chunk_that_crosses_it(server: EmulatorServer) -> None:
    head = post_head(Transfer_Encoding="chunked")
    status, _, payload = raw_exchange(server, head, f"{LIMIT + 1:X}\r\n".encode() + b"{" * 1000)
    assert status == 413
    assert_groq_error(payload, "request_too_large")


@pytest.mark.parametrize(("length", "status"), [("-5", 400), ("lots", 400), (None, 411)])
def test_a_negative_malformed_or_absent_length_is_refused(server: EmulatorServer, length: str | None,
                                                          status: int) -> None:
    head = post_head(Content_Length=length) if length is not None else post_head()
    got, headers, payload = raw_exchange(server, head, b'{"model": "x"}')
    assert got == status and headers["connection"] == "close"  # before: -5 read until the client hung up
    assert_groq_error(payload)


def test_a_client_uploading_far_over_the_limit_still_reads_the_413(server: EmulatorServer) -> None:
    # The emulator answers at once and never reads the 8 MB; the client still gets the answer, not a reset.
    body = json.dumps({"model": LLAMA, "messages": [{"role": "user", "content": "x" * 8_000_000}]})
    response = requests.post(server.base_url + CHAT_PATH, data=body, headers=AUTH, timeout=10)
    assert response.status_code == 413
    assert_groq_error(response.json(), "request_too_large")
    # The connection pool of a long-lived client carries on.
    session = requests.Session()
    assert session.post(server.base_url + CHAT_PATH, data=body, headers=AUTH, timeout=10).status_code == 413
    ok = session.post(server.base_url + CHAT_PATH, json={"model": LLAMA, "messages": [{"role": "user", "content": "hi"}]},
                      headers=AUTH, timeout=10)
    assert ok.status_code == 200


# --- malformed requests: always Groq's 400 ------------------------------------------------------------


def chat_status(server: EmulatorServer, body: Any) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return requests.post(server.base_url + CHAT_PATH, data=data, headers=AUTH, timeout=10)


def user(content: Any = "hi") -> dict[str, Any]:
    return {"role": "user", "content": content}


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"model": LLAMA, "messages": [{"role": []}]}, "messages.0.role"),
        ({"model": LLAMA, "messages": [{"role": {"a": 1}, "content": "hi"}]}, "messages.0.role"),
        ({"model": LLAMA, "messages": {"role": "user", "content": "hi"}}, "messages"),
        ({"model": LLAMA, "messages": "hi"}, "messages"),
        ({"model": LLAMA, "messages": [user()], "stream": True, "stream_options": []}, "stream_options"),
        ({"model": LLAMA, "messages": [user()], "stream": True, "stream_options": "yes"}, "stream_options"),
        ({"model": LLAMA, "messages": [user()], "stream_options": {"include_usage": "yes"}},
         "stream_options.include_usage"),
        ({"model": LLAMA, "messages": [user(5)]}, "messages.0.content"),
        ({"model": LLAMA, "messages": [user({"text": "hi"})]}, "messages.0.content"),
        ({"model": LLAMA, "messages": [user([1, 2])]}, "messages.0.content.0"),
        ({"model": LLAMA, "messages": [user([{"type": "text", "text": ["hi"]}])]}, "messages.0.content.0"),
        ({"model": LLAMA, "messages": [user(None)]}, "messages.0.content"),
        ({"model": LLAMA, "messages": [{"role": "user"}]}, "messages.0.content"),
    ],
)
def test_malformed_messages_get_groqs_400(server: EmulatorServer, body: dict[str, Any], param: str) -> None:
    response = chat_status(server, body)  # before: several of these dropped the connection or broke the stream
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["param"] == param


@pytest.mark.parametrize("depth", [100, 5_000, 40_000])
def test_deeply_nested_json_gets_a_400(server: EmulatorServer, depth: int) -> None:
    body = b'{"model": "' + LLAMA.encode() + b'", "messages": [{"role": "user", "content": "hi"}], "extra": '
    body += b"[" * depth + b"]" * depth + b"}"
    response = chat_status(server, body)
    assert response.status_code == 400
    assert_groq_error(response.json())


def test_valid_content_shapes_still_work(server: EmulatorServer) -> None:
    parts = [{"type": "text", "text": "hi"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}]
    messages = [user(parts), {"role": "assistant", "content": None, "tool_calls": []}, user("go on")]
    # Image parts are for models that see images (a text-only model answers 400: tests/emulator/test_chat_images.py).
    vision = next(m.id for m in shipped_catalogue().models.values() if m.can("vision"))
    assert chat_status(server, {"model": vision, "messages": messages}).status_code == 200


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_FIELDS = st.sampled_from(["model", "messages", "stream", "stream_options", "max_tokens", "temperature", "top_p",
                           "n", "stop", "reasoning_effort", "reasoning_format", "include_reasoning", "content",
                           "role"])


@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(st.dictionaries(_FIELDS, _JSON, max_size=3) | _JSON, max_size=3) | _JSON,
    extra=st.dictionaries(_FIELDS, _JSON, max_size=3),
    stream=st.booleans(),
)
def test_any_json_gets_an_answer_never_a_500_or_a_dropped_connection(
    server: EmulatorServer, messages: Any, extra: dict[str, Any], stream: bool
) -> None:
    body = {"model": LLAMA, "messages": messages, **extra, "stream": stream}
    response = chat_status(server, body)
    assert response.status_code in (200, 400, 404), response.text[:300]
    if response.status_code != 200:
        assert_groq_error(response.json())
    elif response.headers["content-type"].startswith("text/event-stream"):
        assert response.text.rstrip().endswith("data: [DONE]")  # a stream that started also finished


# --- keys and addresses ------------------------------------------------------------------------------


def test_demo_mode_checks_the_key_it_gave_the_client() -> None:
    services = build_services(load_config({}))
    try:
        assert services.emulator is not None
        assert services.client.chat(LLAMA, [user()]).content
        # Any other well-formed key is refused, as Groq refuses it (before: every gsk_ key was accepted).
        response = requests.post(services.emulator.base_url + CHAT_PATH, json={"model": LLAMA, "messages": [user()]},
                                 headers=AUTH, timeout=10)
        assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_api_key"
    finally:
        services.close()


def test_listening_beyond_loopback_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="groq_desktop.emulator")
    with EmulatorServer(EmulatorConfig(), host="127.0.0.1"):
        pass
    assert not [r for r in caplog.records if "reachable from other machines" in r.getMessage()]
    with EmulatorServer(EmulatorConfig(), host="0.0.0.0"):
        pass
    warnings = [r for r in caplog.records if "reachable from other machines" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING and "0.0.0.0" in warnings[0].getMessage()
