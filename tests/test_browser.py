"""Open the written HTML in headless Chromium and check, through the DOM, what was drawn.

The page is written by ``write_html``; the test then adds its own trusted scripts (after all
escaping): an error collector first in ``<head>`` and a checker at the end of ``<body>`` that
waits for the plot, counts the drawn marker and bar paths, and writes the results into a
``<pre id="__result">`` that Chromium's ``--dump-dom`` prints. Skips when Chromium is absent.
"""

from __future__ import annotations

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
      heading: document.querySelector('h1').textContent
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
    assert "EXPLICIT DATE" in result["ticks"] and "the council voted · #5" in result["ticks"]
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
    assert any("<img src=x" in tick for tick in result["ticks"])


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
