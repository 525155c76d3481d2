"""Hypothesis properties of resolution: what must hold for any publication date."""

from __future__ import annotations

import datetime as dt
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline.calendar import format_value, interval_of
from timeline.types import Grain

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 10: "ten"}

publication_dates = st.dates(min_value=dt.date(1100, 1, 1), max_value=dt.date(9000, 12, 31))


def only_expression(text: str, published: dt.date) -> dict[str, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = timeline.build(text, published=published).expressions
    assert len(table) == 1, (text, table[["text", "value"]].to_dict("records"))
    return table.iloc[0].to_dict()


@settings(max_examples=150, deadline=None)
@given(published=publication_dates, days=st.integers(min_value=1, max_value=400))
def test_n_days_ago_is_publication_minus_n(published: dt.date, days: int) -> None:
    row = only_expression(f"The bridge opened {days} days ago.", published)
    assert row["value"] == (published - dt.timedelta(days=days)).isoformat()
    assert row["type"] == "DATE"


@settings(max_examples=100, deadline=None)
@given(published=publication_dates, weeks=st.sampled_from(sorted(NUMBER_WORDS)))
def test_n_weeks_ago_is_the_iso_week_n_weeks_back(published: dt.date, weeks: int) -> None:
    row = only_expression(f"The talks collapsed {NUMBER_WORDS[weeks]} weeks ago.", published)
    year, week, _ = (published - dt.timedelta(weeks=weeks)).isocalendar()
    assert row["value"] == f"{year:04d}-W{week:02d}"


@settings(max_examples=150, deadline=None)
@given(published=publication_dates, month=st.integers(min_value=1, max_value=12))
def test_last_month_name_is_before_publication_and_within_a_year(published: dt.date, month: int) -> None:
    row = only_expression(f"The council voted last {MONTHS[month - 1]} to close the school.", published)
    start = row["start"].to_pydatetime().date()
    assert start.month == month
    first_of_publication_month = published.replace(day=1)
    assert start < first_of_publication_month
    assert (first_of_publication_month - start).days <= 366


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)), published=publication_dates,
       form=st.sampled_from(["{M} {d}, {Y}", "{m}. {d}, {Y}", "{d} {M} {Y}", "{Y}-{mm}-{dd}", "{mm}/{dd}/{Y}", "the {d}th of {M} {Y}", "{M} {d}th, {Y}"]))
def test_an_absolute_date_in_any_supported_format_resolves_to_itself(day: dt.date, published: dt.date, form: str) -> None:
    month_name = MONTHS[day.month - 1]
    written = form.format(M=month_name, m=month_name[:3] if day.month != 9 else "Sept", d=day.day, Y=f"{day.year:04d}",
                          mm=f"{day.month:02d}", dd=f"{day.day:02d}")
    row = only_expression(f"The treaty was signed on {written} in the capital.", published)
    assert row["value"] == day.isoformat(), written
    assert row["start"].to_pydatetime().date() == day


@settings(max_examples=150, deadline=None)
@given(published=publication_dates, weekday=st.integers(min_value=1, max_value=7))
def test_weekday_in_past_tense_is_the_latest_on_or_before_publication(published: dt.date, weekday: int) -> None:
    row = only_expression(f"The minister resigned on {WEEKDAYS[weekday - 1]}.", published)
    day = row["start"].to_pydatetime().date()
    assert day.isoweekday() == weekday
    assert 0 <= (published - day).days < 7


@settings(max_examples=150, deadline=None)
@given(published=publication_dates, weekday=st.integers(min_value=1, max_value=7))
def test_weekday_in_future_tense_is_the_first_on_or_after_publication(published: dt.date, weekday: int) -> None:
    row = only_expression(f"The minister will resign on {WEEKDAYS[weekday - 1]}.", published)
    day = row["start"].to_pydatetime().date()
    assert day.isoweekday() == weekday
    assert 0 <= (day - published).days < 7


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9998, 12, 31)),
       grain=st.sampled_from([Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.SEASON, Grain.HALF_YEAR,
                              Grain.YEAR, Grain.DECADE, Grain.CENTURY]))
def test_the_value_of_a_period_denotes_an_interval_containing_the_day(day: dt.date, grain: Grain) -> None:
    value = format_value(day, grain)
    interval = interval_of(value)
    if grain is Grain.SEASON and day.year == 1 and day.month <= 2:
        assert interval is None  # winter of year 0 lies outside the calendar
        return
    assert interval is not None, value
    start, end, found = interval
    assert found is grain
    assert start < end
    assert start <= dt.datetime(day.year, day.month, day.day) < end  # "2015-WI" holds 2016-01-10
