"""Regenerate the accuracy tables of ``docs/accuracy.md``.

    python benchmarks/accuracy.py                 # print the Markdown tables
    python benchmarks/accuracy.py --write         # also replace the tables in docs/accuracy.md
    python benchmarks/accuracy.py --events-only   # only the event-dating table

It scores ``timeline`` and the dateparser baseline on ``../shared/corpora/tempeval3-train``,
``../shared/corpora/tweets-train`` and the narrative corpus ``../shared/corpora/wikiwars-dev``
exactly as

    python -m timeline.evaluate ../shared/corpora/tempeval3-train ../shared/corpora/tweets-train \\
        ../shared/corpora/wikiwars-dev --baseline dateparser --markdown

does, and writes the table between the ``accuracy-table`` markers of ``docs/accuracy.md``,
with the commit it measured. It also scores event dates on ``../shared/corpora/event-dates-dev``
exactly as

    python -m timeline.evaluate --events ../shared/corpora/event-dates-dev --markdown

does, and writes that table between the ``events-table`` markers. ``../shared`` is looked for
beside the repository, then one level up (beside a folder of worktrees). When the corpora are
absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.evaluation.events import evaluate_events, format_events_table, read_event_folder  # noqa: E402
from timeline.evaluation.expressions import SYSTEMS, evaluate_corpus, find_documents, format_table  # noqa: E402
from timeline.output.timeml import read_timeml  # noqa: E402

__all__ = ["CORPORA", "DOC", "EVENT_SETS", "SHARED", "main", "replace_table"]


def _shared() -> Path:
    """``../shared`` beside the repository, else beside its parent (a worktree); the first if neither."""
    candidates = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((path for path in candidates if (path / "corpora").is_dir()), candidates[0])


SHARED = _shared()
#: news (TempEval-3, tweets) and history (WikiWars dev half, scored in auto mode: narrative)
CORPORA = [SHARED / "corpora" / name for name in ("tempeval3-train", "tweets-train", "wikiwars-dev")]
# event-dates-dev (Wikinews, gold event dates) and TempEval-3 train (events its TLINKs place
# inside a calendar date; timeline.evaluation.tlinks)
EVENT_SETS = [SHARED / "corpora" / "event-dates-dev", SHARED / "corpora" / "tempeval3-train"]
DOC = ROOT / "docs" / "accuracy.md"
START = "<!-- accuracy-table:start -->"
END = "<!-- accuracy-table:end -->"
EVENTS_START = "<!-- events-table:start -->"
EVENTS_END = "<!-- events-table:end -->"


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "timeline"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}" + (" with uncommitted changes under timeline/" if dirty else "")


def replace_table(document: str, table: str, start: str = START, end: str = END) -> str:
    """``document`` with the text between the ``start`` and ``end`` markers replaced by ``table``."""
    before, found, rest = document.partition(start)
    if not found or end not in rest:
        raise ValueError(f"{DOC.name} has no {start} ... {end} block")
    _, _, after = rest.partition(end)
    return f"{before}{start}\n{table}\n{end}{after}"


def _timeml_table() -> str:
    results = []
    notes = []
    for corpus in CORPORA:
        documents = [read_timeml(file) for file in find_documents(corpus)]
        for name in ("timeline", "dateparser"):
            result = evaluate_corpus(corpus.name, documents, SYSTEMS[name], system_name=name)
            _warn(result.failures, name, corpus.name, "scored as finding nothing there", notes)
            results.append(result)
    return format_table(results, markdown=True) + "\n\n" + _footer(notes)


def _events_table() -> str:
    results = []
    notes = []
    for directory in EVENT_SETS:
        result = evaluate_events(directory.name, read_event_folder(directory))
        _warn(result.failures, "timeline", directory.name, "their mentions scored as missing", notes)
        results.append(result)
    return format_events_table(results, markdown=True) + "\n\n" + _footer(notes)


def _warn(failures: Sequence[tuple[str, str]], system: str, corpus: str, scored: str,
          notes: list[str]) -> None:
    """Say on stderr, and in the table's footer notes, that a system raised on documents."""
    if failures:
        print(f"warning: {system} raised on {len(failures)} document(s) of {corpus}; "
              f"first: {failures[0][1]}", file=sys.stderr)
        notes.append(f"{system} raised on {len(failures)} document(s) of {corpus}, {scored}")


def _footer(notes: list[str]) -> str:
    return f"Measured at {_commit()}" + ("; " + "; ".join(notes) if notes else "") + "."


def main(argv: list[str] | None = None) -> int:
    """Print the tables; with ``--write`` also put them into docs/accuracy.md."""
    parser = argparse.ArgumentParser(description="Regenerate the accuracy tables of docs/accuracy.md.")
    parser.add_argument("--write", action="store_true", help="replace the tables in docs/accuracy.md")
    parser.add_argument("--events-only", action="store_true",
                        help="only the event-dating table (leave the TimeML table as it is)")
    args = parser.parse_args(argv)
    blocks: list[tuple[str, str, str]] = []
    timeml_missing = [str(c) for c in CORPORA if not c.is_dir()]
    if args.events_only:
        pass
    elif timeml_missing:
        print(f"corpora not found: {', '.join(timeml_missing)} (they live in ../shared); "
              "TimeML table not measured")
    else:
        blocks.append((_timeml_table(), START, END))
    events_missing = [str(c) for c in EVENT_SETS if not c.is_dir()]
    if events_missing:
        print(f"corpora not found: {', '.join(events_missing)} (they live in ../shared); "
              "event-dating table not measured")
    else:
        blocks.append((_events_table(), EVENTS_START, EVENTS_END))
    if not blocks:
        print("nothing measured")
        return 0
    print("\n\n".join(table for table, _, _ in blocks))
    if args.write:
        document = DOC.read_text(encoding="utf-8")
        for table, start, end in blocks:
            document = replace_table(document, table, start, end)
        DOC.write_text(document, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
