"""Audio files in, 16 kHz mono FLAC out: probing, streamed decoding and chunk encoding (PyAV).

Everything works on s16 mono PCM held in ``bytes`` (little-endian, 2 bytes a sample): PyAV
does not bring numpy, and whole-buffer operations keep per-sample Python work out of the
hot path. Decoding is always streamed; memory stays around one chunk.
"""

from __future__ import annotations

import io
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groq_desktop.core.audio.chunk_plan import ChunkPlan, PlannedChunk
from groq_desktop.errors import AudioError
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    import av
else:

    class _LazyAv:
        """PyAV, imported on first use: its FFmpeg libraries cost ~100 ms of every start-up."""

        def __getattr__(self, name: str) -> Any:
            import av
            import av.error

            globals()["av"] = av
            return getattr(av, name)

    av = _LazyAv()

ACCEPTED_EXTENSIONS: frozenset[str] = frozenset(
    {"flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"}
)
TARGET_RATE = 16000
_BYTES_PER_SAMPLE = 2
# Blocks of about 2 s keep the number of Python-level frame operations small.
_BLOCK_BYTES = 2 * TARGET_RATE * _BYTES_PER_SAMPLE
# FFmpeg usually skips a bad packet and goes on; give up only when nothing decodes for this long.
_MAX_CONSECUTIVE_BAD_PACKETS = 50

# Shown through translate("AudioFileError", text).
REASON_TEXT: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("AudioFileError", "unreadable (no such file)"),
    "unreadable": QT_TRANSLATE_NOOP("AudioFileError", "unreadable"),
    "empty": QT_TRANSLATE_NOOP("AudioFileError", "empty (0 bytes)"),
    "not_audio": QT_TRANSLATE_NOOP("AudioFileError", "not audio (not a media file)"),
    "no_audio_track": QT_TRANSLATE_NOOP("AudioFileError", "no audio track"),
    "corrupt": QT_TRANSLATE_NOOP("AudioFileError", "corrupt or truncated"),
}

# First bytes of containers we may meet, to tell a damaged media file from some other file.
_MEDIA_MAGIC: tuple[tuple[int, bytes], ...] = (
    (0, b"RIFF"),
    (0, b"ID3"),
    (0, b"fLaC"),
    (0, b"OggS"),
    (0, b"\x1a\x45\xdf\xa3"),
    (4, b"ftyp"),
    (0, b"\xff\xfb"),
    (0, b"\xff\xf3"),
    (0, b"\xff\xf2"),
    (0, b"\xff\xf1"),
    (0, b"\xff\xf9"),
)
_MEDIA_EXTENSIONS = ACCEPTED_EXTENSIONS | {"aac", "opus", "oga", "mka", "mkv", "mov", "wma", "aiff", "aif"}


