"""Where settings come from: environment variables first, then the user's saved settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from groq_desktop.core.secrets import KeyStore, Secret
from groq_desktop.errors import ConfigurationError
from groq_desktop.i18n import translate

DEFAULT_BASE_URL = "https://api.groq.com"


@dataclass(frozen=True)
class ClientConfig:
    """What the HTTP client needs. ``base_url`` has the official SDK's meaning (no /openai/v1)."""

    api_key: Secret = field(default_factory=lambda: Secret(""))
    base_url: str = DEFAULT_BASE_URL
    timeout: float = 60.0
    connect_timeout: float = 5.0
    max_retries: int = 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))

    @property
    def api_root(self) -> str:
        return f"{self.base_url}/openai/v1"


@dataclass(frozen=True)
class AppConfig:
    client: ClientConfig
    plan: str = "free"
    log_level: str | None = None
    demo: bool = False  # no key: run against the built-in emulator
    demo_time_scale: float = 20.0
    time_scale: float = 1.0  # only for a groq-emulator started with --time-scale
    key_source: str = "none"  # "env", a KeyPlace value ("keychain", "plaintext keyring", "file", "session"), "none"


def load_config(
    env: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
    key_store: KeyStore | None = None,
) -> AppConfig:
    """Environment (GROQ_API_KEY, GROQ_BASE_URL, GROQ_TIMEOUT, GROQ_MAX_RETRIES, GROQ_LOG_LEVEL,
    GROQ_PLAN, GROQ_DEMO, GROQ_TIME_SCALE) wins over saved settings; the key comes from the environment or the keychain."""
    env = os.environ if env is None else env
    settings = settings or {}

    key, source = Secret(env.get("GROQ_API_KEY", "").strip()), "env"
    if not key and key_store is not None:
        stored, place = key_store.find()
        key, source = (stored, str(place)) if stored and place else (Secret(""), "none")
    elif not key:
        source = "none"

    base_url = env.get("GROQ_BASE_URL") or settings.get("base_url") or DEFAULT_BASE_URL
    timeout = _number(env.get("GROQ_TIMEOUT") or settings.get("timeout"), 60.0, "GROQ_TIMEOUT")
    retries = int(_number(env.get("GROQ_MAX_RETRIES") or settings.get("max_retries"), 2, "GROQ_MAX_RETRIES"))
    if retries < 0 or timeout <= 0:
        raise ConfigurationError(
            translate("load_config", "GROQ_TIMEOUT must be positive and GROQ_MAX_RETRIES not negative.")
        )
    demo_flag = env.get("GROQ_DEMO", "").strip().lower() in ("1", "true", "yes")
    time_scale = _number(env.get("GROQ_TIME_SCALE"), 1.0, "GROQ_TIME_SCALE")
    return AppConfig(
        client=ClientConfig(api_key=key, base_url=str(base_url), timeout=timeout, max_retries=retries),
        plan=env.get("GROQ_PLAN") or settings.get("plan") or "free",
        log_level=env.get("GROQ_LOG_LEVEL") or settings.get("log_level"),
        demo=demo_flag or not key,
        key_source=source,
        time_scale=time_scale,
    )


def _number(value: Any, default: float, name: str) -> float:
    if value in (None, ""):
        return default
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(
            translate("load_config", "{name} must be a number, got {value}.").format(name=name, value=repr(value))
        ) from exc
