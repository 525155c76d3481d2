"""Draw a :class:`~timeline.api.Timeline` as an interactive Plotly figure, and write it as HTML.

This is the only module that imports plotly, and it does so inside the functions that draw,
so the presentation helpers here (lanes, readable dates, hover text) are cheap to import.

The figure has one row per dated event, grouped into lanes (shaded bands):

* point events (day grain or finer) are markers, periods (week grain and coarser) are bars from
  ``start`` to ``end``;
* firm events (dated ``explicit`` or ``anchored``) are drawn solid, loosely dated ones faint;
* approximate events are hollow markers with a dotted whisker over the widened interval, or
  hatched bars;
* an event dated through another one (``derived_from`` names ``event N``) is linked to it by a
  dashed arrow;
* the publication date is a vertical dashed line with a label;
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
    "FIRM",
    "POINT_GRAINS",
    "display_date",
    "event_lanes",
    "figure",
    "highlighted_sentence",
    "hover_text",
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
_LOOSE_OPACITY = 0.45
_LABEL_WIDTH = 44
_HOVER_WIDTH = 72
_SENTENCE_LIMIT = 420
_EVENT_REF = re.compile(r"\bevent\s+(\d+)", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
#: open intervals of events dated by tense alone (their bars show a year on the open side)
_REFS = {"PAST_REF": "before publication", "FUTURE_REF": "after publication",
         "PRESENT_REF": "at publication"}
#: tense-dated events sharing one interval are drawn as one row when there are this many
COLLAPSE_AT = 3
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
    if value in _REFS:
        return _REFS[value]
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
# the figure
# --------------------------------------------------------------------------------------------


def _check_options(
    tl: Timeline, template: object, height: object, color: object, title: object
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
    if height is not None:
        if isinstance(height, bool) or not isinstance(height, int):
            raise TypeError(f"height must be an int number of pixels, not {type(height).__name__}")
        if height < 10:
            raise ValueError(f"height must be at least 10 pixels, not {height}")
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


def _rows(tl: Timeline, lane: pd.Series, color: str | None) -> list[dict[str, Any]]:
    events = tl.events
    starts, ends = _datetimes(events["start"]), _datetimes(events["end"])
    rows = []
    for position, record in enumerate(events.to_dict("records")):
        record["_start"], record["_end"] = starts[position], ends[position]
        record["_lane"] = lane.iloc[position]
        key = record["_lane"] if color == "lane" else _text(record[color or "dated_by"]) or "(none)"
        record["_color_key"] = key
        grain = _text(record["grain"])
        start, end = record["_start"], record["_end"]
        if start is None:
            record["_kind"] = "undated"
        elif end is None or end <= start or (grain in POINT_GRAINS and not record["approximate"]):
            record["_kind"] = "point"
        elif grain in POINT_GRAINS or (not grain and _seconds(start, end) <= 86400):
            record["_kind"] = "point"  # an approximate point: a whisker over its widened interval
        else:
            record["_kind"] = "bar"
        record["_firm"] = _text(record["dated_by"]) in FIRM
        record["_label"] = html.escape(f"{_shorten(_text(record['event']), _LABEL_WIDTH)} · #{record['event_id']}")
        record["_hover"] = hover_text(record)
        when = display_date(start, end, grain or None, _text(record["value"]) or None, bool(record["approximate"]))
        if record["_kind"] == "bar" and not record["approximate"]:
            when = _period(start, end, grain, when)
        record["_when"] = html.escape(when)
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


def _lane_order(rows: Sequence[Mapping[str, Any]], by_dated_by: bool) -> list[str]:
    lanes: list[str] = []
    for row in rows:
        if row["_lane"] not in lanes:
            lanes.append(row["_lane"])
    if by_dated_by:
        rank = {label: i for i, label in enumerate(DATED_BY_LABELS.values())}
        return sorted(lanes, key=lambda name: rank.get(name, len(rank)))
    return sorted(lanes, key=lambda name: (name in ("others", "(none)"), lanes.index(name)))


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


def figure(
    tl: Timeline,
    *,
    template: str | Mapping[str, Any] | None = None,
    height: int | None = None,
    color: str | None = None,
    lanes: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Draw the events of ``tl`` as a Plotly figure that reads at a glance.

    Args:
        tl: the timeline.
        template: a plotly template name (default ``"plotly_white"``) or template object.
        height: the figure height in pixels (default: grows with the number of events).
        color: the column of ``tl.events`` that colours the marks (default ``dated_by``), or
            ``"lane"`` to colour by lane.
        lanes: how events are grouped into lanes: ``"auto"`` (default), ``"actor"`` or a column
            of ``tl.events`` (see :func:`event_lanes`).
        title: the figure title (default: the article's title, else ``"Timeline"``).

    Returns:
        A plain ``plotly.graph_objects.Figure``: traces are one bar trace (periods) and one
        scatter trace (points) per colour, then ``approximate range`` whiskers and
        ``derived from`` arrows when there are any. The user may restyle it freely.

    Raises:
        ValueError: an option names an unknown column or template, or ``height`` is too small.
        TypeError: an option has the wrong type.
    """
    import plotly.graph_objects as go

    _check_options(tl, template, height, color, title)
    colors = _template_colors(template)
    lane, lane_kind = _lanes(tl, lanes)
    rows = _rows(tl, lane, color)
    dated = _collapse_tense([r for r in rows if r["_kind"] != "undated"])
    undated = [r for r in rows if r["_kind"] == "undated"]
    lane_order = _lane_order(dated, lane_kind == "dated_by")
    dated.sort(key=lambda r: (lane_order.index(r["_lane"]), np.datetime64(r["_start"], "s"), r["event_id"]))
    ticks: list[tuple[int, str]] = []  # (row, label): a header row per lane, then its events
    for lane in lane_order:
        members = [r for r in dated if r["_lane"] == lane]
        if members and (len(lane_order) > 1 or lane not in ("others", "(none)")):
            ticks.append((len(ticks), f"<b>{html.escape(lane).upper()}</b>"))
        for r in members:
            r["_y"] = len(ticks)
            ticks.append((len(ticks), r["_label"]))
    palette = _colors(rows, color)

    fig = go.Figure()
    for key, hue in palette.items():
        group = [r for r in dated if r["_color_key"] == key]
        bars = [r for r in group if r["_kind"] == "bar"]
        points = [r for r in group if r["_kind"] == "point"]
        shown = False
        if bars:
            fig.add_trace(
                go.Bar(
                    name=_legend_name(key, color),
                    legendgroup=key,
                    orientation="h",
                    base=[_iso(r["_start"]) for r in bars],
                    x=[_seconds(r["_start"], r["_end"]) * 1000 for r in bars],
                    y=[r["_y"] for r in bars],
                    width=0.56,
                    marker={
                        "color": hue,
                        "opacity": [0.9 if r["_firm"] and not r["approximate"] else _LOOSE_OPACITY for r in bars],
                        "line": {"color": hue, "width": 1.5},
                        "pattern": {
                            "shape": ["/" if r["approximate"] else "" for r in bars],
                            "fgcolor": colors["plot"],
                            "size": 6,
                        },
                    },
                    text=[r["_when"] for r in bars],
                    textposition="none",
                    hovertext=[r["_hover"] for r in bars],
                    hovertemplate="%{hovertext}<extra></extra>",
                    customdata=[r["event_id"] for r in bars],
                )
            )
            shown = True
        if points:
            fig.add_trace(
                go.Scatter(
                    name=_legend_name(key, color),
                    legendgroup=key,
                    showlegend=not shown,
                    mode="markers",
                    x=[_iso(r["_start"]) if not r["approximate"] else _iso(_midpoint(r)) for r in points],
                    y=[r["_y"] for r in points],
                    marker={
                        "color": hue,
                        "size": [13 if r["_firm"] else 10 for r in points],
                        "opacity": [1.0 if r["_firm"] else _LOOSE_OPACITY + 0.1 for r in points],
                        "symbol": ["circle-open" if r["approximate"] else "circle" for r in points],
                        "line": {"color": hue, "width": 2},
                    },
                    text=[r["_when"] for r in points],
                    hovertext=[r["_hover"] for r in points],
                    hovertemplate="%{hovertext}<extra></extra>",
                    customdata=[r["event_id"] for r in points],
                )
            )
    _add_whiskers(fig, dated)
    _add_links(fig, dated)
    _layout(fig, tl, dated, undated, ticks, lane_order, template, height, title)
    return fig


