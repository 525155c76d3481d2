"""The example articles in ``seeds/`` against their expected timelines (``seeds/<stem>.json``).

Each ``seeds/<stem>.txt`` has a ``seeds/<stem>.json`` holding its publication date, the events
the timeline must contain, the time expressions it must find and the phrases that must not be
read as time expressions. The project's original seed article (outside the repository, in
``../shared/seeds``) is checked too when it is present.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import shared

import timeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_SEED = shared("seeds", "000_97afb06ab074d6df.txt")

SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@cache
def spec(stem: str) -> dict[str, Any]:
    """The expected timeline of ``seeds/<stem>.txt``."""
    return json.loads((SEEDS / f"{stem}.json").read_text(encoding="utf-8"))


@cache
def built(stem: str) -> timeline.Timeline:
    """The timeline of ``seeds/<stem>.txt`` built with the date and mode of its JSON file."""
    data = spec(stem)
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    return timeline.build(text, published=data["published"], mode=data.get("mode", "auto"))


def _day(value: object) -> str | None:
    """``YYYY-MM-DD`` of a timestamp cell, ``None`` for NaT (works for any year)."""
    if value is None or pd.isna(value):
        return None
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _grains(expected: str | list[str]) -> list[str]:
    return [expected] if isinstance(expected, str) else list(expected)


def event_problem(events: pd.DataFrame, expected: dict[str, Any]) -> str | None:
    """Why no row of ``events`` matches ``expected`` (``None`` when one does).

    A row matches when its ``event`` contains ``event_contains`` (case-insensitive; a list means
    any of its words), its start
    day begins with ``start`` (a full date, or ``YYYY-MM`` for "some day of that month"), or,
    for an approximate date, its ``value`` begins with ``value`` and its widened interval
    ``[start, end)`` holds the day ``contains``; its
    ``grain`` is ``grain`` (or one of a list), its ``approximate`` flag equals ``approximate``,
    and, when given, ``derived`` says whether ``derived_from`` is set and ``duration`` equals
    the ``duration`` column.
    """
    wanted = expected["event_contains"]
    words = [wanted] if isinstance(wanted, str) else list(wanted)
    phrases = events["event"].fillna("").str.lower()
    candidates = events[[any(w.lower() in p for w in words) for p in phrases]]
    word = " or ".join(repr(w) for w in words)
    if candidates.empty:
        return f"no event contains {word}; events: {list(events['event'])}"
    grains = _grains(expected["grain"])
    for _, row in candidates.iterrows():
        day = _day(row["start"])
        if "start" in expected and (day is None or not day.startswith(expected["start"])):
            continue
        if "value" in expected and not str(row["value"]).startswith(expected["value"]):
            continue
        if "contains" in expected:  # an approximate date: its widened interval holds the day
            moment = pd.Timestamp(expected["contains"])
            if pd.isna(row["start"]) or not row["start"] <= moment < row["end"]:
                continue
        if row["grain"] not in grains:
            continue
        if bool(row["approximate"]) != expected["approximate"]:
            continue
        if "derived" in expected and pd.notna(row["derived_from"]) != expected["derived"]:
            continue
        if "duration" in expected and row["duration"] != expected["duration"]:
            continue
        return None
    shown = candidates[
        ["event", "start", "grain", "approximate", "derived_from", "duration", "expression"]
    ]
    return f"no event containing {word} matches {expected}; candidates:\n{shown.to_string()}"


def _same_span(found: str, wanted: str) -> bool:
    """Texts match when they are the same extent (ignoring case and surrounding spaces): "a day"
    in "a day after Lasko was recaptured" is not "a day after"."""
    return bool(found.strip()) and found.lower().strip() == wanted.lower().strip()


def expression_problem(expressions: pd.DataFrame, expected: dict[str, str]) -> str | None:
    """Why no row of ``expressions`` has exactly ``expected``'s text, type and value (``None``
    if one does)."""
    for _, row in expressions.iterrows():
        if (
            _same_span(str(row["text"]), expected["text"])
            and row["type"] == expected["type"]
            and row["value"] == expected["value"]
        ):
            return None
    shown = expressions[["text", "type", "value", "anchor"]]
    return f"missing {expected}; expressions:\n{shown.to_string()}"


def overlapping(expressions: pd.DataFrame, text: str, phrase: str) -> list[str]:
    """Expressions whose span overlaps any occurrence of ``phrase`` in ``text``."""
    hits = []
    for match in re.finditer(re.escape(phrase), text):
        for _, row in expressions.iterrows():
            if row["char_start"] < match.end() and match.start() < row["char_end"]:
                hits.append(str(row["text"]))
    return hits


def test_seeds_are_complete() -> None:
    assert len(SEED_STEMS) >= 3
    for stem in SEED_STEMS:
        data = spec(stem)
        assert set(data) >= {"published", "title", "expected_events", "expected_expressions"}
        timeline.parse_published(data["published"])
        text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        for phrase in data.get("absent_expressions", []):
            assert phrase in text, f"{stem}: absent phrase {phrase!r} is not in the text"
        for item in data["expected_expressions"]:
            assert item["text"].lower() in text.lower(), f"{stem}: {item['text']!r} not in text"


def _label(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("event_contains", item.get("text")))
    return str(item)


def _cases(key: str) -> list[Any]:
    return [
        pytest.param(stem, item, id=f"{stem}-{i}-{_label(item)}")
        for stem in SEED_STEMS
        for i, item in enumerate(spec(stem).get(key, []))
    ]


@pytest.mark.parametrize(("stem", "expected"), _cases("expected_events"))
def test_seed_event(stem: str, expected: dict[str, Any]) -> None:
    problem = event_problem(built(stem).events, expected)
    assert problem is None, problem


@pytest.mark.parametrize(("stem", "expected"), _cases("expected_expressions"))
def test_seed_expression(stem: str, expected: dict[str, str]) -> None:
    problem = expression_problem(built(stem).expressions, expected)
    assert problem is None, problem


@pytest.mark.parametrize(("stem", "phrase"), _cases("absent_expressions"))
def test_seed_absent_expression(stem: str, phrase: str) -> None:
    tl = built(stem)
    assert overlapping(tl.expressions, tl.article.text, phrase) == []


@pytest.mark.parametrize("stem", [s for s in SEED_STEMS if "detected_mode" in spec(s)])
def test_seed_mode_is_detected(stem: str) -> None:
    data = spec(stem)
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    assert timeline.build(text, published=data["published"]).mode == data["detected_mode"]


# --- the project's original seed article (not part of the repository) -------------------------

ORIGINAL_EVENTS = [
    # "During an interview on Thursday with 60 Minutes the actor said ...": either clause.
    {"event_contains": ["interview", "said"], "start": "2016-01-14", "grain": "day",
     "approximate": False},
    {"event_contains": "met", "start": "2015-10-01", "grain": "month", "approximate": False,
     "derived": False},
    {"event_contains": "published", "start": "2016-01-09", "grain": "day", "approximate": False},
    {"event_contains": "recaptured", "start": "2016-01-08", "grain": "day", "approximate": False,
     "derived": True},
    # About 2015-07-08: the value names July 2015, the interval is widened around it.
    {"event_contains": "escaped", "value": "2015-07", "contains": "2015-07-08", "approximate": True,
     "derived": True, "grain": ["month", "quarter", "season", "half_year"]},
]


@cache
def original(published: str) -> timeline.Timeline:
    """The original seed article's timeline for one publication date."""
    return timeline.build(SHARED_SEED.read_text(encoding="utf-8"), published=published)


