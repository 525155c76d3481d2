"""Which time expression (or which event) dates an event: attachment rules read off real news
errors, each checked here on sentences of our own."""

from __future__ import annotations

import timeline
from timeline.events.tokens import tokenize
from timeline.types import Event


def _events(text: str, published: str) -> dict[str, Event]:
    """The events of ``text`` by trigger (the first mention of each trigger)."""
    out: dict[str, Event] = {}
    for event in timeline.build(text, published=published).event_list:
        out.setdefault(event.trigger, event)
    return out


def test_a_sentence_opening_date_standing_alone_dates_the_main_clause() -> None:
    events = _events("In 1996, following the merger of the two firms, the founder returned to "
                     "the company.", "2011-10-06")
    assert events["returned"].time is not None
    assert events["returned"].time.value == "1996"
    assert events["returned"].dated_by == "explicit"


def test_soon_after_before_a_verb_is_an_adverb() -> None:
    events = _events("The founder returned to the company in 1996 and soon after took over as "
                     "chief executive.", "2011-10-06")
    took = events["took"]
    assert took.derived_from is not None and "soon after event" in took.derived_from
    assert took.time is not None and took.time.start is not None
    assert took.time.start.year == 1996


def test_a_quoted_time_dates_nothing_outside_its_quotation() -> None:
    events = _events('The banner on the site shows the words " Jane Doe 1931-2016 ", and the '
                     'statement says: " We have lost a friend. "', "2016-05-02")
    lost = events["lost"]
    assert lost.time is not None and lost.time.start is not None
    assert lost.time.start.year == 2016  # not 1931: the estimate, on the publication day
    assert lost.expression is None


def test_no_before_a_number_is_an_abbreviation() -> None:
    assert [t.text for t in tokenize("the No. 2 seller")] == ["the", "No.", "2", "seller"]
    assert [t.text for t in tokenize("He said no. Then he left.")][2:4] == ["no", "."]


def test_a_date_after_no_2_still_dates_the_verb_of_its_clause() -> None:
    events = _events("The chain overtakes a rival for the No. 2 spot in 2007.", "2008-04-09")
    assert events["overtakes"].time is not None
    assert events["overtakes"].time.value == "2007"


def test_since_an_event_noun_without_a_comma() -> None:
    events = _events("The shop opened on March 3, 2010. Since its opening the shop has sold "
                     "two million books.", "2012-01-09")
    sold = events["sold"]
    assert sold.derived_from is not None and "since event" in sold.derived_from
    assert sold.time is not None and sold.time.value == "2010-03-03"


def test_since_a_year_and_a_second_clause() -> None:
    events = _events("She has been fighting the illness since 2004 and has been on leave since "
                     "January of this year.", "2011-08-25")
    assert events["fighting"].time is not None
    assert events["fighting"].time.value == "2004"


def test_an_event_noun_refers_back_to_the_same_noun_before_another_form() -> None:
    text = ("The chief has been on medical leave since January of this year. This was the "
            "chief's third period of medical leave. The deputy left the room early. The deputy "
            "has served as acting head since the beginning of the chief's medical leave.")
    rows = [e for e in timeline.build(text, published="2011-08-25").event_list
            if e.trigger == "leave"]
    assert len(rows) == 3
    assert all(e.time is not None and e.time.value == "2011-01" for e in rows), rows


def test_an_object_noun_is_dated_as_its_verb() -> None:
    events = _events("The chief announced on Monday that he would step aside. The announcement "
                     "marked the second time in the past decade that he has taken medical "
                     "leave.", "2011-01-19")
    taken, leave = events["taken"], events["leave"]
    assert taken.time is not None and taken.time.value == "2011-01-17"
    assert leave.time == taken.time
    assert leave.derived_from is not None and "object of event" in leave.derived_from


def test_the_object_of_a_verb_of_speech_is_not_dated_as_the_telling() -> None:
    events = _events("Witnesses described the crash on Tuesday.", "2016-03-10")
    assert events["crash"].derived_from is None or "object of" not in events["crash"].derived_from


def test_a_date_counted_in_years_is_known_to_the_year() -> None:
    events = _events("Five years after its launch, the service in February passed its rival.",
                     "2008-04-09")
    launch = events["launch"]
    assert launch.time is not None and launch.time.value == "2003"
    assert launch.time.approximate


def test_a_present_s_form_of_a_known_verb_is_an_event() -> None:
    events = _events("As of February, the store accounts for 70 percent of all sales.",
                     "2008-04-09")
    assert "accounts" in events
    assert events["accounts"].time is not None
    assert events["accounts"].time.value == "2008-02"


