"""The tense of the verb that governs a time expression: past, present or future.

News reports past events in the past tense and announces future ones with "will", "is to",
"plans to"...; that decides whether "Thursday" or "in March" points back or forward. The verb
nearest to the expression inside its clause decides (looking left first, then right): a
modal or "going to" before it makes it future, a past form or a perfect makes it past.
Rule-based, no parser.
"""

from __future__ import annotations

import functools
import re

from timeline.lexicon import words

__all__ = ["clause_tense"]

_CLAUSE_BREAK = re.compile(
    r"[;:!?\"“”]|,\s+(?:but|and|while|whereas|although|though|which|who|saying|after|before|when|as)\b"
    r"|\s(?:but|while|whereas|because|although|though)\s|''|``"
)
_WORD = re.compile(r"[A-Za-z’']+")
_BE_BEFORE_PARTICIPLE = frozenset({"be", "been", "being"})


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    w = words()
    tense = w["tense"]
    single_future = frozenset(m for m in tense["future"] if " " not in m)
    return (
        single_future,
        frozenset(tense["past"]),
        frozenset(tense["present"]),
        frozenset(tense["not_verbs"]),
    )


@functools.lru_cache(maxsize=1)
def _future_phrases() -> re.Pattern[str]:
    phrases = [m for m in words()["tense"]["future"] if " " in m]
    body = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def _classify(token: str, previous: list[str]) -> str | None:
    future, past, present, not_verbs = _vocabulary()
    word = token.lower().replace("’", "'")
    if word in future:
        return "future"
    if word in not_verbs:
        return None
    is_past = word in past or (len(word) > 4 and word.endswith("ed"))
    if is_past:
        auxiliaries = [p.lower() for p in previous[-3:]]
        if any(a in future for a in auxiliaries) or (
            auxiliaries and auxiliaries[-1] in _BE_BEFORE_PARTICIPLE and "to" in auxiliaries[:-1]
        ):
            return "future"
        return "past"
    if word in present:
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
    phrases = _future_phrases()
    left_words = list(_WORD.finditer(before))
    tokens = [m.group() for m in left_words]
    for index in range(len(left_words) - 1, max(-1, len(left_words) - 12), -1):
        if phrases.match(before, left_words[index].start()):
            return "future"
        found = _classify(tokens[index], tokens[:index])
        if found:
            return found
    right_words = list(_WORD.finditer(after))
    right_tokens = [m.group() for m in right_words]
    for index in range(min(12, len(right_words))):
        if phrases.match(after, right_words[index].start()):
            return "future"
        found = _classify(right_tokens[index], tokens + right_tokens[:index])
        if found:
            return found
    return None
