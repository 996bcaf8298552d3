"""What an empty transcription queue shows: where to drop files, which formats, and how big they may be."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

# Groq's own formats (core.audio.decode.ACCEPTED_EXTENSIONS, not imported here: it loads PyAV); a test
# keeps the two equal.
GROQ_FORMATS: tuple[str, ...] = ("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "ogg", "wav", "webm")
CONVERTED_EXAMPLES = "aac, opus, mkv, mov, wma, aiff"


def formats_text(max_upload_bytes: int) -> str:
    megabytes = max_upload_bytes / 1_000_000
    return (
        f"Accepted: {', '.join(GROQ_FORMATS)}; other audio and video ({CONVERTED_EXAMPLES}…) is converted first. "
        f"Any length or size: long files are sent in parts of under {megabytes:.0f} MB (Groq's upload limit) "
        "and joined into one transcript."
    )


class DropZone(QFrame):
    def __init__(self, max_upload_bytes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setStyleSheet(
            "#dropZone { border: 2px dashed palette(mid); border-radius: 10px; background: palette(alternate-base); }"
        )
        title = QLabel("Drop audio or video files or folders here")
        title.setObjectName("dropTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        how = QLabel("…or use Add files (Ctrl+O), or record from the microphone above.")
        self.formats = QLabel(formats_text(max_upload_bytes))
        self.formats.setObjectName("dropFormats")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 14, 16, 14)
        for label in (title, how, self.formats):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)

    def text(self) -> str:
        return " ".join(label.text() for label in self.findChildren(QLabel))
