"""BulkService against the emulator: live mode (background priority, pause, restart), batch mode
(upload/create/poll/merge, restart mid-batch, expiry with partial results, cancel, free-plan refusal)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from groq_desktop.app.composition import Services, build_services
from groq_desktop.core.bulk.inputs import BulkInput
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.core.config import load_config
from groq_desktop.core.quota.scheduler import JobState, Priority, Scheduler
from groq_desktop.core.store.bulk_records import BulkJobRecord
from groq_desktop.services.bulk import BatchUnavailableError, BulkEvent, BulkService, PollPolicy
from tests.conftest import TEST_KEY

T = TypeVar("T")
FAST_POLL = PollPolicy(first=0.02, factor=1.5, maximum=0.1)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 30))


def chat_model() -> str:
    catalogue = shipped_catalogue()
    return catalogue.preferred(ModelKind.CHAT, catalogue.models) or ""


def rows(n: int) -> list[BulkInput]:
    return [BulkInput(f"row-{i}", {"text": f"ticket number {i}", "file_name": f"t{i}.txt"}) for i in range(n)]


def job(**overrides: Any) -> BulkJobRecord:
    values: dict[str, Any] = {"model": chat_model(), "template": "Classify: {{text}} ({{file_name}})",
                              "system_prompt": "Answer in one word.", "name": "tickets",
                              "params": {"max_completion_tokens": 300, "include_reasoning": False}}
    values.update(overrides)
    return BulkJobRecord(**values)


def build(base_url: str, plan: str) -> Services:
    return build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": base_url, "GROQ_MAX_RETRIES": "0",
                                       "GROQ_PLAN": plan, "GROQ_TIME_SCALE": "60"}))


@pytest.fixture
def dev(emulator_factory: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[Any, Services]]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    server = emulator_factory(plan="developer", time_scale=3600.0, tokens_per_second=5000.0)
    services = build(server.base_url, "developer")
    services.bulk.poll = FAST_POLL
    yield server, services
    services.close()


@pytest.fixture
def free(emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[Any, Services]]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    services = build(emulator.base_url, "free")
    yield emulator, services
    services.close()


def test_batch_upload_create_poll_merge(dev: tuple[Any, Services]) -> None:
    server, services = dev
    bulk = services.bulk
    finished: list[tuple[str, str]] = []
    bulk.on_finished = lambda title, text: finished.append((title, text))

    async def go() -> None:
        record = bulk.create_job(job(), rows(30))
        batches = await bulk.submit_batch(record.id)
        assert len(batches) == 1 and batches[0].total == 30
        assert bulk.storage.count_bulk_rows(record.id, statuses=("batched",)) == 30
        await bulk.wait(record.id)
        progress = bulk.progress(record.id)
        assert progress.job.status == "done" and progress.rows.count("done") == 30
        stored = bulk.storage.bulk_rows(record.id)
        assert [r.custom_id for r in stored] == [f"row-{i}" for i in range(30)]  # input order, whatever Groq's
        assert all(r.output and r.request_id and r.cost > 0 for r in stored)
        live_price = bulk._cost(record.model, stored[0].prompt_tokens, stored[0].completion_tokens, 1.0)
        assert stored[0].cost == pytest.approx(live_price * 0.5)
        assert finished and "30 done" in finished[0][1]

    run(go())


def test_batch_split_into_several_when_over_the_line_limit(dev: tuple[Any, Services], monkeypatch: pytest.MonkeyPatch) -> None:
    from groq_desktop.core.bulk import jsonl

    _, services = dev
    monkeypatch.setattr(jsonl, "MAX_LINES", 4)
    monkeypatch.setattr(jsonl.split_lines, "__defaults__", (4, jsonl.MAX_BYTES))

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(10))
        batches = await services.bulk.submit_batch(record.id)
        assert [b.total for b in batches] == [4, 4, 2]
        await services.bulk.wait(record.id)
        assert services.bulk.progress(record.id).rows.count("done") == 10

    run(go())


def test_restart_in_the_middle_of_a_batch(dev: tuple[Any, Services]) -> None:
    server, services = dev
    server.batches.settings.seconds_per_line = 3600.0 * 0.05  # 20 rows take about a second

    async def first_run() -> int:
        record = services.bulk.create_job(job(), rows(20))
        await services.bulk.submit_batch(record.id)
        await services.bulk.aclose()  # the app quits while Groq works
        return record.id

    job_id = run(first_run())
    assert services.bulk.storage.get_bulk_job(job_id).status == "batch"
    # A new service on the same database, as after a restart.
    again = BulkService(services.client, services.scheduler, services.limiter, services.storage,
                        services.token_counter, services.bulk.batch_api, poll=FAST_POLL)

    async def second_run() -> None:
        assert await again.resume() == [job_id]
        await again.wait(job_id)

    run(second_run())
    progress = again.progress(job_id)
    assert progress.job.status == "done" and progress.rows.count("done") == 20


def test_expiry_keeps_completed_rows_and_resubmits_the_rest(dev: tuple[Any, Services]) -> None:
    server, services = dev
    server.batches.settings.expire_after_lines = 6
    server.batches.settings.fail_every = 5
    events: list[BulkEvent] = []
    services.bulk.subscribe(events.append)

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(12))
        await services.bulk.submit_batch(record.id)
        await services.bulk.wait(record.id)
        progress = services.bulk.progress(record.id).rows
        assert (progress.count("done"), progress.count("failed"), progress.count("expired")) == (5, 1, 6)
        assert any(e.kind == "finished" and "6 not run" in e.message for e in events)
        server.batches.settings.expire_after_lines = None
        server.batches.settings.fail_every = 0
        again = await services.bulk.resubmit_rest(record.id)
        assert again[0].total == 7
        await services.bulk.wait(record.id)
        assert services.bulk.progress(record.id).rows.count("done") == 12

    run(go())


def test_cancel_a_batch_keeps_what_finished(dev: tuple[Any, Services]) -> None:
    server, services = dev
    server.batches.settings.seconds_per_line = 3600.0 * 0.2

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(40))
        await services.bulk.submit_batch(record.id)
        await services.bulk.cancel(record.id)
        assert services.bulk.storage.bulk_batches(record.id)[0].status == "cancelling"
        await services.bulk.wait(record.id)
        progress = services.bulk.progress(record.id)
        assert progress.job.status == "cancelled" and progress.batches[0].status == "cancelled"
        assert progress.rows.count("cancelled") > 0 and progress.rows.count("batched") == 0

    run(go())


def test_free_plan_refuses_batches_and_live_still_works(free: tuple[Any, Services]) -> None:
    server, services = free

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(3))
        assert "free plan" in (services.bulk.batch_refusal() or "")
        with pytest.raises(BatchUnavailableError, match="free plan"):
            await services.bulk.submit_batch(record.id)
        # The plan set wrongly in the app: Groq's own refusal says the same.
        services.limiter.set_plan("developer")
        with pytest.raises(BatchUnavailableError, match="free tier"):
            await services.bulk.submit_batch(record.id)
        assert services.bulk.storage.count_bulk_rows(record.id, statuses=("pending",)) == 3
        services.bulk.start_live(record.id)
        await services.bulk.wait(record.id)
        assert services.bulk.progress(record.id).rows.count("done") == 3

    run(go())


def test_live_rows_run_at_background_priority_and_chat_wins(free: tuple[Any, Services]) -> None:
    _, services = free
    priorities: list[Priority] = []
    services.scheduler.subscribe(lambda info: priorities.append(info.priority) if info.state is JobState.QUEUED else None)

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(4))
        services.bulk.start_live(record.id)
        await services.bulk.wait(record.id)

    run(go())
    assert priorities and set(priorities) == {Priority.BACKGROUND}


def test_live_pause_resume_and_restart(free: tuple[Any, Services]) -> None:
    server, services = free
    bulk = services.bulk
    bulk.window = 2

    async def go() -> int:
        record = bulk.create_job(job(), rows(12))
        done = asyncio.Event()
        bulk.subscribe(lambda e: done.set() if bulk.progress(record.id).rows.count("done") >= 2 else None)
        bulk.start_live(record.id)
        await done.wait()
        await bulk.pause(record.id)
        paused = bulk.progress(record.id)
        assert paused.job.status == "paused" and paused.rows.count("running") == 0
        assert 2 <= paused.rows.count("done") < 12 and paused.rows.count("pending") > 0
        requests_at_pause = server.stats.requests
        await asyncio.sleep(0.2)  # paused means nothing is sent, however long it lasts
        assert server.stats.requests == requests_at_pause
        bulk.resume_job(record.id)
        reached = asyncio.Event()
        bulk.subscribe(lambda e: reached.set() if bulk.progress(record.id).rows.count("done") >= 6 else None)
        await reached.wait()
        await bulk.aclose()  # the app quits mid-job
        return record.id

    job_id = run(go())
    middle = bulk.progress(job_id)
    assert middle.job.status == "running" and middle.rows.count("done") < 12
    # A restart: a new scheduler and service on the same database.
    again = BulkService(services.client, Scheduler(services.limiter), services.limiter, services.storage,
                        services.token_counter, bulk.batch_api)

    async def restart() -> None:
        assert await again.resume() == [job_id]
        await again.wait(job_id)

    run(restart())
    final = again.progress(job_id)
    assert final.job.status == "done" and final.rows.count("done") == 12
    assert len({r.request_id for r in again.storage.bulk_rows(job_id)}) == 12


def test_estimate_and_dry_run(free: tuple[Any, Services]) -> None:
    _, services = free
    spec = job()
    inputs = rows(5)
    estimate = services.bulk.estimate(spec, inputs)
    assert estimate.requests == 5 and estimate.input_tokens > 0 and estimate.live_seconds > 0
    assert estimate.batch_cost == pytest.approx(estimate.live_cost * 0.5)
    results = run(services.bulk.dry_run(spec, inputs))
    assert [r.custom_id for r in results] == ["row-0", "row-1", "row-2"] and all(r.status == "done" for r in results)
    assert services.storage.list_bulk_jobs() == []


def test_results_are_searchable_retryable_and_exported(free: tuple[Any, Services], tmp_path: Path) -> None:
    import csv
    import json

    from groq_desktop.services.bulk import export_job

    server, services = free
    storage = services.storage

    async def go() -> int:
        record = services.bulk.create_job(job(), rows(4))
        server.inject("http_500", times=1, path_contains="chat")
        services.bulk.window = 1
        services.bulk.start_live(record.id)
        await services.bulk.wait(record.id)
        assert storage.count_bulk_rows(record.id, statuses=("failed",)) == 1
        assert storage.count_bulk_rows(record.id, search="ticket number 3") == 1
        assert services.bulk.retry_failed_live(record.id) == 1
        await services.bulk.wait(record.id)
        return record.id

    job_id = run(go())
    assert storage.count_bulk_rows(job_id, statuses=("done",)) == 4
    for fmt in ("csv", "jsonl", "md"):
        assert export_job(storage, job_id, fmt, tmp_path / f"out.{fmt}") == 4
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["id"] for r in table] == ["row-0", "row-1", "row-2", "row-3"] and table[0]["input.text"] == "ticket number 0"
    assert json.loads((tmp_path / "out.jsonl").read_text().splitlines()[2])["status"] == "done"
    assert (tmp_path / "out.md").read_text().startswith("| id | input.text | input.file_name | status |")


def test_polling_is_polite_and_backs_off_while_nothing_changes(dev: tuple[Any, Services]) -> None:
    policy = PollPolicy()
    assert 60 / policy.first <= 4  # a few calls a minute at most
    delays = [policy.first]
    for _ in range(12):
        delays.append(policy.next(delays[-1], changed=False))
    assert delays[:3] == [15.0, 22.5, 33.75] and delays[-1] == policy.maximum
    assert policy.next(delays[-1], changed=True) == policy.first
    # Against the emulator: a batch that takes a while is asked about less and less often.
    server, services = dev
    server.batches.settings.validating_seconds = 3600.0  # about a second of nothing changing
    services.bulk.poll = PollPolicy(first=0.05, factor=2.0, maximum=0.4)
    calls: list[str] = []
    original = services.bulk.batch_api.get
    services.bulk.batch_api.get = lambda batch_id: calls.append(batch_id) or original(batch_id)  # type: ignore[method-assign]

    async def go() -> None:
        record = services.bulk.create_job(job(), rows(1))
        await services.bulk.submit_batch(record.id)
        await services.bulk.wait(record.id)

    run(go())
    assert 2 <= len(calls) <= 10  # every 50 ms without backoff would be about 20
