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
"""

from __future__ import annotations

import ast
import collections
import concurrent.futures
import math
import multiprocessing
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from pathlib import Path
from typing import IO, Any, Literal

import attrs
import numpy as np
import pandas as pd

from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS, TEXT_DTYPE
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

#: column -> dtype of ``BatchResult.errors`` (besides the ``article`` key)
ERROR_COLUMNS: dict[str, str] = {"error": TEXT_DTYPE}
#: column -> dtype of ``BatchResult.notes`` (besides the ``article`` key)
NOTE_COLUMNS: dict[str, str] = {"note": TEXT_DTYPE}

_TABLES: dict[str, dict[str, str]] = {
    "events": EVENT_COLUMNS,
    "expressions": EXPRESSION_COLUMNS,
    "errors": ERROR_COLUMNS,
    "notes": NOTE_COLUMNS,
}

DEFAULT_CHUNK_SIZE = 64

# One article ready for a worker: (key, text, published as given). ``text`` is a str, an
# Article (its title and notes kept) or the Path of a file the worker reads (a saved web page
# through timeline.read_html); None when the item could not be read, ``published`` then holding
# the error message.
_Job = tuple[Any, "str | Article | Path | None", Any]

#: file extensions of the articles read from a folder: plain text, and saved web pages
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


@attrs.frozen(slots=False, repr=False)
class BatchResult:
    """The tables of many articles, each with an ``article`` key column first.

    Attributes:
        events: every article's events (``article`` + ``timeline.table.EVENT_COLUMNS``).
        expressions: every article's time expressions (``article`` + ``EXPRESSION_COLUMNS``).
        errors: one row per article that failed: ``article``, ``error`` ("TypeError: ...").
        notes: the builder's notes: ``article``, ``note`` (e.g. a missing publication date).
        articles: how many articles were read (built or failed).
        written: for :func:`write_many`, the files written and their rows:
            ``(("events.csv", 120), ("failed.csv", 2))`` (a stream is named by its ``name``).
    """

    events: pd.DataFrame
    expressions: pd.DataFrame
    errors: pd.DataFrame
    notes: pd.DataFrame
    articles: int = 0
    written: tuple[tuple[str, int], ...] = ()

    def __repr__(self) -> str:
        """A short summary: counts, the files written and the first errors (not the tables)."""
        parts = [_count(self.articles, "article")]
        if not self.written:  # write_many's tables are in its files, not here
            parts += [_count(len(self.events), "event"), _count(len(self.expressions), "expression")]
        parts += [_count(len(self.errors), "error"), _count(len(self.notes), "note")]
        text = "BatchResult(" + ", ".join(parts)
        if self.written:
            text += "; wrote " + ", ".join(f"{path} ({_count(rows, 'row')})" for path, rows in self.written)
        if len(self.errors):
            shown = [f"article {key!r}: {_cut(str(error), 70)}"
                     for key, error in zip(self.errors["article"][:_SHOWN_ERRORS], self.errors["error"])]
            more = len(self.errors) - len(shown)
            text += "; errors: " + "; ".join(shown) + (f"; and {more} more" if more else "")
        return text + ")"

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name``: ``events``, ``expressions``, ``errors`` or ``notes``."""
        if name not in _TABLES:
            raise ValueError(f"unknown table {name!r}; choose from {', '.join(_TABLES)}")
        frame: pd.DataFrame = getattr(self, name)
        return frame


#: how many error rows ``repr(BatchResult)`` shows
_SHOWN_ERRORS = 3


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@attrs.frozen
class Unreadable:
    """An input item standing for an article that could not be read (a bad line, a bad file).

    It becomes an error row with ``reason``; ``id`` is its ``article`` key (default: position).
    """

    reason: str
    id: Any = None


# --- reading the input ------------------------------------------------------------------------


def _missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas.NA (a date cell left empty)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return False


def _pick(own: object, fallback: object) -> object:
    return fallback if _missing(own) else own


def _per_article_dates(published: object) -> bool:
    """Whether ``published`` is a sequence with one date per article (not one date for all)."""
    return isinstance(published, (list, tuple, pd.Series, pd.Index, np.ndarray))


