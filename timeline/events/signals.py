"""Signal words: "since", "until", "shortly after" and the signal of an event-anchored
expression ("two days after", "within a week of"), found in the text and in a sentence's tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.events.instants import UNIT_SECONDS
from timeline.events.words import lexicon, word_set
from timeline.types import Expression

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.clauses import SentenceAnalysis

__all__ = [
    "NEARLY", "NO_COREF", "PREFIX_MODS", "PREFIX_WORDS", "QUALIFIERS", "SIGNALS", "THAN_MODS", "VAGUE",
    "is_anchored_like", "signal_positions", "signal_token", "signal_words",
]

SIGNALS: dict[str, str | None] = dict(lexicon()["anchor_signals"])  # type: ignore[arg-type]
QUALIFIERS: dict[str, list[float]] = dict(lexicon()["signal_qualifiers"])  # type: ignore[arg-type]
_SINCE_UNTIL: dict[str, str] = dict(lexicon()["since_until"])  # type: ignore[arg-type]
NO_COREF = frozenset(lexicon()["reporting_coref_exclude"])  # type: ignore[arg-type]
VAGUE = tuple(lexicon()["vague_amount_range"])  # type: ignore[arg-type]
_SIGNAL_WORDS = ("since", "Since", "until", "Until", "till", "Till", " after", " before")

_CLAUSE_SIGNALS = word_set("clause_signals")
PREFIX_WORDS = word_set("prefix_words")

PREFIX_MODS: dict[str, str | None] = dict(lexicon()["prefix_mods"])  # type: ignore[arg-type]
THAN_MODS: dict[str, str] = dict(lexicon()["than_mods"])  # type: ignore[arg-type]
NEARLY = tuple(lexicon()["nearly_words"])  # type: ignore[arg-type]


def signal_positions(text: str) -> list[int]:
    """Offsets of "since", "until" and "<qualifier> after/before" (str.find: no regex scan)."""
    out: list[int] = []
    size = len(text)
    for word in _SIGNAL_WORDS:
        position = text.find(word)
        while position >= 0:
            end = position + len(word)
            whole = (end >= size or not text[end].isalpha()) and (
                word[0] == " " or position == 0 or not text[position - 1].isalpha())
            if whole and word[0] == " ":
                before = text[max(0, position - 12):position].rsplit(None, 1)
                whole = bool(before) and before[-1].lower() in QUALIFIERS
            if whole:
                out.append(position)
            position = text.find(word, end)
    return out


def is_anchored_like(analysis: SentenceAnalysis, expression: Expression) -> bool:
    """Is the expression a duration counted from the clause that follows it?

    Either the resolver says so (kind ``anchored``), or an ``offset`` reading counted in the
    story ("a day after", not "a day ago") is followed by its signal word and more words: the
    resolver counted it from the previous expression, but "a day after <clause>" counts from
    the clause.
    """
    reading = expression.mention.reading
    lows = analysis.lows
    lo, _ = analysis.token_range(expression.mention.char_start, expression.mention.char_end)
    if lo > 0 and lows[lo - 1] == "for":
        return False  # "spoke for two hours after the meeting": a duration
    if reading.kind == "anchored" or expression.anchor.kind == "event":
        return True
    if reading.kind == "offset":
        if reading.deictic or reading.amount is None:
            return False
    elif not (expression.time.timex_type == "DURATION" and str(reading.unit) in UNIT_SECONDS):
        return False
    signal = signal_token(analysis, expression)
    if signal is None or not (lows[signal] in _CLAUSE_SIGNALS or lows[signal] == "of"):
        return False
    following = signal + 1
    return following < analysis.n and analysis.lows[following][:1].isalnum()


def signal_token(analysis: SentenceAnalysis, expression: Expression) -> int | None:
    """Index of the signal word (after, before, of ...) of an event-anchored expression."""
    lows = analysis.lows
    lo, hi = analysis.token_range(expression.mention.char_start, expression.mention.char_end)
    signal = hi - 1 if hi > lo and lows[hi - 1] in SIGNALS else hi
    if signal >= analysis.n or lows[signal] not in SIGNALS:
        return None
    if lows[signal] == "of":
        # only "within a week of X" anchors; "210 years of loyalty" is a duration
        mod = expression.mention.reading.mod or expression.time.mod
        within = expression.mention.text.lower().startswith("within") or (
            lo > 0 and lows[lo - 1] == "within")
        if mod not in ("LESS_THAN", "EQUAL_OR_LESS") and not within:
            return None
    return signal


def signal_words(analysis: SentenceAnalysis, exclude: set[int]) -> list[tuple[int, int, str]]:
    """``(signal, qualifier, kind)`` for "since X", "until X", "shortly after X" ..."""
    lows = analysis.lows
    out: list[tuple[int, int, str]] = []
    n = analysis.n
    for i, low in enumerate(lows):
        if i in exclude or i + 1 >= n or (i + 1) in exclude:
            continue
        if low in _SINCE_UNTIL:
            if i + 2 < n and lows[i + 1] in QUALIFIERS and lows[i + 2] in ("after", "before"):
                continue  # "since shortly after X": the qualified signal carries the relation
            out.append((i, i, _SINCE_UNTIL[low]))
        elif low in ("after", "before") and i > 0 and lows[i - 1] in QUALIFIERS \
                and (i - 1) not in exclude:
            out.append((i, i - 1, "qualified"))
    return out
