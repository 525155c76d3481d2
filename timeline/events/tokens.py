"""Tokens of a sentence or of a whole document (one regex split; abbreviations keep their full
stop). A document may be tokenized once (:class:`DocumentTokens`: word classes and capitals
flagged once) and its sentences sliced out of it: the slices are exactly the tokens each
sentence gets alone."""

from __future__ import annotations

import bisect
import re
import sys
from itertools import accumulate, islice
from operator import itemgetter
from typing import NamedTuple

from timeline.events.words import CLASS_OF, word_set

__all__ = [
    "DOCUMENT_TOKENS_LIMIT", "DocumentTokens", "Token", "token_flags", "token_spans",
    "tokenize",
]

# words (with inner hyphens, apostrophes, and the dots/commas/colons of "U.S", "1,000", "3:15")
# or single punctuation marks; abbreviations take their full stop afterwards (see token_spans)
_TOKEN = re.compile(r"\w+(?:[-'’.,:]\w+)*|[^\w\s]")
# The split patterns try the one-character branch first (the branches start with disjoint
# characters, so the order changes no token, and the short branch is cheaper to try).
if sys.version_info >= (3, 11):  # possessive quantifiers: the same tokens, no backtracking
    _TOKEN_SPLIT = re.compile(r"([^\w\s]|\w++(?:[-'’.,:]\w++)*+)")
    #: the same pattern for lower-cased ASCII text, where \w is [a-z0-9_] (ranges scan faster)
    _ASCII_SPLIT = re.compile(r"([^a-z0-9_\s]|[a-z0-9_]++(?:[-'.,:][a-z0-9_]++)*+)")
else:  # pragma: no cover - Python 3.10
    _TOKEN_SPLIT = re.compile(r"([^\w\s]|\w+(?:[-'’.,:]\w+)*)")
    _ASCII_SPLIT = re.compile(r"([^a-z0-9_\s]|[a-z0-9_]+(?:[-'.,:][a-z0-9_]+)*)")
#: words that keep their full stop ("Mr.", "Oct.")
_ABBREVIATIONS = word_set("abbreviations")
#: abbreviations that take their full stop only before a number ("No. 2")
_NUMBER_ABBREVIATIONS = word_set("number_abbreviations")


class Token(NamedTuple):
    """A word or punctuation mark: absolute character span, text and lower-case text."""

    start: int
    end: int
    text: str
    low: str