class AudioFileError(AudioError):
    """A file that cannot be used as audio; ``reason`` is one of the keys of ``REASON_TEXT``."""

    def __init__(self, path: Path | str, reason: str, detail: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        why = translate("AudioFileError", REASON_TEXT[reason]) if reason in REASON_TEXT else reason
        text = translate("AudioFileError", "Cannot use '{name}': {reason}").format(name=self.path.name, reason=why)
        super().__init__(f"{text} — {detail}" if detail else text)


@dataclass(frozen=True)
class AudioProbe:
    path: Path
    duration: float
    codec: str
    sample_rate: int
    channels: int
    size_bytes: int
    container_format: str

    @property
    def needs_conversion(self) -> bool:
        """True when Groq would not take the file as it is (by extension)."""
        return self.path.suffix.lower().lstrip(".") not in ACCEPTED_EXTENSIONS


@dataclass(frozen=True)
class PreparedChunk:
    index: int
    start: float
    end: float
    flac: bytes

    @property
    def duration(self) -> float:
        return self.end - self.start


# --- opening and probing ------------------------------------------------------


def _check_file(path: Path) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise AudioFileError(path, "missing") from None
    except OSError as exc:
        raise AudioFileError(path, "unreadable", exc.strerror or str(exc)) from exc
    if not path.is_file():
        raise AudioFileError(path, "unreadable", translate("AudioFileError", "not a regular file"))
    if size == 0:
        raise AudioFileError(path, "empty")
    if not os.access(path, os.R_OK):
        raise AudioFileError(path, "unreadable", translate("AudioFileError", "permission denied"))
    return size


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # a multi-byte character cut at the end of the sample is still text
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * len(text)


def _open_failure_reason(path: Path) -> str:
    """Why PyAV could not open ``path``: a damaged media file or not media at all."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "unreadable"
    if _looks_like_text(head):
        return "not_audio"
    if any(head[at : at + len(magic)] == magic for at, magic in _MEDIA_MAGIC):
        return "corrupt"
    return "corrupt" if path.suffix.lower().lstrip(".") in _MEDIA_EXTENSIONS else "not_audio"


def _open(path: Path) -> av.container.InputContainer:
    try:
        return av.open(str(path), "r")
    except PermissionError as exc:
        raise AudioFileError(path, "unreadable", translate("AudioFileError", "permission denied")) from exc
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise AudioFileError(path, _open_failure_reason(path), _short(exc)) from exc


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)[:160]


def _audio_stream(path: Path, container: av.container.InputContainer) -> av.AudioStream:
    if not container.streams.audio:
        kinds = sorted({s.type for s in container.streams})
        detail = (
            translate("AudioFileError", "the file has only {kinds} streams").format(kinds=", ".join(kinds))
            if kinds
            else translate("AudioFileError", "the file has no streams")
        )
        raise AudioFileError(path, "no_audio_track", detail)
    return container.streams.audio[0]


def _stream_start_seconds(stream: av.AudioStream) -> float:
    if stream.start_time is None or stream.time_base is None:
        return 0.0
    return float(stream.start_time * stream.time_base)


def _packet_end(packet: av.Packet) -> float | None:
    if packet.pts is None or packet.time_base is None:
        return None
    return float((packet.pts + (packet.duration or 0)) * packet.time_base)


def _demuxed_end(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    """The end time of the last readable packet, from the current position on."""
    end: float | None = None
    for packet in _readable_packets(container, stream):
        packet_end = _packet_end(packet)
        if packet_end is not None and (end is None or packet_end > end):
            end = packet_end
    return end


def _declared_duration(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None and stream.duration > 0:
        return float(stream.duration * stream.time_base)
    if container.duration is not None and container.duration > 0:
        return container.duration / av.time_base
    return None


# Demuxers that guess a duration from the bit rate and file size when no header states it.
_GUESSED_DURATION_FORMATS = frozenset({"mp3", "aac", "adts", "mpeg", "mpegts", "ac3", "eac3", "dts"})


def _measured_duration(path: Path, stream_index: int, declared: float | None) -> float | None:
    """Duration from the packets themselves (reading all of them takes about 0.2 s per 10 minutes of mp3).

    Where the header's figure can be trusted, only the last seconds are read, to catch a
    truncated file whose header still claims the full length.
    """
    with _open(path) as container:
        stream = container.streams[stream_index]
        start = _stream_start_seconds(stream)
        trusted = not (set(container.format.name.split(",")) & _GUESSED_DURATION_FORMATS)
        if trusted and declared is not None and declared > 4.0:
            try:
                container.seek(int((start + declared - 3.0) / stream.time_base), stream=stream, backward=True)
                tail_end = _demuxed_end(container, stream)
            except av.error.FFmpegError:
                tail_end = None
            if tail_end is not None and tail_end - start >= declared - 1.0:
                # packets past the stated end (a concatenated or re-muxed file) are audio too
                return max(declared, tail_end - start)
            container.seek(0)  # the declared length is not there: measure it all
        end = _demuxed_end(container, stream)
    return None if end is None else max(0.0, end - start)


def _decodes_audio(container: av.container.InputContainer, stream: av.AudioStream) -> str | None:
    """None when the first packets decode to samples, else why not."""
    bad = 0
    last_error = translate("AudioFileError", "no audio could be decoded")
    for packet in _readable_packets(container, stream):
        try:
            frames = packet.decode()
        except av.error.FFmpegError as exc:
            bad += 1
            last_error = _short(exc)
            if bad > _MAX_CONSECUTIVE_BAD_PACKETS:
                return last_error
            continue
        if any(frame.samples for frame in frames):
            return None
    return last_error


def probe(path: Path | str) -> AudioProbe:
    """What the file holds; raises ``AudioFileError`` with a precise ``reason`` when unusable."""
    path = Path(path)
    size = _check_file(path)
    with _open(path) as container:
        stream = _audio_stream(path, container)
        declared = _declared_duration(container, stream)
        failure = _decodes_audio(container, stream)
        if failure is not None:
            raise AudioFileError(path, "corrupt", failure)
        ctx = stream.codec_context
        codec = ctx.name
        rate = ctx.sample_rate or stream.rate or 0
        channels = ctx.channels or 0
        fmt = container.format.name
        index = stream.index
    duration = _measured_duration(path, index, declared)
    if duration is None:
        duration = _decoded_duration(path)
    if duration <= 0:
        raise AudioFileError(path, "corrupt", translate("AudioFileError", "the audio has no length"))
    return AudioProbe(path, duration, codec, rate, channels, size, fmt)


def _decoded_duration(path: Path) -> float:
    samples = sum(len(block) for block in decode_pcm16k(path)) // _BYTES_PER_SAMPLE
    return samples / TARGET_RATE


# --- decoding -------------------------------------------------------------------


def _readable_packets(container: av.container.InputContainer, stream: av.AudioStream) -> Iterator[av.Packet]:
    """The stream's packets, ending quietly where a truncated or damaged file stops being readable."""
    packets = container.demux(stream)
    while True:
        try:
            packet = next(packets)
        except (StopIteration, av.error.FFmpegError):
            return
        yield packet


class _Resampler:
    """Decoded frames in, 16 kHz mono s16 PCM out, converted in batches.

    Frames queue in an AudioFifo and go through av.AudioResampler about 16k samples at a
    time: each resample call costs tens of microseconds, which per 1152-sample mp3 frame was
    half of the decoding time. A change of format in mid-stream starts a new setup.
    """

    BATCH_SAMPLES = 16384

    def __init__(self) -> None:
        self._fifo: av.AudioFifo | None = None
        self._resampler: av.AudioResampler | None = None
        self._input: tuple[str, str, int] | None = None

    def pcm(self, frame: av.AudioFrame) -> bytes:
        out = bytearray()
        shape = (frame.format.name, frame.layout.name, frame.sample_rate)
        if shape != self._input:
            out += self.flush()
            self._fifo = av.AudioFifo()
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=TARGET_RATE)
            self._input = shape
        assert self._fifo is not None
        frame.pts = None  # the fifo would insist on contiguous timestamps
        self._fifo.write(frame)
        if self._fifo.samples >= self.BATCH_SAMPLES:
            out += self._convert(self._fifo.read())
        return bytes(out)

    def flush(self) -> bytes:
        out = bytearray()
        if self._fifo is not None and self._fifo.samples:
            out += self._convert(self._fifo.read())
        if self._resampler is not None:
            out += self._convert(None)
        self._fifo = self._resampler = self._input = None
        return bytes(out)

    def _convert(self, frame: av.AudioFrame | None) -> bytearray:
        out = bytearray()
        assert self._resampler is not None
        for resampled in self._resampler.resample(frame):
            out += memoryview(resampled.planes[0])[: resampled.samples * _BYTES_PER_SAMPLE]
        return out


