"""The temporal network: exact arithmetic, redundancy, symmetry and contradiction detection."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.solver import (
    INF,
    Bound,
    Constraint,
    add_calendar,
    from_seconds,
    interval_value,
    offset_range,
    solve,
    to_seconds,
)
from timeline.types import Grain

DAY = 86_400
START = to_seconds(dt.datetime(2016, 1, 9))

offsets = st.lists(st.integers(min_value=-400 * DAY, max_value=400 * DAY), min_size=1, max_size=8)


def _chain(steps: list[int]) -> tuple[list[Bound], list[Constraint]]:
    bounds = [Bound(0, START, START)]
    constraints = [Constraint(i, i + 1, step, step) for i, step in enumerate(steps)]
    return bounds, constraints


@settings(max_examples=60, deadline=None)
@given(offsets)
def test_chain_of_offsets_equals_the_arithmetic(steps: list[int]) -> None:
    bounds, constraints = _chain(steps)
    solution = solve(len(steps) + 1, bounds, constraints)
    assert not solution.rejected
    expected = START
    for i, step in enumerate(steps, start=1):
        expected += step
        assert solution.lo[i] == expected == solution.hi[i]


@settings(max_examples=60, deadline=None)
@given(offsets, st.data())
def test_redundant_consistent_constraint_changes_nothing(steps: list[int], data: st.DataObject) -> None:
    bounds, constraints = _chain(steps)
    n = len(steps) + 1
    before = solve(n, bounds, constraints)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1))
    exact = sum(steps[min(i, j):max(i, j)]) * (1 if j >= i else -1)
    slack = data.draw(st.integers(0, 30 * DAY))
    extra = Constraint(i, j, exact - slack, exact + data.draw(st.integers(0, 30 * DAY)))
    after = solve(n, bounds, [*constraints, extra])
    assert not after.rejected
    assert after.lo == before.lo and after.hi == before.hi


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-100 * DAY, 100 * DAY), st.integers(0, 10 * DAY)),
                min_size=1, max_size=6), st.lists(st.booleans(), min_size=6, max_size=6))
def test_reversing_a_constraint_with_negated_offsets_gives_the_same_dates(
    steps: list[tuple[int, int]], flips: list[bool]
) -> None:
    bounds = [Bound(0, START, START + DAY - 1)]
    forward = [Constraint(i, i + 1, lo, lo + width) for i, (lo, width) in enumerate(steps)]
    mixed = [
        Constraint(c.target, c.source, -c.hi, -c.lo) if flip else c
        for c, flip in zip(forward, flips)
    ]
    a = solve(len(steps) + 1, bounds, forward)
    b = solve(len(steps) + 1, bounds, mixed)
    assert a.lo == b.lo and a.hi == b.hi
    assert not a.rejected and not b.rejected


@settings(max_examples=60, deadline=None)
@given(offsets, st.integers(min_value=1, max_value=50 * DAY), st.booleans())
def test_a_contradictory_cycle_is_always_detected(steps: list[int], error: int, late: bool) -> None:
    bounds, constraints = _chain(steps)
    n = len(steps) + 1
    total = sum(steps)
    wrong = total + (error if late else -error)
    closing = Constraint(0, n - 1, wrong, wrong)
    solution = solve(n, bounds, [*constraints, closing])
    assert solution.rejected == (closing,)
    # what was accepted is still the chain's arithmetic
    assert solution.lo[n - 1] == START + total


def test_contradiction_between_bounds_is_reported_not_overwritten() -> None:
    solution = solve(2, [Bound(0, 0, 10), Bound(1, 100, 200)], [Constraint(0, 1, 0, 5)])
    assert len(solution.rejected) == 1
    assert solution.lo == (0.0, 100.0) and solution.hi == (10.0, 200.0)


def test_unbounded_side_stays_infinite_and_between_reports_relative_bounds() -> None:
    solution = solve(2, [Bound(0, 0, 0)], [Constraint(0, 1, 5, INF)])
    assert solution.lo[1] == 5 and math.isinf(solution.hi[1])
    assert solution.between(0, 1) == (5, INF)


def test_bad_input_raises() -> None:
    with pytest.raises(ValueError):
        solve(1, [], [Constraint(0, 3, 0, 1)])
    with pytest.raises(ValueError):
        solve(2, [], [Constraint(0, 1, 5, 1)])
    with pytest.raises(ValueError):
        offset_range(1, "fortnight")


def test_calendar_months_clip_the_day() -> None:
    assert add_calendar(dt.datetime(2016, 1, 31), 1, "month") == dt.datetime(2016, 2, 29)
    assert add_calendar(dt.datetime(2016, 1, 8), -6, "month") == dt.datetime(2015, 7, 8)
    assert add_calendar(dt.datetime(9999, 6, 1), 1, "year") is None


def test_offset_range_calendar_and_slack() -> None:
    lo, hi, widened = offset_range(6, "month", reference=dt.datetime(2015, 7, 8))
    assert (lo, hi) == ((184 - 15) * DAY, (184 + 15) * DAY) and widened
    assert offset_range(2, "day") == (2 * DAY, 2 * DAY, False)
    assert offset_range(None, "day", vague=(2, 10)) == (2 * DAY, 10 * DAY, True)


@given(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
def test_seconds_round_trip(moment: dt.datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert from_seconds(to_seconds(moment)) == moment


def test_interval_value_grains() -> None:
    day = interval_value(dt.datetime(2016, 1, 8), dt.datetime(2016, 1, 9))
    assert (day.value, day.grain, day.approximate) == ("2016-01-08", Grain.DAY, False)
    month = interval_value(dt.datetime(2015, 6, 23), dt.datetime(2015, 7, 24))
    assert (month.value, month.grain, month.approximate) == ("2015-07", Grain.MONTH, True)
    week = interval_value(dt.datetime(2016, 3, 7), dt.datetime(2016, 3, 14))
    assert (week.value, week.approximate) == ("2016-W10", False)
    year = interval_value(dt.datetime(1066, 1, 1), dt.datetime(1067, 1, 1))
    assert (year.value, year.approximate) == ("1066", False)
    with pytest.raises(ValueError):
        interval_value(dt.datetime(2016, 1, 9), dt.datetime(2016, 1, 9))
