"""Events: what the time expressions date, and events dated through other events.

:func:`build_events` works in four steps. Only sentences holding an expression (or a "since",
"until", "shortly after" ...) are analysed, each once (:mod:`timeline.events.clauses`); the solver only
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
   when one of them is an anchor or a definite noun, and dated as one event; each mention
   keeps its row (the further ones "same event as event N"), and the note says so.
4. The constraints are solved once per document (:func:`timeline.solver.solve`, again when a
   month/year amount needed a calendar reference). Relative expressions ("two days later",
   "the next day", "that night", "earlier that month") that the resolver left unresolved, or
   resolved against an expression although an event dated only through constraints came in
   between, are counted from the previous dated event (within the sentence, the nearest one
   before; across sentences, the main event of the previous dated sentence).

The work is split by job over the modules of this package: :mod:`~timeline.events.words`,
:mod:`~timeline.events.tokens`, :mod:`~timeline.events.forms`, :mod:`~timeline.events.clauses`,
:mod:`~timeline.events.triggers` and :mod:`~timeline.events.phrases` read sentences;
:mod:`~timeline.events.signals` and :mod:`~timeline.events.collect` collect mentions and
relations; :mod:`~timeline.events.coreference` merges mentions of one event;
:mod:`~timeline.events.relations` and :mod:`~timeline.events.relatives` solve and count dates;
:mod:`~timeline.events.records`, :mod:`~timeline.events.dating` and
:mod:`~timeline.events.estimates` date every event and make the rows.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from timeline.events.clauses import SentenceAnalysis
from timeline.events.collect import Collection, collect_candidates, collect_sentence
from timeline.events.coreference import as_event, attach_pending_durations, merge
from timeline.events.dating import date_the_rest
from timeline.events.instants import to_seconds
from timeline.events.records import CONFIDENCE, date_firm, event_records
from timeline.events.relations import solve_relations
from timeline.events.relatives import date_relatives
from timeline.events.signals import signal_positions
from timeline.events.tokens import DocumentTokens
from timeline.resolve.anchor import find_dateline
from timeline.resolve.context import Context
from timeline.types import Event, Expression, Sentence, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: how far into the text a dateline may lie (as :func:`timeline.resolve.find_dateline` reads it)
_DATELINE_REACH = 120

__all__ = ["CONFIDENCE", "build_events", "firm"]


def build_events(
                 text: str,
                 sentences: tuple[Sentence, ...],
                 expressions: tuple[Expression, ...],
                 context: Context,
                 *,
                 min_confidence: float = 0.0,
                 every_event: bool = True,
) -> tuple[Event, ...]:
    """Every event mention of an article, in text order, ``event_id`` from 1.

    Args:
        text: the article text.
        sentences: its sentences (``timeline.sentences.split_sentences``).
        expressions: its resolved time expressions, in text order.
        context: the document's publication date and mode, as ``timeline.build`` decides them
            (:func:`timeline.resolve.decide_context`): events with no other evidence are dated
            from their tense relative to the publication date; narratives get no
            publication-relative tense dates.
        min_confidence: keep only events whose ``confidence`` is at least this (0.9 keeps the
            explicitly dated ones). ``event_id`` keeps its number in the full list, so the
            ``derived_from`` chains of the kept events still name the right events.
        every_event: ``False`` analyses only the sentences that hold a time expression or a
            since/until/after signal (about 2.5x faster on TempEval-3 news): events of other
            sentences are not listed, so nothing is dated by narrative or by tense alone.

    Returns:
        One :class:`Event` per event mention (finite verbs, states other than the copula, event
        nouns, -ing forms and infinitives that name events, and every clause a time expression
        dates); further mentions of one event are dated as its first. Each has
        ``dated_by`` (explicit, anchored, sentence, narrative, tense or none) and
        ``confidence`` (see :data:`CONFIDENCE`).

    Raises:
        ValueError: ``min_confidence`` is not in [0, 1].
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must lie in [0, 1], not {min_confidence!r}")
    if not sentences:
        return ()
    starts = [s.char_start for s in sentences]
    by_sentence: dict[int, list[Expression]] = {}
    for expression in expressions:
        if expression.mention.char_start <= _DATELINE_REACH and \
                find_dateline(text, (expression.mention,)) is not None:
            continue  # "PARIS, March 3, 2021 (AFP) —": the dateline dates the article, no event
        index = expression.mention.sentence
        if not 0 <= index < len(sentences):
            index = max(0, bisect.bisect_right(starts, expression.mention.char_start) - 1)
        by_sentence.setdefault(index, []).append(expression)
    signal_sentences = {
        max(0, bisect.bisect_right(starts, position) - 1) for position in signal_positions(text)
    }
    builder = Collection(text, sentences, context)
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
            collect_sentence(builder, index, expressions_here, index in signal_sentences,
                             analysis, exclude)
        collect_candidates(builder, analysis, index, exclude)
    events = _finish(builder)
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


def _finish(c: Collection) -> tuple[Event, ...]:
    """Merge, solve and date the collected mentions; the events in text order."""
    if not c.mentions:
        return ()
    attach_pending_durations(c)
    rep = merge(c)
    reps = sorted(set(rep.values()), key=lambda k: (c.mentions[k].found.trigger_start, k))
    relations = []
    for relation in c.relations:
        relation.governed, relation.anchor = rep[relation.governed], rep[relation.anchor]
        if relation.governed != relation.anchor:
            relations.append(relation)
    position = {key: i for i, key in enumerate(reps)}
    nodes = sorted({r.governed for r in relations} | {r.anchor for r in relations},
                   key=position.__getitem__)
    node_of = {key: i for i, key in enumerate(nodes)}
    explicit: dict[int, tuple[float, float]] = {}
    for key in reps:
        expression = c.mentions[key].explicit
        if expression is not None and expression.time.start is not None \
                and expression.time.end is not None:
            explicit[key] = (float(to_seconds(expression.time.start)),
                             float(to_seconds(expression.time.end) - 1))
    intervals: dict[int, tuple[float, float]] = dict(explicit)
    c.guessed_calendar = False
    solution = solve_relations(c, nodes, node_of, relations, intervals)
    relative_times: dict[int, TimeValue] = {}
    if any(c.mentions[key].relative is not None for key in reps):
        relative_times = date_relatives(c, reps, intervals, solution, nodes, node_of)
    # solve again when relatives became dated nodes, or when a month/year amount was
    # counted with average lengths because neither side had a date yet
    if any(key in node_of for key in relative_times) or c.guessed_calendar:
        for key, time in relative_times.items():
            if time.start is not None and time.end is not None:
                intervals[key] = (float(to_seconds(time.start)), float(to_seconds(time.end) - 1))
        solution = solve_relations(c, nodes, node_of, relations, intervals, previous=solution)
    kept, records, ids, notes = date_firm(c, reps, rep, nodes, node_of, relations, solution,
                                          explicit, relative_times)
    copies = c.copies
    date_the_rest(c, [k for k in kept if k not in copies] if copies else kept, records, ids,
                  node_of, notes)
    for key, first in copies.items():  # a further mention: dated as its event
        if records[first].time is not None:
            records[key] = as_event(records[first], ids[first])
        notes[key].append(f"another mention of event {ids[first]}")
    return event_records(c, kept, records, ids, notes)
