"""Batch building: build_many / iter_build / write_many, the progress bar and the CLI batch modes."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import timeline
from timeline import cli
from timeline.bulk import batch, pool
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS

TEXTS = [
    "The minister resigned on Thursday. Talks lasted several hours.",
    "The vote was held on Monday, a day after the storm.",
    "Nothing dated happens here.",
    "The bridge opened on 3 March 2015 and closed two days later.",
    "Prices rose in October, last year, and fell in January.",
]
PUBLISHED = "2016-01-15"


def _reference(texts: list[str], published: object = PUBLISHED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tables build_many should give: each article built alone, keyed by position."""
    events, expressions = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        for i, text in enumerate(texts):
            tl = timeline.build(text, published=published)
            events.append(tl.events.assign(article=i))
            expressions.append(tl.expressions.assign(article=i))
    order_e = ["article", *EVENT_COLUMNS]
    order_x = ["article", *EXPRESSION_COLUMNS]
    return (pd.concat(events, ignore_index=True)[order_e],
            pd.concat(expressions, ignore_index=True)[order_x])


def test_build_many_matches_build_article_by_article() -> None:
    result = timeline.build_many(TEXTS, published=PUBLISHED, progress=False)
    events, expressions = _reference(TEXTS)
    assert len(events) > 0 and len(expressions) > 0, "the examples should contain dated events"
    pd.testing.assert_frame_equal(result.events, events, check_dtype=False)
    pd.testing.assert_frame_equal(result.expressions, expressions, check_dtype=False)
    assert list(result.events.columns) == ["article", *EVENT_COLUMNS]
    assert result.events["article"].dtype == "int64"
    for name, dtype in EVENT_COLUMNS.items():
        assert str(result.events[name].dtype) == str(pd.Series([], dtype=dtype).dtype), name
    assert result.errors.empty and result.articles == len(TEXTS)
    assert "build_many" in timeline.__all__


def test_failing_articles_become_error_rows_and_the_rest_go_on() -> None:
    articles: list[object] = [TEXTS[0], 42, TEXTS[1], None,
                              timeline.Article(TEXTS[3], published=dt.date(2016, 1, 15))]
    dates = [PUBLISHED, PUBLISHED, "not a date", PUBLISHED, None]
    result = timeline.build_many(articles, published=dates, progress=False)
    assert result.errors["article"].tolist() == [1, 2, 3]
    kinds = [error.split(":")[0] for error in result.errors["error"]]
    assert kinds == ["TypeError", "ValueError", "ValueError"]
    assert "int" in result.errors.loc[0, "error"] and "not a date" in result.errors.loc[1, "error"]
    built = set(result.events["article"]) | set(result.expressions["article"])
    assert built <= {0, 4} and 0 in built and 4 in built
    assert result.articles == 5


def test_parallel_gives_the_same_tables_in_the_same_order() -> None:
    articles: list[object] = [*TEXTS, 7, *TEXTS] * 3
    one = timeline.build_many(articles, published=PUBLISHED, jobs=1, chunk_size=4, progress=False)
    two = timeline.build_many(articles, published=PUBLISHED, jobs=2, chunk_size=4, progress=False)
    for name in ("events", "expressions", "errors", "notes"):
        pd.testing.assert_frame_equal(one.table(name), two.table(name))
    assert one.errors["article"].tolist() == [5, 16, 27]


def test_dataframe_input_with_id_and_date_columns() -> None:
    frame = pd.DataFrame({
        "id": ["a", "b", "c"],
        "body": [TEXTS[0], TEXTS[1], TEXTS[4]],
        "date": [PUBLISHED, None, "2020-06-01"],
    })
    result = timeline.build_many(frame, published="2016-02-01", text_column="body", progress=False)
    assert set(result.events["article"]) <= {"a", "b", "c"}
    alone = {
        "a": timeline.build(TEXTS[0], published=PUBLISHED),
        "b": timeline.build(TEXTS[1], published="2016-02-01"),  # empty cell: the fallback date
        "c": timeline.build(TEXTS[4], published="2020-06-01"),
    }
    for key, tl in alone.items():
        rows = result.expressions[result.expressions["article"] == key]
        assert rows["value"].tolist() == tl.expressions["value"].tolist(), key


