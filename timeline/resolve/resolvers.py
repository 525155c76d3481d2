"""One mention -> its value: the resolver of each :class:`~timeline.types.Reading` kind, and
:func:`resolve_mention` for a mention on its own.

Deictic expressions ("yesterday", "last week", "two weeks ago") count from the publication
date in news and from the reference time (the last mentioned date) in narratives. Anaphoric
ones ("the next day", "that summer", "a year earlier") always count from the reference time.
A date without a year ("January 9th", "in March", "Thursday") takes its year from the anchor,
forwards or backwards by the tense of its clause. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from timeline.resolve.absolute import (
    resolve_absolute,
    resolve_decade,
    resolve_era,
    resolve_holiday,
    resolve_month_relative,
    resolve_quarter,
    resolve_season,
    resolve_weekday,
)
from timeline.resolve.clock import resolve_clock
from timeline.resolve.context import Context, DocumentMode, MentionContext
from timeline.resolve.durations import (
    resolve_anchored,
    resolve_duration,
    resolve_ref,
    resolve_set,
    resolve_story,
)
from timeline.resolve.relative import resolve_anaphoric, resolve_offset, resolve_relative
from timeline.resolve.values import from_value
from timeline.types import Anchor, Expression, Mention, Reading, ReadingKind, Sentence, TimeValue

__all__ = [
    "RESOLVERS",
    "Resolver",
    "resolve_in_context",
    "resolve_mention",
]


#: how a reading of one kind is resolved: (mention, reading, context) -> (value, anchor)
Resolver = Callable[[Mention, Reading, MentionContext], tuple[TimeValue, Anchor]]

#: the resolver of every :data:`~timeline.types.ReadingKind` (a test checks none is missing)
RESOLVERS: dict[ReadingKind, Resolver] = {
    "absolute": resolve_absolute,
    "era": resolve_era,
    "month_relative": resolve_month_relative,
    "weekday": resolve_weekday,
    "quarter": resolve_quarter,
    "season": resolve_season,
    "decade": resolve_decade,
    "century": lambda m, r, c: (from_value(f"{r.century or 0:02d}", "DATE", r.mod), Anchor.ABSOLUTE),
    "relative": resolve_relative,
    "offset": resolve_offset,
    "anaphoric": resolve_anaphoric,
    "clock": resolve_clock,
    "holiday": resolve_holiday,
    "duration": resolve_duration,
    "anchored": resolve_anchored,
    "set": resolve_set,
    "ref": resolve_ref,
    "story": resolve_story,
}


def resolve_mention(mention: Mention, published: dt.date | dt.datetime | None, *,
                    text: str | None = None, sentence: Sentence | None = None,
                    reference: TimeValue | None = None, mode: DocumentMode = "news") -> Expression:
    """Resolve one mention on its own (no document context beyond what is passed)."""
    ctx = MentionContext(text or mention.text, Context(published, mode), reference,
                         None if reference is None else 0, None, sentence, None)
    time, anchor = resolve_in_context(mention, ctx)
    return Expression(mention, time, anchor, 0)


def resolve_in_context(mention: Mention, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """Resolve ``mention`` against ``ctx`` by the resolver of its kind (an impossible value is kept unresolved)."""
    resolver = RESOLVERS[mention.reading.kind]
    try:
        time, anchor = resolver(mention, mention.reading, ctx)
    except (OverflowError, ValueError):
        # Outside years 1..9999 or an impossible calendar value: keep the text, no interval.
        return TimeValue(mention.timex_type, "XXXX-XX-XX", None, None, None, False, None), Anchor.INVALID
    if time.timex_type != mention.timex_type and mention.timex_type in ("DATE", "TIME") and time.timex_type in ("DATE", "TIME"):
        time = attrs.evolve(time, timex_type=mention.timex_type)
    return time, anchor
