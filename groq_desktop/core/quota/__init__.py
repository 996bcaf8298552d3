"""The quota: published limits, refilling buckets, the thread-safe rate limiter, the priority
scheduler that paces every request, and the parsing of Groq's rate-limit headers and durations.

It knows nothing of HTTP: the API client reports headers to it, never the other way round.
"""
