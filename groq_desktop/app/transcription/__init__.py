"""Widgets of the transcription area: the job table model, the options form and the result viewer."""
