"""Anchoring mentions: :class:`~timeline.types.Mention` -> :class:`~timeline.types.Expression`.

Deictic expressions ("yesterday", "last week", "two weeks ago") count from the publication
date in news and from the reference time (the last mentioned date) in narratives. Anaphoric
ones ("the next day", "that summer", "a year earlier") always count from the reference time.
A date without a year ("January 9th", "in March", "Thursday") takes its year from the anchor,
forwards or backwards by the tense of its clause. Nothing here reads the clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re

import attrs

from timeline.calendar import (
    DAY,
    SEASON_MONTHS,
    SMALLER_UNIT,
    add_months,
    as_datetime,
    format_value,
    interval_of,
    shift_date,
    weekday_on_or_after,
    weekday_on_or_before,
)
from timeline.lexicon import words
from timeline.resolve.tense import clause_tense
from timeline.types import Expression, Grain, Mention, Reading, Sentence, TimeValue

__all__ = [
    "ModeChoice",
    "choose_mode",
    "detect_mode",
    "duration_value",
    "find_dateline",
    "resolve_mention",
    "resolve_mentions",
]

_GRAIN_ORDER = [
    Grain.SECOND, Grain.MINUTE, Grain.HOUR, Grain.PART_OF_DAY, Grain.DAY, Grain.WEEK, Grain.MONTH,
    Grain.QUARTER, Grain.SEASON, Grain.HALF_YEAR, Grain.YEAR, Grain.DECADE, Grain.CENTURY, Grain.MILLENNIUM,
]
_RANK = {g: i for i, g in enumerate(_GRAIN_ORDER)}
_UNRESOLVED = {
    Grain.DAY: "XXXX-XX-XX", Grain.WEEK: "XXXX-WXX", Grain.MONTH: "XXXX-XX", Grain.YEAR: "XXXX",
    Grain.QUARTER: "XXXX-QX", Grain.SEASON: "XXXX-XX", Grain.DECADE: "XXX", Grain.CENTURY: "XX",
    Grain.HALF_YEAR: "XXXX-HX", Grain.PART_OF_DAY: "XXXX-XX-XX", Grain.HOUR: "XXXX-XX-XXTXX:XX",
}


def _amount_text(amount: float) -> str:
    """A number as a TIMEX3 duration writes it: digits, never an exponent (1000000, not 1e+06)."""
    if float(amount).is_integer():
        return str(int(amount))
    return format(amount, "f").rstrip("0").rstrip(".")


def duration_value(unit: str, amount: float | None) -> str:
    """The TIMEX3 duration for ``amount`` ``unit``s: ``P6M``, ``PT3H``, ``PTXH`` (vague), ``P20Y``,
    ``P2Y6M`` (fractions are written out in the next smaller unit)."""
    if unit in ("decade", "century", "millennium"):
        factor = {"decade": 10, "century": 100, "millennium": 1000}[unit]
        unit, amount = "year", None if amount is None else amount * factor
    letters = words()["unit_letters"]
    time_part = unit in ("hour", "minute", "second")
    if amount is None or not math.isfinite(amount):
        return f"P{'T' if time_part else ''}X{letters.get(unit, 'X')}"
    whole = int(amount)
    parts = [(whole, unit)] if whole else []
    rest = amount - whole
    if rest and unit in SMALLER_UNIT:
        smaller, factor = SMALLER_UNIT[unit]
        parts.append((round(rest * factor), smaller))
    elif rest:
        parts = [(amount, unit)]
    date_part = "".join(_amount_text(n) + letters[u] for n, u in parts if u not in ("hour", "minute", "second"))
    clock_part = "".join(_amount_text(n) + letters[u] for n, u in parts if u in ("hour", "minute", "second"))
    return "P" + date_part + (("T" + clock_part) if clock_part else "") if (date_part or clock_part) else "P0D"


def _value(start: dt.date | dt.datetime, grain: Grain, mod: str | None = None, approximate: bool = False,
           timex_type: str = "DATE") -> TimeValue:
    value = format_value(start, grain)
    interval = interval_of(value)
    begin, end = (interval[0], interval[1]) if interval else (None, None)
    return TimeValue(timex_type, value, begin, end, grain, approximate or mod in ("APPROX",), mod)


def _from_value(value: str, timex_type: str = "DATE", mod: str | None = None) -> TimeValue:
    interval = interval_of(value)
    if interval is None:
        return TimeValue(timex_type, value, None, None, None, False, mod)
    start, end, grain = interval
    if mod in ("START", "MID", "END") and grain not in (Grain.DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND):
        third = (end - start) / 3
        offset = {"START": 0, "MID": 1, "END": 2}[mod]
        start, end = start + third * offset, start + third * (offset + 1)
        start = dt.datetime(start.year, start.month, start.day)
        end = dt.datetime(end.year, end.month, end.day) + (DAY if end.time() != dt.time() else dt.timedelta())
        return TimeValue(timex_type, value, start, end, grain, True, mod)
    return TimeValue(timex_type, value, start, end, grain, mod == "APPROX", mod)


@attrs.frozen
class _Context:
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


def _pub_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    if published is None:
        return None
    return published.date() if isinstance(published, dt.datetime) else published


def _deictic_anchor(ctx: _Context) -> tuple[dt.date | None, str]:
    """Anchor for speech-time expressions: publication in news, reference time in narratives."""
    if ctx.mode == "narrative" and ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), f"expression {ctx.reference_index}"
    pub = _pub_date(ctx.published)
    if pub is not None:
        return pub, "publication"
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference.start.date(), f"expression {ctx.reference_index}"
    return None, "unresolved"


def _story_anchor(ctx: _Context) -> tuple[TimeValue | None, str]:
    """Anchor for anaphoric expressions: the reference time, else the publication day."""
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference, f"expression {ctx.reference_index}"
    pub = _pub_date(ctx.published)
    if pub is not None:
        return _value(pub, Grain.DAY), "publication"
    return None, "unresolved"


def _tense(mention: Mention, ctx: _Context) -> str | None:
    if ctx.sentence is None:
        return None
    return clause_tense(ctx.text, ctx.sentence.char_start, ctx.sentence.char_end, mention.char_start, mention.char_end)


#: (days back, days forward) from the anchor in which a date without a year is looked for,
#: by tense. Measured on news: past-tense dates lie up to ten months back and up to two months
#: ahead (deadlines, "payable Dec. 15"); future-tense ones up to eleven months ahead.
_YEARLESS_WINDOW = {"past": (330, 31), "future": (31, 334), "present": (182, 183), None: (182, 183)}


def _year_for(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int:
    """The year of a month/day without one: the occurrence inside the tense's window."""
    back, forward = _YEARLESS_WINDOW.get(tense, _YEARLESS_WINDOW[None])
    best_year, best_distance = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if not 1 <= year <= 9999:
            continue
        try:
            probe = dt.date(year, month, day if day is not None else 15)
        except ValueError:
            continue  # February 29 in a common year
        delta = (probe - anchor).days
        outside = max(-delta - back, delta - forward, 0)
        distance = (outside, abs(delta))
        if best_distance is None or distance < best_distance:
            best_year, best_distance = year, distance
    return best_year


