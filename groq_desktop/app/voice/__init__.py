"""Voice in the app: the Qt microphone and speaker, the mic button, read-aloud controls, hands-free and
live recording widgets. The workflows themselves are in ``services/voice*.py``."""
