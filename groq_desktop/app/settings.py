"""Typed access to the user's settings (QSettings), keyed by an Enum."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QSettings

from groq_desktop.core import paths


class Key(StrEnum):
    BASE_URL = "api/base_url"
    TIMEOUT = "api/timeout"
    MAX_RETRIES = "api/max_retries"
    PLAN = "limits/plan"
    LOG_LEVEL = "app/log_level"
    ENTER_SENDS = "chat/enter_sends"
    DEFAULT_CHAT_MODEL = "chat/default_model"
    DEFAULT_TRANSCRIPTION_MODEL = "transcription/default_model"
    CHUNK_SECONDS = "transcription/chunk_seconds"
    OVERLAP_SECONDS = "transcription/overlap_seconds"
    AUTO_EXPORT_DIR = "transcription/auto_export_dir"
    AUTO_EXPORT_FORMATS = "transcription/auto_export_formats"
    WINDOW_GEOMETRY = "window/geometry"
    LAST_PANEL = "window/last_panel"


DEFAULTS: dict[Key, Any] = {
    Key.ENTER_SENDS: True,
    Key.DEFAULT_CHAT_MODEL: "openai/gpt-oss-20b",
    Key.DEFAULT_TRANSCRIPTION_MODEL: "whisper-large-v3-turbo",
    Key.CHUNK_SECONDS: 600.0,
    Key.OVERLAP_SECONDS: 10.0,
    Key.PLAN: "free",
}


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or _default_store()

    def get(self, key: Key, default: Any = None) -> Any:
        fallback = DEFAULTS.get(key, default)
        value = self._settings.value(key.value, fallback)
        if isinstance(fallback, bool) and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        if isinstance(fallback, float) and value is not None:
            return float(value)
        return value

    def set(self, key: Key, value: Any) -> None:
        self._settings.setValue(key.value, value)

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


def _default_store() -> QSettings:
    """The platform's settings store, or an ini file beside the data when GROQ_DESKTOP_HOME is set."""
    if paths.home_override() is not None:
        return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings()
