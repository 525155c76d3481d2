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
    return [
        [m.char_start for m in mentions],  # char_start
        [m.char_end for m in mentions],  # char_end
        [m.text for m in mentions],  # text
        [t.timex_type for t in times],  # type
        [t.value for t in times],  # value
        seconds_column([t.start for t in times]),  # start
        seconds_column([t.end for t in times]),  # end
        [_GRAIN_VALUE[t.grain] for t in times],  # grain
        [bool(t.approximate) for t in times],  # approximate
        [t.mod for t in times],  # mod
        [str(e.anchor) for e in expressions],  # anchor, as text
        [sentence_text.get(m.sentence) for m in mentions],  # sentence
        [m.sentence for m in mentions],  # sentence_index
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
    return [
        [e.event_id for e in events],  # event_id
        [e.phrase for e in events],  # event
        [e.trigger for e in events],  # trigger
        [e.sentence_text for e in events],  # sentence
        [e.sentence for e in events],  # sentence_index
        [e.char_start for e in events],  # char_start
        [e.char_end for e in events],  # char_end
        [e.expression for e in events],  # expression
        [t.value if t is not None else None for t in times],  # value
        starts,  # start
        ends,  # end
        seconds_column([e.earliest for e in events]),  # earliest
        seconds_column([e.latest for e in events]),  # latest
        [_GRAIN_VALUE[t.grain] if t is not None else None for t in times],  # grain
        [t is not None and bool(t.approximate) for t in times],  # approximate
        [e.derived_from for e in events],  # derived_from
        [e.duration for e in events],  # duration
        [e.dated_by for e in events],  # dated_by
        [float(e.confidence) for e in events],  # confidence
        [e.note for e in events],  # note
    ]
