"""Structure of the Plotly figure and of the HTML page (not pixels)."""

from __future__ import annotations

import datetime as dt
import html
import re

import plotly.graph_objects as go
import pytest
from timeline_fixtures import (
    IMG,
    LINK,
    PWN,
    event,
    hostile_timeline,
    make_timeline,
    sample_timeline,
)

from timeline.output.labels import display_date, highlighted_sentence
from timeline.output.lanes import event_lanes
from timeline.output.page import write_html
from timeline.types import Grain, TimeValue


@pytest.fixture(scope="module")
def sample():
    return sample_timeline()


@pytest.fixture(scope="module")
def fig(sample):
    return sample.figure()


def _traces(fig: go.Figure, kind: str) -> list:
    return [t for t in fig.data if t.type == kind]


def _marks(fig: go.Figure) -> list:
    """The bar and marker traces that stand for events (not whiskers or arrows)."""
    return [t for t in fig.data if t.name not in _NOT_MARKS]


#: traces that are not events: whiskers, arrows and the two legend entries for the marker styles
_NOT_MARKS = ("approximate range", "derived from", "firm date", "estimate (hollow, faded)")


def _event_ids(fig: go.Figure) -> list[int]:
    return sorted(int(i) for t in _marks(fig) for i in t.customdata)


def test_figure_is_a_plain_figure_with_a_date_axis(fig):
    assert isinstance(fig, go.Figure)
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.xaxis.rangeslider.visible is True
    labels = [b.label for b in fig.layout.xaxis.rangeselector.buttons]
    assert labels == ["day", "week", "month", "year", "decade", "all"]


def test_trace_layout_points_bars_whiskers_arrows(fig):
    # explicit: bars (1066, Mar 2015, ~Jul 2015, 2400) and a point (12 Jan); anchored: bar + point;
    # sentence: point; narrative: point; then the derived-from arrows (no approximate points here)
    assert [(t.type, t.name) for t in fig.data] == [
        ("bar", "explicit date"),
        ("scatter", "explicit date"),
        ("bar", "anchored on another event"),
        ("scatter", "anchored on another event"),
        ("scatter", "date of its sentence"),
        ("scatter", "narrative order"),
        ("scatter", "derived from"),
        ("scatter", "firm date"),
        ("scatter", "estimate (hollow, faded)"),
    ]
    assert sum(len(t.x) for t in _traces(fig, "bar")) == 5
    assert sum(len(t.x) for t in _marks(fig) if t.type == "scatter") == 4


def test_every_dated_event_drawn_once_and_the_undated_one_listed(sample, fig):
    assert _event_ids(fig) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    undated = [a for a in fig.layout.annotations if a.name == "undated"]
    assert len(undated) == 1
    assert "#10 the mural on the east pier was painted" in undated[0].text
    assert "Undated events (1)" in undated[0].text


def test_point_events_are_markers_and_periods_are_bars(fig):
    bar_ids = {int(i) for t in _traces(fig, "bar") for i in t.customdata}
    point_ids = {int(i) for t in _marks(fig) if t.type == "scatter" for i in t.customdata}
    assert bar_ids == {3, 4, 5, 6, 7}  # month and year grains
    assert point_ids == {1, 2, 8, 9}  # day and part-of-day grains
    for trace in _traces(fig, "bar"):
        assert trace.orientation == "h"


def test_bars_span_start_to_end_as_iso_strings_for_any_year(fig):
    bars = {int(i): (b, x) for t in _traces(fig, "bar") for i, b, x in zip(t.customdata, t.base, t.x)}
    assert bars[6] == ("1066-01-01", 365 * 86400 * 1000)
    assert bars[7] == ("2400-01-01", 366 * 86400 * 1000)  # 2400 is a leap year
    assert bars[4] == ("2015-03-01", 31 * 86400 * 1000)
    for trace in fig.data:
        for x in list(trace.x or ()) + list(getattr(trace, "base", None) or ()):
            assert x is None or isinstance(x, (str, int)), x  # never a pandas/numpy timestamp


