"""Where Groq Desktop keeps its files: user data, cache and logs.

The platform's standard folders (through ``platformdirs``) unless the environment variable
``GROQ_DESKTOP_HOME`` is set, in which case ``data/``, ``cache/`` and ``logs/`` go under it
(tests and portable installs use that). Every function creates its folder if needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "GroqDesktop"
HOME_ENV_VAR = "GROQ_DESKTOP_HOME"
DATABASE_FILE_NAME = "groq_desktop.sqlite3"
MODEL_CACHE_FILE_NAME = "models.json"


def home_override() -> Path | None:
    value = os.environ.get(HOME_ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Conversations database and other user data that must survive."""
    home = home_override()
    if home is not None:
        return _ensure(home / "data")
    return _ensure(platformdirs.user_data_path(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Things that can be rebuilt: the model list cache, temporary audio chunks."""
    home = home_override()
    if home is not None:
        return _ensure(home / "cache")
    return _ensure(platformdirs.user_cache_path(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = home_override()
    if home is not None:
        return _ensure(home / "logs")
    return _ensure(platformdirs.user_log_path(APP_NAME, appauthor=False))


def database_path(demo: bool = False) -> Path:
    """Demo conversations live in their own file, never mixed with a real account's."""
    return data_dir() / (DATABASE_FILE_NAME.replace(".sqlite3", "-demo.sqlite3") if demo else DATABASE_FILE_NAME)


def limits_path() -> Path:
    """The user's edits of the published limits (merged over the shipped table)."""
    return data_dir() / "limits.json"


def model_cache_path() -> Path:
    return cache_dir() / MODEL_CACHE_FILE_NAME
