"""The public entry point: ``build`` an article into a :class:`Timeline`."""

from __future__ import annotations

import datetime as dt
import functools
import os
import warnings
from typing import TYPE_CHECKING, Any, Literal

import attrs

from timeline.events import build_events
from timeline.extract.dates import DATE_ORDERS, read_slash_date
from timeline.extract.scan import find_mentions
from timeline.published import parse_published
from timeline.resolve.anchor import decide_context
from timeline.resolve.context import DocumentMode
from timeline.resolve.document import resolve_mentions
from timeline.text.language import MIN_WORDS, THRESHOLD, english_share, looks_english
from timeline.text.sentences import split_sentences
from timeline.text.view import replace_surrogates, scanning_view
from timeline.types import Article, Event, Expression, Mention, Sentence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["DateOrder", "Mode", "Timeline", "TimelineWarning", "build"]

Mode = Literal["auto", "news", "narrative"]
#: the order of the numbers of a slash date ("09/01/2016"), as dateparser's ``DATE_ORDER``
DateOrder = Literal["MDY", "DMY", "YMD"]


class TimelineWarning(UserWarning):
    """Raised as a warning when a timeline is built with less information than it needs."""


@attrs.frozen(slots=False)
class Timeline:
    """The timeline of one article: its expressions and events, as value objects and tables.

    Attributes:
        article: the article, with the publication date actually used.
        sentences: the article's sentences.
        expression_list: every time expression, resolved, in text order.
        event_list: every event, in text order.
        mode: ``news`` (relative times anchor on publication) or ``narrative``.
        notes: what the builder wants the reader to know (missing publication date, ...).
    """

    article: Article
    sentences: tuple[Sentence, ...]
    expression_list: tuple[Expression, ...]
    event_list: tuple[Event, ...]
    mode: DocumentMode = "news"
    notes: tuple[str, ...] = ()

    @functools.cached_property
    def expressions(self) -> pd.DataFrame:
        """One row per time expression (see ``timeline.table.EXPRESSION_COLUMNS``)."""
        from timeline.output.table import expressions_frame  # pandas only when a table is asked for

        return expressions_frame(self.expression_list, self.sentences)

    @functools.cached_property
    def events(self) -> pd.DataFrame:
        """One row per event, sorted by time (see ``timeline.table.EVENT_COLUMNS``)."""
        from timeline.output.table import events_frame

        return events_frame(self.event_list)

    def figure(self, **options: Any) -> go.Figure:
        """Draw the events as an interactive Plotly figure (see :func:`timeline.plot.figure`)."""
        from timeline.output.plot import figure

        return figure(self, **options)

    def to_html(self, path: str | os.PathLike[str], *, offline: bool = True, **options: Any) -> None:
        """Write the figure to one HTML file; ``offline=True`` inlines plotly.js."""
        from timeline.output.page import write_html

        write_html(self, path, offline=offline, **options)

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the events table as CSV (ISO dates); return the text when ``path`` is None."""
        from timeline.output.export import to_csv

        return to_csv(self, path)

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """Write the events table as JSON records (ISO dates); return the text when ``path`` is None."""
        from timeline.output.export import to_json

        return to_json(self, path)

    def to_parquet(self, path: str | os.PathLike[str]) -> None:
        """Write the events table as Parquet (needs pyarrow)."""
        from timeline.output.export import to_parquet

        to_parquet(self, path)

    def to_timelinejs(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The Knight Lab TimelineJS JSON document; also written to ``path`` when given."""
        from timeline.output.export import to_timelinejs

        return to_timelinejs(self, path)

    def to_timeml(self, path: str | os.PathLike[str] | None = None) -> str:
        """The article as TimeML with TIMEX3 tags; also written to ``path`` when given."""
        from timeline.output.timeml import to_timeml

        return to_timeml(self, path)


def _as_article(article: str | Article, published: object, date_order: str = "MDY") -> Article:
    if isinstance(article, Article):
        if published is None:
            return article
        return attrs.evolve(article, published=parse_published(published, date_order=date_order))
    if isinstance(article, str):
        return Article(article, published=parse_published(published, date_order=date_order))
    raise TypeError(f"article must be a str or timeline.Article, not {type(article).__name__}")


