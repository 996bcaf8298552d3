"""Markdown -> HTML for chat messages, incrementally while a reply streams in.

The text is cut into top-level blocks (paragraphs, lists, tables, fenced code...). A block is
*finished* once a later block has begun on a complete line after a blank line (or right after a
heading, rule or closed fence): nothing typed later can change it, so its HTML is rendered once and
kept. Each update parses and renders only the unfinished tail, so a whole reply costs about as much
as rendering it once. The HTML is Qt-free but aimed at QTextDocument's HTML subset.

The HTML carries no colours: code is highlighted with classes, and ``code_style_rules`` gives the colours
for light or dark, so a finished block's HTML stays valid when the palette changes.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

from groq_desktop.i18n import translate

CODE_STYLES = {False: "default", True: "one-dark"}
"""The Pygments style of code in a light (False) and a dark (True) palette."""
COPY_LINK_PREFIX = "copy:"
"""Anchor href of a code block's Copy button: ``copy:<index of the block in the message>``."""

_formatter = HtmlFormatter(nowrap=True)  # classes, not colours: code_style_sheet() colours them
# Blocks after which the next block may start without a blank line and still never merge back.
_SELF_DELIMITED = frozenset({"heading_open", "hr", "fence"})


def make_markdown() -> MarkdownIt:
    """CommonMark + tables + strikethrough, no raw HTML and no reference links.

    Reference definitions are off because a definition further down would change the rendering of
    an earlier, already finished block.
    """
    md = MarkdownIt("commonmark", {"html": False, "breaks": False}).enable(["table", "strikethrough"])
    md.disable("reference")
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_fence)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("image", _render_image)
    return md


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def highlight_code(code: str, language: str) -> str:
    """Syntax-highlighted HTML spans (inline styles) for ``code``; escaped text if the language is unknown."""
    lexer = _lexer(language.lower()) if language else None
    if lexer is None:
        return html.escape(code)
    return highlight(code, lexer, _formatter)


WARM_LANGUAGES = ("python", "javascript", "bash", "json", "typescript", "sql")
_warm_lock = threading.Lock()
_warm_thread: threading.Thread | None = None


def warm_up(languages: Sequence[str] = WARM_LANGUAGES) -> None:
    """Import and compile the lexers of common languages (the first use of one costs ~100 ms)."""
    shared_markdown().render("*x* `y`\n\n| a |\n|---|\n| 1 |\n")
    for language in languages:
        highlight_code("x = 1\n", language)


def warm_up_in_background() -> None:
    """``warm_up`` once per process, in a daemon thread, so the first code block doesn't stall the UI."""
    global _warm_thread
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(target=warm_up, name="markdown-warm-up", daemon=True)
            _warm_thread.start()


@dataclass(frozen=True)
class CodeColours:
    """CSS colours (``#rrggbb``) of a code box: from the app's theme tokens."""

    background: str
    header: str
    border: str
    text: str
    muted: str
    dark: bool


@lru_cache(maxsize=8)
def code_style_rules(colours: CodeColours) -> Mapping[str, str]:
    """CSS rules for QTextDocument by the class they style: the code box's frame, header and text, and the
    highlighting classes. A document takes only the rules of the classes it uses (each rule costs every span)."""
    style = get_style_by_name(CODE_STYLES[colours.dark])
    rules: dict[str, str] = {}
    # Only the token classes (".k { color: ... }"): Qt's CSS subset has no use for the line-number and pre rules.
    for line in HtmlFormatter(style=style).get_style_defs("").splitlines():
        if line.startswith(".") and " " in line:
            rules[line[1 : line.index(" ")]] = line.split("/*")[0].strip()

    def edges(top: int, right: int, bottom: int, left: int) -> str:  # Qt reads the widths one side at a time
        return (
            f"border-style: solid; border-color: {colours.border}; border-top-width: {top}px;"
            f" border-right-width: {right}px; border-bottom-width: {bottom}px; border-left-width: {left}px;"
        )

    rules.update({
        "codeHeader": f"td.codeHeader {{ background-color: {colours.header}; {edges(1, 0, 1, 1)}"
        f" border-right-color: {colours.header}; }}",
        "codeActions": f"td.codeActions {{ background-color: {colours.header}; {edges(1, 1, 1, 0)} }}",
        "codeBody": f"td.codeBody {{ background-color: {colours.background}; {edges(0, 1, 1, 1)} }}",
        "codeLanguage": f"span.codeLanguage {{ color: {colours.muted}; font-size: small; }}",
        "codeCopy": f"a.codeCopy {{ color: {colours.muted}; text-decoration: none; font-size: small; }}",
        "code": f"pre.code {{ color: {colours.text}; white-space: pre-wrap; }}",
    })
    return MappingProxyType(rules)