def _raw_pcm_blocks(path: Path, seek_to: float = 0.0) -> Iterator[tuple[int, bytes]]:
    """(first sample index at 16 kHz, s16 mono PCM) blocks of about ``_BLOCK_BYTES``.

    Without a seek the first decoded sample is sample 0; after a seek the position comes from
    the first frame's timestamp.
    """
    _check_file(path)
    with _open(path) as container:
        stream = _audio_stream(path, container)
        start_pts = stream.start_time or 0
        position: int | None = 0
        if seek_to > 0:
            container.seek(start_pts + int(seek_to / stream.time_base), stream=stream, backward=True)
            position = None
        resampler = _Resampler()
        pending = bytearray()
        produced = False
        bad_in_a_row = 0
        for packet in _readable_packets(container, stream):
            try:
                frames = packet.decode()
            except av.error.FFmpegError as exc:
                bad_in_a_row += 1
                if bad_in_a_row > _MAX_CONSECUTIVE_BAD_PACKETS:
                    raise AudioFileError(path, "corrupt", _short(exc)) from exc
                continue
            bad_in_a_row = 0
            for frame in frames:
                if position is None:
                    if frame.pts is None:
                        raise _NeedsFullDecode
                    offset = (frame.pts - start_pts) * (frame.time_base or stream.time_base)
                    position = max(0, round(offset * TARGET_RATE))
                pending += resampler.pcm(frame)
            if len(pending) >= _BLOCK_BYTES:
                assert position is not None
                yield position, bytes(pending)
                position += len(pending) // _BYTES_PER_SAMPLE
                produced = True
                pending.clear()
        pending += resampler.flush()
        if pending:
            yield position or 0, bytes(pending)
            produced = True
        if not produced and seek_to == 0:
            raise AudioFileError(path, "corrupt", translate("AudioFileError", "no audio could be decoded"))


