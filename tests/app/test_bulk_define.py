"""Defining a bulk job from a CSV/JSONL file: when the column mapping changes, the whole file is read
again in a worker thread (the UI thread never reads it), and an older read never overwrites a newer one."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from groq_desktop.app.bulk import define
from groq_desktop.app.bulk.define import JobDefinition
from groq_desktop.core.bulk import inputs as readers


def test_the_table_is_read_off_the_ui_thread_and_the_latest_mapping_wins(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id,body,team\n1,printer jams,it\n2,refund please,billing\n", encoding="utf-8")
    gate = threading.Event()
    threads: list[threading.Thread] = []
    real = readers.read_csv

    def slow_read(*args: Any) -> Any:
        threads.append(threading.current_thread())
        gate.wait(5)  # a big file; on the UI thread this would freeze the window until released
        return real(*args)

    monkeypatch.setattr(define.readers, "read_csv", slow_read)
    definition = JobDefinition(["chat-model"], ["speech-model"])
    qtbot.addWidget(definition)
    definition.load_table(path)
    assert definition.reading and definition.source_label.text() == "Reading tickets.csv…"
    assert definition.problems() == ["Reading the inputs…"] and definition.inputs() == []
    assert definition.preview_model.rowCount() == 2  # the preview (the file's head) is there at once
    definition.text_column.setCurrentText("team")  # the mapping changes while the first read is under way
    gate.set()
    qtbot.waitUntil(lambda: not definition.reading, timeout=5_000)
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=5_000)
    assert threading.main_thread() not in threads
    assert [r.fields["text"] for r in definition.inputs()] == ["it", "billing"]
    assert definition.source_label.text().startswith("tickets.csv: 2 rows")
    assert definition.problems() == []


def test_a_file_that_cannot_be_read_says_why(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "fine"}\n' * 6 + "{not json\n", encoding="utf-8")  # past the 5-row preview
    definition = JobDefinition(["chat-model"], ["speech-model"])
    qtbot.addWidget(definition)
    with qtbot.waitSignal(definition.rows_read, timeout=5_000):
        definition.load_table(path)
    assert "Could not read rows.jsonl: Line 7" in definition.source_label.text()
    assert definition.inputs() == [] and definition.problems() == ["Choose the inputs."]
