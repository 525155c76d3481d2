"""Families of time expressions (dates, durations, weekdays...): which family an annotation\nbelongs to, for the error report of ``python -m timeline.evaluate --errors``.\n"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import attrs

from timeline.lexicon import load_rules

if TYPE_CHECKING:  # pragma: no cover
    pass


if TYPE_CHECKING:  # pragma: no cover
    from timeline.evaluation.scoring import Annotation

__all__ = ["FAMILIES", "FamilyRule", "classify_family", "rule_family"]


# --- expression families ---------------------------------------------------------------------


@attrs.frozen
class FamilyRule:
    """A row of :data:`FAMILIES`: an annotation is in ``family`` if its type is one of
    ``types``, its value matches ``value``, or its text matches ``text`` (case-insensitive)."""

    family: str
    text: str | None = None
    types: frozenset[str] = frozenset()
    value: str | None = None


_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)

#: Expression families for error reports; the first matching row wins.
FAMILIES: tuple[FamilyRule, ...] = (
    FamilyRule(
        "set",
        text=r"\b(every|each|daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly|per)\b",
        types=frozenset({"SET"}),
    ),
    FamilyRule(
        "reference",
        text=r"^(the\s+)?(now|right now|just now|currently|current|recent|recently|present|"
        r"presently|past|future|former|formerly|previously|nowadays|these days|lately|soon|"
        r"then|at the time|the time|the moment|so far)$",
        value=r"^(PAST|PRESENT|FUTURE)_REF$",
    ),
    FamilyRule("ago/later", text=r"\b(ago|later|earlier|hence|before|after|since|from now|prior)\b"),
    FamilyRule("duration", types=frozenset({"DURATION"})),
    FamilyRule(
        "time of day/clock",
        text=r"\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(a\.?m\b\.?|p\.?m\b\.?)|\b(noon|midnight|o'clock|"
        r"gmt|utc|est|edt|pst|pdt|cst|cdt)\b",
    ),
    FamilyRule("relative day", text=r"\b(today|tonight|yesterday|tomorrow)\b"),
    FamilyRule(
        "part of day",
        text=r"\b(morning|afternoon|evening|night|overnight|dawn|dusk|daybreak|nightfall|"
        r"daytime|midday)\b",
    ),
    FamilyRule("weekday", text=rf"\b({_WEEKDAYS})\b"),
    FamilyRule(
        "holiday",
        text=r"\b(christmas|xmas|easter|thanksgiving|halloween|new year'?s?( day| eve)?|"
        r"valentine'?s?|ramadan|hanukkah|independence day|labor day|memorial day|"
        r"mother'?s day|father'?s day)\b",
    ),
    FamilyRule(
        "quarter/season",
        text=r"\b(quarter|quarters|spring|summer|fall|autumn|winter|half|semester|fiscal|season)\b",
    ),
    FamilyRule(
        "month/day date",
        text=rf"\b({_MONTHS})\b\.?|\b\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?\b|\b\d{{4}}-\d{{2}}"
        r"|\b\d{1,2}(st|nd|rd|th)\b",
    ),
    FamilyRule(
        "decade/century",
        text=r"\b\d{2,4}'?s\b|'\d0s\b|\b(decade|decades|century|centuries|millennium|"
        r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    ),
    FamilyRule(
        "relative unit",
        text=r"\b(week|weeks|weekend|weekends|month|months|year|years|day|days|fortnight)\b",
    ),
    FamilyRule("year", text=r"\b(1\d|20)\d{2}\b|'\d{2}\b"),
)

_COMPILED: tuple[tuple[FamilyRule, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        re.compile(rule.text, re.IGNORECASE) if rule.text else None,
        re.compile(rule.value) if rule.value else None,
    )
    for rule in FAMILIES
)


def classify_family(annotation: Annotation) -> str:
    """The expression family of an annotation (a :data:`FAMILIES` name, or ``other``)."""
    text = " ".join(annotation.text.split())
    for rule, text_pattern, value_pattern in _COMPILED:
        if annotation.type in rule.types:
            return rule.family
        if value_pattern is not None and value_pattern.search(annotation.value):
            return rule.family
        if text_pattern is not None and text_pattern.search(text):
            return rule.family
    return "other"


@functools.lru_cache(maxsize=1)
def _rule_families() -> dict[str, str]:
    return {spec.name: spec.family for spec in load_rules()}


def rule_family(rule: str) -> str:
    """The family of the extraction rule named ``rule`` (its record's ``family:``), or ``other``."""
    return _rule_families().get(rule, "other")
