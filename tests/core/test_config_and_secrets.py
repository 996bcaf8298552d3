import logging
import os
import pickle
import stat
from pathlib import Path

import pytest

from groq_desktop.core.config import DEFAULT_BASE_URL, load_config
from groq_desktop.core.secrets import KeyPlace, KeyStore, Secret, parse_api_key
from groq_desktop.errors import ConfigurationError

KEY = "gsk_supersecretvalue1234567890"


class MemoryBackend:
    """A keyring backend that works, without touching the real keychain."""

    priority = 5

    def __init__(self, stored: str | None = None) -> None:
        self.stored = stored

    def get_password(self, service: str, user: str) -> str | None:
        return self.stored

    def set_password(self, service: str, user: str, value: str) -> None:
        self.stored = value

    def delete_password(self, service: str, user: str) -> None:
        self.stored = None


class PlaintextKeyring(MemoryBackend):
    """Looks like keyrings.alt's file backend (not installed here): a file, not a keychain."""

    __module__ = "keyrings.alt.file"
    priority = 0.5

    def __init__(self, file_path: Path) -> None:
        super().__init__()
        self.file_path = str(file_path)


def MemoryKeyStore(stored: str | None = None) -> KeyStore:  # noqa: N802 - reads as the class it stands for
    return KeyStore(backend=MemoryBackend(stored))


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


def test_keystore_without_keychain_is_session_only(tmp_path: Path) -> None:
    store = KeyStore(_persistent=False, key_file=tmp_path / "api-key")
    assert store.load() is None
    assert store.save(Secret(KEY)) is KeyPlace.SESSION
    assert store.load() == Secret(KEY)
    assert "for this session" in store.describe() and "keychain" in store.describe()
    assert not (tmp_path / "api-key").exists()
    assert KeyStore(_persistent=False, key_file=tmp_path / "api-key").load() is None  # a new start: gone


def test_with_consent_the_key_is_kept_in_a_file_only_the_user_can_read(tmp_path: Path) -> None:
    key_file = tmp_path / "api-key"
    assert KeyStore(_persistent=False, key_file=key_file).save(Secret(KEY), keep_in_file=True) is KeyPlace.FILE
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    later = KeyStore(_persistent=False, key_file=key_file)  # the next start
    config = load_config({}, {}, later)
    assert config.client.api_key == Secret(KEY) and config.key_source == "file"
    assert str(key_file) in later.describe() and "not encrypted" in later.describe()
    later.forget()
    assert not key_file.exists()


def test_a_plaintext_keyring_is_not_called_a_system_keychain(tmp_path: Path) -> None:
    backend = PlaintextKeyring(tmp_path / "keyring_pass.cfg")
    store = KeyStore(backend=backend, key_file=tmp_path / "api-key")
    assert store.save(Secret(KEY)) is KeyPlace.PLAIN_KEYRING and backend.stored == KEY
    text = store.describe()
    assert "system keychain" not in text.replace("No system keychain", "")
    assert str(tmp_path / "keyring_pass.cfg") in text and "unencrypted" in text
    assert load_config({}, {}, KeyStore(backend=backend)).key_source == "plaintext keyring"  # next start
    assert "system keychain" in MemoryKeyStore().describe()


@pytest.mark.parametrize("pasted", [KEY, f"  {KEY}\n", f"\t{KEY} "])
def test_a_pasted_key_loses_its_surrounding_whitespace(pasted: str) -> None:
    assert parse_api_key(pasted) == Secret(KEY)


@pytest.mark.parametrize(("pasted", "says"), [
    ("", "empty"),
    ("gsk_abc def0123456789", "space or line break"),
    ("gsk_abcdef\n0123456789", "space or line break"),
    ("sk-proj-0123456789abcdef", "start with"),
    ("gsk_123", "whole Groq key"),
])
def test_a_key_of_the_wrong_shape_is_refused_with_the_reason(pasted: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_api_key(pasted)
