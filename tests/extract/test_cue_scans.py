"""The fast cue scans of ``timeline.extract.cues`` and ``informal`` agree with the plain scans they replace.

``candidate_starts`` looks cue words up token by token; ``_candidate_starts_by_regex`` is the
regular-expression scan it replaces (kept as the fallback). ``is_informal`` finds social-media
marks and chat words with one search each; :func:`_informal_reference` is the word-by-word
definition.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract import cues
from timeline.extract import informal as informal_scan
from timeline.extract import scan as extract

_MARKS = re.compile(r"(?:^|\s)[@#][A-Za-z_]|https?://|~|!!|\?\?|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _informal_reference(text: str) -> bool:
    if _MARKS.search(text):
        return True
    chat = informal_scan._chat_words()
    return any(word.strip(informal_scan._PUNCTUATION) in chat for word in text.split() if word.islower())


_EXAMPLES = [
    "",
    "On Monday at 5 p.m. the council met; by 6pm it was over.",
    "See you 2nite! x2nite 12nite 2nite's",
    "The '98 season, the '90s and 4,000 residents paid $3.2 million in 1998.",
    "a.m. p.ms a.m 5a.m. xp.m _p.m",
    "about three weeks ago, last Tuesday, the past twenty-five years",
    "10-12 October; 9th of May; 2 more days",
    "Café² 5² ٣ days ٣٤ May",
    "@user yes #tag http://x.example ~ !! ?? ☀",
    " @user", "@user", "a @ b", "a#b", "hello?? ok", "hello? ok!", "wait ~",
    "i think so", "I think so", "(i)", "-i-", "tmr.", "Tmr", "cos", "Cos.", "x\u2003i\x1c",
]


def test_candidate_starts_examples() -> None:
    assert cues._cue_tokens() is not None  # the token scan is the one in use
    for text in _EXAMPLES:
        assert cues.candidate_starts(text) == cues._candidate_starts_by_regex(text), text


def test_is_informal_examples() -> None:
    for text in _EXAMPLES:
        assert extract.is_informal(text) == _informal_reference(text), text
    assert extract.is_informal("see u tmr") and not extract.is_informal("See you on Monday.")


_PIECES = st.sampled_from(
    list("ap.m2 x_'’-,;!?@#~\n\u2003²٣É") + ["p.m", "a.m", "2nite", "nite", "2moro", "the", "last",
                                             "may", "jan", "days", "ago", "1998", "http://", "i",
                                             "tmr", "☀", "!!"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_scans_agree(text: str) -> None:
    assert cues.candidate_starts(text) == cues._candidate_starts_by_regex(text)
    assert extract.is_informal(text) == _informal_reference(text)


# --- the index of rules by first word -----------------------------------------------------

def _all_rules_at(matcher: extract.Matcher, text: str, start: int) -> list[tuple[int, int]]:
    """(rule index, end) of every rule that matches at ``start``, trying all of them."""
    return [(i, found.end()) for i, pattern in enumerate(matcher._patterns)
            if (found := pattern.match(text, start)) is not None]


def _indexed_rules_at(matcher: extract.Matcher, text: str, start: int) -> list[tuple[int, int]]:
    return [(i, end) for i, end, _ in matcher.matches(text, start)]


def test_first_words_of_simple_patterns() -> None:
    assert extract.first_words(r"(?:the\s+)?(?:last|past)\s+week") == (
        frozenset({"the", "last", "past"}), ())
    assert extract.first_words(r"mid[a-z]+") == (frozenset(), ("mid",))
    assert extract.first_words(r"\d+\s+days") == (frozenset(), ())  # never a word first
    assert extract.first_words(r".*") is not None and extract.first_words(r".*")[1] == ("",)


def test_every_rule_example_keeps_its_rule() -> None:
    for informal in (False, True):
        matcher = extract.matcher(informal)
        for index, rule in enumerate(matcher.rules):
            for example in rule.examples:
                text, start = example.context, len(example.before)
                indexed = _indexed_rules_at(matcher, text, start)
                assert _all_rules_at(matcher, text, start) == indexed, (rule.name, example)


_WORDS = st.sampled_from(
    ["the", "last", "past", "next", "a", "an", "about", "early", "late", "mid", "end", "of", "this",
     "year", "years", "week", "weekend", "month", "day", "days", "night", "tonight", "today", "now",
     "monday", "Friday", "jan", "Jan.", "may", "March", "spring", "fiscal", "quarter", "third",
     "two", "twenty-five", "1998", "9", "9th", "'98", "5", "p.m.", "am", "ago", "earlier", "later",
     "after", "before", "since", "every", "half", "century", "1990s", "christmas", "eve", "noon",
     "midnight", "-", ",", ".", "year-end", "year-ago", "yesterday's", "ſeptember", "Ｍay",
     "ſunday", "\u212aeep"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), st.booleans())
def test_word_index_finds_what_trying_every_rule_finds(text: str, informal: bool) -> None:
    matcher = extract.matcher(informal)
    for start in range(len(text)):
        if text[start].isspace():
            continue
        every = _all_rules_at(matcher, text, start)
        assert _indexed_rules_at(matcher, text, start) == every, (text, start)
