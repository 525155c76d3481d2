"""The values of the table columns, without pandas: one list per column, in the order in which
:mod:`timeline.output.table` names the columns (``EVENT_COLUMNS``, ``EXPRESSION_COLUMNS``).

The tables of one article (``Timeline.events``, ``Timeline.expressions``) and of a batch are
made of these lists: a batch's workers compute them (they need no pandas, so they start sooner)
and send them, concatenated per chunk, to the parent, which makes one DataFrame per chunk.
Times are seconds since 1970-01-01 (:data:`NAT` for none), as ``datetime64[s]`` stores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from timeline.types import Event, Expression, Grain, Sentence

__all__ = ["EVENT_WIDTH", "EXPRESSION_WIDTH", "NAT", "event_columns", "expression_columns", "seconds_column"]

#: how many columns :func:`event_columns` and :func:`expression_columns` give (as many as
#: ``EVENT_COLUMNS`` and ``EXPRESSION_COLUMNS`` name; :mod:`timeline.output.table` checks)
EVENT_WIDTH = 20
EXPRESSION_WIDTH = 13
#: the seconds of a missing time (``numpy.iinfo(numpy.int64).min``: NaT in ``datetime64[s]``)
NAT = -(2**63)
_EPOCH = dt.datetime(1970, 1, 1)
#: a grain's column value (``Grain.value`` without the enum's attribute lookup); None: no grain
_GRAIN_VALUE: dict[Grain | None, str | None] = {None: None, **{grain: grain.value for grain in Grain}}


def _seconds(value: object) -> int:
    if value is None:
        return NAT
    if isinstance(value, dt.datetime):
        delta = (value if value.tzinfo is None else value.replace(tzinfo=None)) - _EPOCH
    elif isinstance(value, dt.date):
        delta = dt.datetime(value.year, value.month, value.day) - _EPOCH
    else:
        raise TypeError(f"not a date or datetime: {value!r}")
    return delta.days * 86400 + delta.seconds


#: date or naive datetime -> its seconds since the epoch (the events of an article share a few
#: times; bounded). Aware datetimes are never stored: two of them are equal as instants while
#: their wall times, which the tables keep, differ.
_SECONDS: dict[object, int] = {None: NAT}
_SECONDS_LIMIT = 65_536


def seconds_column(values: list[Any]) -> list[int]:
    """The seconds since the epoch of each date or datetime (its wall time; :data:`NAT` for
    None). Raises ``TypeError`` for anything else."""
    found = list(map(_SECONDS.get, values))
    if None not in found:
        return found  # type: ignore[return-value]
    if len(_SECONDS) > _SECONDS_LIMIT:
        _SECONDS.clear()
        _SECONDS[None] = NAT
    column = []
    for value, seconds in zip(values, found):
        if seconds is None:
            seconds = _seconds(value)
            if getattr(value, "tzinfo", None) is None:
                _SECONDS[value] = seconds
        column.append(seconds)
    return column


def expression_columns(expressions: Iterable[Expression], sentences: Iterable[Sentence] = ()) -> list[list[Any]]:
    """The columns of ``Timeline.expressions``: one row per expression, in text order.

    ``sentences`` give the ``sentence`` text column (None where the expression's sentence index
    is not among them).
    """
    expressions = list(expressions)
    mentions = [e.mention for e in expressions]
    times = [e.time for e in expressions]
    sentence_text = {sentence.index: sentence.text for sentence in sentences}
    char_start, char_end, text = (list(map(attrgetter(name), mentions))
                                  for name in ("char_start", "char_end", "text"))
    kind, value, mod = (list(map(attrgetter(name), times))
                        for name in ("timex_type", "value", "mod"))
    index = [m.sentence for m in mentions]
    return [
        char_start, char_end, text, kind, value,
        seconds_column([t.start for t in times]),  # start
        seconds_column([t.end for t in times]),  # end
        [_GRAIN_VALUE[t.grain] for t in times],  # grain
        [bool(t.approximate) for t in times],  # approximate
        mod,
        [str(e.anchor) for e in expressions],  # anchor, as text
        [sentence_text.get(i) for i in index],  # sentence
        index,  # sentence_index
    ]


def event_columns(events: Iterable[Event]) -> list[list[Any]]:
    """The columns of ``Timeline.events``: one row per event, sorted by start (undated events
    last), then end, then position in the text."""
    events = list(events)
    times = [e.time for e in events]
    starts = seconds_column([t.start if t is not None else None for t in times])
    ends = seconds_column([t.end if t is not None else None for t in times])
    keys = [
        (start == NAT, 0 if start == NAT else start, 0 if end == NAT else end, e.char_start)
        for start, end, e in zip(starts, ends, events)
    ]
    order = sorted(range(len(events)), key=keys.__getitem__)
    if order != list(range(len(events))):
        events = [events[i] for i in order]
        starts = [starts[i] for i in order]
        ends = [ends[i] for i in order]
        times = [times[i] for i in order]
    # event_id, event, trigger, sentence, sentence_index, char_start, char_end, expression
    plain = [list(map(attrgetter(name), events)) for name in _EVENT_FIELDS]
    return [
        *plain,
        [t.value if t is not None else None for t in times],  # value
        starts,  # start
        ends,  # end
        seconds_column([e.earliest for e in events]),  # earliest
        seconds_column([e.latest for e in events]),  # latest
        [_GRAIN_VALUE[t.grain] if t is not None else None for t in times],  # grain
        [t is not None and bool(t.approximate) for t in times],  # approximate
        *(list(map(attrgetter(name), events)) for name in ("derived_from", "duration", "dated_by")),
        [float(e.confidence) for e in events],  # confidence
        [e.note for e in events],  # note
    ]


#: the event attributes the first columns of the events table show as they are
_EVENT_FIELDS = ("event_id", "phrase", "trigger", "sentence_text", "sentence", "char_start",
                 "char_end", "expression")
