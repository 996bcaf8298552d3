"""Storage of transcription chunks across a re-plan."""

from __future__ import annotations

from pathlib import Path

from groq_desktop.core.store.storage import Storage


def test_renumber_chunks_keeps_done_results_under_their_new_index_and_drops_replaced_ones(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "db.sqlite3")
    job = storage.create_job(tmp_path / "a.mp3", "a.mp3", {})
    for index in range(4):
        storage.save_chunk_result(job.id, index, index * 10.0, index * 10.0 + 12.0, {"text": f"chunk {index}"})
    storage.record_chunk_failure(job.id, 1, 10.0, 22.0, "413")
    # chunk 1 was split in two: 0 -> 0, 2 -> 3, 3 -> 4
    storage.renumber_chunks(job.id, {0: 0, 2: 3, 3: 4})
    chunks = {c.chunk_index: (c.start, (c.result or {}).get("text")) for c in storage.list_chunks(job.id)}
    storage.close()
    assert chunks == {0: (0.0, "chunk 0"), 3: (20.0, "chunk 2"), 4: (30.0, "chunk 3")}
