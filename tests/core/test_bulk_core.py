"""Bulk core: templates, readers with column mapping, JSONL splitting, merging by custom_id, estimates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from groq_desktop.core.bulk import inputs, jsonl, merge
from groq_desktop.core.bulk.estimate import describe_duration, estimate_job
from groq_desktop.core.bulk.template import PromptTemplate, TemplateError, placeholders, render


def test_template_fills_placeholders_and_system_prompt() -> None:
    template = PromptTemplate("Classify {{ text }} from {{file_name}} ({{priority}})", system="You are {{role}}.")
    fields = {"text": "printer on fire", "file_name": "t1.txt", "priority": "high", "role": "a triager"}
    assert template.messages(fields) == [
        {"role": "system", "content": "You are a triager."},
        {"role": "user", "content": "Classify printer on fire from t1.txt (high)"},
    ]
    assert placeholders("{{a}} {{b}} {{a}}") == ["a", "b"]
    assert template.missing(["text"]) == ["role", "file_name", "priority"]


def test_template_missing_field_is_an_error_unless_lenient() -> None:
    with pytest.raises(TemplateError, match="subject"):
        render("Re: {{subject}}", {"text": "x"})
    assert render("Re: {{subject}}!", {}, strict=False) == "Re: !"
    # Braces that are not placeholders stay as they are (JSON examples in prompts).
    assert render('Answer as {"label": ...} for {{text}}', {"text": "t"}) == 'Answer as {"label": ...} for t'


def test_csv_mapping_with_preview(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id;body;team\n1;My screen is blank;it\n2;\"Refund, please\";billing\n", encoding="utf-8")
    columns, preview = inputs.csv_columns_and_preview(path)
    assert columns == ["id", "body", "team"]
    assert preview[1]["body"] == "Refund, please"
    rows = inputs.read_csv(path, {"text": "body"})
    assert [r.fields["text"] for r in rows] == ["My screen is blank", "Refund, please"]
    assert rows[0].fields["team"] == "it" and rows[0].key == "row-1"
    with pytest.raises(inputs.InputError, match="nope"):
        inputs.read_csv(path, {"text": "nope"})


def test_jsonl_and_folder_and_transcripts(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"q": "why?", "n": 3}\n\n{"q": "how?", "n": {"a": 1}}\n', encoding="utf-8")
    rows = inputs.read_jsonl(path, {"text": "q"})
    assert [(r.key, r.fields["text"], r.fields["n"]) for r in rows] == [("row-1", "why?", "3"), ("row-3", "how?", '{"a": 1}')]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b.md").write_text("# B", encoding="utf-8")
    (folder / "a.txt").write_text("A", encoding="utf-8")
    (folder / "skip.png").write_bytes(b"\x89PNG")
    _write_pdf(folder / "c.pdf", "Hello PDF")
    rows = inputs.read_folder(folder)
    assert [r.fields["file_name"] for r in rows] == ["a.txt", "b.md", "c.pdf"]
    assert "Hello PDF" in rows[2].fields["text"]
    assert inputs.from_transcripts([(7, "talk.mp3", "hi")])[0].fields == {"text": "hi", "file_name": "talk.mp3"}
    assert [r.fields["url"] for r in inputs.from_urls(["https://x/a.mp3", "", "# c", " https://x/b.mp3 "])] == [
        "https://x/a.mp3", "https://x/b.mp3"]


def _write_pdf(path: Path, text: str) -> None:
    """A one-page PDF with ``text`` (hand-written: pypdf reads but does not typeset)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_split_at_line_and_byte_limits() -> None:
    lines = [(f"r{i}", jsonl.request_line(f"r{i}", {"model": "m", "messages": []})) for i in range(10)]
    size = len(lines[0][1])
    by_lines = jsonl.split_lines(lines, max_lines=4)
    assert [f.lines for f in by_lines] == [4, 4, 2]
    assert by_lines[1].custom_ids == ("r4", "r5", "r6", "r7")
    by_bytes = jsonl.split_lines(lines, max_bytes=size * 3 + 1)
    assert [f.lines for f in by_bytes] == [3, 3, 3, 1]
    assert all(len(f.content) <= size * 3 + 1 for f in by_bytes)
    assert json.loads(by_bytes[0].content.splitlines()[0])["url"] == "/v1/chat/completions"
    assert jsonl.MAX_LINES == 50_000 and jsonl.MAX_BYTES == 200_000_000
    with pytest.raises(ValueError):
        jsonl.split_lines(lines, max_bytes=size - 1)


def test_merge_by_custom_id_in_any_order() -> None:
    ok = {"custom_id": "b", "response": {"status_code": 200, "request_id": "req_1", "body": {
        "choices": [{"message": {"content": '{"label": "bug", "score": 2}'}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 4}}}, "error": None}
    bad = {"custom_id": "a", "response": None, "error": {"code": "batch_expired", "message": "expired"}}
    merged = merge.merge_files(json.dumps(ok).encode() + b"\n", json.dumps(bad).encode())
    assert merged["b"].ok and merged["b"].prompt_tokens == 10 and merged["b"].request_id == "req_1"
    assert not merged["a"].ok and merged["a"].expired
    assert merge.json_columns(merged["b"].output) == {"label": "bug", "score": "2"}
    assert merge.json_columns("not json") == {}


def test_estimate_live_time_cost_and_batch_half() -> None:
    estimate = estimate_job([100] * 60, max_output_tokens=100, expected_output_tokens=50,
                            prices={"input_per_million": 1.0, "output_per_million": 2.0},
                            limits={"RPM": 60, "TPM": 6000})
    assert estimate.requests == 60 and estimate.input_tokens == 6000 and estimate.output_tokens == 3000
    assert estimate.live_cost == pytest.approx(0.012) and estimate.batch_cost == pytest.approx(0.006)
    assert estimate.limiting == "tokens per minute" and estimate.live_seconds == pytest.approx(120)
    assert describe_duration(7800) == "about 2 h 10 min"
