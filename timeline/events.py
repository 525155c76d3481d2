"""Events: what the time expressions date, and events dated through other events.

:func:`build_events` works in four steps. Only sentences holding an expression (or a "since",
"until", "shortly after" ...) are analysed, each once (:mod:`timeline.clauses`); the solver only
sees the events that carry constraints.

1. Every DATE/TIME expression dates the clause it modifies: a verb event ("the magazine
   published the article online") or a noun event ("an interview with 60 Minutes" for "an
   interview on Thursday with 60 Minutes", "the slaying" for "the Oct. 23 slaying"). Two
   expressions in one clause: the narrower dates it, the other is noted. A DURATION attaches
   to the event of its clause as ``duration`` (or, when its clause has no dated event, to the
   event of the same verb elsewhere: "got to meet him for several hours" -> "met him in
   October"); SETs are skipped.
2. An event-anchored expression ("a day after the drug leader was recaptured"; the resolver's
   ``anchored`` readings, and ``offset`` readings followed by after/before and more words)
   makes the clause after its signal word an event, and relates the clause it hangs on (the
   nearest preceding finite verb of the sentence, or the main clause when the phrase opens the
   sentence) to it by a difference constraint. "shortly/soon/immediately after X", "since X"
   and "until X" do the same without a duration.
3. Mentions of one event ("was recaptured" ... "his recapture") are merged by trigger stem
   when one of them is an anchor or a definite noun; the note says so.
4. The constraints are solved once per document (:func:`timeline.solver.solve`, again when a
   month/year amount needed a calendar reference). Relative expressions ("two days later",
   "the next day", "that night", "earlier that month") that the resolver left unresolved, or
   resolved against an expression although an event dated only through constraints came in
   between, are counted from the previous dated event (within the sentence, the nearest one
   before; across sentences, the main event of the previous dated sentence).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import deque
from functools import lru_cache

from typing import TYPE_CHECKING, NamedTuple

import attrs

from timeline.clauses import (
    DocumentTokens,
    Found,
    Segment,
    SentenceAnalysis,
    VerbForm,
    lexicon,
    stem,
)
from timeline.derivation import event_key
from timeline.solver import (
    INF,
    UNIT_SECONDS,
    Bound,
    Constraint,
    Solution,
    add_calendar,
    from_seconds,
    interval_value,
    offset_range,
    solve,
    to_seconds,
)
from timeline.types import Event, Expression, Grain, Sentence, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CONFIDENCE", "build_events", "firm"]

_SIGNALS: dict[str, str | None] = dict(lexicon()["anchor_signals"])  # type: ignore[arg-type]
_QUALIFIERS: dict[str, list[float]] = dict(lexicon()["signal_qualifiers"])  # type: ignore[arg-type]
_SINCE_UNTIL: dict[str, str] = dict(lexicon()["since_until"])  # type: ignore[arg-type]
_NO_COREF = frozenset(lexicon()["reporting_coref_exclude"])  # type: ignore[arg-type]
_VAGUE = tuple(lexicon()["vague_amount_range"])  # type: ignore[arg-type]
_SIGNAL_WORDS = ("since", "Since", "until", "Until", "till", "Till", " after", " before")
#: how firmly each kind of evidence dates an event (the ``confidence`` column). Anchored events
#: lose 0.1 per step of the chain from the explicit date (and 0.1 when the offset is
#: approximate), never below 0.3; a date counted from the previous event ("two days later") is
#: 0.75; an explicit expression the resolver could not anchor is 0.5.
CONFIDENCE: dict[str, float] = {
    "explicit": 0.9,
    "anchored": 0.8,
    "sentence": 0.6,
    "narrative": 0.5,
    "before": 0.4,  # sentence or narrative evidence that only says "before/after X"
    "story": 0.35,  # told in the past after an event of a recent day: that day (an estimate)
    "tense": 0.3,  # a reporting verb with no time: the publication day (an estimate)
    "open": 0.2,  # any other event with no time: the publication day (an estimate)
    "unreal": 0.1,  # negated, modal or hypothetical: it may not happen at all
}
_CONFIDENCE_EXPLICIT = CONFIDENCE["explicit"]
#: how far an open interval ("before publication", "after the vote") is drawn: there is no
#: open-interval type, so a year on the open side stands for "some time before/after"
_DAY = dt.timedelta(days=1)
#: how far before publication a day may lie to become the story's day
_STORY_WINDOW = dt.timedelta(days=14)
_PARTS_OF_DAY = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 24), "NI": (20, 28),
                 "DT": (9, 17)}
_CLAUSE_SIGNALS = frozenset({"after", "before", "following", "prior", "ahead"})
_PREFIX_WORDS = frozenset({"just", "only", "exactly", "barely", "precisely"})
_SHIFT_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year", "part_of_day"})
_PREFIX_MODS = {"within": "LESS_THAN", "under": "LESS_THAN", "nearly": "LESS_THAN",
                "almost": "LESS_THAN", "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
                "approximately": "APPROX", "some": "APPROX", "over": "MORE_THAN",
                "than": None}
_NEARLY = ("nearly", "almost", "close to", "just under", "just short of")
_UNIT_WORDS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day",
               "week": "week", "month": "month", "quarter": "quarter", "season": "season",
               "half_year": "half year", "year": "year", "decade": "decade",
               "century": "century", "millennium": "millennium", "part_of_day": "part of day"}


class _Mention:
    """One event mention while a document is collected (private and mutable: a plain slots
    class, since thousands are made per second)."""

    __slots__ = ("durations", "explicit", "form", "found", "hidden", "is_anchor", "optional",
                 "others", "paragraph", "relative", "segment", "sentence")

    def __init__(self, found: Found, sentence: int, explicit: Expression | None = None,
                 optional: bool = True, hidden: bool = False) -> None:
        self.found = found
        self.sentence = sentence
        self.explicit = explicit
        self.relative: _Relative | None = None
        self.optional = optional
        self.is_anchor = False
        self.hidden = hidden  # a time expression used as an anchor ("two years after 1987")
        self.durations: list[str] = []
        self.others: list[str] = []
        self.form: VerbForm | None = None  # tense and mood of a verb mention (None: a noun)
        self.segment: Segment | None = None  # the clause it lies in
        self.paragraph = 0


@attrs.frozen
class _Relative:
    """A date counted from the previous event: "two days later", "the next day", "that night"."""

    expression: Expression
    unit: str
    offset: int
    part_of_day: str | None
    text: str  # the expression's words, lower case ("earlier that month" ends at the reference)
    resolved: bool  # the resolver dated it already
    label: str  # the words to show as the event's expression


def _relative_spec(expression: Expression, signal: str | None = None) -> _Relative | None:
    """The relative reading of an expression, if it has one.

    Kinds ``relative``/``anaphoric`` with a unit and an offset; or an anchored duration
    followed by "later"/"earlier" ("two days later": day +2).
    """
    reading = expression.mention.reading
    text = expression.mention.text
    resolved = expression.time.start is not None and expression.time.end is not None
    if reading.kind in ("relative", "anaphoric") and reading.offset is not None and \
            str(reading.unit) in _SHIFT_UNITS:
        return _Relative(expression, str(reading.unit), int(reading.offset), reading.part_of_day,
                         text.lower(), resolved, text)
    if reading.kind == "offset" and reading.value != "deictic" and reading.amount is not None \
            and float(reading.amount).is_integer() and str(reading.unit) in _SHIFT_UNITS:
        sign = -1 if reading.direction == "before" else 1
        return _Relative(expression, str(reading.unit), sign * int(reading.amount), None,
                         text.lower(), resolved, text)
    if reading.kind == "anchored" and signal in ("later", "earlier") and \
            reading.amount is not None and float(reading.amount).is_integer() and \
            str(reading.unit) in _SHIFT_UNITS:
        offset = int(reading.amount) * (1 if signal == "later" else -1)
        return _Relative(expression, str(reading.unit), offset, None, text.lower(), False,
                         f"{text} {signal}")
    return None


@attrs.define
class _Relation:
    governed: int  # mention key
    anchor: int
    kind: str  # duration, qualified, since, until
    expression: Expression | None
    signal: str
    lo: float = 0.0
    hi: float = 0.0
    widened: bool = False
    label: str = ""
    mod: str | None = None  # the TIMEX3 mod, from the reading or the word before the span
    nearly: bool = False  # "nearly/almost two months": a little under the amount
    words: str = ""  # the phrase as written: "within a week of", "two days after"


def build_events(
    text: str,
    sentences: tuple[Sentence, ...],
    expressions: tuple[Expression, ...],
    published: dt.date | dt.datetime | None,
    *,
    mode: str | None = None,
    min_confidence: float = 0.0,
    every_event: bool = True,
) -> tuple[Event, ...]:
    """Every event mention of an article, in text order, ``event_id`` from 1.

    Args:
        text: the article text.
        sentences: its sentences (``timeline.sentences.split_sentences``).
        expressions: its resolved time expressions, in text order.
        published: the publication date: events with no other evidence are dated from their
            tense relative to it (news mode only).
        mode: ``news`` or ``narrative``; ``None`` decides as ``timeline.build`` does
            (:func:`timeline.resolve.detect_mode`). Narrative texts get no publication-relative
            tense dates.
        min_confidence: keep only events whose ``confidence`` is at least this (0.9 keeps the
            explicitly dated ones). ``event_id`` keeps its number in the full list, so the
            ``derived_from`` chains of the kept events still name the right events.
        every_event: ``False`` analyses only the sentences that hold a time expression or a
            since/until/after signal (about 2.5x faster on TempEval-3 news): events of other
            sentences are not listed, so nothing is dated by narrative or by tense alone.

    Returns:
        One :class:`Event` per event mention (finite verbs that are not states, event nouns,
        and every clause a time expression dates); mentions of one event are merged. Each has
        ``dated_by`` (explicit, anchored, sentence, narrative, tense or none) and
        ``confidence`` (see :data:`CONFIDENCE`).

    Raises:
        ValueError: ``mode`` is not news/narrative/None or ``min_confidence`` is not in [0, 1].
    """
    if mode not in (None, "news", "narrative"):
        raise ValueError(f"mode must be 'news', 'narrative' or None, not {mode!r}")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must lie in [0, 1], not {min_confidence!r}")
    if not sentences:
        return ()
    if mode is None:
        from timeline.resolve import detect_mode

        mode = detect_mode(tuple(e.mention for e in expressions), published)
    starts = [s.char_start for s in sentences]
    by_sentence: dict[int, list[Expression]] = {}
    for expression in expressions:
        index = expression.mention.sentence
        if not 0 <= index < len(sentences):
            index = max(0, bisect.bisect_right(starts, expression.mention.char_start) - 1)
        by_sentence.setdefault(index, []).append(expression)
    signal_sentences = {
        max(0, bisect.bisect_right(starts, position) - 1) for position in _signal_positions(text)
    }
    builder = _Builder(text, sentences, published, mode)
    # a sentence whose expressions are all sets has no event to date or time
    wanted = {
        index for index, found in by_sentence.items()
        if any(e.time.timex_type != "SET" for e in found)
    }
    document = DocumentTokens.of(text)  # tokenized once, sliced per sentence
    for index, sent in enumerate(sentences):
        if not every_event and index not in wanted and index not in signal_sentences:
            continue
        expressions_here = by_sentence.get(index, [])
        spans = [(e.mention.char_start, e.mention.char_end) for e in expressions_here]
        analysis = SentenceAnalysis(text, sent.char_start, sent.char_end, spans, document)
        if not analysis.n:
            continue
        exclude = analysis.exclusion(spans) if spans else set()
        if index in wanted or index in signal_sentences:
            builder.sentence(index, expressions_here, index in signal_sentences, analysis,
                             exclude)
        builder.candidates(analysis, index, exclude)
    events = builder.finish()
    if min_confidence > 0.0:
        events = tuple(e for e in events if e.confidence >= min_confidence)
    return events


def firm(events: pd.DataFrame, min_confidence: float = 0.8) -> pd.DataFrame:
    """The rows of an events table (``Timeline.events``) dated at least this firmly.

    ``firm(tl.events)`` keeps the events dated by an explicit expression or an anchored
    chain; ``firm(tl.events, 0.5)`` adds those dated by their sentence or the narrative.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must lie in [0, 1], not {min_confidence!r}")
    return events[events["confidence"] >= min_confidence]


