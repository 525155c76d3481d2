"""What a mention is resolved against (:class:`Context`) and the anchors read from it: the
publication day, the story's reference time, the tense of the clause, the quarter reported on."""

from __future__ import annotations

import datetime as dt

import attrs

from timeline.resolve.tense import clause_tense
from timeline.resolve.values import time_value
from timeline.types import Anchor, Grain, Mention, Sentence, TimeValue

__all__ = [
    "Context",
    "deictic_anchor",
    "mention_tense",
    "pub_date",
    "reported_quarter",
    "story_anchor",
]


@attrs.frozen
class Context:
    """What a mention is resolved against."""

    text: str
    published: dt.date | dt.datetime | None
    mode: str
    reference: TimeValue | None  # last mentioned calendar value
    reference_index: int | None
    reference_sentence: int | None
    sentence: Sentence | None
    same_sentence_day: TimeValue | None  # a day-grain value earlier in the same sentence
    period: tuple[TimeValue, int, int] | None = None  # last quarter/half reported on: (value, index, sentence)
    reference_names_year: bool = False  # the reference is a year written out ("in 1998"), not "two years ago"
    era: tuple[int, int | None] | None = None  # the story's year (and month) before Christ, when it is the latest date
    next_dated: tuple[int, int] | None = None  # (year, month) of the next date written with its year, in a narrative


def pub_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    """The publication day (a datetime cut to its date), or ``None``."""
    if published is None:
        return None
    return published.date() if isinstance(published, dt.datetime) else published


def deictic_anchor(ctx: Context) -> tuple[dt.date | None, Anchor]:
    """Anchor for speech-time expressions: publication in news, reference time in narratives."""
    if ctx.mode == "narrative" and ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), Anchor.on_expression(ctx.reference_index)
    pub = pub_date(ctx.published)
    if pub is not None:
        return pub, Anchor.PUBLICATION
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), Anchor.on_expression(ctx.reference_index)
    return None, Anchor.UNRESOLVED


def story_anchor(ctx: Context) -> tuple[TimeValue | None, Anchor]:
    """Anchor for anaphoric expressions: the reference time, else the publication day."""
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference, Anchor.on_expression(ctx.reference_index)
    pub = pub_date(ctx.published)
    if pub is not None:
        return time_value(pub, Grain.DAY), Anchor.PUBLICATION
    return None, Anchor.UNRESOLVED


def mention_tense(mention: Mention, ctx: Context) -> str | None:
    """The tense of the clause around ``mention``, or ``None`` outside a sentence."""
    if ctx.sentence is None:
        return None
    return clause_tense(ctx.text, ctx.sentence.char_start, ctx.sentence.char_end, mention.char_start, mention.char_end)


#: How many sentences back a quarter still is "the period reported on" for comparisons such as
#: "a year earlier" or "the year-ago quarter" (measured on TimeBank's earnings reports: the
#: comparison follows in the same or the next sentence; further back it usually is not one).
_REPORT_REACH = 1


def reported_quarter(ctx: Context) -> tuple[TimeValue, Anchor] | None:
    """The quarter a report is about: the last quarter mentioned in this or the previous sentence."""
    if ctx.period is None or ctx.sentence is None:
        return None
    value, index, sentence = ctx.period
    if ctx.sentence.index - sentence > _REPORT_REACH:
        return None
    return value, Anchor.on_expression(index)
