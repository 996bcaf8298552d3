"""The emulator's per-model quota state, driven by a fake clock."""

from __future__ import annotations

import math

import pytest

from groq_desktop.core.quota.durations import parse_go_duration
from groq_desktop.core.quota.limits import Cost, Dimension, LimitTable, ModelLimits
from groq_desktop.emulator.quota import AUDIO_DIMENSIONS, CHAT_DIMENSIONS, QuotaBook
from groq_desktop.errors import parse_rate_limit_message

MODEL = "openai/gpt-oss-20b"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def book(clock: FakeClock, time_scale: float = 1.0, **limits: float) -> QuotaBook:
    quota = QuotaBook(LimitTable.load(), "free", time_scale, clock)
    if limits:
        quota.set_limits(MODEL, ModelLimits.from_mapping(limits))
    return quota


def test_admission_takes_from_every_dimension_and_headers_report_rpd_and_tpm(clock: FakeClock) -> None:
    quota = book(clock, RPM=30, RPD=14400, TPM=6000, TPD=500000)
    admission = quota.admit(MODEL, Cost(tokens=1000), CHAT_DIMENSIONS)
    assert admission.admitted
    headers = admission.headers
    assert headers["x-ratelimit-limit-requests"] == "14400"
    assert headers["x-ratelimit-remaining-requests"] == "14399"
    # One request of a 14,400-per-day bucket refills in 86400/14400 = 6 s.
    assert parse_go_duration(headers["x-ratelimit-reset-requests"]) == pytest.approx(6.0)
    assert headers["x-ratelimit-limit-tokens"] == "6000"
    assert headers["x-ratelimit-remaining-tokens"] == "5000"
    assert parse_go_duration(headers["x-ratelimit-reset-tokens"]) == pytest.approx(10.0)
    assert "x-ratelimit-limit-audio-seconds" not in headers


def test_tpm_shortage_gives_groq_429_with_exact_wait(clock: FakeClock) -> None:
    quota = book(clock, RPM=30, RPD=1000, TPM=6000, TPD=500000)
    assert quota.admit(MODEL, Cost(tokens=4093), CHAT_DIMENSIONS).admitted
    admission = quota.admit(MODEL, Cost(tokens=3531), CHAT_DIMENSIONS)
    rejection = admission.rejection
    assert rejection is not None and rejection.status == 429
    assert rejection.dimension is Dimension.TPM
    # 1624 tokens missing at 100 tokens/s.
    assert rejection.wait == pytest.approx(16.24)
    assert rejection.retry_after == 17
    body = rejection.error_body()["error"]
    assert body["type"] == "tokens" and body["code"] == "rate_limit_exceeded"
    assert body["message"].startswith(
        "Rate limit reached for model `openai/gpt-oss-20b` in organization `org_emulator` service tier "
        "`on_demand` on tokens per minute (TPM): Limit 6000, Used 4093, Requested 3531. Please try again in 16.24s."
    )
    parsed = parse_rate_limit_message(body["message"])
    assert parsed["dimension"] == "TPM" and parsed["wait"] == pytest.approx(16.24)
    # A refused request takes nothing.
    assert admission.headers["x-ratelimit-remaining-tokens"] == "1907"


def test_first_short_dimension_in_order_is_reported(clock: FakeClock) -> None:
    quota = book(clock, RPM=1, RPD=1000, TPM=100, TPD=500000)
    assert quota.admit(MODEL, Cost(tokens=90), CHAT_DIMENSIONS).admitted
    rejection = quota.admit(MODEL, Cost(tokens=90), CHAT_DIMENSIONS).rejection
    assert rejection is not None
    assert rejection.dimension is Dimension.RPM  # RPM comes before TPM even though both are short
    assert rejection.error_body()["error"]["type"] == "requests"
    assert rejection.wait == pytest.approx(60.0)


def test_daily_limit_reports_rpd_with_long_wait(clock: FakeClock) -> None:
    quota = book(clock, RPM=100, RPD=2)
    for _ in range(2):
        assert quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).admitted
    rejection = quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).rejection
    assert rejection is not None and rejection.dimension is Dimension.RPD
    assert rejection.wait == pytest.approx(43200.0)
    assert "requests per day (RPD)" in rejection.message
    assert parse_rate_limit_message(rejection.message)["wait"] == pytest.approx(43200.0)


def test_request_larger_than_whole_tpm_is_413(clock: FakeClock) -> None:
    quota = book(clock, RPM=30, RPD=1000, TPM=6000)
    rejection = quota.admit(MODEL, Cost(tokens=7000), CHAT_DIMENSIONS).rejection
    assert rejection is not None and rejection.status == 413 and math.isinf(rejection.wait)
    assert rejection.message.startswith(
        "Request too large for model `openai/gpt-oss-20b` in organization `org_emulator` service tier "
        "`on_demand` on tokens per minute (TPM): Limit 6000, Requested 7000, please reduce your message size"
    )
    assert rejection.error_body()["error"]["code"] == "rate_limit_exceeded"


