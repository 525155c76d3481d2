"""The ``timeline`` command: build an article's timeline, print it, write it to files.

Run ``timeline --help`` for the options. Everything here is edge code: it reads files and
standard input, writes files and prints; the work is done by :func:`timeline.build` and the
:class:`timeline.Timeline` writers.

The parts: ``common`` (formats, :class:`CliError`), ``read`` (one article), ``render`` (tables
as text), ``batch`` (many articles); the names below are importable from here as before.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from timeline.cli.batch import read_batch, run_batch
from timeline.cli.common import (
    BATCH_FORMATS,
    BATCH_INPUTS,
    FORMATS,
    PROG,
    CliError,
    formats_of,
    one_line,
)
from timeline.cli.read import is_page, read_article, read_page
from timeline.cli.render import render_events, render_expressions

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
        prog=PROG,
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


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """``(format, path)`` pairs asked for, in a stable order."""
    wanted = [
        (fmt, getattr(args, fmt))
        for fmt in ("html", "csv", "json", "timelinejs", "timeml")
        if getattr(args, fmt) is not None
    ]
    wanted += formats_of(args.output, FORMATS,
                         "cannot tell the format of {path} from its extension (known: {known})")
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
        return run_batch(args, published, stdout, stderr)
    if args.jsonl is not None:
        raise CliError("--jsonl writes a batch table; ARTICLE must be a directory, .jsonl or .csv")
    outputs = _outputs(args)
    text: Any = read_page(args.article) if is_page(args.article) else read_article(args.article)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tl = build(text, published=published, mode=args.mode, date_order=args.date_order)
    messages = list(tl.notes)
    messages += [str(w.message) for w in caught if str(w.message) not in messages]
    for message in messages:
        print(f"{PROG}: note: {one_line(message)}", file=stderr)
    for fmt, path in outputs:
        try:
            _write(tl, fmt, path, stdout, html_cdn=args.html_cdn)
        except ImportError as exc:
            raise CliError(f"cannot write the {_FORMAT_NAMES[fmt]}: {exc}") from None
        except OSError as exc:
            raise CliError(f"cannot write {path!r}: {exc.strerror or exc}") from None
        if path != "-":
            print(f"{PROG}: wrote {_FORMAT_NAMES[fmt]} to {path}", file=stderr)
    if args.quiet or any(path == "-" for _, path in outputs):
        return 0
    print(render_events(tl.events), file=stdout)
    if args.expressions:
        print(file=stdout)
        print(render_expressions(tl.expressions), file=stdout)
    return 0


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
        print(f"{PROG}: error: {one_line(str(exc))}", file=stderr)
        return 1
    except BrokenPipeError:  # e.g. `timeline a.txt | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=stderr)
        return 130

