import pytest
from hypothesis import given
from hypothesis import strategies as st

from groq_desktop.core.api.sse import SseEvent, SseParser, SseTooLongError, iter_sse

STREAM = 'data: {"a": "naïve café — 東京"}\n\n: comment\n\nevent: x\ndata: one\ndata: two\n\ndata: [DONE]\n\n'.encode()


def test_events_parse_with_utf8_and_multiline_data() -> None:
    events = list(iter_sse([STREAM]))
    assert events == [
        SseEvent('{"a": "naïve café — 東京"}'),
        SseEvent("one\ntwo", "x"),
        SseEvent("[DONE]"),
    ]


@given(st.lists(st.integers(min_value=1, max_value=len(STREAM) - 1), max_size=20))
def test_any_split_of_the_bytes_gives_the_same_events(cuts: list[int]) -> None:
    points = sorted(set(cuts))
    pieces = [STREAM[a:b] for a, b in zip([0, *points], [*points, len(STREAM)], strict=True)]
    assert list(iter_sse(pieces)) == list(iter_sse([STREAM]))


def test_crlf_and_unterminated_last_event() -> None:
    parser = SseParser()
    assert parser.feed(b"data: a\r\n\r\ndata: b") == [SseEvent("a")]
    assert parser.finish() == [SseEvent("b")]


def test_done_without_a_trailing_blank_line_is_flushed_by_finish() -> None:
    parser = SseParser()
    assert parser.feed(b'data: {"a":1}\n\ndata: [DONE]') == [SseEvent('{"a":1}')]
    assert parser.finish() == [SseEvent("[DONE]")]


def test_a_line_or_an_event_over_the_cap_raises_instead_of_growing() -> None:
    parser = SseParser(max_event_bytes=1000)
    parser.feed(b"data: " + b"x" * 900)
    with pytest.raises(SseTooLongError):
        parser.feed(b"x" * 200)  # one line that never ends
    parser = SseParser(max_event_bytes=1000)
    with pytest.raises(SseTooLongError):
        for _ in range(30):
            parser.feed(b"data: " + b"y" * 50 + b"\n")  # many data lines, no blank line to end the event
    parser = SseParser(max_event_bytes=1000)
    for _ in range(100):  # the cap is per event, not per stream
        assert parser.feed(b"data: " + b"z" * 50 + b"\n\n") == [SseEvent("z" * 50)]
