"""Event dating on the hand-written dev set in ``tests/event_dating/``.

    python benchmarks/event_dating.py [--dir DIR] [--verbose]

For every gold-dated event mention (a day, month or year; see ``tests/event_dating/README.md``)
it checks whether the event ``timeline.build`` returns for that mention (matched by the
trigger's exact character span) has an interval lying inside the gold interval. It prints the
share for ``timeline`` and for the publication-day baseline (every event on the day of
publication), and how many mentions annotated as undateable got a date anyway.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

__all__ = ["gold_interval", "main", "score"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "tests" / "event_dating"


def gold_interval(value: str) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` of a gold day ``YYYY-MM-DD``, month ``YYYY-MM`` or year ``YYYY``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        start = dt.datetime(*parts)
        return start, start + dt.timedelta(days=1)
    if len(parts) == 2:
        year, month = parts
        return dt.datetime(year, month, 1), dt.datetime(year + (month == 12), month % 12 + 1, 1)
    if len(parts) == 1:
        return dt.datetime(parts[0], 1, 1), dt.datetime(parts[0] + 1, 1, 1)
    raise ValueError(f"not a day, month or year: {value!r}")


def _span(text: str, trigger: str, n: int) -> tuple[int, int]:
    matches = list(re.finditer(rf"(?<![\w-]){re.escape(trigger)}(?![\w-])", text, re.IGNORECASE))
    if len(matches) < n:
        raise ValueError(f"{trigger!r} occurs {len(matches)} times, not {n}")
    match = matches[n - 1]
    return match.start(), match.end()


def score(directory: Path = DEFAULT_DIR) -> dict[str, Any]:
    """Score every ``*.json``/``*.txt`` pair of ``directory``; return the totals and misses."""
    sys.path.insert(0, str(ROOT))
    import timeline

    total = ours = baseline = found = 0
    undateable = dated_anyway = 0
    misses: list[str] = []
    per_file: dict[str, tuple[int, int]] = {}
    for path in sorted(directory.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tl = timeline.build(text, published=spec["published"], mode=spec.get("mode", "auto"))
        by_start = {e.char_start: e for e in tl.event_list}
        published = dt.datetime.fromisoformat(spec["published"])
        file_total = file_ours = 0
        for item in spec["events"]:
            start, _ = _span(text, item["trigger"], item.get("n", 1))
            event = by_start.get(start)
            if item["gold"] is None:
                undateable += 1
                if event is not None and event.time is not None and event.time.start is not None:
                    dated_anyway += 1
                    misses.append(f"{path.stem}: {item['trigger']}#{item.get('n', 1)} annotated "
                                  f"undateable, got {event.dated_by} {event.time.value}")
                continue
            lo, hi = gold_interval(item["gold"])
            total += 1
            file_total += 1
            found += event is not None
            if lo <= published and published + dt.timedelta(days=1) <= hi:
                baseline += 1
            time = None if event is None else event.time
            if time is not None and time.start is not None and time.end is not None and \
                    lo <= time.start and time.end <= hi:
                ours += 1
                file_ours += 1
            else:
                shown = "not found" if event is None else (
                    f"{event.dated_by} {time.start:%Y-%m-%d}..{time.end:%Y-%m-%d}"
                    if time is not None and time.start is not None and time.end is not None
                    else f"{event.dated_by}, undated")
                misses.append(f"{path.stem}: {item['trigger']}#{item.get('n', 1)} gold "
                              f"{item['gold']}, got {shown}")
        per_file[path.stem] = (file_ours, file_total)
    return {
        "mentions": total,
        "ours": ours / total if total else 0.0,
        "baseline": baseline / total if total else 0.0,
        "found": found / total if total else 0.0,
        "undateable": undateable,
        "undateable_dated": dated_anyway,
        "per_file": per_file,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    result = score(args.dir)
    print(f"gold-dated event mentions: {result['mentions']}")
    print(f"timeline: {result['ours']:.1%} inside the gold interval "
          f"(mentions found: {result['found']:.1%})")
    print(f"publication-day baseline: {result['baseline']:.1%}")
    print(f"undateable mentions given a date anyway: {result['undateable_dated']} of "
          f"{result['undateable']}")
    for name, (good, count) in result["per_file"].items():
        print(f"  {name}: {good}/{count}")
    if args.verbose:
        for miss in result["misses"]:
            print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
