"""Dating the events that carry no time expression (sentence, narrative, tense) and the
events that must stay undated; the dev set in ``tests/event_dating/``; properties.

Sentences are marked up as in ``tests/events_markup.py`` (``[[span|spec]]``) and run through
:func:`timeline.events.build_events`; a few run through :func:`timeline.build`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events_markup import parse_markup  # noqa: E402

import timeline  # noqa: E402
from timeline.events import CONFIDENCE, build_events, firm  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402
from timeline.types import Event, Expression, Mention, Reading, TimeValue  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_97afb06ab074d6df.txt"
PUBLISHED = dt.date(2016, 3, 10)  # a Thursday
DAY = dt.datetime(2016, 3, 10)


def _events(marked: str, published: dt.date | None = PUBLISHED, mode: str = "news",
            **options: float | bool) -> tuple[Event, ...]:
    text, sentences, expressions = parse_markup(marked)
    return build_events(text, sentences, expressions, published, mode=mode, **options)


def _one(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.lower() == trigger.lower()]
    assert len(found) == 1, [(e.trigger, e.phrase) for e in events]
    return found[0]


def _undated(event: Event) -> bool:
    return event.time is None or event.time.start is None


# --- tense relative to publication ---------------------------------------------------------


def test_past_reporting_verb_is_on_or_just_before_publication() -> None:
    said = _one(_events("The mayor said the budget was balanced."), "said")
    assert said.dated_by == "tense"
    assert said.confidence == pytest.approx(CONFIDENCE["tense"])
    assert said.time is not None and said.time.approximate
    assert (said.time.start, said.time.end) == (DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=1))


def test_present_reporting_verb_is_at_publication() -> None:
    says = _one(_events("Boeing says the jet is safe."), "says")
    assert says.dated_by == "tense"
    assert says.time is not None and (says.time.start, says.time.end) == (DAY, DAY + dt.timedelta(days=1))


def test_present_perfect_is_an_open_interval_before_publication() -> None:
    event = _one(_events("The minister has resigned."), "resigned")
    assert event.dated_by == "tense"
    assert event.time is not None
    assert event.time.value == "PAST_REF" and event.time.mod == "BEFORE"
    assert event.time.end == DAY + dt.timedelta(days=1)
    assert event.time.end - event.time.start > dt.timedelta(days=300)
    assert event.confidence == pytest.approx(CONFIDENCE["open"])
    assert event.note is not None and "before publication" in event.note


def test_future_is_an_open_interval_after_publication() -> None:
    event = _one(_events("The council will vote on the plan."), "vote")
    assert event.dated_by == "tense"
    assert event.time is not None and event.time.value == "FUTURE_REF"
    assert event.time.start == DAY and event.time.end - event.time.start > dt.timedelta(days=300)


def test_intention_verbs_name_the_infinitive_as_a_future_event() -> None:
    event = _one(_events("The merger is expected to close soon."), "close")
    assert event.dated_by == "tense" and event.time is not None
    assert event.time.value == "FUTURE_REF"


def test_no_publication_date_or_narrative_mode_gives_no_tense_date() -> None:
    assert _undated(_one(_events("The mayor said the budget was balanced.", published=None), "said"))
    narrative = _events("The mayor said the budget was balanced.", mode="narrative")
    assert _undated(_one(narrative, "said"))


# --- the same sentence ----------------------------------------------------------------------


def test_event_in_the_clause_of_a_dated_noun_takes_its_date() -> None:
    events = _events("During a visit on [[Tuesday|2016-03-08]] the minister opened a school.")
    opened = _one(events, "opened")
    assert opened.dated_by == "sentence"
    assert opened.time is not None and opened.time.value == "2016-03-08"
    assert opened.confidence == pytest.approx(CONFIDENCE["sentence"])
    assert opened.derived_from is not None and "event" in opened.derived_from


def test_coordinated_clause_with_the_same_tense_shares_the_date() -> None:
    events = _events("Police arrested two men on [[Monday|2016-03-07]] and the court charged them.")
    charged = _one(events, "charged")
    assert charged.dated_by == "sentence" and charged.time is not None
    assert charged.time.value == "2016-03-07"


def test_content_of_a_dated_report_lies_before_it() -> None:
    events = _events("The ministry said on [[Tuesday|2016-03-08]] that troops pulled back.")
    pulled = _one(events, "pulled")
    assert pulled.dated_by == "sentence"
    assert pulled.time is not None and pulled.time.end == dt.datetime(2016, 3, 9)
    assert pulled.time.start < dt.datetime(2016, 3, 8)
    assert pulled.derived_from is not None and pulled.derived_from.startswith("before event")


def test_a_report_is_not_dated_by_the_content_it_reports() -> None:
    events = _events("Engineers found cracks [[last month|2016-02]], the mayor said.")
    said = _one(events, "said")
    assert said.dated_by == "tense"


def test_after_clause_lies_before_the_main_event() -> None:
    events = _events("He resigned in [[2014|2014]] after he was convicted.")
    convicted = _one(events, "convicted")
    assert convicted.dated_by == "sentence" and convicted.time is not None
    assert convicted.time.end == dt.datetime(2015, 1, 1)
    assert convicted.time.start < dt.datetime(2014, 1, 1)


# --- narrative ------------------------------------------------------------------------------


def test_narrative_events_take_the_reference_time() -> None:
    events = _events("On [[12 March 1848|1848-03-12]] the students gathered in the square. "
                     "They marched to the palace and demanded a constitution.", mode="narrative")
    for trigger in ("marched", "demanded"):
        event = _one(events, trigger)
        assert event.dated_by == "narrative", event
        assert event.time is not None and event.time.value == "1848-03-12"
        assert event.confidence == pytest.approx(CONFIDENCE["narrative"])


def test_news_narrative_is_the_latest_story_event_not_a_flashback() -> None:
    events = _events("A judge sentenced the former mayor on [[Thursday|2016-03-10]]. He was "
                     "convicted in [[October|2015-10]] of fraud. He apologized to the city.")
    apologized = _one(events, "apologized")
    assert apologized.dated_by == "narrative"
    assert apologized.time is not None and apologized.time.value == "2016-03-10"


def test_attributions_do_not_follow_the_narrative_in_news() -> None:
    events = _events("Troops crossed the river on [[Monday|2016-03-07]]. An officer said the "
                     "crossing was quick.")
    assert _one(events, "said").dated_by == "tense"


# --- must stay undated ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "trigger", "why"),
    [
        ("The council could raise taxes.", "raise", "modal"),
        ("The council did not raise taxes.", "raise", "negated"),
        ("He said he would resign.", "resign", "hypothetical"),
        ("Nobody had crossed the glacier before.", "crossed", "negated"),
        ("Rangers may close the trail.", "close", "modal"),
    ],
)
def test_modal_negated_and_hypothetical_events_stay_undated(marked: str, trigger: str,
                                                            why: str) -> None:
    event = _one(_events(marked), trigger)
    assert _undated(event) and event.dated_by == "none" and event.confidence == 0.0
    assert event.note is not None and why in event.note


@pytest.mark.parametrize("marked", ["The bridge was old.", "She knew the answer.",
                                    "They wanted a new deal."])
def test_states_are_not_events(marked: str) -> None:
    triggers = {e.trigger.lower() for e in _events(marked)}
    assert not triggers & {"was", "knew", "wanted"}


def test_explicitly_dated_modal_event_keeps_its_date_with_less_confidence() -> None:
    event = _one(_events("Rangers may close the trail in [[May|2016-05]]."), "close")
    assert event.time is not None and event.time.value == "2016-05"
    assert event.confidence <= CONFIDENCE["narrative"]
    assert event.note is not None and "modal" in event.note


def test_a_noun_with_no_dated_clause_stays_undated() -> None:
    events = _events("Witnesses described the crash.")
    crash = _one(events, "crash")
    assert _undated(crash) and crash.note is not None and "no date" in crash.note


# --- issue 4 leftovers: relative clauses, merging ----------------------------------------------


def test_relative_clause_date_belongs_to_the_noun_it_modifies() -> None:
    events = _events("Officials met [[the day|anchored 1 day before]] before the vote, which took "
                     "place on [[April 10, 2015|2015-04-10]].")
    vote, met = _one(events, "vote"), _one(events, "met")
    assert vote.time is not None and vote.time.value == "2015-04-10" and vote.dated_by == "explicit"
    assert met.time is not None and met.time.value == "2015-04-09" and met.dated_by == "anchored"
    assert met.derived_from == f"event {vote.event_id} - 1 day"


def test_which_happened_dates_any_noun() -> None:
    events = _events("The crash, which happened in [[2014|2014]], killed nine people.")
    crash = _one(events, "crash")
    assert crash.time is not None and crash.time.value == "2014" and crash.dated_by == "explicit"


def test_relative_clause_through_build() -> None:
    tl = timeline.build("Officials met the day before the vote, which took place on April 10, "
                        "2015.", published="2015-06-01")
    if not tl.expression_list:
        pytest.skip("the extractor finds no expressions yet")
    met = _one(tl.event_list, "met")
    assert met.time is not None and met.time.value == "2015-04-09"


def test_a_definite_noun_joins_the_earlier_mention_of_its_event() -> None:
    events = _events("Troops recaptured the airport on [[May 3|2016-05-03]]. The recapture "
                     "ended a long siege.")
    assert [e.trigger for e in events if e.trigger.lower().startswith("recapture")] == ["recaptured"]
    assert "same event as 'The recapture" in (_one(events, "recaptured").note or "")


def test_two_explicit_dates_are_never_merged() -> None:
    events = _events("Troops recaptured the airport on [[May 3|2016-05-03]]. After the "
                     "recapture on [[June 9|2016-06-09]] the rebels fled.")
    values = sorted(e.time.value for e in events if e.trigger.lower().startswith("recapture")
                    and e.time is not None)
    assert values == ["2016-05-03", "2016-06-09"]


def test_two_verb_mentions_of_one_stem_stay_two_events() -> None:
    events = _events("The army attacked the town on [[Monday|2016-03-07]]. Rebels attacked a "
                     "convoy.")
    assert len([e for e in events if e.trigger == "attacked"]) == 2


def test_a_future_mention_never_joins_a_past_one() -> None:
    events = _events("The council met on [[Monday|2016-03-07]]. The meeting will resume soon.")
    assert len({e.event_id for e in events if e.trigger.lower() in ("met", "meeting")}) >= 1
    met = _one(events, "met")
    assert met.time is not None and met.time.value == "2016-03-07"


# --- table filtering ------------------------------------------------------------------------


def test_min_confidence_keeps_the_firm_events_and_their_numbers() -> None:
    marked = ("The paper printed the story on [[March 4, 2016|2016-03-04]], "
              "[[two days|anchored 2 day after]] after the senator was arrested. "
              "The senator's lawyer said he would appeal.")
    every = _events(marked)
    kept = _events(marked, min_confidence=0.7)
    assert {e.trigger for e in kept} == {"printed", "arrested"}
    assert {e.event_id for e in kept} <= {e.event_id for e in every}
    for event in kept:
        assert event in every  # same numbers, same derivation chains
    with pytest.raises(ValueError):
        _events(marked, min_confidence=1.5)


def test_firm_filters_a_table_and_query_works() -> None:
    tl = timeline.build("The mayor said the budget was balanced.", published="2016-03-10")
    table = tl.events
    assert set(table["dated_by"]) == {"tense"}  # "said" and "was balanced"
    assert firm(table).empty
    assert list(firm(table, 0.3)["trigger"]) == ["said"]
    assert len(firm(table, 0.2)) == len(table)
    assert table.query("dated_by == 'explicit'").empty


def test_mode_is_checked() -> None:
    with pytest.raises(ValueError):
        _events("He left.", mode="poem")


# --- the seed article ------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not available")
def test_seed_every_event_has_a_dating_and_the_undated_ones_are_placed() -> None:
    tl = timeline.build(SEED.read_text(encoding="utf-8"), published="2016-01-15")
    if not tl.expression_list:
        pytest.skip("the resolver does not return expressions yet")
    table = tl.events
    assert table["dated_by"].notna().all() and table["confidence"].between(0, 1).all()
    assert len(table) > 20
    events = tl.event_list
    # "During an interview on Thursday ... the actor said": the same clause as the interview
    said = next(e for e in events if e.trigger == "said" and e.sentence == 1)
    assert said.dated_by == "sentence" and said.time is not None and said.time.value == "2016-01-14"
    # the texts and the planning of the meeting: before publication, never a fake day
    for trigger in ("texted", "promised"):
        event = next(e for e in events if e.trigger == trigger)
        assert event.time is not None and event.dated_by in ("tense", "narrative", "sentence")
        assert event.time.start is not None and event.time.start < dt.datetime(2016, 1, 16)
        assert event.confidence < CONFIDENCE["explicit"]
    # "he got to meet with Guzman for several hours" is the October meeting
    october = next(e for e in events if e.trigger == "met" and e.dated_by == "explicit")
    assert october.duration == "PTXH" and october.time is not None
    assert october.time.value == "2015-10"
    assert october.note is not None and "same event as 'he got to meet" in october.note
    # "the meeting" (the one Castillo feared, the one they would later have) is that meeting
    assert october.note.count("same event as 'the meeting'") == 2
    assert not any(e.trigger == "meet" and e.sentence == october.sentence + 2 for e in events)
    # "he wanted to meet the actress": a wish, never dated
    wish = next(e for e in events if e.trigger == "meet")
    assert wish.time is None and wish.note is not None and "hypothetical" in wish.note
    # the gun battle shares the recapture's clause
    battle = next(e for e in events if e.trigger == "battle")
    assert battle.time is not None and battle.time.value == "2016-01-08"


# --- the dev set ------------------------------------------------------------------------------


def _benchmark() -> object:
    spec = importlib.util.spec_from_file_location("event_dating", ROOT / "benchmarks" / "event_dating.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_score_is_at_least_85_percent() -> None:
    result = _benchmark().score()  # type: ignore[attr-defined]
    assert result["mentions"] >= 60
    assert result["ours"] >= 0.85, "\n".join(result["misses"])
    assert result["ours"] > result["baseline"]


# --- properties --------------------------------------------------------------------------------

_WORDS = ["the", "council", "voted", "said", "has", "resigned", "will", "meet", "would", "not",
          "did", "approve", "and", "after", "before", "he", "arrested", "was", "the", "vote",
          "crash", "on", "Tuesday", "in", "May", ",", ".", "that", "they", "signed", "a", "deal",
          "may", "announced", "had", "left", "which", "took", "place", "says"]
_RANK = {"explicit": 0.9, "anchored": 0.9, "sentence": CONFIDENCE["sentence"],
         "narrative": CONFIDENCE["narrative"], "tense": CONFIDENCE["tense"], "none": 0.0}


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["day", "month", "year"])),
                max_size=3),
       st.sampled_from(["news", "narrative"]))
def test_no_event_is_dated_more_firmly_than_its_evidence(
    words: list[str], marks: list[tuple[int, str]], mode: str
) -> None:
    text = " ".join(words)
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    sentences = split_sentences(text)
    values = {"day": ("2016-03-08", dt.datetime(2016, 3, 8), dt.datetime(2016, 3, 9)),
              "month": ("2016-02", dt.datetime(2016, 2, 1), dt.datetime(2016, 3, 1)),
              "year": ("2015", dt.datetime(2015, 1, 1), dt.datetime(2016, 1, 1))}
    expressions: list[Expression] = []
    for first, grain in sorted(set(marks)):
        if first >= len(words) or any(e.mention.char_start == starts[first] for e in expressions):
            continue
        value, lo, hi = values[grain]
        start, end = starts[first], starts[first] + len(words[first])
        sentence = max((s.index for s in sentences if s.char_start <= start), default=0)
        mention = Mention(start, end, text[start:end], "DATE", Reading(kind="absolute"), "fuzz",
                          sentence)
        expressions.append(Expression(mention=mention, time=TimeValue("DATE", value, lo, hi),
                                      anchor="absolute", index=len(expressions)))
    events = build_events(text, sentences, tuple(expressions), PUBLISHED, mode=mode)
    firm_times = [e.time for e in events if e.dated_by in ("explicit", "anchored") and e.time]
    for event in events:
        assert text[event.char_start:event.char_end] == event.trigger
        assert 0.0 <= event.confidence <= _RANK[event.dated_by] + 1e-9, event
        time = event.time
        if event.dated_by == "none":
            assert time is None or time.start is None
            continue
        assert time is not None
        if time.start is None or time.end is None:
            continue
        assert time.start < time.end
        if event.dated_by == "tense":
            # tense alone: at least two days wide (or the publication day for "says"), touching
            # publication, never firmer than a reporting guess
            assert mode == "news"
            assert time.approximate and event.confidence < CONFIDENCE["sentence"]
            assert time.start <= DAY < time.end or time.end == DAY + dt.timedelta(days=1)
        elif event.dated_by in ("sentence", "narrative"):
            # never narrower than the dated event it borrows from
            assert any(f.start is not None and f.end is not None and time.start <= f.start
                       and f.end <= time.end for f in firm_times), (event, firm_times)
            assert event.confidence < CONFIDENCE["explicit"]


# --- the figure ---------------------------------------------------------------------------------


def test_figure_collapses_tense_dated_events_and_hovers_show_the_chain() -> None:
    pytest.importorskip("plotly")
    from timeline.plot import COLLAPSE_AT

    text = ("The council voted on Tuesday to close the bridge. During the debate the mayor spoke. "
            "The mayor said the bridge was unsafe. An engineer said it had cracked. "
            "A resident said she had worried for years. The company said it had offered help. "
            "The union said it had warned the council.")
    tl = timeline.build(text, published="2016-03-10")
    if not tl.expression_list:
        pytest.skip("the extractor finds no expressions yet")
    fig = tl.figure()
    ticks = list(fig.layout.yaxis.ticktext)
    said = [e for e in tl.event_list if e.trigger == "said" and e.dated_by == "tense"]
    assert len(said) >= COLLAPSE_AT
    assert f"{len(said)} events dated by tense only" in ticks
    assert not any(t.startswith("The mayor said") for t in ticks)
    hovers = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    collapsed = next(h for h in hovers if h.startswith(f"<b>{len(said)} events"))
    assert "confidence 0.30" in collapsed and "publication day or the day before" in collapsed
    spoke = next(e for e in tl.event_list if e.trigger == "spoke")
    assert spoke.dated_by == "narrative" and spoke.derived_from is not None
    spoke_hover = next(h for h in hovers if h.startswith(f"<b>#{spoke.event_id} "))
    assert "narrative order" in spoke_hover and "confidence 0.50" in spoke_hover
    assert spoke.derived_from.split(": ")[-1] in spoke_hover


def test_every_event_false_lists_only_the_sentences_with_times() -> None:
    marked = "The council voted on [[Tuesday|2016-03-08]] and the mayor left. The mayor said he was tired."
    every = _events(marked)
    dated_only = _events(marked, every_event=False)
    assert {e.trigger for e in every} == {"voted", "left", "said"}
    assert {e.trigger for e in dated_only} == {"voted", "left"}
    assert _one(dated_only, "left").dated_by == "sentence"
