"""Open the written HTML in headless Chromium and check, through the DOM, what was drawn.

The page is written by ``write_html``; the test then adds its own trusted scripts (after all
escaping): an error collector first in ``<head>`` and a checker at the end of ``<body>`` that
waits for the plot, counts the drawn marker and bar paths, and writes the results into a
``<pre id="__result">`` that Chromium's ``--dump-dom`` prints. Skips when Chromium is absent.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import pytest
from timeline_fixtures import hostile_timeline, sample_timeline

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

COLLECTOR = """<script>
window.__errors = [];
window.onerror = function (message) { window.__errors.push('error: ' + message); };
window.addEventListener('securitypolicyviolation', function (e) { window.__errors.push('csp: ' + e.violatedDirective); });
(function () { var original = console.error; console.error = function () {
  window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); return original.apply(console, arguments); }; })();
</script>"""

CHECKER = """<script>
(function () {
  var tries = 0;
  function report(result) {
    var pre = document.createElement('pre'); pre.id = '__result';
    pre.textContent = JSON.stringify(result); document.body.appendChild(pre);
  }
  function box(element) {
    var r = element.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  }
  function geometry(gd, main) {
    // the plot area, every drawn annotation's box (its background rect) and every drawn mark
    var frame = gd.getBoundingClientRect(), size = gd._fullLayout._size;
    var plot = [frame.left + size.l, frame.top + size.t, frame.left + size.l + size.w, frame.top + size.t + size.h];
    var annotations = [];
    gd.querySelectorAll('.annotation').forEach(function (a) {
      var index = +a.getAttribute('data-index');
      var bg = a.querySelector('rect.bg') || a;
      var b = box(bg);
      if (b[2] - b[0] > 0 && b[3] - b[1] > 0) {
        annotations.push({name: (gd.layout.annotations[index] || {}).name || '', box: b,
                          text: a.textContent});
      }
    });
    var marks = [];
    main.querySelectorAll('.scatterlayer .trace').forEach(function (t) {
      var name = t.__data__ && t.__data__[0] && t.__data__[0].trace.name;
      t.querySelectorAll('path.point').forEach(function (p, i) {
        marks.push({trace: name, kind: 'point', index: p.__data__ ? p.__data__.i : i, box: box(p)});
      });
    });
    main.querySelectorAll('.barlayer .trace').forEach(function (t) {
      var name = t.__data__ && t.__data__[0] && t.__data__[0].trace.name;
      t.querySelectorAll('.point').forEach(function (p, i) {
        marks.push({trace: name, kind: 'bar', index: p.__data__ ? p.__data__.i : i, box: box(p.querySelector('path') || p)});
      });
    });
    return {plot: plot, annotations: annotations, marks: marks, range: gd._fullLayout.xaxis.range,
            size: size, slider: gd._fullLayout.xaxis.rangeslider._height, height: gd._fullLayout.height,
            margin: gd._fullLayout.margin};
  }
  function check() {
    var gd = document.getElementById('timeline-plot');
    var main = gd && gd.querySelector('.cartesianlayer .subplot.xy');
    if (!main || !gd._fullLayout || !main.querySelector('.scatterlayer:not(.rangeplot) .trace')) {
      if (++tries < 400) { setTimeout(check, 25); } else { report({timeout: true, errors: window.__errors}); }
      return;
    }
    var scatter = [], bars = [];
    main.querySelectorAll('.scatterlayer:not(.rangeplot) .trace').forEach(function (t) { scatter.push(t.querySelectorAll('path.point').length); });
    main.querySelectorAll('.barlayer:not(.rangeplot) .trace').forEach(function (t) { bars.push(t.querySelectorAll('.point path').length); });
    report({
      scatter: scatter,
      bars: bars,
      hover: gd.data.map(function (t) { return (t.hovertext || []).length; }),
      hoverText: gd.data.map(function (t) { return (t.hovertext || []).join('\\n'); }).join('\\n'),
      ticks: Array.prototype.map.call(gd.querySelectorAll('.ytick text'), function (t) { return t.textContent; }),
      lines: gd.querySelectorAll('.shapelayer path').length,
      errors: window.__errors,
      pwned: typeof window.__pwned,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      images: document.querySelectorAll('img').length,
      scripts: document.scripts.length,
      heading: document.querySelector('h1').textContent,
      geometry: geometry(gd, main)
    });
  }
  setTimeout(check, 0);
})();
</script>"""


def _render(page: Path, tmp_path: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    text = text.replace("<head>", "<head>\n" + COLLECTOR, 1)
    cut = text.rindex("</body>")
    page.write_text(text[:cut] + CHECKER + text[cut:], encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    completed = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            "--virtual-time-budget=10000", "--window-size=1200,800", "--dump-dom", page.resolve().as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="__result">(.*?)</pre>', completed.stdout, re.S)
    assert match, f"no result in the DOM dump (exit {completed.returncode}): {completed.stderr[-2000:]}"
    return json.loads(html.unescape(match.group(1)))


def _expected(fig: go.Figure) -> tuple[list[int], list[int]]:
    scatter = [
        sum(x is not None for x in t.x) if "markers" in t.mode else 0 for t in fig.data if t.type == "scatter"
    ]
    bars = [len(t.x) for t in fig.data if t.type == "bar"]
    return scatter, bars


def test_sample_timeline_draws_every_point_and_bar(tmp_path):
    tl = sample_timeline()
    page = tmp_path / "sample.html"
    tl.to_html(page)
    result = _render(page, tmp_path)
    assert not result.get("timeout"), result
    assert result["errors"] == []
    scatter, bars = _expected(tl.figure())
    assert result["scatter"] == scatter  # 1, 1, 1, 1 event markers + 8 arrow ends
    assert result["bars"] == bars == [4, 1]  # includes the 1066 and 2400 bars
    assert sum(result["hover"]) == 9
    assert "<b>since March 2015</b>" in result["hoverText"]
    labels = {a["name"]: a["text"] for a in result["geometry"]["annotations"]}
    assert labels["label #5"] == "the council voted"  # beside its bar, in the initial view
    assert "label #6" not in labels  # 1066: outside the initial view, so plotly does not draw it
    assert result["lines"] >= 1  # the publication line (and lane bands)
    assert result["heading"] == "Old Mill Bridge reopens"
    assert result["pwned"] == "undefined"


def test_hostile_article_cannot_run_anything(tmp_path):
    tl = hostile_timeline()
    page = tmp_path / "hostile.html"
    tl.to_html(page)
    result = _render(page, tmp_path)
    assert not result.get("timeout"), result
    assert result["pwned"] == "undefined"
    assert result["errors"] == []
    assert result["javascriptLinks"] == 0
    assert result["images"] == 0
    assert result["heading"] == "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\"> hostile"
    scatter, bars = _expected(tl.figure())
    assert (result["scatter"], result["bars"]) == (scatter, bars)
    # the markup is shown as text in the hover boxes and labels
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in result["hoverText"]
    assert any("<img src=x" in a["text"] for a in result["geometry"]["annotations"])


def test_the_checker_would_catch_an_injected_script(tmp_path):
    """The harness itself: markup that does get through is seen as run, and its error is logged."""
    page = tmp_path / "broken.html"
    sample_timeline().to_html(page)
    text = page.read_text(encoding="utf-8")
    injected = "<script>window.__pwned=1; undefinedFunction();</script>"
    page.write_text(text.replace("<main>", "<main>" + injected, 1), encoding="utf-8")
    result = _render(page, tmp_path)
    assert result["pwned"] == "number"
    assert any("undefinedFunction" in error for error in result["errors"])


# --- the picture tells the story (issue 17) ---------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
#: 67 events over 1958-2027 (the headline's one is its title), the story on 8-16 March 2024
LONG_ARTICLE = ROOT / "docs" / "long_article.txt"
DEMO_ARTICLE = ROOT / "seeds" / "penn_interview.txt"
_NOT_EVENTS = {"approximate range", "derived from", "firm date", "estimate (hollow, faded)"}


def _overlap(a: list[float], b: list[float], tolerance: float = 0.5) -> bool:
    return a[0] < b[2] - tolerance and b[0] < a[2] - tolerance and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance


def _marks_by_key(fig: go.Figure) -> dict[tuple[str, str, int], tuple[int, dt.datetime, dt.datetime]]:
    """(trace name, kind, point index) -> (events it stands for, first and last moment)."""
    found = {}
    for trace in fig.data:
        if trace.name in _NOT_EVENTS:
            continue
        for i, hover in enumerate(trace.hovertext):
            counted = re.match(r"<b>(\d+) events dated by", hover)
            weight = int(counted.group(1)) if counted else 1
            if trace.type == "bar":
                first = dt.datetime.fromisoformat(trace.base[i])
                last = first + dt.timedelta(milliseconds=trace.x[i])
                found[(trace.name, "bar", i)] = (weight, first, last)
            else:
                moment = dt.datetime.fromisoformat(trace.x[i])
                found[(trace.name, "point", i)] = (weight, moment, moment)
    return found


def _story_figures(tl, result: dict, story: tuple[dt.datetime, dt.datetime]) -> dict[str, float]:
    """Check the rendered picture through its DOM boxes; returns the measured figures.

    No two annotations (labels, the note, the publication label) overlap; no label covers a
    mark; at least 80% of the events are in the initial view; the story's events spread over
    at least half the plot width.
    """
    geometry = result["geometry"]
    left, top, right, bottom = geometry["plot"]
    width = right - left
    labels = [a for a in geometry["annotations"] if a["name"].startswith("label #")]
    shown = [a for a in geometry["annotations"] if a["name"] in ("published", "outside") or a in labels]
    overlaps = [(a["text"], b["text"]) for n, a in enumerate(shown) for b in shown[n + 1 :] if _overlap(a["box"], b["box"])]
    assert overlaps == []
    marks = [m for m in geometry["marks"] if m["trace"] not in _NOT_EVENTS]
    visible = []
    for mark in marks:
        x0, y0, x1, y1 = mark["box"]
        clipped = [max(x0, left), max(y0, top), min(x1, right), min(y1, bottom)]
        if clipped[0] < clipped[2] and clipped[1] < clipped[3]:
            visible.append({**mark, "box": clipped})
    covered = [(a["text"], m["trace"]) for a in labels for m in visible if _overlap(a["box"], m["box"])]
    assert covered == []
    expected = _marks_by_key(tl.figure())
    drawn = {(m["trace"], m["kind"], m["index"]): m for m in marks}
    assert set(drawn) == set(expected)
    total = sum(weight for weight, _, _ in expected.values())
    seen = {(v["trace"], v["kind"], v["index"]) for v in visible}
    inside = sum(expected[key][0] for key in drawn if key in seen)
    in_view = inside / total
    assert in_view >= 0.8, (inside, total)
    in_story = [drawn[key]["box"] for key, (_, first, last) in expected.items() if story[0] <= first and last <= story[1]]
    centres = [(b[0] + b[2]) / 2 for b in in_story]
    spread = (max(centres) - min(centres)) / width
    assert spread >= 0.5, spread
    assert not [c for c in centres if not left <= c <= right]  # the whole story is in view
    return {"labels": len(labels), "overlaps": len(overlaps), "covered": len(covered), "in_view": in_view,
            "events": total, "story_spread": spread, "plot_width": width}


def test_long_article_tells_its_one_week_story(tmp_path, capsys):
    import timeline

    tl = timeline.build(LONG_ARTICLE.read_text(encoding="utf-8"), published="2024-03-17")
    assert len(tl.events) >= 60
    years = tl.events["start"].dt.year
    assert years.min() <= 1960 and years.max() >= 2025  # decades apart
    page = tmp_path / "long.html"
    tl.to_html(page)
    result = _render(page, tmp_path)
    assert not result.get("timeout"), result
    assert result["errors"] == []
    assert result["heading"] == "Cracks close Kessel Bridge for a week of tense repairs"
    figures = _story_figures(tl, result, (dt.datetime(2024, 3, 8), dt.datetime(2024, 3, 17)))
    assert figures["labels"] >= 30  # the labels of the week are there, not hidden
    with capsys.disabled():
        print(f"\nlong article: {figures}")


def test_demo_article_fits_its_story_and_shows_the_headline(tmp_path, capsys):
    import timeline

    tl = timeline.build(DEMO_ARTICLE.read_text(encoding="utf-8"), published="2016-01-15")
    page = tmp_path / "demo.html"
    tl.to_html(page)
    result = _render(page, tmp_path)
    assert not result.get("timeout"), result
    assert result["errors"] == []
    assert result["heading"] == "Novelist regrets her fugitive interview"
    figures = _story_figures(tl, result, (dt.datetime(2016, 1, 8), dt.datetime(2016, 1, 16)))
    with capsys.disabled():
        print(f"\ndemo article: {figures}")