def _jobs_from_frame(
    frame: pd.DataFrame,
    published: object,
    text_column: str,
    date_column: str | None,
    id_column: str | None,
    start: int,
) -> Iterator[_Job]:
    if text_column not in frame.columns:
        raise KeyError(f"the DataFrame has no text column {text_column!r} (columns: {list(frame.columns)})")
    dates_name = date_column if date_column is not None else "date"
    if date_column is not None and date_column not in frame.columns:
        raise KeyError(f"the DataFrame has no date column {date_column!r}")
    ids_name = id_column if id_column is not None else "id"
    if id_column is not None and id_column not in frame.columns:
        raise KeyError(f"the DataFrame has no id column {id_column!r}")
    texts = frame[text_column].to_numpy(dtype=object)
    dates = frame[dates_name].to_numpy(dtype=object) if dates_name in frame.columns else None
    ids = frame[ids_name].tolist() if ids_name in frame.columns else None
    for i, text in enumerate(texts):
        key = ids[i] if ids is not None else start + i
        fallback = published[start + i] if _per_article_dates(published) else published  # type: ignore[index]
        own = dates[i] if dates is not None else None
        yield _job(key, text, _pick(own, fallback))


def _job(key: object, item: object, published: object) -> _Job:
    if isinstance(item, str):
        return (key, item, published)
    if isinstance(item, Article):
        return (key, item, _pick(item.published, published))
    if isinstance(item, os.PathLike):
        return (key, Path(item), published)
    if isinstance(item, Unreadable):
        return (key, None, item.reason)
    if _missing(item):
        return (key, None, "ValueError: the article has no text")
    return (key, None, f"TypeError: an article must be a str, a timeline.Article or a mapping "
                       f"with a text, not {type(item).__name__}")


def _jobs(
    articles: Iterable[object] | pd.DataFrame,
    published: object,
    text_column: str,
    date_column: str | None,
    id_column: str | None,
) -> Iterator[_Job]:
    """Turn any accepted input into ``(key, text, published)`` jobs, lazily, in input order."""
    if isinstance(articles, pd.DataFrame):
        yield from _jobs_from_frame(articles, published, text_column, date_column, id_column, 0)
        return
    if isinstance(articles, os.PathLike):
        for i, path in enumerate(article_files(articles)):
            fallback = published[i] if _per_article_dates(published) else published  # type: ignore[index]
            yield _job(path.relative_to(articles).as_posix(), path, fallback)
        return
    if isinstance(articles, (str, bytes, Article)):
        raise TypeError(_ONE_ARTICLE)
    per_article = _per_article_dates(published)
    dates_name = date_column if date_column is not None else "date"
    ids_name = id_column if id_column is not None else "id"
    position = 0
    for item in articles:
        if isinstance(item, pd.DataFrame):  # an iterable of DataFrame chunks (read_csv(chunksize=))
            yield from _jobs_from_frame(item, published, text_column, date_column, id_column, position)
            position += len(item)
            continue
        fallback = published[position] if per_article else published  # type: ignore[index]
        if isinstance(item, Unreadable):
            yield _job(item.id if item.id is not None else position, item, None)
        elif isinstance(item, Mapping):
            key = item.get(ids_name, position) if ids_name in item else position
            yield _job(key, item.get(text_column), _pick(item.get(dates_name), fallback))
        elif isinstance(item, os.PathLike):  # a file: its path is its key
            yield _job(os.fspath(item), item, fallback)
        else:
            yield _job(position, item, fallback)
        position += 1


_ONE_ARTICLE = ("build_many takes many articles: pass a list of texts, or a pathlib.Path of a folder "
                "of .txt/.html files (use timeline.build for one)")


