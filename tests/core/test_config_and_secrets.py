import logging
import pickle

import pytest

from groq_desktop.core.config import DEFAULT_BASE_URL, load_config
from groq_desktop.core.secrets import KeyStore, Secret
from groq_desktop.errors import ConfigurationError

KEY = "gsk_supersecretvalue1234567890"


class MemoryKeyStore(KeyStore):
    """A keychain that works, without touching the real one."""

    def __init__(self, stored: str | None = None) -> None:
        super().__init__()
        self._persistent = True
        self.stored = stored

    def load(self) -> Secret | None:
        return Secret(self.stored) if self.stored else None


def test_environment_wins_over_settings() -> None:
    env = {
        "GROQ_API_KEY": KEY,
        "GROQ_BASE_URL": "http://127.0.0.1:9/",
        "GROQ_TIMEOUT": "12",
        "GROQ_MAX_RETRIES": "4",
    }
    config = load_config(env, {"base_url": "http://other", "timeout": 99, "plan": "developer"})
    assert config.client.base_url == "http://127.0.0.1:9"
    assert config.client.api_root == "http://127.0.0.1:9/openai/v1"
    assert (config.client.timeout, config.client.max_retries, config.plan) == (12, 4, "developer")
    assert config.key_source == "env" and not config.demo


def test_defaults_and_demo_without_key() -> None:
    config = load_config({}, {})
    assert config.client.base_url == DEFAULT_BASE_URL
    assert config.demo and config.key_source == "none"


def test_key_from_keychain() -> None:
    config = load_config({}, {}, MemoryKeyStore(KEY))
    assert config.key_source == "keychain" and config.client.api_key.reveal() == KEY and not config.demo


def test_bad_numbers_are_clear_errors() -> None:
    with pytest.raises(ConfigurationError, match="GROQ_TIMEOUT"):
        load_config({"GROQ_TIMEOUT": "soon"})


def test_key_never_shows_in_reprs_logs_or_pickles(caplog: pytest.LogCaptureFixture) -> None:
    config = load_config({"GROQ_API_KEY": KEY})
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("config %s %r", config, config.client)
    for text in (repr(config), str(config), repr(config.client.api_key), caplog.text):
        assert KEY not in text
    with pytest.raises(TypeError):
        pickle.dumps(config.client.api_key)


def test_keystore_without_keychain_is_session_only() -> None:
    store = KeyStore()
    store._persistent = False
    assert store.load() is None
    assert store.save(Secret(KEY)) is False
    assert store.load() == Secret(KEY)
    assert "session only" in store.describe()