_CLASS = re.compile(r'class="([\w-]+)"')


def style_sheet_for(html: str, rules: Mapping[str, str]) -> str:
    """The rules of ``rules`` that the classes used in ``html`` need."""
    if 'class="' not in html:
        return ""
    return "".join(rules[name] for name in sorted(set(_CLASS.findall(html)) & rules.keys()))


def code_block_html(code: str, language: str, index: int) -> str:
    label = html.escape(language or translate("markdown_render", "code"))
    body = highlight_code(code.rstrip("\n"), language)
    copy = html.escape(translate("markdown_render", "Copy"))
    # Each cell draws its own edges (code_style_sheet): a table border would also rule between the cells.
    return (
        '<table width="100%" border="0" cellspacing="0" cellpadding="7"'
        ' style="border-collapse:collapse; margin-top:6px; margin-bottom:8px;">'
        f'<tr><td class="codeHeader" width="100%"><span class="codeLanguage">{label}</span></td>'
        f'<td class="codeActions" align="right"><a class="codeCopy" href="{COPY_LINK_PREFIX}{index}">{copy}</a></td></tr>'
        f'<tr><td class="codeBody" colspan="2"><pre class="code">{body}</pre></td></tr>'
        "</table>\n"
    )


def _render_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    codes: list[str] = env.setdefault("code_blocks", [])
    index = env.get("code_base", 0) + len(codes)
    codes.append(token.content)
    return code_block_html(token.content, language, index)


def _render_table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    return (
        '<table class="markdownTable" border="1" cellspacing="0" cellpadding="6"'
        ' style="border-collapse:collapse; border-style:solid;">\n'
    )


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    # Images are never fetched: show the alt text as a link.
    token = tokens[idx]
    alt = html.escape(token.content or translate("markdown_render", "image"))
    src = html.escape(str(token.attrGet("src") or ""), quote=True)
    return f'<a href="{src}">[{alt}]</a>'


_shared_md: MarkdownIt | None = None


def shared_markdown() -> MarkdownIt:
    global _shared_md
    if _shared_md is None:
        _shared_md = make_markdown()
    return _shared_md


@dataclass
class RenderedMarkdown:
    html: str
    code_blocks: list[str]


def render_markdown(text: str, md: MarkdownIt | None = None) -> RenderedMarkdown:
    """Render the whole text from scratch (what the incremental renderer must always equal)."""
    md = md or shared_markdown()
    env: dict[str, Any] = {"code_base": 0, "code_blocks": []}
    return RenderedMarkdown(md.render(text, env), env["code_blocks"])


@dataclass
class _Block:
    start_line: int
    first_token: int
    end_token: int  # exclusive
    opening_type: str


def _top_level_blocks(tokens: Sequence[Token]) -> list[_Block]:
    blocks: list[_Block] = []
    for i, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1:
            if blocks and token.level == 0:
                blocks[-1].end_token = i + 1
            continue
        start = token.map[0] if token.map else (blocks[-1].start_line if blocks else 0)
        blocks.append(_Block(start, i, i + 1, token.type))
    return blocks


