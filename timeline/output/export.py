"""Write a timeline's events as CSV, JSON, Parquet or a Knight Lab TimelineJS document.

Dates are written as ISO 8601 text (``2016-01-12`` at midnight, ``2016-01-12T18:00:00``
otherwise) so that every year from 1 to 9999 survives, and undated events keep empty dates
(an empty CSV cell, JSON ``null``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from timeline.api import Timeline

__all__ = ["iso_date", "records", "to_csv", "to_json", "to_parquet", "to_timelinejs"]

_TIME_COLUMNS = ("start", "end", "earliest", "latest")
#: the TimelineJS date parts a grain supports (coarser grains keep fewer parts)
_PARTS: dict[str, tuple[str, ...]] = {
    "millennium": ("year",),
    "century": ("year",),
    "decade": ("year",),
    "year": ("year",),
    "half_year": ("year", "month"),
    "season": ("year", "month"),
    "quarter": ("year", "month"),
    "month": ("year", "month"),
    "week": ("year", "month", "day"),
    "day": ("year", "month", "day"),
    "part_of_day": ("year", "month", "day", "hour"),
    "hour": ("year", "month", "day", "hour"),
    "minute": ("year", "month", "day", "hour", "minute"),
    "second": ("year", "month", "day", "hour", "minute", "second"),
}


def iso_date(value: object) -> str | None:
    """ISO 8601 text for a time: the date alone at midnight; ``None`` for NaT/None."""
    if value is None:
        return None
    moment = np.datetime64(value, "s") if not isinstance(value, np.datetime64) else value.astype("datetime64[s]")
    if np.isnat(moment):
        return None
    text = np.datetime_as_string(moment, unit="s")
    return text[:10] if text.endswith("T00:00:00") else text


def _plain(value: object) -> object:
    """A JSON-ready Python value: NaN/NA -> None, numpy scalars -> Python scalars."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(tl: Timeline) -> list[dict[str, Any]]:
    """The events table as a list of plain dicts: ISO date strings, ``None`` for missing values."""
    events = tl.events
    columns = {name: events[name].to_numpy() for name in events.columns}
    rows = []
    for i in range(len(events)):
        row: dict[str, Any] = {}
        for name, values in columns.items():
            row[name] = iso_date(values[i]) if name in _TIME_COLUMNS else _plain(values[i])
        rows.append(row)
    return rows


def _iso_frame(tl: Timeline) -> pd.DataFrame:
    frame = tl.events.copy()
    for name in _TIME_COLUMNS:
        frame[name] = pd.Series([iso_date(v) for v in frame[name].to_numpy()], index=frame.index, dtype=object)
    return frame


def _write(path: str | os.PathLike[str] | None, text: str) -> str | None:
    if path is None:
        return text
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return None


def to_csv(tl: Timeline, path: str | os.PathLike[str] | None = None) -> str | None:
    """The events table as CSV with ISO dates; written to ``path``, or returned when it is None."""
    text = _iso_frame(tl).to_csv(index=False, lineterminator="\n")
    return _write(path, text)


def to_json(tl: Timeline, path: str | os.PathLike[str] | None = None) -> str | None:
    """The events as a JSON array of records (ISO dates, ``null`` when undated).

    Written to ``path`` (UTF-8), or returned as text when ``path`` is None.
    """
    text = json.dumps(records(tl), ensure_ascii=False, indent=2) + "\n"
    return _write(path, text)


