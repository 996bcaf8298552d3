import random

from groq_desktop import errors
from groq_desktop.core.api.retry import RetryPolicy


def test_which_errors_are_retried() -> None:
    policy = RetryPolicy(max_retries=2)
    for err in (
        errors.ServerError("x"),
        errors.CapacityExceededError("x"),
        errors.ConnectionFailedError("x"),
        errors.RequestTimeoutError("x"),
    ):
        assert policy.should_retry(err, 0) and policy.should_retry(err, 1) and not policy.should_retry(err, 2)
    for err in (
        errors.RateLimitError("x"),
        errors.BadRequestError("x"),
        errors.AuthenticationError("x"),
        errors.NotFoundError("x"),
        errors.RequestTooLargeError("x"),
    ):
        assert not policy.should_retry(err, 0)


def test_backoff_is_bounded_exponential_with_jitter() -> None:
    policy = RetryPolicy(max_retries=10, base_delay=0.5, max_delay=8.0, rng=random.Random(1))
    delays = [[policy.delay(n) for _ in range(50)] for n in range(8)]
    for n, samples in enumerate(delays):
        ceiling = min(8.0, 0.5 * 2**n)
        assert all(ceiling / 2 <= d <= ceiling for d in samples)
        assert len(set(samples)) > 1
