"""Every injected fault, as a client sees it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import groq
import pytest
import requests

from groq_desktop.emulator import EmulatorConfig, EmulatorServer, Fault

KEY = "gsk_test_key_123"
AUTH = {"Authorization": f"Bearer {KEY}"}
STREAM_BODY = {
    "model": "openai/gpt-oss-20b",
    "stream": True,
    "messages": [{"role": "user", "content": "[[emulator reply_tokens=60]]"}],
}


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(EmulatorConfig(tokens_per_second=50000, stall_seconds=30.0)) as running:
        yield running


def chat(server: EmulatorServer, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
         **kwargs: Any) -> requests.Response:
    body = body or {"model": "openai/gpt-oss-20b", "messages": [{"role": "user", "content": "hi"}]}
    return requests.post(f"{server.base_url}/openai/v1/chat/completions", json=body,
                         headers={**AUTH, **(headers or {})}, timeout=kwargs.pop("timeout", 10), **kwargs)


def read_stream(response: requests.Response) -> list[bytes]:
    return [line[6:] for line in response.iter_lines() if line.startswith(b"data: ")]


@pytest.mark.parametrize(
    ("fault", "status", "error_type"),
    [
        (Fault.HTTP_500, 500, "internal_server_error"),
        (Fault.HTTP_502, 502, "internal_server_error"),
        (Fault.HTTP_503, 503, "internal_server_error"),
        (Fault.HTTP_498, 498, "capacity_exceeded"),
    ],
)
def test_http_error_faults(server: EmulatorServer, fault: Fault, status: int, error_type: str) -> None:
    server.inject(fault)
    response = chat(server)
    assert response.status_code == status
    assert response.json()["error"]["type"] == error_type
    assert response.headers["x-request-id"].startswith("req_")
    assert chat(server).status_code == 200  # used up after one request
    assert server.stats.faults == {fault.value: 1}


def test_times_and_path_filter(server: EmulatorServer) -> None:
    server.inject("http_503", times=2, path_contains="/audio/")
    assert chat(server).status_code == 200  # not an audio path: untouched
    models = f"{server.base_url}/openai/v1/models"
    assert requests.get(models, headers=AUTH, timeout=10).status_code == 200
    server.inject(Fault.HTTP_500, times=2, path_contains="/models")
    assert [requests.get(models, headers=AUTH, timeout=10).status_code for _ in range(3)] == [500, 500, 200]


def test_sdk_sees_server_errors_and_capacity(server: EmulatorServer) -> None:
    client = groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0)
    server.inject(Fault.HTTP_503)
    with pytest.raises(groq.InternalServerError):
        client.models.list()
    server.inject(Fault.HTTP_498)
    with pytest.raises(groq.APIStatusError) as caught:
        client.models.list()
    assert caught.value.status_code == 498


def test_reset_closes_before_any_response(server: EmulatorServer) -> None:
    server.inject(Fault.RESET)
    with pytest.raises(requests.exceptions.ConnectionError):
        chat(server)
    assert chat(server).status_code == 200


def test_cut_stream_ends_without_done(server: EmulatorServer) -> None:
    server.inject(Fault.CUT)
    events: list[bytes] = []
    response = chat(server, STREAM_BODY, stream=True)
    assert response.status_code == 200
    with response, pytest.raises(requests.exceptions.RequestException):  # ChunkedEncodingError: cut short
        for line in response.iter_lines():
            events.append(line)
    assert events and b"data: [DONE]" not in events


def test_cut_plain_response_after_headers(server: EmulatorServer) -> None:
    server.inject(Fault.CUT)
    with pytest.raises(requests.exceptions.RequestException):
        chat(server)


def test_stall_stops_sending_for_a_while(server: EmulatorServer) -> None:
    server.inject(Fault.STALL)
    response = chat(server, STREAM_BODY, stream=True, timeout=(5, 0.5))
    with response, pytest.raises(requests.exceptions.RequestException):  # read timeout during the stall
        for _ in response.iter_lines():
            pass


def test_stall_then_continue() -> None:
    with EmulatorServer(EmulatorConfig(tokens_per_second=50000, stall_seconds=0.2)) as server:
        with chat(server, STREAM_BODY, headers={"x-emulator-fault": "stall"}, stream=True) as response:
            events = read_stream(response)
        assert events[-1] == b"[DONE]"


def test_malformed_stream_event_and_body(server: EmulatorServer) -> None:
    server.inject(Fault.MALFORMED)
    with chat(server, STREAM_BODY, stream=True) as response:
        events = read_stream(response)
    assert events[-1] == b"[DONE]"
    broken = []
    for event in events[:-1]:
        try:
            json.loads(event)
        except ValueError:
            broken.append(event)
    assert len(broken) == 1
    server.inject(Fault.MALFORMED)
    response = chat(server)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_stream_error_event_mid_stream(server: EmulatorServer) -> None:
    server.inject(Fault.STREAM_ERROR)
    with chat(server, STREAM_BODY, stream=True) as response:
        events = read_stream(response)
    assert b"[DONE]" not in events
    last = json.loads(events[-1])
    assert last["error"]["type"] == "internal_server_error"
    assert any(json.loads(e).get("choices", [{}])[0].get("delta", {}).get("content") for e in events[:-1])
    client = groq.Groq(api_key=KEY, base_url=server.base_url, max_retries=0)
    server.inject(Fault.STREAM_ERROR)
    with pytest.raises(groq.APIError):
        for _ in client.chat.completions.create(
            model="openai/gpt-oss-20b", stream=True, messages=[{"role": "user", "content": "hello"}]
        ):
            pass
    server.inject(Fault.STREAM_ERROR)
    assert chat(server).status_code == 500  # not a stream: a plain server error


def test_fault_by_request_header(server: EmulatorServer) -> None:
    assert chat(server, headers={"x-emulator-fault": "http_502"}).status_code == 502
    unknown = chat(server, headers={"x-emulator-fault": "gremlins"})
    assert unknown.status_code == 400 and unknown.json()["error"]["param"] == "x-emulator-fault"
    assert chat(server).status_code == 200


def test_stop_ends_a_stalled_stream_promptly() -> None:
    server = EmulatorServer(EmulatorConfig(stall_seconds=60.0)).start()
    server.inject(Fault.STALL)
    response = chat(server, STREAM_BODY, stream=True, timeout=(5, 20))
    lines = response.iter_lines()
    assert next(lines).startswith(b"data: ")
    server.stop()  # must not wait for the 60 s stall
    with pytest.raises(requests.exceptions.RequestException):
        for _ in lines:
            pass
    response.close()