def test_settle_refunds_unused_reservation_and_charges_overrun(clock: FakeClock) -> None:
    quota = book(clock, TPM=6000)
    quota.admit(MODEL, Cost(tokens=5000), CHAT_DIMENSIONS)
    quota.settle(MODEL, reserved=Cost(tokens=5000), actual=Cost(tokens=1200))
    assert quota.headers(MODEL)["x-ratelimit-remaining-tokens"] == "4800"
    quota.settle(MODEL, reserved=Cost(tokens=0), actual=Cost(tokens=800))
    assert quota.headers(MODEL)["x-ratelimit-remaining-tokens"] == "4000"


def test_time_scale_shrinks_windows_and_waits_are_real_seconds(clock: FakeClock) -> None:
    quota = book(clock, time_scale=60.0, RPM=2)
    quota.admit(MODEL, Cost(), CHAT_DIMENSIONS)
    quota.admit(MODEL, Cost(), CHAT_DIMENSIONS)
    rejection = quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).rejection
    assert rejection is not None and rejection.wait == pytest.approx(0.5)
    clock.now += 0.5
    assert quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).admitted


def test_audio_uses_audio_dimensions_with_ten_second_minimum(clock: FakeClock) -> None:
    quota = book(clock)
    whisper = "whisper-large-v3"
    admission = quota.admit(whisper, Cost.audio(3.0), AUDIO_DIMENSIONS)
    assert admission.admitted
    headers = admission.headers
    assert headers["x-ratelimit-limit-audio-seconds"] == "7200"
    assert headers["x-ratelimit-remaining-audio-seconds"] == "7190"
    assert headers["x-ratelimit-limit-requests"] == "2000"
    assert "x-ratelimit-limit-tokens" not in headers  # whisper has no TPM: header omitted
    quota.set_limits(whisper, ModelLimits.from_mapping({"ASH": 15}))
    assert quota.admit(whisper, Cost.audio(12.0), AUDIO_DIMENSIONS).admitted
    rejection = quota.admit(whisper, Cost.audio(1.0), AUDIO_DIMENSIONS).rejection
    assert rejection is not None and rejection.dimension is Dimension.ASH
    assert rejection.error_body()["error"]["type"] == "seconds"
    assert "audio seconds per hour (ASH): Limit 15, Used 12, Requested 10." in rejection.message


def test_reset_refills_and_unlimited_dimensions_are_not_enforced(clock: FakeClock) -> None:
    quota = book(clock, RPM=1)
    assert quota.admit(MODEL, Cost(tokens=10**9), CHAT_DIMENSIONS).admitted  # no TPM/TPD: not enforced
    assert not quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).admitted
    quota.reset()
    assert quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).admitted
    assert quota.headers(MODEL) == {}  # neither RPD nor TPM limited: no headers at all


def test_output_over_otpm_is_refused_with_a_429_asking_for_fewer_tokens(clock: FakeClock) -> None:
    quota = book(clock, TPM=8000, OTPM=1000, ITPM=7000)
    rejection = quota.admit(MODEL, Cost.chat(200, 1329), CHAT_DIMENSIONS).rejection
    assert rejection is not None and rejection.status == 429 and rejection.dimension is Dimension.OTPM
    assert (
        f"for model `{MODEL}` in organization `org_emulator` service tier `on_demand` on output tokens per "
        "minute (OTPM): Limit 1000, Requested 1329. Please reduce max_tokens" in rejection.message
    )
    too_long = quota.admit(MODEL, Cost.chat(7500, 10), CHAT_DIMENSIONS).rejection
    assert too_long is not None and too_long.status == 413 and too_long.dimension is Dimension.ITPM
    assert "on input tokens per minute (ITPM): Limit 7000, Requested 7500" in too_long.message
    # Within the budgets: OTPM takes max_tokens up front, then the real output is settled.
    assert quota.admit(MODEL, Cost.chat(100, 900), CHAT_DIMENSIONS).admitted
    busy = quota.admit(MODEL, Cost.chat(100, 200), CHAT_DIMENSIONS).rejection
    assert busy is not None and busy.status == 429 and "Used 900, Requested 200. Please try again in" in busy.message
    quota.settle(MODEL, Cost.chat(100, 900), Cost.chat(100, 50))
    assert quota.admit(MODEL, Cost.chat(100, 200), CHAT_DIMENSIONS).admitted


def test_unknown_limits_mode_advertises_nothing_but_enforces(clock: FakeClock) -> None:
    quota = QuotaBook(LimitTable.load(), "free", 1.0, clock, advertise=False)
    quota.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 1}))
    first = quota.admit(MODEL, Cost(), CHAT_DIMENSIONS)
    assert first.admitted and first.headers == {}
    assert quota.admit(MODEL, Cost(), CHAT_DIMENSIONS).rejection is not None
