"""Audio: decoding and re-encoding with PyAV, chunk planning, merging chunk transcripts and
writing subtitles."""
