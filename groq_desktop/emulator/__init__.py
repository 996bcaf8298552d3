"""A Groq-compatible server on loopback: demo mode, integration tests and benchmarks run against it."""

from groq_desktop.emulator.server import EmulatorConfig, EmulatorServer, Fault

__all__ = ["EmulatorConfig", "EmulatorServer", "Fault"]
