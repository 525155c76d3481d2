"""The ``timeline`` command: build an article's timeline, print it, write it to files.

Run ``timeline --help`` for the options. Everything here is edge code: it reads files and
standard input, writes files and prints; the work is done by :func:`timeline.build` and the
:class:`timeline.Timeline` writers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from timeline.api import Timeline

__all__ = [
    "BATCH_FORMATS",
    "BATCH_INPUTS",
    "CliError",
    "FORMATS",
    "main",
    "read_article",
    "read_batch",
    "read_page",
    "render_events",
    "render_expressions",
]

_PROG = "timeline"

#: file extension -> output format, for ``-o/--output``
FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".parquet": "parquet",
    ".tml": "timeml",
    ".xml": "timeml",
}

#: input file extensions read as many articles (besides a directory of .txt files)
BATCH_INPUTS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

#: file extension -> table format, for ``-o/--output`` with a batch input
BATCH_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
}

_FORMAT_NAMES = {
    "html": "HTML timeline",
    "csv": "CSV events table",
    "json": "JSON events table",
    "parquet": "Parquet events table",
    "timelinejs": "TimelineJS document",
    "timeml": "TimeML document",
}

# Formats that can go to standard output with PATH "-" (they are text).
_STREAMABLE = frozenset({"csv", "json", "timelinejs", "timeml"})

_EVENT_VIEW = {  # column -> (header, max width)
    "event_id": ("id", 4),
    "start": ("start", 19),
    "end": ("end", 19),
    "grain": ("grain", 11),
    "event": ("event", 60),
    "expression": ("expression", 30),
    "derived_from": ("derived_from", 40),
}

_EXPRESSION_VIEW = {
    "text": ("text", 34),
    "type": ("type", 8),
    "value": ("value", 20),
    "start": ("start", 19),
    "end": ("end", 19),
    "grain": ("grain", 11),
    "anchor": ("anchor", 16),
}

_DESCRIPTION = """\
Reconstruct the timeline of a news article: find its time expressions ("on Thursday",
"in October, last year", "a day after he was recaptured"), resolve them to calendar dates
against the publication date, tie them to the events they date, and print the events table.
"""

_EPILOG = """\
examples:
  timeline article.txt --published 2016-01-15
      print the events table
  timeline article.txt --published 2016-01-15 --expressions
      also print every time expression with its TIMEX3 value
  timeline article.txt --published 2016-01-15 --html timeline.html
      write an interactive Plotly timeline (one self-contained HTML file)
  timeline article.txt --published 2016-01-15 --html timeline.html --html-cdn
      the same, light: plotly.js is loaded from cdn.plot.ly when the page is opened
  timeline article.txt --published 2016-01-15 -o events.csv -o events.parquet
      write files, the format chosen by each extension
  cat article.txt | timeline - --published "Jan 15, 2016" --csv -
      read standard input, write the CSV to standard output instead of the table
  timeline history.txt --published 2019-09-01 --mode narrative
      anchor relative dates on the last mentioned date, not on publication

saved web pages (needs: pip install 'news-timeline[html]'):
  timeline page.html --html timeline.html
      the page's main text, headline and publication date are read from its HTML (menus,
      scripts and comments left out); a note says where the date came from, and
      --published still wins over it

many articles (batch):
  timeline articles/ --published 2016-01-15 -o events.parquet --jobs -1
      every .txt, .html and .htm file under the directory; the "article" column is the
      file's path
  timeline articles.jsonl -o events.csv --errors failed.csv
      one JSON object per line with "text" (and optionally "date", "id") keys
  timeline articles.csv --text-column body --date-column pubdate --id-column url -o events.jsonl
      a CSV with a header row; --csv - writes the table to standard output
  A batch writes one table (events, or expressions with --table expressions), chunk by chunk:
  .csv, .json, .jsonl/.ndjson or .parquet. An article that fails is reported and skipped.

publication date:
  An ISO date (2016-01-15), an ISO date and time (2016-01-15T09:30) or an absolute date in
  words ("Jan 15, 2016"). Without --published, a dateline at the top of the article is used;
  failing that, expressions relative to publication ("on Thursday") stay unresolved and a
  warning says so. Today's date is never used.

