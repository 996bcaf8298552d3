"""The API key: held in a ``Secret`` that never shows itself, kept in the OS keychain via keyring
(or, where none exists, for the session, or in a 0600 file if the user asks)."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from groq_desktop.core.atomic_file import write_text_atomic
from groq_desktop.i18n import translate

log = logging.getLogger(__name__)

KEYRING_SERVICE = "groq-desktop"
KEYRING_USER = "api-key"
KEY_PREFIX = "gsk_"
KEY_FILE_NAME = "api-key"
# How "Restart now" hands a session-only key to the new process; read once and removed at start.
SESSION_KEY_ENV = "GROQ_DESKTOP_SESSION_KEY"


class Secret:
    """A string that never appears in reprs, logs, exceptions or pickles."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__

    def __reduce__(self) -> tuple:
        raise TypeError("a Secret cannot be pickled")


def parse_api_key(text: str) -> Secret:
    """A pasted key, checked for shape: surrounding whitespace dropped, ``gsk_`` prefix, nothing inside
    that a copy could have dragged along (spaces, newlines). ``ValueError`` says what is wrong."""
    key = text.strip()
    if not key:
        raise ValueError(translate("parse_api_key", "The key is empty."))
    if any(ch.isspace() for ch in key):
        raise ValueError(
            translate("parse_api_key", "The key has a space or line break inside; copy it again from the Groq console.")
        )
    if not key.startswith(KEY_PREFIX):
        raise ValueError(
            translate("parse_api_key", "Groq keys start with \u201c{prefix}\u201d; this one does not.").format(
                prefix=KEY_PREFIX
            )
        )
    if len(key) <= len(KEY_PREFIX) + 8 or not key.isascii() or not key.isprintable():
        raise ValueError(
            translate("parse_api_key", "This does not look like a whole Groq key; copy it again from the Groq console.")
        )
    return Secret(key)


class KeyPlace(StrEnum):
    KEYCHAIN = "keychain"  # the OS's keychain (Secret Service, macOS Keychain, Windows Credential Locker)
    PLAIN_KEYRING = "plaintext keyring"  # keyrings.alt's file backends: a file, not a keychain
    FILE = "file"  # our own 0600 file, only with the user's consent
    SESSION = "session"  # this process (and a restart it starts)


@dataclass
class KeyStore:
    """Keeps the key in the OS keychain; with none, for this session (carried over "Restart now"),
    or, only if the user asks, in a file only they can read. No home-made encryption."""

    service: str = KEYRING_SERVICE
    user: str = KEYRING_USER
    key_file: Path | None = None  # default: ``api-key`` in the data folder
    backend: Any = None  # a keyring backend; default: keyring's choice
    _session_key: Secret | None = None
    _persistent: bool | None = None

    def _backend(self) -> Any:
        if self.backend is None:
            try:
                import keyring

                self.backend = keyring.get_keyring()
            except Exception:  # noqa: BLE001 - no keyring at all
                self.backend = False
        return self.backend or None

    @property
    def persistent(self) -> bool:
        """Whether a keyring backend can keep the key across restarts."""
        if self._persistent is None:
            self._persistent = _usable(self._backend())
        return self._persistent

    @property
    def place(self) -> KeyPlace:
        """Where a key saved now would be kept (the file only when the user asked for it)."""
        if not self.persistent:
            return KeyPlace.SESSION
        return KeyPlace.PLAIN_KEYRING if _is_plaintext(self._backend()) else KeyPlace.KEYCHAIN

    def file_path(self) -> Path:
        """Where the key is kept when the user agrees to a file (no keychain)."""
        if self.key_file is None:
            from groq_desktop.core import paths

            self.key_file = paths.data_dir() / KEY_FILE_NAME
        return self.key_file

    def describe(self) -> str:
        if self.file_path().exists():
            return translate(
                "KeyStore",
                "The key is kept in the file {path}, readable only by you but not encrypted "
                "(no system keychain was found).",
            ).format(path=self.file_path())
        if self.place is KeyPlace.KEYCHAIN:
            return translate("KeyStore", "The key is stored in your system keychain.")
        if self.place is KeyPlace.PLAIN_KEYRING:
            where = getattr(self._backend(), "file_path", None)
            text = (
                translate(
                    "KeyStore",
                    "No system keychain was found: the key is stored unencrypted by keyrings.alt ({backend}) in {path}.",
                )
                if where
                else translate(
                    "KeyStore",
                    "No system keychain was found: the key is stored unencrypted by keyrings.alt ({backend}) in a file.",
                )
            )
            return text.format(backend=type(self._backend()).__name__, path=where)
        return translate(
            "KeyStore",
            "No system keychain is available: the key is kept for this session (and carried over a "
            "restart). Tick the box below to keep it in a file, or set GROQ_API_KEY.",
        )

    def find(self) -> tuple[Secret | None, KeyPlace | None]:
        """The key and where it came from: this session, the keyring, then the user's key file."""
        if self._session_key is not None:
            return self._session_key, KeyPlace.SESSION
        if self.persistent:
            try:
                value = self._backend().get_password(self.service, self.user)
            except Exception as exc:  # noqa: BLE001 - any backend failure means "no stored key"
                log.warning("Could not read the keychain: %s", type(exc).__name__)
                value = None
            if value:
                return Secret(value), self.place
        try:
            value = self.file_path().read_text("utf-8").strip()
        except OSError:
            value = ""
        return (Secret(value), KeyPlace.FILE) if value else (None, None)

    def load(self) -> Secret | None:
        return self.find()[0]

    def use_for_session(self, key: Secret) -> None:
        """A key handed over by the instance that restarted us; never written anywhere."""
        self._session_key = key

    def save(self, key: Secret, *, keep_in_file: bool = False) -> KeyPlace:
        """Store the key; returns where it is kept. ``keep_in_file``: the user agreed to a 0600 file
        when no keychain exists (ignored when one does)."""
        self._session_key = key
        if self.persistent:
            try:
                self._backend().set_password(self.service, self.user, key.reveal())
                return self.place
            except Exception as exc:  # noqa: BLE001
                log.warning("Could not write to the keychain (%s)", type(exc).__name__)
                self._persistent = False
        if keep_in_file:
            write_text_atomic(self.file_path(), key.reveal() + "\n", mode=0o600)
            return KeyPlace.FILE
        return KeyPlace.SESSION

    def forget(self) -> None:
        self._session_key = None
        self.file_path().unlink(missing_ok=True)
        if not self.persistent:
            return
        with contextlib.suppress(Exception):  # nothing stored is fine
            self._backend().delete_password(self.service, self.user)


def _usable(backend: Any) -> bool:
    if backend is None:
        return False
    try:
        from keyring.backends import fail

        if isinstance(backend, fail.Keyring):
            return False
    except ImportError:
        pass
    return getattr(backend, "priority", 1) > 0


def _is_plaintext(backend: Any) -> bool:
    """keyrings.alt's file backends (alone, or first in keyring's chainer) are files, not keychains."""
    for candidate in [backend, *(getattr(backend, "backends", None) or [])[:1]]:
        if type(candidate).__module__.startswith("keyrings.alt"):
            return True
    return False
