"""The year of a date written without one (by tense, by the story), two-digit years, and the
dates of computed holidays."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from timeline.calendar import DAY, add_months, weekday_on_or_after, weekday_on_or_before
from timeline.lexicon import words
from timeline.resolve.values import GRAIN_RANK
from timeline.types import Grain

if TYPE_CHECKING:
    from timeline.resolve.context import MentionContext

__all__ = [
    "full_year",
    "holiday_date",
    "holiday_year",
    "narrative_year",
    "year_for",
]


#: (days back, days forward) from the anchor in which a date without a year is looked for,
#: by tense. Measured on news: past-tense dates lie up to ten months back and up to two months
#: ahead (deadlines, "payable Dec. 15"); future-tense ones up to eleven months ahead.
_YEARLESS_WINDOW = {"past": (330, 31), "future": (31, 334), "present": (182, 183), None: (182, 183)}


def year_for(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int:
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


def holiday_year(month: int, day: int, anchor: dt.date, tense: str) -> int | None:
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
#: with the look-ahead of :func:`narrative_year`: 8 gave value F1 81.0, 10 82.2, 11 82.5 (11
#: is kept from no crossing but December -> January; 10 keeps "left in November 1910 ... In
#: January", which the narrative examples hold).
_YEAR_END_CROSSING = 10


def narrative_year(month: int, day: int | None, ctx: MentionContext) -> int | None:
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
    if ctx.document.mode != "narrative":
        return None
    if reference.grain is not None and GRAIN_RANK[reference.grain] >= GRAIN_RANK[Grain.YEAR]:
        return reference.start.year if reference.grain is Grain.YEAR else None
    year = reference.start.year
    if reference.start.month - month >= _YEAR_END_CROSSING:
        return year + 1  # "in December 1831 ... In February": the story has crossed into 1832
    if month < reference.start.month and ctx.next_dated is not None \
            and (year + 1, month) <= ctx.next_dated < (year + 2, 1):
        return year + 1  # "in November 1967 ... In March ... In May 1968": the story moves on
    return year


def full_year(year: int, anchor: dt.date | None) -> int:
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
