"""Productions of references: informal days, the story's time ("at the same time"). "now",
"recently", "future" and a bare "summer" are ``reading:`` templates in their records."""

from __future__ import annotations

import re

from timeline.extract.fields import (
    Groups,
    key_of,
    unit_of,
)
from timeline.types import Grain, Reading

__all__ = [
    "read_informal_day",
    "read_story_time",
]


def read_informal_day(g: Groups, text: str, before: str = "", after: str = "") -> Reading | tuple[str, Reading] | None:
    """A bare "day" (or "week", "month", "year", "hour") in social media is one such unit
    long; "last day", "the first day" (of a sale, of school...) is the day of writing."""
    if g.get("ordinal"):
        return ("DATE", Reading("relative", unit=Grain.DAY.value, offset=0))
    other = key_of(g.get("unit2"))
    if other:  # a bare "week", "year", "hours" (every one is a time in the tweets corpus)
        return Reading("duration", unit=unit_of(other), amount=None if other.endswith("s") else 1.0)
    return Reading("duration", unit="day", amount=1.0)


#: The preposition a story-time phrase follows, by phrase: "during this period", "throughout
#: that time", "at the same time", "at that time", "at the time". Without one ("this time he
#: won", "the same period") the phrase means an occasion or is something else.
_STORY_TIME_BEFORE = {
    "period": re.compile(r"\b(?:during|throughout|in|from|over|since)\s+\Z", re.IGNORECASE),
    "time": re.compile(r"\b(?:during|throughout)\s+\Z", re.IGNORECASE),
    "that time": re.compile(r"\b(?:during|throughout|in|at|by|until|since)\s+\Z", re.IGNORECASE),
    "same time": re.compile(r"\bat\s+\Z", re.IGNORECASE),
}
#: "at the time" is the story's time when nothing anchors it to an event: it ends a clause or
#: stands before the verb ("Vietnam at the time was ..."), not "at the time of the attack" or
#: "at the time he left office".
_THE_TIME_AFTER = re.compile(r"\s*(?:[,.;:)]|\Z)|\s+(?:was|were|had|did|could|would)\b")


def read_story_time(g: Groups, text: str, before: str = "", after: str = "") -> Reading | None:
    """"during this period", "at the same time", "at that time": the time the story has reached
    (kind ``story``; kept in narratives only, see :func:`timeline.resolve.resolve_mentions`)."""
    words_ = " ".join(text.lower().split())
    if words_ == "the time":
        if not (re.search(r"\bat\s+\Z", before, re.IGNORECASE) and _THE_TIME_AFTER.match(after)):
            return None
        return Reading("story")
    if words_.startswith("the same time"):
        key = "same time"
    elif words_ == "that time":
        key = "that time"
    else:
        key = words_.split()[-1]
    if not _STORY_TIME_BEFORE[key].search(before):
        return None
    return Reading("story")
