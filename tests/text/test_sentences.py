"""Sentence splitting: line breaks, headlines and datelines."""

from __future__ import annotations

import pytest

from timeline.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_a_dateline_line_is_its_own_sentence() -> None:
    text = "Council closes bridge\n\nMarch 4, 2021\nThe council voted to close the bridge.\nWork starts soon."
    assert _texts(text) == [
        "Council closes bridge",
        "March 4, 2021",
        "The council voted to close the bridge.",
        "Work starts soon.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said on\nMonday that the bridge would close.",
        "The mayor said,\nMonday, that the bridge would close.",
        "The mayor, who took office in " + "January " * 20 + "\nMonday, said so.",
    ],
)
def test_a_wrapped_line_inside_a_sentence_does_not_end_it(text: str) -> None:
    assert len(split_sentences(text)) == 1


def test_offsets_index_the_text() -> None:
    text = "Headline here\nPARIS, March 3, 2021\nThe vote was held."
    for sentence in split_sentences(text):
        assert text[sentence.char_start : sentence.char_end] == sentence.text
    assert len(split_sentences(text)) == 3
