"""Expressions and events as pandas DataFrames: column names and dtypes live here only.

Times use ``datetime64[s]`` so that years before 1677 and after 2262 fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from timeline.types import Event, Expression, TimeValue

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


def _time_fields(time: TimeValue | None) -> dict[str, object]:
    if time is None:
        return {"value": None, "start": None, "end": None, "grain": None, "approximate": False}
    return {
        "value": time.value,
        "start": time.start,
        "end": time.end,
        "grain": time.grain.value if time.grain is not None else None,
        "approximate": time.approximate,
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


def _frame(rows: Sequence[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    """Build the frame column by column from NumPy arrays (one pandas call, no per-cell work)."""
    data: dict[str, np.ndarray] = {}
    for name, dtype in columns.items():
        values = [row[name] for row in rows]
        if dtype == TIME_DTYPE:
            data[name] = np.array([_seconds(v) for v in values], dtype=np.int64).view(TIME_DTYPE)
        elif dtype == TEXT_DTYPE:
            if TEXT_DTYPE != "object" and all(v is None for v in values):
                data[name] = pd.array(values, dtype=TEXT_DTYPE)  # nothing to infer the dtype from
            else:
                array = np.empty(len(values), dtype=object)
                array[:] = values
                data[name] = array  # pandas 3 infers its string dtype from the strings
        else:
            data[name] = np.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns), copy=False)


def expressions_frame(expressions: Iterable[Expression]) -> pd.DataFrame:
    """One row per time expression, in text order, with the columns of :data:`EXPRESSION_COLUMNS`."""
    rows = []
    for expr in expressions:
        mention = expr.mention
        row: dict[str, object] = {
            "char_start": mention.char_start,
            "char_end": mention.char_end,
            "text": mention.text,
            "type": expr.time.timex_type,
            "sentence": mention.sentence,
            "anchor": expr.anchor,
            "mod": expr.time.mod,
        }
        row.update(_time_fields(expr.time))
        rows.append(row)
    return _frame(rows, EXPRESSION_COLUMNS)


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """One row per event, sorted by start (undated events last), with :data:`EVENT_COLUMNS`."""
    rows = []
    for event in events:
        row: dict[str, object] = {
            "event_id": event.event_id,
            "event": event.phrase,
            "trigger": event.trigger,
            "sentence": event.sentence_text,
            "sentence_index": event.sentence,
            "char_start": event.char_start,
            "char_end": event.char_end,
            "expression": event.expression,
            "derived_from": event.derived_from,
            "duration": event.duration,
            "dated_by": event.dated_by,
            "confidence": float(event.confidence),
            "note": event.note,
        }
        row.update(_time_fields(event.time))
        rows.append(row)
    rows.sort(key=lambda row: (row["start"] is None, _sort_key(row["start"]), _sort_key(row["end"]), row["char_start"]))
    return _frame(rows, EVENT_COLUMNS)


def _sort_key(value: object) -> int:
    return 0 if value is None else _seconds(value)
