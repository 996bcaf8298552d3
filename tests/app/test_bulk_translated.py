"""Bulk in another language: the lines written after a job runs (estimate, status, message), the results'
headers and statuses, and the delete question (built on demand) go through the translator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from groq_desktop.app.bulk.panel import delete_question
from groq_desktop.app.bulk.results_model import FIXED_AFTER, FIXED_BEFORE
from tests.app.test_bulk_panel import TICKETS, make_panel, run_on_loop
from tests.app.translatable import MARK_OPEN, is_untranslated, pseudo_translation, untranslated_texts


@pytest.fixture
def tickets(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    lines = ["id,body,team,priority"] + [f'{i},"{b}",{t},{p}' for i, (b, t, p) in enumerate(TICKETS, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_finished_job_and_the_delete_question_are_translated(
    qtbot: Any, event_loop_checked: Any, emulator: Any, tickets: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    with pseudo_translation():
        panel, services = make_panel(qtbot, event_loop_checked, emulator.base_url, "free", tmp_path)
        try:
            panel.definition.load_table(tickets)
            qtbot.waitUntil(lambda: not panel.definition.reading, timeout=5_000)
            panel.update_estimate()
            assert panel.estimate_label.text().startswith(MARK_OPEN)
            panel.run_live()
            job_id = panel.current_job_id()
            assert job_id is not None
            qtbot.waitUntil(lambda: services.storage.get_bulk_job(job_id).status == "done", timeout=15_000)
            panel.refresh_job()
            # The finish message is the bulk service's own sentence (translated in the core's catalogue).
            assert untranslated_texts(panel, exclude=(panel.message,)) == []  # estimate, status line, buttons, menus

            results = panel.results
            shown = [results.headerData(c, Qt.Orientation.Horizontal) for c in range(results.columnCount())]
            fixed = shown[1:len(FIXED_BEFORE)] + shown[-len(FIXED_AFTER):]
            assert all(h.startswith(MARK_OPEN) for h in fixed)
            status = results.headers.index("Status")
            assert all(not is_untranslated(results.index(r, status).data()) for r in range(results.rowCount()))

            box = delete_question(panel, "tickets.csv", "")
            qtbot.addWidget(box)
            assert untranslated_texts(box) == []
        finally:
            run_on_loop(qtbot, event_loop_checked, panel.aclose())
            run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
            services.close()
