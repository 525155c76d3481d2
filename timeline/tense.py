"""The tense of the clause around a time expression: past, present or future.

News reports past events in the past tense and announce future ones with "will", "is to",
"plans to", "next"...; that decides whether "Thursday" or "in March" points back or forward.
Rule-based, on the clause that holds the expression; no parser.
"""

from __future__ import annotations

import functools
import re

from timeline.lexicon import words

__all__ = ["clause_tense"]

_CLAUSE_BREAK = re.compile(r"[;:!?\"“”]|,\s+(?:but|and|while|whereas|although|though|which|who)\b|\s+(?:but|while|whereas)\s+")
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|took|made|met|saw|gave|got|left|found|began|became|"
    r"held|won|lost|ran|fell|rose|sold|bought|paid|sent|spoke|wrote|thought|knew|brought|kept|led|"
    r"hit|struck|shot|fled|quit|set|put|cut|announced|\w{2,}ed)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(?:is|are|am|has|have|does|do|says)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _future() -> re.Pattern[str]:
    markers = sorted(words()["future_markers"], key=len, reverse=True)
    body = "|".join(re.escape(m).replace(r"\ ", r"\s+").replace("'", "['’]") for m in markers)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def clause_tense(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> str | None:
    """``"future"``, ``"past"``, ``"present"`` or ``None`` for the clause holding ``text[start:end]``.

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
    for part in (before, after):
        if _future().search(part):
            return "future"
    for part in (before, after):
        if _PAST.search(part):
            return "past"
    for part in (before, after):
        if _PRESENT.search(part):
            return "present"
    return None
