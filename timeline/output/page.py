"""The HTML page of a timeline's figure (:func:`write_html`): Plotly inline or from its CDN.\n"""

from __future__ import annotations

import html
import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover

    from timeline.api import Timeline

from timeline.output.geometry import MIN_HEIGHT
from timeline.output.labels import day_label, published_datetime
from timeline.output.lanes import figure_title
from timeline.output.plot import figure

__all__ = ["write_html"]


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
    published = published_datetime(tl)
    if published is not None:
        details.append(f"<p>Published {html.escape(day_label(published))}</p>")
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
