"""Input readers: every source becomes a list of ``BulkInput`` rows (a key and text fields).

Fields always include ``text`` and ``file_name`` when the source has them; CSV and JSONL columns keep
their own names, and a column mapping can say which column is ``text`` (or any other placeholder).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from groq_desktop.i18n import translate

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
PDF_SUFFIX = ".pdf"


@dataclass(frozen=True)
class BulkInput:
    key: str  # stable within the job: becomes the row's custom_id
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.fields.get("file_name") or self.key


class InputError(ValueError):
    pass


def _mapped(row: Mapping[str, str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    fields = {str(k): "" if v is None else str(v) for k, v in row.items() if k is not None}
    for placeholder, column in (mapping or {}).items():
        if column not in fields:
            raise InputError(
                translate("bulk_inputs", "The column '{column}' mapped to {placeholder} is not in the file.").format(
                    column=column, placeholder="{{" + placeholder + "}}"
                )
            )
        fields[placeholder] = fields[column]
    return fields


def csv_columns_and_preview(path: Path, rows: int = 5) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the first rows, for the mapping preview."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, dialect=_sniff(handle))
        preview = [dict(r) for _, r in zip(range(rows), reader, strict=False)]
        return list(reader.fieldnames or []), preview


def _sniff(handle: io.TextIOBase) -> type[csv.Dialect] | str:
    sample = handle.read(8192)
    handle.seek(0)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return "excel"


def read_csv(path: Path, mapping: Mapping[str, str] | None = None) -> list[BulkInput]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, dialect=_sniff(handle))
        return [BulkInput(f"row-{i}", _mapped(row, mapping)) for i, row in enumerate(reader, start=1)]


def jsonl_columns_and_preview(path: Path, rows: int = 5) -> tuple[list[str], list[dict[str, str]]]:
    preview = read_jsonl(path, limit=rows)
    columns = list(dict.fromkeys(k for row in preview for k in row.fields))
    return columns, [dict(row.fields) for row in preview]


def read_jsonl(path: Path, mapping: Mapping[str, str] | None = None, limit: int | None = None) -> list[BulkInput]:
    rows: list[BulkInput] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(rows) >= limit:
                break
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise InputError(
                    translate("bulk_inputs", "Line {line} of {name} is not valid JSON.").format(
                        line=number, name=path.name
                    )
                ) from exc
            if not isinstance(value, dict):
                value = {"text": value}
            flat = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in value.items()}
            rows.append(BulkInput(f"row-{number}", _mapped(flat, mapping)))
    return rows


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # imported late: only folders with PDFs need it

    return "\n\n".join((page.extract_text() or "").strip() for page in PdfReader(str(path)).pages).strip()


def read_folder(folder: Path) -> list[BulkInput]:
    """Text, Markdown and PDF files directly in ``folder``, by name."""
    rows = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
        elif suffix == PDF_SUFFIX:
            text = pdf_text(path)
        else:
            continue
        rows.append(BulkInput(f"file-{path.name}", {"text": text, "file_name": path.name}))
    return rows


def from_transcripts(transcripts: Iterable[tuple[int, str, str]]) -> list[BulkInput]:
    """``(job id, file name, transcript text)`` of finished transcriptions."""
    return [BulkInput(f"transcript-{job_id}", {"text": text, "file_name": name}) for job_id, name, text in transcripts]


def from_urls(urls: Iterable[str]) -> list[BulkInput]:
    """A list of links (audio for bulk transcription), one a line; blanks and comments skipped."""
    clean = [u.strip() for u in urls if u.strip() and not u.strip().startswith("#")]
    return [BulkInput(f"url-{i}", {"url": u, "file_name": u.rsplit("/", 1)[-1]}) for i, u in enumerate(clean, 1)]
