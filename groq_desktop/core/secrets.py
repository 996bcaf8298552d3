"""The API key: held in a ``Secret`` that never shows itself, kept in the OS keychain via keyring."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

KEYRING_SERVICE = "groq-desktop"
KEYRING_USER = "api-key"


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


@dataclass
class KeyStore:
    """Keeps the key in the OS keychain; with no keychain, for this session only (and says so)."""

    service: str = KEYRING_SERVICE
    user: str = KEYRING_USER
    _session_key: Secret | None = None
    _persistent: bool | None = None

    @property
    def persistent(self) -> bool:
        """Whether a saved key survives a restart (a working keychain exists)."""
        if self._persistent is None:
            self._persistent = _keyring_usable()
        return self._persistent

    def describe(self) -> str:
        if self.persistent:
            return "The key is stored in your system keychain."
        return (
            "No system keychain is available: the key is kept for this session only "
            "(set GROQ_API_KEY to avoid typing it each time)."
        )

    def load(self) -> Secret | None:
        if self._session_key is not None:
            return self._session_key
        if not self.persistent:
            return None
        import keyring

        try:
            value = keyring.get_password(self.service, self.user)
        except Exception as exc:  # noqa: BLE001 - any backend failure means "no stored key"
            log.warning("Could not read the keychain: %s", type(exc).__name__)
            return None
        return Secret(value) if value else None

    def save(self, key: Secret) -> bool:
        """Store the key; returns whether it was persisted (False: session only)."""
        self._session_key = key
        if not self.persistent:
            return False
        import keyring

        try:
            keyring.set_password(self.service, self.user, key.reveal())
            return True
        except Exception as exc:  # noqa: BLE001
            log.warning("Could not write to the keychain (%s); keeping the key for this session", type(exc).__name__)
            self._persistent = False
            return False

    def forget(self) -> None:
        self._session_key = None
        if not self.persistent:
            return
        import keyring

        with contextlib.suppress(Exception):  # nothing stored is fine
            keyring.delete_password(self.service, self.user)


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0
