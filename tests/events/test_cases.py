"""Events and event-anchored dates: the cases in ``tests/events/cases/*.json`` plus unit tests.

Each case is a sentence or two with its time expressions marked up (``tests/events/events_markup.py``
builds the resolved expressions the resolver would return) and the events expected from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import shared
from events_markup import parse_markup  # noqa: E402
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import build_events  # noqa: E402
from timeline.events.clauses import SentenceAnalysis  # noqa: E402
from timeline.events.tokens import tokenize  # noqa: E402
from timeline.events.triggers import event_for_span  # noqa: E402
from timeline.events.words import stem  # noqa: E402
from timeline.resolve.anchor import detect_mode  # noqa: E402
from timeline.resolve.context import Context  # noqa: E402
from timeline.text.sentences import split_sentences  # noqa: E402
from timeline.types import Anchor, Event, Expression, Mention, Reading, TimeValue  # noqa: E402

CASES_DIR = Path(__file__).resolve().parent / "cases"
# ../shared next to the checkout, or one level further up for a git worktree
SEED = shared("seeds", "000_97afb06ab074d6df.txt")


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


CASES = _load_cases()


def _further_mention(event: Event) -> bool:
    """A row for a further mention of an event told before ("his resignation" after
    "resigned"): dated as that event."""
    return event.note is not None and "another mention of event" in event.note


def _find(events: tuple[Event, ...], expected: dict[str, Any], used: set[int]) -> Event:
    # an event's own row first, then the rows of further mentions
    for event in sorted(events, key=_further_mention):
        if event.event_id in used or event.trigger.lower() != expected["trigger"].lower():
            continue
        if "phrase" in expected and event.phrase != expected["phrase"]:
            continue
        used.add(event.event_id)
        return event
    raise AssertionError(
        f"no event with trigger {expected['trigger']!r}"
        + (f" and phrase {expected['phrase']!r}" if "phrase" in expected else "")
        + f" in {[(e.trigger, e.phrase) for e in events]}"
    )


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


def _undated(expressions: tuple[Expression, ...], published: dt.date | None = None) -> Context:
    """The publication date (none by default) and the mode the expressions decide (as
    ``timeline.build`` would)."""
    return Context(published, detect_mode(tuple(e.mention for e in expressions), published))  # type: ignore[arg-type]


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict[str, Any]) -> None:
    text, sentences, expressions = parse_markup(case["text"])
    events = build_events(text, sentences, expressions, _undated(expressions))
    # invariants of every result
    assert [e.event_id for e in events] == list(range(1, len(events) + 1))
    assert [e.char_start for e in events] == sorted(e.char_start for e in events)
    for event in events:
        assert event.phrase
        # char_start/char_end are the trigger's exact span; the phrase holds the trigger
        assert text[event.char_start:event.char_end] == event.trigger
        assert event.trigger in event.phrase
        assert event.sentence_text == sentences[event.sentence].text
        if event.time is not None and event.time.start is not None:
            assert event.time.end is not None and event.time.start < event.time.end
    if "count" in case:  # events, not mentions: further mentions of an event have rows too
        own = [e for e in events if not _further_mention(e)]
        assert len(own) == case["count"], [(e.trigger, e.phrase) for e in own]
    for event in events:
        if _further_mention(event):  # dated exactly as the event it mentions again
            first = int(event.note.split("another mention of event ")[1].split()[0].rstrip(";"))
            assert event.time == events[first - 1].time
    used: set[int] = set()
    for expected in case["expect"]:
        event = _find(events, expected, used)
        where = f"event {event.event_id} {event.phrase!r}"
        if expected.get("undated"):
            assert event.time is None or event.time.start is None, where
        if "value" in expected:
            assert event.time is not None, where
            assert event.time.value == expected["value"], where
        if "start" in expected:
            assert event.time is not None and _iso(event.time.start) == expected["start"], (
                where, event.time)
        if "end" in expected:
            assert event.time is not None and _iso(event.time.end) == expected["end"], (
                where, event.time)
        if "approximate" in expected:
            assert event.time is not None and event.time.approximate == expected["approximate"], (
                where, event.time)
        if "dated_by" in expected:
            assert event.dated_by == expected["dated_by"], where
        if "derived" in expected:
            assert event.derived_from is not None and expected["derived"] in event.derived_from, (
                where, event.derived_from)
        if "note" in expected:
            assert event.note is not None and expected["note"] in event.note, (where, event.note)
        if "no_note" in expected:
            assert event.note is None or expected["no_note"] not in event.note, (where, event.note)
        if "duration" in expected:
            assert event.duration == expected["duration"], where
        if "expression" in expected:
            assert event.expression == expected["expression"], where
        if "confidence" in expected:
            assert event.confidence == pytest.approx(expected["confidence"]), where


# --- units ---------------------------------------------------------------------------------


def _analyse(sentence: str) -> SentenceAnalysis:
    return SentenceAnalysis(sentence, 0, len(sentence))


def _segments(sentence: str) -> list[str]:
    analysis = _analyse(sentence)
    out = []
    for segment in analysis.segments:
        tokens = analysis.tokens[segment.lo:segment.hi]
        if tokens:
            out.append(sentence[tokens[0].start:tokens[-1].end])
    return out


def test_split_at_clause_introducing_subordinator_not_at_pp() -> None:
    parts = _segments("The police arrived after a long chase, two hours after the thieves fled.")
    assert parts == ["The police arrived after a long chase, two hours", "the thieves fled"]


def test_relative_clause_closes_at_the_next_comma() -> None:
    parts = _segments("The mayor, who was elected in May, resigned on Friday.")
    assert parts == ["The mayor", "was elected in May", "resigned on Friday"]


def test_split_after_reporting_verb_and_at_semicolon() -> None:
    parts = _segments("Officials said the bridge had collapsed; nobody was hurt.")
    assert parts == ["Officials said", "the bridge had collapsed", "nobody was hurt"]


def test_split_at_and_with_a_new_clause_but_not_at_noun_coordination() -> None:
    assert _segments("The rebels took the town and the army fled.") == [
        "The rebels took the town", "the army fled"]
    assert _segments("Bread and milk were scarce.") == ["Bread and milk were scarce"]


def test_irregular_and_ed_verbs_and_adjectival_participles() -> None:
    analysis = _analyse("The injured man met the doctor and thanked her.")
    heads = [analysis.tokens[g.head].text for g in analysis.groups if g.finite]
    assert heads == ["met", "thanked"]


def test_auxiliary_group_head_is_the_main_verb() -> None:
    analysis = _analyse("The suspect has not yet been charged.")
    heads = [analysis.tokens[g.head].text for g in analysis.groups]
    assert heads == ["charged"]


def test_tokenize_keeps_abbreviations_and_numbers_whole() -> None:
    words = [t.text for t in tokenize("Mr. Smith met him in the U.S. on Oct. 23; 1,000 came at 3:15.")]
    assert words == ["Mr.", "Smith", "met", "him", "in", "the", "U.S.", "on", "Oct.", "23", ";",
                     "1,000", "came", "at", "3:15", "."]
    tokens = tokenize("Café ÉLAN’s vote", 0)
    assert [t.low for t in tokens] == ["café", "élan's", "vote"]
    assert [(t.start, t.end) for t in tokens] == [(0, 4), (5, 11), (12, 16)]


def test_stem_matches_verb_and_noun_mentions() -> None:
    assert stem("recaptured") == stem("recapture")
    assert stem("escaped") == stem("escape")
    assert stem("elected") == stem("election")
    assert stem("met") == stem("meeting")
    assert stem("announced") == stem("announcement")


def test_phrase_span_points_into_the_text() -> None:
    sentence = "Last week the council approved the budget on Monday after a long debate."
    analysis = _analyse(sentence)
    start = sentence.index("Monday")
    exclude = analysis.exclusion([(start, start + 6)])
    found = event_for_span(analysis, start, start + 6, exclude)
    assert found is not None
    assert found.trigger == "approved"
    assert found.phrase == "the council approved the budget after a long debate"
    assert sentence[found.trigger_start:found.trigger_end] == "approved"


def _expression(text: str, span: str, reading: Reading, time: TimeValue, anchor: Anchor,
                index: int, sentence: int) -> Expression:
    start = text.index(span)
    mention = Mention(start, start + len(span), span, time.timex_type, reading, "test", sentence)
    return Expression(mention=mention, time=time, anchor=anchor, index=index)


def test_no_expressions_no_events_and_empty_text() -> None:
    assert build_events("", (), (), Context(None)) == ()
    text = "The minister spoke to reporters."
    # every event is listed; with no date and no publication date it stays undated
    (event,) = build_events(text, split_sentences(text), (), Context(None))
    assert event.trigger == "spoke" and event.time is None and event.dated_by == "none"


def test_events_are_pure_and_repeatable() -> None:
    text, sentences, expressions = parse_markup(CASES[0].values[0]["text"])
    assert build_events(text, sentences, expressions, _undated(expressions)) == build_events(
        text, sentences, expressions, _undated(expressions, dt.date(2016, 1, 15)))


def test_unresolved_dated_expression_gives_an_undated_event() -> None:
    text = "The minister resigned recently."
    reading = Reading(kind="ref", value="PAST_REF")
    expression = _expression(text, "recently", reading, TimeValue("DATE", "PAST_REF"),
                             Anchor.PUBLICATION, 0, 0)
    (event,) = build_events(text, split_sentences(text), (expression,), _undated((expression,)))
    assert event.trigger == "resigned"
    assert event.time is not None and event.time.value == "PAST_REF"
    assert event.confidence < 0.9


def test_anchored_expression_without_signal_is_a_duration() -> None:
    text = "The talks lasted two days in May."
    anchored = Reading(kind="anchored", amount=2, unit="day", direction="after")
    may = dt.datetime(2016, 5, 1)
    expressions = (
        _expression(text, "two days", anchored, TimeValue("DURATION", "P2D"), Anchor.EVENT, 0, 0),
        _expression(text, "May", Reading(kind="absolute", month=5),
                    TimeValue("DATE", "2016-05", may, dt.datetime(2016, 6, 1)), Anchor.PUBLICATION, 1, 0),
    )
    talks, lasted = build_events(text, split_sentences(text), expressions, _undated(expressions))
    assert talks.trigger == "talks" and lasted.trigger == "lasted"
    assert lasted.duration == "P2D"
    assert lasted.time is not None and lasted.time.value == "2016-05"


# --- the seed article (read from ../shared when present) -----------------------------------


def _seed_expressions(text: str) -> tuple[Expression, ...]:
    sentences = split_sentences(text)

    def sentence_of(start: int) -> int:
        return max(s.index for s in sentences if s.char_start <= start)

    out = []
    specs = [
        ("Thursday", Reading(kind="weekday", weekday=4),
         TimeValue("DATE", "2016-01-14", dt.datetime(2016, 1, 14), dt.datetime(2016, 1, 15)),
         Anchor.PUBLICATION),
        ("October, last year", Reading(kind="month_relative", month=10),
         TimeValue("DATE", "2015-10", dt.datetime(2015, 10, 1), dt.datetime(2015, 11, 1)),
         Anchor.PUBLICATION),
        ("several hours", Reading(kind="duration", unit="hour"), TimeValue("DURATION", "PTXH"),
         Anchor.ABSOLUTE),
        ("January 9th", Reading(kind="absolute", month=1, day=9, year_from_anchor=True),
         TimeValue("DATE", "2016-01-09", dt.datetime(2016, 1, 9), dt.datetime(2016, 1, 10)),
         Anchor.PUBLICATION),
        ("a day", Reading(kind="anchored", amount=1, unit="day", direction="after"),
         TimeValue("DURATION", "P1D"), Anchor.EVENT),
        ("6 months", Reading(kind="anchored", amount=6, unit="month", direction="after"),
         TimeValue("DURATION", "P6M"), Anchor.EVENT),
    ]
    for index, (span, reading, time, anchor) in enumerate(specs):
        start = text.index(span)
        mention = Mention(start, start + len(span), span, time.timex_type, reading, "seed",
                          sentence_of(start))
        out.append(Expression(mention=mention, time=time, anchor=anchor, index=index))
    return tuple(out)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not available")
def test_seed_article_events() -> None:
    text = SEED.read_text(encoding="utf-8")
    events = build_events(text, split_sentences(text), _seed_expressions(text), _undated(_seed_expressions(text)))
    # every event is listed now: index each trigger by its firmest mention
    by_trigger = {e.trigger: e for e in sorted(events, key=lambda e: e.confidence)}
    assert by_trigger["interview"].time.value == "2016-01-14"  # type: ignore[union-attr]
    assert by_trigger["met"].phrase == "the actor met with Mr. Guzmán secretly"
    assert by_trigger["published"].phrase == "The magazine published the article online"
    recapture = by_trigger["recaptured"]
    assert recapture.phrase == "the drug leader was recaptured in his home state"
    assert recapture.time is not None and recapture.time.value == "2016-01-08"
    assert recapture.dated_by == "anchored"
    assert recapture.derived_from == f"event {by_trigger['published'].event_id} - 1 day"
    escape = by_trigger["escaped"]
    assert escape.time is not None and escape.time.value == "2015-07"
    assert escape.time.grain is not None and escape.time.grain.value == "month"
    assert escape.time.approximate
    assert escape.derived_from == f"event {recapture.event_id} - 6 months (approximate)"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not available")
def test_seed_article_through_build() -> None:
    import timeline

    text = SEED.read_text(encoding="utf-8")
    result = timeline.build(text, published="2016-01-15")
    if not result.expression_list:
        pytest.skip("the resolver does not return expressions yet")
    triggers = {e.trigger: e for e in sorted(result.event_list, key=lambda e: e.confidence)}
    assert "published" in triggers
    published = triggers["published"]
    assert published.time is not None and published.time.value == "2016-01-09"
    if "recaptured" in triggers and triggers["recaptured"].time is not None:
        assert triggers["recaptured"].time.value == "2016-01-08"


# --- the same shapes through the whole pipeline (extractor and resolver included) -----------


def _load_build_cases() -> list[Any]:
    path = CASES_DIR / "build" / "through_build.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [pytest.param(case, id=f"build: {case['name']}") for case in data["cases"]]


@pytest.mark.parametrize("case", _load_build_cases())
def test_case_through_build(case: dict[str, Any]) -> None:
    import timeline

    result = timeline.build(case["text"], published=case["published"])
    if not result.expression_list:
        pytest.skip("the extractor finds no expressions yet")
    events = result.event_list
    used: set[int] = set()
    for expected in case["expect"]:
        event = _find(events, expected, used)
        where = f"event {event.event_id} {event.phrase!r}"
        if "value" in expected:
            assert event.time is not None and event.time.value == expected["value"], (where, event.time)
        if "start" in expected:
            assert event.time is not None and _iso(event.time.start) == expected["start"], where
        if "end" in expected:
            assert event.time is not None and _iso(event.time.end) == expected["end"], where
        if "approximate" in expected:
            assert event.time is not None and event.time.approximate == expected["approximate"]
        if "derived" in expected:
            assert event.derived_from is not None and expected["derived"] in event.derived_from, (
                where, event.derived_from)
        if "note" in expected:
            assert event.note is not None and expected["note"] in event.note, (where, event.note)


# --- robustness: any text, any expressions -------------------------------------------------

_WORDS = ["the", "vote", "was", "held", "after", "before", "since", "until", "shortly", "and",
          "he", "escaped", "said", "that", "a", "day", "two", "days", "later", "of", "within",
          "on", "Tuesday", "in", "May", ",", ";", ".", "“", "”", "Mr.", "Oct.", "23", "1,000",
          "met", "his", "recapture", "for", "hours", "which", "who", "when", "as", "to", "meet"]


def _reading(kind: int, amount: int, unit: str, direction: str) -> tuple[Reading, TimeValue, Anchor]:
    day = dt.datetime(2016, 5, 2)
    if kind == 0:
        return (Reading(kind="absolute"),
                TimeValue("DATE", "2016-05-02", day, day + dt.timedelta(days=1)), Anchor.PUBLICATION)
    if kind == 1:
        return (Reading(kind="anchored", amount=float(amount), unit=unit, direction=direction),
                TimeValue("DURATION", "P1D"), Anchor.EVENT)
    if kind == 2:
        return (Reading(kind="relative", unit=unit, offset=amount - 3),
                TimeValue("DATE", "XXXX-XX-XX"), Anchor.UNRESOLVED)
    if kind == 3:
        return (Reading(kind="offset", amount=float(amount), unit=unit, direction=direction,
                        anaphoric=True), TimeValue("DATE", "XXXX"), Anchor.on_expression(0))
    return (Reading(kind="duration", unit=unit), TimeValue("DURATION", "PXD"), Anchor.ABSOLUTE)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(1, 3), st.integers(0, 4),
                       st.integers(0, 7), st.sampled_from(["day", "week", "month", "year", "hour"]),
                       st.sampled_from(["after", "before"])), max_size=5),
)
def test_any_text_and_expressions_give_consistent_events(
    words: list[str], marks: list[tuple[int, int, int, int, str, str]]
) -> None:
    text = " ".join(words)
    starts = []
    position = 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    sentences = split_sentences(text)
    expressions = []
    taken: set[int] = set()
    for first, length, kind, amount, unit, direction in sorted(marks):
        if first >= len(words) or any(i in taken for i in range(first, first + length)):
            continue
        last = min(len(words), first + length) - 1
        taken.update(range(first, last + 1))
        start, end = starts[first], starts[last] + len(words[last])
        reading, time, anchor = _reading(kind, amount, unit, direction)
        sentence = max((s.index for s in sentences if s.char_start <= start), default=0)
        mention = Mention(start, end, text[start:end], time.timex_type, reading, "fuzz", sentence)
        expressions.append(Expression(mention=mention, time=time, anchor=anchor,
                                      index=len(expressions)))
    events = build_events(text, sentences, tuple(expressions), _undated(tuple(expressions)))
    assert [e.event_id for e in events] == list(range(1, len(events) + 1))
    for event in events:
        assert 0 <= event.char_start < event.char_end <= len(text)
        assert event.trigger in text[event.char_start:event.char_end]
        if event.time is not None and event.time.start is not None and event.time.end is not None:
            assert event.time.start < event.time.end
        if event.derived_from is not None:
            for number in (int(n) for n in re.findall(r"event (\d+)", event.derived_from)):
                assert 1 <= number <= len(events)
