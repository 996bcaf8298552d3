"""Groq Desktop: a native desktop client for Groq."""
__version__ = "0.1.0"
