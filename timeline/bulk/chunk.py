"""The tables of one chunk of articles: built (:func:`timeline.bulk.columns.build_columns`, in a
worker or here) and made DataFrames, failures and notes as rows keyed by article."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, repeat
from typing import Any

import numpy as np
import pandas as pd

from timeline.bulk.columns import ChunkColumns, build_columns
from timeline.bulk.inputs import Job
from timeline.bulk.result import ERROR_COLUMNS, NOTE_COLUMNS, BatchResult, empty_table
from timeline.output.table import (
    EVENT_COLUMNS,
    EXPRESSION_COLUMNS,
    TEXT_DTYPE,
    events_frame_of,
    expressions_frame_of,
)

__all__ = [
    "build_chunk",
    "chunk_result",
]


def _keyed(values: list[list[Any]], counts: list[int], built: list[Any], columns: dict[str, str],
           frame_of: Callable[[list[list[Any]]], pd.DataFrame]) -> pd.DataFrame:
    """The table of a chunk's column ``values``, with ``article`` first: each built article's
    key (``built``) repeated over its ``counts`` rows."""
    with_rows = [key for key, count in zip(built, counts) if count]
    if not with_rows:
        return empty_table(columns, _key_dtype(built))
    body = frame_of(values)
    repeated = list(chain.from_iterable(map(repeat, with_rows, filter(None, counts))))
    body.insert(0, "article", _key_array(repeated, _key_dtype(with_rows)))
    return body


def _key_dtype(keys: list[Any]) -> object:
    if keys and all(isinstance(k, str) for k in keys):
        return TEXT_DTYPE
    if all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in keys):
        return "int64"
    return object


def _key_array(keys: list[Any], dtype: object = None) -> Any:
    """The ``article`` column of ``keys`` (``dtype``: :func:`_key_dtype` of them, or of the
    distinct keys they repeat)."""
    if dtype is None:
        dtype = _key_dtype(keys)
    if dtype == TEXT_DTYPE and TEXT_DTYPE != "object":
        return pd.array(keys, dtype=TEXT_DTYPE)
    if dtype == "int64":
        return np.array(keys, dtype=np.int64)
    array = np.empty(len(keys), dtype=object)
    array[:] = keys
    return array


def _rows(keys: list[Any], values: list[str], columns: dict[str, str]) -> pd.DataFrame:
    if not keys:
        return empty_table(columns)
    (name,) = columns
    return pd.DataFrame({"article": _key_array(keys), name: pd.array(values, dtype=TEXT_DTYPE)})


def chunk_result(columns: ChunkColumns) -> BatchResult:
    """The tables of a chunk built by :func:`timeline.bulk.columns.build_columns`: one DataFrame
    per table, made of the concatenated columns."""
    return BatchResult(
        events=_keyed(columns.events, columns.event_counts, columns.built, EVENT_COLUMNS, events_frame_of),
        expressions=_keyed(columns.expressions, columns.expression_counts, columns.built, EXPRESSION_COLUMNS,
                           expressions_frame_of),
        errors=_rows(columns.error_keys, columns.error_texts, ERROR_COLUMNS),
        notes=_rows(columns.note_keys, columns.note_texts, NOTE_COLUMNS),
        articles=columns.articles,
    )


def build_chunk(chunk: list[Job], mode: str = "auto", date_order: str | None = None) -> BatchResult:
    """Build every article of ``chunk``; failures become error rows. Top level: pickled to workers."""
    return chunk_result(build_columns(chunk, mode, date_order))
