"""Specific, actionable words for the answers that are about the account or the model, not the request.

The error classes carry a generic hint per status; here the chat and transcription services replace
it with one that says what happened and what to do (spend limit, bad key, blocked network, flex
capacity, a retired model with its replacement).
"""

from __future__ import annotations

from groq_desktop.core.catalogue import Retirement
from groq_desktop.errors import (
    ApiError,
    AuthenticationError,
    CapacityExceededError,
    GroqDesktopError,
    PermissionDeniedError,
)

BILLING_URL = "https://console.groq.com/settings/billing"
KEYS_URL = "https://console.groq.com/keys"
MODEL_GONE_CODES = frozenset({"model_not_found", "model_decommissioned"})


def model_gone(error: BaseException) -> bool:
    """Both shapes Groq uses for a model that is gone: 404 model_not_found and 400 model_decommissioned."""
    if not isinstance(error, ApiError):
        return False
    if error.code in MODEL_GONE_CODES:
        return True
    return error.status == 404 and "model" in error.message.lower() and "does not exist" in error.message.lower()


def retirement_text(retirement: Retirement) -> str:
    when = f"on {retirement.date}" if retirement.date else "earlier"
    then = f" Continue with {retirement.replacement}." if retirement.replacement else " Pick another model."
    return f"Groq retired {retirement.model} {when}.{then}"


def advise(error: GroqDesktopError, *, retirement: Retirement | None = None, flex: bool = False) -> GroqDesktopError:
    """The same error with a hint that fits what Groq said (changed in place and returned)."""
    if not isinstance(error, ApiError):
        return error
    code = (error.code or "").lower()
    if retirement is not None and model_gone(error):
        error.hint = retirement_text(retirement)
    elif code == "blocked_api_access":
        error.hint = (
            "Your organisation's spend limit is reached, so Groq blocks requests until it is raised: "
            f"{BILLING_URL}"
        )
    elif isinstance(error, AuthenticationError) or code == "invalid_api_key":
        error.hint = f"Groq refused the API key (wrong, revoked or deleted): create one at {KEYS_URL} and paste it in Settings."
    elif isinstance(error, PermissionDeniedError) and not error.hint.startswith("This answer is a web page"):
        error.hint = (
            "Access denied (403): your organisation may not allow this model or endpoint, or a proxy on "
            "your network blocked the request. Check the model's permissions in the console, or the network."
        )
    elif isinstance(error, CapacityExceededError) or code == "capacity_exceeded":
        error.hint = (
            "Groq's flex tier has no capacity right now (the app retried with jitter). Try again, switch the "
            "service tier to on_demand, or allow falling back to on-demand in Parameters."
            if flex
            else "Groq has no capacity for this request right now (the app retried with jitter); try again shortly."
        )
    return error
