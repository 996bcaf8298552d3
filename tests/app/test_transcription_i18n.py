"""The Transcribe panel and the voice widgets in the user's language: plurals, numbers and units, dialogs,
texts set after the first build; and their look in light and dark."""
# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from groq_desktop.app import theme
from groq_desktop.app.appearance import apply_theme
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.transcription.drop_zone import DropZone, size_text
from groq_desktop.app.transcription.job_table_model import Column, JobTableModel
from groq_desktop.app.transcription.panel import TranscriptionPanel, finished_count_text, remove_box
from groq_desktop.app.transcription.transcript_view import TranscriptView
from groq_desktop.app.voice.hands_free_bar import HandsFreeBar
from groq_desktop.app.voice.mic_button import MicButton
from groq_desktop.app.voice.read_aloud_bar import ReadAloudBar
from groq_desktop.core.audio.transcript import Segment, Transcript
from groq_desktop.core.config import load_config
from groq_desktop.services.transcription import JobInfo, JobPhase, TranscriptionOptions
from groq_desktop.services.voice_hands_free import HandsFreeState
from groq_desktop.services.voice_reading import ReadingState
from tests.app.test_transcription_panel import audio_dir, panel, status_of  # noqa: F401
from tests.app.translatable import is_untranslated, pseudo_translation, untranslated_texts
from tests.conftest import save_screenshot


@pytest.fixture
def demo_services() -> Iterator[Services]:
    services = build_services(load_config({}))
    yield services
    services.close()


def _jobs() -> list[JobInfo]:
    options = TranscriptionOptions()
    return [
        JobInfo(1, Path("talk.mp3"), "talk.mp3", JobPhase.DONE, options, duration=3725.0, progress=1.0),
        JobInfo(2, Path("memo.mp3"), "memo.mp3", JobPhase.UPLOADING, options, duration=95.0, progress=0.42,
                eta_seconds=61.0, chunk_count=3, current_chunk=2),
        JobInfo(3, Path("note.mp3"), "note.mp3", JobPhase.PREPARING, options, duration=7.0),
    ]


def test_the_job_table_speaks_turkish_units_and_digits(turkish: QLocale) -> None:
    model = JobTableModel(clock=lambda: 0.0)
    model.reset(_jobs())
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Dosya", "Süre", "Durum", "İlerleme", "Kalan süre"]
    assert model.index(0, Column.DURATION).data() == "1 sa 2 dk"
    assert model.index(1, Column.DURATION).data() == "1 dk 35 sn"
    assert model.index(2, Column.DURATION).data() == "7 sn"
    assert model.index(1, Column.PROGRESS).data() == "%42"
    assert model.index(1, Column.ETA).data() == "1 dk 1 sn"
    assert size_text(1_234_000_000) == "1.234 MB"  # Turkish digit grouping
    assert "25 MB" in DropZone(25_000_000).text() and "Ses ya da video" in DropZone(25_000_000).text()


def test_english_plurals_come_from_the_english_catalogue(english: QLocale, qtbot: Any) -> None:
    assert finished_count_text(JobPhase.DONE, 3) == "3 done"
    one = remove_box(None, ["a.mp3"])  # type: ignore[arg-type]
    two = remove_box(None, ["a.mp3", "b.mp3"])  # type: ignore[arg-type]
    for box in (one, two):
        qtbot.addWidget(box)
    assert one.text().startswith("Remove “a.mp3” from the queue?")
    assert two.text().startswith("Remove 2 finished jobs from the queue? Their transcripts")
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_transcript(Transcript(segments=[Segment(0, 0.0, 2.0, "Hello")], text="Hello"), None, "a.mp3")
    assert "1 segment" in view.title.text() and "1 segments" not in view.title.text()