def test_point_x_values_are_iso_strings_with_time_when_needed(fig):
    points = {int(i): x for t in _marks(fig) if t.type == "scatter" for i, x in zip(t.customdata, t.x)}
    # a marker sits in the middle of its day (or part of day): on a view of days it is drawn
    # between the midnight ticks, where the day is
    assert points == {1: "2016-01-12 12:00:00", 2: "2016-01-10 12:00:00", 8: "2016-01-12 20:00:00",
                      9: "2016-01-13 12:00:00"}


def test_firm_events_are_prominent_and_loose_ones_faint(fig):
    by_name = {(t.type, t.name): t for t in fig.data}
    firm = by_name[("scatter", "explicit date")].marker
    loose = by_name[("scatter", "narrative order")].marker
    assert min(firm.opacity) > max(loose.opacity)
    assert min(firm.size) > max(loose.size)


def test_approximate_bar_is_hatched_and_lighter(fig):
    explicit = next(t for t in _traces(fig, "bar") if t.name == "explicit date")
    shapes = dict(zip((int(i) for i in explicit.customdata), explicit.marker.pattern.shape))
    opacity = dict(zip((int(i) for i in explicit.customdata), explicit.marker.opacity))
    assert shapes[5] == "/" and shapes[4] == ""
    assert opacity[5] < opacity[4]


def test_approximate_point_gets_a_hollow_marker_and_a_whisker():
    text = "The ferry sank in about mid-May 2015, officials said."
    tl = make_timeline(
        text,
        dt.date(2016, 1, 15),
        (
            event(text, 1, "The ferry sank", "sank", "about mid-May 2015",
                  TimeValue("DATE", "2015-05-15", dt.datetime(2015, 5, 10), dt.datetime(2015, 5, 21), Grain.DAY, True),
                  dated_by="explicit", confidence=0.6),
        ),
    )  # fmt: skip
    fig = tl.figure()
    points = next(t for t in fig.data if t.type == "scatter" and t.name == "explicit date")
    assert list(points.marker.symbol) == ["circle-open"]
    assert points.x == ("2015-05-15 12:00:00",)  # the middle of the widened interval
    whisker = next(t for t in fig.data if t.name == "approximate range")
    assert list(whisker.x) == ["2015-05-10", "2015-05-21", None]
    assert whisker.line.dash == "dot"
    assert "about 15 May 2015" in points.hovertext[0]


def test_derived_events_are_linked_by_arrows_to_their_source(fig):
    arrows = next(t for t in fig.data if t.name == "derived from")
    segments = [(arrows.x[i], arrows.x[i + 1]) for i in range(0, len(arrows.x), 3)]
    # event 2 hangs on event 1 (12 Jan -> 10 Jan); event 3 on events 4 and 1; event 9 on event 8
    assert ("2016-01-12 12:00:00", "2016-01-10 12:00:00") in segments
    assert ("2015-03-01", "2015-03-01") in segments  # barge (start) -> closure (start)
    assert ("2016-01-12 12:00:00", "2016-01-12") in segments  # reopening -> closure's end
    assert ("2016-01-12 20:00:00", "2016-01-13 12:00:00") in segments
    assert len(segments) == 4
    assert set(arrows.marker.size[1::3]) == {11} and set(arrows.marker.size[0::3]) == {0}
    assert arrows.marker.symbol == "arrow" and arrows.marker.angleref == "previous"


def test_publication_date_is_a_labelled_vertical_line(fig):
    lines = [s for s in fig.layout.shapes if s.name == "published"]
    assert len(lines) == 1
    line = lines[0]
    assert line.type == "line" and line.x0 == line.x1 == "2016-01-15"
    assert (line.yref, line.y0, line.y1) == ("paper", 0, 1)
    label = [a for a in fig.layout.annotations if a.name == "published"]
    assert label and label[0].text == "published 15 Jan 2016"