def article_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Every ``.txt``, ``.html`` and ``.htm`` file under ``folder``, sorted.

    Raises:
        NotADirectoryError: ``folder`` is not a directory.
    """
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"{os.fspath(folder)!r} is not a folder of articles")
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())


def read_file(path: str | os.PathLike[str]) -> Article:
    """The article in the file at ``path``: a saved web page (``.html``/``.htm``, through
    :func:`timeline.read_html`) or UTF-8 text (a byte-order mark dropped); ``source`` is the path.

    Raises:
        OSError: the file cannot be read. UnicodeDecodeError: a text file is not UTF-8.
        ImportError: a page, without the ``html`` extra.
    """
    file = Path(path)
    if file.suffix.lower() in _HTML_SUFFIXES:
        from timeline.text.pages import read_html

        return read_html(file)
    return Article(file.read_bytes().decode("utf-8-sig"), source=os.fspath(file))


_HTML_SUFFIXES = frozenset({".html", ".htm"})


def _chunks(jobs: Iterator[_Job], size: int) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the work on one chunk (runs in a worker process) ----------------------------------------


def _empty(columns: dict[str, str], key_dtype: object = "int64") -> pd.DataFrame:
    data = {"article": pd.Series([], dtype=key_dtype)}
    data.update({name: pd.Series([], dtype=dtype) for name, dtype in columns.items()})
    return pd.DataFrame(data)


def _keyed(frames: list[pd.DataFrame], keys: list[Any], columns: dict[str, str]) -> pd.DataFrame:
    """The per-article ``frames`` stacked, with ``article`` = each frame's key, first."""
    pairs = [(frame, key) for frame, key in zip(frames, keys) if len(frame)]
    if not pairs:
        return _empty(columns, _key_dtype(keys))
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
        return _empty(columns)
    (name,) = columns
    return pd.DataFrame({"article": _key_array(keys), name: pd.array(values, dtype=TEXT_DTYPE)})


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _build_chunk(chunk: list[_Job], mode: str = "auto", date_order: str | None = None) -> BatchResult:
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


# --- progress ---------------------------------------------------------------------------------


#: seconds between two plain progress lines written off a terminal (``progress="force"``)
_PLAIN_INTERVAL = 5.0


class Progress:
    """A one-line progress bar on a text stream (standard error by default), no dependency.

    It draws only when ``enabled`` and, unless ``force``, only when the stream is a terminal
    and the work has lasted ``delay`` seconds (short batches stay silent). On a terminal the
    line is redrawn in place; on anything else (``force`` into a log file) it writes plain
    lines without control characters, at most one per :data:`_PLAIN_INTERVAL` seconds and only
    when the count has moved, and a last one at the end. ``clock`` is any monotonic clock in
    seconds (injectable for tests).
    """

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool = True,
        force: bool = False,
        stream: IO[str] | None = None,
        delay: float = 1.0,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.done = 0
        self.errors = 0
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._started = clock()
        self._last = -math.inf
        self._delay = 0.0 if force else delay
        self._interval = interval
        self._drawn = False
        tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._enabled = enabled and (force or tty)
        # off a terminal (a forced bar into a log file) it writes plain lines, less often
        self._tty = tty
        if not tty:
            self._interval = max(interval, _PLAIN_INTERVAL)
        self._last_done = -1

    def update(self, articles: int, errors: int = 0) -> None:
        """Count ``articles`` more done (``errors`` of them failed) and redraw if it is time."""
        self.done += articles
        self.errors += errors
        now = self._clock()
        if not self._enabled or now - self._started < self._delay or now - self._last < self._interval:
            return
        self._last = now
        self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar: count, percentage, rate, time left and failures."""
        now = self._clock() if now is None else now
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        parts = []
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 24)
            parts.append(f"[{'#' * filled}{'.' * (24 - filled)}] {self.done}/{self.total} articles {share:4.0%}")
            if rate > 0 and self.done < self.total:
                parts.append(f"{_duration((self.total - self.done) / rate)} left")
        else:
            parts.append(f"{self.done} articles")
        parts.append(f"{rate:.1f}/s")
        if self.errors:
            parts.append(f"{self.errors} failed")
        return "timeline: " + ", ".join(parts)

    def _draw(self, now: float) -> None:
        if self._tty:
            self._stream.write("\r" + self.line(now) + "\x1b[K")
        elif self.done != self._last_done:  # a plain line, only when the count moved
            self._stream.write(self.line(now) + "\n")
            self._last_done = self.done
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Draw the final state and end the line (only if the bar was ever drawn)."""
        if self._drawn:
            self._draw(self._clock())
            if self._tty:
                self._stream.write("\n")
            self._stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


# --- running ----------------------------------------------------------------------------------


