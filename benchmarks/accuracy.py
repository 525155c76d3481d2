"""Regenerate the accuracy table of ``docs/accuracy.md``.

    python benchmarks/accuracy.py           # print the Markdown table
    python benchmarks/accuracy.py --write   # also replace the table in docs/accuracy.md

It scores ``timeline`` and the dateparser baseline on ``../shared/corpora/tempeval3-train`` and
``../shared/corpora/tweets-train`` exactly as

    python -m timeline.evaluate ../shared/corpora/tempeval3-train ../shared/corpora/tweets-train \\
        --baseline dateparser --markdown

does, and writes the table between the ``accuracy-table`` markers of ``docs/accuracy.md``,
with the commit it measured. When the corpora are absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.evaluate import SYSTEMS, evaluate_corpus, find_documents, format_table  # noqa: E402
from timeline.timeml import read_timeml  # noqa: E402

__all__ = ["CORPORA", "DOC", "main", "replace_table"]

CORPORA = [ROOT.parent / "shared" / "corpora" / name for name in ("tempeval3-train", "tweets-train")]
DOC = ROOT / "docs" / "accuracy.md"
START = "<!-- accuracy-table:start -->"
END = "<!-- accuracy-table:end -->"


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


def replace_table(document: str, table: str) -> str:
    """``document`` with the text between the table markers replaced by ``table``."""
    before, found, rest = document.partition(START)
    if not found or END not in rest:
        raise ValueError(f"{DOC.name} has no {START} ... {END} block")
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{table}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    """Print the table; with ``--write`` also put it into docs/accuracy.md."""
    parser = argparse.ArgumentParser(description="Regenerate the accuracy table of docs/accuracy.md.")
    parser.add_argument("--write", action="store_true", help="replace the table in docs/accuracy.md")
    args = parser.parse_args(argv)
    missing = [str(c) for c in CORPORA if not c.is_dir()]
    if missing:
        print(f"corpora not found: {', '.join(missing)} (they live in ../shared); nothing measured")
        return 0
    results = []
    notes = []
    for corpus in CORPORA:
        documents = [read_timeml(file) for file in find_documents(corpus)]
        for name in ("timeline", "dateparser"):
            result = evaluate_corpus(corpus.name, documents, SYSTEMS[name], system_name=name)
            if result.failures:
                print(f"warning: {name} raised on {len(result.failures)} document(s) of {corpus.name}; "
                      f"first: {result.failures[0][1]}", file=sys.stderr)
                notes.append(f"{name} raised on {len(result.failures)} document(s) of {corpus.name}, "
                             "scored as finding nothing there")
            results.append(result)
    footer = f"Measured at {_commit()}" + ("; " + "; ".join(notes) if notes else "") + "."
    table = format_table(results, markdown=True) + "\n\n" + footer
    print(table)
    if args.write:
        DOC.write_text(replace_table(DOC.read_text(encoding="utf-8"), table), encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
