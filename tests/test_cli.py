"""The ``timeline`` command line: options, outputs and one-line errors on bad input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import cli
from timeline.output.table import events_frame, expressions_frame
from timeline.types import Anchor, Event, Expression, Grain, Mention, Reading, TimeValue

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "penn_interview.txt"


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``timeline argv``."""
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *words: str) -> None:
    """A failure reported as exactly one ``timeline: error:`` line that mentions ``words``."""
    assert status != 0
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("timeline: error: ")
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("The minister resigned on Thursday. Talks lasted several hours.", "utf-8")
    return path


# --- help, version, usage ------------------------------------------------------------------


def test_help_explains_options_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["--help"], capsys)
    assert status == 0
    for word in ("--published", "--mode", "--expressions", "--html", "--html-cdn", "--csv", "--json",
                 "--timelinejs", "--timeml", "--output", ".parquet", "examples:", "standard input"):
        assert word in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import timeline

    status, out, _ = run(["--version"], capsys)
    assert status == 0
    assert out.strip() == f"timeline {timeline.__version__}"


def test_missing_argument_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([], capsys)
    assert status == 2
    assert_one_line_error(status, err, "ARTICLE")


def test_unknown_mode_is_a_usage_error(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(article), "--mode", "poetry"], capsys)
    assert status == 2
    assert_one_line_error(status, err, "poetry")


# --- bad input -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run([str(tmp_path / "nope.txt"), "--published", "2016-01-15"], capsys)
    assert status == 1 and out == ""
    assert_one_line_error(status, err, "nope.txt")


def test_directory_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(tmp_path), "--published", "2016-01-15"], capsys)
    assert_one_line_error(status, err, "directory")


def test_undecodable_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a démissionné jeudi.".encode("latin-1"))
    status, _, err = run([str(path), "--published", "2016-01-15"], capsys)
    assert_one_line_error(status, err, "UTF-8", "0xe9")


@pytest.mark.parametrize("date", ["yesterday", "not a date", "2016-02-30", ""])
def test_unreadable_publication_date(
    article: Path, date: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run([str(article), "--published", date], capsys)
    assert_one_line_error(status, err, "--published")


def test_unknown_output_extension(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(article), "-o", "out.docx"], capsys)
    assert_one_line_error(status, err, "out.docx", ".csv")


def test_output_path_that_is_a_directory(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run([str(article), "--published", "2016-01-15", "--html", str(tmp_path)],
                         capsys)
    assert_one_line_error(status, err, "directory")


def test_html_cannot_go_to_stdout(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(article), "--html", "-"], capsys)
    assert_one_line_error(status, err, "standard output")


def test_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline.cli", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("timeline: error:")


# --- reading ----------------------------------------------------------------------------------


def test_read_article_from_stdin_drops_bom() -> None:
    data = "\ufeffThe minister resigned on Thursday.".encode()
    assert cli.read_article("-", stdin=io.BytesIO(data)) == "The minister resigned on Thursday."


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"The minister resigned on Thursday."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    status, out, err = run(["-", "--published", "2016-01-15"], capsys)
    assert status == 0, err
    assert out.strip()


def test_prints_the_event_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run([str(SEED), "--published", "2016-01-15", "--expressions"], capsys)
    assert status == 0, err
    first = out.splitlines()[0]
    assert first == "no events found" or first.split()[:3] == ["id", "start", "end"]
    assert "time expressions found" in out or "text" in out


def test_published_date_in_words_is_accepted(article: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(article), "--published", "Jan 15, 2016", "-q"], capsys)
    assert status == 0, err


# --- rendering (independent of the extraction rules) --------------------------------------


def _event(event_id: int, phrase: str, start: dt.datetime | None, grain: Grain | None,
           **extra: object) -> Event:
    time = None
    if start is not None and grain is not None:
        time = TimeValue("DATE", start.date().isoformat(), start, start + dt.timedelta(days=1), grain)
    return Event(event_id, phrase, phrase.split()[0], 0, phrase, 0, len(phrase), time=time,
                 **extra)  # type: ignore[arg-type]


def test_render_events_shows_main_columns_left_aligned() -> None:
    events = events_frame([
        _event(1, "William landed at Pevensey", dt.datetime(1066, 9, 28), Grain.DAY,
               expression="28 September 1066"),
        _event(2, "the bridge was closed " + "and " * 30 + "end", dt.datetime(2023, 9, 7, 15, 0),
               Grain.MINUTE, expression="at 3 p.m.", derived_from="event 1 + 2 days"),
        _event(3, "nobody knows when", None, None),
    ])
    text = cli.render_events(events)
    lines = text.splitlines()
    assert lines[0].split() == ["id", "start", "end", "grain", "event", "expression",
                                "derived_from"]
    assert lines[1].split()[:4] == ["1", "1066-09-28", "1066-09-29", "day"]
    assert "2023-09-07 15:00" in lines[2] and "event 1 + 2 days" in lines[2]
    long_cell = lines[2][lines[0].index("event "):lines[0].index("expression")].rstrip()
    assert long_cell.endswith("…") and len(long_cell) <= 60
    assert lines[3].split()[:2] == ["3", "nobody"]
    event_column = lines[0].index("event ")
    assert all(line[event_column:].startswith(word) for line, word in
               zip(lines[1:], ["William", "the bridge", "nobody"]))
    assert all(len(line) < 200 for line in lines)


def test_render_empty_tables() -> None:
    assert cli.render_events(events_frame([])) == "no events found"
    assert cli.render_expressions(expressions_frame([])) == "no time expressions found"


