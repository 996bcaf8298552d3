"""The microphone and speaker ports on QtMultimedia (QAudioSource, QAudioSink, QMediaDevices)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QIODevice, QObject, Qt, QTimer
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSink, QAudioSource, QMediaDevices

from groq_desktop.core.voice.ports import (
    MIC_RATE,
    Clip,
    MicrophoneUnavailable,
    PlaybackListener,
    SpeakerUnavailable,
)
from groq_desktop.i18n import translate

_TICK_MS = 20


def _format(rate: int) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


def _microphone_permitted() -> bool:
    try:
        from PySide6.QtCore import QMicrophonePermission
    except ImportError:  # Qt without the permission API: the device open below is the test
        return True
    app = QCoreApplication.instance()
    if app is None:
        return True
    return app.checkPermission(QMicrophonePermission()) != Qt.PermissionStatus.Denied


class _Resampler:
    """The device's own format to 16 kHz mono s16, when it can't record that directly."""

    def __init__(self, fmt: QAudioFormat) -> None:
        import av

        self._rate = fmt.sampleRate()
        self._channels = fmt.channelCount()
        self._layout = "mono" if self._channels == 1 else "stereo"
        sample = {
            QAudioFormat.SampleFormat.Int16: "s16",
            QAudioFormat.SampleFormat.Int32: "s32",
            QAudioFormat.SampleFormat.Float: "flt",
            QAudioFormat.SampleFormat.UInt8: "u8",
        }[fmt.sampleFormat()]
        self._format = sample
        self._bytes_per_frame = fmt.bytesPerFrame()
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=MIC_RATE)

    def __call__(self, data: bytes) -> bytes:
        import av

        samples = len(data) // self._bytes_per_frame
        if samples == 0:
            return b""
        frame = av.AudioFrame(format=self._format, layout=self._layout, samples=samples)
        frame.sample_rate = self._rate
        frame.planes[0].update(data[: samples * self._bytes_per_frame])
        return b"".join(bytes(out.planes[0])[: out.samples * 2] for out in self._resampler.resample(frame))


class QtMicrophone:
    """The system's default microphone as 16 kHz mono s16 frames."""

    def __init__(self, device: QAudioDevice | None = None) -> None:
        self._device = device
        self._source: QAudioSource | None = None
        self._queue: asyncio.Queue[bytes | None] | None = None

    def frames(self) -> AsyncIterator[bytes]:
        device = self._device or QMediaDevices.defaultAudioInput()
        if device.isNull() or not QMediaDevices.audioInputs():
            raise MicrophoneUnavailable(
                translate("QtMicrophone", "No microphone was found."),
                hint=translate("QtMicrophone", "Connect a microphone (or choose one in the system's sound settings)."),
            )
        if not _microphone_permitted():
            raise MicrophoneUnavailable(
                translate("QtMicrophone", "The system does not let Groq Desktop use the microphone."),
                hint=translate("QtMicrophone", "Allow microphone access for this app in the system's privacy settings."),
            )
        wanted = _format(MIC_RATE)
        convert = None
        fmt = wanted
        if not device.isFormatSupported(wanted):
            fmt = device.preferredFormat()
            convert = _Resampler(fmt)
        source = QAudioSource(device, fmt)
        io = source.start()
        if io is None or source.error() != QAudio.Error.NoError:
            raise MicrophoneUnavailable(
                translate("QtMicrophone", "The microphone could not be opened ({error}).").format(
                    error=source.error().name),
                hint=translate("QtMicrophone", "Another app may be using it, or access was refused."),
            )
        queue: asyncio.Queue[bytes | None] = asyncio.Queue()

        def read() -> None:
            data = bytes(io.readAll().data())
            queue.put_nowait(convert(data) if convert else data)

        io.readyRead.connect(read)
        self._source, self._queue = source, queue
        return self._iterate(queue)

    @staticmethod
    async def _iterate(queue: asyncio.Queue[bytes | None]) -> AsyncIterator[bytes]:
        while (item := await queue.get()) is not None:
            if item:
                yield item

    def stop(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source = None
        if self._queue is not None:
            self._queue.put_nowait(None)


@dataclass
class _Queued:
    clip: Clip
    stream_start: int  # byte offset of the clip's start in what the sink has been given


class QtSpeaker(QObject):
    """Plays clips back to back on one QAudioSink in push mode: the next clip's bytes follow the previous
    one's without waiting for it to finish, so there is no gap while the queue is fed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if QMediaDevices.defaultAudioOutput().isNull():
            raise SpeakerUnavailable(translate("QtSpeaker", "No audio output was found."),
                                     hint=translate("QtSpeaker", "Connect speakers or headphones."))
        self.listener = PlaybackListener()
        self._clips: list[_Queued] = []  # playing first; not yet finished
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._rate = 0
        self._written = 0  # bytes given to the sink since it started
        self._base = 0  # stream offset where the current sink started
        self._playing: _Queued | None = None
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)

    def enqueue(self, clip: Clip) -> None:
        start = self._clips[-1].stream_start + len(self._clips[-1].clip.pcm) if self._clips else self._written
        self._clips.append(_Queued(clip, start))
        if self._sink is None:
            self._open(clip.rate)
        self._timer.start()

    def _open(self, rate: int) -> None:
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull() or not QMediaDevices.audioOutputs():
            self._clips.clear()
            raise SpeakerUnavailable(translate("QtSpeaker", "No audio output was found."),
                                     hint=translate("QtSpeaker", "Connect speakers or headphones."))
        self._sink = QAudioSink(device, _format(rate))
        self._sink.setBufferSize(rate * 2 // 5)  # 200 ms: small enough for a quick stop or skip
        self._io = self._sink.start()
        self._rate = rate
        self._base = self._written

    def _close(self) -> None:
        if self._sink is not None:
            self._sink.stop()
        self._sink, self._io = None, None

    def _played_bytes(self) -> int:
        if self._sink is None:
            return self._written
        return self._base + int(self._sink.processedUSecs() * self._rate * 2 / 1_000_000)

    def _tick(self) -> None:
        if self._paused or self._sink is None or self._io is None:
            return
        # Write what fits, possibly reaching into the next clips.
        free = self._sink.bytesFree()
        for item in self._clips:
            if free <= 0:
                break
            end = item.stream_start + len(item.clip.pcm)
            if self._written >= end:
                continue
            if item.clip.rate != self._rate:
                break  # another rate: written after the sink drains and is reopened
            chunk = item.clip.pcm[self._written - item.stream_start : self._written - item.stream_start + free]
            taken = self._io.write(chunk)
            self._written += max(0, taken)
            free -= max(0, taken)
        played = self._played_bytes()
        while self._clips:
            head = self._clips[0]
            if self._playing is not head:
                self._playing = head
                self.listener.started(head.clip.tag)
            end = head.stream_start + len(head.clip.pcm)
            self.listener.position(head.clip.tag, max(0, min(played, end) - head.stream_start) / 2 / head.clip.rate)
            if played < end:
                break
            self._clips.pop(0)
            self._playing = None
            self.listener.finished(head.clip.tag, True)
            if self._clips and self._clips[0].clip.rate != self._rate:
                self._close()
                self._written = self._clips[0].stream_start
                self._open(self._clips[0].clip.rate)
        if not self._clips:
            self._timer.stop()
            self._close()

    def pause(self) -> None:
        self._paused = True
        if self._sink is not None:
            self._sink.suspend()

    def resume(self) -> None:
        self._paused = False
        if self._sink is not None:
            self._sink.resume()

    def skip(self, to_seconds: float | None = None) -> None:
        if not self._clips:
            return
        head = self._clips.pop(0) if to_seconds is None else self._clips[0]
        if to_seconds is None:
            self._playing = None
            self.listener.finished(head.clip.tag, False)
            restart = self._clips[0].stream_start if self._clips else self._written
        else:
            restart = head.stream_start + min(len(head.clip.pcm), int(to_seconds * head.clip.rate) * 2)
        # What is in the sink's buffer can't be taken back: start a fresh sink at the new place.
        self._close()
        self._written = restart
        if self._clips:
            self._open(self._clips[0].clip.rate)
            self._base = restart
            self._timer.start()

    def stop(self) -> None:
        clips, self._clips = self._clips, []
        self._close()
        self._timer.stop()
        if clips:
            self.listener.finished(clips[0].clip.tag, False)
        self._playing = None
        self._paused = False

    def queued_seconds(self) -> float:
        played = self._played_bytes()
        return sum(
            (item.stream_start + len(item.clip.pcm) - max(played, item.stream_start)) / 2 / item.clip.rate
            for item in self._clips
        )
