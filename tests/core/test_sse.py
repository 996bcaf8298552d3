from hypothesis import given
from hypothesis import strategies as st

from groq_desktop.core.api.sse import SseEvent, SseParser, iter_sse

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
