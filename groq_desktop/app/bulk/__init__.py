"""The Bulk panel: define a job over many inputs, estimate it, run it live or as Groq batches, read
and export its results."""
