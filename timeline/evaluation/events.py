"""Scoring of event dates against gold-dated event mentions (the ``event-dates`` JSON format).

A folder holds one JSON file per article::

    {"doc_id": "10718", "title": "...", "published": "2008-01-09", "text": "...",
     "events": [{"sentence": 2, "word": "lower", "spans": [[57, 62]], "date": "2008-01-09"}],
     "skipped": [...]}

``date`` is a day ``YYYY-MM-DD``, a month ``YYYY-MM`` or a year ``YYYY``, with ``XX`` for the
parts the annotator left open (``2008-01-XX`` is a month, ``2010-XX-XX`` a year); ``skipped``
is not scored. For each gold mention, the event rows of ``timeline.build(text, published=...)``
whose ``[char_start, char_end]`` covers one of its spans decide its outcome:

- **exact**: every covering row's ``[start, end)`` lies inside the gold interval;
- **vague** (counted with exact as *consistent*): no covering row is disjoint from it;
- **wrong**: a covering row is disjoint from it;
- **undated**: the covering rows have no date; **missing**: no row covers the word.

Covering rows without a date are ignored when another covering row has one. The
publication-day baseline dates every event on the publication day and is scored the same way.

The values and the reading of files are in :mod:`timeline.evaluation.event_data` (re-exported
here). Everything here is a pure function over :mod:`attrs` value objects, except
:func:`read_event_document` / :func:`read_event_folder` (which read files) and
:func:`evaluate_events` (which runs the system it is given). The command line is
``python -m timeline.evaluate --events DIR`` (:mod:`timeline.evaluation.expressions`).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from timeline.evaluation.event_data import (
    ONE_DAY,
    OUTCOMES,
    EventCounts,
    EventDocument,
    EventFormatError,
    EventSetResult,
    GoldMention,
    MentionResult,
    RowDating,
    gold_interval,
    read_event_document,
    read_event_json_folder,
    rows_from_frame,
)
from timeline.evaluation.tlinks import read_timeml_event_dates
from timeline.lexicon import lexicon

__all__ = [
    "OUTCOMES",
    "EventCounts",
    "EventDocument",
    "EventFormatError",
    "EventSetResult",
    "EventSystem",
    "GoldMention",
    "MentionResult",
    "RowDating",
    "baseline_outcome",
    "count_mentions",
    "error_cause",
    "evaluate_events",
    "event_error_report",
    "format_events_table",
    "gold_interval",
    "missing_kind",
    "read_event_document",
    "read_event_folder",
    "read_event_json_folder",
    "rows_from_frame",
    "rows_outcome",
    "score_event_document",
    "timeline_events",
]


def read_event_folder(directory: str | Path) -> list[EventDocument]:
    """The gold-dated event mentions of a folder: its ``*.json`` articles (the event-dates
    format, :func:`read_event_json_folder`), else the events the TLINKs of its TimeML files
    (``*.tml``, sub-folders included) date (:mod:`timeline.evaluation.tlinks`).

    Raises:
        EventFormatError: ``directory`` is not a directory, holds no ``.json`` or ``.tml``
            file, or one of them is malformed (the message names it).
    """
    directory = Path(directory)
    if directory.is_dir() and next(directory.glob("*.json"), None) is None:
        if next(directory.rglob("*.tml"), None) is None:
            raise EventFormatError(f"no .json or .tml files in {directory}")
        try:
            return read_timeml_event_dates(directory)
        except ValueError as error:
            raise EventFormatError(f"{directory}: {error}") from None
    return read_event_json_folder(directory)


# --- scoring (pure) --------------------------------------------------------------------------


def _covers(row: RowDating, spans: Iterable[tuple[int, int]]) -> bool:
    return any(row.char_start <= start and end <= row.char_end for start, end in spans)


def _inside(row: RowDating, start: dt.datetime, end: dt.datetime) -> bool:
    return row.start is not None and row.end is not None and start <= row.start and row.end <= end


def _disjoint(row: RowDating, start: dt.datetime, end: dt.datetime) -> bool:
    return (row.end is not None and row.end <= start) or (row.start is not None and row.start >= end)


def rows_outcome(rows: Sequence[RowDating], start: dt.datetime, end: dt.datetime) -> str:
    """The outcome (:data:`OUTCOMES`) of the rows covering a mention whose gold interval is
    ``[start, end)``. Undated rows count only when no covering row is dated; a row with one
    open bound is dated but never exact."""
    if not rows:
        return "missing"
    dated = [row for row in rows if row.dated]
    if not dated:
        return "undated"
    if any(_disjoint(row, start, end) for row in dated):
        return "wrong"
    if all(_inside(row, start, end) for row in dated):
        return "exact"
    return "vague"


def baseline_outcome(published: dt.date, start: dt.datetime, end: dt.datetime) -> str:
    """The outcome of dating the event on the publication day."""
    day = dt.datetime(published.year, published.month, published.day)
    return rows_outcome((RowDating(0, 0, day, day + ONE_DAY),), start, end)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+|\S")
_REPORT_WORDS = lexicon()

_DETERMINERS = _REPORT_WORDS.word_set("evaluation", "determiners")
_PREPOSITIONS = _REPORT_WORDS.word_set("evaluation", "prepositions")
_AUXILIARIES = _REPORT_WORDS.word_set("evaluation", "auxiliaries")
_SUBJECTS = _REPORT_WORDS.word_set("evaluation", "subjects")
_ADJECTIVE_ENDINGS = tuple(_REPORT_WORDS.evaluation["adjective_endings"])
_ADJECTIVES = _REPORT_WORDS.word_set("evaluation", "adjectives")
#: past forms: the one list of tense.json and the participles of evaluation.json
_IRREGULAR_PAST = _REPORT_WORDS.word_set("tense", "past") | _REPORT_WORDS.word_set("evaluation", "participles")


def _words_before(text: str, start: int, count: int = 2) -> list[str]:
    line_start = text.rfind("\n", 0, start) + 1
    return [w.lower() for w in _WORD.findall(text[line_start:start])][-count:]


def missing_kind(text: str, span: tuple[int, int]) -> str:
    """The kind of a word no event row covers, read from its context (a heuristic): ``headline``
    (in the first line), ``event noun``, ``to-infinitive``, ``-ing form``, ``verb in the present
    tense`` or ``other verb``."""
    start, end = span
    if "\n" not in text[:start]:
        return "headline"
    words = text[start:end].lower().split()
    word = words[0] if words else ""
    before = _words_before(text, start)
    previous = before[-1] if before else ""
    raw_previous = text[:start].rstrip().rsplit(None, 1)[-1] if text[:start].strip() else ""
    possessive = previous.endswith(("'s", "’s", "s'")) or raw_previous in ("'s", "’s")
    if previous in _DETERMINERS or possessive:
        return "event noun"
    if previous == "to":
        return "to-infinitive"
    if word.endswith("ing") and len(word) > 4:
        return "-ing form"
    adjective = previous in _ADJECTIVES or (
        len(previous) > 4 and previous.endswith(_ADJECTIVE_ENDINGS) and previous not in _AUXILIARIES
    )
    if previous in _PREPOSITIONS or adjective:
        return "event noun"
    if word.endswith("s") and not word.endswith(("ss", "ous")) and previous and (
        previous in _SUBJECTS or previous not in _AUXILIARIES
    ):
        return "verb in the present tense"
    if word.endswith(("ed", "en")) or word in _IRREGULAR_PAST or previous in _AUXILIARIES or (
        previous.endswith("ly") and len(previous) > 3
    ):
        return "other verb"
    return "event noun"


_TENSE_LIKE = ("tense", "default", "publication", "estimate", "guess")


def _row_cause(row: RowDating) -> str:
    dated_by = (row.dated_by or "none").lower()
    if not row.dated or dated_by == "none":
        return "undated"
    if dated_by in ("explicit", "sentence"):
        return "wrong expression"
    if dated_by in ("anchored", "narrative"):
        return "wrong anchor"
    if any(part in dated_by for part in _TENSE_LIKE):
        return "tense default"
    return f"dated_by {dated_by}"


def error_cause(outcome: str, rows: Sequence[RowDating], text: str, spans: Sequence[tuple[int, int]],
                start: dt.datetime, end: dt.datetime) -> str:
    """Why a mention is not exact: ``missing: <kind>`` (:func:`missing_kind`) when no row covers
    it, ``undated``, else from the ``dated_by`` of the row at fault (the first disjoint row if
    wrong, the first non-exact dated row if vague): ``wrong expression`` (explicit, sentence),
    ``wrong anchor`` (anchored, narrative), ``tense default`` (tense or any value naming a
    default/publication estimate), ``undated`` (none) or ``dated_by <value>`` for others.
    ``""`` when exact."""
    if outcome == "exact":
        return ""
    if outcome == "missing":
        return "missing: " + missing_kind(text, spans[0])
    if outcome == "undated":
        return "undated"
    dated = [row for row in rows if row.dated]
    if outcome == "wrong":
        culprit = next(row for row in dated if _disjoint(row, start, end))
    else:
        culprit = next(row for row in dated if not _inside(row, start, end))
    return _row_cause(culprit)


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    snippet = f"{text[max(0, start - width):start]}[[{text[start:end]}]]{text[end:end + width]}"
    return " ".join(snippet.split())


def score_event_document(document: EventDocument, rows: Sequence[RowDating]) -> tuple[MentionResult, ...]:
    """Score every gold mention of ``document`` against the event rows of its timeline."""
    published = dt.datetime(document.published.year, document.published.month, document.published.day)
    results = []
    for mention in document.mentions:
        covering = tuple(row for row in rows if _covers(row, mention.spans))
        outcome = rows_outcome(covering, mention.start, mention.end)
        baseline = baseline_outcome(document.published, mention.start, mention.end)
        off = not (mention.start <= published < mention.end)
        cause = error_cause(outcome, covering, document.text, mention.spans, mention.start, mention.end)
        first = mention.spans[0]
        results.append(
            MentionResult(
                document.doc_id, mention, outcome, baseline, off, covering, cause,
                _context(document.text, *first),
            )
        )
    return tuple(results)


def count_mentions(results: Iterable[MentionResult], docs: int = 0) -> EventCounts:
    """The :class:`EventCounts` of mention results (``docs`` is passed through)."""
    tally = dict.fromkeys(OUTCOMES, 0)
    mentions = baseline_exact = baseline_consistent = off = off_exact = 0
    for result in results:
        mentions += 1
        tally[result.outcome] += 1
        baseline_exact += result.baseline == "exact"
        baseline_consistent += result.baseline in ("exact", "vague")
        if result.off_publication:
            off += 1
            off_exact += result.outcome == "exact"
    return EventCounts(
        docs, mentions, tally["exact"], tally["vague"], tally["wrong"], tally["undated"],
        tally["missing"], baseline_exact, baseline_consistent, off, off_exact,
    )


# --- running ---------------------------------------------------------------------------------

#: A system maps a document to the rows of its events table.
EventSystem = Callable[[EventDocument], Sequence[RowDating]]


def timeline_events(document: EventDocument) -> tuple[RowDating, ...]:
    """Run ``timeline.build(text, published=...)`` on a document; its events table as rows."""
    import timeline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        result = timeline.build(document.text, published=document.published.isoformat())
    return rows_from_frame(result.events)


def evaluate_events(name: str, documents: Sequence[EventDocument],
                    system: EventSystem = timeline_events) -> EventSetResult:
    """Run ``system`` on every document and score it. A document on which it raises is scored
    with no rows (all its mentions missing) and recorded in :attr:`EventSetResult.failures`."""
    mentions: list[MentionResult] = []
    failures: list[tuple[str, str]] = []
    seconds = 0.0
    for document in documents:
        started = time.perf_counter()
        try:
            rows = system(document)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            rows = ()
            last = traceback.extract_tb(error.__traceback__)[-1]
            failures.append((document.doc_id, f"{type(error).__name__}: {error} "
                                              f"({Path(last.filename).name}:{last.lineno})"))
        seconds += time.perf_counter() - started
        mentions.extend(score_event_document(document, rows))
    counts = count_mentions(mentions, docs=len(documents))
    return EventSetResult(name, counts, tuple(mentions), seconds, tuple(failures))


# --- reports ---------------------------------------------------------------------------------

_HEADER = (
    "set",
    "gold-dated mentions",
    "exact",
    "consistent (exact included)",
    "wrong",
    "undated",
    "missing",
    "publication-day baseline (exact)",
    "exact where gold ≠ publication day",
)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _row(result: EventSetResult) -> tuple[str, ...]:
    c = result.counts
    return (
        result.name,
        str(c.mentions),
        *(f"{_share(n, c.mentions)} ({n})" for n in (c.exact, c.consistent, c.wrong, c.undated, c.missing,
                                                     c.baseline_exact)),
        f"{_share(c.off_publication_exact, c.off_publication)} ({c.off_publication_exact}/{c.off_publication})",
    )


def _render(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        lines.extend("| " + " | ".join(row) + " |" for row in rows)
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(header), *(line(row) for row in rows)])


def format_events_table(results: Sequence[EventSetResult], *, markdown: bool = False) -> str:
    """The event-dating table of several sets (shares of the gold-dated mentions, counts in
    brackets), as plain text or Markdown."""
    return _render(_HEADER, [_row(r) for r in results], markdown)


def _describe_row(row: RowDating) -> str:
    when = "NaT" if row.start is None else row.start.strftime("%Y-%m-%d" if row.start.time() == dt.time() else "%Y-%m-%dT%H:%M")
    expression = f' "{row.expression}"' if row.expression else ""
    return f"{when} {row.grain or '-'} {row.dated_by or '-'}{expression}"


def _cause_order(cause: str) -> tuple[int, str]:
    return (1 if cause.startswith("missing") else 0, cause)


def event_error_report(result: EventSetResult) -> str:
    """Every non-exact mention of a set, grouped by cause: first a table of counts per cause
    (wrong / vague / undated / missing), the largest first, then each mention with its document,
    word, gold date, our covering rows (start, grain, dated_by, expression) and context."""
    by_cause: dict[str, list[MentionResult]] = {}
    for mention in result.mentions:
        if mention.outcome != "exact":
            by_cause.setdefault(mention.cause, []).append(mention)
    ordered = sorted(by_cause, key=lambda cause: (-len(by_cause[cause]), _cause_order(cause)))
    header = ("cause", "mentions", "wrong", "vague", "undated", "missing")
    rows = [
        (cause, str(len(by_cause[cause])),
         *(str(sum(m.outcome == outcome for m in by_cause[cause])) for outcome in header[2:]))
        for cause in ordered
    ]
    total = sum(len(group) for group in by_cause.values())
    out = [
        f"== event dating errors on {result.name}: {total} of {result.counts.mentions} mentions not exact ==",
        _render(header, rows, markdown=False),
    ]
    for cause in ordered:
        out.append("")
        out.append(f"-- {cause} ({len(by_cause[cause])}) --")
        for mention in by_cause[cause]:
            ours = "; ".join(_describe_row(row) for row in mention.rows) or "no row"
            out.append(
                f"  {mention.outcome.upper():<8} {mention.doc_id}  {mention.mention.word!r} gold "
                f"{mention.mention.date}  | ours {ours}  | {mention.context}"
            )
    return "\n".join(out)
