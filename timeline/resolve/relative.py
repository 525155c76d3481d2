"""Resolvers of the kinds that count from an anchor: "yesterday", "next week" (relative), "two
weeks ago", "a year earlier" (offset), "the next day", "that year" (anaphoric)."""

from __future__ import annotations

import datetime as dt

import attrs

from timeline.calendar import (
    DAY,
    SMALLER_UNIT,
    as_datetime,
    format_value,
    shift_date,
    weekday_on_or_after,
    weekday_on_or_before,
)
from timeline.resolve.context import (
    MentionContext,
    deictic_anchor,
    mention_tense,
    reported_quarter,
    story_anchor,
)
from timeline.resolve.values import GRAIN_RANK, from_value, unresolved, year_before
from timeline.types import Anchor, Grain, Mention, Reading, TimeValue

__all__ = [
    "resolve_anaphoric",
    "resolve_offset",
    "resolve_relative",
]


def resolve_relative(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A deictic unit ("yesterday", "next week", "this weekend") from the deictic anchor."""
    anchor_date, anchor_name = deictic_anchor(ctx)
    unit = r.unit or "day"
    offset = r.offset or 0
    if unit == "weekend":
        if anchor_date is None:
            return TimeValue("DATE", "XXXX-WXX-WE", None, None, Grain.WEEK, False, r.mod), Anchor.UNRESOLVED
        if r.offset is None and anchor_date.isoweekday() >= 6:
            day = anchor_date  # written on a Saturday or Sunday: the weekend under way
        elif r.offset is None:  # "the weekend": the last one in the past tense, else the coming one
            day = (weekday_on_or_before if mention_tense(mention, ctx) == "past" else weekday_on_or_after)(anchor_date, 6)
        else:
            day = anchor_date + dt.timedelta(weeks=offset)
        year, week, _ = day.isocalendar()
        return from_value(f"{year:04d}-W{week:02d}-WE", "DATE", r.mod), anchor_name
    grain = Grain(unit)
    if anchor_date is None:
        return unresolved(mention, grain, r)
    day = shift_date(anchor_date, grain, offset)
    if grain is Grain.DAY and r.part_of_day:
        return from_value(format_value(day, Grain.DAY) + f"T{r.part_of_day}", mention.timex_type, r.mod), anchor_name
    return from_value(format_value(day, grain), mention.timex_type, r.mod), anchor_name


def _shift(day: dt.date, unit: str, amount: float, sign: int) -> dt.date:
    """``day`` moved by a possibly fractional amount of ``unit``."""
    while amount != int(amount) and unit in SMALLER_UNIT:
        unit, factor = SMALLER_UNIT[unit]
        amount *= factor
    if unit in ("hour", "minute", "second"):
        seconds = {"hour": 3600, "minute": 60, "second": 1}[unit] * amount
        return (as_datetime(day) + sign * dt.timedelta(seconds=seconds)).date()
    return shift_date(day, Grain(unit), sign * int(amount))


_CLOCK_UNITS = {"hour": 3600, "minute": 60, "second": 1}


def resolve_offset(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """An amount before or after an anchor ("two weeks ago", "a year earlier")."""
    unit = r.unit or "day"
    sign = -1 if r.direction == "before" else 1
    if r.amount is None:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return TimeValue("DATE", value, None, None, None, False, r.mod), Anchor.PUBLICATION
    grain = Grain(unit)
    if grain is Grain.YEAR and r.amount == 1 and sign < 0:
        reported = reported_quarter(ctx)
        if reported is not None:  # "profit rose from $3 million a year ago" after "third-quarter"
            return year_before(reported[0]), reported[1]
    if r.deictic:
        anchor_date, anchor_name = deictic_anchor(ctx)
        value_grain = grain
    else:
        reference, anchor_name = story_anchor(ctx)
        anchor_date = reference.start.date() if reference is not None and reference.start is not None else None
        if _day_after_a_period(reference, unit, sign > 0) and anchor_name != Anchor.PUBLICATION:
            assert reference is not None
            return attrs.evolve(reference, approximate=True), anchor_name
        if anchor_date is not None and grain is Grain.DAY:
            anchor_date, anchor_name = _day_to_count_from(reference, anchor_date, anchor_name, ctx)
        ref_grain = reference.grain if reference is not None else None
        value_grain = grain
        if ref_grain is not None and GRAIN_RANK[ref_grain] < GRAIN_RANK[grain]:
            if grain is Grain.YEAR and ref_grain in (Grain.QUARTER, Grain.HALF_YEAR) and ctx.period is not None:
                value_grain = ref_grain
            elif grain is Grain.WEEK and ref_grain is Grain.DAY:
                value_grain = Grain.DAY
    if anchor_date is None:
        return unresolved(mention, grain, r)
    try:
        if unit in _CLOCK_UNITS:
            # The anchor is a day without a time: "50 minutes ago" is that day, "48 hours ago"
            # two days before; no clock time is invented.
            seconds = r.amount * _CLOCK_UNITS[unit]
            day, value_grain = anchor_date + sign * dt.timedelta(days=int(seconds // 86400)), Grain.DAY
        else:
            day = _shift(anchor_date, unit, r.amount, sign)
    except (OverflowError, ValueError):
        return unresolved(mention, grain, r)
    approximate = r.mod in ("APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE")
    result = from_value(format_value(day, value_grain), "DATE", r.mod if r.mod == "APPROX" else None)
    result = attrs.evolve(result, approximate=approximate or result.approximate)
    if r.mod in ("LESS_THAN", "EQUAL_OR_LESS") and result.start is not None and result.end is not None:
        # "less than two weeks ago": any time since then, not the week two weeks back (the
        # TIMEX3 value stays that of the amount; the interval is what the words allow)
        moment = dt.datetime(anchor_date.year, anchor_date.month, anchor_date.day)
        try:
            bound = dt.datetime(day.year, day.month, day.day)
            start, end = (bound, moment + DAY) if sign < 0 else (moment, bound + DAY)
        except (OverflowError, ValueError):
            return result, anchor_name
        result = attrs.evolve(result, start=start, end=end)
    return result, anchor_name


def _day_to_count_from(reference: TimeValue | None, day: dt.date, anchor_name: Anchor, ctx: MentionContext) -> tuple[dt.date, Anchor]:
    """The day a "the day before"/"the next day" counts from: the reference's day, but in news
    not the first of January of a year-grain reference ("opened in 1990 ... The day before"):
    then the publication day, a better guess. Narratives keep the story's year."""
    if reference is None or reference.grain is None or GRAIN_RANK[reference.grain] <= GRAIN_RANK[Grain.WEEK] or ctx.document.mode != "news":
        return day, anchor_name
    pub = ctx.document.day
    return (pub, Anchor.PUBLICATION) if pub is not None else (day, anchor_name)


def _day_after_a_period(reference: TimeValue | None, unit: str, forward: bool) -> bool:
    """"The following day", "a day later" after a week, month or year ("in March", "in 2019",
    "last week"): some day of that period, or just after it. The story moves on from the
    period, not from its first day, and never from the publication day."""
    return forward and unit in _DAY_UNITS and reference is not None and \
        reference.grain is not None and reference.start is not None and \
        GRAIN_RANK[reference.grain] >= GRAIN_RANK[Grain.WEEK]


_DAY_UNITS = frozenset({"day", "night", "morning", "afternoon", "evening"})


def resolve_anaphoric(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A unit counted from the story's reference time ("the next day", "that year")."""
    reference, anchor_name = story_anchor(ctx)
    unit = r.unit or "day"
    if reference is None or reference.start is None:
        grain = Grain.WEEK if unit == "weekend" else Grain(unit)
        return unresolved(mention, grain, r)
    base = reference.start.date()
    offset = r.offset or 0
    if _day_after_a_period(reference, unit, offset > 0) and anchor_name != Anchor.PUBLICATION:
        return attrs.evolve(reference, approximate=True), anchor_name
    if unit in _DAY_UNITS and offset == 0 and reference.grain is Grain.MONTH and anchor_name != Anchor.PUBLICATION:
        # "last October, when the doctor was shot ... that same day": a day of that month
        return TimeValue(mention.timex_type, reference.value[:7] + "-XX", reference.start, reference.end,
                         Grain.DAY, True, r.mod), anchor_name
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        base, anchor_name = _day_to_count_from(reference, base, anchor_name, ctx)
    if unit == "weekend":
        day = base + dt.timedelta(weeks=offset)
        year, week, _ = day.isocalendar()
        return from_value(f"{year:04d}-W{week:02d}-WE", "DATE", r.mod), anchor_name
    if unit == Grain.SEASON.value:
        season = r.season or "SU"
        year = base.year + offset
        return from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name
    grain = Grain(unit)
    try:
        day = shift_date(base, grain, offset)
    except (OverflowError, ValueError):
        return unresolved(mention, grain, r)
    value = format_value(day, grain)
    if grain is Grain.DAY and r.part_of_day:
        value += f"T{r.part_of_day}"
    return from_value(value, mention.timex_type, r.mod), anchor_name
