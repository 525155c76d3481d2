"""Making arbitrary text safe to process without moving a single offset.

Two repairs, both one character for one character so every offset still indexes the text:
lone surrogates (which no UTF-8 writer or Arrow string can hold) become U+FFFD in the text the
timeline keeps, and invisible format characters (zero-width spaces, direction marks, BOMs,
word joiners) and underscores (Markdown emphasis: ``_two weeks ago_``) read as spaces while
rules scan the text, so "two\u200bweeks ago" is found.
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE_FORMAT_CHARACTERS", "replace_surrogates", "scanning_view"]

_SURROGATES = re.compile("[\ud800-\udfff]")

#: characters that are read as a space while scanning (they are kept in the text)
INVISIBLE_FORMAT_CHARACTERS = (
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_TO_SPACE = str.maketrans({char: " " for char in INVISIBLE_FORMAT_CHARACTERS + "_"})
_ANY_INVISIBLE = re.compile(f"[{INVISIBLE_FORMAT_CHARACTERS}_]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many were replaced."""
    return _SURROGATES.subn("\ufffd", text)


def scanning_view(text: str) -> str:
    """``text`` with invisible format characters and underscores turned into spaces (same length)."""
    if not _ANY_INVISIBLE.search(text):
        return text
    return text.translate(_TO_SPACE)
