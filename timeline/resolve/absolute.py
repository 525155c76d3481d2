"""Resolvers of the kinds that name a calendar period: dates (with or without a year), eras
before Christ, months relative to an anchor, weekdays, quarters and halves, seasons, decades
and holidays."""

from __future__ import annotations

import datetime as dt

import attrs

from timeline.calendar import (
    DAY,
    SEASON_MONTHS,
    add_months,
    format_value,
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
from timeline.resolve.values import from_value, unresolved, year_before
from timeline.resolve.years import full_year, holiday_date, holiday_year, narrative_year, year_for
from timeline.types import Anchor, Grain, Mention, Reading, TimeValue

__all__ = [
    "resolve_absolute",
    "resolve_decade",
    "resolve_era",
    "resolve_holiday",
    "resolve_month_relative",
    "resolve_quarter",
    "resolve_season",
    "resolve_weekday",
    "weekday_day",
]


def resolve_era(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A date before Christ: its TIMEX3 value, no interval (the calendar here starts at year 1)."""
    grain = Grain.CENTURY if r.century is not None else Grain.DECADE if r.decade is not None else \
        Grain.MONTH if r.month else Grain.YEAR
    return TimeValue("DATE", r.value or "BCXXXX", None, None, grain, r.mod == "APPROX", r.mod), Anchor.ABSOLUTE


def _in_era(ctx: MentionContext, rest: str, grain: Grain, mod: str | None) -> tuple[TimeValue, Anchor] | None:
    """A date without a year in a story told before Christ ("April 480 BC ... in mid-August"):
    the story's year, written ``BC0480-08``."""
    if ctx.era is None or ctx.document.mode != "narrative":
        return None
    return TimeValue("DATE", f"BC{ctx.era[0]:04d}{rest}", None, None, grain, False, mod), Anchor.STORY_ERA


def resolve_absolute(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A date with or without a year ("March 5, 1998", "January 9th", "in March")."""
    anchor_date, anchor_name = deictic_anchor(ctx)
    year = r.year
    anchor = Anchor.ABSOLUTE
    if year is None and r.month is not None and r.offset is None:
        in_era = _in_era(ctx, f"-{r.month:02d}" + (f"-{r.day:02d}" if r.day else ""),
                         Grain.DAY if r.day else Grain.MONTH, r.mod)
        if in_era is not None:
            return in_era
    if year is not None and r.century_from_anchor:
        year = full_year(year, anchor_date)
    if year is None:
        if r.month is None:
            return unresolved(mention, Grain.YEAR, r)
        if anchor_date is None:
            return unresolved(mention, Grain.DAY if r.day else Grain.MONTH, r)
        tense = mention_tense(mention, ctx)
        if r.offset is not None:  # "last Christmas"
            tense = "past" if r.offset < 0 else "future"
        year = narrative_year(r.month, r.day, ctx) if r.offset is None else None
        if r.story_year:  # "July 25 of that year", "November of the same year"
            story, story_name = story_anchor(ctx)
            if story is not None and story.start is not None:
                year, anchor_name = story.start.year, story_name
        if year is None and r.holiday and r.day is not None and tense == "future":
            year = holiday_year(r.month, r.day, anchor_date, tense)
        if year is None:
            year = year_for(r.month, r.day, anchor_date, tense)
        anchor = anchor_name
    if r.month is None:
        value = f"{year:04d}"
        return from_value(value, "DATE", r.mod), anchor
    if r.day is None:
        return from_value(f"{year:04d}-{r.month:02d}", "DATE", r.mod), anchor
    value = f"{year:04d}-{r.month:02d}-{r.day:02d}"
    if r.part_of_day and r.hour is None:  # "the night of May 13"
        value += f"T{r.part_of_day}"
    if r.hour is not None:
        value += f"T{r.hour:02d}:{r.minute or 0:02d}" + (f":{r.second:02d}" if r.second is not None else "")
    result = from_value(value, mention.timex_type, r.mod)
    if result.start is None:  # "February 30"
        return attrs.evolve(result, grain=Grain.DAY), Anchor.INVALID
    return result, anchor


def resolve_month_relative(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A month counted from an anchor ("last June", "the following May")."""
    if r.anaphoric:
        reference, anchor_name = story_anchor(ctx)
        anchor_date = None
        if reference is not None and reference.start is not None and reference.end is not None:
            # "In 1582 ... the following May": after the whole reference period
            following = (r.offset or 0) > 0
            anchor_date = (reference.end - DAY).date() if following else reference.start.date()
    else:
        anchor_date, anchor_name = deictic_anchor(ctx)
    if anchor_date is None or r.month is None:
        return unresolved(mention, Grain.MONTH, r)
    offset = r.offset or 0
    if "year" in mention.text.lower():  # "October, last year"
        year = anchor_date.year + offset
    elif offset < 0:
        year = anchor_date.year if r.month < anchor_date.month else anchor_date.year - 1
    elif offset > 0:
        year = anchor_date.year if r.month > anchor_date.month else anchor_date.year + 1
    else:
        year = anchor_date.year
    return from_value(f"{year:04d}-{r.month:02d}", "DATE", r.mod), anchor_name


def weekday_day(weekday: int, offset: int | None, anchor: dt.date, tense: str | None) -> dt.date:
    """The day of ``weekday`` near ``anchor``: by the offset ("last", "next"), else by the tense."""
    if offset is not None and offset < 0:
        return weekday_on_or_before(anchor - DAY, weekday)
    if offset is not None and offset > 0:
        return weekday_on_or_after(anchor + DAY, weekday)
    if tense == "future" or (offset == 0 and tense != "past"):
        return weekday_on_or_after(anchor, weekday)
    before = weekday_on_or_before(anchor, weekday)
    if tense is None:  # no verb to go by: the nearer one, the past one on a tie
        after = weekday_on_or_after(anchor, weekday)
        return after if (after - anchor) < (anchor - before) else before
    return before


def resolve_weekday(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A day name ("Thursday", "on Friday night"), from the anchor and the tense."""
    anchor_date, anchor_name = deictic_anchor(ctx)
    story = ctx.reference
    if r.anaphoric and story is not None and story.start is not None and story.grain in (Grain.DAY, Grain.PART_OF_DAY):
        anchor_date, anchor_name = story.start.date(), Anchor.on_expression(ctx.reference_index)
    if anchor_date is None or r.weekday is None:
        return unresolved(mention, Grain.DAY, r)
    # "Thursday's ruling", "Friday's close": a possessive day names something that has happened
    # (in TimeBank and the tweets every one is on or before publication), whatever the verb says.
    possessive = ctx.text[mention.char_end:mention.char_end + 2] in ("'s", "’s")
    day = weekday_day(r.weekday, r.offset, anchor_date, "past" if possessive else mention_tense(mention, ctx))
    value = format_value(day, Grain.DAY)
    if r.part_of_day:
        value += f"T{r.part_of_day}"
    return from_value(value, mention.timex_type, r.mod), anchor_name


def resolve_quarter(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A quarter or half ("the third quarter", "the year-ago quarter", "the first half")."""
    is_quarter = r.unit == Grain.QUARTER.value
    if r.comparison:  # "the year-ago quarter": the reported quarter, a year before
        reported = reported_quarter(ctx)
        if reported is not None:
            return year_before(reported[0]), reported[1]
        anchor_date, anchor_name = deictic_anchor(ctx)
        if anchor_date is None:
            return unresolved(mention, Grain.QUARTER, r)
        if r.unit == Grain.YEAR.value:  # "year-earlier" on its own: the year before
            return from_value(f"{anchor_date.year - 1:04d}"), anchor_name
        index = anchor_date.year * 4 + (anchor_date.month - 1) // 3 - 1
        year, quarter0 = divmod(index, 4)
        return from_value(f"{year - 1:04d}-Q{r.quarter or quarter0 + 1}"), anchor_name
    number = r.quarter if is_quarter else r.half
    letter, months = ("Q", 3) if is_quarter else ("H", 6)
    if r.year is not None and number is not None:
        return from_value(f"{r.year:04d}-{letter}{number}"), Anchor.ABSOLUTE
    if r.year is not None:  # "the 1988 quarter": the quarter reported on, in that year
        reported = reported_quarter(ctx)
        if reported is not None and reported[0].value[4:6] == f"-{letter}":
            return from_value(f"{r.year:04d}{reported[0].value[4:]}"), reported[1]
        return from_value(f"{r.year:04d}"), Anchor.ABSOLUTE
    anchor_date, anchor_name = deictic_anchor(ctx)
    if anchor_date is None:
        return unresolved(mention, Grain.QUARTER if is_quarter else Grain.HALF_YEAR, r)
    current = (anchor_date.month - 1) // months + 1
    year = anchor_date.year + (r.year_offset or 0)
    if number is None:
        step = r.offset if r.offset is not None else -1
        index = anchor_date.year * (12 // months) + current - 1 + step
        year, number0 = divmod(index, 12 // months)
        return from_value(f"{year:04d}-{letter}{number0 + 1}"), anchor_name
    if r.year_offset is None and r.year is None:
        tense = mention_tense(mention, ctx)
        if tense == "past" and number > current:
            year -= 1
        elif tense == "future" and number < current - 1:
            year += 1
    return from_value(f"{year:04d}-{letter}{number}"), anchor_name


def _season_after(reference: TimeValue, first_month: int, forward: bool) -> int:
    """The year of the season (first month ``first_month``) that follows the reference
    period ("In June 1940 ... the following spring" = 1941), or precedes it."""
    assert reference.start is not None and reference.end is not None
    if forward:
        year = reference.end.year - 1
        while dt.datetime(year, first_month, 1) < reference.end:
            year += 1
        return year
    year = reference.start.year + 1
    while dt.datetime(year, first_month, 1) >= reference.start:
        year -= 1
    return year


def resolve_season(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A season ("last summer", "in the spring of 1941", "the following spring")."""
    season = r.season or "SU"
    if r.year is not None:
        return from_value(f"{r.year:04d}-{season}", "DATE", r.mod), Anchor.ABSOLUTE
    in_era = _in_era(ctx, f"-{season}", Grain.SEASON, r.mod) if r.year_offset is None and r.offset is None else None
    if in_era is not None:
        return in_era
    first_month = SEASON_MONTHS[season][0]
    if r.anaphoric and r.offset:
        reference, anchor_name = story_anchor(ctx)
        if reference is not None and reference.start is not None and reference.end is not None:
            year = _season_after(reference, first_month, r.offset > 0)
            return from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name
    if r.year_offset is None and r.offset is None:
        story_year = narrative_year(first_month, None, ctx) if ctx.document.mode == "narrative" else None
        if story_year is not None:  # "In 1941 ... During the summer": the story's summer
            return from_value(f"{story_year:04d}-{season}", "DATE", r.mod), Anchor.on_expression(ctx.reference_index)
    anchor_date, anchor_name = deictic_anchor(ctx)
    if anchor_date is None:
        return unresolved(mention, Grain.SEASON, r)
    year = anchor_date.year
    if r.year_offset is not None:
        year += r.year_offset
    else:
        start_this = dt.date(year, first_month, 1)
        in_it = start_this <= anchor_date < add_months(start_this, 3)
        if r.offset is None:
            tense = mention_tense(mention, ctx)
            r_offset = 1 if tense == "future" else -1 if tense == "past" else 0
        else:
            r_offset = r.offset
        if r_offset < 0 and not (start_this < anchor_date and r.offset is None):
            if start_this >= anchor_date or in_it and r.offset is not None:
                year -= 1
        elif r_offset > 0 and start_this <= anchor_date and not (in_it and r.offset is None):
            year += 1
    return from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name


def resolve_decade(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A decade ("the 1990s", "the '90s")."""
    decade = r.decade or 0
    if r.century_from_anchor:
        anchor_date, _ = deictic_anchor(ctx)
        base = (anchor_date.year if anchor_date else 1999) // 10
        candidate = base // 10 * 10 + decade
        if candidate > base and candidate >= 10:
            candidate -= 10  # the latest such decade not after the anchor's ("'90s" in 2016: 199)
        decade = candidate
    return from_value(f"{decade:03d}", "DATE", r.mod), Anchor.ABSOLUTE


def resolve_holiday(mention: Mention, r: Reading, ctx: MentionContext) -> tuple[TimeValue, Anchor]:
    """A holiday ("Christmas", "Easter 2016", "last Thanksgiving")."""
    anchor_date, anchor_name = deictic_anchor(ctx)
    name = r.value or "easter"
    if r.year is not None:
        return from_value(format_value(holiday_date(name, r.year), Grain.DAY)), Anchor.ABSOLUTE
    if anchor_date is None:
        return TimeValue("DATE", "XXXX-XX-XX", None, None, Grain.DAY), Anchor.UNRESOLVED
    tense = mention_tense(mention, ctx)
    if r.offset is not None:
        tense = "past" if r.offset < 0 else "future"
    this_year = holiday_date(name, anchor_date.year)
    if tense == "future" and this_year < anchor_date:
        day = holiday_date(name, anchor_date.year + 1)
    elif tense in ("past", "present") and this_year > anchor_date:
        day = holiday_date(name, anchor_date.year - 1)
    else:
        day = this_year
    return from_value(format_value(day, Grain.DAY)), anchor_name
