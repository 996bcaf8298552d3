"""A finished transcript: timed segments to read, search and copy; clicking one plays the audio from there."""

from __future__ import annotations

import bisect
import logging
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.transcript import Segment, Transcript

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
START_ROLE = Qt.ItemDataRole.UserRole + 1
EXPORT_BUTTONS: tuple[tuple[str, str], ...] = (
    ("TXT", "txt"),
    ("SRT", "srt"),
    ("VTT", "vtt"),
    ("JSON", "json"),
    ("Markdown", "md"),
)


def clock(seconds: float) -> str:
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


SEGMENT_BATCH = 50


class SegmentListModel(QAbstractListModel):
    """The segments of one transcript; the one being played is highlighted."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._segments: list[Segment] = []
        self._starts: list[float] = []
        self.playing_row: int | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._segments)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._segments):
            return None
        segment = self._segments[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"[{clock(segment.start)}]  {segment.text.strip()}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{clock(segment.start)} – {clock(segment.end)}: click to play from here"
        if role == START_ROLE:
            return segment.start
        if index.row() == self.playing_row:
            if role == Qt.ItemDataRole.BackgroundRole:
                color = QColor(QGuiApplication.palette().color(QPalette.ColorRole.Highlight))
                color.setAlpha(70)  # readable over light and dark bases
                return color
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def set_segments(self, segments: list[Segment]) -> None:
        self.beginResetModel()
        self._segments = list(segments)
        self._starts = [s.start for s in self._segments]
        self.playing_row = None
        self.endResetModel()

    def segment(self, row: int) -> Segment | None:
        return self._segments[row] if 0 <= row < len(self._segments) else None

    def row_at(self, seconds: float) -> int | None:
        """The segment playing at ``seconds`` (the last one started), None before the first."""
        row = bisect.bisect_right(self._starts, seconds) - 1
        if row < 0:
            return None
        return row

    def set_playing(self, row: int | None) -> None:
        if row == self.playing_row:
            return
        previous, self.playing_row = self.playing_row, row
        for changed in (previous, row):
            if changed is not None and 0 <= changed < len(self._segments):
                index = self.index(changed, 0)
                self.dataChanged.emit(index, index)


class TranscriptView(QWidget):
    export_requested = Signal(str)  # format

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transcript: Transcript | None = None
        self.audio_path: Path | None = None
        self.player = None  # QMediaPlayer, created on first play
        self._audio_output = None
        self._pending_seek_ms: int | None = None
        self.requested_position_ms: int | None = None

        self.title = QLabel("Select a finished job to see its transcript")
        self.title.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search the transcript (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.match_label = QLabel("")
        self.copy_button = QPushButton("Copy all")
        self.copy_button.setToolTip("Copy the whole transcript as text (Ctrl+Shift+C)")
        self.copy_button.clicked.connect(self.copy_all)
        self._copy_shortcut = QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_all)
        self._copy_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while the view shows
        self._find_shortcut = QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self._find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while the view shows

        self.segments = SegmentListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.segments)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(False)
        # Long transcripts are laid out a batch per event-loop turn: selecting a job never freezes.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(SEGMENT_BATCH)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.clicked.connect(self._segment_clicked)
        self.list.activated.connect(self._segment_clicked)
        self.search_edit.textChanged.connect(self._search)

        self.player_label = QLabel("")
        self.player_label.setWordWrap(True)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop playback")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.copy_button)
        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.match_label)
        exports = QHBoxLayout()
        exports.addWidget(QLabel("Export:"))
        self.export_buttons: dict[str, QToolButton] = {}
        for label, fmt in EXPORT_BUTTONS:
            button = QToolButton()  # compact: five of them fit a narrow window
            button.setText(label)
            button.setToolTip(f"Save this transcript as {label}")
            button.clicked.connect(self._exporter(fmt))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        exports.addStretch(1)
        playback = QHBoxLayout()
        playback.addWidget(self.player_label, 1)
        playback.addWidget(self.stop_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(search)
        layout.addWidget(self.list, 1)
        layout.addLayout(exports)
        layout.addLayout(playback)
        self._set_enabled(False)

    def _exporter(self, fmt: str):  # type: ignore[no-untyped-def]
        return lambda: self.export_requested.emit(fmt)

    # --- content --------------------------------------------------------------------------------

    def show_transcript(self, transcript: Transcript | None, audio_path: Path | None, title: str = "") -> None:
        self.stop()
        self.transcript = transcript
        self.audio_path = audio_path
        self.segments.set_segments(list(transcript.segments) if transcript else [])
        if transcript is None:
            self.title.setText(title or "Select a finished job to see its transcript")
        else:
            facts = [f"{len(transcript.segments)} segments"]
            if transcript.language:
                facts.append(str(transcript.language))
            if transcript.duration:
                facts.append(clock(transcript.duration))
            self.title.setText(f"<b>{title}</b> — {' · '.join(facts)}")
        self._search(self.search_edit.text())
        self._set_enabled(transcript is not None)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.copy_button, self.search_edit, *self.export_buttons.values()):
            widget.setEnabled(enabled)

    def copy_all(self) -> None:
        if self.transcript is not None:
            QGuiApplication.clipboard().setText(subtitles.to_txt(self.transcript))

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.match_label.setText(f"{self.proxy.rowCount()} of {self.segments.rowCount()} segments")
        else:
            self.match_label.setText("")

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- playback -------------------------------------------------------------------------------

    def _segment_clicked(self, proxy_index: QModelIndex) -> None:
        source = self.proxy.mapToSource(proxy_index)
        segment = self.segments.segment(source.row())
        if segment is not None:
            self.play_from(segment.start)

    def play_from(self, seconds: float) -> None:
        """Play the job's audio from ``seconds``; any playback problem becomes a message, never a crash."""
        self.requested_position_ms = int(round(seconds * 1000))
        if self.audio_path is None or not self.audio_path.exists():
            self.player_label.setText("The audio file is no longer there.")
            return
        try:
            player = self._ensure_player()
            source = QUrl.fromLocalFile(str(self.audio_path))
            if player.source() != source:
                self._pending_seek_ms = self.requested_position_ms
                player.setSource(source)
            else:
                player.setPosition(self.requested_position_ms)
            player.play()
            self.stop_button.setEnabled(True)
            self.player_label.setText(f"Playing from {clock(seconds)}")
        except Exception as exc:  # a missing multimedia backend or device must not take the app down
            log.warning("playback failed: %s", exc)
            self.player_label.setText(f"Cannot play the audio: {exc}")

    def _ensure_player(self):  # type: ignore[no-untyped-def]
        if self.player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self.player = QMediaPlayer(self)
            self._audio_output = QAudioOutput(self)
            self.player.setAudioOutput(self._audio_output)
            self.player.positionChanged.connect(self._position_changed)
            self.player.mediaStatusChanged.connect(self._media_status_changed)
            self.player.errorOccurred.connect(self._player_error)
            self.player.playbackStateChanged.connect(self._state_changed)
        return self.player

    def _media_status_changed(self, status) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player is None:
            return
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            if self._pending_seek_ms is not None:
                self.player.setPosition(self._pending_seek_ms)
                self._pending_seek_ms = None
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.player_label.setText("Cannot play this file.")
            self.stop_button.setEnabled(False)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.playback_ended()

    def playback_ended(self) -> None:
        self.segments.set_playing(None)
        self.stop_button.setEnabled(False)
        self.player_label.setText("Finished playing")

    def _state_changed(self, state) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtMultimedia import QMediaPlayer

        if state == QMediaPlayer.PlaybackState.StoppedState and self.stop_button.isEnabled():
            self.playback_ended()

    def _player_error(self, _error, message: str = "") -> None:  # type: ignore[no-untyped-def]
        self.player_label.setText(f"Cannot play the audio: {message or 'playback error'}")
        self.stop_button.setEnabled(False)

    def _position_changed(self, position_ms: int) -> None:
        self.segments.set_playing(self.segments.row_at(position_ms / 1000))

    def stop(self) -> None:
        if self.player is not None:
            try:
                self.player.stop()
            except Exception as exc:
                log.warning("stopping playback failed: %s", exc)
        self.segments.set_playing(None)
        self.stop_button.setEnabled(False)
        self.player_label.setText("")
