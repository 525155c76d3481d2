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
