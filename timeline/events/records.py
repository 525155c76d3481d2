"""How events are dated (:data:`CONFIDENCE`, :class:`Dating`), their firm dating (explicit,
relative, anchored through solved constraints) and the :class:`~timeline.types.Event` rows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

import attrs

from timeline.calendar import format_value, interval_of
from timeline.events.instants import interval_value
from timeline.events.relations import (
    Relation,
    derivation_tree,
    interval_time,
    narrowed_time,
    relation_link,
)
from timeline.events.relatives import Relative, named_reference, relative_link
from timeline.events.solver import Bound, Constraint, Solution
from timeline.resolve.values import GRAIN_RANK
from timeline.types import Event, Grain, TimeValue

if TYPE_CHECKING:  # pragma: no cover
    from timeline.events.collect import Collection

__all__ = [
    "CONFIDENCE", "DATED", "Dating", "FIRM", "MOOD_NOTES", "PAST_TENSES", "UNDATED",
    "date_firm", "event_records", "rounded",
]

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

PAST_TENSES = frozenset({"past", "perfect", "past_perfect"})
FIRM = frozenset({"explicit", "anchored"})
DATED = frozenset({"explicit", "anchored", "sentence", "narrative"})

MOOD_NOTES = {
    "negated": "negated: it did not happen, no date",
    "modal": "modal (may, can, must ...): it may not happen, no date",
    "hypothetical": "hypothetical (would): no date",
}


class Dating(NamedTuple):
    """How one event is dated: its best estimate, the evidence, and the bounds the text
    guarantees (``bounds`` None: the estimate itself; a side None: open)."""

    time: TimeValue | None
    dated_by: str
    confidence: float
    derived: str | None
    expression: str | None
    bounds: tuple[dt.datetime | None, dt.datetime | None] | None = None


#: the record of an event nothing dates (shared: records are immutable)
UNDATED = Dating(None, "none", 0.0, None, None)


_ROUNDED: dict[float, float] = {}


def rounded(confidence: float) -> float:
    """``round(confidence, 2)``, memoized (bounded: cleared when it grows large)."""
    value = _ROUNDED.get(confidence)
    if value is None:
        if len(_ROUNDED) >= 4096:
            _ROUNDED.clear()
        value = _ROUNDED[confidence] = round(confidence, 2)
    return value


def date_firm(c: Collection, reps: list[int], rep: dict[int, int], nodes: list[int],
              node_of: dict[int, int], relations: list[Relation], solution: Solution | None,
              explicit: dict[int, tuple[float, float]], relative_times: dict[int, TimeValue]
              ) -> tuple[list[int], dict[int, Dating], dict[int, int], dict[int, list[str]]]:
    """Date the events explicit expressions, relative expressions and solved constraints date.

    Returns the kept mentions' keys (in text order), their datings (:data:`UNDATED` for the
    ones nothing here dates), their event ids and their notes so far. Every further mention of
    a kept event ("resigned" ... "his resignation") is kept too, with its own id and row
    (:data:`UNDATED` here: it is dated as its event once that is, see ``timeline.events``);
    ``c.copies`` maps it to the event's first mention.
    """
    mentions = c.mentions
    notes: dict[int, list[str]] = {}
    for key in reps:
        others = mentions[key].others
        notes[key] = list(dict.fromkeys(others)) if others else []
    accepted: list[Relation] = []
    rejected_labels: set[int] = set()
    if solution is not None:
        rejected_pairs = {(r.source, r.target, r.lo, r.hi) for r in solution.rejected
                          if isinstance(r, Constraint)}
        for number, relation in enumerate(relations):
            pair = (node_of[relation.anchor], node_of[relation.governed], relation.lo, relation.hi)
            if pair in rejected_pairs:
                rejected_labels.add(number)
                message = (f"contradiction: '{relation.label}' between '"
                           f"{c.mentions[relation.anchor].found.phrase}' and '"
                           f"{c.mentions[relation.governed].found.phrase}' conflicts with "
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
    parents = derivation_tree(nodes, accepted, dated)
    # mentions found only through "since/until/shortly after" and tied to nothing dated
    # are dropped; the others are numbered in text order
    kept = [k for k in reps if not c.mentions[k].hidden
            and not (c.mentions[k].optional and k not in parents)]
    kept_set = set(kept)
    c.copies = {k: r for k, r in rep.items()
                if k != r and r in kept_set and not mentions[k].hidden}
    if c.copies:
        kept = sorted(kept + list(c.copies), key=lambda k: (mentions[k].found.trigger_start, k))
    ids = {key: number for number, key in enumerate(kept, start=1)}

    def name(key: int) -> str:
        mention = c.mentions[key]
        return mention.found.phrase if mention.hidden else f"event {ids[key]}"

    records: dict[int, Dating] = {}
    mentions = c.mentions
    for key in kept:
        mention = mentions[key]
        if key in c.copies:
            records[key] = UNDATED  # dated as its event, once that is
            notes[key] = []
            continue
        if mention.explicit is None and mention.relative is None and key not in node_of \
                and key not in relative_times and key not in parents:
            records[key] = UNDATED  # nothing dates it (yet: see _fallback)
            continue
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
            reference = c.relative_from.get(key)
            if reference is not None and (reference in ids or c.mentions[reference].hidden):
                derived = relative_link(mention.relative, name(reference))
        elif mention.explicit is not None:
            expression_text = mention.explicit.mention.text
            time = mention.explicit.time
            dated_by = "explicit"
            confidence = _CONFIDENCE_EXPLICIT if time.start is not None else 0.5
            derived = _resolved_relative_link(c, mention.relative, ids)
            if key in node_of and solution is not None and key in explicit:
                narrowed = narrowed_time(solution, node_of[key], explicit[key])
                if narrowed is not None:
                    notes[key].append(f"narrowed from {time.value} by the events tied to it")
                    time = narrowed
        elif mention.relative is not None:
            expression_text = mention.relative.label
        if key in parents:
            parent_key, relation, forward, depth = parents[key]
            if time is None or dated_by == "none":
                derived = relation_link(relation, name(parent_key), forward)
                if relation.expression is not None:
                    expression_text = relation.words
                else:
                    expression_text = relation.label
                if solution is not None:
                    node = node_of[key]
                    time = interval_time(solution.lo[node], solution.hi[node])
                    if time is None:
                        notes[key].append(
                            f"{relation_link(relation, name(parent_key), forward)}: only one side bounded")
                if time is not None:
                    time = _at_amount_grain(time, relation)
                    dated_by = "anchored"
                    confidence = max(0.3, 0.9 - 0.1 * depth - (0.1 if time.approximate else 0.0))
        elif key in node_of and time is None:
            for r in accepted:
                other = r.anchor if r.governed == key else r.governed
                if key in (r.governed, r.anchor) and (
                        r.kind == "duration" or other in dated or other in parents) \
                        and (other in ids or c.mentions[other].hidden):
                    derived = relation_link(r, name(other), r.governed == key)
                    break
        form = mention.form
        if form is not None and form.mood != "real" and time is not None:
            notes[key].append(MOOD_NOTES[form.mood].split(",")[0] + ": dated by its "
                              "expression, but it may not have happened")
            confidence = min(confidence, CONFIDENCE["narrative"])
        records[key] = Dating(time, dated_by, confidence, derived, expression_text)
    return kept, records, ids, notes


def event_records(c: Collection, kept: list[int], records: dict[int, Dating], ids: dict[int, int],
                  notes: dict[int, list[str]]) -> tuple[Event, ...]:
    """The :class:`Event` rows of the kept mentions, in text order, from their datings."""
    events: list[Event] = []
    sentences = c.sentences
    for key in kept:
        mention = c.mentions[key]
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
            rounded(record.confidence),
            "; ".join(notes[key]) or None,  # note
            bounds[0],  # earliest
            bounds[1],  # latest
        ))
    return tuple(events)


#: the grain a date counted with an amount of this unit is known to
_AMOUNT_GRAIN = {"year": Grain.YEAR, "month": Grain.MONTH}


def _at_amount_grain(time: TimeValue, relation: Relation) -> TimeValue:
    """A date counted with an amount of years (months) is known to that unit: "five years
    after its launch" in February 2008 is 2003, not February 2003 (as TimeML values "five
    years ago" at year grain). Approximate; other dates, and a period that would run off the
    calendar, are returned as they are."""
    expression = relation.expression
    if expression is None or time.start is None or time.end is None or time.grain is None:
        return time
    grain = _AMOUNT_GRAIN.get(expression.mention.reading.unit or "")
    if grain is None or GRAIN_RANK[time.grain] >= GRAIN_RANK[grain]:
        return time
    period = interval_of(format_value(time.start + (time.end - time.start) / 2, grain))
    if period is None:
        return time
    return attrs.evolve(interval_value(period[0], period[1]), approximate=True)


def _resolved_relative_link(c: Collection, spec: Relative | None, ids: dict[int, int]) -> str | None:
    if spec is None:
        return None
    reference = named_reference(c, spec.expression)
    if reference is None or reference not in ids:
        return None
    return relative_link(spec, f"event {ids[reference]}")
