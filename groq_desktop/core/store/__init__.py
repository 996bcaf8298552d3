"""Storage: the SQLite database (conversations, messages, transcription jobs, usage) and its
migrations."""
