"""Dating the events that carry no time expression (sentence, narrative, the story's day,
tense): the best estimate in ``Event.time`` and the bounds the text guarantees
(``Event.earliest``/``latest``, "Events v2"); the events that stay undated (no publication
date); the dev set in ``tests/event_dating/``; properties.

Sentences are marked up as in ``tests/events/events_markup.py`` (``[[span|spec]]``) and run through
:func:`timeline.events.build_events`; a few run through :func:`timeline.build`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared
from events_markup import parse_markup  # noqa: E402
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline  # noqa: E402
from timeline.events import CONFIDENCE, build_events, firm  # noqa: E402
from timeline.resolve.context import Context  # noqa: E402
from timeline.text.sentences import split_sentences  # noqa: E402
from timeline.types import Anchor, Event, Expression, Mention, Reading, TimeValue  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# ../shared next to the checkout, or one level further up for a git worktree
SEED = shared("seeds", "000_97afb06ab074d6df.txt")
PUBLISHED = dt.date(2016, 3, 10)  # a Thursday
DAY = dt.datetime(2016, 3, 10)
END = DAY + dt.timedelta(days=1)  # the end of the publication day (bounds are exclusive)


def _events(marked: str, published: dt.date | None = PUBLISHED, mode: str = "news",
            **options: float | bool) -> tuple[Event, ...]:
    text, sentences, expressions = parse_markup(marked)
    return build_events(text, sentences, expressions, Context(published, mode), **options)  # type: ignore[arg-type]


def _one(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.lower() == trigger.lower()]
    assert len(found) == 1, [(e.trigger, e.phrase) for e in events]
    return found[0]


def _undated(event: Event) -> bool:
    return event.time is None or event.time.start is None


def _on_publication_day(event: Event) -> bool:
    """The estimate of an event nothing in the text dates: the publication day, approximate."""
    time = event.time
    return time is not None and time.approximate and (time.start, time.end) == (DAY, END) \
        and time.value == "2016-03-10"


# --- tense relative to publication ---------------------------------------------------------


def test_past_reporting_verb_is_shown_on_publication_day_and_ends_by_it() -> None:
    said = _one(_events("The mayor said the budget was balanced."), "said")
    assert said.dated_by == "tense"
    assert said.confidence == pytest.approx(CONFIDENCE["tense"])
    # the estimate: the publication day (news reports the statements of the day), approximate
    assert _on_publication_day(said)
    # the bound the past tense guarantees: on or before publication, open before
    assert said.earliest is None and said.latest == END
    assert said.note is not None and "on or before" in said.note


def test_present_reporting_verb_is_at_publication() -> None:
    says = _one(_events("Boeing says the jet is safe."), "says")
    assert says.dated_by == "tense"
    assert says.time is not None and (says.time.start, says.time.end) == (DAY, END)
    assert says.confidence == pytest.approx(CONFIDENCE["tense"])
    # present tense guarantees nothing (habitual, ongoing): both bounds open
    assert says.earliest is None and says.latest is None


def test_present_perfect_is_shown_on_publication_day_and_ends_by_it() -> None:
    event = _one(_events("The minister has resigned."), "resigned")
    assert event.dated_by == "tense"
    assert _on_publication_day(event)
    assert event.time is not None and event.time.value not in ("PAST_REF", "FUTURE_REF")
    assert event.time.mod is None  # no year-wide "BEFORE" window any more
    assert event.earliest is None and event.latest == END  # before publication, open before
    assert event.confidence == pytest.approx(CONFIDENCE["open"])
    assert event.note is not None and "on or before" in event.note


def test_future_is_shown_on_publication_day_and_starts_with_it() -> None:
    event = _one(_events("The council will vote on the plan."), "vote")
    assert event.dated_by == "tense"
    assert _on_publication_day(event)
    assert event.time is not None and event.time.value != "FUTURE_REF"
    assert event.earliest == DAY and event.latest is None  # after publication, open after
    assert event.confidence == pytest.approx(CONFIDENCE["open"])
    assert event.note is not None and "on or after" in event.note


def test_intention_verbs_name_the_infinitive_as_a_future_event() -> None:
    event = _one(_events("The merger is expected to close soon."), "close")
    assert event.dated_by == "tense" and _on_publication_day(event)
    assert event.earliest == DAY and event.latest is None  # a future event


def test_no_publication_date_or_narrative_mode_gives_no_tense_date() -> None:
    said = _one(_events("The mayor said the budget was balanced.", published=None), "said")
    assert _undated(said) and said.dated_by == "none"
    assert said.earliest is None and said.latest is None
    # narrative mode with no recent day: the publication day is not the story's time
    # (build_events' docstring: "Narrative texts get no publication-relative tense dates")
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


def test_content_of_a_dated_report_is_shown_at_it_and_ends_by_it() -> None:
    events = _events("The ministry said on [[Tuesday|2016-03-08]] that troops pulled back.")
    said, pulled = _one(events, "said"), _one(events, "pulled")
    assert said.time is not None and said.dated_by == "explicit"
    assert pulled.dated_by == "sentence"
    assert pulled.confidence == pytest.approx(CONFIDENCE["before"])
    # shown at the report (the nearest the text allows), approximate ...
    assert pulled.time is not None and pulled.time.approximate
    assert (pulled.time.start, pulled.time.end) == (said.time.start, said.time.end)
    # ... and bounded by it on one side only: before the report's end, open before
    assert pulled.latest is not None and pulled.latest <= said.time.end
    assert pulled.latest == dt.datetime(2016, 3, 9) and pulled.earliest is None
    assert pulled.derived_from is not None and pulled.derived_from.startswith("before event")


def test_a_report_is_not_dated_by_the_content_it_reports() -> None:
    events = _events("Engineers found cracks [[last month|2016-02]], the mayor said.")
    said = _one(events, "said")
    assert said.dated_by == "tense" and _on_publication_day(said)


def test_after_clause_is_shown_at_the_main_event_and_ends_by_it() -> None:
    events = _events("He resigned in [[2014|2014]] after he was convicted.")
    convicted = _one(events, "convicted")
    assert convicted.dated_by == "sentence" and convicted.time is not None
    # shown at the main event (2014), approximate; it lies before the main event's end
    assert convicted.time.approximate and convicted.time.value == "2014"
    assert (convicted.time.start, convicted.time.end) == (dt.datetime(2014, 1, 1),
                                                          dt.datetime(2015, 1, 1))
    assert convicted.latest == dt.datetime(2015, 1, 1) and convicted.earliest is None
    assert convicted.confidence == pytest.approx(CONFIDENCE["before"])


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


def test_attributions_take_the_story_day_not_the_narrative_in_news() -> None:
    events = _events("Troops crossed the river on [[Monday|2016-03-07]]. An officer said the "
                     "crossing was quick.")
    said = _one(events, "said")
    # not dated by the narrative reference time (that would be confidence 0.5, same time as
    # the crossing) but only estimated on the story's day, which it may postdate
    assert said.confidence == pytest.approx(CONFIDENCE["story"])
    assert CONFIDENCE["story"] < CONFIDENCE["narrative"]
    assert said.derived_from is not None and said.derived_from.startswith("story day")
    assert not said.derived_from.startswith("narrative: same time")
    assert said.time is not None and said.time.value == "2016-03-07" and said.time.approximate
    assert said.earliest is None and said.latest == END  # on or before publication, not Monday


# --- the story's day (news) ------------------------------------------------------------------


def test_an_event_told_after_a_recent_dated_event_is_shown_on_the_story_day() -> None:
    # "X said yesterday ... Y said ...": Y is shown on yesterday
    events = _events("Jobs resigned, Apple said [[yesterday|2016-03-09]]. The board said Cook "
                     "was chosen.")
    first, second = [e for e in events if e.trigger == "said"]
    assert first.dated_by == "explicit" and first.time is not None
    assert first.time.value == "2016-03-09"
    assert second.dated_by == "narrative"
    assert second.confidence == pytest.approx(CONFIDENCE["story"])
    assert second.time is not None and second.time.approximate
    assert (second.time.value, second.time.start, second.time.end) == (
        "2016-03-09", dt.datetime(2016, 3, 9), dt.datetime(2016, 3, 10))
    assert second.derived_from == f"story day: event {first.event_id}"
    assert second.note is not None and "story's day" in second.note
    # the past tense guarantees only "on or before publication"
    assert second.earliest is None and second.latest == END
    chosen = _one(events, "chosen")
    assert chosen.derived_from == f"story day: event {first.event_id}"


def test_story_day_bounds_follow_the_tense() -> None:
    events = _events("Police arrested a man [[yesterday|2016-03-09]]. The board had met in "
                     "secret. A judge will hear the case.")
    arrested, met, hear = _one(events, "arrested"), _one(events, "met"), _one(events, "hear")
    assert arrested.time is not None
    # past perfect: shown on the story day, and it ended by that day's end
    assert met.time is not None and met.time.value == "2016-03-09" and met.time.approximate
    assert met.earliest is None and met.latest == arrested.time.end
    # the future is not told on the story day: the publication day, starting with it
    assert hear.dated_by == "tense" and _on_publication_day(hear)
    assert hear.earliest == DAY and hear.latest is None


@pytest.mark.parametrize("dated", ["in [[2003|2003]]", "on [[January 4|2016-01-04]]",
                                   "[[last month|2016-02]]", "on [[March 24|2016-03-24]]"])
def test_an_old_wide_or_future_date_does_not_become_the_story_day(dated: str) -> None:
    # a year or a month is not a day; a day more than 14 days before publication is not
    # recent; a day after publication is not the story's past
    events = _events(f"The bridge opened {dated}. The mayor said it was safe.")
    said = _one(events, "said")
    assert said.dated_by == "tense" and _on_publication_day(said)
    assert said.earliest is None and said.latest == END
    assert said.derived_from is not None and not said.derived_from.startswith("story day")


def test_a_later_today_moves_the_story_day() -> None:
    events = _events("Police arrested a man [[yesterday|2016-03-09]]. A witness said he ran. "
                     "The court freed him [[today|2016-03-10]]. His lawyer said he was innocent.")
    arrested, freed = _one(events, "arrested"), _one(events, "freed")
    witness, lawyer = [e for e in events if e.trigger == "said"]
    assert witness.time is not None and witness.time.value == "2016-03-09"
    assert witness.derived_from == f"story day: event {arrested.event_id}"
    assert lawyer.time is not None and lawyer.time.value == "2016-03-10"
    assert lawyer.derived_from == f"story day: event {freed.event_id}"
    assert lawyer.confidence == pytest.approx(CONFIDENCE["story"])


def test_no_story_day_without_publication_date() -> None:
    events = _events("Police arrested a man on [[March 9, 2016|2016-03-09]]. A witness said he "
                     "ran.", published=None)
    said = _one(events, "said")
    assert _undated(said) and said.dated_by == "none"


# --- the bounds in the table -----------------------------------------------------------------


def test_the_events_table_has_bounds_columns_with_nat_for_open() -> None:
    tl = timeline.build("The council will vote on the plan. The mayor said the budget was "
                        "balanced. Police arrested a man on Tuesday.", published="2016-03-10")
    table = tl.events
    assert {"earliest", "latest"} <= set(table.columns)
    for column in ("start", "end", "earliest", "latest"):
        assert str(table[column].dtype) == "datetime64[s]", column
    rows = {row.trigger: row for row in table.itertuples()}
    vote, said = rows["vote"], rows["said"]
    assert vote.earliest == pd.Timestamp("2016-03-10") and pd.isna(vote.latest)
    assert pd.isna(said.earliest) and said.latest == pd.Timestamp("2016-03-11")
    assert vote.start == said.start == pd.Timestamp("2016-03-10")  # both estimated there
    # the table and the event list agree
    for event in tl.event_list:
        row = table.loc[table["event_id"] == event.event_id].iloc[0]
        for name in ("earliest", "latest"):
            value = getattr(event, name)
            assert pd.isna(row[name]) if value is None else row[name] == pd.Timestamp(value)
    if tl.expression_list:
        arrested = rows["arrested"]
        assert arrested.dated_by == "explicit"
        # an explicitly dated event: the bounds are its interval
        assert (arrested.earliest, arrested.latest) == (arrested.start, arrested.end)
        assert arrested.start == pd.Timestamp("2016-03-08")


def test_an_undated_event_has_nat_bounds_in_the_table() -> None:
    table = timeline.build("The mayor said the budget was balanced.").events
    if (table["dated_by"] != "none").any():
        pytest.skip("a publication date was found in the text")
    assert str(table["earliest"].dtype) == "datetime64[s]"
    assert table["earliest"].isna().all() and table["latest"].isna().all()
    assert table["start"].isna().all()


# --- -ing forms and infinitives of purpose ---------------------------------------------------


def test_ing_forms_after_prepositions_and_infinitives_of_purpose_are_events() -> None:
    walking = _one(_events("He escaped on [[Saturday|2016-03-05]] by walking through a tunnel."),
                   "walking")
    assert walking.dated_by == "sentence" and walking.time is not None
    assert walking.time.value == "2016-03-05"
    sign = _one(_events("Jobs returned to the stage on [[Monday|2016-03-07]] to sign the deal."),
                "sign")
    assert sign.dated_by == "sentence" and sign.time is not None
    assert sign.time.value == "2016-03-07"


# --- moods, states, nouns: a low-confidence estimate, or undated without publication ----------

_MOODS = [
    ("The council could raise taxes.", "raise", "modal"),
    ("The council did not raise taxes.", "raise", "negated"),
    ("He said he would resign.", "resign", "hypothetical"),
    ("Nobody had crossed the glacier before.", "crossed", "negated"),
    ("Rangers may close the trail.", "close", "modal"),
]


@pytest.mark.parametrize(("marked", "trigger", "why"), _MOODS)
def test_modal_negated_and_hypothetical_events_get_the_lowest_confidence_estimate(
        marked: str, trigger: str, why: str) -> None:
    event = _one(_events(marked), trigger)
    assert event.dated_by == "tense" and _on_publication_day(event)
    assert event.confidence == pytest.approx(CONFIDENCE["unreal"])
    assert event.confidence < min(v for k, v in CONFIDENCE.items() if k != "unreal")
    assert event.note is not None and why in event.note  # the mood note is kept
    assert event.earliest is None  # nothing guarantees a start


@pytest.mark.parametrize(("marked", "trigger", "why"), _MOODS)
def test_modal_negated_and_hypothetical_events_stay_undated_without_publication(
        marked: str, trigger: str, why: str) -> None:
    event = _one(_events(marked, published=None), trigger)
    assert _undated(event) and event.dated_by == "none" and event.confidence == 0.0
    assert event.earliest is None and event.latest is None
    assert event.note is not None and why in event.note


def test_the_copula_is_not_an_event() -> None:
    triggers = {e.trigger.lower() for e in _events("The bridge was old.")}
    assert "was" not in triggers


@pytest.mark.parametrize(("marked", "trigger"), [("She knew the answer.", "knew"),
                                                 ("They wanted a new deal.", "wanted")])
def test_states_are_events_as_in_timeml(marked: str, trigger: str) -> None:
    """TimeML annotates states (class STATE) as events, and annotated news dates them."""
    triggers = {e.trigger.lower() for e in _events(marked)}
    assert trigger in triggers


def test_explicitly_dated_modal_event_keeps_its_date_with_less_confidence() -> None:
    event = _one(_events("Rangers may close the trail in [[May|2016-05]]."), "close")
    assert event.time is not None and event.time.value == "2016-05"
    assert event.confidence <= CONFIDENCE["narrative"]
    assert event.note is not None and "modal" in event.note


def test_a_noun_with_no_dated_clause_is_shown_on_publication_day_with_open_bounds() -> None:
    events = _events("Witnesses described the crash.")
    crash = _one(events, "crash")
    assert crash.dated_by == "tense" and _on_publication_day(crash)
    assert crash.confidence == pytest.approx(CONFIDENCE["open"])
    # a noun has no tense: the text guarantees nothing
    assert crash.earliest is None and crash.latest is None
    assert crash.note is not None and "no time of its own" in crash.note


def test_a_noun_with_no_dated_clause_stays_undated_without_publication() -> None:
    crash = _one(_events("Witnesses described the crash.", published=None), "crash")
    assert _undated(crash) and crash.dated_by == "none" and crash.confidence == 0.0
    assert crash.earliest is None and crash.latest is None
    # the note says why (before Events v2: "an event noun with no dated clause: no date")
    assert crash.note is not None and "no date" in crash.note


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
    recaptured = _one(events, "recaptured")
    assert "same event as 'The recapture" in (recaptured.note or "")
    # the further mention keeps a row of its own, dated as the event it names again
    noun = _one(events, "recapture")
    assert noun.time == recaptured.time and noun.dated_by == "anchored"
    assert noun.derived_from == f"same event as event {recaptured.event_id}"
    assert f"another mention of event {recaptured.event_id}" in (noun.note or "")


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
    # a dated news article: every event has an estimate
    assert table["start"].notna().all() and table["end"].notna().all()
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
    # its further mentions keep rows of their own, dated as it is
    for again in (e for e in events if e.note and f"another mention of event {october.event_id}"
                  in e.note):
        assert again.time == october.time
    # "he wanted to meet the actress": a wish, only estimated (publication day, the lowest
    # confidence, its mood noted)
    wish = next(e for e in events if e.trigger == "meet" and "another mention" not in (e.note or ""))
    assert wish.note is not None and "hypothetical" in wish.note
    assert wish.dated_by == "tense" and wish.confidence == pytest.approx(CONFIDENCE["unreal"])
    assert wish.time is not None and wish.time.approximate and wish.time.value == "2016-01-15"
    # the gun battle shares the recapture's clause
    battle = next(e for e in events if e.trigger == "battle")
    assert battle.time is not None and battle.time.value == "2016-01-08"
    # its bounds are no firmer than the text: a wish told in the past ("he wanted to") says
    # nothing about publication, and the meeting it wished for took place in October 2015
    assert wish.earliest is None or wish.earliest <= october.time.start, wish.earliest


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
_RANK = {"explicit": 0.9, "anchored": 0.9, "sentence": CONFIDENCE["sentence"],  # upper bounds
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
                                      anchor=Anchor.ABSOLUTE, index=len(expressions)))
    events = build_events(text, sentences, tuple(expressions), Context(PUBLISHED, mode))  # type: ignore[arg-type]
    firm_times = [e.time for e in events if e.dated_by in ("explicit", "anchored") and e.time]
    for event in events:
        assert text[event.char_start:event.char_end] == event.trigger
        assert 0.0 <= event.confidence <= _RANK[event.dated_by] + 1e-9, event
        time = event.time
        if mode == "news":
            # a dated news article: every event has at least an estimate
            assert event.dated_by != "none", event
        if event.dated_by == "none":
            assert time is None or time.start is None
            assert event.earliest is None and event.latest is None
            continue
        assert time is not None
        if time.start is None or time.end is None:
            continue
        assert time.start < time.end
        # the estimate lies within the bounds the text guarantees
        assert event.earliest is None or event.earliest <= time.start, event
        assert event.latest is None or time.end <= event.latest, event
        if event.dated_by == "tense":
            # tense alone: the publication day, approximate, never firmer than a reporting
            # guess; bounded by publication on the side the tense gives, if any. A narrative
            # tells its past from its own dates: only its present and future are the writer's
            assert mode == "news" or event.latest is None, event
            assert time.approximate and event.confidence < CONFIDENCE["sentence"]
            assert (time.start, time.end) == (DAY, END)
            assert event.earliest in (None, DAY) and event.latest in (None, END)
        elif event.dated_by in ("sentence", "narrative"):
            # never narrower than the dated event it borrows from
            assert any(f.start is not None and f.end is not None and time.start <= f.start
                       and f.end <= time.end for f in firm_times), (event, firm_times)
            assert event.confidence < CONFIDENCE["explicit"]


# --- the figure ---------------------------------------------------------------------------------


def test_figure_collapses_tense_dated_events_and_hovers_show_the_chain() -> None:
    pytest.importorskip("plotly")
    from timeline.output.geometry import COLLAPSE_AT

    # the statements come before the dated sentence: after it they would be shown on the
    # story's day (Tuesday, dated_by "narrative"), not on the publication day by tense
    text = ("The mayor said the bridge was unsafe. An engineer said it had cracked. "
            "A resident said she had worried for years. The company said it had offered help. "
            "The union said it had warned the council. "
            "The council voted on Tuesday to close the bridge. During the debate the mayor spoke.")
    tl = timeline.build(text, published="2016-03-10")
    if not tl.expression_list:
        pytest.skip("the extractor finds no expressions yet")
    fig = tl.figure()
    # rows are in time order (no lane names): the collapsed mark is labelled by an annotation
    labels = [a.text for a in fig.layout.annotations if (a.name or "").startswith("label #")]
    said = [e for e in tl.event_list if e.trigger == "said" and e.dated_by == "tense"]
    assert len(said) >= COLLAPSE_AT
    # every tense-dated event now shares one estimate, the publication day: one row for all
    tense = [e for e in tl.event_list if e.dated_by == "tense"]
    assert {(e.time.start, e.time.end) for e in tense if e.time is not None} == {(DAY, END)}
    assert f"{len(tense)} events dated by tense only" in labels
    assert not any(t.startswith("The mayor said") for t in labels)
    hovers = [h for t in fig.data if t.hovertext is not None
              for h in ([t.hovertext] if isinstance(t.hovertext, str) else t.hovertext)]
    collapsed = next(h for h in hovers if h.startswith(f"<b>{len(tense)} events"))
    assert "confidence 0.30" in collapsed and "publication day (estimate)" in collapsed
    assert "10 Mar 2016" in collapsed
    assert all(f"#{e.event_id} " in collapsed for e in said)
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


def test_a_headline_event_keeps_its_row_and_takes_the_body_date() -> None:
    text = ("Apple unveils iPhone 4 at developers conference\n\nJune 8, 2010\n"
            "On Monday at WWDC, Steve Jobs unveiled the iPhone 4.\nThe phone has two cameras.")
    events = timeline.build(text, published="2010-06-08").events
    unveils = events[events["trigger"] == "unveils"].iloc[0]  # the headline's own row
    unveiled = events[events["trigger"] == "unveiled"].iloc[0]
    assert unveils["start"] == unveiled["start"] == pd.Timestamp("2010-06-07")
    assert unveils["dated_by"] == "anchored" and unveils["derived_from"].startswith("same event")


def test_a_headline_event_the_body_does_not_date_is_on_the_publication_day() -> None:
    text = "Dow falls 340 points\n\nStocks had their worst day in a month, traders said."
    events = timeline.build(text, published="2008-01-09").events
    falls = events[events["trigger"] == "falls"].iloc[0]
    assert falls["start"] == pd.Timestamp("2008-01-09") and falls["approximate"]


def test_a_modal_event_never_sets_the_story_day() -> None:
    events = timeline.build("The council might vote yesterday, officials hoped. "
                            "The mayor said the plan was sound.", published="2016-03-10").events
    said = events[events["trigger"] == "said"].iloc[0]
    assert said["start"] == pd.Timestamp("2016-03-10") and said["dated_by"] == "tense"