def _workers(jobs: int) -> int:
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs == 0 or jobs < -1:
        raise ValueError(f"jobs must be a positive number of processes or -1 (all cores), not {jobs!r}")
    return os.cpu_count() or 1 if jobs == -1 else jobs


def _context() -> multiprocessing.context.BaseContext:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Workers fork from a server that has already imported the builder and built one
        # article (rules compiled, word lists loaded): they start warm.
        context.set_forkserver_preload(["timeline.bulk.batch", "timeline.bulk.warm"])
    return context


def _pool(workers: int) -> concurrent.futures.Executor:
    return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=_context())


def _run(
    chunks: Iterator[list[_Job]],
    workers: int,
    mode: str,
    executor_factory: Callable[[int], concurrent.futures.Executor],
    date_order: str | None = None,
) -> Iterator[BatchResult]:
    """Chunk results in input order; at most ``2 * workers`` chunks in flight."""
    if workers == 1:
        for chunk in chunks:
            yield _build_chunk(chunk, mode, date_order)
        return
    pool = _Pool(executor_factory, workers, mode, date_order)
    pending: collections.deque[tuple[concurrent.futures.Future[BatchResult] | None, list[_Job]]] = collections.deque()
    try:
        for chunk in chunks:
            pool.submit(chunk, pending)
            if len(pending) >= 2 * workers:
                yield pool.collect(pending)
        while pending:
            yield pool.collect(pending)
    finally:
        pool.close(pending)


#: after this many dead pools, the remaining chunks are built in the calling process
_MAX_POOL_BREAKS = 3

_Pending = collections.deque[tuple["concurrent.futures.Future[BatchResult] | None", list[_Job]]]


