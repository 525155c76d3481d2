"""Speed and memory of ``timeline.build`` beside ``dateparser.search.search_dates``.

    python benchmarks/speed.py [--corpus DIR] [--limit N] [--repeat N] [--check]

Over the TempEval-3 training documents (``shared/corpora/tempeval3-train`` beside the
repository or its worktrees' folder, by default) it measures, each system in a fresh
subprocess so that their memory does not mix, in one run:

- documents per second of ``timeline.build`` (including both DataFrames: ``tl.events`` and
  ``tl.expressions``) and of ``search_dates`` (with the document's creation time as base), the
  best of ``--repeat`` passes over the documents for each;
- peak resident memory (``ru_maxrss``) of that subprocess, and how much it grew during the run;
- the speed ratio (targets: build at least 20x faster than search_dates, and at least 500
  documents per second), on the wall clock and in CPU time (which other processes on a shared
  machine disturb less);
- the CPU time of each stage of ``timeline.build`` in ms per document (sentences, extraction,
  resolution, events, tables; each the best of ``--repeat`` passes), the stages called one by
  one as ``timeline.build`` calls them;
- ``import timeline`` time in a fresh interpreter (target: under 1 s), and whether plotly is
  imported by ``import timeline; timeline.build(...)`` (target: it is not).

One document is processed before timing starts in each system (dateparser loads its language
data on first use). ``--check`` exits 1 when a target is missed. When the corpus is absent the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bytecode import compile_package

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
#: the shared corpora live beside the repository, or beside the folder of its worktrees
DEFAULT_CORPUS = next(
    (folder / "shared" / "corpora" / "tempeval3-train" for folder in (ROOT.parent, ROOT.parent.parent)
     if (folder / "shared" / "corpora" / "tempeval3-train").is_dir()),
    ROOT.parent / "shared" / "corpora" / "tempeval3-train",
)
SPEED_TARGET = 20.0
RATE_TARGET = 500.0
STAGES = ("sentences", "extraction", "resolution", "events", "tables")
IMPORT_TARGET = 0.3

_IMPORT_PROBE = """
import sys, time, json
sys.path.insert(0, {root!r})
started = time.perf_counter()
import timeline
seconds = time.perf_counter() - started
after_import = sorted(m for m in ("plotly", "dateparser", "pandas") if m in sys.modules)
tl = timeline.build("The minister resigned on Thursday, two days after the vote.", published="2016-01-15")
tl.events, tl.expressions
print(json.dumps({{"seconds": seconds, "after_import": after_import,
                  "plotly_after_build": "plotly" in sys.modules}}))
