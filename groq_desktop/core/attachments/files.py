"""What a dropped or picked file is, and the text of text-like files and PDFs."""

from __future__ import annotations

import io
from pathlib import Path

from groq_desktop.core.attachments.model import AttachmentError
from groq_desktop.i18n import number, translate

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"})
MEDIA_SUFFIXES = frozenset(
    {".mp3", ".wav", ".m4a", ".flac", ".ogg", ".opus", ".webm", ".mp4", ".mpeg", ".mpga", ".mov", ".mkv", ".aac"}
)
TEXT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".rst", ".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".toml", ".ini",
     ".xml", ".html", ".css", ".py", ".js", ".ts", ".tsx", ".jsx", ".java", ".c", ".h", ".cpp", ".hpp", ".cs",
     ".go", ".rs", ".rb", ".php", ".sh", ".sql", ".kt", ".swift", ".lua", ".r", ".log", ".cfg", ".pdf"}
)
# Reading more than this would only be refused later by every model's context window.
MAX_FILE_BYTES = 20_000_000


def kind_of(path: Path) -> str | None:
    """"image", "file", "media" (goes to transcription) or None (not something the chat takes)."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in MEDIA_SUFFIXES:
        return "media"
    if suffix in TEXT_SUFFIXES:
        return "file"
    return None


def extract_text(name: str, data: bytes) -> str:
    """The file's text; raises ``AttachmentError`` saying why there is none."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name, len(data))
    if name.lower().endswith(".pdf"):
        return _pdf_text(name, data)
    if b"\x00" in data[:8192]:
        raise AttachmentError(translate("attachments", "{name} is not a text file.").format(name=name))
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if not text.strip():
        raise AttachmentError(translate("attachments", "{name} is empty.").format(name=name))
    return text


def too_large(name: str, size: int) -> AttachmentError:
    return AttachmentError(
        translate("attachments", "{name} is {size} bytes; files over {limit} bytes are not read.").format(
            name=name, size=number(size), limit=number(MAX_FILE_BYTES)
        )
    )


def not_attachable(name: str) -> AttachmentError:
    return AttachmentError(
        translate("attachments", "{name}: this kind of file cannot be attached to a message.").format(name=name)
    )


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader  # imported late: only PDFs need it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise AttachmentError(
            translate("attachments", "{name} could not be read as a PDF: {error}").format(name=name, error=exc)
        ) from exc
    if not any(p.strip() for p in pages):
        raise AttachmentError(
            translate(
                "attachments",
                "{name} has no text ({pages} page(s)): it looks like a scanned PDF. "
                "Attach the pages as images instead, or a PDF with a text layer.",
            ).format(name=name, pages=number(len(pages)))
        )
    return "\n\n".join(f"[page {i}]\n{p.strip()}" for i, p in enumerate(pages, start=1) if p.strip())


def inline_text(name: str, text: str) -> str:
    """How a file goes into the prompt: its name, then its text, fenced."""
    return f"File: {name}\n```\n{text}\n```"
