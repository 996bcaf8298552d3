from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.core import model_registry
from groq_desktop.core.model_registry import ModelCategory, ModelInfo, ModelRegistry, categorise

C = ModelCategory


def raw_model(model_id: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": model_id,
        "object": "model",
        "created": 1_700_000_000,
        "owned_by": "Groq",
        "active": True,
        "context_window": 131072,
        "max_completion_tokens": 32768,
    }
    entry.update(extra)
    return entry


class FakeClock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeFetch:
    def __init__(self, *lists: list[dict[str, Any]]) -> None:
        self.lists = list(lists)
        self.calls = 0

    def __call__(self) -> list[dict[str, Any]]:
        self.calls += 1
        return self.lists[min(self.calls, len(self.lists)) - 1]


def failing_fetch() -> list[dict[str, Any]]:
    raise ConnectionError("offline")


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "models.json"


# --- categories ------------------------------------------------------------------------------

METADATA_CASES = [
    (
        raw_model("some-new-voice", input_modalities=["text"], output_modalities=["audio"]),
        (C.TEXT_TO_SPEECH,),
    ),
    (
        raw_model("some-new-ears", input_modalities=["audio"], output_modalities=["text"]),
        (C.SPEECH_TO_TEXT,),
    ),
    (
        raw_model(
            "mystery-thinker",
            input_modalities=["text"],
            output_modalities=["text"],
            supported_features=["reasoning", "tools"],
        ),
        (C.CHAT, C.REASONING, C.TOOL_USE),
    ),
    (
        raw_model(
            "plain-model",
            input_modalities=["text"],
            output_modalities=["text"],
            supported_features=["function_calling"],
        ),
        (C.CHAT, C.TOOL_USE),
    ),
    # Metadata wins over the id: a "llama" that declares no tools gets none.
    (
        raw_model(
            "llama-text-only",
            input_modalities=["text"],
            output_modalities=["text"],
            supported_features=["json_mode"],
        ),
        (C.CHAT,),
    ),
    (
        raw_model(
            "meta-llama/llama-guard-4-12b",
            input_modalities=["text", "image"],
            output_modalities=["text"],
            supported_features=["json_mode"],
        ),
        (C.SAFETY,),
    ),
]

# Without Groq's metadata, what a model is comes from the shipped catalogue (never from its id):
# a retired id is the kind of its replacement, an id the catalogue does not know is a plain chat model.
CATALOGUE_CASES = [
    ("whisper-large-v3", (C.SPEECH_TO_TEXT,)),
    ("whisper-large-v3-turbo", (C.SPEECH_TO_TEXT,)),
    ("canopylabs/orpheus-v1-english", (C.TEXT_TO_SPEECH,)),
    ("playai-tts", (C.TEXT_TO_SPEECH,)),
    ("openai/gpt-oss-120b", (C.CHAT, C.REASONING, C.TOOL_USE)),
    ("qwen/qwen3.8-27b", (C.CHAT, C.REASONING, C.TOOL_USE, C.VISION)),
    ("llama-3.1-8b-instant", (C.CHAT,)),
    ("meta-llama/llama-guard-4-12b", (C.SAFETY,)),
    ("meta-llama/llama-prompt-guard-2-86m", (C.SAFETY,)),
    ("openai/gpt-oss-safeguard-20b", (C.SAFETY,)),
    ("whisper-something-new", (C.CHAT,)),
    ("allam-2-7b", (C.CHAT,)),
]


@pytest.mark.parametrize(("raw", "expected"), METADATA_CASES, ids=[c[0]["id"] for c in METADATA_CASES])
def test_categories_from_metadata(raw: dict[str, Any], expected: tuple[ModelCategory, ...]) -> None:
    assert categorise(raw) == expected


@pytest.mark.parametrize(("model_id", "expected"), CATALOGUE_CASES, ids=[c[0] for c in CATALOGUE_CASES])
def test_categories_from_catalogue_when_metadata_is_missing(
    model_id: str, expected: tuple[ModelCategory, ...]
) -> None:
    assert categorise(raw_model(model_id)) == expected


