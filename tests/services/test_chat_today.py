"""ChatService and Groq as it is today: retired models, planned reply length, Continue, tiers, account errors."""

from __future__ import annotations

from typing import Any

from groq_desktop.core.quota.limits import ModelLimits
from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.errors import CapacityExceededError, NotFoundError, error_from_response
from groq_desktop.services.error_advice import BILLING_URL, advise, model_gone
from groq_desktop.services.reply_budget import ReplyEstimator
from tests.services import test_chat_service as base
from tests.services.test_chat_service import Recorder, run

make_chat = base.make_chat  # the same fixture: ChatService against a fresh emulator

RETIRED = "moonshotai/kimi-k2-instruct-0905"
MODEL = "openai/gpt-oss-20b"  # a model Groq offers today


def _spy(services: Any) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    real_stream = services.client.stream_chat

    def spy(model: str, messages: Any, **params: Any) -> Any:
        sent.append({"model": model, "messages": messages, **params})
        return real_stream(model, messages, **params)

    services.client.stream_chat = spy
    return sent


def test_a_model_groq_says_is_gone_is_marked_retired_with_its_date_and_replacement(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(RETIRED)
    recorder = Recorder()

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hello", recorder))

    assert not services.registry.get(RETIRED)
    run(services, scenario)
    error = recorder.last().error
    assert isinstance(error, NotFoundError) and error.code == "model_not_found"
    assert services.registry.get(RETIRED).retired  # type: ignore[union-attr]
    assert chat.model_is_gone(RETIRED)
    assert "Groq retired moonshotai/kimi-k2-instruct-0905 on 2026-04-15." in error.hint
    assert "Continue with openai/gpt-oss-120b." in error.hint
    assert services.registry.retirement(RETIRED).replacement == "openai/gpt-oss-120b"


def test_both_shapes_of_a_gone_model_are_recognised() -> None:
    not_found = error_from_response(404, {"error": {
        "message": "The model `x` does not exist or you do not have access to it.",
        "type": "invalid_request_error", "code": "model_not_found"}})
    decommissioned = error_from_response(400, {"error": {
        "message": "The model `x` has been decommissioned and is no longer supported.",
        "type": "invalid_request_error", "code": "model_decommissioned"}})
    other = error_from_response(400, {"error": {"message": "bad temperature", "type": "invalid_request_error"}})
    assert model_gone(not_found) and model_gone(decommissioned) and not model_gone(other)


def test_account_level_answers_get_specific_hints() -> None:
    blocked = advise(error_from_response(400, {"error": {
        "message": "Organization has been restricted.", "type": "invalid_request_error",
        "code": "blocked_api_access"}}))
    assert "spend limit" in blocked.hint and BILLING_URL in blocked.hint
    key = advise(error_from_response(401, {"error": {"message": "Invalid API Key", "code": "invalid_api_key"}}))
    assert "API key" in key.hint and "console.groq.com/keys" in key.hint
    denied = advise(error_from_response(403, {"error": {"message": "Forbidden"}}))
    assert "403" in denied.hint and "proxy" in denied.hint
    page = advise(error_from_response(403, b"<html><title>Blocked by proxy</title><body>no</body></html>"))
    assert page.hint.startswith("This answer is a web page")
    flex = advise(error_from_response(498, {"error": {"message": "capacity", "code": "capacity_exceeded"}}), flex=True)
    assert "flex" in flex.hint and "on_demand" in flex.hint


def test_a_reply_cut_at_the_length_limit_is_continued_into_the_same_reply(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 60, "include_reasoning": False})
    sent = _spy(services)
    first, second = Recorder(), Recorder()

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=5000]] Tell me everything.", first)
        await chat.wait_finished(reply_id)
        await chat.wait_finished(await chat.continue_reply(reply_id, second))

    run(services, scenario)
    assert first.last().facts["finish_reason"] == "length"
    messages = chat.storage.list_messages(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant"]  # stored as one reply
    reply = messages[1]
    assert reply.status == MessageStatus.COMPLETE
    assert reply.content == first.text + second.text and second.text
    assert reply.facts["parts"] == 2
    first_tokens = first.last().facts["completion_tokens"]
    assert reply.facts["completion_tokens"] > first_tokens  # the parts' tokens add up
    # The continuation asks the model to go on, with the cut reply in the history.
    continued = sent[1]["messages"]
    assert continued[-2] == {"role": "assistant", "content": first.text}
    assert continued[-1]["role"] == "user" and "Continue" in continued[-1]["content"]


def test_the_reservation_for_an_open_reply_is_learned_from_recent_replies() -> None:
    estimator = ReplyEstimator()
    for tokens in [100] * 9 + [5000]:
        estimator.observe("m", tokens)
    assert estimator.estimate("m") == 100  # the 90th percentile, not the outlier
    for tokens in [800] * 10:
        estimator.observe("m", tokens)
    assert estimator.estimate("m") == 800
    assert estimator.estimate("m", cap=500) == 500
    assert estimator.estimate("other") == 1024  # nothing seen yet


def test_otpm_caps_the_default_reply_length(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    sent = _spy(services)
    services.limiter.set_limits(MODEL, ModelLimits.from_mapping({"RPM": 30, "TPM": 8000, "OTPM": 700}))

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hello", Recorder()))

    run(services, scenario)
    # A known output budget: the default asks for all of it, and the quota holds all of it (Groq
    # checks the sent max_completion_tokens against OTPM before the model runs).
    assert sent[0]["max_completion_tokens"] == 700
    job = next(j for j in services.scheduler.jobs() if j.kind == "chat")
    assert job.cost.output_tokens == 700


def test_service_tier_is_sent_on_paid_plans_only(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    # The emulator enforces the free plan: a small reply keeps the developer-plan request admissible there.
    chat.update_settings(conversation.id, params={"service_tier": "auto", "max_completion_tokens": 50})
    sent = _spy(services)

    async def twice() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hello", Recorder()))
        services.limiter.set_plan("developer")
        await chat.wait_finished(await chat.send(conversation.id, "Again", Recorder()))

    run(services, twice)
    assert "service_tier" not in sent[0]
    assert sent[1]["service_tier"] == "auto"


def test_flex_without_capacity_falls_back_to_on_demand_when_allowed(make_chat) -> None:
    chat, services, _ = make_chat()
    services.limiter.set_plan("developer")
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"service_tier": "flex", "flex_fallback": True, "max_completion_tokens": 50})
    tiers: list[str | None] = []
    real_stream = services.client.stream_chat

    def flex_full(model: str, messages: Any, **params: Any) -> Any:
        tiers.append(params.get("service_tier"))
        if params.get("service_tier") == "flex":
            raise CapacityExceededError("Flex capacity exceeded", status=498, code="capacity_exceeded")
        return real_stream(model, messages, **params)

    services.client.stream_chat = flex_full
    recorder = Recorder()

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hello", recorder))

    run(services, scenario)
    assert tiers == ["flex", "on_demand"]
    assert recorder.last().kind == "done"



def test_the_reply_estimate_is_learned_from_the_usage_log_after_a_restart(make_chat) -> None:
    import time

    from groq_desktop.core.store.storage import UsageRecord

    chat, services, _ = make_chat()
    for tokens in [300] * 20:
        services.storage.log_usage(UsageRecord(at=time.time(), model=MODEL, kind="chat", status=200,
                                               prompt_tokens=20, completion_tokens=tokens))
    conversation = chat.create_conversation(MODEL)
    sent = _spy(services)

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hello", Recorder()))

    run(services, scenario)
    job = next(j for j in services.scheduler.jobs() if j.kind == "chat")
    prompt = chat.token_counter.estimate_prompt_tokens(MODEL, sent[0]["messages"])
    assert job.cost.tokens == prompt + 300
