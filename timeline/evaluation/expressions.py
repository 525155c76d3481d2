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
import re
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from timeline.output.timeml import GoldTimex, TimeMLDocument, is_timex3_value, read_timeml

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "FAMILIES",
    "Annotation",
    "Counts",
    "CorpusResult",
    "DocumentResult",
    "ErrorRecord",
    "FamilyRule",
    "SYSTEMS",
    "Scores",
    "System",
    "annotations_from_frame",
    "annotations_from_gold",
    "classify_family",
    "error_report",
    "evaluate_corpus",
    "find_documents",
    "format_table",
    "main",
    "match_relaxed",
    "match_strict",
    "score_counts",
    "score_document",
    "timeline_system",
    "value_ceiling",
]


# --- values ----------------------------------------------------------------------------------


@attrs.frozen
class Annotation:
    """A time expression to score: a span of the document text with its TIMEX3 type and value."""

    char_start: int
    char_end: int
    text: str
    type: str
    value: str


@attrs.frozen
class Counts:
    """Micro-average counts; they add up over documents and corpora.

    Attributes:
        docs: documents counted.
        gold: gold expressions.
        predicted: expressions the system found.
        strict: one-to-one pairs with identical spans.
        relaxed: one-to-one pairs with overlapping spans.
        type_correct: relaxed pairs whose types are equal.
        value_correct: relaxed pairs whose values are equal.
        gold_not_timex3: gold expressions whose value is not written as TIMEX3 allows
            (:func:`timeline.timeml.is_timex3_value`): no TIMEX3 tagger can agree with them.
    """

    docs: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    gold_not_timex3: int = 0

    def __add__(self, other: Counts) -> Counts:
        """Field-wise sum."""
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))


@attrs.frozen
class Scores:
    """Precision, recall and F1 (0..1) computed from :class:`Counts` by :func:`score_counts`.

    A ratio whose denominator is zero is 0.0.
    """

    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float
    type_precision: float
    type_recall: float
    type_f1: float
    value_accuracy: float
    value_precision: float
    value_recall: float
    value_f1: float


@attrs.frozen
class ErrorRecord:
    """One scoring error, for the ``--errors`` listing.

    Attributes:
        doc_id: the document.
        kind: ``miss`` (gold not found), ``false_alarm`` (found, not in gold) or ``wrong``
            (a relaxed pair with a wrong span, type or value).
        family: the expression family (:func:`classify_family` of the gold, or of ours for a
            false alarm).
        gold: the gold annotation, if any.
        ours: the system's annotation, if any.
        wrong: for ``wrong``: which of ``span``, ``type``, ``value`` differ.
        context: the text around the expression, the span marked with ``[[ ]]``.
    """

    doc_id: str
    kind: str
    family: str
    gold: Annotation | None
    ours: Annotation | None
    wrong: tuple[str, ...] = ()
    context: str = ""


@attrs.frozen
class DocumentResult:
    """The counts and errors of one document."""

    doc_id: str
    counts: Counts
    errors: tuple[ErrorRecord, ...] = ()


