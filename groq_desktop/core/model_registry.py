"""The list of Groq models: fetched from GET /models, cached on disk, categorised.

Model ids change over time, so nothing here hard-codes a list: the registry serves the last
list it saw (from memory, else from the disk cache, so the app shows models offline at start),
refreshes it when it is older than ``ttl``, and keeps models that disappeared marked ``retired``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from groq_desktop.core.catalogue import Catalogue, ModelFacts, ModelKind, Retirement, shipped_catalogue
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

logger = logging.getLogger(__name__)

FetchModels = Callable[[], list[dict[str, Any]]]
Clock = Callable[[], float]

CACHE_FORMAT_KEYS = ("fetched_at", "models", "retired")


class ModelCategory(StrEnum):
    CHAT = "chat"
    SPEECH_TO_TEXT = "speech-to-text"
    TEXT_TO_SPEECH = "text-to-speech"
    SAFETY = "safety"
    REASONING = "reasoning"
    TOOL_USE = "tool use"
    VISION = "vision"

    def label(self) -> str:
        """The category in the user's language (the value stays the English key)."""
        return translate("ModelCategory", _CATEGORY_LABELS[self])


_CATEGORY_LABELS = {
    ModelCategory.CHAT: QT_TRANSLATE_NOOP("ModelCategory", "chat"),
    ModelCategory.SPEECH_TO_TEXT: QT_TRANSLATE_NOOP("ModelCategory", "speech-to-text"),
    ModelCategory.TEXT_TO_SPEECH: QT_TRANSLATE_NOOP("ModelCategory", "text-to-speech"),
    ModelCategory.SAFETY: QT_TRANSLATE_NOOP("ModelCategory", "safety"),
    ModelCategory.REASONING: QT_TRANSLATE_NOOP("ModelCategory", "reasoning"),
    ModelCategory.TOOL_USE: QT_TRANSLATE_NOOP("ModelCategory", "tool use"),
    ModelCategory.VISION: QT_TRANSLATE_NOOP("ModelCategory", "vision"),
}


_KIND_CATEGORY = {
    ModelKind.CHAT: ModelCategory.CHAT,
    ModelKind.SAFETY: ModelCategory.SAFETY,
    ModelKind.SPEECH_TO_TEXT: ModelCategory.SPEECH_TO_TEXT,
    ModelKind.TEXT_TO_SPEECH: ModelCategory.TEXT_TO_SPEECH,
}
_CATEGORY_KIND = {category: kind for kind, category in _KIND_CATEGORY.items()}
# Words in Groq's ``supported_features`` (and the catalogue's capabilities) that mean each aspect.
_TOOL_WORDS = ("tool", "function", "web_search", "browser_search", "code_execution", "code_interpreter")
_SAFETY_WORDS = ("guard", "moderation", "safety")


def _str_tuple(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(item).lower() for item in value)


def catalogue_facts(model_id: str, catalogue: Catalogue | None = None) -> ModelFacts | None:
    """What the shipped table says a model is; a retired id is what its replacement is."""
    catalogue = catalogue or shipped_catalogue()
    facts = catalogue.facts(model_id)
    if facts is None:
        replacement = catalogue.replacement_for(model_id)
        facts = catalogue.facts(replacement) if replacement else None
    return facts


