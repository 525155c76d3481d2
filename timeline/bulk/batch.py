"""Many articles at once: batch building on all cores, streamed in chunks, with a progress bar.

>>> import timeline
>>> result = timeline.build_many(["The vote was held on Monday.", "Nothing here."],
...                              published="2016-01-15")
>>> sorted(result.events.columns[:2])
['article', 'event_id']

Three forms, one engine:

- :func:`build_many` returns a :class:`BatchResult` whose ``events``, ``expressions``,
  ``errors`` and ``notes`` DataFrames carry an ``article`` key column. Everything is in memory.
- :func:`iter_build` yields one :class:`BatchResult` per chunk of articles, in input order, so
  that memory stays flat however many articles there are.
- :func:`write_many` writes the chunks to CSV, JSON Lines or Parquet files as they arrive.

The ``article`` key is the position of the article in the input (``int64``, from 0), or its id
when the input has one (an ``id`` column of a DataFrame, an ``id`` key of a dict, or the name
given with ``id_column``), or the path of a file read from a folder (``.txt`` articles and
saved ``.html`` pages: ``build_many(Path("pages"))``). The order of the rows is the input
order, then the order :func:`timeline.build` gives within an article, whatever ``jobs`` is.

A document that cannot be built (not a text, an unreadable publication date, a failure inside
the builder) becomes one row of ``errors`` (``article``, ``error`` = exception type and
message); the other articles go on. Builder notes (such as "no publication date given or
found") become rows of ``notes`` instead of one warning per article.

Parallel work uses a process pool (``forkserver`` where the platform has it, else ``spawn``):
scripts that call :func:`build_many` with ``jobs != 1`` need the usual
``if __name__ == "__main__":`` guard; without it the call raises one :class:`RuntimeError`
that says so. A worker that dies has its chunk built again in the calling process, and the
pool is replaced (at most three times; then the rest is built in the calling process).

The parts live in their own modules: ``inputs`` (reading the input into jobs), ``chunk`` (the
work on one chunk), ``pool`` (running the chunks), ``progress`` (the bar), ``writers`` (table
files) and ``result`` (:class:`BatchResult`); their public names are importable from here.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Callable, Iterable, Iterator, Sized
from pathlib import Path
from typing import IO, Literal

import pandas as pd

from timeline.bulk.inputs import (
    ARTICLE_SUFFIXES,
    ONE_ARTICLE,
    Unreadable,
    article_files,
    article_jobs,
    chunked,
    read_file,
)
from timeline.bulk.pool import importing_main, process_pool, run_chunks, worker_count
from timeline.bulk.progress import Progress
from timeline.bulk.result import (
    ERROR_COLUMNS,
    NOTE_COLUMNS,
    TABLES,
    BatchResult,
    concat_tables,
    empty_table,
)
from timeline.bulk.writers import WRITE_FORMATS, TableWriter
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS
from timeline.types import Article

__all__ = [
    "ERROR_COLUMNS",
    "NOTE_COLUMNS",
    "DEFAULT_CHUNK_SIZE",
    "WRITE_FORMATS",
    "BatchResult",
    "Progress",
    "TableWriter",
    "ARTICLE_SUFFIXES",
    "Unreadable",
    "article_files",
    "build_many",
    "iter_build",
    "read_file",
    "write_many",
]


DEFAULT_CHUNK_SIZE = 64


def iter_build(
    articles: Iterable[object] | pd.DataFrame,
    published: object = None,
    *,
    jobs: int = 1,
    progress: bool | Literal["force"] = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    mode: str = "auto",
    date_order: str | None = None,
    text_column: str = "text",
    date_column: str | None = None,
    id_column: str | None = None,
    _executor: Callable[[int], concurrent.futures.Executor] | None = None,
) -> Iterator[BatchResult]:
    """Build many articles and yield one :class:`BatchResult` per chunk, in input order.

    The input is read lazily and at most ``2 * jobs`` chunks are in flight, so memory stays
    flat however long the input is (as long as the caller does not keep the chunks).

    Args:
        articles: an iterable of texts, :class:`timeline.Article` objects or mappings (with
            ``text_column``, optionally ``date_column`` and ``id_column`` keys); a DataFrame
            with those columns; or an iterable of DataFrame chunks (``pd.read_csv(...,
            chunksize=N)``). An item may also be the ``pathlib.Path`` of a file (its path is
            its ``article`` key), and ``articles`` the ``pathlib.Path`` of a folder: every
            ``.txt``, ``.html`` and ``.htm`` file under it, sorted, keyed by its path relative
            to the folder. Files are read by the workers (:func:`read_file`): a saved web page
            through :func:`timeline.read_html` (needs the ``html`` extra), its headline,
            publication date and notes kept. Items of other types become error rows.
        published: the publication date of articles that do not give their own (an
            ``Article.published``, a date column or key), as :func:`timeline.build` reads it;
            or a list/Series with one date per article. Missing: the dateline, if any. For a
            file, as with :func:`timeline.build`, a date given here wins over the one read
            from the page.
        jobs: worker processes; 1 (default) works in this process, -1 uses every core.
        progress: ``True`` draws a progress bar on standard error when it is a terminal and the
            work lasts over a second; ``"force"`` always draws it (plain lines when standard
            error is not a terminal); ``False`` never.
        chunk_size: articles sent to a worker at a time.
        mode, date_order: as for :func:`timeline.build`.
        text_column: the text column/key of DataFrame and mapping input.
        date_column: the publication date column/key (default: ``date`` when present).
        id_column: the id column/key used as ``article`` key (default: ``id`` when present,
            else the position in the input).

    Raises:
        ValueError: ``jobs``, ``chunk_size``, ``mode`` or ``date_order`` is not valid.
        KeyError: a DataFrame lacks a column named here.
        TypeError: ``articles`` is a single text or Article, or a path that is not a folder.
    """
    workers = worker_count(jobs)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, not {chunk_size!r}")
    if mode not in ("auto", "news", "narrative"):
        raise ValueError(f"mode must be 'auto', 'news' or 'narrative', not {mode!r}")
    if date_order not in (None, "MDY", "DMY", "YMD"):
        raise ValueError(f"date_order must be 'MDY', 'DMY', 'YMD' or None, not {date_order!r}")
    if isinstance(articles, (str, bytes, Article)):
        raise TypeError(ONE_ARTICLE)
    if isinstance(articles, os.PathLike) and not Path(articles).is_dir():
        raise TypeError(ONE_ARTICLE)
    if isinstance(articles, pd.DataFrame) and text_column not in articles.columns:
        raise KeyError(f"the DataFrame has no text column {text_column!r} (columns: {list(articles.columns)})")
    if workers > 1 and importing_main():
        # A worker running an unguarded main script again: leave quietly; the parent, whose
        # pool breaks, says what to change. (Starting a pool here would fail noisily.)
        raise SystemExit(1)
    if isinstance(articles, os.PathLike):  # a folder: listed again, lazily, by article_jobs
        total: int | None = len(article_files(articles))
    else:
        total = len(articles) if isinstance(articles, Sized) else None
    bar = Progress(total, enabled=bool(progress), force=progress == "force")
    chunks = chunked(article_jobs(articles, published, text_column, date_column, id_column), chunk_size)
    try:
        for result in run_chunks(chunks, workers, mode, _executor or process_pool, date_order):
            bar.update(result.articles, len(result.errors))
            yield result
    finally:
        bar.close()


def build_many(
    articles: Iterable[object] | pd.DataFrame,
    published: object = None,
    *,
    jobs: int = 1,
    progress: bool | Literal["force"] = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    mode: str = "auto",
    date_order: str | None = None,
    text_column: str = "text",
    date_column: str | None = None,
    id_column: str | None = None,
) -> BatchResult:
    """Build the timelines of many articles into one :class:`BatchResult` (all in memory).

    Takes the same arguments as :func:`iter_build`; for inputs too large for memory use
    :func:`iter_build` or :func:`write_many`. The tables are identical whatever ``jobs`` is.

    >>> result = build_many(["Talks ended on Friday.", 42], published="2016-01-15")
    >>> result.errors.loc[0, "article"], result.errors.loc[0, "error"].split(":")[0]
    (np.int64(1), 'TypeError')
    """
    parts = list(
        iter_build(articles, published, jobs=jobs, progress=progress, chunk_size=chunk_size,
                   mode=mode, date_order=date_order, text_column=text_column, date_column=date_column,
                   id_column=id_column)
    )
    return BatchResult(
        events=concat_tables([p.events for p in parts], EVENT_COLUMNS),
        expressions=concat_tables([p.expressions for p in parts], EXPRESSION_COLUMNS),
        errors=concat_tables([p.errors for p in parts], ERROR_COLUMNS),
        notes=concat_tables([p.notes for p in parts], NOTE_COLUMNS),
        articles=sum(p.articles for p in parts),
    )


def write_many(
    articles: Iterable[object] | pd.DataFrame,
    path: str | os.PathLike[str] | IO[str],
    published: object = None,
    *,
    table: str = "events",
    format: str | None = None,
    errors: str | os.PathLike[str] | IO[str] | None = None,
    jobs: int = 1,
    progress: bool | Literal["force"] = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    mode: str = "auto",
    date_order: str | None = None,
    text_column: str = "text",
    date_column: str | None = None,
    id_column: str | None = None,
    on_chunk: Callable[[BatchResult], None] | None = None,
) -> BatchResult:
    """Build many articles and append one table to ``path`` chunk by chunk (flat memory).

    Args:
        articles, published, jobs, progress, chunk_size, mode, date_order, text_column, date_column,
            id_column: as for :func:`iter_build`.
        path: the output file (format from its extension: ``.csv``, ``.jsonl``/``.ndjson``,
            ``.json`` (one array), ``.parquet`` (needs pyarrow)) or a text stream with ``format``.
        table: ``events`` (default) or ``expressions``.
        format: ``csv``, ``jsonl``, ``json`` or ``parquet``, when the extension does not say.
        errors: where to write the error rows too (same formats), if anywhere.
        on_chunk: called with each chunk's result after it is written (e.g. to report notes).

    Returns:
        A :class:`BatchResult` holding only the error and note rows (the written table is
        left empty), the number of articles and the files written with their row counts
        (``written``); its repr is a one-line summary.

    Raises:
        ValueError: unknown table or format.
        ImportError: Parquet without pyarrow.
    """
    if table not in ("events", "expressions"):
        raise ValueError(f"table must be 'events' or 'expressions', not {table!r}")
    columns = TABLES[table]
    error_parts: list[pd.DataFrame] = []
    note_parts: list[pd.DataFrame] = []
    count = 0
    writer = TableWriter(path, format)
    error_writer = TableWriter(errors) if errors is not None else None
    try:
        for result in iter_build(articles, published, jobs=jobs, progress=progress,
                                 chunk_size=chunk_size, mode=mode, date_order=date_order,
                                 text_column=text_column,
                                 date_column=date_column, id_column=id_column):
            writer.write(result.table(table))
            if error_writer is not None:
                error_writer.write(result.errors)
            if len(result.errors):
                error_parts.append(result.errors)
            if len(result.notes):
                note_parts.append(result.notes)
            count += result.articles
            if on_chunk is not None:
                on_chunk(result)
        if count == 0:
            writer.write(empty_table(columns))
    finally:
        writer.close()
        if error_writer is not None:
            error_writer.close()
    written = [(_target_name(path), writer.rows)]
    if error_writer is not None:
        written.append((_target_name(errors), error_writer.rows))  # type: ignore[arg-type]
    return BatchResult(
        events=empty_table(EVENT_COLUMNS),
        expressions=empty_table(EXPRESSION_COLUMNS),
        errors=concat_tables(error_parts, ERROR_COLUMNS),
        notes=concat_tables(note_parts, NOTE_COLUMNS),
        articles=count,
        written=tuple(written),
    )


def _target_name(target: str | os.PathLike[str] | IO[str]) -> str:
    if isinstance(target, (str, os.PathLike)):
        return os.fspath(target)
    return str(getattr(target, "name", "<stream>"))