def test_model_info_properties() -> None:
    v3 = ModelInfo.from_raw(raw_model("whisper-large-v3"))
    turbo = ModelInfo.from_raw(raw_model("whisper-large-v3-turbo"))
    chat = ModelInfo.from_raw(raw_model("openai/gpt-oss-20b"))
    assert v3.is_transcription and v3.supports_translation and not v3.is_chat
    assert turbo.is_transcription and not turbo.supports_translation
    assert chat.is_chat and not chat.is_transcription and not chat.supports_translation
    assert chat.context_window == 131072 and chat.max_completion_tokens == 32768


def test_raw_is_not_part_of_equality() -> None:
    a = ModelInfo.from_raw(raw_model("llama-3.1-8b-instant", public_apps=None))
    b = ModelInfo.from_raw(raw_model("llama-3.1-8b-instant", public_apps={"x": 1}))
    assert a == b and hash(a) == hash(b)


# --- fetching and staleness ------------------------------------------------------------------


def test_fetches_only_when_stale(cache_path: Path) -> None:
    clock = FakeClock()
    fetch = FakeFetch([raw_model("llama-3.1-8b-instant")])
    registry = ModelRegistry(fetch, cache_path, ttl=300.0, clock=clock)
    assert registry.is_stale and registry.last_refreshed is None

    registry.refresh()
    assert fetch.calls == 1
    assert registry.last_refreshed == clock.now and not registry.is_stale

    clock.now += 299.0
    registry.refresh()
    assert fetch.calls == 1

    registry.refresh(force=True)
    assert fetch.calls == 2

    clock.now += 300.0
    assert registry.is_stale
    registry.refresh()
    assert fetch.calls == 3


def test_clock_set_backwards_counts_as_stale(cache_path: Path) -> None:
    clock = FakeClock()
    registry = ModelRegistry(FakeFetch([raw_model("a")]), cache_path, clock=clock)
    registry.refresh()
    clock.now -= 3600
    assert registry.is_stale


def test_accessors_sort_and_filter(cache_path: Path) -> None:
    fetch = FakeFetch(
        [
            raw_model("whisper-large-v3-turbo"),
            raw_model("llama-3.1-8b-instant"),
            raw_model("whisper-large-v3"),
            raw_model("playai-tts"),
            raw_model("old-chat", active=False),
        ]
    )
    registry = ModelRegistry(fetch, cache_path, clock=FakeClock())
    models = registry.refresh()
    assert [m.id for m in models] == sorted(m.id for m in models)
    assert [m.id for m in registry.chat_models()] == ["llama-3.1-8b-instant"]
    assert [m.id for m in registry.transcription_models()] == ["whisper-large-v3", "whisper-large-v3-turbo"]
    model = registry.get("playai-tts")
    assert model is not None and model.categories == (C.TEXT_TO_SPEECH,)
    assert registry.get("nope") is None


def test_accepts_the_whole_response_body(cache_path: Path) -> None:
    registry = ModelRegistry(
        lambda: {"object": "list", "data": [raw_model("a")]},  # type: ignore[arg-type,return-value]
        cache_path,
        clock=FakeClock(),
    )
    assert [m.id for m in registry.refresh()] == ["a"]


# --- disk cache and offline start ------------------------------------------------------------


def test_offline_start_serves_the_disk_cache(cache_path: Path) -> None:
    clock = FakeClock()
    first = ModelRegistry(
        FakeFetch([raw_model("llama-3.1-8b-instant"), raw_model("whisper-large-v3")]), cache_path, clock=clock
    )
    first.refresh()

    clock.now += 10_000
    offline = ModelRegistry(failing_fetch, cache_path, clock=clock)
    assert [m.id for m in offline.models()] == ["llama-3.1-8b-instant", "whisper-large-v3"]
    assert offline.last_refreshed == clock.now - 10_000
    assert offline.is_stale
    with pytest.raises(ConnectionError):
        offline.refresh()
    assert [m.id for m in offline.models()] == ["llama-3.1-8b-instant", "whisper-large-v3"]
    assert offline.get("whisper-large-v3") is not None


