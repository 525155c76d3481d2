"""Splitting text into sentences with character offsets (rule-based, linear time)."""

from __future__ import annotations

import re

from timeline.types import Sentence

__all__ = ["split_sentences"]

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an opening capital, digit or quote; or at a blank line.
_BOUNDARY = re.compile(
    r"""(?:(?<=[.!?])["'”’)\]]*[ \t]+(?=["'“‘(\[]?[A-Z0-9]))|(?:[ \t]*\r?\n[ \t]*(?:\r?\n[ \t]*)+)|(?:(?<=[.!?]["'”’])\s+)|(?:(?<=[.!?])\r?\n)"""
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt st mt jan feb mar apr jun jul aug sep sept
    oct nov dec inc corp co ltd jr sr vs etc no u.s u.k u.n a.m p.m e.g i.e dept est
    rev fig ft cmdr adm maj pres supt messrs""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.\W*\Z")


def _is_abbreviation(text: str, end: int) -> bool:
    window = text[max(0, end - 12) : end]
    match = _WORD_BEFORE.search(window.rstrip())
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; offsets index into ``text`` and cover every non-blank char."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group(0) and _is_abbreviation(text, match.start()):
            continue
        _append(text, start, match.start(), sentences)
        start = match.end()
    _append(text, start, len(text), sentences)
    return tuple(sentences)


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(len(out), start, end, text[start:end]))
