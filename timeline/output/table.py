"""Expressions and events as pandas DataFrames: column names and dtypes live here only.

Times use ``datetime64[s]`` so that years before 1677 and after 2262 fit. The values come from
:mod:`timeline.output.columns` (pure Python, one list per column, in the order named here); the
frames are built from those columns directly, one typed array per column.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from timeline.output.columns import (
    EVENT_WIDTH,
    EXPRESSION_WIDTH,
    NAT,
    event_columns,
    expression_columns,
)
from timeline.types import Event, Expression, Sentence

__all__ = [
    "TEXT_DTYPE",
    "EVENT_COLUMNS",
    "EXPRESSION_COLUMNS",
    "TIME_DTYPE",
    "events_frame",
    "events_frame_of",
    "expressions_frame",
    "expressions_frame_of",
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
    "sentence": TEXT_DTYPE,
    "sentence_index": "int64",
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
    "earliest": TIME_DTYPE,
    "latest": TIME_DTYPE,
    "grain": TEXT_DTYPE,
    "approximate": "bool",
    "derived_from": TEXT_DTYPE,
    "duration": TEXT_DTYPE,
    "dated_by": TEXT_DTYPE,
    "confidence": "float64",
    "note": TEXT_DTYPE,
}


assert NAT == np.iinfo(np.int64).min  # NaT in datetime64[s]

try:  # pandas >= 3: frames are assembled from their blocks (no per-column inference or checks)
    from pandas.api.internals import create_dataframe_from_blocks as _from_blocks
except ImportError:  # pragma: no cover - pandas 2.2: the DataFrame constructor
    _from_blocks = None

try:  # the block manager made directly, as create_dataframe_from_blocks makes it, without its
    # checks of each block's dimensions and of their shapes (_frame makes them right)
    from pandas._libs.internals import BlockPlacement as _BlockPlacement
    from pandas.core.internals.blocks import get_block_type as _block_type
    from pandas.core.internals.managers import BlockManager as _BlockManager
except ImportError:  # pragma: no cover - other pandas
    _BlockManager = None

try:  # a 2-D datetime64[s] block handed over already wrapped: pandas skips re-validating it
    from pandas.arrays import DatetimeArray as _DatetimeArray

    def _wrap_times(values: np.ndarray) -> object:
        return _DatetimeArray._simple_new(values, dtype=values.dtype)

    _wrap_times(np.zeros((2, 1), dtype=TIME_DTYPE))
except (ImportError, AttributeError, TypeError, ValueError):  # pragma: no cover - other pandas
    _wrap_times = None  # type: ignore[assignment]

_TEXT_EXAMPLE = pd.array([], dtype=TEXT_DTYPE) if TEXT_DTYPE != "object" else None
#: pyarrow-backed ``str`` (pandas 3 with pyarrow, which pandas then imports itself): text columns
#: are built with one ``pyarrow.array`` call instead of ``pd.array``'s per-value checks
_ARROW_TEXT = _TEXT_EXAMPLE is not None and getattr(_TEXT_EXAMPLE.dtype, "storage", None) == "pyarrow"
if _ARROW_TEXT:
    import pyarrow as _pa
    from pandas.arrays import ArrowStringArray as _ArrowStringArray

    _ARROW_TYPE = _TEXT_EXAMPLE._pa_array.type  # type: ignore[union-attr]
#: the Arrow-backed array wraps a slice of its data without re-validating it (pandas 3)
_SLICE_ARROW = _ARROW_TEXT and hasattr(_TEXT_EXAMPLE, "_from_pyarrow_array")


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
    flat = list(chain.from_iterable(columns))
    if _SLICE_ARROW:  # zero-copy slices of the Arrow data (chunked, as the array's constructor
        # keeps it), each wrapped without re-validation; no array of the whole is made
        data = _pa.chunked_array([_pa.array(flat, type=_ARROW_TYPE)])
        wrap = _TEXT_EXAMPLE._from_pyarrow_array  # type: ignore[union-attr]
        return [wrap(data.slice(i * size, size)) for i in range(len(columns))]
    if _ARROW_TEXT:
        whole = _ArrowStringArray(_pa.array(flat, type=_ARROW_TYPE), dtype=_TEXT_EXAMPLE.dtype)  # type: ignore[union-attr]
    else:
        whole = pd.array(flat, dtype=TEXT_DTYPE)
    return [whole[i * size : (i + 1) * size] for i in range(len(columns))]


class _Layout:
    """Where each column of a table goes: text columns one block each, numbers one 2-D block per dtype."""

    def __init__(self, columns: dict[str, str]) -> None:
        self.names = list(columns)
        self.columns = pd.Index(self.names)
        self.text = [i for i, dtype in enumerate(columns.values()) if dtype == TEXT_DTYPE]
        self.numeric: dict[str, np.ndarray] = {}
        for i, dtype in enumerate(columns.values()):
            if dtype != TEXT_DTYPE:
                self.numeric.setdefault(dtype, [])  # type: ignore[arg-type]
                self.numeric[dtype].append(i)  # type: ignore[attr-defined]
        self.numeric = {dtype: np.array(places, dtype=np.intp) for dtype, places in self.numeric.items()}
        self.text_places = [np.array([i], dtype=np.intp) for i in self.text]

    def frame(self, size: int, text: list[object], numeric: dict[str, np.ndarray]) -> pd.DataFrame:
        """The DataFrame of the text arrays (in column order) and one 2-D array per numeric dtype
        (rows: that dtype's columns in order)."""
        if _from_blocks is None or TEXT_DTYPE == "object":
            data: dict[str, object] = {}
            for i, array in zip(self.text, text):
                data[self.names[i]] = array
            for dtype, places in self.numeric.items():
                for row, i in enumerate(places):
                    data[self.names[i]] = numeric[dtype][row]
            return pd.DataFrame({name: data[name] for name in self.names}, copy=False)
        blocks: list[tuple[object, np.ndarray]] = list(zip(text, self.text_places))
        for dtype, places in self.numeric.items():
            values = numeric[dtype]
            if dtype == TIME_DTYPE and _wrap_times is not None:
                values = _wrap_times(values)
            blocks.append((values, places))
        if _DIRECT:  # the axes are views of ones made once (Index.copy is a view too, slower)
            return _assembled(blocks, _row_index(size).view(), self.columns.view())
        return _from_blocks(blocks, index=pd.RangeIndex(size), columns=self.columns.copy())


@functools.lru_cache(maxsize=1024)
def _row_index(size: int) -> pd.RangeIndex:
    """The row index of a table of ``size`` rows (each frame takes a view of it)."""
    return pd.RangeIndex(size)


def _assembled(blocks: list[tuple[Any, np.ndarray]], index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    """The DataFrame of ``blocks`` (array, column places) as ``create_dataframe_from_blocks``
    makes it from arrays already shaped and typed for their blocks: 2-D numpy arrays, 2-D
    datetime arrays and 1-D extension arrays (strings)."""
    made = [_block_type(values.dtype)(values, ndim=2, placement=_BlockPlacement(places))
            for values, places in blocks]
    manager = _BlockManager(made, [columns, index], verify_integrity=False)
    return pd.DataFrame._from_mgr(manager, manager.axes)


def _assembles_alike() -> bool:
    """Whether :func:`_assembled` makes the frame ``create_dataframe_from_blocks`` makes (same
    values, dtypes and block types) on this pandas, for a small frame of every column dtype."""
    if _from_blocks is None or _BlockManager is None or _wrap_times is None or TEXT_DTYPE == "object":
        return False
    try:
        text = _text_arrays([["a", None], ["b", "c"]], 2)
        blocks = [(text[0], np.array([0])), (text[1], np.array([3])),
                  (np.array([[1, 2]], dtype="int64"), np.array([1])),
                  (_wrap_times(np.array([[0, NAT]], dtype="int64").view(TIME_DTYPE)), np.array([2])),
                  (np.array([[True, False]]), np.array([4])), (np.array([[0.5, 1.0]]), np.array([5]))]
        columns = pd.Index(list("abcdef"))
        ours = _assembled(blocks, pd.RangeIndex(2), columns.copy())
        theirs = _from_blocks(blocks, index=pd.RangeIndex(2), columns=columns.copy())
        return bool(ours.equals(theirs) and ours.dtypes.equals(theirs.dtypes) and ours.columns.equals(columns)
                    and [type(b) for b in ours._mgr.blocks] == [type(b) for b in theirs._mgr.blocks])
    except Exception:  # noqa: BLE001 - pragma: no cover - another pandas: its own constructor
        return False


_DIRECT = _assembles_alike()


if len(EVENT_COLUMNS) != EVENT_WIDTH or len(EXPRESSION_COLUMNS) != EXPRESSION_WIDTH:  # pragma: no cover
    raise ImportError("timeline.output.columns gives another number of columns than this module names")
_EXPRESSION_LAYOUT = _Layout(EXPRESSION_COLUMNS)
_EVENT_LAYOUT = _Layout(EVENT_COLUMNS)


def _frame(layout: _Layout, values: list[list[Any]]) -> pd.DataFrame:
    """The DataFrame of column ``values`` (lists in the layout's column order, of equal length)."""
    size = len(values[0])
    text = _text_arrays([values[i] for i in layout.text], size)
    numeric = {}
    for dtype, places in layout.numeric.items():
        rows = [values[i] for i in places]
        if dtype == TIME_DTYPE:
            numeric[dtype] = np.array(rows, dtype=np.int64).reshape(len(places), size).view(TIME_DTYPE)
        else:
            numeric[dtype] = np.array(rows, dtype=dtype).reshape(len(places), size)
    return layout.frame(size, text, numeric)


def expressions_frame(expressions: Iterable[Expression], sentences: Iterable[Sentence] = ()) -> pd.DataFrame:
    """One row per time expression, in text order, with the columns of :data:`EXPRESSION_COLUMNS`.

    ``sentences`` are the article's sentences, which give the ``sentence`` text column (missing
    when they are not given or do not have the expression's sentence index).
    """
    return _frame(_EXPRESSION_LAYOUT, expression_columns(expressions, sentences))


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """One row per event, sorted by start (undated events last), with :data:`EVENT_COLUMNS`."""
    return _frame(_EVENT_LAYOUT, event_columns(events))


def expressions_frame_of(values: list[list[Any]]) -> pd.DataFrame:
    """The expressions table of column values: :func:`timeline.output.columns.expression_columns`,
    or those of several articles concatenated column by column."""
    return _frame(_EXPRESSION_LAYOUT, values)


def events_frame_of(values: list[list[Any]]) -> pd.DataFrame:
    """The events table of column values: :func:`timeline.output.columns.event_columns`, or those
    of several articles concatenated column by column."""
    return _frame(_EVENT_LAYOUT, values)
