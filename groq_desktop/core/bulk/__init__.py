"""Bulk work, Qt-free: prompt templates, input readers (CSV, JSONL, folders, transcripts), the Batch
API's JSONL (a ``custom_id`` per row, split at Groq's 50,000 lines / 200 MB), merging results back by
``custom_id``, and the estimates shown before a job is sent."""