def test_a_future_event_told_after_an_event_of_a_coming_day_is_shown_on_that_day() -> None:
    events = _events("The new model will be available on June 24 in five countries. The old "
                     "model's price will be cut, and the oldest model will be discontinued.",
                     "2010-06-08")
    discontinued = events["discontinued"]
    assert discontinued.time is not None and discontinued.time.value == "2010-06-24"
    assert discontinued.dated_by == "narrative" and discontinued.time.approximate
    assert discontinued.earliest is not None and discontinued.latest is None


def test_a_future_event_in_a_report_or_far_from_the_coming_day_keeps_the_publication_day() -> None:
    text = ("The new model will be available on June 24. It has two cameras. The screen is "
            "sharp. The case is thin. The battery lasts long. Analysts said sales will rise.")
    events = _events(text, "2010-06-08")
    assert events["rise"].time is not None and events["rise"].time.value == "2010-06-08"


def test_a_report_takes_the_story_day_only_within_three_days_of_publication() -> None:
    text = "The embassy was bombed on August 7. Officials said the blast was planned for months."
    recent = _events(text, "1998-08-09")["said"]
    assert recent.time is not None and recent.time.value == "1998-08-07"
    assert recent.dated_by == "narrative"
    later = _events(text, "1998-08-20")["said"]
    assert later.time is not None and later.time.value == "1998-08-20"  # the writer's day
    other = _events("The embassy was bombed on August 7. Rescuers searched the ruins.",
                    "1998-08-20")["searched"]
    assert other.time is not None and other.time.value == "1998-08-07"  # not a report


def test_the_story_day_of_an_event_at_an_hour_is_that_whole_day() -> None:
    events = _events("The plant exploded at 6 a.m. on Friday.\nFirefighters fought the blaze "
                     "for hours.", "2016-01-16")
    fought = events["fought"]
    assert fought.derived_from == "story day: event 2" or "story day" in str(fought.derived_from)
    assert fought.time is not None and fought.time.value == "2016-01-15"
    assert fought.time.grain.value == "day" and fought.time.approximate


def test_a_time_right_after_a_reporting_verb_dates_the_report() -> None:
    events = _events("Investigators said Friday that they found a rifle near the house.",
                     "1999-04-10")
    said, found = events["said"], events["found"]
    assert said.time is not None and said.time.value == "1999-04-09"
    assert said.dated_by == "explicit"
    # the content of a dated report: on or before it
    assert found.time is not None and found.latest is not None
    assert found.latest <= said.time.end
    announced = _events("The minister announced yesterday he will resign.", "1990-08-13")
    assert announced["announced"].time is not None
    assert announced["announced"].time.value == "1990-08-12"


def test_an_s_form_after_a_number_is_a_noun() -> None:
    events = _events("The leaders who led the 1992 protests have moved away.", "1998-10-25")
    protests = events["protests"]
    assert protests.time is not None and protests.time.value == "1992"


def test_a_verb_after_a_participle_is_an_event_of_its_own() -> None:
    events = _events("The boy was found clinging to an inner tube in November.", "2000-04-17")
    assert "found" in events  # not swallowed by the -ing form after it
    assert events["found"].time is not None and events["found"].time.value == "1999-11"


def test_aspect_and_intention_verbs_are_events_beside_their_complement() -> None:
    events = _events("The group began to fall apart in mid-1996.", "1998-02-19")
    assert {"began", "fall"} <= set(events)
    assert events["began"].time is not None and events["began"].time.start is not None
    assert events["began"].time.start.year == 1996
    planned = _events("Some adults planned to apply for visas.", "2000-04-03")
    assert {"planned", "apply"} <= set(planned)
    assert "got" not in _events("He got to meet the mayor on Monday.", "2016-01-15")


def test_say_after_a_plural_subject_is_a_report() -> None:
    events = _events("Experts say the ground is saturated.", "1998-02-13")
    assert "say" in events
    assert events["say"].time is not None and events["say"].time.value == "1998-02-13"
    assert "say" not in _events("He wants to have a say in the matter.", "1998-02-13")


def test_a_date_before_a_noun_dates_that_noun_only() -> None:
    events = _events("A bomb exploded at a clinic in January 1998. Police linked him to several "
                     "attacks, including the 1996 Olympic bombing that killed one person.",
                     "1999-05-06")
    assert events["bombing"].time is not None and events["bombing"].time.value == "1996"
    assert "that" not in events
    linked = events["linked"]
    assert linked.time is None or linked.time.value != "1996"
