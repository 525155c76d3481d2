"""Streamed table files: :class:`TableWriter` appends DataFrame chunks to a CSV, JSON Lines,
JSON array or Parquet file (or a text stream)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import pandas as pd

__all__ = [
    "TableWriter",
    "WRITE_FORMATS",
]


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
