"""The rows of the figure (pure): lanes by actor, the options of :func:`timeline.output.plot.figure`,\nthe marks of each event and the collapsing of crowded days.\n"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover

    from timeline.api import Timeline

from timeline.output.geometry import (
    ACTOR,
    AUTO,
    COLLAPSE_AT,
    COLLAPSIBLE,
    ESTIMATE_BELOW,
    MIN_HEIGHT,
    MIN_WIDTH,
)
from timeline.output.labels import (
    DATED_BY_LABELS,
    FIRM,
    HEADLINE_LIMIT,
    HOVER_WIDTH,
    NAME_TOKEN,
    POINT_GRAINS,
    as_datetimes,
    cell_text,
    day_label,
    display_date,
    hover_text,
    seconds_between,
    shifted,
    shorten,
)

__all__ = [
    "check_options",
    "collapse_marks",
    "event_lanes",
    "figure_title",
    "headline",
    "lane_series",
    "mark_rows",
    "order_of_lanes",
]


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
    for match in NAME_TOKEN.finditer(text):
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
    for match in NAME_TOKEN.finditer(text):
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


def lane_series(tl: Timeline, lanes: str | None) -> tuple[pd.Series, str]:
    """The lane of each event for the ``lanes`` option, and the name of what lanes show."""
    events = tl.events
    if lanes is None:
        lanes = AUTO
    if not isinstance(lanes, str):
        raise TypeError(f"lanes must be a column name, 'actor' or 'auto', not {type(lanes).__name__}")
    if lanes not in (AUTO, ACTOR) and lanes not in events.columns:
        raise ValueError(
            f"lanes={lanes!r} is not a column of Timeline.events; use 'auto', 'actor' or one of: "
            + ", ".join(events.columns)
        )
    if lanes in (AUTO, ACTOR):
        names, lower = _capitalised_elsewhere(tl.article.text)
        actors = [_actor(cell_text(p), names, lower) for p in events["event"]]
        found = sum(a is not None for a in actors)
        if lanes == ACTOR or (len(events) and found * 2 >= len(events)):
            return pd.Series(_merge_names(actors), index=events.index, dtype=object), ACTOR
        lanes = "dated_by"
    values = [cell_text(v) or "(none)" for v in events[lanes]]
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
    return lane_series(tl, lanes)[0]


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


def check_options(
    tl: Timeline,
    template: object,
    height: object,
    width: object,
    color: object,
    title: object,
    compact: object,
) -> None:
    """Raise ``TypeError`` or ``ValueError`` for a bad option of :func:`timeline.output.plot.figure`."""
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
    if not match or len(match.group(1)) > HEADLINE_LIMIT:
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


def mark_rows(tl: Timeline, lane: pd.Series | None, color: str | None) -> list[dict[str, Any]]:
    """The events as mark rows: each event's record with its drawing fields (``_start``, ``_lane``...)."""
    events = tl.events
    starts, ends = as_datetimes(events["start"]), as_datetimes(events["end"])
    rows = []
    for position, record in enumerate(events.to_dict("records")):
        record["_start"], record["_end"] = starts[position], ends[position]
        record["_lane"] = lane.iloc[position] if lane is not None else ""
        key = record["_lane"] if color == "lane" else cell_text(record[color or "dated_by"]) or "(none)"
        record["_color_key"] = key
        grain = cell_text(record["grain"])
        start, end = record["_start"], record["_end"]
        if start is None:
            record["_kind"] = "undated"
        elif end is None or end <= start or grain in POINT_GRAINS:
            record["_kind"] = "point"
        elif not grain and seconds_between(start, end) <= 86400:
            record["_kind"] = "point"
        else:
            record["_kind"] = "bar"
        confidence = record.get("confidence")
        record["_confidence"] = (
            float(confidence) if isinstance(confidence, (int, float)) and not math.isnan(confidence) else 0.0
        )
        record["_firm"] = cell_text(record["dated_by"]) in FIRM
        record["_estimate"] = bool(record["approximate"]) or record["_confidence"] < ESTIMATE_BELOW
        record["_phrase"] = " ".join(cell_text(record["event"]).split()) or f"event {record['event_id']}"
        record["_hover"] = hover_text(record)
        when = display_date(start, end, grain or None, cell_text(record["value"]) or None, bool(record["approximate"]))
        if record["_kind"] == "bar" and not record["approximate"]:
            when = _period(start, end, grain, when)
        record["_when"] = html.escape(when)
        record["_members"] = [record]
        if start is not None:
            record["_x"] = _mark_x(record)
            whisker = record["_kind"] == "point" and end is not None and seconds_between(start, end) > 86400
            record["_whisker"] = whisker
            spread = record["_kind"] == "bar" or whisker
            record["_lo"], record["_hi"] = (start, end) if spread else (record["_x"], record["_x"])
        rows.append(record)
    return rows