def test_no_cache_and_no_network_gives_an_empty_list(cache_path: Path) -> None:
    registry = ModelRegistry(failing_fetch, cache_path, clock=FakeClock())
    with pytest.raises(ConnectionError):
        registry.refresh()
    assert registry.models() == [] and registry.last_refreshed is None


def test_corrupt_cache_is_ignored(cache_path: Path) -> None:
    cache_path.parent.mkdir(parents=True)
    cache_path.write_text("{not json", encoding="utf-8")
    registry = ModelRegistry(FakeFetch([raw_model("a")]), cache_path, clock=FakeClock())
    assert registry.models() == []
    assert [m.id for m in registry.refresh()] == ["a"]


def test_cache_file_format(cache_path: Path) -> None:
    clock = FakeClock(1234.5)
    fetch = FakeFetch([raw_model("b"), raw_model("a")], [raw_model("a")])
    registry = ModelRegistry(fetch, cache_path, clock=clock)
    registry.refresh()
    registry.refresh(force=True)
    data = json.loads(cache_path.read_text(encoding="utf-8"))
    assert data["fetched_at"] == 1234.5
    assert [m["id"] for m in data["models"]] == ["a"]
    assert [m["id"] for m in data["retired"]] == ["b"]
    assert data["models"][0]["context_window"] == 131072


