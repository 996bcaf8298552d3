"""ChatService reliability: reply versions, storage failures at the end of a reply, quota accounting of
stopped and broken streams, and no SQLite write under the lock the UI thread takes for every flush."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from groq_desktop.core.quota.limits import Cost
from groq_desktop.core.quota.rate_limiter import Reservation
from groq_desktop.core.store.storage import MessageStatus
from groq_desktop.services.chat import ChatEvent, StorageWriteError
from tests.conftest import TEST_KEY
from tests.services.test_chat_service import LONG, MODEL, Recorder, make_chat, run

__all__ = ["make_chat"]  # the fixture, re-used


def test_regenerate_keeps_the_old_reply_until_the_new_one_succeeds_and_versions_are_browsable(make_chat) -> None:
    chat, services, _ = make_chat(tokens_per_second=2000.0)
    conversation = chat.create_conversation(MODEL)
    sent: list[list[dict[str, Any]]] = []
    real_stream = services.client.stream_chat

    def spy(model: str, messages: Any, **params: Any) -> Any:
        sent.append(messages)
        return real_stream(model, messages, **params)

    services.client.stream_chat = spy  # type: ignore[method-assign]
    during: list[str] = []

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=200]] Hi", Recorder())
        await chat.wait_finished(reply_id)
        first = chat.storage.get_message(reply_id).content
        regen = Recorder()
        assert await chat.regenerate(conversation.id, regen) == reply_id
        await regen.first_delta.wait()
        during.append(chat.storage.get_message(reply_id).content)
        assert during[0] == first  # the old reply is still the stored one while the new one streams
        await chat.wait_finished(reply_id)
        new = chat.storage.get_message(reply_id)
        assert (new.version, new.version_count, new.content) == (2, 2, regen.text)
        assert regen.last().message is not None and regen.last().message.content == regen.text
        old = chat.select_version(reply_id, 1)
        assert (old.version, old.version_count, old.content) == (1, 2, first)
        await chat.wait_finished(await chat.send(conversation.id, "And then?", Recorder()))
        assert sent[-1][1] == {"role": "assistant", "content": first}  # the chosen version is the history

    run(services, scenario)


@pytest.mark.parametrize("how", ["stop", "cut"])
def test_a_stopped_or_failed_regeneration_leaves_the_old_reply_and_keeps_the_attempt_visible(
    make_chat, how: str
) -> None:
    chat, services, emulator = make_chat(tokens_per_second=400.0)
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
    regen = Recorder()

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=20]] Hi", Recorder())
        await chat.wait_finished(reply_id)
        if how == "cut":
            emulator.inject("CUT")
        await chat.regenerate(conversation.id, regen)
        if how == "stop":
            await regen.first_delta.wait()
            chat.stop(reply_id)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    reply = chat.storage.list_messages(conversation.id)[1]
    assert reply.status == MessageStatus.COMPLETE and reply.version == 1 and reply.content
    assert regen.kinds[-1] == ("stopped" if how == "stop" else "error")
    assert regen.last().message.content == reply.content  # the view gets the old reply back
    if regen.text:
        assert reply.version_count == 2
        attempt = chat.storage.select_version(reply.id, 2)
        assert attempt.content == regen.text
        assert attempt.status == (MessageStatus.STOPPED if how == "stop" else MessageStatus.ERROR)
    else:
        assert reply.version_count == 1


def test_a_storage_error_at_the_end_of_a_reply_ends_it_keeps_the_text_and_saves_it_later(
    make_chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    real_update = services.storage.update_message
    broken = threading.Event()
    broken.set()

    def update(message_id: int, **values: Any) -> Any:
        if broken.is_set() and values.get("status") is not None:
            raise sqlite3.OperationalError("database is locked")
        return real_update(message_id, **values)

    monkeypatch.setattr(services.storage, "update_message", update)
    recorder = Recorder()
    holder: list[int] = []

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, "[[emulator reply_tokens=100]] Hi", recorder)
        holder.append(reply_id)
        await asyncio.wait_for(chat.wait_finished(reply_id), 10)
        assert not chat.is_busy(conversation.id)
        assert chat.unsaved_message_ids() == [reply_id]
        broken.clear()
        # The next save opportunity (here: the next message) saves it.
        await chat.wait_finished(await chat.send(conversation.id, "Next", Recorder()))

    run(services, scenario)
    last = recorder.last()
    assert last.kind == "done" and last.save_error and "database is locked" in last.save_error
    assert last.message is not None and last.message.content == recorder.text != ""
    assert last.message.status == MessageStatus.COMPLETE
    stored = chat.storage.get_message(holder[0])
    assert stored.status == MessageStatus.COMPLETE and stored.content == recorder.text
    assert chat.unsaved_message_ids() == []


def test_a_message_that_cannot_be_stored_raises_a_clear_error(make_chat, monkeypatch: pytest.MonkeyPatch) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(services.storage, "add_message", full)
    errors: list[BaseException] = []

    async def scenario() -> None:
        try:
            await chat.send(conversation.id, "Hello", Recorder())
        except StorageWriteError as exc:
            errors.append(exc)

    run(services, scenario)
    assert errors and "disk is full" in str(errors[0])
    assert not chat.is_busy(conversation.id)


class _Settled:
    """Spies on the limiter: what each chat reservation was settled with, or that it was released."""

    def __init__(self, limiter: Any) -> None:
        self.settled: list[Cost] = []
        self.released: list[Reservation] = []
        real_settle, real_release = limiter.settle, limiter.release

        def settle(reservation: Reservation, actual: Cost) -> None:
            self.settled.append(actual)
            real_settle(reservation, actual)

        def release(reservation: Reservation) -> None:
            self.released.append(reservation)
            real_release(reservation)

        limiter.settle, limiter.release = settle, release


class _CountingStream:
    def __init__(self, stream: Any, chunks: list[int]) -> None:
        self._stream, self._chunks = stream, chunks

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __iter__(self) -> Any:
        for delta in self._stream:
            if delta.content or delta.reasoning:
                self._chunks[0] += 1
            yield delta


@pytest.mark.parametrize("how", ["stop", "cut"])
def test_a_stopped_or_broken_stream_is_billed_the_prompt_plus_the_tokens_streamed(make_chat, how: str) -> None:
    chat, services, emulator = make_chat(tokens_per_second=400.0)
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
    spy = _Settled(services.limiter)
    chunks = [0]
    prompts: list[int] = []
    real_stream = services.client.stream_chat

    def counting(model: str, messages: Any, **params: Any) -> Any:
        prompts.append(chat.token_counter.estimate_prompt_tokens(model, messages))
        return _CountingStream(real_stream(model, messages, **params), chunks)

    services.client.stream_chat = counting  # type: ignore[method-assign]
    recorder = Recorder()

    async def scenario() -> None:
        if how == "cut":
            emulator.inject("CUT")
        reply_id = await chat.send(conversation.id, LONG if how == "stop" else "[[emulator reply_tokens=300]] Hi",
                                   recorder)
        if how == "stop":
            await recorder.first_delta.wait()
            chat.stop(reply_id)
        await chat.wait_finished(reply_id)

    run(services, scenario)
    assert recorder.kinds[-1] == ("stopped" if how == "stop" else "error")
    assert chunks[0] > 0 and not spy.released
    assert [c.tokens for c in spy.settled] == [prompts[0] + chunks[0]]


def test_a_request_that_never_reached_the_server_gives_its_tokens_back(make_chat) -> None:
    chat, services, _ = make_chat(key="gsk_wrong_key_0000", api_key=TEST_KEY)
    conversation = chat.create_conversation(MODEL)
    spy = _Settled(services.limiter)

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hi", Recorder()))

    run(services, scenario)
    assert len(spy.released) == 1 and not spy.settled


def test_the_worker_saves_without_holding_the_lock_the_loop_needs(make_chat, monkeypatch: pytest.MonkeyPatch) -> None:
    chat, services, _ = make_chat(tokens_per_second=400.0)
    conversation = chat.create_conversation(MODEL)
    chat.update_settings(conversation.id, params={"max_completion_tokens": 5000})
    real_update = services.storage.update_message
    entered, release = threading.Event(), threading.Event()

    def update(message_id: int, **values: Any) -> Any:
        if values.get("status") is None and not entered.is_set():
            entered.set()
            release.wait(10)  # a slow disk under the worker's periodic save
        return real_update(message_id, **values)

    monkeypatch.setattr(services.storage, "update_message", update)

    async def scenario() -> None:
        reply_id = await chat.send(conversation.id, LONG, Recorder())
        await asyncio.to_thread(release.wait, 20)
        chat.stop(reply_id)
        await chat.wait_finished(reply_id)

    with ThreadPoolExecutor(1) as pool:
        done = pool.submit(run, services, scenario)
        try:
            assert entered.wait(10)
            # Checked from this thread: the loop's thread would itself hang on the lock if it were held.
            lock = next(iter(chat._active.values())).lock
            free = lock.acquire(timeout=1)
            if free:
                lock.release()
        finally:
            release.set()
        done.result(timeout=30)
    assert free


def test_events_carry_the_final_row(make_chat) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(MODEL)
    events: list[ChatEvent] = []

    async def scenario() -> None:
        await chat.wait_finished(await chat.send(conversation.id, "Hi", events.append))

    run(services, scenario)
    assert events[-1].message == chat.storage.list_messages(conversation.id)[1]