def _holiday_year(month: int, day: int, anchor: dt.date, tense: str) -> int | None:
    """The year of a fixed holiday by tense, as for a day name: the next one on or after the
    anchor in the future ("will close on Christmas Day" written on January 5 is the coming one,
    not the one eleven days back), the last one on or before it in the past. ``None`` when no
    such year is near (February 29).

    Only the future tense is read this strictly: in the past tense a holiday takes the window of
    any month/day (:data:`_YEARLESS_WINDOW`), which TweetBank follows ("This time last year, I
    had ... Xmas dinner" on Dec. 24 is tagged with the coming Christmas).
    """
    step = -1 if tense == "past" else 1
    for year in (anchor.year, anchor.year + step, anchor.year + 2 * step):
        try:
            day_of = dt.date(year, month, day)
        except ValueError:
            continue
        if (day_of <= anchor) if step < 0 else (day_of >= anchor):
            return year
    return None


#: How many months before the reference's month a yearless month must lie to be read in the
#: following year without other evidence (December -> February: 10). Measured on wikiwars-dev
#: with the look-ahead of :func:`_narrative_year`: 8 gave value F1 81.0, 10 82.2, 11 82.5 (11
#: is kept from no crossing but December -> January; 10 keeps "left in November 1910 ... In
#: January", which the narrative examples hold).
_YEAR_END_CROSSING = 10


def _narrative_year(month: int, day: int | None, ctx: _Context) -> int | None:
    """The year a date without one takes from the story: the year just named in the same
    sentence ("In 1998, on March 5, ..."); in a narrative also the year of the reference time,
    whether a year ("In 1939 ... In March") or a finer date ("in September 1940 ... In June" is
    June 1940: a history steps back within the year as often as it moves on), unless the month
    lies so far before the reference's that the story has crossed a year end ("in December
    1831 ... In January" is 1832), or lies before the reference's month while the next date
    written with its year is in the following year ("in November 1967 ... In March ... in May
    1968": the story is on its way into 1968). Measured on wikiwars-dev: the next occurrence after the
    reference (the former rule) gave value F1 76.1, the reference's year 77.7, this 77.6 and
    keeps the year-end crossing."""
    reference = ctx.reference
    if reference is None or reference.start is None:
        return None
    same_sentence = ctx.sentence is not None and ctx.reference_sentence == ctx.sentence.index
    if same_sentence and reference.grain is Grain.YEAR and ctx.reference_names_year:
        return reference.start.year
    if ctx.mode != "narrative":
        return None
    if reference.grain is not None and _RANK[reference.grain] >= _RANK[Grain.YEAR]:
        return reference.start.year if reference.grain is Grain.YEAR else None
    year = reference.start.year
    if reference.start.month - month >= _YEAR_END_CROSSING:
        return year + 1  # "in December 1831 ... In February": the story has crossed into 1832
    if month < reference.start.month and ctx.next_dated is not None \
            and (year + 1, month) <= ctx.next_dated < (year + 2, 1):
        return year + 1  # "in November 1967 ... In March ... In May 1968": the story moves on
    return year


def _full_year(year: int, anchor: dt.date | None) -> int:
    """A two-digit year in the century that puts it closest before (or just after) the anchor."""
    base = anchor.year if anchor else 1950
    century = base // 100 * 100
    candidate = century + year
    if candidate > base + 10 and candidate >= 100:
        candidate -= 100  # "'98" in 2016 is 1998; in the first century it can only be 98
    return candidate


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = weekday_on_or_after(dt.date(year, month, 1), weekday)
        return first + dt.timedelta(weeks=n - 1)
    last_day = add_months(dt.date(year, month, 1), 1) - DAY
    return weekday_on_or_before(last_day, weekday)


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a computed holiday (``easter``, ``thanksgiving+1``, ``memorial``...) in ``year``."""
    base, sign, delta = name.partition("+") if "+" in name else name.partition("-")
    shift = int(delta) * (1 if sign == "+" else -1) if delta else 0
    if base == "easter":
        day = _easter(year)
    elif base in words()["holiday_weekdays"]:
        month, weekday, n = words()["holiday_weekdays"][base]
        day = _nth_weekday(year, month, weekday, n)
    else:
        raise ValueError(f"unknown holiday {name!r}")
    return day + dt.timedelta(days=shift)


def _unresolved(mention: Mention, grain: Grain, reading: Reading) -> tuple[TimeValue, str]:
    value = _UNRESOLVED.get(grain, "XXXX-XX-XX")
    if reading.kind == "weekday" and reading.weekday:
        value = f"XXXX-WXX-{reading.weekday}"
    elif reading.month and grain in (Grain.MONTH, Grain.DAY):
        value = f"XXXX-{reading.month:02d}" + (f"-{reading.day:02d}" if reading.day else "")
    return TimeValue(mention.timex_type, value, None, None, grain, False, reading.mod), "unresolved"


def _era(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    """A date before Christ: its TIMEX3 value, no interval (the calendar here starts at year 1)."""
    grain = Grain.CENTURY if r.century is not None else Grain.DECADE if r.decade is not None else \
        Grain.MONTH if r.month else Grain.YEAR
    return TimeValue("DATE", r.value or "BCXXXX", None, None, grain, r.mod == "APPROX", r.mod), "absolute"


def _in_era(ctx: _Context, rest: str, grain: Grain, mod: str | None) -> tuple[TimeValue, str] | None:
    """A date without a year in a story told before Christ ("April 480 BC ... in mid-August"):
    the story's year, written ``BC0480-08``."""
    if ctx.era is None or ctx.mode != "narrative":
        return None
    return TimeValue("DATE", f"BC{ctx.era[0]:04d}{rest}", None, None, grain, False, mod), "story (BC)"


