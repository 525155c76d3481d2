"""What a document is resolved against (:class:`Context`: its publication date and mode,
decided once by :func:`timeline.resolve.anchor.decide_context`), what one mention is resolved
against (:class:`MentionContext`) and the anchors read from them: the publication day, the
story's reference time, the tense of the clause, the quarter reported on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from timeline.resolve.tense import clause_tense
from timeline.resolve.values import time_value
from timeline.types import Anchor, Grain, Mention, Sentence, TimeValue

__all__ = [
    "Context",
    "DocumentMode",
    "MentionContext",
    "deictic_anchor",
    "mention_tense",
    "pub_date",
    "reported_quarter",
    "story_anchor",
]


#: how a document's relative times are anchored: ``news`` on publication, ``narrative`` on the
#: last mentioned date
DocumentMode = Literal["news", "narrative"]


def _known_mode(instance: object, attribute: object, value: str) -> None:
    if value not in ("news", "narrative"):
        raise ValueError(f"mode must be 'news' or 'narrative', not {value!r}")


def pub_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    """The publication day (a datetime cut to its date), or ``None``."""
    if published is None:
        return None
    return published.date() if isinstance(published, dt.datetime) else published


@attrs.frozen
class Context:
    """What a whole document is resolved against: built once per document, by
    :func:`~timeline.resolve.anchor.decide_context` in :func:`timeline.build`, and read by the
    resolvers and the events stage.

    Attributes:
        published: the publication date (a ``date``, or a ``datetime`` with its time of day), as
            given or read from the dateline; ``None`` when neither.
        mode: ``news`` or ``narrative`` (:data:`DocumentMode`, checked on construction).
        dateline: whether ``published`` was read from a dateline in the text.
        day: the publication day (``published`` cut to its date), computed once.
    """

    published: dt.date | dt.datetime | None
    mode: DocumentMode = attrs.field(default="news", validator=_known_mode)
    dateline: bool = False
    day: dt.date | None = attrs.field(init=False)

    @day.default
    def _day(self) -> dt.date | None:
        return pub_date(self.published)


@attrs.frozen
class MentionContext:
    """What one mention is resolved against: its document's :class:`Context` and what the
    mentions before it left (the reference time, the day of its sentence, ...)."""

    text: str
    document: Context
    reference: TimeValue | None  # last mentioned calendar value
    reference_index: int | None
    reference_sentence: int | None
    sentence: Sentence | None
    same_sentence_day: TimeValue | None  # a day-grain value earlier in the same sentence
    period: tuple[TimeValue, int, int] | None = None  # last quarter/half reported on: (value, index, sentence)
    reference_names_year: bool = False  # the reference is a year written out ("in 1998"), not "two years ago"
    era: tuple[int, int | None] | None = None  # the story's year (and month) before Christ, when it is the latest date
    next_dated: tuple[int, int] | None = None  # (year, month) of the next date written with its year, in a narrative


def deictic_anchor(ctx: MentionContext) -> tuple[dt.date | None, Anchor]:
    """Anchor for speech-time expressions: publication in news, reference time in narratives."""
    if ctx.document.mode == "narrative" and ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), Anchor.on_expression(ctx.reference_index)
    pub = ctx.document.day
    if pub is not None:
        return pub, Anchor.PUBLICATION
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), Anchor.on_expression(ctx.reference_index)
    return None, Anchor.UNRESOLVED


def story_anchor(ctx: MentionContext) -> tuple[TimeValue | None, Anchor]:
    """Anchor for anaphoric expressions: the reference time, else the publication day."""
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference, Anchor.on_expression(ctx.reference_index)
    pub = ctx.document.day
    if pub is not None:
        return time_value(pub, Grain.DAY), Anchor.PUBLICATION
    return None, Anchor.UNRESOLVED


def mention_tense(mention: Mention, ctx: MentionContext) -> str | None:
    """The tense of the clause around ``mention``, or ``None`` outside a sentence."""
    if ctx.sentence is None:
        return None
    return clause_tense(ctx.text, ctx.sentence.char_start, ctx.sentence.char_end, mention.char_start, mention.char_end)


#: How many sentences back a quarter still is "the period reported on" for comparisons such as
#: "a year earlier" or "the year-ago quarter" (measured on TimeBank's earnings reports: the
#: comparison follows in the same or the next sentence; further back it usually is not one).
_REPORT_REACH = 1


def reported_quarter(ctx: MentionContext) -> tuple[TimeValue, Anchor] | None:
    """The quarter a report is about: the last quarter mentioned in this or the previous sentence."""
    if ctx.period is None or ctx.sentence is None:
        return None
    value, index, sentence = ctx.period
    if ctx.sentence.index - sentence > _REPORT_REACH:
        return None
    return value, Anchor.on_expression(index)
