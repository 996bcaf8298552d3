"""A health check the UI can call: is Groq reachable, is the key valid, how fast, what state."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.errors import AuthenticationError, GroqDesktopError, PermissionDeniedError, TransportError
from groq_desktop.i18n import number, translate


@dataclass(frozen=True)
class HealthReport:
    checked_at: float
    reachable: bool
    key_valid: bool | None  # None: could not tell (unreachable)
    latency: float | None
    model_count: int | None
    registry_age: float | None  # seconds since the model list was refreshed
    limited_models: int
    closed_dimensions: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.reachable and bool(self.key_valid)

    def summary(self) -> str:
        if self.ok:
            if self.latency:
                return translate("HealthReport", "Groq reachable, key valid, {ms} ms").format(
                    ms=number(self.latency * 1000)
                )
            return translate("HealthReport", "OK")
        return self.problem or translate("HealthReport", "Unknown problem")


def check_health(client: GroqApiClient, registry: object | None = None, limiter: object | None = None) -> HealthReport:
    """Blocking (one GET /models): call it from a worker thread."""
    started = time.perf_counter()
    reachable, key_valid, problem, count = False, None, None, None
    try:
        count = len(client.list_models())
        reachable, key_valid = True, True
    except (AuthenticationError, PermissionDeniedError) as exc:
        reachable, key_valid, problem = True, False, exc.user_text()
    except TransportError as exc:
        problem = exc.user_text()
    except GroqDesktopError as exc:
        reachable, problem = True, exc.user_text()
    latency = time.perf_counter() - started if reachable else None

    registry_age = None
    last = getattr(registry, "last_refreshed", None)
    if isinstance(last, (int, float)):
        registry_age = time.time() - last
    closed: list[str] = []
    models: list[str] = []
    if limiter is not None:
        snapshots = limiter.snapshot()  # type: ignore[attr-defined]
        models = sorted({s.model for s in snapshots})
        closed = [f"{s.model} {s.dimension.value}" for s in snapshots if s.closed_for > 0]
    return HealthReport(
        checked_at=time.time(),
        reachable=reachable,
        key_valid=key_valid,
        latency=latency,
        model_count=count,
        registry_age=registry_age,
        limited_models=len(models),
        closed_dimensions=closed,
        problem=problem,
    )
