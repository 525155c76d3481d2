"""CSV, JSON, Parquet and TimelineJS exports of the events table."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from timeline_fixtures import PWN, hostile_timeline, sample_timeline

from timeline.output.table import EVENT_COLUMNS


@pytest.fixture(scope="module")
def sample():
    return sample_timeline()


def test_csv_has_every_column_and_iso_dates(sample, tmp_path):
    text = sample.to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert len(rows) == 10
    by_id = {r["event_id"]: r for r in rows}
    assert (by_id["6"]["start"], by_id["6"]["end"]) == ("1066-01-01", "1067-01-01")
    assert (by_id["7"]["start"], by_id["7"]["end"]) == ("2400-01-01", "2401-01-01")
    assert (by_id["8"]["start"], by_id["8"]["end"]) == ("2016-01-12T18:00:00", "2016-01-12T22:00:00")
    assert (by_id["10"]["start"], by_id["10"]["end"]) == ("", "")
    path = tmp_path / "events.csv"
    assert sample.to_csv(path) is None
    assert path.read_text(encoding="utf-8") == text


def test_json_records_with_iso_dates_and_null_for_undated(sample, tmp_path):
    records = json.loads(sample.to_json())
    assert len(records) == 10
    assert list(records[0]) == list(EVENT_COLUMNS)
    by_id = {r["event_id"]: r for r in records}
    assert by_id[5]["start"] == "2015-06-01" and by_id[5]["approximate"] is True
    assert by_id[10]["start"] is None and by_id[10]["end"] is None and by_id[10]["grain"] is None
    assert by_id[10]["value"] is None and by_id[1]["note"] is None
    assert by_id[2]["derived_from"] == "event 1 - 2 days"
    assert by_id[1]["confidence"] == 0.9 and isinstance(by_id[1]["sentence_index"], int)
    path = tmp_path / "events.json"
    assert sample.to_json(path) is None
    assert json.loads(path.read_text(encoding="utf-8")) == records


def test_empty_timeline_exports_empty_tables():
    from timeline_fixtures import make_timeline

    tl = make_timeline("Nothing happened.", None, ())
    assert json.loads(tl.to_json()) == []
    assert tl.to_csv().strip() == ",".join(EVENT_COLUMNS)
    assert tl.to_timelinejs()["events"] == []


def test_parquet_without_pyarrow_names_it(sample, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    with pytest.raises(ImportError, match="needs pyarrow.*pip install pyarrow"):
        sample.to_parquet(tmp_path / "events.parquet")


def test_parquet_round_trip_keeps_years_1066_and_2400(sample, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd

    path = tmp_path / "events.parquet"
    sample.to_parquet(path)
    back = pd.read_parquet(path)
    assert list(back.columns) == list(EVENT_COLUMNS)
    assert sorted(back["start"].dropna().dt.year) == sorted(sample.events["start"].dropna().dt.year)
    assert 1066 in set(back["start"].dt.year) and 2400 in set(back["start"].dt.year)


def test_timelinejs_shape(sample, tmp_path):
    doc = sample.to_timelinejs()
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"] == "Old Mill Bridge reopens"
    assert "Published 15 Jan 2016" in doc["title"]["text"]["text"]
    assert "<li>the mural on the east pier was painted</li>" in doc["title"]["text"]["text"]
    events = {e["unique_id"]: e for e in doc["events"]}
    assert len(events) == 9  # the undated event cannot be placed: it is listed in the title slide
    for e in doc["events"]:
        assert set(e) <= {"unique_id", "start_date", "end_date", "text", "group", "display_date"}
        assert set(e["text"]) == {"headline", "text"}
        assert all(isinstance(v, int) for v in e["start_date"].values())
    assert events["event-1"]["start_date"] == {"year": 2016, "month": 1, "day": 12}
    assert "end_date" not in events["event-1"]  # one day: no span
    assert events["event-4"]["start_date"] == {"year": 2015, "month": 3}  # month grain: no day
    assert "end_date" not in events["event-4"]
    assert events["event-3"]["end_date"] == {"year": 2016, "month": 1}  # a period of months
    assert events["event-6"]["start_date"] == {"year": 1066}
    assert events["event-7"]["start_date"] == {"year": 2400}
    assert events["event-8"]["start_date"] == {"year": 2016, "month": 1, "day": 12, "hour": 18}
    assert events["event-5"]["display_date"] == "about July 2015"
    assert events["event-5"]["start_date"] == {"year": 2015, "month": 6}
    assert events["event-5"]["end_date"] == {"year": 2015, "month": 8}
    assert events["event-3"]["group"] == "anchored on another event"
    assert events["event-3"]["text"]["headline"] == "The bridge had been closed"
    assert "<b>since March 2015</b>" in events["event-3"]["text"]["text"]
    assert "from event 4 until event 1" in events["event-3"]["text"]["text"]
    path = tmp_path / "timeline.json"
    assert sample.to_timelinejs(path) == doc
    assert json.loads(path.read_text(encoding="utf-8")) == doc


def test_timelinejs_escapes_article_markup():
    doc = hostile_timeline().to_timelinejs()
    text = json.dumps(doc)
    assert "<script" not in text and "<img" not in text and "<a " not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in doc["title"]["text"]["headline"]
    assert PWN not in text
