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
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QShortcut
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

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.core.audio import subtitles
from groq_desktop.core.audio.transcript import Segment, Transcript
from groq_desktop.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
START_ROLE = Qt.ItemDataRole.UserRole + 1
FORMAT_NAMES: dict[str, str] = {  # export format -> its name on buttons and boxes
    "txt": QT_TRANSLATE_NOOP("ExportFormat", "TXT"),
    "srt": QT_TRANSLATE_NOOP("ExportFormat", "SRT"),
    "vtt": QT_TRANSLATE_NOOP("ExportFormat", "VTT"),
    "json": QT_TRANSLATE_NOOP("ExportFormat", "JSON"),
    "md": QT_TRANSLATE_NOOP("ExportFormat", "Markdown"),
}
NO_TRANSCRIPT = QT_TRANSLATE_NOOP("TranscriptView", "Select a finished job to see its transcript")


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
            return translate("TranscriptView", "{start} – {end}: click to play from here").format(
                start=clock(segment.start), end=clock(segment.end))
        if role == START_ROLE:
            return segment.start
        if index.row() == self.playing_row:
            if role == Qt.ItemDataRole.BackgroundRole:
                color = QColor(theme.tokens().accent)
                color.setAlpha(60)  # readable over light and dark bases
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

        self.title = QLabel(translate("TranscriptView", NO_TRANSCRIPT))
        self.title.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(translate("TranscriptView", "Search the transcript (Ctrl+F)"))
        self.search_edit.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setClearButtonEnabled(True)
        self.match_label = QLabel("")
        self.match_label.setProperty("role", "caption")
        self.copy_button = QPushButton(icons.icon("copy"), translate("TranscriptView", "Copy all"))
        self.copy_button.setToolTip(translate("TranscriptView", "Copy the whole transcript as text (Ctrl+Shift+C)"))
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
        self.player_label.setProperty("role", "caption")
        self.play_button = QPushButton()
        self.play_button.clicked.connect(self.toggle_play)
        self._show_playing(False)
        self.stop_button = QPushButton(icons.icon("debug-stop"), translate("TranscriptView", "Stop"))
        self.stop_button.setToolTip(translate("TranscriptView", "Stop playback"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.copy_button)
        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.match_label)
        exports = QHBoxLayout()
        export_label = QLabel(translate("TranscriptView", "Export:"))
        export_label.setProperty("role", "caption")
        exports.addWidget(export_label)
        self.export_buttons: dict[str, QToolButton] = {}
        for fmt, name in FORMAT_NAMES.items():
            label = translate("ExportFormat", name)
            button = QToolButton()  # compact: five of them fit a narrow window
            button.setText(label)
            button.setToolTip(translate("TranscriptView", "Save this transcript as {format}").format(format=label))
            button.setAccessibleName(button.toolTip())
            button.clicked.connect(self._exporter(fmt))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        exports.addStretch(1)
        playback = QHBoxLayout()
        playback.addWidget(self.player_label, 1)
        playback.addWidget(self.play_button)
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
            self.title.setText(title or translate("TranscriptView", NO_TRANSCRIPT))
        else:
            facts = [TranscriptView.tr("%n segments", None, len(transcript.segments))]
            if transcript.language:
                facts.append(str(transcript.language))
            if transcript.duration:
                facts.append(clock(transcript.duration))
            self.title.setText(f"<b>{title}</b> — {' · '.join(facts)}")
        self._search(self.search_edit.text())
        self._set_enabled(transcript is not None)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.copy_button, self.search_edit, self.play_button, *self.export_buttons.values()):
            widget.setEnabled(enabled)

    def copy_all(self) -> None:
        if self.transcript is not None:
            QGuiApplication.clipboard().setText(subtitles.to_txt(self.transcript))

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            total = self.segments.rowCount()  # plural: TranscriptView.tr, see panel.py
            self.match_label.setText(TranscriptView.tr("{found} of %n segments", None, total).format(
                found=i18n.number(self.proxy.rowCount())))
        else:
            self.match_label.setText("")

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- playback -------------------------------------------------------------------------------

    def toggle_play(self) -> None:
        """Pause while playing, resume a paused playback, else play from the selected segment (or the start)."""
        from PySide6.QtMultimedia import QMediaPlayer

        state = self.player.playbackState() if self.player is not None else None
        if state == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()  # type: ignore[union-attr]
        elif state == QMediaPlayer.PlaybackState.PausedState:
            self.player.play()  # type: ignore[union-attr]
        else:
            selected = self.list.selectionModel().selectedIndexes()
            segment = self.segments.segment(self.proxy.mapToSource(selected[0]).row()) if selected else None
            self.play_from(segment.start if segment is not None else 0.0)

    def _show_playing(self, playing: bool) -> None:
        if playing:
            self.play_button.setText(translate("TranscriptView", "Pause"))
            self.play_button.setIcon(icons.icon("debug-pause"))
            self.play_button.setToolTip(translate("TranscriptView", "Pause playback"))
        else:
            self.play_button.setText(translate("TranscriptView", "Play"))
            self.play_button.setIcon(icons.icon("play"))
            self.play_button.setToolTip(translate(
                "TranscriptView", "Play the audio from the selected segment, or from the start; click a segment to jump"
            ))

    def _segment_clicked(self, proxy_index: QModelIndex) -> None:
        source = self.proxy.mapToSource(proxy_index)
        segment = self.segments.segment(source.row())
        if segment is not None:
            self.play_from(segment.start)

    def play_from(self, seconds: float) -> None:
        """Play the job's audio from ``seconds``; any playback problem becomes a message, never a crash."""
        self.requested_position_ms = int(round(seconds * 1000))
        if self.audio_path is None or not self.audio_path.exists():
            self.player_label.setText(translate("TranscriptView", "The audio file is no longer there."))
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
            self.player_label.setText(translate("TranscriptView", "Playing from {time}").format(time=clock(seconds)))
        except Exception as exc:  # a missing multimedia backend or device must not take the app down
            log.warning("playback failed: %s", exc)
            self.player_label.setText(
                translate("TranscriptView", "Cannot play the audio: {error}").format(error=exc))

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
            self.player_label.setText(translate("TranscriptView", "Cannot play this file."))
            self.stop_button.setEnabled(False)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.playback_ended()

    def playback_ended(self) -> None:
        self.segments.set_playing(None)
        self.stop_button.setEnabled(False)
        self.player_label.setText(translate("TranscriptView", "Finished playing"))

    def _state_changed(self, state) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtMultimedia import QMediaPlayer

        self._show_playing(state == QMediaPlayer.PlaybackState.PlayingState)
        if state == QMediaPlayer.PlaybackState.StoppedState and self.stop_button.isEnabled():
            self.playback_ended()

    def _player_error(self, _error, message: str = "") -> None:  # type: ignore[no-untyped-def]
        self.player_label.setText(translate("TranscriptView", "Cannot play the audio: {error}").format(
            error=message or translate("TranscriptView", "playback error")))
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
        self._show_playing(False)
        self.player_label.setText("")
