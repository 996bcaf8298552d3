"""The composition root: builds every service once and hands each window what it needs.

Qt-free on purpose, so benchmarks and integration tests build exactly what the app builds.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from groq_desktop.core import paths
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.api.types import RequestRecord
from groq_desktop.core.bulk.batch_api import BatchApi
from groq_desktop.core.config import AppConfig, ClientConfig
from groq_desktop.core.logging_setup import log_request
from groq_desktop.core.model_registry import ModelRegistry
from groq_desktop.core.quota.headers import RateLimitHeaders
from groq_desktop.core.quota.learned import FILE_NAME as LEARNED_LIMITS_FILE
from groq_desktop.core.quota.learned import LearnedLimits, account_key
from groq_desktop.core.quota.limits import LimitTable
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.quota.scheduler import Scheduler
from groq_desktop.core.request_context import current_request
from groq_desktop.core.secrets import KeyStore, Secret
from groq_desktop.core.store.storage import Storage, UsageRecord
from groq_desktop.core.token_counter import TokenCounter
from groq_desktop.services.bulk import BulkService
from groq_desktop.services.chat import ChatService
from groq_desktop.services.transcription import TranscriptionService
from groq_desktop.services.voice import VoiceService

if TYPE_CHECKING:
    from groq_desktop.emulator import EmulatorServer

log = logging.getLogger(__name__)


@dataclass
class Services:
    config: AppConfig
    key_store: KeyStore
    client: GroqApiClient
    limiter: RateLimiter
    scheduler: Scheduler
    registry: ModelRegistry
    token_counter: TokenCounter
    storage: Storage
    limit_table: LimitTable
    limits_path: Path
    chat: ChatService
    transcription: TranscriptionService
    bulk: BulkService
    emulator: EmulatorServer | None = None
    voice: VoiceService | None = None

    @property
    def demo(self) -> bool:
        return self.emulator is not None

    def close(self) -> None:
        self.chat.close()
        self.transcription.shutdown()
        self.bulk.batch_api.close()
        self.client.close()
        self.storage.close()
        if self.emulator is not None:
            self.emulator.stop()


def build_services(config: AppConfig, *, key_store: KeyStore | None = None) -> Services:
    """Everything the app runs on. With no key, a built-in emulator stands in for Groq (demo mode)."""
    key_store = key_store or KeyStore()
    limits_path = paths.limits_path()
    limit_table = LimitTable.load(limits_path)
    # Demo conversations and the emulator's model list never mix with a real account's.
    suffix = "-demo" if config.demo else ""
    # Opened before anything is started, so a bad database stops nothing half-built.
    storage = Storage(paths.database_path(config.demo))
    try:
        # Undo of a delete lasts for the session that deleted it.
        storage.purge_deleted(older_than=time.time())
        interrupted = storage.mark_interrupted()
    except BaseException:
        storage.close()
        raise
    if interrupted:
        log.warning("%d replies were cut off when the app last stopped; they are marked incomplete", interrupted)
    emulator: EmulatorServer | None = None
    client_config = config.client
    time_scale = config.time_scale
    if config.demo:
        # A live start never loads the emulator.
        from groq_desktop.emulator import EmulatorConfig, EmulatorServer

        time_scale = config.demo_time_scale
        demo_key = "gsk_demo_" + secrets.token_hex(12)
        emulator = EmulatorServer(EmulatorConfig(plan=config.plan, time_scale=time_scale, api_key=demo_key)).start()
        client_config = ClientConfig(
            api_key=Secret(demo_key),
            base_url=emulator.base_url,
            timeout=config.client.timeout,
            max_retries=config.client.max_retries,
        )
        log.info("demo mode: built-in emulator at %s (a minute passes in %.1f s)", emulator.base_url, 60 / time_scale)

    # What refusals taught about this account's limits; the demo's emulator is an account of its own.
    learned = LearnedLimits(
        limits_path.parent / LEARNED_LIMITS_FILE,
        "demo" if config.demo else account_key(client_config.api_key.reveal()),
    )
    limiter = RateLimiter(limit_table, config.plan, time_scale=time_scale, learned=learned)

    def on_rate_limits(model: str, headers: RateLimitHeaders) -> None:
        limiter.observe_headers(model, headers)

    def on_request(record: RequestRecord) -> None:
        usage = record.usage
        context = current_request.get()
        log_request(
            log,
            model=record.model or "-",
            status=record.status,
            request_id=record.request_id,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            audio_seconds=record.audio_seconds,
            total_time=record.elapsed,
            wait_reason=context.wait_reason if context else None,
        )
        if record.endpoint == "models":
            return
        storage.log_usage(
            UsageRecord(
                at=record.started_at,
                model=record.model,
                kind=record.endpoint,
                status=record.status,
                request_id=record.request_id,
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                audio_seconds=record.audio_seconds,
                queue_time=usage.queue_time if usage else None,
                total_time=record.elapsed,
                ttft=record.ttft,
                error_code=record.error_code,
                wait_seconds=context.waited_seconds if context else 0.0,
                cached_tokens=usage.cached_tokens if usage else 0,
                characters=record.characters,
            )
        )

    client = GroqApiClient(client_config, on_rate_limits=on_rate_limits, on_request=on_request)
    registry = ModelRegistry(client.list_models, paths.cache_dir() / f"models{suffix}.json")
    scheduler = Scheduler(limiter, probe_unadvertised=True)
    token_counter = TokenCounter()
    upload_limit = emulator.config.max_upload_bytes if emulator is not None else None
    voice = VoiceService(client, scheduler, limiter, registry, limit_table=limit_table, plan=config.plan)
    return Services(
        config=config,
        key_store=key_store,
        client=client,
        limiter=limiter,
        scheduler=scheduler,
        registry=registry,
        token_counter=token_counter,
        storage=storage,
        limit_table=limit_table,
        limits_path=limits_path,
        chat=ChatService(client, scheduler, limiter, token_counter, storage, registry),
        transcription=TranscriptionService(
            client, scheduler, limiter, storage, registry, **({"max_upload_bytes": upload_limit} if upload_limit else {})
        ),
        bulk=BulkService(client, scheduler, limiter, storage, token_counter, BatchApi(client_config)),
        emulator=emulator,
        voice=voice,
    )
