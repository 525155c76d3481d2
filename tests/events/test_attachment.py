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


def _value(event: Event) -> str | None:
    """The TIMEX3 value of an event's estimate, or None when it has none."""
    return None if event.time is None else event.time.value


def test_a_sentence_opening_date_standing_alone_dates_the_main_clause() -> None:
    events = _events("In 1996, following the merger of the two firms, the founder returned to "
                     "the company.", "2011-10-06")
    assert _value(events["returned"]) == "1996"
    assert events["returned"].dated_by == "explicit"


def test_soon_after_before_a_verb_is_an_adverb() -> None:
    events = _events("The coach returned to the club in 1996 and soon after took over as "
                     "manager.", "2011-10-06")
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
    assert _value(events["overtakes"]) == "2007"


def test_since_an_event_noun_without_a_comma() -> None:
    events = _events("The shop opened on March 3, 2010. Since its opening the shop has sold "
                     "two million books.", "2012-01-09")
    sold = events["sold"]
    assert sold.derived_from is not None and "since event" in sold.derived_from
    assert _value(sold) == "2010-03-03"


def test_since_a_year_and_a_second_clause() -> None:
    events = _events("The senator has been battling the disease since 2004 and has been away "
                     "since March of this year.", "2011-08-25")
    assert _value(events["battling"]) == "2004"


def test_an_event_noun_refers_back_to_the_same_noun_before_another_form() -> None:
    text = ("The chief has been on medical leave since January of this year. This was the "
            "chief's third period of medical leave. The deputy left the room early. The deputy "
            "has served as acting head since the beginning of the chief's medical leave.")
    rows = [e for e in timeline.build(text, published="2011-08-25").event_list
            if e.trigger == "leave"]
    assert len(rows) == 3
    assert all(e.time is not None and e.time.value == "2011-01" for e in rows), rows


def test_an_object_noun_is_dated_as_its_verb() -> None:
    events = _events("The mayor announced on Monday that she would step aside. The statement "
                     "was the second time in the past decade that she has taken sick leave.",
                     "2011-01-19")
    taken, leave = events["taken"], events["leave"]
    assert _value(taken) == "2011-01-17"
    assert leave.time == taken.time
    assert leave.derived_from is not None and "object of event" in leave.derived_from


def test_the_object_of_a_verb_of_speech_is_not_dated_as_the_telling() -> None:
    events = _events("Witnesses described the crash on Tuesday.", "2016-03-10")
    assert events["crash"].derived_from is None or "object of" not in events["crash"].derived_from


def test_a_date_counted_in_years_is_known_to_the_year() -> None:
    events = _events("Ten years after its opening, the museum in May welcomed its millionth "
                     "visitor.", "2019-06-01")
    opening = events["opening"]
    assert _value(opening) == "2009"
    assert opening.time.approximate


def test_a_present_s_form_of_a_known_verb_is_an_event() -> None:
    events = _events("As of March, the firm accounts for a third of all exports.",
                     "2008-04-09")
    assert "accounts" in events
    assert _value(events["accounts"]) == "2008-03"


def test_a_future_event_told_after_an_event_of_a_coming_day_is_shown_on_that_day() -> None:
    events = _events("The ferry service will resume on July 3 after repairs. Fares will rise, "
                     "and the night route will be discontinued.", "2010-06-20")
    discontinued = events["discontinued"]
    assert _value(discontinued) == "2010-07-03"
    assert discontinued.dated_by == "narrative" and discontinued.time.approximate
    assert discontinued.earliest is not None and discontinued.latest is None


def test_a_future_event_in_a_report_or_far_from_the_coming_day_keeps_the_publication_day() -> None:
    text = ("The ferry service will resume on July 3. It has two decks. The cabins are "
            "small. The bar is new. The crossing takes an hour. Analysts said fares will rise.")
    events = _events(text, "2010-06-20")
    assert _value(events["rise"]) == "2010-06-20"


def test_a_report_takes_the_story_day_only_within_three_days_of_publication() -> None:
    text = "The bridge collapsed on August 7. Engineers said the steel had rusted for years."
    recent = _events(text, "1998-08-09")["said"]
    assert _value(recent) == "1998-08-07"
    assert recent.dated_by == "narrative"
    later = _events(text, "1998-08-20")["said"]
    assert _value(later) == "1998-08-20"  # the writer's day
    other = _events("The bridge collapsed on August 7. Divers searched the river.",
                    "1998-08-20")["searched"]
    assert _value(other) == "1998-08-07"  # not a report


def test_the_story_day_of_an_event_at_an_hour_is_that_whole_day() -> None:
    events = _events("The plant exploded at 6 a.m. on Friday.\nFirefighters fought the blaze "
                     "for hours.", "2016-01-16")
    fought = events["fought"]
    assert fought.derived_from == "story day: event 2" or "story day" in str(fought.derived_from)
    assert _value(fought) == "2016-01-15"
    assert fought.time.grain.value == "day" and fought.time.approximate


def test_a_time_right_after_a_reporting_verb_dates_the_report() -> None:
    events = _events("Inspectors said Friday that they found a crack in the dam.",
                     "1999-04-10")
    said, found = events["said"], events["found"]
    assert _value(said) == "1999-04-09"
    assert said.dated_by == "explicit"
    # the content of a dated report: on or before it
    assert found.time is not None and found.latest is not None
    assert found.latest <= said.time.end
    announced = _events("The coach announced yesterday he will retire.", "1990-08-13")
    assert _value(announced["announced"]) == "1990-08-12"


