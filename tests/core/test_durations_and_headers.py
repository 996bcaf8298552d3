import email.utils
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groq_desktop.core.quota.durations import format_go_duration, parse_go_duration, parse_retry_after
from groq_desktop.core.quota.headers import parse_rate_limit_headers
from groq_desktop.core.quota.limits import Dimension


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2m59.56s", 179.56),
        ("940ms", 0.94),
        ("1h2m3s", 3723.0),
        ("7.66s", 7.66),
        ("16.239999999s", 16.239999999),
        ("43.2s", 43.2),
        ("2", 2.0),
        ("1h", 3600.0),
        ("500us", 0.0005),
    ],
)
def test_every_pair_of_a_go_duration_counts(text: str, seconds: float) -> None:
    assert parse_go_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "abc", "2x", "1h-2m", "m5s", "5s2"])
def test_malformed_durations_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_go_duration(text)


@given(st.floats(min_value=0.001, max_value=3 * 86400, allow_nan=False))
def test_format_and_parse_round_trip(seconds: float) -> None:
    assert math.isclose(parse_go_duration(format_go_duration(seconds)), seconds, abs_tol=0.006)


def test_requests_headers_are_per_day_tokens_per_minute() -> None:
    headers = parse_rate_limit_headers(
        {
            "X-RateLimit-Limit-Requests": "14400",
            "x-ratelimit-remaining-requests": "14370",
            "x-ratelimit-reset-requests": "2m59.56s",
            "x-ratelimit-limit-tokens": "18000",
            "x-ratelimit-remaining-tokens": "17997",
            "x-ratelimit-reset-tokens": "7.66s",
            "retry-after": "2",
        }
    )
    requests = headers.reading(Dimension.RPD)
    tokens = headers.reading(Dimension.TPM)
    assert requests is not None and tokens is not None
    assert (requests.limit, requests.remaining, requests.reset_seconds) == (
        14400,
        14370,
        pytest.approx(179.56),
    )
    assert (tokens.limit, tokens.remaining, tokens.reset_seconds) == (18000, 17997, pytest.approx(7.66))
    assert headers.reading(Dimension.RPM) is None
    assert headers.retry_after == 2


def test_audio_headers_and_garbage_values() -> None:
    headers = parse_rate_limit_headers(
        {
            "x-ratelimit-limit-audio-seconds": "7200",
            "x-ratelimit-remaining-audio-seconds": "7190",
            "x-ratelimit-reset-audio-seconds": "5s",
            "x-ratelimit-limit-tokens": "lots",
        }
    )
    audio = headers.reading(Dimension.ASH)
    assert audio is not None and audio.remaining == 7190 and audio.reset_seconds == 5
    assert headers.reading(Dimension.TPM) is None
    assert not parse_rate_limit_headers({"content-type": "application/json"})


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "1e400", "-5", "-0.5", "-1s", "99999999999h"])
def test_unusable_durations_are_rejected_not_returned(text: str) -> None:
    with pytest.raises(ValueError):
        parse_go_duration(text)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-3", "1e400", "soon", ""])
def test_unusable_header_values_are_ignored(value: str) -> None:
    headers = parse_rate_limit_headers(
        {
            "x-ratelimit-limit-tokens": value,
            "x-ratelimit-remaining-tokens": value,
            "x-ratelimit-reset-tokens": value,
            "x-ratelimit-limit-requests": "14400",
            "x-ratelimit-remaining-requests": value,
            "retry-after": value,
        }
    )
    assert headers.reading(Dimension.TPM) is None  # before: nan/inf/negative numbers were taken as readings
    requests = headers.reading(Dimension.RPD)
    assert requests is not None and (requests.limit, requests.remaining, requests.reset_seconds) == (14400, None, None)
    assert headers.retry_after is None


@pytest.mark.parametrize(("value", "seconds"), [("2m59.56s", 179.56), ("940ms", 0.94), ("7", 7.0)])
def test_retry_after_may_be_a_go_duration(value: str, seconds: float) -> None:
    assert parse_rate_limit_headers({"retry-after": value}).retry_after == pytest.approx(seconds)


def test_retry_after_may_be_an_http_date() -> None:
    now = 1_700_000_000.0
    in_90_s = email.utils.formatdate(now + 90, usegmt=True)
    assert parse_retry_after(in_90_s, now=now) == pytest.approx(90)
    assert parse_retry_after(email.utils.formatdate(now - 90, usegmt=True), now=now) == 0.0
    assert parse_retry_after("Tuesday, sometime", now=now) is None
