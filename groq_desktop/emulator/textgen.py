"""Deterministic reply text for the emulator: markdown made of "pieces" (the emulator's tokens).

A piece is a run of non-space characters with the whitespace that follows it, so the number of
tokens in any reply the emulator sends is ``count_pieces(text)``.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

PIECE_RE = re.compile(r"\S+\s*")
REPLY_TOKENS_DIRECTIVE = re.compile(r"\[\[emulator\s+reply_tokens\s*=\s*(\d+)\s*\]\]")

_WORD_TEXT = """
about above across action active actual add address advice after again against agent age agree ahead air
align allow almost alone along already also always amount analysis angle animal answer any apple apply
approach area argue arm around arrive art article ask assume attempt audio author autumn average avoid
away baby back balance ball band bank base basic basket battle beach bear beat beauty become bed before
begin behind believe bell below benefit best better between beyond bird birth bit black blank block
blood blue board boat body bone book border bottle bottom box brain branch bread break bridge bright
bring broad brother brown budget build burn bus busy button buy cable call calm camera camp canal
capital car card care carry case cash castle cat catch cause cell center chain chair chance change
channel chapter charge chart check chest chief child choice circle city claim class clean clear climb
clock close cloud coast coffee cold collect color column come common compare complete concept connect
consider contain context control cook cool copy corner cost cotton count country course cover craft
create credit crowd cup current curve cycle daily damage dance dark data date daughter day deal debate
decide deep define degree delay deliver demand depth design detail develop device differ dinner direct
discover distance divide doctor document door double doubt draft draw dream dress drink drive drop dry
during dust duty early earth east easy edge effect effort eight either element else empty end energy
engine enjoy enough enter entire equal error escape even evening event every exact example exchange
exist expect explain express extra eye face fact factor fail fair fall family far farm fast father
feature feel field figure file fill final find fine finger finish fire first fish five fix flat flight
floor flow flower focus follow food foot force forest forget form forward four frame free fresh friend
front fruit full function future gain game garden gate gather general gentle gift give glass goal gold
good grain grass great green ground group grow guard guess guide habit hair half hall hand happen happy
hard harvest head health hear heart heat heavy help hidden high hill history hold hole home hope horse
hospital hour house human hundred idea image impact improve include income increase index inside instead
interest island item join journey judge jump just keep kettle key kind kitchen knee know label lake land
language large last late laugh layer lead learn least leave left leg lesson letter level library light
limit line list listen little live local long look loose lose loud love low lucky machine main major
make manage map march market master match matter meal measure medium meet member memory metal method
middle might mile milk mind minute mirror model moment money month moon morning mother motion mountain
mouse move music name narrow nation nature near neck need network never new news next night noise normal
north note notice number object ocean offer office often open order origin other outside owner page
paint pair paper parent park part party pass past path pattern pause peace people pepper period person
phone piece place plain plan plant plate play point policy pool poor popular port position possible
pound power practice present press price print private problem process produce profit program project
proof proper public pull purpose push quality quarter question quick quiet radio rain raise range rate
reach read ready reason record region remain repeat reply report rest result return rich ride right ring
river road rock role roof room root rough round route rule safe sail salt sample sand save scale scene
school science screen sea search season seat second section seed sense series service set seven shadow
shape share sharp sheet shell shift ship shore short show side sign signal silver simple single sister
size skill sky sleep slow small smile smooth snow soft soil solid solve song sound source south space
speak special speed spring square stage stand star start state station step stick still stone store
storm story street strong study style subject sugar summer sun supply surface system table tail take
talk task taste teach team term test text thick thin thought three time tiny title today together tone
tool top total touch tower town track trade train travel tree trial trust truth turn twelve type under
unit upper useful valley value vessel view village visit voice wait walk wall warm watch water wave way
weather week weight west wheel white whole wide wild wind window winter wire wish wood word work world
write yard year yellow young zone
"""
WORDS: tuple[str, ...] = tuple(_WORD_TEXT.split())
# Multi-byte UTF-8 words catch clients that decode the stream as ISO-8859-1 or split characters.
NON_ASCII_WORDS: tuple[str, ...] = ("naïve", "café", "—", "東京", "Zürich", "façade", "résumé", "über", "日本語", "🚀")
_NON_ASCII_RATE = 0.06


def split_pieces(text: str) -> list[str]:
    return PIECE_RE.findall(text)


def count_pieces(text: str) -> int:
    return len(PIECE_RE.findall(text))


def stable_seed(*parts: object) -> int:
    """A seed that is the same in every process (``hash()`` of a str is salted per process)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def reply_length(seed: int, bounds: tuple[int, int]) -> int:
    low, high = sorted(bounds)
    return low + seed % (high - low + 1)


