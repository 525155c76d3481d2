"""Resolvers of the kinds with no calendar arithmetic: durations, durations anchored on an
event, sets, references ("now") and the story's time ("during this period")."""

from __future__ import annotations

from timeline.resolve.context import MentionContext
from timeline.resolve.values import duration_value
from timeline.types import Anchor, Grain, Mention, Reading, TimeValue

__all__ = [
    "resolve_anchored",
    "resolve_duration",
    "resolve_ref",
    "resolve_set",
    "resolve_story",
]


def resolve_duration(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A duration ("three weeks"): its TIMEX3 value, no interval."""
    value = duration_value(r.unit or "day", r.amount)
    approximate = r.amount is None or r.mod == "APPROX"
    return TimeValue("DURATION", value, None, None, None, approximate, r.mod), Anchor.ABSOLUTE


def resolve_anchored(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A duration before or after an event ("six days later" in news)."""
    value = duration_value(r.unit or "day", r.amount)
    return TimeValue("DURATION", value, None, None, None, r.amount is None or r.mod == "APPROX", r.mod), Anchor.EVENT


def resolve_set(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A set ("every week", "daily")."""
    return TimeValue("SET", r.value or "XXXX", None, None, None, False, None), Anchor.ABSOLUTE


def resolve_ref(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A reference to the present, past or future ("now", "recently")."""
    return TimeValue("DATE", r.value or "PRESENT_REF", None, None, None, False, None), Anchor.PUBLICATION


def resolve_story(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """"during this period", "at the same time": the story's reference time, as it is (a year,
    a month, a day); in a story told before Christ the story's year (month); else unresolved."""
    if ctx.era is not None:
        year, month = ctx.era
        value = f"BC{year:04d}" + (f"-{month:02d}" if month else "")
        return TimeValue(mention.timex_type, value, None, None, Grain.MONTH if month else Grain.YEAR), Anchor.STORY_ERA
    if ctx.reference is not None and ctx.reference.start is not None:
        reference = ctx.reference
        return TimeValue(mention.timex_type if reference.timex_type == "DATE" else reference.timex_type,
                         reference.value, reference.start, reference.end, reference.grain, True,
                         None), Anchor.on_expression(ctx.reference_index)
    return TimeValue(mention.timex_type, "XXXX-XX-XX", None, None, None, False, None), Anchor.UNRESOLVED
