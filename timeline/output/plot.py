"""Draw a :class:`~timeline.api.Timeline` as an interactive Plotly figure, and write it as HTML.

This is the only module that imports plotly, and it does so inside the functions that draw,
so the presentation helpers here (readable dates, hover text, the view and label geometry) are
cheap to import.

The figure reads like a news graphic: events in time order, each labelled beside its mark.

* point events (day grain or finer) are markers, periods (week grain and coarser) are bars from
  ``start`` to ``end``; rows are packed so that no label overlaps another label or a mark
  (widths are estimated from the characters and the font size; long labels are cut, with the
  whole phrase in their hover);
* the colour says how an event was dated (``dated_by``); firm dates are solid, estimates
  (approximate, or confidence under :data:`ESTIMATE_BELOW`) hollow and faded by their
  confidence, with a dotted whisker over a widened interval; the bounds the text guarantees are
  in the hover;
* the initial view is the densest span that holds most events (:func:`focus_window`), with the
  events outside it counted in a note; the range buttons and slider reach the rest;
* an event dated by arithmetic on another one (``derived_from`` "event 4 - 1 day") is linked to
  it by a dashed arrow;
* the publication date is a vertical dashed line with a label; the headline is the title;
* undated events are listed under the plot, never dropped.

Every piece of article text that reaches a label or a hover box is escaped with
:func:`html.escape`, so markup in an article is shown as text and never runs. Dates are handed to
plotly as ISO strings, which plotly.js draws for any year from 1 to 9999 (pandas' nanosecond
timestamps would stop at 1677 and 2262).
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import math
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from timeline.api import Timeline

__all__ = [
    "COLLAPSE_AT",
    "DATED_BY_COLORS",
    "DATED_BY_LABELS",
    "ESTIMATE_BELOW",
    "FIRM",
    "FOCUS_COST",
    "FOCUS_MAX_LEFT_OUT",
    "LABEL_FONT",
    "LABEL_FONT_SIZE",
    "LABEL_MAX",
    "LABEL_MIN",
    "LAYOUT_WIDTH",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "POINT_GRAINS",
    "ROW_HEIGHT",
    "TOP_MARGIN",
    "display_date",
    "event_lanes",
    "figure",
    "figure_title",
    "focus_window",
    "headline",
    "highlighted_sentence",
    "hover_text",
    "text_width",
    "write_html",
]

#: grains drawn as a point (a marker); coarser grains are drawn as a bar from start to end
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

_OTHER_COLORS: tuple[str, ...] = (
    "#1f4e9c", "#d1495b", "#0f8b8d", "#edae49", "#66a182",
    "#8c6bb1", "#b3741b", "#00798c", "#7f7f7f", "#30638e",
)  # fmt: skip

_PUBLISHED_COLOR = "#c0392b"
_HOVER_WIDTH = 72
_SENTENCE_LIMIT = 420
_HEADLINE_LIMIT = 200
_EVENT_REF = re.compile(r"\bevent\s+(\d+)", re.IGNORECASE)
#: a ``derived_from`` that counts a date from another event ("event 4 - 1 day"), drawn as an arrow
_LINKED = re.compile(r"\s*event\s+\d+", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
#: TIMEX3 values that name no date, only a side of the publication date
_REFS = {"PAST_REF": "before publication", "FUTURE_REF": "after publication",
         "PRESENT_REF": "at publication"}
#: loosely dated events sharing one estimate are drawn as one mark when there are this many
COLLAPSE_AT = 3
_COLLAPSIBLE = frozenset({"narrative", "tense"})
#: an event with a lower confidence is drawn as an estimate (hollow, faded), like an approximate one
ESTIMATE_BELOW = 0.5
#: the initial view may leave out at most this share of the events ...
FOCUS_MAX_LEFT_OUT = 0.25
#: ... and leaving out a share s of them must shrink the span by 2 ** (FOCUS_COST * s)
FOCUS_COST = 20.0
_MIN_SPAN = 86400.0
#: the smallest height and width (pixels) a figure may be given
MIN_HEIGHT = 10
MIN_WIDTH = 200
#: the figure width (pixels) rows and labels are laid out for when no width is given
LAYOUT_WIDTH = 1000
#: pixels per row of events, and above the plot (title, note, range buttons)
ROW_HEIGHT = 22
TOP_MARGIN = 118
#: the label font, its size, and the widest and narrowest a label is cut to (pixels)
LABEL_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
LABEL_FONT_SIZE = 11
LABEL_MAX = 250
LABEL_MIN = 90
_LABEL_GAP = 6
_LABEL_PAD = 3
_MARGIN_RIGHT = 20
_NOTE_SHIFT = 26
_BUTTONS_WIDTH = 290
_UNDER_PLOT = 104
_AUTO = "auto"
_ACTOR = "actor"


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------


def _datetimes(series: pd.Series) -> list[dt.datetime | None]:
    """``datetime64`` values as ``datetime`` objects (``None`` for NaT), for any year 1..9999."""
    array = np.asarray(series.to_numpy(), dtype="datetime64[s]")
    return [None if np.isnat(v) else v.astype(object) for v in array]


def _iso(value: dt.datetime | None) -> str | None:
    """An ISO string plotly.js reads on a date axis: date only at midnight, else date and time."""
    if value is None:
        return None
    if value.hour == value.minute == value.second == 0:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


def _seconds(start: dt.datetime, end: dt.datetime) -> int:
    return int((np.datetime64(end, "s") - np.datetime64(start, "s")) / np.timedelta64(1, "s"))


def _shift(value: dt.datetime, seconds: float) -> dt.datetime:
    moved = np.datetime64(value, "s") + np.timedelta64(int(seconds), "s")
    low, high = np.datetime64("0001-01-01T00:00:00"), np.datetime64("9999-12-31T23:59:59")
    return min(max(moved, low), high).astype(object)


def _day(value: dt.datetime) -> str:
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
        start = _shift(start, _seconds(start, end) / 2)  # the widened interval is centred on it
        end = None
    if grain in ("second", "minute", "hour"):
        return f"{_day(start)}, {start:%H:%M}"
    if grain in ("day", "part_of_day"):
        return _day(start)
    if grain == "week":
        return f"week of {_day(start)}"
    if grain == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if grain in ("quarter", "season", "half_year") and end is not None:
        last = _shift(end, -1)
        return f"{calendar.month_abbr[start.month]}–{calendar.month_abbr[last.month]} {last.year}"
    if grain == "year":
        return str(start.year)
    if grain == "decade":
        return f"{start.year}s"
    if end is not None and end > start:
        last = _shift(end, -1)
        if grain in ("century", "millennium"):
            return f"{start.year}–{last.year}"
        first, final = _day(start), _day(last)
        return first if first == final else f"{first} – {final}"
    return _day(start)


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """A cell as text: missing values (None, NaN, NA) become ``""``."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _shorten(text: str, width: int) -> str:
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