def categorise(raw: Mapping[str, Any], catalogue: Catalogue | None = None) -> tuple[ModelCategory, ...]:
    """Categories of one entry of GET /models: from Groq's metadata, else from the shipped catalogue.

    Each aspect (audio in/out, features) falls back to the catalogue only when Groq sent no
    metadata for it, since older responses carry no modalities or features. A model neither
    describes is a plain chat model.
    """
    model_id = str(raw.get("id", ""))
    kind_facts = catalogue_facts(model_id, catalogue)
    facts = (catalogue or shipped_catalogue()).facts(model_id)
    inputs = _str_tuple(raw.get("input_modalities")) or (tuple(facts.input_modalities) if facts else ())
    outputs = _str_tuple(raw.get("output_modalities")) or (tuple(facts.output_modalities) if facts else ())
    features = _str_tuple(raw.get("supported_features")) or (
        tuple(sorted(facts.capabilities)) if facts else ()
    )
    found: set[ModelCategory] = set()
    if kind_facts is not None:
        found.add(_KIND_CATEGORY[kind_facts.kind])
    if any(word in feature for feature in features for word in _SAFETY_WORDS):
        found.add(ModelCategory.SAFETY)
    if "audio" in outputs:
        found.add(ModelCategory.TEXT_TO_SPEECH)
    elif "audio" in inputs and "text" in outputs:
        found.add(ModelCategory.SPEECH_TO_TEXT)

    is_audio_or_safety = bool(
        found & {ModelCategory.SPEECH_TO_TEXT, ModelCategory.TEXT_TO_SPEECH, ModelCategory.SAFETY}
    )
    if not is_audio_or_safety:
        found.add(ModelCategory.CHAT)
        if any("reason" in feature for feature in features):
            found.add(ModelCategory.REASONING)
        # Built-in tools (web search, code execution) are tool use too.
        if any(word in feature for feature in features for word in _TOOL_WORDS):
            found.add(ModelCategory.TOOL_USE)
        if "image" in inputs or "vision" in features:
            found.add(ModelCategory.VISION)
    return tuple(category for category in ModelCategory if category in found)


def _optional_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class ModelInfo:
    id: str
    owned_by: str
    created: int
    active: bool
    context_window: int | None
    max_completion_tokens: int | None
    categories: tuple[ModelCategory, ...]
    input_modalities: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()
    supported_features: tuple[str, ...] = ()
    retired: bool = False
    """It was in an earlier list from Groq and is missing from the latest one."""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_raw(
        cls, raw: Mapping[str, Any], *, retired: bool = False, catalogue: Catalogue | None = None
    ) -> ModelInfo:
        return cls(
            id=str(raw["id"]),
            owned_by=str(raw.get("owned_by") or ""),
            created=_optional_int(raw.get("created")) or 0,
            active=bool(raw.get("active", True)),
            context_window=_optional_int(raw.get("context_window")),
            max_completion_tokens=_optional_int(raw.get("max_completion_tokens")),
            categories=categorise(raw, catalogue),
            input_modalities=tuple(str(m) for m in raw.get("input_modalities") or ()),
            output_modalities=tuple(str(m) for m in raw.get("output_modalities") or ()),
            supported_features=tuple(str(f) for f in raw.get("supported_features") or ()),
            retired=retired,
            raw=dict(raw),
        )

    @property
    def is_chat(self) -> bool:
        return ModelCategory.CHAT in self.categories

    @property
    def is_transcription(self) -> bool:
        return ModelCategory.SPEECH_TO_TEXT in self.categories

    @property
    def is_reasoning(self) -> bool:
        return ModelCategory.REASONING in self.categories

    @property
    def supports_vision(self) -> bool:
        return ModelCategory.VISION in self.categories

    @property
    def supports_translation(self) -> bool:
        """Translation to English: Groq's ``supported_features`` when it says, else the shipped catalogue."""
        # Groq's features name translation where they list it; their silence proves nothing (older lists).
        if any("translat" in f.lower() for f in self.supported_features):
            return True
        facts = catalogue_facts(self.id) if self.is_transcription else None
        return bool(facts and facts.can("translation"))

    @property
    def usable(self) -> bool:
        return self.active and not self.retired


