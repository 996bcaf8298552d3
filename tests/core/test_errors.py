import json

import pytest

from groq_desktop import errors
from groq_desktop.errors import error_from_response, format_wait

TPM_429 = {
    "error": {
        "message": "Rate limit reached for model `llama-3.1-8b-instant` in organization `org_x` service tier "
        "`on_demand` on tokens per minute (TPM): Limit 6000, Used 4093, Requested 3531. Please try again in "
        "16.239999999s. Need more tokens?",
        "type": "tokens",
        "code": "rate_limit_exceeded",
    }
}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (413, errors.RequestTooLargeError),
        (422, errors.UnprocessableEntityError),
        (424, errors.FailedDependencyError),
        (429, errors.RateLimitError),
        (498, errors.CapacityExceededError),
        (500, errors.ServerError),
        (502, errors.ServerError),
        (503, errors.ServerError),
        (418, errors.ApiError),
    ],
)
def test_status_maps_to_class_with_server_fields(status: int, cls: type) -> None:
    body = json.dumps({"error": {"message": "boom", "type": "t", "code": "c", "param": "p"}})
    err = error_from_response(status, body.encode(), {"x-request-id": "req_123"})
    assert type(err) is cls
    assert (err.status, err.message, err.error_type, err.code, err.param, err.request_id) == (
        status,
        "boom",
        "t",
        "c",
        "p",
        "req_123",
    )
    assert err.hint and err.hint.endswith(".")
    assert "req_123" in err.user_text()


def test_rate_limit_error_reads_dimension_numbers_and_longest_wait() -> None:
    err = error_from_response(429, json.dumps(TPM_429), {"retry-after": "17"})
    assert isinstance(err, errors.RateLimitError)
    assert (err.dimension, err.limit, err.used, err.requested) == ("TPM", 6000, 4093, 3531)
    assert err.retry_after == 17
    assert not err.is_daily


def test_daily_limit_is_reported_as_such() -> None:
    body = {
        "error": {
            "message": "Rate limit reached ... on tokens per day (TPD): Limit 100000, Used 99000, "
            "Requested 2000. Please try again in 2h14m5.5s.",
            "code": "rate_limit_exceeded",
        }
    }
    err = error_from_response(429, json.dumps(body), {"retry-after": "8046"})
    assert isinstance(err, errors.RateLimitError)
    assert err.is_daily and err.dimension == "TPD"
    assert err.retry_after == pytest.approx(8046)
    assert "daily quota" in err.hint and "2 h 14 min" in err.hint


def test_non_json_and_empty_bodies_still_give_a_message() -> None:
    assert "Bad Gateway" in error_from_response(502, b"<html>Bad Gateway</html>").message
    assert error_from_response(500, b"").message == "HTTP 500 from Groq"


def test_retryable_classification() -> None:
    assert errors.ServerError("x").retryable and errors.CapacityExceededError("x").retryable
    assert errors.ConnectionFailedError("x").retryable
    assert not errors.RateLimitError("x").retryable and not errors.BadRequestError("x").retryable


def test_format_wait() -> None:
    assert format_wait(12) == "12 s"
    assert format_wait(600) == "10 min"
    assert format_wait(3 * 3600 + 20 * 60) == "3 h 20 min"


TPM_429_BYTES = (
    b'{"error":{"message":"Rate limit reached for model `llama-3.1-8b-instant` in organization `org_x` service tier '
    b"`on_demand` on tokens per minute (TPM): Limit 6000, Used 5900, Requested 300. Please try again in 7.66s. "
    b'Need more tokens?","type":"tokens","code":"rate_limit_exceeded"}}'
)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-3", "1e400", "later"])
@pytest.mark.parametrize("header", ["retry-after", "retry-after-ms"])
def test_an_unusable_retry_after_neither_crashes_nor_shortens_the_wait(header: str, value: str) -> None:
    err = error_from_response(429, TPM_429_BYTES, {header: value})
    assert isinstance(err, errors.RateLimitError)
    assert err.retry_after == pytest.approx(7.66)  # before: nan, inf or the negative number won


def test_a_go_duration_retry_after_counts_and_the_longer_wait_wins() -> None:
    assert error_from_response(429, TPM_429_BYTES, {"retry-after": "1m30s"}).retry_after == pytest.approx(90)
    assert error_from_response(429, TPM_429_BYTES, {"retry-after": "2"}).retry_after == pytest.approx(7.66)


BLOCK_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Access Denied</title><style>body { color: red }</style>"
    b"<script>var tracking = 1;</script></head><body><h1>Access Denied</h1><p>"
    + b"Your request was blocked by the corporate web filter. " * 40
    + b"</p></body></html>"
)


def test_an_html_block_page_gives_a_short_message_and_a_network_hint() -> None:
    err = error_from_response(403, BLOCK_PAGE, {"content-type": "text/html"})
    assert isinstance(err, errors.PermissionDeniedError)
    assert err.message == "HTTP 403 Forbidden: Access Denied"  # before: 500 characters of HTML
    assert "proxy" in err.hint and "firewall" in err.hint


def test_a_page_without_a_title_and_plain_text_are_cut_to_a_short_excerpt() -> None:
    untitled = error_from_response(403, b"<html><body><p>" + b"Blocked &amp; logged. " * 50 + b"</p></body></html>")
    assert untitled.message.startswith("HTTP 403 Forbidden: Blocked & logged.")
    assert len(untitled.message) < 200 and "<" not in untitled.message and untitled.message.endswith("…")
    text = error_from_response(502, b"upstream connect error or disconnect/reset before headers\n" * 20)
    assert isinstance(text, errors.ServerError) and len(text.message) < 200
    assert text.message.startswith("HTTP 502 Bad Gateway: upstream connect error")
