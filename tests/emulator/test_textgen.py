"""Deterministic reply text: exact piece counts, directives, markdown variety, non-ASCII."""

from __future__ import annotations

from groq_desktop.emulator import textgen


def test_reply_has_exactly_the_requested_pieces_and_is_deterministic() -> None:
    for count in (1, 7, 40, 399, 5000):
        pieces = textgen.reply_pieces(1234, count)
        assert len(pieces) == count
        text = "".join(pieces)
        assert textgen.count_pieces(text) == count
        assert not text[0].isspace() and not text[-1].isspace()
    assert textgen.reply_pieces(99, 300) == textgen.reply_pieces(99, 300)
    assert textgen.reply_pieces(99, 300) != textgen.reply_pieces(100, 300)


def test_shorter_reply_is_a_prefix_of_a_longer_one() -> None:
    long = textgen.reply_pieces(7, 500)
    short = textgen.reply_pieces(7, 120)
    assert short[:-1] == long[:119]
    assert long[119].startswith(short[-1])


def test_replies_mix_markdown_blocks_and_non_ascii_text() -> None:
    texts = ["".join(textgen.reply_pieces(seed, 400)) for seed in range(12)]
    joined = "\n".join(texts)
    assert "```python\ndef " in joined
    assert "\n- " in joined or "\n1. " in joined
    assert "| --- |" in joined
    assert any(word in joined for word in textgen.NON_ASCII_WORDS)
    assert sum(1 for t in texts if any(ord(ch) > 127 for ch in t)) >= 6


def test_directive_and_length_bounds() -> None:
    assert textgen.directive_reply_tokens("write a lot [[emulator reply_tokens=20000]] please") == 20000
    assert textgen.directive_reply_tokens("no directive here") is None
    lengths = {textgen.reply_length(textgen.stable_seed("prompt", i), (40, 400)) for i in range(200)}
    assert min(lengths) >= 40 and max(lengths) <= 400 and len(lengths) > 50


def test_reasoning_is_plain_prose_of_requested_length() -> None:
    pieces = textgen.reasoning_pieces(5, 33)
    assert len(pieces) == 33
    assert "```" not in "".join(pieces)
    assert 20 <= textgen.reasoning_length(textgen.stable_seed("x")) <= 60


def test_stable_seed_is_stable_across_processes() -> None:
    # A fixed value: str hash() is salted per process, this must not be.
    assert textgen.stable_seed("abc", 1) == textgen.stable_seed("abc", 1)
    assert textgen.stable_seed("abc", 1) == int.from_bytes(
        __import__("hashlib").blake2b(b"abc\x1f1", digest_size=8).digest(), "big"
    )
