"""The fast cue scans of ``timeline.extract`` agree with the plain scans they replace.

``_candidate_starts`` looks cue words up token by token; ``_candidate_starts_by_regex`` is the
regular-expression scan it replaces (kept as the fallback). ``is_informal`` finds social-media
marks and chat words with one search each; :func:`_informal_reference` is the word-by-word
definition.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import extract

_MARKS = re.compile(r"(?:^|\s)[@#][A-Za-z_]|https?://|~|!!|\?\?|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _informal_reference(text: str) -> bool:
    if _MARKS.search(text):
        return True
    chat = extract._chat_words()
    return any(word.strip(extract._PUNCTUATION) in chat for word in text.split() if word.islower())


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
    assert extract._cue_tokens() is not None  # the token scan is the one in use
    for text in _EXAMPLES:
        assert extract._candidate_starts(text) == extract._candidate_starts_by_regex(text), text


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
    assert extract._candidate_starts(text) == extract._candidate_starts_by_regex(text)
    assert extract.is_informal(text) == _informal_reference(text)