needs_original = pytest.mark.skipif(
    not SHARED_SEED.is_file(), reason="../shared/seeds is not beside the repository"
)


@needs_original
@pytest.mark.parametrize("published", ["2016-01-15", "2016-01-17"])
@pytest.mark.parametrize(
    "expected", ORIGINAL_EVENTS, ids=["|".join(e["event_contains"]) if isinstance(e["event_contains"], list)
         else e["event_contains"] for e in ORIGINAL_EVENTS]
)
def test_original_seed_event(published: str, expected: dict[str, Any]) -> None:
    problem = event_problem(original(published).events, expected)
    assert problem is None, problem


@needs_original
@pytest.mark.parametrize("published", ["2016-01-15", "2016-01-17"])
def test_original_seed_meeting_lasted_several_hours(published: str) -> None:
    tl = original(published)
    assert expression_problem(
        tl.expressions, {"text": "several hours", "type": "DURATION", "value": "PTXH"}
    ) is None
    events = tl.events
    meetings = events[events["event"].fillna("").str.contains(r"\bmee?t", case=False, regex=True)]
    assert "PTXH" in set(meetings["duration"]), meetings[["event", "duration"]].to_string()


@needs_original
@pytest.mark.parametrize("published", ["2016-01-15", "2016-01-17"])
def test_original_seed_show_name_is_not_a_time(published: str) -> None:
    tl = original(published)
    assert overlapping(tl.expressions, tl.article.text, "60 Minutes") == []
