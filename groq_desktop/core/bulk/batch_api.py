"""The Batch API's HTTP calls (``/files``, ``/batches``): thin, blocking, mapped to our errors.

Batch calls use no live quota, so they bypass the scheduler; the caller paces its polling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests

from groq_desktop.core.config import ClientConfig
from groq_desktop.errors import AuthenticationError, ConnectionFailedError, error_from_response
from groq_desktop.i18n import translate

TERMINAL_STATUSES = ("completed", "failed", "expired", "cancelled")


@dataclass(frozen=True)
class BatchStatus:
    id: str
    status: str
    total: int = 0
    completed: int = 0
    failed: int = 0
    created_at: int | None = None
    expires_at: int | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BatchStatus:
        counts = data.get("request_counts") or {}
        errors = [str(e.get("message", e)) for e in ((data.get("errors") or {}).get("data") or [])]
        return cls(
            id=str(data["id"]), status=str(data.get("status", "")), total=int(counts.get("total") or 0),
            completed=int(counts.get("completed") or 0), failed=int(counts.get("failed") or 0),
            created_at=data.get("created_at"), expires_at=data.get("expires_at"),
            output_file_id=data.get("output_file_id"), error_file_id=data.get("error_file_id"), errors=errors,
        )


class BatchApi:
    def __init__(self, config: ClientConfig, session: requests.Session | None = None) -> None:
        self._config = config
        self._session = session or requests.Session()

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if not self._config.api_key:
            # The same words as the live client's, from its context.
            raise AuthenticationError(
                translate("GroqApiClient", "No API key is set."),
                status=401,
                hint=translate("GroqApiClient", "Add your Groq API key in Settings."),
            )
        headers = {"Authorization": f"Bearer {self._config.api_key.reveal()}"}
        try:
            response = self._session.request(method, self._config.api_root + path, headers=headers,
                                             timeout=(self._config.connect_timeout, self._config.timeout), **kwargs)
        except requests.RequestException as exc:
            raise ConnectionFailedError(
                translate("GroqApiClient", "Could not reach {url}: {error}.").format(
                    url=self._config.base_url, error=type(exc).__name__
                )
            ) from exc
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content, response.headers)
        return response

    def upload(self, content: bytes, filename: str = "batch.jsonl") -> str:
        response = self._call("POST", "/files", data={"purpose": "batch"},
                              files={"file": (filename, content, "application/jsonl")})
        return str(response.json()["id"])

    def create(self, input_file_id: str, endpoint: str, window: str = "24h",
               metadata: dict[str, str] | None = None) -> BatchStatus:
        body: dict[str, Any] = {"input_file_id": input_file_id, "endpoint": endpoint, "completion_window": window}
        if metadata:
            body["metadata"] = metadata
        return BatchStatus.from_json(self._call("POST", "/batches", json=body).json())

    def get(self, batch_id: str) -> BatchStatus:
        return BatchStatus.from_json(self._call("GET", f"/batches/{batch_id}").json())

    def list(self, after: str | None = None, limit: int = 20) -> tuple[list[BatchStatus], bool]:
        params: dict[str, Any] = {"limit": limit, **({"after": after} if after else {})}
        data = self._call("GET", "/batches", params=params).json()
        return [BatchStatus.from_json(b) for b in data.get("data", [])], bool(data.get("has_more"))

    def cancel(self, batch_id: str) -> BatchStatus:
        return BatchStatus.from_json(self._call("POST", f"/batches/{batch_id}/cancel").json())

    def content(self, file_id: str) -> bytes:
        return self._call("GET", f"/files/{file_id}/content").content

    def delete_file(self, file_id: str) -> None:
        self._call("DELETE", f"/files/{file_id}")

    def close(self) -> None:
        self._session.close()