"""


def _rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # kilobytes on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _stage_times(documents: list[Any], repeat: int) -> dict[str, float]:
    """CPU seconds per stage over ``documents`` (best of ``repeat`` passes), the stages called
    one by one as ``timeline.build`` calls them (an article with a publication date, ``mode="auto"``)."""
    from time import process_time as perf_counter  # CPU time: other processes do not count

    from timeline.api import _as_article
    from timeline.events import build_events
    from timeline.extract.scan import find_mentions
    from timeline.output.table import events_frame, expressions_frame
    from timeline.resolve.anchor import decide_context
    from timeline.resolve.document import resolve_mentions
    from timeline.text.language import looks_english
    from timeline.text.sentences import split_sentences
    from timeline.text.view import replace_surrogates, scanning_view

    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(max(1, repeat)):
        spent = dict.fromkeys(STAGES, 0.0)
        for doc in documents:
            t0 = perf_counter()
            article = _as_article(doc.text, doc.published)
            text = scanning_view(replace_surrogates(article.text)[0])
            sentences = split_sentences(text)
            looks_english(text)
            t1 = perf_counter()
            mentions = find_mentions(text, sentences)
            t2 = perf_counter()
            context, _ = decide_context(text, sentences, mentions, article.published)
            expressions = resolve_mentions(mentions, sentences, text, context)
            t3 = perf_counter()
            events = build_events(text, sentences, expressions, context)
            t4 = perf_counter()
            events_frame(events)
            expressions_frame(expressions, sentences)
            t5 = perf_counter()
            for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                spent[stage] += seconds
        best = {stage: min(best[stage], spent[stage]) for stage in STAGES}
    return best


def _child(system: str, corpus: Path, limit: int | None, repeat: int = 1) -> dict[str, Any]:
    """Run one system over the corpus in this process; return its measurements."""
    sys.path.insert(0, str(ROOT))
    import datetime as dt
    import warnings

    from timeline.output.timeml import read_timeml

    files = sorted(corpus.rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    documents = [read_timeml(file) for file in files]

    if system == "timeline":
        import timeline

        warnings.simplefilter("ignore", timeline.TimelineWarning)

        def run(doc: Any) -> int:
            tl = timeline.build(doc.text, published=doc.published)
            return len(tl.events) + len(tl.expressions)

    else:
        from dateparser.search import search_dates

        def run(doc: Any) -> int:
            published = doc.published or dt.date(2000, 1, 1)
            base = dt.datetime(published.year, published.month, published.day)
            if isinstance(published, dt.datetime):
                base = published.replace(tzinfo=None)
            found = search_dates(
                doc.text,
                languages=["en"],
                settings={"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False},
            )
            return len(found or ())

    failures: list[str] = []

    def attempt(doc: Any) -> int:
        try:
            return run(doc)
        except Exception as error:  # noqa: BLE001 - counted and shown, not hidden
            failures.append(f"{doc.doc_id}: {type(error).__name__}: {error}")
            return 0

    warm_started = time.perf_counter()
    if documents:
        attempt(documents[0])
    warm_up = time.perf_counter() - warm_started
    failures.clear()
    before = _rss_mb()
    seconds = cpu_seconds = float("inf")
    for _ in range(max(1, repeat)):  # the best pass: the least disturbed by other processes
        items = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for doc in documents:
            items += attempt(doc)
        seconds = min(seconds, time.perf_counter() - started)
        cpu_seconds = min(cpu_seconds, time.process_time() - cpu_started)
    stages = _stage_times(documents, repeat) if system == "timeline" else {}
    return {
        "system": system,
        "docs": len(documents),
        "chars": sum(len(doc.text) for doc in documents),
        "items": items,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "warm_up": warm_up,
        "rss_before_mb": before,
        "rss_peak_mb": _rss_mb(),
        "failures": len(failures),
        "first_failure": failures[0] if failures else None,
        "stages": stages,
    }


def _run_child(system: str, corpus: Path, limit: int | None, repeat: int = 1) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", system, "--corpus", str(corpus),
               "--repeat", str(repeat)]
    if limit is not None:
        command += ["--limit", str(limit)]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{system} benchmark failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _import_probe(runs: int = 3) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for _ in range(runs):
        completed = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE.format(root=str(ROOT))],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if completed.returncode != 0:
            raise SystemExit(f"import probe failed:\n{completed.stderr}")
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    """Print the measurements; return 1 under ``--check`` when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of .tml files")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=3, help="passes per system; the best counts")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", choices=["timeline", "dateparser"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(_child(args.child, args.corpus, args.limit, args.repeat)))
        return 0

    if not args.corpus.is_dir() or not any(args.corpus.rglob("*.tml")):
        print(f"corpus not found: {args.corpus} (it lives in ../shared on the developers' machines); nothing measured")
        return 0

    cached = compile_package(ROOT)
    probe = _import_probe()
    build = _run_child("timeline", args.corpus, args.limit, args.repeat)
    search = _run_child("dateparser", args.corpus, args.limit, args.repeat)

    print(f"corpus: {args.corpus} ({build['docs']} documents, {build['chars']:,} characters); "
          f"best of {args.repeat} passes per system; load average {os.getloadavg()[0]:.2f}")
    print(cached)
    import_ok = probe["seconds"] < IMPORT_TARGET
    print(
        f"import timeline: {probe['seconds']:.3f} s in a fresh interpreter (best of 3)"
        f" [target < {IMPORT_TARGET:g} s: {_verdict(import_ok)}];"
        f" modules loaded by the import: {', '.join(probe['after_import']) or 'none of plotly/dateparser/pandas'}"
    )
    plotly_ok = not probe["plotly_after_build"]
    print(
        "plotly imported by `import timeline; timeline.build(...)`: "
        f"{'yes' if probe['plotly_after_build'] else 'no'} [{_verdict(plotly_ok)}]"
    )
    print()
    header = f"{'system':<26}{'docs':>6}{'seconds':>10}{'docs/s':>10}{'first doc s':>13}{'peak RSS MB':>13}{'grew MB':>9}"
    print(header)
    for name, result in (("timeline.build + frames", build), ("dateparser search_dates", search)):
        rate = result["docs"] / result["seconds"] if result["seconds"] else float("inf")
        print(
            f"{name:<26}{result['docs']:>6}{result['seconds']:>10.2f}{rate:>10.1f}"
            f"{result['warm_up']:>13.2f}{result['rss_peak_mb']:>13.1f}"
            f"{result['rss_peak_mb'] - result['rss_before_mb']:>9.1f}"
        )
    for name, result in (("timeline.build", build), ("search_dates", search)):
        if result["failures"]:
            print(f"warning: {name} raised on {result['failures']} document(s); first: {result['first_failure']}")
    docs = max(build["docs"], 1)
    print()
    print(f"{'':34}{'wall ms/doc':>12}{'docs/s':>9}{'ratio':>8}{'CPU ms/doc':>12}{'docs/s':>9}{'ratio':>8}")
    figures = {}
    for key in ("seconds", "cpu_seconds"):
        ours, theirs = build[key] / docs * 1000, search[key] / docs * 1000
        figures[key] = (ours, theirs, theirs / ours if ours else float("inf"))
    (wall, wall_theirs, wall_ratio), (cpu, cpu_theirs, cpu_ratio) = figures["seconds"], figures["cpu_seconds"]
    print(f"{'timeline.build + both tables':34}{wall:12.2f}{1000 / wall:9.1f}{wall_ratio:7.1f}x"
          f"{cpu:12.2f}{1000 / cpu:9.1f}{cpu_ratio:7.1f}x")
    print(f"{'dateparser.search.search_dates':34}{wall_theirs:12.2f}{1000 / wall_theirs:9.1f}{1:7.1f}x"
          f"{cpu_theirs:12.2f}{1000 / cpu_theirs:9.1f}{1:7.1f}x")
    print(f"{'target':34}{1000 / RATE_TARGET:12.2f}{RATE_TARGET:9.0f}{SPEED_TARGET:7.1f}x")
    ratio, rate = wall_ratio, 1000 / wall
    speed_ok = ratio >= SPEED_TARGET
    rate_ok = rate >= RATE_TARGET
    print(f"timeline.build is {ratio:.1f}x faster than search_dates [target >= {SPEED_TARGET:g}x: {_verdict(speed_ok)}]; "
          f"{rate:.0f} documents/s [target >= {RATE_TARGET:g}: {_verdict(rate_ok)}] (wall clock; CPU time: "
          f"{cpu_ratio:.1f}x, {1000 / cpu:.0f} documents per CPU second)")
    if build["stages"]:
        print()
        print(f"per stage (CPU ms per document, best of {args.repeat}):")
        for stage in STAGES:
            print(f"  {stage:<12}{build['stages'][stage] / docs * 1000:7.3f}")
        total = sum(build["stages"].values()) / docs * 1000
        print(f"  {'sum':<12}{total:7.3f}   (timeline.build + tables as a whole: {cpu:.3f})")
    if args.check and not (import_ok and plotly_ok and speed_ok and rate_ok and not build["failures"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
