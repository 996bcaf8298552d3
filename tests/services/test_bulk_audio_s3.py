"""Bulk audio through the Batch API: local files staged in an S3 bucket (moto's server on loopback)
and passed as presigned URLs valid for the batch window; URL lists go straight in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from groq_desktop.core.bulk.inputs import from_urls
from groq_desktop.core.bulk.s3 import S3Settings, S3Staging
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.store.bulk_records import BulkJobRecord
from groq_desktop.services.bulk import stage_audio
from tests.services.test_bulk_service import FAST_POLL, build

KEYS = {"access_key_id": "testing", "secret_access_key": "testing"}


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{server._server.server_port}"
    boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing",
                 aws_secret_access_key="testing").create_bucket(Bucket="audio")
    yield url
    server.stop()


def _speech_model() -> str:
    catalogue = shipped_catalogue()
    return catalogue.preferred(ModelKind.SPEECH_TO_TEXT, catalogue.models) or ""


def test_presigned_urls_are_fetchable_and_valid_for_the_window(s3_server: str, tmp_path: Path) -> None:
    audio = tmp_path / "episode 1.mp3"
    audio.write_bytes(b"ID3" + bytes(range(256)) * 40)
    staging = S3Staging(S3Settings("audio", endpoint_url=s3_server, region="us-east-1", **KEYS))
    [row] = stage_audio([audio], staging, window="48h")
    assert row.fields["file_name"] == "episode 1.mp3"
    query = parse_qs(urlsplit(row.fields["url"]).query)
    assert query["X-Amz-Expires"] == [str(48 * 3600 + 3600)]
    fetched = requests.get(row.fields["url"], timeout=10)
    assert fetched.status_code == 200 and fetched.content == audio.read_bytes()
    [week] = stage_audio([audio], staging, window="7d")
    assert parse_qs(urlsplit(week.fields["url"]).query)["X-Amz-Expires"] == [str(7 * 24 * 3600)]  # SigV4's cap


def test_transcription_batch_from_staged_and_listed_urls(
    s3_server: str, emulator_factory: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    emulator = emulator_factory(plan="developer", time_scale=3600.0)
    services = build(emulator.base_url, "developer")
    services.bulk.poll = FAST_POLL
    try:
        (tmp_path / "a.wav").write_bytes(b"RIFF" + b"\0" * 100)
        staging = S3Staging(S3Settings("audio", endpoint_url=s3_server, region="us-east-1", **KEYS))
        inputs = stage_audio([tmp_path / "a.wav"], staging) + from_urls(["https://example.com/feed/ep2.mp3"])
        record = services.bulk.create_job(
            BulkJobRecord(model=_speech_model(), kind="transcription", params={"response_format": "json"}), inputs)

        async def go() -> None:
            await services.bulk.submit_batch(record.id)
            await services.bulk.wait(record.id)

        asyncio.run(asyncio.wait_for(go(), 30))
        stored = services.storage.bulk_rows(record.id)
        assert [r.status for r in stored] == ["done", "done"] and all(r.output for r in stored)
        assert stored[0].fields["url"].startswith(s3_server)
    finally:
        services.close()
