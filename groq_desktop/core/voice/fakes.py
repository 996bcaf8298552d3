"""File-backed microphone and a recording speaker, for tests, benchmarks and machines with no sound card."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from groq_desktop.core.voice.ports import MIC_RATE, Clip, PlaybackListener

FRAME_SECONDS = 0.02


class FileMicrophone:
    """Yields silence until ``cue()``; each cue splices in the next utterance (from PCM or audio files).

    ``speed`` > 1 delivers audio faster than real time. ``auto_cue`` cues the first utterance at once.
    """

    def __init__(
        self,
        utterances: Sequence[bytes | Path],
        *,
        speed: float = 1.0,
        auto_cue: bool = False,
        end_after_last: bool = False,
    ) -> None:
        self._utterances = deque(self._pcm(u) for u in utterances)
        self.speed = speed
        self._pending = bytearray()
        self._stopped = False
        self._end_after_last = end_after_last
        self.frames_delivered = 0
        self.last_speech_end: float | None = None  # perf_counter when the last utterance's last frame went out
        if auto_cue:
            self.cue()

    @staticmethod
    def _pcm(source: bytes | Path) -> bytes:
        if isinstance(source, bytes):
            return source
        from groq_desktop.core.audio.decode import decode_pcm16k

        return b"".join(decode_pcm16k(source))

    @property
    def utterances_left(self) -> int:
        return len(self._utterances)

    def cue(self) -> bool:
        """The user starts speaking the next utterance; False when the script is finished."""
        if not self._utterances:
            return False
        self._pending += self._utterances.popleft()
        return True

    def stop(self) -> None:
        self._stopped = True

    async def frames(self) -> AsyncIterator[bytes]:
        self._stopped = False
        size = int(MIC_RATE * FRAME_SECONDS) * 2
        silence = bytes(size)
        started = time.perf_counter()
        sent = 0
        while not self._stopped:
            if self._pending:
                frame = bytes(self._pending[:size]).ljust(size, b"\0")
                del self._pending[:size]
                if not self._pending:
                    self.last_speech_end = time.perf_counter()
            elif self._end_after_last and not self._utterances:
                return
            else:
                frame = silence
            sent += 1
            self.frames_delivered += 1
            yield frame
            # Paced against a start time, so the delivered audio never drifts from the clock.
            delay = started + sent * FRAME_SECONDS / self.speed - time.perf_counter()
            await asyncio.sleep(max(0.0, delay))


@dataclass
class PlayedClip:
    tag: object
    seconds: float
    started_at: float
    ended_at: float | None = None
    completed: bool = False
    jumps: list[float] = field(default_factory=list)


@dataclass
class FakeSpeaker:
    """Plays queued clips on the event loop at ``speed`` x real time and records what was heard when."""

    speed: float = 1.0
    listener: PlaybackListener = field(default_factory=PlaybackListener)
    played: list[PlayedClip] = field(default_factory=list)
    first_frame_at: float | None = None
    enqueued_at: dict[object, float] = field(default_factory=dict)  # when each clip (by tag) was handed over

    def __post_init__(self) -> None:
        self._queue: deque[Clip] = deque()
        self._task: asyncio.Task[None] | None = None
        self._paused = asyncio.Event()
        self._paused.set()
        self._skip = asyncio.Event()
        self._current_left = 0.0
        self._jump_to: float | None = None

    @property
    def playing(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def paused(self) -> bool:
        return not self._paused.is_set()

    def enqueue(self, clip: Clip) -> None:
        self.enqueued_at[clip.tag] = time.perf_counter()
        self._queue.append(clip)
        if not self.playing:
            self._task = asyncio.get_running_loop().create_task(self._play())

    def pause(self) -> None:
        self._paused.clear()

    def resume(self) -> None:
        self._paused.set()

    def skip(self, to_seconds: float | None = None) -> None:
        if to_seconds is None:
            self._skip.set()
        else:
            self._jump_to = to_seconds

    def stop(self) -> None:
        self._queue.clear()
        self._skip.set()
        self._paused.set()

    def gaps(self) -> list[float]:
        """Silence between consecutive clips (seconds)."""
        return [b.started_at - a.ended_at for a, b in itertools.pairwise(self.played)
                if a.ended_at is not None]

    def queued_seconds(self) -> float:
        return self._current_left + sum(c.seconds for c in self._queue)

    async def _play(self) -> None:
        step = max(0.05, 0.02 * self.speed)  # audio seconds per position report; ~20 ms of real time at speed
        while self._queue:
            clip = self._queue.popleft()
            now = time.perf_counter()
            if self.first_frame_at is None:
                self.first_frame_at = now
            record = PlayedClip(clip.tag, clip.seconds, now)
            self.played.append(record)
            self._skip.clear()
            self.listener.started(clip.tag)
            position = 0.0
            self._jump_to = None
            while position < clip.seconds and not self._skip.is_set():
                await self._paused.wait()
                if self._jump_to is not None:
                    position, self._jump_to = self._jump_to, None
                    record.jumps.append(position)
                    continue
                dt = min(step, clip.seconds - position)
                self._current_left = clip.seconds - position
                await asyncio.sleep(dt / self.speed)
                position += dt
                self.listener.position(clip.tag, position)
            record.ended_at = time.perf_counter()
            record.completed = not self._skip.is_set()
            self._current_left = 0.0
            self.listener.finished(clip.tag, record.completed)
