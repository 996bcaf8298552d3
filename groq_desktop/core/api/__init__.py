"""Talking to Groq: the HTTP client, SSE parsing, retries, typed results and the health check.

It may read the quota package's header parser; the quota package never imports from here.
"""
