"""Record and transcribe live: the microphone goes to a WAV file kept with a transcription job, and the
audio is cut at pauses and sent in overlapping pieces so the transcript follows a few seconds behind.

The job is created when recording starts, pointing at the WAV, whose header is valid after every
write: if the app dies mid-recording, the next start finds an unfinished job and transcribes what was
recorded as a normal file. On stop the pieces are stored as the job's chunks, merged with the same
overlap logic as long files, and the job is a normal finished transcription.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from groq_desktop.core import paths
from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.chunk_plan import PlannedChunk
from groq_desktop.core.audio.transcript import Transcript, merge_transcripts
from groq_desktop.core.quota.scheduler import Priority
from groq_desktop.core.store.storage import JobStatus, Storage
from groq_desktop.core.voice.ports import MIC_RATE, AudioInput
from groq_desktop.core.voice.vad import level_db
from groq_desktop.core.voice.wav import RecordingWav
from groq_desktop.i18n import translate
from groq_desktop.services.voice import VoiceService

log = logging.getLogger(__name__)

MIN_PIECE = 4.0  # seconds: pieces shorter than this are not worth a request (Groq bills 10 s anyway)
MAX_PIECE = 20.0  # cut here even without a pause
PAUSE = 0.4  # seconds of quiet that count as a pause to cut at
OVERLAP = 1.5  # each piece starts this much before the previous cut, so merging can align words


class LiveRecording:
    """One recording. ``transcript`` grows as pieces come back; ``stop()`` finishes the job."""

    def __init__(
        self,
        service: VoiceService,
        storage: Storage,
        mic: AudioInput,
        *,
        on_transcript: Callable[[Transcript], None] = lambda transcript: None,
        on_level: Callable[[float, float], None] = lambda db, seconds: None,
        folder: Path | None = None,
        options: dict[str, Any] | None = None,
        threshold_db: float | None = None,
    ) -> None:
        self.service = service
        self.storage = storage
        self.mic = mic
        self.on_transcript = on_transcript
        self.on_level = on_level
        self.threshold_db = service.settings.threshold_db if threshold_db is None else threshold_db
        stamp = time.strftime("%Y-%m-%d %H.%M.%S")
        folder = folder or paths.data_dir() / "recordings"
        self.path = folder / f"Recording {stamp}.wav"
        self.wav = RecordingWav(self.path, MIC_RATE)
        self._options = dict(options or {})
        self._options.setdefault("model", service.stt_model())
        self._options.setdefault("timestamps", ["segment", "word"])
        self.job_id = storage.create_job(self.path, self.path.name, self._options).id
        self.pieces: list[PlannedChunk] = []
        self.results: dict[int, dict[str, Any]] = {}
        self.transcript = Transcript(text="")
        self._pcm = bytearray()  # everything recorded, for cutting pieces
        self._piece_start = 0.0
        self._quiet = 0.0
        self._tasks: list[asyncio.Task[None]] = []
        frames = mic.frames()  # MicrophoneUnavailable here: nothing else started
        self._recorder = asyncio.get_running_loop().create_task(self._record(frames))

    @property
    def seconds(self) -> float:
        return self.wav.seconds

    async def _record(self, frames: AsyncIterator[bytes]) -> None:
        last_level = 0.0
        async for frame in frames:
            self.wav.append(frame)
            self._pcm += frame
            frame_seconds = len(frame) / 2 / MIC_RATE
            loud = level_db(frame) >= self.threshold_db
            self._quiet = 0.0 if loud else self._quiet + frame_seconds
            now = self.seconds
            if now - last_level >= 0.05:
                last_level = now
                self.on_level(level_db(frame), now)
            length = now - self._piece_start
            if (length >= MIN_PIECE and self._quiet >= PAUSE) or length >= MAX_PIECE:
                self._cut(now - min(self._quiet, PAUSE) / 2)

    def _cut(self, end: float) -> None:
        start = max(0.0, self._piece_start - OVERLAP) if self.pieces else 0.0
        piece = PlannedChunk(len(self.pieces), start, end)
        self.pieces.append(piece)
        self._piece_start = end
        pcm = bytes(self._pcm[int(start * MIC_RATE) * 2 : int(end * MIC_RATE) * 2])
        self._tasks.append(asyncio.get_running_loop().create_task(self._send(piece, pcm)))

    async def _send(self, piece: PlannedChunk, pcm: bytes) -> None:
        try:
            result = await self.service.transcribe_pcm(
                pcm,
                label=translate("LiveTranscription", "Live recording — piece {piece}").format(piece=piece.index + 1),
                words=True,
                priority=Priority.INTERACTIVE,
            )
        except Exception as exc:  # one failed piece must not end the recording; stop() retries it
            log.warning("live piece %d failed: %s", piece.index + 1, exc)
            return
        self.results[piece.index] = dict(result.raw) or {"text": result.text}
        self.transcript = self._merged()
        self.on_transcript(self.transcript)

    def _merged(self) -> Transcript:
        parts = [(p, Transcript.from_verbose_json(self.results[p.index])) for p in self.pieces if p.index in self.results]
        return merge_transcripts(parts)

    async def stop(self) -> Transcript:
        """Stop recording, send the rest, and store the job as a finished transcription."""
        self.mic.stop()
        await self._recorder
        end = self.seconds
        if end - self._piece_start > 0.05 or not self.pieces:
            self._cut(end)
        await asyncio.gather(*self._tasks)
        for piece in self.pieces:  # a piece that failed while recording gets one more try
            if piece.index not in self.results:
                pcm = bytes(self._pcm[int(piece.start * MIC_RATE) * 2 : int(piece.end * MIC_RATE) * 2])
                await self._send(piece, pcm)
        await asyncio.to_thread(self.wav.close)
        self.transcript = self._merged()
        self.transcript.duration = end
        await asyncio.to_thread(self._store, end)
        return self.transcript

    def _store(self, duration: float) -> None:
        missing = [p.index + 1 for p in self.pieces if p.index not in self.results]
        for piece in self.pieces:
            if piece.index in self.results:
                self.storage.save_chunk_result(self.job_id, piece.index, piece.start, piece.end,
                                               self.results[piece.index])
        options = {**self._options, "plan": [[p.start, p.end] for p in self.pieces]}
        if missing:
            self.storage.update_job(self.job_id, options=options, duration=duration, chunk_count=len(self.pieces),
                                    status=JobStatus.FAILED,
                                    error=translate("LiveTranscription", "pieces {pieces} could not be transcribed")
                                    .format(pieces=", ".join(map(str, missing))))
            return
        # Where TranscriptionService keeps merged results, in its format: the job opens like any other.
        results_dir = Path(self.storage.path).parent / "transcripts"
        results_dir.mkdir(parents=True, exist_ok=True)
        subtitles.export(self.transcript, "json", results_dir / f"job-{self.job_id}.json")
        self.storage.update_job(self.job_id, options=options, duration=duration, chunk_count=len(self.pieces),
                                status=JobStatus.DONE)

    def cancel(self) -> None:
        """Stop without finishing: the recording and its job stay, transcribed later as a file."""
        self.mic.stop()
        self._recorder.cancel()
        for task in self._tasks:
            task.cancel()
        self.wav.close()
