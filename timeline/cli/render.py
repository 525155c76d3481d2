"""The events and expressions tables as readable fixed-width text, for the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = [
    "render_events",
    "render_expressions",
]


_EVENT_VIEW = {  # column -> (header, max width)
    "event_id": ("id", 4),
    "start": ("start", 19),
    "end": ("end", 19),
    "grain": ("grain", 11),
    "event": ("event", 60),
    "expression": ("expression", 30),
    "derived_from": ("derived_from", 40),
}

_EXPRESSION_VIEW = {
    "text": ("text", 34),
    "type": ("type", 8),
    "value": ("value", 20),
    "start": ("start", 19),
    "end": ("end", 19),
    "grain": ("grain", 11),
    "anchor": ("anchor", 16),
}


def _format_time(value: object) -> str:
    """An ISO date, with hours and minutes only when they are not midnight; any year."""
    if value is None or pd.isna(value):
        return ""
    day = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return day
    if value.second:
        return f"{day} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return f"{day} {value.hour:02d}:{value.minute:02d}"


def _format_text(value: object, width: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _render(frame: pd.DataFrame, view: dict[str, tuple[str, int]], empty: str) -> str:
    """A fixed-width, left-aligned text table of the ``view`` columns of ``frame``."""
    if frame.empty:
        return empty
    cells: dict[str, list[str]] = {}
    for column, (header, width) in view.items():
        if str(frame[column].dtype).startswith("datetime64"):
            values = [_format_time(v) for v in frame[column]]
        else:
            values = [_format_text(v, width) for v in frame[column]]
        cells[header] = values
    table = pd.DataFrame(cells)
    widths = {h: max([len(h), *(len(v) for v in vals)]) for h, vals in cells.items()}
    # to_string puts one space between columns; a leading space on all but the first makes two.
    pads = {h: ("" if i == 0 else " ") for i, h in enumerate(cells)}
    formatters: dict[str, Callable[[Any], str]] = {
        h: (lambda w, pad: lambda v: f"{pad}{v:<{w}}")(w, pads[h]) for h, w in widths.items()
    }
    header = [f"{pads[h]}{h:<{widths[h]}}" for h in cells]
    text = table.to_string(index=False, header=header, formatters=formatters, justify="left")
    return "\n".join(line.rstrip() for line in text.splitlines())


def render_events(events: pd.DataFrame) -> str:
    """The main columns of an events table as readable fixed-width text."""
    return _render(events, _EVENT_VIEW, "no events found")


def render_expressions(expressions: pd.DataFrame) -> str:
    """The main columns of an expressions table as readable fixed-width text."""
    return _render(expressions, _EXPRESSION_VIEW, "no time expressions found")
