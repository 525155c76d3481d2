"""Build the timeline of one article: write an interactive HTML page and print the events.

Usage::

    python examples/article_to_html.py seeds/penn_interview.txt --published 2016-01-15
    python examples/article_to_html.py story.txt --published 2019-09-01 --mode narrative -o story.html
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import timeline

__all__ = ["main"]

COLUMNS = ["event_id", "start", "grain", "event", "expression", "derived_from"]


def main(argv: list[str] | None = None) -> int:
    """Read an article, write its HTML timeline, print its events; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, help="a UTF-8 text file")
    parser.add_argument("--published", required=True, help="publication date, e.g. 2016-01-15")
    parser.add_argument("--mode", choices=["auto", "news", "narrative"], default="auto")
    parser.add_argument("-o", "--output", type=Path, default=Path("timeline.html"),
                        help="where to write the HTML page (default: timeline.html)")
    args = parser.parse_args(argv)

    try:
        text = args.article.read_text(encoding="utf-8")
        tl = timeline.build(text, published=args.published, mode=args.mode)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    tl.to_html(args.output)
    events = tl.events[COLUMNS]
    if events.empty:
        print("no events found")
    else:
        print(events.to_string(index=False, max_colwidth=50))
    print(f"wrote {args.output} ({len(events)} events, mode: {tl.mode})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
