"""Issue 14, "Wrong dates that look sure": each case once gave a confident wrong date."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import timeline
from timeline.cli import main
from timeline.text.sentences import split_sentences


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


# ------------------------------------------------ 6. datelines and the note without a date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("KYIV, Ukraine (AP) — Sept. 12, 2022 — Troops retook two villages on Friday.", "2022-09-12"),
        ("Published 2:14 PM EST, Mon January 9, 2023\n\nThe company said Friday it would cut jobs.",
         "2023-01-09"),
        ("WASHINGTON, Jan. 15, 2016 (AP) — The Senate met on Thursday.", "2016-01-15"),
    ],
)
def test_dateline_gives_the_publication_date(text: str, day: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", timeline.TimelineWarning)
        tl = timeline.build(text)
    assert str(tl.article.published) == day
    assert any("dateline" in note for note in tl.notes)
    assert all(e.anchor.kind != "unresolved" for e in tl.expression_list)


def test_a_date_inside_the_first_sentence_is_no_dateline() -> None:
    tl = _quiet_build("The company said on Jan. 9, 2016 that it would cut jobs.")
    assert tl.article.published is None


def test_note_without_a_date_names_the_unresolved_expressions() -> None:
    with pytest.warns(timeline.TimelineWarning, match=r"1 expression\(s\) left unresolved \('Friday'\)"):
        tl = timeline.build("The company said Friday it would cut jobs after the 2019 merger.")
    assert "counted from a date" not in tl.notes[-1]


def test_note_without_a_date_says_what_was_counted_from_the_text() -> None:
    with pytest.warns(timeline.TimelineWarning) as caught:
        tl = timeline.build("The plant opened on Jan. 9, 2016. On Friday it closed for good.")
    message = str(caught[0].message)
    assert "left unresolved" not in message
    assert "1 expression(s) counted from a date in the text instead ('Friday' from 'Jan. 9, 2016')" in message
    assert message in tl.notes
    assert str(tl.expression_list[1].time.value) == "2016-01-08"


# ------------------------------------------------ 7. day-first dates: date_order

_SLASHES = "The deal was signed on 09/01/2016 and closed on 15/01/2016; the files are dated 2016/01/20."


@pytest.mark.parametrize(
    ("order", "values", "notes"),
    [
        (None, ["2016-09-01", "2016-01-15", "2016-01-20"], ["'09/01/2016' read month first", "'15/01/2016' cannot be a MDY date: read as DMY"]),
        ("MDY", ["2016-09-01", "2016-01-15", "2016-01-20"], ["'15/01/2016' cannot be a MDY date: read as DMY"]),
        ("DMY", ["2016-01-09", "2016-01-15", "2016-01-20"], []),
        ("YMD", ["2016-09-01", "2016-01-15", "2016-01-20"], ["'09/01/2016' cannot be a YMD date: read as MDY", "'15/01/2016' cannot be a YMD date: read as DMY"]),
    ],
)
def test_date_order(order: str | None, values: list[str], notes: list[str]) -> None:
    tl = _quiet_build(_SLASHES, published="2016-02-01", date_order=order)
    assert [e.time.value for e in tl.expression_list] == values
    assert len(tl.notes) == len(notes)
    for note, start in zip(tl.notes, notes):
        assert note.startswith(start), note


def test_date_order_ymd_reads_two_digit_years_first() -> None:
    tl = _quiet_build("The memo is dated 16/01/09.", published="2016-02-01", date_order="YMD")
    assert [e.time.value for e in tl.expression_list] == ["2016-01-09"]
    assert tl.notes == ()


def test_date_order_applies_to_the_publication_date() -> None:
    assert str(_quiet_build("x", published="09/01/2016", date_order="DMY").article.published) == "2016-01-09"
    assert str(_quiet_build("x", published="09/01/2016").article.published) == "2016-09-01"


def test_date_order_is_checked() -> None:
    with pytest.raises(ValueError, match="date_order"):
        timeline.build("x", date_order="DDMMYY")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="date_order"):
        timeline.build_many(["x"], date_order="MYD", progress=False)


def test_date_order_in_batch_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = timeline.build_many([_SLASHES], published="2016-02-01", date_order="DMY", progress=False)
    assert list(result.expressions["value"]) == ["2016-01-09", "2016-01-15", "2016-01-20"]
    article = tmp_path / "a.txt"
    article.write_text(_SLASHES, encoding="utf-8")
    assert main([str(article), "--published", "2016-02-01", "--date-order", "DMY", "--expressions"]) == 0
    assert "2016-01-09" in capsys.readouterr().out


# ------------------------------------------------ 9. text that is not English

from foreign_paragraphs import FOREIGN  # noqa: E402


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_give_a_warning_and_empty_tables(language: str) -> None:
    with pytest.warns(timeline.TimelineWarning, match="does not look like English"):
        tl = timeline.build(FOREIGN[language], published="2016-01-15")
    assert tl.expressions.empty and tl.events.empty
    assert any("does not look like English" in note for note in tl.notes)


def test_english_and_short_texts_are_not_flagged() -> None:
    from timeline.text.language import looks_english

    assert looks_english("Die Regierung senkt die Steuern")  # a headline: too short to judge
    assert looks_english("Le ministre a parlé mardi.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", timeline.TimelineWarning)
        tl = timeline.build(
            "The government said on Tuesday that it would cut taxes for families on low incomes "
            "from January. The minister said the measure would cost almost two billion euros a "
            "year and be paid for by higher levies on large companies.", published="2016-01-15",
        )
    assert not tl.expressions.empty


# --- issue 14 item 1: "the following day" after a date coarser than a day -------------------


@pytest.mark.parametrize(
    ("first", "start", "end"),
    [
        ("The firm posted a record loss in March.", "2023-03-01", "2023-04-01"),
        ("The firm posted a record loss in 2019.", "2019-01-01", "2020-01-01"),
        ("The firm posted a record loss last week.", "2023-06-05", "2023-06-12"),
    ],
)
@pytest.mark.parametrize("later", ["The following day, its chief resigned.",
                                   "A day later, its chief resigned.",
                                   "One day later, its chief resigned."])
def test_a_day_after_a_coarse_date_is_that_period_approximately(first: str, later: str,
                                                                  start: str, end: str) -> None:
    events = _quiet_build(f"{first} {later}", published="2023-06-15").events
    resigned = events[events["trigger"] == "resigned"].iloc[0]
    assert resigned["start"] == pd.Timestamp(start) and resigned["end"] == pd.Timestamp(end)
    assert resigned["approximate"]
    assert resigned["start"] < pd.Timestamp("2023-06-15")  # never after publication


def test_less_than_an_amount_ago_is_any_time_since_then() -> None:
    """'less than two weeks ago' allows any day since then, not only the week two weeks back."""
    expressions = _quiet_build("The phone was introduced less than two weeks ago.",
                               published="2010-06-16").expressions
    row = expressions.iloc[0]
    assert row["value"] == "2010-W22" and row["approximate"]
    assert row["start"] == pd.Timestamp("2010-06-02") and row["end"] == pd.Timestamp("2010-06-17")


# --- issue 14 item 2: "N later" follows the last event told ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The company was founded in 1990, and it went public in 1998. Two years later it collapsed.",
        "The company went public in 1998, and two years later it collapsed.",
    ],
)
def test_n_later_counts_from_the_last_event_told(text: str) -> None:
    events = _quiet_build(text, published="2023-06-15").events
    collapsed = events[events["trigger"] == "collapsed"].iloc[0]
    assert collapsed["start"] == pd.Timestamp("2000-01-01")
    # a history of old years is read as a narrative, where "two years later" is a date of its
    # own (TIMEX3 DATE 2000); in news it is an amount counted from the event just told
    assert collapsed["dated_by"] in ("anchored", "explicit")


def test_n_later_skips_the_report_of_an_event() -> None:
    text = "Police arrested him on Monday, officials said on Tuesday. Two days later he was released."
    events = _quiet_build(text, published="2023-06-15").events
    released = events[events["trigger"] == "released"].iloc[0]
    assert released["start"] == pd.Timestamp("2023-06-14")  # Monday + 2 days, not Tuesday + 2


# --- issue 14 item 8: "will report earnings in two weeks" dates the event ---------------------


def test_a_future_event_in_an_amount_is_publication_plus_the_amount() -> None:
    tl = _quiet_build("Acme will report earnings in two weeks.", published="2023-06-15")
    assert tl.expressions.iloc[0]["value"] == "P2W"  # the expression stays a TimeML duration
    report = tl.events[tl.events["trigger"] == "report"].iloc[0]
    assert report["start"] == pd.Timestamp("2023-06-29") and report["approximate"]
    assert report["earliest"] == pd.Timestamp("2023-06-15") and pd.isna(report["latest"])
    assert report["derived_from"] == "publication + two weeks"


def test_within_an_amount_is_bounded_on_both_sides() -> None:
    tl = _quiet_build("The plant will close within a month.", published="2023-06-15")
    close = tl.events[tl.events["trigger"] == "close"].iloc[0]
    assert close["earliest"] == pd.Timestamp("2023-06-15")
    assert close["latest"] == pd.Timestamp("2023-07-16")


def test_a_past_event_in_an_amount_is_not_counted_from_publication() -> None:
    tl = _quiet_build("He finished the race in two hours.", published="2023-06-15")
    finished = tl.events[tl.events["trigger"] == "finished"].iloc[0]
    assert finished["start"] == pd.Timestamp("2023-06-15") and finished["dated_by"] == "tense"


def test_a_dateline_dates_the_article_not_an_event() -> None:
    tl = _quiet_build("PARIS, March 3, 2021 (AFP) - The minister resigned on Friday.")
    assert tl.article.published is not None and tl.article.published.isoformat() == "2021-03-03"
    assert list(tl.events["trigger"]) == ["resigned"]  # no event "PARIS"