class ModelRegistry:
    """Thread-safe cache of the model list. ``fetch`` returns the ``data`` list of GET /models.

    State is guarded by a lock; ``fetch`` runs outside it (it does network I/O) but under a
    second lock, so only one fetch runs at a time and a waiting caller reuses its result.
    """

    def __init__(
        self,
        fetch: FetchModels,
        cache_path: Path,
        *,
        ttl: float = 300.0,
        clock: Clock = time.time,
        catalogue: Catalogue | None = None,
    ) -> None:
        self._fetch = fetch
        self.catalogue = catalogue or shipped_catalogue()
        self._cache_path = Path(cache_path)
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._fetch_lock = threading.Lock()
        self._models: dict[str, ModelInfo] | None = None
        self._last_refreshed: float | None = None
        self._subscribers: list[Callable[[], None]] = []

    # --- reading ---------------------------------------------------------------------------

    def models(self, include_retired: bool = True) -> list[ModelInfo]:
        with self._lock:
            models = self._loaded_models()
            return sorted(
                (m for m in models.values() if include_retired or not m.retired),
                key=lambda m: m.id,
            )

    def get(self, model_id: str) -> ModelInfo | None:
        with self._lock:
            return self._loaded_models().get(model_id)

    def chat_models(self) -> list[ModelInfo]:
        """Active, non-retired models that chat completions accept."""
        return [m for m in self.models(include_retired=False) if m.usable and m.is_chat]

    def transcription_models(self) -> list[ModelInfo]:
        return [m for m in self.models(include_retired=False) if m.usable and m.is_transcription]

    def preferred(self, category: ModelCategory) -> str | None:
        """The model to use by default for ``category``, chosen from the live list by what it is."""
        usable = [m.id for m in self.models(include_retired=False) if m.usable and category in m.categories]
        kind = _CATEGORY_KIND.get(category, ModelKind.CHAT)
        return self.catalogue.preferred(kind, usable) or (usable[0] if usable else None)

    def is_gone(self, model_id: str) -> bool:
        """True when Groq no longer offers the model (an empty list proves nothing)."""
        info = self.get(model_id)
        if info is None:
            return bool(self.models()) or self.catalogue.retirement(model_id) is not None
        return not info.usable

    def retirement(self, model_id: str) -> Retirement:
        """When the model went (from the catalogue) and what replaces it among the models offered now."""
        known = self.catalogue.retirement(model_id)
        return Retirement(
            model_id,
            known.date if known else None,
            self.replacement_for(model_id),
            known.note if known else "",
        )

    def replacement_for(self, model_id: str) -> str | None:
        """Groq's recommended successor when it is offered, else the preferred model of the same kind."""
        usable = [m.id for m in self.models(include_retired=False) if m.usable]
        successor = self.catalogue.replacement_for(model_id, usable) if usable else None
        if successor:
            return successor
        info = self.get(model_id)
        categories = info.categories if info else categorise({"id": model_id}, self.catalogue)
        for category in (ModelCategory.SPEECH_TO_TEXT, ModelCategory.TEXT_TO_SPEECH, ModelCategory.SAFETY):
            if category in categories:
                return self.preferred(category)
        return self.preferred(ModelCategory.CHAT)

    def mark_retired(self, model_id: str) -> bool:
        """Groq answered that the model is gone (404 model_not_found / 400 model_decommissioned).

        Returns True when this changed the registry (subscribers are then told).
        """
        with self._lock:
            models = dict(self._loaded_models())
            old = models.get(model_id)
            if old is not None and old.retired:
                return False
            info = old or ModelInfo.from_raw({"id": model_id, "active": False}, catalogue=self.catalogue)
            models[model_id] = replace(info, retired=True)
            self._models = models
            payload = self._cache_payload(models, self._last_refreshed or 0.0)
            subscribers = list(self._subscribers)
        self._write_cache(payload)
        for callback in subscribers:
            try:
                callback()
            except Exception:
                logger.exception("A model-list subscriber failed")
        return True

    @property
    def last_refreshed(self) -> float | None:
        """Wall time of the last successful fetch (possibly from an earlier run, via the cache)."""
        with self._lock:
            self._loaded_models()
            return self._last_refreshed

    @property
    def is_stale(self) -> bool:
        with self._lock:
            self._loaded_models()
            return self._is_stale_locked()

    def _is_stale_locked(self) -> bool:
        if self._last_refreshed is None:
            return True
        age = self._clock() - self._last_refreshed
        # A clock set backwards gives a negative age: refetch rather than trust it.
        return age < 0 or age >= self._ttl

    # --- refreshing ------------------------------------------------------------------------

    def refresh(self, force: bool = False) -> list[ModelInfo]:
        """Fetch the list if it is older than ``ttl`` (or ``force``) and return all models.

        A failing fetch re-raises its error; the previous list (memory or disk) stays served.
        """
        with self._fetch_lock:
            if not force and not self.is_stale:
                return self.models()
            fetched = self._fetch()
            entries = self._entries(fetched)
            fetched_at = self._clock()
            with self._lock:
                previous = dict(self._loaded_models())
                current = {entry["id"]: ModelInfo.from_raw(entry) for entry in entries}
                for model_id, old in previous.items():
                    if model_id not in current:
                        current[model_id] = old if old.retired else replace(old, retired=True)
                changed = current != previous
                self._models = current
                self._last_refreshed = fetched_at
                payload = self._cache_payload(current, fetched_at)
                subscribers = list(self._subscribers)
            self._write_cache(payload)
        if changed:
            for callback in subscribers:
                try:
                    callback()
                except Exception:
                    logger.exception("A model-list subscriber failed")
        return self.models()

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (on the refreshing thread) after a refresh changes the list.

        Returns a function that unsubscribes.
        """
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    @staticmethod
    def _entries(fetched: Any) -> list[dict[str, Any]]:
        # Tolerate being handed the whole response body instead of its data list.
        if isinstance(fetched, Mapping):
            fetched = fetched.get("data", [])
        entries: list[dict[str, Any]] = []
        for entry in fetched or []:
            if isinstance(entry, Mapping) and entry.get("id"):
                entries.append(dict(entry))
            else:
                logger.warning("Ignoring a model entry without an id: %r", entry)
        return entries

    # --- disk cache ------------------------------------------------------------------------

    def _loaded_models(self) -> dict[str, ModelInfo]:
        """The in-memory list, read from the disk cache on first use. Call with the lock held."""
        if self._models is None:
            self._models, self._last_refreshed = self._read_cache()
        return self._models

    def _read_cache(self) -> tuple[dict[str, ModelInfo], float | None]:
        try:
            text = self._cache_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}, None
        except OSError:
            logger.warning("Cannot read the model cache %s", self._cache_path, exc_info=True)
            return {}, None
        try:
            data = json.loads(text)
            models = self._infos(data.get("models", []), retired=False)
            models.update(self._infos(data.get("retired", []), retired=True))
            fetched_at = data.get("fetched_at")
            return models, float(fetched_at) if fetched_at is not None else None
        except (ValueError, TypeError, AttributeError, KeyError):
            logger.warning("Ignoring a corrupt model cache %s", self._cache_path, exc_info=True)
            return {}, None

    @staticmethod
    def _infos(entries: Iterable[Any], *, retired: bool) -> dict[str, ModelInfo]:
        infos: dict[str, ModelInfo] = {}
        for entry in entries:
            if isinstance(entry, Mapping) and entry.get("id"):
                info = ModelInfo.from_raw(entry, retired=retired)
                infos[info.id] = info
        return infos

    @staticmethod
    def _cache_payload(models: Mapping[str, ModelInfo], fetched_at: float) -> dict[str, Any]:
        ordered = sorted(models.values(), key=lambda m: m.id)
        return {
            "fetched_at": fetched_at,
            "models": [m.raw for m in ordered if not m.retired],
            "retired": [m.raw for m in ordered if m.retired],
        }

    def _write_cache(self, payload: dict[str, Any]) -> None:
        """Write atomically (temp file + rename) so a crash never leaves a torn cache."""
        temp_name: str | None = None
        try:
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp_name = tempfile.mkstemp(
                prefix=self._cache_path.name + ".", suffix=".tmp", dir=self._cache_path.parent
            )
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, self._cache_path)
            temp_name = None
        except OSError:
            # The list in memory is still good; only the next offline start loses out.
            logger.warning("Cannot write the model cache %s", self._cache_path, exc_info=True)
        finally:
            if temp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
