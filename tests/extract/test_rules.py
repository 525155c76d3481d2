"""The rule file itself: every rule parses, compiles, and matches its own examples in full
(their expected values are checked by tests/test_corpus.py, with the corpus cases)."""

from __future__ import annotations

import re

import pytest

from timeline.evaluation.families import FAMILIES, rule_family
from timeline.extract.readings import PRODUCTIONS, production_of
from timeline.extract.scan import Matcher, find_mentions, matcher
from timeline.lexicon import DIMENSIONS, load_rules, macros, words
from timeline.text.sentences import split_sentences

RULES = load_rules()


def test_rules_load_with_known_productions_and_types() -> None:
    assert len(RULES) >= 30
    families = {family.family for family in FAMILIES}
    for rule in RULES:
        assert (rule.build in PRODUCTIONS) != (rule.reading is not None), rule.name
        assert callable(production_of(rule)), rule.name
        assert rule.timex_type in {"DATE", "TIME", "DURATION", "SET"}, rule.name
        assert rule.dimension in DIMENSIONS, rule.name
        assert rule.family in families, rule.name
        assert rule.examples, f"rule {rule.name!r} has no example"
    assert {rule.family for rule in RULES} == families, "a family of FAMILIES has no rule"
    assert len({rule.name for rule in RULES}) == len(RULES), "rule names must be unique"


def test_rule_family_reads_the_records() -> None:
    assert rule_family("<weekday>") == "weekday"
    assert rule_family("no such rule") == "other"


def test_every_macro_compiles() -> None:
    for name, pattern in macros().items():
        re.compile(pattern, re.IGNORECASE)  # raises on a broken macro
        assert pattern, name


@pytest.mark.parametrize(
    "rule, example",
    [(rule, example) for rule in RULES for example in rule.examples],
    ids=[f"{rule.name}: {example.text}" for rule in RULES for example in rule.examples],
)
def test_rule_matches_its_example_in_full(rule, example) -> None:  # type: ignore[no-untyped-def]
    compiled = re.compile(rule.pattern, re.IGNORECASE | re.VERBOSE)
    match = compiled.match(example.context, len(example.before))
    assert match and match.group(0).strip() == example.text.strip(), (
        f"{rule.name!r} matches {match.group(0) if match else None!r} in {example.context!r}, not {example.text!r}"
    )


@pytest.mark.parametrize(
    "example",
    sorted({example.text + example.after for rule in RULES if rule.register == "any"
            for example in rule.examples if not example.before}),
)
def test_every_example_is_found_as_one_expression(example: str) -> None:
    """Through the whole extractor (cue words, rule order, productions) each example is found
    when it stands after a preposition in a plain sentence."""
    example = " ".join(example.split())
    text = f"It happened in {example} here."
    found = find_mentions(text, split_sentences(text), informal=False)
    spans = [m.text for m in found]
    assert spans, f"nothing found in {text!r}"
    start = text.index(example)
    covering = [m for m in found if m.char_start <= start < m.char_end or start <= m.char_start < start + len(example)]
    assert covering, f"{example!r} not found; found {spans}"


def test_informal_rules_apply_only_to_informal_text() -> None:
    formal = matcher(False)
    informal = matcher(True)
    assert isinstance(formal, Matcher)
    assert len(informal.rules) > len(formal.rules)
    assert all(rule.register == "any" for rule in formal.rules)
    text = "see u tmr night"
    assert [m.text for m in find_mentions(text, split_sentences(text))] == ["tmr night"]
    plain = "The Night Watch hangs in Amsterdam."
    assert find_mentions(plain, split_sentences(plain)) == ()


def test_word_lists_are_lower_case_keys() -> None:
    for table in ("months", "weekdays", "units", "parts_of_day", "seasons", "references", "numbers"):
        for key in words()[table]:
            assert key == key.lower(), (table, key)


def test_every_computed_holiday_has_a_rule() -> None:
    """Each computed holiday names Easter or a [month, weekday, n] rule of ``holiday_weekdays``."""
    import datetime as dt

    from timeline.resolve.years import holiday_date

    for name, rule in words()["holidays_computed"].items():
        base = re.split(r"[+-]", rule)[0]
        assert base == "easter" or base in words()["holiday_weekdays"], (name, rule)
        assert isinstance(holiday_date(rule, 2016), dt.date)
    assert holiday_date("thanksgiving", 2016) == dt.date(2016, 11, 24)
    assert holiday_date("memorial", 2016) == dt.date(2016, 5, 30)  # the last Monday of May
