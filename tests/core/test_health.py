from collections.abc import Callable
from typing import Any

from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.api.health import check_health
from groq_desktop.core.api.retry import RetryPolicy
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import RateLimiter
from groq_desktop.core.secrets import Secret
from tests.conftest import TEST_KEY


def client_for(base_url: str, key: str = TEST_KEY) -> GroqApiClient:
    return GroqApiClient(
        ClientConfig(api_key=Secret(key), base_url=base_url, max_retries=0), retry=RetryPolicy(max_retries=0)
    )


def test_healthy(emulator: Any) -> None:
    limiter = RateLimiter()
    limiter.try_reserve("llama-3.1-8b-instant", Cost(tokens=10))
    report = check_health(client_for(emulator.base_url), None, limiter)
    assert report.ok and report.reachable and report.key_valid
    assert report.latency is not None and report.latency > 0
    assert report.model_count and report.model_count >= 5
    assert report.limited_models == 1 and not report.closed_dimensions
    assert "key valid" in report.summary()


def test_wrong_key(emulator_factory: Callable[..., Any]) -> None:
    server = emulator_factory(api_key="gsk_only_this_key_works")
    report = check_health(client_for(server.base_url))
    assert report.reachable and report.key_valid is False and not report.ok
    assert report.problem and "API key" in report.problem


def test_unreachable() -> None:
    report = check_health(client_for("http://127.0.0.1:9"))
    assert not report.reachable and report.key_valid is None and report.latency is None
    assert report.problem and "connection" in report.problem