output formats for -o/--output (by extension):
  .html .htm  interactive timeline      .csv      events table
  .json       events table (records)    .parquet  events table (needs pyarrow)
  .tml .xml   TimeML with TIMEX3 tags
  With "-" as PATH, --csv, --json, --timelinejs and --timeml write to standard output and the
  table is not printed.
  A batch also writes --jsonl PATH, and .jsonl/.ndjson with -o.

exit status: 0 on success, 1 when an input or output cannot be used, 2 on a usage error.
"""


class CliError(Exception):
    """An input or output problem to report on one line (no traceback).

    ``kind`` names the ordinary Python error it stands for (``FileNotFoundError``,
    ``UnicodeDecodeError``, ...): the error rows of a batch say that, not ``CliError``.
    """

    def __init__(self, message: str, kind: str = "ValueError") -> None:
        super().__init__(message)
        self.kind = kind


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _version() -> str:
    from timeline import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "article",
        metavar="ARTICLE",
        help='the article as a UTF-8 text file, a saved web page (.html/.htm), or "-" to read '
        "standard input",
    )
    parser.add_argument(
        "-p",
        "--published",
        metavar="DATE",
        help="publication date, e.g. 2016-01-15 (see below); relative dates anchor on it",
    )
    parser.add_argument(
        "--mode",
        choices=("auto", "news", "narrative"),
        default="auto",
        help="news: relative dates anchor on publication; narrative: on the last mentioned "
        "date; auto (default): decided from the text",
    )
    parser.add_argument(
        "--date-order",
        choices=("MDY", "DMY", "YMD"),
        default=None,
        help="order of the numbers of slash dates such as 09/01/2016 (default: MDY, with a "
        "note for each date that day-first would read otherwise)",
    )
    parser.add_argument(
        "--expressions",
        action="store_true",
        help="also print the time expressions table",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print no table (only write the files asked for)"
    )
    files = parser.add_argument_group("output files")
    files.add_argument("--html", metavar="PATH", help="write the interactive timeline as HTML")
    files.add_argument(
        "--html-cdn",
        action="store_true",
        help="make the HTML files light (tens of kB instead of 4.5 MB) by loading plotly.js from "
        "its CDN when opened; the default HTML is self-contained and works offline",
    )
    files.add_argument("--csv", metavar="PATH", help="write the events table as CSV")
    files.add_argument("--json", metavar="PATH", help="write the events table as JSON records")
    files.add_argument(
        "--timelinejs", metavar="PATH", help="write a Knight Lab TimelineJS JSON document"
    )
    files.add_argument("--timeml", metavar="PATH", help="write the article as TimeML")
    files.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        action="append",
        default=[],
        help="write a file whose format is chosen by its extension "
        "(.html .csv .json .parquet .tml .xml); repeatable",
    )
    files.add_argument(
        "--jsonl", metavar="PATH", help="write the table as JSON Lines (batch input only)"
    )
    batch = parser.add_argument_group(
        "batch input (ARTICLE is a directory of .txt/.html files, a .jsonl/.ndjson or a .csv file)"
    )
    batch.add_argument("--text-column", metavar="NAME", default="text",
                       help='the column/key holding the text (default: "text")')
    batch.add_argument("--date-column", metavar="NAME",
                       help='the column/key holding the publication date (default: "date" when '
                       "present); --published is used where it is empty")
    batch.add_argument("--id-column", metavar="NAME",
                       help='the column/key naming each article (default: "id" when present, '
                       "else the row number from 0)")
    batch.add_argument("-j", "--jobs", metavar="N", type=int, default=1,
                       help="worker processes; -1 uses every core (default: 1)")
    batch.add_argument("--table", choices=("events", "expressions"), default="events",
                       help="the table to write (default: events)")
    batch.add_argument("--errors", metavar="PATH",
                       help="also write the failed articles (article, error) to a table file")
    batch.add_argument("--no-progress", action="store_true",
                       help="no progress bar (it shows only when standard error is a terminal)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def read_article(path: str, stdin: IO[bytes] | None = None) -> str:
    """The text of the article at ``path`` (``"-"``: ``stdin``), decoded as UTF-8.

    A leading byte-order mark is dropped.

    Raises:
        CliError: the file is missing, is a directory, cannot be read or is not UTF-8.
    """
    if path == "-":
        source = stdin if stdin is not None else sys.stdin.buffer
        data = source.read()
        name = "standard input"
    else:
        file = Path(path)
        if file.is_dir():
            raise CliError(f"{path!r} is a directory; give an article text file", "IsADirectoryError")
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise CliError(f"no such file: {path!r}", "FileNotFoundError") from None
        except OSError as exc:
            raise CliError(f"cannot read {path!r}: {exc.strerror or exc}", type(exc).__name__) from None
        name = repr(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first",
            "UnicodeDecodeError",
        ) from None


def _is_page(path: str) -> bool:
    """Whether ARTICLE names a saved web page (``.html``/``.htm``)."""
    from timeline.text.pages import HTML_SUFFIXES

    return path != "-" and Path(path).suffix.lower() in HTML_SUFFIXES


def read_page(path: str) -> Any:
    """The saved web page at ``path`` as a :class:`timeline.Article` (see :func:`timeline.read_html`).

    Raises:
        CliError: the file is missing, is a directory or cannot be read, or the ``html`` extra
            (trafilatura, htmldate) is not installed.
    """
    from timeline.text.pages import read_html

    try:
        return read_html(Path(path))
    except ImportError as exc:
        raise CliError(str(exc), "ImportError") from None
    except FileNotFoundError:
        raise CliError(f"no such file: {path!r}", "FileNotFoundError") from None
    except IsADirectoryError:
        raise CliError(f"{path!r} is a directory; give a saved web page", "IsADirectoryError") from None
    except OSError as exc:
        raise CliError(f"cannot read {path!r}: {exc.strerror or exc}", type(exc).__name__) from None


def _format_time(value: object) -> str:
    """An ISO date, with hours and minutes only when they are not midnight; any year."""
    if value is None or pd.isna(value):
        return ""
    day = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return day
    if value.second:
        return f"{day} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return f"{day} {value.hour:02d}:{value.minute:02d}"


def _format_text(value: object, width: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _render(frame: pd.DataFrame, view: dict[str, tuple[str, int]], empty: str) -> str:
    """A fixed-width, left-aligned text table of the ``view`` columns of ``frame``."""
    if frame.empty:
        return empty
    cells: dict[str, list[str]] = {}
    for column, (header, width) in view.items():
        if str(frame[column].dtype).startswith("datetime64"):
            values = [_format_time(v) for v in frame[column]]
        else:
            values = [_format_text(v, width) for v in frame[column]]
        cells[header] = values
    table = pd.DataFrame(cells)
    widths = {h: max([len(h), *(len(v) for v in vals)]) for h, vals in cells.items()}
    # to_string puts one space between columns; a leading space on all but the first makes two.
    pads = {h: ("" if i == 0 else " ") for i, h in enumerate(cells)}
    formatters: dict[str, Callable[[Any], str]] = {
        h: (lambda w, pad: lambda v: f"{pad}{v:<{w}}")(w, pads[h]) for h, w in widths.items()
    }
    header = [f"{pads[h]}{h:<{widths[h]}}" for h in cells]
    text = table.to_string(index=False, header=header, formatters=formatters, justify="left")
    return "\n".join(line.rstrip() for line in text.splitlines())


def render_events(events: pd.DataFrame) -> str:
    """The main columns of an events table as readable fixed-width text."""
    return _render(events, _EVENT_VIEW, "no events found")


def render_expressions(expressions: pd.DataFrame) -> str:
    """The main columns of an expressions table as readable fixed-width text."""
    return _render(expressions, _EXPRESSION_VIEW, "no time expressions found")


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """``(format, path)`` pairs asked for, in a stable order."""
    wanted = [
        (fmt, getattr(args, fmt))
        for fmt in ("html", "csv", "json", "timelinejs", "timeml")
        if getattr(args, fmt) is not None
    ]
    for path in args.output:
        suffix = Path(path).suffix.lower()
        if suffix not in FORMATS:
            known = " ".join(sorted(FORMATS))
            raise CliError(f"cannot tell the format of {path!r} from its extension (known: {known})")
        wanted.append((FORMATS[suffix], path))
    if args.html_cdn and not any(fmt == "html" for fmt, _ in wanted):
        raise CliError("--html-cdn changes the HTML files; ask for one with --html PATH or -o PATH.html")
    for fmt, path in wanted:
        if path == "-" and fmt not in _STREAMABLE:
            raise CliError(f"the {_FORMAT_NAMES[fmt]} cannot be written to standard output")
        if path != "-" and Path(path).is_dir():
            raise CliError(f"{path!r} is a directory; give a file name for the {_FORMAT_NAMES[fmt]}")
    return wanted


def _write(tl: Timeline, fmt: str, path: str, stdout: IO[str], *, html_cdn: bool = False) -> None:
    """Write one output through the :class:`timeline.Timeline` writers (``html_cdn``: the HTML
    loads plotly.js from its CDN instead of inlining it)."""
    target = None if path == "-" else path
    if fmt == "html":
        tl.to_html(path, offline=not html_cdn)
        return
    if fmt == "parquet":
        tl.to_parquet(path)
        return
    writer = {"csv": tl.to_csv, "json": tl.to_json, "timelinejs": tl.to_timelinejs,
              "timeml": tl.to_timeml}[fmt]
    result = writer(target)
    if target is None:
        text = json.dumps(result, indent=2, ensure_ascii=False) if isinstance(result, dict) else result
        stdout.write(text if text.endswith("\n") else text + "\n")


def _is_batch(path: str) -> bool:
    """Whether ARTICLE names many articles: a directory, or a JSON Lines or CSV file."""
    return path != "-" and (Path(path).is_dir() or Path(path).suffix.lower() in BATCH_INPUTS)


def _run(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    from timeline import build, parse_published

    try:
        published = parse_published(args.published, date_order=args.date_order)
    except ValueError as exc:
        raise CliError(f"--published: {exc}") from None
    if _is_batch(args.article):
        return _run_batch(args, published, stdout, stderr)
    if args.jsonl is not None:
        raise CliError("--jsonl writes a batch table; ARTICLE must be a directory, .jsonl or .csv")
    outputs = _outputs(args)
    text: Any = read_page(args.article) if _is_page(args.article) else read_article(args.article)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tl = build(text, published=published, mode=args.mode, date_order=args.date_order)
    messages = list(tl.notes)
    messages += [str(w.message) for w in caught if str(w.message) not in messages]
    for message in messages:
        print(f"{_PROG}: note: {_one_line(message)}", file=stderr)
    for fmt, path in outputs:
        try:
            _write(tl, fmt, path, stdout, html_cdn=args.html_cdn)
        except ImportError as exc:
            raise CliError(f"cannot write the {_FORMAT_NAMES[fmt]}: {exc}") from None
        except OSError as exc:
            raise CliError(f"cannot write {path!r}: {exc.strerror or exc}") from None
        if path != "-":
            print(f"{_PROG}: wrote {_FORMAT_NAMES[fmt]} to {path}", file=stderr)
    if args.quiet or any(path == "-" for _, path in outputs):
        return 0
    print(render_events(tl.events), file=stdout)
    if args.expressions:
        print(file=stdout)
        print(render_expressions(tl.expressions), file=stdout)
    return 0


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
    for path in args.output:
        suffix = Path(path).suffix.lower()
        if suffix not in BATCH_FORMATS:
            known = " ".join(sorted(BATCH_FORMATS))
            raise CliError(f"cannot write a batch table to {path!r} (known extensions: {known})")
        wanted.append((BATCH_FORMATS[suffix], path))
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


def _run_batch(args: argparse.Namespace, published: object, stdout: IO[str], stderr: IO[str]) -> int:
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
        print(f"{_PROG}: note: {times} of {count} articles: {_one_line(message)}", file=stderr)
    for key, error in failures[:5]:
        print(f"{_PROG}: failed: article {key!r}: {_one_line(error)}", file=stderr)
    if len(failures) > 5:
        print(f"{_PROG}: failed: {len(failures) - 5} more articles"
              + ("" if args.errors else " (list them all with --errors PATH)"), file=stderr)
    for fmt, path in outputs:
        if path != "-":
            print(f"{_PROG}: wrote the {args.table} of {count - len(failures)} of {count} "
                  f"articles to {path}", file=stderr)
    if args.errors is not None:
        print(f"{_PROG}: wrote {len(failures)} failed articles to {args.errors}", file=stderr)


def _one_line(message: str, limit: int = 400) -> str:
    """``message`` with its whitespace collapsed, cut to ``limit`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``timeline`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    stdout, stderr = sys.stdout, sys.stderr
    try:
        return _run(args, stdout, stderr)
    except CliError as exc:
        print(f"{_PROG}: error: {_one_line(str(exc))}", file=stderr)
        return 1
    except BrokenPipeError:  # e.g. `timeline a.txt | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted", file=stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