class _Pool:
    """The worker pool of one run. A chunk whose worker failed is built again in this process;
    a broken pool (a worker that died) is replaced and its other chunks resubmitted, at most
    :data:`_MAX_POOL_BREAKS` times. A pool broken because the main script lacks the
    ``if __name__ == "__main__":`` guard raises :class:`RuntimeError` saying so."""

    def __init__(self, factory: Callable[[int], concurrent.futures.Executor], workers: int, mode: str,
                 date_order: str | None = None) -> None:
        self.factory = factory
        self.workers = workers
        self.mode = mode
        self.date_order = date_order
        self.breaks = 0
        self.executor: concurrent.futures.Executor | None = factory(workers)

    def _submit(self, chunk: list[_Job]) -> concurrent.futures.Future[BatchResult] | None:
        if self.executor is None:
            return None  # built in this process when its turn comes
        return self.executor.submit(_build_chunk, chunk, self.mode, self.date_order)

    def _submit_or_none(self, chunk: list[_Job]) -> concurrent.futures.Future[BatchResult] | None:
        try:
            return self._submit(chunk)
        except concurrent.futures.process.BrokenProcessPool:
            return None  # a pool dead already: built here; the next submit replaces the pool

    def submit(self, chunk: list[_Job], pending: _Pending) -> None:
        """Send ``chunk`` to a worker and queue it behind ``pending``."""
        try:
            future = self._submit(chunk)
        except concurrent.futures.process.BrokenProcessPool:
            self._replace(pending)
            future = self._submit_or_none(chunk)
        pending.append((future, chunk))

    def collect(self, pending: _Pending) -> BatchResult:
        """The oldest chunk's result, built here if its worker failed."""
        future, chunk = pending.popleft()
        if future is not None:
            try:
                return future.result()
            except concurrent.futures.process.BrokenProcessPool:
                self._replace(pending)
            except Exception:  # noqa: BLE001, S110 - e.g. a result that could not be sent back
                pass
        return _build_chunk(chunk, self.mode, self.date_order)

    def _replace(self, pending: _Pending) -> None:
        script = _unguarded_script()
        if script is not None:
            raise RuntimeError(
                f"jobs={self.workers}: every worker process died because {script} starts the batch "
                "at its top level. Worker processes import the main script again (multiprocessing's "
                f"{_context().get_start_method()} start method), so each one ran it and tried to "
                'start workers of its own. Put the script\'s work under `if __name__ == "__main__":` '
                "(or use jobs=1)."
            ) from None
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.breaks += 1
        self.executor = self.factory(self.workers) if self.breaks < _MAX_POOL_BREAKS else None
        for i, (_, waiting) in enumerate(pending):
            pending[i] = (self._submit_or_none(waiting), waiting)

    def close(self, pending: _Pending) -> None:
        """Cancel what is left and stop the workers."""
        for future, _ in pending:
            if future is not None:
                future.cancel()
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _unguarded_script() -> str | None:
    """The main script's path when it runs the batch from top-level code that the
    ``if __name__ == "__main__":`` guard does not protect (worker processes then run it again).

    Read from the call stack (the main module's top-level frame) and the script's syntax tree.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path or _context().get_start_method() == "fork":
        return None
    frame = sys._getframe(1)
    while frame is not None and not (frame.f_globals is vars(main) and frame.f_code.co_name == "<module>"):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return None
    line = frame.f_lineno
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (OSError, SyntaxError, ValueError):
        return None
    for statement in tree.body:
        if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            guarded = isinstance(statement, ast.If) and "__name__" in ast.unparse(statement.test)
            return None if guarded else os.fspath(path)
    return None


def _importing_main() -> bool:
    """True in a worker process that is still importing the main script (its bootstrap)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


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
    workers = _workers(jobs)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, not {chunk_size!r}")
    if mode not in ("auto", "news", "narrative"):
        raise ValueError(f"mode must be 'auto', 'news' or 'narrative', not {mode!r}")
    if date_order not in (None, "MDY", "DMY", "YMD"):
        raise ValueError(f"date_order must be 'MDY', 'DMY', 'YMD' or None, not {date_order!r}")
    if isinstance(articles, (str, bytes, Article)):
        raise TypeError(_ONE_ARTICLE)
    if isinstance(articles, os.PathLike) and not Path(articles).is_dir():
        raise TypeError(_ONE_ARTICLE)
    if isinstance(articles, pd.DataFrame) and text_column not in articles.columns:
        raise KeyError(f"the DataFrame has no text column {text_column!r} (columns: {list(articles.columns)})")
    if workers > 1 and _importing_main():
        # A worker running an unguarded main script again: leave quietly; the parent, whose
        # pool breaks, says what to change. (Starting a pool here would fail noisily.)
        raise SystemExit(1)
    if isinstance(articles, os.PathLike):  # a folder: listed again, lazily, by _jobs
        total: int | None = len(article_files(articles))
    else:
        total = len(articles) if isinstance(articles, Sized) else None
    bar = Progress(total, enabled=bool(progress), force=progress == "force")
    chunks = _chunks(_jobs(articles, published, text_column, date_column, id_column), chunk_size)
    try:
        for result in _run(chunks, workers, mode, _executor or _pool, date_order):
            bar.update(result.articles, len(result.errors))
            yield result
    finally:
        bar.close()


def _concat(parts: list[pd.DataFrame], columns: dict[str, str]) -> pd.DataFrame:
    filled = [part for part in parts if len(part)]
    if not filled:
        return parts[0] if parts else _empty(columns)
    if len(filled) == 1:
        return filled[0].reset_index(drop=True)
    return pd.concat(filled, ignore_index=True)


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
        events=_concat([p.events for p in parts], EVENT_COLUMNS),
        expressions=_concat([p.expressions for p in parts], EXPRESSION_COLUMNS),
        errors=_concat([p.errors for p in parts], ERROR_COLUMNS),
        notes=_concat([p.notes for p in parts], NOTE_COLUMNS),
        articles=sum(p.articles for p in parts),
    )


# --- writing ----------------------------------------------------------------------------------

#: file extension -> format understood by :func:`write_many`
WRITE_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
}


