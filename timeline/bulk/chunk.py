"""The work on one chunk of articles (runs in a worker process): build each, failures and notes
as rows keyed by article."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from timeline.bulk.inputs import Job, read_file
from timeline.bulk.result import ERROR_COLUMNS, NOTE_COLUMNS, BatchResult, empty_table
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS, TEXT_DTYPE

__all__ = [
    "build_chunk",
]


def _keyed(frames: list[pd.DataFrame], keys: list[Any], columns: dict[str, str]) -> pd.DataFrame:
    """The per-article ``frames`` stacked, with ``article`` = each frame's key, first."""
    pairs = [(frame, key) for frame, key in zip(frames, keys) if len(frame)]
    if not pairs:
        return empty_table(columns, _key_dtype(keys))
    body = pd.concat([frame for frame, _ in pairs], ignore_index=True)
    repeated = [key for frame, key in pairs for _ in range(len(frame))]
    body.insert(0, "article", _key_array(repeated))
    return body


def _key_dtype(keys: list[Any]) -> object:
    if keys and all(isinstance(k, str) for k in keys):
        return TEXT_DTYPE
    if all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in keys):
        return "int64"
    return object


def _key_array(keys: list[Any]) -> Any:
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


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def build_chunk(chunk: list[Job], mode: str = "auto", date_order: str | None = None) -> BatchResult:
    """Build every article of ``chunk``; failures become error rows. Top level: pickled to workers."""
    from timeline.api import build

    event_frames: list[pd.DataFrame] = []
    expression_frames: list[pd.DataFrame] = []
    built: list[Any] = []
    error_keys: list[Any] = []
    error_texts: list[str] = []
    note_keys: list[Any] = []
    note_texts: list[str] = []
    for key, text, published in chunk:
        if text is None:
            error_keys.append(key)
            error_texts.append(str(published))
            continue
        try:
            if isinstance(text, Path):
                text = read_file(text)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the notes say it once per article
                tl = build(text, published=published, mode=mode, date_order=date_order)  # type: ignore[arg-type]
                events, expressions = tl.events, tl.expressions
        except Exception as error:  # noqa: BLE001 - one failing document must not stop the rest
            error_keys.append(key)
            error_texts.append(_describe(error))
            continue
        built.append(key)
        event_frames.append(events)
        expression_frames.append(expressions)
        for note in tl.notes:
            note_keys.append(key)
            note_texts.append(note)
    return BatchResult(
        events=_keyed(event_frames, built, EVENT_COLUMNS),
        expressions=_keyed(expression_frames, built, EXPRESSION_COLUMNS),
        errors=_rows(error_keys, error_texts, ERROR_COLUMNS),
        notes=_rows(note_keys, note_texts, NOTE_COLUMNS),
        articles=len(chunk),
    )