def test_cache_write_is_atomic(cache_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    fetch = FakeFetch([raw_model("old-model")], [raw_model("new-model")])
    registry = ModelRegistry(fetch, cache_path, clock=clock)
    registry.refresh()
    before = cache_path.read_bytes()

    def crash_before_rename(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(model_registry.os, "replace", crash_before_rename)
    registry.refresh(force=True)
    # The old cache is untouched and no temporary file is left behind.
    assert cache_path.read_bytes() == before
    assert sorted(os.listdir(cache_path.parent)) == [cache_path.name]
    # Memory still has the new list.
    assert registry.get("new-model") is not None


# --- retired models --------------------------------------------------------------------------


def test_models_that_disappear_are_kept_as_retired(cache_path: Path) -> None:
    clock = FakeClock()
    fetch = FakeFetch(
        [raw_model("llama-3.1-8b-instant"), raw_model("mixtral-8x7b-32768")],
        [raw_model("llama-3.1-8b-instant")],
        [raw_model("llama-3.1-8b-instant"), raw_model("mixtral-8x7b-32768")],
    )
    registry = ModelRegistry(fetch, cache_path, clock=clock)
    registry.refresh()
    registry.refresh(force=True)

    gone = registry.get("mixtral-8x7b-32768")
    assert gone is not None and gone.retired
    assert [m.id for m in registry.models(include_retired=False)] == ["llama-3.1-8b-instant"]
    assert [m.id for m in registry.models()] == ["llama-3.1-8b-instant", "mixtral-8x7b-32768"]
    assert [m.id for m in registry.chat_models()] == ["llama-3.1-8b-instant"]

    # Retired survives a restart, through the cache.
    restarted = ModelRegistry(failing_fetch, cache_path, clock=clock)
    restored = restarted.get("mixtral-8x7b-32768")
    assert restored is not None and restored.retired

    # And a model that comes back is no longer retired.
    registry.refresh(force=True)
    back = registry.get("mixtral-8x7b-32768")
    assert back is not None and not back.retired


# --- subscribers and threads -----------------------------------------------------------------


def test_subscribers_hear_only_changes(cache_path: Path) -> None:
    fetch = FakeFetch([raw_model("a")], [raw_model("a")], [raw_model("a"), raw_model("b")])
    registry = ModelRegistry(fetch, cache_path, clock=FakeClock())
    calls: list[int] = []
    unsubscribe = registry.subscribe(lambda: calls.append(len(registry.models())))

    registry.refresh()
    assert calls == [1]
    registry.refresh(force=True)
    assert calls == [1]
    registry.refresh(force=True)
    assert calls == [1, 2]

    unsubscribe()
    fetch.lists.append([raw_model("c")])
    registry.refresh(force=True)
    assert calls == [1, 2]


def test_a_failing_subscriber_does_not_break_refresh(cache_path: Path) -> None:
    registry = ModelRegistry(FakeFetch([raw_model("a")]), cache_path, clock=FakeClock())
    heard: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    registry.subscribe(broken)
    registry.subscribe(lambda: heard.append("ok"))
    assert [m.id for m in registry.refresh()] == ["a"]
    assert heard == ["ok"]


def test_only_one_fetch_at_a_time_and_readers_are_not_blocked(cache_path: Path) -> None:
    started = threading.Event()
    release = threading.Event()
    active = 0
    most_active = 0
    calls = 0
    guard = threading.Lock()

    def slow_fetch() -> list[dict[str, Any]]:
        nonlocal active, most_active, calls
        with guard:
            active += 1
            calls += 1
            most_active = max(most_active, active)
        started.set()
        assert release.wait(timeout=10)
        with guard:
            active -= 1
        return [raw_model("a")]

    registry = ModelRegistry(slow_fetch, cache_path, clock=FakeClock())
    threads = [threading.Thread(target=registry.refresh) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert started.wait(timeout=10)
    # A fetch is in progress; reading does not wait for it.
    assert registry.models() == []
    release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert most_active == 1
    # The callers that waited found the list fresh and did not fetch again.
    assert calls == 1
    assert [m.id for m in registry.models()] == ["a"]


def test_built_in_tools_count_as_tool_use() -> None:
    raw = raw_model("groq/compound", supported_features=["web_search", "code_execution"])
    assert categorise(raw) == (ModelCategory.CHAT, ModelCategory.TOOL_USE)


def test_id_markers_are_gone() -> None:
    names = vars(model_registry)
    assert not [name for name in names if name.endswith("_ID_MARKERS") or name == "TRANSLATION_MODEL_IDS"]


def test_translation_comes_from_the_models_features_before_the_catalogue() -> None:
    told = ModelInfo.from_raw(
        raw_model("whisper-large-v3-turbo", input_modalities=["audio"], output_modalities=["text"],
                  supported_features=["transcription", "translation"])
    )
    assert told.supports_translation


def test_default_chat_model_is_chosen_from_the_live_list_by_what_it_is(cache_path: Path) -> None:
    live = [
        raw_model("openai/gpt-oss-120b"),
        raw_model("openai/gpt-oss-safeguard-20b"),
        raw_model("whisper-large-v3"),
        raw_model("whisper-large-v3-turbo", active=False),
    ]
    registry = ModelRegistry(FakeFetch(live), cache_path, clock=FakeClock())
    registry.refresh()
    assert registry.preferred(C.CHAT) == "openai/gpt-oss-120b"
    assert registry.preferred(C.SPEECH_TO_TEXT) == "whisper-large-v3"
    assert registry.preferred(C.TEXT_TO_SPEECH) is None


def test_mark_retired_keeps_the_date_and_offers_the_replacement(cache_path: Path) -> None:
    live = [raw_model("openai/gpt-oss-20b"), raw_model("openai/gpt-oss-120b"), raw_model("mystery-model")]
    registry = ModelRegistry(FakeFetch(live), cache_path, clock=FakeClock())
    registry.refresh()
    told: list[int] = []
    registry.subscribe(lambda: told.append(1))
    assert registry.mark_retired("llama-3.1-8b-instant")
    assert not registry.mark_retired("llama-3.1-8b-instant")  # once
    assert told == [1]
    assert registry.is_gone("llama-3.1-8b-instant")
    retirement = registry.retirement("llama-3.1-8b-instant")
    assert (retirement.date, retirement.replacement) == ("2026-08-16", "openai/gpt-oss-20b")
    # A model the catalogue does not know is replaced by the preferred model of its kind.
    registry.mark_retired("mystery-model")
    assert registry.retirement("mystery-model").replacement == "openai/gpt-oss-20b"
    assert registry.retirement("mystery-model").date is None
    # Remembered across a restart (the cache keeps retired models).
    restarted = ModelRegistry(failing_fetch, cache_path, clock=FakeClock())
    assert restarted.get("llama-3.1-8b-instant").retired  # type: ignore[union-attr]
