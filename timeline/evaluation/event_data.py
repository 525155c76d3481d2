"""The values of event-date scoring (gold mentions, documents, the dated rows of a timeline,
results and counts), gold dates as intervals, and the reading of ``event-dates`` JSON files
(the format is described in :mod:`timeline.evaluation.events`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "EventCounts",
    "EventDocument",
    "EventFormatError",
    "EventSetResult",
    "GoldMention",
    "MentionResult",
    "ONE_DAY",
    "OUTCOMES",
    "RowDating",
    "gold_interval",
    "read_event_document",
    "read_event_json_folder",
    "rows_from_frame",
]

OUTCOMES: tuple[str, ...] = ("exact", "vague", "wrong", "undated", "missing")

ONE_DAY = dt.timedelta(days=1)


class EventFormatError(ValueError):
    """A file of an event-dates folder cannot be read; the message names the file."""


# --- values ----------------------------------------------------------------------------------


@attrs.frozen
class GoldMention:
    """A gold-dated event mention.

    Attributes:
        word: the annotated word(s).
        spans: ``[start, end)`` character offsets of the word; any one of them is the event.
        date: the gold date as written (``2008-03-06``, ``2010-06``, ``2007``, ``2008-01-XX``).
        start: the first instant of the gold interval.
        end: the instant after it (exclusive).
        sentence: the sentence number the gold gives, if any.
    """

    word: str
    spans: tuple[tuple[int, int], ...]
    date: str
    start: dt.datetime
    end: dt.datetime
    sentence: int | None = None


@attrs.frozen
class EventDocument:
    """One article of an event-dates folder."""

    doc_id: str
    text: str
    published: dt.date
    mentions: tuple[GoldMention, ...]
    title: str = ""


@attrs.frozen
class RowDating:
    """The dating of one row of a ``Timeline.events`` table (``None`` for a missing value)."""

    char_start: int
    char_end: int
    start: dt.datetime | None
    end: dt.datetime | None
    grain: str | None = None
    dated_by: str | None = None
    expression: str | None = None
    trigger: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the row has a date (at least one bound)."""
        return self.start is not None or self.end is not None


@attrs.frozen
class MentionResult:
    """How one gold mention fared.

    Attributes:
        doc_id: its document.
        mention: the gold mention.
        outcome: one of :data:`OUTCOMES`.
        baseline: the outcome of the publication-day baseline (``exact`` or ``wrong``, or
            ``vague`` if a gold interval were shorter than a day).
        off_publication: the gold interval does not contain the publication day.
        rows: the covering rows.
        cause: the error cause (:func:`~timeline.evaluation.events.error_cause`); ``""`` when exact.
        context: about 60 characters around the word, marked with ``[[ ]]``.
    """

    doc_id: str
    mention: GoldMention
    outcome: str
    baseline: str
    off_publication: bool
    rows: tuple[RowDating, ...] = ()
    cause: str = ""
    context: str = ""


@attrs.frozen
class EventCounts:
    """Mention counts; they add up over documents and folders.

    Attributes:
        docs: documents.
        mentions: gold-dated mentions.
        exact, vague, wrong, undated, missing: mentions by outcome (they sum to ``mentions``).
        baseline_exact: mentions the publication-day baseline dates exactly.
        baseline_consistent: ... consistently (exact or vaguer).
        off_publication: mentions whose gold interval does not contain the publication day.
        off_publication_exact: those of them dated exactly.
    """

    docs: int = 0
    mentions: int = 0
    exact: int = 0
    vague: int = 0
    wrong: int = 0
    undated: int = 0
    missing: int = 0
    baseline_exact: int = 0
    baseline_consistent: int = 0
    off_publication: int = 0
    off_publication_exact: int = 0

    @property
    def consistent(self) -> int:
        """Exact or vague mentions."""
        return self.exact + self.vague

    def __add__(self, other: EventCounts) -> EventCounts:
        """Field-wise sum."""
        if not isinstance(other, EventCounts):
            return NotImplemented
        return EventCounts(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))


@attrs.frozen
class EventSetResult:
    """One folder scored: its counts, every mention's result, time spent, failures.

    Attributes:
        name: the set's name (its directory name).
        counts: summed counts.
        mentions: every mention's result, document by document.
        seconds: wall time spent inside the system.
        failures: ``(doc_id, message)`` for documents on which the system raised (their
            mentions count as missing).
    """

    name: str
    counts: EventCounts
    mentions: tuple[MentionResult, ...] = ()
    seconds: float = 0.0
    failures: tuple[tuple[str, str], ...] = ()


# --- gold dates ------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$")


