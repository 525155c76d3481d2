"""The tables are assembled from blocks on pandas 3: same frames as the plain constructor."""

from __future__ import annotations

import pandas as pd
import pytest

import timeline
from timeline.output import table
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS, events_frame, expressions_frame

ARTICLE = (
    "The minister resigned on Thursday, two days after the vote. Police said the suspect was "
    "recaptured on Jan. 8, 2016, six months after he escaped. The trial will open next week. "
    "She said she had worked there for several years. Officials might quit."
)


@pytest.fixture(scope="module")
def built() -> timeline.Timeline:
    return timeline.build(ARTICLE, published="2016-01-15")


def test_frames_equal_the_constructor_path(built: timeline.Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_events = events_frame(built.event_list)
    fast_expressions = expressions_frame(built.expression_list)
    assert len(fast_events) >= 4 and len(fast_expressions) >= 4
    monkeypatch.setattr(table, "_from_blocks", None)
    pd.testing.assert_frame_equal(fast_events, events_frame(built.event_list), check_exact=True)
    pd.testing.assert_frame_equal(fast_expressions, expressions_frame(built.expression_list), check_exact=True)


def test_dtypes_and_order_are_the_declared_ones(built: timeline.Timeline) -> None:
    for frame, columns in ((built.events, EVENT_COLUMNS), (built.expressions, EXPRESSION_COLUMNS)):
        assert list(frame.columns) == list(columns)
        assert [str(d) for d in frame.dtypes] == [str(pd.Series([], dtype=d).dtype) for d in columns.values()]
        assert isinstance(frame.index, pd.RangeIndex) and frame.index.equals(pd.RangeIndex(len(frame)))


def test_missing_text_reads_as_missing(built: timeline.Timeline) -> None:
    events = timeline.build("The minister resigned. Police arrested him.").events  # no date at all
    undated = events[events["start"].isna()]
    assert len(undated) > 0
    assert undated["value"].isna().all()
    assert events["note"].isna().any()


def test_empty_tables() -> None:
    for frame, columns in ((events_frame(()), EVENT_COLUMNS), (expressions_frame(()), EXPRESSION_COLUMNS)):
        assert frame.shape == (0, len(columns))
        assert list(frame.columns) == list(columns)


def test_frames_do_not_share_their_column_index(built: timeline.Timeline) -> None:
    first = events_frame(built.event_list)
    first.columns.name = "renamed"
    second = events_frame(built.event_list)
    assert second.columns.name is None


def test_a_frame_can_be_written_without_touching_another(built: timeline.Timeline) -> None:
    first = events_frame(built.event_list)
    second = events_frame(built.event_list)
    first.loc[0, "event_id"] = 999
    first.loc[0, "confidence"] = 0.01
    assert second.loc[0, "event_id"] != 999 and second.loc[0, "confidence"] != 0.01
    assert first["char_start"].equals(second["char_start"])


def test_one_name_for_one_thing_in_both_tables(built: timeline.Timeline) -> None:
    """Issue 14: ``sentence`` is the sentence text and ``sentence_index`` its position, in both."""
    texts = [s.text for s in built.sentences]
    for frame in (built.events, built.expressions):
        assert frame["sentence_index"].dtype == "int64"
        assert [texts[i] for i in frame["sentence_index"]] == frame["sentence"].tolist()
    first = built.expressions.iloc[0]
    assert first["sentence"][first["char_start"] - built.sentences[first["sentence_index"]].char_start:].startswith(
        first["text"]
    )


def test_expressions_without_their_sentences_leave_the_text_missing(built: timeline.Timeline) -> None:
    frame = expressions_frame(built.expression_list)
    assert frame["sentence"].isna().all() and frame["sentence_index"].equals(built.expressions["sentence_index"])
