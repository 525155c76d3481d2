"""Cheap cue scans: where in a text a time expression may start (a core time word or a
number, or a first word such as "the" or "last" shortly before one): :func:`candidate_starts`."""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate

from timeline.lexicon import alternation, words

__all__ = [
    "candidate_starts",
]


_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@functools.lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """(core words, first words): every expression contains a core word and starts with a
    first word or a core word. Scanning for core words first keeps extraction fast."""
    w = words()
    core: set[str] = set()
    for table in ("months", "weekdays", "units", "parts_of_day", "seasons", "references",
                  "holidays_fixed", "holidays_computed", "named_days"):
        for phrase in w[table]:
            if phrase == "_doc":
                continue
            tokens = [t.lower() for t in _TOKEN.findall(phrase) if len(t) > 2]
            if tokens:  # the last word of a phrase is the one it cannot do without
                core.add(tokens[-1])
    core.update(d + "s" for d in w["weekdays"])
    core.update(w["first_words"]["core"])
    first: set[str] = set(w["first_words"]["first"])
    for table in ("numbers", "approximators", "modifiers", "ordinals"):
        for phrase in w[table]:
            first.update(t.lower() for t in _TOKEN.findall(phrase)[:1])
    first.update(t.lower() for phrase in w["vague_numbers"] for t in _TOKEN.findall(phrase)[:1])
    return frozenset(core), frozenset(first)


