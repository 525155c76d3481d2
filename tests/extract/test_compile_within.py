"""compile_within: each rule is parsed once, for the matcher's index and for its compilation."""

from __future__ import annotations

import re

import pytest

from timeline.extract import prefixes
from timeline.lexicon import load_rules

BEFORE, AFTER = r"(?<![\w'’])(?<![^\W\d_]-)", r"(?!\w|-[^\W\d_]|['’](?![sS]\b)\w)"


def _answers(pattern: str) -> tuple[object, object]:
    return prefixes.first_characters(pattern), prefixes.first_words(pattern)


def _forget() -> None:
    for cached in (prefixes.compile_within, prefixes.first_characters, prefixes.first_words):
        cached.cache_clear()
    prefixes._PARSES.clear()


def test_a_rule_compiled_within_its_context_is_read_as_its_own_parse_reads() -> None:
    """The parse of the rule inside the whole expression gives the same first characters and
    words as the rule's own parse, and the pattern matches as ``re.compile`` of the whole."""
    rules = load_rules()
    _forget()
    try:
        compiled = [prefixes.compile_within(BEFORE, rule.pattern, AFTER) for rule in rules]
        within = [_answers(rule.pattern) for rule in rules]
        _forget()
        alone = [_answers(rule.pattern) for rule in rules]
    finally:
        _forget()
    assert within == alone
    for rule, pattern in zip(rules, compiled):
        reference = re.compile(BEFORE + "(?:" + rule.pattern + ")" + AFTER, re.IGNORECASE | re.VERBOSE)
        assert (pattern.flags, pattern.groups, pattern.groupindex) == (
            reference.flags, reference.groups, reference.groupindex), rule.name
        for example in rule.examples:
            text, start = example.context, len(example.before)
            got, expected = pattern.match(text, start), reference.match(text, start)
            assert (got and (got.span(), got.groupdict())) == (
                expected and (expected.span(), expected.groupdict())), (rule.name, example)


@pytest.mark.parametrize("pattern", [r"(?:a|b)c", r"x(?P<g>y)?", r"(?:the\s+)?day", r"[^a]b|c"])
def test_small_patterns_compile_as_re_compiles_them(pattern: str) -> None:
    compiled = prefixes.compile_within(BEFORE, pattern, AFTER)
    reference = re.compile(BEFORE + "(?:" + pattern + ")" + AFTER, re.IGNORECASE | re.VERBOSE)
    for text in ("ac", "bc", "xy", "x", "the day", "day", "zb", "c", "ab"):
        got, expected = compiled.match(text), reference.match(text)
        assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict()))