def gold_interval(date: str) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` of a gold date: a day ``YYYY-MM-DD``, a month ``YYYY-MM`` or a year
    ``YYYY``; ``XX`` leaves a part open (``2008-01-XX`` is January 2008, ``2010-XX-XX`` and
    ``2010-XX`` are 2010).

    Raises:
        ValueError: not such a date (a bad form, month or day, or a day without its month).
    """
    match = _DATE.match(date.strip()) if isinstance(date, str) else None
    if match is None:
        raise ValueError(f"not a gold date (YYYY, YYYY-MM or YYYY-MM-DD, XX for open parts): {date!r}")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if month_text is None or month_text == "XX":
        if day_text not in (None, "XX"):
            raise ValueError(f"a day without its month: {date!r}")
        return dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    month = int(month_text)
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month} in {date!r}")
    if day_text is None or day_text == "XX":
        return dt.datetime(year, month, 1), dt.datetime(year + (month == 12), month % 12 + 1, 1)
    try:
        start = dt.datetime(year, month, int(day_text))
    except ValueError as error:
        raise ValueError(f"{error} in {date!r}") from None
    return start, start + ONE_DAY


# --- reading ---------------------------------------------------------------------------------


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise EventFormatError(f"{where}: no {key!r}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise EventFormatError(f"{where}: {key!r} is not {getattr(kind, '__name__', kind)}: {value!r}")
    return value


def _mention(item: Any, text: str, where: str) -> GoldMention:
    if not isinstance(item, dict):
        raise EventFormatError(f"{where}: not an object: {item!r}")
    word = _require(item, "word", str, where)
    date = _require(item, "date", str, where)
    raw_spans = _require(item, "spans", list, where)
    spans = []
    for span in raw_spans:
        if (
            not isinstance(span, list)
            or len(span) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)
            or not 0 <= span[0] < span[1] <= len(text)
        ):
            raise EventFormatError(f"{where}: bad span {span!r} (text has {len(text)} characters)")
        spans.append((span[0], span[1]))
    if not spans:
        raise EventFormatError(f"{where}: no spans")
    try:
        start, end = gold_interval(date)
    except ValueError as error:
        raise EventFormatError(f"{where}: {error}") from None
    sentence = item.get("sentence")
    return GoldMention(word, tuple(spans), date, start, end, sentence if isinstance(sentence, int) else None)


def read_event_document(path: str | Path) -> EventDocument:
    """Read one article of an event-dates folder.

    Raises:
        EventFormatError: the file is not valid JSON or not in the format; the message names it.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EventFormatError(f"{path}: cannot read: {error}") from None
    if not isinstance(data, dict):
        raise EventFormatError(f"{path}: not a JSON object")
    where = str(path)
    text = _require(data, "text", str, where)
    published_text = _require(data, "published", str, where)
    try:
        published = dt.date.fromisoformat(published_text)
    except ValueError:
        raise EventFormatError(f"{path}: 'published' is not YYYY-MM-DD: {published_text!r}") from None
    events = _require(data, "events", list, where)
    mentions = tuple(_mention(item, text, f"{path}: events[{i}]") for i, item in enumerate(events))
    doc_id = data.get("doc_id", path.stem)
    return EventDocument(str(doc_id), text, published, mentions, str(data.get("title", "")))


def read_event_json_folder(directory: str | Path) -> list[EventDocument]:
    """Every ``*.json`` article directly in ``directory``, in file-name order.

    Raises:
        EventFormatError: ``directory`` is not a directory, holds no ``.json`` file, or one of
            them is malformed (the message names it).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EventFormatError(f"{directory} is not a directory")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise EventFormatError(f"no .json files in {directory}")
    return [read_event_document(file) for file in files]


# --- rows ------------------------------------------------------------------------------------


def _time(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    try:
        if value != value:  # NaT / NaN
            return None
    except (TypeError, ValueError):  # pragma: no cover - exotic values
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return None


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return text if text and text not in ("nan", "<NA>", "NaT", "None") else None


def rows_from_frame(frame: pd.DataFrame) -> tuple[RowDating, ...]:
    """The rows of a ``Timeline.events`` table as :class:`RowDating` (columns it lacks are
    ``None``; ``char_start``, ``char_end``, ``start`` and ``end`` are required)."""
    if len(frame) == 0:
        return ()
    size = len(frame)

    def column(name: str) -> list[Any]:
        return frame[name].tolist() if name in frame.columns else [None] * size

    return tuple(
        RowDating(int(cs), int(ce), _time(s), _time(e), _text(g), _text(d), _text(x), _text(t))
        for cs, ce, s, e, g, d, x, t in zip(
            column("char_start"),
            column("char_end"),
            column("start"),
            column("end"),
            column("grain"),
            column("dated_by"),
            column("expression"),
            column("trigger"),
        )
    )
