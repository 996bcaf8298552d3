"""Typed access to the user's settings (QSettings), keyed by an Enum."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from groq_desktop.core import paths
from groq_desktop.i18n import translate

if TYPE_CHECKING:
    from groq_desktop.core.model_registry import ModelRegistry


class Key(StrEnum):
    BASE_URL = "api/base_url"
    TIMEOUT = "api/timeout"
    MAX_RETRIES = "api/max_retries"
    PLAN = "limits/plan"
    LOG_LEVEL = "app/log_level"
    ENTER_SENDS = "chat/enter_sends"
    DEFAULT_CHAT_MODEL = "chat/default_model"
    DEFAULT_TRANSCRIPTION_MODEL = "transcription/default_model"
    TRANSCRIPTION_SERVICE_TIER = "transcription/service_tier"
    REPLACED_MODELS = "models/replaced"
    CHUNK_SECONDS = "transcription/chunk_seconds"
    OVERLAP_SECONDS = "transcription/overlap_seconds"
    AUTO_EXPORT_DIR = "transcription/auto_export_dir"
    AUTO_EXPORT_FORMATS = "transcription/auto_export_formats"
    DEFAULT_SYSTEM_PROMPT = "chat/default_system_prompt"
    THEME = "appearance/theme"  # "system", "light" or "dark"
    FONT_SIZE = "appearance/font_size"  # points; 0 means the system's size
    WINDOW_GEOMETRY = "window/geometry"
    LAST_PANEL = "window/last_panel"
    S3_BUCKET = "bulk/s3_bucket"  # audio for transcription batches is staged here (presigned URLs)
    S3_PREFIX = "bulk/s3_prefix"
    S3_ENDPOINT = "bulk/s3_endpoint_url"  # S3-compatible services (MinIO, R2...); empty for AWS
    S3_REGION = "bulk/s3_region"
    VOICE = "voice/voice"
    VOICE_LANGUAGE = "voice/language"
    READ_AS_THEY_ARRIVE = "voice/read_as_they_arrive"
    SILENCE_SECONDS = "voice/silence_seconds"
    SILENCE_THRESHOLD_DB = "voice/silence_threshold_db"
    DICTATION_HOLD = "voice/dictation_hold"  # True: hold the key/button to record, release to stop
    CLOSE_TO_TRAY = "window/close_to_tray"  # closing the window hides it; the tray's Quit quits
    WELCOME_SHOWN = "app/welcome_shown"
    LANGUAGE = "app/language"  # "system", "en" or "tr"; read at start-up


# No model id here: an unset default model is chosen from the live list by what the model is.
DEFAULTS: dict[Key, Any] = {
    Key.ENTER_SENDS: True,
    Key.CHUNK_SECONDS: 600.0,
    Key.OVERLAP_SECONDS: 10.0,
    Key.PLAN: "free",
    Key.VOICE: "",
    Key.VOICE_LANGUAGE: "",
    Key.READ_AS_THEY_ARRIVE: False,
    Key.SILENCE_SECONDS: 0.8,
    Key.SILENCE_THRESHOLD_DB: -38.0,
    Key.DICTATION_HOLD: False,
    Key.THEME: "system",
    Key.FONT_SIZE: 0,
    Key.DEFAULT_SYSTEM_PROMPT: "",
    Key.CLOSE_TO_TRAY: False,
    Key.WELCOME_SHOWN: False,
    Key.LANGUAGE: "system",
}
_COMPUTED_DEFAULTS = frozenset({Key.DEFAULT_TRANSCRIPTION_MODEL})


def _default(key: Key) -> Any:
    # Imported on first use: the catalogue is not needed to paint the first window.
    from groq_desktop.services.transcription import default_model

    return default_model()


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or _default_store()

    def get(self, key: Key, default: Any = None) -> Any:
        fallback = _default(key) if key in _COMPUTED_DEFAULTS else DEFAULTS.get(key, default)
        value = self._settings.value(key.value, fallback)
        if isinstance(fallback, bool) and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        if isinstance(fallback, float) and value is not None:
            return float(value)
        return value

    def set(self, key: Key, value: Any) -> None:
        self._settings.setValue(key.value, value)

    def stored(self, key: Key) -> Any:
        """What the user saved for ``key`` (None when only the default applies)."""
        return self._settings.value(key.value) if self._settings.contains(key.value) else None

    def replace_gone_models(self, registry: ModelRegistry) -> list[str]:
        """A saved default model Groq no longer offers is replaced by its successor, once, with a note.

        The replaced ids are remembered, so a later start does not do it (or say it) again.
        """
        done = {str(m) for m in _as_list(self.get(Key.REPLACED_MODELS))}
        notes: list[str] = []
        for key in (Key.DEFAULT_CHAT_MODEL, Key.DEFAULT_TRANSCRIPTION_MODEL):
            saved = str(self.stored(key) or "")
            if not saved or saved in done or not registry.is_gone(saved):
                continue
            retirement = registry.retirement(saved)
            if not retirement.replacement:
                continue
            self.set(key, retirement.replacement)
            done.add(saved)
            notes.append(_retired_note(key, saved, str(retirement.date or ""), retirement.replacement))
        if notes:
            self.set(Key.REPLACED_MODELS, sorted(done))
        return notes

    def sync(self) -> None:
        self._settings.sync()

    def config_mapping(self) -> dict[str, Any]:
        """The settings that ``load_config`` reads (environment variables still win)."""
        out = {
            "base_url": self.get(Key.BASE_URL),
            "timeout": self.get(Key.TIMEOUT),
            "max_retries": self.get(Key.MAX_RETRIES),
            "plan": self.get(Key.PLAN),
            "log_level": self.get(Key.LOG_LEVEL),
        }
        return {k: v for k, v in out.items() if v not in (None, "")}


def _retired_note(key: Key, model: str, date: str, replacement: str) -> str:
    if key is Key.DEFAULT_CHAT_MODEL:
        text = (translate("AppSettings", "Groq retired {model} on {date}: your default chat model is now {replacement}.")
                if date else translate("AppSettings", "Groq retired {model}: your default chat model is now {replacement}."))
    elif date:
        text = translate(
            "AppSettings", "Groq retired {model} on {date}: your default transcription model is now {replacement}.")
    else:
        text = translate("AppSettings", "Groq retired {model}: your default transcription model is now {replacement}.")
    return text.format(model=model, date=date, replacement=replacement)


def _as_list(value: Any) -> list[Any]:
    """QSettings gives a one-item list back as a plain string (ini files): always a list."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _default_store() -> QSettings:
    """The platform's settings store, or an ini file beside the data when GROQ_DESKTOP_HOME is set."""
    if paths.home_override() is not None:
        return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings()