def _period(start: dt.datetime, end: dt.datetime, grain: str, when: str) -> str:
    """``"Mar 2015 – Jan 2016"`` for a bar longer than one unit of its grain, else ``when``."""
    last = shifted(end, -1)
    if grain in ("year", "decade", "century", "millennium"):
        first, final = str(start.year), str(last.year)
    elif grain in ("month", "quarter", "season", "half_year"):
        first = f"{calendar.month_abbr[start.month]} {start.year}"
        final = f"{calendar.month_abbr[last.month]} {last.year}"
    else:
        first, final = day_label(start), day_label(last)
    if first == final or (grain == "decade" and last.year - start.year < 10):
        return when
    if grain == "century" and last.year - start.year < 100 or grain == "millennium" and last.year - start.year < 1000:
        return when
    return f"{first} – {final}"


def _mark_x(row: Mapping[str, Any]) -> dt.datetime:
    """Where an event's marker sits: the middle of its day (or part of day, or widened interval),
    the start of a finer time, the start of a bar."""
    grain = cell_text(row["grain"])
    if row["_kind"] == "bar" and not row["approximate"]:
        return row["_start"]
    if grain in ("second", "minute", "hour") and not row["approximate"]:
        return row["_start"]
    return _midpoint(row)


def _midpoint(row: Mapping[str, Any]) -> dt.datetime:
    start, end = row["_start"], row["_end"]
    if end is None or end <= start:
        return start
    return shifted(start, seconds_between(start, end) / 2)


def collapse_marks(dated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events without a time of their own that share one estimate, drawn as one mark.

    Events dated by narrative order or by tense alone that land on the same estimate (the story's
    day, the publication day) and are loosely dated the same way become one mark listing them
    all in its hover, when there are :data:`COLLAPSE_AT` or more; fewer keep a mark each.
    """
    groups: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for row in dated:
        if cell_text(row["dated_by"]) in COLLAPSIBLE:
            groups.setdefault(_collapse_key(row), []).append(row)
    out: list[dict[str, Any]] = []
    for row in dated:
        members = groups.get(_collapse_key(row)) if cell_text(row["dated_by"]) in COLLAPSIBLE else None
        if not members or len(members) < COLLAPSE_AT:
            out.append(row)
            continue
        if row is not members[0]:
            continue
        merged = dict(row)
        count = len(members)
        kind = cell_text(row["dated_by"])
        merged["_members"] = members
        merged["_phrase"] = f"{count} events " + ("dated by tense only" if kind == "tense" else "on this day, by narrative order")
        merged["_confidence"] = max(m["_confidence"] for m in members)
        listing = "<br>".join(
            f"#{m['event_id']} {html.escape(shorten(cell_text(m['event']), HOVER_WIDTH - 8))}" for m in members[:15]
        )
        if count > 15:
            listing += f"<br>… and {count - 15} more"
        chain = html.escape(cell_text(row["derived_from"]))
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
    return (row["_lane"], row["_color_key"], cell_text(row["dated_by"]), row["_start"], row["_end"])


def order_of_lanes(rows: Sequence[Mapping[str, Any]], by_dated_by: bool) -> list[str]:
    """The lanes of ``rows`` in the order they are shown."""
    lanes: list[str] = []
    for row in rows:
        if row["_lane"] not in lanes:
            lanes.append(row["_lane"])
    if by_dated_by:
        rank = {label: i for i, label in enumerate(DATED_BY_LABELS.values())}
        return sorted(lanes, key=lambda name: rank.get(name, len(rank)))
    return sorted(lanes, key=lambda name: (name in ("others", "(none)"), lanes.index(name)))
