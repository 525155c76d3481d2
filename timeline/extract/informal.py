"""Whether a text is informal (social media, chat): :func:`is_informal` picks the rules for
it."""

from __future__ import annotations

import functools
import re

from timeline.lexicon import alternation, words

__all__ = [
    "is_informal",
]


#: the marks of social media: mentions, hashtags, links, "~", "!!", "??" and emoji
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF"
_LINK = re.compile(r"https?://")
# one pattern that begins with a character class, so that re skips to those characters at C
# speed; the lookbehinds then say which mark it is ("@name" only after a space)
_SOCIAL_MARK = re.compile(
    rf"[@#~!?{_EMOJI}](?:(?<=\s[@#])[A-Za-z_]|(?<=[~{_EMOJI}])|(?<=!)!|(?<=\?)\?)"
)
_LEADING_HANDLE = re.compile(r"[@#][A-Za-z_]")  # "@name" at the very start
_PUNCTUATION = ".,!?;:()[]\"'“”‘’…-"


@functools.lru_cache(maxsize=1)
def _chat_words() -> frozenset[str]:
    return frozenset(words()["informal_cues"]) | {"i"}


@functools.lru_cache(maxsize=1)
def _chat_regex() -> re.Pattern[str] | None:
    """A whitespace-separated word that is a chat word with punctuation around it, over the
    text after one space (``None`` when a chat word is not lower case or has punctuation or
    space at an end: then the words are looked at one by one)."""
    chat = _chat_words()
    if not all(w.islower() and w.strip(_PUNCTUATION) == w and not any(c.isspace() for c in w)
               for w in chat):
        return None
    punctuation = "[" + re.escape(_PUNCTUATION) + "]*"
    return re.compile(rf"\s{punctuation}(?:{alternation(sorted(chat))}){punctuation}(?!\S)")


def is_informal(text: str) -> bool:
    """Whether ``text`` reads like social media (mentions, hashtags, links, emoji, lower-case
    chat words such as "tmr" or a small "i"): there a bare "night" or "sat" is a time, which in
    news it rarely is. Chat words count only in lower case ("cos" is chat, "Cos." a company)."""
    if _SOCIAL_MARK.search(text) or _LINK.search(text) or _LEADING_HANDLE.match(text):
        return True
    chat = _chat_regex()
    if chat is not None:  # a word (split at white space) that strips to a chat word
        return chat.search(" " + text) is not None
    words_ = _chat_words()
    return any(word.strip(_PUNCTUATION) in words_ for word in text.split() if word.islower())
