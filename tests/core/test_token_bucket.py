"""The shared bucket, and the margin that keeps the client from firing into a lagging server."""

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from groq_desktop.core.quota.token_bucket import TokenBucket


def test_refill_is_continuous_and_reset_is_time_to_full() -> None:
    bucket = TokenBucket.full(2000, 86400, 0.0)
    bucket.take(1, 0.0)
    assert bucket.reset_in(0.0) == pytest.approx(43.2)  # Groq's captures: 86400 / 2000
    assert bucket.available(21.6) == pytest.approx(1999.5)
    assert bucket.wait_for(2001, 0.0) == math.inf


def test_a_bucket_full_for_long_lets_a_whole_burst_through_despite_the_margin() -> None:
    bucket = TokenBucket.full(10, 60, 0.0)
    for _ in range(10):
        assert bucket.wait_for(1, 100.0, margin=0.25) == 0
        bucket.take(1, 100.0)


def test_fresh_refill_waits_for_the_margin() -> None:
    bucket = TokenBucket.full(1, 60, 0.0)
    bucket.take(1, 0.0)
    assert bucket.wait_for(1, 0.0, margin=0.25) == pytest.approx(60.25)
    assert bucket.wait_for(1, 60.0, margin=0.25) == pytest.approx(0.25)
    assert bucket.wait_for(1, 60.25, margin=0.25) == 0


requests = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=3),  # gap before the client wants to send
        st.floats(min_value=0.1, max_value=5),  # amount
        st.floats(min_value=0, max_value=1),  # the server's admission delay, as a share of the margin
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(requests, st.floats(min_value=5, max_value=20), st.floats(min_value=1, max_value=30))
# Found by hypothesis: a bucket taken from just after it filled still owes the server the refill
# that made it full (the server, admitting our first request late, fills later).
@example(plan=[(0.0, 2.0, 1.0), (0.0, 4.0, 0.0), (0.0, 1.0, 0.0)], capacity=5.0, window=1.0)
def test_a_server_admitting_up_to_a_margin_later_never_refuses(
    plan: list[tuple[float, float, float]], capacity: float, window: float
) -> None:
    margin = 0.5
    client = TokenBucket.full(capacity, window, 0.0)
    now = 0.0
    arrivals: list[tuple[float, float]] = []
    for gap, amount, delay_share in plan:
        now += gap
        now += client.wait_for(amount, now, margin)
        client.take(amount, now)
        arrivals.append((now + delay_share * margin, amount))
    server = TokenBucket.full(capacity, window, 0.0)
    for at, amount in sorted(arrivals):
        assert server.available(at) >= amount - 1e-6, "the server would have answered 429"
        server.take(amount, at)
