"""Timelines of a Dask DataFrame of articles, on a laptop or a Dask cluster.

>>> import dask.dataframe as dd, pandas as pd                     # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"text": texts, "date": dates}), npartitions=8)
>>> events = timeline.dask.events(ddf, text="text", published="date")   # lazy
>>> events.to_parquet("events/")                                  # runs on the current scheduler

Each function maps the same per-article code as :func:`timeline.build_many` over the
partitions (``map_partitions``) and returns a lazy Dask DataFrame whose schema is declared
up front (``meta``: the ``article`` key, then the columns of :mod:`timeline.output.table`), so no
partition is computed to guess it. Whether the work runs in threads, processes or on a
``dask.distributed`` cluster is the scheduler's choice, not this module's.

The ``article`` key is the value of the ``id`` column when one is named, else the row's index
label in ``ddf`` (for ``dd.from_pandas`` of a frame with a default index: the row number).

Failing articles are left out of :func:`events` and :func:`expressions` and listed by
:func:`errors` (each function builds the articles again: compute them together only if you
need both, or use :func:`timeline.write_many` on one machine).

Needs the ``dask`` extra: ``pip install '.[dask]'`` in a clone (``dask[dataframe]``); for a
cluster also ``dask[distributed]``. Dask is imported when these functions are called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from timeline.bulk.chunk import build_chunk
from timeline.bulk.inputs import is_missing, make_job
from timeline.bulk.result import ERROR_COLUMNS, NOTE_COLUMNS
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS, TEXT_DTYPE

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd

__all__ = ["errors", "events", "expressions", "meta", "notes"]

_TABLES: dict[str, dict[str, str]] = {
    "events": EVENT_COLUMNS,
    "expressions": EXPRESSION_COLUMNS,
    "errors": ERROR_COLUMNS,
    "notes": NOTE_COLUMNS,
}


def _dask_dataframe() -> Any:
    try:
        import dask.dataframe
    except ImportError as error:
        raise ImportError(
            "timeline.bulk.dask needs Dask: pip install 'dask[dataframe]' (or '.[dask]' in a clone of timeline)"
        ) from error
    return dask.dataframe


def meta(table: str = "events", key_dtype: Any = "int64") -> pd.DataFrame:
    """The empty DataFrame declaring the schema of ``table`` (events, expressions, errors, notes).

    Columns: ``article`` (of ``key_dtype``) then the table's columns with the dtypes of
    :mod:`timeline.output.table`.
    """
    if table not in _TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(_TABLES)}")
    data = {"article": pd.Series([], dtype=key_dtype)}
    data.update({name: pd.Series([], dtype=dtype) for name, dtype in _TABLES[table].items()})
    return pd.DataFrame(data)


def _partition(
    part: pd.DataFrame,
    table: str,
    text: str,
    published: str | None,
    default: object,
    id: str | None,
    mode: str,
    key_dtype: Any,
) -> pd.DataFrame:
    """One partition's table: the per-article code of ``build_many``, keyed, cast to the meta."""
    keys = part[id].tolist() if id is not None else part.index.tolist()
    texts = part[text].tolist()
    dates = part[published].tolist() if published is not None else [None] * len(part)
    chunk = []
    for key, body, date in zip(keys, texts, dates):
        chunk.append(make_job(key, body, default if is_missing(date) else date))
    frame = build_chunk(chunk, mode).table(table)
    return _conform(frame, meta(table, key_dtype))