def _absolute(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    anchor_date, anchor_name = _deictic_anchor(ctx)
    year = r.year
    anchor = "absolute"
    if year is None and r.month is not None and r.offset is None:
        in_era = _in_era(ctx, f"-{r.month:02d}" + (f"-{r.day:02d}" if r.day else ""),
                         Grain.DAY if r.day else Grain.MONTH, r.mod)
        if in_era is not None:
            return in_era
    if year is not None and r.century_from_anchor:
        year = _full_year(year, anchor_date)
    if year is None:
        if r.month is None:
            return _unresolved(mention, Grain.YEAR, r)
        if anchor_date is None:
            return _unresolved(mention, Grain.DAY if r.day else Grain.MONTH, r)
        tense = _tense(mention, ctx)
        if r.offset is not None:  # "last Christmas"
            tense = "past" if r.offset < 0 else "future"
        year = _narrative_year(r.month, r.day, ctx) if r.offset is None else None
        if r.value == "story_year":  # "July 25 of that year", "November of the same year"
            story, story_name = _story_anchor(ctx)
            if story is not None and story.start is not None:
                year, anchor_name = story.start.year, story_name
        if year is None and r.value == "holiday" and r.day is not None and tense == "future":
            year = _holiday_year(r.month, r.day, anchor_date, tense)
        if year is None:
            year = _year_for(r.month, r.day, anchor_date, tense)
        anchor = anchor_name
    if r.month is None:
        value = f"{year:04d}"
        return _from_value(value, "DATE", r.mod), anchor
    if r.day is None:
        return _from_value(f"{year:04d}-{r.month:02d}", "DATE", r.mod), anchor
    value = f"{year:04d}-{r.month:02d}-{r.day:02d}"
    if r.part_of_day and r.hour is None:  # "the night of May 13"
        value += f"T{r.part_of_day}"
    if r.hour is not None:
        value += f"T{r.hour:02d}:{r.minute or 0:02d}" + (f":{r.second:02d}" if r.second is not None else "")
    result = _from_value(value, mention.timex_type, r.mod)
    if result.start is None:  # "February 30"
        return attrs.evolve(result, grain=Grain.DAY), "invalid date"
    return result, anchor


def _month_relative(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    if r.value == "anaphoric":
        reference, anchor_name = _story_anchor(ctx)
        anchor_date = None
        if reference is not None and reference.start is not None and reference.end is not None:
            # "In 1582 ... the following May": after the whole reference period
            following = (r.offset or 0) > 0
            anchor_date = (reference.end - DAY).date() if following else reference.start.date()
    else:
        anchor_date, anchor_name = _deictic_anchor(ctx)
    if anchor_date is None or r.month is None:
        return _unresolved(mention, Grain.MONTH, r)
    offset = r.offset or 0
    if "year" in mention.text.lower():  # "October, last year"
        year = anchor_date.year + offset
    elif offset < 0:
        year = anchor_date.year if r.month < anchor_date.month else anchor_date.year - 1
    elif offset > 0:
        year = anchor_date.year if r.month > anchor_date.month else anchor_date.year + 1
    else:
        year = anchor_date.year
    return _from_value(f"{year:04d}-{r.month:02d}", "DATE", r.mod), anchor_name


def _weekday_day(weekday: int, offset: int | None, anchor: dt.date, tense: str | None) -> dt.date:
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


def _weekday(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    anchor_date, anchor_name = _deictic_anchor(ctx)
    story = ctx.reference
    if r.value == "anaphoric" and story is not None and story.start is not None and story.grain in (Grain.DAY, Grain.PART_OF_DAY):
        anchor_date, anchor_name = story.start.date(), f"expression {ctx.reference_index}"
    if anchor_date is None or r.weekday is None:
        return _unresolved(mention, Grain.DAY, r)
    # "Thursday's ruling", "Friday's close": a possessive day names something that has happened
    # (in TimeBank and the tweets every one is on or before publication), whatever the verb says.
    possessive = ctx.text[mention.char_end:mention.char_end + 2] in ("'s", "’s")
    day = _weekday_day(r.weekday, r.offset, anchor_date, "past" if possessive else _tense(mention, ctx))
    value = format_value(day, Grain.DAY)
    if r.part_of_day:
        value += f"T{r.part_of_day}"
    return _from_value(value, mention.timex_type, r.mod), anchor_name


#: How many sentences back a quarter still is "the period reported on" for comparisons such as
#: "a year earlier" or "the year-ago quarter" (measured on TimeBank's earnings reports: the
#: comparison follows in the same or the next sentence; further back it usually is not one).
_REPORT_REACH = 1


def _reported_quarter(ctx: _Context) -> tuple[TimeValue, str] | None:
    """The quarter a report is about: the last quarter mentioned in this or the previous sentence."""
    if ctx.period is None or ctx.sentence is None:
        return None
    value, index, sentence = ctx.period
    if ctx.sentence.index - sentence > _REPORT_REACH:
        return None
    return value, f"expression {index}"


def _year_before(value: TimeValue) -> TimeValue:
    year, rest = value.value[:4], value.value[4:]
    return _from_value(f"{int(year) - 1:04d}{rest}")


def _quarter(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    is_quarter = r.unit == Grain.QUARTER.value
    if r.value == "comparison":  # "the year-ago quarter": the reported quarter, a year before
        reported = _reported_quarter(ctx)
        if reported is not None:
            return _year_before(reported[0]), reported[1]
        anchor_date, anchor_name = _deictic_anchor(ctx)
        if anchor_date is None:
            return _unresolved(mention, Grain.QUARTER, r)
        if r.unit == Grain.YEAR.value:  # "year-earlier" on its own: the year before
            return _from_value(f"{anchor_date.year - 1:04d}"), anchor_name
        index = anchor_date.year * 4 + (anchor_date.month - 1) // 3 - 1
        year, quarter0 = divmod(index, 4)
        return _from_value(f"{year - 1:04d}-Q{r.quarter or quarter0 + 1}"), anchor_name
    number = r.quarter if is_quarter else r.half
    letter, months = ("Q", 3) if is_quarter else ("H", 6)
    if r.year is not None and number is not None:
        return _from_value(f"{r.year:04d}-{letter}{number}"), "absolute"
    if r.year is not None:  # "the 1988 quarter": the quarter reported on, in that year
        reported = _reported_quarter(ctx)
        if reported is not None and reported[0].value[4:6] == f"-{letter}":
            return _from_value(f"{r.year:04d}{reported[0].value[4:]}"), reported[1]
        return _from_value(f"{r.year:04d}"), "absolute"
    anchor_date, anchor_name = _deictic_anchor(ctx)
    if anchor_date is None:
        return _unresolved(mention, Grain.QUARTER if is_quarter else Grain.HALF_YEAR, r)
    current = (anchor_date.month - 1) // months + 1
    year = anchor_date.year + (r.year_offset or 0)
    if number is None:
        step = r.offset if r.offset is not None else -1
        index = anchor_date.year * (12 // months) + current - 1 + step
        year, number0 = divmod(index, 12 // months)
        return _from_value(f"{year:04d}-{letter}{number0 + 1}"), anchor_name
    if r.year_offset is None and r.year is None:
        tense = _tense(mention, ctx)
        if tense == "past" and number > current:
            year -= 1
        elif tense == "future" and number < current - 1:
            year += 1
    return _from_value(f"{year:04d}-{letter}{number}"), anchor_name


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


def _season(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    season = r.season or "SU"
    if r.year is not None:
        return _from_value(f"{r.year:04d}-{season}", "DATE", r.mod), "absolute"
    in_era = _in_era(ctx, f"-{season}", Grain.SEASON, r.mod) if r.year_offset is None and r.offset is None else None
    if in_era is not None:
        return in_era
    first_month = SEASON_MONTHS[season][0]
    if r.value == "anaphoric" and r.offset:
        reference, anchor_name = _story_anchor(ctx)
        if reference is not None and reference.start is not None and reference.end is not None:
            year = _season_after(reference, first_month, r.offset > 0)
            return _from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name
    if r.year_offset is None and r.offset is None:
        story_year = _narrative_year(first_month, None, ctx) if ctx.mode == "narrative" else None
        if story_year is not None:  # "In 1941 ... During the summer": the story's summer
            return _from_value(f"{story_year:04d}-{season}", "DATE", r.mod), f"expression {ctx.reference_index}"
    anchor_date, anchor_name = _deictic_anchor(ctx)
    if anchor_date is None:
        return _unresolved(mention, Grain.SEASON, r)
    year = anchor_date.year
    if r.year_offset is not None:
        year += r.year_offset
    else:
        start_this = dt.date(year, first_month, 1)
        in_it = start_this <= anchor_date < add_months(start_this, 3)
        if r.offset is None:
            tense = _tense(mention, ctx)
            r_offset = 1 if tense == "future" else -1 if tense == "past" else 0
        else:
            r_offset = r.offset
        if r_offset < 0 and not (start_this < anchor_date and r.offset is None):
            if start_this >= anchor_date or in_it and r.offset is not None:
                year -= 1
        elif r_offset > 0 and start_this <= anchor_date and not (in_it and r.offset is None):
            year += 1
    return _from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name


def _decade(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    decade = r.decade or 0
    if r.century_from_anchor:
        anchor_date, _ = _deictic_anchor(ctx)
        base = (anchor_date.year if anchor_date else 1999) // 10
        candidate = base // 10 * 10 + decade
        if candidate > base and candidate >= 10:
            candidate -= 10  # the latest such decade not after the anchor's ("'90s" in 2016: 199)
        decade = candidate
    return _from_value(f"{decade:03d}", "DATE", r.mod), "absolute"


def _relative(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    anchor_date, anchor_name = _deictic_anchor(ctx)
    unit = r.unit or "day"
    offset = r.offset or 0
    if unit == "weekend":
        if anchor_date is None:
            return TimeValue("DATE", "XXXX-WXX-WE", None, None, Grain.WEEK, False, r.mod), "unresolved"
        if r.offset is None and anchor_date.isoweekday() >= 6:
            day = anchor_date  # written on a Saturday or Sunday: the weekend under way
        elif r.offset is None:  # "the weekend": the last one in the past tense, else the coming one
            day = (weekday_on_or_before if _tense(mention, ctx) == "past" else weekday_on_or_after)(anchor_date, 6)
        else:
            day = anchor_date + dt.timedelta(weeks=offset)
        year, week, _ = day.isocalendar()
        return _from_value(f"{year:04d}-W{week:02d}-WE", "DATE", r.mod), anchor_name
    grain = Grain(unit)
    if anchor_date is None:
        return _unresolved(mention, grain, r)
    day = shift_date(anchor_date, grain, offset)
    if grain is Grain.DAY and r.part_of_day:
        return _from_value(format_value(day, Grain.DAY) + f"T{r.part_of_day}", mention.timex_type, r.mod), anchor_name
    return _from_value(format_value(day, grain), mention.timex_type, r.mod), anchor_name


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


def _offset(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    unit = r.unit or "day"
    sign = -1 if r.direction == "before" else 1
    if r.amount is None:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return TimeValue("DATE", value, None, None, None, False, r.mod), "publication"
    grain = Grain(unit)
    if grain is Grain.YEAR and r.amount == 1 and sign < 0:
        reported = _reported_quarter(ctx)
        if reported is not None:  # "profit rose from $3 million a year ago" after "third-quarter"
            return _year_before(reported[0]), reported[1]
    if r.value == "deictic":
        anchor_date, anchor_name = _deictic_anchor(ctx)
        value_grain = grain
    else:
        reference, anchor_name = _story_anchor(ctx)
        anchor_date = reference.start.date() if reference is not None and reference.start is not None else None
        if _day_after_a_period(reference, unit, sign > 0) and anchor_name != "publication":
            assert reference is not None
            return attrs.evolve(reference, approximate=True), anchor_name
        if anchor_date is not None and grain is Grain.DAY:
            anchor_date, anchor_name = _day_to_count_from(reference, anchor_date, anchor_name, ctx)
        ref_grain = reference.grain if reference is not None else None
        value_grain = grain
        if ref_grain is not None and _RANK[ref_grain] < _RANK[grain]:
            if grain is Grain.YEAR and ref_grain in (Grain.QUARTER, Grain.HALF_YEAR) and ctx.period is not None:
                value_grain = ref_grain
            elif grain is Grain.WEEK and ref_grain is Grain.DAY:
                value_grain = Grain.DAY
    if anchor_date is None:
        return _unresolved(mention, grain, r)
    try:
        if unit in _CLOCK_UNITS:
            # The anchor is a day without a time: "50 minutes ago" is that day, "48 hours ago"
            # two days before; no clock time is invented.
            seconds = r.amount * _CLOCK_UNITS[unit]
            day, value_grain = anchor_date + sign * dt.timedelta(days=int(seconds // 86400)), Grain.DAY
        else:
            day = _shift(anchor_date, unit, r.amount, sign)
    except (OverflowError, ValueError):
        return _unresolved(mention, grain, r)
    approximate = r.mod in ("APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE")
    result = _from_value(format_value(day, value_grain), "DATE", r.mod if r.mod == "APPROX" else None)
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


def _day_to_count_from(reference: TimeValue | None, day: dt.date, anchor_name: str, ctx: _Context) -> tuple[dt.date, str]:
    """The day a "the day before"/"the next day" counts from: the reference's day, but in news
    not the first of January of a year-grain reference ("opened in 1990 ... The day before"):
    then the publication day, a better guess. Narratives keep the story's year."""
    if reference is None or reference.grain is None or _RANK[reference.grain] <= _RANK[Grain.WEEK] or ctx.mode != "news":
        return day, anchor_name
    pub = _pub_date(ctx.published)
    return (pub, "publication") if pub is not None else (day, anchor_name)


def _day_after_a_period(reference: TimeValue | None, unit: str, forward: bool) -> bool:
    """"The following day", "a day later" after a week, month or year ("in March", "in 2019",
    "last week"): some day of that period, or just after it. The story moves on from the
    period, not from its first day, and never from the publication day."""
    return forward and unit in _DAY_UNITS and reference is not None and \
        reference.grain is not None and reference.start is not None and \
        _RANK[reference.grain] >= _RANK[Grain.WEEK]


_DAY_UNITS = frozenset({"day", "night", "morning", "afternoon", "evening"})


def _anaphoric(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    reference, anchor_name = _story_anchor(ctx)
    unit = r.unit or "day"
    if reference is None or reference.start is None:
        grain = Grain.WEEK if unit == "weekend" else Grain(unit)
        return _unresolved(mention, grain, r)
    base = reference.start.date()
    offset = r.offset or 0
    if _day_after_a_period(reference, unit, offset > 0) and anchor_name != "publication":
        return attrs.evolve(reference, approximate=True), anchor_name
    if unit in _DAY_UNITS and offset == 0 and reference.grain is Grain.MONTH and anchor_name != "publication":
        # "last October, when the doctor was shot ... that same day": a day of that month
        return TimeValue(mention.timex_type, reference.value[:7] + "-XX", reference.start, reference.end,
                         Grain.DAY, True, r.mod), anchor_name
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        base, anchor_name = _day_to_count_from(reference, base, anchor_name, ctx)
    if unit == "weekend":
        day = base + dt.timedelta(weeks=offset)
        year, week, _ = day.isocalendar()
        return _from_value(f"{year:04d}-W{week:02d}-WE", "DATE", r.mod), anchor_name
    if unit == Grain.SEASON.value:
        season = r.season or "SU"
        year = base.year + offset
        return _from_value(f"{year:04d}-{season}", "DATE", r.mod), anchor_name
    grain = Grain(unit)
    try:
        day = shift_date(base, grain, offset)
    except (OverflowError, ValueError):
        return _unresolved(mention, grain, r)
    value = format_value(day, grain)
    if grain is Grain.DAY and r.part_of_day:
        value += f"T{r.part_of_day}"
    return _from_value(value, mention.timex_type, r.mod), anchor_name


def _clock(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    hour = r.hour or 0
    minute = r.minute or 0
    anchor_name = "publication"
    day: dt.date | None
    if r.month is not None and r.day is not None:  # "5 p.m. EST Nov. 9"
        anchor_date, anchor_name = _deictic_anchor(ctx)
        year = r.year if r.year is not None else (
            _year_for(r.month, r.day, anchor_date, _tense(mention, ctx)) if anchor_date else None)
        day = dt.date(year, r.month, r.day) if year is not None else None
        anchor_name = "absolute" if r.year is not None else anchor_name
    elif r.weekday is not None:
        anchor_date, anchor_name = _deictic_anchor(ctx)
        day = _weekday_day(r.weekday, None, anchor_date, _tense(mention, ctx)) if anchor_date else None
    elif r.offset is not None:
        anchor_date, anchor_name = _deictic_anchor(ctx)
        day = anchor_date + dt.timedelta(days=r.offset) if anchor_date else None
    elif ctx.same_sentence_day is not None and ctx.same_sentence_day.start is not None:
        day, anchor_name = ctx.same_sentence_day.start.date(), f"expression {ctx.reference_index}"
    else:
        day, anchor_name = _deictic_anchor(ctx)
    if day is None:
        value = f"XXXX-XX-XXT{hour % 24:02d}:{minute:02d}"
        return TimeValue("TIME", value, None, None, Grain.MINUTE, False, r.mod), "unresolved"
    if hour == 24 and not (r.weekday is None and r.offset is None and r.month is None and _tense(mention, ctx) == "past"):
        day, hour = day + DAY, 0  # "midnight": the one that ends the day, unless told otherwise
    elif hour == 24:
        hour = 0  # "the ceasefire began at midnight": the midnight that began the publication day
    value = f"{format_value(day, Grain.DAY)}T{hour:02d}:{minute:02d}"
    return _from_value(value, "TIME", r.mod), anchor_name


def _holiday(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    anchor_date, anchor_name = _deictic_anchor(ctx)
    name = r.value or "easter"
    if r.year is not None:
        return _from_value(format_value(holiday_date(name, r.year), Grain.DAY)), "absolute"
    if anchor_date is None:
        return TimeValue("DATE", "XXXX-XX-XX", None, None, Grain.DAY), "unresolved"
    tense = _tense(mention, ctx)
    if r.offset is not None:
        tense = "past" if r.offset < 0 else "future"
    this_year = holiday_date(name, anchor_date.year)
    if tense == "future" and this_year < anchor_date:
        day = holiday_date(name, anchor_date.year + 1)
    elif tense in ("past", "present") and this_year > anchor_date:
        day = holiday_date(name, anchor_date.year - 1)
    else:
        day = this_year
    return _from_value(format_value(day, Grain.DAY)), anchor_name


def _duration(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    value = duration_value(r.unit or "day", r.amount)
    approximate = r.amount is None or r.mod == "APPROX"
    return TimeValue("DURATION", value, None, None, None, approximate, r.mod), "absolute"


def _anchored(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    value = duration_value(r.unit or "day", r.amount)
    return TimeValue("DURATION", value, None, None, None, r.amount is None or r.mod == "APPROX", r.mod), "event"


def _set(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    return TimeValue("SET", r.value or "XXXX", None, None, None, False, None), "absolute"


def _ref(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    return TimeValue("DATE", r.value or "PRESENT_REF", None, None, None, False, None), "publication"


def _story(mention: Mention, r: Reading, ctx: _Context) -> tuple[TimeValue, str]:
    """"during this period", "at the same time": the story's reference time, as it is (a year,
    a month, a day); in a story told before Christ the story's year (month); else unresolved."""
    if ctx.era is not None:
        year, month = ctx.era
        value = f"BC{year:04d}" + (f"-{month:02d}" if month else "")
        return TimeValue(mention.timex_type, value, None, None, Grain.MONTH if month else Grain.YEAR), "story (BC)"
    if ctx.reference is not None and ctx.reference.start is not None:
        reference = ctx.reference
        return TimeValue(mention.timex_type if reference.timex_type == "DATE" else reference.timex_type,
                         reference.value, reference.start, reference.end, reference.grain, True,
                         None), f"expression {ctx.reference_index}"
    return TimeValue(mention.timex_type, "XXXX-XX-XX", None, None, None, False, None), "unresolved"


_RESOLVERS = {
    "absolute": _absolute,
    "era": _era,
    "month_relative": _month_relative,
    "weekday": _weekday,
    "quarter": _quarter,
    "season": _season,
    "decade": _decade,
    "century": lambda m, r, c: (_from_value(f"{r.century or 0:02d}", "DATE", r.mod), "absolute"),
    "relative": _relative,
    "offset": _offset,
    "anaphoric": _anaphoric,
    "clock": _clock,
    "holiday": _holiday,
    "duration": _duration,
    "anchored": _anchored,
    "set": _set,
    "ref": _ref,
    "story": _story,
}


def resolve_mention(mention: Mention, published: dt.date | dt.datetime | None, *,
                    text: str | None = None, sentence: Sentence | None = None,
                    reference: TimeValue | None = None, mode: str = "news") -> Expression:
    """Resolve one mention on its own (no document context beyond what is passed)."""
    ctx = _Context(text or mention.text, published, mode, reference, None if reference is None else 0,
                   None, sentence, None)
    time, anchor = _resolve(mention, ctx)
    return Expression(mention, time, anchor, 0)


def _resolve(mention: Mention, ctx: _Context) -> tuple[TimeValue, str]:
    resolver = _RESOLVERS[mention.reading.kind]
    try:
        time, anchor = resolver(mention, mention.reading, ctx)
    except (OverflowError, ValueError):
        # Outside years 1..9999 or an impossible calendar value: keep the text, no interval.
        return TimeValue(mention.timex_type, "XXXX-XX-XX", None, None, None, False, None), "invalid date"
    if time.timex_type != mention.timex_type and mention.timex_type in ("DATE", "TIME") and time.timex_type in ("DATE", "TIME"):
        time = attrs.evolve(time, timex_type=mention.timex_type)
    return time, anchor


def _is_comparison(r: Reading) -> bool:
    """Whether the reading is a year-back comparison ("a year earlier", "the year-ago quarter").

    Reports compare with the same period a year before; such a comparison does not move the
    story's reference time, so two of them in a row both point one year back, not two.
    """
    if r.kind == "quarter":
        return r.value == "comparison"
    return r.kind == "offset" and r.unit == "year" and r.amount == 1 and r.direction == "before"


_STORY_STEP = re.compile(r"\s+(later|earlier|afterwards?|previously)\b", re.IGNORECASE)


def _story_step(mention: Mention, text: str) -> Mention:
    """In a narrative, "Six days later", "A few months later", "two weeks earlier" are times in
    the story (WikiWars tags them DATE with "later" inside), counted from the reference time;
    in news they stay durations before an unnamed event (the TimeML/TE3 convention)."""
    r = mention.reading
    if r.kind != "anchored" or r.value != "previous":
        return mention
    step = _STORY_STEP.match(text, mention.char_end)
    if step is None:
        return mention
    end = step.end()
    reading = Reading("offset", unit=r.unit, amount=r.amount, direction=r.direction, mod=r.mod)
    return attrs.evolve(mention, char_end=end, text=text[mention.char_start:end], timex_type="DATE", reading=reading)


_FLASHBACK = re.compile(r"\b(?:ago|earlier|before|previous|previously|prior|preceding)\b", re.IGNORECASE)


#: Words that open a clause whose date is background to the story rather than a step of it:
#: an end point or a starting point ("until the fall of the city in February 1945", "since
#: 1941"), a relative clause ("forces that had crossed the river in late 1943", "which"), a
#: complement ("revealed that ... in 2005"). Measured on wikiwars-dev (value F1 80.2 without
#: any, 80.7 since/until, +that 80.9, +parentheses and which/who 81.0).
_BACKGROUND_CLAUSE = re.compile(r"\b(?:since|until|till|that|which|who|whom|whose|would|could|planned|projected)\b", re.IGNORECASE)


def _in_background(text: str, sentence: Sentence | None, position: int) -> bool:
    """Whether ``position`` lies in a parenthesis of its sentence or in a clause opened by one
    of :data:`_BACKGROUND_CLAUSE` (the stretch after the last comma, semicolon or bracket)."""
    if sentence is None:
        return False
    before = text[sentence.char_start:position]
    if before.count("(") > before.count(")"):
        return True
    clause = re.split(r"[,;:()\[\]]", before)[-1]
    return _BACKGROUND_CLAUSE.search(clause) is not None


def _moves_story(mention: Mention, time: TimeValue, reference: TimeValue | None, text: str,
                 sentence: Sentence | None) -> bool:
    """Whether a date in a narrative becomes the story's reference time (what a following
    "In July" or "the next day" counts from). Not when it only looks back from the story's
    time ("the previous year", "two decades earlier", "two years ago"), when it is quoted
    speech, or when it is a coarser period that holds the reference already ("On December 7,
    1941 ... the 1941 campaign ... In January": January follows December 1941)."""
    r = mention.reading
    if r.kind in ("anaphoric", "offset", "relative", "month_relative") and _FLASHBACK.search(mention.text):
        return False
    if _in_quotes(text, sentence, mention.char_start) or _in_background(text, sentence, mention.char_start):
        return False
    if reference is not None and reference.start is not None and reference.end is not None \
            and time.start is not None and time.end is not None and time.grain is not None \
            and reference.grain is not None and _RANK[time.grain] > _RANK[reference.grain] \
            and time.start <= reference.start and reference.end <= time.end:
        return False
    return True


def _next_dated(mentions: tuple[Mention, ...], sentences: tuple[Sentence, ...], text: str) -> list[tuple[int, int] | None]:
    """For each mention, the (year, month) of the next mention after it that writes its year
    out and moves the story (a month/day or month with its year, or a year alone: month 1),
    or None: where a narrative is heading, to place a month without a year."""
    result: list[tuple[int, int] | None] = [None] * len(mentions)
    upcoming: tuple[int, int] | None = None
    for index in range(len(mentions) - 1, -1, -1):
        result[index] = upcoming
        m = mentions[index]
        r = m.reading
        if r.kind == "absolute" and r.year is not None and not r.century_from_anchor:
            sentence = sentences[m.sentence] if 0 <= m.sentence < len(sentences) else None
            if not (_in_quotes(text, sentence, m.char_start) or _in_background(text, sentence, m.char_start)):
                upcoming = (r.year, r.month or 1)
    return result


_DATE_AFTER_OF = re.compile(r".*?\bof\s+", re.IGNORECASE | re.DOTALL)


def _date_of_part(mention: Mention, text: str) -> Mention:
    """In news, "the night of Oct. 23" is tagged as the date alone (TimeBank: "on the night of
    [Oct. 23]"); histories (WikiWars) tag the whole phrase as a TIME. News keeps the date."""
    r = mention.reading
    if r.kind != "absolute" or r.part_of_day is None or r.hour is not None or mention.rule != _PART_OF_DATE_RULE:
        return mention
    head = _DATE_AFTER_OF.match(text, mention.char_start, mention.char_end)
    if head is None:
        return mention
    start = head.end()
    return attrs.evolve(mention, char_start=start, text=text[start:mention.char_end], timex_type="DATE",
                        reading=attrs.evolve(r, part_of_day=None))


_PART_OF_DATE_RULE = "the <part of day> of <month> <day>[, <year>]"
_CLOCK_DAY_GAP = re.compile(r"\s*(?:on\s+|,\s*)?", re.IGNORECASE)


def resolve_mentions(
    mentions: tuple[Mention, ...],
    sentences: tuple[Sentence, ...],
    text: str,
    published: dt.date | dt.datetime | None,
    mode: str,
) -> tuple[Expression, ...]:
    """Resolve every mention of a document in order, tracking the reference time.

    Phrases naming the story's time ("during this period", "at the same time", reading kind
    ``story``) are dropped outside narratives: news does not tag them."""
    if mode != "narrative":
        mentions = tuple(m for m in mentions if m.reading.kind != "story")
    expressions: list[Expression] = []
    reference: TimeValue | None = None
    reference_index: int | None = None
    reference_sentence: int | None = None
    day_in_sentence: tuple[int, TimeValue] | None = None
    period: tuple[TimeValue, int, int] | None = None
    names_year = False
    era: tuple[int, int | None] | None = None
    next_dated = _next_dated(mentions, sentences, text) if mode == "narrative" else []
    for index, mention in enumerate(mentions):
        if mode == "narrative":
            mention = _story_step(mention, text)
        else:
            mention = _date_of_part(mention, text)
        sentence = sentences[mention.sentence] if 0 <= mention.sentence < len(sentences) else None
        same_day = day_in_sentence[1] if day_in_sentence and day_in_sentence[0] == mention.sentence else None
        if mention.reading.kind == "clock" and index + 1 < len(mentions):
            # "3 p.m. on Thursday": the day written right after the clock time is its day.
            following = mentions[index + 1]
            if _CLOCK_DAY_GAP.fullmatch(text, mention.char_end, following.char_start) and following.reading.kind in ("weekday", "absolute", "relative"):
                follow_ctx = _Context(text, published, mode, reference, reference_index, reference_sentence, sentence, None)
                day_value, _ = _resolve(following, follow_ctx)
                if day_value.grain in (Grain.DAY, Grain.PART_OF_DAY):
                    same_day = day_value
        ctx = _Context(text, published, mode, reference, reference_index, reference_sentence, sentence, same_day, period,
                       names_year, era, next_dated[index] if mode == "narrative" else None)
        time, anchor = _resolve(mention, ctx)
        expressions.append(Expression(mention, time, anchor, index))
        if mention.reading.kind == "era" and mention.reading.year is not None:
            era = (mention.reading.year, mention.reading.month)
        elif time.start is not None and time.timex_type in ("DATE", "TIME") and mention.reading.kind not in ("ref", "story"):
            era = None  # the story has come back to the common era
        if time.grain in (Grain.QUARTER, Grain.HALF_YEAR) and time.start is not None and not _is_comparison(mention.reading):
            period = (time, index, mention.sentence)
        elif time.timex_type == "DURATION" and mention.reading.unit == "month" and (mention.reading.amount or 0) > 3:
            period = None  # "for the nine months": the comparisons that follow are about years
        if time.start is not None and time.timex_type in ("DATE", "TIME") and mention.reading.kind not in ("ref", "story") \
                and not _is_comparison(mention.reading) \
                and (mode != "narrative" or _moves_story(mention, time, reference, text, sentence)):
            reference, reference_index, reference_sentence = time, index, mention.sentence
            names_year = mention.reading.kind == "absolute" and mention.reading.year is not None
            if time.grain in (Grain.DAY, Grain.PART_OF_DAY):
                day_in_sentence = (mention.sentence, time)
    return tuple(expressions)


_DATELINE_AFTER = re.compile(r"\s*(?:\(\w[\w .&-]*\)\s*)?(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?)?(?:[—–|/]|--|-\s|\n|\Z)")
_DATELINE_BEFORE = re.compile(
    r"\A\s*(?:[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,30})?,?\s*)?"  # KYIV, Ukraine
    r"(?:\(\w[\w .&-]*\)\s*)?(?:(?:[—–|]|--?)\s*)?"  # (AP) —
    r"(?:(?:posted|published|updated|dated)(?:\s+on)?:?\s*)?"  # Published
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?\s*(?:[A-Z]{2,4}\b\s*)?,?\s*)?"  # 2:14 PM EST,
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s*)?\Z",  # Mon
    re.IGNORECASE,
)


def find_dateline(text: str, mentions: tuple[Mention, ...]) -> dt.date | None:
    """The publication date of a dateline at the top of the text, if there is one.

    A dateline is a full date (year, month and day) that opens the text, alone or after a
    place name and news agency ("WASHINGTON, Jan. 15, 2016 (AP) —", "KYIV, Ukraine (AP) —
    Sept. 12, 2022 —", "2016-01-15", "Published: 15 January 2016", a byline "Published 2:14 PM
    EST, Mon January 9, 2023"), and is followed by a dash, a line break or the end of the text.
    A date inside the first sentence of the story does not count.
    """
    for mention in mentions:
        if mention.char_start > 120:
            break
        r = mention.reading
        if not (r.kind == "absolute" and r.year and r.month and r.day and not r.century_from_anchor):
            continue
        if not _DATELINE_BEFORE.match(text[: mention.char_start]):
            return None
        if not _DATELINE_AFTER.match(text, mention.char_end):
            return None
        try:
            return dt.date(r.year, r.month, r.day)
        except ValueError:
            return None
    return None


_DEICTIC_KINDS = frozenset({"relative", "weekday"})

#: A dateline without a date at the top of a news story: "BUDAPEST, Hungary (AP)_",
#: "WASHINGTON (Reuters) -", "NEW YORK --".
_PLACE_DATELINE = re.compile(
    r"\A\s*(?-i:[A-Z][A-Z.'’ -]{2,40})(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
    r"(?:\((?-i:[A-Z][\w .&-]{1,20})\)|(?:\((?-i:[A-Z][\w .&-]{1,20})\)\s*)?(?:_|—|–|--|-\s|:\s))"
)
#: A perfect of a reporting or news verb ("has said", "have announced", "has died"): how news
#: reports what happened up to the moment of writing; histories narrate in the past tense.
_NEWS_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:also|now|just|already|not|since|repeatedly|publicly)\s+)?"
    r"(?:said|announced|told|reported|confirmed|denied|warned|claimed|stated|admitted|agreed|"
    r"decided|died|resigned|elected|asked|called|urged|promised|pledged|vowed|rejected|approved|"
    r"launched|filed|signed|released|issued|declined|refused)\b",
    re.IGNORECASE,
)
#: "will" + a verb: the writer's future ("the shares will carry a dividend"); histories tell
#: a later time with "would".
_WRITERS_FUTURE = re.compile(r"(?<![Tt]he\s)(?<![Ff]ree\s)(?<![Pp]olitical\s)\b[Ww]ill\s+(?!of\b|to\b|and\b|power\b)[a-z]+")
_QUOTE_MARKS = re.compile(r'["“”]')


#: How many more year mentions than news evidence make a chronicle of recent years a narrative.
_CHRONICLE_RATIO = 8


@attrs.frozen
class ModeChoice:
    """The mode ``auto`` picks for a document, with the evidence that decided it."""

    mode: str
    reason: str
    #: whether there was anything to weigh (a year far from publication); when not, the text
    #: is plain news and the reason is not worth a note
    weighed: bool = True


def _in_quotes(text: str, sentence: Sentence | None, position: int) -> bool:
    """Whether ``position`` lies inside a quotation of its sentence (an odd number of quotation
    marks before it): quoted speech keeps the speaker's "today" and "tonight"."""
    if sentence is None:
        return False
    return len(_QUOTE_MARKS.findall(text, sentence.char_start, position)) % 2 == 1


def _is_deictic(m: Mention) -> bool:
    """Whether a mention counts from the moment of writing ("yesterday", "on Wednesday", "two
    weeks ago", "last June", "this week")."""
    r = m.reading
    return (
        r.kind in _DEICTIC_KINDS
        or (r.kind == "clock" and (r.weekday is not None or r.offset is not None))
        or (r.kind == "offset" and r.value == "deictic")
        or (r.kind == "month_relative" and "year" not in m.text.lower() and r.value != "anaphoric")
    )


def _needs_anchor(m: Mention) -> bool:
    """Whether a mention takes its value from an anchor (publication or the story's date):
    "in June", "the next day", "Thursday"; not "1998", "three weeks", "now"."""
    r = m.reading
    if r.kind == "anchored":
        return r.value == "previous"  # "six days later": after the story's last date
    if r.kind in ("duration", "set", "ref", "decade", "century", "era"):
        return False
    return not (r.kind in ("absolute", "holiday", "season", "quarter") and r.year is not None)


def _unquoted(pattern: re.Pattern[str], text: str, sentences: tuple[Sentence, ...]) -> int:
    """How many matches of ``pattern`` lie outside quotations."""
    count = 0
    starts = [s.char_start for s in sentences]
    for hit in pattern.finditer(text):
        index = bisect.bisect_right(starts, hit.start()) - 1
        inside = sentences[index] if index >= 0 and hit.start() < sentences[index].char_end else None
        count += not _in_quotes(text, inside, hit.start())
    return count


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def choose_mode(mentions: tuple[Mention, ...], published: dt.date | dt.datetime | None,
                text: str | None = None, sentences: tuple[Sentence, ...] = ()) -> ModeChoice:
    """Decide between ``news`` and ``narrative`` from evidence in the text, and say which.

    News evidence: a dateline at the top, expressions that count from the moment of writing
    ("yesterday", "on Wednesday", "two weeks ago", "last June") outside quotations, and perfects
    of reporting verbs ("has said", "have announced", "has died"). Narrative evidence: explicit
    years far (more than three years) from publication, or a chronicle of many years written
    out. A text is a narrative when the years clearly outweigh the news evidence:

    - no far year, or nothing to anchor (no expression needs an anchor, at most one year): news;
    - a dateline: news (a narrative may quote news, but a dated story is news);
    - far years only and no news evidence at all: narrative;
    - at least two far years, 60% of all years, and three times the news evidence: narrative;
    - a chronicle (20 years or more written out, four distinct) with eight times the news
      evidence: narrative ("in 2003 ... in 2005 ..." published in 2009);
    - otherwise news.
    """
    pub = _pub_date(published)
    years = [m.reading.year for m in mentions if m.reading.year and not m.reading.century_from_anchor]
    far = [y for y in years if pub is None or abs(y - pub.year) > 3]
    if not far:  # most news: nothing to weigh, so the evidence is not gathered
        return ModeChoice("news", "mode: news (no year far from publication)", weighed=False)
    near = len(years) - len(far)
    body = text or ""
    by_index = {s.index: s for s in sentences}
    deictic = sum(
        1 for m in mentions
        if _is_deictic(m) and not (body and _in_quotes(body, by_index.get(m.sentence), m.char_start))
    )
    perfects = _unquoted(_NEWS_PERFECT, body, sentences)
    futures = _unquoted(_WRITERS_FUTURE, body, sentences)
    dateline = bool(body) and (find_dateline(body, mentions) is not None or _PLACE_DATELINE.match(body) is not None)
    evidence = deictic + perfects + futures
    parts = (["a dateline"] if dateline else []) + (
        [_count(deictic, "expression") + " relative to publication"] if deictic else []) + (
        [_count(perfects, "reporting perfect")] if perfects else []) + (
        [_count(futures, "'will' future")] if futures else [])
    news_why = ", ".join(parts) if parts else "no news evidence"
    years_why = f"{_count(len(far), 'year')} far from publication, {near} near"
    if len(years) < 2 and not any(_needs_anchor(m) for m in mentions):
        return ModeChoice("news", f"mode: news (nothing to anchor on the story: {years_why})")
    if dateline:
        return ModeChoice("news", f"mode: news ({news_why}; {years_why})")
    distinct = len(set(years))
    if not near and not evidence:
        return ModeChoice("narrative", f"mode: narrative ({years_why}, no news evidence)")
    if len(far) >= 2 and len(far) >= 0.6 * len(years) and evidence * 3 <= len(far):
        return ModeChoice("narrative", f"mode: narrative ({years_why} outweigh {news_why})")
    if len(years) >= 20 and distinct >= 4 and evidence * _CHRONICLE_RATIO <= len(years):
        return ModeChoice("narrative", f"mode: narrative (a chronicle of {distinct} years written "
                                       f"{len(years)} times outweighs {news_why})")
    return ModeChoice("news", f"mode: news ({news_why}; {years_why})")


def detect_mode(mentions: tuple[Mention, ...], published: dt.date | dt.datetime | None,
                text: str | None = None, sentences: tuple[Sentence, ...] = ()) -> str:
    """``narrative`` when the text is dated by its own explicit years, far from publication,
    and shows little news evidence; ``news`` otherwise (see :func:`choose_mode`)."""
    return choose_mode(mentions, published, text, sentences).mode
