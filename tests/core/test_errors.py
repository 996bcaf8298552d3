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
