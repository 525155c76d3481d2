"""Expressions and events as pandas DataFrames: column names and dtypes live here only.

Times use ``datetime64[s]`` so that years before 1677 and after 2262 fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from timeline.types import Event, Expression

__all__ = [
    "TEXT_DTYPE",
    "EVENT_COLUMNS",
    "EXPRESSION_COLUMNS",
    "TIME_DTYPE",
    "events_frame",
    "expressions_frame",
]

TIME_DTYPE = "datetime64[s]"

#: Text columns use pandas' default string dtype: ``str`` on pandas 3, ``object`` on pandas 2.
TEXT_DTYPE = "str" if int(pd.__version__.split(".")[0]) >= 3 else "object"

#: column -> dtype of ``Timeline.expressions``
EXPRESSION_COLUMNS: dict[str, str] = {
    "char_start": "int64",
    "char_end": "int64",
    "text": TEXT_DTYPE,
    "type": TEXT_DTYPE,
    "value": TEXT_DTYPE,
    "start": TIME_DTYPE,
    "end": TIME_DTYPE,
    "grain": TEXT_DTYPE,
    "approximate": "bool",
    "mod": TEXT_DTYPE,
    "anchor": TEXT_DTYPE,
    "sentence": "int64",
}

#: column -> dtype of ``Timeline.events``
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "int64",
    "event": TEXT_DTYPE,
    "trigger": TEXT_DTYPE,
    "sentence": TEXT_DTYPE,
    "sentence_index": "int64",
    "char_start": "int64",
    "char_end": "int64",
    "expression": TEXT_DTYPE,
    "value": TEXT_DTYPE,
    "start": TIME_DTYPE,
    "end": TIME_DTYPE,
    "grain": TEXT_DTYPE,
    "approximate": "bool",
    "derived_from": TEXT_DTYPE,
    "duration": TEXT_DTYPE,
    "dated_by": TEXT_DTYPE,
    "confidence": "float64",
    "note": TEXT_DTYPE,
}


_EPOCH = dt.datetime(1970, 1, 1)
_NAT = np.iinfo(np.int64).min


def _seconds(value: object) -> int:
    if value is None:
        return _NAT
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
    elif isinstance(value, dt.date):
        delta = dt.datetime(value.year, value.month, value.day) - _EPOCH
    else:
        raise TypeError(f"not a date or datetime: {value!r}")
    return delta.days * 86400 + delta.seconds


def _text_arrays(columns: Sequence[list[str | None]], size: int) -> list[object]:
    """Typed text columns: one string array for all of them, sliced (pandas 3), or object arrays."""
    if TEXT_DTYPE == "object":
        arrays: list[object] = []
        for values in columns:
            array = np.empty(size, dtype=object)
            array[:] = values
            arrays.append(array)
        return arrays
    # one conversion to the string dtype (Arrow-backed when pyarrow is installed) instead of one per
    # column: the columns are zero-copy slices of it
    flat = [value for values in columns for value in values]
    whole = pd.array(flat, dtype=TEXT_DTYPE)
    return [whole[i * size : (i + 1) * size] for i in range(len(columns))]


def _times(seconds: list[int]) -> np.ndarray:
    return np.array(seconds, dtype=np.int64).view(TIME_DTYPE)


def expressions_frame(expressions: Iterable[Expression]) -> pd.DataFrame:
    """One row per time expression, in text order, with the columns of :data:`EXPRESSION_COLUMNS`."""
    expressions = list(expressions)
    size = len(expressions)
    mentions = [expr.mention for expr in expressions]
    times = [expr.time for expr in expressions]
    text, timex_type, value, grain, mod, anchor = _text_arrays(
        [
            [m.text for m in mentions],
            [t.timex_type for t in times],
            [t.value for t in times],
            [t.grain.value if t.grain is not None else None for t in times],
            [t.mod for t in times],
            [expr.anchor for expr in expressions],
        ],
        size,
    )
    data = {
        "char_start": np.array([m.char_start for m in mentions], dtype=np.int64),
        "char_end": np.array([m.char_end for m in mentions], dtype=np.int64),
        "text": text,
        "type": timex_type,
        "value": value,
        "start": _times([_seconds(t.start) for t in times]),
        "end": _times([_seconds(t.end) for t in times]),
        "grain": grain,
        "approximate": np.array([t.approximate for t in times], dtype=bool),
        "mod": mod,
        "anchor": anchor,
        "sentence": np.array([m.sentence for m in mentions], dtype=np.int64),
    }
    return pd.DataFrame(data, copy=False)  # dict order is EXPRESSION_COLUMNS' order


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """One row per event, sorted by start (undated events last), with :data:`EVENT_COLUMNS`."""
    events = list(events)
    size = len(events)
    starts = [_seconds(e.time.start) if e.time is not None else _NAT for e in events]
    ends = [_seconds(e.time.end) if e.time is not None else _NAT for e in events]
    order = sorted(
        range(size),
        key=lambda i: (starts[i] == _NAT, 0 if starts[i] == _NAT else starts[i], 0 if ends[i] == _NAT else ends[i], events[i].char_start),
    )
    events = [events[i] for i in order]
    starts = [starts[i] for i in order]
    ends = [ends[i] for i in order]
    times = [e.time for e in events]
    phrase, trigger, sentence, expression, value, grain, derived_from, duration, dated_by, note = _text_arrays(
        [
            [e.phrase for e in events],
            [e.trigger for e in events],
            [e.sentence_text for e in events],
            [e.expression for e in events],
            [t.value if t is not None else None for t in times],
            [t.grain.value if t is not None and t.grain is not None else None for t in times],
            [e.derived_from for e in events],
            [e.duration for e in events],
            [e.dated_by for e in events],
            [e.note for e in events],
        ],
        size,
    )
    data = {
        "event_id": np.array([e.event_id for e in events], dtype=np.int64),
        "event": phrase,
        "trigger": trigger,
        "sentence": sentence,
        "sentence_index": np.array([e.sentence for e in events], dtype=np.int64),
        "char_start": np.array([e.char_start for e in events], dtype=np.int64),
        "char_end": np.array([e.char_end for e in events], dtype=np.int64),
        "expression": expression,
        "value": value,
        "start": _times(starts),
        "end": _times(ends),
        "grain": grain,
        "approximate": np.array([t is not None and t.approximate for t in times], dtype=bool),
        "derived_from": derived_from,
        "duration": duration,
        "dated_by": dated_by,
        "confidence": np.array([float(e.confidence) for e in events], dtype=np.float64),
        "note": note,
    }
    return pd.DataFrame(data, copy=False)  # dict order is EVENT_COLUMNS' order