def test_no_publication_line_without_a_publication_date():
    text = "The dam burst on 3 March 2011."
    tl = make_timeline(text, None, (event(text, 1, "The dam burst", "burst", "on 3 March 2011",
                       TimeValue("DATE", "2011-03-03", dt.datetime(2011, 3, 3), dt.datetime(2011, 3, 4), Grain.DAY),
                       dated_by="explicit", confidence=0.9),))  # fmt: skip
    fig = tl.figure()
    assert not [s for s in fig.layout.shapes if s.name == "published"]
    assert fig.layout.xaxis.range == ("2011-03-02", "2011-03-05")  # at least a day, midnight to midnight


def test_hover_has_phrase_sentence_with_bold_expression_value_and_resolution(fig):
    hovers = {int(i): h for t in _marks(fig) for i, h in zip(t.customdata, t.hovertext)}
    closure = hovers[3]
    assert closure.startswith("<b>#3 The bridge had been closed</b>")
    assert "<b>since March 2015</b>" in closure
    assert "TIMEX3 value: 2015-03" in closure
    assert "dated by: anchored on another event — from event 4 until event 1" in closure
    assert "(confidence 0.70)" in closure
    assert "note: an end date, not a start" in hovers[7]
    for trace in _marks(fig):
        assert trace.hovertemplate == "%{hovertext}<extra></extra>"


def test_outliers_1066_and_2400_are_drawn_and_the_view_zooms_on_the_story(fig):
    assert fig.layout.xaxis.range[0].startswith("2015-02")
    assert fig.layout.xaxis.range[1].startswith("2016-")
    notes = [a.text for a in fig.layout.annotations if a.name == "outside"]
    assert notes == ["Outside this view: 1 earlier event, 1 later (drag the range slider below or press “all”)"]
    labels = {a.name for a in fig.layout.annotations}
    assert {"label #6", "label #7"} <= labels  # there when zoomed out


def test_a_1066_only_timeline_keeps_its_years():
    text = "The battle was fought in 1066. The abbey was built in 1070."
    events = (
        event(text, 1, "The battle was fought", "fought", "in 1066",
              TimeValue("DATE", "1066", dt.datetime(1066, 1, 1), dt.datetime(1067, 1, 1), Grain.YEAR),
              dated_by="explicit", confidence=0.9),
        event(text, 2, "The abbey was built", "built", "in 1070",
              TimeValue("DATE", "1070", dt.datetime(1070, 1, 1), dt.datetime(1071, 1, 1), Grain.YEAR),
              dated_by="explicit", confidence=0.9),
    )  # fmt: skip
    fig = make_timeline(text, None, events).figure()
    bar = fig.data[0]
    assert list(bar.base) == ["1066-01-01", "1070-01-01"]
    assert fig.layout.xaxis.range[0].startswith("1065-")


def test_lanes_auto_uses_dated_by_when_few_names_and_actor_when_most_have_one(sample):
    assert event_lanes(sample).tolist()[:3] == ["explicit date", "explicit date", "anchored on another event"]
    text = (
        "Sean Penn met the rebels in October. Later Mr. Penn wrote about it. "
        "Then Kate del Castillo flew to Mexico, and Penn's article appeared on 9 January. "
        "The actor regrets it, said Castillo."
    )
    day = TimeValue("DATE", "2016-01-09", dt.datetime(2016, 1, 9), dt.datetime(2016, 1, 10), Grain.DAY)
    events = (
        event(text, 1, "Sean Penn met the rebels", "met", "in October", day, dated_by="explicit", confidence=0.9),
        event(text, 2, "Mr. Penn wrote about it", "wrote", None, day, dated_by="narrative", confidence=0.3),
        event(text, 3, "Kate del Castillo flew to Mexico", "flew", None, day, dated_by="sentence", confidence=0.4),
        event(text, 4, "The actor regrets it", "regrets", None, day, dated_by="tense", confidence=0.2),
    )
    tl = make_timeline(text, dt.date(2016, 1, 15), events)
    assert event_lanes(tl).tolist() == ["Sean Penn", "Sean Penn", "Kate", "others"]
    assert event_lanes(tl, "grain").tolist() == ["day"] * 4
    assert not tl.figure().layout.yaxis.ticktext  # by default: no lanes, rows in time order
    fig = tl.figure(lanes="auto")
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks.index("<b>SEAN PENN</b>") < ticks.index("<b>KATE</b>") < ticks.index("<b>OTHERS</b>")


