"""Reading the input of a batch: any accepted input -> ``(key, text, published)`` jobs, lazily,
in chunks; the article files of a folder."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd

from timeline.types import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "Job",
    "ONE_ARTICLE",
    "Unreadable",
    "article_files",
    "article_jobs",
    "chunked",
    "is_missing",
    "make_job",
    "read_file",
]


# One article ready for a worker: (key, text, published as given). ``text`` is a str, an
# Article (its title and notes kept) or the Path of a file the worker reads (a saved web page
# through timeline.read_html); None when the item could not be read, ``published`` then holding
# the error message.
Job = tuple[Any, "str | Article | Path | None", Any]

#: file extensions of the articles read from a folder: plain text, and saved web pages
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


@attrs.frozen
class Unreadable:
    """An input item standing for an article that could not be read (a bad line, a bad file).

    It becomes an error row with ``reason``; ``id`` is its ``article`` key (default: position).
    """

    reason: str
    id: Any = None


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas.NA (a date cell left empty)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return False


def _pick(own: object, fallback: object) -> object:
    return fallback if is_missing(own) else own


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
) -> Iterator[Job]:
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
        yield make_job(key, text, _pick(own, fallback))


def make_job(key: object, item: object, published: object) -> Job:
    """One job for ``item``: a text, an Article (its date kept), a file, or an error row for anything else."""
    if isinstance(item, str):
        return (key, item, published)
    if isinstance(item, Article):
        return (key, item, _pick(item.published, published))
    if isinstance(item, os.PathLike):
        return (key, Path(item), published)
    if isinstance(item, Unreadable):
        return (key, None, item.reason)
    if is_missing(item):
        return (key, None, "ValueError: the article has no text")
    return (key, None, f"TypeError: an article must be a str, a timeline.Article or a mapping "
                       f"with a text, not {type(item).__name__}")


def article_jobs(
    articles: Iterable[object] | pd.DataFrame,
    published: object,
    text_column: str,
    date_column: str | None,
    id_column: str | None,
) -> Iterator[Job]:
    """Turn any accepted input into ``(key, text, published)`` jobs, lazily, in input order."""
    if isinstance(articles, pd.DataFrame):
        yield from _jobs_from_frame(articles, published, text_column, date_column, id_column, 0)
        return
    if isinstance(articles, os.PathLike):
        for i, path in enumerate(article_files(articles)):
            fallback = published[i] if _per_article_dates(published) else published  # type: ignore[index]
            yield make_job(path.relative_to(articles).as_posix(), path, fallback)
        return
    if isinstance(articles, (str, bytes, Article)):
        raise TypeError(ONE_ARTICLE)
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
            yield make_job(item.id if item.id is not None else position, item, None)
        elif isinstance(item, Mapping):
            key = item.get(ids_name, position) if ids_name in item else position
            yield make_job(key, item.get(text_column), _pick(item.get(dates_name), fallback))
        elif isinstance(item, os.PathLike):  # a file: its path is its key
            yield make_job(os.fspath(item), item, fallback)
        else:
            yield make_job(position, item, fallback)
        position += 1


ONE_ARTICLE = ("build_many takes many articles: pass a list of texts, or a pathlib.Path of a folder "
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


def chunked(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    """``jobs`` in lists of ``size``, the last one shorter."""
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
