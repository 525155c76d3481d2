"""Hostile and broken input (issue 7): no crash, no hang, no injected script, nothing lost.

Every input goes through ``timeline.build`` and both tables are read. What is checked for every
result (:func:`check_timeline`): offsets lie inside the text and ``text[char_start:char_end]`` is
the ``text`` column, every value is a string in TIMEX3 shape, ``start < end`` when both are set.
Pathological inputs are timed at N and 4N repetitions in the same test: the ratio must stay
well under 16 (quadratic), so a regular expression that backtracks catastrophically or a loop
that rescans the text fails here. There are no absolute time limits.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pytest

import timeline
from timeline.cli import main
from timeline.lexicon import load_rules
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS
from timeline.output.timeml import is_timex3_value
from timeline.resolve.document import PART_OF_DATE_RULE

PUBLISHED = "2016-01-15"

# --- what every result must satisfy ----------------------------------------------------------


def quiet_build(text: str, published: object = PUBLISHED, **options: object) -> timeline.Timeline:
    """``timeline.build`` with its TimelineWarning silenced (a missing date is not the point here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        return timeline.build(text, published=published, **options)  # type: ignore[arg-type]


def check_timeline(tl: timeline.Timeline, text: str) -> None:
    """Assert the invariants every timeline must keep, whatever the input."""
    expressions, events = tl.expressions, tl.events
    assert list(expressions.columns) == list(EXPRESSION_COLUMNS)
    assert list(events.columns) == list(EVENT_COLUMNS)
    previous_end = 0
    for row in expressions.itertuples(index=False):
        assert 0 <= row.char_start < row.char_end <= len(text), row
        assert previous_end <= row.char_start, "expressions overlap or are out of order"
        previous_end = row.char_end
        assert text[row.char_start : row.char_end] == row.text
        assert isinstance(row.value, str) and is_timex3_value(row.value), row.value
        if not pd.isna(row.start) and not pd.isna(row.end):
            assert row.start < row.end, row
    for row in events.itertuples(index=False):
        assert 0 <= row.char_start <= row.char_end <= len(text), row
        if isinstance(row.value, str):
            assert is_timex3_value(row.value), row.value
        if not pd.isna(row.start) and not pd.isna(row.end):
            assert row.start < row.end, row


def checked(text: str, published: object = PUBLISHED, **options: object) -> timeline.Timeline:
    """Build ``text`` and check the invariants."""
    tl = quiet_build(text, published, **options)
    check_timeline(tl, text)
    return tl


def cpu_seconds(text: str) -> float:
    """CPU time of one build with both tables read (CPU, not wall time: the machine is shared)."""
    start = time.process_time()
    tl = quiet_build(text)
    tl.expressions, tl.events  # noqa: B018 - the tables are part of the work
    return time.process_time() - start


def assert_linear(make: Callable[[int], str], n: int) -> None:
    """Building ``make(4n)`` costs well under 16 times ``make(n)`` (quadratic), and is correct."""
    small = cpu_seconds(make(n))
    big_text = make(4 * n)
    big = cpu_seconds(big_text)
    ratio = big / max(small, 0.02)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time ({small:.3f}s -> {big:.3f}s): superlinear"
    check_timeline(quiet_build(big_text[: 200_000]), big_text[: 200_000])


# --- news-like text of any size --------------------------------------------------------------

NEWS_PARAGRAPH = " ".join(
    (
        "The city council voted on Thursday to close the old river bridge for repairs.",
        "Officials said the work would begin in March and last about six months.",
        "Two weeks ago, inspectors found cracks in three of the steel beams.",
        "The mayor, who took office in January 2015, called the decision difficult but necessary.",
        "Traffic on the bridge has doubled since 1998, according to a report released last year.",
        "A day after the vote, residents gathered outside city hall to protest the closure.",
        "The last major repair was finished in the summer of 2009 at a cost of $4 million.",
        "Engineers will meet again next week to review the schedule.",
        "By 10:30 a.m. on Friday, more than 200 people had signed a petition.",
        '"We have waited for years," said one shop owner, whose store opened in the 1990s.',
    )
)


def news(size: int, separator: str = "\n\n") -> tuple[str, int]:
    """About ``size`` characters of whole news paragraphs, and how many paragraphs that is."""
    count = max(1, size // (len(NEWS_PARAGRAPH) + len(separator)))
    return separator.join([NEWS_PARAGRAPH] * count), count


@pytest.fixture(scope="module")
def news_scaling() -> float:
    """How much longer 4x the news text takes (CPU): 4 for a linear pipeline. Each size is
    timed three times after a warm-up and the fastest run counts: a pause of the machine or of
    the garbage collector only ever adds time."""
    small, _ = news(32_000)
    big, _ = news(128_000)
    cpu_seconds(small)
    fastest_small = min(cpu_seconds(small) for _ in range(3))
    fastest_big = min(cpu_seconds(big) for _ in range(3))
    return fastest_big / max(fastest_small, 0.02)


_SUPERLINEAR_REASON = (
    "the core has become superlinear on long news text again, so megabytes of it would run for "
    "hours (it was once, in the events layer, timeline/events/: see docs/robustness.md)"
)


def test_news_text_scales_linearly(news_scaling: float) -> None:
    assert news_scaling < 8, f"4x the news text took {news_scaling:.1f}x the time"


def _news_at_scale(size: int, separator: str, news_scaling: float) -> None:
    if news_scaling >= 8:
        pytest.xfail(f"{_SUPERLINEAR_REASON} (4x text took {news_scaling:.1f}x the time)")
    one = quiet_build(NEWS_PARAGRAPH)
    text, count = news(size, separator)
    tl = checked(text)
    # Nothing lost: every paragraph yields the same expressions.
    assert len(tl.expressions) == count * len(one.expressions)


def test_five_megabytes_of_news(news_scaling: float) -> None:
    _news_at_scale(5_000_000, "\n\n", news_scaling)


def test_one_megabyte_single_line_of_news(news_scaling: float) -> None:
    _news_at_scale(1_000_000, " ", news_scaling)


def test_long_line_without_any_boundary() -> None:
    text = "x" * 1_000_000
    tl = checked(text)
    assert tl.expressions.empty
    words = ("the council met on Thursday and voted again " * 6_000).rstrip()
    tl = checked(words)
    assert len(tl.expressions) == words.count("Thursday")


def test_megabytes_of_blanks() -> None:
    for text in (" " * 1_000_000, " \t" * 500_000 + "\n", "\n" * 1_000_000, "\r\n \t" * 250_000):
        tl = checked(text)
        assert tl.expressions.empty and tl.events.empty


# --- empty and trivial -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n", "\t\r\n  \n", "\u00a0\u2003\u200b", ".", "?!"])
def test_empty_and_blank(text: str) -> None:
    tl = checked(text)
    assert tl.expressions.empty and tl.events.empty
    assert tl.expressions.dtypes.astype(str).to_dict().keys() == EXPRESSION_COLUMNS.keys()


# --- pathological repetitions: linear time ---------------------------------------------------

#: name -> (repeated unit, N): timed at N and 4N repetitions. The five inputs of the issue go up
#: to 100,000 repetitions; the extra shapes (more matching work per unit) to 20,000-40,000.
REPETITIONS = {
    "january": ("January ", 25_000),
    "digits-and-slashes": ("12/", 25_000),
    "the-the": ("the ", 25_000),
    "last-last": ("last ", 25_000),
    "1998-1998": ("1998 ", 25_000),
    "blank-runs": (" \t", 25_000),
    "dots": (". ", 25_000),
    "quotes": ("\"'", 25_000),
    "jan-dot": ("Jan. ", 5_000),
    "ago": ("two weeks ago ", 5_000),
    "dates": ("January 9, 2016, ", 5_000),
    "clock": ("10:30 a.m. ", 5_000),
}


@pytest.mark.parametrize(("unit", "n"), REPETITIONS.values(), ids=REPETITIONS.keys())
def test_repetitions_are_linear(unit: str, n: int) -> None:
    assert_linear(lambda k: unit * k, n)


def test_repeated_years_are_all_found() -> None:
    text = "1998 " * 10_000
    tl = checked(text)
    assert len(tl.expressions) == 10_000
    assert set(tl.expressions["value"]) == {"1998"}


def test_long_number_and_long_word() -> None:
    for text in ("9" * 100_000, "January" * 50_000, "-" * 100_000, "/" * 100_000, "'" * 100_000):
        checked(text)


# --- odd characters --------------------------------------------------------------------------

CLEAN = "The council met on Thursday and voted. Two weeks ago, the mayor resigned. Next week it will meet again."
WEIRD = {
    "nul": "\x00",
    "rtl-mark": "\u200f",
    "rtl-override": "\u202e",
    "zero-width-space": "\u200b",
    "bom": "\ufeff",
    "emoji": "\U0001f389",
    "flag-emoji": "\U0001f1fa\U0001f1f8",
    "combining": "\u0301",
    "control": "\x07\x1b",
}


@pytest.mark.parametrize("char", WEIRD.values(), ids=WEIRD.keys())
def test_odd_characters_around_sentences_lose_nothing(char: str) -> None:
    expected = list(checked(CLEAN).expressions["value"])
    for text in (
        CLEAN.replace(". ", f".{char} "),  # after each sentence
        CLEAN.replace(". ", f". {char}"),  # before each sentence
        char * 3 + CLEAN + char * 3,
        CLEAN.replace(" Thursday", f" {char}Thursday{char}"),  # hugging a one-word expression
    ):
        tl = checked(text)
        assert list(tl.expressions["value"]) == expected, text


@pytest.mark.parametrize("char", WEIRD.values(), ids=WEIRD.keys())
def test_odd_characters_before_every_word_do_not_crash(char: str) -> None:
    text = CLEAN.replace(" ", f" {char}")
    tl = checked(text)
    assert "Thursday" in set(tl.expressions["text"])


INVISIBLE = {"zero-width-space": "\u200b", "rtl-mark": "\u200f", "bom": "\ufeff", "word-joiner": "\u2060"}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_inside_phrases_lose_nothing(char: str) -> None:
    expected = list(checked(CLEAN).expressions["value"])
    tl = checked(CLEAN.replace(" ", f" {char}"))
    assert list(tl.expressions["value"]) == expected


def test_lone_surrogates_do_not_crash_the_expressions() -> None:
    text = "The council met on Thursday \ud800 and voted \udfff yesterday."
    tl = checked_expressions_only(text)
    assert list(tl.expressions["value"]) == ["2016-01-14", "2016-01-14"]


def checked_expressions_only(text: str) -> timeline.Timeline:
    tl = quiet_build(text)
    for row in tl.expressions.itertuples(index=False):
        assert text[row.char_start : row.char_end] == row.text
    return tl


def test_lone_surrogates_in_events() -> None:
    checked("The council met on Thursday \ud800 and voted \udfff yesterday.")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028", "\u0085", "\x0b\x0c"])
def test_newline_styles(newline: str) -> None:
    text = CLEAN.replace(". ", "." + newline + newline)
    tl = checked(text)
    assert list(tl.expressions["value"]) == list(checked(CLEAN).expressions["value"])


def test_mixed_newlines() -> None:
    text = "WASHINGTON —\r\nThe council met on Thursday.\rIt voted\n\r\nyesterday.\n\rNext week it meets again."
    tl = checked(text)
    assert list(tl.expressions["text"]) == ["Thursday", "yesterday", "Next week"]


# --- markup ----------------------------------------------------------------------------------


def test_html_article() -> None:
    text = (
        "<html><head><title>News</title><script>var d = 'January 9, 2016';</script></head>"
        "<body><p class=\"lead\">The council met on <b>Thursday</b>.</p>"
        "<p>It voted <i>two weeks ago</i> &amp; again on Jan&#46; 3.</p>"
        "<!-- March 3, 1999 --><img src=x onerror=alert(1)></body></html>"
    )
    tl = checked(text)
    assert {"Thursday", "two weeks ago"} <= set(tl.expressions["text"])


def test_markdown_article() -> None:
    text = (
        "# Council votes on **Thursday**\n\n"
        "* The vote came *two weeks ago*.\n* [Next week](https://example.com/next-week) it meets.\n\n"
        "> On 2016-01-09 the mayor said `March 3` was too late.\n\n"
        "| date | event |\n|---|---|\n| January 9, 2016 | vote |\n"
    )
    tl = checked(text)
    assert {"Thursday", "two weeks ago", "Next week", "2016-01-09", "January 9, 2016"} <= set(
        tl.expressions["text"]
    )


def test_markdown_underscore_emphasis() -> None:
    tl = checked("The vote came _two weeks ago_ and __on Thursday__.")
    assert {"two weeks ago", "Thursday"} <= set(tl.expressions["text"])


# --- every expression at the very start and the very end of the text -------------------------


def _examples() -> list[tuple[str, str]]:
    """Every rule example that stands on its own (examples written "a day >> after X" or in a
    sentence need the words around them, so they cannot end a text); social-media ones get a chat
    word first."""
    out = []
    for rule in load_rules():
        for example in rule.examples:
            if example.before or example.after:
                continue
            out.append((rule.name, ("lol " if rule.register == "informal" else "") + example.text))
    return out


def _span(text: str, start: int, end: int) -> bool:
    expressions = quiet_build(text).expressions
    return any(
        (start is None or a == start) and (end is None or b == end)
        for a, b in zip(expressions["char_start"], expressions["char_end"])
    )


_STORY_TIME_RULE = "this period|at the same time|at that time"


@pytest.mark.parametrize(("rule", "example"), _examples(), ids=[f"{r}: {e}" for r, e in _examples()])
def test_expression_at_start_and_end_of_text(rule: str, example: str) -> None:
    chat = "lol " if example.startswith("lol ") else ""
    example = example[len(chat):]
    prefix, suffix = chat + "Reporters said ", " was fine."
    if rule == PART_OF_DATE_RULE:  # news tags "the night of [May 13]": the date alone
        date = example[example.index(" of ") + 4:]
        assert _span(prefix + example + suffix, len(prefix) + len(example) - len(date), len(prefix) + len(example))
        return
    if rule == _STORY_TIME_RULE:  # narratives only, after a preposition ("during this period")
        text = "The war began in 1861. During " + example
        found = timeline.build(text, published="2010-01-01", mode="narrative").expressions
        assert (len(text) - len(example), len(text)) in set(zip(found["char_start"], found["char_end"]))
        assert _span(prefix + example + suffix, len(prefix), len(prefix) + len(example)) is False, "not in news"
        return
    assert _span(prefix + example + suffix, len(prefix), len(prefix) + len(example)), "inside a sentence"
    if chat:  # the chat word must come first, so the example cannot open the text
        end_text = prefix + example
        assert _span(end_text, None, len(end_text)), "at the very end, no punctuation"  # type: ignore[arg-type]
        return
    assert _span(example, 0, len(example)), "alone, as the whole text"
    assert _span(example + " was fine", 0, None), "at the very start"  # type: ignore[arg-type]
    end_text = prefix + example
    assert _span(end_text, None, len(end_text)), "at the very end, no punctuation"  # type: ignore[arg-type]
    for text in (example + "\n\n", "\n\n" + example, "\ufeff" + example):
        checked(text)


# --- dates at the edges of the calendar ------------------------------------------------------


def _one(text: str, published: object = PUBLISHED) -> pd.Series:
    tl = checked(text, published)
    assert len(tl.expressions) >= 1, text
    return tl.expressions.iloc[0]


def test_leap_day() -> None:
    row = _one("It happened on February 29, 2016.")
    assert row["value"] == "2016-02-29"
    assert row["start"] == pd.Timestamp("2016-02-29") and row["end"] == pd.Timestamp("2016-03-01")


@pytest.mark.parametrize("text", ["It happened on February 29, 2015.", "They met on February 30.",
                                  "It ended on April 31, 2016.", "It ended on 31/04/2016"])
def test_impossible_dates_have_no_interval(text: str) -> None:
    tl = checked(text)
    for row in tl.expressions.itertuples(index=False):
        if row.anchor == "invalid date":
            assert pd.isna(row.start) and pd.isna(row.end)
            assert isinstance(row.value, str)
    # a value that names an impossible day never gets an interval
    for row in tl.expressions.itertuples(index=False):
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", row.value)
        if match:
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                assert pd.isna(row.start) and row.anchor == "invalid date"


def test_february_29_in_a_non_leap_year_is_an_invalid_date() -> None:
    row = _one("It happened on February 29, 2015.")
    assert row["anchor"] == "invalid date"
    assert pd.isna(row["start"]) and pd.isna(row["end"])


@pytest.mark.parametrize(
    "text",
    [
        "Caesar died in 44 BC.",
        "Rome was founded in 753 BC and fell in AD 476.",
        "In the year 0 nothing happened; in year -50 neither.",
        "The tablet dates from 2500 BCE, about 4,500 years ago.",
        "The deadline is December 31, 9999.",
        "It ends in 9999 or in the year 10000, some 8000 years from now.",
        "The 100th century and the year 99999.",
    ],
)
def test_far_years_do_not_crash(text: str) -> None:
    checked(text)
    checked(text, published="9999-12-31")
    checked(text, published=dt.date(1, 1, 1))


def test_december_31_9999() -> None:
    tl = checked("The deadline is December 31, 9999.")
    values = list(tl.expressions["value"])
    # A known value must be that day; never a different month (it was read as "December" 2015).
    assert values == ["9999-12-31"] or values == [], values


@pytest.mark.parametrize(
    "published", [dt.date(1066, 10, 14), "1066-10-14", "2400-01-01", dt.date(2400, 1, 1),
                  dt.date(1, 1, 1), dt.date(9999, 12, 31)]
)
def test_publication_far_from_today(published: object) -> None:
    text = (
        "The battle was fought yesterday. The king will be crowned next year. "
        "Three days ago the army landed, and the following week it marched on."
    )
    tl = checked(text, published)
    assert tl.article.published is not None
    day = tl.article.published
    row = tl.expressions.iloc[0]
    if day > dt.date(1, 1, 1):
        assert row["text"] == "yesterday"
        assert row["start"] == pd.Timestamp(day - dt.timedelta(days=1))


def test_relative_expressions_beyond_year_9999_are_safe() -> None:
    tl = checked("Next year, the next day, in 10000 years and 9999 years later.", "9999-12-31")
    assert all(isinstance(v, str) for v in tl.expressions["value"])


def test_dateline_with_time_zone() -> None:
    text = "WASHINGTON, Jan. 15, 2016 (AP) 10:30 EST — The senate voted yesterday."
    tl = checked(text, None)
    assert tl.article.published == dt.date(2016, 1, 15)
    assert "2016-01-14" in set(tl.expressions["value"])


def test_timezone_aware_publication() -> None:
    eastern = dt.timezone(dt.timedelta(hours=-5))
    tl = checked("The senate voted yesterday at 3 p.m.", dt.datetime(2016, 1, 15, 10, 30, tzinfo=eastern))
    assert tl.article.published == dt.datetime(2016, 1, 15, 10, 30)
    assert tl.expressions.iloc[0]["start"] == pd.Timestamp("2016-01-14 15:00")


def test_pandas_timestamp_publication() -> None:
    tl = checked("The senate voted yesterday.", pd.Timestamp("2016-01-15", tz="Europe/Paris"))
    assert tl.expressions.iloc[0]["value"] == "2016-01-14"


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "published",
    ["not a date", "yesterday", "next Thursday", "2016-02-30", "2016-13-01", "", "   ",
     "x" * 10_000, "\ud800", "-0044-03-15", "0000-01-01", "2016-01-15T25:00"],
)
def test_unreadable_publication_date(published: str) -> None:
    with pytest.raises(ValueError, match="publication date") as info:
        timeline.build("The senate voted on Thursday.", published=published)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300
    assert repr(published[:20])[1:-1] in message


@pytest.mark.parametrize(
    ("args", "options", "error", "words"),
    [
        ((123,), {}, TypeError, "article must be a str"),
        ((b"bytes",), {}, TypeError, "bytes"),
        ((None,), {}, TypeError, "NoneType"),
        ((["text"],), {}, TypeError, "list"),
        (("text",), {"published": 3.5}, TypeError, "float"),
        (("text",), {"published": 20160115}, TypeError, "int"),
        (("text",), {"published": b"2016-01-15"}, TypeError, "bytes"),
        (("text",), {"published": True}, TypeError, "bool"),
        (("text",), {"mode": "x"}, ValueError, "mode must be"),
        (("text",), {"mode": None}, ValueError, "mode must be"),
        (("text",), {"mode": "NEWS"}, ValueError, "mode must be"),
    ],
)
def test_wrong_argument_types(args: tuple, options: dict, error: type, words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        timeline.build(*args, **options)


def test_article_object_with_bad_fields() -> None:
    with pytest.raises(TypeError, match="published"):
        timeline.Article("text", published=3.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unreadable publication date"):
        timeline.Article("text", published="yesterday")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        timeline.Article(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-01-15", dt.date(2016, 1, 15)),
        ("Jan 15, 2016", dt.date(2016, 1, 15)),
        ("2016-01-15T09:30", dt.datetime(2016, 1, 15, 9, 30)),
        (pd.Timestamp("2016-01-15 09:30"), dt.datetime(2016, 1, 15, 9, 30)),
        (np.datetime64("2016-01-15"), dt.date(2016, 1, 15)),
        (np.datetime64("2016-01"), dt.date(2016, 1, 1)),
        (np.datetime64("2016-01-15T09:30:00.000000000"), dt.datetime(2016, 1, 15, 9, 30)),
        (np.datetime64("NaT"), None),
        (pd.NaT, None),
        (float("nan"), None),
        (pd.NA, None),
        (None, None),
    ],
)
def test_article_reads_published_like_build(published: object, expected: object) -> None:
    """Article converts ``published`` with parse_published, the reader build() uses (issue 14)."""
    article = timeline.Article("He left yesterday.", published=published)  # type: ignore[arg-type]
    assert article.published == expected and type(article.published) is type(expected)
    built = timeline.build("He left yesterday.", published=published)
    assert built.article.published == expected
    assert timeline.build(article).article.published == expected
    assert attrs.evolve(article, published="2016-02-01").published == dt.date(2016, 2, 1)


def test_datetime64_outside_the_calendar() -> None:
    with pytest.raises(ValueError, match="outside the years"):
        timeline.Article("text", published=np.datetime64("20000-01-01"))  # type: ignore[arg-type]


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    err = capsys.readouterr().err
    return status, err


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 1, err
    assert "Traceback" not in err
    return errors[0]


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _cli([str(tmp_path / "nope.txt"), "--published", PUBLISHED], capsys)
    assert status != 0
    assert "nope.txt" in _one_error_line(err)


def test_cli_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The senate voted on Thursday.", encoding="utf-8")
    status, err = _cli([str(article), "--published", "the day after never"], capsys)
    assert status != 0
    assert "published" in _one_error_line(err)


def test_cli_invalid_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Le conseil s'est réuni jeudi.".encode("latin-1") + b"\xff\xfe\x00")
    status, err = _cli([str(article), "--published", PUBLISHED], capsys)
    assert status != 0
    assert "UTF-8" in _one_error_line(err)


def test_cli_directory_and_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _cli([str(tmp_path), "--published", PUBLISHED], capsys)
    assert status != 0 and "directory" in _one_error_line(err)
    binary = tmp_path / "random.bin"
    binary.write_bytes(bytes(range(256)) * 16)
    status, err = _cli([str(binary), "--published", PUBLISHED], capsys)
    assert status != 0 and "UTF-8" in _one_error_line(err)


def test_cli_hostile_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "odd.txt"
    article.write_text("\ufeffThe senate voted on Thursday\x00.\r\n\u202eIt met yesterday 🎉.", encoding="utf-8")
    status = main([str(article), "--published", PUBLISHED, "--expressions"])
    out = capsys.readouterr().out
    assert status == 0
    assert "2016-01-14" in out


# --- HTML escaping ---------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> The council met on Thursday <script>alert('x')</script>. "
    'Click <a href="javascript:alert(2)">here</a>, said the mayor on Friday. '
    "<img src=x onerror=alert(3)> was posted yesterday. "
    '<iframe src="javascript:alert(4)"></iframe> Next week <svg onload=alert(5)> it will '
    "meet again </script><script>alert(6)</script>. "
    '<body onload="alert(7)"> Two weeks ago "><script>alert(8)</script> it voted.'
)
BENIGN = (
    "The council met on Thursday. Said the mayor on Friday. It was posted yesterday. "
    "Next week it will meet again. Two weeks ago it voted."
)


def _tags(page: str) -> list[str]:
    return re.findall(r"<\s*/?\s*[a-zA-Z][^>]*>", page)


@pytest.mark.parametrize("offline", [False, True], ids=["cdn", "inline-plotly"])
def test_html_output_escapes_hostile_markup(tmp_path: Path, offline: bool) -> None:
    hostile = tmp_path / "hostile.html"
    benign = tmp_path / "benign.html"
    quiet_build(HOSTILE).to_html(hostile, offline=offline)
    quiet_build(BENIGN).to_html(benign, offline=offline)
    page, baseline = hostile.read_text(encoding="utf-8"), benign.read_text(encoding="utf-8")
    # The article is in the page (escaped), not dropped.
    assert "&lt;script&gt;alert(1)" in page
    # No markup comes from the article: the page has the same tags as the page of a harmless
    # article (the template and, inline, the plotly.js bundle), and no new tag carries a script.
    tags, baseline_tags = _tags(page), _tags(baseline)
    assert sorted(_tag_name(t) for t in tags) == sorted(_tag_name(t) for t in baseline_tags)
    for tag in set(tags) - set(baseline_tags):
        assert "alert" not in tag and "javascript:" not in tag.lower(), tag
        assert not re.search(r"\son\w+\s*=", tag), tag
    # The hostile words survive only as escaped text.
    for needle in ("alert(1)", "alert(6)", "javascript:alert(2)", "onerror=alert(3)"):
        for found in re.finditer(re.escape(needle), page):
            before = page[max(0, found.start() - 40) : found.start()]
            assert "&lt;" in before or "&quot;" in before, page[found.start() - 40 : found.end()]


def _tag_name(tag: str) -> str:
    return re.match(r"<\s*(/?\s*[a-zA-Z][\w-]*)", tag).group(1).replace(" ", "").lower()  # type: ignore[union-attr]