def test_lanes_option_picks_a_column(sample):
    fig = sample.figure(lanes="grain")
    headers = [t for t in fig.layout.yaxis.ticktext if t.startswith("<b>")]
    assert headers == ["<b>YEAR</b>", "<b>MONTH</b>", "<b>DAY</b>", "<b>PART_OF_DAY</b>"]


def test_color_option_makes_one_trace_pair_per_value(sample):
    fig = sample.figure(color="grain")
    names = [t.name for t in _marks(fig)]
    assert names == ["year", "month", "day", "part_of_day"]


def test_template_height_and_title_options(sample):
    fig = sample.figure(template="plotly_dark", height=640, title="My <b>title</b>")
    assert fig.layout.height == 640
    assert fig.layout.template.layout.paper_bgcolor == go.Figure(layout={"template": "plotly_dark"}).layout.template.layout.paper_bgcolor
    assert fig.layout.title.text.startswith("My &lt;b&gt;title&lt;/b&gt;<br><sup>published 15 Jan 2016")


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"lanes": "nope"}, ValueError, "lanes='nope' is not a column of Timeline.events"),
        ({"lanes": 3}, TypeError, "lanes must be a column name"),
        ({"color": "colour"}, ValueError, "color='colour' is not a column of Timeline.events"),
        ({"color": ["red"]}, TypeError, "color must be a column name"),
        ({"height": 0}, ValueError, "height must be at least 10 pixels"),
        ({"height": "tall"}, TypeError, "height must be an int"),
        ({"height": True}, TypeError, "height must be an int"),
        ({"template": "shiny"}, ValueError, "unknown plotly template 'shiny'"),
        ({"template": 5}, TypeError, "template must be a template name"),
        ({"title": 5}, TypeError, "title must be a str"),
    ],
)
def test_bad_options_raise_clear_errors(sample, options, error, message):
    with pytest.raises(error, match=re.escape(message)):
        sample.figure(**options)


def test_unknown_keyword_is_rejected(sample):
    with pytest.raises(TypeError):
        sample.figure(colour="grain")


def test_empty_timeline_draws_a_message():
    fig = make_timeline("Nothing happened.", dt.date(2020, 1, 1), ()).figure()
    assert [t for t in fig.data] == []
    assert [a.text for a in fig.layout.annotations if a.name == "empty"] == ["No events"]


def test_only_undated_events_are_still_listed():
    text = "Someone painted the mural."
    tl = make_timeline(text, dt.date(2020, 1, 1), (event(text, 1, "Someone painted the mural", "painted", None, None,
                                                        dated_by="none", confidence=0.0),))  # fmt: skip
    fig = tl.figure()
    texts = {a.name: a.text for a in fig.layout.annotations}
    assert texts["empty"] == "No dated events"
    assert "#1 Someone painted the mural" in texts["undated"]


def _all_strings(fig: go.Figure) -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(fig.to_plotly_json())
    return found


def test_hostile_article_text_is_escaped_everywhere_in_the_figure():
    fig = hostile_timeline().figure()
    strings = _all_strings(fig)
    joined = "\n".join(strings)
    for markup in ("<script", "<img", "<a ", "</script"):
        assert markup not in joined, markup
    assert html.escape(PWN) in joined  # shown as text, not dropped
    assert html.escape(IMG) in joined
    # the only tags left are the ones the figure adds
    assert set(re.findall(r"</?([a-zA-Z]+)", joined)) <= {"b", "br", "sup", "extra"}
    assert "javascript:" not in "".join(re.findall(r"<[^>]*>", joined))


