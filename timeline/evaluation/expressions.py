"""TempEval-3-style scoring of time expressions against TimeML gold annotations.

Run it as::

    python -m timeline.evaluate CORPUS_DIR [CORPUS_DIR ...] [--baseline dateparser]
                                [--errors] [--markdown]
    python -m timeline.evaluate --events DIR [DIR ...] [--errors] [--markdown]

Every ``.tml`` file under each directory (recursively) is read with
:func:`timeline.timeml.read_timeml`; ``timeline.build(doc.text, published=doc.published)`` is run
on it and its ``expressions`` table is scored against the gold ``TIMEX3`` tags:

- **strict** match: identical character span; **relaxed** match: overlapping spans, paired
  one-to-one greedily by overlap. Precision, recall and F1 for both.
- **type** and **value**: accuracy over the relaxed matches (values compared as exact strings,
  like the TempEval-3 scorer), reported as attribute F1 = accuracy x relaxed F1 (attribute
  precision and recall likewise).

Totals are micro-averaged over all documents of a corpus. The scoring functions are pure; the
command line is :func:`main`. ``--events`` scores event dates instead, on folders of
event-dates JSON files (:mod:`timeline.evaluation.events`).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.output.timeml import TimeMLDocument, read_timeml

if TYPE_CHECKING:  # pragma: no cover
    pass

from timeline.evaluation.families import FAMILIES
from timeline.evaluation.scoring import (
    Annotation,
    CorpusResult,
    Counts,
    ErrorRecord,
    System,
    annotations_from_frame,
    annotations_from_gold,
    score_document,
)

__all__ = [
    "SYSTEMS",
    "error_report",
    "evaluate_corpus",
    "find_documents",
    "format_table",
    "main",
    "timeline_system",
    "value_ceiling",
]


def timeline_system(doc: TimeMLDocument) -> tuple[Annotation, ...]:
    """Run ``timeline.build`` on a document and return its expressions table as annotations."""
    import timeline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        result = timeline.build(doc.text, published=doc.published)
    return annotations_from_frame(result.expressions)


def _dateparser_system(doc: TimeMLDocument) -> tuple[Annotation, ...]:
    from timeline.evaluation.baseline import dateparser_annotations

    return dateparser_annotations(doc.text, doc.published)


SYSTEMS: dict[str, System] = {"timeline": timeline_system, "dateparser": _dateparser_system}


# --- corpora ---------------------------------------------------------------------------------


def find_documents(directory: str | Path) -> list[Path]:
    """Every ``.tml`` file under ``directory``, recursively, in sorted order."""
    return sorted(Path(directory).rglob("*.tml"))


def evaluate_corpus(
    corpus: str,
    documents: Sequence[TimeMLDocument],
    system: System,
    *,
    system_name: str = "timeline",
    collect_errors: bool = False,
) -> CorpusResult:
    """Run ``system`` on every document and sum the scores (micro-average).

    A document on which the system raises counts with no expressions found; the failure is
    recorded in :attr:`CorpusResult.failures`.
    """
    total = Counts()
    seconds = 0.0
    errors: list[ErrorRecord] = []
    failures: list[tuple[str, str]] = []
    for doc in documents:
        started = time.perf_counter()
        try:
            ours = system(doc)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            ours = ()
            last = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(last.filename).name}:{last.lineno}"
            failures.append((doc.doc_id, f"{type(error).__name__}: {error} ({where})"))
        seconds += time.perf_counter() - started
        result = score_document(
            doc.doc_id,
            doc.text,
            annotations_from_gold(doc.gold),
            ours,
            collect_errors=collect_errors,
        )
        total = total + result.counts
        errors.extend(result.errors)
    return CorpusResult(corpus, system_name, total, seconds, tuple(errors), tuple(failures))


# --- reports ---------------------------------------------------------------------------------

_HEADER = (
    "corpus",
    "system",
    "docs",
    "gold",
    "found",
    "strict P",
    "strict R",
    "strict F1",
    "relaxed P",
    "relaxed R",
    "relaxed F1",
    "type F1",
    "value F1",
    "value F1 ceiling",
    "seconds",
)


def _row(result: CorpusResult) -> tuple[str, ...]:
    s, c = result.scores, result.counts
    return (
        result.corpus,
        result.system,
        str(c.docs),
        str(c.gold),
        str(c.predicted),
        *(
            f"{100 * x:.1f}"
            for x in (
                s.strict_precision,
                s.strict_recall,
                s.strict_f1,
                s.relaxed_precision,
                s.relaxed_recall,
                s.relaxed_f1,
                s.type_f1,
                s.value_f1,
                value_ceiling(c),
            )
        ),
        f"{result.seconds:.2f}",
    )


def value_ceiling(counts: Counts) -> float:
    """The value F1 (0..1) of a tagger that finds every gold expression and writes every value
    as the gold does whenever the gold's value is TIMEX3: gold values in other notations
    (``2014-05-16-WXX-5``, ``P2H``) are the ones it cannot match."""
    if not counts.gold:
        return 0.0
    return (counts.gold - counts.gold_not_timex3) / counts.gold


def _render(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |"]
        lines.append("|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|")
        lines.extend("| " + " | ".join(row) + " |" for row in rows)
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(header), *(line(row) for row in rows)])


def format_table(results: Sequence[CorpusResult], *, markdown: bool = False) -> str:
    """The score table (percentages) of several results, as plain text or Markdown."""
    return _render(_HEADER, [_row(r) for r in results], markdown)


def _describe(annotation: Annotation | None) -> str:
    if annotation is None:
        return "-"
    return f'"{" ".join(annotation.text.split())}" {annotation.type} {annotation.value}'


def error_report(result: CorpusResult, families: Iterable[str] | None = None) -> str:
    """The errors of a result grouped by expression family, the families with most errors first.

    A summary table (errors, misses, false alarms, wrong value/type/span per family) is followed
    by every error of each family, or only of ``families`` when given.
    """
    listed = set(families) if families is not None else None
    by_family: dict[str, list[ErrorRecord]] = {}
    for record in result.errors:
        by_family.setdefault(record.family, []).append(record)
    stats: dict[str, dict[str, int]] = {}

    def bump(family: str, key: str) -> None:
        stats.setdefault(family, {}).setdefault(key, 0)
        stats[family][key] += 1

    for record in result.errors:
        if record.kind == "miss":
            bump(record.family, "miss")
        elif record.kind == "false_alarm":
            bump(record.family, "false")
        else:
            for attribute in record.wrong:
                bump(record.family, attribute)

    def weight(family: str) -> int:
        counts = stats.get(family, {})
        return sum(counts.get(k, 0) for k in ("miss", "false", "type", "value"))

    ordered = sorted(by_family, key=lambda f: (-weight(f), f))
    header = ("family", "errors", "miss", "false alarm", "wrong value", "wrong type", "wrong span")
    rows = [
        (
            family,
            str(weight(family)),
            *(str(stats.get(family, {}).get(k, 0)) for k in ("miss", "false", "value", "type", "span")),
        )
        for family in ordered
    ]
    out = [
        f"== errors: {result.system} on {result.corpus} ({len(result.errors)} records) ==",
        _render(header, rows, markdown=False),
        "(errors = misses + false alarms + wrong values + wrong types; span-only differences are"
        " listed but not counted)",
    ]
    for family in ordered:
        if listed is not None and family not in listed:
            continue
        out.append("")
        out.append(f"-- {family} --")
        for record in by_family[family]:
            label = "MISS" if record.kind == "miss" else "FALSE" if record.kind == "false_alarm" else (
                "WRONG " + ",".join(record.wrong)
            )
            out.append(
                f"  {label:<18} {record.doc_id}  gold {_describe(record.gold)}"
                f"  | ours {_describe(record.ours)}  | {record.context}"
            )
    return "\n".join(out)


# --- command line ----------------------------------------------------------------------------


def _main_events(directories: Sequence[str], *, errors: bool, markdown: bool) -> int:
    """``--events``: score event dates on each folder and print the table (and the errors)."""
    from timeline.evaluation.events import (
        EventFormatError,
        evaluate_events,
        event_error_report,
        format_events_table,
        read_event_folder,
    )

    results = []
    status = 0
    for directory in directories:
        try:
            documents = read_event_folder(directory)
        except EventFormatError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        result = evaluate_events(Path(directory).resolve().name, documents)
        results.append(result)
        if result.failures:
            status = 1
            print(f"warning: timeline raised on {len(result.failures)} document(s) of {result.name}:",
                  file=sys.stderr)
            for doc_id, message in result.failures[:5]:
                print(f"  {doc_id}: {message}", file=sys.stderr)
        if errors:
            print(event_error_report(result))
            print()
    print(format_events_table(results, markdown=markdown))
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate",
        description="Score timeline's time expressions against TimeML gold (TempEval-3 style).",
    )
    parser.add_argument("corpora", nargs="*", metavar="CORPUS_DIR", help="directory of .tml files")
    parser.add_argument(
        "--events",
        nargs="+",
        default=[],
        metavar="DIR",
        help="score event dates on these folders of event-dates JSON files (timeline.evaluation.events)",
    )
    parser.add_argument(
        "--baseline",
        choices=["dateparser"],
        action="append",
        default=[],
        help="also score this baseline on the same documents",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list every miss, false alarm and wrong value/type of timeline, by family (with"
        " --events: every mention not dated exactly, by cause)",
    )
    parser.add_argument(
        "--family",
        action="append",
        choices=[*sorted({rule.family for rule in FAMILIES}), "other"],
        help="with --errors: list only this family's errors (repeatable; the summary shows all)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (1 if the system raised on a document,
    2 for a bad corpus directory)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.corpora and not args.events:
        parser.error("give at least one CORPUS_DIR or --events DIR")
    results: list[CorpusResult] = []
    status = 0
    if args.events:
        status = _main_events(args.events, errors=args.errors, markdown=args.markdown)
        if status == 2 or not args.corpora:
            return status
        print()
    for directory in args.corpora:
        path = Path(directory)
        if not path.is_dir():
            print(f"error: {directory} is not a directory", file=sys.stderr)
            return 2
        files = find_documents(path)
        if not files:
            print(f"error: no .tml files under {directory}", file=sys.stderr)
            return 2
        try:
            documents = [read_timeml(file) for file in files]
        except (ValueError, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        name = path.resolve().name
        for system_name in ["timeline", *args.baseline]:
            result = evaluate_corpus(
                name,
                documents,
                SYSTEMS[system_name],
                system_name=system_name,
                collect_errors=args.errors and system_name == "timeline",
            )
            results.append(result)
            if result.failures:
                status = 1
                print(
                    f"warning: {system_name} raised on {len(result.failures)} document(s) of {name}:",
                    file=sys.stderr,
                )
                for doc_id, message in result.failures[:5]:
                    print(f"  {doc_id}: {message}", file=sys.stderr)
            if args.errors and system_name == "timeline":
                print(error_report(result, args.family))
                print()
    print(format_table(results, markdown=args.markdown))
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