def _conform(frame: pd.DataFrame, schema: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the dtypes of ``schema`` (an empty partition included)."""
    if not len(frame):
        return schema.copy()
    out = {}
    for name, dtype in schema.dtypes.items():
        column = frame[name]
        out[name] = column if column.dtype == dtype else column.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def _key_dtype(ddf: Any, id: str | None) -> Any:
    dtype = ddf[id].dtype if id is not None else ddf.index.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        return TEXT_DTYPE if TEXT_DTYPE != "object" else dtype
    return dtype


def _map(
    ddf: dd.DataFrame,
    table: str,
    text: str,
    published: str | None,
    id: str | None,
    mode: str,
) -> dd.DataFrame:
    dataframe = _dask_dataframe()
    if not isinstance(ddf, dataframe.DataFrame):
        hint = " (make one with dask.dataframe.from_pandas(frame, npartitions=N), or use " \
               "timeline.build_many for a pandas DataFrame)" if isinstance(ddf, pd.DataFrame) else ""
        module = type(ddf).__module__.split(".")[0]
        name = type(ddf).__name__ if module == "builtins" else f"{module}.{type(ddf).__name__}"
        raise TypeError(f"timeline.dask.{table} needs a Dask DataFrame, not {name}{hint}")
    published = _date_column(ddf, published)
    if mode not in ("auto", "news", "narrative"):
        raise ValueError(f"mode must be 'auto', 'news' or 'narrative', not {mode!r}")
    if text not in ddf.columns:
        raise KeyError(f"the Dask DataFrame has no text column {text!r} (columns: {list(ddf.columns)})")
    column: str | None = None
    default: object = None
    if published is not None:
        if published in ddf.columns:
            column = published
        else:
            from timeline.published import parse_published

            try:  # one date for every article
                default = parse_published(published)
            except ValueError:
                raise KeyError(
                    f"published={published!r} is neither a column of the Dask DataFrame nor a date"
                ) from None
    if id is not None and id not in ddf.columns:
        raise KeyError(f"the Dask DataFrame has no id column {id!r}")
    key_dtype = _key_dtype(ddf, id)
    schema = meta(table, key_dtype)
    return ddf.map_partitions(
        _partition,
        table,
        text,
        column,
        default,
        id,
        mode,
        key_dtype,
        meta=schema,
        align_dataframes=False,
        enforce_metadata=False,
    )


def events(
    ddf: dd.DataFrame,
    text: str = "text",
    published: str | None = "date",
    *,
    id: str | None = None,
    mode: str = "auto",
) -> dd.DataFrame:
    """The events of every article of ``ddf``, as a lazy Dask DataFrame.

    Args:
        ddf: one article per row.
        text: the column holding the article text.
        published: the column holding each publication date (values as :func:`timeline.build`
            reads them; empty cells fall back to a dateline); or one date for all articles;
            ``None`` for none. The default ``"date"`` is ignored when there is no such column.
        id: the column whose values become the ``article`` key (default: the index).
        mode: as for :func:`timeline.build`.

    Returns:
        A Dask DataFrame with ``article`` then ``timeline.table.EVENT_COLUMNS``; its ``meta``
        is declared, its divisions unknown.

    Raises:
        ImportError: Dask is not installed.
        TypeError: ``ddf`` is not a Dask DataFrame (a pandas one included: use
            :func:`timeline.build_many`, or ``dask.dataframe.from_pandas``).
        KeyError: a named column is missing.
    """
    return _map(ddf, "events", text, published, id, mode)


def expressions(
    ddf: dd.DataFrame,
    text: str = "text",
    published: str | None = "date",
    *,
    id: str | None = None,
    mode: str = "auto",
) -> dd.DataFrame:
    """The time expressions of every article of ``ddf`` (``article`` + ``EXPRESSION_COLUMNS``).

    Arguments as for :func:`events`.
    """
    return _map(ddf, "expressions", text, published, id, mode)


def errors(
    ddf: dd.DataFrame,
    text: str = "text",
    published: str | None = "date",
    *,
    id: str | None = None,
    mode: str = "auto",
) -> dd.DataFrame:
    """One row (``article``, ``error``) per article that could not be built.

    Arguments as for :func:`events`.
    """
    return _map(ddf, "errors", text, published, id, mode)


def notes(
    ddf: dd.DataFrame,
    text: str = "text",
    published: str | None = "date",
    *,
    id: str | None = None,
    mode: str = "auto",
) -> dd.DataFrame:
    """The builder's notes (``article``, ``note``), e.g. articles without a publication date.

    Arguments as for :func:`events`.
    """
    return _map(ddf, "notes", text, published, id, mode)


def _date_column(ddf: Any, published: str | None) -> str | None:
    """The default ``"date"`` is optional; any other name must be a column or a date."""
    if published == "date" and "date" not in ddf.columns:
        return None
    return published
