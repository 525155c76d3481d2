"""Draw a :class:`~timeline.api.Timeline` as an interactive Plotly figure, and write it as HTML.

Only the drawing modules (this one, :mod:`~timeline.output.arrows` and
:mod:`~timeline.output.layout`) import plotly, and only inside the functions that draw, so the
presentation helpers (readable dates and hover text in :mod:`~timeline.output.labels`, the view
and label geometry in :mod:`~timeline.output.geometry`, the lanes in
:mod:`~timeline.output.lanes`) are cheap to import.

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

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from timeline.api import Timeline

from timeline.output.arrows import add_links, add_whiskers
from timeline.output.geometry import (
    LAYOUT_WIDTH,
    MARGIN_RIGHT,
    initial_view,
    pack_labels,
    text_width,
    to_epoch,
)
from timeline.output.labels import (
    DATED_BY_COLORS,
    DATED_BY_LABELS,
    OTHER_COLORS,
    plotly_date,
    published_datetime,
    seconds_between,
)
from timeline.output.lanes import (
    check_options,
    collapse_marks,
    headline,
    lane_series,
    mark_rows,
    order_of_lanes,
)
from timeline.output.layout import apply_layout, template_colors

__all__ = [
    "figure",
]

#: grains drawn as a point (a marker); coarser grains are drawn as a bar from start to end

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
        return {k: DATED_BY_COLORS.get(k, OTHER_COLORS[i % len(OTHER_COLORS)]) for i, k in enumerate(keys)}
    return {k: OTHER_COLORS[i % len(OTHER_COLORS)] for i, k in enumerate(keys)}


def _legend_name(key: str, color: str | None) -> str:
    if color in (None, "dated_by"):
        return DATED_BY_LABELS.get(key, key)
    return html.escape(key)



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

    check_options(tl, template, height, width, color, title, compact)
    colors = template_colors(template)
    if lanes is None:
        lane, lane_kind = None, ""
    else:
        lane, lane_kind = lane_series(tl, lanes)
    rows = mark_rows(tl, lane, color)
    top = headline(tl.article.text)
    in_headline = [r for r in rows if top is not None and isinstance(r["char_start"], (int, np.integer))
                   and 0 <= r["char_start"] < top[1]]  # fmt: skip
    rows = [r for r in rows if r not in in_headline]
    dated = collapse_marks([r for r in rows if r["_kind"] != "undated"])
    undated = [r for r in rows if r["_kind"] == "undated"]
    for mark in dated:
        mark["_size"] = 12 if mark["_firm"] and not mark["_estimate"] else 10
    published = published_datetime(tl)
    low, high = initial_view(dated, published) if dated else (0.0, 1.0)
    figure_width = width or LAYOUT_WIDTH
    lane_order = order_of_lanes(dated, lane_kind == "dated_by") if lane is not None else [""]
    headers = lane is not None and (len(lane_order) > 1 or lane_order[0] not in ("others", "(none)"))
    margin_left = 20 + (int(max((text_width(n.upper(), 12) for n in lane_order), default=0)) + 10 if headers else 0)
    plot_width = figure_width - margin_left - MARGIN_RIGHT
    scale = plot_width / (high - low)
    ticks: list[tuple[int, str]] = []
    bands: list[tuple[float, float]] = []
    y = 0
    for name in lane_order:
        members = sorted(
            (m for m in dated if m["_lane"] == name), key=lambda m: (to_epoch(m["_x"]), int(m["event_id"]))
        )
        if not members:
            continue
        if headers:
            ticks.append((y, f"<b>{html.escape(name).upper()}</b>"))
        count = pack_labels(members, scale, low, plot_width, compact)
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
                    base=[plotly_date(m["_start"]) for m in bars],
                    x=[seconds_between(m["_start"], m["_end"]) * 1000 for m in bars],
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
                    x=[plotly_date(m["_x"]) for m in points],
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
    add_whiskers(fig, dated)
    add_links(fig, dated)
    if dated:
        for name, symbol, opacity in (("firm date", "circle", 1.0), ("estimate (hollow, faded)", "circle-open", 0.6)):
            fig.add_trace(
                go.Scatter(
                    name=name, legendgroup="style", x=[None], y=[None], mode="markers", hoverinfo="skip",
                    marker={"symbol": symbol, "size": 10, "color": colors["text"], "opacity": opacity,
                            "line": {"width": 2, "color": colors["text"]}},
                )
            )  # fmt: skip
    apply_layout(
        fig, tl, dated, undated, in_headline, ticks, bands, (low, high), template, height, width, title,
        total_rows, margin_left,
    )  # fmt: skip
    return fig


