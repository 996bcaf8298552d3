"""The incremental Markdown renderer always ends where a from-scratch render ends, for less work."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from groq_desktop.app.chat.markdown_render import (
    COPY_LINK_PREFIX,
    IncrementalMarkdown,
    markdown_to_plain,
    render_markdown,
)
from groq_desktop.emulator.textgen import reply_pieces

# Pieces that stress block boundaries: setext headings, lazy lines, tables, fences, loose lists.
FRAGMENTS = [
    "Some *emphasis* and `code` here.\n\n",
    "para\n- a\n---x\nmore\n\n",
    "- a\n\n  b\n\nc\n",
    "Title\n===\ntext\n",
    "text\n| a | b |\n| - | - |\n| 1 | 2 |\n\n",
    "```python\nx = 1\n````\nstill code\n```\n\nafter\n",
    "> quote\nlazy\n\n> q2\n\n1. x\n2. y\n\n3) z\n",
    "    indented code\n\npara\n    continued\n",
    "## Heading\npara\n- item\n\n* other list\n\n---\n",
    "line  \nbreak\\\nx **b** ~~s~~ [link](http://example.com) ![img](y.png)\n",
    "<div>raw</div>\n\n&amp; &copy;\n",
    "```\nunclosed fence\n",
]


def feed_in_pieces(document: str, cuts: list[int]) -> IncrementalMarkdown:
    renderer = IncrementalMarkdown()
    for cut in sorted(set(cuts)):
        renderer.feed(document[:cut])
    renderer.feed(document)
    return renderer


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
    strip=st.booleans(),
    data=st.data(),
)
def test_incremental_render_equals_full_render_for_random_splits(parts: list[str], strip: bool, data: st.DataObject) -> None:
    document = "".join(parts)
    if strip:
        document = document.rstrip("\n")
    cuts = data.draw(st.lists(st.integers(min_value=0, max_value=len(document)), max_size=40))
    renderer = feed_in_pieces(document, cuts)
    full = render_markdown(document)
    assert renderer.html == full.html
    assert renderer.code_blocks == full.code_blocks


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000), data=st.data())
def test_emulator_replies_streamed_token_by_token_render_like_the_whole(seed: int, data: st.DataObject) -> None:
    pieces = reply_pieces(seed, 300)
    document = "".join(pieces)
    step = data.draw(st.integers(min_value=1, max_value=7))
    renderer = IncrementalMarkdown()
    for end in range(step, len(pieces) + step, step):
        renderer.feed("".join(pieces[:end]))
    assert renderer.html == render_markdown(document).html


def test_finished_blocks_are_kept_and_only_the_tail_is_reparsed() -> None:
    document = "".join(reply_pieces(7, 4000))
    renderer = IncrementalMarkdown()
    finished_before: list[str] = []
    for end in range(500, len(document) + 500, 500):
        renderer.feed(document[:end])
        assert renderer.finished[: len(finished_before)] == finished_before
        finished_before = list(renderer.finished)
    assert renderer.resets == 0
    assert len(renderer.finished) > 20
    # Linear work: the text is parsed about once, not once per update (~50 updates here).
    assert renderer.rendered_chars < 3 * len(document)


def test_a_changed_prefix_starts_over() -> None:
    renderer = IncrementalMarkdown()
    renderer.feed("first paragraph\n\nsecond")
    renderer.feed("other text\n\nmore")
    assert renderer.resets == 1
    assert renderer.html == render_markdown("other text\n\nmore").html


def test_code_blocks_are_highlighted_and_numbered_for_copy() -> None:
    rendered = render_markdown("```python\ndef f():\n    return 1\n```\n\ntext\n\n```\nplain <b>\n```\n")
    assert rendered.code_blocks == ["def f():\n    return 1\n", "plain <b>\n"]
    assert f'href="{COPY_LINK_PREFIX}0"' in rendered.html
    assert f'href="{COPY_LINK_PREFIX}1"' in rendered.html
    assert (
        '<span class="k">def</span>' in rendered.html
    )  # Pygments classes: the theme's style sheet colours them
    assert "color:" not in rendered.html.split("<pre")[1]  # no colour baked into the HTML
    assert "plain &lt;b&gt;" in rendered.html


def test_tables_lists_links_and_no_raw_html() -> None:
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\n[l](http://e.com) <script>x</script>").html
    assert "<table" in html and "<td>1</td>" in html
    assert "<ul>" in html and "<li>x</li>" in html
    assert '<a href="http://e.com">l</a>' in html
    assert "<script>" not in html


def test_markdown_to_plain_drops_syntax_keeps_code() -> None:
    plain = markdown_to_plain("# Title\n\nSome **bold** `x`.\n\n- a\n- b\n\n```py\nx = 1\n```\n")
    assert plain.split("\n") == ["Title", "", "Some bold x.", "", "- a", "- b", "", "x = 1", ""]


def test_search_snippets_lose_their_markdown() -> None:
    from groq_desktop.app.chat.markdown_render import snippet_plain

    snippet = "…cut **bold zebra** and `code` here.\n\n## A heading\n- a *zebra* item\n| a | b |\n|---|---|\n> [a link](http://x.y) end…"
    assert snippet_plain(snippet) == "…cut bold zebra and code here. A heading a zebra item a b a link end…"
    assert snippet_plain("2 * 3 = 6 and a_b_c") == "2 * 3 = 6 and a_b_c"
