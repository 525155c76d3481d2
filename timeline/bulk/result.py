"""The tables of many articles (:class:`BatchResult`): their columns, an empty one, chunks joined."""

from __future__ import annotations

import attrs
import pandas as pd

from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS, TEXT_DTYPE

__all__ = [
    "BatchResult",
    "ERROR_COLUMNS",
    "NOTE_COLUMNS",
    "TABLES",
    "concat_tables",
    "empty_table",
]


#: column -> dtype of ``BatchResult.errors`` (besides the ``article`` key)
ERROR_COLUMNS: dict[str, str] = {"error": TEXT_DTYPE}
#: column -> dtype of ``BatchResult.notes`` (besides the ``article`` key)
NOTE_COLUMNS: dict[str, str] = {"note": TEXT_DTYPE}

TABLES: dict[str, dict[str, str]] = {
    "events": EVENT_COLUMNS,
    "expressions": EXPRESSION_COLUMNS,
    "errors": ERROR_COLUMNS,
    "notes": NOTE_COLUMNS,
}


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
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; choose from {', '.join(TABLES)}")
        frame: pd.DataFrame = getattr(self, name)
        return frame


#: how many error rows ``repr(BatchResult)`` shows
_SHOWN_ERRORS = 3


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def empty_table(columns: dict[str, str], key_dtype: object = "int64") -> pd.DataFrame:
    """An empty table with an ``article`` key column of ``key_dtype`` and ``columns``."""
    data = {"article": pd.Series([], dtype=key_dtype)}
    data.update({name: pd.Series([], dtype=dtype) for name, dtype in columns.items()})
    return pd.DataFrame(data)


def concat_tables(parts: list[pd.DataFrame], columns: dict[str, str]) -> pd.DataFrame:
    """The chunk tables ``parts`` joined in order (an empty table when there are none)."""
    filled = [part for part in parts if len(part)]
    if not filled:
        return parts[0] if parts else empty_table(columns)
    if len(filled) == 1:
        return filled[0].reset_index(drop=True)
    return pd.concat(filled, ignore_index=True)
