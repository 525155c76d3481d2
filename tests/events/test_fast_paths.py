"""The fast paths of the events stage give exactly what the plain paths give.

- A document tokenized once and sliced per sentence (``DocumentTokens``) gives each sentence the
  tokens it gets when tokenized alone, or declines (``None``) where they could differ.
- The memos (word classes, verb forms) are pure and bounded.
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import shared

from timeline.events import forms, tokens, words
from timeline.events.clauses import SentenceAnalysis
from timeline.events.tokens import DocumentTokens, token_spans
from timeline.events.triggers import event_candidates
from timeline.text.sentences import split_sentences
from timeline.types import Sentence

SHARED = shared()

TEXTS = [
    "Mr. Smith met him in the U.S. on Oct. 23; 1,000 came at 3:15. He left.",
    "The vote was held on Monday. Nobody had crossed it, officials said.",
    "They met Dr. Brown.Then they left at 5 p.m. on Friday.",
    "He is going to sign it. She was going to be there, but nobody came.",
    "Shares fell 3.5% in Tokyo... Prices rose; the U.N. said so!",
    "Café ÉLAN’s vote was held; the mayor resigned.",
    "",
    "   ",
    "A.B.C. D",
]


def _analysis_state(analysis: SentenceAnalysis) -> tuple[object, ...]:
    return (analysis.starts, analysis.ends, analysis.lows, analysis.groups, analysis.segments,
            [analysis.verb_form(g) for g in analysis.groups],
            event_candidates(analysis, set()))


def _check_text(text: str, sentences: tuple[Sentence, ...] | list[Sentence]) -> int:
    """Compare sliced and fresh analyses; return how many sentences took the slice."""
    document = DocumentTokens.of(text)
    sliced = 0
    for sentence in sentences:
        alone = token_spans(text, sentence.char_start, sentence.char_end)
        if document is not None:
            part = document.sentence(sentence.char_start, sentence.char_end)
            if part is not None:
                assert part[:3] == alone, (text, sentence)
                assert part[3:] == tokens.token_flags(text, alone[0], alone[2]), (text, sentence)
                sliced += 1
        fast = SentenceAnalysis(text, sentence.char_start, sentence.char_end, (), document)
        plain = SentenceAnalysis(text, sentence.char_start, sentence.char_end)
        assert _analysis_state(fast) == _analysis_state(plain), (text, sentence)
    return sliced


@pytest.mark.parametrize("text", TEXTS)
def test_document_slices_match_sentences_tokenized_alone(text: str) -> None:
    _check_text(text, split_sentences(text))


def test_odd_sentence_bounds_fall_back_to_tokenizing_alone() -> None:
    text = "Mr.Smith arrived at 3:15 and left. U.S.A. is big. Gov.X won."
    # bounds inside tokens, right after an abbreviation's letters, and at a bare full stop
    spans = [(0, 3), (2, 10), (1, 20), (35, 41), (40, 50), (0, len(text)), (54, 57), (58, 60)]
    sentences = [Sentence(i, a, b, text[a:b]) for i, (a, b) in enumerate(spans)]
    assert _check_text(text, sentences) < len(sentences)  # some bounds decline the slice
    assert DocumentTokens.of(text).sentence(0, 3) is None  # "Mr." cut off from "Smith"


def test_non_ascii_documents_tokenize_per_sentence() -> None:
    assert DocumentTokens.of("Café ÉLAN’s vote.") is None
    assert DocumentTokens.of("plain text") is not None


def test_verb_form_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "_MEMO_LIMIT", 8)
    forms._FORMS.clear()
    words = [f"walk{a}{b}ed" for a in "abcdef" for b in "ghijkl"]
    text = " ".join(f"They {word} home." for word in words)
    seen = set()
    for sentence in split_sentences(text):
        analysis = SentenceAnalysis(text, sentence.char_start, sentence.char_end)
        for group in analysis.groups:
            seen.add(analysis.lows[group.head])
            assert analysis.verb_form(group).tense == "past"
            assert len(forms._FORMS) <= 8
    assert len(seen) == len(words)  # far more distinct groups than the memo keeps
    forms._FORMS.clear()


def test_verb_form_memo_gives_what_a_fresh_computation_gives() -> None:
    text = "Nobody had seen it. He is going to be late. They would not go. It was going to rain."
    for sentence in split_sentences(text):
        analysis = SentenceAnalysis(text, sentence.char_start, sentence.char_end)
        for group in analysis.groups:
            first = analysis.verb_form(group)
            forms._FORMS.clear()
            assert analysis.verb_form(group) == first


@pytest.mark.skipif(not (SHARED / "corpora" / "tempeval3-train").is_dir(),
                    reason="the TempEval-3 corpus (../shared) is absent")
def test_corpus_sentences_slice_like_they_tokenize_alone() -> None:
    files = sorted((SHARED / "corpora" / "tempeval3-train").rglob("*.tml"))[:60]
    total = sliced = 0
    for path in files:
        raw = path.read_text(encoding="utf-8")
        match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        assert match is not None
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
        sentences = split_sentences(text)
        total += len(sentences)
        sliced += _check_text(text, sentences)
    assert total and sliced >= 0.95 * total


# --- merging mentions: the pruned scan joins exactly what a scan of every member joins ------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from timeline.events.collect import Collection, EventMention  # noqa: E402
from timeline.events.coreference import compatible, merge  # noqa: E402
from timeline.events.forms import VerbForm  # noqa: E402
from timeline.events.phrases import Found, subject_start  # noqa: E402
from timeline.events.words import stem  # noqa: E402

_FORMS = [None, VerbForm("past", "real", False, False, False),
          VerbForm("future", "real", False, False, False),
          VerbForm("none", "modal", False, False, False)]
_TRIGGERS = ["vote", "voted", "votes", "attack", "attacked", "talks"]


def _reference_partition(mentions: dict[int, EventMention]) -> dict[int, int]:
    """Root of every key, merged as ``_merge`` did before its scan was pruned."""
    root = {key: key for key in mentions}
    dated = {key: m.explicit is not None for key, m in mentions.items()}

    def find(key: int) -> int:
        while root[key] != key:
            key = root[key]
        return key

    def join(key: int, candidates: list[int]) -> bool:
        """Join the nearest candidate it may join; whether it found one (or its group)."""
        mention = mentions[key]
        found = mention.found
        for other_key in reversed(candidates):
            other = mentions[other_key]
            referring = (found.kind == "noun" and found.definite) or mention.is_anchor \
                or other.is_anchor
            if not referring or not compatible(mention.form, other.form):
                continue
            a, b = find(key), find(other_key)
            if a == b:
                return True
            if dated[a] and dated[b]:
                continue
            first, second = (a, b) if a < b else (b, a)
            root[second] = first
            dated[first] = dated[a] or dated[b]
            return True
        return False

    groups: dict[str, list[int]] = {}
    for key in sorted(mentions):
        found = mentions[key].found
        members = groups.setdefault(stem(found.trigger), [])
        # an undated noun tries the earlier mentions of the same noun first
        same = [k for k in members if mentions[k].found.trigger.lower() == found.trigger.lower()]
        if not (found.kind == "noun" and not dated[key] and join(key, same)):
            join(key, members)
        members.append(key)
    return {key: find(key) for key in mentions}


_MENTION = st.tuples(st.sampled_from(_TRIGGERS), st.sampled_from(["verb", "noun"]), st.booleans(),
                     st.booleans(), st.booleans(), st.sampled_from(range(len(_FORMS))))


@settings(max_examples=300, deadline=None)
@given(st.lists(_MENTION, max_size=40))
def test_merge_joins_what_a_full_scan_joins(specs: list[tuple[str, str, bool, bool, bool, int]]) -> None:
    builder = Collection("", ())
    for number, (trigger, kind, definite, anchor, has_date, form) in enumerate(specs):
        key = 10 * number
        found = Found(trigger, key, key + len(trigger), trigger, key, key + len(trigger), kind,
                      definite, trigger)
        mention = EventMention(found, 0, explicit=object() if has_date else None)  # type: ignore[arg-type]
        mention.is_anchor = anchor
        mention.form = _FORMS[form]
        builder.mentions[key] = mention
    expected = _reference_partition(builder.mentions)
    rep = merge(builder)
    for key in builder.mentions:
        for other in builder.mentions:
            assert (expected[key] == expected[other]) == (rep[key] == rep[other]), (key, other)


# --- abbreviations: joined in one pass, as the step-by-step join did ------------------------


def _join_step_by_step(starts: list[int], ends: list[int], lows: list[str], lowered: str,
                       offset: int) -> None:
    """The former in-place join (one ``del`` per joined full stop)."""
    i = 0
    while True:
        try:
            i = lows.index(".", i + 1)
        except ValueError:
            return
        previous = lows[i - 1]
        if ends[i - 1] == starts[i] and (
            previous in tokens._ABBREVIATIONS or (len(previous) > 2 and previous[-2] == ".")
            or (len(previous) == 1 and previous.isalpha())
        ):
            after = ends[i] - offset
            if after >= len(lowered) or not lowered[after].isalnum():
                ends[i - 1] = ends[i]
                lows[i - 1] = previous + "."
                del starts[i], ends[i], lows[i]
                i -= 1


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["mr", "u.s", "x", "oct", "ab", ".", ". ", " ", "..", "a.b", "7",
                                 "!", "e.g", "dr.", "co", ","]), max_size=30))
def test_abbreviations_join_as_before(pieces: list[str]) -> None:
    text = "".join(pieces)
    lowered = text.lower()
    split = tokens._TOKEN_SPLIT.split(lowered)
    offsets = [0]
    for piece in split:
        offsets.append(offsets[-1] + len(piece))
    base = (offsets[1:-1:2], offsets[2::2], split[1::2])
    fast = tuple(list(part) for part in base)
    slow = tuple(list(part) for part in base)
    tokens._join_abbreviations(*fast, lowered, 0)  # type: ignore[call-arg]
    _join_step_by_step(*slow, lowered, 0)  # type: ignore[call-arg]
    assert fast == slow, text


def test_very_long_documents_tokenize_per_sentence() -> None:
    long_text = "The council met on Monday. " * (tokens.DOCUMENT_TOKENS_LIMIT // 27 + 1)
    assert len(long_text) > tokens.DOCUMENT_TOKENS_LIMIT
    assert DocumentTokens.of(long_text) is None
    assert DocumentTokens.of(long_text[:1000]) is not None


# --- the split patterns give the tokens of the reference pattern ---------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_ -'’.,:;!\t\n\x1c\x1féÉ’")), max_size=40))
def test_split_patterns_give_the_reference_tokens(text: str) -> None:
    lowered = text.lower().replace("’", "'")
    pieces = tokens._TOKEN_SPLIT.split(lowered)
    assert pieces[1::2] == tokens._TOKEN.findall(lowered)
    assert "".join(pieces) == lowered
    if lowered.isascii():
        assert tokens._ASCII_SPLIT.split(lowered) == pieces


KNOWN_TEXTS = TEXTS + [
    "The vote was held on Monday, which took place after the crash; he resigned.",
    "The meeting, which took place on April 10, ended the strike and the talks.",
    "Germany and the Soviet Union signed the pact, killing twelve people in the attack.",
]


@pytest.mark.parametrize("text", KNOWN_TEXTS)
def test_known_candidates_come_as_their_keys(text: str) -> None:
    """With ``known``, a known event comes as its trigger offset; everything else is unchanged."""
    for sentence in split_sentences(text):
        analysis = SentenceAnalysis(text, sentence.char_start, sentence.char_end)
        full = event_candidates(analysis, set())
        keys = [found.trigger_start for found, _, _ in full]
        for known in ({keys[0]} if keys else set(), set(keys), {-1}):
            fast = event_candidates(analysis, set(), known)
            assert len(fast) == len(full)
            for (found, form, segment), (found2, form2, segment2) in zip(full, fast):
                assert (form2, segment2) == (form, segment)
                if isinstance(found2, int):
                    assert found2 == found.trigger_start and found2 in known
                else:
                    assert found2 == found


def test_known_verbs_and_nouns_are_not_rebuilt() -> None:
    """A plain verb and an event noun are their own triggers: known, they come as offsets."""
    text = "The rebels attacked the town after the crash."
    analysis = SentenceAnalysis(text, 0, len(text))
    keys = {text.index("attacked"), text.index("crash")}
    assert {found.trigger_start for found, _, _ in event_candidates(analysis, set())} == keys
    assert [found for found, _, _ in event_candidates(analysis, set(), keys)] == sorted(keys)


# --- subjects: plain words are stepped over as the word-by-word tests step over them ----------


def _subject_start_reference(analysis: SentenceAnalysis, first: int, lo: int,
                             exclude: set[int]) -> int:
    """The former ``_subject_start``: every test on every word."""
    lows = analysis.lows
    start, k, count = first, first - 1, 0
    while k >= lo and count < 6:
        low = lows[k]
        if low == "," or low in words.HARD or k in exclude:
            break
        if low in words.PREPOSITIONS and low != "of":
            break
        if low in words.COORD and k - 1 >= lo and count and lows[k - 1].isalpha() and \
                lows[k - 1] not in words.PREPOSITIONS and k - 1 not in analysis.heads and \
                not analysis.finite[k - 1] and k - 1 not in exclude:
            count += 1
            k -= 1
            continue
        if low in words.SUBORDINATORS or low in words.COORD or low in words.RELATIVE:
            break
        if k in analysis.heads:
            break
        start = k
        if low in words.PRONOUNS:
            break
        if low in words.DETERMINERS and not (k > lo and lows[k - 1] in ("of", "and", "or")):
            break
        count += 1
        k -= 1
    return start


_SUBJECT_WORDS = ["the", "a", "his", "he", "they", "of", "and", "or", "but", "which", "when", ",",
                  ".", "in", "on", "Germany", "soviet", "union", "troops", "rebels", "quickly",
                  "said", "signed", "met", "was", "had", "attack", "vote", "to", "sign"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SUBJECT_WORDS), min_size=1, max_size=25),
       st.sets(st.integers(0, 24), max_size=4))
def test_subject_start_matches_the_word_by_word_scan(words: list[str], excluded: set[int]) -> None:
    text = " ".join(words)
    analysis = SentenceAnalysis(text, 0, len(text))
    exclude = {i for i in excluded if i < analysis.n}
    for first in range(analysis.n):
        for lo in range(first + 1):
            assert subject_start(analysis, first, lo, exclude) == \
                _subject_start_reference(analysis, first, lo, exclude), (text, first, lo)
