"""What an empty transcription queue shows: where to drop files, which formats, and how big they may be."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.i18n import translate

# Groq's own formats (core.audio.decode.ACCEPTED_EXTENSIONS, not imported here: it loads PyAV); a test
# keeps the two equal.
GROQ_FORMATS: tuple[str, ...] = ("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "ogg", "wav", "webm")
CONVERTED_EXAMPLES = "aac, opus, mkv, mov, wma, aiff"
ICON_SIZE = 40
BORDER_WIDTH = 2


def size_text(size_bytes: float) -> str:
    """A file size in megabytes, in the user's number format ("26 MB")."""
    return translate("DropZone", "{number} MB").format(number=i18n.number(size_bytes / 1_000_000, 0))


def formats_text(max_upload_bytes: int) -> str:
    return translate(
        "DropZone",
        "Accepted: {formats}; other audio and video ({examples}…) is converted first. Any length or size: "
        "long files are sent in parts of under {size} (Groq's upload limit) and joined into one transcript.",
    ).format(formats=", ".join(GROQ_FORMATS), examples=CONVERTED_EXAMPLES, size=size_text(max_upload_bytes))


class DropZone(QFrame):
    def __init__(self, max_upload_bytes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.picture = QLabel()
        self.picture.setObjectName("dropIcon")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(translate("DropZone", "Drop audio or video files or folders here"))
        title.setObjectName("dropTitle")
        title.setProperty("role", "title")
        how = QLabel(translate("DropZone", "…or use Add files (Ctrl+O), or record from the microphone above."))
        self.formats = QLabel(formats_text(max_upload_bytes))
        self.formats.setObjectName("dropFormats")
        self.formats.setProperty("role", "caption")
        self.labels = (title, how, self.formats)
        column = QVBoxLayout(self)
        column.addWidget(self.picture)
        for label in self.labels:
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
        self._restyle()

    def _restyle(self) -> None:
        """Spacing, type and colours from the theme's tokens; again whenever light/dark changes."""
        t = theme.tokens()
        self.layout().setContentsMargins(t.space_xl, t.space_l, t.space_xl, t.space_l)
        self.layout().setSpacing(t.space_s)
        title = self.labels[0]
        font = title.font()
        font.setPointSizeF(self.font().pointSizeF() * t.title_scale)
        font.setBold(True)
        title.setFont(font)
        caption = self.formats.font()
        caption.setPointSizeF(self.font().pointSizeF() * t.caption_scale)
        self.formats.setFont(caption)
        self.formats.setProperty("role", "caption")  # muted, by the application style sheet
        self.picture.setPixmap(icons.icon("cloud-upload", t.muted_text).pixmap(ICON_SIZE, ICON_SIZE))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Painted rather than styled: a style sheet would hide the palette changes that a theme switch sends.
        t = theme.tokens()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(t.border, BORDER_WIDTH, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(t.raised)
        inset = BORDER_WIDTH / 2
        frame = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(frame, t.radius_large, t.radius_large)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def text(self) -> str:
        return " ".join(label.text() for label in self.labels)