def test_highlighted_sentence_escapes_and_bolds_only_the_expression():
    text = highlighted_sentence('He said "<b>no</b>" on Monday & left.', "on Monday")
    assert text == "He said &quot;&lt;b&gt;no&lt;/b&gt;&quot; <b>on Monday</b> &amp; left."
    wrapped = highlighted_sentence("word " * 30 + "in the spring of 2015 " + "word " * 30, "in the spring of 2015", width=30)
    assert all(len(html.unescape(re.sub(r"<[^>]+>", "", line))) <= 30 for line in wrapped.split("<br>"))
    assert "<b>" in wrapped
    assert highlighted_sentence("No time here.", None) == "No time here."


@pytest.mark.parametrize(
    ("start", "end", "grain", "value", "approximate", "expected"),
    [
        (dt.datetime(2016, 1, 12), dt.datetime(2016, 1, 13), "day", "2016-01-12", False, "12 Jan 2016"),
        (dt.datetime(2015, 10, 1), dt.datetime(2015, 11, 1), "month", "2015-10", False, "October 2015"),
        (dt.datetime(2015, 6, 1), dt.datetime(2015, 9, 1), "month", "2015-07", True, "about July 2015"),
        (dt.datetime(2015, 6, 1), dt.datetime(2015, 9, 1), "month", None, True, "about July 2015"),
        (dt.datetime(2016, 1, 12, 18), dt.datetime(2016, 1, 12, 22), "part_of_day", "2016-01-12TEV", False,
         "12 Jan 2016, evening"),
        (dt.datetime(2015, 6, 1), dt.datetime(2015, 9, 1), "season", "2015-SU", False, "summer 2015"),
        (dt.datetime(1990, 1, 1), dt.datetime(2000, 1, 1), "decade", "199", False, "1990s"),
        (dt.datetime(1066, 1, 1), dt.datetime(1067, 1, 1), "year", "1066", False, "1066"),
        (dt.datetime(2016, 1, 12, 15, 30), dt.datetime(2016, 1, 12, 15, 31), "minute", "2016-01-12T15:30", False,
         "12 Jan 2016, 15:30"),
        (None, None, None, None, False, "undated"),
    ],
)  # fmt: skip
def test_display_date(start, end, grain, value, approximate, expected):
    assert display_date(start, end, grain, value, approximate) == expected


def test_write_html_is_self_contained_offline_and_uses_the_cdn_online(sample, tmp_path):
    offline, online = tmp_path / "offline.html", tmp_path / "online.html"
    write_html(sample, offline)
    sample.to_html(online, offline=False)
    page = offline.read_text(encoding="utf-8")
    assert len(page) > 1_000_000  # plotly.js inlined
    assert "cdn.plot.ly/plotly" not in page.split("Content-Security-Policy")[1].split("</head>")[1]
    assert "<h1>Old Mill Bridge reopens</h1>" in page
    assert "<p>Published 15 Jan 2016</p>" in page
    assert "9 dated and 1 undated events." in page
    small = online.read_text(encoding="utf-8")
    assert len(small) < 200_000
    assert re.search(r'<script[^>]+src="https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js"', small)


def test_write_html_never_lets_article_markup_through(tmp_path):
    path = tmp_path / "hostile.html"
    hostile_timeline().to_html(path, offline=False)
    page = path.read_text(encoding="utf-8")
    # our page has exactly the scripts plotly writes: the CDN loader, its config and the plot call
    assert page.count("<script") == 3
    for body in re.findall(r"<script[^>]*>(.*?)</script>", page, re.S):
        assert "<" not in body.replace("<\\/", "")  # figure JSON escapes "<" as \u003c
    assert "<img" not in page and "javascript:window" not in page.replace("javascript:window.__pwned=1&quot;", "")
    assert "<title>&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert LINK not in page


