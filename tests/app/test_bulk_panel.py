"""The Bulk panel against the emulator: define a job from a CSV with a column mapping, estimate,
dry run, run live and as a batch (JSON schema columns), filter failures, retry, export; lazy loading
of 50,000 result rows; transcripts handed over from the Transcribe panel."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from groq_desktop.app.bulk import panel as panel_module
from groq_desktop.app.bulk.panel import BulkPanel
from groq_desktop.app.bulk.results_model import PAGE, BulkResultsModel
from groq_desktop.app.composition import Services, build_services
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.bulk.inputs import BulkInput
from groq_desktop.core.config import load_config
from groq_desktop.core.store.bulk_records import BulkJobRecord, BulkResult
from groq_desktop.services.bulk import PollPolicy
from tests.conftest import TEST_KEY, save_screenshot

TICKETS = [
    ("My laptop will not turn on after the update", "it", "high"),
    ("Please refund order 1182, it arrived broken", "billing", "normal"),
    ("How do I add a second user to our plan?", "sales", "low"),
    ("The invoice PDF shows the wrong VAT number", "billing", "normal"),
    ("VPN drops every ten minutes at the office", "it", "high"),
    ("Can we pay yearly instead of monthly?", "sales", "low"),
]
SCHEMA = {"type": "object", "properties": {"category": {"type": "string", "enum": ["it", "billing", "sales"]},
                                            "urgency": {"type": "integer"}},
          "required": ["category", "urgency"], "additionalProperties": False}


def run_on_loop(qtbot: Any, loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def make_panel(qtbot: Any, loop: Any, base_url: str, plan: str, tmp_path: Path) -> tuple[BulkPanel, Services]:
    services = build_services(load_config({"GROQ_API_KEY": TEST_KEY, "GROQ_BASE_URL": base_url,
                                           "GROQ_PLAN": plan, "GROQ_TIME_SCALE": "60", "GROQ_MAX_RETRIES": "0"}))
    services.bulk.poll = PollPolicy(first=0.05, factor=1.5, maximum=0.2)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    widget = BulkPanel(services, settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    return widget, services


@pytest.fixture
def tickets_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    lines = ["id,body,team,priority"] + [f'{i},"{b}",{t},{p}' for i, (b, t, p) in enumerate(TICKETS, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def free_panel(qtbot: Any, event_loop_checked: Any, emulator: Any, monkeypatch: pytest.MonkeyPatch,
               tmp_path: Path) -> Iterator[tuple[BulkPanel, Services]]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    widget, services = make_panel(qtbot, event_loop_checked, emulator.base_url, "free", tmp_path)
    yield widget, services
    run_on_loop(qtbot, event_loop_checked, widget.aclose())
    run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
    services.close()


@pytest.fixture
def dev_panel(qtbot: Any, event_loop_checked: Any, emulator_factory: Any, monkeypatch: pytest.MonkeyPatch,
              tmp_path: Path) -> Iterator[tuple[BulkPanel, Services, Any]]:
    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    server = emulator_factory(plan="developer", time_scale=3600.0, tokens_per_second=5000.0)
    widget, services = make_panel(qtbot, event_loop_checked, server.base_url, "developer", tmp_path)
    yield widget, services, server
    run_on_loop(qtbot, event_loop_checked, widget.aclose())
    run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
    services.close()


def test_define_estimate_dry_run_and_run_live_on_the_free_plan(
    qtbot: Any, free_panel: tuple[BulkPanel, Services], tickets_csv: Path, tmp_path: Path
) -> None:
    panel, services = free_panel
    definition = panel.definition
    definition.load_table(tickets_csv)
    qtbot.waitUntil(lambda: not definition.reading, timeout=5_000)  # the rows are read in a worker thread
    assert definition.preview_model.rowCount() == 5 and definition.preview_model.columnCount() == 4
    assert definition.text_column.currentText() == "body"  # guessed from the column names
    definition.system_prompt.setPlainText("You triage support tickets for the {{team}} team.")
    definition.template.setPlainText("Priority {{priority}}. Classify this ticket in one word:\n\n{{text}}")
    panel.update_estimate()
    text = panel.estimate_label.text()
    assert "<b>6</b> requests" in text and "batch" in text and "(50 %)" in text and "free-plan" in text
    assert panel.last_estimate is not None and panel.last_estimate.batch_cost == pytest.approx(
        panel.last_estimate.live_cost * 0.5)
    # The free plan: batches are refused, and the panel says why and offers live mode.
    assert not panel.batch_button.isEnabled() and "free plan" in panel.plan_notice.text()
    assert "Run it live" in panel.plan_notice.text()
    definition.template.setPlainText("{{text}} {{nope}}")
    panel.update_estimate()
    assert not panel.live_button.isEnabled() and "{{nope}}" in panel.estimate_label.text()
    definition.template.setPlainText("Priority {{priority}}. Classify this ticket in one word:\n\n{{text}}")
    panel.update_estimate()

    panel.dry_run()
    qtbot.waitUntil(lambda: panel.dry_run_view.text().count("<b>row-") == 3, timeout=10_000)
    assert services.storage.list_bulk_jobs() == []  # a dry run stores nothing
    save_screenshot(panel, "bulk_define.png", tmp_path)

    panel.run_live()
    job_id = panel.current_job_id()
    assert job_id is not None
    qtbot.waitUntil(lambda: services.storage.get_bulk_job(job_id).status == "done", timeout=15_000)
    qtbot.waitUntil(lambda: panel.status.text().startswith("Done: 6 done"), timeout=5_000)
    assert panel.results.rowCount() == 6 and panel.progress.value() == 6
    assert panel.results.data(panel.results.index(0, 1)).startswith("My laptop")


def test_batch_results_as_columns_failures_retry_and_export(
    qtbot: Any, dev_panel: tuple[BulkPanel, Services, Any], tickets_csv: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel, services, server = dev_panel
    server.batches.settings.fail_every = 4
    panel.definition.load_table(tickets_csv)
    qtbot.waitUntil(lambda: not panel.definition.reading, timeout=5_000)
    panel.definition.template.setPlainText("Classify: {{text}}")
    panel.definition.schema.setPlainText(json.dumps(SCHEMA))
    panel.update_estimate()
    assert panel.batch_button.isEnabled() and panel.plan_notice.text() == ""
    panel.send_batch()
    qtbot.waitUntil(lambda: panel.current_job_id() is not None, timeout=5_000)
    job_id = panel.current_job_id()
    qtbot.waitUntil(lambda: services.storage.get_bulk_job(job_id).status == "done", timeout=15_000)
    qtbot.waitUntil(lambda: "completed" in panel.status.text() and "1 failed" in panel.status.text(), timeout=5_000)
    assert panel.results.headers[2:4] == ("category", "urgency")  # the schema's fields became columns
    assert panel.results.data(panel.results.index(0, 2)) in ("it", "billing", "sales")
    assert "expires" in panel.status.text() and "created" in panel.status.text()
    assert panel.jobs.currentText().endswith("(batch)") and not panel.pause_button.isEnabled()
    assert panel.notifications and "5 done, 1 failed" in panel.notifications[0][1]  # the finish notification

    panel.failures_only.setChecked(True)
    assert panel.results.rowCount() == 1 and panel.results.row_at(0).custom_id == "row-4"
    server.batches.settings.fail_every = 0
    panel.retry_failed()
    qtbot.waitUntil(lambda: services.storage.count_bulk_rows(job_id, statuses=("done",)) == 6, timeout=15_000)
    qtbot.waitUntil(lambda: panel.results.rowCount() == 0, timeout=5_000)
    panel.failures_only.setChecked(False)
    panel.search.setText("VAT number")
    qtbot.waitUntil(lambda: panel.results.rowCount() == 1, timeout=3_000)
    panel.search.setText("")
    qtbot.waitUntil(lambda: panel.results.rowCount() == 6, timeout=3_000)
    save_screenshot(panel, "bulk_results.png", tmp_path)

    target = tmp_path / "results.csv"
    monkeypatch.setattr(panel_module, "choose_export_path", lambda *_a: target)
    panel.export("csv")
    qtbot.waitUntil(lambda: panel.message.text().startswith("Exported 6 rows"), timeout=5_000)
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert "input.body" in header and "output.category" in header and "output.urgency" in header


def test_results_model_loads_50000_rows_lazily(qtbot: Any, qtmodeltester: Any, tmp_path: Path) -> None:
    from groq_desktop.core.store.storage import Storage

    storage = Storage(tmp_path / "bulk.db")
    try:
        job = storage.create_bulk_job(BulkJobRecord(model="m", template="{{text}}"),
                                      [(f"row-{i}", {"text": f"input {i}"}) for i in range(50_000)])
        storage.save_bulk_results(job.id, [BulkResult(f"row-{i}", "done", output=f'{{"label": "x{i}"}}',
                                                      columns={"label": f"x{i}"}) for i in range(0, 50_000, 7)])
        model = BulkResultsModel(storage)
        model.set_job(job.id)
        assert model.total == 50_000 and model.rowCount() == PAGE and model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == 2 * PAGE
        assert model.data(model.index(7, 2)) == "x7" and model.headers[2] == "label"
        loaded = model.rowCount()
        storage.save_bulk_results(job.id, [BulkResult("row-1", "failed", error="HTTP 500")])
        model.refresh(0, 20)  # the visible rows only: what is loaded stays loaded
        assert model.rowCount() == loaded and model.data(model.index(1, 3)) == "failed: HTTP 500"
        qtmodeltester.check(model)  # (it fetches more rows itself)
        model.set_job(job.id, search="input 4999")
        assert model.total == 11 and model.rowCount() == 11  # 4999 and 49990..49999
    finally:
        storage.close()


def test_transcripts_from_the_transcribe_panel_become_inputs(
    qtbot: Any, event_loop_checked: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from groq_desktop.app.main_window import MainWindow

    monkeypatch.setenv("GROQ_DESKTOP_HOME", str(tmp_path / "home"))
    services = build_services(load_config({"GROQ_DEMO": "1"}))
    window = MainWindow(services, AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    try:
        window.transcription_panel.run_prompt_requested.emit([(3, "standup.mp3", "we shipped it"),
                                                              (4, "retro.m4a", "too many meetings")])
        assert window.stack.currentWidget() is window.bulk_panel
        rows = window.bulk_panel.definition.inputs()
        assert [(r.key, r.fields["file_name"], r.fields["text"]) for r in rows] == [
            ("transcript-3", "standup.mp3", "we shipped it"), ("transcript-4", "retro.m4a", "too many meetings")]
        window.close()
    finally:
        run_on_loop(qtbot, event_loop_checked, window.bulk_panel.aclose())
        run_on_loop(qtbot, event_loop_checked, services.scheduler.aclose())
        services.close()


def test_audio_files_without_a_bucket_go_to_the_transcription_queue(
    qtbot: Any, free_panel: tuple[BulkPanel, Services], tmp_path: Path
) -> None:
    from groq_desktop.app.bulk.define import AUDIO_FILES
    from tests.audio_fixtures import write_audio

    panel, services = free_panel
    audio = tmp_path / "memo.wav"
    write_audio(audio, 3, kind="speech")
    panel.definition.source.setCurrentIndex(AUDIO_FILES)
    panel.definition.load_audio([audio])
    panel.update_estimate()
    assert "1</b> audio inputs" in panel.estimate_label.text()
    panel.send_batch()  # no S3 bucket configured (and the free plan): says what to do instead
    assert "S3 bucket" in panel.message.text()
    panel.run_live()
    qtbot.waitUntil(lambda: [j.name for j in services.transcription.jobs()] == ["memo.wav"], timeout=5_000)
    assert "transcription queue" in panel.message.text()
    run_on_loop(qtbot, asyncio.get_event_loop(), services.transcription.aclose())


def test_a_job_is_deleted_from_the_panel_after_confirmation(
    qtbot: Any, free_panel: tuple[BulkPanel, Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, services = free_panel
    first = services.bulk.create_job(BulkJobRecord(model="m", template="{{text}}", name="first"),
                                     [BulkInput("row-1", {"text": "a"})])
    second = services.bulk.create_job(BulkJobRecord(model="m", template="{{text}}", name="second"),
                                      [BulkInput("row-1", {"text": "b"}), BulkInput("row-2", {"text": "c"})])
    panel._reload_jobs(select=second.id)
    asked: list[str] = []

    def answer(yes: bool) -> Any:
        return lambda _parent, name, detail: asked.append(f"{name}: {detail}") or yes

    monkeypatch.setattr(panel_module, "confirm_delete", answer(False))
    panel.delete_button.click()
    assert asked == ["second: 2 rows, 0 with results."]
    assert services.storage.get_bulk_job(second.id) is not None and panel.jobs.count() == 2  # said no: kept
    monkeypatch.setattr(panel_module, "confirm_delete", answer(True))
    panel.delete_button.click()
    qtbot.waitUntil(lambda: panel.jobs.count() == 1, timeout=5_000)
    assert services.storage.get_bulk_job(second.id) is None and services.storage.bulk_rows(second.id) == []
    assert panel.current_job_id() == first.id and "Deleted “second”" in panel.message.text()


def test_tab_follows_the_send_buttons_reading_order(qtbot: Any, free_panel: tuple[BulkPanel, Services]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    panel, _services = free_panel
    panel.activateWindow()
    for widget in (panel.dry_run_button, panel.live_button, panel.batch_button):
        widget.setEnabled(True)
    order = [panel.dry_run_button, panel.live_button, panel.batch_button, panel.window_choice]
    panel.dry_run_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.dry_run_button)
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
