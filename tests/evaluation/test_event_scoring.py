"""Event-date scoring (timeline/evaluation/events.py, ``python -m timeline.evaluate --events``).

The two articles of ``tests/event_scoring/`` were written for these tests. Their counts are
checked exactly against a frozen events table (``FROZEN`` below), so that they do not move when
the event dater changes; the command line runs the real library on them and checks the table.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared

import timeline
from timeline.evaluation.events import (
    EventCounts,
    EventDocument,
    EventFormatError,
    RowDating,
    error_cause,
    evaluate_events,
    event_error_report,
    format_events_table,
    gold_interval,
    missing_kind,
    read_event_document,
    read_event_folder,
    rows_from_frame,
    rows_outcome,
    timeline_events,
)
from timeline.evaluation.expressions import main

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "event_scoring"
#: the dev set lives in ../shared beside the repository (or beside the worktrees' folder)
DEV = shared("corpora", "event-dates-dev")


def D(text: str) -> dt.datetime:  # noqa: N802 - a short constructor for the tables below
    return dt.datetime.fromisoformat(text)


#: doc_id -> (char_start, char_end, start, end, grain, dated_by, expression): an events table
#: frozen for the tests (not what the library returns today)
FROZEN: dict[str, list[tuple]] = {
    "harbour_bridge": [
        (62, 68, D("2016-03-08"), D("2016-03-09"), "day", "anchored", "Tuesday"),  # exact
        (117, 122, D("2013-01-01"), D("2014-01-01"), "year", "explicit", "2013"),  # exact (2013-XX-XX)
        (144, 150, D("2013-01-01"), D("2014-01-01"), "year", "sentence", "2013"),  # wrong: gold 2012
        (162, 166, D("2016-03-09"), D("2016-03-11"), "day", "tense", None),  # vague
        (183, 188, D("2016-03-10"), D("2017-03-10"), "year", "tense", None),  # vague: gold 2016-03
        (224, 228, D("2016-03-08"), D("2016-03-09"), "day", "narrative", None),  # not in the gold
        (257, 264, None, None, None, "explicit", "at the moment"),  # undated
        # 'celebration' (an event noun) and 'opens' (headline): no row -> missing
    ],
    "bakery_fire": [
        (45, 54, D("2015-12-21"), D("2015-12-28"), "week", "anchored", "last week"),  # exact
        (161, 168, D("2015-11-30"), D("2015-12-07"), "week", "narrative", None),  # vague
        (195, 199, D("2015-12-29"), D("2015-12-31"), "day", "publication default", None),  # wrong
        (220, 225, None, None, None, "none", None),  # 'hopes': an undated row ...
        (216, 225, D("2015-12-30"), D("2015-12-31"), "day", "tense", None),  # ... and a dated one
        (274, 280, D("1987-01-01"), D("1988-01-01"), "year", "sentence", "1987"),  # 'opened' twice:
        (293, 299, D("1990-01-01"), D("1991-01-01"), "year", "explicit", "1990"),  # one is disjoint
        # 'smelling', 'says', 'reopen': no row -> missing
    ],
}


def _frozen(document: EventDocument) -> tuple[RowDating, ...]:
    return tuple(RowDating(*row) for row in FROZEN[document.doc_id])


@pytest.fixture(scope="module")
def frozen_result():
    return evaluate_events("event_scoring", read_event_folder(FOLDER), _frozen)


# --- gold dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        ("2008-03-06", "2008-03-06", "2008-03-07"),
        ("2008-12-31", "2008-12-31", "2009-01-01"),
        ("2008-02-29", "2008-02-29", "2008-03-01"),
        ("2010-06", "2010-06-01", "2010-07-01"),
        ("2010-12", "2010-12-01", "2011-01-01"),
        ("2010-12-XX", "2010-12-01", "2011-01-01"),
        ("2008-01-XX", "2008-01-01", "2008-02-01"),
        ("2007", "2007-01-01", "2008-01-01"),
        ("2010-XX-XX", "2010-01-01", "2011-01-01"),
        ("2010-XX", "2010-01-01", "2011-01-01"),
    ],
)
def test_gold_interval(date: str, start: str, end: str) -> None:
    assert gold_interval(date) == (D(start), D(end))


@pytest.mark.parametrize("date", ["", "XXXX", "2010-13", "2010-02-30", "2010-XX-05", "10-05", "2010/05", "2010-5"])
def test_gold_interval_rejects(date: str) -> None:
    with pytest.raises(ValueError):
        gold_interval(date)


# --- outcomes --------------------------------------------------------------------------------

MARCH = (D("2016-03-01"), D("2016-04-01"))


def _row(start: str | None, end: str | None, dated_by: str = "explicit") -> RowDating:
    return RowDating(0, 5, D(start) if start else None, D(end) if end else None, None, dated_by)


@pytest.mark.parametrize(
    ("rows", "outcome"),
    [
        ((), "missing"),
        ((_row(None, None, "none"),), "undated"),
        ((_row("2016-03-08", "2016-03-09"),), "exact"),
        ((_row("2016-03-01", "2016-04-01"),), "exact"),
        ((_row("2016-02-25", "2016-03-03"),), "vague"),
        ((_row("2016-01-01", "2017-01-01"),), "vague"),
        ((_row("2016-04-01", "2016-04-02"),), "wrong"),  # end exclusive: April 1 is outside
        ((_row("2016-02-29", "2016-03-01"),), "wrong"),
        ((_row(None, None, "none"), _row("2016-03-08", "2016-03-09")), "exact"),
        ((_row("2016-03-08", "2016-03-09"), _row("2016-01-01", "2017-01-01")), "vague"),
        ((_row("2016-03-08", "2016-03-09"), _row("2015-01-01", "2015-02-01")), "wrong"),
        ((_row(None, "2016-03-05"),), "vague"),  # open start: never exact
        ((_row(None, "2016-02-05"),), "wrong"),
    ],
)
def test_rows_outcome(rows: tuple[RowDating, ...], outcome: str) -> None:
    assert rows_outcome(rows, *MARCH) == outcome


@pytest.mark.parametrize(
    ("dated_by", "cause"),
    [
        ("explicit", "wrong expression"),
        ("sentence", "wrong expression"),
        ("anchored", "wrong anchor"),
        ("narrative", "wrong anchor"),
        ("tense", "tense default"),
        ("publication", "tense default"),
        ("default estimate", "tense default"),
        ("something new", "dated_by something new"),
        (None, "undated"),
    ],
)
def test_error_cause_by_dated_by(dated_by: str | None, cause: str) -> None:
    rows = (RowDating(0, 5, D("2016-05-01"), D("2016-05-02"), "day", dated_by),)
    assert error_cause("wrong", rows, "x\ny", [(0, 1)], *MARCH) == cause


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Apple to lower prices\n\nMore text.", "lower", "headline"),
        ("Headline\n\nSince its launch the store grew.", "launch", "event noun"),
        ("Headline\n\nIt lost a court case today.", "court case", "event noun"),
        ("Headline\n\nHe took medical leave.", "leave", "event noun"),
        ("Headline\n\nHe fought after a long debate.", "debate", "event noun"),
        ("Headline\n\nHe began by hinting at it.", "hinting", "-ing form"),
        ("Headline\n\nShe returned to reveal it.", "reveal", "to-infinitive"),
        ("Headline\n\nApple Corps claims that it won.", "claims", "verb in the present tense"),
        ("Headline\n\nThe phone has a camera.", "has", "verb in the present tense"),
        ("Headline\n\nThe iPods already have it.", "have", "other verb"),
        ("Headline\n\nJobs showed off the phone.", "showed off", "other verb"),
    ],
)
def test_missing_kind(text: str, word: str, kind: str) -> None:
    start = text.index(word, text.index("\n") + 1) if kind != "headline" else text.index(word)
    assert missing_kind(text, (start, start + len(word))) == kind


# --- the example folder ----------------------------------------------------------------------


def test_example_folder_spans_name_their_words() -> None:
    documents = read_event_folder(FOLDER)
    assert [d.doc_id for d in documents] == ["bakery_fire", "harbour_bridge"]
    for document in documents:
        for mention in document.mentions:
            for start, end in mention.spans:
                assert document.text[start:end] == mention.word


def test_example_folder_counts(frozen_result) -> None:
    assert frozen_result.counts == EventCounts(
        docs=2,
        mentions=16,
        exact=4,
        vague=3,
        wrong=3,
        undated=1,
        missing=5,
        baseline_exact=7,
        baseline_consistent=7,
        off_publication=9,
        off_publication_exact=2,
    )
    assert frozen_result.counts.consistent == 7


def test_example_folder_outcomes_and_causes(frozen_result) -> None:
    got = {(m.doc_id, m.mention.word): (m.outcome, m.cause) for m in frozen_result.mentions}
    assert got == {
        ("harbour_bridge", "opened"): ("exact", ""),
        ("harbour_bridge", "began"): ("exact", ""),
        ("harbour_bridge", "debate"): ("wrong", "wrong expression"),
        ("harbour_bridge", "said"): ("vague", "tense default"),
        ("harbour_bridge", "carry"): ("vague", "tense default"),
        ("harbour_bridge", "stopped"): ("undated", "undated"),
        ("harbour_bridge", "celebration"): ("missing", "missing: event noun"),
        ("harbour_bridge", "opens"): ("missing", "missing: headline"),
        ("bakery_fire", "destroyed"): ("exact", ""),
        ("bakery_fire", "smelling"): ("missing", "missing: -ing form"),
        ("bakery_fire", "arrived"): ("vague", "wrong anchor"),
        ("bakery_fire", "said"): ("wrong", "tense default"),
        ("bakery_fire", "says"): ("missing", "missing: verb in the present tense"),
        ("bakery_fire", "hopes"): ("exact", ""),
        ("bakery_fire", "reopen"): ("missing", "missing: to-infinitive"),
        # every row covering any of its spans counts: 1987 is disjoint from the gold 1990
        ("bakery_fire", "opened"): ("wrong", "wrong expression"),
    }


def test_table_text_and_markdown(frozen_result) -> None:
    text = format_events_table([frozen_result])
    header, row = text.splitlines()
    assert header.split()[:3] == ["set", "gold-dated", "mentions"]
    assert row.split() == ["event_scoring", "16", "25.0%", "(4)", "43.8%", "(7)", "18.8%", "(3)",
                           "6.2%", "(1)", "31.2%", "(5)", "43.8%", "(7)", "22.2%", "(2/9)"]
    markdown = format_events_table([frozen_result], markdown=True).splitlines()
    assert markdown[0].startswith("| set | gold-dated mentions | exact | consistent (exact included) |")
    assert markdown[1] == "|---|" + "---:|" * 8
    assert markdown[2] == ("| event_scoring | 16 | 25.0% (4) | 43.8% (7) | 18.8% (3) | 6.2% (1) | "
                           "31.2% (5) | 43.8% (7) | 22.2% (2/9) |")


def test_error_report(frozen_result) -> None:
    report = event_error_report(frozen_result)
    lines = report.splitlines()
    assert lines[0] == "== event dating errors on event_scoring: 12 of 16 mentions not exact =="
    summary = {line.rsplit(None, 5)[0]: line.split()[-5:] for line in lines[2:11]}
    assert summary["tense default"] == ["3", "1", "2", "0", "0"]
    assert summary["wrong expression"] == ["2", "2", "0", "0", "0"]
    assert summary["wrong anchor"] == ["1", "0", "1", "0", "0"]
    assert summary["missing: headline"] == ["1", "0", "0", "0", "1"]
    assert "-- tense default (3) --" in lines
    said = next(line for line in lines if "'said' gold 2015-12-23" in line)
    assert said.split()[:2] == ["WRONG", "bakery_fire"]
    assert "ours 2015-12-29 day publication default" in said
    assert "officials [[said]]. The owner" in said
    opened = next(line for line in lines if "'opened' gold 1990" in line)
    assert 'ours 1987-01-01 year sentence "1987"; 1990-01-01 year explicit "1990"' in opened
    assert "ours no row" in next(line for line in lines if "'celebration'" in line)


def test_rows_from_a_real_events_table() -> None:
    text = "Headline\n\nThe plant closed on March 3, 2016. Workers protested."
    rows = rows_from_frame(timeline.build(text, published="2016-03-10").events)
    closed = next(row for row in rows if row.trigger == "closed")
    assert (closed.char_start, closed.char_end) == (20, 26)
    assert (closed.start, closed.end, closed.grain, closed.dated_by) == (
        D("2016-03-03"), D("2016-03-04"), "day", "explicit")
    assert closed.expression == "March 3, 2016"
    assert all(isinstance(row.start, (dt.datetime, type(None))) for row in rows)
    assert rows_from_frame(pd.DataFrame({"char_start": [], "char_end": [], "start": [], "end": []})) == ()


def test_timeline_events_runs_the_library() -> None:
    document = read_event_document(FOLDER / "harbour_bridge.json")
    rows = timeline_events(document)
    assert any(row.trigger == "began" and row.start == D("2013-01-01") for row in rows)


# --- malformed files -------------------------------------------------------------------------


def _write(path: Path, data: object) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD = {"doc_id": "x", "published": "2016-03-10", "text": "Head\n\nIt closed.",
        "events": [{"word": "closed", "spans": [[9, 15]], "date": "2016-03"}]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": "March 2016"}, "'published' is not YYYY-MM-DD"),
        ({"text": None}, "'text' is not str"),
        ({"events": [{"word": "closed", "spans": [[9, 99]], "date": "2016-03"}]}, "bad span"),
        ({"events": [{"word": "closed", "spans": [[9, 15]], "date": "March"}]}, "events[0]: not a gold date"),
        ({"events": [{"word": "closed", "spans": [], "date": "2016"}]}, "no spans"),
        ({"events": [{"word": "closed", "date": "2016"}]}, "no 'spans'"),
    ],
)
def test_malformed_file_is_named(tmp_path: Path, change: dict, message: str) -> None:
    path = _write(tmp_path / "bad.json", {**GOOD, **change})
    with pytest.raises(EventFormatError, match="bad.json") as caught:
        read_event_document(path)
    assert message in str(caught.value)


def test_cli_malformed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "a.json", GOOD)
    _write(tmp_path / "b.json", "{not json")
    assert main(["--events", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "b.json" in err and "cannot read" in err
    assert main(["--events", str(tmp_path / "nowhere")]) == 2
    assert "is not a directory" in capsys.readouterr().err


def test_read_folder_needs_json(tmp_path: Path) -> None:
    with pytest.raises(EventFormatError, match="no .json or .tml files"):
        read_event_folder(tmp_path)


# --- the command line on the library ---------------------------------------------------------


def test_cli_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--events", str(FOLDER)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("set") and "publication-day baseline (exact)" in lines[0]
    cells = lines[1].split()
    assert cells[:2] == ["event_scoring", "16"]
    counts = [int(cells[i].strip("()")) for i in (5, 7, 9, 11)]  # consistent, wrong, undated, missing
    assert sum(counts) == 16
    assert cells[12:] == ["43.8%", "(7)", cells[14], cells[15]] and cells[15].endswith("/9)")


def test_cli_markdown_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--events", str(FOLDER), str(FOLDER), "--markdown", "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.count("== event dating errors on event_scoring") == 2
    table = [line for line in out.splitlines() if line.startswith("| event_scoring |")]
    assert len(table) == 2 and table[0] == table[1]


def test_cli_needs_a_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([])
    assert "--events" in capsys.readouterr().err


# --- the dev set (outside the project) -------------------------------------------------------


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpora/event-dates-dev is absent")
def test_dev_set_adds_up() -> None:
    documents = read_event_folder(DEV)
    result = evaluate_events(DEV.name, documents)
    c = result.counts
    assert not result.failures
    assert (c.docs, c.mentions) == (22, 147)
    assert c.exact + c.vague + c.wrong + c.undated + c.missing == 147
    assert (c.baseline_exact, c.baseline_consistent, c.off_publication) == (76, 76, 71)
    assert c.off_publication_exact <= c.exact
    assert len(result.mentions) == 147


def test_accuracy_script_has_an_events_block() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("accuracy_script", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = module.DOC.read_text(encoding="utf-8")
    assert module.EVENTS_START in doc and module.EVENTS_END in doc and module.START in doc
    replaced = module.replace_table(doc, "| new |", module.EVENTS_START, module.EVENTS_END)
    assert f"{module.EVENTS_START}\n| new |\n{module.EVENTS_END}" in replaced
    assert replaced.split(module.EVENTS_START)[0] == doc.split(module.EVENTS_START)[0]