def _iso_times(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its time columns as ISO text (``2016-01-12``, or with the time of day)."""
    from timeline.output.export import iso_date

    out = frame.copy()
    for name in ("start", "end"):
        if name in out.columns:
            out[name] = pd.Series([iso_date(v) for v in out[name].to_numpy()], index=out.index, dtype=object)
    return out


class TableWriter:
    """Append DataFrame chunks to one CSV, JSON Lines, JSON array or Parquet file (or stream).

    ``target`` is a path or an open text stream (not for Parquet). Times are written as ISO
    text in the text formats and as timestamps in Parquet, as :mod:`timeline.output.export` does.
    Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, target: str | os.PathLike[str] | IO[str], fmt: str | None = None) -> None:
        if fmt is None:
            if not isinstance(target, (str, os.PathLike)):
                raise ValueError("give the format when writing to a stream")
            suffix = Path(target).suffix.lower()
            if suffix not in WRITE_FORMATS:
                raise ValueError(
                    f"cannot tell the format of {os.fspath(target)!r} from its extension "
                    f"(known: {' '.join(sorted(WRITE_FORMATS))})"
                )
            fmt = WRITE_FORMATS[suffix]
        if fmt not in set(WRITE_FORMATS.values()):
            raise ValueError(f"unknown format {fmt!r}; choose from csv, jsonl, json, parquet")
        self.format = fmt
        self.rows = 0
        self._parquet: Any = None
        self._template: pd.DataFrame | None = None
        self._schema: Any = None
        self._started = False
        self._own = isinstance(target, (str, os.PathLike))
        if fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
                import pyarrow.parquet  # noqa: F401
            except ImportError as error:
                raise ImportError(
                    "writing Parquet needs pyarrow, which is not installed: pip install pyarrow "
                    "(or write .csv / .jsonl, which need nothing extra)"
                ) from error
            if not self._own:
                raise ValueError("Parquet cannot be written to a text stream; give a file path")
            self._path = os.fspath(target)  # type: ignore[arg-type]
            self._stream: IO[str] | None = None
        else:
            self._stream = (
                open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
                if isinstance(target, (str, os.PathLike)) else target
            )

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame``; the first call fixes the columns (and writes a CSV
        header or fixes the Parquet schema even when ``frame`` is empty)."""
        if self.format == "parquet":
            self._write_parquet(frame)
            self.rows += len(frame)
            return
        assert self._stream is not None
        first = not self._started
        self._started = True
        if self.format == "csv":
            if first or len(frame):
                self._stream.write(_iso_times(frame).to_csv(index=False, header=first, lineterminator="\n"))
        elif len(frame):
            lines = _iso_times(frame).to_json(orient="records", lines=True, force_ascii=False).splitlines()
            if self.format == "jsonl":
                self._stream.write("\n".join(lines) + "\n")
            else:
                self._stream.write(("[\n" if not self.rows else ",\n") + ",\n".join(lines))
        self.rows += len(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        if not len(frame):  # the file is made on the first rows (or at close, empty)
            if self._template is None:
                self._template = frame.iloc[:0]
            return
        self._open_parquet(frame)
        import pyarrow as pa

        self._parquet.write_table(pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False))

    def _open_parquet(self, frame: pd.DataFrame) -> None:
        if self._parquet is not None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.Schema.from_pandas(frame, preserve_index=False)
        for i, field in enumerate(schema):  # an all-empty text column says nothing of its type
            if pa.types.is_null(field.type):
                schema = schema.set(i, field.with_type(pa.string()))
        self._schema = schema
        self._parquet = pq.ParquetWriter(self._path, schema)

    def close(self) -> None:
        """Finish the file (a JSON array gets its closing bracket) and close what was opened."""
        if self.format == "parquet":
            if self._parquet is None and self._template is not None:
                self._open_parquet(self._template)
            if self._parquet is not None:
                self._parquet.close()
            return
        assert self._stream is not None
        if self.format == "json":
            self._stream.write("\n]\n" if self.rows else "[]\n")
        if self._own:
            self._stream.close()
        else:
            self._stream.flush()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    columns = _TABLES[table]
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
            writer.write(_empty(columns))
    finally:
        writer.close()
        if error_writer is not None:
            error_writer.close()
    written = [(_target_name(path), writer.rows)]
    if error_writer is not None:
        written.append((_target_name(errors), error_writer.rows))  # type: ignore[arg-type]
    return BatchResult(
        events=_empty(EVENT_COLUMNS),
        expressions=_empty(EXPRESSION_COLUMNS),
        errors=_concat(error_parts, ERROR_COLUMNS),
        notes=_concat(note_parts, NOTE_COLUMNS),
        articles=count,
        written=tuple(written),
    )


def _target_name(target: str | os.PathLike[str] | IO[str]) -> str:
    if isinstance(target, (str, os.PathLike)):
        return os.fspath(target)
    return str(getattr(target, "name", "<stream>"))
