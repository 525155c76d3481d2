"""Readable text for the figure (pure): dates as people write them, the sentence of an event with\nthe event highlighted, and the hover box; every piece of article text is escaped.\n"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import math
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from timeline.api import Timeline

__all__ = [
    "DATED_BY_COLORS",
    "DATED_BY_LABELS",
    "EVENT_REF",
    "FIRM",
    "HEADLINE_LIMIT",
    "HOVER_WIDTH",
    "LINKED",
    "NAME_TOKEN",
    "OTHER_COLORS",
    "POINT_GRAINS",
    "PUBLISHED_COLOR",
    "as_datetimes",
    "cell_text",
    "day_label",
    "display_date",
    "highlighted_sentence",
    "hover_text",
    "plotly_date",
    "published_datetime",
    "seconds_between",
    "shifted",
    "shorten",
]


POINT_GRAINS: frozenset[str] = frozenset({"second", "minute", "hour", "part_of_day", "day"})

#: ``dated_by`` values that make an event firm (drawn solid); the others are drawn faint
FIRM: frozenset[str] = frozenset({"explicit", "anchored"})

#: readable legend names for ``dated_by``, in the order the lanes are shown
DATED_BY_LABELS: dict[str, str] = {
    "explicit": "explicit date",
    "anchored": "anchored on another event",
    "sentence": "date of its sentence",
    "narrative": "narrative order",
    "tense": "from tense only",
    "none": "undated",
}

#: colours for ``dated_by`` (the default colouring): firm kinds saturated, loose kinds muted
DATED_BY_COLORS: dict[str, str] = {
    "explicit": "#1f4e9c",
    "anchored": "#0f8b8d",
    "sentence": "#8c6bb1",
    "narrative": "#b3741b",
    "tense": "#7f7f7f",
    "none": "#b0b0b0",
}

#: colours for values other than ``dated_by``, in turn
OTHER_COLORS: tuple[str, ...] = (
    "#1f4e9c", "#d1495b", "#0f8b8d", "#edae49", "#66a182",
    "#8c6bb1", "#b3741b", "#00798c", "#7f7f7f", "#30638e",
)  # fmt: skip

#: the colour of the publication-date line
PUBLISHED_COLOR = "#c0392b"
#: characters per line of a hover box
HOVER_WIDTH = 72
_SENTENCE_LIMIT = 420
#: the longest headline shown as a title (characters)
HEADLINE_LIMIT = 200
#: "event N" in a ``derived_from`` (N the event it counts from)
EVENT_REF = re.compile(r"\bevent\s+(\d+)", re.IGNORECASE)
#: a ``derived_from`` that counts a date from another event ("event 4 - 1 day"), drawn as an arrow
LINKED = re.compile(r"\s*event\s+\d+", re.IGNORECASE)
#: a word that may be part of a name
NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
#: TIMEX3 values that name no date, only a side of the publication date
_REFS = {"PAST_REF": "before publication", "FUTURE_REF": "after publication",
         "PRESENT_REF": "at publication"}
#: loosely dated events sharing one estimate are drawn as one mark when there are this many


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------


def as_datetimes(series: pd.Series) -> list[dt.datetime | None]:
    """``datetime64`` values as ``datetime`` objects (``None`` for NaT), for any year 1..9999."""
    array = np.asarray(series.to_numpy(), dtype="datetime64[s]")
    return [None if np.isnat(v) else v.astype(object) for v in array]


def plotly_date(value: dt.datetime | None) -> str | None:
    """An ISO string plotly.js reads on a date axis: date only at midnight, else date and time."""
    if value is None:
        return None
    if value.hour == value.minute == value.second == 0:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


def seconds_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole seconds from ``start`` to ``end``."""
    return int((np.datetime64(end, "s") - np.datetime64(start, "s")) / np.timedelta64(1, "s"))


def shifted(value: dt.datetime, seconds: float) -> dt.datetime:
    """``value`` moved by ``seconds``, clamped to years 1..9999."""
    moved = np.datetime64(value, "s") + np.timedelta64(int(seconds), "s")
    low, high = np.datetime64("0001-01-01T00:00:00"), np.datetime64("9999-12-31T23:59:59")
    return min(max(moved, low), high).astype(object)