def highlighted_sentence(sentence: str, expression: str | None, *, width: int = _HOVER_WIDTH) -> str:
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
    phrase = html.escape(_shorten(_text(row.get("event")), 120))
    start = row.get("_start")
    end = row.get("_end")
    grain = _text(row.get("grain")) or None
    when = display_date(start, end, grain, _text(row.get("value")) or None, bool(row.get("approximate")))
    dated_by = _text(row.get("dated_by")) or "none"
    parts = [f"<b>#{int(row['event_id'])} {phrase}</b>", html.escape(when + (f" ({grain} grain)" if grain else ""))]
    sentence = _text(row.get("sentence"))
    if sentence:
        parts.append("“" + highlighted_sentence(sentence, _text(row.get("expression")) or None) + "”")
    value = _text(row.get("value"))
    if value:
        parts.append(f"TIMEX3 value: {html.escape(value)}")
    how = f"dated by: {html.escape(DATED_BY_LABELS.get(dated_by, dated_by))}"
    derived = _text(row.get("derived_from"))
    if derived:
        how += f" — from {html.escape(derived)}"
    confidence = row.get("confidence")
    if isinstance(confidence, (int, float)) and not math.isnan(confidence):
        how += f" (confidence {confidence:.2f})"
    parts.append(how)
    bounds = _bounds_text(row.get("earliest"), row.get("latest"))
    if bounds:
        parts.append(html.escape(bounds))
    duration = _text(row.get("duration"))
    if duration:
        parts.append(f"duration: {html.escape(duration)}")
    note = _text(row.get("note"))
    if note:
        parts.append("note: " + "<br>".join(html.escape(note[a:b]) for a, b in _lines(note, _HOVER_WIDTH)))
    return "<br>".join(parts)


# --------------------------------------------------------------------------------------------
# lanes
# --------------------------------------------------------------------------------------------


def _base(word: str) -> str:
    """A word without a possessive ending or trailing dots: "Penn's" -> "Penn", "Mr." -> "Mr"."""
    return re.sub(r"['’]s$", "", word).rstrip(".")


def _capitalised_elsewhere(text: str) -> tuple[set[str], set[str]]:
    """Words the text writes capitalised inside a sentence, and words it writes in lower case."""
    upper: set[str] = set()
    lower: set[str] = set()
    for match in _NAME_TOKEN.finditer(text):
        word = _base(match.group(0))
        if not word:
            continue
        if word[0].islower():
            lower.add(word.lower())
            continue
        i = match.start() - 1
        while i >= 0 and text[i] in " \t“\"‘'([":
            i -= 1
        if i >= 0 and text[i] not in ".!?\n\r":
            upper.add(word)
    return upper, lower


def _actor(phrase: str, names: set[str], lower: set[str]) -> str | None:
    """The capitalised name a phrase starts with ("Sean Penn said ..." -> "Sean Penn"), if any.

    A word counts as part of a name when the article also writes it capitalised inside a
    sentence and never in lower case, so sentence-initial words ("The", "Residents") and common
    nouns ("Actor" when the text also says "the actor") are not taken for names. An abbreviated
    title before the name ("Mr.", "Gen.") is left out.
    """
    text = phrase.strip()
    candidates: list[tuple[str, bool]] = []  # (word, confirmed as a name elsewhere in the text)
    position = 0
    for match in _NAME_TOKEN.finditer(text):
        if text[position : match.start()].strip() or len(candidates) == 4:
            break
        word = match.group(0)
        base = _base(word)
        if not base or not base[0].isupper() or base.lower() in lower:
            break
        candidates.append((word, base in names))
        position = match.end()
    words: list[str] = []
    for i, (word, confirmed) in enumerate(candidates):
        # a first name seen only at sentence starts ("Sean") counts when a known name follows
        if not (confirmed or (i + 1 < len(candidates) and candidates[i + 1][1])):
            break
        words.append(word)
    while len(words) > 1 and words[0].endswith(".") and len(words[0]) <= 5:
        words.pop(0)
    return " ".join(_base(w) for w in words) or None


def _lanes(tl: Timeline, lanes: str | None) -> tuple[pd.Series, str]:
    events = tl.events
    if lanes is None:
        lanes = _AUTO
    if not isinstance(lanes, str):
        raise TypeError(f"lanes must be a column name, 'actor' or 'auto', not {type(lanes).__name__}")
    if lanes not in (_AUTO, _ACTOR) and lanes not in events.columns:
        raise ValueError(
            f"lanes={lanes!r} is not a column of Timeline.events; use 'auto', 'actor' or one of: "
            + ", ".join(events.columns)
        )
    if lanes in (_AUTO, _ACTOR):
        names, lower = _capitalised_elsewhere(tl.article.text)
        actors = [_actor(_text(p), names, lower) for p in events["event"]]
        found = sum(a is not None for a in actors)
        if lanes == _ACTOR or (len(events) and found * 2 >= len(events)):
            return pd.Series(_merge_names(actors), index=events.index, dtype=object), _ACTOR
        lanes = "dated_by"
    values = [_text(v) or "(none)" for v in events[lanes]]
    if lanes == "dated_by":
        values = [DATED_BY_LABELS.get(v, v) for v in values]
    return pd.Series(values, index=events.index, dtype=object), lanes


def event_lanes(tl: Timeline, lanes: str | None = None) -> pd.Series:
    """The lane of every event of ``tl.events`` (same index), as strings.

    ``lanes``: ``None``/``"auto"`` puts events in lanes by actor (the capitalised name the
    phrase starts with; names sharing a last word are one lane) when at least half the events
    have one, events without a name going to ``"others"``; otherwise lanes are the way each
    event was dated (``dated_by``, in readable words). ``"actor"`` forces actor lanes; any
    column name of ``tl.events`` uses that column's values (missing ones become ``"(none)"``).

    Raises:
        ValueError: ``lanes`` is not ``"auto"``, ``"actor"`` or a column of ``tl.events``.
        TypeError: ``lanes`` is not a string.
    """
    return _lanes(tl, lanes)[0]


def _merge_names(actors: Sequence[str | None]) -> list[str]:
    """One lane per person: "Sean Penn", "Mr. Penn" and "Penn" share the lane "Sean Penn"."""
    longest: dict[str, str] = {}
    for actor in actors:
        if actor:
            key = actor.split()[-1]
            if len(actor) > len(longest.get(key, "")):
                longest[key] = actor
    return [longest[a.split()[-1]] if a else "others" for a in actors]


# --------------------------------------------------------------------------------------------
# the figure: options, rows, marks
# --------------------------------------------------------------------------------------------


