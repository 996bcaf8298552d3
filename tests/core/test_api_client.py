"""The API client against the emulator: results, streaming, cancellation, retries, errors, faults."""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import pytest

from groq_desktop import errors
from groq_desktop.core.api.cancel import CancelToken
from groq_desktop.core.api.client import GroqApiClient, _pooled_session
from groq_desktop.core.api.retry import RetryPolicy
from groq_desktop.core.api.types import RequestRecord
from groq_desktop.core.catalogue import shipped_catalogue
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.quota.headers import RateLimitHeaders
from groq_desktop.core.quota.limits import Dimension, ModelLimits
from groq_desktop.core.secrets import Secret
from tests.conftest import TEST_KEY

MODEL = "openai/gpt-oss-20b"
HELLO = [{"role": "user", "content": "Hello there"}]


class Recorder:
    def __init__(self) -> None:
        self.limits: list[tuple[str, RateLimitHeaders]] = []
        self.requests: list[RequestRecord] = []


def make_client(server: Any, recorder: Recorder | None = None, **config: Any) -> GroqApiClient:
    recorder = recorder or Recorder()
    retries = config.pop("max_retries", 2)
    return GroqApiClient(
        ClientConfig(api_key=Secret(config.pop("key", TEST_KEY)), base_url=server.base_url, max_retries=retries, **config),
        retry=RetryPolicy(max_retries=retries, base_delay=0.01, max_delay=0.05),
        on_rate_limits=lambda model, h: recorder.limits.append((model, h)),
        on_request=recorder.requests.append,
    )


