"""The work on one chunk of articles in a worker process, without pandas: build each article and
keep its tables as columns (plain lists, :mod:`timeline.output.columns`), concatenated over the
chunk; failures and notes as keyed lists.

A worker imports this module, not pandas: the fork server preloads it (and
:mod:`timeline.bulk.warm`), so workers start without pandas' import. The parent makes one
DataFrame per table and chunk of the columns (:func:`timeline.bulk.chunk.chunk_result`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, NamedTuple

from timeline.output.columns import EVENT_WIDTH, EXPRESSION_WIDTH, event_columns, expression_columns

__all__ = ["ChunkColumns", "build_columns"]


class ChunkColumns(NamedTuple):
    """The tables of a chunk as columns: what a worker sends back (plain lists pickle small and
    fast; each text shared by several rows, such as a sentence, is pickled once).

    Attributes:
        events: the events columns (in ``EVENT_COLUMNS`` order), every article's rows in turn.
        event_counts: how many events rows each built article has (as ``built``).
        expressions: the expressions columns (``EXPRESSION_COLUMNS`` order).
        expression_counts: how many expressions rows each built article has.
        built: the keys of the articles built (with rows or not), in input order.
        error_keys, error_texts: one entry per article that failed.
        note_keys, note_texts: one entry per note of a built article.
        articles: how many articles the chunk had.
    """

    events: list[list[Any]]
    event_counts: list[int]
    expressions: list[list[Any]]
    expression_counts: list[int]
    built: list[Any]
    error_keys: list[Any]
    error_texts: list[str]
    note_keys: list[Any]
    note_texts: list[str]
    articles: int


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def build_columns(chunk: list[Any], mode: str = "auto", date_order: str | None = None) -> ChunkColumns:
    """Build every article of ``chunk`` (``(key, text, published)`` jobs); failures become error
    entries. Top level: pickled to workers."""
    from timeline.api import build

    result = ChunkColumns([[] for _ in range(EVENT_WIDTH)], [], [[] for _ in range(EXPRESSION_WIDTH)],
                          [], [], [], [], [], [], len(chunk))
    for key, text, published in chunk:
        if text is None:
            result.error_keys.append(key)
            result.error_texts.append(str(published))
            continue
        try:
            if isinstance(text, Path):
                from timeline.bulk.inputs import read_file  # only a batch of files needs it

                text = read_file(text)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the notes say it once per article
                tl = build(text, published=published, mode=mode, date_order=date_order)  # type: ignore[arg-type]
                events = event_columns(tl.event_list)
                expressions = expression_columns(tl.expression_list, tl.sentences)
        except Exception as error:  # noqa: BLE001 - one failing document must not stop the rest
            result.error_keys.append(key)
            result.error_texts.append(_describe(error))
            continue
        result.built.append(key)
        for table, counts, columns in ((result.events, result.event_counts, events),
                                       (result.expressions, result.expression_counts, expressions)):
            counts.append(len(columns[0]))
            if columns[0]:
                for whole, part in zip(table, columns):
                    whole.extend(part)
        for note in tl.notes:
            result.note_keys.append(key)
            result.note_texts.append(note)
    return result
