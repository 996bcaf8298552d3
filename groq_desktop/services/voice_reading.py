"""Reading one reply aloud: sentences packed into requests, fetched ahead, played in order without gaps.

Reading may start while the reply is still streaming (``feed``): the first complete sentence is sent
at once (that is what the user waits for); later text is packed to fill each 200-character request,
and a request is sent early only when the audio ahead of the listener runs low.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from groq_desktop.core.voice.ports import AudioOutput, Clip, PlaybackListener
from groq_desktop.core.voice.speakable import Piece, SentenceStream, pack, speakable, split_sentences
from groq_desktop.core.voice.wav import wav_bytes
from groq_desktop.errors import GroqDesktopError, RateLimitError, RequestCancelledError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, number, translate
from groq_desktop.services.voice import ReadAloudBudgetSpent, Speech, VoiceService

log = logging.getLogger(__name__)

LOW_WATER_SECONDS = 4.0  # send a part-filled request when less audio than this is ready ahead
MAX_IN_FLIGHT = 2  # requests fetched ahead of playback (a stop wastes at most these; they stay cached)
CHARS_PER_SECOND = 15.0  # estimate of speech length before the audio exists


class ReadingState(StrEnum):
    WAITING = "waiting"  # for the first audio
    PLAYING = "playing"
    PAUSED = "paused"
    DONE = "done"
    STOPPED = "stopped"
    BUDGET_SPENT = "budget_spent"
    FAILED = "failed"

    def label(self) -> str:
        """The state in the user's language (the value stays the English key)."""
        return translate("ReadingState", _READING_LABELS[self])


_READING_LABELS = {
    ReadingState.WAITING: QT_TRANSLATE_NOOP("ReadingState", "Fetching speech…"),
    ReadingState.PLAYING: QT_TRANSLATE_NOOP("ReadingState", "Reading aloud"),
    ReadingState.PAUSED: QT_TRANSLATE_NOOP("ReadingState", "Paused"),
    ReadingState.DONE: QT_TRANSLATE_NOOP("ReadingState", "Finished reading."),
    ReadingState.STOPPED: QT_TRANSLATE_NOOP("ReadingState", "Stopped."),
    ReadingState.BUDGET_SPENT: QT_TRANSLATE_NOOP("ReadingState", "Read-aloud quota used up for today."),
    ReadingState.FAILED: QT_TRANSLATE_NOOP("ReadingState", "Reading aloud failed."),
}


@dataclass
class ReadingCallbacks:
    state: Callable[[ReadingState, str], None] = lambda state, message: None
    sentence: Callable[[int, str], None] = lambda index, text: None  # the highlight hook
    budget: Callable[[str], None] = lambda text: None