def day_label(value: dt.datetime) -> str:
    """A day as people write it: ``"12 Jan 2016"``."""
    return f"{value.day} {calendar.month_abbr[value.month]} {value.year}"


def display_date(
    start: dt.datetime | None,
    end: dt.datetime | None,
    grain: str | None,
    value: str | None = None,
    approximate: bool = False,
) -> str:
    """A short readable date for an event: ``"12 Jan 2016"``, ``"October 2015"``, ``"about July 2015"``.

    The TIMEX3 ``value`` is preferred when it names the date (an approximate time's interval is
    widened, its value is not); otherwise the interval and its grain are used. Returns
    ``"undated"`` when there is no start.
    """
    if start is None:
        return "undated"
    if value in _REFS:  # drawn on an estimated day, which the words say is an estimate
        return f"{_REFS[value]} (about {_display_from_interval(start, end, grain, approximate)})"
    prefix = "about " if approximate else ""
    text = _display_from_value(value, grain) if value else None
    if text is None:
        text = _display_from_interval(start, end, grain, approximate)
    return prefix + text


def _display_from_value(value: str, grain: str | None) -> str | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):?(\d{2})?|T(MO|AF|EV|NI|DT))?)?)?", value)
    if match:
        year, month, day, hour, minute, part = match.groups()
        if month is None:
            return year
        name = calendar.month_name[int(month)] if 1 <= int(month) <= 12 else None
        if name is None:
            return None
        if day is None:
            return f"{name} {year}"
        text = f"{int(day)} {calendar.month_abbr[int(month)]} {year}"
        if part:
            return f"{text}, {_PARTS_OF_DAY[part]}"
        if hour is not None:
            return f"{text}, {hour}:{minute or '00'}"
        return text
    match = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if match:
        return f"{_SEASONS[match.group(2)]} {match.group(1)}"
    match = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if match:
        return f"Q{match.group(2)} {match.group(1)}"
    match = re.fullmatch(r"(\d{4})-H([12])", value)
    if match:
        return f"H{match.group(2)} {match.group(1)}"
    match = re.fullmatch(r"(\d{3})X?", value)
    if match and grain in (None, "decade"):
        return f"{match.group(1)}0s"
    return None


def _display_from_interval(
    start: dt.datetime, end: dt.datetime | None, grain: str | None, approximate: bool
) -> str:
    if approximate and end is not None and end > start:
        start = shifted(start, seconds_between(start, end) / 2)  # the widened interval is centred on it
        end = None
    if grain in ("second", "minute", "hour"):
        return f"{day_label(start)}, {start:%H:%M}"
    if grain in ("day", "part_of_day"):
        return day_label(start)
    if grain == "week":
        return f"week of {day_label(start)}"
    if grain == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if grain in ("quarter", "season", "half_year") and end is not None:
        last = shifted(end, -1)
        return f"{calendar.month_abbr[start.month]}–{calendar.month_abbr[last.month]} {last.year}"
    if grain == "year":
        return str(start.year)
    if grain == "decade":
        return f"{start.year}s"
    if end is not None and end > start:
        last = shifted(end, -1)
        if grain in ("century", "millennium"):
            return f"{start.year}–{last.year}"
        first, final = day_label(start), day_label(last)
        return first if first == final else f"{first} – {final}"
    return day_label(start)


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as text: missing values (None, NaN, NA) become ``""``."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def shorten(text: str, width: int) -> str:
    """``text`` with its whitespace folded, cut at a word to at most ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _lines(text: str, width: int) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` that wrap it into lines of at most ``width`` characters (words kept)."""
    line_start: int | None = None
    line_end = 0
    for word in re.finditer(r"\S+", text):
        if line_start is None:
            line_start = word.start()
        elif word.end() - line_start > width:
            yield line_start, line_end
            line_start = word.start()
        line_end = word.end()
    if line_start is not None:
        yield line_start, line_end


