"""timeline.resolve.tense on its own: the tense of the clause around a time expression."""

from __future__ import annotations

import pytest

from timeline.resolve.tense import clause_tense


def tense_of(sentence: str, expression: str) -> str | None:
    """The tense :func:`clause_tense` gives ``expression`` inside the one-sentence text."""
    start = sentence.index(expression)
    return clause_tense(sentence, 0, len(sentence), start, start + len(expression))


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("The minister resigned on Thursday.", "Thursday", "past"),
        ("The bridge was opened in May.", "May", "past"),
        ("He has lived there since 2010.", "2010", "past"),
        ("The minister will resign on Thursday.", "Thursday", "future"),
        ("The minister is going to resign on Thursday.", "Thursday", "future"),
        # a weak cue ("until") makes it future only when no verb of the clause decides
        ("The talks last until Thursday.", "Thursday", "future"),
        ("Until Thursday, they had not called him a suspect.", "Thursday", "past"),
        ("The deadline is Thursday.", "Thursday", "present"),
        # the verb of each expression's own clause decides
        ("She said on Monday that she will leave in March.", "Monday", "past"),
        ("She said on Monday that she will leave in March.", "March", "future"),
        # no verb, no tense
        ("Thursday.", "Thursday", None),
    ],
)
def test_clause_tense(sentence: str, expression: str, expected: str | None) -> None:
    assert tense_of(sentence, expression) == expected


def test_clause_tense_stays_inside_its_sentence() -> None:
    text = "He resigned. On Thursday."
    start = text.index("Thursday")
    second = text.index("On")
    assert clause_tense(text, second, len(text), start, start + len("Thursday")) is None
    assert clause_tense(text, 0, len(text), start, start + len("Thursday")) == "past"
