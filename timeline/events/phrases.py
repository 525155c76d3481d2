"""Event phrases: the readable words around a trigger ("the vote was held", "an interview with
60 Minutes"), trimmed by the lexicon's drop lists, as :class:`Found` records."""

from __future__ import annotations

import bisect
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from timeline.events.forms import Group
from timeline.events.words import (
    COORD,
    DEFINITE,
    DETERMINERS,
    EVENT_NOUNS,
    HAPPENING,
    HARD,
    LEADING_DROP,
    LIGHT,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVE,
    SUBJECT_MARKS,
    SUBORDINATORS,
    TRAILING_DROP,
    lemma,
)

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.clauses import SentenceAnalysis

__all__ = ["Found", "noun_event", "other_event", "subject_start", "verb_event"]


class Found(NamedTuple):
    """An event found in a sentence: its trigger and its readable phrase.

    Attributes:
        trigger: the verb or event noun naming the event.
        trigger_start: absolute offset of the trigger (the event's identity in the document).
        trigger_end: offset one past the trigger.
        phrase: the trimmed phrase (pieces joined by one space).
        char_start: offset of the phrase's first character.
        char_end: offset one past the phrase's last character.
        kind: ``verb``, ``noun`` or ``other``.
        definite: a noun mention with a definite or possessive determiner ("his recapture").
        lemma: a base form of the trigger ("met" -> "meet").
    """

    trigger: str
    trigger_start: int
    trigger_end: int
    phrase: str
    char_start: int
    char_end: int
    kind: str
    definite: bool = False
    lemma: str = ""


#: ``tuple.__new__``: a :class:`Found` from its fields in order, without NamedTuple's keyword layer
_new_found = tuple.__new__


def verb_event(a: SentenceAnalysis, g: Group, lo: int, hi: int, exclude: set[int]) -> Found:
    """The event of verb group ``g`` in the clause ``[lo, hi)``: its subject, the verb and up
    to nine words after it (a light verb hands its event to an event noun subject)."""
    lows = a.lows
    head = g.head
    # a light verb with an event noun subject: "the vote was held" -> vote
    trigger_index = head
    kind = "verb"
    first = g.first
    subject = subject_start(a, first, lo, exclude)
    if lows[head] in LIGHT:
        for k in range(subject, first):
            if lows[k] in EVENT_NOUNS:
                trigger_index, kind = k, "noun"
        # "the vote, which took place on April 10": the clause is about the noun before it
        if kind == "verb" and subject == first and lo >= 3 and lows[lo - 1] in RELATIVE \
                and lows[lo - 2] == "," and (lows[lo - 3] in EVENT_NOUNS or (
                    lows[head] in HAPPENING and lows[lo - 3].isalpha()
                    and lows[lo - 3] not in PRONOUNS
                    and (lows[head] not in ("took", "takes")
                         or (head + 1 < a.n and lows[head + 1] == "place")))):
            noun = lo - 3
            seg = a.segment_at(noun)
            return noun_event(a, noun, seg.lo, seg.hi, exclude)
    limit = min(hi, head + 10)
    if (not exclude and not a.stops) or (
        exclude.isdisjoint(range(subject, limit))
        and a.stops.isdisjoint(range(head + 1, limit))
    ):  # nothing to leave out where the phrase can reach
        return _contiguous(a, subject, head, hi, trigger_index, kind)
    included = list(range(subject, head + 1))
    k = head + 1
    taken = 0
    while k < hi and taken < 9:
        low = lows[k]
        if k in a.stops:
            break
        if k in exclude:
            k += 1
            continue
        if low == "," or low in HARD:
            break
        included.append(k)
        taken += 1
        k += 1
    included = [i for i in included if i not in exclude or i == trigger_index]
    included = _trim(a, included, trigger_index)
    definite = kind == "noun" and trigger_index > 0 and lows[trigger_index - 1] in DEFINITE
    return _found(a, included, trigger_index, kind, definite)


def _contiguous(a: SentenceAnalysis, subject: int, head: int, hi: int, trigger: int, kind: str) -> Found:
    """``_verb_event`` when nothing is excluded: the phrase is one run of tokens."""
    lows = a.lows
    limit = min(hi, head + 10)
    breaks = a.breaks
    j = bisect.bisect_right(breaks, head)  # the first comma or hard mark after the head
    end = breaks[j] if j < len(breaks) and breaks[j] < limit else limit
    if end <= head:
        end = head + 1
    starts, ends, text = a.starts, a.ends, a.text
    first, last = subject, end - 1
    while first < last and first != trigger and (lows[first] in LEADING_DROP or not lows[first][:1].isalnum()):
        first += 1
    while last > first and last != trigger and (lows[last] in TRAILING_DROP or not lows[last][:1].isalnum()):
        last -= 1
    word = text[starts[trigger]:ends[trigger]]
    definite = kind == "noun" and trigger > 0 and lows[trigger - 1] in DEFINITE
    return _new_found(Found, (word, starts[trigger], ends[trigger], text[starts[first]:ends[last]],
                              starts[first], ends[last], kind, definite, lemma(word)))


