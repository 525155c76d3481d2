"""The dateparser baseline that :mod:`timeline.evaluation.expressions` scores beside ``timeline``.

``dateparser.search.search_dates`` finds date strings and parses them against a base date,
but gives neither character offsets nor a precision; this module recovers both:

- offsets: each found substring is searched forward from the end of the previous one;
- value: a clock time gives ``YYYY-MM-DDTHH:MM`` (type TIME); a substring that clearly names
  only a month (a month name or the word *month*, no day number, weekday or day word) gives
  ``YYYY-MM``; only a year gives ``YYYY``; anything else gives the day ``YYYY-MM-DD`` (DATE).
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.evaluation.scoring import Annotation

__all__ = ["BASELINE_BASE", "baseline_value", "dateparser_annotations"]

#: The base date used for documents without a creation time (never today's date).
BASELINE_BASE = dt.datetime(2000, 1, 1)

_CLOCK = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,2}\s*(?:a\.?m\b|p\.?m\b)|\b(?:noon|midnight|o'clock)\b", re.IGNORECASE
)
_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|month)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:\d{4}|year)\b", re.IGNORECASE)
_DAY = re.compile(
    r"(?<!\d)\d{1,2}(?!\d)|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|today|tonight|yesterday|tomorrow|day|days|"
    r"week|weeks|ago|hour|hours|minute|minutes)\b",
    re.IGNORECASE,
)


def baseline_value(substring: str, found: dt.datetime) -> tuple[str, str]:
    """The ``(type, value)`` of a dateparser match, at the grain its substring shows."""
    if _CLOCK.search(substring):
        return "TIME", found.strftime("%Y-%m-%dT%H:%M")
    if not _DAY.search(substring):
        if _MONTH.search(substring):
            return "DATE", found.strftime("%Y-%m")
        if _YEAR.search(substring):
            return "DATE", f"{found.year:04d}"
    return "DATE", found.strftime("%Y-%m-%d")


def dateparser_annotations(
    text: str, published: dt.date | dt.datetime | None
) -> tuple[Annotation, ...]:
    """What ``dateparser.search.search_dates`` finds in ``text``, as scored annotations.

    The base date is ``published`` (a date is taken at midnight), or :data:`BASELINE_BASE`.
    A substring that cannot be found again in the text is dropped.
    """
    from dateparser.search import search_dates

    if isinstance(published, dt.datetime):
        base = published.replace(tzinfo=None)
    elif isinstance(published, dt.date):
        base = dt.datetime(published.year, published.month, published.day)
    else:
        base = BASELINE_BASE
    found = search_dates(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False},
    )
    annotations: list[Annotation] = []
    lowered = text.lower()
    position = 0
    for substring, moment in found or ():
        if not substring.strip():
            continue
        start = text.find(substring, position)
        if start < 0:
            start = lowered.find(substring.lower(), position)
        if start < 0:
            continue
        end = start + len(substring)
        position = end
        kind, value = baseline_value(substring, moment)
        annotations.append(Annotation(start, end, text[start:end], kind, value))
    return tuple(annotations)
