"""The ``timeline`` command on many articles: a directory, a JSON Lines or CSV file, read
lazily (:func:`read_batch`) and written as table files (:func:`run_batch`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import IO, Any

import pandas as pd

from timeline.cli.common import BATCH_FORMATS, BATCH_INPUTS, PROG, CliError, formats_of, one_line
from timeline.cli.read import read_article

__all__ = [
    "read_batch",
    "run_batch",
]


def _batch_outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """``(format, path)`` pairs of table files asked for with a batch input."""
    for flag in ("html", "timelinejs", "timeml"):
        if getattr(args, flag) is not None:
            raise CliError(f"--{flag} draws one article; a batch writes a table "
                           "(-o PATH with .csv .json .jsonl .parquet)")
    if args.html_cdn:
        raise CliError("--html-cdn changes the HTML of one article; a batch writes a table")
    wanted = [(fmt, getattr(args, fmt)) for fmt in ("csv", "json", "jsonl")
              if getattr(args, fmt) is not None]
    wanted += formats_of(args.output, BATCH_FORMATS,
                         "cannot write a batch table to {path} (known extensions: {known})")
    if not wanted:
        kind = "a directory" if Path(args.article).is_dir() else "a file"
        raise CliError(f"{args.article!r} is {kind} of many articles: give the table file to "
                       "write, e.g. -o events.csv (or .jsonl .json .parquet, or --csv -)")
    for fmt, path in wanted:
        if path == "-" and fmt == "parquet":
            raise CliError("the Parquet table cannot be written to standard output")
        if path != "-" and Path(path).is_dir():
            raise CliError(f"{path!r} is a directory; give a file name for the table")
    return wanted


def read_batch(
    path: str, text_column: str = "text", date_column: str | None = None,
    id_column: str | None = None,
) -> Any:
    """The articles of a batch input, read lazily, for :func:`timeline.batch.iter_build`.

    A directory gives every ``.txt``, ``.html`` and ``.htm`` file under it, sorted, as
    ``{"id": relative path, "text": ...}`` (a text file that is not UTF-8 becomes an error row,
    not a stop); a page's text is its ``Path``, read by the worker through
    :func:`timeline.read_html`. A ``.jsonl``
    file gives one JSON object per line (a bad line becomes an error row naming its line). A
    ``.csv`` file gives DataFrame chunks read with every column as text.

    Raises:
        CliError: the path is missing or unreadable, or a named CSV column is absent.
    """
    from timeline.bulk.inputs import Unreadable, article_files
    from timeline.text.pages import HTML_SUFFIXES

    source = Path(path)
    if source.is_dir():
        files = article_files(source)
        if not files:
            raise CliError(f"the directory {path!r} has no .txt, .html or .htm files")
        if any(file.suffix.lower() in HTML_SUFFIXES for file in files):
            from timeline.text.pages import require_html_libraries

            try:
                require_html_libraries()
            except ImportError as exc:
                raise CliError(str(exc), "ImportError") from None

        def texts() -> Any:
            for file in files:
                name = file.relative_to(source).as_posix()
                if file.suffix.lower() in HTML_SUFFIXES:
                    yield {"id": name, "text": file}
                    continue
                try:
                    yield {"id": name, "text": read_article(str(file))}
                except CliError as exc:
                    yield Unreadable(f"{exc.kind}: {exc}", id=name)

        return _Sized(texts(), len(files))
    if not source.exists():
        raise CliError(f"no such file: {path!r}")
    kind = BATCH_INPUTS[source.suffix.lower()]
    if kind == "csv":
        try:
            header = pd.read_csv(source, nrows=0, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CliError(f"cannot read {path!r} as CSV: {exc}") from None
        for flag, name in (("--text-column", text_column), ("--date-column", date_column),
                           ("--id-column", id_column)):
            if name is not None and name not in header.columns:
                raise CliError(f"{path!r} has no column {name!r} ({flag}); its columns: "
                               f"{', '.join(map(str, header.columns))}")
        return pd.read_csv(source, dtype=str, chunksize=1024, encoding="utf-8-sig",
                           keep_default_na=False, na_values=[""])

    def records() -> Any:
        try:
            with open(source, encoding="utf-8-sig") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except ValueError as exc:
                        yield Unreadable(f"ValueError: line {number} is not JSON ({exc})")
                        continue
                    if not isinstance(record, dict):
                        yield Unreadable(f"TypeError: line {number} is not a JSON object")
                        continue
                    yield record
        except UnicodeDecodeError as exc:
            raise CliError(f"{path!r} is not UTF-8 text ({exc.reason} at offset {exc.start})") from None
        except OSError as exc:
            raise CliError(f"cannot read {path!r}: {exc.strerror or exc}") from None

    return records()


class _Sized:
    """An iterator that knows its length (so the progress bar can show a percentage)."""

    def __init__(self, items: Any, size: int) -> None:
        self._items, self._size = items, size

    def __iter__(self) -> Any:
        return iter(self._items)

    def __len__(self) -> int:
        return self._size


def run_batch(args: argparse.Namespace, published: object, stdout: IO[str], stderr: IO[str]) -> int:
    """Build every article of a batch input and write one table, chunk by chunk."""
    from timeline.bulk.batch import iter_build
    from timeline.bulk.writers import TableWriter

    if args.jobs == 0 or args.jobs < -1:
        raise CliError(f"--jobs must be a positive number or -1 (all cores), not {args.jobs}")
    if args.errors is not None and Path(args.errors).suffix.lower() not in BATCH_FORMATS:
        raise CliError(f"cannot write the failed articles to {args.errors!r} "
                       f"(known extensions: {' '.join(sorted(BATCH_FORMATS))})")
    outputs = _batch_outputs(args)
    articles = read_batch(args.article, args.text_column, args.date_column, args.id_column)
    writers: list[TableWriter] = []
    error_writer = None
    notes: dict[str, int] = {}
    failures: list[tuple[object, str]] = []
    count = 0
    try:
        for fmt, path in outputs:
            writers.append(TableWriter(stdout if path == "-" else path, fmt))
        if args.errors is not None:
            error_writer = TableWriter(args.errors)
        progress = not (args.no_progress or args.quiet)
        for result in iter_build(articles, published, jobs=args.jobs, progress=progress,
                                 mode=args.mode, date_order=args.date_order,
                                 text_column=args.text_column,
                                 date_column=args.date_column, id_column=args.id_column):
            for writer in writers:
                writer.write(result.table(args.table))
            if error_writer is not None:
                error_writer.write(result.errors)
            failures += zip(result.errors["article"].tolist(), result.errors["error"].tolist())
            for note in result.notes["note"].tolist():
                notes[note] = notes.get(note, 0) + 1
            count += result.articles
    except ImportError as exc:
        raise CliError(f"cannot write the table: {exc}") from None
    except OSError as exc:
        raise CliError(f"cannot write the table: {exc.strerror or exc}") from None
    except (KeyError, ValueError) as exc:
        raise CliError(f"cannot read {args.article!r}: {exc}") from None
    finally:
        for writer in writers:
            writer.close()
        if error_writer is not None:
            error_writer.close()
    _report_batch(count, failures, notes, outputs, args, stderr)
    return 0


def _report_batch(count: int, failures: list[tuple[object, str]], notes: dict[str, int],
                  outputs: list[tuple[str, str]], args: argparse.Namespace, stderr: IO[str]) -> None:
    """Notes and failures on standard error, a few lines however many articles there are."""
    for message, times in notes.items():
        print(f"{PROG}: note: {times} of {count} articles: {one_line(message)}", file=stderr)
    for key, error in failures[:5]:
        print(f"{PROG}: failed: article {key!r}: {one_line(error)}", file=stderr)
    if len(failures) > 5:
        print(f"{PROG}: failed: {len(failures) - 5} more articles"
              + ("" if args.errors else " (list them all with --errors PATH)"), file=stderr)
    for fmt, path in outputs:
        if path != "-":
            print(f"{PROG}: wrote the {args.table} of {count - len(failures)} of {count} "
                  f"articles to {path}", file=stderr)
    if args.errors is not None:
        print(f"{PROG}: wrote {len(failures)} failed articles to {args.errors}", file=stderr)
