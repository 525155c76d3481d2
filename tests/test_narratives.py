"""Narrative passages (history, biography): relative dates anchor on the story, not on publication."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import timeline

PASSAGES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "narratives" / "passages.json").read_text(encoding="utf-8")
)["passages"]


def test_there_are_twenty_passages() -> None:
    assert len(PASSAGES) >= 20


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["text"][:40] for p in PASSAGES])
def test_passage_is_read_as_a_narrative(passage: dict[str, Any]) -> None:
    tl = timeline.build(passage["text"], published=passage["published"])
    assert tl.mode == "narrative"
    found = {row.text: row.value for row in tl.expressions.itertuples()}
    for text, value in passage["expressions"].items():
        assert found.get(text) == value, (text, value, found)
    for word, value in passage.get("events", {}).items():
        rows = tl.events[tl.events["event"].str.contains(word, case=False, na=False)]
        assert len(rows), (word, list(tl.events["event"]))
        assert value in set(rows["value"].dropna()), (word, value, rows[["event", "value", "derived_from"]].to_dict("records"))


WITH_BARE_MONTH = [p for p in PASSAGES if any(t in ("June", "February", "July", "May") for t in p["expressions"])]


@pytest.mark.parametrize("passage", WITH_BARE_MONTH, ids=[p["text"][:40] for p in WITH_BARE_MONTH])
def test_forcing_news_mode_anchors_a_bare_month_on_publication(passage: dict[str, Any]) -> None:
    """Forced news mode gives a yearless month the publication's year: the mode matters."""
    news = timeline.build(passage["text"], published=passage["published"], mode="news")
    assert news.mode == "news"
    month = next(t for t in passage["expressions"] if t in ("June", "February", "July", "May"))
    value = dict(zip(news.expressions["text"], news.expressions["value"]))[month]
    assert value != passage["expressions"][month]
    assert abs(int(value[:4]) - int(passage["published"][:4])) <= 1


#: News that recalls the past: each must stay in news mode in auto mode (written for this project).
NEWS_RECALLING_THE_PAST = [
    ("2013-06-14",
     "The old Rialto cinema reopened on Wednesday. It was built in 1952 and burned down in 1952, "
     "a few months after its first show. In 1952 the town had four cinemas; by 1958 it had one. "
     "The owner has said the new screen cost more than the building did in 1952. Last June the "
     "council agreed to lend him the money, and the loan is due in May.",
     {"Wednesday": "2013-06-12", "Last June": "2012-06"}),
    ("2011-10-06",
     "Anna Berg, the designer, has died yesterday at the age of 56. Born in 1955 in Malmo, she "
     "founded her studio in 1982, sold it in 1990 and returned to it in 1996. She will be buried "
     "on Monday.",
     {"yesterday": "2011-10-05", "Monday": "2011-10-10"}),
    ("2016-03-02",
     "OSLO (Reuters) - The ferry that sank in 1978 was raised from the fjord in 1979, the "
     "museum said. In June it will go on show.",
     {"June": "2016-06"}),
    ("1989-11-02",
     "The maker of the sled, whose shares peaked in 1983 and again in 1985, filed a plan to pay "
     "its creditors. Under the plan, creditors will receive new shares, and the company will be "
     "renamed.",
     {}),
]


@pytest.mark.parametrize("published,text,values", NEWS_RECALLING_THE_PAST,
                         ids=[t[:30] for _, t, _ in NEWS_RECALLING_THE_PAST])
def test_news_that_recalls_the_past_stays_news(published: str, text: str, values: dict[str, str]) -> None:
    tl = timeline.build(text, published=published)
    assert tl.mode == "news", tl.notes
    assert any(note.startswith("mode: news (") for note in tl.notes), tl.notes
    found = {row.text: row.value for row in tl.expressions.itertuples()}
    for key, value in values.items():
        assert found.get(key) == value, (key, value, found)


def test_the_mode_note_gives_the_evidence() -> None:
    history = ("In 1861 the war began. In 1862 the armies met at the river, and in 1863 the siege "
               "ended. In 1864 the capital fell.")
    tl = timeline.build(history, published="2010-01-01")
    assert tl.mode == "narrative"
    assert "mode: narrative (4 years far from publication, 0 near, no news evidence)" in tl.notes


def test_a_single_old_year_with_nothing_to_anchor_is_news() -> None:
    """A lone year ("a photo of Kabul, 1983") decides nothing: the text stays news."""
    tl = timeline.build("A photo of the old bazaar, 1983. Lovely colours.", published="2015-02-24")
    assert tl.mode == "news"


def test_a_chronicle_of_recent_years_is_a_narrative() -> None:
    """A history of the last few years, published soon after, is told by its own years."""
    years = "".join(
        f"In {year} the league changed its rules. The season of {year} ended in a final. "
        for year in (2003, 2004, 2005, 2006, 2007, 2008, 2003, 2004, 2005, 2006, 2007)
    )
    text = years + "In May the last final was played."
    tl = timeline.build(text, published="2009-12-19")
    assert tl.mode == "narrative", tl.notes
    assert dict(zip(tl.expressions["text"], tl.expressions["value"]))["May"] == "2007-05"


#: Phrases that name the story's time only after a preposition, and only in a narrative: each
#: (published, text, tagged phrases, phrases that must not be tagged), written for this project.
STORY_TIME = [
    ("2016-05-02",
     "The strike began in 1912. This time the miners had saved money. The owners, at the time of "
     "the strike, lived abroad. At the same time the union grew. The same period saw new laws.",
     {"the same time": "1912"}, ["This time", "the time of", "The same period"]),
]


@pytest.mark.parametrize("published,text,tagged,untagged", STORY_TIME, ids=[t[:30] for _, t, _, _ in STORY_TIME])
def test_story_time_phrases(published: str, text: str, tagged: dict[str, str], untagged: list[str]) -> None:
    tl = timeline.build(text, published=published, mode="narrative")
    found = {row.text: row.value for row in tl.expressions.itertuples()}
    for key, value in tagged.items():
        assert found.get(key) == value, (key, value, found)
    for phrase in untagged:
        start = text.index(phrase)
        end = start + len(phrase)
        assert not any(row.char_start < end and start < row.char_end for row in tl.expressions.itertuples()), (phrase, found)


def test_story_time_phrases_are_not_tagged_in_news() -> None:
    """News (TempEval-3) leaves "at the same time" and "during this period" untagged."""
    text = ("The council met on Tuesday. At the same time, protesters gathered outside. During this "
            "period the mayor said nothing.")
    tl = timeline.build(text, published="2016-01-15", mode="news")
    assert list(tl.expressions["text"]) == ["Tuesday"]