@attrs.frozen
class CorpusResult:
    """One system on one corpus: summed counts, errors, time spent in the system, failures.

    Attributes:
        corpus: the corpus name (its directory name).
        system: the system name.
        counts: micro-average counts over all documents.
        seconds: wall time spent inside the system (not in reading or scoring).
        errors: every error record, document by document.
        failures: ``(doc_id, message)`` for documents on which the system raised.
    """

    corpus: str
    system: str
    counts: Counts
    seconds: float
    errors: tuple[ErrorRecord, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()

    @property
    def scores(self) -> Scores:
        """The scores of :attr:`counts`."""
        return score_counts(self.counts)


#: A system maps a document to the expressions it finds.
System = Callable[[TimeMLDocument], Sequence[Annotation]]


# --- matching and scoring (pure) -------------------------------------------------------------


def match_strict(gold: Sequence[Annotation], ours: Sequence[Annotation]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, our index)`` pairs with identical spans, in gold order."""
    free: dict[tuple[int, int], list[int]] = {}
    for j, annotation in enumerate(ours):
        free.setdefault((annotation.char_start, annotation.char_end), []).append(j)
    pairs = []
    for i, annotation in enumerate(gold):
        candidates = free.get((annotation.char_start, annotation.char_end))
        if candidates:
            pairs.append((i, candidates.pop(0)))
    return pairs


def _overlap(a: Annotation, b: Annotation) -> int:
    return min(a.char_end, b.char_end) - max(a.char_start, b.char_start)


def match_relaxed(gold: Sequence[Annotation], ours: Sequence[Annotation]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, our index)`` pairs of overlapping spans, in gold order.

    Pairs are taken greedily by decreasing overlap (ties: identical span first, then the
    closer start, then text order), so each gold and each of ours is used at most once.
    """
    ordered_ours = sorted(range(len(ours)), key=lambda j: ours[j].char_start)
    candidates: list[tuple[int, int, int, int, int]] = []
    for i, g in enumerate(gold):
        for j in ordered_ours:
            o = ours[j]
            if o.char_start >= g.char_end:
                break
            size = _overlap(g, o)
            if size > 0:
                identical = 0 if (g.char_start, g.char_end) == (o.char_start, o.char_end) else 1
                candidates.append((-size, identical, abs(g.char_start - o.char_start), i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_ours: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i in used_gold or j in used_ours:
            continue
        used_gold.add(i)
        used_ours.add(j)
        pairs.append((i, j))
    pairs.sort()
    return pairs


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def score_counts(counts: Counts) -> Scores:
    """Precision, recall and F1 for strict and relaxed spans, and attribute scores.

    Attribute accuracy is ``correct / relaxed``; attribute precision, recall and F1 are that
    accuracy times the relaxed precision, recall and F1 (TempEval-3).
    """
    sp = _ratio(counts.strict, counts.predicted)
    sr = _ratio(counts.strict, counts.gold)
    rp = _ratio(counts.relaxed, counts.predicted)
    rr = _ratio(counts.relaxed, counts.gold)
    rf = _f1(rp, rr)
    ta = _ratio(counts.type_correct, counts.relaxed)
    va = _ratio(counts.value_correct, counts.relaxed)
    return Scores(
        strict_precision=sp,
        strict_recall=sr,
        strict_f1=_f1(sp, sr),
        relaxed_precision=rp,
        relaxed_recall=rr,
        relaxed_f1=rf,
        type_accuracy=ta,
        type_precision=ta * rp,
        type_recall=ta * rr,
        type_f1=ta * rf,
        value_accuracy=va,
        value_precision=va * rp,
        value_recall=va * rr,
        value_f1=va * rf,
    )


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    snippet = f"{before}[[{text[start:end]}]]{after}"
    return " ".join(snippet.split())


def score_document(
    doc_id: str,
    text: str,
    gold: Sequence[Annotation],
    ours: Sequence[Annotation],
    *,
    collect_errors: bool = True,
) -> DocumentResult:
    """Score one document: its :class:`Counts` and, if asked, its :class:`ErrorRecord` list."""
    strict = match_strict(gold, ours)
    relaxed = match_relaxed(gold, ours)
    type_correct = sum(1 for i, j in relaxed if gold[i].type == ours[j].type)
    value_correct = sum(1 for i, j in relaxed if gold[i].value == ours[j].value)
    counts = Counts(
        docs=1,
        gold=len(gold),
        predicted=len(ours),
        strict=len(strict),
        relaxed=len(relaxed),
        type_correct=type_correct,
        value_correct=value_correct,
        gold_not_timex3=sum(1 for g in gold if not is_timex3_value(g.value)),
    )
    if not collect_errors:
        return DocumentResult(doc_id, counts)
    errors: list[tuple[int, ErrorRecord]] = []
    matched_gold = {i: j for i, j in relaxed}
    matched_ours = {j for _, j in relaxed}
    for i, g in enumerate(gold):
        context = _context(text, g.char_start, g.char_end)
        if i not in matched_gold:
            record = ErrorRecord(doc_id, "miss", classify_family(g), g, None, (), context)
            errors.append((g.char_start, record))
            continue
        o = ours[matched_gold[i]]
        wrong = tuple(
            name
            for name, differs in (
                ("span", (g.char_start, g.char_end) != (o.char_start, o.char_end)),
                ("type", g.type != o.type),
                ("value", g.value != o.value),
            )
            if differs
        )
        if wrong:
            record = ErrorRecord(doc_id, "wrong", classify_family(g), g, o, wrong, context)
            errors.append((g.char_start, record))
    for j, o in enumerate(ours):
        if j not in matched_ours:
            context = _context(text, o.char_start, o.char_end)
            record = ErrorRecord(doc_id, "false_alarm", classify_family(o), None, o, (), context)
            errors.append((o.char_start, record))
    errors.sort(key=lambda pair: pair[0])
    return DocumentResult(doc_id, counts, tuple(record for _, record in errors))


# --- expression families ---------------------------------------------------------------------


@attrs.frozen
class FamilyRule:
    """A row of :data:`FAMILIES`: an annotation is in ``family`` if its type is one of
    ``types``, its value matches ``value``, or its text matches ``text`` (case-insensitive)."""

    family: str
    text: str | None = None
    types: frozenset[str] = frozenset()
    value: str | None = None


_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)

#: Expression families for error reports; the first matching row wins.
FAMILIES: tuple[FamilyRule, ...] = (
    FamilyRule(
        "set",
        text=r"\b(every|each|daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly|per)\b",
        types=frozenset({"SET"}),
    ),
    FamilyRule(
        "reference",
        text=r"^(the\s+)?(now|right now|just now|currently|current|recent|recently|present|"
        r"presently|past|future|former|formerly|previously|nowadays|these days|lately|soon|"
        r"then|at the time|the time|the moment|so far)$",
        value=r"^(PAST|PRESENT|FUTURE)_REF$",
    ),
    FamilyRule("ago/later", text=r"\b(ago|later|earlier|hence|before|after|since|from now|prior)\b"),
    FamilyRule("duration", types=frozenset({"DURATION"})),
    FamilyRule(
        "time of day/clock",
        text=r"\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(a\.?m\b\.?|p\.?m\b\.?)|\b(noon|midnight|o'clock|"
        r"gmt|utc|est|edt|pst|pdt|cst|cdt)\b",
    ),
    FamilyRule("relative day", text=r"\b(today|tonight|yesterday|tomorrow)\b"),
    FamilyRule(
        "part of day",
        text=r"\b(morning|afternoon|evening|night|overnight|dawn|dusk|daybreak|nightfall|"
        r"daytime|midday)\b",
    ),
    FamilyRule("weekday", text=rf"\b({_WEEKDAYS})\b"),
    FamilyRule(
        "holiday",
        text=r"\b(christmas|xmas|easter|thanksgiving|halloween|new year'?s?( day| eve)?|"
        r"valentine'?s?|ramadan|hanukkah|independence day|labor day|memorial day|"
        r"mother'?s day|father'?s day)\b",
    ),
    FamilyRule(
        "quarter/season",
        text=r"\b(quarter|quarters|spring|summer|fall|autumn|winter|half|semester|fiscal|season)\b",
    ),
    FamilyRule(
        "month/day date",
        text=rf"\b({_MONTHS})\b\.?|\b\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?\b|\b\d{{4}}-\d{{2}}"
        r"|\b\d{1,2}(st|nd|rd|th)\b",
    ),
    FamilyRule(
        "decade/century",
        text=r"\b\d{2,4}'?s\b|'\d0s\b|\b(decade|decades|century|centuries|millennium|"
        r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    ),
    FamilyRule(
        "relative unit",
        text=r"\b(week|weeks|weekend|weekends|month|months|year|years|day|days|fortnight)\b",
    ),
    FamilyRule("year", text=r"\b(1\d|20)\d{2}\b|'\d{2}\b"),
)

_COMPILED: tuple[tuple[FamilyRule, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        re.compile(rule.text, re.IGNORECASE) if rule.text else None,
        re.compile(rule.value) if rule.value else None,
    )
    for rule in FAMILIES
)


def classify_family(annotation: Annotation) -> str:
    """The expression family of an annotation (a :data:`FAMILIES` name, or ``other``)."""
    text = " ".join(annotation.text.split())
    for rule, text_pattern, value_pattern in _COMPILED:
        if annotation.type in rule.types:
            return rule.family
        if value_pattern is not None and value_pattern.search(annotation.value):
            return rule.family
        if text_pattern is not None and text_pattern.search(text):
            return rule.family
    return "other"


# --- systems ---------------------------------------------------------------------------------


def annotations_from_gold(gold: Iterable[GoldTimex]) -> tuple[Annotation, ...]:
    """The gold TIMEX3 tags of a document as annotations."""
    return tuple(Annotation(g.char_start, g.char_end, g.text, g.type, g.value) for g in gold)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def annotations_from_frame(frame: pd.DataFrame) -> tuple[Annotation, ...]:
    """The rows of a ``Timeline.expressions`` table as annotations (missing values are ``""``)."""
    if len(frame) == 0:
        return ()
    columns = [frame[name].tolist() for name in ("char_start", "char_end", "text", "type", "value")]
    return tuple(
        Annotation(int(start), int(end), _cell(text), _cell(kind), _cell(value))
        for start, end, text, kind, value in zip(*columns)
    )


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