def test_the_remove_question_is_translated(qtbot: Any) -> None:
    with pseudo_translation():
        for names in (["memo.mp3"], ["memo.mp3", "talk.mp3"]):
            box = remove_box(None, names)  # type: ignore[arg-type]
            qtbot.addWidget(box)
            assert untranslated_texts(box) == []
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_texts_set_later_in_the_queue_and_the_transcript_are_translated(qtbot: Any) -> None:
    with pseudo_translation():
        model = JobTableModel(clock=lambda: 0.0)
        model.reset(_jobs())
        for row in range(model.rowCount()):
            for column in (Column.DURATION, Column.PROGRESS, Column.ETA):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    text = model.index(row, column).data(role)
                    assert not text or not is_untranslated(text), (row, column, text)
        for phase in (JobPhase.DONE, JobPhase.FAILED, JobPhase.CANCELLED, JobPhase.REJECTED):
            assert not is_untranslated(finished_count_text(phase, 2))

        view = TranscriptView()
        qtbot.addWidget(view)
        transcript = Transcript(segments=[Segment(0, 0.0, 2.0, "Hello"), Segment(1, 2.0, 4.0, "there")], text="Hello there",
                                language="en", duration=4.0)
        view.show_transcript(transcript, Path("/nowhere/a.mp3"), "a.mp3")
        view.search_edit.setText("hel")
        view.play_from(1.0)  # the file is gone: a message, not a crash
        assert untranslated_texts(view) == []
        assert not is_untranslated(view.segments.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
        view._show_playing(True)
        view.playback_ended()
        assert untranslated_texts(view) == []


def test_voice_widgets_translate_every_state(qtbot: Any, demo_services: Services) -> None:
    with pseudo_translation():
        bar = HandsFreeBar(demo_services.voice)
        mic = MicButton(demo_services.voice, hold_to_talk=True)
        reading = ReadAloudBar(demo_services.voice)
        for widget in (bar, mic, reading):
            qtbot.addWidget(widget)
        bar._refuse = lambda message: setattr(bar, "refused", message)  # type: ignore[method-assign]
        bar.enter()  # no conversation to talk in
        assert not is_untranslated(bar.refused)  # type: ignore[attr-defined]
        for state in HandsFreeState:
            bar._show(state)
            assert untranslated_texts(bar) == [], state
        for state in (None, *ReadingState):
            reading._show(state)
            assert untranslated_texts(reading, exclude=(reading.budget,)) == [], state  # the budget is the core's
        mic.set_hold_to_talk(False)
        assert untranslated_texts(mic) == []


def _finished_panel(qtbot: Any, panel: TranscriptionPanel, audio_dir: Path) -> None:
    panel.add_paths([audio_dir / "memo.mp3"])
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") == "Done", timeout=15_000)
    qtbot.waitUntil(lambda: panel.viewer.segments.rowCount() > 0, timeout=5000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_panel_looks_right_in_light_and_dark(
    qtbot: Any, panel: TranscriptionPanel, audio_dir: Path, tmp_path: Path, scheme: str
) -> None:
    app = QApplication.instance()
    before = app.palette()
    try:
        apply_theme(app, scheme)
        panel.show()
        tokens = theme.tokens()
        assert tokens.dark == (scheme == "dark")
        # the drop zone follows the switch (the palette change arrives as an event)
        assert panel.hint.formats.property("role") == "caption"
        qtbot.waitUntil(lambda: panel.hint.grab().toImage().pixelColor(
            panel.hint.width() // 2, panel.hint.height() - 5).name() == tokens.raised.name())
        save_screenshot(panel, f"transcription-empty-{scheme}.png", tmp_path)
        _finished_panel(qtbot, panel, audio_dir)
        assert not panel.add_action.icon().isNull() and not panel.viewer.play_button.icon().isNull()
        save_screenshot(panel, f"transcription-{scheme}.png", tmp_path)
    finally:
        app.setPalette(before)
        app.styleHints().setColorScheme(Qt.ColorScheme.Unknown)


def test_the_panel_in_turkish(qtbot: Any, turkish: QLocale, panel: TranscriptionPanel, audio_dir: Path,
                              tmp_path: Path) -> None:
    panel.show()
    assert panel.add_action.text() == "Dosya ekle…" and "MB" in panel.hint.text()
    panel.add_paths([audio_dir / "memo.mp3"])
    qtbot.waitUntil(lambda: status_of(panel, "memo.mp3") not in ("", "Queued"), timeout=15_000)
    qtbot.waitUntil(lambda: panel.viewer.segments.rowCount() > 0, timeout=15_000)
    assert panel.message.text() == "Kuyruk bitti: 1 tamamlandı."
    assert panel.model.index(0, Column.PROGRESS).data() == "%100"
    save_screenshot(panel, "transcription-tr.png", tmp_path)


def test_tab_follows_the_layout(qtbot: Any, panel: TranscriptionPanel) -> None:
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.viewer._set_enabled(True)  # as with a transcript shown and playing
    panel.viewer.stop_button.setEnabled(True)
    assert panel.recorder is not None
    order = [panel.recorder.button, panel.table, panel.viewer.copy_button, panel.viewer.search_edit,
             panel.viewer.list, *panel.viewer.export_buttons.values(), panel.viewer.play_button,
             panel.viewer.stop_button, panel.options.model_box]
    order[0].setFocus()
    reached = [QApplication.focusWidget()]
    for _ in order[1:]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == order