_REACH = 32  # how many characters before a core word an expression may start ("at least the past twenty-five years")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=1)
def _cue_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Scanners for core words (and numbers) and first words, over ASCII-lower-cased text (case
    folding only A-Z keeps every offset; scanning without IGNORECASE is twice as fast)."""
    core, first = _cue_words()
    word = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"
    return (
        re.compile(word.format(alternation(sorted(core))) + r"|\d+"),
        re.compile(word.format(alternation(sorted(first)))),
    )


_NUMBER_TAIL = re.compile(
    r"(\d+)(?:[.,]\d+)*(?:st|nd|rd|th)?(?:\s*([/:])|[\s-]*(?:and\s+a\s+half\s+|\d/\d\s+|[½¼¾]\s*)?([a-z][a-z.'’]*))?"
)


_ERA_TAIL = re.compile(r"\d{1,4}s?\s*(?:[-–]\s*\d{1,4}\s*)?(?:b\.c\.|bce?\b)")
_DAY_RANGE_TAIL = re.compile(r"\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?\s+([a-z]+)")

#: words that may stand between a number and its time word ("2 more days", "the 9th of May")
_NUMBER_LINKS = frozenset(
    {"of", "a.m", "p.m", "more", "full", "long", "straight", "consecutive", "additional", "extra",
     "further", "whole", "successive", "short", "solid", "and"}
)


def _number_may_start(lowered: str, position: int, core: frozenset[str]) -> bool:
    """Whether the number at ``position`` can begin an expression: a four-digit year, a date or
    clock written with / or :, or a number followed by a time word ("6 months", "9 January",
    "3 p.m.", "the 9th of May"). "4,000 residents" and "$3.2 million" cannot."""
    found = _NUMBER_TAIL.match(lowered, position)
    if found is None or _ERA_TAIL.match(lowered, position):  # "480 bc", "the 470s bc", "499-493 bc"
        return True
    digits, mark, word = found.groups()
    if len(digits) == 4 or mark:
        return True
    if word is None:
        ranged = _DAY_RANGE_TAIL.match(lowered, found.end())  # "10-12 october": the first day
        return ranged is not None and ranged.group(1) in core

    word = word.rstrip(".'’")
    return (
        word in core
        or word in words()["units"]  # "2 hr", "5 yrs"
        or word in _NUMBER_LINKS
        or word.startswith(("o'", "o’"))
    )


_CUE_TOKEN = re.compile(r"([^\W\d_]+|\d+)")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def _cue_tokens() -> dict[str, tuple[str, ...]] | None:
    """Core words that are more than one token of ``_CUE_TOKEN`` ("p.m", "2nite"), by their
    first token.

    ``None`` when the token scan of :func:`candidate_starts` could differ from the regex scan
    of :func:`_cue_regexes` (a cue word that does not start with a letter or digit, a first word
    of more than one token, a first token that is a core word itself, one such core word that
    begins another): then the regexes scan.
    """
    core, first = _cue_words()
    joined: dict[str, list[str]] = {}
    for word in sorted(core):
        head = _CUE_TOKEN.match(word)
        if head is None:
            return None
        if head.end() != len(word):
            joined.setdefault(head.group(), []).append(word)
    for head, longer in joined.items():
        if head in core or any(a != b and b.startswith(a) for a in longer for b in longer):
            return None
    if any(_LETTERS.fullmatch(word) is None for word in first):
        return None
    return {head: tuple(longer) for head, longer in joined.items()}


@functools.lru_cache(maxsize=1)
def _cue_set() -> frozenset[str]:
    """The core words and the first tokens of core words of several tokens (see
    :func:`_cue_tokens`): the tokens :func:`candidate_starts` looks at."""
    return _cue_words()[0] | frozenset(_cue_tokens() or ())


def _number_cannot_start(lowered: str, position: int, core_words: frozenset[str]) -> bool:
    """Whether the cue at ``position`` is a number that cannot begin an expression."""
    return (
        lowered[position].isdigit()
        and not (position and lowered[position - 1] in "'’")  # '98, the '90s
        and not _number_may_start(lowered, position, core_words)
    )


def _starts(text: str, cores: list[int], firsts: list[int]) -> list[int]:
    """The sorted start positions: every core position, the apostrophe before a number that has
    one ('98), and each first-word position (ascending) that lies shortly before a core."""
    starts = set(cores)
    for position in cores:
        if position and text[position - 1] in "'’" and text[position].isdigit():
            starts.add(position - 1)
    index, last = 0, len(cores)
    for position in firsts:
        while index < last and cores[index] <= position:
            index += 1
        if index < last and cores[index] - position <= _REACH:
            starts.add(position)
    return sorted(starts)


def candidate_starts(text: str) -> list[int]:
    """Positions where an expression may start: each core word or number, an apostrophe before
    a number ('98), and each first word ("the", "last", "about"...) shortly before a core word.

    The text is split once into runs of letters and runs of digits (a cue word is a whole run,
    as the word boundaries of :func:`_cue_regexes` require); set lookups pick the cues.
    """
    joined = _cue_tokens()
    if joined is None:
        return _candidate_starts_by_regex(text)
    core_words, first_words = _cue_words()
    lowered = text.translate(_ASCII_LOWER)
    pieces = _CUE_TOKEN.split(lowered)  # gap, token, gap, token, ..., gap
    tokens = pieces[1::2]
    offsets = list(accumulate(map(len, pieces)))
    positions = offsets[0:-1:2]  # where each token starts: the end of the gap before it
    cues = _cue_set()
    hits = [i for i, token in enumerate(tokens) if token in cues or token[0].isdecimal()]
    cores: list[int] = []
    consumed = -1  # the end of a core word of several tokens ("2nite": "nite" is inside it)
    for i in hits:
        position = positions[i]
        if position < consumed:
            continue
        token = tokens[i]
        if token in joined and (position == 0 or not _LETTER.match(lowered, position - 1)):
            for word in joined[token]:
                end = position + len(word)
                if lowered.startswith(word, position) and not _LETTER.match(lowered, end):
                    consumed = end
                    break
            else:
                if token not in core_words and not token[0].isdecimal():
                    continue
        elif token not in core_words and not token[0].isdecimal():
            continue
        if _number_cannot_start(lowered, position, core_words):
            continue
        cores.append(position)
    if not cores:
        return []
    low = bisect.bisect_left(positions, max(0, cores[0] - _REACH))
    high = bisect.bisect_left(positions, cores[-1])
    firsts = [position for token, position in zip(tokens[low:high], positions[low:high]) if token in first_words]
    return _starts(text, cores, firsts)


def _candidate_starts_by_regex(text: str) -> list[int]:
    """:func:`candidate_starts` with the regexes of :func:`_cue_regexes` (used when the cue
    words cannot be looked up token by token)."""
    core_regex, first_regex = _cue_regexes()
    lowered = text.translate(_ASCII_LOWER)
    core_words = _cue_words()[0]
    cores = []
    for found in core_regex.finditer(lowered):
        position = found.start()
        if _number_cannot_start(lowered, position, core_words):
            continue
        cores.append(position)
    if not cores:
        return []
    firsts = [found.start() for found in first_regex.finditer(lowered, max(0, cores[0] - _REACH), cores[-1])]
    return _starts(text, cores, firsts)
