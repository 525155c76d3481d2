"""Stage 2, extract: find time expressions in text -> :class:`~timeline.types.Mention` values.

``scan`` compiles the rules of ``timeline/lexicon/rules.txt`` and scans the text (indexed by
``prefixes``, from the candidate starts of the ``cues`` scans, with the informal rules when
``informal`` says so); ``readings`` holds the productions that turn a rule's
named groups into a :class:`~timeline.types.Reading`. The names below are those of the old
``timeline.extract`` module, importable from here as before.
"""

from timeline.extract.informal import is_informal
from timeline.extract.prefixes import first_characters, first_words
from timeline.extract.scan import Matcher, find_mentions, matcher

__all__ = ["Matcher", "find_mentions", "first_characters", "first_words", "is_informal", "matcher"]