@dataclass
class IncrementalMarkdown:
    """Renders a growing text; ``feed`` the whole text each time (a non-prefix change starts over)."""

    md: MarkdownIt = field(default_factory=shared_markdown)
    finished: list[str] = field(default_factory=list)
    """HTML of each finished top-level block, in order; never changes once appended."""
    tail_html: str = ""
    code_blocks: list[str] = field(default_factory=list)
    """Code of every fenced block so far (finished ones, then the tail's), by Copy index."""
    _text: str = ""
    _stable: int = 0  # offset in _text where the unfinished tail starts
    _finished_code: int = 0
    resets: int = 0
    rendered_chars: int = 0
    """Total characters parsed so far: the work counter (stays ~linear in the text length)."""

    @property
    def text(self) -> str:
        return self._text

    @property
    def html(self) -> str:
        return "".join(self.finished) + self.tail_html

    def reset(self) -> None:
        self.finished.clear()
        self.code_blocks.clear()
        self.tail_html = ""
        self._text = ""
        self._stable = 0
        self._finished_code = 0
        self.resets += 1

    def feed(self, text: str) -> int:
        """Bring the rendering up to ``text``; returns how many blocks became finished."""
        if not text.startswith(self._text):
            self.reset()
        elif text == self._text and (self.finished or self.tail_html or not text):
            return 0
        self._text = text
        tail = text[self._stable :]
        self.rendered_chars += len(tail)
        tokens = self.md.parse(tail, {})
        blocks = _top_level_blocks(tokens)
        lines = tail.split("\n")
        complete_lines = len(lines) - 1  # the last piece has no newline after it (may be "")
        cut = 0
        for k in range(len(blocks) - 1, 0, -1):
            start = blocks[k].start_line
            if start >= complete_lines:
                continue
            before_blank = start > 0 and not lines[start - 1].strip()
            if before_blank or blocks[k - 1].opening_type in _SELF_DELIMITED:
                cut = k
                break
        del self.code_blocks[self._finished_code :]
        newly_finished = 0
        if cut:
            env: dict[str, Any] = {"code_base": self._finished_code, "code_blocks": []}
            for block in blocks[:cut]:
                self.finished.append(
                    self.md.renderer.render(tokens[block.first_token : block.end_token], self.md.options, env)
                )
            newly_finished = cut
            self.code_blocks.extend(env["code_blocks"])
            self._finished_code = len(self.code_blocks)
            self._stable += sum(len(line) + 1 for line in lines[: blocks[cut].start_line])
        tail_env: dict[str, Any] = {"code_base": self._finished_code, "code_blocks": []}
        tail_tokens = tokens[blocks[cut].first_token :] if blocks else []
        self.tail_html = self.md.renderer.render(tail_tokens, self.md.options, tail_env)
        self.code_blocks.extend(tail_env["code_blocks"])
        return newly_finished


def markdown_to_plain(text: str, md: MarkdownIt | None = None) -> str:
    """The text without Markdown syntax (for "Copy as plain text"): code kept verbatim, bullets as "- "."""
    md = md or shared_markdown()
    out: list[str] = []
    list_stack: list[list[int]] = []  # per open list: [next number or -1 for bullets]
    for token in md.parse(text, {}):
        match token.type:
            case "bullet_list_open":
                list_stack.append([-1])
            case "ordered_list_open":
                list_stack.append([int(token.attrGet("start") or 1)])
            case "bullet_list_close" | "ordered_list_close":
                list_stack.pop()
                if not list_stack:
                    out.append("\n")
            case "list_item_open":
                counter = list_stack[-1]
                indent = "  " * (len(list_stack) - 1)
                if counter[0] < 0:
                    out.append(f"{indent}- ")
                else:
                    out.append(f"{indent}{counter[0]}. ")
                    counter[0] += 1
            case "inline":
                out.append(_inline_plain(token))
            case "paragraph_close" | "heading_close":
                out.append("\n" if list_stack else "\n\n")
            case "fence" | "code_block":
                out.append(token.content.rstrip("\n") + "\n\n")
            case "tr_close":
                out.append("\n")
            case "th_close" | "td_close":
                out.append("\t")
            case "table_close":
                out.append("\n")
            case "hr":
                out.append("---\n\n")
    return "".join(out).replace("\t\n", "\n").strip() + ("\n" if text.endswith("\n") else "")


def _inline_plain(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


_SNIPPET_RULES = [
    (re.compile(r"(?m)^[\s|:-]*-{3,}[\s|:-]*$"), ""),  # table rules and horizontal rules
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"(?m)^\s*(#{1,6}|>|[-*+]|\d+[.)])\s+"), ""),  # headings, quotes, bullets at a line start
    (re.compile(r"(\*\*|__|~~|`+)"), ""),  # emphasis and code marks
    (re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"), ""),  # *italic*
    (re.compile(r"\s*\|\s*"), " "),  # table cells
    (re.compile(r"\s+"), " "),
]


def snippet_plain(snippet: str) -> str:
    """A search snippet (a fragment of Markdown, maybe cut mid-construct) as one line of plain text."""
    text = snippet
    for pattern, replacement in _SNIPPET_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()