class _NeedsFullDecode(Exception):
    """A seek landed on frames without timestamps: decode from the beginning instead."""


def _positioned_blocks(path: Path, start: float) -> Iterator[tuple[int, bytes]]:
    if start <= 0:
        yield from _raw_pcm_blocks(path)
        return
    # seek a little early: containers seek to the packet before, and timestamps decide the rest
    blocks = _raw_pcm_blocks(path, seek_to=max(0.0, start - 1.0))
    try:
        first = next(blocks)
    except _NeedsFullDecode:
        yield from _raw_pcm_blocks(path)
        return
    except StopIteration:
        return
    yield first
    yield from blocks


def decode_pcm16k(path: Path | str, *, start: float = 0.0, end: float | None = None) -> Iterator[bytes]:
    """Stream the audio between ``start`` and ``end`` seconds as 16 kHz mono s16 PCM blocks."""
    path = Path(path)
    first = round(start * TARGET_RATE)
    last = None if end is None else round(end * TARGET_RATE)
    for position, block in _positioned_blocks(path, start):
        block_end = position + len(block) // _BYTES_PER_SAMPLE
        if block_end <= first:
            continue
        a = max(0, first - position)
        b = block_end - position if last is None else min(block_end, last) - position
        if b > a:
            yield block[a * _BYTES_PER_SAMPLE : b * _BYTES_PER_SAMPLE]
        if last is not None and block_end >= last:
            return


# --- encoding -------------------------------------------------------------------


class FlacWriter:
    """Incremental in-memory FLAC (16 kHz mono s16) encoder: ``write`` PCM, then ``finish``."""

    def __init__(self, sample_rate: int = TARGET_RATE) -> None:
        self.sample_rate = sample_rate
        self.samples = 0
        self._buffer = io.BytesIO()
        self._container = av.open(self._buffer, "w", format="flac")
        self._stream = self._container.add_stream("flac", rate=sample_rate, layout="mono")
        self._stream.format = "s16"
        self._pending = bytearray()
        self._time_base = Fraction(1, sample_rate)

    @property
    def has_audio(self) -> bool:
        return bool(self.samples or self._pending)

    def write(self, pcm: bytes | bytearray | memoryview) -> None:
        self._pending += pcm
        if len(self._pending) >= _BLOCK_BYTES * 4:
            self._encode_pending()

    def _encode_pending(self) -> None:
        count = len(self._pending) // _BYTES_PER_SAMPLE
        if not count:
            return
        frame = av.AudioFrame(format="s16", layout="mono", samples=count)
        frame.planes[0].update(bytes(self._pending[: count * _BYTES_PER_SAMPLE]))
        frame.rate = self.sample_rate
        frame.time_base = self._time_base
        frame.pts = self.samples
        self.samples += count
        del self._pending[: count * _BYTES_PER_SAMPLE]
        self._container.mux(self._stream.encode(frame))

    def finish(self) -> bytes:
        self._encode_pending()
        self._container.mux(self._stream.encode(None))
        self._container.close()
        return self._buffer.getvalue()


def encode_flac(pcm_chunks: Iterable[bytes], sample_rate: int = TARGET_RATE) -> bytes:
    """Encode s16 mono PCM blocks into one in-memory FLAC file."""
    writer = FlacWriter(sample_rate)
    for pcm in pcm_chunks:
        writer.write(pcm)
    return writer.finish()


def convert_for_upload(path: Path | str) -> bytes:
    """The whole file as 16 kHz mono FLAC (for files short enough to send in one request)."""
    return encode_flac(decode_pcm16k(path))


# The last chunk may run this far past the planned end (decoders differ from the probe by a few frames).
TAIL_TOLERANCE_SECONDS = 1.0


class AudioLongerThanPlanned(Exception):
    """Raised by ``prepare_chunks`` after its last chunk: the audio goes on to ``end`` seconds."""

    def __init__(self, end: float) -> None:
        super().__init__(f"the audio goes on to {end:.1f} s, past the planned chunks")
        self.end = end