def test_an_s_form_after_a_number_is_a_noun() -> None:
    events = _events("The students who organised the 2011 marches have graduated.", "2014-10-25")
    marches = events["marches"]
    assert _value(marches) == "2011"


def test_a_verb_after_a_participle_is_an_event_of_its_own() -> None:
    events = _events("The hiker was found sheltering in a cave in November.", "2000-04-17")
    assert "found" in events  # not swallowed by the -ing form after it
    assert _value(events["found"]) == "1999-11"


def test_aspect_and_intention_verbs_are_events_beside_their_complement() -> None:
    events = _events("The coalition began to weaken in mid-1996.", "1998-02-19")
    assert {"began", "weaken"} <= set(events)
    assert events["began"].time is not None and events["began"].time.start is not None
    assert events["began"].time.start.year == 1996
    planned = _events("Several farmers planned to apply for grants.", "2000-04-03")
    assert {"planned", "apply"} <= set(planned)
    assert "got" not in _events("He got to meet the mayor on Monday.", "2016-01-15")


def test_say_after_a_plural_subject_is_a_report() -> None:
    events = _events("Economists say the market is overheated.", "1998-02-13")
    assert "say" in events
    assert _value(events["say"]) == "1998-02-13"
    assert "say" not in _events("He wants to have a say in the matter.", "1998-02-13")


def test_a_date_before_a_noun_dates_that_noun_only() -> None:
    events = _events("A fire broke out at a depot in March 2009. Investigators linked him to "
                     "several fires, including the 2007 harbour explosion that sank a ferry.",
                     "2010-05-06")
    assert _value(events["explosion"]) == "2007"
    assert "that" not in events
    linked = events["linked"]
    assert linked.time is None or linked.time.value != "2007"


def test_a_possessive_name_licenses_an_event_noun() -> None:
    events = _events("The minister's visit to the flooded valley lifted spirits.", "2012-05-04")
    assert "visit" in events
    assert events["visit"].phrase.startswith("The minister's visit")
    assert "launch" in _events("Boeing's launch day drew crowds.", "2012-05-04")
    # "it's" is "it is", not a possessive
    assert "launch" not in _events("It's launch day for the rocket.", "2012-05-04")


def test_a_plain_present_after_a_plural_subject_is_an_event() -> None:
    published = "2012-05-04"
    for text, trigger in (("Local farmers fear the drought will last.", "fear"),
                          ("Inspectors admit that the audit was late.", "admit"),
                          ("They hope to reopen the mill.", "hope"),
                          ("Grain prices rise to a new high.", "rise")):
        events = _events(text, published)
        assert trigger in events, text
        assert _value(events[trigger]) == published, text
    # the noun before it is no verb then ("rules" is not "he rules")
    events = _events("Banking rules require the lender to hold reserves.", published)
    assert "require" in events and "rules" not in events


def test_a_plain_form_inside_a_noun_phrase_stays_a_noun() -> None:
    # a plain form is read as a verb after a plural noun only before its object
    assert "trade" not in _events("The United States trade deficit widened.", "2012-05-04")
    assert "plan" not in _events("The councils plan was rejected.", "2012-05-04")


def test_other_participle_clauses_share_their_main_clause_time() -> None:
    published = "2012-05-04"
    # the complement of a phase verb
    events = _events("On Monday the bakery began selling rye bread.", published)
    assert "selling" in events and _value(events["selling"]) == "2012-04-30"
    # a reduced relative clause after a noun, and after a time
    events = _events("The guard was attacked on Monday by a man hiding in the yard.", published)
    assert _value(events["attacked"]) == "2012-04-30"
    assert "hiding" in events and _value(events["hiding"]) == "2012-04-30"
    events = _events("The club issued a statement Tuesday saying the match would go ahead.",
                     published)
    assert "saying" in events and _value(events["saying"]) == _value(events["issued"])
    # prepositional -ing forms and -ing nouns are no reduced relative clause
    events = _events("Shops closed early, several bakeries including the largest one.", published)
    assert "including" not in events
    events = _events("The harbour bombing in 1985 shocked the town.", published)
    assert events["bombing"].dated_by == "explicit" and _value(events["bombing"]) == "1985"


def test_a_report_after_its_quotation_is_an_event() -> None:
    events = _events('"The harvest will be late," says one grower.', "2012-05-04")
    assert "says" in events and _value(events["says"]) == "2012-05-04"
    events = _events("Wheat prices rose again, says the farm bureau.", "2012-05-04")
    assert "says" in events


def test_a_noun_refers_back_to_a_dated_event_of_its_kind() -> None:
    events = _events("A night guard was shot on Friday outside the depot. Neighbours said "
                     "the killing had frightened the town.", "2012-05-09")
    assert _value(events["shot"]) == "2012-05-04"
    assert _value(events["killing"]) == "2012-05-04"
    assert "refers to event" in (events["killing"].note or "")


def test_a_relative_clause_of_a_dated_event_noun_shares_its_time() -> None:
    events = _events("Divers found the wreck of the 1998 ferry collision that killed nine people.",
                     "2012-05-04")
    assert _value(events["collision"]) == "1998"
    assert _value(events["killed"]) == "1998"
    # a verb after the noun that does not open its relative clause keeps its own dating
    events = _events("The 1998 collision haunted the town, residents said.", "2012-05-04")
    assert _value(events["said"]) != "1998"


def test_a_bare_plural_event_noun_opening_the_sentence_is_an_event() -> None:
    events = _events("Violent protests in the capital left three dead.", "2012-05-04")
    assert "protests" in events
    assert "protest" not in _events("Protest organisers met the mayor.", "2012-05-04")
