"""Splitting text into sentences with character offsets (rule-based, linear time).

Two guarantees keep everything downstream linear in the length of the text, whatever it holds:

* the boundary pattern never rescans a run of spaces (a paragraph break is only tried at a
  line break, and steps back once over the blanks before it), so megabytes of spaces or tabs
  split in linear time;
* no sentence is longer than :data:`MAX_SENTENCE_CHARS`: text without a sentence boundary for
  longer than that (a table, a run-on list, hostile input) is cut at the last space before the
  limit. The rules look at the sentence around each time expression, so this bounds their work
  per expression. Real sentences are far shorter (the longest in the TempEval-3 news corpus has
  about 600 characters), so ordinary text splits exactly as without the limit.
"""

from __future__ import annotations

import re

from timeline.types import Sentence

__all__ = ["MAX_SENTENCE_CHARS", "split_sentences"]

#: The longest sentence :func:`split_sentences` returns, in characters; longer stretches
#: without a boundary are cut at the last whitespace before the limit (or at the limit itself
#: when there is none).
MAX_SENTENCE_CHARS = 1000

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an opening capital, digit or quote; or at a blank line. The blank-line and line-break
# branches are found at their first line break and start, as sentence boundaries, where the run
# of spaces and tabs before it starts (:func:`_line_start`): a run of blanks is never rescanned,
# so megabytes of spaces split in linear time.
# Every branch begins with a punctuation mark or a line break, consumed by the leading character
# class (the branches look back at it): re then skips to those characters at C speed instead of
# trying the pattern at every character (five times as fast as a leading lookahead).
_BOUNDARY = re.compile(
    r"""[.!?\r\n](?:"""
    r"""(?<=[.!?])(?P<end>["'”’)\]]*)(?:[ \t]+(?=["'“‘(\[]?[A-Z0-9])|(?<=["'”’])\s+|\r?\n)"""
    r"""|(?:(?<=\r)\n|(?<=\n))[ \t]*(?:\r?\n[ \t]*)+"""
    r"""|(?P<line>(?<=\r)\n|(?<=\n))(?=[ \t]*["'“‘(\[]?[A-Z0-9]))"""
)
#: a single line break ends a sentence only after a short line without final punctuation (a
#: headline or a dateline: "January 09, 2008"); in hard-wrapped text a break inside a sentence
#: ends a full-length line
_SHORT_LINE_WORDS = 10
_SHORT_LINE_CHARS = 100
_LINE_CONTINUES = frozenset(",;:-–—(/&")
#: words that cannot end a sentence: a line ending in one goes on on the next line
_CONTINUING_WORDS = frozenset(
    """a an the of on in at to by for from with and or but that as than into onto about over
    under after before since until during said says""".split()
)

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt st mt jan feb mar apr jun jul aug sep sept
    oct nov dec inc corp co ltd jr sr vs etc no u.s u.k u.n a.m p.m e.g i.e dept est
    rev fig ft cmdr adm maj pres supt messrs""".split()
)
_WORD_BEFORE = re.compile(r"((?:[^\W\d_]|\.)+)\.\W*\Z")
# An uppercase Roman numeral of one letter after a capitalised word ("World War I.",
# "Charles I.", "Henry V.", "Malcolm X."): a regnal or ordinal number, not an initial, so its
# full stop can end the sentence (the boundary pattern already requires a capital after it).
_NUMERAL_AFTER_NAME = re.compile(r"\b[A-Z][a-z]+\s+[IVX]\.\Z")


def _is_abbreviation(text: str, end: int) -> bool:
    window = text[max(0, end - 24) : end]
    match = _WORD_BEFORE.search(window[-12:].rstrip())
    if not match:
        return False
    word = match.group(1).lower()
    if len(word) == 1 and _NUMERAL_AFTER_NAME.search(window):
        return False
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _is_short_line(text: str, end: int) -> bool:
    """Is the line ending at ``end`` a headline or dateline (short, whole, not continued)?"""
    begin = text.rfind("\n", max(0, end - _SHORT_LINE_CHARS - 1), end)
    if begin < 0 and end > _SHORT_LINE_CHARS:
        return False  # the line is longer than the window: a wrapped line of running text
    line = text[begin + 1 : end].strip()
    words = line.split()
    return bool(words) and line[-1] not in _LINE_CONTINUES and \
        len(words) <= _SHORT_LINE_WORDS and words[-1] not in _CONTINUING_WORDS


def _line_start(text: str, position: int) -> int:
    """Where the run of spaces and tabs before the line break at ``position`` starts (a break
    ends a sentence there; no boundary ends inside such a run, so the run is the break's own)."""
    while position and text[position - 1] in " \t":
        position -= 1
    return position


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; offsets index into ``text`` and cover every non-blank char.

    No sentence is longer than :data:`MAX_SENTENCE_CHARS` characters.
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end("end") if match.group("end") is not None else _line_start(text, match.start())
        if match.group("line") is not None:
            if not _is_short_line(text, end):
                continue
        elif "\n" not in match.group(0) and _is_abbreviation(text, end):
            continue
        _append(text, start, end, sentences)
        start = match.end()
    _append(text, start, len(text), sentences)
    return tuple(sentences)


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Add ``text[start:end]``, trimmed, as one sentence, or as several when it is too long."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start >= stop:
            return
        if stop - start <= MAX_SENTENCE_CHARS:
            out.append(Sentence(len(out), start, stop, text[start:stop]))
            return
        cut = _cut(text, start, start + MAX_SENTENCE_CHARS)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append(Sentence(len(out), start, piece_end, text[start:piece_end]))
        start = cut


def _cut(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence that starts at ``start``: after the last whitespace in
    the second half of ``text[start:limit]``, else at ``limit``."""
    floor = start + (limit - start) // 2
    for position in range(limit, floor, -1):
        if text[position - 1].isspace():
            return position
    return limit
