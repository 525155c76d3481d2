"""Productions of times counted from an anchor: deictic words ("today", "last week"), clock
times, offsets ("two weeks ago"), anchored durations, anaphoric and unit-relative phrases."""

from __future__ import annotations

import re

from timeline.extract.fields import (
    Groups,
    approx_of,
    informal,
    int_of,
    is_title,
    key_of,
    lookup,
    mod_of,
    month_of,
    number_of,
    pod_of,
    rel_offset,
    unit_of,
    weekday_of,
    with_half,
)
from timeline.lexicon import word_map, words
from timeline.types import Grain, Reading

__all__ = [
    "read_anaphoric",
    "read_anchored",
    "read_clock",
    "read_deictic",
    "read_offset",
    "read_the_period",
    "read_unit_relative",
]


_DEICTIC: dict[str, int] = word_map("deictic_days")
_ANAPHORIC_OFFSETS: dict[str, int] = word_map("anaphoric_offsets")


_NAME_BEFORE = re.compile(r"\b[A-Z]{2,}\s+\Z")  # an acronym: "USA Today", "VOA Today"
_OF_TOMORROW = re.compile(r"\b(?:the|a|an)\s+[a-z]+s?\s+of\s+\Z", re.IGNORECASE)


def read_deictic(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``deictic``: a deictic word ("today", "yesterday", "tonight"), or a name ("USA Today")."""
    word = informal(key_of(g.get("word"))) or "today"
    pod = pod_of(g.get("pod"))
    if text in ("Today", "Tonight", "Tomorrow") and _NAME_BEFORE.search(before):
        return None  # "USA Today", "VOA Today": a title
    possessive = re.match(r"['’]s\s+([a-z]+)(?:\s+([a-z]+))?", after)
    if text.lower() == "today" and possessive and not {*possessive.groups()}.isdisjoint(
            words()["present_day_after_todays"]["words"]):
        return None  # "today's youth", "today's young people": the present in general
    if text.lower() == "tomorrow" and _OF_TOMORROW.search(before):
        return None  # "the people of tomorrow": the future in general, not a day
    if word == "tonight":
        pod = "NI"
    if word == "last" and pod not in ("NI",):
        return None  # "last morning" is not idiomatic; "last night" is
    if word == "this" and pod is None:
        return None
    mod = mod_of(g.get("mod"))
    reading = Reading("relative", unit=Grain.DAY.value, offset=_DEICTIC[word], part_of_day=pod, mod=mod)
    if pod is not None:
        return ("TIME", reading)
    return reading


_WORD_HOURS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}


def read_clock(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``clock``: a clock time ("3 p.m.", "10:30", "noon"), with its day when written."""
    minute = 0
    if g.get("hour24"):
        hour, minute = int(g["hour24"]), int(g["minute24"])  # type: ignore[arg-type]
    elif g.get("noon"):
        if re.search(r"\bhigh\s+\Z", before, re.IGNORECASE):
            return None  # "high noon": a showdown, not a time
        hour = 12 if key_of(g["noon"]) in ("noon", "midday") else 24
    elif g.get("hourword"):
        word = key_of(g["hourword"])
        hour = _WORD_HOURS.get(word) or int(word)
        pod = key_of(g.get("pod2"))
        if pod in ("afternoon", "evening", "at night") and hour < 12:
            hour += 12
    else:
        hour = int(g["hour"])  # type: ignore[arg-type]
        minute = int_of(g.get("minute")) or 0
        ampm = key_of(g.get("ampm")).replace(".", "").replace(" ", "")
        if hour > 12 or hour == 0:
            return None
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    offset = _DEICTIC.get(informal(key_of(g.get("word"))))
    reading = Reading(
        "clock",
        hour=hour,
        minute=minute,
        weekday=weekday_of(g.get("weekday")),
        month=month_of(g, "month"),
        day=int_of(g.get("day")),
        year=int_of(g.get("year")),
        offset=offset,
        mod=approx_of(g.get("approx"), before),
    )
    return ("TIME", reading)


def read_offset(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``offset``: an amount before or after an anchor ("two weeks ago", "a year earlier")."""
    signal = key_of(g.get("signal") or g.get("signal2"))
    if signal == "from today":  # "two weeks from today"
        signal = "from now"
    unit = unit_of(g.get("unit"))
    if unit is None:
        return None
    amount: float | None
    if g.get("num"):
        amount = with_half(number_of(g.get("num")), text)
    elif signal in ("ago", "from now", "hence", "back") and key_of(g.get("unit")).endswith("s"):
        amount = None  # "months ago": some time back
    else:
        amount = with_half(1.0, text)  # "a year earlier", "the day before"
    direction = "before" if signal in ("ago", "earlier", "before", "prior", "back") else "after"
    # "ago"/"from now"/"hence" count from the speech time; "earlier"/"later" from the story's.
    deictic = signal in ("ago", "from now", "hence", "back")
    return Reading(
        "offset",
        unit=unit,
        amount=amount,
        direction=direction,
        mod=approx_of(g.get("approx"), before),
        deictic=deictic,
        anaphoric=not deictic,
    )


def read_anchored(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """Production ``anchored``: a duration before or after an event ("six days later")."""
    unit = unit_of(g.get("unit"))
    if unit is None or is_title(g.get("num"), g.get("unit") or "", text):
        return None
    signal = key_of(g.get("signal"))
    amount = with_half(number_of(g.get("num")) if g.get("num") else 1.0, text)  # "the day before the vote"
    return Reading(
        "anchored",
        unit=unit,
        amount=amount,
        direction="before" if signal in ("before", "prior to", "earlier", "previously") else "after",
        mod=approx_of(g.get("approx"), before),
        # "two days later": counted from the previous event, not from a clause that follows
        from_previous=signal in ("later", "earlier", "afterwards", "afterward", "previously"),
    )


def read_anaphoric(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``anaphoric``: a unit counted from the story's time ("the next day", "that year")."""
    unit_text = key_of(g.get("unit"))
    rel = key_of(g.get("rel"))
    offset = _ANAPHORIC_OFFSETS.get(rel, 0)
    if unit_text in ("same day",):
        unit_text, offset = "day", 0
    elif unit_text in ("day before", "night before", "eve"):
        unit_text, offset = "day", -1
    elif unit_text == "day after":
        unit_text, offset = "day", 1
    pod = pod_of(unit_text) if unit_text in words()["parts_of_day"] else None
    season = lookup(words()["seasons"], unit_text)
    unit = (
        Grain.DAY.value if pod else Grain.SEASON.value if season else
        "weekend" if unit_text == "weekend" else unit_of(unit_text) or Grain.SEASON.value
    )
    reading = Reading(
        "anaphoric", unit=unit, offset=offset, part_of_day=pod, season=season,  # type: ignore[arg-type]
        mod=mod_of(g.get("mod")),
    )
    return ("TIME", reading) if pod and pod != "NI" else reading


def read_unit_relative(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """Production ``unit_relative``: a unit relative to now ("next week", "this month", "last year")."""
    unit_text = key_of(g.get("unit"))
    offset = rel_offset(g.get("rel"))
    if offset is None and key_of(g.get("rel")) not in ("the", "") :
        return None
    if offset is None and key_of(g.get("unit")) != "weekend":
        return None
    mod = mod_of(g.get("mod"))
    unit = "weekend" if unit_text == "weekend" else unit_of(unit_text)
    if unit is None:
        return None
    rel = key_of(g.get("rel"))
    if rel in ("the", "") and unit == "weekend":
        return Reading("relative", unit=unit, offset=None, mod=mod)  # "the weekend": by tense
    # "the past year", "the next week": TimeBank and the tweets tag them as the calendar unit
    # before or after (DATE), like "last year", not as a one-unit duration.
    return Reading("relative", unit=unit, offset=offset, mod=mod)


def read_the_period(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """"the year", "the fiscal year", "the week", "the month", "year-end": the current one (news)
    or the story's (narrative); "the year ended Sept. 30", a reporting period, is a duration."""
    if g.get("yearend"):
        return Reading("relative", unit=Grain.YEAR.value, offset=0, mod="END")
    if g.get("monthend"):
        return Reading("relative", unit=Grain.MONTH.value, offset=0, mod="END")
    unit = {"week": Grain.WEEK.value, "month": Grain.MONTH.value, "decade": Grain.DECADE.value,
            "century": Grain.CENTURY.value}.get(key_of(g.get("unit")), Grain.YEAR.value)
    if g.get("ended"):
        return ("DURATION", Reading("duration", unit=unit, amount=1.0))
    return Reading("relative", unit=unit, offset=0, mod=mod_of(g.get("mod")))
