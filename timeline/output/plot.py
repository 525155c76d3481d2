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

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from timeline.api import Timeline

from timeline.output.geometry import (
    _BUTTONS_WIDTH,
    _LABEL_GAP,
    _MARGIN_RIGHT,
    _NOTE_SHIFT,
    _UNDER_PLOT,
    LABEL_FONT,
    LABEL_FONT_SIZE,
    LAYOUT_WIDTH,
    ROW_HEIGHT,
    TOP_MARGIN,
    _epoch,
    _from_epoch,
    _pack,
    _view,
    text_width,
)
from timeline.output.labels import (
    _EVENT_REF,
    _LINKED,
    _OTHER_COLORS,
    _PUBLISHED_COLOR,
    DATED_BY_COLORS,
    DATED_BY_LABELS,
    _iso,
    _seconds,
    _shorten,
    _text,
    day_label,
    published_datetime,
)
from timeline.output.lanes import (
    _check_options,
    _collapse,
    _lane_order,
    _lanes,
    _rows,
    figure_title,
    headline,
)

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
    published = published_datetime(tl)
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
    published = published_datetime(tl)
    low, high = view
    x_range = [_iso(_from_epoch(low)), _iso(_from_epoch(high))] if dated else None
    heading = html.escape(figure_title(tl, title))
    if published is not None:
        heading += f"<br><sup>published {html.escape(day_label(published))}</sup>"
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
        label = f"published {day_label(published)}"
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