def _collapse_tense(dated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tense-dated events with one interval ("before publication") as one row, listed in its hover.

    An article has many events dated by tense alone; drawing each as its own year-wide bar would
    bury the firm ones. Groups smaller than :data:`COLLAPSE_AT` keep one row per event.
    """
    groups: dict[tuple[object, object], list[dict[str, Any]]] = {}
    for row in dated:
        if _text(row["dated_by"]) == "tense":
            groups.setdefault((row["_start"], row["_end"]), []).append(row)
    out: list[dict[str, Any]] = []
    for row in dated:
        members = groups.get((row["_start"], row["_end"])) if _text(row["dated_by"]) == "tense" else None
        if not members or len(members) < COLLAPSE_AT:
            out.append(row)
            continue
        if row is not members[0]:
            continue
        merged = dict(row)
        count = len(members)
        merged["_label"] = html.escape(f"{count} events dated by tense only")
        listing = "<br>".join(
            f"#{m['event_id']} {html.escape(_shorten(_text(m['event']), _HOVER_WIDTH - 8))}" for m in members[:15]
        )
        if count > 15:
            listing += f"<br>… and {count - 15} more"
        chain = html.escape(_text(row["derived_from"]))
        merged["_hover"] = (
            f"<b>{count} events dated by their tense only</b><br>{row['_when']} ({chain}); "
            f"dated by: {html.escape(DATED_BY_LABELS['tense'])} "
            f"(confidence {float(row['confidence']):.2f})<br>{listing}"
        )
        out.append(merged)
    return out


def _midpoint(row: Mapping[str, Any]) -> dt.datetime:
    start, end = row["_start"], row["_end"]
    if end is None or end <= start:
        return start
    return _shift(start, _seconds(start, end) / 2)


def _add_whiskers(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    import plotly.graph_objects as go

    approx = [r for r in dated if r["_kind"] == "point" and r["approximate"] and r["_end"] is not None]
    if not approx:
        return
    xs: list[str | None] = []
    ys: list[str | None] = []
    for row in approx:
        xs += [_iso(row["_start"]), _iso(row["_end"]), None]
        ys += [row["_y"], row["_y"], None]
    fig.add_trace(
        go.Scatter(
            name="approximate range",
            mode="lines",
            x=xs,
            y=ys,
            line={"color": "#888", "width": 2, "dash": "dot"},
            hoverinfo="skip",
            connectgaps=False,
        )
    )


def _add_links(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    import plotly.graph_objects as go

    by_id = {int(r["event_id"]): r for r in dated}
    xs: list[str | None] = []
    ys: list[str | None] = []
    sizes: list[int] = []
    for row in dated:
        for ref in _EVENT_REF.findall(_text(row["derived_from"])):
            source = by_id.get(int(ref))
            if source is None or source is row:
                continue
            xs += [_iso(x) for x in _closest_ends(source, row)] + [None]
            ys += [source["_y"], row["_y"], None]
            sizes += [0, 11, 0]
    if not xs:
        return
    fig.add_trace(
        go.Scatter(
            name="derived from",
            mode="lines+markers",
            x=xs,
            y=ys,
            line={"color": "#0f8b8d", "width": 1.5, "dash": "dash"},
            marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": "#0f8b8d"},
            hoverinfo="skip",
            connectgaps=False,
        )
    )


def _ends(row: Mapping[str, Any]) -> list[dt.datetime]:
    if row["_kind"] == "bar" and row["_end"] is not None:
        return [row["_start"], row["_end"]]
    return [_anchor_point(row)]


def _closest_ends(source: Mapping[str, Any], target: Mapping[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    """Where an arrow from ``source`` to ``target`` starts and ends: the nearest pair of ends."""
    pairs = [(a, b) for a in _ends(source) for b in _ends(target)]
    return min(pairs, key=lambda pair: abs(_seconds(pair[0], pair[1])))


def _anchor_point(row: Mapping[str, Any]) -> dt.datetime:
    return _midpoint(row) if row["approximate"] else row["_start"]


def _seconds_since_epoch(value: dt.datetime) -> int:
    return int(np.datetime64(value, "s").astype("int64"))


def _core(dated: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events left once far outliers are set aside (a 1066 event in a 2016 story).

    The earliest or latest event is set aside while its distance to the next one is larger
    than the span of all the others, and at least 60% of the events are kept.
    """
    kept = sorted(dated, key=lambda r: _seconds_since_epoch(_anchor_point(r)))
    least = max(2, math.ceil(len(dated) * 0.6))
    while len(kept) > least:
        points = [_seconds_since_epoch(_anchor_point(r)) for r in kept]
        left_gap, right_gap = points[1] - points[0], points[-1] - points[-2]
        if left_gap >= right_gap and left_gap > points[-1] - points[1]:
            kept = kept[1:]
        elif right_gap > left_gap and right_gap > points[-2] - points[0]:
            kept = kept[:-1]
        else:
            break
    return kept


def _extent(rows: Sequence[Mapping[str, Any]], extra: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    moments = [r["_start"] for r in rows] + [r["_end"] for r in rows if r["_end"] is not None]
    if extra is not None:
        moments.append(extra)
    return min(moments), max(moments)


def _padded(low: dt.datetime, high: dt.datetime) -> list[str]:
    span = _seconds(low, high)
    pad = max(span * 0.04, 3600 if span < 86400 else 86400)
    return [_iso(_shift(low, -pad)), _iso(_shift(high, pad * 3.5))]  # room for the date labels


def _x_range(tl: Timeline, dated: Sequence[Mapping[str, Any]]) -> tuple[list[str] | None, list[Mapping[str, Any]]]:
    """The initial x range, and the events it leaves out (far outliers, reachable by zooming out)."""
    if not dated:
        return None, []
    published = _published(tl)
    low, high = _extent(dated, published)
    core = _core(dated)
    if len(core) == len(dated):
        return _padded(low, high), []
    core_low, core_high = _extent(core)
    if published is not None and _seconds(*_extent(core, published)) <= 2 * max(_seconds(core_low, core_high), 86400):
        core_low, core_high = _extent(core, published)
    outside = [r for r in dated if r not in core]
    return _padded(core_low, core_high), outside


def _right_half(moment: dt.datetime, x_range: Sequence[str] | None) -> bool:
    if not x_range:
        return True
    low, high = (np.datetime64(x.replace(" ", "T"), "s") for x in x_range)
    return bool(np.datetime64(moment, "s") - low > (high - low) / 2)


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


def _layout(
    fig: go.Figure,
    tl: Timeline,
    dated: Sequence[Mapping[str, Any]],
    undated: Sequence[Mapping[str, Any]],
    ticks: list[tuple[int, str]],
    lane_order: list[str],
    template: object,
    height: int | None,
    title: str | None,
) -> None:
    published = _published(tl)
    x_range, outside = _x_range(tl, dated)
    heading = html.escape(title if title is not None else (tl.article.title or "Timeline"))
    if published is not None:
        heading += f"<br><sup>published {html.escape(_day(published))}</sup>"
    rows = max(len(ticks), 1)
    undated_lines = len(undated) + 1 if undated else 0
    slider = 46
    bottom = 135 + 17 * undated_lines
    if height is None:
        height = max(380, 140 + 30 * rows + bottom)
    plot_height = max(height - 100 - bottom, 40)
    # in fractions of the plot area, which a small height leaves tiny: plotly accepts a slider
    # thickness of 0..1 and a legend position down to -2, so both are capped
    thickness = min(slider / plot_height, 0.5)
    legend_y = max(-(slider + 50) / plot_height, -2.0)
    colors = _template_colors(template)
    fig.update_layout(
        template=template if template is not None else "plotly_white",
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        height=height,
        margin={"t": 100, "b": bottom, "l": 10, "r": 20},
        hovermode="closest",
        hoverlabel={"align": "left", "bgcolor": colors["paper"], "font": {"size": 12}},
        legend={"orientation": "h", "yanchor": "top", "y": legend_y, "x": 0, "xanchor": "left"},
        bargap=0.4,
        showlegend=True,
    )
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
        zeroline=False,
        automargin=True,
        showgrid=False,
        tickfont={"size": 12},
        range=[len(ticks) - 0.5, -0.5] if ticks else [0.5, -0.5],
        fixedrange=True,
    )
    for n, lane in enumerate(lane_order):
        members = [r["_y"] for r in dated if r["_lane"] == lane]
        headed = len(lane_order) > 1 or lane not in ("others", "(none)")
        if members:
            fig.add_shape(
                type="rect", xref="paper", x0=0, x1=1, yref="y", y0=min(members) - (1.5 if headed else 0.5), y1=max(members) + 0.5,
                fillcolor=colors["text"] if n % 2 == 0 else "rgba(0,0,0,0)", opacity=0.06,
                line={"width": 0}, layer="below",
                name=f"lane {lane}",
            )  # fmt: skip
    for row in dated:
        end = row["_end"] if row["_kind"] == "bar" or row["approximate"] else None
        fig.add_annotation(
            text=row["_when"], x=_iso(end or row["_start"]), xref="x", y=row["_y"], yref="y",
            xanchor="left", xshift=4 if end else 10, showarrow=False, font={"size": 11, "color": colors["text"]}, opacity=0.85,
            name=f"date #{row['event_id']}",
        )  # fmt: skip
    for row in outside:
        before = x_range is not None and _iso(row["_start"]) < x_range[0]
        fig.add_annotation(
            text=("◀ " + row["_when"]) if before else (row["_when"] + " ▶"),
            x=x_range[0] if before else x_range[1], xref="x", y=row["_y"], yref="y",
            xanchor="left" if before else "right", showarrow=False,
            font={"size": 11, "color": "#1f4e9c"}, name=f"outside #{row['event_id']}",
            hovertext="outside the initial view: zoom out (button “all”) to see it",
        )  # fmt: skip
    if published is not None and dated:
        fig.add_shape(
            type="line", xref="x", x0=_iso(published), x1=_iso(published), yref="paper", y0=0, y1=1,
            line={"color": _PUBLISHED_COLOR, "width": 1.5, "dash": "dash"}, name="published",
        )  # fmt: skip
        fig.add_annotation(
            text=f"published {html.escape(_day(published))}", x=_iso(published), xref="x",
            y=1, yref="paper", yanchor="bottom", xanchor="right" if _right_half(published, x_range) else "left",
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
            yanchor="top", yshift=-(slider + 80), align="left", showarrow=False,
            font={"size": 12, "color": colors["text"]}, name="undated",
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
    fig.update_layout(title=None, margin_t=fig.layout.margin.t - 60)  # the page heading has it
    plot = fig.to_html(
        include_plotlyjs=True if offline else "cdn",
        full_html=False,
        div_id="timeline-plot",
        config={"responsive": True, "displaylogo": False},
    )
    title = figure_options.get("title") or tl.article.title or "Timeline"
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