def token_spans(text: str, start: int, stop: int) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and lower-case texts of ``text[start:stop]`` (absolute offsets).

    The token pattern treats upper and lower case alike, so tokenizing the lower-cased text
    gives the same tokens. Splitting on the pattern alternates gaps and tokens, so the running
    sum of the pieces' lengths gives every offset (no per-token Python work).
    """
    sub = text[start:stop]
    if sub.isascii():
        lowered = sub.lower()
        pieces = _ASCII_SPLIT.split(lowered)  # gap, token, gap, token, ..., gap
    else:
        lowered = sub.lower().replace("’", "'")
        if len(lowered) != len(sub):  # a few characters change length when lower-cased
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in sub).replace("’", "'")
        pieces = _TOKEN_SPLIT.split(lowered)
    offsets = list(accumulate(map(len, pieces), initial=start))
    lows = pieces[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    if "." in lows:
        _join_abbreviations(starts, ends, lows, lowered, start)
    return starts, ends, lows


#: the longest text :meth:`DocumentTokens.of` tokenizes at once (news articles are far shorter);
#: longer texts tokenize sentence by sentence, so the token lists never outgrow a sentence
DOCUMENT_TOKENS_LIMIT = 200_000


class DocumentTokens(NamedTuple):
    """The tokens of a whole (ASCII) document, tokenized once and shared by its sentences."""

    text: str
    starts: list[int]
    ends: list[int]
    lows: list[str]
    #: per token: its word class (see ``_word_class``) and whether its first letter is a capital
    kinds: list[int]
    capital: list[bool]

    @classmethod
    def of(cls, text: str) -> DocumentTokens | None:
        """Tokenize ``text`` once; ``None`` for non-ASCII text (its sentences tokenize alone:
        lower-casing some characters changes their length or depends on their neighbours) and
        for text longer than :data:`DOCUMENT_TOKENS_LIMIT`."""
        if len(text) > DOCUMENT_TOKENS_LIMIT or not text.isascii():
            return None
        starts, ends, lows = token_spans(text, 0, len(text))
        return cls(text, starts, ends, lows, *token_flags(text, starts, lows))

    def sentence(self, char_start: int, char_end: int) -> tuple[list[int], list[int], list[str],
                                                                list[int], list[bool]] | None:
        """The tokens of ``text[char_start:char_end]``, exactly as :func:`token_spans` gives them, and
        their flags (:func:`token_flags`).

        ``None`` when the sentence tokenized alone could differ: a token of the document
        crosses one of its ends, or it ends with a full stop glued to a word that an
        abbreviation would take when the sentence is tokenized alone.
        """
        starts, ends = self.starts, self.ends
        lo = bisect.bisect_left(starts, char_start)
        hi = bisect.bisect_left(starts, char_end, lo)
        if (lo and ends[lo - 1] > char_start) or (hi > lo and ends[hi - 1] > char_end):
            return None
        lows = self.lows[lo:hi]
        if lows and lows[-1] == "." and char_end < len(self.text) and \
                self.text[char_end].isalnum():
            return None
        return starts[lo:hi], ends[lo:hi], lows, self.kinds[lo:hi], self.capital[lo:hi]


def token_flags(text: str, starts: list[int], lows: list[str]) -> tuple[list[int], list[bool]]:
    """Per token: its word class (memoized per word) and whether it starts with a capital."""
    # the first characters in one C call (itemgetter of several indices gives a tuple)
    firsts = itemgetter(*starts)(text) if len(starts) > 1 else [text[s] for s in starts]
    return list(map(CLASS_OF, lows)), list(map(str.isupper, firsts))


def _join_abbreviations(starts: list[int], ends: list[int], lows: list[str], lowered: str,
                        offset: int) -> None:
    """Give "Mr", "Oct", "U.S" their full stop back ("Oct. 23" stays one clause).

    Linear in the number of tokens, however many full stops join (a whole document is
    tokenized at once): the joined stops are dropped in one pass at the end. Each decision
    looks only at the stop, the token before it and the character after it: a joined token
    ends with a full stop after a letter, so it never takes a second one.
    """
    joined: list[int] = []
    size = len(lowered)
    i = 0
    while True:
        try:
            i = lows.index(".", i + 1)  # C-level scan: only full stops are looked at
        except ValueError:
            break
        previous = lows[i - 1]
        if ends[i - 1] != starts[i]:
            continue
        after = ends[i] - offset
        if previous in _NUMBER_ABBREVIATIONS:
            # "No. 2", "Nos. 3 and 4": an abbreviation only before a number ("said no.")
            join = lowered[after:after + 3].lstrip(" ")[:1].isdigit()
        else:
            join = (previous in _ABBREVIATIONS or (len(previous) > 2 and previous[-2] == ".")
                    or (len(previous) == 1 and previous.isalpha())) \
                and (after >= size or not lowered[after].isalnum())
        if join:
            ends[i - 1] = ends[i]
            lows[i - 1] = previous + "."
            joined.append(i)
    if joined:
        for values in (starts, ends, lows):
            kept = values[:joined[0]]  # the pieces between the joined stops, copied in C
            for a, b in zip(joined, islice(joined, 1, None)):
                kept += values[a + 1:b]
            kept += values[joined[-1] + 1:]
            values[:] = kept


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    stop = len(text) if end is None else end
    starts, ends, lows = token_spans(text, start, stop)
    return [Token(s, e, text[s:e], low) for s, e, low in zip(starts, ends, lows)]