def _check_options(
    tl: Timeline,
    template: object,
    height: object,
    width: object,
    color: object,
    title: object,
    compact: object,
) -> None:
    import plotly.graph_objects as go
    import plotly.io as pio

    if template is not None:
        if isinstance(template, str):
            unknown = [t for t in template.split("+") if t not in pio.templates]
            if unknown:
                raise ValueError(
                    f"unknown plotly template {unknown[0]!r}; choose one of: " + ", ".join(pio.templates)
                )
        elif not isinstance(template, (dict, go.layout.Template)):
            raise TypeError(f"template must be a template name or a plotly Template, not {type(template).__name__}")
    for name, value, least in (("height", height, MIN_HEIGHT), ("width", width, MIN_WIDTH)):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int number of pixels, not {type(value).__name__}")
            if value < least:
                raise ValueError(f"{name} must be at least {least} pixels, not {value}")
    if color is not None:
        if not isinstance(color, str):
            raise TypeError(f"color must be a column name of Timeline.events, not {type(color).__name__}")
        if color not in tl.events.columns and color != "lane":
            raise ValueError(
                f"color={color!r} is not a column of Timeline.events; use 'lane' or one of: "
                + ", ".join(tl.events.columns)
            )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str, not {type(title).__name__}")
    if not isinstance(compact, bool):
        raise TypeError(f"compact must be True or False, not {type(compact).__name__}")


def headline(text: str) -> tuple[str, int] | None:
    """The headline of an article and where it ends: its first line when a blank line follows it.

    Returns ``None`` when the text does not open with such a line (a one-paragraph text, or a
    first "line" longer than a headline can be).
    """
    match = re.match(r"[ \t]*(\S[^\n]*?)[ \t]*\r?\n[ \t]*\r?\n", text)
    if not match or len(match.group(1)) > _HEADLINE_LIMIT:
        return None
    return match.group(1), match.end(1)


def figure_title(tl: Timeline, title: str | None = None) -> str:
    """The title of the figure and page of ``tl`` (plain text, not escaped).

    ``title`` when given, else the article's ``title``, else its headline (see :func:`headline`),
    else ``"Timeline"``.
    """
    if title is not None:
        return title
    if tl.article.title:
        return tl.article.title
    found = headline(tl.article.text)
    return found[0] if found else "Timeline"


def _rows(tl: Timeline, lane: pd.Series | None, color: str | None) -> list[dict[str, Any]]:
    events = tl.events
    starts, ends = _datetimes(events["start"]), _datetimes(events["end"])
    rows = []
    for position, record in enumerate(events.to_dict("records")):
        record["_start"], record["_end"] = starts[position], ends[position]
        record["_lane"] = lane.iloc[position] if lane is not None else ""
        key = record["_lane"] if color == "lane" else _text(record[color or "dated_by"]) or "(none)"
        record["_color_key"] = key
        grain = _text(record["grain"])
        start, end = record["_start"], record["_end"]
        if start is None:
            record["_kind"] = "undated"
        elif end is None or end <= start or grain in POINT_GRAINS:
            record["_kind"] = "point"
        elif not grain and _seconds(start, end) <= 86400:
            record["_kind"] = "point"
        else:
            record["_kind"] = "bar"
        confidence = record.get("confidence")
        record["_confidence"] = (
            float(confidence) if isinstance(confidence, (int, float)) and not math.isnan(confidence) else 0.0
        )
        record["_firm"] = _text(record["dated_by"]) in FIRM
        record["_estimate"] = bool(record["approximate"]) or record["_confidence"] < ESTIMATE_BELOW
        record["_phrase"] = " ".join(_text(record["event"]).split()) or f"event {record['event_id']}"
        record["_hover"] = hover_text(record)
        when = display_date(start, end, grain or None, _text(record["value"]) or None, bool(record["approximate"]))
        if record["_kind"] == "bar" and not record["approximate"]:
            when = _period(start, end, grain, when)
        record["_when"] = html.escape(when)
        record["_members"] = [record]
        if start is not None:
            record["_x"] = _mark_x(record)
            whisker = record["_kind"] == "point" and end is not None and _seconds(start, end) > 86400
            record["_whisker"] = whisker
            spread = record["_kind"] == "bar" or whisker
            record["_lo"], record["_hi"] = (start, end) if spread else (record["_x"], record["_x"])
        rows.append(record)
    return rows


def _period(start: dt.datetime, end: dt.datetime, grain: str, when: str) -> str:
    """``"Mar 2015 – Jan 2016"`` for a bar longer than one unit of its grain, else ``when``."""
    last = _shift(end, -1)
    if grain in ("year", "decade", "century", "millennium"):
        first, final = str(start.year), str(last.year)
    elif grain in ("month", "quarter", "season", "half_year"):
        first = f"{calendar.month_abbr[start.month]} {start.year}"
        final = f"{calendar.month_abbr[last.month]} {last.year}"
    else:
        first, final = _day(start), _day(last)
    if first == final or (grain == "decade" and last.year - start.year < 10):
        return when
    if grain == "century" and last.year - start.year < 100 or grain == "millennium" and last.year - start.year < 1000:
        return when
    return f"{first} – {final}"


def _mark_x(row: Mapping[str, Any]) -> dt.datetime:
    """Where an event's marker sits: the middle of its day (or part of day, or widened interval),
    the start of a finer time, the start of a bar."""
    grain = _text(row["grain"])
    if row["_kind"] == "bar" and not row["approximate"]:
        return row["_start"]
    if grain in ("second", "minute", "hour") and not row["approximate"]:
        return row["_start"]
    return _midpoint(row)


def _midpoint(row: Mapping[str, Any]) -> dt.datetime:
    start, end = row["_start"], row["_end"]
    if end is None or end <= start:
        return start
    return _shift(start, _seconds(start, end) / 2)