def directive_reply_tokens(text: str) -> int | None:
    """The ``[[emulator reply_tokens=N]]`` directive in a user message, if any."""
    match = REPLY_TOKENS_DIRECTIVE.search(text)
    return int(match.group(1)) if match else None


@lru_cache(maxsize=64)
def reply_pieces(seed: int, count: int) -> tuple[str, ...]:
    """Exactly ``count`` pieces of markdown: prose, bullet lists, sometimes a table or python code."""
    return _take(_MarkdownWriter(random.Random(seed)).blocks, count)


@lru_cache(maxsize=64)
def reasoning_pieces(seed: int, count: int) -> tuple[str, ...]:
    """A short plain-prose "thinking" text of exactly ``count`` pieces."""
    return _take(_MarkdownWriter(random.Random(seed ^ 0x5EED)).thoughts, count)


def reasoning_length(seed: int) -> int:
    return 20 + (seed >> 17) % 41


def _take(blocks_of: Callable[[], Iterator[str]], count: int) -> tuple[str, ...]:
    if count <= 0:
        return ()
    pieces: list[str] = []
    for block in blocks_of():
        pieces.extend(PIECE_RE.findall(block))
        if len(pieces) >= count:
            break
    pieces = pieces[:count]
    pieces[-1] = pieces[-1].rstrip()
    return tuple(pieces)


class _MarkdownWriter:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def blocks(self) -> Iterator[str]:
        yield self._paragraph()
        writers = (self._paragraph, self._bullets, self._code, self._table, self._heading)
        weights = (45, 20, 15, 10, 10)
        while True:
            yield self._rng.choices(writers, weights)[0]()

    def thoughts(self) -> Iterator[str]:
        yield "Let me think about what the user is asking. "
        while True:
            yield self._sentence() + " "

    def _word(self) -> str:
        rng = self._rng
        if rng.random() < _NON_ASCII_RATE:
            return rng.choice(NON_ASCII_WORDS)
        return rng.choice(WORDS)

    def _sentence(self, low: int = 6, high: int = 16) -> str:
        rng = self._rng
        words = []
        for _ in range(rng.randint(low, high)):
            word = self._word()
            roll = rng.random()
            if roll < 0.04:
                word = f"`{word}_{rng.choice(WORDS)}()`"
            elif roll < 0.07:
                word = f"**{word}**"
            elif roll < 0.15:
                word += ","
            words.append(word)
        words[-1] = words[-1].rstrip(",")
        return words[0][:1].upper() + words[0][1:] + "".join(" " + w for w in words[1:]) + "."

    def _paragraph(self) -> str:
        return " ".join(self._sentence() for _ in range(self._rng.randint(2, 5))) + "\n\n"

    def _heading(self) -> str:
        title = " ".join(self._rng.choice(WORDS) for _ in range(self._rng.randint(2, 4)))
        return f"## {title.capitalize()}\n\n" + self._paragraph()

    def _bullets(self) -> str:
        numbered = self._rng.random() < 0.3
        items = self._rng.randint(3, 5)
        lines = [
            f"{f'{i + 1}.' if numbered else '-'} {self._sentence(3, 9)}" for i in range(items)
        ]
        return "\n".join(lines) + "\n\n"

    def _table(self) -> str:
        rng = self._rng
        columns = rng.randint(2, 4)
        header = [rng.choice(WORDS).capitalize() for _ in range(columns)]
        rows = [
            [str(rng.randint(1, 999)) if c else self._word() for c in range(columns)]
            for _ in range(rng.randint(2, 4))
        ]
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * columns]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines) + "\n\n"

    def _code(self) -> str:
        rng = self._rng
        name = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
        arg, other = rng.sample(WORDS, 2)
        body = rng.choice(
            (
                f"    {other} = {arg} * {rng.randint(2, 9)}\n    return {other} + {rng.randint(1, 99)}\n",
                f"    total = 0\n    for item in {arg}:\n        total += len(item)\n    return total\n",
                f'    if not {arg}:\n        return "{rng.choice(NON_ASCII_WORDS)}"\n    return str({arg}).upper()\n',
            )
        )
        return f"```python\ndef {name}({arg}):\n{body}```\n\n"
