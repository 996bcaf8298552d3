"""Images and files attached to chat messages: preparation (Qt-free), text extraction, blob storage."""

from groq_desktop.core.attachments.model import Attachment, AttachmentError, AttachmentKind, ImageLimits

__all__ = ["Attachment", "AttachmentError", "AttachmentKind", "ImageLimits"]
