"""Deleting a bulk job: a running live job stops, a batch still open at Groq is cancelled, and the job
goes with its rows, results and batches."""

from __future__ import annotations

import asyncio
from typing import Any

from groq_desktop.app.composition import Services
from groq_desktop.services.bulk import BulkEvent
from tests.services.test_bulk_service import dev, free, job, rows, run  # noqa: F401 - fixtures


def test_deleting_a_batch_job_cancels_its_open_batch_and_removes_everything(dev: tuple[Any, Services]) -> None:  # noqa: F811
    server, services = dev
    server.batches.settings.seconds_per_line = 3600.0 * 0.5  # still in progress when deleted
    bulk = services.bulk
    events: list[BulkEvent] = []
    bulk.subscribe(events.append)

    async def go() -> str:
        keep = bulk.create_job(job(name="keep"), rows(2))
        record = bulk.create_job(job(), rows(10))
        [batch] = await bulk.submit_batch(record.id)
        await bulk.delete_job(record.id)
        assert record.id not in bulk._pollers  # no polling of a job that is gone
        assert [j.id for j in bulk.storage.list_bulk_jobs()] == [keep.id]
        assert bulk.storage.bulk_rows(record.id) == [] and bulk.storage.bulk_batches(record.id) == []
        assert ("deleted", record.id) in [(e.kind, e.job_id) for e in events]
        return batch.id

    batch_id = run(go())
    assert bulk.batch_api.get(batch_id).status in ("cancelling", "cancelled")


def test_deleting_a_running_live_job_stops_it(free: tuple[Any, Services]) -> None:  # noqa: F811
    server, services = free
    bulk = services.bulk
    bulk.window = 2

    async def go() -> None:
        record = bulk.create_job(job(), rows(12))
        started = asyncio.Event()
        bulk.subscribe(lambda e: started.set() if e.kind == "progress" else None)
        bulk.start_live(record.id)
        await started.wait()
        await bulk.delete_job(record.id)
        assert bulk.storage.get_bulk_job(record.id) is None and bulk.storage.bulk_rows(record.id) == []
        assert record.id not in bulk._live
        sent = server.stats.requests
        await asyncio.sleep(0.3)  # stopped means nothing more is sent
        assert server.stats.requests == sent
        await bulk.delete_job(record.id)  # already gone: nothing to do

    run(go())
