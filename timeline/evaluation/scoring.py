"""Scoring of time expressions (pure): the annotations compared, their one-to-one matching and the\ncounts and scores of a document or corpus.\n"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from timeline.output.timeml import GoldTimex, TimeMLDocument, is_timex3_value

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from timeline.evaluation.families import classify_family

__all__ = [
    "Annotation",
    "Counts",
    "CorpusResult",
    "DocumentResult",
    "ErrorRecord",
    "Scores",
    "System",
    "annotations_from_frame",
    "annotations_from_gold",
    "match_relaxed",
    "match_strict",
    "score_counts",
    "score_document",
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
