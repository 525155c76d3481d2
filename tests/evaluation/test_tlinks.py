"""Gold event dates read from TimeML TLINKs (timeline.evaluation.tlinks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import shared

from timeline.evaluation.events import evaluate_events, read_event_folder
from timeline.evaluation.tlinks import event_dates_from_timeml, read_timeml_event_dates
from timeline.output.timeml import read_timeml

_DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-01-15" temporalFunction="false" functionInDocument="CREATION_TIME">2016-01-15</TIMEX3></DCT>
<TEXT>The mayor <EVENT eid="e1" class="OCCURRENCE">resigned</EVENT> <TIMEX3 tid="t1" type="DATE" value="2016-01-14">Thursday</TIMEX3>, officials <EVENT eid="e2" class="REPORTING">said</EVENT>. He was <EVENT eid="e3" class="OCCURRENCE">elected</EVENT> in <TIMEX3 tid="t2" type="DATE" value="2012">2012</TIMEX3> and <EVENT eid="e4" class="OCCURRENCE">served</EVENT> for <TIMEX3 tid="t3" type="DURATION" value="P4Y">four years</TIMEX3>; the <EVENT eid="e5" class="OCCURRENCE">vote</EVENT> took place in <TIMEX3 tid="t4" type="DATE" value="2012-11">November</TIMEX3>.</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1" tense="PAST"/>
<MAKEINSTANCE eiid="ei2" eventID="e2" tense="PAST"/>
<MAKEINSTANCE eiid="ei3" eventID="e3" tense="PAST"/>
<MAKEINSTANCE eiid="ei4" eventID="e4" tense="PAST"/>
<MAKEINSTANCE eiid="ei5" eventID="e5" tense="NONE"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t2"/>
<TLINK lid="l4" relType="DURING" eventInstanceID="ei4" relatedToTime="t3"/>
<TLINK lid="l5" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t2"/>
<TLINK lid="l6" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t4"/>
<TLINK lid="l7" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_events_linked_inside_a_calendar_date_are_gold_mentions() -> None:
    document = event_dates_from_timeml(read_timeml(_DOC))
    assert document is not None
    assert document.published == dt.date(2016, 1, 15)
    gold = {m.word: m.date for m in document.mentions}
    # a link written from the time's side counts; a duration or a BEFORE link does not; of two
    # nested dates the narrower wins
    assert gold == {"resigned": "2016-01-14", "said": "2016-01-15", "elected": "2012",
                    "vote": "2012-11"}
    resigned = next(m for m in document.mentions if m.word == "resigned")
    assert document.text[resigned.spans[0][0]:resigned.spans[0][1]] == "resigned"


def test_links_to_dates_that_do_not_nest_leave_the_event_out() -> None:
    doc = _DOC.replace('relatedToTime="t4"', 'relatedToTime="t1"')
    document = event_dates_from_timeml(read_timeml(doc))
    assert document is not None
    assert "vote" not in {m.word for m in document.mentions}


def test_a_folder_of_timeml_files_is_scored_like_an_event_dates_folder(tmp_path: Path) -> None:
    sub = tmp_path / "part"
    sub.mkdir()
    (sub / "demo.tml").write_text(_DOC, encoding="utf-8")
    (tmp_path / "no_dct.tml").write_text(_DOC.replace("CREATION_TIME", "NONE").replace(
        "<DCT>", "<X>").replace("</DCT>", "</X>"), encoding="utf-8")
    documents = read_event_folder(tmp_path)
    assert [d.doc_id for d in documents] == ["demo"]  # no publication date: skipped
    result = evaluate_events("demo", documents)
    assert result.counts.mentions == 4
    assert result.counts.exact >= 2  # "resigned" on Thursday and "elected" in 2012 at least
    assert read_timeml_event_dates(tmp_path) == documents


def test_tempeval3_links_score_above_the_publication_day_baseline() -> None:
    corpus = shared("corpora", "tempeval3-train")
    if not corpus.is_dir():
        pytest.skip("../shared/corpora/tempeval3-train is not here")
    documents = read_event_folder(corpus)
    result = evaluate_events("tempeval3-train", documents[:60])
    counts = result.counts
    assert counts.mentions > 300
    assert counts.exact > counts.baseline_exact
