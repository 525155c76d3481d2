"""Stage 2, extract: find time expressions in text -> :class:`~timeline.types.Mention` values.

``scan`` compiles the rules of ``timeline/lexicon/rules.txt`` and scans the text (cue
scans, candidate starts, overlaps); ``readings`` holds the productions that turn a rule's
named groups into a :class:`~timeline.types.Reading`. The names below are those of the old
``timeline.extract`` module, importable from here as before.
"""

from timeline.extract.scan import (
    Matcher,
    find_mentions,
    first_characters,
    first_words,
    is_informal,
    matcher,
)

__all__ = ["Matcher", "find_mentions", "first_characters", "first_words", "is_informal", "matcher"]