def wav_bytes(seconds: float = 3.0) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=16000, layout="mono")
        samples = int(seconds * 16000)
        frame_data = bytearray()
        for i in range(samples):
            value = int(8000 * math.sin(2 * math.pi * (300 + 200 * (i // 8000 % 3)) * i / 16000))
            frame_data += value.to_bytes(2, "little", signed=True)
        frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
        frame.planes[0].update(bytes(frame_data))
        frame.sample_rate = 16000
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def test_chat_returns_typed_result_and_reports_limits(emulator: Any) -> None:
    recorder = Recorder()
    client = make_client(emulator, recorder)
    reply = client.chat(MODEL, HELLO, max_completion_tokens=50)
    assert reply.content and reply.finish_reason in ("stop", "length")
    assert reply.usage is not None and reply.usage.completion_tokens > 0
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
    assert reply.usage.total_time is not None and reply.usage.queue_time is not None
    assert reply.request_id and reply.request_id.startswith("req_")
    assert reply.rate_limits.reading(Dimension.RPD).limit == shipped_catalogue().facts(MODEL).limits["free"]["RPD"]
    assert recorder.limits and recorder.limits[0][0] == MODEL
    assert [r.status for r in recorder.requests] == [200]
    assert recorder.requests[0].endpoint == "chat" and recorder.requests[0].usage == reply.usage


def test_stream_yields_utf8_text_usage_and_request_id(emulator: Any) -> None:
    recorder = Recorder()
    client = make_client(emulator, recorder)
    stream = client.stream_chat(
        MODEL, [{"role": "user", "content": "Tell me more [[emulator reply_tokens=600]]"}], include_reasoning=False
    )
    text = "".join(delta.content for delta in stream)
    assert len(text) > 500
    assert "Ã" not in text and "â€" not in text  # no ISO-8859-1 mojibake
    assert stream.usage is not None and stream.usage.completion_tokens == 600
    assert stream.request_id and stream.request_id.startswith("req_")
    assert stream.ttft is not None and stream.finish_reason in ("stop", "length")
    assert recorder.requests[-1].usage == stream.usage and recorder.requests[-1].ttft == stream.ttft


def test_stream_close_from_another_thread_cancels_at_once(emulator_factory: Callable[..., Any]) -> None:
    server = emulator_factory(time_scale=60.0, tokens_per_second=200.0)
    client = make_client(server)
    stream = client.stream_chat(MODEL, [{"role": "user", "content": "Long [[emulator reply_tokens=20000]]"}])
    received: list[str] = []
    with pytest.raises(errors.RequestCancelledError):
        for delta in stream:
            received.append(delta.content)
            if len(received) == 20:
                threading.Thread(target=stream.close).start()
    assert 20 <= len(received) < 20000
    assert stream.cancelled


def test_server_errors_are_retried_then_succeed(emulator: Any) -> None:
    recorder = Recorder()
    client = make_client(emulator, recorder)
    emulator.inject("HTTP_503", times=1)
    emulator.inject("HTTP_498", times=1)
    reply = client.chat(MODEL, HELLO)
    assert reply.content
    assert emulator.stats.count(503) == 1 and emulator.stats.count(498) == 1
    assert recorder.requests[-1].attempts == 3


def test_retries_are_bounded(emulator: Any) -> None:
    client = make_client(emulator, max_retries=2)
    emulator.inject("HTTP_500", times=5)
    with pytest.raises(errors.ServerError) as caught:
        client.chat(MODEL, HELLO)
    assert emulator.stats.count(500) == 3
    assert "retries" in caught.value.hint


def test_connection_reset_is_retried(emulator: Any) -> None:
    client = make_client(emulator)
    emulator.inject("RESET", times=1)
    assert client.chat(MODEL, HELLO).content


def test_unreachable_server_is_a_connection_error() -> None:
    client = GroqApiClient(
        ClientConfig(api_key=Secret(TEST_KEY), base_url="http://127.0.0.1:9", max_retries=1),
        retry=RetryPolicy(max_retries=1, base_delay=0.01, max_delay=0.02),
    )
    with pytest.raises(errors.ConnectionFailedError) as caught:
        client.chat(MODEL, HELLO)
    assert "internet connection" in caught.value.hint


def test_429_is_never_retried_blindly(emulator: Any) -> None:
    emulator.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 1, "RPD": 100, "TPM": 100000, "TPD": 1000000}))
    recorder = Recorder()
    client = make_client(emulator, recorder)
    client.chat(MODEL, HELLO)
    with pytest.raises(errors.RateLimitError) as caught:
        client.chat(MODEL, HELLO)
    assert emulator.stats.count(429) == 1
    err = caught.value
    assert err.dimension == "RPM" and err.retry_after is not None and err.retry_after > 0
    assert err.code == "rate_limit_exceeded"
    assert len(recorder.limits) == 2  # the 429's headers reached the limiter too


def test_413_over_the_whole_tpm(emulator: Any) -> None:
    client = make_client(emulator)
    big = [{"role": "user", "content": "word " * 9000}]
    with pytest.raises(errors.RequestTooLargeError):
        client.chat(MODEL, big)


@pytest.mark.parametrize(
    ("key", "model", "error"),
    [
        ("gsk_wrong", MODEL, errors.AuthenticationError),
        ("not-a-key-at-all", MODEL, errors.AuthenticationError),
        (TEST_KEY, "no-such-model", errors.NotFoundError),
    ],
)
def test_client_errors_are_mapped_and_not_retried(emulator: Any, key: str, model: str, error: type) -> None:
    client = make_client(emulator, key=key)
    with pytest.raises(error) as caught:
        client.chat(model, HELLO)
    assert emulator.stats.requests == 1
    assert caught.value.message and caught.value.hint


def test_missing_key_fails_before_sending(emulator: Any) -> None:
    client = make_client(emulator, key="")
    with pytest.raises(errors.AuthenticationError):
        client.chat(MODEL, HELLO)
    assert emulator.stats.requests == 0


def test_key_never_appears_in_errors_or_logs(emulator_factory: Callable[..., Any], caplog: pytest.LogCaptureFixture) -> None:
    server = emulator_factory(api_key="gsk_the_only_valid_key_123")
    caplog.set_level(logging.DEBUG)
    client = make_client(server, key=TEST_KEY)
    with pytest.raises(errors.AuthenticationError) as caught:
        client.chat(MODEL, HELLO)
    logging.getLogger("test").error("failed: %r %s %r", caught.value, caught.value, client)
    for text in (repr(caught.value), str(caught.value), caught.value.user_text(), repr(client), caplog.text):
        assert TEST_KEY not in text


@pytest.mark.parametrize("fault", ["CUT", "MALFORMED", "STREAM_ERROR"])
def test_stream_faults_keep_the_text_so_far(emulator: Any, fault: str) -> None:
    client = make_client(emulator)
    emulator.inject(fault, times=1)
    received: list[str] = []
    stream = client.stream_chat(MODEL, [{"role": "user", "content": "Go [[emulator reply_tokens=400]]"}])
    with pytest.raises(errors.StreamError) as caught:
        for delta in stream:
            received.append(delta.content)
    assert "".join(received)  # text before the fault arrived and is the caller's to keep
    assert caught.value.message


def test_stalled_stream_times_out_as_a_stream_error(emulator_factory: Callable[..., Any]) -> None:
    server = emulator_factory(stall_seconds=5.0, time_scale=60.0, tokens_per_second=5000.0)
    client = make_client(server, timeout=0.5)
    server.inject("STALL", times=1)
    with pytest.raises(errors.StreamError, match="stalled"):
        for _ in client.stream_chat(MODEL, [{"role": "user", "content": "x [[emulator reply_tokens=200]]"}]):
            pass


def test_transcription_verbose_json_with_words(emulator: Any) -> None:
    client = make_client(emulator)
    result = client.transcribe(
        "whisper-large-v3-turbo",
        wav_bytes(3.0),
        filename="tone.wav",
        timestamp_granularities=("segment", "word"),
        audio_seconds=3.0,
    )
    assert result.duration == pytest.approx(3.0, abs=0.05)
    assert result.words and all(0 <= w["start"] <= w["end"] <= 3.05 for w in result.words)
    assert result.segments and result.request_id
    assert result.rate_limits.reading(Dimension.ASH) is not None
    text = client.transcribe("whisper-large-v3", wav_bytes(1.0), filename="a.wav", response_format="text", translate=True)
    assert isinstance(text.text, str)


def test_models_list_and_one_with_a_slash(emulator: Any) -> None:
    client = make_client(emulator)
    ids = {m["id"] for m in client.list_models()}
    assert {MODEL, "openai/gpt-oss-120b", "whisper-large-v3"} <= ids
    assert client.get_model("openai/gpt-oss-120b")["context_window"] > 0
    with pytest.raises(errors.NotFoundError):
        client.get_model("gone-model")


def test_one_client_is_safe_from_many_threads(emulator: Any) -> None:
    client = make_client(emulator)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                assert client.chat(MODEL, HELLO, max_completion_tokens=20, include_reasoning=False).content
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


# --- cancelling from another thread never waits for a blocked read (issue 8) -----------------------

STALL_SECONDS = 30.0  # far beyond every bound below: a test that waited for the stall would fail
PROMPT_200 = [{"role": "user", "content": "x [[emulator reply_tokens=200]]"}]


class Worker(threading.Thread):
    """Runs ``work`` and keeps what it returned or raised."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # noqa: BLE001
            self.error = exc


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    stop = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        stop.wait(0.005)


def stalled_stream(server: Any, client: GroqApiClient) -> tuple[Any, Worker, list[str]]:
    """A stream whose worker has read the first half of the reply and now blocks in the stalled read."""
    server.inject("STALL", times=1)
    stream = client.stream_chat(MODEL, PROMPT_200, include_reasoning=False)
    received: list[str] = []
    worker = Worker(lambda: [received.append(d.content) for d in stream])
    worker.start()
    wait_for(lambda: len(received) >= 101)  # the role chunk + 100 tokens: everything before the stall
    return stream, worker, received


def test_close_returns_at_once_while_the_worker_is_blocked_in_a_stalled_read(
    emulator_factory: Callable[..., Any],
) -> None:
    server = emulator_factory(stall_seconds=STALL_SECONDS, time_scale=60.0, tokens_per_second=5000.0)
    recorder = Recorder()
    client = make_client(server, recorder, timeout=STALL_SECONDS)
    stream, worker, received = stalled_stream(server, client)
    closer = Worker(stream.close)
    closer.start()
    closer.join(timeout=2.0)  # before the fix: blocked on the reader's lock until the 30 s stall ended
    assert not closer.is_alive() and closer.error is None
    worker.join(timeout=2.0)
    assert not worker.is_alive()
    assert isinstance(worker.error, errors.RequestCancelledError)
    assert stream.cancelled and len(received) == 101
    assert recorder.requests[-1].status == 499 and recorder.requests[-1].error_code == "cancelled"
    # The pool still works: the next request gets a fresh connection.
    assert client.chat(MODEL, HELLO, max_completion_tokens=20, include_reasoning=False).content


def test_client_close_aborts_stalled_requests_at_once(emulator_factory: Callable[..., Any]) -> None:
    server = emulator_factory(stall_seconds=STALL_SECONDS, time_scale=60.0, tokens_per_second=5000.0)
    client = make_client(server, timeout=STALL_SECONDS)
    workers = [stalled_stream(server, client)[1] for _ in range(3)]
    server.inject("STALL", times=1)  # and a non-streamed request that waits for a held-back answer
    workers.append(Worker(lambda: client.chat(MODEL, HELLO, max_completion_tokens=20, include_reasoning=False)))
    workers[-1].start()
    wait_for(lambda: server.stats.faults.get("stall") == 4)
    closer = Worker(client.close)
    closer.start()
    closer.join(timeout=2.0)
    assert not closer.is_alive()
    for worker in workers:
        worker.join(timeout=2.0)
        assert not worker.is_alive() and isinstance(worker.error, errors.RequestCancelledError)


@pytest.mark.parametrize("endpoint", ["chat", "transcribe"])
def test_a_non_streamed_request_is_cancelled_from_another_thread(
    emulator_factory: Callable[..., Any], endpoint: str
) -> None:
    server = emulator_factory(stall_seconds=STALL_SECONDS, time_scale=60.0, tokens_per_second=5000.0)
    recorder = Recorder()
    client = make_client(server, recorder, timeout=STALL_SECONDS)
    server.inject("STALL", times=1)
    cancel = CancelToken()
    if endpoint == "chat":
        worker = Worker(lambda: client.chat(MODEL, HELLO, max_completion_tokens=20, include_reasoning=False, cancel=cancel))
    else:
        audio = wav_bytes(1.0)
        worker = Worker(lambda: client.transcribe("whisper-large-v3-turbo", audio, filename="a.wav", cancel=cancel))
    worker.start()
    wait_for(lambda: server.stats.faults.get("stall") == 1)  # the server holds the answer back now
    cancel.set()
    worker.join(timeout=2.0)  # before the fix: only the 30 s stall ended it (and then it succeeded)
    assert not worker.is_alive()
    assert isinstance(worker.error, errors.RequestCancelledError), worker.error
    assert recorder.requests[-1].status == 499
    assert server.stats.requests == 1  # cancelled, not retried as a connection failure


def test_a_token_set_after_its_request_never_touches_the_next_request(emulator: Any) -> None:
    client = make_client(emulator)
    cancel = CancelToken()
    assert client.chat(MODEL, HELLO, max_completion_tokens=20, include_reasoning=False, cancel=cancel).content
    stream = client.stream_chat(MODEL, PROMPT_200)  # reuses the pooled connection the token once had
    cancel.set()
    assert len([d for d in stream]) > 100 and not stream.cancelled


def test_a_cancelled_token_stops_a_request_before_it_is_sent(emulator: Any) -> None:
    client = make_client(emulator)
    cancel = CancelToken()
    cancel.set()
    with pytest.raises(errors.RequestCancelledError):
        client.chat(MODEL, HELLO, cancel=cancel)
    assert emulator.stats.requests == 0


# --- streams from a server that misbehaves below the emulator's level ----------------------------


class RawServer:
    """A one-shot HTTP server that answers every request with ``head`` and then ``body`` chunks."""

    def __init__(
        self, head: bytes, body: Callable[[socket.socket], None], tls: ssl.SSLContext | None = None
    ) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._head, self._body, self._tls = head, body, tls
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            connection, _ = self._listener.accept()
            if self._tls is not None:
                connection = self._tls.wrap_socket(connection, server_side=True)
            with connection:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += connection.recv(65536)
                length = int(re.search(rb"content-length: *(\d+)", data, re.IGNORECASE).group(1))  # type: ignore[union-attr]
                body = data.split(b"\r\n\r\n", 1)[1]
                while len(body) < length:
                    body += connection.recv(65536)
                connection.sendall(self._head)
                self._body(connection)

    def close(self) -> None:
        self._listener.close()


SSE_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
CHUNK = b'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n'


def test_a_stream_ending_in_done_without_a_blank_line_is_complete() -> None:
    server = RawServer(SSE_HEAD, lambda c: c.sendall(CHUNK + b"data: [DONE]"))
    try:
        recorder = Recorder()
        stream = make_client(server, recorder).stream_chat(MODEL, HELLO)
        assert "".join(d.content for d in stream) == "Hi"  # before: "closed before the reply finished"
        assert recorder.requests[-1].status == 200 and recorder.requests[-1].error_code is None
    finally:
        server.close()


def test_a_server_that_never_ends_a_line_fails_the_stream_with_bounded_memory() -> None:
    def endless(connection: socket.socket) -> None:
        connection.sendall(CHUNK + b"data: ")
        block = b"x" * 65536
        for _ in range(4096):  # 256 MiB unless the client gives up first
            connection.sendall(block)

    server = RawServer(SSE_HEAD, endless)
    try:
        stream = make_client(server).stream_chat(MODEL, HELLO)
        received: list[str] = []
        with pytest.raises(errors.StreamError, match="MiB without ending an event") as caught:
            for delta in stream:
                received.append(delta.content)
        assert received == ["Hi"] and "text so far is kept" in caught.value.message
    finally:
        server.close()


def self_signed_tls(tmp_path: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context and the CA file a client needs, for 127.0.0.1."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context, cert_path


@pytest.mark.parametrize("tls", [False, True])
def test_close_aborts_a_stalled_stream_that_reads_to_the_end_of_the_connection(tmp_path: Path, tls: bool) -> None:
    # "Connection: close" hands the socket to the response (http.client drops conn.sock); Groq is HTTPS,
    # where the blocked read is inside the TLS layer. The abort must wake both.
    held = threading.Event()

    def stall(connection: socket.socket) -> None:
        connection.sendall(CHUNK)
        held.wait(30)

    session = _pooled_session()
    context: ssl.SSLContext | None = None
    if tls:
        context, ca = self_signed_tls(tmp_path)
        session.verify = str(ca)
        session.trust_env = False  # a REQUESTS_CA_BUNDLE in the environment would override verify
    server = RawServer(SSE_HEAD, stall, tls=context)
    base_url = server.base_url.replace("http:", "https:") if tls else server.base_url
    client = GroqApiClient(ClientConfig(api_key=Secret(TEST_KEY), base_url=base_url, timeout=30.0), session=session)
    try:
        stream = client.stream_chat(MODEL, HELLO)
        received: list[str] = []
        worker = Worker(lambda: [received.append(d.content) for d in stream])
        worker.start()
        wait_for(lambda: received == ["Hi"])
        closer = Worker(stream.close)
        closer.start()
        closer.join(timeout=2.0)
        worker.join(timeout=2.0)  # before: the read went on until the 30 s stall ended
        assert not closer.is_alive() and not worker.is_alive()
        assert isinstance(worker.error, errors.RequestCancelledError)
    finally:
        held.set()
        server.close()
