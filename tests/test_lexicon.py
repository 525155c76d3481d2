"""The lexicon: one frozen value, read once, through which every word list is read."""

from __future__ import annotations

import attrs
import pytest

from timeline.events.words import IRREGULAR_PAST
from timeline.lexicon import Lexicon, lexicon, words
from timeline.resolve import tense


def test_the_lexicon_is_one_frozen_value_read_once() -> None:
    assert lexicon() is lexicon()
    assert words() is lexicon().words
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lexicon().words = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        lexicon().tense["past"] = []  # type: ignore[index]
    assert isinstance(lexicon(), Lexicon)


def test_one_tense_vocabulary_serves_the_clauses_and_the_events() -> None:
    past = lexicon().word_set("tense", "past")
    assert IRREGULAR_PAST == past
    clause_past = tense._vocabulary().past
    assert past - lexicon().word_set("tense", "not_past_in_clauses") <= clause_past
    assert {"since", "rebuilt", "withdrew"} <= clause_past
    assert not {"set", "relay", "resent"} & clause_past
