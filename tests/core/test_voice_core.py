"""Voice core: speakable Markdown, packing into 200-character requests, streaming sentences, VAD, WAV, cache."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

from groq_desktop.core.voice.speakable import SentenceStream, pack, speakable, speech_tokens, split_sentences
from groq_desktop.core.voice.tts_cache import TtsCache
from groq_desktop.core.voice.vad import VadSettings, VoiceActivityDetector, level_db
from groq_desktop.core.voice.wav import RecordingWav, read_wav, wav_bytes
from tests.audio_fixtures import pcm_signal

REPLY = """## Setup

Install it with `pip install groq`. Then read [the guide](https://console.groq.com/docs/quickstart) or
https://www.example.org/a/very/long/path?with=query.

```python
import groq
client = groq.Groq()
print(client.models.list())
```

- **Fast** inference.
- Cheap *tokens*.

That's all!"""


def test_code_is_announced_and_links_are_named_not_spelled() -> None:
    text = speakable(REPLY)
    assert "There is a python code block here." in text
    assert "import groq" not in text and "print(" not in text
    assert "the guide" in text and "console.groq.com/docs" not in text
    assert "a link to example.org" in text and "https://" not in text
    assert "pip install groq" in text  # short inline code is read
    assert "**" not in text and "##" not in text and "- " not in text


def test_sentences_pack_into_full_requests_of_at_most_200_characters() -> None:
    sentences = [f"This is sentence number {i} of a long reply." for i in range(30)]
    pieces = pack(sentences)
    assert all(len(p.text) <= 200 for p in pieces)
    assert [i for p in pieces for i in p.sentences] == list(range(30))  # every sentence once, in order
    # Packed: a request ends only where the next sentence would not fit in it.
    for piece, following in zip(pieces, pieces[1:], strict=False):
        assert len(piece.text) + 1 + len(sentences[following.sentences[0]]) > 200
    assert len(pieces) == 8


def test_a_sentence_longer_than_a_request_is_cut_at_clauses_then_words() -> None:
    long = "First clause goes here, " * 12 + "and " + "word " * 60
    pieces = pack([long])
    assert len(pieces) >= 3 and all(len(p.text) <= 200 for p in pieces)
    assert " ".join(p.text for p in pieces).split() == long.split()


def test_streaming_gives_only_complete_sentences_and_waits_for_a_code_block() -> None:
    stream = SentenceStream()
    assert stream.feed("Hello there. How are") == ["Hello there."]
    assert stream.feed("Hello there. How are you?\n```py\nx = 1") == ["How are you?"]
    assert stream.feed("Hello there. How are you?\n```py\nx = 1\n```") == []
    assert stream.feed("Hello there. How are you?\n```py\nx = 1\n```\nDo") == ["There is a py code block here."]
    assert stream.finish("Hello there. How are you?\n```py\nx = 1\n```\nDone") == [
        "Done."
    ]


def test_whole_reply_sentences_match_streamed_sentences() -> None:
    stream = SentenceStream()
    streamed: list[str] = []
    for end in range(0, len(REPLY), 7):
        streamed += stream.feed(REPLY[:end])
    streamed += stream.finish(REPLY)
    assert streamed == split_sentences(speakable(REPLY))


def test_speech_tokens_count_about_four_characters_each() -> None:
    assert speech_tokens("a" * 200) == 50 and speech_tokens("") == 1


def test_vad_finds_the_start_and_the_end_of_speech() -> None:
    rate = 16000
    audio = bytes(rate) + pcm_signal(2.0, rate, kind="speech") + bytes(2 * rate * 2)
    vad = VoiceActivityDetector(VadSettings(end_silence=0.8), rate)
    events = []
    frame = 640
    for i in range(0, len(audio), frame):
        event = vad.feed(audio[i : i + frame])
        if event:
            events.append((event, i / 2 / rate))
    assert [e for e, _ in events] == ["start", "end"]
    assert 0.5 <= events[0][1] <= 0.8  # speech starts at 0.5 s
    assert 3.2 <= events[1][1] <= 3.5  # ends 0.8 s after the speech (2.5 s)
    utterance = vad.take()
    assert 2.0 <= len(utterance) / 2 / rate <= 3.3


def test_level_of_silence_and_of_speech() -> None:
    assert level_db(bytes(640)) == float("-inf")
    assert level_db(pcm_signal(0.1, 16000, kind="tone")) > -20


def test_recording_wav_is_valid_after_every_append(tmp_path: Path) -> None:
    path = tmp_path / "rec.wav"
    writer = RecordingWav(path, 16000)
    for _ in range(3):
        writer.append(bytes(3200))
        with wave.open(str(path), "rb") as w:  # readable while still open for writing
            assert w.getnframes() == writer.bytes_written // 2
    writer.close()
    assert read_wav(path.read_bytes())[0] == bytes(9600)


def test_a_killed_recorder_leaves_everything_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "killed.wav"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from groq_desktop.core.voice.wav import RecordingWav\n"
        "w = RecordingWav(Path(sys.argv[1]))\n"
        "for i in range(10):\n"
        "    w.append(bytes([i]) * 3200)\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    finally:
        proc.kill()
        proc.wait()
    pcm, rate = read_wav(path.read_bytes())
    assert rate == 16000 and len(pcm) == 32000 and pcm[-1] == 9


def test_tts_cache_is_content_addressed(tmp_path: Path) -> None:
    cache = TtsCache(tmp_path)
    data = wav_bytes(b"\x01\x00" * 100, 24000)
    assert cache.get("m", "troy", "Hi.") is None
    cache.put("m", "troy", "Hi.", data)
    assert cache.get("m", "troy", "Hi.") == data
    assert cache.get("m", "diana", "Hi.") is None and cache.get("m", "troy", "Hi!") is None