def _collapse(dated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events without a time of their own that share one estimate, drawn as one mark.

    Events dated by narrative order or by tense alone that land on the same estimate (the story's
    day, the publication day) and are loosely dated the same way become one mark listing them
    all in its hover, when there are :data:`COLLAPSE_AT` or more; fewer keep a mark each.
    """
    groups: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for row in dated:
        if _text(row["dated_by"]) in _COLLAPSIBLE:
            groups.setdefault(_collapse_key(row), []).append(row)
    out: list[dict[str, Any]] = []
    for row in dated:
        members = groups.get(_collapse_key(row)) if _text(row["dated_by"]) in _COLLAPSIBLE else None
        if not members or len(members) < COLLAPSE_AT:
            out.append(row)
            continue
        if row is not members[0]:
            continue
        merged = dict(row)
        count = len(members)
        kind = _text(row["dated_by"])
        merged["_members"] = members
        merged["_phrase"] = f"{count} events " + ("dated by tense only" if kind == "tense" else "on this day, by narrative order")
        merged["_confidence"] = max(m["_confidence"] for m in members)
        listing = "<br>".join(
            f"#{m['event_id']} {html.escape(_shorten(_text(m['event']), _HOVER_WIDTH - 8))}" for m in members[:15]
        )
        if count > 15:
            listing += f"<br>… and {count - 15} more"
        chain = html.escape(_text(row["derived_from"]))
        merged["_hover"] = (
            f"<b>{count} events dated by "
            + ("their tense only" if kind == "tense" else "narrative order")
            + f"</b><br>{row['_when']} ({chain}); "
            f"dated by: {html.escape(DATED_BY_LABELS.get(kind, kind))} "
            f"(confidence {merged['_confidence']:.2f})<br>{listing}"
        )
        out.append(merged)
    return out


def _collapse_key(row: Mapping[str, Any]) -> tuple[object, ...]:
    return (row["_lane"], row["_color_key"], _text(row["dated_by"]), row["_start"], row["_end"])


def _lane_order(rows: Sequence[Mapping[str, Any]], by_dated_by: bool) -> list[str]:
    lanes: list[str] = []
    for row in rows:
        if row["_lane"] not in lanes:
            lanes.append(row["_lane"])
    if by_dated_by:
        rank = {label: i for i, label in enumerate(DATED_BY_LABELS.values())}
        return sorted(lanes, key=lambda name: rank.get(name, len(rank)))
    return sorted(lanes, key=lambda name: (name in ("others", "(none)"), lanes.index(name)))


# --------------------------------------------------------------------------------------------
# the initial view
# --------------------------------------------------------------------------------------------


def _epoch(value: dt.datetime) -> float:
    return float(np.datetime64(value, "s").astype("int64"))


def _from_epoch(seconds: float) -> dt.datetime:
    low, high = _epoch(dt.datetime(1, 1, 1)), _epoch(dt.datetime(9999, 12, 31, 23, 59, 59))
    return np.datetime64(int(round(min(max(seconds, low), high))), "s").astype(object)


def focus_window(points: Sequence[float], weights: Sequence[int] | None = None) -> tuple[float, float]:
    """The densest span of ``points`` (seconds) that holds most of them: ``(low, high)``.

    Every contiguous run of the sorted points that leaves out at most :data:`FOCUS_MAX_LEFT_OUT`
    of the weight is scored by ``log2(span) + FOCUS_COST * (left out / total)`` (the span at
    least a day): leaving out 5% of the events must halve the span to pay. The lowest score
    wins, the wider run on a tie. ``weights`` count the events each point stands for (1 each
    by default).
    """
    if not points:
        raise ValueError("focus_window needs at least one point")
    pairs = sorted(zip(points, weights or [1] * len(points)))
    xs = [p for p, _ in pairs]
    cumulative = [0]
    for _, w in pairs:
        cumulative.append(cumulative[-1] + w)
    total = cumulative[-1]
    allowed = total * FOCUS_MAX_LEFT_OUT
    best: tuple[float, float, int, int] | None = None
    for i in range(len(xs)):
        if cumulative[i] > allowed:
            break
        for j in range(len(xs) - 1, i - 1, -1):
            left_out = cumulative[i] + total - cumulative[j + 1]
            if left_out > allowed:
                break
            span = max(xs[j] - xs[i], _MIN_SPAN)
            score = math.log2(span) + FOCUS_COST * left_out / total
            key = (round(score, 9), -(xs[j] - xs[i]))
            if best is None or key < (best[0], best[1]):
                best = (key[0], key[1], i, j)
    assert best is not None
    return xs[best[2]], xs[best[3]]


def _view(
    marks: Sequence[Mapping[str, Any]], published: dt.datetime | None
) -> tuple[float, float]:
    """The initial x range (seconds): the focus window, the publication date when it is near,
    the periods of the events in view when they do not stretch it much, and a margin."""
    points = [_epoch(m["_x"]) for m in marks]
    low, high = focus_window(points, [len(m["_members"]) for m in marks])
    span = max(high - low, _MIN_SPAN)
    if published is not None:
        moment = _epoch(published)
        if low - span * 0.5 <= moment <= high + span * 0.5:
            low, high = min(low, moment), max(high, moment)
    span = max(high - low, _MIN_SPAN)
    for mark in marks:
        if low <= _epoch(mark["_x"]) <= high:
            first, last = _epoch(mark["_lo"]), _epoch(mark["_hi"])
            if low - span * 0.5 <= first < low:
                low = first
            if high < last <= high + span * 0.5:
                high = last
    span = max(high - low, _MIN_SPAN)
    pad = max(span * 0.04, 3600 * 6)
    if high - low < _MIN_SPAN:
        pad += (_MIN_SPAN - (high - low)) / 2
    low, high = low - pad, high + pad
    if span <= 92 * 86400:  # a view of days: from midnight to midnight, so its first day is named
        low, high = math.floor(low / 86400) * 86400, math.ceil(high / 86400) * 86400
    return low, high


# --------------------------------------------------------------------------------------------
# rows and labels: pixel geometry
# --------------------------------------------------------------------------------------------

# widths of Arial / Liberation Sans glyphs in thousandths of an em (the label font)
_GLYPHS: dict[str, int] = {
    **dict.fromkeys("ijl", 222), **dict.fromkeys("ft", 278), "r": 333,
    **dict.fromkeys("ckvxyzsJ", 500), **dict.fromkeys("abdeghnopqu0123456789#$_", 556),
    "m": 833, "w": 722, **dict.fromkeys("FTZ", 611), **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778), "M": 833, "W": 944, "I": 278, "L": 556,
    **dict.fromkeys(" .,:;!/|[]'’‘·", 278), **dict.fromkeys("()-“”\"", 333), "…": 1000, "—": 1000, "–": 556,
    "%": 889, "@": 1015, "?": 556, "+": 584, "=": 584,
}  # fmt: skip


def text_width(text: str, size: float = LABEL_FONT_SIZE) -> float:
    """An estimate in pixels of how wide ``text`` is drawn in Arial at ``size`` px.

    Summed from per-glyph widths (Arial's metrics, which Liberation Sans shares), with a 6%
    margin; a character outside the table counts as 0.6 em, a wide (East Asian) one as 1 em.
    """
    total = 0
    for char in text:
        width = _GLYPHS.get(char)
        if width is None:
            width = 1000 if unicodedata.east_asian_width(char) in ("W", "F") else 600
        total += width
    return total / 1000 * size * 1.06


def _fit(text: str, room: float, size: float = LABEL_FONT_SIZE) -> str:
    """``text`` cut at a word (with "…") so that it is at most ``room`` pixels wide."""
    room += 0.01  # the sums of the same widths differ in the last bits
    if text_width(text, size) <= room:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:count]).rstrip(" ,;:") + "…"
        if text_width(cut, size) <= room:
            return cut
    for length in range(len(text) - 1, 0, -1):
        cut = text[:length].rstrip() + "…"
        if text_width(cut, size) <= room:
            return cut
    return "…"


def _free(occupied: list[tuple[float, float]], low: float, high: float) -> bool:
    return all(high + _LABEL_GAP <= a or b + _LABEL_GAP <= low for a, b in occupied)


def _pack(
    marks: Sequence[dict[str, Any]], scale: float, low: float, plot_width: float, compact: bool
) -> int:
    """Give each mark (in time order) a row and a label place; returns the number of rows.

    A mark's pixel box is its marker (or bar, or whisker) and its label, placed right of it
    when it fits, else left, else above a bar that fills the view; labels are cut to fit
    (:data:`LABEL_MAX` pixels at most). With ``compact`` a mark goes to the first row where its
    box overlaps nothing, so rows are in order of their first event; otherwise each mark has
    a row of its own.
    """
    rows: list[list[tuple[float, float]]] = []
    for mark in marks:
        radius = mark["_size"] / 2 + 1
        a = (_epoch(mark["_lo"]) - low) * scale - (0 if mark["_kind"] == "bar" else radius)
        b = (_epoch(mark["_hi"]) - low) * scale + (0 if mark["_kind"] == "bar" else radius)
        full = text_width(mark["_phrase"]) + 2 * _LABEL_PAD
        wanted = min(full, LABEL_MAX)
        options: list[tuple[str, float, list[tuple[int, float, float]]]] = []  # side, width, boxes
        if a < 0 and b > plot_width:  # a period wider than the view: its label goes above it
            width = min(wanted, plot_width - 2 * _LABEL_GAP)
            options.append(("above", width, [(0, 0, plot_width), (-1, 0, width + _LABEL_GAP)]))
        else:
            right_room = plot_width - b - _LABEL_GAP if b <= plot_width else wanted
            left_room = a - _LABEL_GAP if a >= 0 else -1.0
            if b < 0 or a > plot_width:  # not in the initial view: placed for zooming out
                right_room = wanted
            for side, room in sorted((("right", right_room), ("left", left_room)), key=lambda s: s[1] < wanted):
                if room >= min(wanted, LABEL_MIN):
                    width = min(wanted, room)
                    box = (a, b + _LABEL_GAP + width) if side == "right" else (a - _LABEL_GAP - width, b)
                    options.append((side, width, [(0, *box)]))
            if not options:  # no room on either side, even alone in a row: cut it to the wider one
                side, room = max((("right", right_room), ("left", left_room)), key=lambda s: s[1])
                width = max(room, 0.0)
                box = (a, b + _LABEL_GAP + width) if side == "right" else (a - _LABEL_GAP - width, b)
                options.append((side, width, [(0, *box)]))
        placed = False
        first = 0 if compact else len(rows)
        for row in range(first, len(rows) + 2):
            for side, width, boxes in options:
                if any(row + dy < 0 for dy, _, _ in boxes):
                    continue
                while len(rows) <= row:
                    rows.append([])
                if all(_free(rows[row + dy], x0, x1) for dy, x0, x1 in boxes):
                    for dy, x0, x1 in boxes:
                        rows[row + dy].append((x0, x1))
                    mark["_row"], mark["_side"] = row, side
                    mark["_label"] = html.escape(_fit(mark["_phrase"], width - 2 * _LABEL_PAD))
                    mark["_cut"] = mark["_label"] != html.escape(mark["_phrase"])
                    placed = True
                    break
            if placed:
                break
        if not placed:  # pragma: no cover - a fresh row always has room for the first option
            rows.append([])
            mark["_row"], mark["_side"], mark["_label"], mark["_cut"] = len(rows) - 1, "right", "", True
    while rows and not rows[-1]:
        rows.pop()
    return len(rows)


# --------------------------------------------------------------------------------------------
# the figure
# --------------------------------------------------------------------------------------------


def _colors(rows: Sequence[Mapping[str, Any]], color: str | None) -> dict[str, str]:
    keys: list[str] = []
    for row in rows:
        if row["_color_key"] not in keys:
            keys.append(row["_color_key"])
    if color in (None, "dated_by"):
        order = list(DATED_BY_COLORS)
        keys.sort(key=lambda k: order.index(k) if k in order else len(order))
        return {k: DATED_BY_COLORS.get(k, _OTHER_COLORS[i % len(_OTHER_COLORS)]) for i, k in enumerate(keys)}
    return {k: _OTHER_COLORS[i % len(_OTHER_COLORS)] for i, k in enumerate(keys)}


def _legend_name(key: str, color: str | None) -> str:
    if color in (None, "dated_by"):
        return DATED_BY_LABELS.get(key, key)
    return html.escape(key)


def _undated_note(undated: Sequence[Mapping[str, Any]]) -> str:
    lines = [f"<b>Undated events ({len(undated)})</b> — the text gives no time for them:"]
    for row in undated:
        phrase = html.escape(_shorten(_text(row["event"]), 90))
        lines.append(f"#{row['event_id']} {phrase}")
    return "<br>".join(lines)


def _opacity(mark: Mapping[str, Any]) -> float:
    """Firm dates solid; estimates fade with their confidence (0.35 .. 0.75)."""
    if mark["_firm"] and not mark["_estimate"]:
        return 1.0
    return round(0.35 + 0.4 * min(max(mark["_confidence"], 0.0), 1.0), 3)


def figure(
    tl: Timeline,
    *,
    template: str | Mapping[str, Any] | None = None,
    height: int | None = None,
    width: int | None = None,
    color: str | None = None,
    lanes: str | None = None,
    title: str | None = None,
    compact: bool = True,
) -> go.Figure:
    """Draw the events of ``tl`` as a Plotly figure that tells the story at a glance.

    Events are laid out in time order: each is a marker (day grain or finer) or a bar (coarser
    grains) with its label beside it, and rows are packed so that no label overlaps another
    label or mark. The colour says how an event was dated; firm dates are solid, estimates
    hollow and faded by their confidence, with a dotted whisker over a widened interval. The
    initial view is the densest span that holds most events (see :func:`focus_window`); the
    events outside it are counted in a note above the plot and reached with the range buttons
    or slider. Events dated through another one by arithmetic (``derived_from`` "event 4 -
    1 day") are linked to it by a dashed arrow. Loosely dated events sharing one estimate are
    one mark when there are :data:`COLLAPSE_AT` or more. The headline (a first line followed by
    a blank line) is the title, and its events are left out of the plot.

    Args:
        tl: the timeline.
        template: a plotly template name (default ``"plotly_white"``) or template object.
        height: the figure height in pixels (default: grows with the number of rows); at least
            :data:`MIN_HEIGHT`. Labels are kept apart at the default height or more.
        width: the figure width in pixels (default: none, the figure fills its container);
            rows and labels are laid out for this width, or for :data:`LAYOUT_WIDTH` pixels
            when it is not given, and stay apart at any wider size.
        color: the column of ``tl.events`` that colours the marks (default ``dated_by``), or
            ``"lane"`` to colour by lane.
        lanes: ``None`` (default) draws one time-ordered set of rows; ``"auto"``, ``"actor"`` or
            a column of ``tl.events`` groups events into labelled lanes (see :func:`event_lanes`),
            each in time order.
        title: the figure title (default: see :func:`figure_title`).
        compact: pack several events into a row when their marks and labels do not overlap
            (default); ``False`` gives each event a row of its own.

    Returns:
        A plain ``plotly.graph_objects.Figure``: traces are one bar trace (periods) and one
        scatter trace (points) per colour, then ``approximate range`` whiskers and ``derived
        from`` arrows when there are any, then two legend entries for the marker styles. Labels
        are annotations named ``label #<event_id>``. The user may restyle it freely.

    Raises:
        ValueError: an option names an unknown column or template, or a size is too small.
        TypeError: an option has the wrong type.
    """
    import plotly.graph_objects as go

    _check_options(tl, template, height, width, color, title, compact)
    colors = _template_colors(template)
    if lanes is None:
        lane, lane_kind = None, ""
    else:
        lane, lane_kind = _lanes(tl, lanes)
    rows = _rows(tl, lane, color)
    top = headline(tl.article.text)
    in_headline = [r for r in rows if top is not None and isinstance(r["char_start"], (int, np.integer))
                   and 0 <= r["char_start"] < top[1]]  # fmt: skip
    rows = [r for r in rows if r not in in_headline]
    dated = _collapse([r for r in rows if r["_kind"] != "undated"])
    undated = [r for r in rows if r["_kind"] == "undated"]
    for mark in dated:
        mark["_size"] = 12 if mark["_firm"] and not mark["_estimate"] else 10
    published = _published(tl)
    low, high = _view(dated, published) if dated else (0.0, 1.0)
    figure_width = width or LAYOUT_WIDTH
    lane_order = _lane_order(dated, lane_kind == "dated_by") if lane is not None else [""]
    headers = lane is not None and (len(lane_order) > 1 or lane_order[0] not in ("others", "(none)"))
    margin_left = 20 + (int(max((text_width(n.upper(), 12) for n in lane_order), default=0)) + 10 if headers else 0)
    plot_width = figure_width - margin_left - _MARGIN_RIGHT
    scale = plot_width / (high - low)
    ticks: list[tuple[int, str]] = []
    bands: list[tuple[float, float]] = []
    y = 0
    for name in lane_order:
        members = sorted(
            (m for m in dated if m["_lane"] == name), key=lambda m: (_epoch(m["_x"]), int(m["event_id"]))
        )
        if not members:
            continue
        if headers:
            ticks.append((y, f"<b>{html.escape(name).upper()}</b>"))
        count = _pack(members, scale, low, plot_width, compact)
        for m in members:
            m["_y"] = y + m["_row"]
        used = max(count, 1)
        bands.append((y - 0.5, y + used - 0.5))
        y += used
    total_rows = max(y, 1)
    palette = _colors(dated, color)

    fig = go.Figure()
    for key, hue in palette.items():
        group = [m for m in dated if m["_color_key"] == key]
        bars = [m for m in group if m["_kind"] == "bar"]
        points = [m for m in group if m["_kind"] == "point"]
        if bars:
            fig.add_trace(
                go.Bar(
                    name=_legend_name(key, color),
                    legendgroup=key,
                    orientation="h",
                    base=[_iso(m["_start"]) for m in bars],
                    x=[_seconds(m["_start"], m["_end"]) * 1000 for m in bars],
                    y=[m["_y"] for m in bars],
                    width=0.56,
                    marker={
                        "color": hue,
                        "opacity": [_opacity(m) for m in bars],
                        "line": {"color": hue, "width": 1.5},
                        "pattern": {
                            "shape": ["/" if m["_estimate"] else "" for m in bars],
                            "fgcolor": colors["plot"],
                            "size": 6,
                        },
                    },
                    text=[m["_when"] for m in bars],
                    textposition="none",
                    hovertext=[m["_hover"] for m in bars],
                    hovertemplate="%{hovertext}<extra></extra>",
                    customdata=[m["event_id"] for m in bars],
                )
            )
        if points:
            fig.add_trace(
                go.Scatter(
                    name=_legend_name(key, color),
                    legendgroup=key,
                    showlegend=not bars,
                    mode="markers",
                    x=[_iso(m["_x"]) for m in points],
                    y=[m["_y"] for m in points],
                    marker={
                        "color": hue,
                        "size": [m["_size"] for m in points],
                        "opacity": [_opacity(m) for m in points],
                        "symbol": ["circle-open" if m["_estimate"] else "circle" for m in points],
                        "line": {"color": hue, "width": 2},
                    },
                    text=[m["_when"] for m in points],
                    hovertext=[m["_hover"] for m in points],
                    hovertemplate="%{hovertext}<extra></extra>",
                    customdata=[m["event_id"] for m in points],
                )
            )
    _add_whiskers(fig, dated)
    _add_links(fig, dated)
    if dated:
        for name, symbol, opacity in (("firm date", "circle", 1.0), ("estimate (hollow, faded)", "circle-open", 0.6)):
            fig.add_trace(
                go.Scatter(
                    name=name, legendgroup="style", x=[None], y=[None], mode="markers", hoverinfo="skip",
                    marker={"symbol": symbol, "size": 10, "color": colors["text"], "opacity": opacity,
                            "line": {"width": 2, "color": colors["text"]}},
                )
            )  # fmt: skip
    _layout(
        fig, tl, dated, undated, in_headline, ticks, bands, (low, high), template, height, width, title,
        total_rows, margin_left,
    )  # fmt: skip
    return fig


def _add_whiskers(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    import plotly.graph_objects as go

    approx = [m for m in dated if m["_kind"] == "point" and m["_whisker"]]
    if not approx:
        return
    xs: list[str | None] = []
    ys: list[int | None] = []
    for mark in approx:
        xs += [_iso(mark["_start"]), _iso(mark["_end"]), None]
        ys += [mark["_y"], mark["_y"], None]
    fig.add_trace(
        go.Scatter(
            name="approximate range",
            mode="lines",
            x=xs,
            y=ys,
            line={"color": "#888", "width": 2, "dash": "dot"},
            hoverinfo="skip",
            connectgaps=False,
            showlegend=False,
        )
    )


def _add_links(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    """Dashed arrows from the event a date was counted from to the event it dates.

    Only dates derived by arithmetic or as a span (``derived_from`` starting "event N": "event
    4 - 1 day", "event 4 until event 1") are linked; orderings ("story day: event 19", "same
    clause as event 3") are in the hover. An arrow runs between the nearest ends of the two
    marks; labels are drawn over it on an opaque background, so it never hides their text.
    """
    import plotly.graph_objects as go

    by_id = {int(m["event_id"]): m for m in dated}
    for mark in dated:
        for member in mark["_members"]:
            by_id.setdefault(int(member["event_id"]), mark)
    xs: list[str | None] = []
    ys: list[int | None] = []
    sizes: list[int] = []
    for mark in dated:
        derived = _text(mark["derived_from"])
        if not _LINKED.match(derived):
            continue
        for ref in _EVENT_REF.findall(derived):
            source = by_id.get(int(ref))
            if source is None or source is mark:
                continue
            xs += [_iso(x) for x in _closest_ends(source, mark)] + [None]
            ys += [source["_y"], mark["_y"], None]
            sizes += [0, 11, 0]
    if not xs:
        return
    fig.add_trace(
        go.Scatter(
            name="derived from",
            mode="lines+markers",
            x=xs,
            y=ys,
            line={"color": "#0f8b8d", "width": 1.2, "dash": "dash"},
            marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": "#0f8b8d"},
            opacity=0.7,
            hoverinfo="skip",
            connectgaps=False,
        )
    )


def _ends(mark: Mapping[str, Any]) -> list[dt.datetime]:
    if mark["_kind"] == "bar" and mark["_end"] is not None:
        return [mark["_start"], mark["_end"]]
    return [mark["_x"]]


def _closest_ends(source: Mapping[str, Any], target: Mapping[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    """Where an arrow from ``source`` to ``target`` starts and ends: the nearest pair of ends."""
    pairs = [(a, b) for a in _ends(source) for b in _ends(target)]
    return min(pairs, key=lambda pair: abs(_seconds(pair[0], pair[1])))


def _published(tl: Timeline) -> dt.datetime | None:
    published = tl.article.published
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.replace(tzinfo=None)
    return dt.datetime(published.year, published.month, published.day)


def _template_colors(template: object) -> dict[str, str]:
    """The colours of ``template`` the layout's own parts follow: text, backgrounds, grid.

    Read from the template (``plotly_white`` by default), with plotly.js's own defaults for
    what a template leaves unset, so that lane bands, range buttons and the undated list
    match a dark template as well as a light one.
    """
    import plotly.graph_objects as go
    import plotly.io as pio

    if template is None:
        template = "plotly_white"
    if isinstance(template, str):
        chosen = pio.templates[template]
    elif isinstance(template, go.layout.Template):
        chosen = template
    else:
        chosen = go.layout.Template(template)
    layout = chosen.layout
    paper = layout.paper_bgcolor or "#fff"
    return {
        "text": layout.font.color or "#444",
        "paper": paper,
        "plot": layout.plot_bgcolor or paper,
    }


def _outside_note(dated: Sequence[Mapping[str, Any]], low: float, high: float) -> str:
    """"Outside this view: 12 earlier events, 3 later — …", or ``""`` when every event is in view."""
    earlier = sum(len(m["_members"]) for m in dated if _epoch(m["_hi"]) < low)
    later = sum(len(m["_members"]) for m in dated if _epoch(m["_lo"]) > high)
    if not earlier and not later:
        return ""
    parts = []
    if earlier:
        parts.append(f"{earlier} earlier event{'s' if earlier != 1 else ''}")
    if later:
        parts.append(f"{later} later" if earlier else f"{later} later event{'s' if later != 1 else ''}")
    return "Outside this view: " + ", ".join(parts) + " (drag the range slider below or press “all”)"


def _layout(
    fig: go.Figure,
    tl: Timeline,
    dated: Sequence[Mapping[str, Any]],
    undated: Sequence[Mapping[str, Any]],
    in_headline: Sequence[Mapping[str, Any]],
    ticks: list[tuple[int, str]],
    bands: list[tuple[float, float]],
    view: tuple[float, float],
    template: object,
    height: int | None,
    width: int | None,
    title: str | None,
    total_rows: int,
    margin_left: int,
) -> None:
    published = _published(tl)
    low, high = view
    x_range = [_iso(_from_epoch(low)), _iso(_from_epoch(high))] if dated else None
    heading = html.escape(figure_title(tl, title))
    if published is not None:
        heading += f"<br><sup>published {html.escape(_day(published))}</sup>"
    undated_lines = len(undated) + 1 if undated else 0
    slider = 46
    # under the plot area plotly adds, on top of the bottom margin: the date ticks, the range
    # slider (its thickness is a share of the height between the margins) and a gap, where the
    # legend goes; the bottom margin holds the undated list
    bottom = 17 * undated_lines + 24
    if height is None:
        height = max(380, TOP_MARGIN + ROW_HEIGHT * total_rows + 16 + _UNDER_PLOT + slider + bottom)
    between = max(height - TOP_MARGIN - bottom, 40)
    # plotly accepts a slider thickness of 0..1: a small height gets a thinner slider
    thickness = min(slider / between, 0.25)
    slider = thickness * between
    legend_y = min(max((bottom + _UNDER_PLOT - 50) / height, 0.0), 1.0)
    colors = _template_colors(template)
    fig.update_layout(
        template=template if template is not None else "plotly_white",
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 0.99, "yanchor": "top"},
        height=height,
        margin={"t": TOP_MARGIN, "b": bottom, "l": margin_left, "r": _MARGIN_RIGHT},
        hovermode="closest",
        hoverlabel={"align": "left", "bgcolor": colors["paper"], "font": {"size": 12}},
        legend={"orientation": "h", "yref": "container", "yanchor": "top", "y": legend_y, "x": 0, "xanchor": "left"},
        bargap=0.4,
        showlegend=True,
    )
    if width is not None:
        fig.update_layout(width=width)
    fig.update_xaxes(
        type="date",
        range=x_range,
        rangeslider={"visible": True, "thickness": thickness},
        rangeselector={
            "buttons": [
                {"count": 1, "label": "day", "step": "day", "stepmode": "backward"},
                {"count": 7, "label": "week", "step": "day", "stepmode": "backward"},
                {"count": 1, "label": "month", "step": "month", "stepmode": "backward"},
                {"count": 1, "label": "year", "step": "year", "stepmode": "backward"},
                {"count": 10, "label": "decade", "step": "year", "stepmode": "backward"},
                {"label": "all", "step": "all"},
            ],
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            # plotly.js draws the buttons light grey whatever the template; the active one is
            # derived from this background by plotly.js
            "bgcolor": colors["plot"],
            "font": {"color": colors["text"]},
        },
        showgrid=True,
    )
    fig.update_yaxes(
        type="linear",
        tickmode="array",
        tickvals=[row for row, _ in ticks],
        ticktext=[label for _, label in ticks],
        showticklabels=bool(ticks),
        zeroline=False,
        showgrid=False,
        tickfont={"size": 12},
        range=[total_rows - 0.5, -0.5],
        fixedrange=True,
    )
    if len(bands) > 1 or ticks:
        for n, (y0, y1) in enumerate(bands):
            fig.add_shape(
                type="rect", xref="paper", x0=0, x1=1, yref="y", y0=y0, y1=y1,
                fillcolor=colors["text"] if n % 2 == 0 else "rgba(0,0,0,0)", opacity=0.06,
                line={"width": 0}, layer="below", name=f"lane {n}",
            )  # fmt: skip
    for mark in dated:
        _add_label(fig, mark, colors, x_range)
    note = _outside_note(dated, low, high) if dated else ""
    if in_headline:
        ids = ", ".join(f"#{r['event_id']}" for r in in_headline)
        note += ("; " if note else "") + f"the headline ({'event' if len(in_headline) == 1 else 'events'} {ids}) is the title"
    if note:
        fig.add_annotation(
            text=html.escape(note), xref="paper", yref="paper", x=0, xanchor="left", y=1, yanchor="bottom",
            yshift=_NOTE_SHIFT, showarrow=False, font={"size": 12, "color": colors["text"]}, opacity=0.8,
            name="outside",
        )  # fmt: skip
    if published is not None and dated:
        fig.add_shape(
            type="line", xref="x", x0=_iso(published), x1=_iso(published), yref="paper", y0=0, y1=1,
            line={"color": _PUBLISHED_COLOR, "width": 1.5, "dash": "dash"}, name="published",
        )  # fmt: skip
        label = f"published {_day(published)}"
        share = (_epoch(published) - low) / (high - low)
        plot_width = (width or LAYOUT_WIDTH) - margin_left - _MARGIN_RIGHT
        right_half = share > 0.5
        clear_of_buttons = share * plot_width - (text_width(label) if right_half else 0) > _BUTTONS_WIDTH
        fig.add_annotation(
            text=html.escape(label), x=_iso(published), xref="x",
            y=1, yref="paper", yanchor="bottom", xanchor="right" if right_half else "left",
            yshift=0 if clear_of_buttons or not note else _NOTE_SHIFT,
            showarrow=False, font={"size": 11, "color": _PUBLISHED_COLOR}, name="published",
        )  # fmt: skip
    if not dated:
        fig.add_annotation(
            text="No dated events" if undated else "No events", xref="paper", yref="paper", x=0.5, y=0.5,
            showarrow=False, font={"size": 16, "color": colors["text"]}, opacity=0.6, name="empty",
        )  # fmt: skip
    if undated:
        fig.add_annotation(
            text=_undated_note(undated), xref="paper", yref="paper", x=0, xanchor="left", y=0,
            yanchor="top", yshift=-(_UNDER_PLOT + slider + 2), align="left", showarrow=False,
            font={"size": 12, "color": colors["text"]}, name="undated",
        )  # fmt: skip


def _add_label(fig: go.Figure, mark: Mapping[str, Any], colors: Mapping[str, str], x_range: Sequence[str] | None) -> None:
    """The label of one mark: beside it (right or left) or above a bar wider than the view."""
    side = mark["_side"]
    radius = 0 if mark["_kind"] == "bar" else mark["_size"] / 2 + 1
    options: dict[str, Any] = {"y": mark["_y"], "yanchor": "middle"}
    if side == "right":
        options.update(x=_iso(mark["_hi"]), xanchor="left", xshift=radius + _LABEL_GAP)
    elif side == "left":
        options.update(x=_iso(mark["_lo"]), xanchor="right", xshift=-(radius + _LABEL_GAP))
    else:  # above a bar that fills the view: at the view's left edge
        first = x_range[0] if x_range else _iso(mark["_start"])
        options.update(x=first, xanchor="left", yanchor="bottom", yshift=ROW_HEIGHT * 0.28 + 1)
    hover = f"{html.escape(mark['_phrase'])}<br>{mark['_when']}" if mark["_cut"] else None
    fig.add_annotation(
        text=mark["_label"], xref="x", yref="y", showarrow=False, align="left",
        font={"size": LABEL_FONT_SIZE, "color": colors["text"], "family": LABEL_FONT},
        bgcolor=colors["paper"], borderpad=1, hovertext=hover, name=f"label #{mark['event_id']}",
        **options,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 1.5rem; color: #222; }}
header h1 {{ font-size: 1.4rem; margin: 0 0 .3rem 0; }}
header p {{ margin: .1rem 0; color: #555; }}
.notes {{ color: #8a5a00; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
{details}
</header>
<main>
{plot}
</main>
</body>
</html>
"""


def write_html(
    tl: Timeline,
    path: str | os.PathLike[str],
    *,
    offline: bool = True,
    **figure_options: Any,
) -> None:
    """Write the figure of ``tl`` to one HTML page at ``path``.

    With ``offline=True`` the page is self-contained (plotly.js is inlined, ~4.5 MB); with
    ``offline=False`` plotly.js is loaded from the plotly CDN (the page is then a few tens of
    kB; plotly's ``<script>`` tag carries the file's integrity hash, and the
    Content-Security-Policy allows that one URL only). The page has a heading with the title
    and publication date. All article text is escaped, and the Content-Security-Policy forbids
    loading anything from elsewhere, so nothing in an article can inject markup or scripts.
    ``figure_options`` go to :func:`figure`.
    """
    if not isinstance(offline, bool):
        raise TypeError(f"offline must be True or False, not {type(offline).__name__}")
    fig = figure(tl, **figure_options)
    # the page heading has the title: the figure loses its room, the plot area keeps its size
    fig.update_layout(title=None, margin_t=fig.layout.margin.t - 60, height=max(fig.layout.height - 60, MIN_HEIGHT))
    plot = fig.to_html(
        include_plotlyjs=True if offline else "cdn",
        full_html=False,
        div_id="timeline-plot",
        config={"responsive": True, "displaylogo": False},
    )
    title = figure_title(tl, figure_options.get("title"))
    details = []
    published = _published(tl)
    if published is not None:
        details.append(f"<p>Published {html.escape(_day(published))}</p>")
    if tl.article.source:
        details.append(f"<p>Source: {html.escape(tl.article.source)}</p>")
    events = tl.events
    dated = int(events["start"].notna().sum())
    details.append(f"<p>{dated} dated and {len(events) - dated} undated events.</p>")
    details.extend(f'<p class="notes">{html.escape(note)}</p>' for note in tl.notes)
    scripts = "'unsafe-inline'"
    if not offline:  # the one plotly.js file plotly links (with its integrity hash), nothing else
        found = re.search(r'<script[^>]*\ssrc="(https://cdn\.plot\.ly/[\w.\-]+\.js)"', plot)
        scripts += " " + (found.group(1) if found else "https://cdn.plot.ly")
    csp = (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )
    page = _PAGE.format(csp=csp, title=html.escape(title), details="\n".join(details), plot=plot)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
