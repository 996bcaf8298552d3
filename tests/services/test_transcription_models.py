"""Speech models by what they are: defaults and translation from the catalogue, gone models fall back, tiers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.services import transcription
from groq_desktop.services.transcription import TranscriptionOptions, default_model, translation_model
from tests.services import test_transcription_service as base
from tests.services.test_transcription_service import close, finished, make_service, run, wait_for

services = base.services
audio_dir = base.audio_dir


def test_speech_models_and_translation_come_from_the_catalogue() -> None:
    catalogue = shipped_catalogue()
    assert set(transcription.MODELS) == {f.id for f in catalogue.of_kind(ModelKind.SPEECH_TO_TEXT)}
    assert {
        m for m in transcription.MODELS if catalogue.facts(m).can("translation")  # type: ignore[union-attr]
    } == transcription.TRANSLATION_MODELS
    # The default follows the catalogue's preference among what is offered.
    first, *rest = catalogue.preferences[ModelKind.SPEECH_TO_TEXT]
    assert TranscriptionOptions().model == default_model() == first
    assert default_model(rest) == rest[0]
    assert translation_model() in transcription.TRANSLATION_MODELS


def test_a_gone_speech_model_falls_back_to_its_replacement(services: Any, audio_dir: Path) -> None:
    services.registry.refresh(force=True)
    service = make_service(services)
    gone = "distil-whisper-large-v3-en"  # retired; the catalogue names its successor
    options, notes = service.usable_options(TranscriptionOptions(model=gone))
    expected = shipped_catalogue().replacement_for(gone)
    assert options.model == expected and notes and gone in notes[0] and f"Continue with {expected}" in notes[0]
    assert service.usable_options(TranscriptionOptions(model=expected))[1] == []

    async def scenario() -> Any:
        [info] = await service.add([audio_dir / "short.mp3"], TranscriptionOptions(model=gone))
        await wait_for(service, finished(service, info.id))
        job = service.job(info.id)
        await close(service, services)
        return job

    job = run(scenario())
    assert job.options.model == expected and job.phase.name == "DONE"


def test_the_service_tier_is_sent_on_paid_plans_only(services: Any, audio_dir: Path) -> None:
    sent: list[Any] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(services.client, name)

        def transcribe(self, *args: Any, **kwargs: Any) -> Any:
            sent.append(kwargs.get("service_tier"))
            return services.client.transcribe(*args, **kwargs)

    service = make_service(services, client=Spy())
    options = TranscriptionOptions(service_tier="flex")

    async def scenario() -> None:
        for plan in ("free", "developer"):
            services.limiter.set_plan(plan)
            [info] = await service.add([audio_dir / "short.mp3"], options)
            await wait_for(service, finished(service, info.id))
        await close(service, services)

    run(scenario())
    assert sent == [None, "flex"]
    assert TranscriptionOptions(service_tier="premium").problems()