def test_render_expressions() -> None:
    mention = Mention(10, 20, "on Thursday", "DATE", Reading("weekday", weekday=4), "weekday", 0)
    start = dt.datetime(2016, 1, 14)
    time = TimeValue("DATE", "2016-01-14", start, start + dt.timedelta(days=1), Grain.DAY)
    text = cli.render_expressions(expressions_frame([Expression(mention, time, Anchor.PUBLICATION)]))
    header, row = text.splitlines()
    assert header.split() == ["text", "type", "value", "start", "end", "grain", "anchor"]
    assert row.split() == ["on", "Thursday", "DATE", "2016-01-14", "2016-01-14", "2016-01-15",
                           "day", "publication"]


# --- outputs through the Timeline writers --------------------------------------------------

needs_export = pytest.mark.skipif(not _has("timeline.output.export"), reason="timeline.output.export not there yet")
needs_plot = pytest.mark.skipif(not _has("timeline.output.plot"), reason="timeline.output.plot not there yet")
needs_timeml = pytest.mark.skipif(not _has("timeline.output.timeml"), reason="timeline.output.timeml not there yet")


@needs_plot
def test_html_output(article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.html"
    status, _, err = run([str(article), "--published", "2016-01-15", "--html", str(target)],
                         capsys)
    assert status == 0, err
    assert "<html" in target.read_text("utf-8").lower()
    assert f"wrote HTML timeline to {target}" in err


@needs_plot
@pytest.mark.parametrize("flag", ["--html", "-o"])
def test_html_cdn_writes_a_light_page_as_safe_as_the_offline_one(
    flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14: --html-cdn loads plotly.js from its CDN; the default file stays self-contained."""
    from timeline_fixtures import HOSTILE_TEXT

    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE_TEXT, "utf-8")
    light, full = tmp_path / "light.html", tmp_path / "full.html"
    status, _, err = run([str(source), "-p", "2019-06-30", flag, str(light), "--html-cdn", "-q"], capsys)
    assert status == 0, err
    status, _, err = run([str(source), "-p", "2019-06-30", flag, str(full), "-q"], capsys)
    assert status == 0, err
    page, offline = light.read_text("utf-8"), full.read_text("utf-8")
    assert len(page) < 100_000 < 1_000_000 < len(offline)
    loader = re.search(r'<script charset="utf-8" src="(https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js)"'
                       r' integrity="sha\d+-[\w+/=]+" crossorigin="anonymous"></script>', page)
    assert loader is not None and not re.search(r"<script[^>]*\ssrc=", offline)  # offline: nothing loaded
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert csp == re.search(r'content="([^"]+)"', offline).group(1).replace(  # type: ignore[union-attr]
        "script-src 'unsafe-inline';", f"script-src 'unsafe-inline' {loader.group(1)};")
    # the same escaping as the offline page: only plotly's scripts, no markup from the article
    assert page.count("<script") == 3 and "<img" not in page and "window.__pwned=1</script>" not in page
    for body in re.findall(r"<script[^>]*>(.*?)</script>", page, re.S):
        assert "<" not in body.replace("<\\/", "")


def test_html_cdn_needs_an_html_file(article: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run([str(article), "-p", "2016-01-15", "--html-cdn", "--csv", str(tmp_path / "x.csv")],
                         capsys)
    assert_one_line_error(status, err, "--html-cdn", "--html PATH")
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "a.txt").write_text("The vote was on Monday.", "utf-8")
    status, _, err = run([str(tmp_path / "batch"), "--html-cdn", "-o", str(tmp_path / "e.csv")], capsys)
    assert_one_line_error(status, err, "--html-cdn", "batch")


@needs_export
@pytest.mark.parametrize("flag", ["--csv", "-o"])
def test_csv_output(flag: str, article: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    status, _, err = run([str(article), "--published", "2016-01-15", flag, str(target)], capsys)
    assert status == 0, err
    header = target.read_text("utf-8").splitlines()[0]
    assert "event" in header and "start" in header


@needs_export
def test_json_and_timelinejs_outputs(article: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    records, tjs = tmp_path / "events.json", tmp_path / "tjs.json"
    status, _, err = run([str(article), "-p", "2016-01-15", "--json", str(records),
                          "--timelinejs", str(tjs)], capsys)
    assert status == 0, err
    assert isinstance(json.loads(records.read_text("utf-8")), list)
    assert isinstance(json.loads(tjs.read_text("utf-8")), dict)


@needs_export
def test_csv_to_stdout_replaces_the_table(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run([str(article), "-p", "2016-01-15", "--csv", "-"], capsys)
    assert status == 0, err
    assert "event" in out.splitlines()[0] and "no events found" not in out


@needs_export
def test_unwritable_output_is_one_line(article: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    status, _, err = run([str(article), "-p", "2016-01-15", "--csv", str(target)], capsys)
    assert_one_line_error(status, err, "out.csv")


@needs_export
def test_parquet_output(article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "events.parquet"
    status, _, err = run([str(article), "-p", "2016-01-15", "-o", str(target)], capsys)
    if _has("pyarrow") or _has("fastparquet"):
        assert status == 0, err
        assert target.stat().st_size > 0
    else:
        assert_one_line_error(status, err, "Parquet")


@needs_timeml
@pytest.mark.parametrize("name", ["out.tml", "out.xml"])
def test_timeml_output(name: str, article: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / name
    status, _, err = run([str(article), "-p", "2016-01-15", "-o", str(target)], capsys)
    assert status == 0, err
    text = target.read_text("utf-8")
    assert "TimeML" in text and "resigned" in text


def test_missing_publication_date_is_a_note_not_an_error(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Needs the extraction rules: "on Thursday" is found and cannot be anchored."""
    status, _, err = run([str(article)], capsys)
    assert status == 0
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeline: note: ")
    assert "publication date" in lines[0]
