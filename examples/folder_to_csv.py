"""Build the timelines of every ``.txt`` article in a folder into one CSV with an ``article`` column.

Each article's publication date comes from, in order:

1. a sidecar file ``<name>.json`` holding ``{"published": "2016-01-15"}``;
2. a first line that is only a date (``2016-01-15``, ``Published: Jan 15, 2016``), which is
   then removed from the text;
3. otherwise the library looks for a dateline itself, and leaves relative dates unresolved
   (with a warning) when there is none.

Usage::

    python examples/folder_to_csv.py articles/ events.csv
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

import pandas as pd

import timeline

__all__ = ["article_date", "main", "timeline_of"]

_LABEL = re.compile(r"^\s*(?:published|date|dateline)\s*:\s*", re.IGNORECASE)


def article_date(path: Path, text: str) -> tuple[object, str]:
    """The publication date of the article at ``path`` (or ``None``) and its text without a date line."""
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        return json.loads(sidecar.read_text(encoding="utf-8")).get("published"), text
    first, _, rest = text.partition("\n")
    candidate = _LABEL.sub("", first).strip()
    if candidate and len(candidate) <= 40:
        try:
            return timeline.parse_published(candidate), rest
        except ValueError:
            pass
    return None, text


def timeline_of(path: Path) -> pd.DataFrame:
    """The events of one article, with an ``article`` column first."""
    text = path.read_text(encoding="utf-8")
    published, body = article_date(path, text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", timeline.TimelineWarning)
        events = timeline.build(body, published=published).events
    for warning in caught:
        print(f"{path.name}: {warning.message}", file=sys.stderr)
    events.insert(0, "article", path.name)
    return events


def main(argv: list[str] | None = None) -> int:
    """Write one CSV of every article's events; return 1 if some article could not be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt articles")
    parser.add_argument("output", type=Path, help="the CSV file to write")
    args = parser.parse_args(argv)

    paths = sorted(args.folder.glob("*.txt"))
    if not paths:
        print(f"error: no .txt files in {args.folder}", file=sys.stderr)
        return 1
    frames, failed = [], 0
    for path in paths:
        try:
            frames.append(timeline_of(path))
        except (OSError, UnicodeDecodeError, ValueError, json.JSONDecodeError) as exc:
            print(f"{path.name}: skipped: {exc}", file=sys.stderr)
            failed += 1
    if not frames:
        return 1
    non_empty = [frame for frame in frames if len(frame)] or frames[:1]
    table = pd.concat(non_empty, ignore_index=True)
    table.to_csv(args.output, index=False)
    print(f"wrote {len(table)} events from {len(frames)} articles to {args.output}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
