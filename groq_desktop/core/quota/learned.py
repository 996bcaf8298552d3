"""Limits learned from the server's 413/429 answers, kept across starts, per account.

Groq's headers carry only RPD and TPM; every other limit of an organisation (RPM, TPD, ASH, ASD,
ITPM, OTPM) shows itself only as the "Limit N" of a refusal. What one refusal taught is written to
``learned-limits.json`` in the data folder, under the account it belongs to (a fingerprint of the
API key; the organisation id when a 429 names it), with the date, so it is never learned twice.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from groq_desktop.core.atomic_file import write_text_atomic
from groq_desktop.core.quota.limits import Dimension

log = logging.getLogger(__name__)

FILE_NAME = "learned-limits.json"


def account_key(api_key: str) -> str:
    """A stable, non-reversible name for the account a key belongs to."""
    return "key:" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class LearnedLimit:
    model: str
    dimension: Dimension
    limit: float
    date: str  # ISO date it was learned
    organization: str | None = None


class LearnedLimits:
    """Thread-safe; every change is written at once (atomically). A bad file is moved aside, not fatal."""

    def __init__(
        self,
        path: Path | None,
        account: str,
        *,
        today: Callable[[], datetime.date] = datetime.date.today,
    ) -> None:
        self._path = path
        self._account = account
        self._today = today
        self._lock = threading.Lock()
        self._all: dict[str, Any] = self._read()

    @property
    def path(self) -> Path | None:
        return self._path

    def entries(self) -> list[LearnedLimit]:
        with self._lock:
            body = self._all.get("accounts", {}).get(self._account, {})
            organization = body.get("organization")
            out = []
            for model, dims in body.get("models", {}).items():
                for name, item in dims.items():
                    try:
                        out.append(
                            LearnedLimit(model, Dimension(name), float(item["limit"]), str(item["date"]), organization)
                        )
                    except (KeyError, ValueError, TypeError):
                        continue
            return out

    def get(self, model: str, dimension: Dimension) -> LearnedLimit | None:
        return next((e for e in self.entries() if e.model == model and e.dimension is dimension), None)

    def record(
        self, model: str, dimension: Dimension, limit: float, organization: str | None = None
    ) -> LearnedLimit:
        date = self._today().isoformat()
        with self._lock:
            body = self._all.setdefault("accounts", {}).setdefault(self._account, {})
            if organization:
                body["organization"] = organization
            body.setdefault("models", {}).setdefault(model, {})[dimension.value] = {"limit": limit, "date": date}
            self._write()
        return LearnedLimit(model, dimension, limit, date, organization)

    def forget(self, model: str, dimensions: set[Dimension] | None = None) -> None:
        """The user edited these limits: their figures win from now on."""
        with self._lock:
            models = self._all.get("accounts", {}).get(self._account, {}).get("models", {})
            dims = models.get(model)
            if dims is None:
                return
            for dimension in dimensions if dimensions is not None else set(Dimension):
                dims.pop(dimension.value, None)
            if not dims:
                models.pop(model, None)
            self._write()

    def _read(self) -> dict[str, Any]:
        if self._path is None or not self._path.exists():
            return {"version": 1, "accounts": {}}
        try:
            data = json.loads(self._path.read_text("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("accounts", {}), dict):
                raise ValueError("not a learned-limits file")
            return data
        except (OSError, ValueError) as exc:
            log.warning("ignoring %s (%s); limits will be learned again", self._path, exc)
            return {"version": 1, "accounts": {}}

    def _write(self) -> None:
        if self._path is None:
            return
        try:
            write_text_atomic(self._path, json.dumps(self._all, indent=1, sort_keys=True))
        except OSError:
            log.exception("could not save learned limits to %s", self._path)
