"""The layout of a timeline figure: title, size, axes, range buttons and slider, lane bands,
the labels beside the marks, the notes and the publication line (see
:func:`timeline.output.plot.figure`, which draws the marks)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from timeline.api import Timeline

from timeline.output.geometry import (
    BUTTONS_WIDTH,
    LABEL_FONT,
    LABEL_FONT_SIZE,
    LABEL_GAP,
    LAYOUT_WIDTH,
    MARGIN_RIGHT,
    NOTE_SHIFT,
    ROW_HEIGHT,
    TOP_MARGIN,
    UNDER_PLOT,
    from_epoch,
    text_width,
    to_epoch,
)
from timeline.output.labels import (
    PUBLISHED_COLOR,
    cell_text,
    day_label,
    plotly_date,
    published_datetime,
    shorten,
)
from timeline.output.lanes import figure_title

__all__ = ["apply_layout", "template_colors", "undated_note"]


def undated_note(undated: Sequence[Mapping[str, Any]]) -> str:
    """The list of undated events shown under the plot (HTML)."""
    lines = [f"<b>Undated events ({len(undated)})</b> — the text gives no time for them:"]
    for row in undated:
        phrase = html.escape(shorten(cell_text(row["event"]), 90))
        lines.append(f"#{row['event_id']} {phrase}")
    return "<br>".join(lines)



def template_colors(template: object) -> dict[str, str]:
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
    earlier = sum(len(m["_members"]) for m in dated if to_epoch(m["_hi"]) < low)
    later = sum(len(m["_members"]) for m in dated if to_epoch(m["_lo"]) > high)
    if not earlier and not later:
        return ""
    parts = []
    if earlier:
        parts.append(f"{earlier} earlier event{'s' if earlier != 1 else ''}")
    if later:
        parts.append(f"{later} later" if earlier else f"{later} later event{'s' if later != 1 else ''}")
    return "Outside this view: " + ", ".join(parts) + " (drag the range slider below or press “all”)"


def apply_layout(
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
    """Lay out the figure: title, size, axes, range buttons and slider, lane bands, labels,
    notes (events outside the view, the headline, the undated list) and the publication line."""
    published = published_datetime(tl)
    low, high = view
    x_range = [plotly_date(from_epoch(low)), plotly_date(from_epoch(high))] if dated else None
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
        height = max(380, TOP_MARGIN + ROW_HEIGHT * total_rows + 16 + UNDER_PLOT + slider + bottom)
    between = max(height - TOP_MARGIN - bottom, 40)
    # plotly accepts a slider thickness of 0..1: a small height gets a thinner slider
    thickness = min(slider / between, 0.25)
    slider = thickness * between
    legend_y = min(max((bottom + UNDER_PLOT - 50) / height, 0.0), 1.0)
    colors = template_colors(template)
    fig.update_layout(
        template=template if template is not None else "plotly_white",
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 0.99, "yanchor": "top"},
        height=height,
        margin={"t": TOP_MARGIN, "b": bottom, "l": margin_left, "r": MARGIN_RIGHT},
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
            yshift=NOTE_SHIFT, showarrow=False, font={"size": 12, "color": colors["text"]}, opacity=0.8,
            name="outside",
        )  # fmt: skip
    if published is not None and dated:
        fig.add_shape(
            type="line", xref="x", x0=plotly_date(published), x1=plotly_date(published), yref="paper", y0=0, y1=1,
            line={"color": PUBLISHED_COLOR, "width": 1.5, "dash": "dash"}, name="published",
        )  # fmt: skip
        label = f"published {day_label(published)}"
        share = (to_epoch(published) - low) / (high - low)
        plot_width = (width or LAYOUT_WIDTH) - margin_left - MARGIN_RIGHT
        right_half = share > 0.5
        clear_of_buttons = share * plot_width - (text_width(label) if right_half else 0) > BUTTONS_WIDTH
        fig.add_annotation(
            text=html.escape(label), x=plotly_date(published), xref="x",
            y=1, yref="paper", yanchor="bottom", xanchor="right" if right_half else "left",
            yshift=0 if clear_of_buttons or not note else NOTE_SHIFT,
            showarrow=False, font={"size": 11, "color": PUBLISHED_COLOR}, name="published",
        )  # fmt: skip
    if not dated:
        fig.add_annotation(
            text="No dated events" if undated else "No events", xref="paper", yref="paper", x=0.5, y=0.5,
            showarrow=False, font={"size": 16, "color": colors["text"]}, opacity=0.6, name="empty",
        )  # fmt: skip
    if undated:
        fig.add_annotation(
            text=undated_note(undated), xref="paper", yref="paper", x=0, xanchor="left", y=0,
            yanchor="top", yshift=-(UNDER_PLOT + slider + 2), align="left", showarrow=False,
            font={"size": 12, "color": colors["text"]}, name="undated",
        )  # fmt: skip



def _add_label(fig: go.Figure, mark: Mapping[str, Any], colors: Mapping[str, str], x_range: Sequence[str] | None) -> None:
    """The label of one mark: beside it (right or left) or above a bar wider than the view."""
    side = mark["_side"]
    radius = 0 if mark["_kind"] == "bar" else mark["_size"] / 2 + 1
    options: dict[str, Any] = {"y": mark["_y"], "yanchor": "middle"}
    if side == "right":
        options.update(x=plotly_date(mark["_hi"]), xanchor="left", xshift=radius + LABEL_GAP)
    elif side == "left":
        options.update(x=plotly_date(mark["_lo"]), xanchor="right", xshift=-(radius + LABEL_GAP))
    else:  # above a bar that fills the view: at the view's left edge
        first = x_range[0] if x_range else plotly_date(mark["_start"])
        options.update(x=first, xanchor="left", yanchor="bottom", yshift=ROW_HEIGHT * 0.28 + 1)
    hover = f"{html.escape(mark['_phrase'])}<br>{mark['_when']}" if mark["_cut"] else None
    fig.add_annotation(
        text=mark["_label"], xref="x", yref="y", showarrow=False, align="left",
        font={"size": LABEL_FONT_SIZE, "color": colors["text"], "family": LABEL_FONT},
        bgcolor=colors["paper"], borderpad=1, hovertext=hover, name=f"label #{mark['event_id']}",
        **options,
    )  # fmt: skip


