"""The lines a figure draws between times: a dotted whisker over the widened interval of an
approximate event, and a dashed arrow from the event a date was counted from to the event it
dates (see :func:`timeline.output.plot.figure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

from timeline.output.labels import EVENT_REF, LINKED, cell_text, plotly_date, seconds_between

__all__ = ["add_links", "add_whiskers"]


def add_whiskers(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    """A dotted whisker over the widened interval of each approximate point event."""

    approx = [m for m in dated if m["_kind"] == "point" and m["_whisker"]]
    if not approx:
        return
    xs: list[str | None] = []
    ys: list[int | None] = []
    for mark in approx:
        xs += [plotly_date(mark["_start"]), plotly_date(mark["_end"]), None]
        ys += [mark["_y"], mark["_y"], None]
    _add_lines(fig, "approximate range", xs, ys, {"color": "#888", "width": 2, "dash": "dot"},
               mode="lines", showlegend=False)


def add_links(fig: go.Figure, dated: Sequence[Mapping[str, Any]]) -> None:
    """Dashed arrows from the event a date was counted from to the event it dates.

    Only dates derived by arithmetic or as a span (``derived_from`` starting "event N": "event
    4 - 1 day", "event 4 until event 1") are linked; orderings ("story day: event 19", "same
    clause as event 3") are in the hover. An arrow runs between the nearest ends of the two
    marks; labels are drawn over it on an opaque background, so it never hides their text.
    """

    by_id = {int(m["event_id"]): m for m in dated}
    for mark in dated:
        for member in mark["_members"]:
            by_id.setdefault(int(member["event_id"]), mark)
    xs: list[str | None] = []
    ys: list[int | None] = []
    sizes: list[int] = []
    for mark in dated:
        derived = cell_text(mark["derived_from"])
        if not LINKED.match(derived):
            continue
        for ref in EVENT_REF.findall(derived):
            source = by_id.get(int(ref))
            if source is None or source is mark:
                continue
            xs += [plotly_date(x) for x in _closest_ends(source, mark)] + [None]
            ys += [source["_y"], mark["_y"], None]
            sizes += [0, 11, 0]
    if not xs:
        return
    _add_lines(fig, "derived from", xs, ys, {"color": "#0f8b8d", "width": 1.2, "dash": "dash"},
               mode="lines+markers", opacity=0.7,
               marker={"symbol": "arrow", "angleref": "previous", "size": sizes,
                       "color": "#0f8b8d"})


def _add_lines(fig: go.Figure, name: str, xs: list[str | None], ys: list[int | None],
               line: dict[str, Any], **style: Any) -> None:
    """One trace of line segments (``None`` between them), without hover text."""
    import plotly.graph_objects as go

    fig.add_trace(go.Scatter(name=name, x=xs, y=ys, line=line, hoverinfo="skip",
                             connectgaps=False, **style))


def _ends(mark: Mapping[str, Any]) -> list[dt.datetime]:
    if mark["_kind"] == "bar" and mark["_end"] is not None:
        return [mark["_start"], mark["_end"]]
    return [mark["_x"]]


def _closest_ends(source: Mapping[str, Any], target: Mapping[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    """Where an arrow from ``source`` to ``target`` starts and ends: the nearest pair of ends."""
    pairs = [(a, b) for a in _ends(source) for b in _ends(target)]
    return min(pairs, key=lambda pair: abs(seconds_between(pair[0], pair[1])))

