"""The typed protocol between the stages: reading kinds, anchors and the resolvers of kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.scan import find_mentions
from timeline.resolve.anchor import decide_context
from timeline.resolve.context import Context
from timeline.resolve.resolvers import RESOLVERS
from timeline.text.sentences import split_sentences
from timeline.types import READING_KINDS, Anchor, Expression, Mention, Reading, TimeValue


def test_every_reading_kind_has_its_resolver() -> None:
    assert set(RESOLVERS) == set(READING_KINDS)


def test_an_unknown_reading_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown Reading kind 'tomorrowish'"):
        Reading("tomorrowish")  # type: ignore[arg-type]


def test_flags_are_fields_not_values() -> None:
    reading = Reading("offset", unit="day", amount=2.0, direction="before", deictic=True)
    assert reading.deictic and not reading.anaphoric and reading.value is None


@pytest.mark.parametrize(
    ("anchor", "shown"),
    [
        (Anchor.PUBLICATION, "publication"),
        (Anchor.ABSOLUTE, "absolute"),
        (Anchor.EVENT, "event"),
        (Anchor.UNRESOLVED, "unresolved"),
        (Anchor.INVALID, "invalid date"),
        (Anchor.STORY_ERA, "story (BC)"),
        (Anchor.on_expression(3), "expression 3"),
    ],
)
def test_an_anchor_reads_in_the_table_as_before(anchor: Anchor, shown: str) -> None:
    assert str(anchor) == shown


def test_an_expression_takes_an_anchor_value_not_a_string() -> None:
    mention = Mention(0, 5, "today", "DATE", Reading("relative", unit="day", offset=0), "r")
    with pytest.raises(TypeError):
        Expression(mention, TimeValue("DATE", "2016-01-15"), "publication")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown Anchor kind"):
        Anchor("yesterday")  # type: ignore[arg-type]


def test_the_document_context_is_decided_once_with_its_notes() -> None:
    text = "WASHINGTON, Jan. 15, 2016 (AP) — The minister resigned yesterday."
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences)
    context, notes = decide_context(text, sentences, mentions, None)
    assert context == Context(dt.date(2016, 1, 15), "news", dateline=True)
    assert context.day == dt.date(2016, 1, 15)
    assert notes == ("publication date 2016-01-15 read from the dateline",)
    given, none = decide_context(text, sentences, mentions, dt.datetime(2016, 1, 16, 9, 30), "narrative")
    assert (given.mode, given.dateline, given.day, none) == ("narrative", False, dt.date(2016, 1, 16), ())


def test_a_context_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode must be 'news' or 'narrative'"):
        Context(None, "auto")  # type: ignore[arg-type]
