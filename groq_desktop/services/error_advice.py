"""Specific, actionable words for the answers that are about the account or the model, not the request.

The error classes carry a generic hint per status; here the chat and transcription services replace
it with one that says what happened and what to do (spend limit, bad key, blocked network, flex
capacity, a retired model with its replacement).
"""

from __future__ import annotations

from groq_desktop.core.catalogue import Retirement
from groq_desktop.errors import (
    WEB_PAGE_HINT,
    ApiError,
    AuthenticationError,
    CapacityExceededError,
    GroqDesktopError,
    PermissionDeniedError,
)
from groq_desktop.i18n import translate

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
    model, date, replacement = retirement.model, retirement.date, retirement.replacement
    if date and replacement:
        text = translate("error_advice", "Groq retired {model} on {date}. Continue with {replacement}.")
    elif date:
        text = translate("error_advice", "Groq retired {model} on {date}. Pick another model.")
    elif replacement:
        text = translate("error_advice", "Groq retired {model} earlier. Continue with {replacement}.")
    else:
        text = translate("error_advice", "Groq retired {model} earlier. Pick another model.")
    return text.format(model=model, date=date, replacement=replacement)


def advise(error: GroqDesktopError, *, retirement: Retirement | None = None, flex: bool = False) -> GroqDesktopError:
    """The same error with a hint that fits what Groq said (changed in place and returned)."""
    if not isinstance(error, ApiError):
        return error
    code = (error.code or "").lower()
    if retirement is not None and model_gone(error):
        error.hint = retirement_text(retirement)
    elif code == "blocked_api_access":
        error.hint = translate(
            "error_advice",
            "Your organisation's spend limit is reached, so Groq blocks requests until it is raised: {url}",
        ).format(url=BILLING_URL)
    elif isinstance(error, AuthenticationError) or code == "invalid_api_key":
        error.hint = translate(
            "error_advice",
            "Groq refused the API key (wrong, revoked or deleted): create one at {url} and paste it in Settings.",
        ).format(url=KEYS_URL)
    elif isinstance(error, PermissionDeniedError) and error.hint != translate("GroqDesktopError", WEB_PAGE_HINT):
        error.hint = translate(
            "error_advice",
            "Access denied (403): your organisation may not allow this model or endpoint, or a proxy on "
            "your network blocked the request. Check the model's permissions in the console, or the network.",
        )
    elif isinstance(error, CapacityExceededError) or code == "capacity_exceeded":
        error.hint = (
            translate(
                "error_advice",
                "Groq's flex tier has no capacity right now (the app retried with jitter). Try again, switch the "
                "service tier to on_demand, or allow falling back to on-demand in Parameters.",
            )
            if flex
            else translate(
                "error_advice",
                "Groq has no capacity for this request right now (the app retried with jitter); try again shortly.",
            )
        )
    return error
