"""A cheap check that a text is English: the share of its words that are English function words.

Measured on texts of 25 words or more (links, @handles and #hashtags left out): the lowest
English share is 0.26 (a tweet) over TempEval-3 train, the tweets, WikiWars dev and the
event-dates dev set (330 texts); French, German, Spanish and Italian news paragraphs written for
the tests (tests/foreign_paragraphs.py) score 0.03-0.05. The threshold, 0.12, lies between.

The rules of ``lexicon/rules.txt`` read English; on French or German text they find junk
("die" is no verb, "Juni" no month). English prose is about half function words ("the", "of",
"and", "was", "will"...); other languages share few of them. The list lives in
``lexicon/function_words.txt``; the threshold was measured on the TempEval-3 and tweet corpora
(no English document below it) and on French, German, Spanish and Italian news paragraphs (all
far below).
"""

from __future__ import annotations

import re

from timeline.lexicon import lexicon

__all__ = ["MIN_WORDS", "THRESHOLD", "english_share", "function_words", "looks_english"]

#: texts with fewer words than this are never judged (a headline may hold no function word)
MIN_WORDS = 25
#: below this share of English function words a text of :data:`MIN_WORDS` words or more is
#: taken for another language
THRESHOLD = 0.12

#: punctuation and digits read as spaces, so that the words are what ``str.split`` leaves
_SEPARATORS = str.maketrans({c: " " for c in '!"$%&()*+,-./:;<=>?[\\]^_`{|}~0123456789“”‘«»—–…'})
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")  # links, @handles, #hashtags


def function_words() -> frozenset[str]:
    """The English function words of ``lexicon/function_words.txt`` (``lexicon().function_words``)."""
    return lexicon().function_words


def english_share(text: str) -> tuple[float, int]:
    """(share of the words of ``text`` that are English function words, number of words)."""
    prose = _NOT_PROSE.sub(" ", text) if ("http" in text or "www." in text or "@" in text
                                          or "#" in text) else text
    found = prose.lower().translate(_SEPARATORS).split()  # C-level: no regex, no loop per word
    if not found:
        return 0.0, 0
    hits = sum(map(function_words().__contains__, found))
    return hits / len(found), len(found)


def looks_english(text: str) -> bool:
    """Whether ``text`` may be English: ``True`` for texts shorter than :data:`MIN_WORDS`
    words, else whether at least :data:`THRESHOLD` of its words are English function words."""
    share, count = english_share(text)
    return count < MIN_WORDS or share >= THRESHOLD
