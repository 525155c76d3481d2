"""TimeML reading and writing: offsets into the plain text, entities, DCT, round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import shared

from timeline.api import Timeline
from timeline.output.timeml import (
    GoldTimex,
    TimeMLDocument,
    is_timex3_value,
    parse_timex_date,
    read_timeml,
    to_timeml,
)
from timeline.types import Anchor, Article, Expression, Grain, Mention, Reading, TimeValue

SHARED = shared()

SAMPLE = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>demo_001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2009-03-06" temporalFunction="false" functionInDocument="CREATION_TIME">March 6, 2009</TIMEX3></DCT>
<TITLE>Not scored <TIMEX3 tid="t99" type="DATE" value="2009">2009</TIMEX3></TITLE>
<TEXT>
The mill <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2009-03-05" temporalFunction="true" anchorTimeID="t0">yesterday</TIMEX3>, Smith &amp; Sons <EVENT eid="e2" class="REPORTING">said</EVENT>.
It had run <SIGNAL sid="s1">for</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P30Y" mod="APPROX">about 30 years</TIMEX3> &lt;a record&gt;.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""

PLAIN = (
    "\nThe mill closed yesterday, Smith & Sons said.\n"
    "It had run for about 30 years <a record>.\n"
)


def test_reads_plain_text_and_offsets() -> None:
    doc = read_timeml(SAMPLE)
    assert isinstance(doc, TimeMLDocument)
    assert doc.doc_id == "demo_001"
    assert doc.text == PLAIN
    assert doc.published == dt.date(2009, 3, 6)
    assert [g.text for g in doc.gold] == ["yesterday", "about 30 years"]
    for g in doc.gold:
        assert doc.text[g.char_start : g.char_end] == g.text
    first = doc.gold[0]
    assert first == GoldTimex(
        char_start=PLAIN.index("yesterday"),
        char_end=PLAIN.index("yesterday") + len("yesterday"),
        text="yesterday",
        type="DATE",
        value="2009-03-05",
        tid="t1",
        mod=None,
        anchor_tid="t0",
        temporal_function=True,
        function_in_document=None,
    )
    second = doc.gold[1]
    assert (second.type, second.value, second.mod, second.tid) == ("DURATION", "P30Y", "APPROX", "t2")
    assert second.anchor_tid is None and second.temporal_function is None


def test_title_timex_is_not_gold() -> None:
    doc = read_timeml(SAMPLE)
    assert "t99" not in {g.tid for g in doc.gold}


def test_reads_a_path_and_a_path_string(tmp_path: Path) -> None:
    file = tmp_path / "demo.tml"
    file.write_text(SAMPLE, encoding="utf-8")
    assert read_timeml(file) == read_timeml(SAMPLE)
    assert read_timeml(str(file)) == read_timeml(SAMPLE)
    assert read_timeml(SAMPLE.encode("utf-8")) == read_timeml(SAMPLE)


def test_doc_id_falls_back_to_file_stem(tmp_path: Path) -> None:
    file = tmp_path / "story_7.tml"
    file.write_text("<TimeML><TEXT>Nothing dated here.</TEXT></TimeML>", encoding="utf-8")
    doc = read_timeml(file)
    assert doc.doc_id == "story_7"
    assert doc.published is None
    assert doc.gold == ()
    assert read_timeml("<TimeML><TEXT>x</TEXT></TimeML>").doc_id == ""


def test_declared_encoding_in_a_str_is_accepted() -> None:
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<TimeML><TEXT>Caf\u00e9 <TIMEX3 tid="t1" type="DATE" value="2001">2001</TIMEX3></TEXT></TimeML>'
    doc = read_timeml(xml)
    assert doc.text == "Caf\u00e9 2001"
    assert doc.gold[0].char_start == 5


def test_nested_tags_keep_offsets() -> None:
    xml = (
        "<TimeML><TEXT>A <EVENT eid='e1'>raid <TIMEX3 tid='t1' type='TIME' value='2001-01-01TNI'>"
        "that <SIGNAL sid='s1'>very</SIGNAL> night</TIMEX3></EVENT> ended.<!-- note --> "
        "<TIMEX3 tid='t2' type='DATE' value='PRESENT_REF'>Now</TIMEX3></TEXT></TimeML>"
    )
    doc = read_timeml(xml)
    assert doc.text == "A raid that very night ended. Now"
    assert [(g.text, g.type) for g in doc.gold] == [("that very night", "TIME"), ("Now", "DATE")]
    assert all(doc.text[g.char_start : g.char_end] == g.text for g in doc.gold)


def test_dct_with_clock_time_and_creation_time_fallback() -> None:
    with_time = read_timeml(
        '<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="1998-02-27T13:45">x</TIMEX3></DCT>'
        "<TEXT>t</TEXT></TimeML>"
    )
    assert with_time.published == dt.datetime(1998, 2, 27, 13, 45)
    fallback = read_timeml(
        '<TimeML><TIMEX3 tid="t0" type="DATE" value="2014-10-14" functionInDocument="CREATION_TIME">'
        "x</TIMEX3><TEXT>t</TEXT></TimeML>"
    )
    assert fallback.published == dt.date(2014, 10, 14)
    unreadable = read_timeml(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="XXXX-XX-XX">x</TIMEX3></DCT>'
        "<TEXT>t</TEXT></TimeML>"
    )
    assert unreadable.published is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-01-08", dt.date(1998, 1, 8)),
        ("1998-01-08T18:30", dt.datetime(1998, 1, 8, 18, 30)),
        ("1998-01-08T18:30:15", dt.datetime(1998, 1, 8, 18, 30, 15)),
        (" 2014-10-14 ", dt.date(2014, 10, 14)),
        ("1998-02-30", None),
        ("1998-W02", None),
        ("PRESENT_REF", None),
        ("1998", None),
    ],
)
def test_parse_timex_date(value: str, expected: object) -> None:
    assert parse_timex_date(value) == expected


@pytest.mark.parametrize(
    "xml",
    ["<TimeML><TEXT>open", "<TimeML><DCT/></TimeML>", "<TimeML><TEXT>a &bogus; b</TEXT></TimeML>"],
)
def test_bad_documents_raise_value_error(xml: str) -> None:
    with pytest.raises(ValueError):
        read_timeml(xml)


def test_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_timeml(tmp_path / "absent.tml")


# --- writing ---------------------------------------------------------------------------------


def _expression(text: str, phrase: str, kind: str, value: str, index: int, *, anchor: Anchor = Anchor.PUBLICATION,
                mod: str | None = None, occurrence: int = 0) -> Expression:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    mention = Mention(start, start + len(phrase), phrase, kind, Reading(kind="relative"), "test")
    time = TimeValue(kind, value, grain=Grain.DAY, mod=mod)
    return Expression(mention, time, anchor, index)


def _timeline(text: str, published: dt.date | dt.datetime | None, expressions: list[Expression]) -> Timeline:
    return Timeline(
        article=Article(text, published=published, source="unit & test"),
        sentences=(),
        expression_list=tuple(expressions),
        event_list=(),
    )


TRICKY = 'Q&A <b> "quoted" \u00e9t\u00e9 \U0001F600\r\nOn Monday, 3 < 4; on Monday again\x0c.'


def test_round_trip_preserves_text_offsets_and_attributes(tmp_path: Path) -> None:
    expressions = [
        _expression(TRICKY, "Monday", "DATE", "2016-01-11", 0),
        _expression(TRICKY, "Monday", "DATE", "2016-01-11", 1, anchor=Anchor.on_expression(0), mod="START", occurrence=1),
    ]
    tl = _timeline(TRICKY, dt.date(2016, 1, 15), expressions)
    path = tmp_path / "out.tml"
    written = to_timeml(tl, path)
    assert path.read_bytes().decode("utf-8") == written
    doc = read_timeml(path)
    assert doc.text == TRICKY.replace("\x0c", " ")  # XML 1.0 cannot carry a form feed
    assert doc.published == dt.date(2016, 1, 15)
    assert doc.doc_id == "unit & test"
    assert [(g.char_start, g.char_end) for g in doc.gold] == [
        (e.mention.char_start, e.mention.char_end) for e in expressions
    ]
    assert [(g.type, g.value, g.mod) for g in doc.gold] == [
        ("DATE", "2016-01-11", None),
        ("DATE", "2016-01-11", "START"),
    ]
    assert [g.anchor_tid for g in doc.gold] == ["t0", "t1"]
    assert [g.tid for g in doc.gold] == ["t1", "t2"]


def test_round_trip_of_datetime_and_missing_publication() -> None:
    text = "Trading stopped at 3 p.m. today."
    tl = _timeline(text, dt.datetime(2001, 9, 11, 9, 30, 5, 123),
                   [_expression(text, "3 p.m. today", "TIME", "2001-09-11T15:00", 0)])
    doc = read_timeml(to_timeml(tl))
    assert doc.published == dt.datetime(2001, 9, 11, 9, 30, 5)
    assert doc.gold[0].text == "3 p.m. today"
    undated = read_timeml(to_timeml(_timeline(text, None, [])))
    assert undated.published is None
    assert undated.text == text
    assert undated.gold == ()


def test_overlapping_and_out_of_range_expressions_are_left_out() -> None:
    text = "last Monday morning"
    outer = _expression(text, "last Monday morning", "TIME", "2016-01-11TMO", 0)
    inner = _expression(text, "Monday", "DATE", "2016-01-11", 1)
    broken = Expression(Mention(10, 99, "x", "DATE", Reading(kind="absolute"), "t"),
                        TimeValue("DATE", "2016"), Anchor.ABSOLUTE, 2)
    doc = read_timeml(to_timeml(_timeline(text, dt.date(2016, 1, 15), [inner, outer, broken])))
    assert [g.text for g in doc.gold] == ["last Monday morning"]


def test_timeline_method_delegates_to_to_timeml() -> None:
    text = "It rained on 4 July 1976."
    tl = _timeline(text, dt.date(1976, 7, 5), [_expression(text, "4 July 1976", "DATE", "1976-07-04", 0, anchor=Anchor.ABSOLUTE)])
    assert tl.to_timeml() == to_timeml(tl)
    gold = read_timeml(tl.to_timeml()).gold[0]
    assert gold.anchor_tid is None and gold.temporal_function is False


# --- real corpus -----------------------------------------------------------------------------


def test_reads_a_real_tempeval_file() -> None:
    corpus = SHARED / "corpora" / "tempeval3-train"
    files = sorted(corpus.rglob("*.tml")) if corpus.is_dir() else []
    if not files:
        pytest.skip("TempEval-3 corpus not present (../shared is only on the developers' machines)")
    for file in files[:5]:
        doc = read_timeml(file)
        raw = file.read_text(encoding="utf-8")
        assert doc.doc_id
        assert doc.published is not None
        assert doc.gold
        assert "<TIMEX3" not in doc.text and "<EVENT" not in doc.text
        for g in doc.gold:
            assert doc.text[g.char_start : g.char_end] == g.text
            assert g.type in {"DATE", "TIME", "DURATION", "SET"}
            assert f'tid="{g.tid}"' in raw


@pytest.mark.parametrize(
    "value",
    ["2016", "2016-01", "2016-01-09", "2016-W02", "2016-W02-WE", "2016-Q1", "2016-H2", "2015-SU", "199",
     "19", "2016-01-09T15:00", "2016-01-09T15:00:30", "2016-01-09TEV", "P6M", "PT3H", "PTXH", "P20Y",
     "P1DT2H", "PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-WXX-4", "XXXX-XX-XX", "XXXX-XX-XXTMO",
     "XXXX-SU", "XXXX", "XXXX-12-25", "XXXX-WXX-WE", "P1W", "P2W", "XXXX-XX-XXT15:00", "P1E", "P1DE", "PXC",
     "P2L", "P1Q", "199X", "19XX", "2013-03-20T22:00+0730", "1989-10-27T24", "P2Y6M", "P1DT12H"],
)
def test_validator_accepts_timex3_values(value: str) -> None:
    assert is_timex3_value(value)


@pytest.mark.parametrize(
    "value", ["", "2016-1-9", "20160109", "yesterday", "P", "PT", "2016-W", "2016-Q5", "2016-XX-XX-XX",
              "nan", "None", "2016-01-09T", "T15:00", "P6", "2016-01-09 15:00",
              # notations of annotated corpora that TIMEX3 does not have
              "2014-05-16-WXX-5", "P2H", "2015 INTERSECT P1D", "2000-W7", "PXX", "TMO", "THIS XXXX-WXX-5",
              "P1Y-#1", "2014-05-W21", "XXXX-WE"],
)
def test_validator_rejects_non_values(value: str) -> None:
    assert not is_timex3_value(value)
