"""Worst-case time and memory of ``timeline.build`` per megabyte of input.

    python benchmarks/worst_case.py [--news-size BYTES] [--repetitions N] [--only NAME]

For each input it builds the timeline (reading both ``tl.expressions`` and ``tl.events``) twice:
once timed (CPU seconds, no tracing) and once under :mod:`tracemalloc` for the peak of Python
allocations. It prints seconds per MB and peak MB per MB of input for each input, then the worst
of each. Inputs:

- ``news``: news-like paragraphs written for this script, repeated (``--news-size`` characters,
  default 128 KB; longer news is linear too, see docs/robustness.md);
- ``line-1mb``: a single 1 MB line with no sentence boundary at all, with time words in it;
- the pathological repetitions of issue 7 (``--repetitions`` times each, default 100,000):
  "January ", "12/", "the ", "last ", "1998 ";
- ``day-after``: "He met her on Thursday, a day after the vote. " repeated to 23 KB, 46 KB and
  1 MB: every "vote" merges into one event tied to every "met", so the constraint network is one
  component that grows with the text (cubic before the solver kept single-source bounds).

Nothing here reads the clock for the library; timings are measured around ``build``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import timeline  # noqa: E402

__all__ = ["DAY_AFTER", "Case", "cases", "main", "measure", "news_text"]

MB = 1_000_000

#: one event anchored on another that every repetition shares (one growing component)
DAY_AFTER = "He met her on Thursday, a day after the vote. "

_PARAGRAPH = " ".join(
    (
        "The city council voted on Thursday to close the old river bridge for repairs.",
        "Officials said the work would begin in March and last about six months.",
        "Two weeks ago, inspectors found cracks in three of the steel beams.",
        "The mayor, who took office in January 2015, called the decision difficult but necessary.",
        "Traffic on the bridge has doubled since 1998, according to a report released last year.",
        "A day after the vote, residents gathered outside city hall to protest the closure.",
        "The last major repair was finished in the summer of 2009 at a cost of $4 million.",
        "Engineers will meet again next week to review the schedule.",
        "By 10:30 a.m. on Friday, more than 200 people had signed a petition.",
        '"We have waited for years," said one shop owner, whose store opened in the 1990s.',
    )
)

Case = tuple[str, Callable[[], str]]


def news_text(size: int) -> str:
    """About ``size`` characters of whole news paragraphs separated by blank lines."""
    count = max(1, size // (len(_PARAGRAPH) + 2))
    return "\n\n".join([_PARAGRAPH] * count)


def cases(news_size: int, repetitions: int) -> list[Case]:
    """The inputs measured, as ``(name, make_text)`` pairs."""
    line = ("the council met on Thursday and voted again two weeks ago " * (MB // 50))[:MB]
    return [
        ("news", lambda: news_text(news_size)),
        ("line-1mb", lambda: line),
        *[
            (f"repeat {unit.strip() or repr(unit)!s}", (lambda unit=unit: unit * repetitions))
            for unit in ("January ", "12/", "the ", "last ", "1998 ")
        ],
        *[
            (f"day-after {label}", (lambda size=size: DAY_AFTER * (size // len(DAY_AFTER))))
            for label, size in (("23kb", 23_000), ("46kb", 46_000), ("1mb", MB))
        ],
    ]


def _build(text: str) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        tl = timeline.build(text, published="2016-01-15")
    return len(tl.expressions) + len(tl.events)


def measure(text: str) -> tuple[float, float, int]:
    """``(CPU seconds, peak traced MB, rows)`` of one build of ``text``."""
    gc.collect()
    start = time.process_time()
    rows = _build(text)
    seconds = time.process_time() - start
    gc.collect()
    tracemalloc.start()
    try:
        _build(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seconds, peak / MB, rows


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print one line per input, then the worst case."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-size", type=int, default=128_000, help="characters of news text")
    parser.add_argument("--repetitions", type=int, default=100_000, help="repetitions per unit")
    parser.add_argument("--only", help="measure only the inputs whose name contains this")
    args = parser.parse_args(argv)
    _build("The council met on Thursday.")  # load rules and word lists before timing
    print(f"{'input':<16} {'MB':>7} {'rows':>8} {'s':>8} {'s/MB':>8} {'peak MB':>8} {'MB/MB':>7}")
    worst_time: tuple[float, str] = (0.0, "")
    worst_memory: tuple[float, str] = (0.0, "")
    for name, make in cases(args.news_size, args.repetitions):
        if args.only and args.only not in name:
            continue
        text = make()
        size = len(text.encode("utf-8")) / MB
        seconds, peak, rows = measure(text)
        per_mb, memory_per_mb = seconds / size, peak / size
        print(f"{name:<16} {size:7.3f} {rows:8d} {seconds:8.2f} {per_mb:8.2f} {peak:8.1f} {memory_per_mb:7.1f}",
              flush=True)
        worst_time = max(worst_time, (per_mb, name))
        worst_memory = max(worst_memory, (memory_per_mb, name))
    print(f"worst time:   {worst_time[0]:.2f} s per MB ({worst_time[1]})")
    print(f"worst memory: {worst_memory[0]:.1f} MB peak per MB of input ({worst_memory[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