def test_write_html_rejects_a_bad_offline_flag(sample, tmp_path):
    with pytest.raises(TypeError, match="offline must be True or False"):
        write_html(sample, tmp_path / "x.html", offline="yes")


def _many_undated_timeline():
    text = " ".join(f"Someone painted mural {n}." for n in range(12)) + " The council met on 3 May 2020."
    events = tuple(
        event(text, n + 1, f"Someone painted mural {n}", "painted", None, None, dated_by="none", confidence=0.0)
        for n in range(12)
    ) + (
        event(text, 13, "The council met", "met", "3 May 2020",
              TimeValue("DATE", "2020-05-03", dt.datetime(2020, 5, 3), dt.datetime(2020, 5, 4), Grain.DAY),
              dated_by="explicit", confidence=0.9),
    )  # fmt: skip
    return make_timeline(text, dt.date(2020, 5, 4), events)


@pytest.mark.parametrize("which", ["sample", "many undated"])
def test_every_height_from_the_minimum_builds_a_valid_figure(sample, which):
    """Issue 14: height=300 raised plotly's ValueError (rangeslider thickness 1.15)."""
    tl = sample if which == "sample" else _many_undated_timeline()
    for height in [10, 50, 100, 150, *range(200, 2001, 25)]:
        fig = tl.figure(height=height)
        assert fig.layout.height == height
        assert 0 < fig.layout.xaxis.rangeslider.thickness <= 0.5
        go.Figure(fig.to_dict())  # validates every property again


#: the colours figure() used to hard-code for a light page (bands, buttons, hover, texts)
_FIXED_LIGHT_PAGE = {"#f3f5f9", "#eee", "#eeeeee", "#444", "#555", "#888", "white", "#fff", "#ffffff", None}


def _own_parts(fig: go.Figure) -> dict[str, object]:
    """The colours figure() sets itself on lane bands, range buttons and the undated list."""
    bands = [s for s in fig.layout.shapes if (s.name or "").startswith("lane ")]
    undated = [a for a in fig.layout.annotations if a.name == "undated"]
    dates = [a for a in fig.layout.annotations if (a.name or "").startswith("label #")]
    selector = fig.layout.xaxis.rangeselector
    return {
        "band": {s.fillcolor for s in bands if s.fillcolor != "rgba(0,0,0,0)"},
        "buttons": selector.bgcolor,
        "button text": selector.font.color,
        "undated": {a.font.color for a in undated},
        "dates": {a.font.color for a in dates},
        "hover": fig.layout.hoverlabel.bgcolor,
        "grid": fig.layout.xaxis.gridcolor,
    }


@pytest.mark.parametrize("template", ["plotly_dark", "plotly_dark+presentation", "ggplot2"])
def test_lane_bands_buttons_and_undated_list_follow_the_template(sample, template):
    """Issue 14: with plotly_dark the bands, buttons and undated list stayed light."""
    import plotly.io as pio

    layout = pio.templates[template].layout
    fig = sample.figure(template=template, lanes="dated_by")
    parts = _own_parts(fig)
    assert parts["band"] == {layout.font.color} and parts["undated"] == {layout.font.color}
    assert parts["dates"] == {layout.font.color} and parts["button text"] == layout.font.color
    assert parts["buttons"] == layout.plot_bgcolor and parts["hover"] == layout.paper_bgcolor
    assert parts["grid"] is None  # the template's own grid colour
    if template.startswith("plotly_dark"):
        del parts["grid"]
        seen = {v.lower() for value in parts.values() for v in (value if isinstance(value, set) else {value})}
        assert not seen & _FIXED_LIGHT_PAGE, seen & _FIXED_LIGHT_PAGE
        bars = [t for t in fig.data if t.type == "bar"]
        assert {t.marker.pattern.fgcolor for t in bars} == {layout.plot_bgcolor}


def test_the_default_template_keeps_a_light_figure(sample):
    parts = _own_parts(sample.figure(lanes="dated_by"))
    assert parts["buttons"] == "white" and parts["band"] == {"#2a3f5f"}