def to_parquet(tl: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the events table as Parquet (second-resolution times kept as timestamps).

    Raises:
        ImportError: pyarrow is not installed (``pip install pyarrow``).
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise ImportError(
            "Timeline.to_parquet needs pyarrow, which is not installed: pip install pyarrow "
            "(or use to_csv / to_json, which need nothing extra)"
        ) from error
    tl.events.to_parquet(path, engine="pyarrow", index=False)


def _date_parts(value: object, grain: str | None) -> dict[str, int] | None:
    if value is None:
        return None
    moment = np.datetime64(value, "s")
    if np.isnat(moment):
        return None
    when: dt.datetime = moment.astype(object)
    parts = _PARTS.get(grain or "", ("year", "month", "day") + (("hour", "minute") if when.time() else ()))
    return {name: int(getattr(when, name)) for name in parts}


def _last_moment(end: object) -> object:
    return np.datetime64(end, "s") - np.timedelta64(1, "s")


def _timelinejs_event(row: dict[str, Any], start: object, end: object, group: str) -> dict[str, Any]:
    from timeline.output.labels import display_date, highlighted_sentence

    grain = row["grain"]
    start_parts = _date_parts(start, grain)
    event: dict[str, Any] = {
        "unique_id": f"event-{row['event_id']}",
        "start_date": start_parts,
        "text": {
            "headline": html.escape(str(row["event"])),
            "text": _event_text(row, highlighted_sentence),
        },
        "group": group,
    }
    if end is not None and not np.isnat(np.datetime64(end, "s")):
        end_parts = _date_parts(_last_moment(end), grain)
        if end_parts != start_parts:
            event["end_date"] = end_parts
    if row["approximate"]:
        start_dt = np.datetime64(start, "s").astype(object)
        end_dt = np.datetime64(end, "s").astype(object) if end is not None and not np.isnat(np.datetime64(end, "s")) else None
        event["display_date"] = display_date(start_dt, end_dt, grain, row["value"], True)
    return event


def _event_text(row: dict[str, Any], highlighted_sentence: Any) -> str:
    parts = []
    if row["sentence"]:
        parts.append("“" + highlighted_sentence(str(row["sentence"]), row["expression"], width=10_000) + "”")
    how = f"Dated by: {html.escape(str(row['dated_by']))}"
    if row["value"]:
        how += f"; TIMEX3 value {html.escape(str(row['value']))}"
    if row["derived_from"]:
        how += f"; from {html.escape(str(row['derived_from']))}"
    parts.append(how)
    if row["note"]:
        parts.append(html.escape(str(row["note"])))
    return "".join(f"<p>{part}</p>" for part in parts)


def to_timelinejs(tl: Timeline, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The timeline as a Knight Lab TimelineJS3 JSON document (also written to ``path`` if given).

    ``{"title": {...}, "events": [...]}``: one event per dated event with ``start_date`` (and
    ``end_date`` when it spans more than one unit of its grain) holding only the date parts its
    grain supports (month grain: year and month), ``text`` (headline and the sentence with the
    time expression in bold), ``group`` (its lane, as in the figure) and, for approximate times,
    a ``display_date`` such as ``"about July 2015"``. TimelineJS renders text as HTML, so all
    article text is escaped. Undated events, which TimelineJS cannot place, are listed in the
    title slide.
    """
    from timeline.output.labels import day_label
    from timeline.output.lanes import event_lanes

    events = tl.events
    lanes = event_lanes(tl)
    rows = records(tl)
    starts, ends = events["start"].to_numpy(), events["end"].to_numpy()
    out_events = []
    undated = []
    for i, row in enumerate(rows):
        if np.isnat(starts[i]):
            undated.append(row)
            continue
        out_events.append(_timelinejs_event(row, starts[i], ends[i], str(lanes.iloc[i])))
    published = tl.article.published
    title_text = ""
    if published is not None:
        title_text += f"<p>Published {day_label(dt.datetime(published.year, published.month, published.day))}</p>"
    if undated:
        items = "".join(f"<li>{html.escape(str(r['event']))}</li>" for r in undated)
        title_text += f"<p>Undated events:</p><ul>{items}</ul>"
    document: dict[str, Any] = {
        "title": {
            "text": {
                "headline": html.escape(tl.article.title or "Timeline"),
                "text": title_text,
            }
        },
        "events": out_events,
    }
    if path is not None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    return document