def _iso(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value is not None else "none"


_QUOTED = 3  # at most this many expressions are quoted in a note


def _date_order_notes(mentions: tuple[Mention, ...], date_order: str, *, guessed: bool = False) -> list[str]:
    """One note per slash date read in another order than ``date_order`` because it is
    impossible in it ("15/01/2016" under MDY); a date that opens with a four-digit year
    ("2016/01/09") says its order itself and needs none. When the order was not given
    (``guessed``), also one per date that day-first would read otherwise ("09/01/2016")."""
    notes = []
    for mention in mentions:
        if mention.text.count("/") != 2 or len(mention.text.strip().split("/")[0]) == 4:
            continue
        read = read_slash_date(mention.text, date_order)
        if read is None:
            continue
        reading, order = read
        if order != date_order:
            notes.append(
                f"{mention.text!r} cannot be a {date_order} date: read as {order} "
                f"(month {reading.month}, day {reading.day})"
            )
        elif guessed:
            other = read_slash_date(mention.text, "DMY")
            if other is not None and other[1] == "DMY" and (other[0].month, other[0].day) != (reading.month, reading.day):
                notes.append(
                    f"{mention.text!r} read month first (month {reading.month}, day {reading.day}); "
                    "pass date_order='DMY' if the text writes the day first"
                )
    return notes


def _quoted(items: list[str]) -> str:
    """``a, b, c and 2 more``: a short list for a note."""
    shown = ", ".join(items[:_QUOTED])
    return shown + (f" and {len(items) - _QUOTED} more" if len(items) > _QUOTED else "")


def _undated_message(expressions: tuple[Expression, ...]) -> str | None:
    """What happened to the expressions relative to a publication date that is missing: which
    stayed unresolved, and which were counted from a date written in the text instead
    (``None`` when there are neither)."""
    unresolved = [e.mention.text for e in expressions if e.anchor.kind == "unresolved"]
    by_text = [
        (e.mention.text, expressions[e.anchor.expression].mention.text)
        for e in expressions
        if e.anchor.kind == "expression" and e.anchor.expression is not None
        and 0 <= e.anchor.expression < len(expressions)
    ]
    if not unresolved and not by_text:
        return None
    parts = []
    if unresolved:
        parts.append(
            f"{len(unresolved)} expression(s) left unresolved "
            f"({_quoted([repr(text) for text in unresolved])})"
        )
    if by_text:
        counted = [f"{text!r} from {source!r}" for text, source in by_text]
        parts.append(
            f"{len(by_text)} expression(s) counted from a date in the text instead "
            f"({_quoted(counted)})"
        )
    return "no publication date given or found: " + "; ".join(parts)


def build(
    article: str | Article,
    published: str | dt.date | dt.datetime | None = None,
    *,
    mode: Mode = "auto",
    min_confidence: float = 0.0,
    date_order: DateOrder | None = None,
) -> Timeline:
    """Build the timeline of ``article``.

    Args:
        article: the text, or an :class:`Article` (whose ``published`` is used unless
            ``published`` is given here, and whose ``notes`` open ``Timeline.notes``), such
            as :func:`timeline.read_html` reads from a saved web page.
        published: the publication date: ISO string, any absolute date string dateparser
            reads, ``date``, ``datetime`` or ``pandas.Timestamp``. When missing, a dateline in
            the text is used; failing that, relative expressions stay unresolved or count from
            a date written before them (a :class:`TimelineWarning` and a note say which).
            Today's date is never used.
        mode: ``news`` anchors relative expressions on the publication date, ``narrative`` on
            the last mentioned date; ``auto`` decides from the text.
        min_confidence: keep only the events dated at least this firmly (see
            ``timeline.events.CONFIDENCE``: 0.9 keeps the explicitly dated ones); event ids
            keep their numbers, so ``derived_from`` chains still read.
        date_order: the order of the numbers of a slash date in the text and in a
            ``published`` string, like dateparser's ``DATE_ORDER``: ``MDY`` ("09/01/2016" is
            September 1), ``DMY`` (January 9) or ``YMD`` ("16/01/09"). ``None`` (default)
            reads ``MDY`` and notes each date that day-first would read otherwise. A date
            impossible in the order ("15/01/2016" under ``MDY``) is read the only possible
            way, and a note says so.

    Raises:
        ValueError: ``published`` cannot be read as an absolute date, or ``mode`` or
            ``date_order`` is unknown.
        TypeError: an argument has the wrong type.
    """
    if mode not in ("auto", "news", "narrative"):
        raise ValueError(f"mode must be 'auto', 'news' or 'narrative', not {mode!r}")
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)):
        raise TypeError(f"min_confidence must be a number, not {type(min_confidence).__name__}")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must lie between 0 and 1, not {min_confidence!r}")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be 'MDY', 'DMY', 'YMD' or None, not {date_order!r}")
    order = date_order or "MDY"
    source = _as_article(article, published, order)
    notes: list[str] = list(source.notes)  # what reading the article found (timeline.read_html)
    if isinstance(article, Article) and article.published is not None and source.published != article.published:
        notes.append(f"publication date {_iso(source.published)} given by the caller used, "
                     f"not {_iso(article.published)} of the article")
    kept, replaced = replace_surrogates(source.text)
    if replaced:
        notes.append(f"{replaced} lone surrogate character(s) replaced by U+FFFD (offsets unchanged)")
        source = attrs.evolve(source, text=kept)
    text = scanning_view(kept)  # invisible format characters read as spaces, offsets unchanged
    sentences = split_sentences(text)
    if not looks_english(text):
        share, count = english_share(text)
        message = (
            f"the text does not look like English ({share:.0%} of its {count} words are English "
            f"function words; {THRESHOLD:.0%} expected of a text of {MIN_WORDS} words or more): the rules read "
            "English only, so no expressions or events are returned"
        )
        notes.append(message)
        warnings.warn(message, TimelineWarning, stacklevel=2)
        return Timeline(article=source, sentences=sentences, expression_list=(), event_list=(),
                        mode="news" if mode == "auto" else mode, notes=tuple(notes))
    mentions = find_mentions(text, sentences, date_order=order)
    notes.extend(_date_order_notes(mentions, order, guessed=date_order is None))
    if text is not kept:
        mentions = tuple(attrs.evolve(m, text=kept[m.char_start : m.char_end]) for m in mentions)
    # the publication date (given, else the dateline's) and the mode, decided once for every stage
    context, context_notes = decide_context(text, sentences, mentions, source.published, mode)
    notes.extend(context_notes)
    if context.dateline:
        source = attrs.evolve(source, published=context.published)
    expressions = resolve_mentions(mentions, sentences, text, context)
    if context.published is None:
        message = _undated_message(expressions)
        if message is not None:
            notes.append(message)
            warnings.warn(message, TimelineWarning, stacklevel=2)
    events = build_events(text, sentences, expressions, context, min_confidence=float(min_confidence))
    return Timeline(
        article=source,
        sentences=sentences,
        expression_list=expressions,
        event_list=events,
        mode=context.mode,
        notes=tuple(notes),
    )
