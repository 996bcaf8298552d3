"""Writing a job's results as CSV, JSONL or Markdown (rows streamed in pages, so 50,000 rows stay cheap)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from groq_desktop.core.store.bulk_records import BulkRowRecord

FORMATS = ("csv", "jsonl", "md")
_BASE = ["id", "status", "output", "error", "prompt_tokens", "completion_tokens", "cost", "request_id"]


def _record(row: BulkRowRecord, input_columns: list[str], output_columns: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": row.custom_id}
    record.update({f"input.{c}": row.fields.get(c, "") for c in input_columns})
    record.update({"status": row.status, "output": row.output, "error": row.error,
                   "prompt_tokens": row.prompt_tokens, "completion_tokens": row.completion_tokens,
                   "cost": round(row.cost, 8), "request_id": row.request_id})
    record.update({f"output.{c}": row.columns.get(c, "") for c in output_columns})
    return record


def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def export_rows(pages: Callable[[], Iterator[list[BulkRowRecord]]], fmt: str, path: Path,
                input_columns: Iterable[str], output_columns: Iterable[str]) -> int:
    """Write every row ``pages()`` yields; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    inputs, outputs = list(input_columns), list(output_columns)
    header = ["id", *(f"input.{c}" for c in inputs), *_BASE[1:], *(f"output.{c}" for c in outputs)]
    count = 0
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header) if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        if fmt == "md":
            handle.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for page in pages():
            for row in page:
                record = _record(row, inputs, outputs)
                if writer is not None:
                    writer.writerow(record)
                elif fmt == "jsonl":
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    handle.write("| " + " | ".join(_md_cell(record[h]) for h in header) + " |\n")
                count += 1
    tmp.replace(path)
    return count
