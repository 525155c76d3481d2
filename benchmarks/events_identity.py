"""Digest of ``tl.events`` and ``tl.expressions`` per document, to check that a refactoring changes no table.

    python benchmarks/events_identity.py digest OUT.json     # write one digest per document
    python benchmarks/events_identity.py diff A.json B.json  # list the documents that differ
    python benchmarks/events_identity.py time [--limit 256] [--repeat 5]

``digest`` builds every document of the shared corpora (TempEval-3 train, tweets train,
WikiWars dev: ``*.tml``; event-dates dev: ``*.json`` with ``text`` and ``published``), of
``seeds/*.txt`` and of ``tests/event_dating/*.txt`` (published date and mode in the ``.json``
beside each text) and writes, per document, the SHA-256 of ``tl.events.to_csv()`` and of
``tl.expressions.to_csv()`` (all columns; the expressions under the key ``expressions:NAME``).
``diff`` exits 1 when two digest files disagree and counts each table apart. ``time`` measures the events stage
alone: the best of ``--repeat`` runs of ``timeline.events.build_events`` over the first
``--limit`` TempEval-3 documents (sentences and expressions built once beforehand). Corpora
that are absent are skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["documents", "digests", "main", "time_events"]

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = ROOT.parent / "shared" / "corpora"


def documents() -> Iterator[tuple[str, str, Any, str]]:
    """Yield ``(name, text, published, mode)`` of every document the check covers."""
    from timeline.output.timeml import read_timeml

    for corpus in ("tempeval3-train", "tweets-train", "wikiwars-dev"):
        for path in sorted((CORPORA / corpus).rglob("*.tml")):
            doc = read_timeml(path)
            yield f"{corpus}/{path.relative_to(CORPORA / corpus)}", doc.text, doc.published, "auto"
    for path in sorted((CORPORA / "event-dates-dev").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        yield f"event-dates-dev/{path.name}", data["text"], data["published"], "auto"
    for folder in (ROOT / "seeds", ROOT / "tests" / "event_dating"):
        for path in sorted(folder.glob("*.txt")):
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            name = f"{folder.relative_to(ROOT)}/{path.name}"
            yield name, path.read_text(encoding="utf-8"), meta["published"], meta.get("mode", "auto")


def digests() -> dict[str, str]:
    """Return the SHA-256 of the events (key: name) and expressions (``expressions:name``) tables."""
    import timeline

    warnings.simplefilter("ignore", timeline.TimelineWarning)
    result = {}
    for name, text, published, mode in documents():
        tl = timeline.build(text, published=published, mode=mode)
        result[name] = hashlib.sha256(tl.events.to_csv().encode("utf-8")).hexdigest()
        expressions = tl.expressions.to_csv().encode("utf-8")
        result[f"expressions:{name}"] = hashlib.sha256(expressions).hexdigest()
    return result


def time_events(limit: int, repeat: int) -> float:
    """Return the best time in seconds of the events stage over ``limit`` TempEval-3 docs."""
    import timeline
    from timeline.events import build_events
    from timeline.output.timeml import read_timeml
    from timeline.resolve.context import Context
    from timeline.text.view import scanning_view

    warnings.simplefilter("ignore", timeline.TimelineWarning)
    files = sorted((CORPORA / "tempeval3-train").rglob("*.tml"))[:limit]
    inputs = []
    for path in files:
        doc = read_timeml(path)
        tl = timeline.build(doc.text, published=doc.published)
        inputs.append((scanning_view(tl.article.text), tl.sentences, tl.expression_list, tl.article.published, tl.mode))
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, sentences, expressions, published, mode in inputs:
            build_events(text, sentences, expressions, Context(published, mode))
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    digest = commands.add_parser("digest")
    digest.add_argument("out")
    diff = commands.add_parser("diff")
    diff.add_argument("a")
    diff.add_argument("b")
    timing = commands.add_parser("time")
    timing.add_argument("--limit", type=int, default=256)
    timing.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.command == "digest":
        result = digests()
        Path(args.out).write_text(json.dumps(result, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(result)} documents digested")
        return 0
    if args.command == "diff":
        a = json.loads(Path(args.a).read_text(encoding="utf-8"))
        b = json.loads(Path(args.b).read_text(encoding="utf-8"))
        differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
        for name in differing:
            print("differs:", name)
        for table, keep in (("events", lambda n: not n.startswith("expressions:")),
                            ("expressions", lambda n: n.startswith("expressions:"))):
            shared = [n for n in a.keys() & b.keys() if keep(n)]
            wrong = [n for n in differing if keep(n)]
            print(f"{table}: identical on {len(shared) - len(wrong)} documents; {len(wrong)} differ")
        return 1 if differing else 0
    seconds = time_events(args.limit, args.repeat)
    print(f"events stage, best of {args.repeat}, {args.limit} TE3 docs: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
