"""Build the timeline of a saved web page: write an interactive HTML page and print the events.

The page's main text, headline and publication date are read from its HTML by
:func:`timeline.read_html` (needs ``pip install 'news-timeline[html]'``); the notes say where the
date came from. ``--published`` wins over the page's date.

Usage::

    python examples/page_to_html.py tests/text/pages/news_jsonld.html -o timeline.html
    python examples/page_to_html.py saved.html --url https://example.com/2016/01/15/story.html
    python examples/page_to_html.py saved.html --published 2016-01-15
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import timeline

__all__ = ["main"]

COLUMNS = ["event_id", "start", "grain", "event", "expression", "derived_from"]


def main(argv: list[str] | None = None) -> int:
    """Read a saved page, write its HTML timeline, print its notes and events; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="a saved web page (.html)")
    parser.add_argument("--url", help="the page's address, if known (never fetched; may hold its date)")
    parser.add_argument("--published", help="publication date, e.g. 2016-01-15 (wins over the page's)")
    parser.add_argument("-o", "--output", type=Path, default=Path("timeline.html"),
                        help="where to write the HTML timeline (default: timeline.html)")
    args = parser.parse_args(argv)

    try:
        article = timeline.read_html(args.page, url=args.url)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", timeline.TimelineWarning)  # the notes say it
            tl = timeline.build(article, published=args.published)
    except (ImportError, OSError, ValueError) as exc:  # no htmldate, an unreadable page or date
        print(f"error: {exc}", file=sys.stderr)
        return 1

    for note in tl.notes:
        print(f"note: {note}", file=sys.stderr)
    tl.to_html(args.output)
    print(f"{article.title or args.page.name} (published {tl.article.published or 'unknown'})")
    events = tl.events[COLUMNS]
    if events.empty:
        print("no events found")
    else:
        print(events.to_string(index=False, max_colwidth=50))
    print(f"wrote {args.output} ({len(events)} events, mode: {tl.mode})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
