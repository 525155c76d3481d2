"""The tense of the verb that governs a time expression: past, present or future.

News reports past events in the past tense and announces future ones with "will", "is to",
"plans to"...; that decides whether "Thursday" or "in March" points back or forward. The verb
nearest to the expression inside its clause decides (looking left first, then right): a
modal or "going to" before it makes it future, a past form or a perfect makes it past. Weak
cues ("until", "deadline", "as soon as") make it future only when no verb of the clause
decides ("Until Thursday, they had not called him a suspect" is past).
Rule-based, no parser.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import attrs

from timeline.lexicon import lexicon

__all__ = ["clause_tense"]

#: A clause ends at ; ! ? or a double quote, at a colon that is not between digits, at a comma
#: before one of ``comma_clause_breaks``, at one of ``clause_breaks`` between spaces, or at ''
#: and ``. The leading character class takes the first character of every branch (each branch
#: looks back at it): re then skips to those characters at C speed.
_CLAUSE_BREAK = re.compile(
    r"[;!?\"“”:,'`\s](?:(?<=[;!?\"“”])|(?<=:)(?:(?<!\d:)|(?!\d))"
    r"|(?<=,)\s+(?:" + "|".join(lexicon().tense["comma_clause_breaks"]) + r")\b"
    r"|(?<=\s)(?:" + "|".join(lexicon().tense["clause_breaks"]) + r")\s|(?<=')'|(?<=`)`)"
)
_WORD = re.compile(r"[A-Za-z’']+")
_BE_BEFORE_PARTICIPLE = lexicon().word_set("tense", "be_before_participle")
_REACH_WORDS = 12  # how many words on each side of the expression are looked at


@attrs.frozen
class _Vocabulary:
    future: frozenset[str]
    weak_future: frozenset[str]
    past: frozenset[str]
    present: frozenset[str]
    passive_present: frozenset[str]
    adjective_before: frozenset[str]
    not_verbs: frozenset[str]


def _prefixed_past(tense: Mapping[str, list[str]], past: frozenset[str]) -> frozenset[str]:
    """Past forms with a prefix ("rebuilt", "withdrew", "oversaw", "rebid"): each prefix of
    ``past_prefixes`` before one of the ``past`` forms or of ``prefixed_past``, less the words
    of ``not_prefixed_past`` that read otherwise ("resent", "overcast", "relay")."""
    forms = past | set(tense["prefixed_past"])
    derived = {prefix + form for prefix in tense["past_prefixes"] for form in forms}
    return frozenset(derived - set(tense["not_prefixed_past"]))


@functools.lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """The words of ``tense.json`` as a clause reads them: the past forms less those that read
    as present as often (``not_past_in_clauses``), with their prefixed forms and the past cues."""
    tense = lexicon().tense
    past = frozenset(tense["past"]) - frozenset(tense["not_past_in_clauses"])
    return _Vocabulary(
        future=frozenset(m for m in tense["future"] if " " not in m),
        weak_future=frozenset(m for m in tense["weak_future"] if " " not in m),
        past=past | _prefixed_past(tense, past) | frozenset(tense["past_cues"]),
        present=frozenset(tense["present"]),
        passive_present=frozenset(tense["passive_present"]),
        adjective_before=frozenset(tense["adjective_before"]),
        not_verbs=frozenset(tense["not_verbs"]),
    )


def _phrases(key: str) -> re.Pattern[str] | None:
    phrases = [m for m in lexicon().tense[key] if " " in m]
    if not phrases:
        return None
    body = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _future_phrases() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(strong, weak) multi-word future cues ("going to", "as soon as")."""
    return _phrases("future"), _phrases("weak_future")


def _classify(token: str, previous: list[str]) -> str | None:
    """"future", "weak_future", "past", "present" or None for one word, given the words before it."""
    v = _vocabulary()
    word = token.lower().replace("’", "'")
    if word in v.future or word.endswith("'ll"):  # "I'll", "they'll"
        return "future"
    if word in v.weak_future:
        return "weak_future"
    if word in v.not_verbs:
        return None
    listed_past = word in v.past
    is_past = listed_past or (len(word) > 4 and word.endswith("ed"))
    if is_past:
        auxiliaries = [p.lower() for p in previous[-3:]]
        if any(a in v.future for a in auxiliaries) or (
            auxiliaries and auxiliaries[-1] in _BE_BEFORE_PARTICIPLE and "to" in auxiliaries[:-1]
        ):
            return "future"
        if auxiliaries and auxiliaries[-1] in v.passive_present and word != "since":
            return "present"  # "when the case is heard in May"
        if not listed_past and auxiliaries and auxiliaries[-1] in v.adjective_before:
            return None  # "a still unspecified date": an adjective
        return "past"
    if word in v.present:
        return "present"
    return None


def clause_tense(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> str | None:
    """``"future"``, ``"past"``, ``"present"`` or ``None`` for the expression ``text[start:end]``.

    The clause runs from the last clause break before the expression to the first one after it,
    within the sentence ``[sentence_start, sentence_end)``.
    """
    left = text[sentence_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    clause_start = sentence_start + breaks[-1].end() if breaks else sentence_start
    right = text[end:sentence_end]
    following = _CLAUSE_BREAK.search(right)
    clause_end = end + following.start() if following else sentence_end
    before = text[clause_start:start]
    after = text[end:clause_end]
    strong_phrases, weak_phrases = _future_phrases()
    weak = False
    left_words = list(_WORD.finditer(before))
    tokens = [m.group() for m in left_words]
    right_words = list(_WORD.finditer(after))
    right_tokens = [m.group() for m in right_words]
    scans = (
        (before, left_words, range(len(left_words) - 1, max(-1, len(left_words) - _REACH_WORDS), -1), True),
        (after, right_words, range(min(_REACH_WORDS, len(right_words))), False),
    )
    for side_text, side_words, indices, is_left in scans:
        for index in indices:
            position = side_words[index].start()
            if weak and not is_left and len(left_words) > 3 and "," in side_text[:position]:
                # "... leave as soon as Tuesday, Castro said": the verb after the comma reports;
                # but in "Until Thursday, they had not called" it governs.
                return "future"
            if strong_phrases is not None and strong_phrases.match(side_text, position):
                return "future"
            if weak_phrases is not None and weak_phrases.match(side_text, position):
                weak = True
                continue
            previous = tokens[:index] if is_left else tokens + right_tokens[:index]
            found = _classify(side_words[index].group(), previous)
            if found == "weak_future":
                weak = True
            elif found == "present" and weak:
                return "future"  # "has given them until Tuesday"
            elif found:
                return found
    return "future" if weak else None