def highlighted_sentence(sentence: str, expression: str | None, *, width: int = HOVER_WIDTH) -> str:
    """The sentence as escaped HTML with the time expression in bold, wrapped with ``<br>``.

    Everything from the article is escaped; only the ``<b>`` and ``<br>`` added here are markup.
    A long sentence is cut around the expression.
    """
    sentence = " ".join(sentence.split())
    expression = " ".join(expression.split()) if expression else ""
    found = sentence.find(expression) if expression else -1
    bold = (found, found + len(expression)) if found >= 0 else (-1, -1)
    if len(sentence) > _SENTENCE_LIMIT:
        centre = found + len(expression) // 2 if found >= 0 else 0
        left = max(0, min(centre - _SENTENCE_LIMIT // 2, len(sentence) - _SENTENCE_LIMIT))
        right = left + _SENTENCE_LIMIT
        bold = (bold[0] - left, bold[1] - left) if found >= 0 else bold
        sentence = ("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else "")
        if left and found >= 0:
            bold = (bold[0] + 1, bold[1] + 1)
    rendered = []
    for line_start, line_end in _lines(sentence, width):
        pieces = []
        cuts = sorted({line_start, line_end, *(b for b in bold if line_start < b < line_end)})
        for a, b in zip(cuts, cuts[1:]):
            piece = html.escape(sentence[a:b])
            inside = bold[0] <= a and b <= bold[1]
            pieces.append(f"<b>{piece}</b>" if inside and piece.strip() else piece)
        rendered.append("".join(pieces))
    return "<br>".join(rendered)


def _bounds_text(earliest: object, latest: object) -> str:
    """What the text guarantees, when it is wider than the estimate: "on or before 15 Jan 2016"."""
    def day(value: object) -> str | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        try:
            moment = np.datetime64(value, "s")
        except (TypeError, ValueError):
            return None
        if np.isnat(moment):
            return None
        when = moment.astype(object)
        return f"{when.day} {when:%b} {when.year}" if isinstance(when, dt.datetime) else str(moment)[:10]

    first = day(earliest)
    last_moment = None if day(latest) is None else np.datetime64(latest, "s") - np.timedelta64(1, "s")
    last = day(last_moment)
    if first and last:
        return f"the text allows {first} to {last}" if first != last else ""
    if last:
        return f"the text says: on or before {last}"
    if first:
        return f"the text says: on or after {first}"
    return "the text gives no bounds: an estimate"


def hover_text(row: Mapping[str, Any]) -> str:
    """The hover box of one event (a row of ``Timeline.events``) as escaped Plotly HTML.

    Shows the event phrase, its readable date, the sentence with the time expression in bold,
    the TIMEX3 value and how the date was found (``dated_by``, ``derived_from``, confidence).
    """
    phrase = html.escape(shorten(cell_text(row.get("event")), 120))
    start = row.get("_start")
    end = row.get("_end")
    grain = cell_text(row.get("grain")) or None
    when = display_date(start, end, grain, cell_text(row.get("value")) or None, bool(row.get("approximate")))
    dated_by = cell_text(row.get("dated_by")) or "none"
    parts = [f"<b>#{int(row['event_id'])} {phrase}</b>", html.escape(when + (f" ({grain} grain)" if grain else ""))]
    sentence = cell_text(row.get("sentence"))
    if sentence:
        parts.append("“" + highlighted_sentence(sentence, cell_text(row.get("expression")) or None) + "”")
    value = cell_text(row.get("value"))
    if value:
        parts.append(f"TIMEX3 value: {html.escape(value)}")
    how = f"dated by: {html.escape(DATED_BY_LABELS.get(dated_by, dated_by))}"
    derived = cell_text(row.get("derived_from"))
    if derived:
        how += f" — from {html.escape(derived)}"
    confidence = row.get("confidence")
    if isinstance(confidence, (int, float)) and not math.isnan(confidence):
        how += f" (confidence {confidence:.2f})"
    parts.append(how)
    bounds = _bounds_text(row.get("earliest"), row.get("latest"))
    if bounds:
        parts.append(html.escape(bounds))
    duration = cell_text(row.get("duration"))
    if duration:
        parts.append(f"duration: {html.escape(duration)}")
    note = cell_text(row.get("note"))
    if note:
        parts.append("note: " + "<br>".join(html.escape(note[a:b]) for a, b in _lines(note, HOVER_WIDTH)))
    return "<br>".join(parts)


def published_datetime(tl: Timeline) -> dt.datetime | None:
    """The publication date of ``tl``'s article as a naive datetime (``None`` when unknown)."""
    published = tl.article.published
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.replace(tzinfo=None)
    return dt.datetime(published.year, published.month, published.day)