class Reading:
    """Owns the speaker while it reads; ``feed``/``finish`` give it text, ``wait()`` until it ends."""

    def __init__(
        self,
        service: VoiceService,
        speaker: AudioOutput,
        callbacks: ReadingCallbacks | None = None,
        *,
        voice: str | None = None,
        key: str | None = None,
        direction: str = "",
    ) -> None:
        self.service = service
        self.speaker = speaker
        self.callbacks = callbacks or ReadingCallbacks()
        self.voice = voice or service.voice()
        self.model = service.tts_model()
        # A vocal direction ("[cheerful]") starts every request and counts against its 200 characters.
        self.direction = direction.strip() if service.supports_directions() else ""
        self.limit = service.max_chars() - (len(self.direction) + 1 if self.direction else 0)
        self.sentences: list[str] = []
        self.pieces: list[Piece] = []
        self.requests_sent = 0
        self.state = ReadingState.WAITING
        self.message = ""
        self._key = key
        self._stream = SentenceStream()
        self._pending: list[int] = []  # sentence indexes not yet in a piece
        self._finished_text = False
        self._fetches: dict[int, asyncio.Task[Speech]] = {}
        self._clips: dict[int, Clip] = {}
        self._next_to_enqueue = 0
        self._played = 0
        self._current: int | None = None
        self._spent = ""  # why no more requests are sent today
        self._done = asyncio.get_running_loop().create_future()
        speaker.listener = PlaybackListener(self._on_started, self._on_position, self._on_finished)
        self._announce_budget()

    # --- text in ---------------------------------------------------------------------------------

    def feed(self, markdown_so_far: str) -> None:
        """The reply so far (streaming); complete sentences start being read."""
        if self._ended:
            return
        self._add(self._stream.feed(markdown_so_far))

    def finish(self, markdown: str) -> None:
        """The whole reply is known."""
        if self._ended:
            return
        self._key = self._key or reading_key(self.model, self.voice, self.direction + "\x1e" + markdown)
        manifest = self._load_manifest() if not self.sentences else None
        if manifest is not None:
            self.sentences = list(manifest)
            self.pieces = [Piece(text, (i,)) for i, text in enumerate(manifest)]
            self._pending = []
        else:
            self._add(self._stream.finish(markdown))
        self._finished_text = True
        self._pump()

    def read_text(self, markdown: str) -> None:
        self.finish(markdown)

    def _add(self, sentences: list[str]) -> None:
        for sentence in sentences:
            self._pending.append(len(self.sentences))
            self.sentences.append(sentence)
        self._pump()

    # --- controls --------------------------------------------------------------------------------

    def pause(self) -> None:
        if self.state is ReadingState.PLAYING:
            self.speaker.pause()
            self._set(ReadingState.PAUSED)

    def resume(self) -> None:
        if self.state is ReadingState.PAUSED:
            self.speaker.resume()
            self._set(ReadingState.PLAYING)

    def skip(self) -> None:
        """To the next sentence (within the current request's audio, or the next request)."""
        if self._current is None:
            return
        clip = self._clips.get(self._current)
        start = self._sentence_starts(self._current)
        position = self._position
        later = [t for t in start if t > position + 0.05]
        if clip is not None and later:
            self.speaker.skip(later[0])
        else:
            self.speaker.skip()

    def stop(self, message: str = "") -> None:
        self._end(ReadingState.STOPPED, message)

    async def wait(self) -> ReadingState:
        return await asyncio.shield(self._done)

    @property
    def _ended(self) -> bool:
        return self._done.done()

    # --- fetching --------------------------------------------------------------------------------

    def _audio_ahead(self) -> float:
        ahead = self.speaker.queued_seconds()
        ahead += sum(c.seconds for i, c in self._clips.items() if i >= self._next_to_enqueue)
        for index, task in self._fetches.items():
            if not task.done():
                ahead += len(self.pieces[index].text) / CHARS_PER_SECOND
        return ahead

    def _pump(self) -> None:
        """Pack pending sentences into pieces and send what should be sent now."""
        if self._ended:
            return
        if self._pending:
            packed = pack([self.sentences[i] for i in self._pending], self.limit, first_index=self._pending[0])
            first = not self.pieces
            ready = packed if self._finished_text else packed[:-1]
            # The first sentence goes at once; a part-filled piece only when the listener would wait.
            if not ready and (first or self._audio_ahead() < LOW_WATER_SECONDS):
                ready = packed[:1]
            for piece in ready:
                self.pieces.append(piece)
                taken = set(piece.sentences)
                self._pending = [i for i in self._pending if i not in taken]
        self._start_fetches()
        if self._current is not None or any(not t.done() for t in self._fetches.values()):
            return
        if self._spent and self._played >= self._next_to_enqueue:
            self._end(ReadingState.BUDGET_SPENT, self._spent)  # what was fetched has been heard
        elif self._finished_text and not self._pending and self._played >= len(self.pieces):
            self._save_manifest()
            self._end(ReadingState.DONE)

    def _start_fetches(self) -> None:
        running = sum(1 for t in self._fetches.values() if not t.done())
        for index in range(len(self.pieces)):
            if running >= MAX_IN_FLIGHT or self._spent:
                break
            if index in self._fetches:
                continue
            text = self._request_text(index)
            if not self.service.is_cached(text, self.voice):
                budget = self.service.budget()
                self.callbacks.budget(budget.describe())
                # Requests queued but not yet reserved by the limiter are not in the budget yet.
                unreserved = max(0, running - self.service.limiter.in_flight(self.model).requests)
                if not budget.allows(text, unreserved):
                    if running == 0:  # nothing in flight that could still change the answer
                        self._spent = budget.describe() if budget.spent else (
                            translate(
                                "Reading", "Read-aloud quota left today ({tokens} tokens) is too small for the next part"
                            ).format(tokens=number(budget.tokens or 0))
                        )
                        self.callbacks.budget(self._spent)
                    break
                self.requests_sent += 1
                running += 1
            task = asyncio.get_running_loop().create_task(
                self.service.synthesize(
                    text, voice=self.voice, label=translate("Reading", "Read aloud {part}").format(part=index + 1)
                )
            )
            self._fetches[index] = task
            task.add_done_callback(lambda t, i=index: self._fetched(i, t))

    def _request_text(self, index: int) -> str:
        text = self.pieces[index].text
        return f"{self.direction} {text}" if self.direction else text

    def _fetched(self, index: int, task: asyncio.Task[Speech]) -> None:
        if self._ended or task.cancelled():
            return
        error = task.exception()
        if error is not None:
            if isinstance(error, RateLimitError | ReadAloudBudgetSpent) and (
                not isinstance(error, RateLimitError) or error.is_daily
            ):
                # What was fetched before this piece is still heard; then the reading ends.
                self._spent = error.message if isinstance(error, ReadAloudBudgetSpent) else (
                    translate("Reading", "Read-aloud quota used up for today. {hint}").format(hint=error.hint)
                )
                self.callbacks.budget(self._spent)
                self._pump()
            elif isinstance(error, RequestCancelledError):
                self._end(ReadingState.STOPPED)
            else:
                message = error.message if isinstance(error, GroqDesktopError) else str(error)
                log.warning("read-aloud request %d failed: %s", index + 1, message)
                self._end(ReadingState.FAILED, message)
            return
        speech = task.result()
        self._clips[index] = Clip(speech.pcm, speech.rate, tag=index)
        self._announce_budget()
        # In order: a later piece that arrives first waits for the earlier one.
        while self._next_to_enqueue in self._clips:
            try:
                self.speaker.enqueue(self._clips[self._next_to_enqueue])
            except GroqDesktopError as exc:  # the speaker went away (unplugged, no device)
                self._end(ReadingState.FAILED, f"{exc.message} {exc.hint}")
                return
            self._next_to_enqueue += 1
        self._pump()

    # --- playback --------------------------------------------------------------------------------

    _position = 0.0

    def _on_started(self, tag: object) -> None:
        if self._ended or not isinstance(tag, int):
            return
        self._current, self._position = tag, 0.0
        if self.state is ReadingState.WAITING:
            self._set(ReadingState.PLAYING)
        self._highlight(tag, 0.0)

    def _on_position(self, tag: object, seconds: float) -> None:
        if self._ended or tag != self._current or not isinstance(tag, int):
            return
        before = self._sentence_at(tag, self._position)
        self._position = seconds
        if self._sentence_at(tag, seconds) != before:
            self._highlight(tag, seconds)
        if self._audio_ahead() < LOW_WATER_SECONDS:
            self._pump()

    def _on_finished(self, tag: object, completed: bool) -> None:
        if self._ended or not isinstance(tag, int):
            return
        self._played = max(self._played, tag + 1)
        self._current = None
        self._pump()

    def _sentence_starts(self, index: int) -> list[float]:
        """When each of the piece's sentences starts in its audio, in proportion to characters."""
        piece = self.pieces[index]
        clip = self._clips.get(index)
        if clip is None or not piece.text:
            return [0.0]
        starts, offset = [], 0
        for sentence_index in piece.sentences:
            found = piece.text.find(self.sentences[sentence_index][:20], offset)
            offset = found if found >= 0 else offset
            starts.append(clip.seconds * offset / len(piece.text))
        return starts

    def _sentence_at(self, index: int, seconds: float) -> int:
        starts = self._sentence_starts(index)
        position = sum(1 for t in starts if t <= seconds + 1e-6) - 1
        return self.pieces[index].sentences[max(0, position)]

    def _highlight(self, index: int, seconds: float) -> None:
        sentence = self._sentence_at(index, seconds)
        self.callbacks.sentence(sentence, self.sentences[sentence])

    # --- ending ----------------------------------------------------------------------------------

    def _set(self, state: ReadingState, message: str = "") -> None:
        self.state, self.message = state, message
        self.callbacks.state(state, message)

    def _announce_budget(self) -> None:
        with contextlib.suppress(GroqDesktopError):
            self.callbacks.budget(self.service.budget().describe())

    def _end(self, state: ReadingState, message: str = "") -> None:
        if self._ended:
            return
        if state is not ReadingState.DONE:
            self.speaker.stop()
        for task in self._fetches.values():
            task.cancel()  # a queued request is dropped; one on the wire is cut (its audio is not kept)
        self._set(state, message)
        self._done.set_result(state)

    # --- replay without requests -----------------------------------------------------------------

    def _manifest_path(self) -> Path | None:
        return self.service.cache.folder / "readings" / f"{self._key}.json" if self._key else None

    def _load_manifest(self) -> list[str] | None:
        path = self._manifest_path()
        if path is None or not path.exists():
            return None
        try:
            pieces = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        prefix = f"{self.direction} " if self.direction else ""
        return pieces if all(self.service.is_cached(prefix + p, self.voice) for p in pieces) else None

    def _save_manifest(self) -> None:
        path = self._manifest_path()
        if path is None or not self.pieces:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps([p.text for p in self.pieces]), "utf-8")
        except OSError as exc:
            log.warning("could not save the read-aloud manifest: %s", exc)


