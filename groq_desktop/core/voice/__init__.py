"""Voice: the microphone and speaker ports, speakable text and its packing into TTS requests,
voice activity detection, WAV helpers and the content-addressed cache of synthesized audio.

Qt-free: the Qt microphone and speaker live in ``app/voice``; tests and benchmarks use ``fakes``.
"""