def prepare_chunks(path: Path | str, plan: ChunkPlan | Sequence[PlannedChunk]) -> Iterator[PreparedChunk]:
    """FLAC for every planned chunk from ONE decoding pass, yielded as each chunk completes.

    Overlapping chunks are encoded side by side, so memory holds at most the chunks that
    are open at once (about one chunk plus an overlap). Every chunk ends at its planned end
    (the last one up to ``TAIL_TOLERANCE_SECONDS`` later), so none outgrows the size it was
    planned for; audio that goes on past that raises ``AudioLongerThanPlanned`` once every
    chunk has been yielded.
    """
    path = Path(path)
    chunks = sorted(plan, key=lambda c: c.start)
    if not chunks:
        return
    bounds = [
        (round(c.start * TARGET_RATE), round((c.end + (TAIL_TOLERANCE_SECONDS if i == len(chunks) - 1 else 0.0)) * TARGET_RATE))
        for i, c in enumerate(chunks)
    ]
    writers: dict[int, FlacWriter] = {}
    next_to_open = 0
    decoded_end = 0
    for position, block in _raw_pcm_blocks(path):
        block_end = position + len(block) // _BYTES_PER_SAMPLE
        decoded_end = max(decoded_end, block_end)
        while next_to_open < len(chunks) and bounds[next_to_open][0] < block_end:
            writers[next_to_open] = FlacWriter()
            next_to_open += 1
        finished: list[int] = []
        for i, writer in writers.items():
            first, last = bounds[i]
            a = max(first, position) - position
            b = min(last, block_end) - position
            if b > a:
                writer.write(memoryview(block)[a * _BYTES_PER_SAMPLE : b * _BYTES_PER_SAMPLE])
            if block_end >= last:
                finished.append(i)
        for i in finished:
            yield _finish(chunks[i], writers.pop(i))
    for i in sorted(writers):
        if writers[i].has_audio:
            yield _finish(chunks[i], writers[i])
    if decoded_end > bounds[-1][1]:
        raise AudioLongerThanPlanned(decoded_end / TARGET_RATE)


def _finish(chunk: PlannedChunk, writer: FlacWriter) -> PreparedChunk:
    flac = writer.finish()
    start = round(chunk.start * TARGET_RATE) / TARGET_RATE
    return PreparedChunk(chunk.index, chunk.start, start + writer.samples / TARGET_RATE, flac)


# --- silence ------------------------------------------------------------------------

_ENERGY_STEP_SECONDS = 0.01


def find_silence_cut(
    pcm: bytes, *, sample_rate: int = TARGET_RATE, window_seconds: float = 0.2
) -> float | None:
    """Offset (seconds from the start of ``pcm``) of the middle of the quietest ~200 ms stretch.

    Stretches as quiet as the quietest (within 5 %) form runs (pauses); the middle of the run
    nearest the middle of the window wins. None when ``pcm`` is shorter than one stretch.
    """
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % _BYTES_PER_SAMPLE])
    step = max(1, int(sample_rate * _ENERGY_STEP_SECONDS))
    steps_per_window = max(1, round(window_seconds / _ENERGY_STEP_SECONDS))
    n_steps = len(samples) // step
    if n_steps < steps_per_window:
        return None
    # every second sample is plenty for loudness, and halves the Python work
    energies = [sum(x * x for x in samples[i * step : (i + 1) * step : 2]) for i in range(n_steps)]
    window = sum(energies[:steps_per_window])
    sums = [window]
    for i in range(steps_per_window, n_steps):
        window += energies[i] - energies[i - steps_per_window]
        sums.append(window)
    quietest = min(sums)
    threshold = quietest * 1.05 + steps_per_window * step  # the constant treats near-digital-silence as equal
    centre = (n_steps - steps_per_window) / 2
    runs: list[tuple[int, int]] = []
    for i, total in enumerate(sums):
        if total > threshold:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    first, last = min(runs, key=lambda run: max(run[0] - centre, centre - run[1], 0.0))
    return ((first + last) / 2 + steps_per_window / 2) * step / sample_rate


def silence_finder_for(path: Path | str) -> Callable[[float, float], float | None]:
    """A ``plan_chunks`` silence finder that decodes only the searched window of ``path``."""
    path = Path(path)

    def find(lo: float, hi: float) -> float | None:
        pcm = b"".join(decode_pcm16k(path, start=lo, end=hi))
        offset = find_silence_cut(pcm)
        return None if offset is None else lo + offset

    return find