# --- issue 17: the picture tells the story --------------------------------------------------

from timeline.output.geometry import focus_window, text_width  # noqa: E402
from timeline.output.lanes import headline  # noqa: E402

_DAY = 86400.0


def test_headline_is_the_first_line_when_a_blank_line_follows():
    assert headline("Bridge reopens\n\nThe bridge reopened on Tuesday.") == ("Bridge reopens", 14)
    assert headline("The bridge reopened on Tuesday.\nIt had been closed.") is None
    assert headline("One paragraph only.") is None


def test_title_is_the_option_then_the_article_title_then_the_headline():
    text = "Mill bridge <b>reopens</b>\n\nThe bridge reopened on 12 January 2016."
    day = TimeValue("DATE", "2016-01-12", dt.datetime(2016, 1, 12), dt.datetime(2016, 1, 13), Grain.DAY)
    events = (event(text, 1, "Mill bridge", "reopens", None, day, dated_by="tense", confidence=0.2),
              event(text, 2, "The bridge reopened", "reopened", "on 12 January 2016", day,
                    dated_by="explicit", confidence=0.9))  # fmt: skip
    tl = make_timeline(text, dt.date(2016, 1, 15), events)
    fig = tl.figure()
    assert fig.layout.title.text == "Mill bridge &lt;b&gt;reopens&lt;/b&gt;<br><sup>published 15 Jan 2016</sup>"
    assert _event_ids(fig) == [2]  # the headline's event is the title, not a mark
    assert any("the headline (event #1) is the title" in (a.text or "") for a in fig.layout.annotations)
    assert tl.figure(title="Mine").layout.title.text.startswith("Mine<br>")
    titled = make_timeline(text, dt.date(2016, 1, 15), events, title="Given")
    assert titled.figure().layout.title.text.startswith("Given<br>")


def test_focus_window_is_the_dense_week_of_a_seventy_year_story():
    week = [19_790 * _DAY + n * _DAY / 5 for n in range(45)]  # 9 days in March 2024
    past = [(-4_000 + 2_000 * n) * _DAY for n in range(12)]  # 1959 .. 2019
    future = [20_500 * _DAY, 21_000 * _DAY]
    low, high = focus_window(past + week + future)
    assert (low, high) == (week[0], week[-1])
    # spread evenly, nothing is left out; a far pair of outliers of nine is
    assert focus_window([n * 30 * _DAY for n in range(10)]) == (0, 270 * _DAY)
    assert focus_window([-1e11, *(n * _DAY for n in range(7)), 1e11]) == (0, 6 * _DAY)


def test_text_width_grows_with_wide_letters():
    assert text_width("iiii") < text_width("mmmm") < text_width("WWWW")
    assert 80 < text_width("The first steel brace arrived") < 160  # 11 px Arial


def test_compact_rows_hold_several_events_and_one_row_each_is_an_option():
    tl = _long_timeline()
    packed, single = tl.figure(), tl.figure(compact=False)
    labels = [a for a in packed.layout.annotations if (a.name or "").startswith("label #")]
    rows = packed.layout.yaxis.range[0] + 0.5
    assert rows < len(labels) / 2
    assert single.layout.yaxis.range[0] + 0.5 == len(labels)
    assert packed.layout.height < single.layout.height


def test_the_view_of_a_long_article_is_its_week_with_a_note():
    fig = _long_timeline().figure()
    assert fig.layout.xaxis.range == ("2024-03-08", "2024-03-19")
    note = next(a.text for a in fig.layout.annotations if a.name == "outside")
    assert note.startswith("Outside this view: 11 earlier events, 2 later")


def _long_timeline():
    from pathlib import Path

    import timeline

    text = (Path(__file__).resolve().parents[2] / "docs" / "long_article.txt").read_text(encoding="utf-8")
    return timeline.build(text, published="2024-03-17")