def reading_key(model: str, voice: str, markdown: str) -> str:
    """Content address of a whole reply read in one voice (the replay manifest's name)."""
    return hashlib.sha256("\x1f".join((model, voice, markdown)).encode("utf-8")).hexdigest()


async def save_audio(
    service: VoiceService, markdown: str, path: Path, voice: str | None = None, direction: str = ""
) -> Path:
    """The whole reply as one WAV, in the pieces a reading used (cached ones cost nothing)."""
    voice = voice or service.voice()
    direction = direction.strip() if service.supports_directions() else ""
    limit = service.max_chars() - (len(direction) + 1 if direction else 0)
    texts = [p.text for p in pack(split_sentences(speakable(markdown)), limit)]
    key = reading_key(service.tts_model(), voice, direction + "\x1e" + markdown)
    manifest = service.cache.folder / "readings" / f"{key}.json"
    with contextlib.suppress(OSError, ValueError):
        texts = list(json.loads(manifest.read_text("utf-8")))
    prefix = f"{direction} " if direction else ""
    label = translate("save_audio", "Save audio")
    parts = [await service.synthesize(prefix + text, voice=voice, label=label) for text in texts]
    rate = parts[0].rate if parts else 24000
    await asyncio.to_thread(path.write_bytes, wav_bytes(b"".join(p.pcm for p in parts), rate))
    return path
