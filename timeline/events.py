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

import attrs

from timeline.clauses import Found, SentenceAnalysis, lexicon, stem
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

__all__ = ["build_events"]

_SIGNALS: dict[str, str | None] = dict(lexicon()["anchor_signals"])  # type: ignore[arg-type]
_QUALIFIERS: dict[str, list[float]] = dict(lexicon()["signal_qualifiers"])  # type: ignore[arg-type]
_SINCE_UNTIL: dict[str, str] = dict(lexicon()["since_until"])  # type: ignore[arg-type]
_NO_COREF = frozenset(lexicon()["reporting_coref_exclude"])  # type: ignore[arg-type]
_VAGUE = tuple(lexicon()["vague_amount_range"])  # type: ignore[arg-type]
_SIGNAL_WORDS = ("since", "Since", "until", "Until", "till", "Till", " after", " before")
_CONFIDENCE_EXPLICIT = 0.9
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


@attrs.define
class _Mention:
    found: Found
    sentence: int
    explicit: Expression | None = None
    relative: _Relative | None = None
    optional: bool = True
    is_anchor: bool = False
    hidden: bool = False  # a time expression used as an anchor ("two years after 1987")
    durations: list[str] = attrs.Factory(list)
    others: list[str] = attrs.Factory(list)


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
) -> tuple[Event, ...]:
    """The events of an article, in text order, ``event_id`` from 1.

    Args:
        text: the article text.
        sentences: its sentences (``timeline.sentences.split_sentences``).
        expressions: its resolved time expressions, in text order.
        published: the publication date (unused by the rules today; accepted for the
            pipeline's signature).

    Returns:
        One :class:`Event` per dated clause, per event an anchored phrase names, and per event
        it governs; mentions of one event are merged.
    """
    del published  # the expressions are already resolved against it
    if not sentences:
        return ()
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
    builder = _Builder(text, sentences)
    # a sentence whose expressions are all sets has no event to date or time
    wanted = {
        index for index, found in by_sentence.items()
        if any(e.time.timex_type != "SET" for e in found)
    }
    for index in sorted(wanted | signal_sentences):
        builder.sentence(index, by_sentence.get(index, []), index in signal_sentences)
    return builder.finish()


class _Builder:
    """Collects mentions and relations sentence by sentence, then solves and numbers them."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...]) -> None:
        self.text = text
        self.sentences = sentences
        self.mentions: dict[int, _Mention] = {}
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
        mention.optional = mention.optional and optional
        mention.is_anchor = mention.is_anchor or anchor
        return key

    def sentence(self, index: int, expressions: list[Expression], has_signals: bool) -> None:
        sent = self.sentences[index]
        spans = [(e.mention.char_start, e.mention.char_end) for e in expressions]
        analysis = SentenceAnalysis(self.text, sent.char_start, sent.char_end, spans)
        if not analysis.n:
            return
        exclude = analysis.exclusion(spans)
        for expression in expressions:
            if _anchored_like(analysis, expression):
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
        for expression in expressions:
            mention, time = expression.mention, expression.time
            if expression.index in consumed:
                continue
            if _anchored_like(analysis, expression):
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
            for key, mention in self.mentions.items():
                if mention.sentence == index and \
                        analysis.segment_at(analysis.token_index(key)) == segment:
                    mention.durations.append(value)
                    break
            else:
                # no dated event in this clause: the clause may name an event dated elsewhere
                # ("he got to meet with him for several hours" ... "met with him in October")
                found = analysis.event_for_span(expression.mention.char_start,
                                                expression.mention.char_end, exclude)
                if found is not None and found.lemma not in _NO_COREF and found.trigger.isalpha():
                    self.pending_durations.append((found, value, index))

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
        """Mention key -> representative key; mentions of one event share a representative."""
        groups: dict[str, list[int]] = {}
        rep: dict[int, int] = {}
        for key in sorted(self.mentions):
            mention = self.mentions[key]
            rep[key] = key
            found = mention.found
            if found.lemma in _NO_COREF or not found.trigger.isalpha():
                continue
            word_stem = stem(found.trigger)
            for other_key in groups.get(word_stem, []):
                other = self.mentions[other_key]
                both_dated = mention.explicit is not None and other.explicit is not None
                referring = (found.kind == "noun" and found.definite) or mention.is_anchor \
                    or other.is_anchor
                if both_dated or not referring:
                    continue
                rep[key] = rep[other_key]
                break
            groups.setdefault(word_stem, []).append(key)
        # choose the representative of each group: the dated mention, else the first
        members: dict[int, list[int]] = {}
        for key, root in rep.items():
            members.setdefault(root, []).append(key)
        final: dict[int, int] = {}
        for root, keys in members.items():
            dated = [k for k in keys if self.mentions[k].explicit is not None
                     or self.mentions[k].relative is not None]
            chosen = dated[0] if dated else root
            chosen_mention = self.mentions[chosen]
            for k in keys:
                final[k] = chosen
                if k != chosen:
                    other = self.mentions[k]
                    chosen_mention.optional = chosen_mention.optional and other.optional
                    chosen_mention.durations.extend(other.durations)
                    chosen_mention.others.append(
                        f"same event as '{other.found.phrase}' (sentence {other.sentence + 1})")
        return final

    def _attach_pending_durations(self) -> None:
        """Give a duration to the event of the same stem nearest before it (else after)."""
        if not self.pending_durations:
            return
        stems = {key: stem(m.found.trigger) for key, m in self.mentions.items()}
        for found, value, sentence in self.pending_durations:
            word_stem = stem(found.trigger)
            same = [k for k, s in stems.items() if s == word_stem]
            if not same:
                continue
            earlier = [k for k in same if k < found.trigger_start]
            key = max(earlier) if earlier else min(same)
            mention = self.mentions[key]
            if value not in mention.durations:
                mention.durations.append(value)
                mention.others.append(
                    f"duration {value} from '{found.phrase}' (sentence {sentence + 1})")

    def finish(self) -> tuple[Event, ...]:
        if not self.mentions:
            return ()
        self._attach_pending_durations()
        rep = self._merge()
        reps = sorted(set(rep.values()), key=lambda k: (self.mentions[k].found.char_start, k))
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
        notes: dict[int, list[str]] = {key: list(dict.fromkeys(self.mentions[key].others))
                                       for key in reps}
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

        events: list[Event] = []
        for key in kept:
            mention = self.mentions[key]
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
                    if key in (r.governed, r.anchor) and (other in ids or self.mentions[other].hidden):
                        derived = _link(r, name(other), r.governed == key)
                        break
            events.append(Event(
                event_id=ids[key],
                phrase=found.phrase,
                trigger=found.trigger,
                sentence=mention.sentence,
                sentence_text=self.sentences[mention.sentence].text,
                char_start=found.char_start,
                char_end=found.char_end,
                expression=expression_text,
                time=time,
                derived_from=derived,
                duration=mention.durations[0] if mention.durations else None,
                dated_by=dated_by,
                confidence=round(confidence, 2),
                note="; ".join(notes[key]) or None,
            ))
        return tuple(events)

    def _resolved_relative_link(self, spec: _Relative | None, ids: dict[int, int]) -> str | None:
        if spec is None:
            return None
        reference = self._reference_key(spec.expression)
        if reference is None or reference not in ids:
            return None
        return _relative_link(spec, f"event {ids[reference]}")


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