def test_positional_key_and_explicit_columns_are_checked() -> None:
    frame = pd.DataFrame({"text": TEXTS[:2], "when": [PUBLISHED, PUBLISHED]})
    result = timeline.build_many(frame, date_column="when", progress=False)
    assert set(result.expressions["article"]) == {0, 1}
    with pytest.raises(KeyError, match="body"):
        timeline.build_many(frame, text_column="body", progress=False)
    with pytest.raises(KeyError, match="pubdate"):
        timeline.build_many(frame, date_column="pubdate", progress=False)


def test_mappings_articles_and_a_missing_date_note() -> None:
    items: list[object] = [
        {"id": "x", "text": TEXTS[0], "date": PUBLISHED},
        timeline.Article(TEXTS[0], published=dt.date(2016, 1, 22)),  # its own date wins
        TEXTS[0],  # no date anywhere: a note, not a warning
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = timeline.build_many(items, progress=False)
    values = result.expressions.groupby("article", sort=False)["value"].first()
    assert values["x"] == "2016-01-14" and values[1] == "2016-01-21"
    assert result.notes["article"].tolist() == [2]
    assert "publication date" in result.notes.loc[0, "note"]


def test_iter_build_streams_chunks_in_order() -> None:
    pulled = []

    def source():
        for i in range(10):
            pulled.append(i)
            yield TEXTS[i % len(TEXTS)]

    chunks = batch.iter_build(source(), PUBLISHED, chunk_size=3, progress=False)
    first = next(chunks)
    assert first.articles == 3 and len(pulled) == 3  # lazy: nothing read ahead
    rest = list(chunks)
    assert [c.articles for c in rest] == [3, 3, 1]
    keys = [k for c in [first, *rest] for k in c.expressions["article"].unique()]
    assert keys == sorted(keys)


def test_empty_input_gives_typed_empty_tables() -> None:
    result = timeline.build_many([], progress=False)
    assert result.articles == 0 and result.events.empty and result.errors.empty
    assert list(result.events.columns) == ["article", *EVENT_COLUMNS]
    assert str(result.events["start"].dtype) == "datetime64[s]"


@pytest.mark.parametrize("kwargs", [{"jobs": 0}, {"jobs": -2}, {"chunk_size": 0}, {"mode": "poem"}])
def test_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        timeline.build_many(TEXTS, progress=False, **kwargs)  # type: ignore[arg-type]


def test_one_text_is_not_a_batch() -> None:
    with pytest.raises(TypeError, match="timeline.build"):
        timeline.build_many(TEXTS[0])


class _BreaksOnce(concurrent.futures.Executor):
    """An in-process executor whose first pool 'dies' on its first task."""

    made = 0

    def __init__(self) -> None:
        type(self).made += 1
        self.broken = type(self).made == 1

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: concurrent.futures.Future[object] = concurrent.futures.Future()
        if self.broken:
            future.set_exception(concurrent.futures.process.BrokenProcessPool("worker died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_dead_worker_loses_no_article() -> None:
    _BreaksOnce.made = 0
    chunks = batch.iter_build(TEXTS * 2, PUBLISHED, jobs=2, chunk_size=2, progress=False,
                              _executor=lambda workers: _BreaksOnce())
    parts = list(chunks)
    assert sum(p.articles for p in parts) == 10 and _BreaksOnce.made == 2
    events, _ = _reference(TEXTS * 2)
    got = pd.concat([p.events for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(got, events, check_dtype=False)


# --- progress -----------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_forced_draws_count_rate_and_failures() -> None:
    stream, clock = io.StringIO(), _Clock()
    bar = batch.Progress(200, force=True, stream=stream, clock=clock)
    clock.now = 2.0
    bar.update(100, errors=3)
    bar.close()
    text = stream.getvalue()
    assert "100/200 articles" in text and "50%" in text and "50.0/s" in text
    assert "3 failed" in text and "2s left" in text and text.endswith("\n")


def test_progress_bar_stays_silent_off_a_terminal_or_when_short() -> None:
    stream, clock = io.StringIO(), _Clock()
    bar = batch.Progress(None, stream=stream, clock=clock)  # StringIO is not a terminal
    clock.now = 5.0
    bar.update(10)
    bar.close()
    assert stream.getvalue() == ""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, clock = Tty(), _Clock()
    bar = batch.Progress(None, stream=tty, clock=clock, delay=1.0)
    clock.now = 0.5
    bar.update(10)
    assert tty.getvalue() == ""  # short work: nothing
    clock.now = 1.5
    bar.update(10)
    bar.close()
    assert "20 articles" in tty.getvalue()


# --- writing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json"])
def test_write_many_text_formats_round_trip(suffix: str, tmp_path: Path) -> None:
    target = tmp_path / f"events{suffix}"
    articles: list[object] = [*TEXTS, 3.5]
    summary = timeline.write_many(articles, target, PUBLISHED, chunk_size=2, progress=False)
    assert summary.articles == 6 and summary.errors["article"].tolist() == [5]
    expected = timeline.build_many(articles, PUBLISHED, progress=False).events
    if suffix == ".csv":
        back = pd.read_csv(target)
    elif suffix == ".jsonl":
        back = pd.read_json(target, lines=True, dtype=False)
    else:
        back = pd.DataFrame(json.loads(target.read_text("utf-8")))
    assert list(back.columns) == list(expected.columns)
    assert back["article"].tolist() == expected["article"].tolist()
    assert back["event"].tolist() == expected["event"].tolist()
    iso = [None if pd.isna(v) else v.isoformat()[:10] for v in expected["start"]]
    assert [None if pd.isna(v) else str(v)[:10] for v in back["start"]] == iso


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed")
def test_write_many_parquet_keeps_the_dtypes(tmp_path: Path) -> None:
    target, errors = tmp_path / "expressions.parquet", tmp_path / "errors.parquet"
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": [TEXTS[1], None, TEXTS[4]]})
    timeline.write_many(frame, target, PUBLISHED, table="expressions", errors=errors,
                        chunk_size=1, progress=False)
    expected = timeline.build_many(frame, PUBLISHED, progress=False)
    back = pd.read_parquet(target)
    assert back["article"].tolist() == expected.expressions["article"].tolist()
    assert back["value"].tolist() == expected.expressions["value"].tolist()
    assert str(back["start"].dtype).startswith("datetime64")
    assert pd.read_parquet(errors)["article"].tolist() == ["b"]


def test_write_many_unknown_format_or_table(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="extension"):
        timeline.write_many(TEXTS, tmp_path / "x.docx", progress=False)
    with pytest.raises(ValueError, match="table"):
        timeline.write_many(TEXTS, tmp_path / "x.csv", table="sentences", progress=False)


# --- command line -------------------------------------------------------------------------------


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_directory_to_csv_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXTS[0], "utf-8")
    (tmp_path / "sub" / "b.txt").write_text(TEXTS[1], "utf-8")
    (tmp_path / "c.txt").write_bytes("Le ministre a démissionné jeudi.".encode("latin-1"))
    status, out, err = _run([str(tmp_path), "-p", PUBLISHED, "--csv", "-"], capsys)
    assert status == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert set(table["article"]) == {"a.txt", "sub/b.txt"}
    assert "failed: article 'c.txt'" in err and "UTF-8" in err
    rows = batch.build_many(cli.read_batch(str(tmp_path)), PUBLISHED, progress=False).errors
    assert rows["error"].tolist() == [
        f"UnicodeDecodeError: {str(tmp_path / 'c.txt')!r} is not UTF-8 text (byte 0xe9 at offset 15); "
        "convert it to UTF-8 first"
    ]  # issue 14: the row read "CliError: ..." though no CLI was called


def test_cli_jsonl_with_errors_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "articles.jsonl"
    lines = [json.dumps({"id": "one", "text": TEXTS[0], "date": PUBLISHED}), "{broken",
             json.dumps({"id": "two", "text": TEXTS[1]})]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out, failed = tmp_path / "events.jsonl", tmp_path / "failed.csv"
    status, _, err = _run([str(source), "-p", "2016-02-01", "-o", str(out), "--errors", str(failed)],
                          capsys)
    assert status == 0, err
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {row["article"] for row in rows} == {"one", "two"}
    errors = pd.read_csv(failed)
    assert errors["article"].tolist() == [1] and "line 2" in errors.loc[0, "error"]
    assert f"wrote the events of 2 of 3 articles to {out}" in err


def test_cli_csv_with_named_columns_and_two_jobs(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "articles.csv"
    pd.DataFrame({"url": ["u1", "u2", "u3"], "body": [TEXTS[0], TEXTS[1], TEXTS[4]],
                  "pubdate": [PUBLISHED, "", "2020-06-01"]}).to_csv(source, index=False)
    out = tmp_path / "expressions.csv"
    status, _, err = _run([str(source), "--text-column", "body", "--date-column", "pubdate",
                           "--id-column", "url", "-p", "2016-02-01", "--table", "expressions",
                           "-o", str(out)], capsys)
    assert status == 0, err
    table = pd.read_csv(out)
    expected = timeline.build_many(
        pd.DataFrame({"id": ["u1", "u2", "u3"], "text": [TEXTS[0], TEXTS[1], TEXTS[4]],
                      "date": [PUBLISHED, None, "2020-06-01"]}), "2016-02-01", progress=False)
    assert table["article"].tolist() == expected.expressions["article"].tolist()
    assert table["value"].tolist() == expected.expressions["value"].tolist()


@pytest.mark.parametrize("extra, words", [
    ([], ["directory", "-o"]),
    (["--html", "x.html"], ["--html", "table"]),
    (["-o", "x.docx"], ["x.docx"]),
    (["-o", "x.csv", "--jobs", "0"], ["--jobs"]),
])
def test_cli_batch_usage_errors_are_one_line(extra: list[str], words: list[str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0], "utf-8")
    status, _, err = _run([str(tmp_path), *extra], capsys)
    assert status == 1 and len(err.splitlines()) == 1 and err.startswith("timeline: error: ")
    for word in words:
        assert word in err


def test_cli_csv_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "articles.csv"
    source.write_text("body\nThe vote was on Monday.\n", "utf-8")
    status, _, err = _run([str(source), "-o", str(tmp_path / "e.csv")], capsys)
    assert status == 1 and "'text'" in err and "body" in err


def test_scale_doc_examples_run() -> None:
    """The ```python blocks of docs/scale.md that need no Dask cluster run, in order."""
    import re

    text = (Path(__file__).resolve().parents[2] / "docs" / "scale.md").read_text("utf-8")
    blocks = re.findall(r"^```python[ \t]*\n(.*?)^```[ \t]*$", text, re.DOTALL | re.MULTILINE)
    local = [block for block in blocks if "dask" not in block]
    assert len(local) >= 2
    namespace: dict[str, object] = {}
    for block in local:
        exec(compile(block, "docs/scale.md", "exec"), namespace)  # noqa: S102
    result = namespace["result"]
    assert result.errors["article"].tolist() == [2]  # type: ignore[attr-defined]


class _SubmitBreaks(concurrent.futures.Executor):
    """An in-process executor whose pools are all 'broken' at submit time (as a real pool is
    once a worker has died), so every chunk must be built in the parent."""

    made = 0

    def __init__(self) -> None:
        type(self).made += 1

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise concurrent.futures.process.BrokenProcessPool("worker died")


def test_a_pool_broken_at_submit_is_replaced_then_given_up() -> None:
    """A pool that keeps dying is replaced a few times, then the rest is built in the parent."""
    _SubmitBreaks.made = 0
    parts = list(batch.iter_build(TEXTS * 2, PUBLISHED, jobs=2, chunk_size=2, progress=False,
                                  _executor=lambda workers: _SubmitBreaks()))
    assert _SubmitBreaks.made == pool.MAX_POOL_BREAKS
    events, _ = _reference(TEXTS * 2)
    got = pd.concat([p.events for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(got, events, check_dtype=False)


_SCRIPT_HEAD = f"""
import pandas as pd
import timeline
frame = pd.DataFrame({{"text": {TEXTS!r} * 2, "date": "{PUBLISHED}"}})
"""


def _run_script(path: Path, body: str) -> subprocess.CompletedProcess[str]:
    path.write_text(_SCRIPT_HEAD + body, encoding="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=240,
                          cwd=path.parent)


def test_a_script_without_the_main_guard_gets_one_clear_error(tmp_path: Path) -> None:
    """Issue 14: 153 lines of worker tracebacks ending in BrokenProcessPool before."""
    done = _run_script(tmp_path / "no_guard.py",
                       "result = timeline.build_many(frame, jobs=2, chunk_size=2, progress=False)\n"
                       "print('built', len(result.events))\n")
    assert done.returncode == 1 and "built" not in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("RuntimeError: jobs=2:") and 'if __name__ == "__main__":' in last
    assert "no_guard.py" in last
    assert "BrokenProcessPool" not in done.stderr and done.stderr.count("Traceback") == 1


def test_workers_start_without_pandas() -> None:
    """Issue 16: the fork server preloads the column builder and the warm-up, which need no
    pandas (the parent makes the DataFrames), so the pool starts without pandas' import."""
    code = ("import sys, timeline.bulk.columns, timeline.bulk.warm; "
            "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_chunk_tables_equal_the_tables_of_each_article() -> None:
    """Issue 16: a chunk's tables are made of concatenated columns, not of per-article frames."""
    from timeline.bulk.chunk import build_chunk

    chunk = [(i, text, PUBLISHED) for i, text in enumerate(TEXTS)]
    result = build_chunk(chunk)
    for table, frame_of in (("events", lambda tl: tl.events), ("expressions", lambda tl: tl.expressions)):
        frames = []
        for key, text, published in chunk:
            frame = frame_of(timeline.build(text, published=published))
            if len(frame):
                frames.append(frame.assign(article=key)[["article", *frame.columns]])
        expected = pd.concat(frames, ignore_index=True)
        expected["article"] = expected["article"].astype("int64")
        pd.testing.assert_frame_equal(result.table(table), expected)


def test_a_real_worker_killed_mid_batch_loses_no_article(tmp_path: Path) -> None:
    """docs/scale.md: a dead worker's chunk is built again in the parent, the pool replaced."""
    done = _run_script(tmp_path / "guarded.py", f"""
import concurrent.futures, multiprocessing, os, signal
from timeline.bulk import batch, pool

build_columns = pool.build_columns
MARK = {str(tmp_path / "killed")!r}

def dies_once(chunk, mode="auto", date_order=None):
    if not os.path.exists(MARK):
        open(MARK, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return build_columns(chunk, mode, date_order)

def forked_pool(workers):  # fork: the workers see the patched pool.build_columns
    return concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))

if __name__ == "__main__":
    pool.build_columns = dies_once
    parts = list(batch.iter_build(frame, jobs=2, chunk_size=2, progress=False, _executor=forked_pool))
    pool.build_columns = build_columns
    alone = timeline.build_many(frame, jobs=1, progress=False)
    got = pd.concat([p.events for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(got, alone.events)
    print("articles", sum(p.articles for p in parts), "killed", os.path.exists(MARK))
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["articles", "10", "killed", "True"]


# --- issue 14: a readable summary, plain progress lines off a terminal -------------------------


def test_batch_result_repr_is_a_short_summary(tmp_path: Path) -> None:
    built = timeline.build_many([TEXTS[0], 42], PUBLISHED, progress=False)
    text = repr(built)
    assert text.startswith("BatchResult(2 articles, ") and "\n" not in text and len(text) < 300
    assert f"{len(built.events)} events" in text and "1 error" in text
    assert "article 1: TypeError: an article must be" in text
    summary = timeline.write_many([TEXTS[0], 42, None, 3.5, b"x"], tmp_path / "events.csv", PUBLISHED,
                                  errors=tmp_path / "failed.csv", progress=False)
    text = repr(summary)
    assert text.startswith("BatchResult(5 articles, 4 errors, 0 notes; wrote ")
    assert f"{tmp_path / 'events.csv'} (" in text and f"{tmp_path / 'failed.csv'} (4 rows)" in text
    assert text.endswith("; and 1 more)") and "Empty DataFrame" not in text
    assert summary.written[1] == (str(tmp_path / "failed.csv"), 4)


def test_forced_progress_into_a_file_writes_plain_lines(tmp_path: Path) -> None:
    stream, clock = io.StringIO(), _Clock()
    bar = batch.Progress(300, force=True, stream=stream, clock=clock)
    for step in range(30):
        clock.now = step * 1.0
        bar.update(10)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert "\x1b" not in stream.getvalue() and "\r" not in stream.getvalue()
    assert stream.getvalue().endswith("\n") and len(lines) == len(set(lines))
    assert len(lines) == 7  # every 5 s over 29 s (0, 5, ..., 25) and the final count
    assert lines[-1].startswith("timeline: [########################] 300/300 articles 100%")



def test_write_many_forced_progress_into_a_log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(tmp_path / "log.txt", "w", encoding="utf-8") as log:
        monkeypatch.setattr(sys, "stderr", log)
        timeline.write_many(TEXTS, tmp_path / "e.csv", PUBLISHED, progress="force", chunk_size=2)
    text = (tmp_path / "log.txt").read_text("utf-8")
    lines = text.splitlines()
    assert "\x1b" not in text and "\r" not in text and lines and len(lines) == len(set(lines))
    assert all(line.startswith("timeline: [") for line in lines) and "5/5 articles 100%" in lines[-1]