class _Builder:
    """Collects mentions and relations sentence by sentence, then solves and numbers them."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...],
                 published: dt.date | dt.datetime | None = None, mode: str = "news") -> None:
        self.text = text
        self.sentences = sentences
        self.published = published
        self.mode = mode
        #: paragraph number of each sentence (a line break between two sentences starts one)
        self.paragraphs: list[int] = []
        number, previous_end = 0, 0
        for sent in sentences:
            if "\n" in text[previous_end:sent.char_start]:
                number += 1
            self.paragraphs.append(number)
            previous_end = sent.char_end
        #: the index of the headline (a first line followed by a blank line), or -1
        self.headline = 0 if sentences and "\n\n" in text[sentences[0].char_end:
                                                             sentences[0].char_end + 4] else -1
        #: (mention key of a clause a duration came from, key of the event it was given to)
        self.duration_links: list[tuple[int, int]] = []
        #: mentions made from time expressions and signals (the others come from the scan)
        self.core: set[int] = set()
        self.sentence_keys: list[int] = []  # mentions made in the sentence being analysed
        #: per sentence, the token where each reporting verb's clause ends
        self.speech_segments: dict[int, list[int]] = {}
        self.mentions: dict[int, _Mention] = {}
        #: sentence -> the keys of its mentions, in the order they entered ``mentions``
        self.keys_of_sentence: dict[int, list[int]] = {}
        self.relations: list[_Relation] = []
        self.by_expression: dict[int, int] = {}  # expression index -> mention key
        self.relative_from: dict[int, int] = {}  # relative mention key -> reference key
        self.guessed_calendar = False  # a month/year amount was counted without a reference
        #: durations whose clause had no dated event: (that clause's event, value, sentence)
        self.pending_durations: list[tuple[Found, str, int]] = []

    # --- collecting -------------------------------------------------------------------------

    def _add(self, found: Found | None, sentence: int, *, optional: bool,
             anchor: bool) -> int | None:
        if found is None:
            return None
        key = found.trigger_start
        mention = self.mentions.get(key)
        if mention is None:
            mention = _Mention(found=found, sentence=sentence)
            self.mentions[key] = mention
            self.keys_of_sentence.setdefault(sentence, []).append(key)
        self.core.add(key)
        self.sentence_keys.append(key)
        mention.optional = mention.optional and optional
        mention.is_anchor = mention.is_anchor or anchor
        return key

    def sentence(self, index: int, expressions: list[Expression], has_signals: bool,
                 analysis: SentenceAnalysis, exclude: set[int]) -> None:
        # whether each expression counts from a clause (a pure function of the analysis' words)
        anchored_like = [_anchored_like(analysis, expression) for expression in expressions]
        for expression, anchored in zip(expressions, anchored_like):
            if anchored:
                signal = _signal_token(analysis, expression)
                if signal is not None:
                    analysis.stops.add(signal)
        signals = _signal_words(analysis, exclude) if has_signals else []
        analysis.stops.update(qualifier for _, qualifier, _ in signals)
        used_signals: set[int] = set()
        durations: list[tuple[int, str, Expression]] = []
        dated_at: dict[int, Expression] = {}  # token -> the dated expression it belongs to
        for expression in expressions:
            if expression.time.start is not None and expression.time.end is not None:
                first, last = analysis.token_range(expression.mention.char_start,
                                                   expression.mention.char_end)
                for token in range(first, last):
                    dated_at[token] = expression
        consumed: set[int] = set()
        for expression, anchored in zip(expressions, anchored_like):
            mention, time = expression.mention, expression.time
            if expression.index in consumed:
                continue
            if anchored:
                signal = self._anchored(analysis, index, expression, exclude, dated_at, consumed)
                if signal is not None:
                    used_signals.add(signal)
                    continue
            if time.timex_type == "SET":
                continue
            if time.timex_type == "DURATION" or mention.reading.kind == "anchored":
                lo, _ = analysis.token_range(mention.char_start, mention.char_end)
                durations.append((lo, time.value, expression))
                continue
            found = analysis.event_for_span(mention.char_start, mention.char_end, exclude)
            key = self._add(found, index, optional=False, anchor=False)
            if key is None:
                continue
            self.by_expression[expression.index] = key
            self._date(self.mentions[key], expression)
        self._signals(analysis, index, exclude, [s for s in signals if s[0] not in used_signals])
        for token, value, expression in durations:
            segment = analysis.segment_at(token)
            for key in self.keys_of_sentence.get(index, ()):  # this sentence's mentions only
                mention = self.mentions[key]
                if analysis.segment_at(analysis.token_index(key)) == segment:
                    mention.durations.append(value)
                    break
            else:
                # no dated event in this clause: the clause may name an event dated elsewhere
                # ("he got to meet with him for several hours" ... "met with him in October")
                found = analysis.event_for_span(expression.mention.char_start,
                                                expression.mention.char_end, exclude)
                if found is not None and found.lemma not in _NO_COREF and found.trigger.isalpha():
                    self.pending_durations.append((found, value, index))

    def candidates(self, analysis: SentenceAnalysis, index: int, exclude: set[int]) -> None:
        """Every event mention of the sentence, with its tense and mood and clause.

        Mentions already made from time expressions and signals only receive the verb form.
        """
        paragraph = self.paragraphs[index] if index < len(self.paragraphs) else 0
        mentions = self.mentions
        for found, form, segment in analysis.event_candidates(exclude, mentions):
            # a known event comes as its key alone (its phrase is not built again)
            if isinstance(found, int):
                key = found
                mention = mentions[key]
            else:
                key = found.trigger_start
                mention = mentions.get(key)
            if mention is None:
                assert not isinstance(found, int)
                mention = _Mention(found, index, None, False)  # found, sentence, explicit, optional
                mentions[key] = mention
                self.keys_of_sentence.setdefault(index, []).append(key)
            else:
                mention.optional = False
            if mention.form is None:
                mention.form = form
            if mention.segment is None:
                mention.segment = segment
            mention.paragraph = paragraph
            if form is not None and form.speech:
                self.speech_segments.setdefault(index, []).append(segment.hi)
        for key in self.sentence_keys:
            mention = self.mentions[key]
            if mention.segment is None and not mention.hidden:
                mention.segment = analysis.segment_at(analysis.token_index(mention.found.trigger_start))
                mention.paragraph = paragraph
        self.sentence_keys.clear()

    def _date(self, mention: _Mention, expression: Expression) -> None:
        time = expression.time
        reading = expression.mention.reading
        spec = _relative_spec(expression)
        if time.start is None or time.end is None:
            if spec is not None and mention.relative is None and mention.explicit is None:
                mention.relative = spec
            elif mention.explicit is None and mention.relative is None:
                mention.explicit = expression
            return
        if spec is not None and mention.relative is None:
            mention.relative = spec  # resolved by the resolver; may be re-anchored on an event
        current = mention.explicit
        if current is None or current.time.start is None or current.time.end is None:
            mention.explicit = expression
            if spec is None:
                mention.relative = None
            return
        if (time.end - time.start) < (current.time.end - current.time.start):
            mention.others.append(f"also dated by '{current.mention.text}'")
            mention.explicit = expression
        else:
            mention.others.append(f"also dated by '{expression.mention.text}'")

    def _anchored(self, analysis: SentenceAnalysis, index: int, expression: Expression,
                  exclude: set[int], dated_at: dict[int, Expression],
                  consumed: set[int]) -> int | None:
        mention = expression.mention
        reading = mention.reading
        lows = analysis.lows
        lo, _ = analysis.token_range(mention.char_start, mention.char_end)
        signal = _signal_token(analysis, expression)
        if signal is None:
            return None
        word = lows[signal]
        if word in ("later", "earlier"):
            # "two days later": a date counted from the previous event, not an anchor clause
            spec = _relative_spec(expression, word)
            if spec is None:
                return None
            exclude.add(signal)
            found = analysis.event_for_span(mention.char_start, mention.char_end, exclude)
            key = self._add(found, index, optional=False, anchor=False)
            if key is not None:
                self.by_expression[expression.index] = key
                if self.mentions[key].explicit is None and self.mentions[key].relative is None:
                    self.mentions[key].relative = spec
            return signal
        start = signal + 1
        if word in ("prior", "ahead") and start < analysis.n and lows[start] in ("to", "of"):
            start += 1
        direction = reading.direction or _SIGNALS[word]
        anchor_time = dated_at.get(start)
        if anchor_time is not None and anchor_time.index != expression.index:
            # "two years after 1987": the anchor is a time, not an event
            clause_end = analysis.token_range(anchor_time.mention.char_start,
                                              anchor_time.mention.char_end)[1]
            governed_found = analysis.governing_event(lo, exclude, clause_end)
            anchor = self._time_anchor(anchor_time, index)
            consumed.add(anchor_time.index)
        else:
            anchor_found = analysis.anchor_event(start, exclude)
            clause_end = analysis.anchor_clause_end(start)
            governed_found = analysis.governing_event(lo, exclude, clause_end)
            anchor = self._add(anchor_found, index, optional=False, anchor=True)
        governed = self._add(governed_found, index, optional=False, anchor=False)
        if anchor is None or governed is None or anchor == governed:
            return signal
        if reading.unit not in UNIT_SECONDS:
            return signal
        relation = _Relation(governed, anchor, "duration", expression,
                             signal=analysis.word(signal))
        relation.label = direction or "within"
        previous = lows[lo - 1] if lo > 0 else ""
        prefix = _PREFIX_MODS.get(previous)
        if previous == "than" and lo > 1:
            prefix = {"less": "LESS_THAN", "fewer": "LESS_THAN", "more": "MORE_THAN"}.get(lows[lo - 2])
        relation.mod = reading.mod or expression.time.mod or prefix
        relation.nearly = mention.text.lower().startswith(_NEARLY) or previous in ("nearly", "almost")
        inside = analysis.starts[signal] < mention.char_end
        relation.words = mention.text if inside else f"{mention.text} {relation.signal}"
        if (prefix is not None and previous != "than") or previous in _PREFIX_WORDS:
            relation.words = f"{analysis.word(lo - 1)} {relation.words}"
        self.relations.append(relation)
        return signal

    def _time_anchor(self, expression: Expression, sentence: int) -> int:
        """A hidden node for a time expression that anchors a duration."""
        mention = expression.mention
        key = -1 - mention.char_start  # never a token offset
        if key not in self.mentions:
            found = Found(trigger=mention.text, trigger_start=mention.char_start,
                          trigger_end=mention.char_end, phrase=mention.text,
                          char_start=mention.char_start, char_end=mention.char_end, kind="time")
            self.mentions[key] = _Mention(found=found, sentence=sentence, explicit=expression,
                                          optional=False, hidden=True)
            self.keys_of_sentence.setdefault(sentence, []).append(key)
        return key

    def _signals(self, analysis: SentenceAnalysis, index: int, exclude: set[int],
                 signals: list[tuple[int, int, str]]) -> None:
        lows = analysis.lows
        for i, qualifier, kind in signals:
            low = lows[i]
            anchor_found = analysis.anchor_event(i + 1, exclude)
            clause_end = analysis.anchor_clause_end(i + 1)
            governed_found = analysis.governing_event(qualifier, exclude, clause_end)
            if anchor_found is None or governed_found is None:
                continue
            anchor = self._add(anchor_found, index, optional=True, anchor=True)
            governed = self._add(governed_found, index, optional=True, anchor=False)
            if anchor is None or governed is None or anchor == governed:
                continue
            relation = _Relation(governed, anchor, kind, None, signal=low)
            if kind == "qualified":
                hours = _QUALIFIERS[lows[qualifier]]
                lo, hi = hours[0] * 3600.0, hours[1] * 3600.0
                relation.lo, relation.hi = (lo, hi) if low == "after" else (-hi, -lo)
                relation.widened = True
                relation.label = f"{lows[qualifier]} {low}"
            elif kind == "since":
                relation.lo, relation.hi, relation.label = 0.0, 0.0, "since"
            else:
                relation.lo, relation.hi, relation.label = -INF, 0.0, "until"
            self.relations.append(relation)

    # --- merging, solving, numbering --------------------------------------------------------

    def _merge(self) -> dict[int, int]:
        """Mention key -> representative key; mentions of one event share a representative.

        Conservative: two mentions are merged only when their trigger stems match, one of them
        refers back (a definite event noun, "his recapture", or an event-anchored phrase), their
        tenses and moods agree (a future or hypothetical mention never joins a past one), and
        the merged event would not carry two explicit dates. A definite noun takes the nearest
        earlier mention. A clause that lent its duration to an event dated elsewhere ("got to
        meet him for several hours" -> "met him in October") is that event.
        """
        root: dict[int, int] = {key: key for key in self.mentions}
        dated: dict[int, bool] = {key: m.explicit is not None for key, m in self.mentions.items()}

        def find(key: int) -> int:
            while root[key] != key:
                root[key] = root[root[key]]
                key = root[key]
            return key

        joined = False  # no mentions joined: every mention is its own event

        def union(key: int, other: int) -> bool:
            nonlocal joined
            a, b = find(key), find(other)
            if a == b:
                return True
            if dated[a] and dated[b]:
                return False
            first, second = (a, b) if a < b else (b, a)
            root[second] = first
            dated[first] = dated[a] or dated[b]
            joined = True
            return True

        ordered = sorted(self.mentions)
        # Per stem, four lists of earlier members in text order: all of them, the anchors (the
        # only ones a mention that does not refer back itself may join), and of each the ones
        # whose event was undated when last looked at. A dated mention can only join an undated
        # event (two dates never merge), so it scans those alone; an event once dated stays
        # dated, so the undated lists are pruned as they are scanned. Each scan meets the
        # members in the order a scan of all members would (nearest first), minus those that
        # could not join: the same merges, without rescanning dated events again and again.
        # Mentions join only mentions of their own stem, so each stem is merged on its own
        # (in text order), and a stem met once has nothing to merge.
        by_stem: dict[str, list[int]] = {}
        for key in ordered:
            mention = self.mentions[key]
            found = mention.found
            if mention.hidden or found.lemma in _NO_COREF or not found.trigger.isalpha():
                continue
            by_stem.setdefault(stem(found.trigger), []).append(key)
        for keys in by_stem.values():
            if len(keys) < 2:
                continue
            lists: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
            for key in keys:
                mention = self.mentions[key]
                found = mention.found
                referring = (found.kind == "noun" and found.definite) or mention.is_anchor
                form = mention.form
                if dated[key]:  # find(key) is key: it has joined nothing yet
                    candidates = lists[2] if referring else lists[3]
                    index = len(candidates) - 1
                    while index >= 0:
                        other_key = candidates[index]
                        if dated[find(other_key)]:
                            del candidates[index]  # dated for good: no dated mention joins it
                        elif _compatible(form, self.mentions[other_key].form):
                            union(key, other_key)  # succeeds: the other side is undated
                            break
                        index -= 1
                else:
                    for other_key in reversed(lists[0] if referring else lists[1]):
                        if _compatible(form, self.mentions[other_key].form) and \
                                union(key, other_key):
                            break
                lists[0].append(key)
                if mention.is_anchor:
                    lists[1].append(key)
                if not dated[find(key)]:
                    lists[2].append(key)
                    if mention.is_anchor:
                        lists[3].append(key)
        for key, other in self.duration_links:
            if key in root and other in root:
                union(key, other)
        if not joined:
            return {key: key for key in ordered}
        # choose the representative of each group: the dated mention, else the first
        members_of: dict[int, list[int]] = {}
        for key in ordered:
            members_of.setdefault(find(key), []).append(key)
        final: dict[int, int] = {}
        for keys in members_of.values():
            with_date = [k for k in keys if self.mentions[k].explicit is not None
                         or self.mentions[k].relative is not None]
            # the row of the event is its dated mention, else its first mention in the body:
            # a headline announces what the body tells
            chosen = with_date[0] if with_date else next(
                (k for k in keys if self.mentions[k].sentence != self.headline), keys[0])
            chosen_mention = self.mentions[chosen]
            for k in keys:
                final[k] = chosen
                if k != chosen:
                    other = self.mentions[k]
                    chosen_mention.optional = chosen_mention.optional and other.optional
                    chosen_mention.is_anchor = chosen_mention.is_anchor or other.is_anchor
                    chosen_mention.durations.extend(
                        d for d in other.durations if d not in chosen_mention.durations)
                    if chosen_mention.form is None and other.form is not None:
                        chosen_mention.form = other.form
                    chosen_mention.others.append(
                        f"same event as '{other.found.phrase}' (sentence {other.sentence + 1})")
        return final

    def _attach_pending_durations(self) -> None:
        """Give a duration to the event of the same stem nearest before it (else after)."""
        if not self.pending_durations:
            return
        # only the mentions made from time expressions and signals (not every verb) take it
        by_stem: dict[str, list[int]] = {}  # stem -> its mentions' keys, sorted
        for key, m in self.mentions.items():
            if m.explicit is not None or m.relative is not None or key in self.core:
                by_stem.setdefault(stem(m.found.trigger), []).append(key)
        for keys in by_stem.values():
            keys.sort()
        for found, value, sentence in self.pending_durations:
            keys = by_stem.get(stem(found.trigger), [])
            start = found.trigger_start
            # the nearest key before the duration's clause, else the first other one after it
            i = bisect.bisect_left(keys, start)
            if i:
                key = keys[i - 1]
            elif keys and keys[0] != start:
                key = keys[0]
            elif len(keys) > 1:
                key = keys[1]
            else:
                continue
            mention = self.mentions[key]
            if found.trigger_start in self.mentions and found.trigger_start != key:
                # the clause names the event dated elsewhere: one event, not two
                self.duration_links.append((found.trigger_start, key))
            if value not in mention.durations:
                mention.durations.append(value)
                mention.others.append(
                    f"duration {value} from '{found.phrase}' (sentence {sentence + 1})")

    def finish(self) -> tuple[Event, ...]:
        if not self.mentions:
            return ()
        self._attach_pending_durations()
        rep = self._merge()
        reps = sorted(set(rep.values()), key=lambda k: (self.mentions[k].found.trigger_start, k))
        relations = []
        for relation in self.relations:
            relation.governed, relation.anchor = rep[relation.governed], rep[relation.anchor]
            if relation.governed != relation.anchor:
                relations.append(relation)
        position = {key: i for i, key in enumerate(reps)}
        nodes = sorted({r.governed for r in relations} | {r.anchor for r in relations},
                       key=position.__getitem__)
        node_of = {key: i for i, key in enumerate(nodes)}
        explicit: dict[int, tuple[float, float]] = {}
        for key in reps:
            expression = self.mentions[key].explicit
            if expression is not None and expression.time.start is not None \
                    and expression.time.end is not None:
                explicit[key] = (float(to_seconds(expression.time.start)),
                                 float(to_seconds(expression.time.end) - 1))
        intervals: dict[int, tuple[float, float]] = dict(explicit)
        self.guessed_calendar = False
        solution = self._solve(nodes, node_of, relations, intervals)
        relative_times: dict[int, TimeValue] = {}
        if any(self.mentions[key].relative is not None for key in reps):
            relative_times = self._relatives(reps, intervals, solution, nodes, node_of)
        # solve again when relatives became dated nodes, or when a month/year amount was
        # counted with average lengths because neither side had a date yet
        if any(key in node_of for key in relative_times) or self.guessed_calendar:
            for key, time in relative_times.items():
                if time.start is not None and time.end is not None:
                    intervals[key] = (float(to_seconds(time.start)), float(to_seconds(time.end) - 1))
            solution = self._solve(nodes, node_of, relations, intervals, previous=solution)
        return self._events(reps, rep, nodes, node_of, relations, solution, explicit,
                            relative_times)

    def _solve(self, nodes: list[int], node_of: dict[int, int], relations: list[_Relation],
               intervals: dict[int, tuple[float, float]],
               previous: Solution | None = None) -> Solution | None:
        if not nodes:
            return None
        bounds = [Bound(node_of[k], lo, hi, "date") for k, (lo, hi) in intervals.items()
                  if k in node_of]
        constraints: list[Constraint] = []
        for relation in relations:
            if relation.kind == "duration" and relation.expression is not None:
                self._duration_range(relation, intervals, previous, node_of)
            constraints.append(Constraint(node_of[relation.anchor], node_of[relation.governed],
                                          relation.lo, relation.hi, relation.label))
        return solve(len(nodes), bounds, constraints)

    def _duration_range(self, relation: _Relation, intervals: dict[int, tuple[float, float]],
                        previous: Solution | None, node_of: dict[int, int]) -> None:
        assert relation.expression is not None
        reading = relation.expression.mention.reading
        unit = str(reading.unit)
        direction = reading.direction or _SIGNALS.get(relation.signal.lower())
        reference: dt.datetime | None = None
        backward = False
        known = intervals.get(relation.anchor)
        if known is None and previous is not None:
            lo, hi = previous.lo[node_of[relation.anchor]], previous.hi[node_of[relation.anchor]]
            known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
        if known is None:
            known = intervals.get(relation.governed)
            if known is None and previous is not None:
                node = node_of[relation.governed]
                lo, hi = previous.lo[node], previous.hi[node]
                known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
            backward = known is not None
        if known is not None:
            reference = from_seconds((known[0] + known[1]) / 2)
        elif unit not in ("second", "minute", "hour", "day", "week"):
            self.guessed_calendar = True
        lo, hi, widened = _offset(reading.amount, unit, reference, backward, direction,
                                  relation.mod == "APPROX")
        mod = relation.mod
        if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
            exact = (lo + hi) / 2
            # "nearly two months" is a little under two months; "within a week" is up to one
            lo, hi, widened = (0.75 * exact if relation.nearly else 0.0), exact, True
        elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
            hi, widened = INF, True
        if direction == "before":
            lo, hi = -hi, -lo
        elif direction is None:
            lo = -hi
        relation.lo, relation.hi, relation.widened = lo, hi, widened
        relation.label = _duration_label(relation.expression, direction, widened, mod)

    def _relatives(self, reps: list[int], intervals: dict[int, tuple[float, float]],
                   solution: Solution | None, nodes: list[int],
                   node_of: dict[int, int]) -> dict[int, TimeValue]:
        """Date the relative expressions the resolver left unanchored, in text order."""
        out: dict[int, TimeValue] = {}
        position = {key: i for i, key in enumerate(reps)}
        last: tuple[float, float] | None = None  # the reference for the next relative
        last_key: int | None = None
        sentence_first: tuple[float, float] | None = None  # first dated event of this sentence
        sentence_first_key: int | None = None
        current_sentence = -1
        for key in reps:
            mention = self.mentions[key]
            if mention.sentence != current_sentence:
                # a new sentence: "two days later" counts from the previous sentence's main event
                current_sentence = mention.sentence
                if sentence_first is not None:
                    last, last_key = sentence_first, sentence_first_key
                sentence_first = sentence_first_key = None
            known = intervals.get(key)
            if known is None and solution is not None and key in node_of:
                lo, hi = solution.lo[node_of[key]], solution.hi[node_of[key]]
                known = (lo, hi) if math.isfinite(lo) and math.isfinite(hi) else None
            spec = mention.relative
            reference_key: int | None = None
            reference: tuple[float, float] | None = None
            if spec is not None and not spec.resolved and known is None:
                # left unresolved by the resolver: count from the event it names, else from
                # the previous dated event
                reference_key = self._reference_key(spec.expression)
                reference = intervals.get(reference_key) if reference_key is not None else None
                if reference is None:
                    reference, reference_key = last, last_key
            elif spec is not None and spec.resolved and last_key is not None:
                # resolved against an earlier expression, but an event dated only through
                # other events (which the resolver cannot see) came in between: count from it
                named = self._reference_key(spec.expression)
                if named is not None and named != last_key and \
                        self.mentions[last_key].explicit is None and \
                        position.get(named, -1) < position[last_key]:
                    reference, reference_key = last, last_key
                    mention.others.append(
                        f"re-anchored on '{self.mentions[last_key].found.phrase}' (the resolver "
                        f"gave {spec.expression.time.value})")
            if reference is not None and reference_key is not None and spec is not None:
                time = _shift(spec, reference)
                if time is not None:
                    out[key] = time
                    self.relative_from[key] = reference_key
                    assert time.start is not None and time.end is not None
                    known = (float(to_seconds(time.start)), float(to_seconds(time.end) - 1))
            if known is not None:
                last, last_key = known, key
                if sentence_first is None:
                    sentence_first, sentence_first_key = known, key
        return out

    def _reference_key(self, expression: Expression) -> int | None:
        anchor = expression.anchor
        if anchor.startswith("expression "):
            try:
                number = int(anchor.split()[1])
            except (IndexError, ValueError):
                return None
            return self.by_expression.get(number)
        return None

    def _events(self, reps: list[int], rep: dict[int, int], nodes: list[int],
                node_of: dict[int, int], relations: list[_Relation], solution: Solution | None,
                explicit: dict[int, tuple[float, float]],
                relative_times: dict[int, TimeValue]) -> tuple[Event, ...]:
        del rep
        mentions = self.mentions
        notes: dict[int, list[str]] = {}
        for key in reps:
            others = mentions[key].others
            notes[key] = list(dict.fromkeys(others)) if others else []
        accepted: list[_Relation] = []
        rejected_labels: set[int] = set()
        if solution is not None:
            rejected_pairs = {(c.source, c.target, c.lo, c.hi) for c in solution.rejected
                              if isinstance(c, Constraint)}
            for number, relation in enumerate(relations):
                pair = (node_of[relation.anchor], node_of[relation.governed], relation.lo, relation.hi)
                if pair in rejected_pairs:
                    rejected_labels.add(number)
                    message = (f"contradiction: '{relation.label}' between '"
                               f"{self.mentions[relation.anchor].found.phrase}' and '"
                               f"{self.mentions[relation.governed].found.phrase}' conflicts with "
                               "the other dates in the text; ignored")
                    for key in (relation.anchor, relation.governed):
                        if message not in notes[key]:
                            notes[key].append(message)
                else:
                    accepted.append(relation)
            for fact in solution.rejected:
                if isinstance(fact, Bound):
                    notes[nodes[fact.node]].append(
                        "contradiction: its date conflicts with the events it is tied to")
        dated = set(explicit) | set(relative_times)
        parents = _derivation(nodes, accepted, dated)
        # mentions found only through "since/until/shortly after" and tied to nothing dated
        # are dropped; the others are numbered in text order
        kept = [k for k in reps if not self.mentions[k].hidden
                and not (self.mentions[k].optional and k not in parents)]
        ids = {key: number for number, key in enumerate(kept, start=1)}

        def name(key: int) -> str:
            mention = self.mentions[key]
            return mention.found.phrase if mention.hidden else f"event {ids[key]}"

        records: dict[int, _Dating] = {}
        mentions = self.mentions
        for key in kept:
            mention = mentions[key]
            if mention.explicit is None and mention.relative is None and key not in node_of \
                    and key not in relative_times and key not in parents:
                records[key] = _UNDATED  # nothing dates it (yet: see _fallback)
                continue
            found = mention.found
            time: TimeValue | None = None
            derived: str | None = None
            expression_text: str | None = None
            dated_by = "none"
            confidence = 0.0
            if key in relative_times:
                assert mention.relative is not None
                expression_text = mention.relative.label
                time = relative_times[key]
                dated_by = "anchored"
                confidence = 0.75
                reference = self.relative_from.get(key)
                if reference is not None and (reference in ids or self.mentions[reference].hidden):
                    derived = _relative_link(mention.relative, name(reference))
            elif mention.explicit is not None:
                expression_text = mention.explicit.mention.text
                time = mention.explicit.time
                dated_by = "explicit"
                confidence = _CONFIDENCE_EXPLICIT if time.start is not None else 0.5
                derived = self._resolved_relative_link(mention.relative, ids)
                if key in node_of and solution is not None and key in explicit:
                    narrowed = _narrowed(solution, node_of[key], explicit[key])
                    if narrowed is not None:
                        notes[key].append(f"narrowed from {time.value} by the events tied to it")
                        time = narrowed
            elif mention.relative is not None:
                expression_text = mention.relative.label
            if key in parents:
                parent_key, relation, forward, depth = parents[key]
                if time is None or dated_by == "none":
                    derived = _link(relation, name(parent_key), forward)
                    if relation.expression is not None:
                        expression_text = relation.words
                    else:
                        expression_text = relation.label
                    if solution is not None:
                        node = node_of[key]
                        time = _interval_time(solution.lo[node], solution.hi[node])
                        if time is None:
                            notes[key].append(
                                f"{_link(relation, name(parent_key), forward)}: only one side bounded")
                    if time is not None:
                        dated_by = "anchored"
                        confidence = max(0.3, 0.9 - 0.1 * depth - (0.1 if time.approximate else 0.0))
            elif key in node_of and time is None:
                for r in accepted:
                    other = r.anchor if r.governed == key else r.governed
                    if key in (r.governed, r.anchor) and (
                            r.kind == "duration" or other in dated or other in parents) \
                            and (other in ids or self.mentions[other].hidden):
                        derived = _link(r, name(other), r.governed == key)
                        break
            form = mention.form
            if form is not None and form.mood != "real" and time is not None:
                notes[key].append(_MOOD_NOTES[form.mood].split(",")[0] + ": dated by its "
                                  "expression, but it may not have happened")
                confidence = min(confidence, CONFIDENCE["narrative"])
            records[key] = _Dating(time, dated_by, confidence, derived, expression_text)
        self._fallback(kept, records, ids, node_of, notes)
        events: list[Event] = []
        sentences = self.sentences
        for key in kept:
            mention = self.mentions[key]
            found = mention.found
            record = records[key]
            durations = mention.durations
            time = record.time
            bounds = record.bounds if record.bounds is not None else (
                (time.start, time.end) if time is not None else (None, None))
            events.append(Event(  # positional, in the order of Event's fields
                ids[key],  # event_id
                found.phrase,
                found.trigger,
                mention.sentence,
                sentences[mention.sentence].text,  # sentence_text
                found.trigger_start,  # char_start
                found.trigger_end,  # char_end
                record.expression,
                record.time,
                record.derived,  # derived_from
                durations[0] if durations else None,  # duration
                record.dated_by,
                _rounded(record.confidence),
                "; ".join(notes[key]) or None,  # note
                bounds[0],  # earliest
                bounds[1],  # latest
            ))
        return tuple(events)

    # --- dating the events no time expression dates -------------------------------------------

    def _fallback(self, kept: list[int], records: dict[int, _Dating], ids: dict[int, int],
                  node_of: dict[int, int], notes: dict[int, list[str]]) -> None:
        """Date the events nothing explicit or anchored dates, in order of strength.

        1. ``sentence``: the same clause (or a clause of the same sentence with the same
           tense) as an explicitly dated or anchored event takes its interval; a clause
           introduced by after/since, or the past complement of a dated report, lies before it
           (an open interval); one introduced by before/until lies after it.
        2. ``narrative``: a past-tense event takes the reference time of the story: the main
           dated event of the latest earlier sentence with one (in news, of the same paragraph
           only, and not for reporting verbs or the content of reports).
        3. ``tense`` (news with a publication date): a reporting verb in the past tense
           happened on or just before publication, in the present tense at publication; any
           other past or perfect event before publication, a future one after it (open
           intervals, drawn as the year before/after).

        Negated, modal and hypothetical events, states, and nouns with no dated clause stay
        undated; so do events a since/until relation bounds on one side only.
        """
        firm_by_sentence: dict[int, list[int]] = {}
        for key in kept:
            record = records[key]
            if record.dated_by in _FIRM and record.time is not None and \
                    record.time.start is not None:
                firm_by_sentence.setdefault(self.mentions[key].sentence, []).append(key)
        published = None if self.published is None else dt.datetime(
            self.published.year, self.published.month, self.published.day)
        reference: int | None = None  # main firm event of the latest earlier dated sentence
        sentence_reference: int | None = None
        story: int | None = None  # the latest firm event on a recent day: the story's "today"
        story_of: dict[int, int | None] = {}  # undated event -> the story day when it was told
        current = -1
        for key in kept:
            mention = self.mentions[key]
            if mention.sentence != current:
                current = mention.sentence
                if sentence_reference is not None:
                    reference = sentence_reference
                sentence_reference = None
            record = records[key]
            form = mention.form
            story_of[key] = story
            if record.dated_by != "none" or record.time is not None:
                if record.dated_by in _FIRM and (form is None or form.tense != "future") and \
                        _on_a_recent_day(record.time, published):
                    story = key
                if record.dated_by in _FIRM and record.time is not None and \
                        record.time.start is not None and (form is None or form.tense != "future"):
                    if self.mode == "news":
                        if (form is not None and form.speech) or (
                                published is not None and record.time.start > published):
                            continue  # reports and coming events are not the story's "now"
                        # news tells its story around the latest event ("now" of the story);
                        # earlier dates in the paragraph are background
                        best = sentence_reference if sentence_reference is not None else reference
                        if best is None or \
                                records[best].time.start <= record.time.start:  # type: ignore[union-attr]
                            sentence_reference = key
                    elif sentence_reference is None:
                        sentence_reference = key
                continue
            if key in node_of:
                continue  # a since/until relation bounds it on one side only: the default below
            if form is not None and form.mood != "real":
                notes[key].append(_MOOD_NOTES[form.mood])
                continue  # the default below, with a low confidence
            firms = firm_by_sentence.get(mention.sentence)
            dated = self._by_sentence(key, firms, records, ids) if firms else None
            if dated is None:
                dated = self._by_narrative(key, reference, records, ids)
            if dated is None:
                continue  # its clause (a noun), then the story day or publication (below)
            records[key] = dated[0]
            notes[key].append(dated[1])
        # an undated event noun takes the time of the verb of its clause dated by its sentence or
        # the narrative ("announced his decision in a televised address")
        by_segment: dict[tuple[int, int], int] = {}
        for key in kept:
            mention = self.mentions[key]
            record = records[key]
            if mention.form is not None and mention.segment is not None and \
                    record.dated_by in _DATED and record.time is not None and \
                    record.time.start is not None and mention.form.mood == "real":
                segment = mention.segment
                by_segment.setdefault((mention.sentence, segment.lo), key)
                if segment.marker in ("which", "that") and segment.lo >= 2:
                    # "the deal, which was announced on Monday": the noun before the relative
                    # clause happened then too
                    by_segment.setdefault((mention.sentence, -segment.lo), key)
        for key in kept:
            mention = self.mentions[key]
            if not by_segment or mention.form is not None or mention.segment is None or \
                    records[key].dated_by != "none":
                continue
            verb = by_segment.get((mention.sentence, mention.segment.lo))
            relative = self._before_relative(mention) if verb is None else None
            if relative is not None:
                verb = by_segment.get((mention.sentence, -relative))
            if verb is None:
                continue
            record = records[verb]
            records[key] = _Dating(record.time, record.dated_by, record.confidence - 0.1,
                                   f"same clause as event {ids[verb]}", None, record.bounds)
            notes[key].append(f"dated by its clause: the time of event {ids[verb]}")
        self._coreferent(kept, records, ids, notes)
        self._default(kept, records, ids, story_of, notes)

    def _coreferent(self, kept: list[int], records: dict[int, _Dating], ids: dict[int, int],
                    notes: dict[int, list[str]]) -> None:
        """An undated event noun that names an event told and dated before ("Jobs has died
        yesterday" ... "responded to Jobs' death"; "resigned on Monday" ... "his resignation")
        is that event: it takes its time. Noun and verb forms are matched by their derivation
        (:func:`timeline.derivation.event_key`); the nearest earlier dated mention wins."""
        latest: dict[str, int] = {}  # event key -> the latest dated event so far
        for key in kept:
            mention = self.mentions[key]
            found = mention.found
            record = records[key]
            if not found.trigger.isalpha() or found.lemma in _NO_COREF:
                continue
            if record.time is not None and record.time.start is not None:
                if record.dated_by in _DATED and (mention.form is None or
                                                  mention.form.mood == "real"):
                    latest[event_key(found.trigger)] = key
                continue
            if mention.form is not None or not latest:
                continue
            other = latest.get(event_key(found.trigger))
            if other is None or other not in ids:
                continue
            source = records[other]
            records[key] = _Dating(source.time, "anchored", max(0.3, source.confidence - 0.1),
                                   f"same event as event {ids[other]}", source.expression,
                                   source.bounds)
            notes[key].append(f"refers to event {ids[other]}: dated as it is")

    def _default(self, kept: list[int], records: dict[int, _Dating], ids: dict[int, int],
                 story_of: dict[int, int | None], notes: dict[int, list[str]]) -> None:
        """The best estimate of the events nothing in the text dates (news with a publication
        date): an event told in the past on the story's day (the latest recent day an earlier
        event was explicitly dated on: "Jobs said yesterday ...", "On Monday ...") when there
        is one, else on the publication day; present, future and noun events on the publication
        day. News reports events of the day: annotated news puts most such events there.
        The bounds are what the tense guarantees (on or before publication for the past, on or
        after it for the future); the confidence is low, lower still for negated, modal and
        hypothetical events, which may not happen at all."""
        for key in kept:
            current = records[key]
            if current.time is not None and current.time.start is not None:
                continue  # dated (an expression with no interval, "recently", is estimated)
            mention = self.mentions[key]
            form = mention.form
            tense = form.tense if form is not None else "present"
            story = story_of.get(key)
            dated = None
            if story is not None and tense in _PAST_TENSES and story in ids:
                record = records[story]
                assert record.time is not None and record.time.end is not None
                latest = record.time.end if tense == "past_perfect" or self.published is None \
                    else self._published_end()
                dated = (_Dating(record.time if record.time.approximate else
                                 attrs.evolve(record.time, approximate=True),
                                 "narrative", CONFIDENCE["story"], f"story day: event {ids[story]}",
                                 record.expression, (None, latest)),
                         f"told in the past with no time of its own: shown on the story's day, "
                         f"that of event {ids[story]}")
            # a narrative tells the past from its own dates; its present and future are still
            # the writer's ("Jobs leaves behind a company", "will be remembered")
            if dated is None and self.published is not None and (
                    self.mode == "news" or form is not None and tense in ("present", "future")):
                dated = _tense_window(self.published.year, self.published.month,
                                      self.published.day, form is not None and form.speech,
                                      tense)
            if dated is None:
                if form is None:
                    notes[key].append("an event noun with no dated clause: no date")
                elif form.tense == "present":
                    notes[key].append("present tense (habitual or ongoing): no date")
                continue
            record = dated[0]
            if current.expression is not None:  # "recently", "now": kept as its expression
                record = record._replace(expression=current.expression, derived=None)
            if form is not None and form.mood != "real":
                # it may never happen: no bound either ("he had hoped to meet him")
                record = record._replace(confidence=CONFIDENCE["unreal"], bounds=(None, None))
            records[key] = record
            notes[key].append(dated[1])

    def _published_end(self) -> dt.datetime | None:
        published = self.published
        assert published is not None
        day = dt.datetime(published.year, published.month, published.day)
        return None if day.date() == dt.date.max else day + _DAY

    def _by_sentence(self, key: int, firms: list[int], records: dict[int, _Dating],
                     ids: dict[int, int]) -> tuple[_Dating, str] | None:
        mention = self.mentions[key]
        form, segment = mention.form, mention.segment
        best: tuple[int, int, int, str] | None = None  # (rank, distance, firm key, relation)
        position = mention.found.trigger_start
        for other_key in firms:
            if other_key == key or other_key not in ids:
                continue
            other = self.mentions[other_key]
            other_form, other_segment = other.form, other.segment
            same = segment is not None and other_segment is not None and \
                segment.lo == other_segment.lo
            relation: str | None = None
            reported = form is not None and self._reported(mention)
            if same:
                if form is not None and form.speech and other_form is not None:
                    relation = None  # "X happened last month, the mayor said": not the report's time
                elif form is not None and other_form is not None and other_form.speech and \
                        other.found.trigger_start < position:
                    # "said on Tuesday that troops pulled back": the content of the report
                    relation = "before" if form.tense in _PAST_TENSES else (
                        "after" if form.tense == "future" else None)
                elif form is None or (other_form is not None and _same_tense(form, other_form)):
                    relation = "same"
                elif other_form is None:
                    # a verb and a dated noun of its clause: the preposition says how they relate
                    # ("said during the interview"), a direct object shares its time ("held talks")
                    word = self._word_before(other.found.char_start)
                    relation = "same" if word == mention.found.trigger.lower() else \
                        _NOUN_RELATION.get(word)
                    if relation == "same" and form.tense not in ("past", "future"):
                        relation = None
                elif form.tense == "past_perfect":
                    relation = "before"
            elif reported:
                # the content of a report made in another clause: before it, when in the past
                relation = "before" if form is not None and form.tense in _PAST_TENSES else None
            elif (form is not None and form.speech) or (
                    other_segment is not None and other_segment.marker in _RELATIVE_MARKERS):
                # "..., the mayor said": a report is not dated by the content it reports; a
                # relative clause ("the record, which was set in 2009") is background
                relation = None
            elif form is not None:
                marker = segment.marker if segment is not None else None
                other_marker = other_segment.marker if other_segment is not None else None
                past = form.tense in _PAST_TENSES
                if other_form is not None and other_form.speech and \
                        other.found.trigger_start < position and past:
                    relation = "before"  # the content of a dated report
                elif past and (marker in _EARLIER_MARKERS or other_marker in _LATER_MARKERS):
                    relation = "before"
                elif past and (marker in _LATER_MARKERS or other_marker in _EARLIER_MARKERS):
                    relation = "after"
                elif marker in _RELATIVE_MARKERS:
                    relation = None  # a relative clause is background, dated on its own
                elif other_form is None or _same_tense(form, other_form):
                    relation = "same"
                elif form.tense == "past_perfect" and other_form.tense == "past":
                    relation = "before"
            if relation is None:
                continue
            rank = (0 if same else 1, abs(other.found.trigger_start - position))
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], other_key, relation)
        if best is None:
            return None
        _, _, other_key, relation = best
        other_time = records[other_key].time
        assert other_time is not None
        name = f"event {ids[other_key]}"
        where = "clause" if best[0] == 0 else "sentence"
        if relation == "same":
            return (_Dating(other_time, "sentence", CONFIDENCE["sentence"],
                            f"same {where} as {name}", records[other_key].expression),
                    f"dated by its {where}: the time of {name}")
        window = _open_window(other_time, before=relation == "before")
        if window is None:
            return None
        return (_Dating(window[0], "sentence", CONFIDENCE["before"], f"{relation} {name}", None,
                        window[1]),
                f"{relation} {name} (its {where}): shown at that time, bounded on one side")

    def _by_narrative(self, key: int, reference: int | None, records: dict[int, _Dating],
                      ids: dict[int, int]) -> tuple[_Dating, str] | None:
        mention = self.mentions[key]
        form = mention.form
        if reference is None or form is None or reference not in ids or \
                form.tense not in ("past", "past_perfect"):
            return None
        other = self.mentions[reference]
        if self.mode == "news" and (form.attribution or other.paragraph != mention.paragraph
                                    or self._reported(mention)):
            return None  # news paragraphs jump between threads of the story
        other_time = records[reference].time
        assert other_time is not None
        name = f"event {ids[reference]}"
        if form.tense == "past":
            return (_Dating(other_time, "narrative", CONFIDENCE["narrative"],
                            f"narrative: same time as {name}", records[reference].expression),
                    f"dated by the narrative: the reference time is that of {name}")
        window = _open_window(other_time, before=True)
        if window is None:
            return None
        return (_Dating(window[0], "narrative", CONFIDENCE["before"], f"narrative: before {name}",
                        None, window[1]),
                f"past perfect in a narrative: before {name}; shown at that time")

    def _before_relative(self, mention: _Mention) -> int | None:
        """The token where the relative clause right after a noun starts ("the deal, which")."""
        after = self.text[mention.found.trigger_end:mention.found.trigger_end + 8]
        if not (after.startswith(", which ") or after.startswith(", that ")):
            return None
        segment = mention.segment
        return None if segment is None else segment.hi + 2

    def _word_before(self, position: int) -> str:
        """The lower-case word just before ``position`` (a preposition before a noun event)."""
        before = self.text[max(0, position - 20):position].split()
        return before[-1].lower() if before else ""

    def _reported(self, mention: _Mention) -> bool:
        """Is the mention inside the content of a report ("officials said the bridge fell")?"""
        segment = mention.segment
        if segment is None:
            return False
        return any(end <= segment.lo for end in self.speech_segments.get(mention.sentence, ()))

    def _resolved_relative_link(self, spec: _Relative | None, ids: dict[int, int]) -> str | None:
        if spec is None:
            return None
        reference = self._reference_key(spec.expression)
        if reference is None or reference not in ids:
            return None
        return _relative_link(spec, f"event {ids[reference]}")


_PAST_TENSES = frozenset({"past", "perfect", "past_perfect"})
_FIRM = frozenset({"explicit", "anchored"})
_DATED = frozenset({"explicit", "anchored", "sentence", "narrative"})
#: clause markers: an event in an after/since clause lies before the main clause's event
_EARLIER_MARKERS = frozenset({"after", "since", "once"})
_LATER_MARKERS = frozenset({"before", "until", "till"})
_RELATIVE_MARKERS = frozenset({"which", "who", "whom", "whose", "where"})
#: a preposition before a dated noun of a verb's clause: how the verb's event relates to it
#: ("said during the interview": same time; "resigned after the vote": after it)
_NOUN_RELATION = {"during": "same", "at": "same", "in": "same", "on": "same", "amid": "same",
                  "throughout": "same", "with": "same", "after": "after", "following": "after",
                  "since": "after", "before": "before", "ahead": "before", "until": "before"}
_MOOD_NOTES = {
    "negated": "negated: it did not happen, no date",
    "modal": "modal (may, can, must ...): it may not happen, no date",
    "hypothetical": "hypothetical (would): no date",
}


class _Dating(NamedTuple):
    """How one event is dated: its best estimate, the evidence, and the bounds the text
    guarantees (``bounds`` None: the estimate itself; a side None: open)."""

    time: TimeValue | None
    dated_by: str
    confidence: float
    derived: str | None
    expression: str | None
    bounds: tuple[dt.datetime | None, dt.datetime | None] | None = None


#: the record of an event nothing dates (shared: records are immutable)
_UNDATED = _Dating(None, "none", 0.0, None, None)


@lru_cache(maxsize=1024)
def _tense_window(year: int, month: int, day_of_month: int, speech: bool,
                  tense: str) -> tuple[_Dating, str] | None:
    """The best estimate tense alone gives an event of an article published that day: the
    publication day, approximate, with the bounds the tense guarantees (``speech``: a reporting
    verb, dated a little more firmly). Memoized: a pure function of its arguments with immutable
    values, so every document published that day shares them."""
    try:
        day = dt.datetime(year, month, day_of_month)
        time = attrs.evolve(interval_value(day, day + _DAY), approximate=True)
        end = day + _DAY
    except (OverflowError, ValueError):
        return None
    confidence = CONFIDENCE["tense"] if speech else CONFIDENCE["open"]
    if tense in _PAST_TENSES:
        return (_Dating(time, "tense", confidence, "publication day (estimate)", None, (None, end)),
                f"dated by its tense ({tense.replace('_', ' ')}) alone: shown on the publication "
                "day, where news reports such events; it happened on or before it")
    if tense == "future":
        return (_Dating(time, "tense", confidence, "publication day (estimate)", None, (day, None)),
                "dated by its tense (future) alone: shown on the publication day; it happens on "
                "or after it")
    return (_Dating(time, "tense", confidence, "publication day", None, (None, None)),
            "no time of its own (present tense or a noun): shown on the publication day")


def _on_a_recent_day(time: TimeValue | None, published: dt.datetime | None) -> bool:
    """Does ``time`` name one day (or a part of it) in the fortnight up to publication? Such a
    date sets the story's day for the events told after it without a time of their own."""
    if time is None or time.start is None or time.end is None or published is None:
        return False
    # differences, not sums: no overflow at the ends of the calendar
    return time.end - time.start <= _DAY and published - time.start <= _STORY_WINDOW and \
        time.start - published < _DAY


#: confidence -> rounded to two decimals (a handful of values recur; float rounding is slow)
_ROUNDED: dict[float, float] = {}


def _rounded(confidence: float) -> float:
    """``round(confidence, 2)``, memoized (bounded: cleared when it grows large)."""
    value = _ROUNDED.get(confidence)
    if value is None:
        if len(_ROUNDED) >= 4096:
            _ROUNDED.clear()
        value = _ROUNDED[confidence] = round(confidence, 2)
    return value


def _same_tense(a: VerbForm, b: VerbForm) -> bool:
    """Two verb forms that can share one time (past with past, future with future ...)."""
    return a.tense == b.tense


def _open_window(time: TimeValue, *, before: bool
                 ) -> tuple[TimeValue, tuple[dt.datetime | None, dt.datetime | None]] | None:
    """"Before/after <time>": the best estimate is the time itself (approximate: the nearest
    the text allows), the bounds are open on the far side."""
    if time.start is None or time.end is None:
        return None
    estimate = time if time.approximate else attrs.evolve(time, approximate=True)
    return estimate, ((None, time.end) if before else (time.start, None))


def _compatible(a: VerbForm | None, b: VerbForm | None) -> bool:
    """Can two mentions name one event? Nouns agree with anything; moods and tenses must."""
    if a is None or b is None:
        return (a is None or a.mood == "real") and (b is None or b.mood == "real")
    if a.mood != "real" or b.mood != "real":
        return False
    if "future" in (a.tense, b.tense):
        return a.tense == b.tense
    return True


def _signal_positions(text: str) -> list[int]:
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
                whole = bool(before) and before[-1].lower() in _QUALIFIERS
            if whole:
                out.append(position)
            position = text.find(word, end)
    return out


def _anchored_like(analysis: SentenceAnalysis, expression: Expression) -> bool:
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
    if reading.kind == "anchored" or expression.anchor == "event":
        return True
    if reading.kind == "offset":
        if reading.value == "deictic" or reading.amount is None:
            return False
    elif not (expression.time.timex_type == "DURATION" and str(reading.unit) in UNIT_SECONDS):
        return False
    signal = _signal_token(analysis, expression)
    if signal is None or not (lows[signal] in _CLAUSE_SIGNALS or lows[signal] == "of"):
        return False
    following = signal + 1
    return following < analysis.n and analysis.lows[following][:1].isalnum()


def _signal_token(analysis: SentenceAnalysis, expression: Expression) -> int | None:
    """Index of the signal word (after, before, of ...) of an event-anchored expression."""
    lows = analysis.lows
    lo, hi = analysis.token_range(expression.mention.char_start, expression.mention.char_end)
    signal = hi - 1 if hi > lo and lows[hi - 1] in _SIGNALS else hi
    if signal >= analysis.n or lows[signal] not in _SIGNALS:
        return None
    if lows[signal] == "of":
        # only "within a week of X" anchors; "210 years of loyalty" is a duration
        mod = expression.mention.reading.mod or expression.time.mod
        within = expression.mention.text.lower().startswith("within") or (
            lo > 0 and lows[lo - 1] == "within")
        if mod not in ("LESS_THAN", "EQUAL_OR_LESS") and not within:
            return None
    return signal


def _signal_words(analysis: SentenceAnalysis, exclude: set[int]) -> list[tuple[int, int, str]]:
    """``(signal, qualifier, kind)`` for "since X", "until X", "shortly after X" ..."""
    lows = analysis.lows
    out: list[tuple[int, int, str]] = []
    n = analysis.n
    for i, low in enumerate(lows):
        if i in exclude or i + 1 >= n or (i + 1) in exclude:
            continue
        if low in _SINCE_UNTIL:
            if i + 2 < n and lows[i + 1] in _QUALIFIERS and lows[i + 2] in ("after", "before"):
                continue  # "since shortly after X": the qualified signal carries the relation
            out.append((i, i, _SINCE_UNTIL[low]))
        elif low in ("after", "before") and i > 0 and lows[i - 1] in _QUALIFIERS \
                and (i - 1) not in exclude:
            out.append((i, i - 1, "qualified"))
    return out


def _offset(amount: float | None, unit: str, reference: dt.datetime | None, backward: bool,
            direction: str | None, approximate: bool) -> tuple[float, float, bool]:
    """Seconds spanned by the amount, counted forward from or back to ``reference``."""
    vague = (float(_VAGUE[0]), float(_VAGUE[1]))
    if reference is None or amount is None:
        return offset_range(amount, unit, approximate=approximate, vague=vague)
    going_back = backward != (direction == "before")
    # the amount is counted from the anchor: forward when it is "after" and the anchor is known
    if going_back and float(amount).is_integer():
        moved = add_calendar(reference, -int(amount), unit)
        if moved is not None:
            return offset_range(amount, unit, reference=moved, approximate=approximate, vague=vague)
    return offset_range(amount, unit, reference=reference, approximate=approximate, vague=vague)


def _amount_text(amount: float | None, unit: str) -> str:
    word = _UNIT_WORDS.get(unit, unit)
    if amount is None:
        return f"several {word}s"
    number = int(amount) if float(amount).is_integer() else amount
    return f"{number} {word}" + ("" if number == 1 else "s")


def _duration_label(expression: Expression, direction: str | None, widened: bool,
                    mod: str | None) -> str:
    reading = expression.mention.reading
    text = _amount_text(reading.amount, str(reading.unit))
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        text = f"within {text}"
    elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        text = f"more than {text}"
    elif mod == "APPROX":
        text = f"about {text}"
    return f"{text} {direction or 'of'}" + (" (approximate)" if widened else "")


def _link(relation: _Relation, parent: str, forward: bool) -> str:
    """Readable derivation of the child from ``parent`` ("event 3", "1987") through ``relation``.

    ``forward`` is True when the child is the governed event (child = anchor + offset).
    """
    approx = " (approximate)" if relation.widened else ""
    if relation.kind == "duration" and relation.expression is not None:
        mod = relation.mod
        if mod in ("LESS_THAN", "EQUAL_OR_LESS", "MORE_THAN", "EQUAL_OR_MORE"):
            approx = ""
        reading = relation.expression.mention.reading
        amount = _amount_text(reading.amount, str(reading.unit))
        direction = reading.direction or _SIGNALS.get(relation.signal.lower())
        mod = relation.mod
        if direction is None:
            return f"within {amount} of {parent}"
        sign = "+" if (direction == "after") == forward else "-"
        prefix = "up to " if mod in ("LESS_THAN", "EQUAL_OR_LESS") else (
            "more than " if mod in ("MORE_THAN", "EQUAL_OR_MORE") else "")
        return f"{parent} {sign} {prefix}{amount}{approx}"
    if relation.kind == "qualified":
        qualifier, signal = relation.label.split(" ", 1)
        if not forward:
            signal = "before" if signal == "after" else "after"
        return f"{qualifier} {signal} {parent}{approx}"
    if relation.kind == "since":
        return f"since {parent}" if forward else f"start of {parent}"
    return f"until {parent}" if forward else f"end of {parent}"


def _relative_link(spec: _Relative, parent: str) -> str:
    offset = spec.offset
    unit = spec.unit
    if offset == 0:
        return f"same {_UNIT_WORDS.get(unit, unit)} as {parent}"
    sign = "+" if offset > 0 else "-"
    return f"{parent} {sign} {_amount_text(abs(offset), unit)}"


def _derivation(nodes: list[int], relations: list[_Relation],
                dated: set[int]) -> dict[int, tuple[int, _Relation, bool, int]]:
    """Breadth-first from the dated events: child key -> (parent, relation, forward, depth)."""
    adjacency: dict[int, list[tuple[int, _Relation, bool]]] = {k: [] for k in nodes}
    for relation in relations:
        adjacency[relation.anchor].append((relation.governed, relation, True))
        adjacency[relation.governed].append((relation.anchor, relation, False))
    out: dict[int, tuple[int, _Relation, bool, int]] = {}
    seen = {k for k in nodes if k in dated}
    queue = deque((k, 0) for k in nodes if k in dated)
    while queue:
        key, depth = queue.popleft()
        for child, relation, forward in adjacency[key]:
            if child in seen:
                continue
            seen.add(child)
            out[child] = (key, relation, forward, depth + 1)
            queue.append((child, depth + 1))
    return out


def _interval_time(lo: float, hi: float) -> TimeValue | None:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    start, end = from_seconds(lo), from_seconds(hi + 1)
    if start is None or end is None or end <= start:
        return None
    return interval_value(start, end)


def _narrowed(solution: Solution, node: int, explicit: tuple[float, float]) -> TimeValue | None:
    lo, hi = solution.lo[node], solution.hi[node]
    if lo <= explicit[0] and hi >= explicit[1]:
        return None
    if lo > hi:
        return None
    return _interval_time(lo, hi)


def _floor(moment: dt.datetime, unit: str) -> dt.datetime:
    if unit == "week":
        day = dt.datetime(moment.year, moment.month, moment.day)
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return dt.datetime(moment.year, moment.month, 1)
    if unit == "year":
        return dt.datetime(moment.year, 1, 1)
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return moment.replace(second=0, microsecond=0)
    return dt.datetime(moment.year, moment.month, moment.day)


def _shift(spec: _Relative, reference: tuple[float, float]) -> TimeValue | None:
    """The interval of a relative expression counted from a reference interval (seconds)."""
    unit = spec.unit
    if unit == "part_of_day":
        unit = "day"
    if unit not in _SHIFT_UNITS:
        return None
    offset = spec.offset
    first, last = from_seconds(reference[0]), from_seconds(reference[1])
    if first is None or last is None:
        return None
    start = add_calendar(_floor(first, unit), offset, unit)
    end_base = add_calendar(_floor(last, unit), offset + 1, unit)
    if start is None or end_base is None:
        return None
    end = end_base
    text = spec.text
    if offset == 0 and text.startswith("earlier"):
        end = first
    elif offset == 0 and text.startswith("later"):
        start = last + dt.timedelta(seconds=1)
    part = spec.part_of_day
    if part in _PARTS_OF_DAY and unit == "day" and end - start == dt.timedelta(days=1):
        begin_hour, end_hour = _PARTS_OF_DAY[part]
        day = start
        value = f"{day.date().isoformat()}T{part}"
        return TimeValue(timex_type="TIME", value=value,
                         start=day + dt.timedelta(hours=begin_hour),
                         end=day + dt.timedelta(hours=end_hour), grain=Grain.PART_OF_DAY,
                         approximate=True)
    if end <= start:
        return None
    return interval_value(start, end)