def subject_start(a: SentenceAnalysis, first: int, lo: int, exclude: set[int]) -> int:
    """The first token of the subject before the verb group starting at ``first`` (at most six
    words back, not before ``lo``)."""
    lows = a.lows
    heads = a.heads
    start = first
    k = first - 1
    count = 0
    while k >= lo and count < 6:
        low = lows[k]
        if low not in SUBJECT_MARKS and k not in exclude and k not in heads:
            start = k  # a plain word: every test below passes it
            count += 1
            k -= 1
            continue
        if low == "," or low in HARD or k in exclude:
            break
        if low in PREPOSITIONS and low != "of":
            break
        if low in COORD and k - 1 >= lo and count and lows[k - 1].isalpha() and \
                lows[k - 1] not in PREPOSITIONS and k - 1 not in a.heads and \
                not a.finite[k - 1] and k - 1 not in exclude:
            count += 1  # "Germany and the Soviet Union signed": a coordinated subject
            k -= 1
            continue
        if low in SUBORDINATORS or low in COORD or low in RELATIVE:
            break
        if k in a.heads:
            break
        start = k
        if low in PRONOUNS:
            break
        if low in DETERMINERS and not (k > lo and lows[k - 1] in ("of", "and", "or")):
            break
        count += 1
        k -= 1
    return start


def noun_event(a: SentenceAnalysis, noun: int, lo: int, hi: int, exclude: set[int]) -> Found:
    """The event of the event noun at ``noun`` in ``[lo, hi)``: its determiner and modifiers, and
    a prepositional phrase after it ("an interview with 60 Minutes")."""
    lows = a.lows
    start = noun
    k = noun - 1
    skipped = 0  # words of a date before the noun: "the Oct. 23 slaying"
    while k >= lo and k > noun - 4 - skipped:
        low = lows[k]
        if k in exclude and lows[k] not in PREPOSITIONS:
            skipped += 1
            k -= 1
            continue
        if low == "," or low in HARD or low in PREPOSITIONS or \
                low in SUBORDINATORS or k in a.heads:
            break
        start = k
        if low in DETERMINERS:
            break
        k -= 1
    included = [i for i in range(start, noun + 1) if i not in exclude]
    k = noun + 1
    while k < hi and k in exclude:
        k += 1
    if k < hi and lows[k] in PREPOSITIONS and lows[k] not in ("after", "before"):
        pp = [k]
        j = k + 1
        content = False
        while j < hi and len(pp) < 7:
            low = lows[j]
            if j in exclude or low == "," or low in HARD or j in a.firsts:
                break
            if content and (low in DETERMINERS or low in PREPOSITIONS):
                break
            if low not in DETERMINERS:
                content = True
            pp.append(j)
            j += 1
        if content:
            included.extend(pp)
    included = _trim(a, included, noun)
    definite = start < noun and lows[start] in DEFINITE
    return _found(a, included, noun, "noun", definite)


def other_event(a: SentenceAnalysis, lo: int, hi: int, exclude: set[int]) -> Found | None:
    """A phrase of the first ten tokens of ``[lo, hi)``, headed by its first content word, or
    None when there is none."""
    included = [k for k in range(lo, hi) if k not in exclude
                and a.lows[k] != "," and a.lows[k] not in HARD][:10]
    if not included:
        return None
    words = [k for k in included if a.lows[k][:1].isalpha()
             and a.lows[k] not in DETERMINERS and a.lows[k] not in PREPOSITIONS]
    if not words:
        return None
    head = words[0]
    included = _trim(a, included, head)
    return _found(a, included, head, "other", False)


def _trim(a: SentenceAnalysis, included: list[int], keep: int) -> list[int]:
    lows = a.lows
    while len(included) > 1 and included[0] != keep and (
        lows[included[0]] in LEADING_DROP or not lows[included[0]][:1].isalnum()
    ):
        included.pop(0)
    while len(included) > 1 and included[-1] != keep and (
        lows[included[-1]] in TRAILING_DROP
        or not lows[included[-1]][:1].isalnum()
    ):
        included.pop()
    return included


def _found(a: SentenceAnalysis, included: list[int], trigger: int, kind: str, definite: bool) -> Found:
    starts, ends = a.starts, a.ends
    if not included:
        included = [trigger]
    pieces: list[tuple[int, int]] = []  # runs of consecutive tokens
    first = previous = included[0]
    for i in islice(included, 1, None):
        if i != previous + 1:
            pieces.append((starts[first], ends[previous]))
            first = i
        previous = i
    pieces.append((starts[first], ends[previous]))
    text = a.text
    phrase = " ".join([text[s:e] for s, e in pieces])
    word = a.word(trigger)
    return _new_found(Found, (word, starts[trigger], ends[trigger], phrase, pieces[0][0],
                              pieces[-1][1], kind, definite, lemma(word)))
