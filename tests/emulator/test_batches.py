"""The emulator's Batch API: files, batch lifecycle in scaled time, validation, failures, expiry, cancel."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from groq_desktop.core.bulk import jsonl, merge
from groq_desktop.core.bulk.batch_api import BatchApi
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.secrets import Secret
from groq_desktop.errors import BadRequestError, PermissionDeniedError
from tests.conftest import TEST_KEY


def _model() -> str:
    catalogue = shipped_catalogue()
    return catalogue.preferred(ModelKind.CHAT, catalogue.models) or ""


def _api(server: Any) -> BatchApi:
    return BatchApi(ClientConfig(api_key=Secret(TEST_KEY), base_url=server.base_url))


def _content(n: int, extra: bytes = b"") -> bytes:
    body = {"model": _model(), "messages": [{"role": "user", "content": "hi"}], "max_completion_tokens": 400, "include_reasoning": False}
    return b"".join(jsonl.request_line(f"r{i}", body) for i in range(n)) + extra


@pytest.fixture
def dev_emulator(emulator_factory: Any) -> Any:
    return emulator_factory(plan="developer", time_scale=3600.0)


def _wait_finished(api: BatchApi, batch_id: str, qtbot: Any = None) -> Any:
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = api.get(batch_id)
        if status.finished:
            return status
        time.sleep(0.02)  # polling an HTTP server: no event to wait on
    raise AssertionError("the batch never finished")


def test_upload_create_poll_and_download(dev_emulator: Any) -> None:
    api = _api(dev_emulator)
    file_id = api.upload(_content(5))
    created = api.create(file_id, jsonl.CHAT_URL, "24h")
    assert created.status == "validating" and created.total == 5 and created.expires_at > created.created_at
    done = _wait_finished(api, created.id)
    assert done.status == "completed" and done.completed == 5 and done.error_file_id is None
    results = merge.merge_files(api.content(done.output_file_id))
    assert sorted(results) == [f"r{i}" for i in range(5)] and all(r.ok and r.output for r in results.values())
    api.delete_file(file_id)
    with pytest.raises(Exception, match="not found"):
        api.content(file_id)


def test_validation_of_create_and_lines(dev_emulator: Any) -> None:
    api = _api(dev_emulator)
    file_id = api.upload(_content(2, b'not json\n{"custom_id": "r0", "method": "POST", "url": "/v1/chat/completions", "body": {}}\n'))
    with pytest.raises(BadRequestError, match="completion_window"):
        api.create(file_id, jsonl.CHAT_URL, "1h")
    with pytest.raises(BadRequestError, match="endpoint"):
        api.create(file_id, "/v1/embeddings", "24h")
    with pytest.raises(BadRequestError, match="input_file_id"):
        api.create("file_nope", jsonl.CHAT_URL, "24h")
    response = requests.post(dev_emulator.base_url + "/openai/v1/files", headers={"Authorization": f"Bearer {TEST_KEY}"},
                             data={"purpose": "fine-tune"}, files={"file": ("x.jsonl", b"{}")}, timeout=5)
    assert response.status_code == 400 and "purpose" in response.json()["error"]["message"]
    done = _wait_finished(api, api.create(file_id, jsonl.CHAT_URL, "7d").id)
    assert done.status == "completed" and done.completed == 2 and done.failed == 2
    errors = [json.loads(line) for line in api.content(done.error_file_id).splitlines()]
    messages = sorted(e["error"]["message"] for e in errors)
    assert messages[0].startswith("Line 3: not valid JSON") and "duplicate custom_id" in messages[1]


def test_per_line_failures_and_expiry_keep_partial_results(dev_emulator: Any) -> None:
    dev_emulator.batches.settings.fail_every = 3
    dev_emulator.batches.settings.expire_after_lines = 6
    api = _api(dev_emulator)
    done = _wait_finished(api, api.create(api.upload(_content(10)), jsonl.CHAT_URL, "24h").id)
    assert done.status == "expired"
    merged = merge.merge_files(api.content(done.output_file_id), api.content(done.error_file_id))
    assert sorted(k for k, r in merged.items() if r.ok) == ["r0", "r1", "r3", "r4"]
    assert sorted(k for k, r in merged.items() if r.expired) == ["r6", "r7", "r8", "r9"]
    assert done.completed == 4 and done.failed == 6


def test_cancel_and_list_with_cursor(dev_emulator: Any) -> None:
    dev_emulator.batches.settings.seconds_per_line = 3600.0  # one line a second at this scale
    api = _api(dev_emulator)
    file_id = api.upload(_content(50))
    ids = [api.create(file_id, jsonl.CHAT_URL, "24h").id for _ in range(3)]
    first, more = api.list(limit=2)
    second, more2 = api.list(after=first[-1].id, limit=2)
    assert more and not more2 and sorted(b.id for b in first + second) == sorted(ids)
    cancelling = api.cancel(ids[0])
    assert cancelling.status == "cancelling"
    done = _wait_finished(api, ids[0])
    assert done.status == "cancelled" and done.error_file_id is not None


def test_free_plan_refuses_batches(emulator: Any) -> None:
    api = _api(emulator)
    with pytest.raises(PermissionDeniedError, match="free tier"):
        api.create(api.upload(_content(1)), jsonl.CHAT_URL, "24h")
