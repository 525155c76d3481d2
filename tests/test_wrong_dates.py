"""Issue 14, "Wrong dates that look sure": each case once gave a confident wrong date."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import timeline
from timeline.sentences import split_sentences


def _quiet_build(text: str, **options: object) -> timeline.Timeline:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        return timeline.build(text, **options)  # type: ignore[arg-type]


# ------------------------------------------------ 3. a Roman numeral before a full stop


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The firm was nationalized briefly during World War I. In 2019, the company reported "
         "record profits.", "The firm was nationalized briefly during World War I."),
        ("Parliament defied Charles I. In 1640 the king recalled it.", "Parliament defied Charles I."),
        ("The abbey was founded under Henry V. Its library burned in 1540.",
         "The abbey was founded under Henry V."),
    ],
)
def test_roman_numeral_after_a_name_ends_the_sentence(text: str, first: str) -> None:
    assert split_sentences(text)[0].text == first


def test_initials_still_do_not_end_the_sentence() -> None:
    assert len(split_sentences("John F. Kennedy spoke first. George W. Bush spoke later.")) == 2


def test_event_before_a_roman_numeral_is_not_dated_by_the_next_sentence() -> None:
    tl = _quiet_build(
        "The firm was nationalized briefly during World War I. In 2019, the company reported "
        "record profits.", published="2024-03-13",
    )
    rows = tl.events[tl.events["event"].str.contains("nationalized")]
    assert not rows.empty
    assert all(pd.isna(start) or start.year != 2019 for start in rows["start"])
