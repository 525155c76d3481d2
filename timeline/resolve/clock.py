"""The resolver of clock times ("3 p.m.", "5 p.m. EST Nov. 9", "midnight"): the day they fall on."""

from __future__ import annotations

import datetime as dt

from timeline.calendar import DAY, format_value
from timeline.resolve.absolute import weekday_day
from timeline.resolve.context import MentionContext, deictic_anchor, mention_tense
from timeline.resolve.values import from_value
from timeline.resolve.years import year_for
from timeline.types import Anchor, Grain, Mention, Reading, TimeValue

__all__ = [
    "resolve_clock",
]


def resolve_clock(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A clock time, on the day it falls on."""
    hour = r.hour or 0
    minute = r.minute or 0
    anchor_name = Anchor.PUBLICATION
    day: dt.date | None
    if r.month is not None and r.day is not None:  # "5 p.m. EST Nov. 9"
        anchor_date, anchor_name = deictic_anchor(ctx)
        year = r.year if r.year is not None else (
            year_for(r.month, r.day, anchor_date, mention_tense(mention, ctx)) if anchor_date else None)
        day = dt.date(year, r.month, r.day) if year is not None else None
        anchor_name = Anchor.ABSOLUTE if r.year is not None else anchor_name
    elif r.weekday is not None:
        anchor_date, anchor_name = deictic_anchor(ctx)
        day = weekday_day(r.weekday, None, anchor_date, mention_tense(mention, ctx)) if anchor_date else None
    elif r.offset is not None:
        anchor_date, anchor_name = deictic_anchor(ctx)
        day = anchor_date + dt.timedelta(days=r.offset) if anchor_date else None
    elif ctx.same_sentence_day is not None and ctx.same_sentence_day.start is not None:
        day, anchor_name = ctx.same_sentence_day.start.date(), Anchor.on_expression(ctx.reference_index)
    else:
        day, anchor_name = deictic_anchor(ctx)
    if day is None:
        value = f"XXXX-XX-XXT{hour % 24:02d}:{minute:02d}"
        return TimeValue("TIME", value, None, None, Grain.MINUTE, False, r.mod), Anchor.UNRESOLVED
    if hour == 24 and not (r.weekday is None and r.offset is None and r.month is None and mention_tense(mention, ctx) == "past"):
        day, hour = day + DAY, 0  # "midnight": the one that ends the day, unless told otherwise
    elif hour == 24:
        hour = 0  # "the ceasefire began at midnight": the midnight that began the publication day
    value = f"{format_value(day, Grain.DAY)}T{hour:02d}:{minute:02d}"
    return from_value(value, "TIME", r.mod), anchor_name
